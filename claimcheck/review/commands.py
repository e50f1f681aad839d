"""What the `review` commands do: drafts + the review store → rows to list, decisions, one claim shown."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel

from claimcheck.drafts import drafts_dir, read_all_drafts
from claimcheck.errors import ReviewError
from claimcheck.models import Breakdown, DecisionAction, EditorDecision, Label, Verdict
from claimcheck.review.decisions import with_implied_approval
from claimcheck.review.merge import check_registered
from claimcheck.review.records import ClaimRecord, ClaimStatus
from claimcheck.review.store import LIST_HINT, STORE_FILENAME, ReviewStore, open_store


class ReviewRow(BaseModel):
    transcript_id: str
    claim_id: str
    status: str  # draft | approved | rejected | orphaned
    label: str
    label_display: str
    draft_label: str | None
    needs_review: bool
    confidence: float | None
    text: str
    quote: str
    speaker: str | None
    timecode: str | None


def open_existing_store(out_dir: Path) -> ReviewStore:
    """The review store of an output folder that `run` has written to. An output folder with neither
    drafts nor a store (a mistyped `--out`) is an error, and nothing is created there."""
    if not (out_dir / STORE_FILENAME).is_file() and not drafts_dir(out_dir).is_dir():
        raise ReviewError(
            "no drafts and no review store here",
            path=out_dir,
            hint=f"run `claimcheck run TRANSCRIPT --out {out_dir}` first, or check the --out path",
        )
    return open_store(out_dir)


def _verdicts_by_id(breakdowns: Sequence[Breakdown]) -> dict[tuple[str, str], Verdict]:
    return {(v.claim.transcript_id, v.claim.id): v for b in breakdowns for v in b.verdicts}


def review_rows(out_dir: Path, *, transcript: str | None = None, orphans: bool = False) -> list[ReviewRow]:
    with open_existing_store(out_dir) as store:
        breakdowns = read_all_drafts(out_dir)
        check_registered(breakdowns, store)
        drafts = _verdicts_by_id(breakdowns)
        records = store.orphans(transcript) if orphans else store.list_claims(transcript)
    rows: list[ReviewRow] = []
    for record in records:
        verdict = drafts.get((record.transcript_id, record.claim_id))
        draft = verdict.draft if verdict else None
        decision = record.decision
        label = (
            (decision.label if decision and decision.label else None)
            or record.draft_label
            or Label.UNVERIFIED
        )
        status = (
            ClaimStatus.ORPHANED.value
            if record.status is ClaimStatus.ORPHANED
            else (decision.status.value if decision else "draft")
        )
        rows.append(
            ReviewRow(
                transcript_id=record.transcript_id,
                claim_id=record.claim_id,
                status=status,
                label=label.value,
                label_display=label.display,
                draft_label=record.draft_label.value if record.draft_label else None,
                needs_review=bool(draft and draft.needs_review),
                confidence=draft.confidence if draft else None,
                text=(decision.text if decision and decision.text else record.text),
                quote=record.quote,
                speaker=record.speaker,
                timecode=record.timecode,
            )
        )
    return rows


def find_claim(store: ReviewStore, claim_id: str) -> ClaimRecord:
    """A claim id (or a unique prefix of one) across all transcripts."""
    matches = [r for r in store.list_claims(None) if r.claim_id == claim_id]
    if not matches:
        matches = [r for r in store.list_claims(None) if r.claim_id.startswith(claim_id)]
    if not matches:
        raise ReviewError(f"no claim with id {claim_id!r}", hint=LIST_HINT)
    if len(matches) > 1:
        where = ", ".join(sorted(f"{m.transcript_id}/{m.claim_id}" for m in matches))
        raise ReviewError(f"claim id {claim_id!r} is ambiguous ({where})", hint="give the full id")
    return matches[0]


def decide(
    out_dir: Path,
    claim_id: str,
    action: DecisionAction,
    editor: str,
    *,
    label: Label | None = None,
    note: str | None = None,
    text: str | None = None,
    rationale: str | None = None,
) -> str:
    """Record one decision; returns a one-line confirmation."""
    with open_existing_store(out_dir) as store:
        record = find_claim(store, claim_id)
        decision = EditorDecision(
            transcript_id=record.transcript_id,
            claim_id=record.claim_id,
            action=action,
            editor=editor,
            label=label,
            note=note,
            text=text,
            rationale=rationale,
            quote=record.quote,
        )
        for step in with_implied_approval(decision):
            store.record(step)
        current = store.decision_for(record.transcript_id, record.claim_id)
    state = current.status.value if current else "draft"
    shown = f", verdict {label.display}" if label else ""
    return f"{record.transcript_id}/{record.claim_id}: {state}{shown} (by {editor})"


# Width of the label column of `show_claim`.
_LABEL_WIDTH = 11


def _block(label: str, text: str) -> str:
    """One `show_claim` entry; the lines after the first of a multi-line note are indented under it, so
    that none of them can pass for an entry of its own (an "audit …" line)."""
    indent = "\n" + " " * _LABEL_WIDTH
    return label.ljust(_LABEL_WIDTH) + indent.join(text.splitlines() or [""])


def show_claim(out_dir: Path, claim_id: str) -> str:
    with open_existing_store(out_dir) as store:
        drafts = _verdicts_by_id(read_all_drafts(out_dir))
        record = find_claim(store, claim_id)
        audit = store.audit_log(record.claim_id, transcript_id=record.transcript_id)
    verdict = drafts.get((record.transcript_id, record.claim_id))
    lines = [
        f"claim      {record.transcript_id}/{record.claim_id} ({record.status.value})",
        f"speaker    {record.speaker or '-'}  at {record.timecode or '-'}",
        f"said       {record.quote}",
        _block("checkable", record.text),
    ]
    if verdict and verdict.draft:
        draft = verdict.draft
        lines.append(f"draft      {draft.label.display} (confidence {draft.confidence:.2f})")
        if draft.review_reasons:
            lines.append("review     " + "; ".join(draft.review_reasons))
        lines.append(f"rationale  {draft.rationale}")
        for ev in draft.evidence:
            cite = ev.passage.citation
            lines.append(f"evidence   “{' '.join(ev.quote.split())}” — {cite.title} [{ev.passage.doc_id}]")
    if record.decision:
        d = record.decision
        lines.append(
            f"decision   {d.status.value}" + (f", {d.label.display}" if d.label else "") + f" by {d.editor}"
        )
        if d.note:
            lines.append(_block("note", d.note))
    for entry in audit:
        change = f"{entry.field}: {entry.old!r} → {entry.new!r}" if entry.field else ""
        lines.append(f"audit      {entry.at.isoformat()} {entry.editor} {entry.action} {change}".rstrip())
    return "\n".join(lines)
