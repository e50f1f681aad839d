"""YAML front matter, the `---` … `---` block at the top of a file, found and parsed in one place.

Corpus files (`claimcheck.corpus.load`) and transcripts (`claimcheck.transcripts.frontmatter`) both read
it through `read_front_matter`; each keeps the fence rules its files have always had (`FenceStyle`) and
turns a `FrontMatterError` into its own error (`CorpusError`, `TranscriptError`) in its own words. What
the keys mean is the caller's business: this module returns the mapping as YAML parsed it.

Both styles close the block at the first `---` or `...` line and want the YAML to be a mapping.

The YAML is read by `FrontMatterLoader`, PyYAML's safe loader made stricter for files from anywhere: anchors
and aliases are refused (a few hundred bytes of nested aliases expand to gigabytes), nesting is capped, and
no timestamp is resolved, so a date stays the string it was written as and the caller reads it (`iso_date`)
with its own file:line error. A block longer than `max_front_matter_chars` is refused before YAML sees it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.nodes import Node

from claimcheck.settings import Settings
from claimcheck.text import lone_surrogate

FENCE = "---"
CLOSERS = ("---", "...")

_EXACT_OPEN = re.compile(r"---[ \t]*")
_EXACT_CLOSE = re.compile(r"(?:---|\.\.\.)[ \t]*")
# (The lookbehinds let `search` start only at the start of a word, so it stays linear on long words.)
_KEY = re.compile(r"(?<![\w-])([A-Za-z_][\w-]*)\s*:")

# The cap `read_front_matter` applies when its caller passes none (corpus loading, which has no settings).
DEFAULT_MAX_CHARS: int = Settings.model_fields["max_front_matter_chars"].default
# Deepest nesting of lists and mappings accepted in a block. Front matter is `key: value` lines, a list of
# speakers or a mapping per speaker at most (depth 3); 20 leaves room and stays far from Python's recursion
# limit, which PyYAML's recursive composer would otherwise hit as a RecursionError near depth 300.
MAX_DEPTH = 20
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class FenceStyle(StrEnum):
    """How a file's fences are read (each caller keeps the rules its files always had)."""

    # Corpus files: the opening fence is the file's first line (after a byte order mark) and both fences
    # start their line, with only spaces or tabs (and a CR before the line break) after them. The YAML
    # keeps its line breaks, and a problem at its very end (an unclosed `[`) is reported where the open
    # construct starts.
    EXACT = "exact"
    # Transcripts: blank lines may come first and whitespace around a fence is ignored. The YAML is the
    # lines between the fences joined by "\n", and a problem is reported where YAML found it.
    PADDED = "padded"


class FrontMatterFault(StrEnum):
    UNCLOSED = "unclosed"  # an opening fence without a closing one
    INVALID_YAML = "invalid-yaml"  # the block is not YAML
    NOT_A_MAPPING = "not-a-mapping"  # the block is YAML, but not `key: value` lines
    TOO_LONG = "too-long"  # no closing fence within the size cap (`problem` holds the cap)


class FrontMatterError(Exception):
    """What is wrong with a file's front matter; callers re-raise it as their own error.

    `line` is the 1-based file line to point at. `problem` is YAML's description of the problem (None
    when it gave none) for INVALID_YAML, the Python type name of what YAML found for NOT_A_MAPPING, and the
    cap in characters for TOO_LONG; `yaml_message` is the YAML exception's whole text (INVALID_YAML only).
    """

    def __init__(
        self, fault: FrontMatterFault, line: int, problem: str | None = None, yaml_message: str = ""
    ) -> None:
        super().__init__(f"line {line}: {fault.value} front matter")
        self.fault = fault
        self.line = line
        self.problem = problem
        self.yaml_message = yaml_message


@dataclass(frozen=True)
class FrontMatter:
    """A file's front matter: the mapping and where the block sits among the file's lines."""

    data: dict[str, object]  # the keys as YAML parsed them (keys made str)
    text: str  # the YAML between the fences
    open_line: int  # 0-based index of the opening fence among the lines
    close_line: int  # 0-based index of the closing fence; the body starts on the next line

    def key_lines(self) -> dict[str, int]:
        """The 1-based file line of each top-level `key:` in the block (the first, for a repeated key)."""
        lines: dict[str, int] = {}
        for number, text in enumerate(self.text.splitlines(), start=self.open_line + 2):
            match = _KEY.match(text)
            if match and match.group(1) not in lines:
                lines[match.group(1)] = number
        return lines


def read_front_matter(
    lines: Sequence[str], style: FenceStyle, *, max_chars: int = DEFAULT_MAX_CHARS
) -> FrontMatter | None:
    """The front matter at the top of `lines` (a file's text split on "\\n"), or None when there is none.

    Raises `FrontMatterError` for an opening fence that is never closed, a block (or an unclosed fence's
    rest of the file) longer than `max_chars`, YAML that does not parse or uses anchors, aliases or deep
    nesting, and YAML that is not a mapping (an empty block is an empty mapping).
    """
    first = _opening_line(lines, style)
    if first is None:
        return None
    close = _closing_line(lines, first, style, max_chars)
    between = lines[first + 1 : close]
    text = "".join(f"{line}\n" for line in between) if style is FenceStyle.EXACT else "\n".join(between)
    data = _parse_mapping(text, first, style)
    return FrontMatter(data=data, text=text, open_line=first, close_line=close)


def _closing_line(lines: Sequence[str], first: int, style: FenceStyle, max_chars: int) -> int:
    """The index of the fence that closes the block opened at `first`, looking no further than `max_chars`."""
    size = 0
    for i in range(first + 1, len(lines)):
        if _is_closer(lines[i], style, last=i == len(lines) - 1):
            return i
        size += len(lines[i]) + 1
        if size > max_chars:
            raise FrontMatterError(FrontMatterFault.TOO_LONG, first + 1, str(max_chars))
    raise FrontMatterError(FrontMatterFault.UNCLOSED, first + 1)


def _opening_line(lines: Sequence[str], style: FenceStyle) -> int | None:
    if style is FenceStyle.EXACT:
        # The fence must be followed by a line break, so a one-line file has no front matter.
        if len(lines) < 2 or not _EXACT_OPEN.fullmatch(_without_cr(lines[0])):
            return None
        return 0
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or lines[first].strip() != FENCE:
        return None
    return first


def _is_closer(line: str, style: FenceStyle, *, last: bool) -> bool:
    if style is FenceStyle.EXACT:
        # A CR counts as part of the line break only where a "\n" follows it.
        return _EXACT_CLOSE.fullmatch(line if last else _without_cr(line)) is not None
    return line.strip() in CLOSERS


def _without_cr(line: str) -> str:
    return line[:-1] if line.endswith("\r") else line


# A top-level `key: value` line whose plain value holds ": " ("title: Amazon's 2017: AWS and more"),
# which YAML rejects ("mapping values are not allowed here") but every editor's export writes. The value's
# first character must not start a YAML construct (a quote, a flow collection, a block scalar, an alias…).
_KEY_AND_VALUE = re.compile(r"(?<![\w-])([A-Za-z_][\w-]*:[ \t]+)(.*)")
_CONSTRUCT_STARTS = frozenset("\"'[{|>&*!#%@`")


def _quote_colon_values(text: str) -> str | None:
    """`text` with each top-level plain value that holds ": " double-quoted, or None when there is none."""
    changed = False
    out: list[str] = []
    for line in text.split("\n"):
        match = _KEY_AND_VALUE.fullmatch(line)
        value = match.group(2).rstrip(" \t") if match else ""
        plain = bool(value) and not value[0].isspace() and value[0] not in _CONSTRUCT_STARTS
        if match and plain and ": " in value[1:]:
            value = value.replace("\\", "\\\\").replace('"', '\\"')
            line = f'{match.group(1)}"{value}"'
            changed = True
        out.append(line)
    return "\n".join(out) if changed else None


class FrontMatterLoader(yaml.SafeLoader):
    """PyYAML's safe loader without anchors, aliases, deep nesting or timestamps (module docstring)."""

    # Every implicit type of the safe loader except timestamps: `date: 2025-13-45` stays a string.
    yaml_implicit_resolvers = {  # noqa: RUF012 - PyYAML's own class attribute, never mutated here
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP_TAG]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise ComposerError(None, None, "anchors and aliases (& and *) are not allowed", event.start_mark)
        if self._depth >= MAX_DEPTH:
            raise ComposerError(None, None, f"nested more than {MAX_DEPTH} levels deep", event.start_mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


# An explicit `!!timestamp` tag is read as the string it tags, like an untagged date.
def _timestamp_as_text(loader: FrontMatterLoader, node: Node) -> str:
    return str(loader.construct_scalar(node))  # type: ignore[arg-type]


FrontMatterLoader.add_constructor(_TIMESTAMP_TAG, _timestamp_as_text)

# A date or timestamp as YAML 1.1 writes it: "2025-03-14", "2025-3-4", "2025-03-14 10:00:00", "…T10:00Z".
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|[ \t]+)\d.*)?")


def iso_date(text: str) -> dt.date | None:
    """The date a YAML date or timestamp string names (its date part, as YAML's timestamps gave), or None
    when `text` has another shape. Raises `ValueError` saying why for an impossible one ("2025-13-45")."""
    match = _ISO_DATE.fullmatch(text.strip())
    if match is None:
        return None
    year, month, day = (int(group) for group in match.groups())
    return dt.date(year, month, day)


def _parse_yaml(text: str) -> object:
    return yaml.load(text, Loader=FrontMatterLoader)  # a SafeLoader subclass: no arbitrary objects


def _load_yaml(text: str) -> object:
    """YAML's reading of the block; when YAML rejects it, the reading with colon-holding values quoted
    (if that parses), else YAML's own error."""
    try:
        return _parse_yaml(text)
    except yaml.YAMLError:
        quoted = _quote_colon_values(text)
        if quoted is None:
            raise
        try:
            return _parse_yaml(quoted)
        except yaml.YAMLError:
            pass
        raise


def _parse_mapping(text: str, open_line: int, style: FenceStyle) -> dict[str, object]:
    try:
        data = _load_yaml(text)
    except ValueError as exc:  # PyYAML's scanner: an escape beyond U+10FFFF ("\U0e001B92")
        raise FrontMatterError(FrontMatterFault.INVALID_YAML, open_line + 1, f"{exc}", str(exc)) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        if style is FenceStyle.EXACT and mark is not None and mark.line >= len(text.splitlines()):
            # "expected ']' but got end of stream": the construct that is left open is the better pointer.
            mark = getattr(exc, "context_mark", None) or mark
        # YAML marks are 0-based within the block, whose first line follows the opening fence.
        line = open_line + 2 + mark.line if mark is not None else open_line + 1
        raise FrontMatterError(
            FrontMatterFault.INVALID_YAML, line, getattr(exc, "problem", None), str(exc)
        ) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FrontMatterError(FrontMatterFault.NOT_A_MAPPING, open_line + 2, type(data).__name__)
    problem = lone_surrogate(data)
    if problem is not None:  # "\ud800" is no character: no draft, index or page could hold it
        raise FrontMatterError(FrontMatterFault.INVALID_YAML, open_line + 1, problem, problem)
    return {str(key): value for key, value in data.items()}
