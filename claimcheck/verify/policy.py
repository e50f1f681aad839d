"""The verdict policy (the README's "How verdicts are reached" mirrors it).

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

`judge` composes the verify modules: assess each checked part (assess.py) → combine the findings
(findings.py) → label by the rules in order (rules.py) → confidence (confidence.py, calibration.py) →
rationale (rationale.py).
"""

from __future__ import annotations

from claimcheck.models import Claim, ClaimEvidence, DraftVerdict, Evidence, Label, Signal, Stance
from claimcheck.settings import Settings
from claimcheck.verify.assess import FigureChecks, assess, negation_conflict
from claimcheck.verify.calibration import Calibration, load_calibration
from claimcheck.verify.confidence import claim_raw_confidence, raw_confidence
from claimcheck.verify.evidence import check_texts, part_evidence, primary, unique
from claimcheck.verify.findings import Finding, FindingSource, PartVerdict, SignalName, combine
from claimcheck.verify.rationale import write_rationale
from claimcheck.verify.rules import RuleContext, adjust, generalises_beyond, is_promotional, label_finding
from claimcheck.verify.stance import StanceProbs, part_stances, stance_key, with_stance
from claimcheck.verify.subjects import about_subject

__all__ = [
    "FigureChecks",
    "Finding",
    "FindingSource",
    "SignalName",
    "StanceProbs",
    "check_texts",
    "generalises_beyond",
    "is_promotional",
    "judge",
    "negation_conflict",
    "part_evidence",
    "primary",
    "raw_confidence",
    "stance_key",
]


def judge(
    item: ClaimEvidence,
    settings: Settings,
    stances: dict[str, StanceProbs] | None = None,
    calibration: Calibration | None = None,
    *,
    checks: FigureChecks | None = None,
) -> DraftVerdict:
    """Draft a verdict from a claim's retrieved evidence. `stances` maps `stance_key(part, passage_id)`
    to the verifier's (supports, neutral, contradicts) probabilities; without it, only figures and
    negation can settle. A compound claim is checked part by part and the findings combined. `checks`
    may be shared between calls to check each figure once (see `FigureChecks`); the draft is the same."""
    claim = item.claim
    related, other_subject = readable(item, settings)
    stances = stances or {}
    checks = checks or FigureChecks()
    top_score = max((e.score for e in related), default=0.0)
    texts = check_texts(claim)
    parts = [
        _judge_part(claim, k, text, related, stances, top_score, settings, checks, compound=len(texts) > 1)
        for k, text in enumerate(texts)
    ]
    signals = [s for p in parts for s in p.signals]
    finding = combine([p.finding for p in parts])
    if len(parts) == 1:
        label = parts[0].label
    else:
        label, label_signals = label_finding(RuleContext(claim, finding, settings))
        signals += label_signals
    # (with no related evidence nothing is cited: every part read an empty pool)
    cited = unique([e for p in parts for e in p.cited])[: settings.top_k]
    label, adjusted = adjust(RuleContext(claim, finding, settings, label=label, cited=cited, related=related))
    signals += adjusted
    # a document the verdict cites is not listed as set aside, though some of its passages were (the AWS row
    # of the Amazon 10-K settled "AWS is like seventeen and a half billion"; its other passages name no AWS)
    cited_titles = {e.passage.citation.title for e in cited}
    set_aside = [
        o
        for o in other_subject
        if not any(o.startswith((f"{t}: not ", f"{t}: about ")) for t in cited_titles)
    ]
    if set_aside:
        signals.append(Signal(name=SignalName.OTHER_SUBJECT, value="; ".join(set_aside)))
    raw = claim_raw_confidence(parts, label, top_score, settings)
    confidence = round((calibration or load_calibration()).apply(raw), 3)
    reasons = _review_reasons(related, label, finding, len(parts), confidence, settings)
    if claim.needs_context:
        reasons.insert(0, f"subject unresolved: “{claim.unresolved or '?'}” — not checked against a guess")
    elif other_subject and not related:
        reasons[:1] = ["only evidence about another subject or period was found"]
    if claim.overlong:
        words = settings.max_claim_words
        reasons.append(f"sentence over {words} words, checked in parts or from its start: read it in context")
    signals.append(Signal(name=SignalName.RAW_CONFIDENCE, value=round(raw, 4)))
    return DraftVerdict(
        claim_id=claim.id,
        label=label,
        confidence=confidence,
        needs_review=bool(reasons),
        review_reasons=reasons,
        rationale=write_rationale(item, label, finding, parts, signals, cited),
        evidence=cited,
        signals=signals,
        sources_searched=item.sources_searched,
    )


def readable(item: ClaimEvidence, settings: Settings) -> tuple[list[Evidence], list[str]]:
    """The evidence that may settle a claim, and what the rest is about instead: only passages about the
    claim's subject and period; none for a claim whose subject is unresolved (it is never checked against
    a guessed subject)."""
    related, other_subject = about_subject(item.claim, primary(item.evidence, settings))
    return ([] if item.claim.needs_context else related), other_subject


def stance_wanted(item: ClaimEvidence, settings: Settings, checks: FigureChecks) -> dict[int, set[str]]:
    """For each checked text of the claim (by part) whose verdict may rest on the verifier, the passages
    `judge` may read its stance of: those about the claim's subject. A part that a figure, a date, a list
    or a comparison settles never reads a stance, nor does a claim whose subject is unresolved, so their
    pairs need not be scored (`score_stances(wanted=…)`); the drafts are the same."""
    claim = item.claim
    related, _ = readable(item, settings)
    wanted: dict[int, set[str]] = {}
    for k, text in enumerate(check_texts(claim)):
        pool = part_evidence(claim, text, related)
        if not pool or assess(text, pool, {}, settings, checks).finding.source == FindingSource.FIGURES:
            continue
        wanted[k] = {e.passage.passage_id for e in pool}
    return wanted


def _judge_part(
    claim: Claim,
    part: int,
    text: str,
    related: list[Evidence],
    stances: dict[str, StanceProbs],
    top_score: float,
    settings: Settings,
    checks: FigureChecks,
    *,
    compound: bool,
) -> PartVerdict:
    """One checked text (the claim, or the `part`-th part of a compound claim) judged on its own."""
    pool = part_evidence(claim, text, related)
    own = part_stances(stances, part, pool)
    finding, cited, signals = assess(text, pool, own, settings, checks)
    label, label_signals = label_finding(RuleContext(claim, finding, settings))
    signals += label_signals
    raw = raw_confidence(finding, label, top_score, own, cited, settings)
    if compound:
        signals.append(Signal(name=SignalName.COMPOUND_PART, value=text, detail=label.value))
    # a flipped negation contradicts, whatever the verifier made of the passage (it read another sentence)
    cited = [
        e.model_copy(update={"stance": Stance.CONTRADICTS})
        if finding.source == FindingSource.NEGATION
        else with_stance(e, own)
        for e in cited
    ]
    return PartVerdict(text=text, finding=finding, label=label, cited=cited, signals=signals, raw=raw)


def _review_reasons(
    related: list[Evidence], label: Label, finding: Finding, parts: int, confidence: float, settings: Settings
) -> list[str]:
    """Why an editor should look at the draft before it is published (none: it may go out as is)."""
    reasons: list[str] = []
    if not related:
        reasons.append("no related evidence in the corpus")
    elif label == Label.UNVERIFIED:
        reasons.append("related passages neither support nor contradict the claim")
    elif finding.unsettled and parts > 1:
        reasons.append(f"{finding.unsettled} of {parts} parts of the claim are not settled by the evidence")
    if confidence < settings.review_confidence:
        reasons.append(f"confidence {confidence:.2f} below {settings.review_confidence:.2f}")
    return reasons
