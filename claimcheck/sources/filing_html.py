"""An EDGAR filing's primary document (HTML or inline XBRL) as the plain text the corpus loader reads.

`filing_text(html)` keeps what the filing says and the structure the chunker uses:

- one paragraph per block element (`p`, `div`, headings, list items), separated by blank lines, so that
  "Item 7." headings start their own line and `find_items` finds them;
- a form feed wherever the filing breaks the page (`page-break-before/after: always`, `break-before:
  page`), so passages cite the page, and the page number printed at the foot of each page stays on its
  own line for `printed_page_labels`;
- each table as a markdown pipe table (header row, `|---|`, one line per row), after folding the
  separate "$", "%" and ")" cells EDGAR's tables use into the figures they belong to and dropping the
  columns that are empty in every row;
- nothing from `script`, `style`, `head` or hidden elements (inline XBRL's `ix:header` is
  `display:none`).

Pure: no disk, no network. The standard library's `html.parser` reads the markup (no new dependency, and
it never fails on broken markup: a malformed filing shows up as too little text, which the caller
checks).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = frozenset(
    "address article aside blockquote body center dd div dl dt fieldset figcaption figure footer form h1 h2 "
    "h3 h4 h5 h6 header hr html li main nav ol p pre section table tbody tfoot thead tr ul".split()
)
_SKIPPED = frozenset({"script", "style", "head", "title", "noscript", "template"})
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "wbr"})
_BREAK_BEFORE = re.compile(r"(?:page-)?break-before\s*:\s*(?:always|page)", re.IGNORECASE)
_BREAK_AFTER = re.compile(r"(?:page-)?break-after\s*:\s*(?:always|page)", re.IGNORECASE)
_HIDDEN = re.compile(r"display\s*:\s*none", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\n\u00a0\u2007\u202f\u200b]+")
PAGE_BREAK = "\f"


class _Cell:
    __slots__ = ("parts", "span")

    def __init__(self, span: int) -> None:
        self.parts: list[str] = []
        self.span = span


class _Table:
    def __init__(self) -> None:
        self.rows: list[list[_Cell]] = []

    @property
    def cell(self) -> _Cell | None:
        return self.rows[-1][-1] if self.rows and self.rows[-1] else None


class _FilingParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []  # finished blocks and page breaks
        self.line: list[str] = []  # the text of the block being read
        self.skip_depth = 0  # inside script/style/head or a hidden element
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, hides, breaks after)
        self.tables: list[_Table] = []

    # ---- text

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        table = self.tables[-1] if self.tables else None
        if table is not None and table.cell is not None:
            table.cell.parts.append(data)
        elif table is None:
            self.line.append(data)

    def flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self.line)).strip()
        self.line = []
        if text:
            self.out.append(text)

    def page_break(self) -> None:
        self.flush()
        if self.out and self.out[-1] != PAGE_BREAK:
            self.out.append(PAGE_BREAK)

    # ---- tags

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        style = " ".join(value or "" for name, value in attrs if name.lower() == "style")
        hides = tag in _SKIPPED or bool(_HIDDEN.search(style)) or tag == "ix:header"
        if tag not in _VOID:
            self.stack.append((tag, hides, bool(_BREAK_AFTER.search(style))))
            if hides:
                self.skip_depth += 1
        if self.skip_depth:
            return
        if _BREAK_BEFORE.search(style) and not self.tables:
            self.page_break()
        if tag == "table":
            if not self.tables:
                self.flush()
            self.tables.append(_Table())
        elif tag == "tr" and self.tables:
            self.tables[-1].rows.append([])
        elif tag in ("td", "th") and self.tables:
            table = self.tables[-1]
            if not table.rows:
                table.rows.append([])
            span = dict(attrs).get("colspan") or "1"
            table.rows[-1].append(_Cell(int(span) if span.isdigit() and 0 < int(span) < 100 else 1))
        elif tag == "br":
            self.handle_data(" " if self.tables else "\n")
            if not self.tables:
                self.flush()
        elif tag == "hr":
            if _BREAK_AFTER.search(style) or _BREAK_BEFORE.search(style):
                self.page_break()
            else:
                self.flush()
        elif tag in _BLOCKS and not self.tables:
            self.flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag.lower() not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        tag = tag.lower()
        if tag in _VOID:
            return
        # Close up to the matching open tag (HTML in the wild leaves tags open).
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                break
        else:
            return
        while len(self.stack) > depth:
            open_tag, hides, breaks_after = self.stack.pop()
            was_skipping = self.skip_depth > 0
            if hides:
                self.skip_depth -= 1
            if was_skipping and self.skip_depth:
                continue
            if hides:
                continue
            self._close(open_tag, breaks_after)

    def _close(self, tag: str, breaks_after: bool) -> None:
        if tag == "table" and self.tables:
            table = self.tables.pop()
            if self.tables:  # a table inside a cell: its text joins the cell
                cell = self.tables[-1].cell
                if cell is not None:
                    cell.parts.append(" ".join(" ".join(c.parts) for row in table.rows for c in row))
            else:
                self.out.extend(render_table(table_rows(table)))
        elif tag in _BLOCKS and not self.tables:
            self.flush()
        if breaks_after and not self.tables:
            self.page_break()

    def close(self) -> None:
        super().close()
        while self.tables:
            table = self.tables.pop()
            if not self.tables:
                self.out.extend(render_table(table_rows(table)))
        self.flush()


def table_rows(table: _Table) -> list[list[str]]:
    """The table's rows as cell texts, colspans expanded. A spanning cell's text goes in the last column it
    spans: EDGAR's year headings span a "$" column and the figure's, and the figure is the last."""
    rows: list[list[str]] = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row:
            cells.extend([""] * (cell.span - 1))
            cells.append(_SPACES.sub(" ", "".join(cell.parts)).strip())
        rows.append(cells)
    return [row for row in rows if any(row)]


_LEADING = frozenset({"$", "€", "£", "¥", "(", "$("})
_TRAILING = re.compile(r"\A(?:\)|%|\)%|%\)|pts?\.?|bps)\Z")


def _fold(row: list[str]) -> list[str]:
    """A currency sign cell joined to the figure after it, a ")" or "%" cell to the figure before it."""
    cells = list(row)
    for i, text in enumerate(cells):
        if text in _LEADING:
            for j in range(i + 1, len(cells)):
                if cells[j]:
                    cells[j] = text + cells[j]
                    cells[i] = ""
                    break
        elif _TRAILING.match(text):
            for j in range(i - 1, -1, -1):
                if cells[j]:
                    cells[j] = cells[j] + text
                    cells[i] = ""
                    break
    return cells


def render_table(rows: list[list[str]]) -> list[str]:
    """A table as blocks of text: a pipe table when it has two columns or more, else its lines."""
    if not rows:
        return []
    width = max(len(row) for row in rows)
    folded = [_fold(row + [""] * (width - len(row))) for row in rows]
    keep = [c for c in range(width) if any(row[c] for row in folded)]
    cells = [[row[c].replace("|", "\\|") for c in keep] for row in folded]
    cells = [row for row in cells if any(row)]
    if not cells:
        return []
    if len(keep) < 2:
        return [row[0] for row in cells if row[0]]
    lines = ["| " + " | ".join(cells[0]) + " |", "|" + "---|" * len(keep)]
    lines.extend("| " + " | ".join(row) + " |" for row in cells[1:])
    return ["\n".join(lines)]


def filing_text(html: str) -> str:
    """The plain text of a filing's HTML: blocks separated by blank lines, pages by form feeds."""
    parser = _FilingParser()
    parser.feed(html)
    parser.close()
    text = ""
    for block in parser.out:
        if block == PAGE_BREAK:
            text = text.rstrip("\n") + "\n" + PAGE_BREAK
        else:
            text += block + "\n\n"
    return text.strip("\n" + PAGE_BREAK) + "\n"
