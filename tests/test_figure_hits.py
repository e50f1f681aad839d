"""Figures found where the words differ (issue #11): a hybrid hit that holds the claim's figure is related
though its wording is far from the speech ("| Llama 3.3 (text only) | … | 128k |" for "three point three is
a hundred and twenty eight k"); "a hundred and twenty eight k" is searched as "128k"; "double that" is a
multiple of something said before, never a change of the claim's subject."""

from __future__ import annotations

from claimcheck.models import Citation, DocKind, SearchHit
from claimcheck.pipeline import relevance
from claimcheck.quantities.words import spoken_to_digits
from claimcheck.verify.numbers import Outcome
from tests.factories import SETTINGS, make_passage
from tests.speech_helpers import outcomes

_ROW = make_passage(
    "| Llama 3.3 (text only) | A new mix of publicly available online data. | 70B | 128k | Yes | 15T+ |",
    citation=Citation(title="Llama 3.3 model card", kind=DocKind.MODEL_CARD, company="Meta"),
)


def _hit(cosine: float, figure_match: bool | None) -> SearchHit:
    return SearchHit(passage=_ROW, score=0.03, dense_score=cosine, figure_match=figure_match)


def test_a_hit_holding_the_claims_figure_is_related_from_a_lower_similarity() -> None:
    floor, related = SETTINGS.figure_min_relevance, SETTINGS.min_relevance
    assert floor < related
    between = (floor + related) / 2
    assert relevance(_hit(between, figure_match=True), SETTINGS) == related
    # without the figure, or under the floor, the similarity is what it is
    assert relevance(_hit(between, figure_match=False), SETTINGS) == between
    assert relevance(_hit(between, figure_match=None), SETTINGS) == between
    assert relevance(_hit(floor / 2, figure_match=True), SETTINGS) == floor / 2
    # a hit more similar than `min_relevance` keeps its own similarity
    assert relevance(_hit(0.8, figure_match=True), SETTINGS) == 0.8


def test_a_spoken_k_is_searched_as_thousands() -> None:
    assert spoken_to_digits("three point three is a hundred and twenty eight k.") == "3.3 is 128k."
    assert spoken_to_digits("Llama 2 had an eight k context window") == "Llama 2 had an 8k context window"
    # a "k" that starts a word is no scale
    assert spoken_to_digits("twenty kids ran k-means") == "20 kids ran k-means"


def test_a_multiple_of_what_was_said_before_is_no_change() -> None:
    latency = make_passage(
        "| 1B SpinQuant | 50.2 (2.6x) | 0.3 (-76.9%) | 260.5 (4.3x) | 1083 (-54.1%) |",
        citation=Citation(title="Llama 3.2 model card", kind=DocKind.MODEL_CARD, company="Meta"),
    )
    assert outcomes("No, the 1B [Llama 3.2 1B] was three seventy K, double that.", latency) == [
        Outcome.NO_FIGURE
    ]
    # a verb's "doubled" is the change of what it says moved
    fell = make_passage("Time-to-first-token fell 76.9% on the 1B SpinQuant model.")
    assert Outcome.MISMATCH in outcomes("Time-to-first-token on the 1B SpinQuant model doubled.", fell)
    # a change said before "this quarter" is the claim's own
    raised = make_passage("We raised the quarterly dividend 15% this quarter, to $0.60 per share.")
    assert Outcome.MATCH in outcomes("Amex is raising the dividend fifteen percent this quarter.", raised)
    assert outcomes("Revenue was like double that, and margins held.", fell) == []
