"""The `claimcheck` group (its `--config` and `--version`) and the console script's entry point."""

from __future__ import annotations

from pathlib import Path

import click

from claimcheck.cli.options import FILE
from claimcheck.offline import enable_offline


@click.group()
@click.option(
    "--config",
    type=FILE,
    default=None,
    help="Settings file (TOML). Default: ./claimcheck.toml if present.",
)
@click.version_option(package_name="claimcheck")
def cli(config: Path | None) -> None:
    """Fact-check tech interviews against a corpus of primary sources.

    \b
    Example:
        claimcheck run samples/zuck-open-source-ep.txt && claimcheck publish --include-drafts
    """


def main() -> None:
    enable_offline()
    cli(prog_name="claimcheck")
