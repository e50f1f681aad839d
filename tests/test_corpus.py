"""Corpus loading and chunking: formats, exact spans, tables, and errors that name file and line."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
from pathlib import Path

import pytest

import claimcheck.corpus
from claimcheck.corpus import kinds
from claimcheck.corpus.chunk import chunk_documents, estimate_tokens
from claimcheck.corpus.columns import label_columns, year_rows
from claimcheck.corpus.filings import find_items, fiscal_year_of, printed_page_labels, sniff_10k
from claimcheck.corpus.load import corpus_files, corpus_hash, load_corpus
from claimcheck.corpus.tables import TableCell, cell_at, html_rows, is_table_row, unit_statement
from claimcheck.corpus.text import cell_text, is_boilerplate
from claimcheck.errors import ClaimcheckWarning, CorpusError
from claimcheck.models import Breakdown, Citation, DocKind, Document, Evidence, Label, Passage, VerdictStatus
from claimcheck.offline import OFFLINE_ENV, enable_offline
from claimcheck.quantities import figures, unit_scale
from claimcheck.settings import Settings
from claimcheck.verify.evidence import primary
from claimcheck.verify.quotes import best_quote
from tests.factories import (
    SETTINGS,
    make_breakdown,
    make_claim,
    make_draft,
    make_evidence,
    make_passage,
    make_verdict,
    write_file,
)


def _by_id(docs: list[Document]) -> dict[str, Document]:
    return {doc.doc_id: doc for doc in docs}


# --------------------------------------------------------------------------------------------------
# offline


def test_enable_offline_sets_variables_idempotently(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in OFFLINE_ENV:
        monkeypatch.delenv(name, raising=False)
    enable_offline()
    enable_offline()
    assert {name: os.environ[name] for name in OFFLINE_ENV} == {
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "HF_DATASETS_OFFLINE": "1",
        "TOKENIZERS_PARALLELISM": "false",
    }


# --------------------------------------------------------------------------------------------------
# loading


def test_loads_all_three_formats_in_path_order(corpus_basic: Path) -> None:
    docs = load_corpus(corpus_basic)
    assert [doc.doc_id for doc in docs] == [
        "meta/meta_10k_fy2023.md",
        "llama-3.1-card",
        "llama-2-card",
        "notes/plain.md",
        "notes/untitled.txt",
    ]
    by_id = _by_id(docs)

    tenk = by_id["meta/meta_10k_fy2023.md"]
    assert tenk.citation.title == "Meta Platforms 10-K FY2023 (excerpts)"
    assert tenk.citation.kind is DocKind.TEN_K
    assert tenk.citation.company == "Meta Platforms, Inc."
    assert tenk.citation.period == "FY2023"
    assert str(tenk.citation.date) == "2024-02-02"
    assert tenk.raw == (corpus_basic / "meta/meta_10k_fy2023.md").read_text(encoding="utf-8")
    assert tenk.raw[tenk.body_start :].startswith("\n# Meta Platforms")
    assert tenk.line is None

    card = by_id["llama-3.1-card"]
    assert card.path == "models.jsonl"
    assert card.line == 1
    assert card.citation.kind is DocKind.MODEL_CARD
    assert card.raw.startswith("## Model information")
    # A numeric period in jsonl becomes text; the record on line 3 follows a blank line.
    assert by_id["llama-2-card"].line == 3
    assert by_id["llama-2-card"].citation.period == "2023"


def test_markdown_without_front_matter_takes_heading_or_stem(corpus_basic: Path) -> None:
    by_id = _by_id(load_corpus(corpus_basic))
    assert by_id["notes/plain.md"].citation.title == "Notes on open models"
    assert by_id["notes/plain.md"].citation.kind is DocKind.OTHER
    assert by_id["notes/plain.md"].body_start == 0
    assert by_id["notes/untitled.txt"].citation.title == "untitled"


def test_skips_hidden_source_and_licence_files(corpus_basic: Path) -> None:
    names = [path.relative_to(corpus_basic).as_posix() for path in corpus_files(corpus_basic)]
    assert (corpus_basic / "SOURCE.txt").is_file() and (corpus_basic / "LICENSE").is_file()
    assert (corpus_basic / ".hidden.md").is_file()
    assert names == ["meta/meta_10k_fy2023.md", "models.jsonl", "notes/plain.md", "notes/untitled.txt"]


def test_symlinks_that_leave_the_corpus_or_dangle_are_skipped_with_a_warning(tmp_path: Path) -> None:
    secret = write_file(tmp_path / "private", "salaries.md", "# Salaries\n\nThe CEO earns $9 million.\n")
    write_file(tmp_path / "private", "more.md", "# More\n\nAlso secret.\n")
    corpus = tmp_path / "corpus"
    write_file(corpus, "a.md", "# A\n\nRevenue was $10 billion.\n")
    (corpus / "leak.md").symlink_to(secret)  # a file outside the corpus
    (corpus / "outside").symlink_to(tmp_path / "private", target_is_directory=True)  # a folder outside
    (corpus / "gone.md").symlink_to(corpus / "deleted.md")  # dangling
    (corpus / "alias.md").symlink_to(corpus / "a.md")  # inside the corpus: an ordinary document
    with pytest.warns(ClaimcheckWarning) as caught:
        docs = load_corpus(corpus)
    assert sorted(doc.doc_id for doc in docs) == ["a.md", "alias.md"]
    assert all("CEO" not in doc.raw for doc in docs)
    messages = sorted(str(w.message) for w in caught)
    assert len(messages) == 3
    assert any("gone.md" in m and "dangling" in m for m in messages)
    assert any("leak.md" in m and "outside the corpus" in m for m in messages)
    assert any("outside" in m and "outside the corpus" in m for m in messages)


def test_corpus_hash_is_stable_and_tracks_content(corpus_basic: Path, tmp_path: Path) -> None:
    first = corpus_hash(load_corpus(corpus_basic))
    assert first == corpus_hash(list(reversed(load_corpus(corpus_basic))))
    write_file(tmp_path, "a.md", "# A\n\nOne.\n")
    before = corpus_hash(load_corpus(tmp_path))
    write_file(tmp_path, "a.md", "# A\n\nTwo.\n")
    assert corpus_hash(load_corpus(tmp_path)) != before


def test_jsonl_metadata_edit_changes_the_content_hash(tmp_path: Path) -> None:
    write_file(tmp_path, "d.jsonl", json.dumps({"id": "x", "text": "Same text.", "period": "FY2022"}) + "\n")
    before = load_corpus(tmp_path)[0].content_hash
    write_file(tmp_path, "d.jsonl", json.dumps({"id": "x", "text": "Same text.", "period": "FY2023"}) + "\n")
    assert load_corpus(tmp_path)[0].content_hash != before


# --------------------------------------------------------------------------------------------------
# bad input: each names the file and the line


def _error(folder: Path) -> CorpusError:
    with pytest.raises(CorpusError) as info:
        load_corpus(folder)
    return info.value


@pytest.mark.parametrize(
    ("name", "content", "line", "reason"),
    [
        ("yaml.md", "---\ntitle: ok\nkind: [unclosed\n---\nbody\n", 3, "invalid YAML front matter"),
        ("indent.md", "---\ntitle: ok\n  bad: x\n---\nbody\n", 3, "invalid YAML front matter"),
        ("list.md", "---\n- a\n- b\n---\nbody\n", 2, "not a set of 'key: value' pairs"),
        ("open.md", "---\ntitle: never closed\n\nbody\n", 1, "never closed"),
        ("kind.md", "---\ntitle: ok\nkind: press-release\n---\nbody\n", 3, "unknown kind 'press-release'"),
        ("date.md", "---\ntitle: ok\n\ndate: someday\n---\n", 4, "'date' is not a date"),
        ("yearend.md", "---\ntitle: ok\nyear_end: soon\n---\n", 3, "'year_end' is not a date"),
        ("title.md", "---\ntitle: [a, b]\n---\n", 2, "'title' must be text"),
        ("bad.jsonl", '{"id": "a", "text": "x"}\n{"id": "b", "text": \n', 2, "not valid JSON"),
        ("array.jsonl", "[1, 2]\n", 1, "not a JSON object"),
        ("noid.jsonl", '{"id": "a", "text": "x"}\n\n{"text": "y"}\n', 3, "missing or empty 'id'"),
        ("notext.jsonl", '{"id": "a", "title": "t"}\n', 1, "missing 'text'"),
        ("dup.jsonl", '{"id": "a", "text": "x"}\n{"id": "a", "text": "y"}\n', 2, "duplicate id 'a'"),
        ("jkind.jsonl", '{"id": "a", "text": "x", "kind": "blog"}\n', 1, "unknown kind 'blog'"),
        ("ck.md", "---\ntitle: ok\nkind: 10-K\ncompiled_kind: 10-K\n---\nb\n", 4, "only for a fact sheet"),
        ("ck2.md", "---\nkind: fact-sheet\ncompiled_kind: breakdown\n---\n", 3, "restates a primary source"),
        ("ck3.md", "---\nkind: fact-sheet\ncompiled_kind: memo\n---\n", 3, "unknown kind 'memo'"),
        ("latin1.txt", b"fine line\ncaf\xe9 au lait\n", 2, "not valid UTF-8"),
        # found by the fuzz suite: a traceback when the index was saved
        ("lone.jsonl", '{"id": "a", "text": "x"}\n{"id": "b", "text": "caf\\udce9"}\n', 2, "escape \\udce9"),
    ],
)
def test_bad_input_names_file_and_line(
    tmp_path: Path, name: str, content: str | bytes, line: int, reason: str
) -> None:
    path = write_file(tmp_path, name, content)
    error = _error(tmp_path)
    assert error.path == str(path)
    assert error.line == line
    assert reason in error.reason
    assert error.hint
    assert f"{path}:{line}: " in str(error)


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    write_file(tmp_path, "a.jsonl", '{"id": "same", "text": "x"}\n')
    second = write_file(tmp_path, "b.jsonl", '{"id": "other", "text": "y"}\n{"id": "same", "text": "z"}\n')
    error = _error(tmp_path)
    assert error.path == str(second)
    assert error.line == 2
    assert "first defined at a.jsonl:1" in error.reason


def test_empty_and_missing_folders(tmp_path: Path) -> None:
    write_file(tmp_path, "SOURCE.txt", "not a document")
    write_file(tmp_path, "notes.csv", "a,b")
    error = _error(tmp_path)
    assert error.path == str(tmp_path) and error.line is None
    assert "no .md, .txt or .jsonl files" in error.reason

    missing = tmp_path / "nope"
    error = _error(missing)
    assert error.path == str(missing)
    assert "not found" in error.reason


# --------------------------------------------------------------------------------------------------
# chunking


def _source_text(root: Path, doc: Document) -> str:
    """The text a document's spans index into, read straight from disk (not via the loader)."""
    data = (root / doc.path).read_bytes().decode("utf-8")
    if doc.line is None:
        return data
    record = json.loads(data.split("\n")[doc.line - 1])
    text: str = record["text"]
    return text


def _assert_exact_spans(root: Path, docs: list[Document], passages: list[Passage]) -> None:
    by_id = _by_id(docs)
    for passage in passages:
        doc = by_id[passage.doc_id]
        assert passage.raw_text == doc.raw[passage.start : passage.end]
        assert passage.raw_text == _source_text(root, doc)[passage.start : passage.end]
        assert passage.raw_text == passage.raw_text.strip()
        assert passage.raw_text


def test_every_passage_is_an_exact_span_of_its_file(corpus_basic: Path, settings: Settings) -> None:
    docs = load_corpus(corpus_basic)
    passages = chunk_documents(docs, settings)
    assert len(passages) >= len(docs)
    _assert_exact_spans(corpus_basic, docs, passages)
    for doc in docs:
        ids = [p.passage_id for p in passages if p.doc_id == doc.doc_id]
        assert ids == [f"{doc.doc_id}#{n}" for n in range(len(ids))]
    assert chunk_documents(docs, settings) == passages  # deterministic


def test_table_rows_become_passages_with_headers(corpus_basic: Path, settings: Settings) -> None:
    passages = chunk_documents(load_corpus(corpus_basic), settings)
    row = next(p for p in passages if p.raw_text.startswith("| Reality Labs loss"))
    assert row.raw_text == "| Reality Labs loss from operations | (13,717) | (16,120) |"
    assert row.text.splitlines() == [
        "Meta Platforms 10-K FY2023 (excerpts) > Item 7. Management's Discussion and Analysis"
        " > Segment results",
        "Reality Labs loss from operations | FY2022: (13,717) | FY2023: (16,120)",
    ]
    assert row.citation.section == "Item 7. Management's Discussion and Analysis > Segment results"
    assert row.citation.kind is DocKind.TEN_K and row.citation.period == "FY2023"
    # Header and delimiter rows are not passages of their own.
    assert not any(p.raw_text.startswith(("| figure", "|---")) for p in passages)

    card_rows = [p for p in passages if p.doc_id == "llama-3.1-card" and p.raw_text.startswith("|")]
    assert [p.text.splitlines()[1] for p in card_rows] == [
        "Llama 3.1 8B | Context length: 128k | Knowledge cutoff: December 2023",
        "Llama 3.1 405B | Context length: 128k | Knowledge cutoff: December 2023",
    ]


def test_sections_follow_the_heading_path(corpus_basic: Path, settings: Settings) -> None:
    passages = chunk_documents(load_corpus(corpus_basic), settings)
    headcount = next(p for p in passages if "67,317" in p.raw_text)
    assert headcount.citation.section == "Item 7. Management's Discussion and Analysis > Headcount"
    mission = next(p for p in passages if "mission" in p.raw_text)
    assert mission.citation.section == "Item 1. Business"
    assert mission.text.startswith("Meta Platforms 10-K FY2023 (excerpts) > Item 1. Business\n")
    untitled = next(p for p in passages if p.doc_id == "notes/untitled.txt")
    assert untitled.citation.section is None


def test_front_matter_section_prefixes_the_citation_not_the_text(tmp_path: Path) -> None:
    write_file(
        tmp_path,
        "card.md",
        "---\ntitle: 'Llama 2 model card: fact sheet'\nsection: Model Details\n---\n\n"
        "# Llama 2\n\n## Training\n\nTrained on 2 trillion tokens.\n",
    )
    (passage,) = chunk_documents(load_corpus(tmp_path), SETTINGS)
    # "# Llama 2" repeats the title, so it is left out of the path.
    assert passage.citation.section == "Model Details > Training"
    assert passage.text == "Llama 2 model card: fact sheet > Training\nTrained on 2 trillion tokens."


def test_small_paragraphs_merge_up_to_the_budget(corpus_basic: Path) -> None:
    docs = [doc for doc in load_corpus(corpus_basic) if doc.doc_id == "notes/plain.md"]
    merged = chunk_documents(docs, Settings(chunk_max_tokens=200))
    assert len(merged) == 1
    assert merged[0].raw_text.startswith("Open weights") and merged[0].raw_text.endswith("open models.")
    assert "\n\n" in merged[0].raw_text
    separate = chunk_documents(docs, Settings(chunk_max_tokens=20))
    assert [p.raw_text.split()[0] for p in separate] == ["Open", "A"]


def test_long_paragraphs_split_at_sentence_boundaries(tmp_path: Path) -> None:
    sentences = [f"Sentence number {n} talks about revenue growth in fiscal {2000 + n}." for n in range(30)]
    write_file(tmp_path, "long.md", "# Long\n\n" + " ".join(sentences) + "\n")
    docs = load_corpus(tmp_path)
    budget = 60
    passages = chunk_documents(docs, Settings(chunk_max_tokens=budget))
    assert len(passages) > 3
    _assert_exact_spans(tmp_path, docs, passages)
    for passage in passages:
        assert passage.raw_text.endswith(".")
        assert passage.raw_text.startswith("Sentence number")
        assert estimate_tokens(passage.text) <= budget
    rebuilt = " ".join(p.raw_text for p in passages)
    assert rebuilt == " ".join(sentences)


def test_run_on_text_without_punctuation_still_fits(tmp_path: Path) -> None:
    write_file(tmp_path, "wall.txt", " ".join(f"w{n}" for n in range(500)))
    docs = load_corpus(tmp_path)
    counts = [len(p.raw_text.split()) for p in chunk_documents(docs, Settings(chunk_max_tokens=50))]
    assert sum(counts) == 500
    assert max(counts) <= 50


def test_crlf_bom_and_form_feeds_keep_offsets_and_pages(tmp_path: Path) -> None:
    content = (
        "\ufeff---\r\ntitle: Filing\r\nkind: 10-K\r\n---\r\n"
        "PART II\r\nItem 7. Management's Discussion and Analysis\r\n"
        "Revenue rose 16% in the year.\r\nIt was driven by advertising.\r\n\r\n"
        "| metric | FY2023 |\r\n|---|---|\r\n| revenue | 134,902 |\r\n"
        "\fTable of Contents\r\nHeadcount fell 22% to 67,317 employees.\r\n"
    )
    path = write_file(tmp_path, "filing.txt", content)
    docs = load_corpus(tmp_path)
    assert docs[0].raw == path.read_bytes().decode("utf-8")
    assert docs[0].citation.kind is DocKind.TEN_K
    passages = chunk_documents(docs, SETTINGS)
    _assert_exact_spans(tmp_path, docs, passages)
    assert [p.raw_text for p in passages] == [
        "Revenue rose 16% in the year.\r\nIt was driven by advertising.",
        "| revenue | 134,902 |",
        "Headcount fell 22% to 67,317 employees.",  # the running head "Table of Contents" is dropped
    ]
    assert [p.citation.page for p in passages] == [0, 0, 1]
    # A 10-K's items get their standard names; "PART II" is implied and dropped.
    assert {p.citation.section for p in passages} == {
        "Item 7. Management's Discussion and Analysis of Financial Condition and Results of Operations"
    }
    assert passages[1].text.endswith("\nrevenue | FY2023: 134,902")


def test_html_table_rows_carry_rowspans(tmp_path: Path) -> None:
    content = (
        "# Card\n\n<table>\n  <tr>\n   <td></td><td><strong>Params</strong></td><td>Context length</td>\n"
        '  </tr>\n  <tr>\n   <td rowspan="2">Llama 3.1</td><td>8B</td><td>128k</td>\n  </tr>\n'
        "  <tr>\n   <td>405B</td><td>128k</td>\n  </tr>\n</table>\n\nAfter the table.\n"
    )
    write_file(tmp_path, "card.md", content)
    docs = load_corpus(tmp_path)
    passages = chunk_documents(docs, SETTINGS)
    _assert_exact_spans(tmp_path, docs, passages)
    assert [p.text.splitlines()[1] for p in passages] == [
        "Llama 3.1 | Params: 8B | Context length: 128k",
        "Llama 3.1 | Params: 405B | Context length: 128k",
        "After the table.",
    ]
    assert passages[0].raw_text.startswith("<tr>") and passages[0].raw_text.endswith("</tr>")


# An HTML table as Meta writes its model cards: a header cell spanning two columns over sub-headers, a
# label carried down by rowspan, a body cell spanning two columns, a cell without its closing tag, <strong>
# headers and footnote markers.
SPANNING_TABLE = """# Card

<table>
  <tr>
   <th rowspan="2">Model</th>
   <th colspan="2"><strong>Training Time</strong></th>
   <th>Context length<sup>1</sup></th>
  </tr>
  <tr>
   <th>(GPU hours)</th>
   <th>(days)</th>
  </tr>
  <tr>
   <td rowspan="2">Llama 9 405B†</td>
   <td><strong>30.84M</strong></td>
   <td>54*</td>
   <td>128k [2]
  </tr>
  <tr>
   <td colspan="2">Not reported</td>
   <td>8k
   </td>
  </tr>
</table>
"""


def _chunk_one(folder: Path, name: str, content: str) -> list[Passage]:
    """The passages of one file written to `folder`, each checked to be an exact span of it."""
    write_file(folder, name, content)
    docs = load_corpus(folder)
    passages = chunk_documents(docs, SETTINGS)
    _assert_exact_spans(folder, docs, passages)
    return passages


def test_html_table_with_rowspan_colspan_and_two_header_rows(tmp_path: Path) -> None:
    passages = _chunk_one(tmp_path, "card.md", SPANNING_TABLE)
    assert [p.text.splitlines()[-1] for p in passages] == [
        "Llama 9 405B | Training Time (GPU hours): 30.84M | Training Time (days): 54 | Context length: 128k",
        "Llama 9 405B | Training Time (GPU hours) / Training Time (days): Not reported | Context length: 8k",
    ]
    # The quote is the row as the file has it, footnote markers and all.
    assert "<strong>30.84M</strong>" in passages[0].raw_text and "128k [2]" in passages[0].raw_text
    cell = cell_at(passages[0].text, passages[0].raw_text, passages[0].raw_text.index("30.84M"))
    assert cell == TableCell(row="Llama 9 405B", header="Training Time (GPU hours)", value="30.84M")
    cell = cell_at(passages[1].text, passages[1].raw_text, passages[1].raw_text.index("8k"))
    # The row's identity is its label and the text cells before its first figure.
    assert cell is not None and cell.header == "Context length" and cell.row.startswith("Llama 9 405B | ")


def test_html_rows_read_broken_markup_like_a_browser() -> None:
    raw = "<table><tr><th>A</th><th>B</th></tr><tr><td>x<td>1.5M</tr><tr><td>y</td><td>2</td></table>"
    rows = html_rows(raw, 0, len(raw))
    assert [[cell.text for cell in row.cells] for row in rows] == [["A", "B"], ["x", "1.5M"], ["y", "2"]]
    assert [cell.header for cell in rows[0].cells] == [True, True]
    assert raw[rows[1].cells[1].start : rows[1].cells[1].end] == "1.5M"


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("MMMU Pro^", "MMMU Pro"),
        ("2018*", "2018"),
        ("Net income (2)", "Net income"),
        ("2017 (1)", "2017"),
        ("Revenue<sup>1</sup>", "Revenue"),
        ("3.0 x 10<sup>-4</sup>", "3.0 x 10^-4"),
        ("Accuracy [3]", "Accuracy"),
        ("Llama 3.1 405B†", "Llama 3.1 405B"),
        ("*Negligible*\\*\\*", "Negligible"),
        ("**37.5**", "37.5"),
        ("\\~40T", "~40T"),
        ("(1)", "(1)"),  # a negative figure, not a footnote
        (
            "<strong>Training Emissions</strong>\n<p>\n<strong>(tons CO2eq)</strong>",
            "Training Emissions (tons CO2eq)",
        ),
    ],
)
def test_cell_text_strips_markup_and_footnote_markers(raw: str, text: str) -> None:
    assert cell_text(raw) == text


def test_pipe_rows_without_outer_bars_and_grouped_rows(tmp_path: Path) -> None:
    content = (
        "||Params|Tokens|\n|---|---|---|\nLlama 2|7B|2.0T\nLlama 2|70B|2.0T\n\n"
        "|  | Params | Context |\n| :-- | :-- | :-- |\n| Llama 3.2 (text only) | 1B | 128k |\n|  | 3B |  |\n"
    )
    passages = _chunk_one(tmp_path, "card.md", content)
    assert [p.text.splitlines()[-1] for p in passages] == [
        "Llama 2 | Params: 7B | Tokens: 2.0T",
        "Llama 2 | Params: 70B | Tokens: 2.0T",
        "Llama 3.2 (text only) | Params: 1B | Context: 128k",
        "Llama 3.2 (text only) | Params: 3B",  # the group's label carries down to its next row
    ]


# A 10-K's statement of income as pdftotext writes it: a unit statement, year headers one per line, then
# each row's label and its figures, one per line with "$" lines between.
YEAR_COLUMNS_10K = """FORM 10-K
ANNUAL REPORT PURSUANT TO SECTION 13 OR 15(d) OF THE SECURITIES EXCHANGE ACT OF 1934
For the fiscal year ended December 31, 2023
EXAMPLE PLATFORMS, INC.
(Exact name of registrant as specified in its charter)
\f
Item 8. Financial Statements and Supplementary Data
CONSOLIDATED STATEMENTS OF INCOME
(In millions, except per share amounts)
Year Ended December 31,

2023

2022

Revenue

$

134,902

$

116,609

Advertising revenue

131,948

113,642

Net income (1)

39,098

23,200

12
\f"""


def test_year_column_rows_of_a_10k_text(tmp_path: Path) -> None:
    passages = _chunk_one(tmp_path, "EXAMPLE_2023_10K.txt", YEAR_COLUMNS_10K)
    rows = [p for p in passages if " | " in p.text.splitlines()[-1]]
    assert [p.text.splitlines()[-1] for p in rows] == [
        "Revenue | 2023: 134,902 | 2022: 116,609",
        "Advertising revenue | 2023: 131,948 | 2022: 113,642",
        # the footnote marker is not part of the label, the printed page number "12" no figure of the row
        "Net income | 2023: 39,098 | 2022: 23,200",
    ]
    assert all(p.text.splitlines()[-2] == "(in millions)" for p in rows)
    assert rows[1].raw_text == "Advertising revenue\n\n131,948\n\n113,642"
    cell = cell_at(rows[1].text, rows[1].raw_text, rows[1].raw_text.index("113,642"))
    assert cell == TableCell(row="Advertising revenue", header="2022", value="113,642")


def test_year_rows_skip_tables_that_print_figures_before_labels() -> None:
    raw = "2022\n2021\n21.0 %\n21.0 %\nStatutory rate\n3.9\n3.8\nState taxes\n(0.4)\n(0.4)\n"
    assert year_rows(raw, 0, len(raw)) == []
    raw = "2022\n2021\nRevenue\n5\n6\n7\n8\nCost\n1\n2\n"  # a label followed by two rows' figures
    assert [row.label for row in year_rows(raw, 0, len(raw))] == ["Cost"]


# A segment table as pdftotext writes some 10-K notes: the row labels one per line, then each column of
# figures as a list of its own, after its year (and, for some, its name). Two tables share the layout.
LABEL_COLUMNS_10K = """EXAMPLE CORP
FORM 10-K
For the fiscal year ended December 31, 2018
Segment results for 2018 and 2017 were as follows.
Business Segment Information
(Millions)
Industrial
Health Care
Consumer
Elimination of Dual Credit
Total Company

(Millions)
Industrial
Health Care
Consumer
Total Company

$

$

2018
12,267
6,021
4,796
(1,000)
22,084

2018
9,855
4,687
2,757
17,299

Net Sales
2017
11,866
5,853
4,731
(950)
21,500
"""


def test_label_column_tables_pair_a_column_with_its_labels_only_when_it_adds_up(tmp_path: Path) -> None:
    cells = label_columns(LABEL_COLUMNS_10K, 0, len(LABEL_COLUMNS_10K))
    assert [c.describe().splitlines()[-1] for c in cells] == [
        "Industrial | 2018: 12,267",
        "Health Care | 2018: 6,021",
        "Consumer | 2018: 4,796",
        "Elimination of Dual Credit | 2018: (1,000)",
        "Total Company | 2018: 22,084",
        "Industrial | 2018: 9,855",
        "Health Care | 2018: 4,687",
        "Consumer | 2018: 2,757",
        "Total Company | 2018: 17,299",
        "Industrial | Net Sales 2017: 11,866",
        "Health Care | Net Sales 2017: 5,853",
        "Consumer | Net Sales 2017: 4,731",
        "Elimination of Dual Credit | Net Sales 2017: (950)",
        "Total Company | Net Sales 2017: 21,500",
    ]
    assert {c.note for c in cells} == {"(in millions)"}
    assert cells[0].context.endswith("were as follows. Business Segment Information")
    assert cells[5].context == ""  # the second table's labels follow the first's straight away
    assert all(LABEL_COLUMNS_10K[c.value_start : c.value_end] == c.value for c in cells)
    # a column that does not add up, or whose labels number one more (which one has no figure?), is not read
    broken = LABEL_COLUMNS_10K.replace("22,084", "22,184")
    assert [c.value for c in label_columns(broken, 0, len(broken))][:1] == ["9,855"]
    extra = LABEL_COLUMNS_10K.replace("Business Segment Information\n(Millions)\n", "(Millions)\nOverview\n")
    assert "12,267" not in [c.value for c in label_columns(extra, 0, len(extra))]
    # unless the first label names what the rows are ("Business Segments"): it heads them, and the total
    # proves the rest (3M's FY2022 segment table)
    stub = LABEL_COLUMNS_10K.replace("Business Segment Information\n(Millions)\n", "(Millions)\nSegments\n")
    assert "12,267" in [c.value for c in label_columns(stub, 0, len(stub))]
    # two different lists of labels on the page that a column fits: neither is read
    twins = "North\nSouth\nTotal\n(Millions)\nEast\nWest\nTotal\n\n2018\n5\n7\n12\n"
    assert label_columns(twins, 0, len(twins)) == []
    assert [c.label for c in label_columns(twins.replace("East\nWest", "North\nSouth"), 0, 99)] == [
        "North",
        "South",
        "Total",
    ]
    # a heading that ends in ":" takes no figure and opens a list of its own (a statement of income)
    income = (
        "Revenue:\nSubscription\nProduct\nTotal revenue\n$\n"
        "Cost of revenue:\nSubscription\nProduct\n\n2022\n90\n10\n100\n"
    )
    assert [c.describe() for c in label_columns(income, 0, len(income))] == [
        "Revenue:\nSubscription | 2022: 90",
        "Revenue:\nProduct | 2022: 10",
        "Revenue:\nTotal revenue | 2022: 100",
    ]
    # quarterly figures are not read: a column's year would pass a quarter's revenue for the year's
    quarterly = "Quarterly Results of Operations\nDec. 31,\n" + income
    assert label_columns(quarterly, 0, len(quarterly)) == []
    # a header broken over lines is no list of labels; footnote markers "(1)", "(2)", "(3)" are no column
    broken_header = "Location of Gain /\n(Loss) Recognized in\nIncome Statements\nTotal\n$\n3\n(1)\n(2)\n6\n"
    assert label_columns(broken_header, 0, len(broken_header)) == []
    markers = "Opening balance\nChange\nTotal closing balance\n(1)\n(2)\n(3)\n"
    assert label_columns(markers, 0, len(markers)) == []
    # one part that is the total already proves nothing
    degenerate = "Approved plans\nOther plans\nTotal\n(1)\n32,332,203\n32,332,203\n"
    assert label_columns(degenerate, 0, len(degenerate)) == []


# A results summary as pdftotext prints Best Buy's: a stub header and the row labels, the two year headers,
# then the first year's figures (no total: the rows that speak of a percentage prove the pairing).
SUMMARY_10K = """Consolidated Performance Summary
Revenue
Revenue % change
Gross profit
Gross profit as a % of revenue
Operating income
Operating income as a % of revenue
Net earnings
(1)

2023
$
2022
46,298
(10.6)%
9,912
21.4 %
1,795
3.9 %
1,419
"""


def test_label_column_tables_proved_by_their_percent_rows() -> None:
    cells = label_columns(SUMMARY_10K, 0, len(SUMMARY_10K))
    assert [c.describe().splitlines()[-1] for c in cells] == [
        "Revenue | 2023: 46,298",  # the first of the two years printed before the figures
        "Revenue % change | 2023: (10.6)%",
        "Gross profit | 2023: 9,912",
        "Gross profit as a % of revenue | 2023: 21.4 %",
        "Operating income | 2023: 1,795",
        "Operating income as a % of revenue | 2023: 3.9 %",
        "Net earnings | 2023: 1,419",
    ]
    assert cells[0].context == "Consolidated Performance Summary"  # the stub header, left out of the rows
    # a list of labels with several columns: one printed with no year could be any year's, and is dropped
    two = "North\nSouth\nTotal\n\n2018\n10\n20\n30\nRest of world\n40\n50\n90\n"
    assert [c.value for c in label_columns(two, 0, len(two))] == ["10", "20", "30"]
    # one row off, the pattern breaks: nothing is read
    shifted = SUMMARY_10K.replace("Revenue\nRevenue % change\n", "Revenue % change\nRevenue\n")
    assert label_columns(shifted, 0, len(shifted)) == []


def test_label_column_cells_are_passages_quoted_as_their_figure(tmp_path: Path) -> None:
    passages = _chunk_one(tmp_path, "EXAMPLE_2018_10K.txt", LABEL_COLUMNS_10K)
    cells = [p for p in passages if p.raw_text == "12,267"]
    assert len(cells) == 1
    (cell,) = cells
    assert cell.text.splitlines()[-3:] == [
        "(in millions)",
        "Segment results for 2018 and 2017 were as follows. Business Segment Information",
        "Industrial | 2018: 12,267",
    ]
    assert is_table_row(cell.text, cell.raw_text)
    assert cell_at(cell.text, cell.raw_text, 0) == TableCell(row="Industrial", header="2018", value="12,267")
    assert best_quote(cell, "Industrial sales were 12.3 billion")[0] == "12,267"
    # the paragraph passages still cover the text around the tables
    assert any("Business Segment Information" in p.raw_text for p in passages if p is not cell)


# A model card as Meta publishes it: no front matter, the family in the folder name, the developer and
# release date in bold labels.
CARD = """## Model Information

The Meta Llama 9.1 collection of multilingual large language models.

**Model developer:** Meta

**Model Release Date:** July 23, 2031.

**License:** A custom commercial license, the Llama 9.1 Community License.

**Feedback:** Instructions on how to provide feedback or comments on the model can be found in the README.

Source: copied from the llama-models repository.
"""


def test_model_card_without_front_matter_gets_kind_family_company_and_date(tmp_path: Path) -> None:
    write_file(tmp_path, "models/llama9_1/MODEL_CARD.md", CARD)
    write_file(
        tmp_path, "models/llama9_1/eval_details.md", "# Llama 9 Evaluation Details\n\nMMLU is 5-shot.\n"
    )
    write_file(tmp_path, "models/llama9_1/LICENSE", "LLAMA 9.1 COMMUNITY LICENSE AGREEMENT\n")
    docs = _by_id(load_corpus(tmp_path))
    assert set(docs) == {"models/llama9_1/MODEL_CARD.md", "models/llama9_1/eval_details.md"}
    card = docs["models/llama9_1/MODEL_CARD.md"].citation
    assert (card.kind, card.title, card.company, card.date, card.period) == (
        DocKind.MODEL_CARD,
        "Llama 9.1 model card",
        "Meta",
        dt.date(2031, 7, 23),
        "2031-07",
    )
    details = docs["models/llama9_1/eval_details.md"].citation
    # The path says 9.1 where the heading says 9; developer and date come from the card beside it.
    assert (details.kind, details.title, details.company, details.period) == (
        DocKind.MODEL_CARD,
        "Llama 9.1 model card: evaluation details",
        "Meta",
        "2031-07",
    )
    passages = chunk_documents(list(docs.values()), SETTINGS)
    texts = " ".join(p.raw_text for p in passages)
    # Provenance lines and feedback notes are never passages; facts such as the licence are.
    assert "Source:" not in texts and "Feedback" not in texts
    assert "Community License" in texts


FACT_SHEET = """# Example Platforms, Inc. — figures reported in its annual reports on Form 10-K

Fiscal years end December 31; amounts in millions of US dollars unless stated.

## Income statement
| figure | FY2022 | FY2023 |
|---|---|---|
| Net income | 23,200 | 39,098 |
"""


def test_fact_sheet_heading_names_a_10k_company(tmp_path: Path) -> None:
    row = _chunk_one(tmp_path, "FACTS.md", FACT_SHEET)[-1]
    docs = load_corpus(tmp_path)
    cite = docs[0].citation
    assert (cite.kind, cite.source_kind, cite.company, cite.period) == (
        DocKind.FACT_SHEET,
        DocKind.TEN_K,
        "Example Platforms, Inc.",
        None,
    )
    assert cite.compiled_from == "Example Platforms, Inc.'s annual reports on Form 10-K"
    # The statement in the opening text governs the document's tables.
    assert row.text.splitlines()[-2:] == ["(in millions)", "Net income | FY2022: 23,200 | FY2023: 39,098"]


@pytest.mark.parametrize(
    "text",
    [
        "Source: Meta Platforms, Inc., Annual Report on Form 10-K for the fiscal year ended December 31",
        "---",
        '<p align="center">\n  <img src="/Llama_Repo.jpeg" width="400"/>\n</p>',
        "[![PyPI](https://img.shields.io/pypi/dm/x)](https://pypi.org/project/x/)",
        "**Where to send questions or comments about the model:** see the README.",
    ],
)
def test_boilerplate_is_never_a_passage(text: str) -> None:
    assert is_boilerplate(text)


def test_front_matter_residue_only_at_the_start_of_a_body() -> None:
    residue = "title: Llama 3 model card\nkind: model-card"
    assert is_boilerplate(residue, at_body_start=True)
    assert not is_boilerplate(residue)
    assert not is_boilerplate("Revenue: $134.9 billion, up 16%.")


def test_custom_token_counter_is_used(corpus_basic: Path) -> None:
    docs = [doc for doc in load_corpus(corpus_basic) if doc.doc_id == "notes/plain.md"]
    calls: list[str] = []

    def count_characters(text: str) -> int:
        calls.append(text)
        return len(text)

    budget = Settings(chunk_max_tokens=100)
    # ~12 word-ish tokens per paragraph merge under the default estimate, ~58 characters each do not.
    assert len(chunk_documents(docs, budget)) == 1
    passages = chunk_documents(docs, budget, count_characters)
    assert calls
    assert [p.raw_text.split()[0] for p in passages] == ["Open", "A"]


def test_estimate_tokens_counts_words_and_punctuation() -> None:
    assert estimate_tokens("") == 0
    assert estimate_tokens("Revenue was $134.9 billion.") == 8


# --------------------------------------------------------------------------------------------------
# real sources from ../shared


@pytest.fixture
def amazon_10k(shared_dir: Path, tmp_path: Path) -> Path:
    """A corpus folder holding (a link to) Amazon's FY2017 10-K in plain text, from ../shared."""
    source = shared_dir / "data" / "financebench-10k" / "derived_10k_text" / "AMAZON_2017_10K.txt"
    corpus = tmp_path / "tenk"
    corpus.mkdir()
    shutil.copyfile(source, corpus / source.name)  # a copy: links out of the corpus are skipped
    return corpus


def test_real_model_cards_and_10k_chunk_exactly(shared_dir: Path, settings: Settings) -> None:
    cards = shared_dir / "data" / "llama-model-cards"
    docs = load_corpus(cards)
    assert all(not doc.path.endswith(("LICENSE", "SOURCE.txt")) for doc in docs)
    passages = chunk_documents(docs, settings)
    _assert_exact_spans(cards, docs, passages)
    context = [
        p
        for p in passages
        if p.doc_id == "models/llama3_1/MODEL_CARD.md"
        and "405B" in p.text
        and "Context length: 128k" in p.text
    ]
    assert context, "the Llama 3.1 HTML table row for 405B should carry its column headers"


def test_real_10k_pages_match_form_feeds(amazon_10k: Path, settings: Settings) -> None:
    docs = load_corpus(amazon_10k)
    passages = chunk_documents(docs, settings)
    _assert_exact_spans(amazon_10k, docs, passages)
    pages = docs[0].raw.split("\f")
    for passage in passages:
        assert passage.citation.page is not None
        assert passage.raw_text in pages[passage.citation.page]
        assert estimate_tokens(passage.text) <= settings.chunk_max_tokens or passage.raw_text.startswith(
            ("|", "<")
        )
    sections = {p.citation.section for p in passages}
    assert any(section and "Item 7." in section for section in sections)


# --------------------------------------------------------------------------------------------------
# 10-K filings in plain text


@pytest.fixture
def tenk(fixtures: Path) -> Path:
    return fixtures / "corpus_10k"


def test_plain_text_10k_is_detected_from_its_cover(tenk: Path) -> None:
    (doc,) = load_corpus(tenk)  # SOURCE.txt is provenance, not a document
    assert doc.citation.kind is DocKind.TEN_K
    assert doc.citation.company == "EXAMPLE WIDGETS, INC."
    # The fiscal year ended on January 1, 2023: a 52/53-week year named after 2022.
    assert doc.citation.period == "FY2022"
    assert doc.citation.title == "EXAMPLE WIDGETS, INC. Form 10-K FY2022"


def test_fiscal_year_and_company_fallbacks() -> None:
    assert fiscal_year_of(dt.date(2023, 1, 1)) == 2022
    assert fiscal_year_of(dt.date(2023, 1, 28)) == 2023  # a retailer's fiscal 2023
    assert fiscal_year_of(dt.date(2023, 6, 30)) == 2023
    cover = "FORM 10-K\nANNUAL REPORT PURSUANT TO SECTION 13 OR 15(d)\nCommission file number 1-1\n\n"
    facts = sniff_10k(cover, "JOHNSON_JOHNSON_2022_10K")
    assert facts is not None
    assert (facts.company, facts.period) == ("JOHNSON JOHNSON", "FY2022")
    assert sniff_10k("Quarterly report on Form 10-Q for the quarter ended March 31, 2023.", "q") is None
    assert sniff_10k("We filed our FORM 10-K last week.", "note") is None


def test_front_matter_kind_wins_over_sniffing(tmp_path: Path, tenk: Path) -> None:
    text = (tenk / "EXAMPLE_2022_10K.txt").read_text(encoding="utf-8")
    write_file(tmp_path, "f.txt", "---\nkind: other\ntitle: Mine\n---\n" + text)
    (doc,) = load_corpus(tmp_path)
    assert doc.citation.kind is DocKind.OTHER and doc.citation.title == "Mine"


def test_10k_items_skip_contents_and_cross_references(tenk: Path) -> None:
    (doc,) = load_corpus(tenk)
    items = find_items(doc.raw)
    assert [item.key for item in items] == ["1", "1A", "7", "8"]
    pages = [doc.raw.count("\f", 0, item.start) for item in items]
    assert pages == [2, 3, 4, 5]  # not the contents on page 1, not the "see the Item 7." line on page 3
    assert items[2].title.startswith("Item 7. Management's Discussion and Analysis")


def test_10k_passages_cite_item_page_and_printed_page(tenk: Path) -> None:
    docs = load_corpus(tenk)
    passages = chunk_documents(docs, SETTINGS)
    _assert_exact_spans(tenk, docs, passages)
    by_page = {p.citation.page: p for p in passages}
    assert by_page[0].citation.section is None and by_page[0].citation.printed_page is None
    assert by_page[1].citation.section is None  # the table of contents belongs to no item
    business = by_page[2]
    assert business.citation.section == "Item 1. Business"
    assert business.citation.printed_page == "3"
    assert business.text.startswith("EXAMPLE WIDGETS, INC. Form 10-K FY2022 > Item 1. Business\n")
    assert "Table of Contents" not in business.text and "PART I" not in business.text
    risk = by_page[3]
    assert risk.citation.section == "Item 1A. Risk Factors" and risk.citation.printed_page == "4"


def test_unit_statements_reach_the_figures_they_govern(tenk: Path) -> None:
    passages = chunk_documents(load_corpus(tenk), SETTINGS)
    table = next(p for p in passages if "16,120" in p.raw_text)
    assert table.text.splitlines()[1] == "(in millions)"
    assert unit_scale(table.text) == 1e6
    before = next(p for p in passages if "12,450 people" in p.raw_text)
    after = next(p for p in passages if p.raw_text.startswith("Both segments"))
    # Prose is never scaled: 12,450 people are not 12 billion people.
    assert unit_scale(before.text) == 1.0 and unit_scale(after.text) == 1.0
    statements = next(p for p in passages if "29,837" in p.raw_text)
    assert unit_scale(statements.text) == 1e3
    assert statements.citation.section == "Item 8. Financial Statements and Supplementary Data"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CONSOLIDATED BALANCE SHEETS\n(in millions, except per share data)\nCash 1,234", "(in millions)"),
        ("(Dollars in Millions Except Per Share Amounts)", "(in millions)"),
        ("($ in billions)", "(in billions)"),
        ("Net sales (Millions)\n2022 2021", "(in millions)"),
        ("In thousands\nRevenue 12,345", "(in thousands)"),
        ("(Shares in thousands)", None),
        ("Our revenue was reported in millions of dollars across many segments and geographies.", None),
    ],
)
def test_unit_statement_forms(text: str, expected: str | None) -> None:
    assert unit_statement(text) == expected


def test_markdown_table_with_a_unit_header_scales_its_rows(tmp_path: Path) -> None:
    write_file(
        tmp_path,
        "seg.md",
        "# Segments\n\n| Segment result (in millions of US dollars) | 2023 |\n|---|---|\n"
        "| Reality Labs loss | (16,120) |\n\nPlain prose after the table mentions 67,317 employees.\n",
    )
    passages = chunk_documents(load_corpus(tmp_path), SETTINGS)
    assert unit_scale(passages[0].text) == 1e6
    assert passages[0].text.endswith("\n(in millions)\nReality Labs loss | 2023: (16,120)")
    assert unit_scale(passages[1].text) == 1.0


def test_printed_page_labels_need_a_consistent_neighbour() -> None:
    pages = ["text\n3", "text\n4", "a table\n1,234\n568", "text\n6", "intro\nF-2", "more\nF-3", "end\n- 9 -"]
    labels = printed_page_labels("\f".join(pages))
    # "568" ends page 2 but does not continue 4 -> 6; "- 9 -" has no neighbour to agree with.
    assert labels == {0: "3", 1: "4", 3: "6", 4: "F-2", 5: "F-3"}


def test_real_10ks_cover_items_and_pages(shared_dir: Path) -> None:
    folder = shared_dir / "data" / "financebench-10k" / "derived_10k_text"
    files = sorted(folder.glob("*.txt"))
    assert len(files) == 16
    for path in files:
        raw = path.read_text(encoding="utf-8")
        facts = sniff_10k(raw, path.stem)
        assert facts is not None, path.name
        assert facts.period == f"FY{path.stem.split('_')[-2]}", path.name
        keys = [item.key for item in find_items(raw)]
        assert {"1", "1A", "7", "7A", "8"} <= set(keys), (path.name, keys)
        assert len(keys) == len(set(keys))
    amazon = (folder / "AMAZON_2017_10K.txt").read_text(encoding="utf-8")
    items = find_items(amazon)
    assert [item.key for item in items] == [
        "1", "1A", "1B", "2", "3", "4", "5", "6", "7", "7A", "8", "9", "9A", "9B", "10", "11", "12", "13",
        "14", "15", "16",
    ]  # fmt: skip
    assert [amazon.count("\f", 0, item.start) for item in items[:3]] == [2, 5, 14]
    labels = printed_page_labels(amazon)
    assert (labels[1], labels[37]) == ("2", "38")
    assert 0 not in labels  # the cover has no page number


def test_real_10k_statement_page_is_cited_and_scaled(amazon_10k: Path) -> None:
    (doc,) = load_corpus(amazon_10k)
    assert (doc.citation.company, doc.citation.period) == ("AMAZON.COM, INC.", "FY2017")
    passages = chunk_documents([doc], SETTINGS)
    operations = [p for p in passages if p.citation.page == 37]
    assert operations and all(p.citation.printed_page == "38" for p in operations)
    assert all(
        p.citation.section == "Item 8. Financial Statements and Supplementary Data" for p in operations
    )
    assert all(unit_scale(p.text) == 1e6 for p in operations)
    net_sales = next(p for p in operations if "177,866" in p.raw_text)
    assert any(
        abs(q.value - 177_866e6) < 1
        for q in figures(net_sales.raw_text, default_scale=unit_scale(net_sales.text))
    )
    business = next(p for p in passages if "was incorporated in 1994" in p.raw_text)
    assert business.citation.section == "Item 1. Business" and business.citation.printed_page == "3"


# --------------------------------------------------------------------------------------------------
# published breakdowns


def _breakdown() -> Breakdown:
    claim = make_claim(
        "Reality Labs lost $16 billion last year.",
        transcript_id="ep-1",
        quote="we lost sixteen billion",
        speaker="Host",
        timecode="00:01:02:03 - 00:01:05:00",
    )
    other = make_claim(
        "Llama 3.1 has a 128k context window.", claim_id="c2", transcript_id="ep-1", quote=claim.quote
    )
    checked = make_draft(
        claim.id, label=Label.REAL, rationale="The 10-K reports a $16.12 billion\nloss.", confidence=0.9
    )
    hyped = make_draft(other.id, label=Label.HYPE, rationale="", confidence=0.5)
    return make_breakdown(
        [make_verdict(claim, checked, keep_draft=False), make_verdict(other, hyped, keep_draft=False)],
        slug="ep-1",
        title="Episode 1",
        source_path="ep1.txt",
        status=VerdictStatus.APPROVED,
        url="https://example.org/ep1",
        date=dt.date(2024, 5, 1),
    )


def test_published_breakdowns_load_as_kind_breakdown(tmp_path: Path) -> None:
    write_file(tmp_path, "site/ep-1.json", _breakdown().model_dump_json(indent=2))
    write_file(tmp_path, "site/other.json", '{"name": "not a breakdown"}')
    (doc,) = load_corpus(tmp_path)
    assert doc.doc_id == "site/ep-1.json"
    assert doc.citation.kind is DocKind.BREAKDOWN
    assert (doc.citation.title, doc.citation.url, str(doc.citation.date)) == (
        "Episode 1",
        "https://example.org/ep1",
        "2024-05-01",
    )
    passages = chunk_documents([doc], SETTINGS)
    assert [p.raw_text for p in passages] == [
        "Claim (Host, 00:01:02:03 - 00:01:05:00): Reality Labs lost $16 billion last year. | Verdict: Real"
        " | Rationale: The 10-K reports a $16.12 billion loss.",
        "Claim: Llama 3.1 has a 128k context window. | Verdict: Hype",
    ]
    for passage in passages:
        assert passage.raw_text == doc.raw[passage.start : passage.end]
        assert passage.text == f"Episode 1 > previously checked\n{passage.raw_text}"
        assert passage.citation.kind is DocKind.BREAKDOWN


def test_broken_breakdown_json_is_an_error(tmp_path: Path) -> None:
    path = write_file(tmp_path, "bad.json", '{"slug": "x", "verdicts": [')
    error = _error(tmp_path)
    assert error.path == str(path) and error.line == 1 and "not valid JSON" in error.reason
    path.write_text('{"slug": "x", "verdicts": [{"label": "real"}]}', encoding="utf-8")
    error = _error(tmp_path)
    assert "not a valid breakdown" in error.reason and error.hint


# --------------------------------------------------------------------------------------------------
# source kinds

# What the kinds table replaces, as the consumers held it before (verify/policy.py `SOURCE_RANK` and its
# `.get(kind, 3)`, `_source_name`'s nouns, publish.py `_KIND_DISPLAY`, the breakdown checks in policy.py
# and pipeline.py): the table must give every kind the same values.
_OLD_RANK = {DocKind.TEN_K: 0, DocKind.MODEL_CARD: 1, DocKind.OTHER: 2}
_OLD_DISPLAY = {DocKind.TEN_K: "Form 10-K", DocKind.MODEL_CARD: "Model card", DocKind.BREAKDOWN: "Breakdown"}
_OLD_NOUN = {DocKind.TEN_K: "10-K", DocKind.MODEL_CARD: "model card"}


def test_every_kind_has_one_entry_in_kind_order() -> None:
    assert list(kinds.KINDS) == list(DocKind)
    for kind, info in kinds.KINDS.items():
        assert info.kind is kind and kinds.kind_info(kind) is info
        assert info.label == kind.value


_NEW_KINDS = (DocKind.TEN_Q, DocKind.EIGHT_K, DocKind.FACT_SHEET)


def test_kinds_table_reproduces_the_old_values() -> None:
    for kind in (k for k in DocKind if k not in _NEW_KINDS):
        assert kinds.source_rank(kind) == _OLD_RANK.get(kind, 3)
        assert kinds.kind_display(kind) == _OLD_DISPLAY.get(kind)
        assert kinds.source_noun(kind) == _OLD_NOUN.get(kind)
        assert kinds.is_evidence(kind) is (kind is not DocKind.BREAKDOWN)


def test_primary_sources_rank_above_a_fact_sheet() -> None:
    for first in (DocKind.TEN_K, DocKind.TEN_Q, DocKind.EIGHT_K, DocKind.MODEL_CARD):
        assert kinds.source_rank(first) < kinds.source_rank(DocKind.FACT_SHEET)
    assert kinds.kind_display(DocKind.FACT_SHEET) == "Fact sheet"
    assert kinds.kind_display(DocKind.TEN_Q) == "Form 10-Q"
    assert all(kinds.is_evidence(kind) for kind in _NEW_KINDS)


def test_shipped_corpus_is_fact_sheets_that_link_the_exact_source() -> None:
    root = Path(__file__).resolve().parents[1] / "corpora"
    docs = load_corpus(root)
    assert len(docs) == 16
    exact_filing = re.compile(r"https://www\.sec\.gov/Archives/edgar/data/1326801/\d{18}/meta-\d{8}\.htm")
    pinned_card = re.compile(
        r"https://github\.com/meta-llama/llama-models/blob/[0-9a-f]{40}/models/\w+/MODEL_CARD\w*\.md"
    )
    for doc in docs:
        cite = doc.citation
        assert cite.kind is DocKind.FACT_SHEET and cite.compiled_from, doc.path
        assert cite.url is not None, doc.path
        if cite.source_kind is DocKind.TEN_K:
            assert exact_filing.fullmatch(cite.url), cite.url
            # the document's own fiscal year end is in the file name of the filing it cites
            assert cite.period is not None and cite.url.endswith(f"-{cite.period[2:]}1231.htm"), doc.path
        else:
            assert cite.source_kind is DocKind.MODEL_CARD and pinned_card.fullmatch(cite.url), cite.url


def test_a_fact_sheet_reads_and_ranks_as_the_source_it_restates(tmp_path: Path) -> None:
    sheet = "---\ntitle: t\nkind: fact-sheet\ncompiled_kind: 10-K\ncompiled_from: X 10-K\n---\n"
    body = "# Part II\n\nItem 7. Management's Discussion\n\nRevenue was $5 billion.\n"
    write_file(tmp_path, "sheet.md", sheet + body)
    (doc,) = load_corpus(tmp_path)
    assert doc.citation.source_kind is DocKind.TEN_K
    assert kinds.kind_display(doc.citation.kind) == "Fact sheet"
    plain = Citation(title="p", kind=DocKind.FACT_SHEET)
    assert plain.source_kind is DocKind.FACT_SHEET
    # ranked: a primary card, then the 10-K fact sheet, then a card's fact sheet, whatever the scores
    card_sheet = Citation(title="c", kind=DocKind.FACT_SHEET, compiled_kind=DocKind.MODEL_CARD)
    cites = {"card": Citation(title="m", kind=DocKind.MODEL_CARD), "card-sheet": card_sheet}
    cites["10-K sheet"] = doc.citation
    evidence = [
        make_evidence(passage=make_passage(passage_id=f"{name}#0", citation=cite), score=score)
        for (name, cite), score in zip(cites.items(), (0.5, 0.9, 0.7), strict=True)
    ]
    ranked = [e.passage.passage_id for e in primary(evidence, SETTINGS)]
    assert ranked == ["card#0", "10-K sheet#0", "card-sheet#0"]


def test_a_fact_sheet_is_put_behind_primary_sources_of_its_own_company_only() -> None:
    def evidence(name: str, company: str, kind: DocKind, score: float) -> Evidence:
        compiled = DocKind.TEN_K if kind is DocKind.FACT_SHEET else None
        cite = Citation(title=name, kind=kind, company=company, compiled_kind=compiled)
        return make_evidence(passage=make_passage(passage_id=name, citation=cite), score=score)

    sheet = evidence("meta-sheet", "Meta Platforms, Inc.", DocKind.FACT_SHEET, 0.9)
    boeing = evidence("boeing-10k", "The Boeing Company", DocKind.TEN_K, 0.6)
    meta = evidence("meta-10k", "Meta Platforms, Inc.", DocKind.TEN_K, 0.5)
    # the only source about Meta keeps its place before another company's filing ...
    assert [e.passage.passage_id for e in primary([boeing, sheet], SETTINGS)] == ["meta-sheet", "boeing-10k"]
    # ... and goes behind Meta's own filing, whatever the scores
    ranked = [e.passage.passage_id for e in primary([boeing, sheet, meta], SETTINGS)]
    assert ranked == ["boeing-10k", "meta-10k", "meta-sheet"]


def test_unknown_kind_is_an_error_not_last_place(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(kinds._TABLE, DocKind.OTHER)
    lookups = (kinds.kind_info, kinds.source_rank, kinds.kind_display, kinds.source_noun, kinds.is_evidence)
    for lookup in lookups:
        with pytest.raises(kinds.UnknownKindError, match="register_kind"):
            lookup(DocKind.OTHER)


def test_a_kind_registers_once() -> None:
    with pytest.raises(ValueError, match="already in the kinds table"):
        kinds.register_kind(DocKind.TEN_K, rank=0, display="Form 10-K", source_noun="10-K", is_evidence=True)
    assert kinds.kind_display(DocKind.TEN_K) == "Form 10-K"


def test_package_facade_exports_what_others_import() -> None:
    # claimcheck/index.py, cli.py, the tests and the benchmarks import these from `claimcheck.corpus`.
    used = {"CHUNKER_VERSION", "chunk_document", "chunk_documents", "corpus_hash", "hash_doc_hashes"}
    used |= {"load_corpus", "corpus_files", "estimate_tokens", "find_items", "fiscal_year_of"}
    used |= {"printed_page_labels", "sniff_10k", "unit_statement"}
    assert used <= set(claimcheck.corpus.__all__)
    for name in claimcheck.corpus.__all__:
        assert getattr(claimcheck.corpus, name) is not None


# A table pdftotext printed row by row (Adobe's FY2022 revenue table): the first year above the labels, the
# other years after them, then each row's three figures in turn.
ROW_MAJOR_10K = """(dollars in millions)

2022

Subscription
Percentage of total revenue
Product
Percentage of total revenue
Services and other
Percentage of total revenue
Total revenue

2021

2020

$ 16,388
$ 14,573
$ 11,626
93 %
92 %
90 %
532
555
507
3%
4%
4%
686
657
735
4%
4%
6%
$ 17,606
$ 15,785
$ 12,868

Subscription revenue is comprised primarily of fees we charge for our subscription offerings.
"""


def test_a_table_printed_row_by_row_is_read_when_every_years_column_proves_it(tmp_path: Path) -> None:
    cells = label_columns(ROW_MAJOR_10K, 0, len(ROW_MAJOR_10K))
    assert [(c.label, c.header, c.value) for c in cells if c.label == "Total revenue"] == [
        ("Total revenue", "2022", "17,606"),
        ("Total revenue", "2021", "15,785"),
        ("Total revenue", "2020", "12,868"),
    ]
    assert len(cells) == 21 and len({c.row for c in cells}) == 7
    # one figure short, no reading is proved
    short = ROW_MAJOR_10K.replace("$ 12,868\n", "")
    assert label_columns(short, 0, len(short)) == []
    # a row's figures are one passage, described as a row and quoted as printed
    cover = (
        "EXAMPLE CORP\nFORM 10-K\nFor the fiscal year ended December 2, 2022\nRevenue is discussed below.\n"
    )
    passages = _chunk_one(tmp_path, "EXAMPLE_2022_10K.txt", cover + ROW_MAJOR_10K)
    (total,) = [p for p in passages if p.raw_text.startswith("17,606")]
    assert total.raw_text == "17,606\n$ 15,785\n$ 12,868"
    assert total.text.splitlines()[-1] == "Total revenue | 2022: 17,606 | 2021: 15,785 | 2020: 12,868"
    assert cell_at(total.text, total.raw_text, total.raw_text.index("15,785")) == TableCell(
        row="Total revenue", header="2021", value="15,785"
    )
    # and the row settles a change across its years: 15,785 to 17,606 is +11.5%, "twelve percent" to the
    # nearest point
    from claimcheck.verify.numbers import Outcome, check_passage

    (grew,) = check_passage("[Example's revenue] That's up twelve percent.", total, SETTINGS)
    assert grew.outcome == Outcome.MATCH and grew.derived_change is not None
    (wrong,) = check_passage("[Example's revenue] That's up twenty percent.", total, SETTINGS)
    assert wrong.outcome != Outcome.MATCH
