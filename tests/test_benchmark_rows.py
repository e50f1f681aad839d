"""A claim that names a benchmark is checked against that benchmark's row only: "MATH" is not the GSM-8K
row that a model card files under the category "Math" (the Llama 3.1 card's instruction-tuned table)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.corpus import chunk_documents, load_corpus
from claimcheck.models import Passage
from claimcheck.verify.numbers import Outcome, check_passage
from tests.factories import SETTINGS, write_file

# The layout of the Llama 3.1 card's table (a category cell spanning its benchmarks' rows); made-up scores.
CARD = """---
title: Llama 3.1 model card
kind: model-card
company: Meta
---

# Instruction tuned models

<table>
  <tr><td><strong>Category</strong></td><td><strong>Benchmark</strong></td><td><strong># Shots</strong></td>
  <td><strong>Metric</strong></td><td><strong>Llama 3 70B Instruct</strong></td>
  <td><strong>Llama 3.1 70B Instruct</strong></td></tr>
  <tr><td rowspan="2">Math</td><td>GSM-8K (CoT)</td><td>8</td><td>em_maj1@1</td>
  <td>91.0</td><td>94.1</td></tr>
  <tr><td>MATH (CoT)</td><td>0</td><td>final_em</td><td>48.4</td><td>66.8</td></tr>
</table>
"""


@pytest.fixture(scope="module")
def passages(tmp_path_factory: pytest.TempPathFactory) -> list[Passage]:
    folder: Path = tmp_path_factory.mktemp("corpus")
    write_file(folder, "llama31.md", CARD)
    return chunk_documents(load_corpus(folder), SETTINGS)


def _outcomes(claim: str, passages: list[Passage]) -> dict[str, Outcome]:
    found: dict[str, Outcome] = {}
    for passage in passages:
        for check in check_passage(claim, passage, SETTINGS):
            if check.evidence is not None:
                found[check.evidence.text] = check.outcome
    return found


def test_a_named_benchmark_is_not_read_off_another_benchmarks_row(passages: list[Passage]) -> None:
    # 91.0 is GSM-8K's score: the claim about MATH neither agrees with it nor is settled by it
    assert "91.0" not in _outcomes("Llama 3 70B Instruct was ninety one on MATH.", passages)
    assert _outcomes("Llama 3 70B Instruct was ninety one on GSM-8K.", passages) == {"91.0": Outcome.MATCH}
    said = "Llama 3 70B Instruct was like forty eight on MATH."
    assert _outcomes(said, passages) == {"48.4": Outcome.MATCH}
    assert _outcomes("Llama 3 70B Instruct was ninety one on MATH.", passages).get("48.4") == Outcome.MISMATCH
