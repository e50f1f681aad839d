"""Figures said too elliptically to align by their words (issue #11): two figures said together that a
filing prints together ("seven sixty nine versus six sixty one"), and a percentage whose kind the speaker
leaves open ("Twenty one, it says twenty one." for a growth rate). Only agreement is read so."""

from __future__ import annotations

from claimcheck.verify.numbers import Outcome
from tests.speech_helpers import filed, outcomes

# Corning's segment table as pdftotext prints it: labels far from the cells.
_COLUMNS = filed(
    "Net sales\nOptical Communications\nDisplay Technologies\n\n$\n\n5,010\n\n$\n\n4,349\n\n"
    "Segment net income\n\n$\n\n769\n\n$\n\n661\n\n$\n\n960",
    "CORNING INCORPORATED",
)


def test_two_figures_printed_together_agree_without_words() -> None:
    claim = "[Corning] Display made more, seven sixty nine versus six sixty one."
    assert outcomes(claim, _COLUMNS) == [Outcome.MATCH, Outcome.MATCH]


def test_a_pair_needs_both_figures_close_and_agreeing() -> None:
    # one of the two is not printed: nothing is read
    assert outcomes("[Corning] Display made more, seven sixty nine versus six forty.", _COLUMNS) == [
        Outcome.NO_FIGURE,
        Outcome.NO_FIGURE,
    ]
    # printed, but far apart
    filler = " Other items were discussed at length." * 6
    far = filed(f"Segment net income $ 769.{filler} $ 661", "CORNING")
    assert outcomes("[Corning] Display made more, seven sixty nine versus six sixty one.", far) == [
        Outcome.NO_FIGURE,
        Outcome.NO_FIGURE,
    ]
    # too few digits said together: "six versus seven" agrees with too much of a page
    small = filed("Segment net income\n\n$\n\n6\n\n$\n\n7", "CORNING")
    assert Outcome.MATCH not in outcomes("[Corning] Display made six versus seven.", small)


_GREW = filed(
    "Document Cloud revenue of $2.38 billion increased by $409 million, or 21%, during fiscal 2022.",
    "ADOBE INC.",
)


def test_a_bare_percentage_may_be_the_change_asked_about() -> None:
    assert outcomes("[Adobe] Document Cloud, twenty one percent.", _GREW) == [Outcome.MATCH]
    # a disagreeing one is never read as the change
    assert outcomes("[Adobe] Document Cloud, twenty five percent.", _GREW) == [Outcome.NO_FIGURE]
    # a share of something is a level
    assert Outcome.MATCH not in outcomes("[Adobe] Document Cloud is twenty one percent of revenue.", _GREW)


def test_a_change_may_be_read_off_a_change_column() -> None:
    table = filed(
        "| Segment | 2022 | 2021 | % Change |\n|---|---|---|---|\n| Consumer | 5,400 | 5,958 | (9)% |",
        "American Express Company",
    )
    assert Outcome.MATCH in outcomes("[American Express] Consumer was down, like nine percent.", table)


def test_what_follows_a_count_may_be_no_noun_it_counts() -> None:
    from claimcheck.quantities import figures
    from claimcheck.verify.numbers import counted_noun

    for text in (
        "King's operating income barely moved, seven forty versus seven fifty.",
        "There's still about five point three thousand left on the authorization.",
        "They spent six and a half thousand buying back stock.",
    ):
        first = figures(text)[0]
        assert counted_noun(text, first) is None, text
    stores = "Whole Foods had four hundred and seventy stores."
    assert counted_noun(stores, figures(stores)[0]) is not None


def test_a_sum_said_in_billions_with_no_scale_agrees_with_a_filings_millions() -> None:
    page = filed(
        "(dollars in millions)\nYears Ended December 31,\n2022\n2021\nFree cash flow\n$ 37,141 $ 39,539",
        "Verizon Communications Inc.",
    )
    assert outcomes("[Verizon's free cash flow] was thirty seven point one last year [2022].", page) == [
        Outcome.MATCH
    ]
    # never a disagreement, and never without a measure of money said
    assert outcomes("[Verizon's free cash flow] was thirty two point one last year [2022].", page) == [
        Outcome.NO_FIGURE
    ]
    assert outcomes("[Verizon] It was thirty seven point one last year [2022].", page) == [Outcome.NO_FIGURE]


def test_a_pair_is_of_the_claims_year_and_of_two_figures_said() -> None:
    # a reviewer's false matches: the year before's value, a name written in digits, a negative cell
    prior = filed("Consumer sales decreased 4.1% to $5.1 billion in 2022 (2021: $5.5 billion).", "3M COMPANY")
    said = outcomes("[3M] Consumer made five point five billion, down four point one percent.", prior)
    assert said[0] != Outcome.MATCH
    equity = filed("Total equity\n\n$\n\n(5,897)\n\n20\n\n(56)", "PFIZER INC.")
    assert Outcome.MATCH not in outcomes("[Pfizer] Prevnar 20 did five point nine billion.", equity)


def test_a_change_is_not_read_off_a_level_row() -> None:
    margins = filed(
        "| | 2022 | 2021 | % Change |\n|---|---|---|---|\n| Operating margins | 15 % | 9 % | |",
        "THE BOEING COMPANY",
    )
    assert Outcome.MATCH not in outcomes("[Boeing] Operating margins were up fifteen percent.", margins)
