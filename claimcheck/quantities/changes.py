"""Which way a figure moved ("grew", "fell", a leading minus) and the change words without digits
("doubled", "halved", "down a fifth"); fractions said as shares ("a third of our costs")."""

from __future__ import annotations

import bisect
import re

from pydantic import BaseModel

from claimcheck.quantities.hedges import bound_before
from claimcheck.quantities.model import AMOUNT_UNITS, Quantity, Unit
from claimcheck.quantities.words import FRACTION_WORDS


class Direction(BaseModel):
    """A word that says which way a figure moved, with where it is."""

    sign: int
    start: int
    end: int


_UP = (
    r"grew|grow|grows|growing|grown|growth|rose|rise|rises|rising|risen|increased?|increases|increasing|up|"
    r"gained?|jumped|climbed|soared|expanded|higher"
)
_DOWN = (
    r"fell|fall|falls|falling|declined?|declines|declining|decreased?|decreases|down|dropped|drops?|shrank|"
    r"shrunk|shrinks|narrowed|lower|cut|reduced|slid|plunged|contracted|fallen|slipped|sank|sunk|dipped"
)
_DIRECTION_RE = re.compile(rf"(?<![\w-])(?:(?P<up>{_UP})|(?P<down>{_DOWN}))\b", re.IGNORECASE)

# Multiplicative change words, as percent changes.
_CHANGE_WORDS: dict[str, tuple[float, int]] = {
    "doubled": (100.0, 1),
    "double": (100.0, 1),
    "doubling": (100.0, 1),
    "tripled": (200.0, 1),
    "triple": (200.0, 1),
    "quadrupled": (300.0, 1),
    "halved": (50.0, -1),
}
_FRACTION_RE = "|".join(sorted((re.escape(w) for w in FRACTION_WORDS), key=len, reverse=True))
_CHANGE_RE = re.compile(
    rf"\b(?P<word>{'|'.join(_CHANGE_WORDS)})\b|\b(?:by\s+)?(?P<frac>{_FRACTION_RE})\b",
    re.IGNORECASE,
)
# A fraction followed by "of" is a share ("a third of our costs"), unless it names part of a period
# ("the second half of 2023") or a place in a list ("a third of the way").
_SHARE_AFTER = re.compile(r"^\s+of\b(?!\s+(?:the\s+)?way\b)", re.IGNORECASE)
_PERIOD_HALF_BEFORE = re.compile(r"\b(?:first|second|back|front|latter|other|past|last|next|H)\s*$", re.I)


def directions(text: str) -> list[Direction]:
    """Words saying a figure went up (+1) or down (-1)."""
    return [
        Direction(sign=1 if m.group("up") else -1, start=m.start(), end=m.end())
        for m in _DIRECTION_RE.finditer(text)
    ]


# A sentence's end: a full stop, "!" or "?" (and a closing quote or bracket) before white space and a capital,
# or a blank line; not the stop of an initial ("U.S. Consumer", "J.P. Morgan") or of a short form ("Inc.
# Europe", "vs. Q3").
_SENTENCE_END = re.compile(
    r"(?<![A-Z])(?<!\bInc)(?<!\bCorp)(?<!\bCo)(?<!\bLtd)(?<!\bSt)(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bNo)"
    r"(?<!\bvs)(?<!\b[JS]r)[.!?][\"')\]’”]*+\s++(?=[A-Z])"
    r"|\n[ \t]*+\n"
)


def direction_near(text: str, start: int, end: int, window: int = 40) -> int:
    """The direction word nearest to a span within `window` characters (a leading minus sign counts)."""
    if start > 0 and text[start - 1 : start] in "-−" and (start < 2 or not text[start - 2].isalnum()):
        return -1
    if text[start : start + 1] in "-−":
        return -1
    if (start > 0 and text[start - 1 : start] == "+") or text[start : start + 1] == "+":
        return 1
    if start > 0 and text[start - 1] == "(" and text[end - 1 : end + 1] == "%)":
        return -1  # a percentage in brackets is a filing's negative one: "unfavorable volumes (4%)"
    if text[start : start + 1] == "(" and text[end - 1 : end] == "%" and ")" in text[start:end]:
        return -1  # … or with only its number in them: "(9)%"
    best: tuple[int, int] | None = None
    # (within the figure's sentence: "… was 19.6% versus 10.5% in 2021. The increase in the income …" says
    # nothing of the 10.5%)
    lo = max(0, start - window)
    hi = end + window
    for stop in _SENTENCE_END.finditer(text, lo, start):
        lo = stop.end()
    after = _SENTENCE_END.search(text, end, hi)
    if after is not None:
        hi = after.start()
    for d in directions(text[lo:hi]):
        offset = lo
        distance = min(abs(offset + d.end - start), abs(offset + d.start - end))
        if best is None or distance < best[0]:
            best = (distance, d.sign)
    return 0 if best is None else best[1]


def changes(text: str) -> list[Quantity]:
    """Change claims with no digits ("doubled", "halved", "down more than a fifth") and shares said as
    fractions ("a third of Meta's costs": 33.3%, a level, not a change)."""
    found: list[Quantity] = []
    for m in _CHANGE_RE.finditer(text):
        change = True
        if m.group("word"):
            value, sign = _CHANGE_WORDS[m.group("word").lower()]
        else:
            value = FRACTION_WORDS[" ".join(m.group("frac").lower().split())] * 100
            sign = direction_near(text, m.start(), m.end())
            if sign == 0:
                share = _SHARE_AFTER.match(text[m.end() : m.end() + 20]) and not _PERIOD_HALF_BEFORE.search(
                    text[max(0, m.start() - 10) : m.start()]
                )
                if not share:
                    continue  # "the second half", "a third time": neither a change nor a share
                change = False
        found.append(
            Quantity(
                value=value,
                unit=Unit.PERCENT,
                text=m.group(0),
                start=m.start(),
                end=m.end(),
                bound=bound_before(text, m.start()),
                change=change,
                direction=sign if change else 0,
            )
        )
    return found


# A percentage said where a move went to or started from is a level: "the margin went up to 13.6%", "down
# from 20.8%".
_LEVEL_BEFORE = re.compile(
    r"(?<![\w-])(?:(?:(?:went|goes|go|going|gone|moved|came|was|were|is)\s++(?:up|down)|down|rose|risen|fell|"
    r"fallen|increased|decreased|declined|dropped|climbed|jumped|improved|slipped)\s++(?:to|from)|"
    r"from\s++(?:[^,.;:!?]|[.,](?=\d)){1,30}?\s++to)\s++"
    r"(?:(?:about|around|roughly|like|almost|nearly|just|under|over|only)\s++)?+\Z",
    re.IGNORECASE,
)
# A growth rate said where it went stays a change: "Cloud growth accelerated to 28%".
_GROWTH_BEFORE = re.compile(r"\bgrowth\b", re.IGNORECASE)
_LEVEL_REACH = 48
_COMPARED_AFTER = re.compile(r"(?<![ \t])[ \t]*+,?[ \t]*+(?:up|down)[ \t]++from\b", re.IGNORECASE)

# A percentage said as a share: "76% of consolidated net revenues".
_SHARE_OF = re.compile(r"(?<!\s)\s++of\b")

# "… by 2.0%": a percentage said as the size of a change, whose verb may be a clause away.
_BY_BEFORE = re.compile(r"\bby\s+(?:(?:approximately|about|nearly|roughly|almost)\s+)?\Z", re.IGNORECASE)
_BY_WINDOW = 90
# A verb of raising right before what it raised and a percentage: "raised the dividend six percent" (not where
# it went, "raised it to six percent", nor a level said after another verb, "raised prices and its tax rate
# was 23.4%"; and said only of a percentage: "raised $5 billion" is money taken in).
_RAISED_BEFORE = re.compile(
    r"\b(?:raised|raises|raising|raise|hiked|hikes|hiking|boosted|bumped)\b"
    r"(?:(?!\b(?:to|and|or|but|was|were|is|are|of)\b)[^.,;:!?\d]){0,30}+\Z",
    re.IGNORECASE,
)


def with_changes(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """Mark percentages that describe a change ("grew 16%", "fell 9%") and add change words and shares."""
    marked: list[Quantity] = []
    amounts_end = sorted(o.end for o in quantities if o.unit in AMOUNT_UNITS)
    for q in quantities:
        if q.unit == Unit.PERCENT:
            # a share said after the level a move went to is no move: in "decreased 15% to $4.9 billion and
            # were 76% of net revenues", 76% is a share ("decreased $874 million, or about 12%" is the move)
            level = 0
            if _SHARE_OF.match(text, q.end):
                before = bisect.bisect_right(amounts_end, q.start)
                level = amounts_end[before - 1] if before else 0
            sign = direction_near(text[level:], q.start - level, q.end - level)
            # ("grew 12%, up from 8%": the rate a growth rate is compared with is a growth rate too)
            after_move = bool(
                marked
                and marked[-1].change
                and marked[-1].unit == Unit.PERCENT
                and not re.search(r"[.!?;]", text[marked[-1].end : q.start])
            )
            if (
                sign
                and not after_move
                and not _GROWTH_BEFORE.search(text, max(0, q.start - _LEVEL_REACH), q.start)
                and (
                    _LEVEL_BEFORE.search(text, max(0, q.start - _LEVEL_REACH), q.start)
                    # "margin was 19.1%, down from 20.8%": a level compared with the one before, no word
                    # before it saying it moved
                    or (
                        _COMPARED_AFTER.match(text, q.end)
                        and not directions(text[max(level, q.start - _LEVEL_REACH) : q.start])
                    )
                )
            ):
                sign = 0  # "went up to thirteen point six percent", "down from 20.8%": where it went or began
            if not sign and _RAISED_BEFORE.search(text, max(0, q.start - _LEVEL_REACH), q.start):
                sign = 1  # "just raised the dividend six percent", "hiked prices ten percent"
            if not sign and _BY_BEFORE.search(text, max(0, q.start - 30), q.start):
                # "increased our quarterly dividend payment by 2.0%": the verb may sit further back
                sign = direction_near(text, q.start, q.start, window=_BY_WINDOW)
            if sign:
                q = q.model_copy(update={"change": True, "direction": sign})
        marked.append(q)
    extra = [c for c in changes(text) if not any(c.start < q.end and q.start < c.end for q in marked)]
    return sorted(marked + extra, key=lambda q: q.start)
