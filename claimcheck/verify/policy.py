"""The verdict policy, in one place (the README's "How verdicts are reached" mirrors this file).

- Real: the claim's figures match cited primary evidence (or the stance model finds support) and
  nothing cited contradicts it.
- Partially True: some of the claim's figures are supported and some contradicted.
- Hype: the cited evidence contradicts the claim's figure; or a forward-looking claim nothing supports.
- Unverified: no related primary evidence, or related passages that neither support nor contradict.

This is the spine's first version; the verdict issue deepens the number reconciliation and the stance.
"""

from __future__ import annotations

from collections.abc import Sequence

from claimcheck.models import (
    ClaimEvidence,
    ClaimType,
    DocKind,
    DraftVerdict,
    Evidence,
    Label,
    Signal,
    Stance,
)
from claimcheck.quantities import format_value
from claimcheck.settings import Settings
from claimcheck.verify.numbers import NumberCheck, Outcome, check_passage

# Higher ranks first when several passages settle the same figure: a filing outranks a model card,
# which outranks anything else. Breakdowns are never evidence.
SOURCE_RANK: dict[DocKind, int] = {DocKind.TEN_K: 0, DocKind.MODEL_CARD: 1, DocKind.OTHER: 2}

# Confidence given to each kind of finding before the retrieval score is folded in. Hand-set for the
# spine (no labelled data consulted); the verdict issue replaces them with calibrated values.
_BASE_CONFIDENCE = {"match": 0.8, "mismatch": 0.7, "mixed": 0.6, "nothing": 0.5, "stance": 0.6}


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


def _describe(check: NumberCheck, evidence: Evidence) -> str:
    cite = evidence.passage.citation
    source = " ".join(
        p for p in (cite.company, cite.period, cite.kind.value if cite.kind != DocKind.OTHER else None) if p
    )
    source = source or cite.title
    if check.evidence is None:
        return ""
    said = check.claim.text.strip()
    if check.derived_from is not None and check.derived_change is not None:
        old, new = check.derived_from
        return (
            f"{source} gives {format_value(old)} and then {format_value(new)}, a change of "
            f"{check.derived_change:+.1f}%; the claim says {said}."
        )
    if check.reason == "direction":
        moved = "rose" if check.evidence.direction > 0 else "fell"
        shown = format_value(check.evidence)
        return f"{source} says it {moved} {shown}; the claim says {said}, the other way."
    return f"{source} gives {format_value(check.evidence)}; the claim says {said}."


def judge(item: ClaimEvidence, settings: Settings, stances: dict[str, Stance] | None = None) -> DraftVerdict:
    """Draft a verdict from a claim's retrieved evidence. `stances` maps passage_id → stance when a
    verifier model ran; without it, only figures can settle a claim."""
    claim = item.claim
    related = primary(item.evidence, settings)
    signals: list[Signal] = []
    reasons: list[str] = []

    if not related:
        signals.append(
            Signal(name="no_relevant_evidence", value=True, detail=f"min_relevance={settings.min_relevance}")
        )
        label = Label.HYPE if claim.type == ClaimType.PREDICTIVE else Label.UNVERIFIED
        rationale = (
            "Nothing in the corpus addresses this forward-looking claim; no evidence supports it."
            if label == Label.HYPE
            else "No passage in the corpus addresses this claim."
        )
        reasons.append("no related evidence in the corpus")
        return DraftVerdict(
            claim_id=claim.id,
            label=label,
            confidence=_BASE_CONFIDENCE["nothing"],
            needs_review=True,
            review_reasons=reasons,
            rationale=rationale + _searched(item),
            evidence=[],
            signals=signals,
            sources_searched=item.sources_searched,
        )

    # Figures: for each claim figure, the best-ranked passage that settles it.
    settled: dict[int, tuple[NumberCheck, Evidence]] = {}
    for ev in related:
        for i, check in enumerate(check_passage(claim.text, ev.passage, settings)):
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
    matches = [c for c, _ in settled.values() if c.outcome == Outcome.MATCH]
    mismatches = [c for c, _ in settled.values() if c.outcome == Outcome.MISMATCH]
    partial = [c for c, _ in settled.values() if c.outcome == Outcome.DIRECTION_ONLY]
    cited = _unique([ev for _, ev in settled.values()])[: settings.top_k] or related[: settings.top_k]
    top_score = max(e.score for e in related)

    if (matches and mismatches) or partial:
        label, kind = Label.PARTIALLY_TRUE, "mixed"
    elif matches:
        label, kind = Label.REAL, "match"
    elif mismatches:
        label, kind = Label.HYPE, "mismatch"
    else:
        label, kind = _by_stance(claim.type, related, stances, signals)
        cited = related[:2]
    confidence = round(min(0.95, _BASE_CONFIDENCE[kind] * (0.5 + top_score / 2) + 0.1), 3)
    if label == Label.UNVERIFIED:
        reasons.append("related passages neither support nor contradict the claim")
    if confidence < settings.review_confidence:
        reasons.append(f"confidence {confidence:.2f} below {settings.review_confidence:.2f}")
    rationale = _rationale(label, signals, cited) + (_searched(item) if label == Label.UNVERIFIED else "")
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


def _by_stance(
    claim_type: ClaimType,
    related: list[Evidence],
    stances: dict[str, Stance] | None,
    signals: list[Signal],
) -> tuple[Label, str]:
    """No figure settled the claim: use the verifier's stance when there is one."""
    if stances:
        found = [stances.get(e.passage.passage_id) for e in related]
        supports = found.count(Stance.SUPPORTS)
        contradicts = found.count(Stance.CONTRADICTS)
        signals.append(Signal(name="stance", value=f"{supports} supports, {contradicts} contradicts"))
        if supports and contradicts:
            return Label.PARTIALLY_TRUE, "stance"
        if supports:
            return Label.REAL, "stance"
        if contradicts:
            return Label.HYPE, "stance"
    if claim_type == ClaimType.PREDICTIVE:
        signals.append(Signal(name="forward_looking_unsupported", value=True))
        return Label.HYPE, "nothing"
    return Label.UNVERIFIED, "nothing"


def _unique(evidence: list[Evidence]) -> list[Evidence]:
    seen: set[str] = set()
    out: list[Evidence] = []
    for e in evidence:
        if e.passage.passage_id not in seen:
            seen.add(e.passage.passage_id)
            out.append(e)
    return out


def _rationale(label: Label, signals: list[Signal], cited: list[Evidence]) -> str:
    details = [s.detail for s in signals if s.name.startswith("number_") and s.detail]
    if label == Label.REAL and details:
        return "The figures agree: " + " ".join(details)
    if label == Label.HYPE and details:
        return "The figures disagree: " + " ".join(details)
    if label == Label.PARTIALLY_TRUE and details:
        return "Part of the claim holds and part does not: " + " ".join(details)
    other = [str(s.value) for s in signals if s.name == "other_context"]
    if label == Label.HYPE:
        return "A forward-looking or promotional claim that no cited source supports."
    if other:
        return (
            "The closest passages speak of another context ("
            + "; ".join(sorted(set(other)))
            + "), which settles nothing."
        )
    if label == Label.REAL:
        return "The cited source supports the claim."
    if cited:
        title = cited[0].passage.citation.title
        return f"The closest passage ({title}) is related but does not settle the claim."
    return "No evidence settles the claim."


def _searched(item: ClaimEvidence) -> str:
    if not item.sources_searched:
        return ""
    kinds: dict[str, int] = {}
    for source in item.sources_searched:
        kind = source.split(":", 1)[0] if ":" in source else "other"
        kinds[kind] = kinds.get(kind, 0) + 1
    counted = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
    return f" Searched {len(item.sources_searched)} documents ({counted}); the draft lists them."
