"""Merging editor decisions into a breakdown: the drafts plus the review store → the verdicts readers see.

An editor's status, label, wording, rationale and note override the draft's; claims an editor added by hand
come after the drafted ones.
"""

from __future__ import annotations

from collections.abc import Sequence

from claimcheck.errors import ReviewError
from claimcheck.models import Breakdown, Claim, Evidence, Label, Verdict, VerdictStatus
from claimcheck.review.records import ClaimRecord, DecisionRecord
from claimcheck.review.store import ReviewStore

# An editor-added claim has no model confidence; the editor's own judgement is recorded as certain.
EDITOR_CONFIDENCE = 1.0


def check_registered(breakdowns: Sequence[Breakdown], store: ReviewStore) -> None:
    """Refuse drafts none of whose claims the store holds: `run` registers a draft's claims before it
    writes the draft, so the store was emptied, replaced or deleted since. Merging would drop every
    editor decision without a word, and a publish would withdraw every page."""
    held = store.transcript_ids()
    for breakdown in breakdowns:
        ids = {v.claim.transcript_id for v in breakdown.verdicts}
        if ids and not ids & held:
            raise ReviewError(
                f"holds none of the claims of the draft {breakdown.slug!r}: it was emptied, replaced or "
                "deleted since `claimcheck run` wrote the draft",
                path=store.path,
                hint=f"restore it from a backup, or re-run `claimcheck run` on {breakdown.source_path} to "
                "register the claims again (decisions in a lost store cannot be recovered)",
            )


def apply_decisions(breakdown: Breakdown, store: ReviewStore) -> Breakdown:
    """A new Breakdown whose verdicts carry the editors' decisions; editor-added claims come last."""
    transcript_ids = sorted({breakdown.slug} | {v.claim.transcript_id for v in breakdown.verdicts})
    verdicts = [
        _merge(verdict, store.decision_for(verdict.claim.transcript_id, verdict.claim.id))
        for verdict in breakdown.verdicts
    ]
    known = {(v.claim.transcript_id, v.claim.id) for v in breakdown.verdicts}
    for transcript_id in transcript_ids:
        for record in store.list_claims(transcript_id):
            if record.added_by_editor and (transcript_id, record.claim_id) not in known:
                verdicts.append(_editor_verdict(record))
    reviewed = bool(verdicts) and all(v.status is not VerdictStatus.DRAFT for v in verdicts)
    status = VerdictStatus.APPROVED if reviewed else VerdictStatus.DRAFT
    return breakdown.model_copy(update={"verdicts": verdicts, "status": status})


def _merge(verdict: Verdict, decision: DecisionRecord | None) -> Verdict:
    if decision is None:
        return verdict
    claim = verdict.claim
    if decision.text is not None:
        claim = claim.model_copy(update={"text": decision.text})
    evidence = decision.evidence if decision.evidence is not None else verdict.evidence
    return verdict.model_copy(
        update={
            "claim": claim,
            "status": decision.status,
            "label": decision.label or verdict.label,
            "rationale": _rationale(verdict, decision, evidence),
            "note": decision.note,
            "editor": decision.editor,
            "evidence": evidence,
            "explanation": decision.explanation,
        }
    )


def _rationale(verdict: Verdict, decision: DecisionRecord, evidence: list[Evidence]) -> str:
    """The editor's rationale; else the draft's, unless the editor changed the label, which makes the
    draft's reasoning the wrong one to show: then the editor's own reasons stand in for it."""
    if decision.rationale is not None:
        return decision.rationale
    draft_label = verdict.draft.label if verdict.draft else verdict.label
    if decision.label is not None and decision.label != draft_label:
        return editor_reasons(decision, evidence) or (
            f"The editor set this verdict after review; the automatic draft said {draft_label.display}."
        )
    return verdict.rationale


# How many of the editor's sources an editor-set verdict's rationale quotes when no reasons were written.
_QUOTED_SOURCES = 2


def editor_reasons(decision: DecisionRecord, evidence: list[Evidence]) -> str | None:
    """The reasons an editor gave for a verdict they set: the one-line explanation, else the note they
    set it with, else the sources they chose (when they changed the evidence list). None when the editor
    gave none."""
    for written in (decision.explanation, decision.note):
        if written and written.strip():
            return written.strip()
    if decision.evidence is not None and evidence:
        quoted = [
            f"{e.passage.citation.title}: “{' '.join(e.shown.split())}”" for e in evidence[:_QUOTED_SOURCES]
        ]
        return "Per " + "; ".join(quoted) + "."
    return None


def _editor_verdict(record: ClaimRecord) -> Verdict:
    decision = record.decision
    claim = Claim(
        id=record.claim_id,
        transcript_id=record.transcript_id,
        text=decision.text if decision and decision.text else record.text,
        quote=record.quote,
        speaker=record.speaker,
        start=record.start,
        timecode=record.timecode,
        added_by_editor=True,
    )
    return Verdict(
        claim=claim,
        draft=None,
        label=(decision.label if decision else None) or Label.UNVERIFIED,
        rationale=(decision.rationale if decision else None) or "",
        confidence=EDITOR_CONFIDENCE,
        status=decision.status if decision else VerdictStatus.DRAFT,
        editor=decision.editor if decision else None,
        note=decision.note if decision else None,
        evidence=(decision.evidence or []) if decision else [],
        explanation=decision.explanation if decision else None,
    )
