"""Load a corpus folder into `Document`s and cut them into `Passage`s with citations.

Two plain functions, both pure apart from reading the files:

- `load_corpus(root)` reads every `.md`, `.txt` and `.jsonl` file under `root`, and the `.json`
  breakdowns claimcheck published (the formats are described in `claimcheck.corpus.load`).
- `chunk_documents(docs, settings)` cuts each document into passages that respect its structure
  (headings, paragraphs, page breaks, table rows) and carry the document's citation with the section.

Modules, each importing only those above it:

- `text`: small text helpers (whitespace, inline markup, cell text without footnote markers, trimming,
  hashing, boilerplate that is never a passage).
- `kinds`: the table of source kinds (rank, display name, rationale noun, is-evidence).
- `filings`: Form 10-K heuristics (cover page, fact-sheet heading, Item headings, printed page numbers).
- `cards`: model cards without front matter (family, developer, release date, title).
- `breakdowns`: breakdowns claimcheck published, as documents and passages.
- `load`: files, front matter, jsonl records, citations and hashes.
- `blocks`: a body cut into paragraphs, code and tables under their heading path.
- `tables`: table rows as passage units (HTML rowspan/colspan and header rows, pipe tables), reading a
  row passage's cells back, and unit statements ("(in millions)").
- `columns`: year-column rows of 10-K texts (a label, then one figure per fiscal year).
- `chunk`: blocks to passages within the token budget.

Adding a source kind is one `DocKind` member plus one `register_kind(...)` line in `kinds`.
"""

from __future__ import annotations

from claimcheck.corpus.blocks import CountTokens
from claimcheck.corpus.chunk import CHUNKER_VERSION, chunk_document, chunk_documents, estimate_tokens
from claimcheck.corpus.filings import (
    ITEM_TITLES,
    FilingFacts,
    FilingItem,
    find_items,
    fiscal_year_of,
    printed_page_labels,
    sniff_10k,
)
from claimcheck.corpus.kinds import (
    KINDS,
    KindInfo,
    UnknownKindError,
    is_evidence,
    kind_display,
    kind_info,
    register_kind,
    source_noun,
    source_rank,
)
from claimcheck.corpus.load import (
    CORPUS_SUFFIXES,
    SKIPPED_NAMES,
    SKIPPED_PREFIXES,
    corpus_files,
    corpus_hash,
    hash_doc_hashes,
    load_corpus,
    load_file,
)
from claimcheck.corpus.tables import unit_statement

__all__ = [
    "CHUNKER_VERSION",
    "CORPUS_SUFFIXES",
    "ITEM_TITLES",
    "KINDS",
    "SKIPPED_NAMES",
    "SKIPPED_PREFIXES",
    "CountTokens",
    "FilingFacts",
    "FilingItem",
    "KindInfo",
    "UnknownKindError",
    "chunk_document",
    "chunk_documents",
    "corpus_files",
    "corpus_hash",
    "estimate_tokens",
    "find_items",
    "fiscal_year_of",
    "hash_doc_hashes",
    "is_evidence",
    "kind_display",
    "kind_info",
    "load_corpus",
    "load_file",
    "printed_page_labels",
    "register_kind",
    "sniff_10k",
    "source_noun",
    "source_rank",
    "unit_statement",
]
