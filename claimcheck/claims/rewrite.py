"""A first-pass checkable wording of a claim (`decontextualise`).

Fillers, hesitations and stutters out; the subject named in [brackets] where the claim leans on context
(claims/subjects.py decides who it is, and whether that is clear enough); relative times anchored on the
transcript's date ("last year" -> "last year [2024]").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence

from spacy.tokens import Span, Token

from claimcheck.claims.subjects import EditMode, Lexicon, SubjectEdit, SubjectTracker
from claimcheck.quantities import WORD_NUMBERS
from claimcheck.settings import Settings
from claimcheck.text import MONTH_NAMES, ORDINAL_DAYS, ORDINAL_TENS, WEEKDAY_NAMES

# Discourse markers dropped at the start of a claim ("So, …", "And …", "Yeah, like, …").
_LEADING_MARKERS: tuple[tuple[str, ...], ...] = (
    ("you", "know"),
    ("i", "mean"),
    ("so",),
    ("and",),
    ("but",),
    ("also",),
    ("okay",),
    ("ok",),
    ("well",),
    ("yeah",),
    ("yes",),
    ("like",),
    ("basically",),
    ("honestly",),
    ("frankly",),
    ("actually",),
    ("um",),
    ("uh",),
)
# Dropped at the start only when a comma follows ("Look, …" but not "Look at the numbers").
_COMMA_MARKERS = frozenset({"look", "listen", "right", "anyway", "now"})
_HESITATIONS = frozenset({"um", "uh", "er", "erm", "uhm", "hmm"})
# Interjections dropped inside a sentence when commas set them off ("… and, yeah, that's …").
_INTERJECTIONS = frozenset({"yeah", "okay", "ok", "basically"})
# Doubled words that are grammatical ("he had had", "that that"), never collapsed.
_LEGIT_REPEATS = frozenset({"had", "that"})
# Said twice in a year: "twenty twenty three", "nineteen nineteen".
_YEAR_REPEATS = frozenset({"twenty", "nineteen"})
_CONTRACTIONS = {"'re": "are", "'ve": "have", "'ll": "will", "'d": "would", "’re": "are", "’ve": "have"}


def _matches(tokens: Sequence[Token], at: int, words: tuple[str, ...]) -> bool:
    if at + len(words) > len(tokens):
        return False
    return all(tokens[at + k].lower_ == word for k, word in enumerate(words))


def _is_filler_like(tokens: Sequence[Token], i: int) -> bool:
    """'like' used as a filler: tagged as an interjection or set off by a comma, and not 'like 2 trillion'."""
    tok = tokens[i]
    if tok.lower_ != "like":
        return False
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is not None and (nxt.like_num or nxt.text[:1] in "$€£"):
        return False  # a hedge on a figure, kept: quantities reads "like 2 trillion" as approximate
    prev = tokens[i - 1] if i > 0 else None
    comma_near = (nxt is not None and nxt.text == ",") or (prev is not None and prev.text == ",")
    return tok.tag_ == "UH" or tok.pos_ == "INTJ" or comma_near


def _drop_with_comma(tokens: Sequence[Token], begin: int, end: int, drop: set[int]) -> None:
    """Drop tokens[begin:end] and the commas that set them off."""
    drop.update(range(begin, end))
    before = begin > 0 and tokens[begin - 1].text == ","
    after = end < len(tokens) and tokens[end].text == ","
    if before and after:  # "Acme, like, doubled" -> "Acme doubled"
        drop.update((begin - 1, end))
    elif before:
        drop.add(begin - 1)
    elif after:
        drop.add(end)


def _comma_flanked(tokens: Sequence[Token], begin: int, end: int) -> bool:
    return (end < len(tokens) and tokens[end].text == ",") or (begin > 0 and tokens[begin - 1].text == ",")


def _drop_stutters(tokens: Sequence[Token], drop: set[int]) -> None:
    """Repeated words and phrases: "the the hardware", "for, for meta", "where's my where's my summary"."""
    for n in (3, 2, 1):
        for k in range(len(tokens) - n):
            phrase = tokens[k : k + n]
            if any(j in drop for j in range(k, k + n)) or not phrase[0].is_alpha:
                continue
            if any(tok.is_punct for tok in phrase) or (n == 1 and phrase[0].lower_ in _LEGIT_REPEATS):
                continue
            nxt = k + n
            if nxt < len(tokens) and tokens[nxt].text == ",":
                nxt += 1
            elif n == 1 and phrase[0].lower_ in _YEAR_REPEATS:
                continue  # "twenty twenty three" is a year, not a stutter ("twenty, twenty two" is one)
            again = tokens[nxt : nxt + n]
            if len(again) == n and [t.lower_ for t in again] == [t.lower_ for t in phrase]:
                drop.update(range(k, nxt))


def _drop_marks(tokens: Sequence[Token]) -> set[int]:
    drop: set[int] = set()
    # 1. discourse markers and stray punctuation at the start
    i = 0
    while i < len(tokens):
        if tokens[i].is_punct:
            drop.add(i)
            i += 1
            continue
        marker = next((m for m in _LEADING_MARKERS if _matches(tokens, i, m)), None)
        if (
            marker is None
            and tokens[i].lower_ in _COMMA_MARKERS
            and i + 1 < len(tokens)
            and tokens[i + 1].text == ","
        ):
            marker = (tokens[i].lower_,)
        if marker is None:
            break
        after = i + len(marker)
        if after < len(tokens) and tokens[after].is_punct and tokens[after].text not in ",;":
            break  # "So." alone is the whole sentence: leave it
        drop.update(range(i, after))
        i = after
    # 2. fillers and hesitations inside
    for k, tok in enumerate(tokens):
        if k in drop:
            continue
        if tok.lower_ in _HESITATIONS:
            drop.add(k)
        elif _is_filler_like(tokens, k) or (
            tok.lower_ in _INTERJECTIONS and _comma_flanked(tokens, k, k + 1)
        ):
            _drop_with_comma(tokens, k, k + 1, drop)
        elif (_matches(tokens, k, ("you", "know")) or _matches(tokens, k, ("i", "mean"))) and _comma_flanked(
            tokens, k, k + 2
        ):
            _drop_with_comma(tokens, k, k + 2, drop)
    # 3. stutters
    _drop_stutters(tokens, drop)
    return drop


def _render(tokens: Sequence[Token], drop: set[int], replace: dict[int, str]) -> str:
    out: list[str] = []
    for k, tok in enumerate(tokens):
        if k in drop:
            # keep the word gap a dropped token leaves ("building, like if" -> "building if")
            if tok.whitespace_ and out and not out[-1].endswith(" "):
                out.append(" ")
            continue
        out.append(replace.get(k, tok.text) + tok.whitespace_)
    text = "".join(out)
    text = re.sub(r"\s+([,.;:?!])", r"\1", text)
    text = re.sub(r",(\s*,)+", ",", text)
    text = re.sub(r",\s*([.?!;])", r"\1", text)
    text = re.sub(r"^[\s,;:.]+", "", text)
    text = re.sub(r"\s{2,}", " ", text).strip()
    return text[:1].upper() + text[1:]


# Relative time words anchored on the transcript's date ("last year" -> "last year [2024]").
_RELATIVE_OFFSETS = {"last": -1, "this": 0, "next": 1}
_PERIOD_WORDS = {
    "year": "year",
    "years": "year",
    "quarter": "quarter",
    "quarters": "quarter",
    "month": "month",
    "months": "month",
    "week": "week",
    "weeks": "week",
    "day": "day",
    "days": "day",
}
_COUNT_WORDS = {"a": 1, "an": 1, **{w: int(v) for w, v in WORD_NUMBERS.items() if v <= 12 and " " not in w}}
# A day said this many days off or less ("yesterday", "two days ago") is that day; one further off, or said
# in weeks, is about that day (`AROUND`), which the date check reads within a week either way.
_EXACT_DAYS = 2
AROUND = "around"
# Words that make "last week" someone's ("my last week at Meta"), and the most units back a phrase is read.
_OWNERS = frozenset("my his her their our your its".split())
_MOST_BACK = 100
# Before "last year", these make it a stretch of time ("over the last year" = the past twelve months), not a
# calendar year, so it is left alone.
_STRETCH_WORDS = frozenset({"the", "that", "a", "past"})


def period_label(date: dt.date, unit: str, offset: int) -> str:
    """The calendar period `offset` units from the one holding `date`: "2024", "Q4 2024", "February 2025";
    a day a few days or weeks off, as speakers round it: "December 5, 2024" (yesterday), "around November 22,
    2024" (two weeks ago)."""
    if unit in ("week", "day"):
        day = date + dt.timedelta(days=offset * (7 if unit == "week" else 1))
        said = f"{MONTH_NAMES[day.month - 1]} {day.day}, {day.year}"
        return said if unit == "day" and abs(offset) <= _EXACT_DAYS else f"{AROUND} {said}"
    if unit == "year":
        return str(date.year + offset)
    if unit == "quarter":
        index = date.year * 4 + (date.month - 1) // 3 + offset
        return f"Q{index % 4 + 1} {index // 4}"
    index = date.year * 12 + date.month - 1 + offset
    return f"{MONTH_NAMES[index % 12]} {index // 12}"


def _count(tok: Token) -> int | None:
    if tok.text.isdigit():
        return int(tok.text)
    return _COUNT_WORDS.get(tok.lower_)


def _relative_time(tokens: Sequence[Token], k: int) -> tuple[int, str, int] | None:
    """(index of the phrase's last token, unit, offset) when a relative time phrase ends at tokens[k]."""
    if tokens[k].lower_ == "yesterday":
        # ("the day before yesterday" is another day, left unread)
        return None if k >= 1 and tokens[k - 1].lower_ in ("before", "after") else (k, "day", -1)
    unit = _PERIOD_WORDS.get(tokens[k].lower_)
    if unit is not None and unit != "day" and k >= 1 and tokens[k - 1].lower_ in _RELATIVE_OFFSETS:
        # ("last day", "to this day" name no day back: a day is only "yesterday" or "N days ago")
        before = tokens[k - 2].lower_ if k >= 2 else ""
        if tokens[k].lower_ != unit or before in _STRETCH_WORDS or (unit == "week" and before in _OWNERS):
            return None  # ("my last week at Meta" is no calendar week)
        return k, unit, _RELATIVE_OFFSETS[tokens[k - 1].lower_]
    if tokens[k].lower_ == "ago" and k >= 2:
        unit = _PERIOD_WORDS.get(tokens[k - 1].lower_)
        count = _count(tokens[k - 2])
        if (
            unit is not None
            and count is not None
            and count <= _MOST_BACK
            and not (k >= 3 and tokens[k - 3].lower_ == "of")
        ):
            return k, unit, -count
    return None


def _anchor_times(tokens: Sequence[Token], drop: set[int], replace: dict[int, str], date: dt.date) -> None:
    """Add the calendar period in brackets after each relative time phrase: "last year [2024]"."""
    for k in range(len(tokens)):
        found = _relative_time(tokens, k)
        if found is None or k in drop:
            continue
        end, unit, offset = found
        nxt = end + 1
        if nxt < len(tokens) and tokens[nxt].lower_ in ("'s", "’s"):
            end = nxt  # "last year's [2024] results"
            nxt += 1
        if nxt + 1 < len(tokens) and tokens[nxt].text in (",", "(", "—", "–"):
            nxt += 1  # "last year, 2024, …"
        if nxt < len(tokens) and (
            tokens[nxt].text in ("[", "(") or re.fullmatch(r"(?:19|20)\d\d", tokens[nxt].text)
        ):
            continue  # the speaker already named the period
        replace[end] = f"{replace.get(end, tokens[end].text)} [{period_label(date, unit, offset)}]"


_WEEKDAYS = [d.lower() for d in WEEKDAY_NAMES]
_ORDINAL_DAYS = {**ORDINAL_DAYS, "thirtieth": 30}


def _day_of_month(tokens: Sequence[Token], k: int) -> tuple[int, int, int] | None:
    """(day, weekday, index of the day's last token) when tokens[k] opens "the eighteenth" after a weekday
    ("last Thursday, the eighteenth", "Monday the twenty-third"): a day of the month said without its month.
    Not an ordinal that goes on to a noun or a month ("Monday the first thing we did", "the eighteenth of
    March")."""
    if tokens[k].lower_ != "the" or k < 1:
        return None
    before = k - 2 if tokens[k - 1].text == "," else k - 1
    if before < 0 or tokens[before].lower_ not in _WEEKDAYS:
        return None
    weekday = _WEEKDAYS.index(tokens[before].lower_)
    words = [t.lower_ for t in tokens[k + 1 : k + 4]]
    found: tuple[int, int] | None = None
    if words and words[0] in _ORDINAL_DAYS:
        found = _ORDINAL_DAYS[words[0]], k + 1
    elif words and words[0] in ORDINAL_TENS:  # "twenty third", "twenty - third"
        rest = words[2:3] if words[1:2] == ["-"] else words[1:2]
        if rest and rest[0] in _ORDINAL_DAYS and _ORDINAL_DAYS[rest[0]] < 10:
            found = ORDINAL_TENS[words[0]] + _ORDINAL_DAYS[rest[0]], k + (3 if words[1:2] == ["-"] else 2)
    if found is None:
        return None
    day, end = found
    after = tokens[end + 1] if end + 1 < len(tokens) else None
    if after is not None and (after.is_alpha or after.text == "-"):
        return None
    return day, weekday, end


def _anchor_days(tokens: Sequence[Token], replace: dict[int, str], date: dt.date) -> None:
    """Add the date in brackets after a day of the month said after its weekday ("last Thursday, the
    eighteenth [April 18, 2024]"): the nearest such day, before the transcript's date or after it, that
    falls on that weekday; none when neither does."""
    for k in range(len(tokens)):
        found = _day_of_month(tokens, k)
        if found is None:
            continue
        day, weekday, end = found
        said = _nearest_day(date, day, weekday)
        if said is not None:
            replace[end] = (
                f"{replace.get(end, tokens[end].text)} [{MONTH_NAMES[said.month - 1]} {day}, {said.year}]"
            )


def _nearest_day(date: dt.date, day: int, weekday: int) -> dt.date | None:
    """The day `day` of this month, the month before or the month after that falls on `weekday`, nearest
    to `date` (a past one first on a tie)."""
    months = [(date.year, date.month + shift) for shift in (0, -1, 1)]
    days = []
    for year, month in months:
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
        if day <= calendar.monthrange(year, month)[1]:
            days.append(dt.date(year, month, day))
    fits = [d for d in days if d.weekday() == weekday]
    return min(fits, key=lambda d: (abs((d - date).days), d > date)) if fits else None


def _apply_edits(
    tokens: Sequence[Token],
    drop: set[int],
    replace: dict[int, str],
    edits: Sequence[SubjectEdit],
    offset: int,
) -> str:
    """Name the claim's subject as the resolver said; returns the text to put in front ("" if none)."""
    prefix = ""
    for edit in edits:
        lo, hi = edit.start - offset, edit.end - offset
        if edit.mode == EditMode.PREFIX:
            prefix = edit.text
            continue
        if not (0 <= lo < hi <= len(tokens)):
            continue
        if edit.mode == EditMode.AFTER:
            replace[hi - 1] = f"{replace.get(hi - 1, tokens[hi - 1].text)} {edit.text}"
            continue
        kept = [k for k in range(lo, hi) if k not in drop] or [hi - 1]
        drop.update(range(lo, hi))
        drop.discard(kept[0])
        replace[kept[0]] = edit.text
        following = hi
        if following < len(tokens) and not edit.text.endswith("'s]"):
            contraction = tokens[following]
            if contraction.lower_ in _CONTRACTIONS:
                replace[following] = " " + _CONTRACTIONS[contraction.lower_]
            elif contraction.lower_ in ("'s", "’s"):
                replace[following] = " has" if contraction.lemma_ == "have" else " is"
    return prefix


def _edits_from(
    sent: Span, previous: Sequence[Span], antecedent: str | None, settings: Settings
) -> tuple[SubjectEdit, ...]:
    """Resolve `sent` against `previous` alone (no front matter): for callers without a tracker."""
    tracker = SubjectTracker(Lexicon(), settings)
    for span in previous:
        tracker.resolve(span)
    resolution, _ = tracker.resolve(sent, antecedent=antecedent)
    return resolution.edits


def decontextualise(
    sent: Span,
    previous: Sequence[Span] = (),
    *,
    settings: Settings,
    date: dt.date | None = None,
    antecedent: str | None = None,
    edits: Sequence[SubjectEdit] | None = None,
) -> str:
    """A first-pass checkable wording: fillers out, the subject named in [brackets] where the claim leans on
    context, relative times anchored on `date` ("last year [2024]"). Numbers said in words stay words: a bare
    "twenty two" is not a figure the way "22" is (the search reads them in digits: `spoken_to_digits`).

    `edits` come from the transcript's `SubjectTracker` (claims/subjects.py); without them, `sent` is resolved
    against the `previous` sentences and `antecedent` (the subject of the clause just before, when `sent` was
    cut from a run-on sentence). Nothing is named when the referent is not clear.
    """
    tokens = list(sent)
    drop = _drop_marks(tokens)
    replace: dict[int, str] = {}
    if edits is None:
        edits = _edits_from(sent, previous, antecedent, settings)
    prefix = _apply_edits(tokens, drop, replace, edits, sent.start)
    if date is not None:
        _anchor_times(tokens, drop, replace, date)
        _anchor_days(tokens, replace, date)
    text = _render(tokens, drop, replace)
    return f"{prefix} {text}" if prefix and text else text
