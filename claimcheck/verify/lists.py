"""The list check: "it supports eight languages, including Chinese and Japanese" against "**Supported
languages:** English, German, French, Italian, Portuguese, Hindi, Spanish, and Thai."

A claim that counts the items of a named list (languages) and may name some of them is read against a
source that lists them: the count must be the list's length, and each item the claim names must be on it.
The count and the items are separate parts: right count and a wrong item is Partially True.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from claimcheck.quantities import parse_number

# "eight languages, including Chinese and Japanese": the kind, the count in the two words before it, and
# what follows "including" up to the end of the clause. Found from the kind word outwards, each piece a
# bounded pattern, so no search backtracks over a long text.
_KIND = re.compile(r"\b(?P<kind>languages)\b", re.IGNORECASE)
_COUNT_BEFORE = re.compile(r"(?:(?P<first>[^\s-]{1,20})[ -])?(?P<last>[^\s-]{1,20})\s{1,3}$")
# The items: after "including" (or "like", "such as") within `_ITEMS_GAP` characters of the kind word and
# in the same clause, up to the clause's end.
_ITEMS_CUE = re.compile(r"\b(?:including|like|such as|incl\.)\s{1,3}", re.IGNORECASE)
_ITEMS_GAP = 80
_ITEMS = re.compile(r"[^.;]{1,200}")
# "**Supported languages:** English, German, …": a label with a colon, then names.
_SOURCE = re.compile(
    r"\bsupported\s+(?P<kind>languages)[*_\s]{0,3}:[*_\s]{0,3}(?P<items>[^\n]+?)(?:\.\s|\.$|\n|$)",
    re.IGNORECASE,
)
# A listed item is a name of a word or three ("English", "Brazilian Portuguese").
_NAME = re.compile(r"[A-Z][\w'-]*(?: [A-Z][\w'-]*){0,2}")
_SPLIT = re.compile(r",|\band\b|&")


class ListCheck(NamedTuple):
    kind: str
    claimed_count: int | None
    listed: tuple[str, ...]
    count_agrees: bool | None  # None: the claim gives no count
    missing: tuple[str, ...]  # items the claim names that the list lacks


def _items(text: str) -> list[str]:
    words = [w.strip(" *_`") for w in _SPLIT.split(text.strip())]
    return [w for w in words if w]


def _items_after(text: str, start: int) -> str:
    """What follows the first "including" of the clause that starts at `start`, if it is near."""
    cue = _ITEMS_CUE.search(text, start, start + _ITEMS_GAP + len("such as") + 3)
    if cue is None or cue.start() - start > _ITEMS_GAP or re.search(r"[.;]", text[start : cue.start()]):
        return ""
    items = _ITEMS.match(text, cue.end())
    return items.group() if items else ""


def claimed_lists(text: str) -> list[tuple[str, int | None, list[str]]]:
    """(kind, count, named items) for each list the claim counts ("eight languages, including …")."""
    out: list[tuple[str, int | None, list[str]]] = []
    for m in _KIND.finditer(text):
        before = _COUNT_BEFORE.search(text[max(0, m.start() - 45) : m.start()])
        if before is None:
            continue
        count = None
        if before.group("first"):
            count = parse_number(f"{before.group('first')} {before.group('last')}")
        if count is None:
            count = parse_number(before.group("last"))
        if count is None or count != int(count):
            continue
        items = [i for i in _items(_items_after(text, m.end())) if i[:1].isupper()]
        out.append((m.group("kind").lower(), int(count), items))
    return out


def check_lists(claim_text: str, passage_text: str) -> list[ListCheck]:
    """One check per list the claim counts that the passage lists."""
    listed = {
        m.group("kind").lower(): items
        for m in _SOURCE.finditer(passage_text)
        if (items := _items(m.group("items"))) and all(_NAME.fullmatch(i) for i in items)
    }
    checks = []
    for kind, count, items in claimed_lists(claim_text):
        source = listed.get(kind)
        if not source:
            continue
        lowered = {s.lower() for s in source}
        checks.append(
            ListCheck(
                kind=kind,
                claimed_count=count,
                listed=tuple(source),
                count_agrees=None if count is None else count == len(source),
                missing=tuple(i for i in items if i.lower() not in lowered),
            )
        )
    return checks


def lists_something(text: str) -> bool:
    """Whether a source text lists a kind the check knows ("Supported languages: English, …")."""
    return any(
        all(_NAME.fullmatch(i) for i in items)
        for m in _SOURCE.finditer(text)
        if (items := _items(m.group("items")))
    )
