"""A first-pass checkable wording of a claim (`decontextualise`).

Fillers, hesitations and stutters out; a leading "it"/"they" resolved to "[Org]" when an earlier sentence
names one; relative times anchored on the transcript's date ("last year" -> "last year [2024]").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from spacy.tokens import Span, Token

from claimcheck.claims.syntax import SUBJECT_PRONOUNS
from claimcheck.quantities import WORD_NUMBERS
from claimcheck.text import MONTH_NAMES

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
_COMPANY_NOUNS = frozenset({"company", "firm", "startup"})
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


def _is_expletive_it(tok: Token) -> bool:
    """'It' that points at nothing: "it's interesting to see", "it is what it is"."""
    if tok.dep_ == "expl":
        return True
    head = tok.head
    children = {child.dep_ for child in head.children}
    if (
        head.lemma_ == "be"
        and ("acomp" in children or "ccomp" in children)
        and ("xcomp" in children or "ccomp" in children)
    ):
        return True
    return any(child.dep_ in ("xcomp", "ccomp") for child in head.children if child.dep_ == "acomp")


def _recent_org(previous: Sequence[Span]) -> str | None:
    for span in reversed(previous):
        orgs = [ent for ent in span.ents if ent.label_ == "ORG"]
        if orgs:
            return str(orgs[-1].text)
    return None


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
}
_COUNT_WORDS = {"a": 1, "an": 1, **{w: int(v) for w, v in WORD_NUMBERS.items() if v <= 12 and " " not in w}}
# Before "last year", these make it a stretch of time ("over the last year" = the past twelve months), not a
# calendar year, so it is left alone.
_STRETCH_WORDS = frozenset({"the", "that", "a", "past"})


def period_label(date: dt.date, unit: str, offset: int) -> str:
    """The calendar period `offset` units from the one holding `date`: "2024", "Q4 2024", "February 2025"."""
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
    unit = _PERIOD_WORDS.get(tokens[k].lower_)
    if unit is not None and k >= 1 and tokens[k - 1].lower_ in _RELATIVE_OFFSETS:
        if tokens[k].lower_ != unit or (k >= 2 and tokens[k - 2].lower_ in _STRETCH_WORDS):
            return None
        return k, unit, _RELATIVE_OFFSETS[tokens[k - 1].lower_]
    if tokens[k].lower_ == "ago" and k >= 2:
        unit = _PERIOD_WORDS.get(tokens[k - 1].lower_)
        count = _count(tokens[k - 2])
        if unit is not None and count is not None and not (k >= 3 and tokens[k - 3].lower_ == "of"):
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


def decontextualise(
    sent: Span,
    previous: Sequence[Span],
    *,
    date: dt.date | None = None,
    antecedent: str | None = None,
) -> str:
    """A first-pass checkable wording: fillers out, a leading pronoun resolved to "[Org]" when possible,
    relative times anchored on `date` ("last year [2024]").

    `antecedent` is the subject of the clause just before, when `sent` was cut from a run-on sentence; a
    leading "it"/"they" refers to it before anything in the earlier sentences.
    """
    tokens = list(sent)
    drop = _drop_marks(tokens)
    replace: dict[int, str] = {}
    first = next((k for k in range(len(tokens)) if k not in drop), None)
    if first is not None:
        tok = tokens[first]
        org = None
        if (
            tok.lower_ in SUBJECT_PRONOUNS
            and tok.dep_ in ("nsubj", "nsubjpass")
            and not _is_expletive_it(tok)
        ):
            org = antecedent or _recent_org(previous)
            span_end = first
        elif (
            tok.lower_ in ("this", "the", "that")
            and first + 1 < len(tokens)
            and tokens[first + 1].lower_ in _COMPANY_NOUNS
        ):
            org = _recent_org(previous)
            span_end = first + 1
        if org is not None:
            replace[first] = f"[{org}]"
            drop.update(range(first + 1, span_end + 1))
            following = span_end + 1
            if following < len(tokens):
                contraction = tokens[following]
                if contraction.lower_ in _CONTRACTIONS:
                    replace[following] = " " + _CONTRACTIONS[contraction.lower_]
                elif contraction.lower_ in ("'s", "’s"):
                    replace[following] = " has" if contraction.lemma_ == "have" else " is"
    if date is not None:
        _anchor_times(tokens, drop, replace, date)
    return _render(tokens, drop, replace)
