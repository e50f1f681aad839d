"""Figures in running text: numbers written in digits or said in words, with the currency, scale word,
unit and hedge around them; ranges and approximate bands; years and fiscal years."""

from __future__ import annotations

import math
import re
from typing import NamedTuple

from claimcheck.quantities.changes import directions, with_changes
from claimcheck.quantities.hedges import bound_of
from claimcheck.quantities.model import Bound, Quantity, Unit
from claimcheck.quantities.names import (
    FISCAL_SHORT_RE,
    VERSION_FAMILIES,
    family_after,
    in_name,
    name_spans,
    names_version_after,
    size_after,
    version_before,
)
from claimcheck.quantities.words import SCALES, parse_number, spoken_numbers, spoken_to_digits
from claimcheck.text import MONTH_NAMES

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_DIGITS_RE = re.compile(_NUM)
_PAREN_PERCENT = re.compile(r"\)[ \t]?+%")
_SCALE = r"thousand|million|billion|trillion|mn|bn|tn|mm|[kKmMbBtT]"
_PREFIX_RE = re.compile(r"(?P<neg>\(|-|−)?(?P<cur>\$|US\$|USD\s?|€|£)?\Z", re.IGNORECASE)
# What follows a number, read the same way for "3.3 billion" and "three point three billion" (and for a
# scale the checkable text carries over from the clause before: "fifty two point six [billion]").
_SUFFIX_RE = re.compile(
    rf"""
    (?:[\s-]?\[?(?P<scale>{_SCALE})\b\]?)?
    (?:\s?(?P<pct>%|percent\b|per\s?cent\b|percentage\ points?\b|pp\b))?
    (?:\s?(?P<dollars>dollars?\b|bucks?\b|usd\b|(?P<cents>cents?\b)))?
    (?:[\s-]?(?P<kind>parameters?\b|params?\b|tokens?\b))?
    """,
    re.IGNORECASE | re.VERBOSE,
)
# A number said in words with no unit is a figure from this size up ("a hundred and five", "twelve
# hundred"); below it, "one of the best" and "the big one" are words, not figures.
SPOKEN_FIGURE_MIN = 100.0
# Below it, a number said in words is a figure only from this size up and when it reads like a score
# (`_spoken_score`): "eighty five point five on MMLU Pro", "like seventy".
SPOKEN_SCORE_MIN = 10.0
# Scale words that make a count the size of a model when "model" follows ("the 405B model").
_MODEL_SIZE_SCALES = frozenset({"b", "m", "t", "bn", "mn", "tn", "million", "billion", "trillion"})

# "the 11B", "the 70B's score": a size after "the" with no "model" after it names the model.
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
# Between the two ends of a range: "10-12%", "10 to 12 percent", "between 10 and 12 billion".
_RANGE_GAP_RE = re.compile(r"^\s*(?:(?P<dash>[-–—])|(?P<to>to)|(?P<and>and))\s*(?:\$|US\$|€|£)?$", re.I)
_BETWEEN_RE = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_FROM_RE = re.compile(r"\bfrom\s+$", re.IGNORECASE)

# "mid-teens", "low twenties", "high single digits": approximate bands, read as ranges of percent.
_DECADES = {
    "teens": 10,
    "twenties": 20,
    "thirties": 30,
    "forties": 40,
    "fifties": 50,
    "sixties": 60,
    "seventies": 70,
    "eighties": 80,
    "nineties": 90,
}
_BAND_RE = re.compile(
    rf"""\b(?:
        (?P<pos>low|lower|mid|middle|high|upper)[\s-]+(?:the\s+)?
        (?P<band>{"|".join(_DECADES)}|single[\s-]digits?)
      | (?P<double>double[\s-]digits?)
    )(?P<pct>\s*(?:%|percent\b|per\s?cent\b))?""",
    re.IGNORECASE | re.VERBOSE,
)
# Where in its decade a band lies: "low twenties" 20–23, "mid-twenties" 24–26, "high twenties" 27–29.
_BAND_SPAN = {
    **dict.fromkeys(("low", "lower"), (0, 3)),
    **dict.fromkeys(("mid", "middle"), (4, 6)),
    **dict.fromkeys(("high", "upper"), (7, 9)),
}
# Words near a band that make it a percentage ("mid-teens growth", "margins in the high twenties").
_PERCENT_CONTEXT_RE = re.compile(r"\b(?:growth|growing|grew|margins?|rates?|CAGR|percent|yoy)\b", re.I)

_VERSION_SUFFIX_RE = re.compile(r"[A-Za-z]{1,2}(?![A-Za-z0-9])")

_YEAR_RE = re.compile(r"\b(?:FY\s?|fiscal\s+(?:year\s+)?)?((?:19|20)\d{2})\b", re.IGNORECASE)
# What a spoken "k" measures when it says thousands of a small number: "an eight k context window".
_K_NOUN = re.compile(r"(?<!\s)\s++(?:context|tokens?|window)\b", re.IGNORECASE)
_SPOKEN_YEAR_HINT = re.compile(r"\b(?:nineteen|twenty|two thousand)\b", re.IGNORECASE)


class _Number(NamedTuple):
    """One number read from the text, in digits or in words, before its unit is known."""

    start: int
    end: int
    value: float
    raw: str
    spoken: bool
    scaled: bool = False  # a scale word inside it ("a million and a half")
    year: bool = False  # said as a year
    decimal: bool = False
    needs_unit: bool = False  # "half a" only counts before a scale or percent word
    short: bool = False  # hundreds said short ("six forty two")


class _Read(NamedTuple):
    """A number with what surrounds it: the figure it makes (if any) and whether it carried a unit."""

    number: _Number
    quantity: Quantity | None
    unit_words: bool  # scale, percent or kind words after it
    currency: bool
    start: int  # where the figure's text starts (its currency sign, if any)


def _numbers(text: str) -> list[_Number]:
    digits = [
        _Number(m.start(), m.end(), float(m.group(0).replace(",", "")), m.group(0), False)
        for m in _DIGITS_RE.finditer(text)
    ]
    words = [
        _Number(
            s.start,
            s.end,
            s.value,
            text[s.start : s.end],
            True,
            s.scaled,
            s.year,
            s.decimal,
            s.needs_unit,
            s.short,
        )
        for s in spoken_numbers(text)
    ]
    return sorted(digits + words, key=lambda n: n.start)


def _as_year(raw: str) -> float | None:
    if "," in raw or "." in raw or len(raw) != 4:
        return None
    value = int(raw)
    if not 1900 <= value <= 2099:
        return None
    return float(value)


def _bare(text: str, n: _Number, value: float, default_scale: float) -> Quantity | None:
    """A number with no currency, scale or unit: a version, a year, a count, or nothing."""
    # a version's letter suffix, glued: the "o" of "GPT-4o", the "S" of "Quest 3S" (not "4ForCausalLM")
    glued = _VERSION_SUFFIX_RE.match(text, n.end) if not n.spoken else None
    if version_before(text, n.start) or ((n.decimal or "." in n.raw) and names_version_after(text, n.end)):
        end = glued.end() if glued else n.end
        return Quantity(value=value, unit=Unit.VERSION, text=text[n.start : end], start=n.start, end=end)
    year = _as_year(n.raw) if not n.spoken else (value if n.year else None)
    if (
        year is None
        and not n.spoken
        and len(n.raw) == 2
        and FISCAL_SHORT_RE.search(text, max(0, n.start - 4), n.end)
    ):
        year = 2000.0 + value  # "FY24"
    if year is not None:
        return Quantity(value=year, unit=Unit.YEAR, text=n.raw, start=n.start, end=n.end)
    if n.spoken and not n.scaled and value < SPOKEN_FIGURE_MIN and not _spoken_score(text, n, value):
        return None  # "one of the best", "two of them": words, not figures
    if (
        not n.spoken
        and n.raw.isdigit()
        and 1 <= value <= 31
        and _MONTH_BEFORE.search(text, max(0, n.start - 12), n.start)
        and _DAY_AFTER.match(text, n.end)
    ):
        return None  # "December 31, 2022", "at September 30.": a date's day, not a figure
    if n.short and (
        _PER_SHARE_AFTER.match(text, n.end)
        # ("EPS was flat but they opened two fifty stores": a count of the word after it)
        or (_PER_SHARE_BEFORE.search(text, 0, n.start) and _AFTER_CENTS.match(text, n.end))
    ):
        # "six forty two a share", "Diluted EPS was nine eighty four": dollars and cents
        return Quantity(
            value=value / 100,
            unit=Unit.USD,
            text=n.raw,
            start=n.start,
            end=n.end,
            bound=bound_of(text, n.start, n.end),
        )
    scale = default_scale if "," in n.raw and not n.spoken else 1.0
    return Quantity(
        value=value * scale,
        unit=Unit.COUNT,
        text=n.raw,
        start=n.start,
        end=n.end,
        bound=bound_of(text, n.start, n.end),
    )


# Around hundreds said short, the words that make them dollars and cents: "six forty two a share", "EPS was
# nine eighty four", "earnings per share of ten seventy three".
_PER_SHARE_AFTER = re.compile(r"(?<![ \t])[ \t]*+(?:a|per)[ \t]++share\b", re.IGNORECASE)
_PER_SHARE_BEFORE = re.compile(r"\b(?:EPS|per[ \t]++share|a[ \t]++share)\b[^.;!?\d]{0,40}+$", re.IGNORECASE)
_MONTH_ABBREVIATIONS = ("jan", "feb", "aug", "sep", "sept", "oct", "nov", "dec")
_MONTH_BEFORE = re.compile(
    rf"\b(?:{'|'.join((*MONTH_NAMES, *_MONTH_ABBREVIATIONS))})\.?\s+(?:the\s+)?$", re.IGNORECASE
)


# What follows a date's day: a comma, a year, or the end of the sentence ("December 31, 2022", "May 5 2021").
_DAY_AFTER = re.compile(r"(?<![\s,.;)])(?:st|nd|rd|th)?+(?:,|\s++(?:19|20)\d\d\b|\s*+(?:[.;)]|\Z))")


def _spoken_score(text: str, n: _Number, value: float) -> bool:
    """A number under `SPOKEN_FIGURE_MIN` said in words that is still a figure: from
    `SPOKEN_SCORE_MIN` up, with a decimal part ("eighty five point five"), said as tens and units
    ("ninety seven", "eighty-nine"), or hedged ("like seventy", "about forty or so"). Benchmark scores
    and ages are said so; "one of the best", "the big one" and "ten of them" are not figures."""
    if n.year or _MONTH_BEFORE.search(text, max(0, n.start - 12), n.start):
        return False  # "November twenty two": a date or a year said short, not a figure
    if value < SPOKEN_SCORE_MIN:
        return n.decimal and _small_decimal(text, n)
    compound = n.decimal or bool(re.search(r"[\s-]", n.raw.strip()))
    return compound or bound_of(text, n.start, n.end) is not Bound.EXACT


# Before a small decimal said in words, what makes it a figure: a verb, a move or a hedge that a figure
# follows ("it was two point four", "down nine point nine", "fell to one point five", "four point two to four
# point one", "only about seven point eight"). Not "dropped" alone ("Meta dropped three point two last week"
# is a release) nor "like" alone ("it's like three point two but smaller"; "it's more like six point seven" is
# a figure).
_SMALL_DECIMAL_BEFORE = re.compile(
    r"(?:\b(?:was|were|is|are|it['’]s|that['’]s|at|up|down|fell|rose|declined|grew|increased|"
    r"decreased|jumped|climbed|slipped|shrank|from|about|around|roughly|approximately|only|just|nearly|"
    r"almost|under|more[ \t]++like)"
    r"|\b(?:went|fell|rose|dropped|down|up|grew|increased|decreased|declined|climbed|jumped|slipped|cut|"
    r"point[ \t]++[a-z]++)\W++(?:[a-z]++\W++)?to)(?:[ \t]*+,)?+[ \t]++$",
    re.IGNORECASE,
)
# … or opening its sentence, after fillers and the name the claim stage put in brackets at most ("One point
# seven.", "No, four point one", "[Activision Blizzard] Five point eight in cash").
_SMALL_DECIMAL_OPENS = re.compile(
    r"(?:\A|[.!?][ \t]++)(?:\[[^\]\n]*+\][ \t]*+)?+\W*+"
    r"(?:(?:and|so|no|yeah|yes|um|uh|oh|well|right|okay)\W++)*+$",
    re.IGNORECASE,
)
# What follows a small decimal opening its sentence for it to be a figure: the end, a pause, or what a figure
# is said with ("Four point four.", "Five point three last year", "Five point eight in cash"); not a verb
# ("Three point one was a hundred and twenty eight K": the version) nor a relative clause ("Three point
# three, which came out in December").
_SMALL_DECIMAL_ALONE_AFTER = re.compile(
    r"(?<![ \t])[ \t]*+(?:[.!?]|\Z|,(?![ \t]*+(?:which|who|the|that)\b)|"
    r"(?:in|of|last|both|organic|versus|vs|from|to|this)\b)",
    re.IGNORECASE,
)
# After a decimal, what makes it a model's version, not a figure: a size, a model's part or its bracketed
# name ("three point one 8B", "three point two Vision", "three point one [Llama 3.1]"), or the "B" of a size
# the number reader took into the decimal ("three point one eight B" reads 3.18).
_VERSION_WORDS_AFTER = re.compile(
    r"(?<![ \t])[ \t]*+(?:\[|-?+[Bb]\b|(?<![\d.])\d++(?:\.\d++)?+[BbMm]\b|"
    r"(?:eight|seventy|one|three|eleven|ninety|four[ \t]++oh[ \t]++five)[ \t-]*+[Bb]\b|"
    r"(?:vision|instruct|text|models?|cards?|licen[cs]e|weights|data)\b)",
    re.IGNORECASE,
)


# A model family named anywhere in the text (`VERSION_FAMILIES`): a small decimal beside it is a version.
_FAMILY_NAMED = re.compile(rf"\b(?:{'|'.join(VERSION_FAMILIES)})\b", re.IGNORECASE)


def _small_decimal(text: str, n: _Number) -> bool:
    """A decimal under `SPOKEN_SCORE_MIN` said in words ("five point seven") is a figure where what is said
    around it makes it one; a model's version is said the same way ("three point one"), so one with a
    model's size or part after it, or one opening a sentence it does not end, is not."""
    if _VERSION_WORDS_AFTER.match(text, n.end) or _FAMILY_NAMED.search(text):
        return False  # ("We moved from Llama three point one to three point three": both versions)
    if _SMALL_DECIMAL_BEFORE.search(text, max(0, n.start - 40), n.start):
        return True
    return bool(
        _SMALL_DECIMAL_OPENS.search(text[max(0, n.start - 40) : n.start])
        and _SMALL_DECIMAL_ALONE_AFTER.match(text, n.end)
    )


def _read(
    text: str, n: _Number, names: list[tuple[int, int]], default_scale: float, prior: Quantity | None
) -> _Read:
    value = n.value
    pre = _PREFIX_RE.search(text, max(0, n.start - 6), n.start)
    neg = pre.group("neg") if pre else None
    cur_sign = pre.group("cur") if pre else None
    start = pre.start("cur") if pre and cur_sign else n.start
    nothing = _Read(n, None, False, bool(cur_sign), start)
    if not n.spoken and in_name(names, n.start, n.end):
        return nothing  # H100, A100s, M2, 5G, Q3, 10-K: a name, not a figure
    suffix = _SUFFIX_RE.match(text, n.end)
    if suffix is None:  # cannot happen: every part of the pattern is optional
        return nothing
    scale_word = (suffix.group("scale") or "").lower()
    pct = suffix.group("pct")
    dollars = suffix.group("dollars")
    kind = (suffix.group("kind") or "").lower()
    cur = cur_sign or dollars
    end = suffix.end()
    # single-letter scales must touch the digits ("405B", "15T", "128k"), not "8 b…"; a number said in words
    # takes a K after a space ("a hundred and twenty eight K context", "an eight k context window")
    spoken_k = (
        n.spoken
        and text[n.end : suffix.start("scale")] == " "
        and (
            suffix.group("scale") == "K"
            # a lower-case k only for a sizeable number or a length: not "the ten k says", "a five k race"
            or (suffix.group("scale") == "k" and (value > 20 or _K_NOUN.match(text, suffix.end("scale"))))
        )
    )
    if scale_word and len(scale_word) == 1 and suffix.start("scale") != n.end and not spoken_k:
        scale_word = ""
        if not (pct or dollars or kind):
            end = n.end
    if not pct and neg == "(" and not cur and (closed := _PAREN_PERCENT.match(text, n.end)) is not None:
        # a filing's negative percentage with its sign in brackets: "(9)%", "(10.6) %"
        pct, end = "%", closed.end()
        start = pre.start("neg") if pre else start
    if n.needs_unit and not (scale_word or pct):
        return nothing
    if not (scale_word or pct or cur or kind):
        return _Read(n, _bare(text, n, value, default_scale), False, False, n.start)
    if neg == "(" and cur:
        start = pre.start("neg") if pre else start
    while end > start and text[end - 1].isspace():
        end -= 1
    scale = SCALES.get(scale_word, 1.0) if scale_word else 1.0
    if pct:
        unit = Unit.PERCENT_POINTS if "point" in pct.lower() or pct.lower() == "pp" else Unit.PERCENT
        scaled = value * scale  # "one thousand percent"
    elif kind.startswith("param"):
        unit, scaled = Unit.PARAMETERS, value * scale
    elif kind.startswith("token"):
        unit, scaled = Unit.TOKENS, value * scale
    elif cur:
        unit = Unit.USD
        scaled = value * (scale if scale_word or n.spoken else default_scale)
        if suffix.group("cents") and not cur_sign:
            scaled = value * scale / 100  # "fifty two cents"
    elif scale_word in ("b", "m") and (
        (prior is not None and prior.unit == Unit.VERSION and 0 < start - prior.end <= 1)
        or version_before(text, start)
        or family_after(text, end)
        or (_THE_BEFORE.search(text, max(0, start - 6), start) and not size_after(text, end))
    ):
        # "Llama 3 8B", "Mistral 7B", "the 8B Llama 3 model": a name, not a claim
        unit, scaled = Unit.SIZE_LABEL, value * scale
    elif scale_word in _MODEL_SIZE_SCALES and size_after(text, end):
        unit, scaled = Unit.PARAMETERS, value * scale  # "the 405B model": a model's size, never money
    else:
        unit = Unit.COUNT
        scaled = value * (scale if scale_word else default_scale if "," in n.raw and not n.spoken else 1.0)
    if neg == "(" and cur and text[end : end + 1] == ")":
        end += 1
    elif text[end - 1 : end] == ")" and text[start : start + 1] != "(":
        end -= 1
    q = Quantity(
        value=scaled,
        unit=unit,
        text=text[start:end],
        start=start,
        end=end,
        bound=bound_of(text, start, end),
    )
    return _Read(n, q, bool(scale_word or pct or kind), bool(cur), start)


def _as_range(text: str, low: _Read, high: _Read) -> Quantity | None:
    """The two numbers as one range ("10-12%", "10 to 12 percent", "between $10 and $12 billion")."""
    h = high.quantity
    if h is None or not high.unit_words or h.unit in (Unit.YEAR, Unit.VERSION, Unit.SIZE_LABEL):
        return None
    gap = _RANGE_GAP_RE.match(text[low.quantity.end if low.quantity else low.number.end : high.start])
    if gap is None:
        return None
    between = bool(_BETWEEN_RE.search(text[max(0, low.start - 10) : low.start]))
    if (gap.group("and") and not between) or _FROM_RE.search(text[max(0, low.start - 6) : low.start]):
        return None  # "grew from 10 to 12 billion" is two levels, not a range
    lq = low.quantity
    if low.unit_words:
        # both ends carry a unit: only "between … and …" or a dash makes them one range
        if lq is None or lq.unit != h.unit or (gap.group("to") and not between):
            return None
        low_value = lq.value
    else:
        if lq is not None and lq.unit not in (Unit.COUNT, Unit.USD):
            return None
        scale = h.value / high.number.value if high.number.value else 1.0
        low_value = low.number.value * scale
    unit = Unit.USD if low.currency and h.unit == Unit.COUNT else h.unit
    if not 0 <= low_value < h.value:
        return None
    return Quantity(
        value=(low_value + h.value) / 2,
        unit=unit,
        text=text[low.start : h.end],
        start=low.start,
        end=h.end,
        bound=Bound.RANGE,
        low=low_value,
        high=h.value,
    )


def _bands(text: str) -> list[Quantity]:
    """ "mid-teens", "low twenties", "high single digits" as ranges of percent, where a percent is meant."""
    found: list[Quantity] = []
    for m in _BAND_RE.finditer(text):
        near = text[max(0, m.start() - 30) : m.end() + 30]
        if not (m.group("pct") or _PERCENT_CONTEXT_RE.search(near) or directions(near)):
            continue
        if m.group("double"):
            low, high = 10.0, 99.0
        else:
            band = m.group("band").lower()
            base = 0 if band.startswith("single") else _DECADES[band]
            lo, hi = _BAND_SPAN[m.group("pos").lower()]
            low, high = float(base + max(lo, 1 if base == 0 else 0)), float(base + hi)
        end = m.end() if m.group("pct") else m.end("band") if m.group("band") else m.end("double")
        found.append(
            Quantity(
                value=(low + high) / 2,
                unit=Unit.PERCENT,
                text=text[m.start() : end],
                start=m.start(),
                end=end,
                bound=Bound.RANGE,
                low=low,
                high=high,
            )
        )
    return found


def extract_quantities(text: str, *, default_scale: float = 1.0) -> list[Quantity]:
    """Every figure in `text`, in order of appearance, with values in base units.

    Digits and numbers said in words ("twenty two percent", "three point three billion") read alike.
    `default_scale` applies to bare money-like table figures ("16,120") when a unit statement such as
    "in millions" governs the text (see `unit_scale`). Years (2023, FY2024, FY24, "twenty twenty three")
    are returned as YEAR; a model family's number as VERSION; names with digits (H100, 10-K, 5G) give
    nothing.
    """
    names = name_spans(text)
    reads: list[_Read] = []
    prior: Quantity | None = None  # the last figure read, for "Llama 3 8B"
    numbers = _numbers(text)
    for n in numbers:
        current = _read(text, n, names, default_scale, prior)
        prior = current.quantity or prior
        if reads:
            joined = _as_range(text, reads[-1], current)
            if joined is not None:
                reads[-1] = reads[-1]._replace(quantity=None)
                current = current._replace(quantity=joined)
        reads.append(current)
    reads = _with_units_carried(text, reads)
    found = [r.quantity for r in reads if r.quantity is not None]
    found += [b for b in _bands(text) if not any(b.start < q.end and q.start < b.end for q in found)]
    prices = _dollars_and_cents(text, numbers)
    found = [q for q in found if not any(p.start < q.end and q.start < p.end for p in prices)] + prices
    return sorted(found, key=lambda q: q.start)


# Between a figure said with its unit and a bare number after it that shares the unit: a short run of
# words with no number, line break or cell rule ("fifty eight percent full-time, thirty two part-time", "a
# hundred and fifty point six billion versus a hundred and fifty point nine", "thirty million in the first
# half, ninety in the second").
_SIBLING_GAP = re.compile(
    r"(?<![ \t])[ \t]*+,?[ \t]*+(?:(?<![\w'’-])[A-Za-z][\w'’-]*+,?[ \t]++|[–—-][ \t]*+){0,5}+"
)
# Before a bare number, what makes it a percentage: a rate said just before ("operating margin was nineteen
# point one", "the tax rate's like twenty one", "market share is about twelve").
_PERCENT_MEASURE_BEFORE = re.compile(
    r"\b(?:margins?|(?:tax|churn|growth|interest|retention|utilization|unemployment)[ \t]++rates?|growth|"
    r"CAGR|market[ \t]++share)(?:['’]s)?+"
    r"(?:[ \t]++(?:was|were|is|are|of|at|came[ \t]++in[ \t]++at|hit|now|just|only|still|about|around|"
    r"roughly|like|almost|nearly|over|under|barely))*+[ \t]*+,?[ \t]*+$",
    re.IGNORECASE,
)
# … or a move said just before it ("International was up thirty six", "down about twelve", "the ARR grew
# fifteen").
_MOVE_BEFORE = re.compile(
    r"(?<![\w-])(?:up|down|grew|rose|fell|dropped|declined|increased|decreased|jumped|climbed|shrank|slipped)"
    r"(?:[ \t]++(?:about|around|roughly|like|almost|nearly|over|under|only|just|another))?+[ \t]++$",
    re.IGNORECASE,
)
# What may follow a bare number a move before it makes a percentage: nothing of its own ("up thirty six.",
# "down about twelve versus last year"); not "up 12 on MMLU" (points of a score) or "up two billion".
_MOVE_AFTER = re.compile(
    r"(?<![ \t])[ \t]*+(?:[,.;:!?)–—]|\Z|"
    r"(?:and|but|so|versus|vs|against|from|year|y/y|yoy|over|last|this|in)\b)",
    re.IGNORECASE,
)
_TO_WORD = re.compile(r"\bto\b", re.IGNORECASE)
_SCALE_WORD = re.compile(r"\b(?:thousand|million|billion|trillion|bn|mn)\b", re.IGNORECASE)
# The units a bare number takes from the figure before it: money, counts and percentages, never a model's
# size or a token count ("The 8B model scores 66 on MMLU": 66 is a score).
_SIBLING_UNITS = frozenset({Unit.USD, Unit.COUNT, Unit.PERCENT, Unit.PERCENT_POINTS})
# "$2 billion, 3 of which mature in 2025": a count of the things the sum is made of.
_OF_WHICH = re.compile(r"(?<![ \t])[ \t]++of[ \t]++(?:which|them|these|those|whom)\b", re.IGNORECASE)
_OF_AFTER = re.compile(r"(?<![ \t])[ \t]*+of\b", re.IGNORECASE)
# What may follow a bare number that takes a unit from around it: no word of its own, or a word that names
# no other thing ("thirty two part-time", "ninety in the second", "twenty point eight, adjusted").
_BARE_AFTER = re.compile(
    r"(?<![ \t])[ \t]*+(?:[,.;:!?)–—]|\Z|(?:of|in|for|on|at|and|or|but|so|versus|vs|against|was|were|is|"
    r"are|the|this|that|last|now|from|with|year|y/y|yoy|over|before|after|then|though|which|when|while|respectively|"
    r"(?<![a-z])[a-z]++-[a-z]++)\b)",
    re.IGNORECASE,
)
# Bare numbers up to this size take a percentage from the rate or the move said before them.
_BARE_PERCENT_MAX = 100.0
# A bare number takes the unit and scale of the figure before it when its size (before that scale) is within
# this factor of that figure's: "fifty point six billion versus fifty point nine", not "ten percent, and
# three hundred stores".
_SIBLING_RATIO = 10.0


def _bare_read(text: str, r: _Read) -> bool:
    """`r` is a number said with no unit of its own that may take one from around it: a count with no
    currency, scale, percent or kind word, or a number said in words too small to be a figure alone
    ("ninety" of "thirty million in the first half, ninety in the second"), with no word after it that
    names what it counts."""
    n = r.number
    if r.unit_words or r.currency or n.year or n.needs_unit or n.short:
        return False
    if r.quantity is None:
        if not n.spoken or n.value < SPOKEN_SCORE_MIN:
            return False
        if _MONTH_BEFORE.search(text, max(0, n.start - 12), n.start):
            return False
    elif r.quantity.unit is not Unit.COUNT or r.quantity.bound is Bound.RANGE:
        return False
    return _BARE_AFTER.match(text, n.end) is not None


def _with_units_carried(text: str, reads: list[_Read]) -> list[_Read]:
    """`reads`, each bare number given the unit its sentence says for it: a percentage after a rate or a
    move said just before it ("operating margin was nineteen point one", "International was up thirty six"),
    else the unit and scale of the figure said just before it in a list or comparison ("fifty eight percent
    full-time, thirty two part-time", "a hundred and fifty point six billion versus a hundred and fifty point
    nine")."""
    out = list(reads)
    for i, r in enumerate(out):
        if not _bare_read(text, r):
            continue
        n = r.number
        bound = bound_of(text, n.start, n.end)
        lo = max(0, n.start - 60)
        # ("Headcount was 67,317, down 22", "scored 86.4 on MMLU, up 2": a move in the count's own unit)
        after_count = bool(
            i
            and (before := out[i - 1].quantity) is not None
            and before.unit is Unit.COUNT
            and not out[i - 1].unit_words
            and not re.search(r"[.!?;]", text[before.end : n.start])
        )
        moved = (
            n.spoken
            and (n.value >= SPOKEN_SCORE_MIN or n.decimal)
            and not after_count
            and _MOVE_BEFORE.search(text, lo, n.start) is not None
            and _MOVE_AFTER.match(text, n.end) is not None
        )
        if n.value <= _BARE_PERCENT_MAX and (_PERCENT_MEASURE_BEFORE.search(text, lo, n.start) or moved):
            q = Quantity(value=n.value, unit=Unit.PERCENT, text=n.raw, start=n.start, end=n.end, bound=bound)
            out[i] = r._replace(quantity=q, unit_words=True)
            continue
        sibling = out[i - 1] if i else None
        if (
            sibling is None
            or sibling.quantity is None
            or not (sibling.unit_words or sibling.currency)
            or sibling.quantity.unit not in _SIBLING_UNITS
            # ("70B scores 79.5": a size said with a letter names a model)
            or (sibling.quantity.unit is Unit.COUNT and not _SCALE_WORD.search(sibling.quantity.text))
            or sibling.quantity.bound is Bound.RANGE
            or (gap := _SIBLING_GAP.fullmatch(text, sibling.quantity.end, n.start)) is None
            # "grew 8 percent to 32": where a move went is a level, not another move
            or (
                _TO_WORD.search(gap.group(0))
                and not _FROM_RE.search(text, max(0, sibling.start - 6), sibling.start)
            )
            or not sibling.number.value
        ):
            continue
        ratio = n.value / sibling.number.value
        if not 1 / _SIBLING_RATIO <= ratio <= _SIBLING_RATIO or _OF_WHICH.match(text, n.end):
            continue
        if sibling.quantity.unit is Unit.PERCENT and (
            n.value > _BARE_PERCENT_MAX or _OF_AFTER.match(gap.group(0))
        ):
            continue  # "80 percent of the Fortune 500"
        scale = sibling.quantity.value / sibling.number.value
        unit = sibling.quantity.unit
        q = Quantity(value=n.value * scale, unit=unit, text=n.raw, start=n.start, end=n.end, bound=bound)
        out[i] = r._replace(quantity=q, unit_words=sibling.unit_words, currency=sibling.currency)
    return out


# A price said in dollars and cents: "a dollar fifty seven", "two dollars and eight cents", "a buck fifty".
_DOLLARS_THEN = re.compile(
    r"(?<![\w.,])(?P<dollars>an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,3})\s++(?:dollars?|bucks?)"
    r"\s++(?P<and>and\s++)?+",
    re.IGNORECASE,
)
_CENTS_DIGITS = re.compile(r"\d{1,2}(?![.,]?\d)")
_CENTS_WORD = re.compile(r"(?<!\s)\s*+cents?\b", re.IGNORECASE)  # (matched right after a number)
# What may follow the cents of a price said without "cents": the clause goes on or ends ("a dollar fifty
# seven a share"), never a unit, a scale or a noun ("three dollars 20 years ago", "two dollars fifty million")
_AFTER_CENTS = re.compile(
    r"(?<!\s)\s*+(?:[.,;:!?)]|\Z|(?:a|an|per|each|apiece|for|on|in|and|but|to|from|up|down|which|that|diluted"
    r"|basic)\b)",
    re.IGNORECASE,
)


def _dollars_and_cents(text: str, numbers: list[_Number]) -> list[Quantity]:
    """Each price said as dollars then cents ("a dollar fifty seven a share" is $1.57), one figure; `numbers`
    are the text's numbers as `_numbers` read them."""
    found: list[Quantity] = []
    spoken = {n.start: n for n in numbers if n.spoken}
    for m in _DOLLARS_THEN.finditer(text):
        word = m.group("dollars").lower()
        dollars = float(word) if word.isdigit() else 1.0 if word in ("a", "an") else parse_number(word)
        cents = spoken.get(m.end())
        if cents is not None:
            value, end = cents.value, cents.end
        else:
            digits = _CENTS_DIGITS.match(text, m.end())
            if digits is None:
                continue
            value, end = float(digits.group(0)), digits.end()
        if dollars is None or not (1 <= value <= 99 and value == int(value)):
            continue
        if said_cents := _CENTS_WORD.match(text, end):
            end = said_cents.end()
        elif m.group("and") or not _AFTER_CENTS.match(text, end):
            continue  # "ten bucks and two weeks later": "and" takes cents only when it says so
        found.append(
            Quantity(
                value=round(dollars + value / 100, 2),
                unit=Unit.USD,
                text=text[m.start() : end],
                start=m.start(),
                end=end,
                bound=bound_of(text, m.start(), end),
            )
        )
    return found


def unit_scale(text: str) -> float:
    """Scale declared by a unit statement such as '(in millions, except per share data)'; 1 if none."""
    m = re.search(r"\bin\s+(thousands|millions|billions)\b", text, re.IGNORECASE)
    if not m:
        return 1.0
    return {"thousands": 1e3, "millions": 1e6, "billions": 1e9}[m.group(1).lower()]


def years(text: str) -> list[int]:
    """Calendar or fiscal years mentioned ('2023', 'FY2024', 'fiscal 2022', 'FY24', 'twenty twenty
    three'), in order."""
    found = [(m.start(), int(m.group(1))) for m in _YEAR_RE.finditer(text)]
    found += [(m.start(), 2000 + int(m.group(1))) for m in FISCAL_SHORT_RE.finditer(text)]
    if _SPOKEN_YEAR_HINT.search(text):
        found += [(s.start, int(s.value)) for s in spoken_numbers(text) if s.year]
    return [year for _, year in sorted(found)]


def figures(text: str, *, default_scale: float = 1.0) -> list[Quantity]:
    """Quantities other than years: the figures a claim asserts, changes marked ("grew 16%", "doubled")."""
    found = [
        q
        for q in extract_quantities(text, default_scale=default_scale)
        if q.unit not in (Unit.YEAR, Unit.SIZE_LABEL)
    ]
    return with_changes(text, found)


# A number written with decimals: its whole part and its decimals ("82.0", "16.12", "1,234.5").
_DECIMALS = re.compile(r"(?<![\d,])(\d[\d,]*+)\.(\d++)")
_POINT_SAID = re.compile(r"\bpoint\b", re.IGNORECASE)


def stated_step(q: Quantity) -> float | None:
    """One unit of the last digit a figure is said to, in its own scale, when it is said with decimals:
    "82.0" is said to 0.1, "$16.12 billion" to 0.01 billion, "point eight one percent" to 0.01. None for
    a whole number, or for a fraction said in words ("twenty three and a half thousand"), which tell no
    more than their words."""
    said = q.text
    if not _DECIMALS.search(said):
        if not _POINT_SAID.search(said):
            return None
        said = spoken_to_digits(said)
    found = _DECIMALS.search(said)
    if found is None:
        return None
    number = float(found.group(1).replace(",", "") + "." + found.group(2))
    if number == 0 or q.value == 0:
        return None
    ratio = math.log10(abs(q.value) / number)
    if abs(ratio - round(ratio)) > 0.01:
        return None  # (the value is not the number as written times a scale)
    return float(10.0 ** (round(ratio) - len(found.group(2))))
