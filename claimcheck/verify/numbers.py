"""The first number check: do the claim's figures agree with the figures in a passage?

For each figure in the claim, find the passage figure of a compatible unit that is closest in value and
compare with a tolerance that follows the claim's own hedge ("about", "over", "under", exact). Periods
count: a passage that only speaks of other years than the claim does not settle it.
"""

from __future__ import annotations

import re
from enum import StrEnum

from pydantic import BaseModel

from claimcheck.models import Passage
from claimcheck.quantities import (
    Bound,
    Quantity,
    Unit,
    direction_near,
    figures,
    relative_difference,
    unit_scale,
    version_key,
    years,
)
from claimcheck.settings import Settings

# Units whose values can be compared with each other. Table cells "in millions" carry no currency sign,
# so a bare figure may stand for dollars.
_COMPATIBLE: dict[Unit, frozenset[Unit]] = {
    Unit.USD: frozenset({Unit.USD, Unit.COUNT}),
    Unit.COUNT: frozenset({Unit.COUNT, Unit.USD, Unit.PARAMETERS, Unit.TOKENS}),
    Unit.PARAMETERS: frozenset({Unit.PARAMETERS, Unit.COUNT}),
    Unit.TOKENS: frozenset({Unit.TOKENS, Unit.COUNT}),
    Unit.PERCENT: frozenset({Unit.PERCENT}),
    Unit.PERCENT_POINTS: frozenset({Unit.PERCENT_POINTS}),
    Unit.VERSION: frozenset({Unit.VERSION}),
    Unit.SIZE_LABEL: frozenset({Unit.SIZE_LABEL}),
}


_TERM = re.compile(r"[A-Za-z][A-Za-z0-9\-]+")
# Words that say nothing about which metric a figure measures.
_GENERIC = frozenset(
    """the a an of in on to and or for is was were be been by with as at that this it its from our we they
    their his her you your i about around roughly nearly almost over under more than less at least most
    year years last this next billion million thousand trillion dollars dollar percent per cent usd
    fiscal ended compared up down grew rose fell which so just like really some one two ten had has have
    what who when there here then than into also only still even very well across while grow growth
    increase increased decrease decreased decline declined rise rising fall falling change""".split()
)

# Characters either side of a prose figure searched for its measure words.
_BEFORE, _AFTER = 60, 25

# Relative gap beyond which two figures are taken to measure different things (a 100x difference).
MAX_SAME_MEASURE_GAP = 0.99


class Outcome(StrEnum):
    MATCH = "match"
    MISMATCH = "mismatch"
    # the direction is right but the size is outside the claim's own tolerance ("doubled" for +69%)
    DIRECTION_ONLY = "direction_only"
    NO_FIGURE = "no_figure"  # the passage has nothing of this kind to compare with
    OTHER_CONTEXT = "other_context"  # the passage speaks of another period or model version


class NumberCheck(BaseModel):
    claim: Quantity
    evidence: Quantity | None
    outcome: Outcome
    relative_error: float | None = None
    context_mismatch: str | None = None  # e.g. "period 2022 vs 2023", "version 3 vs 3.1"
    alignment: int = 0  # entity words * 100 + measure words shared with the evidence figure's row
    passage_id: str
    # For a growth claim settled by two levels: the two figures and the change they imply (percent).
    derived_from: tuple[Quantity, Quantity] | None = None
    derived_change: float | None = None
    reason: str | None = None  # "direction": the figure matches but moved the other way


# A claimed change whose size is off by more than this factor is not "the right direction, a bit
# exaggerated" (Partially True) but wrong (Hype): "doubled" for +69% is partial, "doubled" for +16% is not.
PARTIAL_CHANGE_FACTOR = 2.0


def within_tolerance(claimed: Quantity, actual: float, settings: Settings) -> bool:
    """Compare as the speaker's own wording asks."""
    a, c = abs(actual), abs(claimed.value)
    if claimed.bound == Bound.RANGE and claimed.low is not None and claimed.high is not None:
        # "between 10 and 12 billion", "mid-teens": anywhere in the range, exact tolerance at its ends
        low, high = sorted((abs(claimed.low), abs(claimed.high)))
        return low * (1 - settings.exact_tolerance) <= a <= high * (1 + settings.exact_tolerance)
    if claimed.bound == Bound.AT_LEAST:
        return a >= c * (1 - settings.exact_tolerance)
    if claimed.bound == Bound.AT_MOST:
        return a <= c * (1 + settings.exact_tolerance)
    tolerance = settings.approx_tolerance if claimed.bound == Bound.APPROX else settings.exact_tolerance
    return relative_difference(c, a) <= tolerance


class _Context(BaseModel):
    """What every figure check of one (claim, passage) pair shares."""

    claim_text: str
    passage: Passage
    settings: Settings
    company: frozenset[str]
    entities: set[str]
    figures: list[Quantity]
    mismatch: str | None


def check_passage(claim_text: str, passage: Passage, settings: Settings) -> list[NumberCheck]:
    """One check per figure in the claim against this passage."""
    claim_figures = [q for q in figures(claim_text) if q.unit != Unit.VERSION]
    if not claim_figures:
        return []
    company = frozenset(measure_terms(passage.citation.company or ""))
    ctx = _Context(
        claim_text=claim_text,
        passage=passage,
        settings=settings,
        company=company,
        entities=measure_terms(claim_text, company) - measure_terms(claim_text, company, lowercase_only=True),
        figures=figures(passage.raw_text, default_scale=unit_scale(passage.text)),
        mismatch=context_mismatch(claim_text, passage.text),
    )
    return [_check_figure(claimed, ctx) for claimed in claim_figures]


def _claim_years(ctx: _Context, claimed: Quantity) -> set[int]:
    """The years the claim ties this figure to: the nearest one; all it names for a change."""
    if claimed.change:
        return set(years(ctx.claim_text))
    own = local_year(ctx.claim_text, claimed, window=40)
    return {own} if own is not None else set(years(ctx.claim_text))


def _alignment(ctx: _Context, claimed: Quantity, candidates: list[Quantity]) -> dict[int, tuple[int, int]]:
    """(entity words, measure words) each candidate's row or sentence shares with the claim."""
    near = measure_terms(_window(ctx.claim_text, claimed), ctx.company, lowercase_only=True)
    score: dict[int, tuple[int, int]] = {}
    for q in candidates:
        cell = table_cell(ctx.passage, q)
        row = cell if cell is not None else row_or_sentence(ctx.passage.raw_text, q)
        sentence = row if cell is not None else _sentence(ctx.passage.raw_text, q)
        score[id(q)] = (
            len(ctx.entities & measure_terms(sentence, ctx.company)),
            len(near & measure_terms(row, ctx.company)),
        )
    return score


def _no_figure(claimed: Quantity, ctx: _Context) -> NumberCheck:
    return NumberCheck(
        claim=claimed, evidence=None, outcome=Outcome.NO_FIGURE, passage_id=ctx.passage.passage_id
    )


def _check_figure(claimed: Quantity, ctx: _Context) -> NumberCheck:
    candidates = [
        q
        for q in ctx.figures
        if q.unit in _COMPATIBLE[claimed.unit]
        # more than two orders of magnitude away measures something else (500 people vs 1 million)
        and relative_difference(abs(q.value), abs(claimed.value)) <= MAX_SAME_MEASURE_GAP
        # a change is compared with changes, a level with levels
        and (q.change == claimed.change or q.unit != Unit.PERCENT)
    ]
    claim_years = _claim_years(ctx, claimed)
    other_period = False
    if claim_years and candidates and not claimed.change:
        # A figure whose own sentence names another year ("$13.72 billion in 2022") is not the claim's.
        same = [q for q in candidates if figure_year(ctx.passage, q) in claim_years | {None}]
        other_period = not same
        candidates = same or candidates
    claim_versions = _versions(ctx.claim_text)
    other_version: set[str] = set()
    if claim_versions and candidates:
        # A figure whose sentence names only other model versions ("Llama 3.1 … 128K") is not the claim's.
        by_version = {id(q): _versions(_sentence(ctx.passage.raw_text, q)) for q in candidates}
        same_version = [q for q in candidates if not by_version[id(q)] or by_version[id(q)] & claim_versions]
        if not same_version:
            other_version = set().union(*by_version.values())
        candidates = same_version or candidates
    score = _alignment(ctx, claimed, candidates)
    aligned = [q for q in candidates if score[id(q)][1] > 0]
    if not aligned:
        return _check_growth(claimed, ctx) if claimed.change else _no_figure(claimed, ctx)
    best = max(score[id(q)] for q in aligned)
    closest = min(
        (q for q in aligned if score[id(q)] == best),
        key=lambda q: relative_difference(abs(q.value), abs(claimed.value)),
    )
    ok = within_tolerance(claimed, closest.value, ctx.settings)
    outcome = Outcome.MATCH if ok else Outcome.MISMATCH
    reason = None
    claim_sign = claimed.direction or direction_near(ctx.claim_text, claimed.start, claimed.end)
    evidence_sign = closest.direction or direction_near(ctx.passage.raw_text, closest.start, closest.end)
    if claimed.change and claim_sign and evidence_sign and claim_sign != evidence_sign:
        outcome, reason = Outcome.MISMATCH, "direction"
    elif claimed.change and not ok and claim_sign == evidence_sign != 0:
        outcome = _size_outcome(claimed.value, closest.value)
    figure_mismatch = ctx.mismatch
    if figure_mismatch is None and other_period:
        figure_mismatch = f"period {figure_year(ctx.passage, closest)} vs {_years_text(claim_years)}"
    if figure_mismatch is None and other_version:
        figure_mismatch = f"version {', '.join(sorted(other_version))} vs {', '.join(sorted(claim_versions))}"
    if figure_mismatch is not None:
        outcome = Outcome.OTHER_CONTEXT
    return NumberCheck(
        claim=claimed,
        evidence=closest,
        outcome=outcome,
        relative_error=relative_difference(abs(closest.value), abs(claimed.value)),
        context_mismatch=figure_mismatch,
        alignment=score[id(closest)][0] * 100 + score[id(closest)][1],
        passage_id=ctx.passage.passage_id,
        reason=reason,
    )


def _size_outcome(claimed: float, actual: float) -> Outcome:
    ratio = max(abs(claimed), abs(actual)) / max(min(abs(claimed), abs(actual)), 1e-9)
    return Outcome.DIRECTION_ONLY if ratio <= PARTIAL_CHANGE_FACTOR else Outcome.MISMATCH


def _check_growth(claimed: Quantity, ctx: _Context) -> NumberCheck:
    """A claimed change ("grew 16%", "doubled") against two levels of one measure in two periods."""
    levels = [q for q in ctx.figures if q.unit in (Unit.USD, Unit.COUNT, Unit.PARAMETERS, Unit.TOKENS)]
    score = _alignment(ctx, claimed, levels)
    dated = [(figure_year(ctx.passage, q), q) for q in levels if score[id(q)][1] > 0]
    by_year: dict[int, Quantity] = {}
    for year, q in sorted(dated, key=lambda item: (-sum(score[id(item[1])]), item[1].start)):
        if year is not None and year not in by_year:
            by_year[year] = q
    wanted = sorted(set(years(ctx.claim_text)) & set(by_year)) or sorted(by_year)
    if len(wanted) < 2:
        return _no_figure(claimed, ctx)
    old, new = by_year[wanted[-2]], by_year[wanted[-1]]
    if old.value == 0:
        return _no_figure(claimed, ctx)
    change = (abs(new.value) - abs(old.value)) / abs(old.value) * 100
    sign = claimed.direction or direction_near(ctx.claim_text, claimed.start, claimed.end) or 1
    actual = Quantity(
        value=abs(change),
        unit=Unit.PERCENT,
        text=f"{change:+.1f}%",
        start=new.start,
        end=new.end,
        change=True,
        direction=1 if change >= 0 else -1,
    )
    if (change >= 0) != (sign > 0):
        outcome = Outcome.MISMATCH
    elif within_tolerance(claimed, abs(change), ctx.settings):
        outcome = Outcome.MATCH
    else:
        outcome = _size_outcome(claimed.value, change)
    return NumberCheck(
        claim=claimed,
        evidence=actual,
        outcome=outcome if ctx.mismatch is None else Outcome.OTHER_CONTEXT,
        relative_error=relative_difference(abs(change), claimed.value),
        context_mismatch=ctx.mismatch,
        alignment=max(sum(score[id(old)]), sum(score[id(new)])),
        passage_id=ctx.passage.passage_id,
        derived_from=(old, new),
        derived_change=change,
    )


def local_bounds(text: str, q: Quantity, window: int = 60) -> tuple[int, int]:
    """The figure's own sentence or table row, at most `window` characters either side."""
    lo = max(0, q.start - window)
    hi = min(len(text), q.end + window)
    for stop in (". ", ".\n", "\n\n", "\n|", "|\n"):
        cut = text.rfind(stop, lo, q.start)
        if cut != -1:
            lo = cut + len(stop)
        nxt = text.find(stop, q.end, hi)
        if nxt != -1:
            hi = nxt
    return lo, hi


def local_year(text: str, q: Quantity, window: int = 60) -> int | None:
    """The year written nearest to a figure within its own sentence or table row, if any."""
    lo, hi = local_bounds(text, q, window)
    best: tuple[int, int] | None = None
    for other in figures_and_years(text[lo:hi]):
        distance = min(abs(lo + other[1] - q.start), abs(lo + other[1] - q.end))
        if best is None or distance < best[0]:
            best = (distance, other[0])
    return None if best is None else best[1]


def table_cell(passage: Passage, q: Quantity) -> str | None:
    """For a passage that is one table row: the row's label and the figure's cell with its column header
    ("Llama 4 Scout | Context length: 10M tokens"), read from the passage's embedding text."""
    raw = passage.raw_text.strip()
    if not (raw.startswith("|") and "\n" not in raw):
        return None
    offset = passage.raw_text.index(raw)
    bars = [i + offset for i, ch in enumerate(raw) if ch == "|"]
    index = sum(1 for b in bars if b < q.start) - 1  # 0-based cell index
    labelled = passage.text.splitlines()[-1].split(" | ") if passage.text else []
    if index < 0 or len(labelled) != len(bars) - 1 or index >= len(labelled):
        return None
    return labelled[0] if index == 0 else f"{labelled[0]} | {labelled[index]}"


def figure_year(passage: Passage, q: Quantity) -> int | None:
    """The year a passage ties a figure to: its column header in a table row, else the nearest one
    in its sentence."""
    cell = table_cell(passage, q)
    if cell is not None:
        header = cell.split(" | ")[-1].split(":")[0]
        found = years(header)
        return found[0] if found else None
    return local_year(passage.raw_text, q)


def row_or_sentence(text: str, q: Quantity) -> str:
    """What a figure is about: its table row (whole line) or its sentence."""
    line_start = text.rfind("\n", 0, q.start) + 1
    line_end = text.find("\n", q.end)
    line = text[line_start : line_end if line_end != -1 else len(text)]
    if line.lstrip().startswith("|"):
        return line
    # In prose the measure sits just before the figure ("revenue was $X") or right after it ("400 people").
    lo, hi = local_bounds(text, q, window=200)
    start = max(lo, series_head(text, q, lo) - _BEFORE)
    return text[start : min(hi, q.end + _AFTER)]


# Words that may sit between the figures of one comparison series: "$16.12 billion in 2023, compared with
# $13.72 billion in 2022 and $10.19 billion in 2021" — every figure measures what the first one does.
_SERIES_GLUE = frozenset(
    "compared with to from up down versus vs against and or in for the prior previous year years fiscal "
    "respectively as of same period a an increase decrease of".split()
)


def series_head(text: str, q: Quantity, lo: int) -> int:
    """Start of the first figure of the comparison series `q` closes, within its sentence (from `lo`);
    `q.start` when `q` stands alone."""
    head = q.start
    for other in sorted(
        (f for f in figures(text[lo : q.start]) if f.unit == q.unit and not f.change),
        key=lambda f: -f.start,
    ):
        between = text[lo + other.end : head]
        words = [w for w in re.findall(r"[A-Za-z]+", between) if w != "FY"]
        if any(w.lower() not in _SERIES_GLUE for w in words):
            break
        head = lo + other.start
    return head


# Words that name the same measure in speech and in filings ("lost" in an interview, "loss" in a 10-K).
_CANONICAL: dict[str, str] = {
    **dict.fromkeys(("lost", "lose", "loses", "losing", "loss", "losses"), "loss"),
    **dict.fromkeys(("spent", "spend", "spending", "expenditure", "expenditures", "capex"), "spend"),
    **dict.fromkeys(("revenue", "revenues", "sales", "turnover"), "revenue"),
    **dict.fromkeys(("employees", "employee", "headcount", "staff", "workforce"), "employee"),
    **dict.fromkeys(("profit", "profits", "earnings", "earned", "earn"), "income"),
    **dict.fromkeys(("context", "window"), "context"),
    **dict.fromkeys(("trained", "training", "train", "pretraining", "pre-training", "pretrained"), "train"),
}


def _stem(word: str) -> str:
    if word.lower() in _CANONICAL:
        return _CANONICAL[word.lower()]
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _window(text: str, q: Quantity) -> str:
    lo, hi = local_bounds(text, q, window=200)
    return text[max(lo, q.start - _BEFORE) : min(hi, q.end + _AFTER)]


def _sentence(text: str, q: Quantity) -> str:
    lo, hi = local_bounds(text, q, window=200)
    return text[lo:hi]


def measure_terms(
    text: str, exclude: frozenset[str] = frozenset(), *, lowercase_only: bool = False
) -> set[str]:
    """Content words that say what is measured ("net income", "context length", "tokens").

    With `lowercase_only`, capitalised words (names: Meta, Llama, Reality Labs) are left out, so that a
    figure aligns on what it measures rather than on whom it is about.
    """
    if lowercase_only:
        # a sentence's first word is capitalised by grammar, not because it is a name
        text = re.sub(r"(^|[.!?]\s+)([A-Z])(?=[a-z])", lambda m: m.group(1) + m.group(2).lower(), text)
    found = _TERM.findall(text) if lowercase_only else _TERM.findall(text.lower())
    words = {_stem(w) for w in found if not (lowercase_only and not w.islower())}
    return {w for w in words if w not in _GENERIC and w not in exclude and not w.isdigit()}


def figures_and_years(text: str) -> list[tuple[int, int]]:
    """(year, offset) for each year in text."""
    return [(int(m.group(1)), m.start()) for m in re.finditer(r"\b(?:FY\s?)?((?:19|20)\d{2})\b", text)]


def _years_text(values: set[int]) -> str:
    return ", ".join(str(v) for v in sorted(values))


def _versions(text: str) -> set[str]:
    return {version_key(q) for q in figures(text) if q.unit == Unit.VERSION}


def context_mismatch(claim_text: str, passage_text: str) -> str | None:
    """Another period or model version than the claim's: such a passage neither supports nor refutes."""
    claim_years = set(years(claim_text))
    passage_years = set(years(passage_text))
    if claim_years and passage_years and not (claim_years & passage_years):
        return f"period {_years_text(passage_years)} vs {_years_text(claim_years)}"
    claim_versions = _versions(claim_text)
    passage_versions = _versions(passage_text)
    if claim_versions and passage_versions and not (claim_versions & passage_versions):
        return f"version {', '.join(sorted(passage_versions))} vs {', '.join(sorted(claim_versions))}"
    return None
