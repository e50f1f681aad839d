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

import re
from dataclasses import dataclass
from enum import Enum

from claimcheck.corpus.tables import describe_row, figure_tokens, unit_statement
from claimcheck.corpus.text import cell_text

# A column header line: one or more years, each perhaps with a footnote marker ("2018*", "2017 (1)") or
# "FY"/"Fiscal" before it.
_YEAR = r"(?:FY\s?|Fiscal\s++)?((?:19|20)\d\d)(?:\s*+\*++|\s*+\(\d\))?"
_YEAR_LINE = re.compile(rf"\A\s*+{_YEAR}(?:\s++{_YEAR})*+\s*+")
_YEAR_IN_LINE = re.compile(_YEAR)
# A line of figures only: "66,608", "$66,608", "(53,969)", "—", "32,765 $ 31,657 $ 30,109", "28 %".
_CELL = r"(?:\$\s*+)?(?:\(?-?\d[\d,]*+(?:\.\d++)?\)?(?:\s*+%)?|[—–])"
_FIGURE_LINE = re.compile(rf"\A\s*+{_CELL}(?:\s++{_CELL})*+\s*+")
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
