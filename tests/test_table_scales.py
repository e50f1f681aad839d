"""Amounts in a filing's tables whose scale the figure does not print: a whole number with no thousands
separator under the passage's "(in millions)" ("Blizzard | 2019: 68" is $68 million), and a printed amount
on a page that states no unit ("Global Revenues $36,781" in Pfizer's product table is $36.8 billion). Either
scale may agree with a claim, never refute one."""

from __future__ import annotations

from claimcheck.models import Citation, DocKind
from claimcheck.verify.numbers import Outcome, check_passage
from tests.factories import SETTINGS, make_passage

_FILING = Citation(
    title="ACME CORP. Form 10-K FY2019", kind=DocKind.TEN_K, company="ACME CORP.", period="FY2019"
)


def _cell(value: str) -> object:
    return make_passage(
        f"Blizzard\n\n{value}",
        passage_id="acme.txt#664",
        text=f"ACME CORP. Form 10-K FY2019 > Item 8\n(in millions)\nBlizzard | 2019: {value}",
        citation=_FILING,
    )


def _outcomes(claim: str, passage: object) -> list[Outcome]:
    return [c.outcome for c in check_passage(claim, passage, SETTINGS)]  # type: ignore[arg-type]


def test_a_whole_cell_under_in_millions_is_millions() -> None:
    assert _outcomes("[Acme] Blizzard took sixty eight million of the restructuring.", _cell("68")) == [
        Outcome.MATCH
    ]


def test_a_cell_scaled_by_the_unit_statement_refutes_nothing() -> None:
    assert _outcomes("[Acme] Blizzard took ninety million of the restructuring.", _cell("68")) == [
        Outcome.NO_FIGURE
    ]


def test_a_decimal_cell_is_not_scaled() -> None:
    # "1.54" in a table in millions is a per-share amount or a ratio, not $1.54 million
    assert _outcomes("[Acme] Blizzard took one point five four million.", _cell("1.54")) == [
        Outcome.NO_FIGURE
    ]


_PRODUCTS = make_passage(
    "Revenues—Selected Product Discussion\nBiopharma\nRevenue\n\nProduct\n\n"
    "Global\nRevenues\n$36,781\n\nComirnaty(a)",
    passage_id="pfe.txt#339",
    citation=_FILING,
)


def test_a_printed_amount_on_a_page_with_no_unit_agrees_in_millions() -> None:
    assert _outcomes("[Acme] Comirnaty alone was thirty six point eight billion.", _PRODUCTS) == [
        Outcome.MATCH
    ]


# Other subjects and the market's prices, seen first in the fifteenth session's new dev transcripts.

_MARGINS = make_passage(
    "From a business segment perspective, operating margins were 22.4 percent, with all five business "
    "segments above 21 percent.",
    passage_id="mmm.txt#124",
    citation=_FILING,
)


def test_a_name_that_owns_the_figure_right_after_the_prefix_is_another_subject() -> None:
    # "[3M] Honeywell's margins": the owner right after the prefix was read as a sentence's first word
    assert _outcomes("[Acme] Honeywell's margins are in the low twenties.", _MARGINS) == [Outcome.NO_FIGURE]
    assert _outcomes("[Acme] Margins are in the low twenties.", _MARGINS) == [Outcome.MATCH]


_PRICE = make_passage("The closing price of our common stock was $30.12 at year end.", citation=_FILING)


def test_todays_share_price_is_the_markets() -> None:
    assert _outcomes("Acme's stock has been stuck around thirty bucks for a year.", _PRICE) == []
    # where the year closed is the filing's to say
    assert _outcomes("Acme's stock closed the year at about thirty bucks.", _PRICE) == [Outcome.MATCH]


def test_money_said_after_a_count_is_not_what_it_counts() -> None:
    from claimcheck.quantities import figures
    from claimcheck.verify.numbers import counted_noun

    said = "They had a billion and a half buyback authorized."
    assert counted_noun(said, figures(said)[0]) is None
    said = "They have three hundred thousand employees."
    assert counted_noun(said, figures(said)[0]) == "employee"


def test_colleagues_are_employees() -> None:
    colleagues = make_passage(
        "As of December 31, 2022, we employed over 300,000 colleagues.", citation=_FILING
    )
    assert _outcomes("[Acme] has got north of three hundred thousand employees.", colleagues) == [
        Outcome.MATCH
    ]


def test_bought_back_is_a_repurchase() -> None:
    from claimcheck.verify.terms import expansion_words

    assert expansion_words("They bought back ten billion in stock.") == "share repurchases"
    repurchased = make_passage(
        "During the fiscal year ended June 30, 2023, we repurchased approximately $431 million of shares.",
        citation=_FILING,
    )
    said = "[Acme] bought back like four hundred and thirty million of stock."
    assert _outcomes(said, repurchased) == [Outcome.MATCH]
