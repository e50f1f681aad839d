"""The verdict policy, in one place (the README's "How verdicts are reached" mirrors this file).

- Real: the central assertion is supported by cited primary evidence and nothing cited contradicts it.
- Partially True: part supported and part contradicted; or the direction is right but the figure is
  outside the claim's own tolerance; or a prediction whose trend the evidence shows underway while its
  timing or scale is unsupported.
- Hype: contradicted by evidence (figure, period-matched figure, direction, negation, the verifier's
  confident "contradicts"); or a forward-looking claim that nothing supports.
- Unverified: no related primary evidence, or related passages that neither support nor contradict.

Figures settle a claim first (they are checked exactly); the verifier model's stance settles what has
no figure, and only when it is confident. Breakdowns are never evidence; a filing outranks a model card,
which outranks anything else.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from pydantic import BaseModel

from claimcheck.models import (
    Claim,
    ClaimEvidence,
    ClaimType,
    DocKind,
    DraftVerdict,
    Evidence,
    Label,
    Signal,
    Stance,
)
from claimcheck.quantities import Unit, figures, format_value
from claimcheck.settings import Settings
from claimcheck.verify.calibration import Calibration, load_calibration
from claimcheck.verify.numbers import NumberCheck, Outcome, check_passage, measure_terms
from claimcheck.verify.quotes import make_evidence

StanceProbs = tuple[float, float, float]  # supports, neutral, contradicts

# Higher ranks first when several passages settle the same figure: a filing outranks a model card,
# which outranks anything else. Breakdowns are never evidence.
SOURCE_RANK: dict[DocKind, int] = {DocKind.TEN_K: 0, DocKind.MODEL_CARD: 1, DocKind.OTHER: 2}

_NEGATION = re.compile(r"\b(?:not|no|never|none|neither|nor|without|cannot)\b|n't\b", re.IGNORECASE)


class Finding(BaseModel):
    """What the evidence says about the claim, before it becomes a label."""

    supported: int = 0  # parts of the claim the evidence supports
    contradicted: int = 0  # parts it contradicts
    partial: int = 0  # parts right in direction, wrong in size
    unsettled: int = 0  # parts nothing settles
    source: str = "none"  # what settled it: figures | stance | negation | none


def primary(evidence: Sequence[Evidence], settings: Settings) -> list[Evidence]:
    """Related evidence that may support a verdict: relevant enough and not a past breakdown."""
    kept = [
        e
        for e in evidence
        if e.score >= settings.min_relevance and e.passage.citation.kind != DocKind.BREAKDOWN
    ]
    return sorted(
        kept, key=lambda e: (SOURCE_RANK.get(e.passage.citation.kind, 3), -e.score, e.passage.passage_id)
    )


def stance_key(part: int, passage_id: str) -> str:
    """Key of the verifier's stance of a passage toward a claim (part 0) or its k-th compound part."""
    return passage_id if part == 0 else f"{passage_id}@part{part}"


def check_texts(claim: Claim) -> list[str]:
    """What is checked: each part of a compound claim, else the claim itself."""
    return claim.parts or [claim.text]


def part_evidence(claim: Claim, text: str, related: list[Evidence]) -> list[Evidence]:
    """The evidence one checked text reads: a compound claim's part is quoted at the sentence of each
    passage that best fits that part; a whole claim keeps its evidence as retrieved."""
    if not claim.parts:
        return related
    return [make_evidence(e.passage, text, e.score) for e in related]


class _Part(BaseModel):
    text: str
    finding: Finding
    label: Label
    cited: list[Evidence]
    signals: list[Signal]
    raw: float


def judge(
    item: ClaimEvidence,
    settings: Settings,
    stances: dict[str, StanceProbs] | None = None,
    calibration: Calibration | None = None,
) -> DraftVerdict:
    """Draft a verdict from a claim's retrieved evidence. `stances` maps `stance_key(part, passage_id)`
    to the verifier's (supports, neutral, contradicts) probabilities; without it, only figures and
    negation can settle. A compound claim is checked part by part and the findings combined."""
    claim = item.claim
    related = primary(item.evidence, settings)
    stances = stances or {}
    signals: list[Signal] = []
    reasons: list[str] = []
    top_score = max((e.score for e in related), default=0.0)
    texts = check_texts(claim)
    parts: list[_Part] = []
    for k, text in enumerate(texts):
        pool = part_evidence(claim, text, related)
        keyed = {e.passage.passage_id: stance_key(k, e.passage.passage_id) for e in pool}
        part_stances = {pid: stances[key] for pid, key in keyed.items() if key in stances}
        part_signals: list[Signal] = []
        finding, cited = _assess(text, pool, part_stances, settings, part_signals)
        part_label = _label(finding, claim.type, part_signals, settings)
        raw_part = raw_confidence(finding, part_label, top_score, part_stances, cited)
        if len(texts) > 1:
            part_signals.append(Signal(name="compound_part", value=text, detail=part_label.value))
        signals.extend(part_signals)
        cited = [_with_stance(e, part_stances) for e in cited]
        parts.append(
            _Part(
                text=text, finding=finding, label=part_label, cited=cited, signals=part_signals, raw=raw_part
            )
        )
    finding = _combine([p.finding for p in parts])
    label = parts[0].label if len(parts) == 1 else _label(finding, claim.type, signals, settings)
    cited = _unique([e for p in parts for e in p.cited])[: settings.top_k]
    if label == Label.REAL and settings.generalisation_check and finding.source in ("stance", "negation"):
        # (a figure check is already as narrow as the figure; "every day" beside it is not a generalisation)
        broader = generalises_beyond(claim.text, cited)
        if broader:
            signals.append(Signal(name="generalises_beyond_evidence", value=broader))
            label = Label.PARTIALLY_TRUE
    elif (
        label == Label.UNVERIFIED
        and settings.promotional_is_hype
        and is_promotional(claim.text)
        and not _measured(claim.text)  # a figure nobody settled keeps the claim checkable: Unverified
    ):
        signals.append(Signal(name="promotional_unsupported", value=True))
        label = Label.HYPE
    if not related:
        signals.append(
            Signal(name="no_relevant_evidence", value=True, detail=f"min_relevance={settings.min_relevance}")
        )
        reasons.append("no related evidence in the corpus")
        cited = []
    elif label == Label.UNVERIFIED:
        reasons.append("related passages neither support nor contradict the claim")
    elif finding.unsettled and len(parts) > 1:
        reasons.append(
            f"{finding.unsettled} of {len(parts)} parts of the claim are not settled by the evidence"
        )
    raw = min(p.raw for p in parts)
    if label == Label.PARTIALLY_TRUE and all(p.label != Label.PARTIALLY_TRUE for p in parts):
        # Partially True only once the parts were combined (or the claim generalised): the same penalty
        raw = max(0.0, raw - PARTIAL_PENALTY * _relevance_weight(top_score))
    confidence = round((calibration or load_calibration()).apply(raw), 3)
    if confidence < settings.review_confidence:
        reasons.append(f"confidence {confidence:.2f} below {settings.review_confidence:.2f}")
    signals.append(Signal(name="raw_confidence", value=round(raw, 4)))
    if len(parts) == 1:
        rationale = _rationale(label, finding, signals, cited, claim.type)
    else:
        rationale = _compound_rationale(label, parts, claim.type)
    rationale += _broader_note(signals)
    rationale += _dated_after(cited, claim.date)
    if label == Label.UNVERIFIED:
        rationale += _searched(item)
    return DraftVerdict(
        claim_id=claim.id,
        label=label,
        confidence=confidence,
        needs_review=bool(reasons),
        review_reasons=reasons,
        rationale=rationale,
        evidence=cited,
        signals=signals,
        sources_searched=item.sources_searched,
    )


def _assess(
    text: str,
    related: list[Evidence],
    stances: dict[str, StanceProbs],
    settings: Settings,
    signals: list[Signal],
) -> tuple[Finding, list[Evidence]]:
    """What the evidence says about one checkable assertion: figures first, then negation and stance."""
    settled = _settle_figures(text, related, settings, signals)
    finding = Finding(
        supported=sum(1 for c, _ in settled.values() if c.outcome == Outcome.MATCH),
        contradicted=sum(1 for c, _ in settled.values() if c.outcome == Outcome.MISMATCH),
        partial=sum(1 for c, _ in settled.values() if c.outcome == Outcome.DIRECTION_ONLY),
        source="figures" if settled else "none",
    )
    cited = _unique([ev for _, ev in settled.values()])[: settings.top_k]
    if finding.source == "none" and related:
        finding, stance_cited = _by_text(text, related, stances, settings, signals)
        cited = stance_cited or related[:2]
    if finding.source == "none":
        finding = finding.model_copy(update={"unsettled": 1})
    return finding, cited


# Weakest first: a combination of parts is as strong as its weakest settled part.
_SOURCE_STRENGTH = {"none": 0, "stance": 1, "negation": 2, "figures": 3}


def _combine(findings: Sequence[Finding]) -> Finding:
    settled = [f.source for f in findings if f.source != "none"]
    return Finding(
        supported=sum(f.supported for f in findings),
        contradicted=sum(f.contradicted for f in findings),
        partial=sum(f.partial for f in findings),
        unsettled=sum(f.unsettled for f in findings),
        source=min(settled, key=_SOURCE_STRENGTH.__getitem__) if settled else "none",
    )


# Words that make a claim broader than a passage that lacks them: "all", "every", "always", superlatives.
_UNIVERSAL = re.compile(
    r"\b(?:all(?! of (?:a|the) sudden)|every(?! (?:day|week|month|quarter|year|time)\b)|everyone|everybody|"
    r"everything|always|nobody|entire|"
    r"best|largest|biggest|fastest|strongest|smartest|leading|the most|first-ever|"
    r"unprecedented|world's)\b",
    re.IGNORECASE,
)
_PROMOTIONAL = re.compile(
    r"\b(?:best|largest|biggest|fastest|strongest|smartest|leading|the most|the first|first-ever|"
    r"unprecedented|world's|revolutionary|game[- ]chang\w*|breakthrough|unmatched|unrivall?ed|"
    r"nobody else|no one else|only company)\b",
    re.IGNORECASE,
)


def generalises_beyond(claim_text: str, cited: Sequence[Evidence]) -> str:
    """The claim's universal or superlative words that none of the supporting quotes carries ("" if
    none): evidence for some is not evidence for all."""
    quoted = " ".join(e.quote for e in cited).lower()
    missing = sorted(
        {m.group(0).lower() for m in _UNIVERSAL.finditer(claim_text) if m.group(0).lower() not in quoted}
    )
    return ", ".join(f"“{w}”" for w in missing)


def _measured(text: str) -> bool:
    """The text states a figure (not just a model name such as "Llama 3.1 405B")."""
    return any(q.unit not in (Unit.VERSION, Unit.SIZE_LABEL) for q in figures(text))


def is_promotional(claim_text: str) -> bool:
    """A superlative or promotional claim ("the best", "world's first", "revolutionary")."""
    return bool(_PROMOTIONAL.search(claim_text))


def _broader_note(signals: Sequence[Signal]) -> str:
    out = ""
    for s in signals:
        if s.name == "generalises_beyond_evidence":
            out += f" The claim goes further than the evidence: nothing cited says {s.value}."
        elif s.name == "promotional_unsupported":
            out = " A superlative or promotional claim that no cited source supports." + out
    return out


def _compound_rationale(label: Label, parts: Sequence[_Part], claim_type: ClaimType) -> str:
    lead = {
        Label.REAL: "Every part of the claim holds.",
        Label.HYPE: "The evidence contradicts the claim.",
        Label.PARTIALLY_TRUE: "Part of the claim holds and part does not.",
        Label.UNVERIFIED: "The evidence settles no part of the claim.",
    }[label]
    pieces = [lead]
    for k, part in enumerate(parts, 1):
        said = "unsettled" if part.finding.source == "none" else part.label.display
        why = _rationale(part.label, part.finding, part.signals, part.cited, claim_type) if part.cited else ""
        pieces.append(f"({k}) “{part.text}” — {said}. {why}".strip())
    return " ".join(pieces)


def _settle_figures(
    claim_text: str, related: list[Evidence], settings: Settings, signals: list[Signal]
) -> dict[int, tuple[NumberCheck, Evidence]]:
    """For each claim figure, the best-aligned passage figure that settles it."""
    settled: dict[int, tuple[NumberCheck, Evidence]] = {}
    for ev in related:
        for i, check in enumerate(check_passage(claim_text, ev.passage, settings)):
            if check.outcome in (Outcome.MATCH, Outcome.MISMATCH, Outcome.DIRECTION_ONLY):
                prior = settled.get(i)
                # the best-aligned figure settles it; among equally aligned ones, agreement wins (another
                # passage may simply be about something else)
                if prior is None or (check.alignment, check.outcome == Outcome.MATCH) > (
                    prior[0].alignment,
                    prior[0].outcome == Outcome.MATCH,
                ):
                    settled[i] = (check, ev)
            elif check.outcome == Outcome.OTHER_CONTEXT and check.context_mismatch:
                signals.append(
                    Signal(
                        name="other_context", value=check.context_mismatch, passage_id=ev.passage.passage_id
                    )
                )
    for check, ev in settled.values():
        signals.append(
            Signal(
                name=f"number_{check.outcome.value}",
                value=round(check.relative_error or 0.0, 4),
                detail=_describe(check, ev),
                passage_id=ev.passage.passage_id,
            )
        )
    return settled


def negation_conflict(claim_text: str, evidence_text: str) -> bool:
    """The evidence says what the claim says, with the negation flipped ("does not include" vs "includes").

    Only when the evidence sentence carries most of the claim's content words, so that the negation is
    about the same thing.
    """
    claim_terms = measure_terms(claim_text)
    if len(claim_terms) < 3:
        return False
    shared = claim_terms & measure_terms(evidence_text)
    if len(shared) < 0.6 * len(claim_terms):
        return False
    return bool(_NEGATION.search(claim_text)) != bool(_NEGATION.search(evidence_text))


def _by_text(
    claim_text: str,
    related: list[Evidence],
    stances: dict[str, StanceProbs],
    settings: Settings,
    signals: list[Signal],
) -> tuple[Finding, list[Evidence]]:
    """No figure settled the claim: explicit negation checks, then the verifier's confident stance."""
    for ev in related[: settings.stance_passages]:
        if negation_conflict(claim_text, ev.quote):
            signals.append(Signal(name="negation_conflict", value=True, passage_id=ev.passage.passage_id))
            return Finding(contradicted=1, source="negation"), [ev]
    supports = [
        ev
        for ev in related
        if ev.passage.passage_id in stances
        and stances[ev.passage.passage_id][0] >= settings.stance_support_threshold
    ]
    contradicts = [
        ev
        for ev in related
        if ev.passage.passage_id in stances
        and stances[ev.passage.passage_id][2] >= settings.stance_contradict_threshold
    ]
    for ev in related:
        probs = stances.get(ev.passage.passage_id)
        if probs is not None:
            signals.append(
                Signal(
                    name="stance",
                    value=f"supports {probs[0]:.2f}, neutral {probs[1]:.2f}, contradicts {probs[2]:.2f}",
                    passage_id=ev.passage.passage_id,
                )
            )
    if not (supports or contradicts):
        return Finding(), []
    finding = Finding(supported=min(1, len(supports)), contradicted=min(1, len(contradicts)), source="stance")
    return finding, _unique(supports[:1] + contradicts[:1])


def _label(finding: Finding, claim_type: ClaimType, signals: list[Signal], settings: Settings) -> Label:
    mixed = finding.partial or (finding.supported and finding.contradicted)
    if settings.unsettled_part_is_partial and finding.supported and finding.unsettled:
        # a compound claim with a part the evidence supports and a part nothing settles
        mixed = True
    if claim_type == ClaimType.PREDICTIVE:
        # A claim about the future is never simply Real: at best its trend is underway.
        if finding.contradicted and not finding.supported:
            return Label.HYPE
        if finding.supported or finding.partial:
            signals.append(Signal(name="forward_looking_trend_underway", value=True))
            return Label.PARTIALLY_TRUE
        signals.append(Signal(name="forward_looking_unsupported", value=True))
        return Label.HYPE
    if mixed:
        return Label.PARTIALLY_TRUE
    if finding.supported:
        return Label.REAL
    if finding.contradicted:
        return Label.HYPE
    return Label.UNVERIFIED


def raw_confidence(
    finding: Finding,
    label: Label,
    top_score: float,
    stances: dict[str, StanceProbs],
    cited: list[Evidence],
) -> float:
    """An uncalibrated score for the draft, from the strength of what settled it.

    Figures checked exactly are the strongest finding; a confident stance less so; "nothing found" is
    a guess. Calibration (claimcheck/data/calibration.json) maps this onto observed accuracy.
    """
    base = {"figures": 0.8, "negation": 0.65, "stance": 0.6, "none": 0.45}[finding.source]
    if finding.source == "stance" and cited:
        best = max(max(stances.get(e.passage.passage_id, (0.0, 0.0, 0.0))[0::2]) for e in cited)
        base = 0.4 + 0.4 * best
    if label == Label.PARTIALLY_TRUE:
        base -= PARTIAL_PENALTY
    return max(0.0, min(1.0, base * _relevance_weight(top_score)))


# A mixed finding is less certain than a clean one; raw scores shrink with the best passage's relevance.
PARTIAL_PENALTY = 0.1


def _relevance_weight(top_score: float) -> float:
    return 0.6 + 0.4 * top_score


def _with_stance(ev: Evidence, stances: dict[str, StanceProbs]) -> Evidence:
    probs = stances.get(ev.passage.passage_id)
    if probs is None:
        return ev
    stance = (Stance.SUPPORTS, Stance.NEUTRAL, Stance.CONTRADICTS)[max(range(3), key=lambda i: probs[i])]
    return ev.model_copy(update={"stance": stance})


def _source_name(ev: Evidence) -> str:
    cite = ev.passage.citation
    kind = {DocKind.TEN_K: "10-K", DocKind.MODEL_CARD: "model card"}.get(cite.kind)
    parts = [p for p in (cite.company, cite.period, kind) if p]
    return " ".join(parts) if parts else cite.title


def _describe(check: NumberCheck, ev: Evidence) -> str:
    source = _source_name(ev)
    if check.evidence is None:
        return ""
    said = check.claim.text.strip()
    if check.derived_from is not None and check.derived_change is not None:
        old, new = check.derived_from
        return (
            f"The {source} gives {format_value(old)} and then {format_value(new)}, a change of "
            f"{check.derived_change:+.1f}%; the claim says {said}."
        )
    if check.reason == "direction":
        moved = "rose" if check.evidence.direction > 0 else "fell"
        shown = format_value(check.evidence)
        return f"The {source} says it {moved} {shown}; the claim says {said}, the other way."
    return f"The {source} gives {format_value(check.evidence)}; the claim says {said}."


def _unique(evidence: list[Evidence]) -> list[Evidence]:
    seen: set[str] = set()
    out: list[Evidence] = []
    for e in evidence:
        if e.passage.passage_id not in seen:
            seen.add(e.passage.passage_id)
            out.append(e)
    return out


def _rationale(
    label: Label, finding: Finding, signals: list[Signal], cited: list[Evidence], claim_type: ClaimType
) -> str:
    details = [s.detail for s in signals if s.name.startswith("number_") and s.detail]
    figures = " ".join(details)
    if claim_type == ClaimType.PREDICTIVE:
        if label == Label.PARTIALLY_TRUE:
            return (
                "A prediction: the evidence shows the trend underway, but nothing supports its timing or "
                "scale. " + figures
            ).strip()
        if finding.contradicted:
            return ("A prediction the evidence contradicts. " + figures).strip()
        return "A forward-looking or promotional claim that no cited source supports."
    if finding.source == "figures":
        lead = {
            Label.REAL: "The figures agree:",
            Label.HYPE: "The figures disagree:",
            Label.PARTIALLY_TRUE: "Part of the claim holds and part does not:",
        }.get(label, "")
        return f"{lead} {figures}".strip()
    if finding.source == "negation" and cited:
        return f"The {_source_name(cited[0])} says the opposite: “{_flat(cited[0].quote)}”"
    if finding.source == "stance" and cited:
        verb = {
            Label.REAL: "supports",
            Label.HYPE: "contradicts",
            Label.PARTIALLY_TRUE: "both supports and contradicts",
        }.get(label, "bears on")
        return f"The {_source_name(cited[0])} {verb} the claim (verifier model): “{_flat(cited[0].quote)}”"
    other = sorted({str(s.value) for s in signals if s.name == "other_context"})
    if other:
        return (
            "The closest passages speak of another context (" + "; ".join(other) + "), which settles nothing."
        )
    if cited:
        title = cited[0].passage.citation.title
        return f"The closest passage ({title}) is related but does not settle the claim."
    return "No passage in the corpus addresses this claim."


def _flat(text: str, width: int = 220) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _dated_after(cited: list[Evidence], claim_date: dt.date | None) -> str:
    """Evidence published after the interview could not have been known to the speaker: say so."""
    if claim_date is None:
        return ""
    later = sorted(
        {
            e.passage.citation.title
            for e in cited
            if e.passage.citation.date and e.passage.citation.date > claim_date
        }
    )
    if not later:
        return ""
    return f" Note: {', '.join(later)} is dated after the interview ({claim_date.isoformat()})."


def _searched(item: ClaimEvidence) -> str:
    if not item.sources_searched:
        return ""
    kinds: dict[str, int] = {}
    for source in item.sources_searched:
        kind = source.split(":", 1)[0] if ":" in source else "other"
        kinds[kind] = kinds.get(kind, 0) + 1
    counted = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
    return f" Searched {len(item.sources_searched)} documents ({counted}); the draft lists them."
