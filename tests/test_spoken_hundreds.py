"""Hundreds said short, as speakers read a figure's digits out: "two thirteen" is 213, "three seventy five"
375, "ten seventy three" 1073; per share they are dollars and cents ("six forty two a share" is $6.42).
A model's version or size ("Llama three seventy B") and a clock time ("at nine thirty") are not read so."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.quantities import Unit, figures
from tests.test_quantities_spoken import Style, _below_hundred

_LEADS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]


@given(
    lead=st.integers(1, 12),
    rest=st.integers(10, 99),
    hyphen=st.booleans(),
    scale=st.sampled_from([None, "million", "billion"]),
)
def test_hundreds_said_short_parse_back(lead: int, rest: int, hyphen: bool, scale: str | None) -> None:
    style = Style(british_and=False, hyphen=hyphen, article=False)
    said = f"{_LEADS[lead - 1]} {_below_hundred(rest, style)}"
    text = f"They booked {said}{' ' + scale if scale else ''} on it."
    found = [q for q in figures(text) if q.unit is not Unit.YEAR]
    factor = {None: 1, "million": 1e6, "billion": 1e9}[scale]
    assert [q.value for q in found] == [pytest.approx((lead * 100 + rest) * factor)]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Down, actually, two thirteen, from three seventy five the year before.", 213.0, Unit.COUNT),
        ("King's operating income barely moved, seven forty versus seven fifty.", 740.0, Unit.COUNT),
        ("Net income was eight point nine billion, six forty two a share.", 6.42, Unit.USD),
        ("Diluted EPS was nine eighty four.", 9.84, Unit.USD),
        ("Adjusted EPS went up too, ten seventy three.", 10.73, Unit.USD),
        ("Eleven hundred and thirty eight stores at the end of the year.", 1138.0, Unit.COUNT),
    ],
)
def test_hand_examples(text: str, value: float, unit: Unit) -> None:
    said = [(q.value, q.unit) for q in figures(text)]
    assert (pytest.approx(value), unit) in said


@pytest.mark.parametrize(
    "text",
    [
        "Llama three seventy B is the one they shipped.",  # a version and a size
        "We taped it at nine thirty am and it ran long.",  # a clock time
        "The three point one seventy B model is fine.",  # a version, then a size
    ],
)
def test_names_and_times_are_not_hundreds(text: str) -> None:
    assert not any(q.value in (370.0, 930.0, 170.0) for q in figures(text))


def test_twenty_and_nineteen_first_stay_years() -> None:
    assert [q.value for q in figures("In twenty twenty three they did ninety two.")] == [92.0]
    assert [q.value for q in figures("Nineteen ninety nine was the year.")] == []
