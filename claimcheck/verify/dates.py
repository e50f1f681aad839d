"""The date check: "it came out in June", "that closed at the end of June", "knowledge cutoff is December
2023" against "Model Release Date: July 23, 2024", "which we acquired on August 28, 2017".

A claim date settles only against a passage date of the same event — a release, a deal closing, a
knowledge cutoff — said just before it (`_CUE_REACH`). Month, and day and year where
both sides give them, must agree; "the end of June" gives a month only. A claim that names no event, or a
passage whose dates belong to no event of that kind, settles nothing.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import NamedTuple

from claimcheck.quantities import spoken_to_digits
from claimcheck.text import MONTH_NAMES


class Event(StrEnum):
    RELEASE = "release"
    CLOSING = "closing"
    CUTOFF = "cutoff"


# What the claim says happened on the date, and how a source says the same.
_CLAIM_CUES: dict[Event, re.Pattern[str]] = {
    Event.RELEASE: re.compile(
        r"\b(?:came out|comes out|released?|launch(?:ed|es)?|dropped|shipped|debuted|went live|out on)\b",
        re.IGNORECASE,
    ),
    Event.CLOSING: re.compile(r"\b(?:closed|closing|completed|acquired|acquisition)\b", re.IGNORECASE),
    Event.CUTOFF: re.compile(r"\b(?:cut-?off|knowledge)\b", re.IGNORECASE),
}
_SOURCE_CUES: dict[Event, re.Pattern[str]] = {
    Event.RELEASE: re.compile(r"\b(?:release date|released|launched|general availability)\b", re.IGNORECASE),
    # "which we acquired on August 28, 2017", "the acquisition closed on …": not "agreed in June to acquire"
    Event.CLOSING: re.compile(r"\b(?:acquired|closed|completed)(?:\s+\w+){0,3}?\s+on\s+$", re.IGNORECASE),
    Event.CUTOFF: re.compile(r"\bcut-?off\b", re.IGNORECASE),
}
# How far before a passage date its event may be named: a table's header cell for a cutoff, the same
# phrase for a closing.
_CUE_REACH: dict[Event, int] = {Event.RELEASE: 120, Event.CLOSING: 40, Event.CUTOFF: 400}
_MONTH = "|".join(MONTH_NAMES)
_ORDINALS = {
    w: i + 1
    for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
        "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split()
    )
}
_DAY_WORD = "|".join(sorted(_ORDINALS, key=len, reverse=True))
_DATE = re.compile(
    rf"\b(?P<month>{_MONTH})\b(?:\s+(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"|\s+(?:the\s+)?(?P<dayword>(?:twenty[- ]|thirty[- ])?(?:{_DAY_WORD}))\b)?"
    r"(?:,?\s+(?:of\s+)?(?P<year>(?:19|20)\d\d)\b)?",
)
# "May" alone is a month only after one of these ("in May", "end of May").
_MAY_AS_MONTH = re.compile(r"\b(?:in|of|since|by|until|early|late|mid|from|to)\s+$", re.IGNORECASE)


class Date(NamedTuple):
    month: int
    day: int | None
    year: int | None
    text: str
    start: int
    end: int


class DateCheck(NamedTuple):
    event: Event
    claim: Date
    evidence: Date
    agrees: bool


def _day(match: re.Match[str]) -> int | None:
    if match.group("day"):
        return int(match.group("day"))
    word = match.group("dayword")
    if not word:
        return None
    parts = re.split(r"[- ]", word.lower())
    tens = {"twenty": 20, "thirty": 30}.get(parts[0], 0) if len(parts) > 1 else 0
    return tens + _ORDINALS[parts[-1]]


def dates(text: str) -> list[Date]:
    """Every month-named date in `text` ("July 23, 2024", "April fifth", "December 2023", "June")."""
    out = []
    for m in _DATE.finditer(text):
        if m.group(0) == "May" and not _MAY_AS_MONTH.search(text[max(0, m.start() - 12) : m.start()]):
            continue  # "it may come out": a verb
        out.append(
            Date(
                month=MONTH_NAMES.index(m.group("month")) + 1,
                day=_day(m),
                year=int(m.group("year")) if m.group("year") else None,
                text=m.group(0),
                start=m.start(),
                end=m.end(),
            )
        )
    return out


def _days_in_digits(text: str) -> str:
    """A day said as an ordinal written as one ("July twenty third" → "July 23rd"), before the numbers of the
    text are read as figures, which would make it "July 20 third"."""
    out, last = [], 0
    for m in _DATE.finditer(text):
        if m.group("dayword") and (day := _day(m)) is not None:
            out += [text[last : m.start("dayword")], f"{day}{_suffix(day)}"]
            last = m.end("dayword")
    return "".join(out) + text[last:]


def _suffix(day: int) -> str:
    return "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def claim_dates(text: str) -> list[tuple[Event, Date]]:
    """The dated events a claim states: a date in a clause that names the event ("came out in June")."""
    said = spoken_to_digits(_days_in_digits(text))
    events = [event for event, cue in _CLAIM_CUES.items() if cue.search(said)]
    if len(events) != 1:  # no event, or several ("released … and acquired …"): nothing to compare
        return []
    found = dates(said)
    if events[0] == Event.CUTOFF:
        # a knowledge cutoff is a month and a year: "December twenty three" is December 2023, not the 23rd
        # (an ordinal, "December twentieth", "the 23rd", stays a day)
        found = [
            d._replace(day=None, year=2000 + d.day, text=f"{MONTH_NAMES[d.month - 1]} {2000 + d.day}")
            if d.year is None and d.day and d.day >= 10 and d.text[-1].isdigit()  # not "the 23rd"
            else d
            for d in found
        ]
    return [(events[0], d) for d in found]


def _same(claimed: Date, given: Date) -> bool:
    if claimed.month != given.month:
        return False
    if claimed.year is not None and given.year is not None and claimed.year != given.year:
        return False
    return claimed.day is None or given.day is None or claimed.day == given.day


def check_dates(claim_text: str, passage_text: str) -> list[DateCheck]:
    """One check per claim date that a passage date of the same event settles (agreeing if any does)."""
    checks: list[DateCheck] = []
    for event, claimed in claim_dates(claim_text):
        candidates = [d for d in dates(passage_text) if _dates_event(passage_text, d, event)]
        if not candidates:
            continue
        agreeing = [d for d in candidates if _same(claimed, d)]
        best = agreeing[0] if agreeing else candidates[0]
        checks.append(DateCheck(event, claimed, best, bool(agreeing)))
    return checks


# How sources name each event: what a search for a dated claim adds to its words.
_SOURCE_WORDS: dict[Event, str] = {
    Event.RELEASE: "release date released",
    Event.CLOSING: "acquired on closed",
    Event.CUTOFF: "knowledge cutoff",
}


def date_search_words(text: str) -> str:
    """The words a source uses for the dated event `text` states ("came out in June" → "release date
    released"), "" when it states none: a search adds them to the claim's own words."""
    events = {event for event, _ in claim_dates(text)}
    return " ".join(_SOURCE_WORDS[e] for e in sorted(events))


def dates_an_event(text: str) -> bool:
    """Whether a source text gives the date of an event the check knows ("Model Release Date: July 23,
    2024", "which we acquired on August 28, 2017", a knowledge cutoff)."""
    return any(_dates_event(text, d, event) for d in dates(text) for event in Event)


def _dates_event(text: str, date: Date, event: Event) -> bool:
    """The source names `event` just before `date` ("Model Release Date: July 23, 2024")."""
    return bool(_SOURCE_CUES[event].search(text[max(0, date.start - _CUE_REACH[event]) : date.start]))
