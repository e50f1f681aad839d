"""Which income a row is (issue 11): "operating" and "gross" tell their incomes from net income as "net"
does, operations are the operating kind ("Net Cash Flow from Operations"), comprehensive income and retained
earnings are no net income; and a percentage that a sentence says nothing reached ("did not have sales to a
single customer that exceeded 10%") is no figure."""

from __future__ import annotations

from claimcheck.verify.numbers import Outcome, _kinds, passage_figures
from tests.speech_helpers import filed, outcomes


def test_each_kind_of_income_is_read() -> None:
    assert _kinds("Operating income") == {"operating"}
    assert _kinds("Gross margin") == {"gross"}
    assert _kinds("Net income") == {"net"}
    assert "operating" in _kinds("Net Cash Flow from Operations")
    assert "operating" not in _kinds("Income from continuing operations")
    assert _kinds("Accumulated Other Comprehensive Income (Loss)") == {"comprehensive"}
    assert _kinds("Retained earnings") == {"retained"}


def test_gross_profit_is_not_refuted_by_net_income() -> None:
    passage = filed(
        "While we generated net income of $213.1 million and $375.4 million for the years ended December 31, "
        "2020 and 2019, respectively.",
        "Square",
        2020,
    )
    assert Outcome.MISMATCH not in outcomes("[Square] Gross profit was one point two billion.", passage)


def test_operating_cash_flow_is_read_off_cash_flow_from_operations() -> None:
    passage = filed("2021 Net Cash Flow from Operations––$32.6 billion", "Pfizer", 2021)
    assert Outcome.MISMATCH in outcomes("[Pfizer] Operating cash flow was fifty billion.", passage)
    assert Outcome.MATCH in outcomes(
        "[Pfizer] Operating cash flow was thirty two point six billion.", passage
    )


def test_net_income_is_not_refuted_by_comprehensive_income() -> None:
    passage = filed(
        "(in millions)\nAccumulated Other Comprehensive Income (Loss) (15,891)", "Johnson & Johnson", 2022
    )
    assert Outcome.MISMATCH not in outcomes(
        "[Johnson & Johnson's net income] Seventeen point nine billion.", passage
    )


def test_threshold_nothing_reached_is_no_figure() -> None:
    passage = filed(
        "The Company did not have sales to a single customer that exceeded 10% of consolidated net sales for "
        "the fiscal years ended June 30, 2023. Net sales grew more than 10% in Asia.",
        "Amcor",
        2023,
    )
    assert [q.text for q in passage_figures(passage) if q.unit.value == "percent"] == ["10%"]
    threshold = filed(
        "The Company did not have sales to a single customer that exceeded 10% of net sales.", "Amcor", 2023
    )
    assert Outcome.MISMATCH not in outcomes(
        "[Amcor's net sales] One percent, on fourteen point seven billion.", threshold
    )


def test_kinds_tell_incomes_only() -> None:
    """Revenue, leases and results are no kind of income: "net revenue" is not refuted away from "Total
    operating revenues", and operations are operating only "from operations"."""
    assert _kinds("Total operating revenues") == set()
    assert _kinds("Operating lease liabilities") == set()
    assert "operating" not in _kinds("Results of operations and net income")
    assert "operating" not in _kinds("Income from continuing\noperations")
    passage = filed("Total operating revenues were $136.8 billion in 2022.", "Verizon")
    assert Outcome.MATCH in outcomes(
        "Verizon's net revenue was a hundred and thirty seven billion in twenty twenty two.", passage
    )


def test_a_threshold_is_read_only_under_its_own_negation() -> None:
    passage = filed(
        "Not only was 67% of our revenue online, and more than 40% of online sales were picked up in "
        "stores.\nDespite not raising prices, net sales increased more than 12%.\nWe did not renew the "
        "lease. Net sales increased over 12% in Canada.",
        "Best Buy",
        2023,
    )
    assert [q.text for q in passage_figures(passage)] == ["67%", "40%", "12%", "12%"]
