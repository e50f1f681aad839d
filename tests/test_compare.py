"""The comparison check (issue #11): "X beats Y on a benchmark" against a model card's benchmark table."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.corpus import chunk_documents, load_corpus
from claimcheck.models import Passage
from claimcheck.verify.compare import Comparison, check_comparison, claimed_comparison
from tests.factories import SETTINGS, write_file

CARD = """---
title: Llama 4 model card
kind: model-card
company: Meta
---

# Benchmarks

| Category | Benchmark | Shots | Metric | Llama 3.1 70B | Llama 3.1 405B | Llama 4 Scout | Llama 4 Maverick |
|---|---|---|---|---|---|---|---|
| Reasoning & Knowledge | MMLU | 5 | macro_avg/acc_char | 79.3 | 85.2 | 79.6 | 85.5 |
| | MMLU Pro | 5 | macro_avg/em | 53.8 | 61.6 | 58.2 | 62.9 |
"""


@pytest.fixture(scope="module")
def passages(tmp_path_factory: pytest.TempPathFactory) -> list[Passage]:
    folder: Path = tmp_path_factory.mktemp("corpus")
    write_file(folder, "llama4.md", CARD)
    return chunk_documents(load_corpus(folder), SETTINGS)


def _check(text: str, passages: list[Passage]) -> tuple[float, float, bool] | None:
    for passage in passages:
        check = check_comparison(text, passage)
        if check is not None:
            return check.score_a, check.score_b, check.agrees
    return None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Scout [Llama 4 Scout] even beats the old four oh five [Llama 3.1 405B] on MMLU.",
            (79.6, 85.2, False),
        ),
        ("Llama 4 Maverick beats Llama 3.1 405B on MMLU.", (85.5, 85.2, True)),
        # "MMLU Pro" is another benchmark than "MMLU", and the other way round
        ("Llama 4 Scout outperforms Llama 3.1 70B on MMLU Pro.", (58.2, 53.8, True)),
        # a family name heads two columns: which one is meant is not guessed
        ("Llama 4 beats Llama 3.1 70B on MMLU.", None),
        # a benchmark the table does not score, and a model it does not list
        ("Llama 4 Scout beats Llama 3.1 70B on GPQA.", None),
        ("Llama 4 Scout beats GPT-4o on MMLU.", None),
    ],
)
def test_a_comparison_is_read_off_the_benchmark_row(
    text: str, expected: tuple[float, float, bool] | None, passages: list[Passage]
) -> None:
    assert _check(text, passages) == expected


def test_what_a_comparison_claim_compares() -> None:
    assert claimed_comparison("Even the 8B [Llama 3.1 8B] beats Llama 3 70B on MMLU now.") == Comparison(
        "Llama 3.1 8B", "Llama 3 70B", "MMLU"
    )
    assert claimed_comparison("Revenue beats expectations.") is None
    assert claimed_comparison("Our model beats everyone. On MMLU it is good.") is None
