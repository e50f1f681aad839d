"""A document body cut into blocks (paragraphs, code, pipe tables, HTML tables) under their heading path.

`split_blocks` walks the lines of a body once: a block ends at a blank line, a heading, a page break
(form feed) or where a table starts or stops, and carries the headings in force. The types here are
shared by the table readers and the chunker: `Line`, `Block` and `TextUnit` (a piece of a document on its
way to becoming a passage).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from claimcheck.corpus.filings import (
    FILING_ITEM,
    FILING_ITEM_MAX_CHARS,
    FILING_PART,
    FILING_PART_MAX_CHARS,
    RUNNING_HEAD,
)
from claimcheck.corpus.text import cell_text, squash

CountTokens = Callable[[str], int]

_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*#*[ \t]*$")
# Heading level of a line that is dropped without changing the heading path.
_NO_LEVEL = 99
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_TABLE_DELIM = re.compile(r"\A\s*+\|?\s*+:?-++:?\s*+(?:\|\s*+:?-++:?\s*+)*+\|?\s*+$")
_HTML_TABLE_OPEN = re.compile(r"\A\s*+<table\b", re.IGNORECASE)
_HTML_TABLE_CLOSE = re.compile(r"</table\s*>", re.IGNORECASE)


@dataclass(frozen=True)
class Line:
    """One line of a document's raw text, by offsets."""

    start: int  # offset of the first character
    end: int  # offset after the last character, line ending excluded
    page_break: bool  # the line was ended by a form feed (pdftotext's page separator)

    def text(self, raw: str) -> str:
        return raw[self.start : self.end]


@dataclass(frozen=True)
class TextUnit:
    """A piece of a document on its way to becoming a passage."""

    start: int
    end: int
    section: tuple[str, ...]
    page: int | None
    text: str  # content for embedding, without the title/section prefix
    tokens: int
    mergeable: bool  # paragraphs merge with neighbours; table rows never do
    note: str | None = None  # the unit statement that governs it, e.g. "(in millions)"
    # a row read from cells printed apart (a label-column table's row across its columns): the cells' spans
    # in the raw text, in the order its text describes them
    cells: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Block:
    kind: str  # paragraph | code | table | html_table
    start: int
    end: int
    headings: tuple[str, ...]
    lines: tuple[Line, ...]


_LINE_END = re.compile(r"[\n\f]")


def _lines(raw: str, start: int, end: int) -> list[Line]:
    """Lines of raw[start:end]; a form feed ends a line like a newline does, and marks a page break."""
    lines: list[Line] = []
    pos = start
    for match in _LINE_END.finditer(raw, start, end):
        cut = match.start()
        content_end = cut - 1 if cut > pos and raw[cut - 1] == "\r" else cut
        lines.append(Line(pos, content_end, match.group() == "\f"))
        pos = cut + 1
    if pos < end:
        lines.append(Line(pos, end, False))
    return lines


def split_blocks(
    raw: str, start: int, end: int, *, items: Mapping[int, str] | None = None
) -> Iterator[Block]:
    """Split the body into blocks, tracking the heading path in force for each.

    `items` (for 10-Ks) maps the start offset of each Item heading line to its name: those lines open a
    top-level section, and other "PART II" / "Item 7." lines are not headings (they are the table of
    contents or cross-references). Without it, such lines are headings wherever they look like one.
    """
    lines = _lines(raw, start, end)
    stack: list[tuple[int, str]] = []

    def heading_of(line: Line) -> tuple[int, str] | None:
        if items is None:
            return _heading(line.text(raw))
        if line.start in items:
            return 0, items[line.start]
        text = line.text(raw)
        if (
            len(text) <= FILING_PART_MAX_CHARS and FILING_PART.fullmatch(text.strip())
        ) or RUNNING_HEAD.fullmatch(text):
            # "PART II" is implied by the items, "Table of Contents" is a link on every page: both are
            # skipped like headings without a name.
            return _NO_LEVEL, ""
        return _heading(text, filing_lines=False)

    i = 0
    while i < len(lines):
        line = lines[i]
        text = line.text(raw)
        if not text.strip():
            i += 1
            continue
        heading = heading_of(line)
        if heading is not None:
            level, name = heading
            while stack and stack[-1][0] >= level:
                stack.pop()
            if name:
                stack.append((level, name))
            i += 1
            continue
        headings = tuple(name for _, name in stack)
        fence = _FENCE.match(text)
        if fence is not None:
            j = i + 1
            while j < len(lines) and not lines[j].text(raw).lstrip().startswith(fence.group(1)):
                j += 1
            j = min(j, len(lines) - 1)
            yield Block("code", line.start, lines[j].end, headings, tuple(lines[i : j + 1]))
            i = j + 1
            continue
        if _HTML_TABLE_OPEN.match(text):
            j = i
            while j < len(lines) - 1 and not _HTML_TABLE_CLOSE.search(lines[j].text(raw)):
                j += 1
            yield Block("html_table", line.start, lines[j].end, headings, tuple(lines[i : j + 1]))
            i = j + 1
            continue
        if _is_table_start(raw, lines, i):
            j = i + 2
            while j < len(lines) and not lines[j - 1].page_break and "|" in lines[j].text(raw):
                j += 1
            yield Block("table", line.start, lines[j - 1].end, headings, tuple(lines[i:j]))
            i = j
            continue
        j = i
        while True:
            if lines[j].page_break or j + 1 >= len(lines):
                break
            following = lines[j + 1].text(raw)
            if (
                not following.strip()
                or heading_of(lines[j + 1]) is not None
                or _FENCE.match(following)
                or _HTML_TABLE_OPEN.match(following)
                or _is_table_start(raw, lines, j + 1)
            ):
                break
            j += 1
        yield Block("paragraph", line.start, lines[j].end, headings, tuple(lines[i : j + 1]))
        i = j + 1


def _heading(text: str, *, filing_lines: bool = True) -> tuple[int, str] | None:
    atx = _ATX.match(text)
    if atx is not None:
        name = cell_text(atx.group(2) or "")
        # An empty heading ("##" alone, a spacer in Meta's model cards) leaves the heading path as it is.
        return (len(atx.group(1)), name) if name else (_NO_LEVEL, "")
    if not filing_lines:
        return None
    if len(text) <= FILING_PART_MAX_CHARS and FILING_PART.match(text):
        return 1, squash(text)
    if len(text) <= FILING_ITEM_MAX_CHARS and FILING_ITEM.match(text):
        return 2, squash(text)
    return None


def _is_table_start(raw: str, lines: Sequence[Line], i: int) -> bool:
    if i + 1 >= len(lines) or lines[i].page_break:
        return False
    header, delimiter = lines[i].text(raw), lines[i + 1].text(raw)
    return "|" in header and "|" in delimiter and "-" in delimiter and bool(_TABLE_DELIM.match(delimiter))
