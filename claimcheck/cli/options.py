"""What the commands share: option decorators, turning library errors into messages, settings, the index.

Each repeated option is declared once here as a decorator (`--out`, `--json`, `--quiet`, `--index`,
`--corpus | --index`, `--nli-model`, `--editor`, `--note`); `friendly_errors` is the one place where a
`ClaimcheckError` becomes a `click.ClickException`. Nothing heavy is imported at module level, so `--help`
stays fast.
"""

from __future__ import annotations

import functools
import json
import os
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

import click
from pydantic import BaseModel

from claimcheck.errors import ClaimcheckError, ClaimcheckWarning
from claimcheck.models import Label
from claimcheck.settings import Settings, load_settings

if TYPE_CHECKING:
    from claimcheck.index import EvidenceIndex

F = TypeVar("F", bound=Callable[..., Any])

LABEL_CHOICE = click.Choice([label.value for label in Label])
DIRECTORY = click.Path(file_okay=False, path_type=Path)
FILE = click.Path(dir_okay=False, path_type=Path)


def friendly_errors(func: F) -> F:
    """Library errors become one clear line and a non-zero exit, never a traceback; the library's
    warnings (a corpus file skipped, a cache rebuilt) are printed as they come, one "Warning: …" line
    each on stderr."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("always", ClaimcheckWarning)
                warnings.showwarning = _warning_printer(warnings.showwarning)
                return func(*args, **kwargs)
        except ClaimcheckError as exc:
            raise click.ClickException(exc.message()) from None
        except BrokenPipeError:  # `claimcheck review list | head`: the reader has all it wanted
            _silence_stdout()
            raise SystemExit(0) from None
        except OSError as exc:  # disk full, permission denied… on a path the user chose
            where = f"{exc.filename}: " if exc.filename else ""
            raise click.ClickException(f"{where}{exc.strerror or exc}") from None

    return wrapper  # type: ignore[return-value]


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that flushing what is left at exit does not fail a second time."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # a test runner's in-memory stdout
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def _warning_printer(fallback: Callable[..., None]) -> Callable[..., None]:
    """A `warnings.showwarning` that prints a `ClaimcheckWarning` as one "Warning: …" line on stderr and
    hands any other warning to `fallback` (how Python showed it before)."""

    def show(
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: TextIO | None = None,
        line: str | None = None,
    ) -> None:
        if issubclass(category, ClaimcheckWarning):
            click.echo(f"Warning: {message}", err=True)
        else:
            fallback(message, category, filename, lineno, file, line)

    return show


def out_option(func: F) -> F:
    return click.option(
        "--out",
        "out_dir",
        type=DIRECTORY,
        default=None,
        help="Output folder (drafts, review store, site). Default: ./output",
    )(func)


def json_option(func: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")(func)


def quiet_option(func: F) -> F:
    """`--quiet`: no progress bars. Bars are drawn on stderr only when it is a terminal (and not when
    `--json` lines go to that same screen), so stdout only ever carries the command's output."""
    return click.option(
        "--quiet",
        is_flag=True,
        help="No progress bars (drawn on stderr, and only when it is a terminal).",
    )(func)


def index_option(func: F) -> F:
    """`--index DIR`, required: the commands that work on a saved index."""
    return click.option("--index", "index_dir", type=DIRECTORY, required=True)(func)


def corpus_or_index(func: F) -> F:
    """`--corpus DIR | --index DIR`, at most one: the corpus to index (cached), or a prebuilt index."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if kwargs["corpus_dir"] is not None and kwargs["index_dir"] is not None:
            raise click.UsageError("give --corpus or --index, not both")
        return func(*args, **kwargs)

    decorated = click.option(
        "--corpus",
        "corpus_dir",
        type=DIRECTORY,
        default=None,
        help="Corpus folder to index (cached under OUT/.index). Default: the shipped corpus.",
    )(wrapper)
    return click.option(  # type: ignore[return-value]
        "--index",
        "index_dir",
        type=DIRECTORY,
        default=None,
        help="A prebuilt index (from `claimcheck index build`).",
    )(decorated)


def nli_option(func: F) -> F:
    return click.option(
        "--nli-model",
        type=DIRECTORY,
        default=None,
        help="Local cross-encoder folder to use instead of the shipped verifier (labels from config.json).",
    )(func)


def editor_option(func: F) -> F:
    return click.option(
        "--editor",
        envvar="CLAIMCHECK_EDITOR",
        required=True,
        help="Who is deciding (or set CLAIMCHECK_EDITOR).",
    )(func)


def note_option(func: F) -> F:
    return click.option("--note", default=None)(func)


def decision_options(func: F) -> F:
    """What every `review set|approve|reject` takes: `--note`, `--editor`, `--out`, the context, and
    library errors turned into messages."""
    return note_option(editor_option(out_option(click.pass_context(friendly_errors(func)))))  # type: ignore[return-value]


def settings_from(ctx: click.Context, **overrides: Any) -> Settings:
    """The settings for this invocation: defaults, the `--config` file (or ./claimcheck.toml), flags."""
    config = ctx.find_root().params.get("config")
    return load_settings(config, **overrides)


def load_index(ctx: click.Context, index_dir: Path) -> EvidenceIndex:
    """The saved index in `index_dir`, opened with the embedder the settings name (the folder is checked
    before the embedder loads)."""
    from claimcheck.embedding import load_embedder
    from claimcheck.index import EvidenceIndex
    from claimcheck.preflight import check_index_dir

    check_index_dir(index_dir)
    settings = settings_from(ctx)
    return EvidenceIndex.load(index_dir, load_embedder(settings), settings)


def emit(line: BaseModel) -> None:
    """Print one `--json` line: the model's fields in declaration order, non-ASCII kept as is."""
    click.echo(json.dumps(line.model_dump(mode="json"), ensure_ascii=False, sort_keys=False))
