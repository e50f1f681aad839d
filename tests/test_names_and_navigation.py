"""A superlative that begins a name is no superlative ("Best Buy"), and the show's own navigation is no claim
even when it names a filing ("the FY22 earnings deck") or the next topic first ("Okay, dividends, and then
we'll wrap") (seventeenth session). A year said short after "in" is a year ("a share in twenty two")."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimcheck.models import NonClaim
from claimcheck.quantities import figures, years
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


@pytest.mark.parametrize(
    ("said", "year"),
    [
        ("More like six, four forty five a share in twenty two, up from four nineteen.", 2022),
        ("Moderna did like 18bn on theirs in twenty one.", 2021),
        ("The stock was down like a quarter in twenty two.", 2022),
        ("because in twenty one they took that charge", 2021),
    ],
)
def test_a_year_said_short_after_in_is_a_year(said: str, year: int) -> None:
    assert years(said) == [year]
    assert all(q.value != year - 2000 for q in figures(said))


@pytest.mark.parametrize(
    ("said", "value"),
    [
        ("That was in twenty one states.", 21.0),  # a count of things
        ("We grew in 22 markets.", 22.0),
    ],
)
def test_two_digits_after_in_that_count_something_stay_figures(said: str, value: float) -> None:
    assert value in [q.value for q in figures(said)]
    assert years(said) == []


def test_only_this_century_s_short_years_follow_a_bare_in() -> None:
    assert years("It was in ninety, like, at the start.") == []


# --- the second fresh-eyes review's cases ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "All Tesla cars have full self-driving hardware.",
        "Every Amazon warehouse is fully automated.",
    ],
)
def test_a_universal_word_opening_the_sentence_is_still_said(text: str) -> None:
    assert generalises_beyond(text, ()) != ""


def test_a_superlative_opening_a_headline_is_still_promotional() -> None:
    assert is_promotional("Largest Quarter Ever For Apple")


@pytest.mark.parametrize(
    "text",
    [
        "First up, Microsoft closed the deal in October 2023, per its 10-K.",
        "Next up, Twitter stopped filing a 10-K in 2022 after Musk took it private.",
        "In the description of its business, Nvidia says it invented the GPU in 1999.",
        "As we put in the show notes, Microsoft closed the Activision deal in October 2023.",
        "Once the FDA signs off, then we will move on to Europe, the CEO said.",
    ],
)
def test_a_claim_beside_the_show_s_words_stays_a_claim(nlp: Language, text: str) -> None:
    assert non_claim_of(nlp, text) is None


@pytest.mark.parametrize(
    "said",
    [
        "About one in twenty is a fraud case.",
        "It was one in twenty two, so about four and a half percent.",
        "Starbucks is now in twenty two and counting.",
    ],
)
def test_odds_and_counts_after_in_are_no_years(said: str) -> None:
    assert years(said) == []
