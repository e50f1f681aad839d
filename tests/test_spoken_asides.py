"""Figures said around asides and spoken parts (issue 11): "nineteen and a quarter" is 19.25; an aside set off
by commas ("that's where the Prime fees go") or a word of praise ("the bright spot") says nothing about which
figure a filing prints, but an aside that says which part it is ("that's Consumer") still does; a pharmacy's
shots are its vaccines; a period of time a sentence opens with dates its figures; a percentage raised is a
change. Three fresh-eyes reviews generated claims on the real 10-Ks against these rules; what they found
wrong was narrowed or dropped, and their cases are the negative tests here."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimcheck.models import Passage
from claimcheck.quantities import figures
from claimcheck.verify.numbers import Outcome
from tests.speech_helpers import claims_by_quote, filed, make_talk, outcomes


def _filed(text: str) -> Passage:
    """`text` as a passage of ACME CORP.'s FY2022 10-K."""
    return filed(text, "ACME CORP.", 2022)


@pytest.mark.parametrize(
    "quote",
    ["This came out in three point one.", "It was rated two point five.", "That's the three point one."],
)
def test_a_small_number_said_alone_takes_no_measure(nlp: Language, quote: str) -> None:
    talk = make_talk("Revenue was a hundred and sixteen billion.", quote, entities=["Acme"])
    text = claims_by_quote(nlp, talk)[quote].text
    assert "revenue" not in text.lower() and "[billion]" not in text


def test_net_bookings_is_a_measure_a_later_clause_leans_on(nlp: Language) -> None:
    talk = make_talk(
        "Net bookings were sixty three hundred and eighty eight million.",
        "That's down like eleven percent.",
        entities=["Acme"],
    )
    assert "net bookings" in claims_by_quote(nlp, talk)["That's down like eleven percent."].text.lower()


@pytest.mark.parametrize(
    ("said", "values"),
    [
        ("Free cash flow fell from nineteen and a quarter to about fourteen.", [19.25, 14.0]),
        ("one and a quarter million subscribers", [1.25e6]),
        ("two and three quarters percent", [2.75]),
        # (a half is read as before; a quarter "of" something is a share of it, and a quarter after a scale
        # is of a year: neither is part of the number)
        ("nineteen and a half", [19.5]),
        ("Revenue was thirty one billion and a quarter of that was wireless.", [31e9, 25.0]),
        ("They did fifty billion and a quarter later, sixty.", [50e9, 60e9]),
    ],
)
def test_a_quarter_after_and_is_part_of_the_number(said: str, values: list[float]) -> None:
    assert [q.value for q in figures(said)] == values


def test_an_aside_names_no_one_the_figure_is_of() -> None:
    row = _filed("(in millions)\nSubscription services | 2020: 4,467 | 2021: 6,394 | 2022: 9,721")
    said = "[Acme] Subscription services, that's where the Prime fees go, was nine point seven billion."
    assert outcomes(said, row) == [Outcome.MATCH]
    # the aside is left out, not the rest: another figure is still refuted by the row
    assert outcomes(
        "[Acme] Subscription services, that's where the Prime fees go, was twelve point one billion.", row
    ) == [Outcome.MISMATCH]


def test_an_aside_that_says_which_part_is_kept() -> None:
    table = _filed(
        "(in millions)\nConsumer | 2021: 95,300 | 2022: 103,500\nBusiness | 2021: 31,800 | 2022: 31,100"
    )
    for said in (
        "[Acme] Segment revenue, that's Consumer, was thirty one point one billion.",
        "[Acme] The other segment, the Consumer guys, were thirty one point one billion in revenue.",
    ):
        assert Outcome.MATCH not in outcomes(said, table), said


def test_praise_is_no_measure() -> None:
    prose = _filed(
        "The OTC franchise sales of $6.0 billion increased 7.2% as compared to the prior year. "
        "The Oral Care franchise sales of $1.5 billion declined 8.5% as compared to the prior year."
    )
    said = "[Acme] Inside Consumer, OTC was the bright spot, Tylenol and all, six billion, up seven percent."
    assert outcomes(said, prose) == [Outcome.MATCH, Outcome.MATCH]
    # another part's figure is still not OTC's
    assert outcomes("[Acme] Inside Consumer, OTC was the bright spot, one point five billion.", prose) != [
        Outcome.MATCH
    ]


def test_a_pharmacys_shots_are_its_vaccines() -> None:
    prose = _filed(
        "During the year ended December 31, 2022, the Company administered nearly 28 million COVID-19 "
        "vaccines and sold more than 63 million OTC test kits."
    )
    assert outcomes("[Acme] gave like twenty eight million COVID shots last year [2022].", prose) == [
        Outcome.MATCH
    ]


def test_the_period_a_sentence_opens_with_dates_every_figure_in_it() -> None:
    prose = _filed(
        "During the third and fourth quarters, emerging new variants drove the continued administration of "
        "COVID-19 vaccinations (including boosters) and diagnostic testing. During the year ended "
        "December 31, 2021, the Company administered more than 32 million COVID-19 tests and more than "
        "59 million COVID-19 vaccines and sold more than 22 million OTC test kits.\nDuring the year ended "
        "December 31, 2022, the customary quarterly operating income progression in the Retail/LTC "
        "segment continued to be impacted."
    )
    said = "[Acme] gave like fifty nine million COVID vaccines"
    assert outcomes(f"{said} last year [2022].", prose) == [Outcome.OTHER_CONTEXT]
    assert outcomes(f"{said} in twenty twenty one.", prose) == [Outcome.MATCH]


def test_an_opening_period_does_not_date_a_figure_compared_with_another_years() -> None:
    prose = _filed(
        "At December 31, 2022, month-to-month service contracts represented approximately 94% of our "
        "wireless postpaid contracts and 92% of our wireline contracts, compared to December 31, 2021, "
        "for which month-to-month service contracts represented approximately 93% of our wireless "
        "postpaid contracts and 86% of our wireline contracts."
    )
    said = (
        "At the end of 2021, about ninety three percent of [Acme's] wireless postpaid contracts were monthly."
    )
    assert outcomes(said, prose) == [Outcome.MATCH]


@pytest.mark.parametrize(
    ("said", "change"),
    [
        ("[Acme] just raised the dividend six percent, sixty first year in a row.", True),
        ("Acme is raising the dividend fifteen percent this quarter.", True),
        # where it went, or a share said after a comma, is a level
        ("They raised it to six percent.", False),
        ("They raised the dividend to forty cents, a 5% yield.", False),
        ("Acme raised prices and its effective tax rate was twenty three point four percent.", False),
    ],
)
def test_a_percentage_raised_is_a_change(said: str, change: bool) -> None:
    percent = [q for q in figures(said) if q.unit.value == "percent"]
    assert [(q.change, q.direction) for q in percent] == [(change, 1 if change else 0)]


def test_a_raise_agrees_with_the_increase_a_filing_prints() -> None:
    prose = _filed(
        "In February 2023, Acme's Board of Directors declared a first-quarter 2023 dividend of $1.44 per "
        "share, an increase of 6 percent. This marked the 61st consecutive year of dividend increases."
    )
    assert outcomes("[Acme] just raised the dividend six percent, sixty first year in a row.", prose) == [
        Outcome.MATCH
    ]
