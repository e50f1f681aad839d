"""Figures of 10-K prose: one said of "a year ago" or "the prior year" is the year before its sentence's,
however near another year is written; one that agrees is read by the names of its own phrase; an initialism
the sentence spells out names no part; a company's name says nothing of people served; a level said with the
wrong move is refuted by its sentence's years. The sentences are written for these tests in the filings'
style; the figures are made up."""

from __future__ import annotations

import pytest

from claimcheck.verify.numbers import Outcome
from tests.speech_helpers import filed, outcomes

_NET_INCOME = (
    "For 2022, we reported net income of $6.4 billion, or $8.55 per share, compared with net income of "
    "$7.3 billion, or $9.70 per share, a year ago."
)
_TAX_RATE = "The Company's effective tax rate increased to 27.0% in 2022 compared to 23.1% in the prior year."
_UNDATED = (
    "Net cash provided by operating activities was $9.2 billion, compared to $10.4 billion in the prior year."
)


def _outcomes(claim: str, text: str) -> list[Outcome]:
    return outcomes(claim, filed(text, "ACME CORP."))


@pytest.mark.parametrize(
    ("claim", "text", "expected"),
    [
        # the year's figure settles a claim of the year, the year before's does not
        ("Acme's net income was about seven point three billion in 2022.", _NET_INCOME, Outcome.MISMATCH),
        ("Acme's net income was about six point four billion in 2022.", _NET_INCOME, Outcome.MATCH),
        # "in 2022" written nearest the prior year's rate does not make it 2022's
        (
            "Acme's effective tax rate was twenty three point one percent in 2022.",
            _TAX_RATE,
            Outcome.MISMATCH,
        ),
        ("Acme's effective tax rate was twenty seven percent in 2022.", _TAX_RATE, Outcome.MATCH),
        # no year in the sentence: the year before the filing's
        ("Acme's operating cash flow was ten point four billion in 2022.", _UNDATED, Outcome.MISMATCH),
        ("Acme's operating cash flow was ten point four billion in 2021.", _UNDATED, Outcome.MATCH),
    ],
)
def test_a_figure_of_a_year_ago_is_the_year_befores(claim: str, text: str, expected: Outcome) -> None:
    assert _outcomes(claim, text) == [expected]


def test_where_a_change_started_is_the_year_agos_figure() -> None:
    # "dropped from 7.3 to 6.4": the from-figure is the year before's, said "a year ago"
    dropped = "[Acme] That's partly why net income dropped, from seven point three billion to six point four."
    assert _outcomes(dropped, _NET_INCOME)[0] == Outcome.MATCH
    wrong = "[Acme] That's partly why net income dropped, from eight point one billion to six point four."
    assert _outcomes(wrong, _NET_INCOME)[0] == Outcome.MISMATCH


# Agreement read in a figure's own phrase, and in the sentence before it.
_GRANT = (
    "In February 2018, Acme reached an agreement with the State of Ohio that resolved the Natural Resource "
    "Damages lawsuit. Under the terms of the settlement, Acme agreed to provide a $640 million grant to the "
    "State for a special Acme Water Quality Fund."
)
_SETTLEMENT = (
    "Eliminations and other unallocated expense increased by $312 million in 2022 primarily due to a $150 "
    "million settlement with the Securities and\nExchange Commission related to the disclosures, and lower "
    "income from investments."
)
_HEADCOUNT = (
    "At the end of fiscal 2023, we employed more than 75,000 employees in the U.S. and Canada, comprised of "
    "approximately 55% full-time employees."
)
_DOSES = (
    "In 2021, we manufactured more than two billion doses and delivered 1.4 billion doses around the world."
)


@pytest.mark.parametrize(
    ("claim", "text", "company", "expected"),
    [
        # names after the figure's phrase ("State", "Water Quality Fund") name no part of it
        (
            "Acme agreed to provide a six hundred forty million dollar grant.",
            _GRANT,
            "ACME CORP.",
            Outcome.MATCH,
        ),
        # "SEC" stands for "Securities and Exchange Commission", whose name the sentence spells out
        (
            "Acme paid a hundred and fifty million dollar SEC settlement.",
            _SETTLEMENT,
            "ACME CORP.",
            Outcome.MATCH,
        ),
        # "Buy" of "Best Buy" says nothing of people served: the headcount is read
        (
            "Best Buy has north of seventy five thousand employees.",
            _HEADCOUNT,
            "BEST BUY CO., INC.",
            Outcome.MATCH,
        ),
        (
            "Best Buy employed more than ninety thousand people.",
            _HEADCOUNT,
            "BEST BUY CO., INC.",
            Outcome.MISMATCH,
        ),
    ],
)
def test_what_a_figure_is_read_as(claim: str, text: str, company: str, expected: Outcome) -> None:
    assert outcomes(claim, filed(text, company, year=2023 if "BEST" in company else 2022))[0] == expected


def test_a_part_named_in_the_figures_own_phrase_still_settles_nothing() -> None:
    part = "Digital Media revenue was $9.4 billion in fiscal 2022, up from $8.3 billion."
    assert outcomes("[Acme] revenue was about nine point four billion.", filed(part, "ACME CORP."))[0] == (
        Outcome.NO_FIGURE
    )


_OPERATING = (
    "Operating income was $1.9 billion, $3.8 billion, and $3.6 billion for 2015, 2016, and 2017. We believe "
    "that operating income is a meaningful measure."
)


def test_a_level_said_with_the_wrong_move_is_refuted_by_its_sentences_years() -> None:
    climbed = "Acme's operating income kept climbing in 2017, up to about three point six billion."
    slipped = "Acme's operating income slipped in 2017, down to about three point six billion."
    passage = filed(_OPERATING, "ACME CORP.", year=2017)
    assert outcomes(climbed, passage) == [Outcome.MISMATCH]
    assert outcomes(slipped, passage) == [Outcome.MATCH]


def test_a_change_of_another_year_agrees_with_no_claim_of_this_year() -> None:
    sheet = (
        "- FY2023: ad impressions across the family of apps rose 31% and the average price per ad fell 7%.\n"
        "  FY2024: ad impressions rose 12%."
    )
    passage = filed(sheet, "ACME CORP.", year=2024)
    assert Outcome.MATCH not in outcomes("[Acme] Ad impressions went up 31 percent in 2024.", passage)
    assert outcomes("[Acme] Ad impressions went up 31 percent in 2023.", passage) == [Outcome.MATCH]


def test_names_outside_a_figures_phrase_let_it_agree_but_not_refute() -> None:
    # names after the phrase ("the State", "Acme Water Quality Fund") let a figure that agrees settle it;
    # one that disagrees is left unsettled (refuting takes the stricter reading of the whole sentence)
    passage = filed(_GRANT, "ACME CORP.")
    assert outcomes("Acme's grant was about six hundred forty million dollars.", passage) == [Outcome.MATCH]
    assert outcomes("Acme's grant was about nine hundred million dollars.", passage) == [Outcome.NO_FIGURE]
    # and a part named before a comma is still the figure's ("In Health Care, total sales increased …")
    part = filed("In Health Care, total sales increased 2.4 percent in 2018.", "ACME CORP.", year=2018)
    assert outcomes("[Acme] total sales grew two point four percent in 2018.", part) == [Outcome.NO_FIGURE]


def test_an_initialism_is_spelled_only_by_names_and_never_unsays_the_claims_own() -> None:
    # "COVID-19 vaccines and sold" spells c-v-s in lower case: no name of "CVS", and "COVID" is the claim's
    text = (
        "During 2022, the Company administered more than 12 million COVID-19 tests and nearly 31 million "
        "COVID-19 vaccines and sold more than 40 million OTC test kits."
    )
    passage = filed(text, "CVS HEALTH CORPORATION")
    claim = "[CVS Health] gave like thirty one million COVID shots last year [2022]."
    assert outcomes(claim, passage) == [Outcome.MATCH]
