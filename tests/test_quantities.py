from __future__ import annotations

import pytest

from claimcheck.quantities import (
    Bound,
    Unit,
    extract_quantities,
    figures,
    format_value,
    relative_difference,
    unit_scale,
    years,
)


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("revenue of $134.9 billion", Unit.USD, 134.9e9),
        ("eighty million dollars", Unit.USD, 80e6),
        ("up 16% year over year", Unit.PERCENT, 16),
        ("a 28 percent rise", Unit.PERCENT, 28),
        ("2 trillion parameters", Unit.PARAMETERS, 2e12),
        ("trained on 15T tokens", Unit.TOKENS, 15e12),
        ("a 128K context window", Unit.COUNT, 128e3),
        # a model's size, never a count to compare with money (was COUNT: issue 11)
        ("the 405B model", Unit.PARAMETERS, 405e9),
        ("3.19 billion daily users", Unit.COUNT, 3.19e9),
        ("Llama 3.1 is out", Unit.VERSION, 3.1),
    ],
)
def test_extracts_value_and_unit(text: str, unit: Unit, value: float) -> None:
    found = [q for q in extract_quantities(text) if q.unit != Unit.YEAR]
    assert found, text
    assert found[0].unit == unit
    assert found[0].value == pytest.approx(value)
    assert text[found[0].start : found[0].end] == found[0].text


def test_table_figure_takes_declared_scale() -> None:
    preamble = "(in millions, except per share amounts)"
    scale = unit_scale(preamble)
    assert scale == 1e6
    (q,) = figures("Reality Labs loss from operations (16,120)", default_scale=scale)
    assert q.value == pytest.approx(16.12e9)
    assert relative_difference(q.value, 16.1e9) < 0.01


@pytest.mark.parametrize(
    ("text", "bound"),
    [
        ("roughly $10 billion", Bound.APPROX),
        ("more than 3 billion people", Bound.AT_LEAST),
        ("under 5%", Bound.AT_MOST),
        ("exactly $10 billion", Bound.EXACT),
    ],
)
def test_hedge_words_set_the_bound(text: str, bound: Bound) -> None:
    assert figures(text)[0].bound == bound


def test_years_are_not_figures() -> None:
    assert years("in FY2023, compared with fiscal 2022 and 2021") == [2023, 2022, 2021]
    assert figures("in 2023 we grew") == []
    assert [q.unit for q in extract_quantities("in 2023")] == [Unit.YEAR]


def test_lone_words_and_letters_are_not_figures() -> None:
    assert figures("one of the best teams") == []
    # a single-letter scale must touch its digits ("8B"): in "8 b" the 8 stands alone, unscaled
    assert [(q.text, q.value, q.unit) for q in figures("8 b")] == [("8", 8, Unit.COUNT)]
    assert figures("8b")[0].value == pytest.approx(8e9)


def test_format_value_reads_naturally() -> None:
    assert format_value(figures("$16,120 million")[0]) == "$16.12 billion"
    assert format_value(figures("28%")[0]) == "28%"


def test_model_size_after_a_version_is_a_name_not_a_figure() -> None:
    found = [(q.unit, q.text) for q in extract_quantities("Llama 3 8B has a 128K context window")]
    assert (Unit.VERSION, "3") in found
    assert (Unit.SIZE_LABEL, "8B") in found
    assert [q.text for q in figures("Llama 3 8B has a 128K context window")] == ["3", "128K"]
    assert [q.unit for q in figures("the 405B model")] == [Unit.PARAMETERS]


def test_change_words_and_directions() -> None:
    (doubled,) = figures("revenue doubled from 2022 to 2023")
    assert doubled.change and doubled.value == 100 and doubled.direction == 1
    (fifth,) = figures("headcount is down more than a fifth")
    assert fifth.value == 20 and fifth.direction == -1 and fifth.bound == Bound.AT_LEAST
    (fell,) = figures("the average price per ad fell 9%")
    assert fell.change and fell.direction == -1
    # "half of our users" is a share (50%, a level), not a change (it was no figure at all: issue 11)
    (half,) = figures("half of our users are in Asia")
    assert half.unit == Unit.PERCENT and half.value == 50 and not half.change
    assert figures("in the second half of 2023") == []
    # "15% growth in segment net sales" is a change, not a share of sales
    (growth,) = [q for q in figures("driven by 15% growth in segment net sales") if q.unit == Unit.PERCENT]
    assert growth.change and growth.direction == 1
    # "increased our quarterly dividend payment by 2.0%": the verb is a clause back, the "by" says change
    (raised,) = [
        q
        for q in figures("our Board of Directors increased our quarterly dividend payment by 2.0% to $0.6525")
        if q.unit == Unit.PERCENT
    ]
    assert raised.change and raised.direction == 1
