"""The README cannot drift from the code (in the style of sqlite-utils' tests/test_docs.py): every command
and every option has its place in the generated command reference, every setting is commented and in the
settings table, and the README is what `cog` would write now."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from pydantic import BaseModel, Field

from claimcheck.cli.docs import (
    command_at,
    command_options,
    json_shape,
    settings_docs,
    settings_table,
    walk_commands,
)
from claimcheck.cli.lines import SearchLine, VerdictLine
from claimcheck.settings import Settings

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def generated(function: str) -> str:
    """What cog wrote into the README for the block that calls `function`."""
    block = r"\[\[\[cog\n(?:.*\n)*?.*\b" + function + r"\(\).*\n\]\]\] -->\n"
    match = re.search(block + r"(?P<out>(?:.*\n)*?)<!-- \[\[\[end\]\]\]", README)
    assert match, f"README.md has no cog block calling {function}()"
    return match["out"]


REFERENCE = generated("command_reference")
SECTIONS = {part.split("`", 1)[0]: part for part in re.split(r"^### `", REFERENCE, flags=re.MULTILINE)[1:]}
PATHS = [(), *walk_commands()]
OPTIONS = [(path, option) for path in PATHS for option in command_options(command_at(path))]


def name(path: tuple[str, ...]) -> str:
    return " ".join(("claimcheck", *path))


@pytest.mark.parametrize("path", PATHS, ids=[name(p) for p in PATHS])
def test_every_command_has_a_section_in_the_reference(path: tuple[str, ...]) -> None:
    section = SECTIONS.get(name(path))
    assert section is not None, f"no `### {name(path)}` section in the README's command reference"
    help_text = command_at(path).help or ""
    first_line = help_text.split("\n\n")[0].split("\n")[0]
    assert first_line in section.replace("\\", "")  # markdown escapes (`\<slug>`) aside


@pytest.mark.parametrize(("path", "option"), OPTIONS, ids=[f"{name(p)} {o.opts[0]}" for p, o in OPTIONS])
def test_every_option_is_documented_under_its_command(path: tuple[str, ...], option: click.Option) -> None:
    section = SECTIONS[name(path)]
    for flag in option.opts:
        assert f"- `{flag}" in section, f"{flag} of `{name(path)}` is not in its README section"


def test_the_reference_lists_the_commands_click_knows() -> None:
    assert set(SECTIONS) == {name(p) for p in PATHS}
    assert ("review", "approve") in PATHS and ("index", "search") in PATHS


FIELDS = list(Settings.model_fields)
COMMENTS = {n: doc.comment for doc in settings_docs() for n in doc.names}


@pytest.mark.parametrize(
    "field",
    FIELDS,
)
def test_every_setting_has_a_comment(field: str) -> None:
    assert COMMENTS[field], f"Settings.{field} has no `# comment` above it in claimcheck/settings.py"


@pytest.mark.parametrize("field", FIELDS)
def test_every_setting_is_in_the_settings_table(field: str) -> None:
    assert f"`{field}`" in generated("settings_table")


def test_the_settings_table_reads_groups_sections_and_defaults() -> None:
    class Example(BaseModel):
        # --- first -----------------------------------------------------------
        # Said of `a` alone,
        # on two lines.
        a: int = 200_000
        # Said of b and c together.
        b: float = 0.5
        c: bool = True

        # --- second ---
        d: str | None = None
        e: Path = Field(default_factory=lambda: Path("output"))

    docs = settings_docs(Example)
    assert [(d.section, d.names, d.defaults, d.comment) for d in docs] == [
        ("first", ["a"], ["`200_000`"], "Said of `a` alone, on two lines."),
        ("first", ["b", "c"], ["`0.5`", "`true`"], "Said of b and c together."),
        ("second", ["d", "e"], ["unset", '`"output"`'], ""),
    ]


def test_fields_under_one_comment_share_it() -> None:
    assert COMMENTS["stance_contradict_threshold"] == COMMENTS["stance_support_threshold"] != ""


def test_json_shapes_follow_the_line_models() -> None:
    hits = '{"passage_id","doc_id","text","quote","score","citation"}'
    assert json_shape(SearchLine) == '{"id","hits":[' + hits + "]}"
    evidence = '{"doc_id","passage_id","quote","citation"}'
    verdict = '{"id","label","confidence","needs_review","rationale","evidence":[' + evidence + "]}"
    assert json_shape(VerdictLine) == verdict


def test_settings_table_is_one_markdown_table() -> None:
    rows = settings_table().splitlines()
    assert all((row.startswith("| ") and row.endswith(" |")) or row.startswith("|---") for row in rows)
    assert {row.count(" | ") for row in rows[2:]} == {3}


def test_the_readme_is_what_cog_would_write() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run(
        [sys.executable, "-m", "cogapp", "--check", "--diff", "README.md"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, "README.md is out of date: run `.venv/bin/cog -r README.md`\n" + proc.stdout
