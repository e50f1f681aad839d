"""Figures checked against real-document layouts: model card tables, 10-K year columns, fact sheets.

The first tests build small documents inline; the last ones read the real documents in ../shared and skip
cleanly without it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from claimcheck.corpus.chunk import chunk_documents
from claimcheck.corpus.load import load_corpus
from claimcheck.models import DocKind, Passage
from claimcheck.settings import Settings
from claimcheck.verify.assess import settle_figures
from claimcheck.verify.numbers import NumberCheck, Outcome, check_passage, model_sizes, passage_figures
from claimcheck.verify.quotes import best_quote, make_evidence
from tests.factories import REPO, SETTINGS, write_file

GPU_HOURS = """## Hardware and Software

**Training Energy Use** Training utilized a cumulative of **39.3**M GPU hours of computation.

<table>
  <tr>
   <td>
   </td>
   <td><strong>Training Time (GPU hours)</strong>
   </td>
   <td><strong>Training Power Consumption (W)</strong>
   </td>
  </tr>
  <tr>
   <td>Llama 3.1 70B
   </td>
   <td>7.0M
   </td>
   <td>700
   </td>
  </tr>
  <tr>
   <td>Llama 3.1 405B
   </td>
   <td>30.84M
   </td>
   <td>700
   </td>
  </tr>
  <tr>
   <td>Total
   </td>
   <td>39.3M
   <td>
<ul>

</ul>
   </td>
  </tr>
</table>
"""

SPEC = """## Model Information

<table>
  <tr>
    <th>Model Name</th>
    <th>Params</th>
    <th>Context length</th>
    <th>Token count</th>
  </tr>
  <tr>
    <td>Llama 4 Scout (17Bx16E) </td>
    <td>17B (Activated)
        109B (Total)
    </td>
    <td>10M</td>
    <td>~40T</td>
  </tr>
  <tr><td>Llama 4 Maverick (17Bx128E)</td><td>17B (Activated) 400B (Total)</td><td>1M</td><td>~22T</td></tr>
</table>

| Model Name | Training Time (GPU hours) |
| :---- | :---: |
| Llama 4 Scout | 5.0M |
| Llama 4 Maverick | 2.38M |
"""

FACTS = """# Example Platforms, Inc. — figures reported in its annual reports on Form 10-K

Fiscal years end December 31; amounts in millions of US dollars unless stated.

## Income statement
| figure | FY2021 | FY2022 | FY2023 |
|---|---|---|---|
| Total revenue | | 116,609 | 134,902 |
| Advertising revenue | | 113,642 | 131,948 |
"""


def _passages(tmp_path: Path, files: dict[str, str]) -> list[Passage]:
    for name, content in files.items():
        write_file(tmp_path, name, content)
    return chunk_documents(load_corpus(tmp_path), SETTINGS)


def _settled(claim: str, passages: list[Passage], settings: Settings = SETTINGS) -> list[NumberCheck]:
    """The check that settles each of the claim's figures, chosen among all passages as a verdict does."""
    evidence = [make_evidence(p, claim, 1.0) for p in passages]
    settled, _ = settle_figures(claim, evidence, settings)
    return [check for check, _ in settled.values()]


def _best(claim: str, passages: list[Passage]) -> NumberCheck:
    (check,) = _settled(claim, passages)
    return check


@pytest.fixture
def card(tmp_path: Path) -> list[Passage]:
    return _passages(
        tmp_path, {"models/llama3_1/MODEL_CARD.md": GPU_HOURS, "models/llama4/MODEL_CARD.md": SPEC}
    )


def test_gpu_hours_align_by_row_and_column(card: list[Passage]) -> None:
    best = _best("Llama 3.1 405B was trained on about 39 million GPU hours.", card)
    assert best.outcome is Outcome.MISMATCH and best.evidence is not None and best.evidence.text == "30.84M"
    best = _best("Llama 3.1 405B took roughly 31 million GPU hours to train.", card)
    assert best.outcome is Outcome.MATCH and best.evidence is not None and best.evidence.text == "30.84M"


def test_a_total_settles_a_claim_about_all_models(card: list[Passage]) -> None:
    checks = _settled("Training the Llama 3.1 models took about 39 million GPU hours in total.", card)
    assert checks and all(c.outcome is Outcome.MATCH for c in checks)
    # "**39.3**M" in the prose is read as 39.3 million, and quoted as the file has it.
    assert {c.evidence.text for c in checks if c.evidence} == {"39.3M"}


def test_a_total_never_settles_a_claim_about_one_size(card: list[Passage]) -> None:
    checks = [c for p in card for c in check_passage("Llama 3.1 8B took 39 million GPU hours.", p, SETTINGS)]
    assert not [c for c in checks if c.outcome in (Outcome.MATCH, Outcome.MISMATCH)]
    assert any(c.outcome is Outcome.OTHER_CONTEXT and "total" in (c.context_mismatch or "") for c in checks)


def test_parameters_and_context_come_from_the_named_model(card: list[Passage]) -> None:
    checks = _settled("Maverick has 400 billion total parameters with 17 billion active.", card)
    assert [c.outcome for c in checks] == [Outcome.MATCH, Outcome.MATCH]
    best = _best("Llama 4 Scout can handle a ten million token context.", card)
    assert best.outcome is Outcome.MATCH and best.evidence is not None and best.evidence.text == "10M"
    best = _best("Llama 4 Maverick supports a 10 million token context window.", card)
    assert best.outcome is Outcome.MISMATCH and best.evidence is not None and best.evidence.text == "1M"


def test_table_rows_are_quoted_whole(card: list[Passage]) -> None:
    row = next(p for p in card if "30.84M" in p.raw_text)
    quote, start, end = best_quote(row, "Llama 3.1 405B took 31 million GPU hours")
    assert quote == row.raw_text and (start, end) == (row.start, row.end)


def test_year_columns_of_a_fact_sheet(tmp_path: Path) -> None:
    passages = _passages(tmp_path, {"FACTS.md": FACTS})
    best = _best("our advertising business brought in about 132 billion dollars in 2023", passages)
    assert best.outcome is Outcome.MATCH and best.evidence is not None and best.evidence.text == "131,948"
    checks = [
        c
        for p in passages
        for c in check_passage("Advertising revenue was 132 billion dollars in 2022.", p, SETTINGS)
    ]
    assert any(c.outcome is Outcome.MISMATCH and c.evidence and c.evidence.text == "113,642" for c in checks)


def test_a_header_scales_its_column(tmp_path: Path) -> None:
    content = "## Sizes\n\n| Model | Params (B) | Tokens (T) |\n|---|---|---|\n| Llama 9 | 405 | 15 |\n"
    passages = _passages(tmp_path, {"models/llama9/MODEL_CARD.md": content})
    assert _best("Llama 9 has 405 billion parameters.", passages).outcome is Outcome.MATCH
    assert _best("Llama 9 was trained on 30 trillion tokens.", passages).outcome is Outcome.MISMATCH


SEGMENTS = """---
title: "Example FY2023 10-K: Family of Apps and Reality Labs segments"
kind: 10-K
---

## Income from operations (in millions)

| Segment | 2023 | 2022 |
|---|---|---|
| Family of Apps income from operations | 62,871 | 42,661 |
| Total income from operations | 46,751 | 28,944 |
"""


def test_a_title_naming_two_subjects_lends_them_to_no_row(tmp_path: Path) -> None:
    passages = _passages(tmp_path, {"segments.md": SEGMENTS})
    best = _best(
        "The Family of Apps made an operating income of roughly 62.9 billion dollars in 2023.", passages
    )
    assert best.outcome is Outcome.MATCH and best.evidence is not None and best.evidence.text == "62,871"


def test_binary_k_context_lengths(tmp_path: Path) -> None:
    text = "## Eval\n\nOur context lengths for Llama 9 range up to 131072 tokens.\n"
    passages = _passages(tmp_path, {"models/llama9/MODEL_CARD.md": text})
    assert _best("Llama 9 has a context length of 128k tokens.", passages).outcome is Outcome.MATCH


def test_a_possessive_figure_is_a_name() -> None:
    passage = Passage(
        passage_id="p#0",
        doc_id="p",
        text="3M 10-K\n(in millions)\nNet income | 2018: 5,349",
        raw_text="Net income\n5,349",
        start=0,
        end=16,
        citation={"title": "3M 10-K", "kind": DocKind.TEN_K},
    )
    checks = check_passage("3M's net income was about 5.3 billion dollars in 2018.", passage, SETTINGS)
    assert [c.claim.text for c in checks] == ["5.3 billion dollars"]
    assert checks[0].outcome is Outcome.MATCH


@pytest.mark.parametrize(
    ("text", "sizes"),
    [
        ("Llama 3.1 405B was trained", {"405b"}),
        ("Params: 70B | Context length: 128k", {"70b"}),
        ("the 8B model", {"8b"}),
        ("Llama 3.2-vision 11B", {"11b"}),
        ("revenue of $1.5B", set()),
        ("revenue of 1.5B", set()),
    ],
)
def test_model_sizes(text: str, sizes: set[str]) -> None:
    assert model_sizes(text) == sizes


def test_figures_read_through_markup_keep_raw_spans() -> None:
    raw = "Training used **39.3**M GPU hours and \\~40 trillion tokens."
    passage = Passage(
        passage_id="p#0", doc_id="p", text=raw, raw_text=raw, start=0, end=len(raw), citation={"title": "t"}
    )
    found = passage_figures(passage)
    assert [(q.text, raw[q.start : q.end]) for q in found] == [
        ("39.3M", "39.3**M"),
        ("40 trillion tokens", "40 trillion tokens"),
    ]
    assert found[0].value == 39.3e6


# --------------------------------------------------------------------------------------------------
# the real documents in ../shared


def test_real_cards_are_titled_and_dated(shared_dir: Path) -> None:
    docs = {doc.doc_id: doc.citation for doc in load_corpus(shared_dir / "data" / "llama-model-cards")}
    assert not any(doc_id.endswith("LICENSE") for doc_id in docs)
    card = docs["models/llama3_1/MODEL_CARD.md"]
    assert (card.kind, card.title, card.company, card.period) == (
        DocKind.MODEL_CARD,
        "Llama 3.1 model card",
        "Meta",
        "2024-07",
    )
    assert docs["models/llama3_2/MODEL_CARD_VISION.md"].title == "Llama 3.2-Vision model card"
    assert docs["models/llama4/MODEL_CARD.md"].period == "2025-04"
    assert docs["models/llama3_1/eval_details.md"].title == "Llama 3.1 model card: evaluation details"
    assert all(
        cite.kind is DocKind.MODEL_CARD for doc_id, cite in docs.items() if doc_id.startswith("models/")
    )
    assert not any(cite.title in ("MODEL_CARD", "card3") for cite in docs.values())


def test_real_card_rows_and_10k_rows_settle_figures(shared_dir: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    links = {
        "llama3_1/MODEL_CARD.md": shared_dir / "data/llama-model-cards/models/llama3_1/MODEL_CARD.md",
        "BOEING_2022_10K.txt": shared_dir / "data/financebench-10k/derived_10k_text/BOEING_2022_10K.txt",
        "FACTS.md": shared_dir / "data/meta-10k-facts/FACTS.md",
    }
    for name, target in links.items():
        (corpus / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(target, corpus / name)  # a copy: links out of the corpus are skipped
    docs = load_corpus(corpus)
    by_id = {doc.doc_id: doc for doc in docs}
    assert by_id["BOEING_2022_10K.txt"].citation.period == "FY2022"
    assert by_id["FACTS.md"].citation.kind is DocKind.FACT_SHEET
    assert by_id["FACTS.md"].citation.source_kind is DocKind.TEN_K
    passages = chunk_documents(docs, SETTINGS)
    for passage in passages:
        assert passage.raw_text == by_id[passage.doc_id].raw[passage.start : passage.end]
    assert not any(p.raw_text.startswith("Source:") for p in passages)
    rows = [
        p for p in passages if p.text.endswith("Total revenues | 2022: 66,608 | 2021: 62,286 | 2020: 58,158")
    ]
    assert rows and all("(in millions)" in p.text for p in rows)
    assert (
        _best("Boeing's total revenues were about 66.6 billion dollars in 2022.", rows).outcome
        is Outcome.MATCH
    )
    assert (
        _best("Boeing's total revenues were 66.6 billion dollars in 2021.", rows).outcome is Outcome.MISMATCH
    )
    card = [p for p in passages if p.doc_id == "llama3_1/MODEL_CARD.md"]
    best = _best("Llama 3.1 405B was trained on about 39 million GPU hours.", card)
    assert best.outcome is Outcome.MISMATCH and best.evidence is not None and best.evidence.text == "30.84M"
    facts = [p for p in passages if p.doc_id == "FACTS.md"]
    best = _best("Meta's advertising revenue was about 132 billion dollars in 2023.", facts)
    assert best.outcome is Outcome.MATCH and best.evidence is not None and best.evidence.text == "131,948"


def test_realdocs_claims_quote_their_documents(shared_dir: Path) -> None:
    """Every claim of the real-documents benchmark names a document and an exact quote giving its figure."""
    rows = [
        json.loads(line) for line in (REPO / "benchmarks/data/realdocs_claims.jsonl").read_text().splitlines()
    ]
    assert len({row["id"] for row in rows}) == len(rows) >= 30
    roots = {
        "llama-model-cards": shared_dir / "data/llama-model-cards/models",
        "financebench-10k": shared_dir / "data/financebench-10k/derived_10k_text",
        "meta-10k-facts": shared_dir / "data/meta-10k-facts",
    }
    for row in rows:
        top, _, rest = row["doc"].partition("/")
        raw = (roots[top] / rest).read_text(encoding="utf-8")
        assert row["quote"] in raw, row["id"]
        assert row["figure"] in row["quote"], row["id"]
        assert row["label"] in ("real", "hype", "partially_true")
        assert row["split"] in ("dev", "test")


def test_real_10k_segment_table_printed_column_by_column(shared_dir: Path, tmp_path: Path) -> None:
    """3M's 2018 segment table (Note 18) is printed by pdftotext as a list of segments, then each column's
    figures as a list: each figure is read with its segment and year, and settles a segment's sales."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    source = shared_dir / "data/financebench-10k/derived_10k_text/3M_2018_10K.txt"
    shutil.copyfile(source, corpus / source.name)
    passages = chunk_documents(load_corpus(corpus), SETTINGS)
    rows = [p.text.splitlines()[-1] for p in passages if p.raw_text == "12,267"]
    assert "Industrial | 2018: 12,267" in rows
    assert "Total Company | 2018: 32,765" in [
        p.text.splitlines()[-1] for p in passages if p.raw_text == "32,765"
    ]
    segment = [p for p in passages if p.text.endswith("Industrial | 2018: 12,267")]
    best = _best("[3M] Industrial's the biggest, twelve point three billion.", segment)
    assert best.outcome is Outcome.MATCH and best.evidence is not None and best.evidence.text == "12,267"
    assert _best("[3M] Industrial's the biggest, fifteen billion.", segment).outcome is Outcome.MISMATCH
    # the column prints no measure: a claim about the segment's profit is not settled by it
    assert _settled("Industrial's operating income was about 12.3 billion.", segment) == []
    # a claim that names no year speaks of the filing's year: the 2017 column is a comparison, not its figure
    health = [p for p in passages if p.text.splitlines()[-1].startswith("Health Care | ")]
    assert {p.text.splitlines()[-1] for p in health} >= {
        "Health Care | 2018: 6,021",
        "Health Care | Net Sales 2017: 5,853",
    }
    best = _best("[3M] Health Care did six billion.", health)
    assert best.outcome is Outcome.MATCH and best.evidence is not None and best.evidence.text == "6,021"
    earlier = [p for p in health if p.text.endswith("Net Sales 2017: 5,853")]
    assert _settled("[3M] Health Care did six billion.", earlier) == []
    best = _best("[3M] Health Care did 5.9 billion in 2017.", earlier)
    assert best.outcome is Outcome.MATCH and best.evidence is not None and best.evidence.text == "5,853"


def test_a_shared_qualifier_alone_aligns_no_measure(shared_dir: Path, tmp_path: Path) -> None:
    """ "Net income … twenty three billion" is not settled by Verizon's "net wireless service receivables of
    $23.6 billion": "net" qualifies both and names neither."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    source = shared_dir / "data/financebench-10k/derived_10k_text/VERIZON_2022_10K.txt"
    shutil.copyfile(source, corpus / source.name)
    passages = [p for p in chunk_documents(load_corpus(corpus), SETTINGS) if "$23.6 billion" in p.raw_text]
    assert passages
    assert _settled("[Verizon] Net income went up too, to like twenty three billion.", passages) == []


def test_a_qualifier_beside_a_measure_word_still_tells_one_income_from_another(tmp_path: Path) -> None:
    """ "Net income nearly doubled": the "Net income" row, not "Income from operations" (both share "income";
    "net" tells them apart once a measure word is shared)."""
    passages = _passages(
        tmp_path,
        {
            "facts.md": "# Meta 10-K facts\n\n(in millions)\n\n| figure | FY2023 | FY2024 |\n|---|---|---|\n"
            "| Income from operations | 46,751 | 69,380 |\n| Net income | 39,098 | 62,360 |\n"
        },
    )
    (check,) = _settled("Net income nearly doubled in 2024.", passages)
    assert check.passage_id == next(p.passage_id for p in passages if "Net income |" in p.text)
