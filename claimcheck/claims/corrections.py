"""A figure said back across turns: "It was pretrained on about fifty trillion tokens." — "Fifteen. Fifteen,
not fifty." The answer is a claim of its own: the clause it corrects, with its figure.

A turn that opens with a bare number (and nothing else but hedges and fillers: "Thirty two point six.",
"One point seven.", "Eight point something, I think.", "More like twenty two percent.") answers the last
figure of the turn just before it, said by someone else. Its checkable text is that clause's checkable
text with the figure's number swapped for the new one, keeping the figure's scale and unit ("fifty
trillion tokens" → "fifteen trillion tokens"); the verbatim quote stays the answer as said.

An answer may say more, and what it says picks the figure: its own unit ("Ten percent." answers the last
percentage, not the billions), whom it answers ("Twenty five percent, Joel."), words of the clause it
corrects ("Seventy six percent, digital." answers "Digital is like ninety percent of the revenue"; "Eighty,
engineering." the figure said of engineering), and what its number counts ("Three offices." answers a count
of offices, never of people). A question ("Was that fifty?"), a time of day ("Nine thirty, Joel.") and a
figure more than `_MAX_RATIO` times away from the one it would replace answer nothing.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from claimcheck.quantities import Quantity, Unit, extract_quantities, figures, names_model
from claimcheck.quantities.words import spoken_numbers
from claimcheck.text import MONTH_NAMES

# Words an answer may hold besides its number: hedges, fillers, and the figure it replaces ("not fifty").
_FILLER = frozenset(
    """no nope yes yeah well so um uh like about around roughly maybe probably i think i'm pretty sure it's
    its it was is more closer to actually not something point ish or so just ugh hmm okay ok right""".split()
    # pointing at the page: "Twenty one, it says twenty one.", "Forty, that's what it says."
    + """says said that's thats that what""".split()
)
# Words of the answer's own unit ("More like twenty two percent", "Thirty billion"): the answer then
# replaces the whole figure, not only its number. ("A hundred and ten." keeps the scale it corrects.)
_UNIT_WORDS = frozenset("percent per cent billion million trillion thousand dollars dollar bucks".split())
_WORD = re.compile(r"[a-z']+")
_DIGITS = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.])")
# An answer is a figure of the same order as the one it corrects: "Thirty billion." does not correct "two
# hundred thousand employees", nor "Nine thirty" (a time) "thirty people".
_MAX_RATIO = 10.0
# A time of day: no figure of a talk's subject ("Nine in the morning.", "Ten thirty, in the morning.").
_TIME_OF_DAY = re.compile(r"\b(?:morning|afternoon|evening|night|tonight|o'clock|[ap]\.?m\b)", re.IGNORECASE)


@dataclass(frozen=True)
class FigureClause:
    """The last clause with a figure in a turn: who said it, in which turn, its checkable text and figure."""

    speaker: str | None
    utterance_index: int
    text: str
    figure: Quantity
    subject: dict[str, object]


@dataclass(frozen=True)
class Answer:
    """A turn's opening clause read as a bare answer: its number as said, its own figure when it says its
    unit, the other words it says (which must be words of the clause it corrects), and the word its number
    counts, if it says one ("Three offices.")."""

    text: str
    number: str
    value: float
    own: Quantity | None
    named: frozenset[str]
    counted: str | None


# A name said to whom one answers, at the end: "Twenty five percent, Joel."
_VOCATIVE = re.compile(r",\s*+([A-Z][a-z]++)\s*+[.!]*+\s*+$")


def read_answer(
    text: str, speakers: frozenset[str] = frozenset(), allowed: frozenset[str] | None = None
) -> Answer | None:
    """`text` as a bare answer, or None: no number, a question, a time of day, or (with `allowed`) a word
    besides its number, hedges and fillers that is not among `allowed`. `speakers` (lowercased first names)
    may be said to at the end."""
    if text.rstrip().endswith("?") or _TIME_OF_DAY.search(text):
        return None
    vocative = _VOCATIVE.search(text)
    if vocative is not None and vocative.group(1).lower() in speakers:
        text = text[: vocative.start()] + "."
    first = _first_number(text)
    if first is None:
        return None
    span, value = first[:2], first[2]
    number = text[span[0] : span[1]]
    rest = text[: span[0]] + " " * (span[1] - span[0]) + text[span[1] :]
    for s in spoken_numbers(rest):
        # other figures said with it ("Fifteen, not fifty", "Sixty nine four for Scout, ninety two three is
        # Maverick") are no words to find; a lone small number is a label ("in week two")
        if " " in rest[s.start : s.end].strip() or s.value >= 10 or s.value == value:
            rest = rest[: s.start] + " " * (s.end - s.start) + rest[s.end :]
    rest = _DIGITS.sub(lambda m: " " * len(m.group()) if float(m.group()) == value else m.group(), rest)
    named = [w for w in _WORD.findall(rest.lower()) if w not in _FILLER | _UNIT_WORDS]
    if allowed is not None and not set(named) <= allowed:
        return None  # (before reading its figure: most sentences are no bare answer)
    # the word right after the number, unless a unit word, a comma or a little word comes first
    noun = _COUNTED.match(text, span[1])
    counted = noun.group(1).lower() if noun is not None else None
    counted = counted if counted in named and counted not in _NOT_COUNTED else None
    return Answer(text, number, value, answer_figure(text), frozenset(named), counted)


_SCALE_WORD = re.compile(r"\b(?:thousand|million|billion|trillion)\b|(?<=\d)[kKmMbBtT]\b", re.IGNORECASE)
_COUNTED = re.compile(r"(?<!\s)\s++([A-Za-z]++)")
_NOT_COUNTED = frozenset(
    "in on at of for to from by with the a an and but or last this next per each".split()
)


def last_figure(text: str, answer: Answer | None = None) -> Quantity | None:
    """The figure of a clause that an answer corrects (not a year, a version or a name): the last one, or
    with `answer`, the last that answer can correct — of its kind when it says its unit ("Ten percent."
    answers "up twenty one percent", not the billions before it), counting what it counts, of its order,
    and the one said closest to the words it names ("Eighty, engineering." after "Engineering is about
    sixty people and sales is about twenty")."""
    found = [
        q
        for q in figures(text)
        if q.unit not in (Unit.YEAR, Unit.VERSION) and not names_model(text, q) and _answers(answer, text, q)
    ]
    if not found or answer is None or not answer.named:
        return found[-1] if found else None
    return min(reversed(found), key=lambda q: _nearness(text, q, answer.named))


def _answers(answer: Answer | None, text: str, q: Quantity) -> bool:
    """`answer` can correct the figure `q` of `text`."""
    if answer is None:
        return True
    if answer.own is not None and (answer.own.unit in _PERCENTS) != (q.unit in _PERCENTS):
        return False
    new, _ = _new_value(answer, q)
    # (the same number at another scale corrects the scale: "Billion, six billion pairs." for "six million")
    power = math.log10(abs(new / q.value)) if new and q.value else 0.0
    rescaled = power != 0 and abs(power - round(power)) < 1e-9 and round(power) % 3 == 0
    if new and q.value and not rescaled and not 1 / _MAX_RATIO <= abs(new / q.value) <= _MAX_RATIO:
        return False
    if answer.counted is not None:
        # "Three offices." counts offices: the figure must be said of them ("thirty people and two offices",
        # "six million image text pairs")
        return answer.counted in _WORD.findall(text[q.end : q.end + 40].lower())[:3]
    return True


def _new_value(answer: Answer, q: Quantity) -> tuple[float, bool]:
    """The value `answer` gives the figure `q`, and whether it is a whole figure (else it keeps the scale
    `q` is said in): its own figure when it says its unit; a number of the figure's order by itself
    ("Ninety two hundred." for "twelve thousand employees"); else its number at the figure's scale ("A
    hundred and ten." for "ninety billion", "Fifteen." for "fifty trillion tokens")."""
    if answer.own is not None:
        return answer.own.value, True
    scale = _scale_of(q)
    if scale > 1 and q.value and 1 / _MAX_RATIO <= abs(answer.value / q.value) <= _MAX_RATIO:
        return answer.value, True
    return answer.value * scale, False


def _scale_of(q: Quantity) -> float:
    """What the figure's number is multiplied by ("fifty trillion" → 1e12): the scale a bare answer keeps."""
    inner = _first_number(q.text)
    if inner is None:
        return 1.0
    said = inner[2]
    return abs(q.value / said) if said and q.unit not in _PERCENTS else 1.0


def _nearness(text: str, q: Quantity, named: frozenset[str]) -> tuple[int, int]:
    """How close the figure `q` is said to the `named` words: how many of them its part of the clause says
    ("about two hundred stores in Texas | and a hundred in Ohio"), then how far the nearest is (characters);
    smaller is nearer."""
    content = named - _NOT_COUNTED
    start = max((m.end() for m in _PART_BREAK.finditer(text, 0, q.start)), default=0)
    after = _PART_BREAK.search(text, q.end)
    part = text[start : after.start() if after else len(text)]
    spots = [m.start() for m in _WORD.finditer(text.lower()) if m.group() in content]
    far = min((min(abs(spot - q.start), abs(spot - q.end)) for spot in spots), default=len(text))
    return -len(content & words_of(part)), far


# Where a part of a clause ends: "Engineering is about sixty people | and sales is about twenty".
_PART_BREAK = re.compile(r"[,;]|\b(?:and|but|while|whereas)\b", re.IGNORECASE)


# An answer that says its own unit corrects a percentage if it is one ("Ten percent." after "up twenty one
# percent"), else an amount ("Thirty billion." after "fifty billion dollars").
_PERCENTS = frozenset({Unit.PERCENT, Unit.PERCENT_POINTS})


def _number_span(text: str) -> tuple[int, int] | None:
    """The first number of `text`, said in words or written in digits: its span."""
    first = _first_number(text)
    return None if first is None else (first[0], first[1])


def _first_number(text: str) -> tuple[int, int, float] | None:
    """The first number of `text`, said in words or written in digits: its span and value."""
    found = [(s.start, s.end, s.value) for s in spoken_numbers(text) if not s.year]
    found += [(m.start(), m.end(), float(m.group())) for m in _DIGITS.finditer(text)]
    return min(found) if found else None


def answer_number(text: str, allowed: frozenset[str] = frozenset()) -> str | None:
    """The number a bare answer says ("Thirty two point six", "Fifteen"), or None when the clause says more
    than a number, hedges, fillers and the `allowed` words (words of the clause it corrects)."""
    answer = read_answer(text, allowed=allowed)
    return None if answer is None else answer.number


def echoes(answer: str, said: str) -> bool:
    """The answer repeats words of `said` together with its number, in order ("All three." after "three
    million for all three sizes, or just the 70B?"): it picks what was said, it corrects no figure."""
    words = [w for w in _WORD.findall(answer.lower()) if w not in _FILLER]
    return len(words) > 1 and f" {' '.join(words)} " in f" {' '.join(_WORD.findall(said.lower()))} "


def words_of(text: str) -> frozenset[str]:
    """The lowercased words of a clause, as `read_answer` reads an answer's."""
    return frozenset(_WORD.findall(text.lower()))


_MONTH_NUMBER = re.compile(rf"\b(?:{'|'.join(MONTH_NAMES)})\s+(?:twenty|nineteen|\d{{2}}\b)", re.IGNORECASE)


def says_year(text: str) -> bool:
    """The clause names a year ("in 2021", "in twenty twenty one"), or a month with a number that may be
    one said short ("in November twenty two")."""
    return bool(_MONTH_NUMBER.search(text)) or any(q.unit is Unit.YEAR for q in extract_quantities(text))


def could_be_year(answer: str) -> bool:
    """A bare answer whose number could be a year said short ("Twenty one" for 2021): when the turn before
    named a year, which figure it answers cannot be told."""
    first = _first_number(answer)
    if first is None or answer_figure(answer) is not None:
        return False
    value = first[2]
    return value == int(value) and 0 <= value < 100


def answer_figure(answer: str) -> Quantity | None:
    """The answer's figure when it says its own unit or scale ("twenty two percent", "30 billion")."""
    found = [q for q in figures(answer) if q.unit not in (Unit.YEAR, Unit.VERSION)]
    if not found:
        return None
    unit_said = any(w in _UNIT_WORDS for w in _WORD.findall(found[0].text.lower()))
    return found[0] if unit_said or found[0].unit is not Unit.COUNT else None


def corrected_text(answer: str | Answer, corrected: FigureClause) -> str | None:
    """The corrected clause's checkable text with the answer's figure in place of its figure: the answer's
    whole figure when it says its unit ("More like twenty two percent"), else its number with the old
    figure's currency, scale and unit ("fifty trillion tokens" → "fifteen trillion tokens")."""
    read = read_answer(answer) if isinstance(answer, str) else answer
    if read is None:
        return None
    q = corrected.figure
    if read.own is not None:
        said = read.own.text
        if corrected.text[q.start : q.start + 1].islower():  # ("down like twenty five percent")
            said = said[:1].lower() + said[1:]
        # what the figure counted stays: "Four hundred and five billion." for "seventy billion parameters"
        scale = _SCALE_WORD.search(q.text)
        if read.own.unit is Unit.COUNT and scale is not None and _SCALE_WORD.search(said):
            said += q.text[scale.end() :]
    else:
        inner = _number_span(q.text)
        if inner is None:
            return None
        end = inner[1]
        if _new_value(read, q)[1] and (scale := _SCALE_WORD.search(q.text, end)) is not None:
            end = scale.end()  # "twelve thousand employees" → "ninety two hundred employees"
        said = q.text[: inner[0]] + read.number.lower() + q.text[end:]
    return corrected.text[: q.start] + said + corrected.text[q.end :]
