"""A contracted "is" that spaCy reads as a possessive (thirty-third session): "And Consumer's like a quarter
of the company." parsed with no verb ("Consumer" the root, "'s" a possessive), so it was taken for a fragment
(a filler), and the name put in front of it ("[3M]") was dropped with it. A word no possessive stands before
("like", "a", "the", "still") says the "'s" is "is"."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimcheck.models import NonClaim
from tests.speech_helpers import non_claim_of


@pytest.mark.parametrize(
    "text",
    [
        "And Consumer's like a quarter of the company.",
        "Pharma's the big one.",
        "Stelara's still the biggest product.",
    ],
)
def test_a_contracted_is_makes_no_fragment(nlp: Language, text: str) -> None:
    assert non_claim_of(nlp, text) is None


@pytest.mark.parametrize(
    "text", ["Meta's new glasses.", "Millions of specialized AIs serving diverse needs."]
)
def test_a_possessive_phrase_is_still_a_fragment(nlp: Language, text: str) -> None:
    assert non_claim_of(nlp, text) == NonClaim.FILLER
