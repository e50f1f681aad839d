"""Fiscal years that end early in the next calendar year (issue 11): Best Buy's fiscal 2023 ended on January
28, 2023, so "last year" said in 2023 is that fiscal year; the cover page's year end travels in the
citation (`year_end`, also a front-matter key) and the claim's calendar years are read as fiscal ones."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from claimcheck.corpus.load import load_corpus
from claimcheck.models import Citation, Passage
from claimcheck.verify.numbers import Outcome, as_fiscal_years
from claimcheck.verify.subjects import period_mismatch
from tests.factories import make_passage
from tests.speech_helpers import filed, outcomes


def _best_buy(text: str) -> Passage:
    return filed(text, "BEST BUY CO., INC.", 2023, year_end=dt.date(2023, 1, 28))


def test_calendar_years_of_a_fiscal_year() -> None:
    def years(period: str, end: dt.date | None) -> set[int]:
        return Citation(title="t", period=period, year_end=end).calendar_years()

    assert years("FY2023", dt.date(2023, 1, 28)) == {2022}  # Best Buy
    assert years("FY2022", dt.date(2023, 1, 1)) == {2022}  # J&J: named after the year before already
    assert years("FY2022", dt.date(2022, 12, 31)) == {2022}
    assert years("FY2023", dt.date(2023, 6, 30)) == {2023}  # Amcor
    assert years("FY2023", None) == {2023}
    assert years("", None) == set()


def test_claim_years_are_read_as_the_filings_fiscal_years() -> None:
    passage = _best_buy("Revenue | 2023: 46,298 | 2022: 51,761")
    claim = "Best Buy did forty six point three billion in revenue last year [2022]."
    assert as_fiscal_years(claim, passage) == claim.replace("[2022]", "[2023]")
    spoken = "Best Buy did fifty one point eight billion in twenty twenty one."
    assert as_fiscal_years(spoken, passage) == spoken.replace("twenty twenty one", "2022".ljust(17))
    said_fiscal = "Best Buy's revenue in fiscal 2023 was forty six point three billion."
    assert as_fiscal_years(said_fiscal, passage) == said_fiscal
    # a filing whose fiscal year is its calendar year reads the claim as said
    december = make_passage("Revenue | 2022: 46,298", citation=Citation(title="x", period="FY2022"))
    assert as_fiscal_years(claim, december) == claim


def test_last_year_matches_the_fiscal_year_column() -> None:
    passage = _best_buy(
        "Revenue in fiscal 2023 was $46.3 billion, compared with $51.8 billion in fiscal 2022."
    )
    assert Outcome.MATCH in outcomes(
        "Best Buy did forty six point three billion in revenue last year [2022].", passage
    )
    assert Outcome.MATCH in outcomes(
        "Best Buy did fifty one point eight billion in revenue in 2021.", passage
    )


def test_the_fiscal_year_is_no_other_period() -> None:
    assert period_mismatch("2022", _best_buy("Revenue was $46.3 billion.")) is None
    assert period_mismatch("2020", _best_buy("Revenue was $46.3 billion.")) == "FY2023"


def test_the_cover_page_year_end_reaches_the_citation(tmp_path: Path) -> None:
    cover = (
        "UNITED STATES\nSECURITIES AND EXCHANGE COMMISSION\nFORM 10-K\n"
        "ANNUAL REPORT PURSUANT TO SECTION 13 OR 15(d) OF THE SECURITIES EXCHANGE ACT OF 1934\n"
        "For the fiscal year ended January 28, 2023\nBEST BUY CO., INC.\n"
        "(Exact name of registrant as specified in its charter)\nRevenue was $46.3 billion.\n"
    )
    (tmp_path / "bby.txt").write_text(cover)
    (tmp_path / "fm.md").write_text(
        "---\ntitle: Retailer\nperiod: FY2024\nyear_end: 2024-02-03\n---\nText.\n"
    )
    docs = {d.doc_id: d for d in load_corpus(tmp_path)}
    assert docs["bby.txt"].citation.year_end == dt.date(2023, 1, 28)
    assert docs["bby.txt"].citation.calendar_years() == {2022}
    assert docs["fm.md"].citation.calendar_years() == {2023}


def test_either_reading_of_the_years_agrees_and_only_both_refute() -> None:
    """A company may name its fiscal year after the year it starts (Home Depot's "fiscal 2022" ended January
    29, 2023): a claim that agrees as said is not refuted as read in fiscal years."""
    home_depot = filed(
        "Net sales for fiscal 2022 were $157.4 billion, an increase of 4.1% from fiscal 2021 net sales of "
        "$151.2 billion.",
        "THE HOME DEPOT, INC.",
        2023,
        year_end=dt.date(2023, 1, 29),
    )
    assert Outcome.MISMATCH not in outcomes("Home Depot had sales of 151.2 billion in 2021.", home_depot)
    assert Outcome.MATCH in outcomes("Home Depot had sales of 157.4 billion in 2022.", home_depot)


def test_dated_and_fiscal_years_are_not_moved() -> None:
    passage = _best_buy("Revenue was $46.3 billion.")
    for said in (
        "In February 2022, Best Buy's board approved a five billion dollar buyback.",
        "For the fiscal year ended January 28, 2023 revenue was forty six point three billion.",
        "Best Buy's 2022 fiscal year revenue was fifty one point eight billion.",
        "In fiscal years 2022 and 2023 revenue fell.",
    ):
        assert as_fiscal_years(said, passage) == said, said
    assert len(as_fiscal_years("Back in ten, revenue was forty billion.", passage)) == len(
        "Back in ten, revenue was forty billion."
    )
    # a claim that says its year is fiscal is tied to that fiscal year
    assert period_mismatch("2022", _best_buy("Revenue was $46.3 billion."), fiscal=True) == "FY2023"
