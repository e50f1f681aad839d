"""The first number check: do the claim's figures agree with the figures in a passage?

For each figure in the claim, find the passage figure of a compatible unit that is closest in value and
compare with a tolerance that follows the claim's own hedge ("about", "over", "under", exact). Periods
count: a passage that only speaks of other years than the claim does not settle it.
"""

from __future__ import annotations

import re
from enum import Enum

from pydantic import BaseModel

from claimcheck.models import Passage
from claimcheck.quantities import Bound, Quantity, Unit, figures, relative_difference, unit_scale, years
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
}


class Outcome(str, Enum):
    MATCH = "match"
    MISMATCH = "mismatch"
    NO_FIGURE = "no_figure"  # the passage has nothing of this kind to compare with
    OTHER_CONTEXT = "other_context"  # the passage speaks of another period or model version


class NumberCheck(BaseModel):
    claim: Quantity
    evidence: Quantity | None
    outcome: Outcome
    relative_error: float | None = None
    context_mismatch: str | None = None  # e.g. "period 2022 vs 2023", "version 3 vs 3.1"
    passage_id: str


def within_tolerance(claimed: Quantity, actual: float, settings: Settings) -> bool:
    """Compare as the speaker's own wording asks."""
    a, c = abs(actual), abs(claimed.value)
    if claimed.bound == Bound.AT_LEAST:
        return a >= c * (1 - settings.exact_tolerance)
    if claimed.bound == Bound.AT_MOST:
        return a <= c * (1 + settings.exact_tolerance)
    tolerance = settings.approx_tolerance if claimed.bound == Bound.APPROX else settings.exact_tolerance
    return relative_difference(c, a) <= tolerance


def check_passage(claim_text: str, passage: Passage, settings: Settings) -> list[NumberCheck]:
    """One check per figure in the claim against this passage."""
    claim_figures = [q for q in figures(claim_text) if q.unit != Unit.VERSION]
    if not claim_figures:
        return []
    scale = unit_scale(passage.text)
    passage_figures = figures(passage.raw_text, default_scale=scale)
    mismatch = context_mismatch(claim_text, passage.text)
    checks: list[NumberCheck] = []
    for claimed in claim_figures:
        candidates = [q for q in passage_figures if q.unit in _COMPATIBLE[claimed.unit]]
        claim_years = set(years(claim_text))
        if claim_years:
            # Prefer figures whose own sentence names the claim's year ("$13.72 billion in 2022" is not 2023's).
            dated = [q for q in candidates if local_year(passage.raw_text, q) in claim_years]
            undated = [q for q in candidates if local_year(passage.raw_text, q) is None]
            candidates = dated or undated or candidates
        if not candidates:
            checks.append(
                NumberCheck(claim=claimed, evidence=None, outcome=Outcome.NO_FIGURE, passage_id=passage.passage_id)
            )
            continue
        closest = min(candidates, key=lambda q: relative_difference(abs(q.value), abs(claimed.value)))
        ok = within_tolerance(claimed, closest.value, settings)
        outcome = Outcome.MATCH if ok else Outcome.MISMATCH
        if mismatch is not None:
            outcome = Outcome.OTHER_CONTEXT
        checks.append(
            NumberCheck(
                claim=claimed,
                evidence=closest,
                outcome=outcome,
                relative_error=relative_difference(abs(closest.value), abs(claimed.value)),
                context_mismatch=mismatch,
                passage_id=passage.passage_id,
            )
        )
    return checks


def local_year(text: str, q: Quantity, window: int = 60) -> int | None:
    """The year written nearest to a figure within its own sentence or table row, if any."""
    lo = max(0, q.start - window)
    hi = min(len(text), q.end + window)
    for stop in (".", "\n"):
        cut = text.rfind(stop, lo, q.start)
        if cut != -1 and not text[cut - 1 : cut].isdigit():
            lo = cut + 1
        nxt = text.find(stop, q.end, hi)
        if nxt != -1 and not text[nxt + 1 : nxt + 2].isdigit():
            hi = nxt
    best: tuple[int, int] | None = None
    for other in figures_and_years(text[lo:hi]):
        distance = min(abs(lo + other[1] - q.start), abs(lo + other[1] - q.end))
        if best is None or distance < best[0]:
            best = (distance, other[0])
    return None if best is None else best[1]


def figures_and_years(text: str) -> list[tuple[int, int]]:
    """(year, offset) for each year in text."""
    return [(int(m.group(1)), m.start()) for m in re.finditer(r"\b(?:FY\s?)?((?:19|20)\d{2})\b", text)]


def context_mismatch(claim_text: str, passage_text: str) -> str | None:
    """Another period or model version than the claim's: such a passage neither supports nor refutes."""
    claim_years = set(years(claim_text))
    passage_years = set(years(passage_text))
    if claim_years and passage_years and not (claim_years & passage_years):
        return f"period {', '.join(map(str, sorted(passage_years)))} vs {', '.join(map(str, sorted(claim_years)))}"
    claim_versions = {q.text for q in figures(claim_text) if q.unit == Unit.VERSION}
    passage_versions = {q.text for q in figures(passage_text) if q.unit == Unit.VERSION}
    if claim_versions and passage_versions and not (claim_versions & passage_versions):
        return f"version {', '.join(sorted(passage_versions))} vs {', '.join(sorted(claim_versions))}"
    return None
