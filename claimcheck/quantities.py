"""The one place that parses numbers, money, percentages, scale words, units and years.

Claims, the index, the verdicts and the verifier's data generator all go through here, so that
"$16.1 billion", "16,120 (in millions)" and "sixteen billion dollars" mean the same thing everywhere.
"""

from __future__ import annotations

import re
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


class Bound(StrEnum):
    """How the speaker hedged the figure; the verdict compares with a tolerance that follows it."""

    EXACT = "exact"
    APPROX = "approx"  # about, roughly, around, some, nearly, almost, close to
    AT_LEAST = "at_least"  # over, more than, at least, north of
    AT_MOST = "at_most"  # under, less than, at most, up to


class Quantity(BaseModel):
    model_config = ConfigDict(frozen=True)

    value: float  # in base units: dollars, percent points, raw counts
    unit: Unit
    text: str  # the matched surface text
    start: int
    end: int
    bound: Bound = Bound.EXACT
    # A change rather than a level: "grew 16%", "doubled", "down a fifth". Value is the size of the change
    # in percent; `direction` is +1 (up), -1 (down) or 0 (not said).
    change: bool = False
    direction: int = 0

    def same_kind(self, other: Quantity) -> bool:
        return self.unit == other.unit


SCALES: dict[str, float] = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "mm": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "t": 1e12,
}

WORD_NUMBERS: dict[str, float] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a": 1,
    "a few": 3,
}

_APPROX = r"about|roughly|around|approximately|some|nearly|almost|close to|~|circa|like"
_AT_LEAST = r"over|more than|at least|north of|above|upwards of|in excess of|exceeding"
_AT_MOST = r"under|less than|at most|up to|below|fewer than|no more than"
_HEDGE_RE = re.compile(
    rf"(?P<approx>\b(?:{_APPROX})\s*$)|(?P<least>\b(?:{_AT_LEAST})\s*$)|(?P<most>\b(?:{_AT_MOST})\s*$)",
    re.IGNORECASE,
)

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_WORDNUM = "|".join(
    sorted((re.escape(w) for w in WORD_NUMBERS if w not in {"a", "a few"}), key=len, reverse=True)
)
_SCALE = r"thousand|million|billion|trillion|mn|bn|tn|mm|[kKmMbBtT]"

# One pattern, tried left to right; named groups say what was found.
_QUANTITY_RE = re.compile(
    rf"""
    (?P<neg>\(|-|−)?
    (?P<cur>\$|US\$|USD\s?|€|£)?
    (?P<num>{_NUM}|(?:{_WORDNUM})\b)
    (?:[\s-]?(?P<scale>{_SCALE})\b)?
    (?:\s?(?P<pct>%|percent\b|per\s?cent\b|percentage\ points?\b|pp\b))?
    (?:\s?(?P<dollars>dollars?\b|usd\b))?
    (?:[\s-]?(?P<kind>parameters?\b|params?\b|tokens?\b))?
    """,
    re.IGNORECASE | re.VERBOSE,
)

# A number right after a product name is a version ("Llama 3.1", "GPT-4", "Quest 3", "v2").
_VERSION_BEFORE = re.compile(
    r"(?:\b(?:llama|gpt|quest|gemini|claude|version|mistral|qwen|phi|iphone|windows|python)[\s-]?|\bv)$",
    re.IGNORECASE,
)

_YEAR_RE = re.compile(r"\b(?:FY\s?|fiscal\s+(?:year\s+)?)?((?:19|20)\d{2})\b", re.IGNORECASE)


def parse_number(text: str) -> float | None:
    """'16,120' → 16120.0, '1.5' → 1.5, 'eighty' → 80.0; None when it is not a number."""
    t = text.strip().lower()
    if t in WORD_NUMBERS:
        return float(WORD_NUMBERS[t])
    try:
        return float(t.replace(",", ""))
    except ValueError:
        return None


def _bound_before(text: str, start: int) -> Bound:
    window = text[max(0, start - 20) : start]
    m = _HEDGE_RE.search(window)
    if not m:
        return Bound.EXACT
    if m.group("approx"):
        return Bound.APPROX
    if m.group("least"):
        return Bound.AT_LEAST
    return Bound.AT_MOST


def unit_scale(text: str) -> float:
    """Scale declared by a unit statement such as '(in millions, except per share data)'; 1 if none."""
    m = re.search(r"\bin\s+(thousands|millions|billions)\b", text, re.IGNORECASE)
    if not m:
        return 1.0
    return {"thousands": 1e3, "millions": 1e6, "billions": 1e9}[m.group(1).lower()]


def extract_quantities(text: str, *, default_scale: float = 1.0) -> list[Quantity]:
    """Every figure in `text`, in order of appearance, with values in base units.

    `default_scale` applies to bare money-like table figures ("16,120") when a unit statement such as
    "in millions" governs the text (see `unit_scale`). Years (2023, FY2024) are returned as YEAR.
    """
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for m in _QUANTITY_RE.finditer(text):
        raw_num = m.group("num")
        value = parse_number(raw_num)
        if value is None:
            continue
        scale_word = (m.group("scale") or "").lower()
        pct = m.group("pct")
        cur = m.group("cur") or m.group("dollars")
        kind = (m.group("kind") or "").lower()
        is_wordnum = not raw_num[0].isdigit()
        # single-letter scales must touch the digits ("405B", "15T", "128k"), not "8 b…"
        if scale_word and len(scale_word) == 1 and m.start("scale") != m.end("num"):
            scale_word = ""
            if not (pct or m.group("dollars") or kind):
                end_override: int | None = m.end("num")
            else:
                end_override = None
        else:
            end_override = None
        if is_wordnum and not (scale_word or pct or cur or kind):
            continue  # "one" on its own is not a figure
        start = m.start("cur") if m.group("cur") else m.start("num")
        if m.group("neg") == "(" and cur:
            start = m.start("neg")
        end = end_override if end_override is not None else m.end()
        while end > start and text[end - 1].isspace():
            end -= 1
        if not (scale_word or pct or cur or kind) and not is_wordnum:
            if _VERSION_BEFORE.search(text[max(0, m.start("num") - 12) : m.start("num")]):
                found.append(
                    Quantity(
                        value=value,
                        unit=Unit.VERSION,
                        text=raw_num,
                        start=m.start("num"),
                        end=m.end("num"),
                    )
                )
                continue
            year = _as_year(raw_num, text, m.start("num"))
            if year is not None:
                found.append(
                    Quantity(
                        value=year,
                        unit=Unit.YEAR,
                        text=text[m.start("num") : m.end("num")],
                        start=m.start("num"),
                        end=m.end("num"),
                    )
                )
                taken.append((m.start("num"), m.end("num")))
                continue
        scale = SCALES.get(scale_word, 1.0) if scale_word else 1.0
        if pct:
            unit = Unit.PERCENT_POINTS if "point" in pct.lower() or pct.lower() == "pp" else Unit.PERCENT
            scaled = value
        elif kind.startswith("param"):
            unit, scaled = Unit.PARAMETERS, value * scale
        elif kind.startswith("token"):
            unit, scaled = Unit.TOKENS, value * scale
        elif cur:
            unit, scaled = Unit.USD, value * (scale if scale_word else default_scale)
        elif (
            scale_word in ("b", "m")
            and found
            and found[-1].unit == Unit.VERSION
            and (0 < start - found[-1].end <= 1)
        ):
            unit, scaled = Unit.SIZE_LABEL, value * scale  # "Llama 3 8B": a name, not a claim
        else:
            unit = Unit.COUNT
            scaled = value * (scale if scale_word else default_scale if "," in raw_num else 1.0)
        if m.group("neg") == "(" and cur and text[end : end + 1] == ")":
            end += 1
        elif text[end - 1 : end] == ")" and text[start : start + 1] != "(":
            end -= 1
        found.append(
            Quantity(
                value=scaled,
                unit=unit,
                text=text[start:end],
                start=start,
                end=end,
                bound=_bound_before(text, start),
            )
        )
        taken.append((start, end))
    return found


class Direction(BaseModel):
    """A word that says which way a figure moved, with where it is."""

    sign: int
    start: int
    end: int


_UP = (
    r"grew|grow|grows|growing|rose|rise|rises|rising|increased?|increases|increasing|up|gained?|jumped|"
    r"climbed|soared|expanded|higher"
)
_DOWN = (
    r"fell|fall|falls|falling|declined?|declines|declining|decreased?|decreases|down|dropped|drops?|shrank|"
    r"shrunk|shrinks|narrowed|lower|cut|reduced|slid|plunged|contracted"
)
_DIRECTION_RE = re.compile(rf"\b(?:(?P<up>{_UP})|(?P<down>{_DOWN}))\b", re.IGNORECASE)

# Multiplicative and fractional change words, as percent changes.
_CHANGE_WORDS: dict[str, tuple[float, int]] = {
    "doubled": (100.0, 1),
    "double": (100.0, 1),
    "doubling": (100.0, 1),
    "tripled": (200.0, 1),
    "triple": (200.0, 1),
    "quadrupled": (300.0, 1),
    "halved": (50.0, -1),
}
_FRACTIONS: dict[str, float] = {
    "half": 50.0,
    "a third": 100.0 / 3,
    "one third": 100.0 / 3,
    "a quarter": 25.0,
    "one quarter": 25.0,
    "a fifth": 20.0,
    "one fifth": 20.0,
    "a tenth": 10.0,
    "one tenth": 10.0,
}
_CHANGE_RE = re.compile(
    r"\b(?P<word>doubled|double|doubling|tripled|triple|quadrupled|halved)\b|"
    r"\b(?:by\s+)?(?P<frac>half|a third|one third|a quarter|one quarter|a fifth|one fifth|a tenth|"
    r"one tenth)\b",
    re.IGNORECASE,
)


def directions(text: str) -> list[Direction]:
    """Words saying a figure went up (+1) or down (-1)."""
    return [
        Direction(sign=1 if m.group("up") else -1, start=m.start(), end=m.end())
        for m in _DIRECTION_RE.finditer(text)
    ]


def direction_near(text: str, start: int, end: int, window: int = 40) -> int:
    """The direction word nearest to a span within `window` characters (a leading minus sign counts)."""
    if start > 0 and text[start - 1 : start] in "-−" and (start < 2 or not text[start - 2].isalnum()):
        return -1
    if text[start : start + 1] in "-−":
        return -1
    if (start > 0 and text[start - 1 : start] == "+") or text[start : start + 1] == "+":
        return 1
    best: tuple[int, int] | None = None
    for d in directions(text[max(0, start - window) : end + window]):
        offset = max(0, start - window)
        distance = min(abs(offset + d.end - start), abs(offset + d.start - end))
        if best is None or distance < best[0]:
            best = (distance, d.sign)
    return 0 if best is None else best[1]


def changes(text: str) -> list[Quantity]:
    """Change claims with no digits: "doubled", "halved", "down more than a fifth"."""
    found: list[Quantity] = []
    for m in _CHANGE_RE.finditer(text):
        if m.group("word"):
            value, sign = _CHANGE_WORDS[m.group("word").lower()]
        else:
            value = _FRACTIONS[m.group("frac").lower()]
            sign = direction_near(text, m.start(), m.end())
            if sign == 0:
                continue  # "half of our users" is a share, not a change
        found.append(
            Quantity(
                value=value,
                unit=Unit.PERCENT,
                text=m.group(0),
                start=m.start(),
                end=m.end(),
                bound=_bound_before(text, m.start()),
                change=True,
                direction=sign,
            )
        )
    return found


def with_changes(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """Mark percentages that describe a change ("grew 16%", "fell 9%") and add change words."""
    marked: list[Quantity] = []
    for q in quantities:
        if q.unit == Unit.PERCENT:
            sign = direction_near(text, q.start, q.end)
            if sign:
                q = q.model_copy(update={"change": True, "direction": sign})
        marked.append(q)
    extra = [c for c in changes(text) if not any(c.start < q.end and q.start < c.end for q in marked)]
    return sorted(marked + extra, key=lambda q: q.start)


def _as_year(raw: str, text: str, pos: int) -> float | None:
    if "," in raw or "." in raw or len(raw) != 4:
        return None
    value = int(raw)
    if not 1900 <= value <= 2099:
        return None
    return float(value)


def years(text: str) -> list[int]:
    """Calendar or fiscal years mentioned ('2023', 'FY2024', 'fiscal 2022'), in order."""
    return [int(m.group(1)) for m in _YEAR_RE.finditer(text)]


def figures(text: str, *, default_scale: float = 1.0) -> list[Quantity]:
    """Quantities other than years: the figures a claim asserts, changes marked ("grew 16%", "doubled")."""
    found = [
        q
        for q in extract_quantities(text, default_scale=default_scale)
        if q.unit not in (Unit.YEAR, Unit.SIZE_LABEL)
    ]
    return with_changes(text, found)


def relative_difference(a: float, b: float) -> float:
    """|a - b| relative to the larger magnitude (0 when both are 0)."""
    denom = max(abs(a), abs(b))
    return 0.0 if denom == 0 else abs(a - b) / denom


def format_value(q: Quantity) -> str:
    """A figure in words an editor reads quickly: $16.12 billion, 28%, 405 billion parameters."""
    if q.unit in (Unit.PERCENT, Unit.PERCENT_POINTS):
        suffix = "%" if q.unit == Unit.PERCENT else " percentage points"
        return f"{q.value:g}{suffix}"
    if q.unit == Unit.YEAR:
        return str(int(q.value))
    if q.unit in (Unit.VERSION, Unit.SIZE_LABEL):
        return q.text
    v = abs(q.value)
    for word, size in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6)):
        if v >= size:
            text = f"{q.value / size:.2f}".rstrip("0").rstrip(".") + f" {word}"
            break
    else:
        text = f"{q.value:,.0f}" if q.value == int(q.value) else f"{q.value:,.2f}"
    if q.unit == Unit.USD:
        return f"${text}"
    if q.unit == Unit.PARAMETERS:
        return f"{text} parameters"
    if q.unit == Unit.TOKENS:
        return f"{text} tokens"
    return text
