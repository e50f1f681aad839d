"""Table rows as passage units, the cells of a row passage, and the unit statements that scale figures.

Each row of a markdown pipe table or an HTML `<table>` becomes one `TextUnit` whose span is the row in the
file (so a quote is always an exact substring of it) and whose text describes the row: its label, then each
cell after its column header ("Llama 3.1 405B | Training Time (GPU hours): 30.84M | ..."). HTML tables are
read as a browser lays them out: `rowspan` and `colspan` fill the grid, a cell without its closing tag ends at
the next cell, and the header rows at the top (cells in `<th>` or wholly in `<strong>`) combine into one
name per column, the spanning cell first ("Training Time" over "(GPU hours)"). A body cell spanning columns
is described once, under the headers it spans ("Llama 3.3 70B / Llama 3.1 405B: No multimodal support").
An empty first cell under a labelled one repeats that label (grouped rows: "Llama 3.2 (text only)", then
its 3B row).

Cell text is what an editor reads: inline markup, HTML tags and markdown escapes removed, and footnote
markers stripped ("MMMU Pro^", "2018*", "Revenue (1)", "[2]", "†", superscripts), so that a figure aligns
with its header and label; the quote stays the raw row.

`cell_at(passage_text, raw_text, offset)` reads it back: which cell of a row passage a figure at `offset`
sits in, under which header, and the row's identity (its label and the text cells before its first figure).
It works for the pipe and HTML rows above and for the year-column rows of 10-K texts (`claimcheck.corpus.
columns`), whose raw text is the label line followed by one figure per year, and for the label-column
cells of 10-K texts, whose raw text is the figure alone (label and header only in the description).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from claimcheck.corpus.blocks import Block, CountTokens, TextUnit
from claimcheck.corpus.filings import PAGE_LABEL
from claimcheck.corpus.text import cell_text, trimmed

# --------------------------------------------------------------------------------------------------
# unit statements

# "(in millions)", "(Dollars in Millions)", "($ in millions, except per share data)", "(Millions)",
# "(Amounts in thousands)"; or a short line that starts "In millions" / "Dollars in millions"; or a
# sentence that says the amounts are in millions ("All amounts ... are in millions, except per share data",
# "amounts in millions of US dollars unless stated"). "(Shares in thousands)" scales share counts, not
# amounts, and is left alone.
_UNIT_IN_PARENS = re.compile(
    r"\(\s*(?:(?:dollars|amounts|\$|us\$|usd)\s+)?(?:in\s+)?(thousands|millions|billions)\b", re.IGNORECASE
)
_UNIT_LINE = re.compile(
    r"^[ \t]*(?:(?:dollars|amounts|\$)\s+)?in\s+(thousands|millions|billions)\b", re.IGNORECASE | re.MULTILINE
)
_UNIT_SENTENCE = re.compile(
    r"\bamounts\b[^.;\n]{0,60}?\b(?:are\s+|is\s+)?(?:presented\s+|stated\s+|expressed\s+)?in\s+"
    r"(thousands|millions|billions)\b",
    re.IGNORECASE,
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
_BARE_FIGURE = re.compile(r"\A[($]*+-?\d[\d,]*+(?:\.\d++)?\)?[,;:]?")
_YEAR_TOKEN = re.compile(r"(?:19|20)\d\d[,;:.]?")


def unit_statement(text: str) -> str | None:
    """The scale a unit statement in `text` declares, as "(in millions)" (thousands, billions), or None."""
    match = _UNIT_IN_PARENS.search(text) or _UNIT_SENTENCE.search(text)
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


# A column header's own scale: "Revenue ($ millions)", "Params (B)", "(in billions)", "(000s)".
_HEADER_SCALE = re.compile(
    r"\(\s*(?:in\s+|\$\s*|us\$\s*)?(thousands|millions|billions|trillions|000s|k|m|mm|bn|b|t)\s*\)", re.I
)
_HEADER_SCALES = {
    "thousands": 1e3, "000s": 1e3, "k": 1e3, "millions": 1e6, "m": 1e6, "mm": 1e6,
    "billions": 1e9, "bn": 1e9, "b": 1e9, "trillions": 1e12, "t": 1e12,
}  # fmt: skip


def header_scale(header: str) -> float | None:
    """The scale a column header declares for its bare figures ("Params (B)" → 1e9), or None."""
    match = _HEADER_SCALE.search(header)
    return _HEADER_SCALES[match.group(1).lower()] if match else None


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
# HTML tables as a grid

_HTML_TOKEN = re.compile(r"<(/?)(table|thead|tbody|tfoot|tr|td|th)\b([^>]*)>", re.IGNORECASE)
_SPAN_ATTR = re.compile(r"\b(rowspan|colspan)\s*=\s*[\"']?(\d+)", re.I)
_WHOLLY_STRONG = re.compile(
    r"\A\s*+(?:<(strong|b)\b[^>]*>.*?</\1\s*>\s*(?:<p\b[^>]*>|<br\s*/?>|</p\s*>)?\s*)+", re.I | re.DOTALL
)
# Spans past this are typos or layout tricks; the grid stays small.
_MAX_SPAN = 50


@dataclass(frozen=True)
class HtmlCell:
    """One `<td>`/`<th>` of an HTML table: its text, where its content is in the file, how it spans."""

    text: str
    start: int  # offset of the content (after the opening tag)
    end: int  # offset where the content stops (its closing tag, or the next cell or row)
    header: bool  # a <th>, or a <td> wholly in <strong>/<b>
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class HtmlRow:
    start: int  # offset of "<tr"
    end: int  # offset after "</tr>" (or where the row stops)
    cells: tuple[HtmlCell, ...]


def html_rows(raw: str, start: int, end: int) -> list[HtmlRow]:
    """The `<tr>` rows between `start` and `end`, with their cells, as a browser reads broken markup:
    a cell ends at its closing tag, the next cell or the end of its row."""
    rows: list[HtmlRow] = []
    row_start: int | None = None
    cells: list[HtmlCell] = []
    open_cell: tuple[int, bool, str] | None = None  # content start, is <th>, attributes

    def close_cell(at: int) -> None:
        nonlocal open_cell
        if open_cell is None:
            return
        content_start, is_th, attrs = open_cell
        content = raw[content_start:at]
        spans = {name.lower(): int(value) for name, value in _SPAN_ATTR.findall(attrs)}
        cells.append(
            HtmlCell(
                text=cell_text(content),
                start=content_start,
                end=at,
                header=is_th or bool(content.strip() and _WHOLLY_STRONG.fullmatch(content)),
                rowspan=min(max(spans.get("rowspan", 1), 1), _MAX_SPAN),
                colspan=min(max(spans.get("colspan", 1), 1), _MAX_SPAN),
            )
        )
        open_cell = None

    def close_row(at: int) -> None:
        nonlocal row_start, cells
        close_cell(at)
        if row_start is not None:
            rows.append(HtmlRow(row_start, at, tuple(cells)))
        row_start, cells = None, []

    for token in _HTML_TOKEN.finditer(raw, start, end):
        closing, name = token.group(1) == "/", token.group(2).lower()
        if name in ("td", "th"):
            close_cell(token.start())
            if not closing:
                if row_start is None:
                    row_start = token.start()
                open_cell = (token.end(), name == "th", token.group(3))
        elif name == "tr":
            if closing:
                close_cell(token.start())
                close_row(token.end())
            else:
                close_row(token.start())
                row_start = token.start()
        else:  # table / thead / tbody / tfoot
            close_row(token.start())
    close_row(end)
    return [row for row in rows if row.cells]


@dataclass(frozen=True)
class _Slot:
    cell: HtmlCell
    own: bool  # the cell's own row (not carried down by rowspan)
    first_column: bool  # its leftmost column (not a colspan continuation)


def html_grid(rows: Sequence[HtmlRow]) -> list[list[_Slot | None]]:
    """The rows laid out on a grid: each column of each row holds the cell covering it, or None."""
    grid: list[list[_Slot | None]] = []
    carried: dict[int, tuple[HtmlCell, int]] = {}  # column -> (cell, rows still to cover)
    for row in rows:
        slots: dict[int, _Slot] = {}
        for column, (cell, _) in carried.items():
            left_of = carried.get(column - 1)
            slots[column] = _Slot(cell, own=False, first_column=left_of is None or left_of[0] is not cell)
        column = 0
        for cell in row.cells:
            while column in slots:
                column += 1
            for offset in range(cell.colspan):
                slots[column + offset] = _Slot(cell, own=True, first_column=offset == 0)
            column += cell.colspan
        carried = {column: (cell, left - 1) for column, (cell, left) in carried.items() if left > 1}
        for column, slot in slots.items():
            if slot.own and slot.cell.rowspan > 1:
                carried[column] = (slot.cell, slot.cell.rowspan - 1)
        width = max(slots, default=-1) + 1
        grid.append([slots.get(column) for column in range(width)])
    return grid


def _header_names(grid: Sequence[Sequence[_Slot | None]], header_rows: int, width: int) -> list[str]:
    """One name per column from the header rows, top to bottom: "Training Time" + "(GPU hours)"."""
    names: list[str] = []
    for column in range(width):
        words: list[str] = []
        for row in grid[:header_rows]:
            slot = row[column] if column < len(row) else None
            if slot is None or not slot.cell.text:
                continue
            if not words or words[-1] != slot.cell.text:
                words.append(slot.cell.text)
        names.append(" ".join(words))
    return names


def _header_row_count(grid: Sequence[Sequence[_Slot | None]]) -> int:
    """The first row, and each row after it whose own non-empty cells are all header cells."""
    count = 1
    while count < len(grid) - 1:
        own = [s.cell for s in grid[count] if s is not None and s.own and s.cell.text]
        if not own or not all(cell.header for cell in own):
            break
        count += 1
    return count


# --------------------------------------------------------------------------------------------------
# describing a row

LABEL_SEPARATOR = " | "


def describe_row(label: str, cells: Sequence[tuple[str, str]]) -> str:
    """'405B | Context length: 128k | GQA: Yes': the label, then each non-empty cell after its header."""
    parts = [label] if label else []
    for header, value in cells:
        if value:
            parts.append(f"{header}: {value}" if header else value)
    return LABEL_SEPARATOR.join(parts)


def _row_parts(slots: Sequence[_Slot | None], headers: Sequence[str]) -> tuple[str, list[tuple[str, str]]]:
    """The label (first column) and the (header, value) of every other cell of one grid row."""
    label = ""
    cells: list[tuple[str, str]] = []
    for column, slot in enumerate(slots):
        if slot is None or not slot.first_column:
            continue
        if column == 0:
            label = slot.cell.text
            continue
        spanned = [headers[c] for c in range(column, min(column + slot.cell.colspan, len(headers)))]
        header = " / ".join(dict.fromkeys(name for name in spanned if name))
        cells.append((header, slot.cell.text))
    return label, cells


def html_table_units(
    raw: str,
    block: Block,
    section: tuple[str, ...],
    page: int | None,
    note: str | None,
    count_tokens: CountTokens,
) -> list[TextUnit]:
    """One unit per body row (`<tr>` after the header rows), described with its label and headers."""
    rows = html_rows(raw, block.start, block.end)
    if not rows:
        start, end = trimmed(raw, block.start, block.end)
        text = cell_text(raw[start:end])
        return [TextUnit(start, end, section, page, text, count_tokens(text), False, note)] if text else []
    grid = html_grid(rows)
    if len(grid) == 1:
        text = LABEL_SEPARATOR.join(s.cell.text for s in grid[0] if s and s.first_column and s.cell.text)
        start, end = trimmed(raw, rows[0].start, rows[0].end)
        return [TextUnit(start, end, section, page, text, count_tokens(text), False, note)] if text else []
    header_rows = _header_row_count(grid)
    width = max(len(row) for row in grid)
    headers = _header_names(grid, header_rows, width)
    units: list[TextUnit] = []
    previous_label = ""
    for row, slots in zip(rows[header_rows:], grid[header_rows:], strict=True):
        label, cells = _row_parts(slots, headers)
        if not label and previous_label and any(value for _, value in cells):
            label = previous_label  # grouped rows: the group's label is only on its first row
        previous_label = label or previous_label
        text = describe_row(label, cells)
        start, end = trimmed(raw, row.start, row.end)
        if text:
            units.append(TextUnit(start, end, section, page, text, count_tokens(text), False, note))
    return units


# --------------------------------------------------------------------------------------------------
# pipe tables


def _pipe_spans(raw: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of a pipe row's cells (between unescaped bars), outer bars optional."""
    start, end = trimmed(raw, start, end)
    bars = [m.start() for m in re.finditer(r"(?<!\\)\|", raw[start:end])]
    cuts = [start + b for b in bars]
    edges = ([] if cuts and cuts[0] == start else [start - 1]) + cuts
    if not (cuts and cuts[-1] == end - 1):
        edges.append(end)
    return [(a + 1, b) for a, b in pairwise(edges)]


def pipe_table_units(
    raw: str,
    block: Block,
    section: tuple[str, ...],
    page: int | None,
    note: str | None,
    count_tokens: CountTokens,
) -> list[TextUnit]:
    header_line, rows = block.lines[0], block.lines[2:]
    headers = [cell_text(raw[a:b]) for a, b in _pipe_spans(raw, header_line.start, header_line.end)]
    units: list[TextUnit] = []
    previous_label = ""
    for row in rows or (header_line,):
        start, end = trimmed(raw, row.start, row.end)
        values = [cell_text(raw[a:b]) for a, b in _pipe_spans(raw, row.start, row.end)]
        if not rows:
            text = LABEL_SEPARATOR.join(c for c in headers if c)
        else:
            label = values[0] if values else ""
            cells = [(headers[i] if i < len(headers) else "", v) for i, v in enumerate(values) if i > 0]
            if not label and previous_label and any(v for _, v in cells):
                label = previous_label
            previous_label = label or previous_label
            text = describe_row(label, cells)
        if text:
            units.append(TextUnit(start, end, section, page, text, count_tokens(text), False, note))
    return units


# --------------------------------------------------------------------------------------------------
# reading a row passage back


@dataclass(frozen=True)
class TableCell:
    """The cell of a row passage that holds a figure."""

    row: str  # the row's identity: its label and the text cells before its first figure
    header: str  # the cell's column header ("" for the label itself)
    value: str

    def describe(self) -> str:
        """'Llama 3.1 405B | Training Time (GPU hours): 30.84M'."""
        if not self.header:
            return self.row if self.value in self.row else f"{self.row}{LABEL_SEPARATOR}{self.value}"
        return f"{self.row}{LABEL_SEPARATOR}{self.header}: {self.value}"


_FIGURE_TOKEN = re.compile(r"\(?-?\d[\d,]*(?:\.\d+)?\)?(?:[ \t]?%)?|[—–]")
# A model size ("405B", "17Bx16E") or a year names a row; any other figure is data.
# A benchmark's shot count names its variant, no figure: "MMLU (5-shot)".
_SHOTS_NAME = re.compile(r"\b\d++-shots?+\b", re.IGNORECASE)
_NAME_FIGURE = re.compile(r"(?<!\d)\d++(?:\.\d++)?B(?:x\d++E)?|(?:19|20)\d\d")


def figure_tokens(text: str, start: int = 0) -> list[tuple[int, int, str]]:
    """The figures of a year-column row's value lines: (start, end, text without "$")."""
    return [(m.start() + start, m.end() + start, m.group()) for m in _FIGURE_TOKEN.finditer(text)]


def _raw_cells(
    raw_text: str, label: str, description_parts: int = 0, spans: Sequence[tuple[int, int]] = ()
) -> list[tuple[int, int, str]] | None:
    """The cells of a row passage's raw text, (start, end, cell text), or None if it is no table row.
    `spans`: the cells of a row printed apart (`Passage.cells`), which are the cells."""
    if spans:
        if len(spans) != description_parts - 1:
            return None
        return [(a, b, raw_text[a:b].strip()) for a, b in spans]
    stripped = raw_text.strip()
    if re.match(r"<tr\b", stripped, re.IGNORECASE):
        rows = html_rows(raw_text, 0, len(raw_text))
        return [(c.start, c.end, c.text) for c in rows[0].cells] if len(rows) == 1 else None
    if "\n" not in stripped and re.search(r"(?<!\\)\|", stripped):
        return [(a, b, cell_text(raw_text[a:b])) for a, b in _pipe_spans(raw_text, 0, len(raw_text))]
    if _FIGURE_TOKEN.fullmatch(stripped) and description_parts > 1:
        # a label-column cell: the passage is the figure alone, its label and header only in the description
        lead = len(raw_text) - len(raw_text.lstrip())
        return [(lead, lead + len(stripped), stripped)]
    tokens = figure_tokens(raw_text)
    ends = [0] + [end for _start, end, _t in tokens]
    gaps = zip(ends, [start for start, _end, _t in tokens] + [len(raw_text)], strict=True)
    if len(tokens) == description_parts - 1 > 1 and all(
        _FIGURE_GAP.fullmatch(raw_text, a, b) for a, b in gaps
    ):
        # a row of a table printed row by row: its figures alone, one per line ("17,606\n$ 15,785\n…")
        return tokens
    first_end = raw_text.find("\n")
    if first_end < 0 or cell_text(raw_text[:first_end]) != label:
        return None
    rest = raw_text[first_end:]
    return [(0, first_end, label)] + [
        (a + first_end, b + first_end, token) for a, b, token in figure_tokens(rest)
    ]


# What may stand between the figures of a row printed one figure per line: "$" and blank space.
_FIGURE_GAP = re.compile(r"[\s$]*+")


def described_row(passage_text: str) -> list[str]:
    """The parts of a passage's last line as `describe_row` writes a row: its label, then a part per cell
    ("FY2023: 134,902"); one part for a line that is no row."""
    return passage_text.rsplit("\n", 1)[-1].split(LABEL_SEPARATOR)


def is_table_row(passage_text: str, raw_text: str, spans: Sequence[tuple[int, int]] = ()) -> bool:
    """Whether a passage is one described table row (pipe, HTML, year-column or label-column; `spans`: its
    cells when printed apart, `Passage.cells`)."""
    parts = described_row(passage_text)
    return len(parts) >= 2 and _raw_cells(raw_text, parts[0], len(parts), spans) is not None


def cell_at(
    passage_text: str, raw_text: str, offset: int, spans: Sequence[tuple[int, int]] = ()
) -> TableCell | None:
    """The cell of a row passage (a table row described by `describe_row`) that covers `offset` in its
    raw text; None when the passage is not a table row or the offset is in no described cell. `spans`: the
    row's cells when printed apart (`Passage.cells`)."""
    parts = described_row(passage_text)
    if len(parts) < 2:
        return None
    raw = _raw_cells(raw_text, parts[0], len(parts), spans)
    if raw is None:
        return None
    index: int | None = None
    cursor = 0
    for start, end, value in raw:
        if not value:
            continue
        found = next(
            (
                j
                for j in range(cursor, len(parts))
                if parts[j] == value or (j > 0 and parts[j].endswith(f": {value}"))
            ),
            None,
        )
        if found is None:
            continue
        cursor = found + 1
        if start <= offset < end:
            index = found
            break
    if index is None:
        return None
    identity = [parts[0]]
    for part in parts[1:]:
        value = part.rsplit(": ", 1)[-1]
        if re.search(r"\d", _NAME_FIGURE.sub("", _SHOTS_NAME.sub("", value))):
            break
        identity.append(part)
    row = LABEL_SEPARATOR.join(identity)
    part = parts[index]
    if index == 0:
        return TableCell(row=row, header="", value=part)
    value = next(v for s, e, v in raw if s <= offset < e)
    header = part[: -len(value) - 2] if part != value else ""
    return TableCell(row=row, header=header, value=value)
