"""Thirty-fourth session: figures a speaker says of a filing's measures in shorthand. "EPS" names a measure,
never whom a figure is about; "went up, one twenty eight to one fifty four" starts at the year before's
figure; "spent thirteen point eight billion on R&D" is the filing's R&D expense row, printed in millions.
Passages are written in the layouts of the financebench 10-K texts; the figures are invented."""

from __future__ import annotations

from claimcheck.models import Citation, DocKind
from claimcheck.verify.numbers import Outcome
from tests.factories import make_passage
from tests.speech_helpers import outcomes

_CORNING = Citation(
    title="CORNING INCORPORATED Form 10-K FY2022",
    kind=DocKind.TEN_K,
    company="CORNING INCORPORATED",
    period="FY2022",
)
_EARNINGS = make_passage(
    "For the year ended December 31, 2022, we generated net income attributable to Corning Incorporated of "
    "$1,316 million, or $1.54 per diluted share, compared to net income attributable to Corning Incorporated "
    "of $1,906 million, or $1.28 per diluted share, in 2021.",
    citation=_CORNING,
)


def test_eps_is_a_measure_not_a_name() -> None:
    # "EPS" had been taken for a name the passage does not print: someone else's figure, never compared
    assert outcomes("[Corning] EPS was one fifty four.", _EARNINGS) == [Outcome.MATCH]
    assert outcomes("[Corning] EPS was two ten.", _EARNINGS) == [Outcome.MISMATCH]
    # a name still is one: Figma's EPS is not Corning's
    assert outcomes("Figma's EPS was one fifty four.", _EARNINGS) == [Outcome.NO_FIGURE]


def test_a_move_said_without_from_starts_at_the_year_before() -> None:
    assert outcomes("[Corning] EPS went up, one twenty eight to one fifty four.", _EARNINGS) == [
        Outcome.MATCH,
        Outcome.MATCH,
    ]
    # with no verb of a move, "X to Y" is no move: the first figure is this year's again
    assert (
        outcomes("[Corning] EPS was one twenty eight to one fifty four.", _EARNINGS)[0] is not Outcome.MATCH
    )


_PFIZER = Citation(
    title="PFIZER INC. Form 10-K FY2021", kind=DocKind.TEN_K, company="PFIZER INC.", period="FY2021"
)
_RND_ROW = make_passage(
    "Research and development expenses\n13,829",
    text=(
        "PFIZER INC. Form 10-K FY2021 > Item 8. Financial Statements and Supplementary Data\n"
        "Costs and expenses:\nResearch and development expenses | 2021: 13,829"
    ),
    citation=_PFIZER,
)


def test_what_was_spent_on_a_named_thing_is_its_expense_row_in_millions() -> None:
    assert outcomes("Pfizer spent thirteen point eight billion on R&D in twenty one.", _RND_ROW) == [
        Outcome.MATCH
    ]
    # spending with nothing named is not this row's
    assert outcomes("Pfizer spent thirteen point eight billion in twenty one.", _RND_ROW) == [
        Outcome.NO_FIGURE
    ]


_CVS = Citation(
    title="CVS HEALTH CORPORATION Form 10-K FY2022",
    kind=DocKind.TEN_K,
    company="CVS HEALTH CORPORATION",
    period="FY2022",
)


def test_earnings_per_share_is_not_another_amount_per_share() -> None:
    dividend = make_passage(
        "During 2022, 2021 and 2020 the quarterly cash dividend was $0.55, $0.50 and $0.50 per share, "
        "respectively.",
        citation=_CVS,
    )
    assert outcomes("[CVS Health] The EPS was three fourteen.", dividend) == [Outcome.NO_FIGURE]
    eps_row = make_passage(
        "2022 Reported Diluted EPS––$3.14",
        citation=_CVS,
    )
    assert outcomes("[CVS Health] The EPS was three fourteen.", eps_row) == [Outcome.MATCH]
    assert outcomes("[CVS Health] The EPS was four ten.", eps_row) == [Outcome.MISMATCH]
