"""Figures a speaker says the way people talk about filings (seventeenth session): a sum with no scale
("Three sixty five, net cash", "the gain was two fifteen") read in millions or billions where exactly one
amount of that money agrees; a quarter in a sentence dates only the figures it stands with ("of which $44.6
billion was paid in the first quarter" leaves the $45.5 billion before it the year's); guidance is a
projection ("guided operating income to …"); and "Q1" names a period, not someone else. A name in an aside
that compares is not whose the figure is; a chain's "stores" are its "retail locations", those who sue it
its "claimants". The cases from two fresh-eyes reviews are in the tables."""

from __future__ import annotations

import pytest

from claimcheck.verify.numbers import Outcome
from tests.speech_helpers import filed, outcomes

_AMCOR = filed(
    "We also operated three manufacturing facilities in Russia until their sale on December 23, 2022, for "
    "net cash proceeds of $365 million. We recorded a pre-tax net gain on sale of $215 million.",
    "AMCOR PLC",
    2023,
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


_AMAZON = "AMAZON.COM, INC."
_GUIDANCE = (
    "Operating income is expected to be between $300 million and $1.0 billion, compared with $1.0 billion in "
    "first quarter 2017."
)
_SELLER = "Third-party seller services revenue was $31.9 billion in 2017."
_OPERATING_INCOME = "Operating income was $22.9 billion in 2021."
_CLAIMANTS = "The Company faces litigation from approximately 232,000 claimants."


@pytest.mark.parametrize(
    ("text", "company", "year", "claim"),
    [
        pytest.param(
            "In February 2021, the FCC concluded Auction 107 for C-Band wireless spectrum. Verizon paid "
            "$45.5 billion for the licenses it won, of which $44.6 billion was paid in the first quarter of "
            "2021.",
            "Verizon Communications Inc.",
            2022,
            "[Verizon] paid like forty five billion for the licenses back in twenty one.",
            id="a quarter after the next figure dates that figure only",
        ),
        pytest.param(
            _GUIDANCE,
            _AMAZON,
            2017,
            "For Q1 [Amazon] guided operating income to between three hundred million and a billion.",
            id="guidance said for a quarter is read off the filing's expectation",
        ),
        pytest.param(
            "Revenues from our weapons programs, including precision guided munitions, were $3.2 billion "
            "in 2022.",
            "THE BOEING COMPANY",
            2022,
            "[Boeing] Weapons programs revenue was three point two billion in 2022.",
            id="a guided weapon is no guidance",
        ),
        pytest.param(
            _SELLER,
            _AMAZON,
            2017,
            "[Amazon] Third-party seller services was almost thirty two billion, that's bigger than AWS and "
            "subscriptions put together.",
            id="a name in an aside that compares is not whose the figure is",
        ),
        pytest.param(
            "The Company has more than 9,000 retail locations, more than 1,100 walk-in medical clinics.",
            "CVS HEALTH CORPORATION",
            2022,
            "[CVS Health] has nine thousand stores.",
            id="a chain's stores are its retail locations",
        ),
        pytest.param(
            _CLAIMANTS,
            "3M COMPANY",
            2022,
            "[3M] is like two hundred and thirty two thousand veterans suing them.",
            id="those who sue are claimants",
        ),
    ],
)
def test_the_figure_agrees(text: str, company: str, year: int, claim: str) -> None:
    assert outcomes(claim, filed(text, company, year)) == [Outcome.MATCH]


@pytest.mark.parametrize(
    ("text", "company", "year", "claim"),
    [
        pytest.param(
            "Net cash proceeds were $365 million. Net cash used in investing was $0.365 billion less than "
            "that, and cash and cash equivalents were $365 billion.",
            "AMCOR PLC",
            2023,
            "[Amcor] Three sixty five, net cash.",
            id="two amounts that agree at different scales leave a bare sum unsettled",
        ),
        pytest.param(
            # the year's sales are settled by neither the quarter's figure nor the quarter's comparison
            "Net sales in the fourth quarter were $60.5 billion, compared with $43.7 billion in fourth "
            "quarter 2016.",
            _AMAZON,
            2017,
            "[Amazon] Net sales were forty three point seven billion.",
            id="a quarter said before two figures dates both",
        ),
        pytest.param(
            # "expected" marks the range as a projection; a claim of what was earned is not read off it
            _GUIDANCE,
            _AMAZON,
            2017,
            "[Amazon] Operating income was between three hundred million and a billion.",
            id="what happened is not settled by guidance",
        ),
        pytest.param(
            "Net income was $39.10 billion. We repurchased 27 million shares of our Class A common stock.",
            "Meta Platforms, Inc.",
            2023,
            "[Meta] Net income, like, twenty seven.",
            id="a bare sum is not read off a count",
        ),
        pytest.param(
            "Net cash provided by operating activities was $1,261 million. We repurchased $365 million of "
            "ordinary shares.",
            "AMCOR PLC",
            2023,
            "[Amcor] Three sixty five, net cash.",
            id="a bare sum is not read off another money of the passage",
        ),
        pytest.param(
            "Net income was $1.9 billion, or $3.75 per diluted share, in the fourth quarter of 2017.",
            _AMAZON,
            2017,
            "[Amazon] Net income was like one point nine billion in 2017.",
            id="a per-share aside does not cut a figure off its quarter",
        ),
        pytest.param(
            "Net sales were $177.9 billion for 2017, including $60.5 billion in the fourth quarter.",
            _AMAZON,
            2017,
            "[Amazon] Net sales in Q4 were one seventy eight billion.",
            id="a quarter's figure is not confirmed by the year's in the same sentence",
        ),
        pytest.param(
            _SELLER,
            _AMAZON,
            2017,
            "[Amazon] AWS was almost thirty two billion, that's a lot.",
            id="a name said with the figure still is whose it is",
        ),
        pytest.param(
            _OPERATING_INCOME,
            _AMAZON,
            2021,
            "[Amazon] Operating income was about twenty three billion, that's AWS's share.",
            id="an aside that says whose the figure is still names it",
        ),
        pytest.param(
            _OPERATING_INCOME,
            _AMAZON,
            2021,
            "[Amazon] Operating income was about twenty three billion, and that's Walmart's number, not "
            "theirs.",
            id="an aside that says whose the figure is still names it (and)",
        ),
        pytest.param(
            _CLAIMANTS,
            "3M COMPANY",
            2022,
            "[3M] has like two hundred and thirty two thousand stores.",
            id="claimants are no stores",
        ),
        pytest.param(
            "We lease office space in approximately 120 locations worldwide.",
            "MICROSOFT CORPORATION",
            2022,
            "[Microsoft] had like a hundred and twenty stores.",
            id="locations of other things are no stores",
        ),
    ],
)
def test_the_figure_settles_nothing(text: str, company: str, year: int, claim: str) -> None:
    assert Outcome.MATCH not in outcomes(claim, filed(text, company, year))
