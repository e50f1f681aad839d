"""The README's generated parts: the command reference (from the click tree) and the settings table (from
`Settings` and the comments above its fields). README.md calls these in `[[[cog ... ]]]` blocks; `cog -r
README.md` rewrites them and `cog --check README.md` (in .ci/run) fails when the README is behind the code.

A field's comment is the block of `#` lines directly above it; a field with none directly below another field
shares that field's comment (`stance_support_threshold` and `stance_contradict_threshold`). `# --- name ---`
lines open a section.
"""

from __future__ import annotations

import ast
import inspect
import io
import re
import textwrap
import tokenize
from dataclasses import dataclass, field
from enum import Enum
from pathlib import PurePath
from typing import Any

import click
from pydantic import BaseModel

from claimcheck import settings as settings_module
from claimcheck.cli import lines
from claimcheck.cli.root import cli
from claimcheck.settings import Settings

_SECTION = re.compile(r"^#\s*-{3,}\s*(?P<name>.*?)\s*-*\s*$")
_TAG_START = re.compile(r"<(?=[A-Za-z/])")


@dataclass(frozen=True)
class CommandDoc:
    """One command as the reference shows it: its path, usage, help paragraphs, options and example."""

    path: tuple[str, ...]
    usage: str
    paragraphs: list[str]
    options: list[tuple[str, str]]
    example: str | None
    json_line: str | None

    @property
    def name(self) -> str:
        return " ".join(("claimcheck", *self.path))


@dataclass
class SettingDoc:
    """A run of `Settings` fields under one comment (most runs are one field)."""

    section: str
    names: list[str] = field(default_factory=list)
    defaults: list[str] = field(default_factory=list)
    comment: str = ""


# ------------------------------------------------------------------------------------------- commands


def walk_commands(group: click.Group = cli, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command path under `group`, each group before its commands, in the order they were added."""
    found: list[tuple[str, ...]] = []
    for name, command in group.commands.items():
        path = (*prefix, name)
        found.append(path)
        if isinstance(command, click.Group):
            found.extend(walk_commands(command, path))
    return found


def command_at(path: tuple[str, ...]) -> click.Command:
    command: click.Command = cli
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    return command


def command_options(command: click.Command) -> list[click.Option]:
    """The options a user types (`--help` aside)."""
    return [p for p in command.params if isinstance(p, click.Option) and p.name != "help"]


def describe(path: tuple[str, ...]) -> CommandDoc:
    command = command_at(path)
    ctx = click.Context(command, info_name=" ".join(("claimcheck", *path)))
    paragraphs: list[str] = []
    example: str | None = None
    for block in inspect.cleandoc(command.help or "").split("\n\n"):
        text = [line.strip() for line in block.splitlines() if line.strip() != "\b"]
        if text and text[0] == "Example:":
            example = " ".join(text[1:])
        elif text:
            paragraphs.append(" ".join(text))
    options = [record for o in command_options(command) if (record := o.get_help_record(ctx)) is not None]
    line_model = lines.json_lines().get(" ".join(path))
    return CommandDoc(
        path=path,
        usage=" ".join(command.collect_usage_pieces(ctx)),
        paragraphs=paragraphs,
        options=options,
        example=example,
        json_line=json_shape(line_model) if line_model is not None else None,
    )


def json_shape(model: type[BaseModel]) -> str:
    """A line model's keys in the README's notation: `{"id","hits":[{"passage_id",…}]}`."""
    keys: list[str] = []
    for name, info in model.model_fields.items():
        inner = _line_model(info.annotation)
        keys.append(f'"{name}":[{json_shape(inner)}]' if inner is not None else f'"{name}"')
    return "{" + ",".join(keys) + "}"


def _line_model(annotation: Any) -> type[BaseModel] | None:
    """The model of a `list[Model]` field whose model is one of the CLI's line models, else None."""
    args = getattr(annotation, "__args__", ())
    if getattr(annotation, "__origin__", None) is list and args and isinstance(args[0], type):
        model = args[0]
        if issubclass(model, BaseModel) and model.__module__ == lines.__name__:
            return model
    return None


def command_reference() -> str:
    """The README's command reference: one section per command, groups before their commands."""
    out: list[str] = []
    for path in [(), *walk_commands()]:
        doc = describe(path)
        out.append(f"### `{doc.name}`")
        out.append("")
        out.append(f"`{doc.name} {doc.usage}`")
        out.append("")
        out.extend(_markdown(p) + "\n" for p in doc.paragraphs)
        for option, help_text in doc.options:
            out.append(f"- `{option}`" + (f" — {_markdown(help_text)}" if help_text else ""))
        if doc.json_line:
            out.append(f"- each `--json` line: `{doc.json_line}`")
        if doc.example:
            out.append(f"- example: `{doc.example}`")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _markdown(text: str) -> str:
    """Plain text made safe for markdown: `<slug>` is not taken for a tag, `|` stays in its table cell and
    two `$` figures are not taken for inline maths. Code spans (between backticks) are left as they are."""
    parts = text.split("`")
    for i in range(0, len(parts), 2):
        parts[i] = _TAG_START.sub(r"\\<", parts[i].replace("|", r"\|").replace("$", r"\$"))
    return "`".join(parts)


# ------------------------------------------------------------------------------------------- settings


def settings_docs(model: type[BaseModel] = Settings) -> list[SettingDoc]:
    """The fields of `model` (`Settings`) in source order, grouped by the comment above them, with their
    defaults."""
    source = textwrap.dedent(inspect.getsource(model))
    comments = _comment_lines(source)
    body = next(n for n in ast.parse(source).body if isinstance(n, ast.ClassDef)).body
    docs: list[SettingDoc] = []
    section = ""
    previous_end = -1
    for node in body:
        if not (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)):
            continue
        if node.target.id not in model.model_fields:  # a ClassVar
            continue
        block: list[str] = []
        line = node.lineno - 1
        while line in comments and _SECTION.match(comments[line]) is None:
            block.insert(0, comments[line].lstrip("#").strip())
            line -= 1
        if line in comments and (match := _SECTION.match(comments[line])):
            section = match["name"]
        name = node.target.id
        if block or previous_end != node.lineno - 1 or not docs:
            docs.append(SettingDoc(section=section, comment=" ".join(block)))
        docs[-1].names.append(name)
        docs[-1].defaults.append(_default(model, name))
        previous_end = node.end_lineno or node.lineno
    return docs


def _comment_lines(source: str) -> dict[int, str]:
    """Line number -> text of every line that holds only a comment."""
    found: dict[int, str] = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT and token.line.strip().startswith("#"):
            found[token.start[0]] = token.string
    return found


def _default(model: type[BaseModel], name: str) -> str:
    """A field's default as it would be written in claimcheck.toml."""
    info = model.model_fields[name]
    value = info.get_default(call_default_factory=True)
    if value is None:
        return "unset"
    if isinstance(value, PurePath) and value.is_absolute():  # found from the checkout: say where in it
        try:
            value = value.relative_to(settings_module.REPO_DIR)
        except ValueError:
            return f"`{getattr(info.default_factory, '__name__', value)}()`"
    return f"`{_toml(value)}`"


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, str | PurePath):
        return f'"{value}"'
    if isinstance(value, int) and abs(value) >= 10_000:
        return f"{value:_}"
    return repr(value)


def settings_table() -> str:
    """The README's settings table: every field, its default and its comment, in source order."""
    out = ["| section | setting | default | what it is, and how it was chosen |", "|---|---|---|---|"]
    section = None
    for doc in settings_docs():
        shown = doc.section if doc.section != section else ""
        section = doc.section
        names = "<br>".join(f"`{n}`" for n in doc.names)
        out.append(f"| {shown} | {names} | {'<br>'.join(doc.defaults)} | {_markdown(doc.comment)} |")
    return "\n".join(out) + "\n"
