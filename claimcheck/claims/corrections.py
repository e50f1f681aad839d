"""A figure said back across turns: "It was pretrained on about fifty trillion tokens." — "Fifteen. Fifteen,
not fifty." The answer is a claim of its own: the clause it corrects, with its figure.

A turn that opens with a bare number (and nothing else but hedges and fillers: "Thirty two point six.",
"One point seven.", "Eight point something, I think.", "More like twenty two percent.") answers the last
figure of the turn just before it, said by someone else. Its checkable text is that clause's checkable
text with the figure's number swapped for the new one, keeping the figure's scale and unit ("fifty
trillion tokens" → "fifteen trillion tokens"); the verbatim quote stays the answer as said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimcheck.quantities import Quantity, Unit, extract_quantities, figures, names_model
from claimcheck.quantities.words import spoken_numbers
from claimcheck.text import MONTH_NAMES

# Words an answer may hold besides its number: hedges, fillers, and the figure it replaces ("not fifty").
_FILLER = frozenset(
    """no nope yes yeah well so um uh like about around roughly maybe probably i think i'm pretty sure it's
    its it was is more closer to actually not something point ish or so just ugh hmm okay ok right""".split()
    # pointing at the page: "Twenty one, it says twenty one.", "Forty, that's what it says here."
    + """says say said here there that's thats that what""".split()
)
# Words of the answer's own unit ("More like twenty two percent", "Thirty billion"): the answer then
# replaces the whole figure, not only its number.
_UNIT_WORDS = frozenset(
    "percent per cent billion million trillion thousand hundred dollars dollar bucks".split()
)
_WORD = re.compile(r"[a-z']+")
_DIGITS = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.])")


@dataclass(frozen=True)
class FigureClause:
    """The last clause with a figure in a turn: who said it, in which turn, its checkable text and figure."""

    speaker: str | None
    utterance_index: int
    text: str
    figure: Quantity
    subject: dict[str, object]


# What an answer that says its own unit may correct: a percentage a percentage ("Ten percent." after "up
# twenty one percent"), an amount an amount ("Thirty billion." after "fifty billion dollars").
_PERCENTS = frozenset({Unit.PERCENT, Unit.PERCENT_POINTS})


def _same_kind(answer: Quantity, figure: Quantity) -> bool:
    return (answer.unit in _PERCENTS) == (figure.unit in _PERCENTS)


def last_figure(text: str, like: Quantity | None = None) -> Quantity | None:
    """The last figure of a clause that an answer could correct (not a year, a version or a name); with
    `like` (the answer's own figure, when it says its unit), the last of the same kind: "Ten percent." answers
    the "up twenty one percent" of "revenue was ten and a half billion, up twenty one percent", not the
    billions."""
    found = [
        q
        for q in figures(text)
        if q.unit not in (Unit.YEAR, Unit.VERSION)
        and not names_model(text, q)
        and (like is None or _same_kind(like, q))
    ]
    return found[-1] if found else None


def _number_span(text: str) -> tuple[int, int] | None:
    """The first number of `text`, said in words or written in digits: its span."""
    spans = [(s.start, s.end) for s in spoken_numbers(text) if not s.year]
    spans += [(m.start(), m.end()) for m in _DIGITS.finditer(text)]
    return min(spans) if spans else None


def extra_words(text: str) -> list[str] | None:
    """The words of a bare answer besides its number, hedges and fillers ("Seventy six percent, digital."
    → ["digital"]; "Five seventy eight, Marisol." → ["marisol"]), lowercased; None when it has no number."""
    span = _number_span(text)
    if span is None:
        return None
    rest = text[: span[0]] + " " + text[span[1] :]
    for s in spoken_numbers(rest):  # "not fifty": the figure it replaces
        rest = rest[: s.start] + " " * (s.end - s.start) + rest[s.end :]
    rest = _DIGITS.sub(" ", rest)
    return [word for word in _WORD.findall(rest.lower()) if word not in _FILLER | _UNIT_WORDS]


def answer_number(text: str, allowed: frozenset[str] = frozenset()) -> str | None:
    """The number a bare answer says ("Thirty two point six", "Fifteen"), or None when the clause says more
    than a number, hedges, fillers and the `allowed` words (whom it answers, by name, and words of the
    clause it corrects: "Twenty five percent, Joel.", "Seventy six percent, digital.")."""
    extra = extra_words(text)
    span = _number_span(text)
    if extra is None or span is None or any(word not in allowed for word in extra):
        return None
    return text[span[0] : span[1]]


def echoes(answer: str, said: str) -> bool:
    """The answer repeats words of `said` together with its number, in order ("All three." after "three
    million for all three sizes, or just the 70B?"): it picks what was said, it corrects no figure."""
    words = [w for w in _WORD.findall(answer.lower()) if w not in _FILLER]
    return len(words) > 1 and f" {' '.join(words)} " in f" {' '.join(_WORD.findall(said.lower()))} "


def words_of(text: str) -> frozenset[str]:
    """The lowercased words of a clause, as `extra_words` reads an answer's."""
    return frozenset(_WORD.findall(text.lower()))


_MONTH_NUMBER = re.compile(rf"\b(?:{'|'.join(MONTH_NAMES)})\s+(?:twenty|nineteen|\d{{2}}\b)", re.IGNORECASE)


def says_year(text: str) -> bool:
    """The clause names a year ("in 2021", "in twenty twenty one"), or a month with a number that may be
    one said short ("in November twenty two")."""
    return bool(_MONTH_NUMBER.search(text)) or any(q.unit is Unit.YEAR for q in extract_quantities(text))


def could_be_year(answer: str) -> bool:
    """A bare answer whose number could be a year said short ("Twenty one" for 2021): when the turn before
    named a year, which figure it answers cannot be told."""
    span = _number_span(answer)
    if span is None or answer_figure(answer) is not None:
        return False
    number = answer[span[0] : span[1]]
    values = [s.value for s in spoken_numbers(number)] or [float(m.group()) for m in _DIGITS.finditer(number)]
    return bool(values) and values[0] == int(values[0]) and 0 <= values[0] < 100


def answer_figure(answer: str) -> Quantity | None:
    """The answer's figure when it says its own unit or scale ("twenty two percent", "30 billion")."""
    found = [q for q in figures(answer) if q.unit not in (Unit.YEAR, Unit.VERSION)]
    if not found:
        return None
    unit_said = any(w in _UNIT_WORDS for w in _WORD.findall(found[0].text.lower()))
    return found[0] if unit_said or found[0].unit is not Unit.COUNT else None


def corrected_text(answer: str, corrected: FigureClause, allowed: frozenset[str] = frozenset()) -> str | None:
    """The corrected clause's checkable text with the answer's figure in place of its figure: the answer's
    whole figure when it says its unit ("More like twenty two percent"), else its number with the old
    figure's currency, scale and unit ("fifty trillion tokens" → "fifteen trillion tokens")."""
    q = corrected.figure
    own = answer_figure(answer)
    if own is not None:
        said = own.text
        if corrected.text[q.start : q.start + 1].islower():  # ("down like twenty five percent")
            said = said[:1].lower() + said[1:]
    else:
        number = answer_number(answer, allowed)
        inner = _number_span(q.text)
        if number is None or inner is None:
            return None
        said = q.text[: inner[0]] + number.lower() + q.text[inner[1] :]
    return corrected.text[: q.start] + said + corrected.text[q.end :]
