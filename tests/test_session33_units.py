"""Thirty-third session: what a model card prints in a unit of its own. "Twenty two ninety tons of CO2" is
the card's "2290 tCO2eq": a count of tons is settled by a figure the card prints in tCO2eq, and by nothing
that counts other things (GPU hours)."""

from __future__ import annotations

import pytest

from claimcheck.models import Citation, DocKind, Passage
from claimcheck.verify.numbers import Outcome
from tests.factories import make_passage
from tests.speech_helpers import outcomes

_LLAMA3 = Citation(title="Llama 3 model card", kind=DocKind.MODEL_CARD)
_FOOTPRINT = make_passage(
    "**Carbon Footprint Pretraining utilized a cumulative** 7.7M GPU hours of computation on hardware of "
    "type H100-80GB (TDP of 700W). Estimated total emissions were 2290 tCO2eq, 100% of which were offset by "
    "Meta's sustainability program.",
    citation=_LLAMA3,
)
_ROW = make_passage(
    "<td>Total\n   </td>\n   <td>7.7M\n   </td>\n   <td>2290\n   </td>",
    text=(
        "Llama 3 model card > Hardware and Software\n"
        "Total | Time (GPU hours): 7.7M | Carbon Emitted(tCO2eq): 2290"
    ),
    citation=_LLAMA3,
)


@pytest.mark.parametrize("passage", [_FOOTPRINT, _ROW], ids=["sentence", "table row"])
@pytest.mark.parametrize(
    "claim",
    [
        "Llama 3 was twenty two ninety tons of CO2.",
        "Llama 3 pretraining emitted 2290 tons CO2 equivalent.",
        "Llama 3 emitted about 2,300 tonnes of CO2.",
    ],
)
def test_tons_of_co2_are_what_a_card_prints_in_tco2eq(claim: str, passage: Passage) -> None:
    assert outcomes(claim, passage) == [Outcome.MATCH]


def test_a_wrong_tonnage_is_refuted() -> None:
    assert outcomes("Llama 3 was nine thousand tons of CO2.", _FOOTPRINT) == [Outcome.MISMATCH]


def test_tons_are_not_settled_by_a_figure_of_another_unit() -> None:
    hours = make_passage("Pretraining utilized a cumulative 2290 GPU hours of computation.", citation=_LLAMA3)
    assert outcomes("Llama 3 was twenty two ninety tons of CO2.", hours) == [Outcome.NO_FIGURE]


# (as the Llama 3.3 card's evaluation notes print it)
_NOTES_RAW = (
    "For the pre-trained models we use a 5-shot config. To determine the choice character we use the "
    "standard MMLU prompt and compare the negative log-likelihood (NLL) of the various choices.\n\nFor the "
    "post-trained models we report both 5-shot and 0-shot scores. We ask the model to generate the best "
    "choice character. The 0-shot scores use a CoT (chain of thought) prompt. The maximum generation lengths "
    "for the 5-shot and 0-shot configs are 10 tokens and 1024 tokens respectively."
)
_NOTES = make_passage(
    _NOTES_RAW,
    text="Llama 3.3 model card: evaluation details > MMLU\n" + " ".join(_NOTES_RAW.split()),
    citation=Citation(
        title="Llama 3.3 model card: evaluation details",
        kind=DocKind.MODEL_CARD,
        company="Meta",
        period="2024-12",
        section="Llama 3 Evaluation Details > Language auto-eval benchmark notes: > MMLU",
    ),
)


def test_a_benchmark_score_is_no_count_of_tokens() -> None:
    # (the subject search brought a card's evaluation notes into the pool: 83.6 had been "refuted" by the
    # notes' "Maximum generation length is 10 tokens")
    assert Outcome.MISMATCH not in outcomes("Llama 3.3 70B scored 83.6 on five-shot MMLU.", _NOTES)
    # a figure said in tokens is still read against tokens
    assert outcomes("Llama 3.3 generates at most ten tokens on five-shot MMLU.", _NOTES) == [Outcome.MATCH]
