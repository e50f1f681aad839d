"""A row of a table printed column by column, read across its columns (session 35): pdftotext prints each
year's figures as a column of their own, so the cells of one row are passages of one year each and a change
("net income went down a little", "fell about eighteen percent in 2021") could not be read off them. The
row is now a passage of its own too, carrying where its cells are in the raw text: its figures are those
cells only, never the other rows' figures printed between them. Figures are invented; the layout is Adobe's
FY2022 statement of income (tests/test_stacked_columns.py)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from claimcheck.corpus import chunk_documents, load_corpus
from claimcheck.corpus.columns import ColumnCell, column_rows, label_columns
from claimcheck.corpus.tables import cell_at, is_table_row
from claimcheck.models import Citation, Evidence, Passage
from claimcheck.publish.evidence import ShownQuote, table_row
from claimcheck.settings import Settings
from claimcheck.verify.numbers import Outcome, check_passage, passage_figures, segment_unsaid
from claimcheck.verify.quotes import best_quote
from tests.factories import make_passage
from tests.test_stacked_columns import INCOME

SETTINGS = Settings()

FILING = "EXAMPLE INC.\nFORM 10-K\nFor the fiscal year ended December 2, 2022\n" + INCOME


def _passages(tmp_path: Path) -> list[Passage]:
    (tmp_path / "EXAMPLE_2022_10K.txt").write_text(FILING, encoding="utf-8")
    return chunk_documents(load_corpus(tmp_path), SETTINGS)


def test_the_cells_of_one_label_in_the_years_columns_make_a_row() -> None:
    rows = column_rows(label_columns(INCOME, 0, len(INCOME)), INCOME)
    described = {row[0].label: [(c.header, c.value) for c in row] for row in rows}
    assert described["Net income"] == [("2022", "4,000"), ("2021", "4,000"), ("2020", "4,855")]
    assert described["Interest expense"] == [("2022", "(120)"), ("2021", "(110)"), ("2020", "(100)")]
    assert len(rows) == 7  # the seven rows every column proves; the per-share row is read in none


def test_a_row_across_columns_is_a_passage_whose_figures_are_its_cells_only(tmp_path: Path) -> None:
    passages = _passages(tmp_path)
    net = next(p for p in passages if p.cells and "\nNet income | " in p.text)
    assert net.text.endswith("Net income | 2022: 4,000 | 2021: 4,000 | 2020: 4,855")
    assert [net.raw_text[a:b] for a, b in net.cells] == ["4,000", "4,000", "4,855"]
    # between its cells stand the other rows' figures (the per-share 8.50, the 2021 taxes …): not its own
    assert "8.50" in net.raw_text
    assert [q.text for q in passage_figures(net)] == ["4,000", "4,000", "4,855"]
    cells = [cell_at(net.text, net.raw_text, a, net.cells) for a, _b in net.cells]
    assert [(c.header, c.value) for c in cells if c] == [
        ("2022", "4,000"),
        ("2021", "4,000"),
        ("2020", "4,855"),
    ]
    assert is_table_row(net.text, net.raw_text, net.cells)
    # the quote is the row's whole span, an exact slice of the document
    quote, start, end = best_quote(net, "Net income fell in 2021.")
    assert FILING[start:end] == quote == net.raw_text
    # the one-year cell passages stay as they were
    assert sum(1 for p in passages if p.text.endswith("Net income | 2021: 4,000") and not p.cells) == 1


def test_a_change_is_read_off_the_row_across_columns(tmp_path: Path) -> None:
    net = next(p for p in _passages(tmp_path) if p.cells and "\nNet income | " in p.text)
    # 4,855 in 2020, 4,000 in 2021: down 17.6%
    (fell,) = check_passage("[Example] Net income fell about eighteen percent in 2021.", net, SETTINGS)
    assert fell.outcome == Outcome.MATCH
    (grew,) = check_passage("[Example] Net income grew about eighteen percent in 2021.", net, SETTINGS)
    assert grew.outcome == Outcome.MISMATCH
    # a direction with no figure, said with words around it that name no measure
    (down,) = check_passage("[Example] Net income actually went down in 2021.", net, SETTINGS)
    assert down.outcome == Outcome.MATCH
    # "a little" is no drop of 17.6%: the right way only
    (little,) = check_passage("[Example] Net income actually went down a little in 2021.", net, SETTINGS)
    assert little.outcome == Outcome.DIRECTION_ONLY
    # another row's figure printed between the cells is never compared (4,700: 2021's pre-tax income)
    checks = check_passage("[Example] Net income was 4,700 million in 2021.", net, SETTINGS)
    assert all(c.evidence is None or c.evidence.text != "4,700" for c in checks)


def test_a_card_shows_the_row_across_columns_as_a_row_with_its_year_headers(tmp_path: Path) -> None:
    net = next(p for p in _passages(tmp_path) if p.cells and "\nNet income | " in p.text)
    evidence = Evidence(passage=net, quote=net.raw_text, quote_start=net.start, quote_end=net.end, score=1.0)
    marks = (net.cells[1], net.cells[2])  # the two years a change was worked out from
    shown = ShownQuote(evidence, 0, len(net.raw_text), marks, stance=None, decisive=True)
    row = table_row(shown)
    assert row is not None
    assert (row.unit, row.label) == ("(in millions)", "Net income")
    assert row.cells == (("2022", "4,000", False), ("2021", "4,000", True), ("2020", "4,855", True))


BLANK = "\n" * 200  # the raw text between the cells below: nothing but line breaks


def _cell(label: str, at: int, header: str, table: int = 0) -> ColumnCell:
    return ColumnCell(label, at, at + 3, "100", header, "(in millions)", "", table=table)


def test_a_row_across_columns_needs_consecutive_years_with_no_other_measure_between() -> None:
    plain = [
        _cell("Health Care", 10, "2018"),
        _cell("Health Care", 50, "2017"),
        _cell("Health Care", 90, "2016"),
    ]
    assert [[c.header for c in row] for row in column_rows(plain, BLANK)] == [["2018", "2017", "2016"]]
    # 3M's segment table: the assets' "2018", then "Net Sales 2017" and "Assets 2017", then a "2016":
    # which measure each unnamed year is, is a guess
    scrambled = [
        _cell("Health Care", 10, "2018"),
        _cell("Health Care", 30, "Net Sales 2017"),
        _cell("Health Care", 60, "Assets 2017"),
        _cell("Health Care", 90, "2016"),
    ]
    assert column_rows(scrambled, BLANK) == []
    # a year missing between two columns
    assert column_rows([_cell("Consumer", 10, "2018"), _cell("Consumer", 50, "2016")], BLANK) == []
    # named groups are rows of their own ("Net Sales 2018", "Net Sales 2017"), other tables never join
    named = [_cell("Consumer", 10, "Net Sales 2018"), _cell("Consumer", 50, "Net Sales 2017")]
    assert [[c.header for c in row] for row in column_rows(named, BLANK)] == [
        ["Net Sales 2018", "Net Sales 2017"]
    ]
    assert (
        column_rows([_cell("Consumer", 10, "2018", table=0), _cell("Consumer", 50, "2017", table=5)], BLANK)
        == []
    )
    # words between two columns start another table under the same labels (American Express's card counts,
    # then "Account Balances (millions)" and the balances): no row across them
    between = BLANK[:30] + "Account Balances (millions)" + BLANK[57:]
    assert column_rows(plain[:2], between) == []
    assert len(column_rows(plain[:2], BLANK[:30] + "December 3," + BLANK[41:])) == 1  # a date is no table
    # a table printed row by row has no label list: its rows are passages already
    row_major = [replace(c, table=None) for c in plain]
    assert column_rows(row_major, BLANK) == []


def test_a_row_under_a_segments_heading_is_that_segments() -> None:
    text = (
        "BEST CO. Form 10-K FY2023\n(in millions)\nInternational Segment Performance Summary\n"
        "Revenue | 2023: 3,504"
    )
    assert segment_unsaid(text, "[Best Co's revenue] Down ten and a half percent.") == "International"
    assert segment_unsaid(text, "International revenue was down about eleven percent.") == ""
    # headings that name no one segment
    for heading in (
        "Business Segment Information",
        "Operating Segment Results",
        "Summary of Business Segment Data",
    ):
        assert (
            segment_unsaid(text.replace("International Segment Performance Summary", heading), "Revenue")
            == ""
        )


def test_a_segments_row_across_columns_settles_no_change_of_the_company() -> None:
    raw = "3,504\n(10.9)%\n161\n\n3,931\n(1.0)%\n244"
    text = (
        "BEST CO. Form 10-K FY2023\n(in millions)\nInternational Segment Performance Summary\n"
        "Revenue | 2023: 3,504 | 2022: 3,931"
    )
    passage = make_passage(
        raw, text=text, citation=Citation(title="BEST CO. Form 10-K FY2023", company="Best Co.")
    )
    at = raw.index("3,931")
    passage = passage.model_copy(update={"cells": ((0, 5), (at, at + 5))})
    # down 10.9%: the segment's revenue, not the company's
    said = "[Best Co.] Revenue was down about eleven percent in 2023."
    assert all(
        c.outcome not in (Outcome.MATCH, Outcome.MISMATCH) for c in check_passage(said, passage, SETTINGS)
    )
    (named,) = check_passage(
        "[Best Co.] International revenue was down about eleven percent in 2023.", passage, SETTINGS
    )
    assert named.outcome == Outcome.MATCH


def test_a_row_across_columns_is_shown_to_an_editor_as_its_row(tmp_path: Path) -> None:
    passages = _passages(tmp_path)
    net = next(p for p in passages if p.cells and "\nNet income | " in p.text)
    quote, start, end = best_quote(net, "Net income fell in 2021.")
    evidence = Evidence(passage=net, quote=quote, quote_start=start, quote_end=end, score=1.0)
    assert evidence.shown == "Net income | 2022: 4,000 | 2021: 4,000 | 2020: 4,855"
    plain = next(p for p in passages if not p.cells and "4,855" in p.raw_text)
    quote, start, end = best_quote(plain, "Net income fell in 2021.")
    assert Evidence(passage=plain, quote=quote, quote_start=start, quote_end=end, score=1.0).shown == quote
