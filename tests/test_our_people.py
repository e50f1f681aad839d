"""The speaker's own people said with "our" (eighteenth session): "Our neighbor ditched Comcast for the little
Verizon 5G cylinder thing" is an anecdote, as "my neighbor" already was; "our revenue", "our partner" and
"our family of apps" are a company's and stay claims."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimcheck.models import NonClaim
from tests.speech_helpers import non_claim_of


@pytest.mark.parametrize(
    "text",
    [
        "Our neighbor ditched Comcast for the little Verizon 5G cylinder thing.",
        "Our kids switched everything to Verizon last year.",
    ],
)
def test_our_own_people_s_story_is_an_anecdote(nlp: Language, text: str) -> None:
    assert non_claim_of(nlp, text) == NonClaim.ANECDOTE


@pytest.mark.parametrize(
    "text",
    [
        "Our revenue grew twenty percent last year.",
        "Our partner shipped two million units last year.",
        "Our family of apps reached three billion people.",
        "Our friend Jensen said Blackwell is sold out for the year.",
    ],
)
def test_a_company_s_our_is_no_anecdote(nlp: Language, text: str) -> None:
    assert non_claim_of(nlp, text) != NonClaim.ANECDOTE
