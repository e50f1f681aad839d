"""The tolerance words around a figure, mapped onto `Bound`: "about", "north of", "just shy of" before it;
"give or take", "or so", "+" after it."""

from __future__ import annotations

import re

from claimcheck.quantities.model import Bound

_APPROX = (
    r"about|roughly|around|approximately|approx\.?|some|nearly|almost|close to|~|circa|like|"
    r"(?:just\s+)?shy of|in the region of|on the order of|in the ballpark of|an estimated|estimated|"
    r"give or take|basically|essentially|pretty much"
)
_AT_LEAST = (
    r"over|more than|at least|north of|above|upwards of|in excess of|exceeding|no less than|no fewer than|"
    r"at minimum|topped|tops|topping|surpassed|surpassing|crossed|greater than"
)
_AT_MOST = r"under|less than|at most|up to|below|fewer than|no more than|south of|as (?:many|much) as"
_HEDGE_RE = re.compile(
    rf"(?P<approx>\b(?:{_APPROX})\s*$)|(?P<least>\b(?:{_AT_LEAST})\s*$)|(?P<most>\b(?:{_AT_MOST})\s*$)",
    re.IGNORECASE,
)
# After the figure, up to three words away, before the clause ends: "39 million GPU hours, give or take".
# Words are separated by spaces with at most one comma, and a word is read whole (an atomic group; it stops
# only before "-ish"), so the pattern never tries the ways a run of spaces or letters could be split.
_SEPARATOR = r"[^\S\n]*(?:,[^\S\n]*)?"
_WORD = r"(?>(?:[A-Za-z']+|-(?!ish\b))+)"
_AFTER_RE = re.compile(
    rf"""^(?:
        (?P<plus>\+(?!\s*\d)|\s+plus\b(?!\s*(?:\$|\d|a\b|an\b|one\b|two\b)))
      | (?:{_SEPARATOR}{_WORD}){{0,3}}?{_SEPARATOR}
        (?:(?P<approx>give\ or\ take|or\ so|or\ thereabouts|-?ish)
          |(?P<least>or\ more)
          |(?P<most>or\ (?:less|fewer)))\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)


def bound_before(text: str, start: int) -> Bound:
    """The hedge word right before a figure ("about", "more than", "up to"); EXACT when there is none."""
    m = _HEDGE_RE.search(text[max(0, start - 20) : start])
    if not m:
        return Bound.EXACT
    if m.group("approx"):
        return Bound.APPROX
    if m.group("least"):
        return Bound.AT_LEAST
    return Bound.AT_MOST


def bound_after(text: str, end: int) -> Bound:
    """A hedge after a figure ("40 billion, give or take", "15T+", "ten or so"); EXACT when there is none."""
    m = _AFTER_RE.match(text[end : end + 60])
    if not m:
        return Bound.EXACT
    if m.group("approx"):
        return Bound.APPROX
    if m.group("least") or m.group("plus"):
        return Bound.AT_LEAST
    return Bound.AT_MOST


def bound_of(text: str, start: int, end: int) -> Bound:
    """How the speaker hedged the figure at text[start:end]: the word before it wins."""
    before = bound_before(text, start)
    return before if before != Bound.EXACT else bound_after(text, end)
