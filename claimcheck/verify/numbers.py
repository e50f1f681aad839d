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


_TERM = re.compile(r"[A-Za-z][A-Za-z0-9\-]+")
# Words that say nothing about which metric a figure measures.
_GENERIC = frozenset(
    """the a an of in on to and or for is was were be been by with as at that this it its from our we they
    their his her you your i about around roughly nearly almost over under more than less at least most
    year years last this next billion million thousand trillion dollars dollar percent per cent usd
    fiscal ended compared up down grew rose fell which so just like really some one two ten had has have
    what who when there here then than into also only still even very well across while""".split()
)

# Characters either side of a prose figure searched for its measure words.
_BEFORE, _AFTER = 60, 25

# Relative gap beyond which two figures are taken to measure different things (a 100x difference).
MAX_SAME_MEASURE_GAP = 0.99


class Outcome(StrEnum):
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
    alignment: int = 0  # measure words the claim shares with the evidence figure's sentence or row
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
    company = frozenset(measure_terms(passage.citation.company or ""))
    entities = measure_terms(claim_text, company) - measure_terms(claim_text, company, lowercase_only=True)
    checks: list[NumberCheck] = []
    for claimed in claim_figures:
        candidates = [q for q in passage_figures if q.unit in _COMPATIBLE[claimed.unit]]
        # A figure more than an order of magnitude away measures something else (500 people vs 1 million
        # annotations): it neither supports nor refutes.
        candidates = [
            q
            for q in candidates
            if relative_difference(abs(q.value), abs(claimed.value)) <= MAX_SAME_MEASURE_GAP
        ]
        if not candidates:
            checks.append(
                NumberCheck(
                    claim=claimed, evidence=None, outcome=Outcome.NO_FIGURE, passage_id=passage.passage_id
                )
            )
            continue
        # The year the claim ties this figure to: the one written nearest to it, else any it names.
        own_year = local_year(claim_text, claimed, window=40)
        claim_years = {own_year} if own_year is not None else set(years(claim_text))
        other_period = False
        if claim_years:
            # A figure whose own sentence names another year ("$13.72 billion in 2022") is not the claim's.
            same = [q for q in candidates if figure_year(passage, q) in claim_years | {None}]
            other_period = not same
            candidates = same or candidates
        # Align: the candidate whose row or sentence names the claim's entities (Scout vs Maverick) and
        # shares most of the measure words near the claim's figure, then the closest in value. A figure
        # sharing no measure word is about something else.
        near = measure_terms(_window(claim_text, claimed), company, lowercase_only=True)
        score: dict[int, tuple[int, int]] = {}
        for q in candidates:
            cell = table_cell(passage, q)
            row = cell if cell is not None else row_or_sentence(passage.raw_text, q)
            sentence = row if cell is not None else _sentence(passage.raw_text, q)
            score[id(q)] = (
                len(entities & measure_terms(sentence, company)),
                len(near & measure_terms(row, company)),
            )
        aligned = [q for q in candidates if score[id(q)][1] > 0]
        if not aligned:
            checks.append(
                NumberCheck(
                    claim=claimed, evidence=None, outcome=Outcome.NO_FIGURE, passage_id=passage.passage_id
                )
            )
            continue
        best = max(score[id(q)] for q in aligned)
        closest = min(
            (q for q in aligned if score[id(q)] == best),
            key=lambda q: relative_difference(abs(q.value), abs(claimed.value)),
        )
        ok = within_tolerance(claimed, closest.value, settings)
        outcome = Outcome.MATCH if ok else Outcome.MISMATCH
        figure_mismatch = mismatch
        if figure_mismatch is None and other_period:
            figure_mismatch = f"period {figure_year(passage, closest)} vs {_years_text(claim_years)}"
        if figure_mismatch is not None:
            outcome = Outcome.OTHER_CONTEXT
        checks.append(
            NumberCheck(
                claim=claimed,
                evidence=closest,
                outcome=outcome,
                relative_error=relative_difference(abs(closest.value), abs(claimed.value)),
                context_mismatch=figure_mismatch,
                alignment=score[id(closest)][0] * 100 + score[id(closest)][1],
                passage_id=passage.passage_id,
            )
        )
    return checks


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
    return text[max(lo, q.start - _BEFORE) : min(hi, q.end + _AFTER)]


# Words that name the same measure in speech and in filings ("lost" in an interview, "loss" in a 10-K).
_CANONICAL: dict[str, str] = {
    **dict.fromkeys(("lost", "lose", "loses", "losing", "loss", "losses"), "loss"),
    **dict.fromkeys(("spent", "spend", "spending", "expenditure", "expenditures", "capex"), "spend"),
    **dict.fromkeys(("revenue", "revenues", "sales", "turnover"), "revenue"),
    **dict.fromkeys(("employees", "employee", "headcount", "staff", "workforce"), "employee"),
    **dict.fromkeys(("profit", "profits", "earnings", "earned", "earn"), "income"),
    **dict.fromkeys(("grew", "grow", "growth", "rose", "increase", "increased"), "growth"),
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
    found = _TERM.findall(text) if lowercase_only else _TERM.findall(text.lower())
    words = {_stem(w) for w in found if not (lowercase_only and not w.islower())}
    return {w for w in words if w not in _GENERIC and w not in exclude and not w.isdigit()}


def figures_and_years(text: str) -> list[tuple[int, int]]:
    """(year, offset) for each year in text."""
    return [(int(m.group(1)), m.start()) for m in re.finditer(r"\b(?:FY\s?)?((?:19|20)\d{2})\b", text)]


def _years_text(values: set[int]) -> str:
    return ", ".join(str(v) for v in sorted(values))


def context_mismatch(claim_text: str, passage_text: str) -> str | None:
    """Another period or model version than the claim's: such a passage neither supports nor refutes."""
    claim_years = set(years(claim_text))
    passage_years = set(years(passage_text))
    if claim_years and passage_years and not (claim_years & passage_years):
        return f"period {_years_text(passage_years)} vs {_years_text(claim_years)}"
    claim_versions = {q.text for q in figures(claim_text) if q.unit == Unit.VERSION}
    passage_versions = {q.text for q in figures(passage_text) if q.unit == Unit.VERSION}
    if claim_versions and passage_versions and not (claim_versions & passage_versions):
        return f"version {', '.join(sorted(passage_versions))} vs {', '.join(sorted(claim_versions))}"
    return None
