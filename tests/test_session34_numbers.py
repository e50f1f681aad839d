"""Thirty-fourth session: figures a speaker says of a filing's measures in shorthand. "EPS" names a measure,
never whom a figure is about; "went up, one twenty eight to one fifty four" starts at the year before's
figure; "spent thirteen point eight billion on R&D" is the filing's R&D expense row, printed in millions.
Passages are written in the layouts of the financebench 10-K texts; the figures are invented."""

from __future__ import annotations

from claimcheck.models import Citation, DocKind
from claimcheck.verify.numbers import Outcome, check_passage
from tests.factories import SETTINGS, make_passage
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


_LLAMA3 = Citation(title="Llama 3 model card", kind=DocKind.MODEL_CARD)
# (as the Llama 3 card's HTML table reads, one row per size)
_LLAMA3_ROW = make_passage(
    '<tr>\n   <td rowspan="2" >Llama 3\n   </td>\n   <td>8B\n   </td>\n   <td>8k\n   </td>\n   '
    '<td rowspan="2" >15T+\n   </td>\n  </tr>',
    text="Llama 3 model card > Model Details\nLlama 3 | Params: 8B | Context length: 8k | Token count: 15T+",
    citation=_LLAMA3,
)


def test_a_card_field_of_the_claimed_measure_settles_it_however_far_off() -> None:
    # 128K is sixteen times 8k: beyond the gap a level is compared across, but the field says whose it is
    assert outcomes("Llama 3 has a 128K context window.", _LLAMA3_ROW) == [Outcome.MISMATCH]
    assert outcomes("Llama 3 has an 8K context window.", _LLAMA3_ROW) == [Outcome.MATCH]


def test_the_cell_headed_by_the_claimed_measure_is_the_one_compared() -> None:
    # every cell of the row names the size in the row's identity; the parameters are "Params", not the
    # token count
    checks = check_passage("Llama 3 has 400 billion parameters.", _LLAMA3_ROW, SETTINGS)
    assert [(c.outcome, c.evidence.text if c.evidence else None) for c in checks] == [
        (Outcome.MISMATCH, "8B")
    ]


def test_per_diluted_share_is_earnings_per_share_not_a_dividend() -> None:
    dividend_row = make_passage(
        "Dividends declared per common share\n1.08\n0.96",
        text="Dividends declared per common share | 2022: 1.08 | 2021: 0.96",
        citation=_CORNING,
    )
    claim = "[Corning] Net income was 1.3 billion, or 1.54 per diluted share."
    assert outcomes(claim, dividend_row)[-1] is Outcome.NO_FIGURE


def test_a_change_amount_or_a_range_is_no_start_of_a_move() -> None:
    from claimcheck.quantities import figures
    from claimcheck.verify.numbers import _moved_from

    def starts(text: str) -> bool:
        return _moved_from(text, figures(text)[0])

    assert starts("[Corning] EPS went up, one twenty eight to one fifty four.")
    assert starts("[CVS Health] went down, eighty five to eighty four")
    assert not starts("Revenue rose $30 billion to $322 billion")
    assert not starts("We set up 3 to 5 new plants")
    assert not starts("They increased headcount by 2,000 to 12,000")


_LLAMA31_ROW = make_passage(
    "<tr><td>Llama 3.1</td><td>405B</td><td>128k</td></tr>",
    text="Llama 3.1 model card > Model Details\nLlama 3.1 | Params: 405B | Context length: 128k",
    citation=Citation(title="Llama 3.1 model card", kind=DocKind.MODEL_CARD),
)


def test_where_a_move_started_is_not_refuted_by_the_card_field() -> None:
    # "went from eight K to 128K": the 8K is the earlier model's, the card's field is the new one's
    claim = "[Llama 3.1] The context window went from eight K to a hundred and twenty eight K."
    assert outcomes(claim, _LLAMA31_ROW) == [Outcome.NO_FIGURE, Outcome.MATCH]


def test_a_card_field_settles_only_a_claim_s_one_figure_of_the_model_named() -> None:
    # two figures: which one the field is compared with is a guess (a vocabulary beside a context length, an
    # earlier version's window beside the new one's)
    assert (
        outcomes("Llama 3 has a vocabulary of 128K and an 8K context.", _LLAMA3_ROW)[0]
        is not Outcome.MISMATCH
    )
    claim = "Llama 3.1 was pretrained with an 8K context window and then extended to 128K."
    assert outcomes(claim, _LLAMA31_ROW) == [Outcome.NO_FIGURE, Outcome.MATCH]
    # a row of a variant the claim does not name is another model's
    quantized = make_passage(
        "<tr><td>Llama 3.2 1B</td><td>Quantized</td><td>8k</td></tr>",
        text="Llama 3.2 model card > Model Details\nLlama 3.2 1B (Quantized) | Context length: 8k",
        citation=Citation(title="Llama 3.2 model card", kind=DocKind.MODEL_CARD),
    )
    assert outcomes("Llama 3.2 1B has a 128K context window.", quantized) == [Outcome.NO_FIGURE]
    assert outcomes("The quantized Llama 3.2 1B has a 128K context window.", quantized) == [Outcome.MISMATCH]
