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


def last_figure(text: str) -> Quantity | None:
    """The last figure of a clause that an answer could correct (not a year, a version or a name)."""
    found = [q for q in figures(text) if q.unit not in (Unit.YEAR, Unit.VERSION) and not names_model(text, q)]
    return found[-1] if found else None


def _number_span(text: str) -> tuple[int, int] | None:
    """The first number of `text`, said in words or written in digits: its span."""
    spans = [(s.start, s.end) for s in spoken_numbers(text) if not s.year]
    spans += [(m.start(), m.end()) for m in _DIGITS.finditer(text)]
    return min(spans) if spans else None


def answer_number(text: str) -> str | None:
    """The number a bare answer says ("Thirty two point six", "Fifteen"), or None when the clause says more
    than a number, hedges and fillers."""
    span = _number_span(text)
    if span is None:
        return None
    rest = text[: span[0]] + " " + text[span[1] :]
    for s in spoken_numbers(rest):  # "not fifty": the figure it replaces
        rest = rest[: s.start] + " " * (s.end - s.start) + rest[s.end :]
    rest = _DIGITS.sub(" ", rest)
    if any(word not in _FILLER | _UNIT_WORDS for word in _WORD.findall(rest.lower())):
        return None
    return text[span[0] : span[1]]


_MONTH_NUMBER = re.compile(rf"\b(?:{'|'.join(MONTH_NAMES)})\s+(?:twenty|nineteen|\d{{2}}\b)", re.IGNORECASE)


def says_year(text: str) -> bool:
    """The clause names a year ("in 2021", "in twenty twenty one"), or a month with a number that may be
    one said short ("in November twenty two")."""
    return bool(_MONTH_NUMBER.search(text)) or any(q.unit is Unit.YEAR for q in extract_quantities(text))


def could_be_year(answer: str) -> bool:
    """A bare answer whose number could be a year said short ("Twenty one" for 2021): when the turn before
    named a year, which figure it answers cannot be told."""
    number = answer_number(answer)
    if number is None or _answer_figure(answer) is not None:
        return False
    values = [s.value for s in spoken_numbers(number)] or [float(m.group()) for m in _DIGITS.finditer(number)]
    return bool(values) and values[0] == int(values[0]) and 0 <= values[0] < 100


def _answer_figure(answer: str) -> Quantity | None:
    """The answer's figure when it says its own unit or scale ("twenty two percent", "30 billion")."""
    found = [q for q in figures(answer) if q.unit not in (Unit.YEAR, Unit.VERSION)]
    if not found:
        return None
    unit_said = any(w in _UNIT_WORDS for w in _WORD.findall(found[0].text.lower()))
    return found[0] if unit_said or found[0].unit is not Unit.COUNT else None


def corrected_text(answer: str, corrected: FigureClause) -> str | None:
    """The corrected clause's checkable text with the answer's figure in place of its figure: the answer's
    whole figure when it says its unit ("More like twenty two percent"), else its number with the old
    figure's currency, scale and unit ("fifty trillion tokens" → "fifteen trillion tokens")."""
    q = corrected.figure
    own = _answer_figure(answer)
    if own is not None:
        said = own.text
    else:
        number = answer_number(answer)
        inner = _number_span(q.text)
        if number is None or inner is None:
            return None
        said = q.text[: inner[0]] + number.lower() + q.text[inner[1] :]
    return corrected.text[: q.start] + said + corrected.text[q.end :]
