"""The date check: "it came out in June", "that closed at the end of June", "knowledge cutoff is December
2023", "closed in early 2018", "two weeks ago [around December 6, 2024]" against "Model Release Date: July
23, 2024", "which we acquired on August 28, 2017", "In October 2017, 3M completed the acquisition of …".

A claim date settles only against a passage date of the same event — a release, a deal closing, a
knowledge cutoff — named just before it (`_CUE_REACH`), or, for a closing, right after it; a closing only
when that clause names the deal the claim names or names none. Month, and day and year where both sides give
them, must agree; "the end of June" gives a month only, a part of a year or a season a span of months
("early 2018": January to April), and a day put in "around" agrees within `date_around_days` (a setting). A
claim that names no event, or a passage whose dates belong to no event of that kind, settles nothing.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from enum import StrEnum
from typing import NamedTuple

from spacy.lang.en.stop_words import STOP_WORDS

from claimcheck.claims.rewrite import AROUND
from claimcheck.companies import company_key
from claimcheck.quantities import spoken_to_digits
from claimcheck.text import MONTH_NAMES, ORDINAL_DAYS, ORDINAL_TENS, WEEKDAY_NAMES


class Event(StrEnum):
    RELEASE = "release"
    CLOSING = "closing"
    CUTOFF = "cutoff"


# A knowledge cutoff named outright.
_CUTOFF_SAID = re.compile(r"\b(?:cut-?off|knowledge)\b", re.IGNORECASE)
# What the claim says happened on the date, and how a source says the same.
_CLAIM_CUES: dict[Event, re.Pattern[str]] = {
    Event.RELEASE: re.compile(
        r"\b(?:came out|comes out|released?|launch(?:ed|es)?|dropped|shipped|debuted|went live|out on)\b",
        re.IGNORECASE,
    ),
    Event.CLOSING: re.compile(r"\b(?:closed|closing|completed|acquired|acquisition|bought)\b", re.IGNORECASE),
    # "the data goes up to the end of 2023", "it stopped at December twenty three" (`claim_dates` keeps these
    # for a claim that speaks of data)
    Event.CUTOFF: re.compile(
        rf"{_CUTOFF_SAID.pattern}"
        r"|\b(?:(?:go(?:es)?|went|runs?|ran)\s+up\s+to|runs?\s+through|stop(?:s|ped)\s+at)\b",
        re.IGNORECASE,
    ),
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
_DAY_WORD = "|".join(sorted(ORDINAL_DAYS, key=len, reverse=True))
_DATE = re.compile(
    rf"\b(?P<month>{_MONTH})\b(?:\s+(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"|\s+(?:the\s+)?(?P<dayword>(?:twenty[- ]|thirty[- ])?(?:{_DAY_WORD}))\b)?"
    r"(?:,?\s+(?:of\s+)?(?P<year>(?:19|20)\d\d)\b)?",
)
# A part of a year said without a month ("early 2018", "mid-2024", "late twenty twenty three" once spoken
# numbers are digits), and the months each may mean; the parts overlap, as speakers round.
_YEAR_PART = re.compile(
    r"\b(?P<part>early|mid|late)[- ]?(?P<year>(?:19|20)\d\d)\b"
    r"|\b(?P<season>spring|summer|fall|autumn)(?:\s++of)?(?:\s++(?P<season_year>(?:19|20)\d\d))?\b",
    re.IGNORECASE,
)
# (winter straddles two years, and is left unread)
_PART_MONTHS = {"early": (1, 4), "mid": (4, 9), "late": (9, 12), "spring": (3, 5), "summer": (6, 8)}
_PART_MONTHS |= {"fall": (9, 11), "autumn": (9, 11)}


# A season said without its year is one only after these ("in the spring", "this fall"; not "prices started to
# fall", "sales spring back").
_SEASON_BEFORE = re.compile(r"\b(?:in|the|this|last|by|early|late)\s++$", re.IGNORECASE)


def _parts_of_years(text: str) -> list[Date]:
    """The parts of years and the seasons a claim says, each as its span of months."""
    out = []
    for m in _YEAR_PART.finditer(text):
        bare_season = m.group("season") and not m.group("season_year")
        if bare_season and not _SEASON_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue
        first, last = _PART_MONTHS[(m.group("part") or m.group("season")).lower()]
        year = m.group("year") or m.group("season_year")
        out.append(Date(first, None, int(year) if year else None, m.group(0), m.start(), m.end(), last))
    return out


# How a day put in for "two weeks ago" is marked (`claims.rewrite.AROUND`); how far off it may be is
# `Settings.date_around_days`.
_AROUND_BEFORE = f"[{AROUND} "
AROUND_DAYS = 7  # (the setting's default, for a caller without settings)


def _ordinal(d: Date) -> int:
    """The day's number (a month's middle when it names no day)."""
    last = calendar.monthrange(d.year or 1, d.month)[1]
    return dt.date(d.year or 1, d.month, min(d.day or 15, last)).toordinal()


# The words that make "goes up to" or "stopped at" a cutoff of data.
_DATA_SAID = re.compile(r"\b(?:data|datasets?|trained|training|pre-?train(?:ed|ing)?)\b", re.IGNORECASE)
_STOPPED_AT = re.compile(
    rf"\bstop(?:s|ped)\s++at\s++(?:the\s++end\s++of\s++)?(?:{_MONTH}|(?:19|20)\d\d)\b", re.IGNORECASE
)
# A year's end said without its month: "the end of 2023" (once spoken numbers are digits).
_YEAR_END = re.compile(r"\b(?:the\s+)?end\s+of\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)
# "May" alone is a month only after one of these ("in May", "end of May").
_MAY_AS_MONTH = re.compile(r"\b(?:in|of|since|by|until|early|late|mid|from|to)\s+$", re.IGNORECASE)


class Date(NamedTuple):
    month: int
    day: int | None
    year: int | None
    text: str
    start: int
    end: int
    last_month: int | None = None  # a part of a year ("mid 2024"): the months `month` to `last_month`
    around: bool = False  # a day put in as about that day ("two weeks ago [around November 22, 2024]")


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
    tens = ORDINAL_TENS.get(parts[0], 0) if len(parts) > 1 else 0
    return tens + ORDINAL_DAYS[parts[-1]]


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
    if Event.CUTOFF in events and not any(p.search(said) for p in (_CUTOFF_SAID, _DATA_SAID, _STOPPED_AT)):
        # "went up to" dates a cutoff only when the claim speaks of data, and "stopped at" when a date follows
        # it ("usage went up to a million developers in March 2024" does not)
        events.remove(Event.CUTOFF)
    if len(events) != 1:  # no event, or several ("released … and acquired …"): nothing to compare
        return []
    found = [
        d._replace(around=True, text=f"{AROUND} {d.text}")
        if said[max(0, d.start - len(_AROUND_BEFORE)) : d.start] == _AROUND_BEFORE
        else d
        for d in dates(said)
    ] + _parts_of_years(said)
    if events[0] == Event.CUTOFF:
        # "up to the end of 2023" is December 2023
        found += [Date(12, None, int(m["year"]), m[0], m.start(), m.end()) for m in _YEAR_END.finditer(said)]
        # a knowledge cutoff is a month and a year: "December twenty three" is December 2023, not the 23rd
        # (an ordinal, "December twentieth", "the 23rd", stays a day)
        found = [
            d._replace(day=None, year=2000 + d.day, text=f"{MONTH_NAMES[d.month - 1]} {2000 + d.day}")
            if d.year is None and d.day and d.day >= 10 and d.text[-1].isdigit()  # not "the 23rd"
            else d
            for d in found
        ]
    return [(events[0], d) for d in found]


def _same(claimed: Date, given: Date, around_days: int) -> bool:
    if claimed.around and claimed.day and claimed.year:
        # a day a speaker gave in days or weeks back agrees with one within `around_days` of it, or with a
        # month that comes that near ("December 2024"); a source date without its year is of the claim's
        year = given.year or claimed.year
        day = _ordinal(claimed)
        if given.day is not None:
            return abs(_ordinal(given._replace(year=year)) - day) <= around_days
        first = dt.date(year, given.month, 1).toordinal()
        last = first + calendar.monthrange(year, given.month)[1] - 1
        return first - around_days <= day <= last + around_days
    if claimed.last_month is not None:
        if not claimed.month <= given.month <= claimed.last_month:
            return False
    elif claimed.month != given.month:
        return False
    if claimed.year is not None and given.year is not None and claimed.year != given.year:
        return False
    return claimed.day is None or given.day is None or claimed.day == given.day


def check_dates(
    claim_text: str, passage_text: str, owner: str | None = None, around_days: int = AROUND_DAYS
) -> list[DateCheck]:
    """One check per claim date that a passage date of the same event settles (agreeing if any does). A
    closing settles only when the clause that dates it (`_event_words`) names what the claim says closed,
    or names nothing but the buyer, `owner` ("We acquired Whole Foods Market on August 28, 2017" says
    nothing of Souq)."""
    checks: list[DateCheck] = []
    for event, claimed in claim_dates(claim_text):
        candidates = [
            d
            for d in dates(passage_text)
            if (span := _event_words(passage_text, d, event)) is not None
            and (event != Event.CLOSING or _same_deal(claim_text, passage_text[span[0] : span[1]], owner))
        ]
        if not candidates:
            continue
        agreeing = [d for d in candidates if _same(claimed, d, around_days)]
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
    """The source names `event` just before `date` ("Model Release Date: July 23, 2024"), or a closing
    right after it ("In October 2017, 3M completed the acquisition of …", "…, we acquired Souq")."""
    return _event_words(text, date, event) is not None


def _event_words(text: str, date: Date, event: Event) -> tuple[int, int] | None:
    """Where the source says what happened on `date`: from the start of its clause to the date when the
    event is named before it, or from the date to the clause's end when a closing is named after it; None
    when the source names no such event there."""
    lo = max(0, date.start - _CUE_REACH[event])
    cues = list(_SOURCE_CUES[event].finditer(text, lo, date.start))
    if cues:
        cue = cues[-1]
        return max(lo, _last_break(text, cue.start())), date.start
    if event == Event.CLOSING and _CLOSED_AFTER.match(text, date.end):
        ends = [i for i in (text.find(". ", date.end), _next_date(text, date.end)) if i >= 0]
        return date.end, min([*ends, len(text), date.end + _DEAL_REACH])
    return None


def _last_break(text: str, at: int) -> int:
    """Where the sentence or listed item holding `at` starts (after ". " or "; "), else 0."""
    found = max(text.rfind(". ", 0, at), text.rfind("; ", 0, at))
    return found + 2 if found >= 0 else 0


def _next_date(text: str, at: int) -> int:
    m = _DATE.search(text, at)
    return m.start() if m else -1


# A closing named right after its date: ", 3M completed the acquisition of", ", we acquired Souq".
_CLOSED_AFTER = re.compile(
    r"(?<!\s)\s*+,?\s++(?:[\w.&-]++\s++){0,3}?(?:(?:completed|closed)\s++(?:the\s++|its\s++|our\s++)?"
    r"(?:acquisition|sale|purchase|divestiture|merger)\b|acquired\b)",
    re.IGNORECASE,
)
# A capitalised word that names something (not a month, a pronoun or a corporate word).
_NAME_WORD = re.compile(r"\b[A-Z][\w&'’-]*+")
_NOT_NAMES = frozenset(
    {*MONTH_NAMES, "Inc", "Corporation", "Company", "Ltd", "Yeah", "Okay", "Oh", "Um", "Uh"}
    | set(WEEKDAY_NAMES)
)
_FIRST_WORD = re.compile(r"\A\W*+[\w'’-]++")
_FRONT_NAME = re.compile(r"\A\s*+\[[^\[\]]*+\]")
# How far after a source's closing date its clause may name what closed.
_DEAL_REACH = 250


def _names_in(text: str) -> set[str]:
    """The capitalised words of `text` that may name something ("That", "We", "In" do not)."""
    words = {w.removesuffix("'s").removesuffix("’s") for w in _NAME_WORD.findall(text)}
    return {w.lower() for w in words if w not in _NOT_NAMES and w.lower() not in STOP_WORDS}


def _same_deal(claim_text: str, clause: str, owner: str | None = None) -> bool:
    """Whether the source's clause that dates the closing (`_event_words`) may be about the deal the claim
    dates: it names one of the claim's names, or one of them names nothing ("That closed at the end of
    June", whose subject the claims stage has already tied to the source's company). The buyer, the
    filing's company (`owner`), names no deal: "Amazon acquired Whole Foods Market" is not the Souq deal of
    "Amazon closed the Souq deal"."""
    buyer = set(company_key(owner)) if owner else set()
    around = _names_in(clause) - buyer
    # (a name put in front of the claim, "[3M]", is whose the claim is, not what closed; one put in for a
    # pronoun further on, "closed it [Souq]", is what closed; its first word is capitalised whatever it is)
    said = _names_in(_FIRST_WORD.sub(" ", _FRONT_NAME.sub(" ", claim_text), count=1)) - buyer
    return not around or not said or bool(around & said)
