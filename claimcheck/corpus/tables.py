"""Table rows as passage units, and the unit statements ("(in millions)") that scale a table's figures.

Each row of a markdown pipe table or an HTML `<table>` becomes one `TextUnit` whose text repeats the
column headers next to the values ("405B | Context length: 128k"), while its span is the row in the file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from claimcheck.corpus.blocks import Block, CountTokens, TextUnit
from claimcheck.corpus.filings import PAGE_LABEL
from claimcheck.corpus.text import strip_inline, trimmed

_HTML_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr\s*>", re.IGNORECASE | re.DOTALL)
_HTML_CELL = re.compile(r"<(t[dh])\b([^>]*)>(.*?)</t[dh]\s*>", re.IGNORECASE | re.DOTALL)
_HTML_ROWSPAN = re.compile(r"rowspan\s*=\s*[\"']?(\d+)", re.IGNORECASE)

# --------------------------------------------------------------------------------------------------
# unit statements

# "(in millions)", "(Dollars in Millions)", "($ in millions, except per share data)", "(Millions)",
# "(Amounts in thousands)"; or a short line that starts "In millions" / "Dollars in millions".
# "(Shares in thousands)" scales share counts, not amounts, and is left alone.
_UNIT_IN_PARENS = re.compile(
    r"\(\s*(?:(?:dollars|amounts|\$|us\$|usd)\s+)?(?:in\s+)?(thousands|millions|billions)\b", re.IGNORECASE
)
_UNIT_LINE = re.compile(
    r"^[ \t]*(?:(?:dollars|amounts|\$)\s+)?in\s+(thousands|millions|billions)\b", re.IGNORECASE | re.MULTILINE
)
_UNIT_LINE_MAX_CHARS = 60
# Text of at least this many words that ends a sentence and in which fewer than 10% of the tokens are
# bare figures (years and percentages aside) is prose: it ends the reach of a unit statement, and its own
# figures are never scaled (a "67,317 employees" sentence after a table in millions is not 67 billion
# employees). Table text in the 10-Ks is a quarter to a half bare figures; MD&A prose has almost none
# outside years and percentages. "See accompanying notes to consolidated financial statements." is 7 words.
_PROSE_MIN_WORDS = 15
_PROSE_MAX_FIGURE_SHARE = 0.1
_PROSE_END = re.compile(r"[.!?][\"'”’)\]]*\s*$")
_BARE_FIGURE = re.compile(r"[($]*-?\d[\d,]*(?:\.\d+)?\)?[,;:]?")
_YEAR_TOKEN = re.compile(r"(?:19|20)\d\d[,;:.]?")


def unit_statement(text: str) -> str | None:
    """The scale a unit statement in `text` declares, as "(in millions)" (thousands, billions), or None."""
    match = _UNIT_IN_PARENS.search(text)
    if match is None:
        for line_match in _UNIT_LINE.finditer(text):
            line_end = text.find("\n", line_match.start())
            line = text[line_match.start() : line_end if line_end >= 0 else len(text)]
            if len(line.strip()) <= _UNIT_LINE_MAX_CHARS:
                match = line_match
                break
    if match is None:
        return None
    return f"(in {match.group(1).lower()})"


def is_prose(text: str) -> bool:
    """Whether `text` reads as prose rather than table text (see `_PROSE_MIN_WORDS`)."""
    lines = text.rstrip().rsplit("\n", 1)
    if len(lines) == 2 and PAGE_LABEL.fullmatch(lines[1].strip()):
        text = lines[0]  # the page number printed under the last paragraph
    tokens = text.split()
    words = sum(1 for token in tokens if token[0].isalpha())
    if words < _PROSE_MIN_WORDS or _PROSE_END.search(text) is None:
        return False
    figures = sum(1 for t in tokens if _BARE_FIGURE.fullmatch(t) and not _YEAR_TOKEN.fullmatch(t))
    return figures < _PROSE_MAX_FIGURE_SHARE * len(tokens)


# --------------------------------------------------------------------------------------------------
# table rows


def _pipe_cells(text: str) -> list[str]:
    body = text.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return [strip_inline(cell.replace("\\|", "|")) for cell in re.split(r"(?<!\\)\|", body)]


def _describe_row(headers: Sequence[str], cells: Sequence[str]) -> str:
    """'405B | Context length: 128k | GQA: Yes': the first cell names the row, the rest carry headers."""
    parts: list[str] = []
    for column, cell in enumerate(cells):
        if not cell:
            continue
        header = headers[column] if column < len(headers) else ""
        parts.append(f"{header}: {cell}" if header and column > 0 else cell)
    return " | ".join(parts)


def pipe_table_units(
    raw: str,
    block: Block,
    section: tuple[str, ...],
    page: int | None,
    note: str | None,
    count_tokens: CountTokens,
) -> list[TextUnit]:
    header_line, rows = block.lines[0], block.lines[2:]
    headers = _pipe_cells(header_line.text(raw))
    units: list[TextUnit] = []
    for row in rows or (header_line,):
        start, end = trimmed(raw, row.start, row.end)
        cells = _pipe_cells(raw[start:end])
        text = _describe_row(headers, cells) if rows else " | ".join(c for c in headers if c)
        if text:
            units.append(TextUnit(start, end, section, page, text, count_tokens(text), False, note))
    return units


def html_table_units(
    raw: str,
    block: Block,
    section: tuple[str, ...],
    page: int | None,
    note: str | None,
    count_tokens: CountTokens,
) -> list[TextUnit]:
    """One unit per `<tr>` after the first (the header row); rowspan cells repeat in the rows below."""
    rows: list[tuple[int, int, list[str]]] = []
    carried: dict[int, tuple[str, int]] = {}  # column -> (text, rows still to fill)
    for match in _HTML_ROW.finditer(raw, block.start, block.end):
        cells: list[str] = []
        column = 0
        for cell in _HTML_CELL.finditer(match.group(1)):
            while column in carried:
                cells.append(_take_carried(carried, column))
                column += 1
            text = strip_inline(cell.group(3))
            span = _HTML_ROWSPAN.search(cell.group(2))
            if span is not None and int(span.group(1)) > 1:
                carried[column] = (text, int(span.group(1)) - 1)
            cells.append(text)
            column += 1
        while column in carried:
            cells.append(_take_carried(carried, column))
            column += 1
        rows.append((match.start(), match.end(), cells))
    if not rows:
        start, end = trimmed(raw, block.start, block.end)
        text = strip_inline(raw[start:end])
        return [TextUnit(start, end, section, page, text, count_tokens(text), False, note)] if text else []
    headers = rows[0][2]
    body = rows[1:] or rows[:1]
    units: list[TextUnit] = []
    for start, end, cells in body:
        text = _describe_row(headers, cells) if len(rows) > 1 else " | ".join(c for c in cells if c)
        if text:
            units.append(TextUnit(start, end, section, page, text, count_tokens(text), False, note))
    return units


def _take_carried(carried: dict[int, tuple[str, int]], column: int) -> str:
    text, remaining = carried[column]
    if remaining <= 1:
        del carried[column]
    else:
        carried[column] = (text, remaining - 1)
    return text
