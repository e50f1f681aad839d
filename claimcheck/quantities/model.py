"""What a parsed figure is: its unit, how the speaker hedged it, and how an editor reads it back."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class Unit(StrEnum):
    USD = "usd"
    PERCENT = "percent"
    PERCENT_POINTS = "percentage_points"
    COUNT = "count"  # people, users, employees, downloads… (a bare number with a scale)
    PARAMETERS = "parameters"
    TOKENS = "tokens"
    YEAR = "year"
    VERSION = "version"  # the "3.1" of "Llama 3.1": compared for identity, never for size
    SIZE_LABEL = "size_label"  # the "8B" of "Llama 3 8B": part of a model's name, not an asserted figure


# Units that name something (a model version, a model's size label) rather than measure it: never a
# figure to compare with another figure's size.
NAME_UNITS: frozenset[Unit] = frozenset({Unit.VERSION, Unit.SIZE_LABEL})
# Units of an amount, which a scale ("in millions", "(B)") multiplies and a move goes by or to; not a
# percentage, a year, a version or a model's size label.
AMOUNT_UNITS: frozenset[Unit] = frozenset({Unit.USD, Unit.COUNT, Unit.PARAMETERS, Unit.TOKENS})


class Bound(StrEnum):
    """How the speaker hedged the figure; the verdict compares with a tolerance that follows it."""

    EXACT = "exact"
    APPROX = "approx"  # about, roughly, around, some, nearly, almost, close to, something like, give or take
    AT_LEAST = "at_least"  # over, more than, at least, north of
    AT_MOST = "at_most"  # under, less than, at most, up to
    RANGE = "range"  # "between 10 and 12 billion", "10-12%", "mid-teens": `low` to `high`


class Quantity(BaseModel):
    model_config = ConfigDict(frozen=True)

    value: float  # in base units: dollars, percent points, raw counts (a range's midpoint)
    unit: Unit
    text: str  # the matched surface text
    start: int
    end: int
    bound: Bound = Bound.EXACT
    # A change rather than a level: "grew 16%", "doubled", "down a fifth". Value is the size of the change
    # in percent; `direction` is +1 (up), -1 (down) or 0 (not said).
    change: bool = False
    direction: int = 0
    # The ends of a range (bound RANGE), in the same base units as `value`.
    low: float | None = None
    high: float | None = None

    def same_kind(self, other: Quantity) -> bool:
        return self.unit == other.unit


def relative_difference(a: float, b: float) -> float:
    """|a - b| relative to the larger magnitude (0 when both are 0)."""
    denom = max(abs(a), abs(b))
    return 0.0 if denom == 0 else abs(a - b) / denom


def version_key(q: Quantity) -> str:
    """A model version as compared for identity: "3.1" whether written "3.1" or said "three point one"."""
    return q.text if q.text[:1].isdigit() else f"{q.value:g}"


def _amount(value: float) -> str:
    v = abs(value)
    for word, size in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6)):
        if v >= size:
            return f"{value / size:.2f}".rstrip("0").rstrip(".") + f" {word}"
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def format_value(q: Quantity) -> str:
    """A figure in words an editor reads quickly: $16.12 billion, 28%, 405 billion parameters, 10–12%."""
    if q.unit == Unit.YEAR:
        return str(int(q.value))
    if q.unit in NAME_UNITS:
        return q.text
    if q.unit in (Unit.PERCENT, Unit.PERCENT_POINTS):
        suffix = "%" if q.unit == Unit.PERCENT else " percentage points"
        if q.bound == Bound.RANGE and q.low is not None and q.high is not None:
            return f"{round(q.low, 2):g}–{round(q.high, 2):g}{suffix}"
        return f"{round(q.value, 2):g}{suffix}"
    if q.bound == Bound.RANGE and q.low is not None and q.high is not None:
        return f"{_with_unit(q.unit, q.low)} to {_with_unit(q.unit, q.high)}"
    return _with_unit(q.unit, q.value)


def _with_unit(unit: Unit, value: float) -> str:
    text = _amount(value)
    if unit == Unit.USD:
        return f"${text}"
    if unit == Unit.PARAMETERS:
        return f"{text} parameters"
    if unit == Unit.TOKENS:
        return f"{text} tokens"
    return text
