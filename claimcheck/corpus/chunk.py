"""Cut documents into passages that respect their structure and carry their citation.

`chunk_documents(docs, settings)` cuts each document into blocks (`split_blocks`), turns paragraphs and
table rows into units, splits long paragraphs at sentence boundaries, merges short neighbours of one
section and page up to the token budget, and makes each unit a `Passage` whose citation names the section
and the page. Breakdown documents get one passage per verdict (`breakdown_passages`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence

from claimcheck.corpus.blocks import CountTokens, TextUnit, split_blocks
from claimcheck.corpus.breakdowns import breakdown_passages
from claimcheck.corpus.columns import column_rows, describe_cells, label_columns, year_rows
from claimcheck.corpus.filings import ITEM_8_TITLE, after_item_8, find_items, printed_page_labels
from claimcheck.corpus.tables import html_table_units, is_prose, pipe_table_units, unit_statement
from claimcheck.corpus.text import is_boilerplate, squash, trimmed
from claimcheck.models import DocKind, Document, Passage
from claimcheck.progress import NO_PROGRESS, Progress
from claimcheck.settings import Settings

# Bump when chunking changes in a way that changes passages: cached indexes built before are rebuilt.
CHUNKER_VERSION = 12

_WORDISH = re.compile(r"\w+|[^\w\s]")


def estimate_tokens(text: str) -> int:
    """A cheap stand-in for a word-piece count: words and punctuation marks.

    On 10-K text this lands within ~10% of MiniLM's word-piece count (numbers and rare words split into
    more pieces, which the punctuation inside numbers roughly makes up for).
    """
    return len(_WORDISH.findall(text))


_SENTENCE_GAP = re.compile(r"(?<=[.!?])[\"'”’)\]]*(\s+)")
_LINE_GAP = re.compile(r"(?<![ \t])[ \t]*+\r?\n\s*+")
_WORD = re.compile(r"\S+")


def chunk_documents(
    docs: Sequence[Document],
    settings: Settings,
    count_tokens: CountTokens | None = None,
    *,
    progress: Progress = NO_PROGRESS,
) -> list[Passage]:
    """Cut documents into passages, in document order, numbered `<doc_id>#<n>` from 0.

    Blocks end at blank lines, headings, page breaks (form feeds) and around tables. Paragraphs under
    the same heading on the same page merge up to `settings.chunk_max_tokens`; longer ones split at
    sentence boundaries (then line breaks, then spaces). Each table row (markdown pipe table or HTML
    `<tr>`) is its own passage whose `text` repeats the column headers next to the values.

    `Passage.text` (what is embedded) starts with the title and heading path; `Passage.raw_text` is
    always exactly `doc.raw[start:end]`. `Passage.citation.section` is the front-matter `section`
    (when given) followed by the heading path; pages come from form feeds (or the front-matter `page`).
    `count_tokens` defaults to `estimate_tokens`; pass the
    embedder's `count_tokens` for exact word-piece budgets. Each document done is reported to `progress`
    ("Chunking documents").
    """
    count = count_tokens or estimate_tokens
    passages: list[Passage] = []
    with progress.stage("Chunking documents", total=len(docs)) as advance:
        for doc in docs:
            passages.extend(chunk_document(doc, settings.chunk_max_tokens, count))
            advance(1)
    return passages


def chunk_document(doc: Document, max_tokens: int, count_tokens: CountTokens) -> list[Passage]:
    """The passages of one document (see `chunk_documents`)."""
    if doc.citation.kind is DocKind.BREAKDOWN and doc.path.lower().endswith(".json"):
        return breakdown_passages(doc)
    raw = doc.raw
    title = doc.citation.title
    page_breaks = [match.start() for match in re.finditer("\f", raw)]
    is_filing = doc.citation.source_kind in (DocKind.TEN_K, DocKind.TEN_Q, DocKind.EIGHT_K)
    items = find_items(raw, doc.body_start, doc.body_end) if is_filing else []
    printed = printed_page_labels(raw) if is_filing and page_breaks else {}
    prefix_tokens: dict[tuple[tuple[str, ...], str | None], int] = {}

    def page_at(offset: int) -> int | None:
        if not page_breaks:
            return doc.citation.page
        return bisect_right(page_breaks, offset)

    def budget_for(section: tuple[str, ...], note: str | None) -> int:
        if (section, note) not in prefix_tokens:
            prefix_tokens[section, note] = count_tokens(_prefix(title, section, note))
        # A long heading path must not starve the content: keep at least half the budget for it.
        return max(max_tokens - prefix_tokens[section, note], max_tokens // 2, 1)

    units: list[TextUnit] = []
    note: str | None = None  # the unit statement in force ("(in millions)")
    note_scope: tuple[tuple[str, ...], int | None] | None = None  # where it was stated: section, page
    # A statement in the document's opening text, before any section or table ("amounts in millions of
    # US dollars unless stated"), governs every table of the document that states none of its own.
    doc_note: str | None = None
    seen_table = False
    rows = year_rows(raw, doc.body_start, doc.body_end) if is_filing else []
    next_row = 0
    blocks = split_blocks(raw, doc.body_start, doc.body_end, items={item.start: item.title for item in items})
    # Cells of label-column tables (10-K texts: a column of figures printed apart from its row labels)
    # become passages of their own, over the figure alone: the paragraph passages keep the text around.
    cells = label_columns(raw, doc.body_start, doc.body_end) if is_filing else []
    cell_units: list[TextUnit] = []
    placed: dict[int, TextUnit] = {}  # a cell's passage, by the cell's start
    next_cell = 0
    for block in blocks:
        section = _visible_headings(block.headings, title)
        page = page_at(block.start)
        if note_scope != (section, page):
            note = None  # a statement governs the rest of its page, within its section
        block_text = raw[block.start : block.end]
        if block.kind == "paragraph" and is_boilerplate(
            block_text, at_body_start=not raw[doc.body_start : block.start].strip()
        ):
            continue
        while next_cell < len(cells) and cells[next_cell].value_start < block.end:
            cell = cells[next_cell]
            # a table printed row by row: the row's cells, printed one after another, are one passage
            same_row = [cell]
            while (
                cell.row is not None
                and next_cell + len(same_row) < len(cells)
                and cells[next_cell + len(same_row)].row == cell.row
            ):
                same_row.append(cells[next_cell + len(same_row)])
            if cell.value_start >= block.start:
                text = describe_cells(same_row)
                cell_note = cell.note or note or doc_note
                unit = TextUnit(
                    cell.value_start,
                    same_row[-1].value_end,
                    section,
                    page,
                    text,
                    count_tokens(text),
                    False,
                    cell_note,
                )
                cell_units.append(unit)
                placed[cell.value_start] = unit
            next_cell += len(same_row)
        stated = unit_statement(block_text)
        if block.kind in ("table", "html_table"):
            seen_table = True
            table_note = stated or note or doc_note
            read_table = pipe_table_units if block.kind == "table" else html_table_units
            units.extend(read_table(raw, block, section, page, table_note, count_tokens))
            continue
        if block.kind == "paragraph" and stated and not section and not seen_table and doc_note is None:
            doc_note = stated
        # Year-column rows (10-K texts) become units of their own; the text around them is paragraphs.
        cursor = block.start
        while next_row < len(rows) and rows[next_row].start < block.end:
            row = rows[next_row]
            if row.end <= cursor:
                next_row += 1
                continue
            if row.start > cursor:
                note, note_scope = _paragraph_units(
                    units, raw, cursor, row.start, section, page, note, note_scope, budget_for, count_tokens
                )
            if row.start >= cursor:
                text = row.describe()
                tokens = count_tokens(text)
                units.append(TextUnit(row.start, row.end, section, page, text, tokens, False, note))
            cursor = max(cursor, row.end)
            if row.end > block.end:
                break
            next_row += 1
        if cursor < block.end:
            note, note_scope = _paragraph_units(
                units, raw, cursor, block.end, section, page, note, note_scope, budget_for, count_tokens
            )

    # A row of a table printed column by column is also read across its columns, as a passage of its own:
    # a change from one year to the next is checked against the row, not against two passages.
    for across in column_rows(cells, raw):
        if any(c.value_start not in placed for c in across):
            continue
        first = placed[across[0].value_start]
        text = describe_cells(across)
        cell_units.append(
            TextUnit(
                across[0].value_start,
                across[-1].value_end,
                first.section,
                first.page,
                text,
                count_tokens(text),
                False,
                first.note,
                tuple((c.value_start, c.value_end) for c in across),
            )
        )
    return _passages_of(doc, _merge_units(units, budget_for) + cell_units, printed)


def _paragraph_units(
    units: list[TextUnit],
    raw: str,
    start: int,
    end: int,
    section: tuple[str, ...],
    page: int | None,
    note: str | None,
    note_scope: tuple[tuple[str, ...], int | None] | None,
    budget_for: Callable[[tuple[str, ...], str | None], int],
    count_tokens: CountTokens,
) -> tuple[str | None, tuple[tuple[str, ...], int | None] | None]:
    """Append the units of the paragraph text raw[start:end]; return the unit statement then in force.

    Statement and prose are judged span by span: a pdftotext page is often one block that mixes a table
    with the paragraphs around it.
    """
    stated = unit_statement(raw[start:end])
    budget = budget_for(section, stated or note)
    for span_start, span_end in _split_span(raw, start, end, budget, count_tokens):
        span = raw[span_start:span_end]
        if not any(ch.isalnum() for ch in span):
            continue  # layout left between table rows ("$", "%"): nothing to read
        span_stated = unit_statement(span)
        prose = is_prose(span)
        if span_stated is not None:
            note, note_scope = span_stated, (section, page)
        elif prose:
            note = None
        text = squash(span)
        unit_note = note if span_stated is not None or not prose else None
        units.append(TextUnit(span_start, span_end, section, page, text, count_tokens(text), True, unit_note))
    return note, note_scope


def _passages_of(doc: Document, units: Sequence[TextUnit], printed: Mapping[int, str]) -> list[Passage]:
    base_section = (doc.citation.section,) if doc.citation.section else ()
    passages: list[Passage] = []
    for unit in units:
        section = unit.section
        label = printed.get(unit.page) if unit.page is not None else None
        if label is not None and label.startswith("F-") and after_item_8(section):
            # Filings that put the financial statements on "F-" pages after Item 15 include them in
            # Item 8 by reference; cite them there, not under "Exhibits".
            section = (ITEM_8_TITLE,)
        full_section = base_section + section
        citation = doc.citation.model_copy(
            update={
                "section": " > ".join(full_section) if full_section else None,
                "page": unit.page,
                "printed_page": label,
            }
        )
        passages.append(
            Passage(
                passage_id=f"{doc.doc_id}#{len(passages)}",
                doc_id=doc.doc_id,
                text=f"{_prefix(doc.citation.title, section, unit.note)}\n{unit.text}",
                raw_text=doc.raw[unit.start : unit.end],
                start=unit.start,
                end=unit.end,
                citation=citation,
                cells=tuple((a - unit.start, b - unit.start) for a, b in unit.cells),
            )
        )
    return passages


def _prefix(title: str, section: tuple[str, ...], note: str | None = None) -> str:
    """The first line of a passage's `text`: title and heading path, then the unit statement in force
    (so that `claimcheck.quantities.unit_scale(passage.text)` scales its figures)."""
    path = " > ".join((title, *section))
    return f"{path}\n{note}" if note else path


def _visible_headings(headings: tuple[str, ...], title: str) -> tuple[str, ...]:
    """The heading path, without a top heading the title already says ("Llama 2" under the title
    "Llama 2 model card: fact sheet")."""
    if headings and headings[0].casefold() in title.casefold():
        return headings[1:]
    return headings


def _split_span(
    raw: str, start: int, end: int, budget: int, count_tokens: CountTokens
) -> list[tuple[int, int]]:
    """Trimmed sub-spans of [start, end) of at most `budget` tokens each (a lone long word may exceed)."""
    start, end = trimmed(raw, start, end)
    if start >= end:
        return []
    if count_tokens(raw[start:end]) <= budget:
        return [(start, end)]
    pieces: list[tuple[int, int, int]] = []  # start, end, tokens
    for gap in (_SENTENCE_GAP, _LINE_GAP, _WORD):
        pieces = _pieces(raw, start, end, gap, count_tokens)
        if len(pieces) > 1:
            break
    if len(pieces) <= 1:
        return [(start, end)]
    spans: list[tuple[int, int]] = []
    for piece_start, piece_end, tokens in pieces:
        if tokens > budget and (piece_start, piece_end) != (start, end):
            spans.extend(_split_span(raw, piece_start, piece_end, budget, count_tokens))
        else:
            spans.append((piece_start, piece_end))
    return _pack(spans, budget, lambda span: count_tokens(raw[span[0] : span[1]]))


def _pieces(
    raw: str, start: int, end: int, gap: re.Pattern[str], count_tokens: CountTokens
) -> list[tuple[int, int, int]]:
    spans: list[tuple[int, int]] = []
    if gap is _WORD:
        spans = [(m.start(), m.end()) for m in gap.finditer(raw, start, end)]
    else:
        cursor = start
        for match in gap.finditer(raw, start, end):
            cut = match.start(1) if match.re.groups else match.start()
            if cut > cursor:
                spans.append((cursor, cut))
            cursor = match.end()
        if cursor < end:
            spans.append((cursor, end))
    result: list[tuple[int, int, int]] = []
    for s, e in spans:
        s, e = trimmed(raw, s, e)
        if s < e:
            result.append((s, e, count_tokens(raw[s:e])))
    return result


def _pack(
    spans: Sequence[tuple[int, int]], budget: int, tokens_of: Callable[[tuple[int, int]], int]
) -> list[tuple[int, int]]:
    """Greedily join neighbouring spans while the summed token count stays within budget."""
    packed: list[tuple[int, int]] = []
    total = 0
    for span in spans:
        tokens = tokens_of(span)
        if packed and total + tokens <= budget:
            packed[-1] = (packed[-1][0], span[1])
            total += tokens
        else:
            packed.append(span)
            total = tokens
    return packed


def _merge_units(
    units: Sequence[TextUnit], budget_for: Callable[[tuple[str, ...], str | None], int]
) -> list[TextUnit]:
    """Merge neighbouring paragraphs of one section and page while they fit the section's budget."""
    merged: list[TextUnit] = []
    for unit in units:
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.mergeable
            and unit.mergeable
            and last.section == unit.section
            and last.page == unit.page
            and last.note == unit.note
            and last.tokens + unit.tokens <= budget_for(unit.section, unit.note)
        ):
            merged[-1] = TextUnit(
                last.start,
                unit.end,
                last.section,
                last.page,
                f"{last.text} {unit.text}",
                last.tokens + unit.tokens,
                True,
                unit.note,
            )
        else:
            merged.append(unit)
    return merged
