"""Figures a speaker says the way people talk about filings (seventeenth session): a sum with no scale
("Three sixty five, net cash", "the gain was two fifteen") read in millions or billions where exactly one
amount of that money agrees; a quarter in a sentence dates only the figures it stands with ("of which $44.6
billion was paid in the first quarter" leaves the $45.5 billion before it the year's); guidance is a
projection ("guided operating income to …"); and "Q1" names a period, not someone else."""

from __future__ import annotations

import pytest

from claimcheck.models import Citation, DocKind
from claimcheck.verify.numbers import Outcome
from tests.factories import make_passage
from tests.speech_helpers import outcomes


def _filing(company: str, year: int) -> Citation:
    return Citation(
        title=f"{company} Form 10-K FY{year}", kind=DocKind.TEN_K, company=company, period=f"FY{year}"
    )


_AMCOR = make_passage(
    "We also operated three manufacturing facilities in Russia until their sale on December 23, 2022, for "
    "net cash proceeds of $365 million. We recorded a pre-tax net gain on sale of $215 million.",
    citation=_filing("AMCOR PLC", 2023),
)


@pytest.mark.parametrize(
    "claim",
    [
        "[Amcor] Three sixty five, net cash.",
        "[Amcor] Three sixty five was the cash they got, the gain was two fifteen.",
    ],
)
def test_a_sum_said_without_its_scale_agrees_with_the_one_amount_of_that_money(claim: str) -> None:
    assert set(outcomes(claim, _AMCOR)) == {Outcome.MATCH}


@pytest.mark.parametrize(
    "claim",
    [
        # only agreement is read so: which amount a figure off by a little meant is not said
        "[Amcor] Three forty, net cash.",
        # no money named: a bare number may be anything
        "[Amcor] Three sixty five, that one.",
        # a count of things is not money
        "[Amcor] Three sixty five plants, net.",
        # a scale said is the speaker's: "three sixty five thousand" is not $365 million
        "[Amcor] Three hundred sixty five thousand of net cash.",
    ],
)
def test_a_sum_said_without_its_scale_settles_nothing_else(claim: str) -> None:
    assert Outcome.MATCH not in outcomes(claim, _AMCOR)
    assert Outcome.MISMATCH not in outcomes(claim, _AMCOR)


def test_two_amounts_that_agree_at_different_scales_leave_a_bare_sum_unsettled() -> None:
    passage = make_passage(
        "Net cash proceeds were $365 million. Net cash used in investing was $0.365 billion less than that, "
        "and cash and cash equivalents were $365 billion.",
        citation=_filing("AMCOR PLC", 2023),
    )
    assert Outcome.MATCH not in outcomes("[Amcor] Three sixty five, net cash.", passage)


_VERIZON = make_passage(
    "In February 2021, the FCC concluded Auction 107 for C-Band wireless spectrum. Verizon paid $45.5 "
    "billion for the licenses it won, of which $44.6 billion was paid in the first quarter of 2021.",
    citation=_filing("Verizon Communications Inc.", 2022),
)


def test_a_quarter_after_the_next_figure_dates_that_figure_only() -> None:
    claim = "[Verizon] paid like forty five billion for the licenses back in twenty one."
    assert outcomes(claim, _VERIZON) == [Outcome.MATCH]


def test_a_quarter_said_before_two_figures_dates_both() -> None:
    # the year's sales are settled by neither the quarter's figure nor the quarter's comparison
    passage = make_passage(
        "Net sales in the fourth quarter were $60.5 billion, compared with $43.7 billion in fourth quarter "
        "2016.",
        citation=_filing("AMAZON.COM, INC.", 2017),
    )
    assert Outcome.MATCH not in outcomes("[Amazon] Net sales were forty three point seven billion.", passage)


_GUIDANCE = make_passage(
    "Operating income is expected to be between $300 million and $1.0 billion, compared with $1.0 billion in "
    "first quarter 2017.",
    citation=_filing("AMAZON.COM, INC.", 2017),
)


def test_guidance_said_for_a_quarter_is_read_off_the_filing_s_expectation() -> None:
    claim = "For Q1 [Amazon] guided operating income to between three hundred million and a billion."
    assert outcomes(claim, _GUIDANCE) == [Outcome.MATCH]


def test_what_happened_is_not_settled_by_guidance() -> None:
    # "expected" marks the range as a projection; a claim of what was earned is not read off it
    assert Outcome.MATCH not in outcomes(
        "[Amazon] Operating income was between three hundred million and a billion.", _GUIDANCE
    )


# --- the fresh-eyes review's cases -------------------------------------------------------------------


def test_a_bare_sum_is_not_read_off_a_count_or_off_another_money_of_the_passage() -> None:
    shares = make_passage(
        "Net income was $39.10 billion. We repurchased 27 million shares of our Class A common stock.",
        citation=_filing("Meta Platforms, Inc.", 2023),
    )
    assert Outcome.MATCH not in outcomes("[Meta] Net income, like, twenty seven.", shares)
    buyback = make_passage(
        "Net cash provided by operating activities was $1,261 million. We repurchased $365 million of "
        "ordinary shares.",
        citation=_filing("AMCOR PLC", 2023),
    )
    assert Outcome.MATCH not in outcomes("[Amcor] Three sixty five, net cash.", buyback)


def test_a_per_share_aside_does_not_cut_a_figure_off_its_quarter() -> None:
    passage = make_passage(
        "Net income was $1.9 billion, or $3.75 per diluted share, in the fourth quarter of 2017.",
        citation=_filing("AMAZON.COM, INC.", 2017),
    )
    assert Outcome.MATCH not in outcomes(
        "[Amazon] Net income was like one point nine billion in 2017.", passage
    )


def test_a_quarter_s_figure_is_not_confirmed_by_the_year_s_in_the_same_sentence() -> None:
    passage = make_passage(
        "Net sales were $177.9 billion for 2017, including $60.5 billion in the fourth quarter.",
        citation=_filing("AMAZON.COM, INC.", 2017),
    )
    assert Outcome.MATCH not in outcomes("[Amazon] Net sales in Q4 were one seventy eight billion.", passage)


def test_a_guided_weapon_is_no_guidance() -> None:
    passage = make_passage(
        "Revenues from our weapons programs, including precision guided munitions, were $3.2 billion "
        "in 2022.",
        citation=_filing("THE BOEING COMPANY", 2022),
    )
    assert outcomes("[Boeing] Weapons programs revenue was three point two billion in 2022.", passage) == [
        Outcome.MATCH
    ]


_SELLER = make_passage(
    "Third-party seller services revenue was $31.9 billion in 2017.",
    citation=_filing("AMAZON.COM, INC.", 2017),
)


def test_a_name_said_in_an_aside_after_the_figure_is_not_whose_it_is() -> None:
    claim = (
        "[Amazon] Third-party seller services was almost thirty two billion, that's bigger than AWS and "
        "subscriptions put together."
    )
    assert outcomes(claim, _SELLER) == [Outcome.MATCH]


def test_a_name_said_with_the_figure_still_is() -> None:
    assert Outcome.MATCH not in outcomes("[Amazon] AWS was almost thirty two billion, that's a lot.", _SELLER)


# --- what a filing counts the things a speaker counts as ----------------------------------------------


def test_a_chain_s_stores_are_its_retail_locations() -> None:
    passage = make_passage(
        "The Company has more than 9,000 retail locations, more than 1,100 walk-in medical clinics.",
        citation=_filing("CVS HEALTH CORPORATION", 2022),
    )
    assert outcomes("[CVS Health] has nine thousand stores.", passage) == [Outcome.MATCH]


def test_those_who_sue_are_claimants_and_other_counts_are_not() -> None:
    passage = make_passage(
        "The Company faces litigation from approximately 232,000 claimants.",
        citation=_filing("3M COMPANY", 2022),
    )
    assert outcomes("[3M] is like two hundred and thirty two thousand veterans suing them.", passage) == [
        Outcome.MATCH
    ]
    assert Outcome.MATCH not in outcomes("[3M] has like two hundred and thirty two thousand stores.", passage)


def test_an_aside_that_says_whose_the_figure_is_still_names_it() -> None:
    passage = make_passage(
        "Operating income was $22.9 billion in 2021.", citation=_filing("AMAZON.COM, INC.", 2021)
    )
    for claim in (
        "[Amazon] Operating income was about twenty three billion, that's AWS's share.",
        "[Amazon] Operating income was about twenty three billion, and that's Walmart's number, not theirs.",
    ):
        assert Outcome.MATCH not in outcomes(claim, passage), claim


def test_locations_of_other_things_are_no_stores() -> None:
    offices = make_passage(
        "We lease office space in approximately 120 locations worldwide.",
        citation=_filing("MICROSOFT CORPORATION", 2022),
    )
    assert Outcome.MATCH not in outcomes("[Microsoft] had like a hundred and twenty stores.", offices)
