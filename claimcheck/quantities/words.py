"""Numbers said in words, as a transcript writes them down: "twenty two", "a hundred and five",
"twelve hundred", "one and a half", "half a million", "three point three", "twenty twenty three".

`spoken_numbers` finds them in running text with their character spans; `extract` then reads the scale,
currency and unit words around each one exactly as it does for digits. A trailing scale word is left to
that shared reading ("three point three" + " billion"), so "3.3 billion" and "three point three billion"
take the same path.
"""

from __future__ import annotations

import re
from typing import NamedTuple

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

_UNITS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
_TEENS: dict[str, int] = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_MULTIPLIERS: dict[str, float] = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}

# Single words that stand for a number: what `parse_number` reads on its own and what the claim stage's
# rewriting counts with ("two years ago"). "a" and "a few" are counts in those phrases.
WORD_NUMBERS: dict[str, float] = {
    **{w: float(v) for w, v in _UNITS.items() if v},
    **{w: float(v) for w, v in _TEENS.items()},
    **{w: float(v) for w, v in _TENS.items()},
    "hundred": 100,
    "a": 1,
    "a few": 3,
}

# Fractions said as words: "a third" is 1/3 ("a third of our costs", "down a third").
FRACTION_WORDS: dict[str, float] = {
    "half": 1 / 2,
    "one half": 1 / 2,
    "a half": 1 / 2,
    "a third": 1 / 3,
    "one third": 1 / 3,
    "two thirds": 2 / 3,
    "a quarter": 1 / 4,
    "one quarter": 1 / 4,
    "three quarters": 3 / 4,
    "a fifth": 1 / 5,
    "one fifth": 1 / 5,
    "a tenth": 1 / 10,
    "one tenth": 1 / 10,
}

# The one-word whole numbers (zero to nineteen, the tens to ninety) by value: how the claim stage says a
# model's version or size aloud ("three point one", "four oh five").
WORD_FOR_NUMBER: dict[int, str] = {v: w for w, v in {**_UNITS, **_TEENS, **_TENS}.items()}

_DIGIT_WORDS: dict[str, str] = {**{w: str(v) for w, v in _UNITS.items()}, "oh": "0"}
_NUMBER_WORDS = [*_UNITS, *_TEENS, *_TENS]
_MULTIPLIER_RE = "|".join(_MULTIPLIERS)
# Where a spoken number may begin. "a" only before hundred/thousand/…, "half" only in "half a million",
# "half a percent", and "point" only before a digit word ("point five percent").
_START_RE = re.compile(
    rf"""\b(?:
        (?:{"|".join(_NUMBER_WORDS)}|hundred)\b
      | a(?=[\s-]+(?:hundred|{_MULTIPLIER_RE})\b)
      | half(?=\s+an?\s+(?:{_MULTIPLIER_RE}|percent|per\s?cent|percentage)\b)
      | point(?=\s+(?:{"|".join(_DIGIT_WORDS)})\b)
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# The next word of a phrase: words are joined by spaces or a hyphen ("forty-two"), nothing else.
# (It starts only where whitespace starts, so that a search through a long run of spaces stays linear.)
_NEXT_RE = re.compile(r"(?<!\s)(?:[ \t]+|[ \t]*\n\s*|-)([A-Za-z]+)\b")
_PHRASE_WORDS = frozenset(
    [
        *_UNITS,
        *_TEENS,
        *_TENS,
        *_MULTIPLIERS,
        "hundred",
        "a",
        "and",
        "half",
        "quarter",
        "quarters",
        "point",
        "oh",
    ]
)
# "of" right after a word ("a quarter of that").
_OF_AFTER = re.compile(r"(?<![ \t])[ \t]++of\b", re.IGNORECASE)
# The parts of one said after "and": "one and a half", "nineteen and a quarter", "two and three quarters".
_AND_PARTS: dict[str, float] = {"a half": 0.5, "a quarter": 0.25, "three quarters": 0.75}
# Before a spoken year said as a plain number ("in two thousand and twenty three").
_PERIOD_WORD_RE = re.compile(
    r"\b(?:in|since|by|during|until|till|through|of|from|to|before|after|fiscal|year|FY)\s+$", re.IGNORECASE
)


class SpokenNumber(NamedTuple):
    """A number said in words: its span, its value, and what the surrounding reading needs to know."""

    start: int
    end: int
    value: float
    scaled: bool  # a scale word inside it ("two thousand and twenty three", "a million and a half")
    year: bool  # said as a year ("twenty twenty three", "nineteen ninety nine", "in two thousand and five")
    decimal: bool  # has a "point" ("three point one")
    needs_unit: bool  # "half a" counts only before a scale or percent word
    # hundreds said short, as a figure's digits are read out: "two thirteen" (213), "three seventy five"
    # (375), "ten seventy three" (1073); after "a share" they are dollars and cents ("six forty two a share")
    short: bool = False


class _Word(NamedTuple):
    text: str  # lower-cased
    start: int
    end: int


def _words_from(text: str, first: re.Match[str]) -> list[_Word]:
    """The run of phrase words starting with `first`."""
    words = [_Word(first.group(0).lower(), first.start(), first.end())]
    pos = first.end()
    while len(words) < _PHRASE_MAX_WORDS:
        m = _NEXT_RE.match(text, pos)
        if m is None or m.group(1).lower() not in _PHRASE_WORDS:
            return words
        if m.group(1).lower() in ("quarter", "quarters") and _OF_AFTER.match(text, m.end()):
            return words  # "twelve billion and a quarter of that was wireless": a share of it, not 12.25
        words.append(_Word(m.group(1).lower(), m.start(1), m.end(1)))
        pos = m.end()
    return words


# No number said in words runs longer ("nine hundred and ninety nine billion nine hundred and ninety nine
# million …"): a run of number words is read this far at a time, so that a long list stays linear.
_PHRASE_MAX_WORDS = 40


def _tens_group(words: list[_Word], i: int) -> tuple[int, int] | None:
    """A number 10–99 said at words[i] ("twenty three", "forty-two", "fifteen"): (value, words used)."""
    if i >= len(words):
        return None
    w = words[i].text
    if w in _TEENS:
        return _TEENS[w], 1
    if w in _TENS:
        if i + 1 < len(words) and words[i + 1].text in _UNITS and _UNITS[words[i + 1].text]:
            return _TENS[w] + _UNITS[words[i + 1].text], 2
        return _TENS[w], 1
    return None


def _pair_year(words: list[_Word]) -> tuple[int, int] | None:
    """ "twenty twenty three" → 2023, "nineteen ninety nine" → 1999, "twenty oh five" → 2005."""
    if len(words) < 2 or words[0].text not in ("nineteen", "twenty"):
        return None
    century = 1900 if words[0].text == "nineteen" else 2000
    if words[1].text == "oh" and len(words) > 2 and words[2].text in _UNITS and _UNITS[words[2].text]:
        return century + _UNITS[words[2].text], 3
    rest = _tens_group(words, 1)
    if rest is None:
        return None
    used = 1 + rest[1]
    if used < len(words) and words[used].text in ("hundred", *_MULTIPLIERS):
        return None  # "twenty five hundred", "nineteen twenty thousand": not a year
    return century + rest[0], used


class _Reading(NamedTuple):
    value: float
    used: int  # words read
    scales: int  # scale words inside
    decimal: bool
    needs_unit: bool
    short: bool = False  # hundreds said short ("two thirteen")
    grouped: bool = False  # digits read out in groups ("four oh five", "thirty three sixty six")


# The largest number said first in hundreds said short: "twelve ninety nine" (1299); "eighteen twelve" is a
# year, "nineteen ninety nine" and "twenty twenty" are read as years before.
_SHORT_LEAD_MAX = 12


def _short_hundreds(words: list[_Word]) -> _Reading | None:
    """ "two thirteen" → 213, "three seventy five" → 375, "ten seventy three" → 1073: a number from one to
    twelve said first, then one from ten to ninety nine (a scale word may follow: "two fifteen million")."""
    first = words[0].text
    lead = _UNITS.get(first, 0) or _TEENS.get(first, 0)
    if not lead or lead > _SHORT_LEAD_MAX or len(words) < 2:
        return None
    rest = _tens_group(words, 1)
    if rest is None:
        return None
    used = 1 + rest[1]
    if used < len(words) and words[used].text in ("hundred", "point", "oh"):
        return None  # "three twenty hundred", "two fifty point five": no such way to say a figure
    return _Reading(float(lead * 100 + rest[0]), used, 0, False, False, True)


def _lead_group(words: list[_Word]) -> tuple[int, int] | None:
    """The number 1–99 said first: a unit, or one from ten to ninety nine (value, words used)."""
    first = words[0].text
    if first in _UNITS:
        return (_UNITS[first], 1) if _UNITS[first] else None
    return _tens_group(words, 0)


def _digit_groups(words: list[_Word]) -> _Reading | None:
    """A figure read out in groups of digits, as one reads a table aloud: "four oh five" (405), "forty two
    oh three" (4203), "thirty three sixty six" (3366), "twenty two ninety" (2290). A pair of tens is read
    so only after a compound first group ("thirty three") and rising by more than a range would ("twenty
    five thirty", "forty five fifty"), so never a score, a record or a vote ("twenty one seventeen", "fifty
    one forty nine"), nor a split into a hundred ("twenty five seventy five"); "X oh Y" not after ten to
    eighteen ("eighteen oh five" is a year or a time), and years are read before."""
    lead = _lead_group(words)
    if lead is None or lead[1] >= len(words):
        return None
    value, used = lead
    if words[used].text == "oh":
        if used + 1 < len(words) and words[used + 1].text in _UNITS and _UNITS[words[used + 1].text]:
            end = used + 2
            if end < len(words) and words[end].text in _NOT_AFTER_GROUPS:
                return None  # "four oh five point two", "two oh one hundred": no such figure
            if 10 <= value <= 18:
                return None  # "eighteen oh five", "ten oh five": a year or a time
            figure = float(value * 100 + _UNITS[words[used + 1].text])
            return _Reading(figure, end, 0, False, False, True, True)
        return None
    if lead[1] != 2:
        return None  # ("fifteen twenty", "thirty forty": ranges, said so)
    rest = _tens_group(words, used)
    if rest is None:
        return None
    end = used + rest[1]
    if end < len(words) and words[end].text in _NOT_AFTER_GROUPS:
        return None  # "thirty three sixty six point two", "twenty two ninety five"
    if rest[0] - value <= _RANGE_SPAN or value + rest[0] == 100:
        # "twenty five thirty" (a range said without "to"), "twenty one seventeen" (a score), "fifty one
        # forty nine" (a vote), "twenty five seventy five" (a split)
        return None
    return _Reading(float(value * 100 + rest[0]), end, 0, False, False, True, True)


# After a figure read in groups, no other number word (a scale word may follow: "four oh five billion").
_NOT_AFTER_GROUPS = _PHRASE_WORDS - {"and", "a", *_MULTIPLIERS}
# The widest range said as two numbers side by side ("twenty five thirty percent").
_RANGE_SPAN = 15


def _read(words: list[_Word], *, short_ok: bool = False, groups_ok: bool = False) -> _Reading | None:
    """The longest English cardinal at the start of `words`, by the grammar of spoken numbers; with
    `short_ok`, hundreds said short too ("two thirteen"), and with `groups_ok` digits read out in groups
    ("four oh five")."""
    if words[0].text == "half":
        return _Reading(0.5, 2, 0, False, True)  # "half a" (a scale or percent word must follow)
    if short_ok:
        short = _short_hundreds(words) or (_digit_groups(words) if groups_ok else None)
        if short is not None:
            return short
    total = 0.0  # completed scale groups ("two million" of "two million three hundred")
    group = 0.0  # the group under a thousand being read
    last = ""  # what the last word read was
    last_scale = float("inf")
    hundred_in_group = False
    used = 0
    scales = 0
    i = 0
    if words[0].text == "a":
        group, last, i = 1.0, "article", 1
    while i < len(words):
        w = words[i].text
        if w in _UNITS or w in _TEENS or w in _TENS:
            after_tens = last == "tens" and w in _UNITS and _UNITS[w] > 0 and group % 10 == 0
            if not (last in ("", "hundred", "scale", "and") or after_tens):
                break
            if w == "zero" and (last or i + 1 >= len(words) or words[i + 1].text != "point"):
                if not last:
                    used = 1  # "zero" on its own ("zero percent"); "zero point five" reads on
                break
            group += _UNITS.get(w, 0) + _TEENS.get(w, 0) + _TENS.get(w, 0)
            last = "tens" if w in _TENS else "unit"
            i += 1
            used = i
        elif w == "hundred":
            if not (last in ("", "unit", "tens", "article") and not hundred_in_group and group < 100):
                break
            group = (group or 1) * 100
            hundred_in_group, last = True, "hundred"
            i += 1
            used = i
        elif w in _MULTIPLIERS:
            size = _MULTIPLIERS[w]
            if not (last in ("unit", "tens", "hundred", "article", "half") and size < last_scale):
                break
            total += (group or 1) * size
            group, hundred_in_group = 0.0, False
            last, last_scale = "scale", size
            scales += 1
            i += 1
            used = i
        elif w == "and":
            nxt = [x.text for x in words[i + 1 : i + 3]]
            part = _AND_PARTS.get(" ".join(nxt))
            if part is not None and part != 0.5 and last == "scale":
                part = None  # ("fifty billion and a quarter later, sixty": a quarter of a year, not a sum)
            if part is not None and last in ("unit", "tens", "hundred", "scale"):
                # "one and a half", "a million and a half", "nineteen and a quarter": that part of the
                # last unit said
                if last == "scale":
                    total += part * last_scale
                else:
                    group += part
                last = "half"
                i += 3
                used = i
            elif last in ("hundred", "scale") and i + 1 < len(words) and _tens_or_unit(words[i + 1].text):
                last = "and"
                i += 1
            else:
                break
        elif w == "point":
            if last not in ("", "unit", "tens", "hundred", "scale"):
                break
            digits, j = _decimal_digits(words, i + 1)
            if not digits:
                break
            value = total + group + float("0." + digits)
            return _Reading(value, j, scales, True, False)
        else:
            break
    if used == 0 or (last == "article" and used == 1):
        return None
    return _Reading(total + group, used, scales, False, False)


def _tens_or_unit(word: str) -> bool:
    return (word in _UNITS and _UNITS[word] > 0) or word in _TEENS or word in _TENS


def _decimal_digits(words: list[_Word], i: int) -> tuple[str, int]:
    """The digits said after "point": one by one ("two five"), or as a pair ("twenty five")."""
    digits = ""
    while i < len(words):
        w = words[i].text
        if w in _DIGIT_WORDS:
            digits += _DIGIT_WORDS[w]
            i += 1
            continue
        pair = _tens_group(words, i)
        if pair is None:
            break
        digits += str(pair[0])
        i += pair[1]
    return digits, i


def spoken_numbers(text: str) -> list[SpokenNumber]:
    """Every number said in words in `text`, in order. A lone trailing scale word is left out of the span
    ("half a" of "half a million") so that the caller reads it as it reads "1.5 million"."""
    found: list[SpokenNumber] = []
    done = 0
    for m in _START_RE.finditer(text):
        if m.start() < done:
            continue
        words = _words_from(text, m)
        year = _pair_year(words)
        if year is not None:
            year_value, year_words = year
            done = words[year_words - 1].end
            found.append(SpokenNumber(m.start(), done, float(year_value), False, True, False, False))
            continue
        before = text[max(0, m.start() - 12) : m.start()]
        short_ok = _SHORT_OK_BEFORE.search(before) is None
        scored = _SCORED_BEFORE.search(text[max(0, m.start() - _SCORED_REACH) : m.start()]) is not None
        reading = _read(words, short_ok=short_ok, groups_ok=not scored)
        if (
            reading is not None
            and reading.grouped
            and _NOT_GROUPED_AFTER.match(text, words[reading.used - 1].end)
        ):
            reading = _read(words, short_ok=short_ok)  # "my four oh one k", "a thirty three sixty six split"
        if reading is None:
            continue
        used = reading.used
        done = words[used - 1].end
        value = reading.value
        scaled = reading.scales > 0
        last_word = words[used - 1].text
        if last_word in _MULTIPLIERS and reading.scales == 1 and used > 1:
            # "twelve thousand", "half a million", "one and a half billion": the scale is read outside
            value /= _MULTIPLIERS[last_word]
            used -= 1
            scaled = False
        start, end = m.start(), words[used - 1].end
        # ("back in twenty one five", "they won twenty one seven")
        tail_ok = short_ok and not scored and _SHORT_YEAR_BEFORE.search(before) is None
        tail = _decimal_tail(text, words, reading) if tail_ok else None
        if tail is not None:
            found.append(SpokenNumber(start, words[used].end, value + tail / 10, False, False, True, False))
            done = words[used].end
            continue
        short_year = _short_year(text, start, end, value, reading.decimal or scaled)
        if short_year is not None:
            found.append(SpokenNumber(start, end, short_year, False, True, False, False))
            continue
        if reading.short and _NOT_SHORT_AFTER.match(text, end):
            # "Llama three seventy B", "at nine thirty am": a name or a time, read word by word
            reading = _read(words)
            if reading is None:
                continue
            used = reading.used
            done = end = words[used - 1].end
            value = reading.value
        elif reading.short and (half := _AND_A_HALF.match(text, end)) is not None:
            # "three twenty two and a half": 322.5
            value += 0.5
            end = half.end()
        found.append(
            SpokenNumber(
                start,
                end,
                value,
                scaled,
                _said_as_year(text, start, value, words[0].text, reading.decimal),
                reading.decimal,
                reading.needs_unit,
                reading.short,
            )
        )
    return found


def _decimal_tail(text: str, words: list[_Word], reading: _Reading) -> int | None:
    """The tenths of a score read out without "point" ("sixty nine four for Scout" is 69.4, "ninety two
    three to ninety one six", "it went down, fifteen nine"): a number from thirteen to ninety nine said as
    tens, then one digit that ends the phrase, then the clause's end or a word that goes on with scores. Not
    "twenty four seven", nor a count of the next word ("twenty one two year deals")."""
    used = reading.used
    if (
        reading.short
        or reading.decimal
        or reading.scales
        or reading.needs_unit
        or used != len(words) - 1
        or _tens_group(words, 0) != (int(reading.value), used)
        or not _TAIL_LEAD[0] <= reading.value <= _TAIL_LEAD[1]
    ):
        return None
    digit = _UNITS.get(words[used].text, 0)
    if not digit or (reading.value, digit) in _NOT_DECIMAL_TAILS:
        return None
    if not _AFTER_TAIL.match(text, words[used].end):
        return None
    return digit


# The whole part of a score whose tenths are read out without "point" ("ten two" and "twelve one" are a
# vote or a score as often).
_TAIL_LEAD = (13, 99)
# Said so, a whole phrase of its own: "twenty four seven".
_NOT_DECIMAL_TAILS = frozenset({(24.0, 7)})
# The words that open a number from ten to ninety nine.
_TENS_WORDS = "|".join((*_TEENS, *_TENS))
# What may follow such a score: the clause's end, a word that names what it scores, another score it is
# compared with ("ninety two three to ninety one six"), or a scale the claim stage carried from the figure it
# answers ("fifteen nine [billion]").
_AFTER_TAIL = re.compile(
    r"(?<![ \t])(?:[ \t]*+(?:[.,;:!?)\]]|\Z)"
    r"|[ \t]++(?:for|is|was|percent|points?)\b"
    rf"|[ \t]++(?:to|versus|vs\.?|against)[ \t]++(?:{_TENS_WORDS})\b"
    r"|[ \t]++\[(?:thousand|million|billion|trillion)\])",
    re.IGNORECASE,
)
# Before which two numbers side by side are a score, a record, a vote or an age, never one figure read in
# groups or with its tenths ("they won twenty one seventeen", "went seventy three nine", "voted fourteen
# two", "my kids are fifteen nine", "Psalm twenty three four").
_SCORED_BEFORE = re.compile(
    r"(?:\b(?:won|win|wins|winning|lost|lose|loses|losing|beat|beats|beating|voted|vote|votes|record|"
    r"records|scored|score|scores|put\s++up|kids|sons?|daughters?|ages?|aged|psalm|chapter|verse)\b"
    r"[^.;:!?]*+|\b(?:went|finished|ended)\s++)$",
    re.IGNORECASE,
)
_SCORED_REACH = 40
# After which digits read in groups are not one figure: a retirement plan ("four oh one k", "four oh three
# b"), a split or a rate in basis points ("a thirty three sixty six split" is two shares).
_NOT_GROUPED_AFTER = re.compile(
    r"(?<![ \t])[ \t]*+(?:\(?[kb]\b|split\b|basis\s++points\b|bps\b|vote\b)", re.IGNORECASE
)


# A half after a number said short ("three twenty two and a half").
_AND_A_HALF = re.compile(
    r"(?<!\s)\s++and\s++a\s++half\b(?!\s++(?:of|an?|hours?|days?|years?)\b)", re.IGNORECASE
)
# Before which hundreds said short are not read so: a model's version ("Llama three seventy", "point one
# seventy"), a clock time ("by nine thirty", "after nine eleven").
_SHORT_OK_BEFORE = re.compile(
    r"\b(?:llama|gpt|claude|gemma|version|release|build|ubuntu|ios|macos|android|windows|point|oh|by|until|"
    r"till|since|after)\s++$",
    re.IGNORECASE,
)
# After which they are not: a model size ("seventy B"), a clock time ("nine thirty am"), a percent (a range
# said short: "like five ten percent"), a compound ("one twenty-year veteran", "one thirty-second ad").
_NOT_SHORT_AFTER = re.compile(
    r"(?<![ \t-])(?:-[a-z]|[ \t-]*+(?:b\b|am\b|pm\b|a\.m\.|p\.m\.|o['’]clock|%|per\s?cent\b|percent))",
    re.IGNORECASE,
)


# Before a year said by its last two digits: "back in twenty one", "fiscal twenty two", "capex for twenty
# three.", "the twenty one number".
_SHORT_YEAR_BEFORE = re.compile(
    r"\b(?:(?P<back>back\s++in)|(?P<in>(?<!\d\s)(?<!one\s)in)|(?P<for>for)|(?P<the>the)|fiscal(?:\s++year)?+)\s++$",
    re.IGNORECASE,
)
# A number right before that "for": "forty for twenty" is a rate.
_NUMBER_WORD_ALTERNATIVES = "|".join(_NUMBER_WORDS)
_NUMBER_BEFORE_FOR = re.compile(
    rf"(?:\d|\b(?:{_NUMBER_WORD_ALTERNATIVES}|hundred|thousand))(?<!\s)\s++\Z", re.IGNORECASE
)
# After "the", a year said short is only one that names a figure: "the twenty one number".
_AFTER_THE_YEAR = re.compile(r"(?<!\s)\s++(?:number|figure)\b", re.IGNORECASE)
# Before "for", what makes a year of it: a sum's scale or a plan ("nineteen and a quarter billion for twenty
# three", "guidance for twenty four"), not a price or a while ("sold it for twenty three", "been here for
# twenty").
_FOR_YEAR_BEFORE = re.compile(
    r"\b(?:thousand|million|billion|trillion|bn|percent|guidance|guided|outlook|forecast|plan|target|expects?|"
    r"expected|capex)\b[^.;!?]{0,40}+\Z",
    re.IGNORECASE,
)
# (not odds: "one in twenty", "1 in 20")
# A year said short after a bare "in" is this century's, said in words ("in twenty two", not "in 22" nor
# "in ninety"): 2010 to 2029.
_IN_YEAR_FIRST = re.compile(
    r"(?:twenty|nineteen|eighteen|seventeen|sixteen|fifteen|fourteen|thirteen|twelve|"
    r"eleven|ten)\b",
    re.IGNORECASE,
)
_IN_YEAR_RANGE = (10, 29)
# What may follow such a year: after "back in", the clause goes on or ends ("back in twenty one, for
# comparison"), never a unit or a noun ("back in twenty minutes", "back in twenty percent of patients");
# after "fiscal", anything but a unit or a scale.
_AFTER_BACK_IN_YEAR = re.compile(
    r"(?<!\s)\s*+(?:[.,;:!?)\]]|\Z|(?:and|but|so|when|before|after|for|though|too|already|which|that|we|they|it|"
    r"i|he|she|you|the|was|is|were|are|or)\b)",
    re.IGNORECASE,
)
# After a bare "in", only the clause's end or a new subject ("a share in twenty two, up from …", "in twenty
# one they took that charge"): "in twenty two and counting", "in twenty two is …" count something.
_AFTER_IN_YEAR = re.compile(r"(?<!\s)\s*+(?:[.,;:!?)\]]|\Z|(?:we|they|it|i|he|she|you)\b)", re.IGNORECASE)
_UNIT_AFTER = re.compile(
    r"(?<!\s)\s*+(?:%|percent\b|per\s?cent\b|thousand\b|million\b|billion\b|trillion\b)", re.I
)


def _short_year(text: str, start: int, end: int, value: float, decimal: bool) -> float | None:
    """A year said by its last two digits after "back in", "in", "for" or "fiscal" ("back in twenty one":
    2021), or naming a figure ("the twenty one number")."""
    if decimal or value != int(value) or not 10 <= value <= 99:
        return None
    before = _SHORT_YEAR_BEFORE.search(text[max(0, start - 20) : start])
    if before is None or _UNIT_AFTER.match(text, end):
        return None
    if before.group("back") and not _AFTER_BACK_IN_YEAR.match(text, end):
        return None
    if (before.group("in") or before.group("for")) and not _AFTER_IN_YEAR.match(text, end):
        return None
    at = max(0, start - 20) + before.start()
    if before.group("for") and (
        _NUMBER_BEFORE_FOR.search(text, max(0, at - 20), at)
        or not _FOR_YEAR_BEFORE.search(text, max(0, at - 60), at)
    ):
        return None  # "forty for twenty": a rate, not a year; "sold it for twenty three": a price
    if before.group("the") and not _AFTER_THE_YEAR.match(text, end):
        return None
    if (before.group("in") or before.group("for") or before.group("the")) and not (
        _IN_YEAR_RANGE[0] <= value <= _IN_YEAR_RANGE[1] and _IN_YEAR_FIRST.match(text, start)
    ):
        return None
    return value + (2000 if value < 70 else 1900)


def _said_as_year(text: str, start: int, value: float, first: str, decimal: bool) -> bool:
    """ "two thousand and twenty three" is a year unless it counts something; a round "two thousand" only
    after a period word ("in two thousand")."""
    if decimal or value != int(value) or not 1900 <= value <= 2099:
        return False
    if first == "two" and value > 2000:
        return True
    return bool(_PERIOD_WORD_RE.search(text[max(0, start - 12) : start]))


def parse_number(text: str) -> float | None:
    """'16,120' → 16120.0, '1.5' → 1.5, 'eighty' → 80.0, 'twenty two' → 22.0, 'three point three' → 3.3,
    'a third' → 0.333…, 'half a million' → 500000.0; None when it is not a number."""
    t = " ".join(text.strip().lower().split())
    if t in WORD_NUMBERS:
        return float(WORD_NUMBERS[t])
    if t in FRACTION_WORDS:
        return FRACTION_WORDS[t]
    try:
        return float(t.replace(",", ""))
    except ValueError:
        pass
    spoken = spoken_numbers(t)
    if len(spoken) != 1 or spoken[0].start != 0:
        return None
    number = spoken[0]
    rest = t[number.end :].strip()
    if not rest:
        return None if number.needs_unit else number.value
    if rest.lower() in _MULTIPLIERS:
        return number.value * _MULTIPLIERS[rest.lower()]
    return None


# After a one-word number below ten, the words that make it a figure ("two billion", "five percent"):
# elsewhere "one", "two" are as often words ("no one else", "the two of them") and stay as said.
_FIGURE_WORD_AFTER = re.compile(
    rf"\s{{0,3}}(?:{_MULTIPLIER_RE}|percent|per\s?cent|percentage|points?|x|times|k(?![\w'-]))\b",
    re.IGNORECASE,
)


def _as_digits(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.6g}"


def spoken_to_digits(text: str) -> str:
    """`text` with every number said in words written in digits, the rest as it was: "twenty two percent"
    → "22 percent", "a hundred and three and a half billion" → "103.5 billion", "twenty twenty three" →
    "2023", "three point one" → "3.1". A lone word below ten stays a word unless a scale or percent follows
    ("the big one", "two of them"; but "two billion" → "2 billion")."""
    pieces: list[str] = []
    last = 0
    for number in spoken_numbers(text):
        said = text[number.start : number.end]
        if number.needs_unit and not _FIGURE_WORD_AFTER.match(text, number.end):
            continue
        single = len(said.split()) == 1 and "-" not in said
        # (the "one k" of "four oh one k" is a name's last digit)
        spelled_k = _SPOKEN_K.match(text, number.end) is not None and _OH_BEFORE.search(
            text, max(0, number.start - 20), number.start
        )
        if single and number.value < 10 and (not _FIGURE_WORD_AFTER.match(text, number.end) or spelled_k):
            continue
        pieces.append(text[last : number.start])
        pieces.append(_as_digits(number.value))
        last = number.end
        # "a hundred and twenty eight k" is "128k", which reads as 128,000 ("128 k" would read as 128)
        if (k := _SPOKEN_K.match(text, number.end)) is not None:
            pieces.append("k")
            last = k.end()
    pieces.append(text[last:])
    return "".join(pieces)


_SPOKEN_K = re.compile(r"(?<!\s)\s++[kK](?![\w'])")
_OH_BEFORE = re.compile(r"\boh\s++$", re.IGNORECASE)
