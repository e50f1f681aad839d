"""Year-column tables in 10-K texts: a row label on one line, then one figure per fiscal year.

pdftotext (without `-layout`) writes a 10-K's statement of income as its cells one after the other::

    Years ended December 31,
    2022
    2021
    2020
    Total revenues
    66,608
    62,286
    58,158

`year_rows` finds such rows: a run of year lines (the column headers, "2018*", "2017 (1)", "2022 2021"
on one line) followed by rows, each a label line and exactly as many figures as there are years (one per
line, or several on one line: "32,765 $ 31,657 $ 30,109"; "$" and blank lines between are layout). Each
becomes a `YearRow` described as "Total revenues | 2022: 66,608 | 2021: 62,286 | 2020: 58,158"; the unit
statement in force ("(in millions)") scales it like any table.

Only unambiguous rows are kept. Where pdftotext interleaved two columns (a label followed by the figures of
two rows, or a label whose figures never came), the figure count does not match the years and the row is
left to the ordinary paragraph passages. A table whose first figures come straight after its year header
prints each row's figures before the row's label, and none of its rows is read. A label must follow a
figure, a year, or a line ending in ":" ("Years ended December 31:"), so the second line of a two-line
label, or a list of labels printed before their column of figures, never takes the next row's figures. A
label is no sentence (five words or more ending in a full stop: a footnote) and no unit statement. A page
break ends a table; the row still open at the foot of a page is read without the printed page number it
took, or dropped when that leaves it a figure short.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum
from itertools import pairwise

from claimcheck.corpus.tables import describe_row, figure_tokens, unit_statement
from claimcheck.corpus.text import cell_text
from claimcheck.text import MONTH_NAMES

# A column header line: one or more years, each perhaps with a footnote marker ("2018*", "2017 (1)") or
# "FY"/"Fiscal" before it.
_YEAR = r"(?:FY\s?|Fiscal\s++)?((?:19|20)\d\d)(?:\s*+\*++|\s*+\(\d\))?"
_YEAR_LINE = re.compile(rf"\A\s*+{_YEAR}(?:\s++{_YEAR})*+\s*+")
_YEAR_IN_LINE = re.compile(_YEAR)
# A line of figures only: "66,608", "$66,608", "(53,969)", "—", "32,765 $ 31,657 $ 30,109", "28 %".
_CELL = r"(?:\$\s*+)?(?:\(?-?\d[\d,]*+(?:\.\d++)?\)?(?:\s*+%)?|[—–])"
_FIGURE_LINE = re.compile(rf"\A\s*+{_CELL}(?:\s++{_CELL})*+\s*+")
# The figures of a row with the next column's "$" printed after them ("5,777 $"): read only as the figures
# of a row already open.
_FIGURES_THEN_SIGN = re.compile(rf"\A\s*+{_CELL}(?:\s++{_CELL})*+\s++\$\s*+")
_FILLER = re.compile(r"\A\s*+\$?\s*+")
# A label is a short line that starts with a letter (or "(Loss)/income ...").
_LABEL = re.compile(r"\A\s*+\(?[A-Za-z]")
_LABEL_MAX_CHARS = 120
# A line of this many words or more that ends with a full stop is a sentence (a footnote), not a label.
_SENTENCE_MIN_WORDS = 5
# A page number printed at the foot of a page.
_PAGE_NUMBER = re.compile(r"\d{1,3}")
_LINE = re.compile(r"([^\n\f]*?)\r?(\n|\f|$)")


class _Kind(Enum):
    FILLER = "filler"
    YEARS = "years"
    FIGURES = "figures"
    LABEL = "label"
    TEXT = "text"


@dataclass(frozen=True)
class YearRow:
    """A row of a year-column table: where it is (label line to last figure) and what it says."""

    start: int
    end: int
    label: str
    cells: tuple[tuple[str, str], ...]  # (year header, figure as printed, without "$")

    def describe(self) -> str:
        return describe_row(self.label, self.cells)


def _kind(line: str) -> _Kind:
    if _FILLER.fullmatch(line):
        return _Kind.FILLER
    if _YEAR_LINE.fullmatch(line):
        return _Kind.YEARS
    if _FIGURE_LINE.fullmatch(line):
        return _Kind.FIGURES
    stripped = line.strip()
    if (
        len(stripped) <= _LABEL_MAX_CHARS
        and _LABEL.match(stripped)
        and not (stripped.endswith(".") and len(stripped.split()) >= _SENTENCE_MIN_WORDS)
        and not (stripped.startswith("(") and unit_statement(stripped))
    ):
        return _Kind.LABEL
    return _Kind.TEXT


def year_rows(raw: str, start: int, end: int) -> list[YearRow]:
    """The unambiguous year-column rows of raw[start:end] (see the module docstring), in order."""
    rows: list[YearRow] = []
    years: list[int] = []
    years_open = False  # the last significant line was a year line: the next one extends the header
    label: tuple[int, int] | None = None  # the span of a label line waiting for its figures
    figures: list[tuple[int, int, str]] = []
    previous = _Kind.TEXT  # the kind of the last significant line
    previous_text = ""
    # Whether a label has come since the header started; figures right after the header with none mean
    # the table prints each row's figures before its label, and no row of it is read.
    labelled = False
    values_first = False

    def flush() -> None:
        nonlocal label, figures
        if label is not None and years and len(figures) == len(years):
            name = cell_text(raw[label[0] : label[1]])
            if name:
                cells = tuple((str(year), token) for year, (_, _, token) in zip(years, figures, strict=True))
                rows.append(YearRow(label[0], figures[-1][1], name, cells))
        label, figures = None, []

    for match in _LINE.finditer(raw, start, end):
        line_start = match.start()
        text = match.group(1)
        kind = _kind(text)
        if (
            kind is _Kind.TEXT
            and label is not None
            and len(figures) < len(years)
            and _FIGURES_THEN_SIGN.fullmatch(text)
            # a label that says what it measures ("Net income attributable to 3M"), not a bare name
            # ("Consumer" of a table titled above it, which the row would lose)
            and re.search(r"\b[a-z]{3,}", raw[label[0] : label[1]])
        ):
            kind = _Kind.FIGURES  # "Net income attributable to 3M", "$", "5,777 $", "5,921 $", "5,449"
        if kind is _Kind.YEARS:
            flush()
            found = [int(y) for y in _YEAR_IN_LINE.findall(text)]
            if years_open or _continues(years, found):
                years.extend(y for y in found if y not in years)
            else:
                years, labelled, values_first = found, False, False
            years_open = True
        elif kind is _Kind.FIGURES:
            if label is not None:
                figures.extend(figure_tokens(text, line_start))
            elif previous is _Kind.YEARS and not labelled:
                values_first = True
            years_open = False
        elif kind is not _Kind.FILLER:
            flush()
            opens_row = previous in (_Kind.FIGURES, _Kind.YEARS) or previous_text.rstrip().endswith(":")
            if kind is _Kind.LABEL and opens_row and not values_first:
                label = (line_start, line_start + len(text))
            labelled = labelled or kind is _Kind.LABEL
            years_open = False
        if kind is not _Kind.FILLER:
            previous, previous_text = kind, text
        if match.group(2) == "\f":
            # A page ends a table. The last row on it took the printed page number as one more figure:
            # with exactly one figure too many, a short page number last, it is read without it; else
            # it is dropped (it may be a row short of a figure plus the page number).
            if (
                label is not None
                and len(figures) == len(years) + 1
                and _PAGE_NUMBER.fullmatch(figures[-1][2])
            ):
                figures.pop()
                flush()
            label, figures = None, []
            years, years_open, previous, previous_text = [], False, _Kind.TEXT, ""
    flush()
    return rows


def _continues(years: list[int], found: list[int]) -> bool:
    """Whether year lines interleaved with cells continue the header ("2015", labels, "2016", "2017")."""
    if not years or len(found) != 1 or found[0] in years:
        return False
    step = years[-1] - years[-2] if len(years) > 1 else found[0] - years[-1]
    return abs(step) == 1 and found[0] - years[-1] == step


# --------------------------------------------------------------------------------------------------
# label columns: a list of row labels, then each column of figures as a list of its own
#
# pdftotext sometimes writes a table column by column: the row labels one per line, then (after "$"
# lines, a year header, other columns) the N figures of a column one per line, in the labels' order::
#
#     (Millions)
#     Industrial
#     Safety and Graphics
#     ...
#     Total Company
#     $
#     2018
#     12,267
#     6,827
#     ...
#     32,765
#
# Pairing the k-th figure with the k-th label is right only when the two lists are the same table's, and
# nothing in the text says so. So a column is read only when the table proves it (`_proves`): there are
# exactly as many labels as figures, and either the last label is a total ("Total Company", "Total") and
# the last figure the sum of the others (to the rounding of the printed figures), or the rows whose label
# speaks of a percentage are exactly those whose figure is one. A heading that ends in ":" ("Revenue:")
# opens a list of its own. A list with one label more is read only under the percentage proof (a stub
# header over the rows); nor is a column read that two different label lists on its page would fit, or a
# quarterly table. Everything else is left to the ordinary paragraph passages.

# A column of this many figures at least (two parts and their total).
_MIN_COLUMN = 3
_MAX_COLUMN = 60
# How far back (significant lines) a column's labels may be printed before it.
_LABELS_REACH = 120
# A table introduced as quarterly ("Quarterly Results of Operations", "Three Months Ended") within this many
# significant lines above its labels is not read.
_PERIOD_REACH = 12
_PART_OF_YEAR = re.compile(r"\bquarter(?:s|ly)?\b|\b(?:three|six|nine) months\b", re.IGNORECASE)
# A label that speaks of a percentage, and the least a column must show of each kind of row, and how
# often they must alternate, for the percent pattern to prove its pairing.
_PERCENT_LABEL = re.compile(r"%|\bpercent(?:age)?\b|\bmargin\b", re.IGNORECASE)
_MIN_KIND_ROWS = 2
_MIN_SWITCHES = 3
_TOTAL_LABEL = re.compile(r"\A\s*+total\b", re.IGNORECASE)
# A group's total inside a column: "Total Oncology", "Segments total".
_GROUP_TOTAL = re.compile(r"\A\s*+total\b|\btotal\s*+\Z", re.IGNORECASE)
# At most this many label lines after a run's total head its columns ("Net Sales", "Operating / Income").
_HEADER_LABELS = 2
# A label that names what a table's rows are, not a row: "Business Segments", "Geographic Areas".
_STUB_HEADER = re.compile(
    r"\b(?:segments|businesses|areas|regions|categories|products|markets|divisions|groups)\s*+\Z",
    re.IGNORECASE,
)
_MARKER_VALUE = re.compile(r"\(\d\)")
# A label line that only continues or opens another line (a header broken over lines: "the Consolidated",
# "Location of Gain /", "(Loss) Recognized in") means the run is no list of row labels; a row may open with
# a capitalised word in brackets and more ("(Gain) on completion of Consumer Healthcare JV transaction",
# "(Increase)/decrease in accounts receivable"; "(Loss)" alone is a header's broken line).
_OPEN_END_PATTERN = r"(?:\b(?:of|in|for|and|or|the|to|by|from|as|on|at)|[/&,-])\s*+\Z"
_BROKEN_LABEL = re.compile(rf"\A\s*+(?:[a-z]|\((?![A-Z][a-z]*+\)(?:[ \t]++\S|/)))|{_OPEN_END_PATTERN}")
_SINGLE_FIGURE = re.compile(rf"\A\s*+(?:\$\s*+)?({_CELL})\s*+")
# One figure with the next column's "$" printed after it ("4,756 $", "10.13 $"): a figure of the column too.
_SINGLE_FIGURE_THEN_SIGN = re.compile(rf"\A\s*+(?:\$\s*+)?({_CELL})\s++\$\s*+")


def _single_figure(line: tuple[int, str, _Kind]) -> re.Match[str] | None:
    """The figure a line of a label-column table's column prints, if it is one figure (perhaps followed by
    the next column's "$")."""
    if line[2] is _Kind.FIGURES:
        return _SINGLE_FIGURE.fullmatch(line[1])
    if line[2] is _Kind.TEXT:
        return _SINGLE_FIGURE_THEN_SIGN.fullmatch(line[1])
    return None


@dataclass(frozen=True)
class ColumnCell:
    """One figure of a label-column table, read with its row label and column header."""

    label: str
    value_start: int  # the figure as printed, without "$": raw[value_start:value_end]
    value_end: int
    value: str
    header: str  # the column's name and year ("Net Sales 2017", "2018"), or "" when none is printed
    note: str | None  # the unit statement printed above the labels ("(in millions)"), if any
    context: str  # the lines printed above the labels ("Business Segment Information"), or ""
    # A table printed row by row: where the cell's row starts in the raw text (its row's cells share it, and
    # are read as one passage); None for a table printed column by column.
    row: int | None = None
    # Read by the later readers: a column proven only by a total or step inside it, or printed one after
    # another with others of its labels (`_proven_rows`, `_stacked`).
    weak: bool = False
    # A table printed column by column: where its list of row labels starts in the raw text (its columns'
    # cells share it); None for a table printed row by row.
    table: int | None = None

    def describe(self) -> str:
        """The table's context on a line of its own, then the cell as a row: "Industrial | 2018: 12,267"."""
        return describe_cells([self])


def describe_cells(cells: Sequence[ColumnCell]) -> str:
    """One row's cells (of one label) as a described row under the table's context: "Total revenue | 2022:
    17,606 | 2021: 15,785 | 2020: 12,868"."""
    first = cells[0]
    row = describe_row(first.label, [(c.header, c.value) for c in cells])
    return f"{first.context}\n{row}" if first.context else row


def _figure_value(token: str) -> float | None:
    text = token.replace(",", "").replace("%", "").strip()
    if text in ("—", "–"):
        return 0.0
    negative = text.startswith("(") or text.startswith("-")
    try:
        value = float(text.strip("()-"))
    except ValueError:
        return None
    return -value if negative else value


def _adds_up(tokens: list[str], *, mixed: bool = False) -> bool:
    """The last figure is the sum of the others, to the rounding of the printed figures; with `mixed`, the
    others may have either sign ("(112)", "(19)", "41" make "(90)"), else the largest must be smaller than
    the total."""
    values = [_figure_value(t) for t in tokens]
    if any(v is None for v in values):
        return False
    numbers = [v for v in values if v is not None]
    if numbers[-1] == 0 or sum(1 for v in numbers[:-1] if v != 0) < 2:
        return False
    if sum(1 for t in tokens if _MARKER_VALUE.fullmatch(t.strip())) >= 2:
        return False  # "(1)", "(2)", "(3)": footnote markers, not figures
    decimals = max((len(t.split(".", 1)[1].rstrip("%) ")) if "." in t else 0) for t in tokens)
    tolerance = 0.5 * len(numbers) * 10.0**-decimals
    largest = max(numbers[:-1], key=abs)
    part_is_total = abs(numbers[-1] - largest) <= tolerance
    if part_is_total or (not mixed and abs(largest) >= abs(numbers[-1]) - tolerance):
        return False  # one part is the total already: the others are noise, and the sum proves nothing
    return abs(sum(numbers[:-1]) - numbers[-1]) <= tolerance + 1e-9


def label_columns(raw: str, start: int, end: int) -> list[ColumnCell]:
    """The cells of raw[start:end]'s label-column tables whose columns add up (see above), in text order
    of their figures."""
    lines: list[tuple[int, str, _Kind]] = []  # (line start, text, kind) of every significant line
    for match in _LINE.finditer(raw, start, end):
        text = match.group(1)
        kind = _kind(text)
        if kind is not _Kind.FILLER:
            lines.append((match.start(), text, kind))
        if match.group(2) == "\f":
            lines.append((match.end(), "\f", _Kind.TEXT))  # a page ends every table
        if match.end() >= end:
            break
    # runs of label lines: (first line index, one past the last)
    runs: list[tuple[int, int]] = []
    headed: dict[
        int, tuple[int, int]
    ] = {}  # a column's first line -> the rows whose header labels it follows
    i = 0
    while i < len(lines):
        if lines[i][2] is _Kind.LABEL:
            j = i
            while j < len(lines) and lines[j][2] is _Kind.LABEL:
                j += 1
            # a heading that ends in ":" ("Revenue:", "Cost of revenue:") takes no figure and opens a list
            first = i
            for k in range(i, j + 1):
                if k == j or lines[k][1].rstrip().endswith(":"):
                    if k - first >= _MIN_COLUMN:
                        runs.append((first, k))
                    first = k + 1
            # one or two labels after a total at the run's end may head the column printed right after them
            # ("Total Company", "Net Sales", then 11,604 …): the labels up to the total are its rows
            total = next((k for k in range(j - 1, i - 1, -1) if _TOTAL_LABEL.match(lines[k][1])), None)
            if total is not None and 1 <= j - total - 1 <= _HEADER_LABELS:
                start = max([i] + [k + 1 for k in range(i, total) if lines[k][1].rstrip().endswith(":")])
                if total + 1 - start >= _MIN_COLUMN:
                    # the column starts after the year lines printed over all the columns ("2021", "2020")
                    first_figure = j
                    while first_figure < len(lines) and lines[first_figure][2] is _Kind.YEARS:
                        first_figure += 1
                    headed[first_figure] = (start, total + 1)
            i = j
        else:
            i += 1
    # the index of the page break each line follows (-1 on the first page), found once
    page_starts: list[int] = []
    for k, (_s, text, _k) in enumerate(lines):
        page_starts.append(k if text == "\f" else (page_starts[-1] if page_starts else -1))
    columns: list[tuple[int, list[ColumnCell]]] = []  # (label run start, its cells) per column read
    series: _Series | None = None  # the last column read, which the next may continue
    members: list[tuple[_Series, int]] = []  # the columns read as a series' (side by side or continued)
    i = 0
    while i < len(lines):
        if _single_figure(lines[i]) is None:
            i += 1
            continue
        j = i
        figures: list[tuple[int, int, str]] = []
        while j < len(lines):
            m = _single_figure(lines[j])
            if m is None:
                break
            figures.append((lines[j][0] + m.start(1), lines[j][0] + m.end(1), m.group(1)))
            j += 1
        if _MIN_COLUMN <= len(figures) <= _MAX_COLUMN * _MAX_YEARS:
            paired = None
            if len(figures) <= _MAX_COLUMN:
                if i in headed:
                    paired = _pair_headed(lines, headed[i], i, figures, page_starts[i])
                paired = paired or _pair(lines, runs, i, figures, page_starts[i])
            if paired is None:
                paired = _pair_rows(lines, runs, i, figures, page_starts[i])
            if (paired is None or not paired[1] or not paired[1][0].header) and series is not None:
                continued = series.next_column(lines, i, figures, page_starts[i], len(columns))
                if continued is not None:
                    paired = continued
                    members.append((series, len(columns)))
            if paired is not None:
                if not members or members[-1][1] != len(columns):
                    series = _Series.after(lines, paired, i, figures, page_starts[i])
                columns.append(paired)
            else:
                read, series = _side_by_side(
                    lines, headed.get(i), series, i, figures, page_starts[i], len(columns)
                )
                if series is not None:
                    members.extend((series, len(columns) + c) for c in range(len(read)))
                columns.extend(read or _stacked(lines, runs, i, figures, page_starts[i]))
        else:
            series = None
        i = j
    # columns read as a series stand only when the series is regular
    columns = [
        column for k, column in enumerate(columns) if k not in {k for s, k in members if not s.regular()}
    ]
    # two columns of one list of labels under the same header, one of them read by the later readers (in
    # part, or stacked), are two measures whose names were not read (J&J's capital additions and
    # depreciation, both "2022"): which is which is a guess
    doubtful = {(run, cells[0].header) for run, cells in columns if cells and cells[0].weak}
    headers = Counter((run, cells[0].header) for run, cells in columns if cells and cells[0].header)
    columns = [
        (run, cells)
        for run, cells in columns
        if not (cells and headers[run, cells[0].header] > 1 and (run, cells[0].header) in doubtful)
    ]
    # a list of labels with several columns: a column printed with no year could be any of them
    years_known = {run for run, cells in columns if cells and cells[0].header}
    multi = {run for run, count in Counter(run for run, _ in columns).items() if count > 1}
    return [
        cell if cell.row is not None else replace(cell, table=lines[run][0])
        for run, cells in columns
        if not (run in multi and run in years_known and not (cells and cells[0].header))
        for cell in cells
    ]


# A column header that ends in a year: "2022", "Net Sales 2022".
_HEADER_YEAR = re.compile(r"(?:\A|\s)((?:19|20)\d\d)\Z")


def _only_figures_between(raw: str, row: Sequence[ColumnCell], name: str) -> bool:
    """Between a row's cells stand only figures, years, "$", dates and the group's own name: a line of
    words there ("Account Balances (millions)") starts another table under the same labels."""
    for before, after in pairwise(row):
        for line in raw[before.value_end : after.value_start].splitlines():
            text = line.strip()
            if _kind(line) in (_Kind.FILLER, _Kind.YEARS, _Kind.FIGURES) or not re.search(r"[A-Za-z]", text):
                continue
            if text == name or _PERIOD_LABEL.match(text) or text.split()[0].rstrip(",.") in MONTH_NAMES:
                continue
            return False
    return True


def column_rows(cells: Sequence[ColumnCell], raw: str) -> list[list[ColumnCell]]:
    """The rows of the tables printed column by column, each across its columns: the cells of one label
    list (`table`) under one label, context and unit statement whose headers name the same group in
    consecutive years ("Net income" under "2022", "2021", "2020"; "Net Sales 2018", "Net Sales 2017"), in
    text order. A row read in one year only is none, and so is one whose columns have a column of the
    same labels under another name printed between them (3M's segment table: "2018" of the assets, then
    "Net Sales 2017", "Assets 2017", then "2016": which measure each unnamed year is, is a guess)."""
    # by (table, label, context, unit statement, group name): each cell with its year
    groups: dict[tuple[int, str, str, str | None, str], list[tuple[int, ColumnCell]]] = {}
    names: dict[int, list[tuple[int, str]]] = {}  # by table: each cell's start and its group's name
    for cell in cells:
        if cell.table is None:
            continue
        match = _HEADER_YEAR.search(cell.header)
        name = cell.header[: match.start()].strip() if match else cell.header
        names.setdefault(cell.table, []).append((cell.value_start, name))
        if match is not None:
            key = (cell.table, cell.label, cell.context, cell.note, name)
            groups.setdefault(key, []).append((int(match.group(1)), cell))
    rows = []
    for (table, _label, _context, _note, name), dated in groups.items():
        years = sorted(year for year, _cell in dated)
        if len(dated) < 2 or years != list(range(years[0], years[0] + len(years))):
            continue
        group = sorted((cell for _year, cell in dated), key=lambda c: c.value_start)
        lo, hi = group[0].value_start, group[-1].value_start
        if all(other == name for at, other in names[table] if lo < at < hi) and _only_figures_between(
            raw, group, name
        ):
            rows.append(group)
    return sorted(rows, key=lambda row: row[0].value_start)


# "Year Ended December 31," printed among a column's header labels names no column.
_PERIOD_LABEL = re.compile(r"\A\s*+(?:(?:fiscal\s++)?years?|twelve\s++months)\s++ended\b", re.IGNORECASE)


@dataclass
class _Series:
    """A column just read, and the years printed over it and the columns after it: pdftotext writes a
    segment table's header years all before its first column, and each region's name before its years::

        Biopharma / Pfizer CentreOne / Consumer Healthcare / Total revenues
        U.S. / 2021 / 2020 / 2019
        29,221 / 524 / — / 29,746        (U.S. 2021)
        21,055 / 400 / — / 21,455        (U.S. 2020)
        18,901 / 437 / 988 / 20,326      (U.S. 2019)
        International / 2021 / 2020
        50,336 / 1,206 / — / 51,542      (International 2021)
        19,670 / 526 / — / 20,196        (International 2020)
        2019
        19,112 / 374 / 1,094 / 20,579    (International 2019)

    A next column is read as the series' when it follows with nothing but header lines between (years, and
    at most `_HEADER_LABELS` labels naming a new group), has as many figures as the series has labels, and
    proves the pairing (`_proves`); it takes the next year printed, under the group's name. pdftotext also
    scrambles such headers (3M's "Net Sales / 2017 / 2018" over the 2018 column first), so the columns read
    this way stand only when the series is regular (`regular`)."""

    run_start: int
    labels: list[tuple[int, str, _Kind]]
    years: list[str]  # the years printed and not yet taken by a column
    end: int  # the line after the last column's figures
    page_start: int
    note: str | None
    context: str
    groups: list[tuple[str, list[str], list[int]]]  # each group's name, years printed, columns read

    @classmethod
    def after(
        cls,
        lines: list[tuple[int, str, _Kind]],
        paired: tuple[int, list[ColumnCell]],
        first: int,
        figures: list[tuple[int, int, str]],
        page_start: int,
    ) -> _Series | None:
        """The series a column just read (its figures start at line `first`) opens: its labels are those
        it was paired with, and the years printed between them and it head the next columns."""
        run_start, cells = paired
        labels = lines[run_start : run_start + len(figures)]
        if (
            not cells
            or len(labels) != len(figures)
            or any(kind is not _Kind.LABEL for _s, _t, kind in labels)
        ):
            return None
        between = lines[run_start + len(figures) : first]
        if any(kind is _Kind.FIGURES for _s, _t, kind in between):
            between = []  # a header read from above: the years printed over the other columns are unknown
        years = _years_printed(between)
        if not (years and cells[0].header.endswith(years[0])):
            years = []
        group: tuple[str, list[str], list[int]] = (_group_name(between), list(years), [])
        return cls(
            run_start,
            labels,
            years[1:],
            first + len(figures),
            page_start,
            cells[0].note,
            cells[0].context,
            [group],
        )

    def next_column(
        self,
        lines: list[tuple[int, str, _Kind]],
        first: int,
        figures: list[tuple[int, int, str]],
        page_start: int,
        index: int,
    ) -> tuple[int, list[ColumnCell]] | None:
        """The column of `figures` (starting at line `first`) read as the series' next, to be the
        `index`-th column read; or None."""
        between = lines[self.end : first]
        if page_start != self.page_start or len(figures) != len(self.labels):
            return None
        if any(kind not in (_Kind.YEARS, _Kind.LABEL) for _s, _t, kind in between):
            return None
        named = [text for _s, text, kind in between if kind is _Kind.LABEL]
        if len(named) > _HEADER_LABELS:
            return None
        if not _proves([text for _s, text, _k in self.labels], [f[2] for f in figures]):
            return None
        years = _years_printed(between)
        # (nothing changes unless the column is read)
        queue = years if named else [*self.years, *years]
        if not queue:
            return None
        if named:
            self.groups.append((_group_name(between), list(years), []))
        else:
            self.groups[-1][1].extend(years)
        self.years = queue[1:]
        header = f"{self.groups[-1][0]} {queue[0]}".strip()
        self.groups[-1][2].append(index)
        self.end = first + len(figures)
        return self.run_start, _column_cells(self.labels, figures, header, self.note, self.context)

    def regular(self) -> bool:
        """Every group printed the same years, newest first and one apart, and read a column per year (the
        first group's first column counted)."""
        first_years = self.groups[0][1]
        return all(
            years == first_years and len(read) + (k == 0) == len(years)
            for k, (_name, years, read) in enumerate(self.groups)
        ) and all(int(a) - int(b) == 1 for a, b in pairwise(first_years))


def _side_by_side(
    lines: list[tuple[int, str, _Kind]],
    headed: tuple[int, int] | None,
    series: _Series | None,
    first: int,
    figures: list[tuple[int, int, str]],
    page_start: int,
    index: int,
) -> tuple[list[tuple[int, list[ColumnCell]]], _Series | None]:
    """A run of figures that is several columns of a series printed one after the other (blank lines
    between, so one run here), to be read from the `index`-th column on: the columns, each read as the
    series' next (`_Series`), and the series after them; none unless every column reads."""
    n = headed[1] - headed[0] if headed is not None else (len(series.labels) if series is not None else 0)
    if n < _MIN_COLUMN or len(figures) % n or len(figures) // n < 2:
        return [], None
    # a column that fails to read leaves the series (whose earlier columns are read) as it was
    saved = (
        copy.deepcopy((series.years, series.groups, series.end))
        if series is not None and headed is None
        else None
    )
    read: list[tuple[int, list[ColumnCell]]] = []
    for c in range(len(figures) // n):
        chunk, at = figures[c * n : (c + 1) * n], first + c * n
        if c == 0 and headed is not None:
            paired = _pair_headed(lines, headed, at, chunk, page_start)
            series = _Series.after(lines, paired, at, chunk, page_start) if paired else None
            saved = None
        else:
            paired = (
                series.next_column(lines, at, chunk, page_start, index + c) if series is not None else None
            )
        if paired is None or series is None:
            if saved is not None and series is not None:
                series.years, series.groups, series.end = saved
            return [], None
        read.append(paired)
    return read, series


def _stacked(
    lines: list[tuple[int, str, _Kind]],
    runs: list[tuple[int, int]],
    first: int,
    figures: list[tuple[int, int, str]],
    page_start: int,
) -> list[tuple[int, list[ColumnCell]]]:
    """A run of figures that is several columns of the nearest label list before it, printed one after the
    other with only blank lines between (Adobe's income statement: "Interest expense" … "Shares used to
    compute diluted net income per share", then 2022's 11 figures, 2021's, 2020's): each column's proven
    rows (`_proves`, else `_proven_rows`, the fewest of any column), under the years printed on the page
    above the figures, newest first, one per column. The first columns are read when the last ones are a
    change column ("Change": no total adds up) and the years printed are as many as the others. A label
    printed on two lines ("INVEGA SUSTENNA/XEPLION/", "INVEGA TRINZA/TREVICTA") is one. Nothing is read
    unless every column read is proven and the years fit."""
    nearest = _runs_before(runs, first, page_start)[:1]
    if not nearest:
        return []
    run_start, run_end = nearest[0]
    if _section(lines, run_start):
        # one section of a longer list ("Domestic:" …, "International:" …): the run may be the sections'
        # figures, one column's, not several columns
        return []
    labels = _joined_labels(lines[run_start:run_end])
    n = len(labels)
    if n < _MIN_COLUMN or len(figures) % n or not 2 <= len(figures) // n <= _MAX_YEARS:
        return []
    if any(_BROKEN_LABEL.search(text) for _s, text, _k in labels) or _quarterly(lines, run_start, page_start):
        return []
    texts = [text for _s, text, _k in labels]
    proven: list[int] = []
    for c in range(len(figures) // n):
        values = [f[2] for f in figures[c * n : (c + 1) * n]]
        rows = n if _proves(texts, values) else _proven_rows(texts, values)
        if not rows:
            break
        proven.append(rows)
    years = _page_years(lines, page_start, first)
    if len(proven) < 2 or len(years) != len(proven):
        return []
    rows = min(proven)
    note, context = _note_above(lines, run_start), _context_above(lines, run_start, runs)
    columns = (figures[c * n : c * n + rows] for c in range(len(years)))
    return [
        (run_start, _column_cells(labels[:rows], column, year, note, context, weak=True))
        for column, year in zip(columns, years, strict=True)
    ]


def _section(lines: list[tuple[int, str, _Kind]], run_start: int) -> bool:
    """The labels from `run_start` are one section of a longer list: a heading that ends in ":" right
    before them, after the total of a section before ("Total Domestic revenue", "International:", …) or
    naming a year of its own (CVS's segment table: "2022:" …, "2021:" …, "2020:" …)."""
    if run_start < 2 or not lines[run_start - 1][1].rstrip().endswith(":"):
        return False
    before = lines[run_start - 2]
    return before[2] is _Kind.LABEL and (
        bool(_GROUP_TOTAL.search(before[1])) or bool(_YEAR_IN_LINE.search(lines[run_start - 1][1]))
    )


def _joined_labels(labels: Sequence[tuple[int, str, _Kind]]) -> list[tuple[int, str, _Kind]]:
    """Label lines with a line that ends in a joining word or mark ("INVEGA SUSTENNA/XEPLION/", "Property,
    plant and") joined to the next."""
    joined: list[tuple[int, str, _Kind]] = []
    carry: tuple[int, str, _Kind] | None = None
    for start, text, kind in labels:
        if carry is not None:
            start, text = carry[0], f"{carry[1].rstrip()} {text.strip()}"
        carry = (start, text, kind) if _OPEN_END.search(text) else None
        if carry is None:
            joined.append((start, text, kind))
    if carry is not None:
        joined.append(carry)
    return joined


# A label line that ends in a joining word or mark goes on in the next (the end of `_BROKEN_LABEL`).
_OPEN_END = re.compile(_OPEN_END_PATTERN)


def _page_years(lines: list[tuple[int, str, _Kind]], page_start: int, first: int) -> list[str]:
    """The years the year lines of a page print above line `first` (the page starts after line
    `page_start`), each once, when they run newest first and one apart ("2022", "December 3, 2021" printed
    as "December 3," and "2021", "2020"); else none."""
    years: list[str] = []
    for year in _years_printed(lines[page_start + 1 : first]):
        if year not in years:
            years.append(year)
    if any(int(a) - int(b) != 1 for a, b in pairwise(years)):
        return []
    return years


def _years_printed(lines: Sequence[tuple[int, str, _Kind]]) -> list[str]:
    """The years the year lines among `lines` print, in order ("2021", "2020 2019" → 2021, 2020, 2019)."""
    return [y for _s, text, kind in lines if kind is _Kind.YEARS for y in _YEAR_IN_LINE.findall(text)]


def _column_cells(
    labels: Sequence[tuple[int, str, _Kind]],
    figures: Sequence[tuple[int, int, str]],
    header: str,
    note: str | None,
    context: str,
    *,
    weak: bool = False,
) -> list[ColumnCell]:
    """A column's figures, each with its row's label (a label that reads as nothing keeps no cell)."""
    return [
        ColumnCell(cell_text(label), v_start, v_end, value, header, note, context, weak=weak)
        for (_start, label, _kind), (v_start, v_end, value) in zip(labels, figures, strict=True)
        if cell_text(label)
    ]


def _group_name(between: Sequence[tuple[int, str, _Kind]]) -> str:
    """The name a column group's header labels give ("U.S.", "International"), without "Year Ended …"."""
    return " ".join(
        cell_text(text) for _s, text, kind in between if kind is _Kind.LABEL and not _PERIOD_LABEL.match(text)
    )


def _pair_headed(
    lines: list[tuple[int, str, _Kind]],
    run: tuple[int, int],
    first: int,
    figures: list[tuple[int, int, str]],
    page_start: int,
) -> tuple[int, list[ColumnCell]] | None:
    """A column paired with the rows whose header labels, after their total, it follows (`_pair`); those
    labels name the column: "Net Sales 2022"."""
    # (the labels after the total name the column: rows of a column read only in part could be taken for
    # them)
    paired = _pair(lines, [run], first, figures, page_start, partial=False)
    if paired is None:
        return None
    name = _group_name(lines[run[1] : first])
    return paired[0], [replace(c, header=f"{name} {c.header}".strip()) for c in paired[1]]


def _runs_before(runs: list[tuple[int, int]], first: int, page_start: int) -> list[tuple[int, int]]:
    """The label runs a figure run starting at line `first` may belong to, nearest first: ended before it,
    on its page (which starts after line `page_start`), within `_LABELS_REACH` lines."""
    return [
        (run_start, run_end)
        for run_start, run_end in reversed(runs)
        if run_end <= first and run_start > page_start and first - run_end <= _LABELS_REACH
    ]


def _quarterly(
    lines: list[tuple[int, str, _Kind]], run_start: int, page_start: int, *, prose_chars: int | None = None
) -> bool:
    """A quarter is named in the few lines above a table's labels (on its page); with `prose_chars`, only
    in lines no longer than that (a header, not prose)."""
    above = (lines[k][1] for k in range(max(page_start + 1, run_start - _PERIOD_REACH), run_start))
    return any(
        _PART_OF_YEAR.search(text)
        for text in above
        if prose_chars is None or len(text.strip()) <= prose_chars
    )


def _pair(
    lines: list[tuple[int, str, _Kind]],
    runs: list[tuple[int, int]],
    first: int,
    figures: list[tuple[int, int, str]],
    page_start: int,
    *,
    partial: bool = True,
) -> tuple[int, list[ColumnCell]] | None:
    """A column of figures paired with the nearest label run before it on its page (which starts after
    line `page_start`) that it fits and that proves the pairing (`_proves`): the run's start and the cells;
    None when none does. With `partial`, a column whose first rows alone are proven (`_proven_rows`) is
    read that far."""
    values = [f[2] for f in figures]
    # (first label, one past the last, how many rows are read: negative when read by the weaker proof)
    fitting: list[tuple[int, int, int]] = []
    passed = False  # a nearer list of about as many labels has been passed
    for run_start, run_end in _runs_before(runs, first, page_start):
        texts = [lines[k][1] for k in range(run_start, run_end)]
        direct = all(kind in (_Kind.YEARS, _Kind.FIGURES) for _s, _t, kind in lines[run_end:first])
        if len(texts) == len(figures) and _proves(texts, values, direct=direct):
            fitting.append((run_start, run_end, len(figures)))
        elif len(texts) == len(figures) + 1 and (
            _percent_pattern(texts[1:], values)
            or (_STUB_HEADER.search(texts[0]) and _proves(texts[1:], values))
        ):
            # a stub header over the rows ("Consolidated Performance Summary"): the percent pattern proves
            # which label has no figure; a total proves it when the first label names what the rows are
            # ("Business Segments")
            fitting.append((run_start + 1, run_end, len(figures)))
        elif (
            not passed
            and not _section(lines, run_start)
            and _close(lines[run_end:first])
            and 0 <= len(figures) - len(texts) <= _STRAY_FIGURES
            and (proven := _proven_rows(texts, values[: len(texts)]))
            and (partial or proven == len(texts))
            and not (len(figures) > len(texts) and len(figures) % proven == 0)
        ):
            # a total or the net income inside the column proves its rows up to there (the column may
            # have run on into the next table's first figures, a blank line between; figures that make
            # whole columns of the proven rows are several columns, read as a series or not at all)
            fitting.append((run_start, run_end, -proven))
        # a list farther up is proven this way only when no nearer one has about as many labels
        passed = passed or abs(len(figures) - len(texts)) <= _STRAY_FIGURES
    if len({tuple(cell_text(lines[k][1]) for k in range(a, b)) for a, b, _n in fitting}) > 1:
        return None  # two lists of labels it fits, and they differ: which one is its table's is a guess
    for run_start, run_end, signed in fitting[:1]:
        count = abs(signed)
        labels = [lines[k] for k in range(run_start, run_start + count)]
        if any(_BROKEN_LABEL.search(text) for _s, text, _k in labels):
            return None
        if _quarterly(lines, run_start, page_start):
            return None  # quarterly figures: a column's year header would pass a quarter for the year
        header = _column_header(lines, first, run_start, run_end, runs, page_start)
        note = _note_above(lines, run_start)
        context = _context_above(lines, run_start, runs)
        if (run_start - 1, run_end) in runs:  # the stub header left out of the rows says what they are
            context = f"{context} {cell_text(lines[run_start - 1][1])}".strip()
        return run_start, _column_cells(labels, figures[:count], header, note, context, weak=signed < 0)
    return None


def _close(between: Sequence[tuple[int, str, _Kind]]) -> bool:
    """Only a table's header and other columns come between a list of labels and a column: years, figures
    (with a "$" after them), at most `_HEADER_LABELS` labels; no prose, no other list."""
    labels = 0
    for _s, text, kind in between:
        if kind is _Kind.LABEL:
            labels += 1
        elif kind is _Kind.TEXT and not _FIGURES_THEN_SIGN.fullmatch(text):
            return False
    return labels <= _HEADER_LABELS


# A row-major table has at most this many year columns; a line longer than this above it is prose.
_MAX_YEARS = 5
_PROSE_CHARS = 80


def _pair_rows(
    lines: list[tuple[int, str, _Kind]],
    runs: list[tuple[int, int]],
    first: int,
    figures: list[tuple[int, int, str]],
    page_start: int,
) -> tuple[int, list[ColumnCell]] | None:
    """A run of figures printed row by row under year columns (Adobe's revenue table: the labels, then
    "$ 16,388 / $ 14,573 / $ 11,626" for Subscription, "93 % / 92 % / 90 %" for its share, …): paired
    with the nearest label run before it on its page when the figures are exactly one per label and year
    printed around the labels, and every year's column proves the pairing (`_proves`)."""
    values = [f[2] for f in figures]
    for run_start, run_end in _runs_before(runs, first, page_start):
        n = run_end - run_start
        years = _years_around(lines, first, run_start, run_end, page_start)
        if len(years) < 2 or n * len(years) != len(values):
            continue
        k = len(years)
        texts = [lines[x][1] for x in range(run_start, run_end)]
        if not all(_proves(texts, values[c::k]) for c in range(k)):
            continue
        # a quarter named in the header lines above (not in prose: "an extra week in the first quarter")
        if _quarterly(lines, run_start, page_start, prose_chars=_PROSE_CHARS) or any(
            _BROKEN_LABEL.search(text) for text in texts
        ):
            return None
        note, context = _note_above(lines, run_start), _context_above(lines, run_start, runs)
        cells = [
            ColumnCell(
                cell_text(label), v_start, v_end, value, years[c % k], note, context, figures[r * k][0]
            )
            for r, label in enumerate(texts)
            for c, (v_start, v_end, value) in enumerate(figures[r * k : (r + 1) * k])
            if cell_text(label)
        ]
        return run_start, cells
    return None


def _years_around(
    lines: list[tuple[int, str, _Kind]], first: int, run_start: int, run_end: int, page_start: int
) -> list[str]:
    """The years printed over a row-major table, in order: those on the lines just above its labels, then
    those between the labels and the figures ("2022", the labels, "2021", "2020"); none when a figure line
    comes between."""
    between = lines[run_end:first]
    if any(kind is _Kind.FIGURES for _s, _t, kind in between):
        return []
    above: list[str] = []
    for x in range(run_start - 1, max(page_start, run_start - _PERIOD_REACH), -1):
        text, kind = lines[x][1], lines[x][2]
        if kind is _Kind.FIGURES or text == "\f" or len(text.strip()) > _PROSE_CHARS:
            break
        if kind is _Kind.YEARS:
            above = _YEAR_IN_LINE.findall(text) + above
    below = _years_printed(between)
    return [str(y) for y in above + below]


def _proves(labels: list[str], values: list[str], *, direct: bool = False) -> bool:
    """Whether a column's figures provably belong to these labels, in order: the last label is a total
    and the last figure the sum of the others (`_adds_up`); or the labels that speak of a percentage
    ("Revenue % change", "Gross profit as a % of revenue") are exactly the rows whose figure is one, with
    at least two of each kind, interleaved (a pattern an off-by-one pairing would break); or, for a column
    printed `direct`ly after its labels (only years and other columns between), a row named as the ratio of
    two others holds it (`_ratio_holds`)."""
    return (
        bool(_TOTAL_LABEL.match(labels[-1]) and _adds_up(values))
        or _percent_pattern(labels, values)
        or (direct and _ratio_holds(labels, values))
    )


# A column proven by a total inside it may run on into this many of the next table's figures; a list of
# labels this many more or fewer than a column's figures may be its table's.
_STRAY_FIGURES = 2
# A total printed above its group needs this many rows below it: with two, a row-major table's change
# column ("1.9", "0.5", "1.4": this year, last year, the change) would pass for a total and its rows.
_MIN_GROUP_BELOW = 3


def _proven_rows(labels: list[str], values: list[str]) -> int:
    """How many of a column's first rows provably belong to these labels, in order. Each total inside the
    column is checked (`_adds_up`, parts of either sign) against its group: the rows just above it, back to
    the column's start or the total before it ("Interest expense", "Investment gains", "Other income",
    "Total non-operating income"), perhaps with that total ("Segments total", "General corporate",
    "Worldwide total"); or the rows just below it, up to the next total or the column's end ("Total
    Oncology", "DARZALEX", …, "Other Oncology"). So is income before taxes less the tax row against the net
    income row ("Income before income taxes 6,008", "Provision for income taxes 1,252", "Net income 4,756").
    The rows are proven up to the end of the last check that holds before the first that does not (an
    off-by-one pairing would break a sum; one that comes right after a failed check could hide one); 0 when
    none holds."""
    checks: list[tuple[int, int, bool]] = []  # (row checked, one past the last row it proves, holds)
    totals = [k for k, label in enumerate(labels) if _GROUP_TOTAL.search(label)]
    for n, t in enumerate(totals):
        above = values[(totals[n - 1] + 1 if n else 0) : t]
        carried = [values[totals[n - 1]], *above] if n else above
        below_end = totals[n + 1] if n + 1 < len(totals) else len(values)
        below = values[t + 1 : below_end]
        if (len(above) >= 2 and _adds_up([*above, values[t]], mixed=True)) or (
            len(carried) >= 2 and _adds_up([*carried, values[t]], mixed=True)
        ):
            checks.append((t, t + 1, True))
        elif len(below) >= _MIN_GROUP_BELOW and _adds_up([*below, values[t]], mixed=True):
            checks.append((t, below_end, True))
        elif len(carried) >= 2 or len(below) >= _MIN_GROUP_BELOW:
            checks.append((t, t + 1, False))  # (a total with too few rows around it to add is not checked)
    for k in range(len(labels) - 2):
        sign = _statement_step(labels[k], labels[k + 1], labels[k + 2])
        if sign:
            checks.append((k + 2, k + 3, _step_holds(values[k], values[k + 1], values[k + 2], sign)))
    proven = 0
    for _row, end, holds in sorted(checks):
        if not holds:
            break
        proven = max(proven, end)
    return proven


_WORD = re.compile(r"[a-z]++")
_INCOME_WORDS = frozenset({"income", "earnings", "loss"})


def _statement_step(first: str, second: str, result: str) -> int:
    """How three consecutive rows of an income statement make one another, by their labels: -1 when the
    third is the first less the second (income before taxes, the tax, the income after it: "Income from
    continuing operations before provision/(benefit) for taxes", "Provision/(benefit) for taxes on income",
    "Income from continuing operations"; the net income, the noncontrolling interests' share, the
    shareholders'), +1 when it is their sum (income from continuing operations, discontinued operations,
    net income); 0 when the labels make no such step."""
    a, b, c = (_WORD.findall(label.lower()) for label in (first, second, result))

    def taxed(words: list[str]) -> bool:
        return any(w.startswith("tax") for w in words)

    if "before" in a and taxed(a[a.index("before") :]) and taxed(b) and "before" not in b:
        return -1 if _INCOME_WORDS & set(c) and "before" not in c and not taxed(c) else 0
    if "discontinued" in b and _INCOME_WORDS & set(a) and "net" in c and _INCOME_WORDS & set(c):
        return 1
    if "noncontrolling" in b and "attributable" in c and "noncontrolling" not in c and _INCOME_WORDS & set(a):
        return -1
    return 0


def _step_holds(first: str, second: str, result: str, sign: int) -> bool:
    """first + sign × second = result, to the rounding of the printed figures, with first, second and
    result all printed as figures and second not 0."""
    numbers = [_figure_value(t) for t in (first, second, result)]
    a, b, c = numbers
    if a is None or b is None or c is None or b == 0:
        return False
    decimals = max(
        (len(t.split(".", 1)[1].rstrip("%) ")) if "." in t else 0) for t in (first, second, result)
    )
    return abs(a + sign * b - c) <= 1.5 * 10.0**-decimals + 1e-9


# What joins a label that names the ratio of two other rows: "Adjusted EBIT as a percentage of net sales".
_RATIO_LABEL = re.compile(r"\bas\s++a\s++(?:percentage|percent|%)\s++of\b", re.IGNORECASE)


def _ratio_holds(labels: list[str], values: list[str]) -> bool:
    """The labels that speak of a percentage are exactly the rows whose figure is one, and a row named as the
    ratio of two others ("Adjusted EBIT as a percentage of net sales") holds that ratio of their figures, to
    its printed rounding: "Net sales 11,154 / Adjusted EBIT 1,429 / … 12.8 %" (an off-by-one pairing would
    break it)."""
    if [bool(_PERCENT_LABEL.search(label)) for label in labels] != ["%" in value for value in values]:
        return False
    names = [cell_text(label).lower() for label in labels]
    for label, value in zip(labels, values, strict=True):
        text = cell_text(label)
        m = _RATIO_LABEL.search(text)
        if m is None:
            continue
        part_name, whole_name = text[: m.start()].strip().lower(), text[m.end() :].strip().lower()
        if part_name not in names or whole_name not in names or part_name == whole_name:
            continue
        part = _figure_value(values[names.index(part_name)])
        whole = _figure_value(values[names.index(whole_name)])
        ratio = _figure_value(value)
        if part is None or whole is None or ratio is None or not whole:
            continue
        decimals = len(value.split(".", 1)[1].rstrip("%) ")) if "." in value else 0
        if abs(part / whole * 100 - ratio) <= 0.5 * 10.0**-decimals + 1e-9:
            return True
    return False


def _percent_pattern(labels: list[str], values: list[str]) -> bool:
    """The labels that speak of a percentage are exactly the rows whose figure is one (see `_proves`)."""
    label_pct = [bool(_PERCENT_LABEL.search(label)) for label in labels]
    value_pct = ["%" in value for value in values]
    switches = sum(1 for a, b in pairwise(label_pct) if a != b)
    return (
        label_pct == value_pct
        and _MIN_KIND_ROWS <= sum(label_pct) <= len(label_pct) - _MIN_KIND_ROWS
        and switches >= _MIN_SWITCHES
    )


def _column_header(
    lines: list[tuple[int, str, _Kind]],
    first: int,
    run_start: int,
    run_end: int,
    runs: list[tuple[int, int]],
    page_start: int,
) -> str:
    """The header over a column: where the labels are followed straight away by several year lines and
    then the figures ("2023", "$", "2022", then 46,298 …), the first year (the first column's); else a
    one-year line right before its figures, with the name printed just before that ("Net Sales", "2017")
    unless that line is another table's row label; else a year among the few lines above its labels
    ("2018 / % of Total / Net Sales / Business Segments"). The labels' page starts after line `page_start`."""
    between = lines[run_end:first]
    if not any(kind is _Kind.FIGURES and not _MARKER_VALUE.fullmatch(t.strip()) for _s, t, kind in between):
        headed = _years_printed(between)
        if len(headed) > 1:
            return str(headed[0])
    if first > 0 and lines[first - 1][2] is _Kind.YEARS:
        found: list[str] = _YEAR_IN_LINE.findall(lines[first - 1][1])
        if len(found) != 1:
            return ""
        named = first - 2
        # a name stands alone: right after a figure, a year or a page's text, never after another label
        alone = named == 0 or (named > 0 and lines[named - 1][2] is not _Kind.LABEL)
        in_run = any(a <= named < b for a, b in runs)
        if named >= 0 and lines[named][2] is _Kind.LABEL and alone and not in_run:
            return f"{cell_text(lines[named][1])} {found[0]}"
        # the first column after the labels, under a year printed above them that is one later: each year
        # is printed after the column it heads ("2018", the labels, "2017", 2018's figures, "2016", …)
        above_years = _years_printed(lines[max(0, run_start - 6, page_start + 1) : run_start])
        first_column = not any(kind is _Kind.FIGURES for _s, _t, kind in between)
        if first_column and len(above_years) == 1 and int(above_years[0]) == int(found[0]) + 1:
            return above_years[0]
        return found[0]
    above = [lines[k] for k in range(max(0, run_start - 6), run_start)]
    found = _years_printed(above)
    return found[0] if len(found) == 1 else ""


def _note_above(lines: list[tuple[int, str, _Kind]], run_start: int) -> str | None:
    """A unit statement ("(Millions)", "(Dollars in millions)") among the few lines above the labels."""
    for k in range(run_start - 1, max(-1, run_start - 8), -1):
        stated = unit_statement(lines[k][1])
        if stated is not None:
            return stated
    return None


# Lines above a table that say what it is ("Restructuring charges are summarized by business segment as
# follows:", "Business Segment Information"): at most this many, each at most this long.
_CONTEXT_LINES = 3
# How many lines above a table's context its segment's heading is looked for, and what one looks like.
_SEGMENT_HEADING_REACH = 3
_SEGMENT_HEADING = re.compile(r"(?<![\w/&.'’-])(?:[A-Z][\w/&.'’-]*+[ \t]++){1,4}+Segment")
_CONTEXT_MAX_CHARS = 200
_RUNNING_HEAD = re.compile(r"\A\s*+table of contents\s*+\Z", re.IGNORECASE)


def _context_above(lines: list[tuple[int, str, _Kind]], run_start: int, runs: list[tuple[int, int]]) -> str:
    """The text lines just above a table's labels, nearest last, up to a figure line, another table's
    labels or a page break."""
    found: list[str] = []
    k = run_start - 1
    # labels printed above the table's unit statement head it ("Flexibles Segment", "($ in millions)", then
    # the rows), unless they end in a total: those are the rows of the table before
    heading = next(
        (
            (a, b)
            for a, b in runs
            if a <= k - 1 < b
            and unit_statement(lines[k][1]) is not None
            and not _TOTAL_LABEL.match(lines[k - 1][1])
        ),
        None,
    )
    while k >= 0 and len(found) < _CONTEXT_LINES:
        text = lines[k][1]
        if (
            text == "\f"
            or lines[k][2] is _Kind.FIGURES
            or len(text.strip()) > _CONTEXT_MAX_CHARS
            or any(a <= k < b and (a, b) != heading for a, b in runs)
        ):
            break
        if lines[k][2] is not _Kind.YEARS and unit_statement(text) is None and not _RUNNING_HEAD.match(text):
            found.append(cell_text(text))
        k -= 1
    # a segment's heading a few lines further up names whose table it is ("Corporate/Other Segment", "The
    # following table summarizes the Corporate/Other segment's performance …", "Change", the years)
    for j in range(k, max(k - _SEGMENT_HEADING_REACH, -1), -1):
        text = lines[j][1]
        if text == "\f" or lines[j][2] is _Kind.FIGURES or any(a <= j < b for a, b in runs):
            break
        if _SEGMENT_HEADING.fullmatch(text.strip()):
            found.append(cell_text(text))
            break
    return " ".join(t for t in reversed(found) if t)
