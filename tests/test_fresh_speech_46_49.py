"""What the fifteenth session's fresh dev transcripts (46-49) showed about claim or not: what the speaker
has on screen said with other words ("I've got the … performance summary up", "I'm scrolling down to …"),
and a story with a reason clause ("I bought … because my nephew would not shut up about it")."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimcheck.models import NonClaim
from tests.speech_helpers import non_claim_of


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "I've got the Best Buy consolidated performance summary up, revenue, comps, gross profit, down "
            "the left side.",
            NonClaim.SCREEN,
        ),
        ("I'm scrolling down to the image reasoning table, the 11B and 90B columns.", NonClaim.SCREEN),
        (
            "I bought, like, a hundred bucks of bitcoin on my phone in December twenty twenty because my "
            "nephew would not shut up about it.",
            NonClaim.ANECDOTE,
        ),
    ],
)
def test_not_claims(nlp: Language, text: str, kind: NonClaim) -> None:
    assert non_claim_of(nlp, text) == kind


@pytest.mark.parametrize(
    "text",
    [
        # a speaker who frames someone else's claim still makes one to check
        "I read somewhere that Square did four and a half billion in bitcoin revenue.",
        "Square did four and a half billion in bitcoin revenue because Cash App took off.",
    ],
)
def test_still_claims(nlp: Language, text: str) -> None:
    assert non_claim_of(nlp, text) is None
