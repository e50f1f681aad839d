"""Label-column tables whose columns pdftotext printed side by side, under header years printed all at once
(a segment table by region: "U.S. / 2021 / 2020 / 2019", then each year's column; "International" and its
years, then its columns). The figures below are made up; the layouts are those of the FinanceBench 10-K
texts (Pfizer's FY2021 revenue by segment and region, Best Buy's FY2023 segment summary, 3M's FY2018
geographic table)."""

from __future__ import annotations

from claimcheck.corpus.columns import label_columns

REGIONS = "\n".join(
    [
        "Revenues by segment and geography were as follows:",
        "(MILLIONS)",
        "",
        "Operating segments:",
        "North",
        "South",
        "Other",
        "Total revenues",
        "",
        "Year Ended December 31,",
        "U.S.",
        "2021",
        "2020",
        "2019",
        "$ 1,200",
        "300",
        "—",
        "$ 1,500",
        "",
        "$ 1,100",
        "250",
        "—",
        "$ 1,350",
        "",
        "$ 1,000",
        "210",
        "40",
        "$ 1,250",
        "",
        "International",
        "2021",
        "2020",
        "$ 2,400",
        "600",
        "—",
        "$ 3,000",
        "",
        "$ 900",
        "100",
        "—",
        "$ 1,000",
        "",
        "2019",
        "$ 800",
        "90",
        "10",
        "$ 900",
        "",
    ]
)


def _rows(text: str) -> list[str]:
    return [c.describe().splitlines()[-1] for c in label_columns(text, 0, len(text))]


def test_columns_printed_side_by_side_take_the_years_printed_before_them_in_order() -> None:
    rows = _rows(REGIONS)
    assert rows[:4] == [
        "North | U.S. 2021: 1,200",
        "South | U.S. 2021: 300",
        "Other | U.S. 2021: —",
        "Total revenues | U.S. 2021: 1,500",
    ]
    assert "Total revenues | U.S. 2020: 1,350" in rows
    assert "Total revenues | U.S. 2019: 1,250" in rows
    assert "Total revenues | International 2021: 3,000" in rows
    assert "North | International 2020: 900" in rows
    assert "Other | International 2019: 10" in rows
    assert len(rows) == 24
    cells = label_columns(REGIONS, 0, len(REGIONS))
    assert {c.note for c in cells} == {"(in millions)"}
    assert all(REGIONS[c.value_start : c.value_end] == c.value for c in cells)


def test_a_column_that_does_not_add_up_breaks_the_series_and_leaves_it_unread() -> None:
    broken = REGIONS.replace("$ 1,350", "$ 1,390")  # the U.S. 2020 column no longer proves its labels
    assert _rows(broken) == []


def test_scrambled_header_years_leave_the_series_unread() -> None:
    # pdftotext printed the two years oldest first over a table whose first column is the newest: which
    # column is which year cannot be told, so neither is read
    scrambled = REGIONS.replace("U.S.\n2021\n2020\n2019", "U.S.\n2019\n2020\n2021")
    assert _rows(scrambled) == []
    # a group that printed other years than the first is as doubtful
    other_years = REGIONS.replace("International\n2021\n2020", "International\n2022\n2021").replace(
        "\n2019\n$ 800", "\n2020\n$ 800"
    )
    assert _rows(other_years) == []


def test_a_series_continues_past_a_year_printed_between_its_columns() -> None:
    # Best Buy's layout: two years over the first column, the third year printed before the second
    table = "\n".join(
        [
            "The segment's results were as follows:",
            "Revenue",
            "Cost",
            "Total",
            "",
            "2023",
            "2022",
            "",
            "$",
            "50",
            "30",
            "80",
            "",
            "$",
            "2021",
            "40",
            "20",
            "60",
            "",
            "45",
            "25",
            "70",
        ]
    )
    assert _rows(table) == [
        "Revenue | 2023: 50",
        "Cost | 2023: 30",
        "Total | 2023: 80",
        "Revenue | 2022: 40",
        "Cost | 2022: 20",
        "Total | 2022: 60",
        "Revenue | 2021: 45",
        "Cost | 2021: 25",
        "Total | 2021: 70",
    ]
