"""Label-column tables as pdftotext prints real 10-K statements (session 34): a column proven by a total
inside it or by the net-income identity, "4,756 $" lines, columns printed one after the other, a label
printed on two lines, the first column's year printed above the labels; and the layouts that must stay
unread (a stray figure before the column, a section of a longer list, a footnote marker passing for a
part). Figures are invented; the layouts are those of the financebench 10-K texts."""

from __future__ import annotations

from claimcheck.corpus.columns import _adds_up, _proven_rows, label_columns


def _rows(text: str) -> list[str]:
    return [c.describe().splitlines()[-1] for c in label_columns(text, 0, len(text))]


# Adobe's income statement: the years printed over the page, the labels after a ":" heading, then the
# three years' columns one after the other, each figure followed by the next column's "$" where printed.
INCOME = "\n".join(
    [
        "EXAMPLE INC.",
        "CONSOLIDATED STATEMENTS OF INCOME",
        "(In millions, except per share data)",
        "Years Ended",
        "December 2,",
        "2022",
        "",
        "December 3,",
        "2021",
        "",
        "November 27,",
        "2020",
        "",
        "Operating income",
        "",
        "5,100",
        "",
        "4,800",
        "",
        "3,900",
        "",
        "Non-operating income (expense):",
        "Interest expense",
        "Investment gains (losses), net",
        "Other income (expense), net",
        "Total non-operating income (expense), net",
        "Income before income taxes",
        "Provision for (benefit from) income taxes",
        "Net income",
        "Basic net income per share",
        "",
        "(120)",
        "(20)",
        "50",
        "(90)",
        "5,010",
        "1,010",
        "4,000 $",
        "8.50 $",
        "",
        "(110)",
        "10",
        "—",
        "(100)",
        "4,700",
        "700",
        "4,000 $",
        "8.40 $",
        "",
        "(100)",
        "15",
        "40",
        "(45)",
        "3,855",
        "(1,000)",
        "4,855",
        "9.90",
        "",
    ]
)


def test_stacked_columns_are_read_under_the_page_years_as_far_as_a_total_or_the_net_income_proves_them() -> (
    None
):
    rows = _rows(INCOME)
    assert "Interest expense | 2022: (120)" in rows
    assert "Total non-operating income (expense), net | 2021: (100)" in rows
    assert "Net income | 2022: 4,000" in rows  # "4,000 $": the figure, the next column's "$" left
    assert "Net income | 2021: 4,000" in rows
    # a tax benefit: 3,855 - (1,000) = 4,855
    assert "Provision for (benefit from) income taxes | 2020: (1,000)" in rows
    assert "Net income | 2020: 4,855" in rows
    # past the net income nothing proves the rows: the per-share figure is not read
    assert not any(r.startswith("Basic net income per share") for r in rows)
    assert len(rows) == 3 * 7
    cells = label_columns(INCOME, 0, len(INCOME))
    assert all(INCOME[c.value_start : c.value_end] == c.value for c in cells)


def test_a_net_income_that_does_not_follow_leaves_the_rows_after_the_last_total_unread() -> None:
    broken = INCOME.replace("4,000 $\n8.50 $", "4,100 $\n8.50 $")
    rows = _rows(broken)
    # 2022's column proves only its first four rows now, and every column is read that far
    assert "Total non-operating income (expense), net | 2022: (90)" in rows
    assert not any(r.startswith("Net income") for r in rows)
    assert len(rows) == 3 * 4


def test_stacked_columns_need_the_page_years_one_apart_and_as_many_as_the_columns() -> None:
    assert _rows(INCOME.replace("November 27,\n2020", "November 27,\n2019")) == []
    assert _rows(INCOME.replace("November 27,\n2020\n", "November 27,\n")) == []
    # a fourth year printed on the page: which three the columns are is a guess
    assert _rows(INCOME.replace("Years Ended\n", "Years Ended\n2023\n")) == []


# J&J's product sales: a total printed above its products, a label on two lines, then the 2022 and 2021
# columns and a change column (percentages that add up to nothing).
PRODUCTS = "\n".join(
    [
        "Major Pharmaceutical Therapeutic Area Sales*:",
        "(Dollars in Millions)",
        "2022",
        "2021",
        "Change",
        "Total Immunology",
        "$",
        "16,000",
        "15,000",
        "6.7 %",
        "INVEGA SUSTENNA/XEPLION/",
        "INVEGA TRINZA/TREVICTA",
        "RISPERDAL CONSTA",
        "Total Oncology",
        "DARZALEX",
        "ERLEADA",
        "IMBRUVICA",
        "Other Oncology",
        "Total Pharmaceutical Sales",
        "",
        "$",
        "4,100",
        "500",
        "16,000",
        "8,000",
        "1,900",
        "3,800",
        "2,300",
        "50,000",
        "",
        "4,000",
        "600",
        "14,500",
        "6,000",
        "1,300",
        "4,400",
        "2,800",
        "48,000",
        "",
        "2.5",
        "(16.7)",
        "10.3",
        "33.3",
        "46.2",
        "(13.6)",
        "(17.9)",
        "4.2 %",
        "",
        "Operations",
        "Change",
    ]
)


def test_a_total_printed_above_its_group_proves_the_rows_down_to_the_group_end() -> None:
    rows = _rows(PRODUCTS)
    assert "DARZALEX | 2022: 8,000" in rows
    assert "DARZALEX | 2021: 6,000" in rows
    assert "INVEGA SUSTENNA/XEPLION/ INVEGA TRINZA/TREVICTA | 2022: 4,100" in rows
    assert "Other Oncology | 2021: 2,800" in rows
    # the company total adds up segments outside the column: not proven, not read; nor is the change column
    assert not any(r.startswith("Total Pharmaceutical Sales") for r in rows)
    assert not any("2.5" in r or "33.3" in r for r in rows)
    assert len(rows) == 2 * 7


def test_a_group_below_its_total_needs_three_rows() -> None:
    # a row-major change column (this year, last year, the change) would pass for a total and two rows
    assert _proven_rows(["Total expense", "Percent increase", "Amount"], ["1.9", "0.5", "1.4"]) == 0
    assert _proven_rows(["Total Oncology", "A", "B", "C"], ["10", "5", "3", "2"]) == 4


def test_a_stray_figure_before_the_column_is_no_proof() -> None:
    # Amcor's layout: a figure of another row printed first, so the first group no longer adds up; a
    # later group that adds up proves nothing about the rows before it
    labels = ["Liabilities", "Current - external", "Current - other", "Total current liabilities"]
    labels += ["Non-current - external", "Non-current - other", "Total non-current liabilities"]
    values = ["38", "1,912", "37", "1,949", "6,801", "9,917", "16,718"]
    assert _proven_rows(labels, values) == 0
    assert _proven_rows(labels[1:], values[1:]) == 6


def test_a_section_of_a_longer_list_is_not_read_as_stacked_columns() -> None:
    # Best Buy: "Domestic:" and "International:" sections, the run after the second section's labels is
    # the 2023 column of both sections (not 2023 and 2022 of the second)
    table = "\n".join(
        [
            "2023",
            "Revenue by product category",
            "Domestic:",
            "Computing",
            "Appliances",
            "Other",
            "Total Domestic revenue",
            "International:",
            "Computing",
            "Appliances",
            "Other",
            "Total International revenue",
            "",
            "$",
            "2022",
            "",
            "18,000",
            "6,000",
            "300",
            "24,300",
            "",
            "$",
            "1,500",
            "400",
            "70",
            "1,970",
            "",
        ]
    )
    assert _rows(table) == []


def test_a_part_equal_to_the_total_proves_nothing_even_with_mixed_signs() -> None:
    # Corning: a footnote marker "(1)" beside the figure it annotates, and the total equal to that figure
    assert not _adds_up(["(1)", "32,332,203", "32,332,203"], mixed=True)
    assert _adds_up(["(112)", "(19)", "41", "(90)"], mixed=True)
    assert not _adds_up(["(112)", "(19)", "41", "(90)"])  # a part larger than the total, one sign expected


def test_the_first_column_under_a_year_printed_above_the_labels_takes_that_year() -> None:
    # 3M's cash flow table: "2018" printed above the labels, "2017" before 2018's figures, "2016" before
    # 2017's
    table = "\n".join(
        [
            "Cash Flows from Financing Activities:",
            "Years ended December 31",
            "(Millions)",
            "",
            "2018",
            "",
            "Change in short-term debt — net",
            "Repayment of debt",
            "Proceeds from debt",
            "Total cash change in debt",
            "",
            "$",
            "",
            "2017",
            "",
            "(280)",
            "(1,030)",
            "2,250",
            "940",
            "",
        ]
    )
    assert "Total cash change in debt | 2018: 940" in _rows(table)


def test_a_nearer_list_of_about_as_many_labels_stops_the_search_for_a_proven_one_farther_up() -> None:
    # J&J's properties: the facilities by region (a stub header and a trailing header make seven labels
    # for five figures), and farther up the segments' list, whose total the figures happen to make
    table = "\n".join(
        [
            "Segment",
            "Consumer Health",
            "Pharmaceutical",
            "MedTech",
            "Worldwide Total",
            "",
            "4,500",
            "5,400",
            "4,900",
            "14,800",
            "",
            "Geographic Area",
            "United States",
            "Europe",
            "Western Hemisphere, excluding U.S.",
            "Africa, Asia and Pacific",
            "Worldwide Total",
            "Number of Facilities",
            "",
            "28",
            "27",
            "9",
            "25",
            "89",
        ]
    )
    cells = label_columns(table, 0, len(table))
    assert not any(c.value in ("28", "89") for c in cells)
    assert not any(c.label == "Segment" for c in cells)


# Pfizer's income statement: the labels after a ":" heading end with the period's label, the years and the
# revenue row's figures come between, and the column runs on into the next row's figure.
PFIZER = "\n".join(
    [
        "Consolidated Statements of Income",
        "Revenues",
        "Costs and expenses:",
        "Cost of sales(a)",
        "Research and development expenses(a)",
        "(Gain) on completion of JV transaction",
        "Other (income)/deductions––net",
        "Income from continuing operations before provision/(benefit) for taxes on income",
        "Provision/(benefit) for taxes on income",
        "Income from continuing operations",
        "Discontinued operations––net of tax",
        "Net income before allocation to noncontrolling interests",
        "Less: Net income attributable to noncontrolling interests",
        "",
        "$",
        "Year Ended December 31,",
        "2021",
        "2020",
        "80,000 $",
        "40,000 $",
        "",
        "Net income attributable to Pfizer Inc. common shareholders",
        "",
        "$",
        "",
        "30,000",
        "14,000",
        "—",
        "(4,000)",
        "24,000",
        "1,800",
        "22,200",
        "(400)",
        "21,800",
        "50",
        "21,750",
        "",
        "Earnings per common share––basic:",
    ]
)


def test_income_statement_steps_prove_the_rows_down_to_the_last_that_holds() -> None:
    rows = _rows(PFIZER)
    assert "Research and development expenses | 2021: 14,000" in rows
    assert "(Gain) on completion of JV transaction | 2021: —" in rows  # a row may open with "(Gain)"
    assert "Income from continuing operations | 2021: 22,200" in rows  # 24,000 - 1,800
    assert "Net income before allocation to noncontrolling interests | 2021: 21,800" in rows  # 22,200 + (400)
    # the noncontrolling interests' row and after: no step proves them (the period's label is no row)
    assert not any(r.startswith("Less: Net income") or r.startswith("Year Ended") for r in rows)
    assert len(rows) == 9


def test_a_step_that_does_not_hold_ends_the_proven_rows() -> None:
    rows = _rows(PFIZER.replace("\n21,800\n", "\n21,900\n"))
    assert "Income from continuing operations | 2021: 22,200" in rows
    assert not any(r.startswith("Net income before") for r in rows)
    assert _rows(PFIZER.replace("\n22,200\n", "\n22,300\n")) == []


def test_a_list_with_prose_between_it_and_the_figures_is_not_proven_by_a_total_inside() -> None:
    # Pfizer's restructuring accrual: a roll-forward (816 + 535 - 554 = 798 near enough) under a list of
    # labels printed farther up, notes and another table's labels between
    table = "\n".join(
        [
            "Cost of sales",
            "Selling, informational and administrative expenses",
            "Research and development expenses",
            "Total implementation costs",
            "Total costs associated with the programs",
            "(a) Represents acquisition-related costs and other items of the year.",
            "Balance, January 1",
            "Accrual",
            "816",
            "535",
            "(554)",
            "798",
            "741",
            "20",
            "41",
        ]
    )
    assert _rows(table) == []
    assert _proven_rows(
        ["Cost of sales", "SI&A", "R&D", "Total implementation costs"], ["816", "535", "(554)", "798"]
    )  # (the sum alone would prove it)


def test_a_column_may_start_on_a_figure_with_the_next_column_s_sign() -> None:
    # 3M's product-line tables: the first figure printed "1,343 $", the next column's "$" after it
    table = INCOME.replace("\n(120)\n(20)\n", "\n(120) $\n(20)\n")
    assert "Interest expense | 2022: (120)" in _rows(table)


def test_a_section_of_a_longer_list_is_not_read_in_part_either() -> None:
    # CVS's segment table: the same rows under "2022:", "2021:", "2020:", the figures after the last; a
    # column proven by its total in part must not take the last section's labels (nor the rows after the
    # total for its header)
    sections = []
    for year in ("2022", "2021", "2020"):
        sections += [
            f"{year}:",
            "Revenues from external customers",
            "Intersegment revenues",
            "Total revenues",
        ]
        sections += ["Adjusted operating income (loss)", "Depreciation and amortization"]
    table = "\n".join(
        ["In millions", "", *sections, "", "$", "", "90,000", "80", "90,080", "5,900", "1,600", ""]
    )
    assert _rows(table) == []


def test_two_columns_of_one_list_under_the_same_year_are_not_read_when_one_is_read_in_part() -> None:
    # J&J: capital additions and depreciation by segment, both "2022" over the same labels, the measure's
    # name ("Depreciation and", "Amortization") among the header lines between
    table = "\n".join(
        [
            "Additions to Property,",
            "Plant & Equipment",
            "2022",
            "(Dollars in Millions)",
            "Consumer Health",
            "Pharmaceutical",
            "MedTech",
            "Segments total",
            "General corporate",
            "Worldwide total",
            "",
            "$",
            "320",
            "1,370",
            "2,120",
            "3,810",
            "190",
            "4,000",
            "",
            "Depreciation and",
            "Amortization",
            "2022",
            "",
            "650",
            "3,690",
            "2,300",
            "6,640",
            "320",
            "6,960",
        ]
    )
    assert not any(r.startswith("Consumer Health | 2022") for r in _rows(table))


def test_a_row_may_open_with_a_bracketed_word_and_a_slash() -> None:
    table = PFIZER.replace(
        "(Gain) on completion of JV transaction", "(Increase)/decrease in accounts receivable"
    )
    assert "(Increase)/decrease in accounts receivable | 2021: —" in _rows(table)
    # a bracketed word alone is a header broken over lines: the list is no list of rows
    assert _rows(PFIZER.replace("(Gain) on completion of JV transaction", "(Loss)")) == []
