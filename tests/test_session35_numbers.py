"""Thirty-fifth session: a change said with no figure and then its cause ("[3M] Net income went down, because
of that charge", "Net interest income actually fell last year, because of rates") is still a bare direction,
read off the measure's row; a hedged cause ("mostly because of") is not, nor is a comparison."""

from __future__ import annotations

from pathlib import Path

from claimcheck.corpus import chunk_documents, load_corpus
from claimcheck.models import Passage
from claimcheck.settings import Settings
from claimcheck.verify.numbers import Outcome, check_passage

SETTINGS = Settings()

SHEET = (
    "---\ntitle: Example Corp fact sheet\ncompany: Example Corp\n---\n\n"
    "Amounts in millions of US dollars.\n\n"
    "| figure | FY2022 | FY2023 |\n|---|---|---|\n"
    "| Net income | 4,800 | 5,300 |\n"
)


def _row(tmp_path: Path) -> Passage:
    (tmp_path / "sheet.md").write_text(SHEET, encoding="utf-8")
    return next(p for p in chunk_documents(load_corpus(tmp_path), SETTINGS) if p.raw_text.startswith("| Net"))


def test_a_cause_said_after_a_change_leaves_it_bare(tmp_path: Path) -> None:
    row = _row(tmp_path)
    for claim in (
        "[Example Corp] Net income went down in 2023, because of that charge.",
        "[Example Corp] Net income went down in 2023 because of that charge.",
    ):
        (check,) = check_passage(claim, row, SETTINGS)
        assert check.outcome == Outcome.MISMATCH, claim  # 4,800 -> 5,300: up
    (up,) = check_passage("[Example Corp] Net income went up in 2023, because of pricing.", row, SETTINGS)
    assert up.outcome == Outcome.MATCH


def test_a_hedged_cause_or_a_comparison_is_no_bare_change(tmp_path: Path) -> None:
    row = _row(tmp_path)
    for claim in (
        "[Example Corp] Net income went up in 2023 mostly because of pricing.",
        "[Example Corp] Net income went up in 2023 partly because of pricing.",
        "[Example Corp] Net income went up faster than revenue in 2023.",
    ):
        assert check_passage(claim, row, SETTINGS) == [], claim


CARD_HEAD = "---\ntitle: Example model card\ncompany: Meta\n---\n\n"


def _card_row(tmp_path: Path, card: str, needle: str) -> Passage:
    """The passage of a model card (written to `tmp_path`) whose raw text holds `needle`."""
    (tmp_path / "card.md").write_text(card, encoding="utf-8")
    return next(p for p in chunk_documents(load_corpus(tmp_path), SETTINGS) if needle in p.raw_text)


CARD = (
    CARD_HEAD + "# Evaluation Results\n\n"
    "|||TruthfulQA|Toxigen|\n|---|---|---|---|\n"
    "|Llama-2-Chat|13B|62.18|**0.00**|\n|Llama-2-Chat|70B|**64.14**|0.01|\n"
)


def test_a_benchmark_score_said_as_a_percentage_is_the_cards_bare_score(tmp_path: Path) -> None:
    row = _card_row(tmp_path, CARD, "|70B|")
    (said,) = check_passage(
        "The chat-tuned Llama 2 70B scores about 64 percent on TruthfulQA.", row, SETTINGS
    )
    assert said.outcome == Outcome.MATCH
    (wrong,) = check_passage(
        "The chat-tuned Llama 2 70B scores about 75 percent on TruthfulQA.", row, SETTINGS
    )
    assert wrong.outcome == Outcome.MISMATCH
    # another benchmark's score, or a gap between two scores, is not this cell's
    for other in (
        "The chat-tuned Llama 2 70B scores about 64 percent on MMLU.",
        "The chat-tuned Llama 2 70B beats the 13B by about 2 percent on TruthfulQA.",
        "The chat-tuned Llama 2 70B is 3 percent better than the 13B on TruthfulQA.",
    ):
        assert all(c.outcome == Outcome.NO_FIGURE for c in check_passage(other, row, SETTINGS)), other
    # a percentage said of no benchmark is not a score
    checks = check_passage(
        "About 64 percent of the chat-tuned Llama 2 70B's answers were refused.", row, SETTINGS
    )
    assert all(c.outcome != Outcome.MATCH for c in checks)


BENCHMARKS = (
    CARD_HEAD + "# Benchmarks\n\n"
    "| Category | Benchmark | # Shots | Metric | Llama 3.2 3B |\n|---|---|---|---|---|\n"
    "| Long Context | InfiniteBench/En.QA | 0 | longbook_qa/f1 | 19.8 |\n"
)


def test_a_benchmarks_score_is_no_count_of_tokens(tmp_path: Path) -> None:
    row = _card_row(tmp_path, BENCHMARKS, "19.8")
    checks = check_passage("Llama 3.2 3B runs at about 20 tokens a second.", row, SETTINGS)
    assert all(c.outcome == Outcome.NO_FIGURE for c in checks), checks
    # the score itself is still read for a claim that names the benchmark
    (score,) = check_passage("Llama 3.2 3B scores about 20 on InfiniteBench/En.QA.", row, SETTINGS)
    assert score.outcome == Outcome.MATCH


HARDWARE = (
    CARD_HEAD + "# Hardware\n\n"
    "| | Training Time (GPU hours) | Training Power Consumption (W) | Emissions (tons CO2eq) |\n"
    "|---|---|---|---|\n"
    "| Llama 3.2 3B | 460k | 700 | 133 |\n"
    "| Llama 3.2 1B | 370k | 700 | 107 |\n"
)


def test_a_column_in_another_unit_is_no_count_of_tokens(tmp_path: Path) -> None:
    row = _card_row(tmp_path, HARDWARE, "| 133 |")
    for claim in (
        "Llama 3.2 3B runs at about 130 tokens a second.",
        "Llama 3.2 3B runs at about 20 tokens a second.",
    ):
        checks = check_passage(claim, row, SETTINGS)
        assert all(c.outcome == Outcome.NO_FIGURE for c in checks), (claim, checks)
    # the column's own unit is read as before
    (tons,) = check_passage("Training Llama 3.2 3B emitted about 130 tons CO2eq.", row, SETTINGS)
    assert tons.outcome == Outcome.MATCH
