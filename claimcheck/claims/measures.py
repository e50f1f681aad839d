"""What a figure measures, carried from one clause to the next: "Corning did 14.2 billion in sales. That's up
like ten percent." — "That" is the sales. A clause that states a figure, names no measure and starts with
"That", "This" or "Which" (or "it went", "it was": the measure, not the company), or says "of that", takes
the measure the talk named last (within
`MEASURE_CARRY` clauses), so the figure check can read it: "[Corning's sales] That's up like ten percent."
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from claimcheck.quantities import NAME_UNITS, figures

# Measures as talk and filings name them, the longer first ("net sales" before "sales").
_MEASURE = re.compile(
    r"\b(?:net sales|net revenues?|total revenues?|net income|net loss|operating income|operating loss|"
    r"operating expenses|operating margin|gross margin|free cash flow|cash flow|earnings per share|"
    r"capital expenditures?|revenues?|sales|profits?|ARR|capex|headcount|workforce|employees|backlog|"
    r"deliveries|subscribers|users|customers|downloads|GPU hours|parameters|tokens|context(?: window)?)\b",
    re.IGNORECASE,
)
# A clause that leans on the figure before it: "That's up 31%", "Which is triple…", "This grew 12%", "the
# 405B by itself was like 20 million of that".
_LEANING_START = re.compile(r"^\W*(?:(?:and|so|but)\W+)?(?:that|this|which)\b", re.IGNORECASE)
_LEANING_OF = re.compile(
    r"\b(?:of|in) (?:that|those|this)\b(?! (?:\w+ )?(?:year|quarter|month|period)s?\b)", re.IGNORECASE
)
# "No, it went up, five point three billion" after "So net income went down": an "it" that opens a clause
# saying where a figure went or stood is the measure just named, not the company.
_LEANING_IT = re.compile(
    r"^\W*(?:(?:no|yes|yeah|well|and|so|but|actually|nope)\W+)*it(?:['’]s\b|\s+(?:went|was|is|grew|fell|"
    r"dropped|rose|came in|hit|ended|jumped|climbed|declined|increased|decreased|doubled|tripled)\b)",
    re.IGNORECASE,
)
# How many clauses a measure carries over.
MEASURE_CARRY = 3


def measure_in(text: str) -> str | None:
    """The last measure `text` names ("net sales"), lower-cased except for acronyms, else None."""
    found = list(_MEASURE.finditer(text))
    if not found:
        return None
    word = found[-1].group(0)
    return word if word.isupper() or word.startswith("GPU") else word.lower()


def leans_on_measure(span: Span) -> bool:
    """The clause states a figure but names no measure, and leans on the clause before ("That's up 31%")."""
    text = span.text
    if measure_in(text) is not None or not (
        _LEANING_START.match(text) or _LEANING_OF.search(text) or _LEANING_IT.match(text)
    ):
        return False
    return any(q.unit not in NAME_UNITS for q in figures(text))


class MeasureCarry:
    """The measure the talk named last, and for how many more clauses it carries."""

    def __init__(self) -> None:
        self.measure: str | None = None
        self.left = 0

    def observe(self, span: Span) -> None:
        named = measure_in(span.text)
        if named is not None:
            self.measure, self.left = named, MEASURE_CARRY
        elif self.left:
            self.left -= 1
            if not self.left:
                self.measure = None

    def carried(self, span: Span) -> str | None:
        """The measure `span` leans on, if it does and one is in reach."""
        return self.measure if self.measure is not None and leans_on_measure(span) else None
