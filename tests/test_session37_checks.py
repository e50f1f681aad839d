"""Thirty-seventh session: dates of deals and data cutoffs as speakers say them ("closed in early twenty
eighteen", "the data goes up to the end of twenty twenty three", "mid twenty twenty four"), a deal's date
read only for the deal the claim names, a card's counts ("25M examples") not read as model sizes, a share
said "of whom" read in its own phrase, a forecast said without its scale, a price said after an aside, and
days said from the talk's date ("two weeks ago", "last Thursday, the eighteenth") written out and checked."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from claimcheck.claims.rewrite import decontextualise
from claimcheck.models import Citation, ClaimSubject, DocKind, Passage
from claimcheck.verify.dates import check_dates
from claimcheck.verify.numbers import Outcome, check_passage
from claimcheck.verify.subjects import subject_mismatch
from claimcheck.verify.terms import expansion_words
from tests.factories import SETTINGS, make_passage

# (Amazon's FY2017 10-K, Note 4, and 3M's FY2018 10-K, as the filings word them)
AMAZON_DEALS = (
    "On May 12, 2017 , we acquired Souq Group Ltd. (“Souq”), an e-commerce company, for approximately "
    "$583 million , net of cash acquired, and on August 28, 2017, we acquired Whole Foods Market, a grocery "
    "store chain, for approximately $13.2 billion , net of cash acquired."
)
WHOLE_FOODS_ONLY = (
    "(1) We acquired Whole Foods Market on August 28, 2017. The results of Whole Foods Market have been"
)
SCOTT_SAFETY = (
    "As discussed in Note 3, in October 2017, 3M completed the acquisition of the underlying legal entities "
    "and associated assets of Scott Safety, a premier manufacturer of innovative products."
)
CUTOFF = "**Data Freshness:** The pretraining data has a cutoff of December 2023."


@pytest.mark.parametrize(
    ("claim", "source", "agrees", "given"),
    [
        ("Amazon closed the Souq deal in May 2017.", AMAZON_DEALS, True, "May 12, 2017"),
        ("Amazon closed the Souq deal in August 2017.", AMAZON_DEALS, False, "May 12, 2017"),
        ("Amazon closed the Whole Foods deal in May 2017.", AMAZON_DEALS, False, "August 28, 2017"),
        ("They bought Souq in the spring of 2017.", AMAZON_DEALS, True, "May 12, 2017"),
        ("[3M] Scott Safety closed in early twenty eighteen.", SCOTT_SAFETY, False, "October 2017"),
        ("[3M] Scott Safety closed in the fall of 2017.", SCOTT_SAFETY, True, "October 2017"),
    ],
)
def test_a_deal_is_dated_by_the_clause_that_names_it(
    claim: str, source: str, agrees: bool, given: str
) -> None:
    (check,) = check_dates(claim, source)
    assert (check.agrees, check.evidence.text) == (agrees, given)


def test_another_deals_date_settles_nothing() -> None:
    # the sentence names Whole Foods Market and nothing the claim says: it dates another deal
    assert check_dates("Amazon closed the Souq deal in August 2017.", WHOLE_FOODS_ONLY) == []
    # a claim that names nothing is read against it (its subject is the filing's company)
    (unnamed,) = check_dates("[Amazon] That closed at the end of June.", WHOLE_FOODS_ONLY)
    assert not unnamed.agrees
    # a name put in for a pronoun names the deal; one put in front says whose the claim is
    (check,) = check_dates("[Amazon] They closed it [Whole Foods] in August 2017.", WHOLE_FOODS_ONLY)
    assert check.agrees
    assert check_dates("[Whole Foods] Amazon closed the Souq deal in August 2017.", WHOLE_FOODS_ONLY) == []
    # a clause that names nothing dates the claim's deal
    (bare,) = check_dates("Amazon closed the Souq deal in May 2017.", "which closed on May 12, 2017.")
    assert bare.agrees


@pytest.mark.parametrize(
    ("claim", "agrees"),
    [
        ("The three point one data goes up to the end of twenty twenty three.", True),
        ("Eight months, it stopped at December twenty three.", True),
        ("The data runs through December 2023.", True),
        ("Its knowledge cutoff is way more recent, it's mid twenty twenty four.", False),
        ("The knowledge cutoff is late 2023.", True),
        ("The data goes up to the end of twenty twenty two.", False),
    ],
)
def test_a_cutoff_as_speakers_say_it(claim: str, agrees: bool) -> None:
    (check,) = check_dates(claim, CUTOFF)
    assert check.agrees is agrees


def test_a_year_part_says_no_event_alone() -> None:
    assert check_dates("Revenue was strong in early 2018.", SCOTT_SAFETY) == []


TRAINING_DATA = (
    "Llama 3.1 model card > Training Data\n**Overview:** Llama 3.1 was pretrained on ~15 trillion tokens of "
    "data from publicly available sources. The fine-tuning data includes publicly available instruction "
    "datasets, as well as over 25M synthetically generated examples. **Data Freshness:** The pretraining "
    "data has a cutoff of December 2023."
)
CARD = Citation(title="Llama 3.1 model card", kind=DocKind.MODEL_CARD, company="Meta")
THE_405B = ClaimSubject(name="Llama 3.1 405B", company="Meta", model="Llama 3.1 405B", version="3.1")


def test_a_count_written_like_a_size_is_no_model_size() -> None:
    # the family's training data holds for its 405B: "25M" counts examples, not parameters
    assert subject_mismatch(THE_405B, make_passage(TRAINING_DATA, citation=CARD)) is None
    row = "| Llama 3.1 70B | 7.0M | 700 | 2,040 | 0 |"
    assert subject_mismatch(THE_405B, make_passage(row, citation=CARD)) == "Llama 3.1 405B"
    for counts in ("over 25M synthetically generated examples", "a cumulative of **7.38M** GPU hours"):
        assert subject_mismatch(THE_405B, make_passage(f"Llama 3.1: {counts}.", citation=CARD)) is None
    # a size in millions or trillions that says it counts parameters is a size
    behemoth = "Llama 3.1 and a model of ~2T total parameters."
    assert subject_mismatch(THE_405B, make_passage(behemoth, citation=CARD)) == "Llama 3.1 405B"


# (CVS Health's FY2022 10-K, Item 1, and Pfizer's FY2021 10-K, Item 7, as the filings word them)
CVS_PEOPLE = make_passage(
    "As of December 31, 2022, we employed over 300,000 colleagues primarily in the United States "
    "including in all 50 states, the District of Columbia and Puerto Rico, approximately 73% of whom were "
    "full-time.",
    citation=Citation(
        title="CVS HEALTH CORPORATION Form 10-K FY2022", kind=DocKind.TEN_K, company="CVS Health"
    ),
)
PFIZER_FORECAST = make_passage(
    "As of February 8, 2022, we forecasted approximately $32 billion in revenues for Comirnaty in 2022, with "
    "gross profit to be split evenly with BioNTech.",
    citation=Citation(title="PFIZER INC. Form 10-K FY2021", kind=DocKind.TEN_K, company="Pfizer"),
)


def _outcomes(claim: str, passage: Passage) -> list[Outcome]:
    return [c.outcome for c in check_passage(claim, passage, SETTINGS)]


def test_a_share_of_those_a_sentence_counted_is_read_in_its_own_phrase() -> None:
    # the places the colleagues work in are not a part the 73% is of
    assert _outcomes("[CVS Health] Seventy three percent full-time, it says.", CVS_PEOPLE) == [Outcome.MATCH]
    # a share said of a part the sentence names is still that part's
    in_texas = make_passage(
        "We employed 300,000 colleagues. In Texas, approximately 73% of our colleagues were full-time.",
        citation=CVS_PEOPLE.citation,
    )
    assert _outcomes("[CVS Health] Seventy three percent full-time, it says.", in_texas) == [
        Outcome.NO_FIGURE
    ]


def test_a_forecast_said_without_its_scale() -> None:
    assert _outcomes("Pfizer's forecast for Comirnaty is thirty two.", PFIZER_FORECAST) == [Outcome.MATCH]
    # only agreement is read from a sum said without its scale
    assert _outcomes("Pfizer's forecast for Comirnaty is twenty five.", PFIZER_FORECAST) == [
        Outcome.NO_FIGURE
    ]


def test_a_price_said_after_an_aside_is_the_deals() -> None:
    souq = make_passage(
        AMAZON_DEALS,
        citation=Citation(title="AMAZON.COM, INC. Form 10-K FY2017", kind=DocKind.TEN_K, company="Amazon"),
    )
    claim = "[Amazon] bought Souq in the spring too, the Middle East one, for a billion."
    assert expansion_words(claim) == "acquired acquisition"
    assert Outcome.MISMATCH in _outcomes(claim, souq)
    assert expansion_words("they bought back stock for a billion") != "acquired acquisition"


@pytest.mark.parametrize(
    ("said", "on", "written"),
    [
        ("Llama 3 dropped last Thursday, the eighteenth.", "2024-04-26", "the eighteenth [April 18, 2024]."),
        ("They released it on Monday the twenty-third.", "2024-09-25", "twenty-third [September 23, 2024]."),
        # a day of the month after the talk's is the month before's
        ("It shipped last Monday, the thirtieth.", "2024-10-02", "the thirtieth [September 30, 2024]."),
        (
            "Next Monday, the twenty-ninth, it ships.",
            "2024-04-20",
            "the twenty-ninth [April 29, 2024], it ships.",
        ),
        (
            "Three point three came out two weeks ago.",
            "2024-12-20",
            "two weeks ago [around December 6, 2024].",
        ),
        ("Pfizer agreed to buy Seagen yesterday.", "2023-03-14", "yesterday [March 13, 2023]."),
        ("It came out last week.", "2024-09-30", "last week [around September 23, 2024]."),
    ],
)
def test_a_day_said_from_the_talks_date_is_written_out(
    nlp: Language, said: str, on: str, written: str
) -> None:
    text = decontextualise(nlp(said)[:], settings=SETTINGS, date=dt.date.fromisoformat(on))
    assert text.endswith(written), text


@pytest.mark.parametrize(
    "said",
    [
        # "the third" after no weekday is no day of the month, nor is "the last day" a day back
        "The third quarter was strong, the third in a row.",
        "On the last day of trading it fell.",
        "That was my last day at Meta.",
        "To this day it sells.",
        "It was my last week at Meta.",
        "The day before yesterday it shipped.",
        # an ordinal that goes on to a noun or a month, or a day that falls on another weekday
        "On Monday the first thing we did was ship it.",
        "On Thursday, the first release went out.",
        "It came out last Thursday, the eighteenth of March.",
        "It came out last Thursday, the nineteenth.",
        "It came out 1000000 days ago.",
    ],
)
def test_nothing_is_dated_that_says_no_day(nlp: Language, said: str) -> None:
    assert "[" not in decontextualise(nlp(said)[:], settings=SETTINGS, date=dt.date(2024, 4, 26))


RELEASE = "**Model Release Date:** December 6, 2024"


@pytest.mark.parametrize(
    ("claim", "agrees"),
    [
        ("Three point three came out two weeks ago [around December 9, 2024].", True),
        ("Three point three came out two weeks ago [around November 22, 2024].", False),
        # a day said outright is that day
        ("It dropped last Thursday, the fifth [December 5, 2024].", False),
    ],
)
def test_a_day_about_so_many_days_back_agrees_within_a_week(claim: str, agrees: bool) -> None:
    # (see below for sources that give no day)
    (check,) = check_dates(claim, RELEASE)
    assert check.agrees is agrees
    assert check.claim.text.startswith("around ") is ("around" in claim)


def test_a_day_about_so_many_days_back_against_a_month_or_a_day_without_its_year() -> None:
    claim = "Three point three came out two weeks ago [around December 6, 2024]."
    assert check_dates(claim, "Release Date: December 2024")[0].agrees
    assert check_dates("It came out [around December 2, 2024].", "Release Date: November 2024")[0].agrees
    assert check_dates("It came out [around July 20, 2024].", "Model Release Date: July 23")[0].agrees
    assert not check_dates("It came out [around July 1, 2024].", "Release Date: September 2024")[0].agrees


def test_the_buyer_names_no_deal() -> None:
    # "Amazon" is the buyer in both: the clause names Whole Foods Market, not the claim's Souq
    source = "In August 2017, Amazon acquired Whole Foods Market."
    assert check_dates("Amazon closed the Souq deal in March 2017.", source, "AMAZON.COM, INC.") == []
    # a claim's first word, a weekday or a filler names no deal either
    souq = "On May 12, 2017, we acquired Souq Group."
    (check,) = check_dates("[Amazon] Closed that one in May 2017.", souq, "AMAZON.COM, INC.")
    assert check.agrees
    # a passage that opens with the deal's name is read from its first letter
    (first,) = check_dates(
        "Amazon closed the Souq deal in May 2017.", "Souq Group was acquired on May 12, 2017."
    )
    assert first.agrees


@pytest.mark.parametrize(
    "claim",
    [
        "They closed the Souq deal in May 2017 before prices started to fall.",
        "Sales spring back after Amazon closed the Souq deal in May 2017.",
    ],
)
def test_a_season_without_its_year_needs_a_word_before_it(claim: str) -> None:
    checks = check_dates(claim, "On May 12, 2017, we acquired Souq Group.")
    assert [c.claim.text for c in checks] == ["May 2017"]


def test_going_up_to_a_date_is_a_cutoff_only_of_data() -> None:
    assert check_dates("Llama usage went up to a million developers in March 2024.", CUTOFF) == []
    assert check_dates("The stock price ran up to 900 in July 2024.", CUTOFF) == []
    (data,) = check_dates("The training data went up to March 2024.", CUTOFF)
    assert not data.agrees


def test_a_size_right_after_a_models_name_is_a_size() -> None:
    for row in ("Llama 3.1 8B tokens per second: 150", "Llama-3.1-8B-Instruct downloads: 5M"):
        assert subject_mismatch(THE_405B, make_passage(row, citation=CARD)) == "Llama 3.1 405B"


@pytest.mark.parametrize(
    "said",
    [
        "Meta bought Nvidia chips for about a year.",
        "We bought Apple shares back in the day for a song.",
        "They bought Instagram, and it took a while for a billion users.",
    ],
)
def test_a_purchase_that_names_no_price_is_no_acquisition(said: str) -> None:
    assert expansion_words(said) != "acquired acquisition"


def test_how_far_around_a_day_may_be_is_a_setting() -> None:
    claim = "Three point three came out two weeks ago [around December 9, 2024]."
    assert check_dates(claim, RELEASE, around_days=SETTINGS.date_around_days)[0].agrees
    assert not check_dates(claim, RELEASE, around_days=2)[0].agrees
