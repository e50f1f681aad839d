"""A superlative that begins a name is no superlative ("Best Buy"), and the show's own navigation is no claim
even when it names a filing ("the FY22 earnings deck") or the next topic first ("Okay, dividends, and then
we'll wrap") (seventeenth session)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimcheck.models import NonClaim
from claimcheck.verify.rules import generalises_beyond, is_promotional
from tests.speech_helpers import non_claim_of


@pytest.mark.parametrize(
    "text",
    [
        "[Best Buy] Appliances was five point seven.",
        "Almost four times Best Buy last year.",
        "I worked the floor at a Best Buy back in twenty sixteen.",
    ],
)
def test_a_name_that_begins_with_a_superlative_is_not_promotional(text: str) -> None:
    assert not is_promotional(text)
    assert generalises_beyond(text, ()) == ""


@pytest.mark.parametrize(
    "text",
    [
        "Best Buy is the best run retailer nobody talks about.",
        "Best Buy is the Biggest retailer of appliances.",  # (a capital with no name after it)
        "Our model is the fastest in the world.",
    ],
)
def test_a_superlative_said_of_a_name_still_is(text: str) -> None:
    assert is_promotional(text)


@pytest.mark.parametrize(
    "text",
    [
        "Okay, we'll put the 10-K and the FY22 earnings deck in the show notes.",
        "Okay, dividends, and then we'll wrap.",
    ],
)
def test_the_show_s_navigation_is_meta(nlp: Language, text: str) -> None:
    assert non_claim_of(nlp, text) == NonClaim.META


def test_navigation_that_states_a_sum_is_still_read(nlp: Language) -> None:
    assert non_claim_of(nlp, "We'll put it in the show notes, but revenue was $4.2 billion in FY22.") is None


def test_the_show_s_next_document_is_meta_whatever_year_it_is_of(nlp: Language) -> None:
    assert non_claim_of(nlp, "First up is Activision's 10-K for twenty nineteen, the last normal year.") == (
        NonClaim.META
    )
    # (an event's year is a claim's: "first up" opens it)
    assert non_claim_of(nlp, "So first up, Microsoft closed the Activision deal in October 2023.") is None
