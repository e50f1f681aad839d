"""What the `review` commands do: drafts + the review store → rows to list, decisions, one claim shown."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel

from claimcheck.drafts import drafts_dir, read_all_drafts
from claimcheck.errors import ReviewError
from claimcheck.models import Breakdown, DecisionAction, EditorDecision, Evidence, Label, Verdict
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
    start: float | None = None  # seconds into the talk, when the transcript has times
    review_reasons: list[str] = []  # why the draft needs review
    version: int = 0  # the decision's version: what a save from the app or API must name
    explanation: str | None = None
    merged_into: str | None = None

    @property
    def ref(self) -> str:
        """The id the CLI prints and takes: `slug/claimid`."""
        return f"{self.transcript_id}/{self.claim_id}"


class RowFilter(BaseModel):
    """Which rows `review list` (and the app's claim list) show; None admits every value."""

    status: str | None = None  # draft | approved | rejected | orphaned
    label: Label | None = None
    needs_review: bool | None = None
    reason: str | None = None  # a words-in-the-reason match, case-insensitive

    def admits(self, row: ReviewRow) -> bool:
        if self.status is not None and row.status != self.status:
            return False
        if self.label is not None and row.label != self.label.value:
            return False
        if self.needs_review is not None and row.needs_review != self.needs_review:
            return False
        if self.reason:
            wanted = self.reason.casefold()
            return any(wanted in reason.casefold() for reason in row.review_reasons)
        return True


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


def review_rows(
    out_dir: Path,
    *,
    transcript: str | None = None,
    orphans: bool = False,
    where: RowFilter | None = None,
) -> list[ReviewRow]:
    with open_existing_store(out_dir) as store:
        breakdowns = read_all_drafts(out_dir)
        check_registered(breakdowns, store)
        records = store.orphans(transcript) if orphans else store.list_claims(transcript)
    rows = rows_of(records, _verdicts_by_id(breakdowns))
    return [row for row in rows if where is None or where.admits(row)]


def rows_of(records: Sequence[ClaimRecord], drafts: dict[tuple[str, str], Verdict]) -> list[ReviewRow]:
    """One row per claim record, its draft looked up by (transcript id, claim id)."""
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
                start=record.start,
                review_reasons=list(draft.review_reasons) if draft else [],
                version=record.version,
                explanation=decision.explanation if decision else None,
                merged_into=decision.merged_into if decision else None,
            )
        )
    return rows


def find_claim(store: ReviewStore, claim_id: str) -> ClaimRecord:
    """A claim id (or a unique prefix of one) across all transcripts, or `slug/claimid` as the commands
    print it (the claim id part may be a prefix too)."""
    transcript, _, bare = claim_id.strip().rpartition("/")
    if not bare:
        raise ReviewError(f"no claim id in {claim_id!r}", hint=LIST_HINT)
    records = store.list_claims(transcript or None)
    if transcript and not records:
        raise ReviewError(f"no transcript {transcript!r} in the review store", hint=LIST_HINT)
    matches = [r for r in records if r.claim_id == bare]
    if not matches:
        matches = [r for r in records if r.claim_id.startswith(bare)]
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
    explanation: str | None = None,
    merge_into: str | None = None,
) -> str:
    """Record one decision; returns a one-line confirmation (or says that nothing changed)."""
    with open_existing_store(out_dir) as store:
        record = find_claim(store, claim_id)
        target = find_claim(store, merge_into) if merge_into else None
        if target is not None and target.transcript_id != record.transcript_id:
            raise ReviewError(
                f"{target.ref} is in another transcript than {record.ref}",
                hint="a duplicate is merged into a claim of the same transcript",
            )
        decision = EditorDecision(
            transcript_id=record.transcript_id,
            claim_id=record.claim_id,
            action=action,
            editor=editor,
            label=label,
            note=note,
            text=text,
            rationale=rationale,
            explanation=explanation,
            merge_into=target.claim_id if target else None,
            quote=record.quote,
        )
        outcome = store.record_all(with_implied_approval(decision))
        current = store.decision_for(record.transcript_id, record.claim_id)
    state = current.status.value if current else "draft"
    if not outcome.changed:
        return f"{record.ref}: already {state}; nothing changed"
    shown = f", verdict {label.display}" if label else ""
    merged = f", merged into {target.ref}" if target else ""
    return f"{record.ref}: {state}{shown}{merged} (by {editor}, version {outcome.version})"


# Width of the label column of `show_claim`.
_LABEL_WIDTH = 11


def _block(label: str, text: str) -> str:
    """One `show_claim` entry; the lines after the first of a multi-line note are indented under it, so
    that none of them can pass for an entry of its own (an "audit …" line)."""
    indent = "\n" + " " * _LABEL_WIDTH
    return label.ljust(_LABEL_WIDTH) + indent.join(text.splitlines() or [""])


def _evidence_lines(evidence: Sequence[Evidence], label: str = "evidence") -> list[str]:
    """One line per piece of evidence; `evidence*` marks the list an editor chose."""
    return [
        f"{label:<11}“{' '.join(e.quote.split())}” — {e.passage.citation.title} [{e.passage.passage_id}]"
        for e in evidence
    ]


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
    decision = record.decision
    if verdict and verdict.draft:
        draft = verdict.draft
        lines.append(f"draft      {draft.label.display} (confidence {draft.confidence:.2f})")
        if draft.review_reasons:
            lines.append("review     " + "; ".join(draft.review_reasons))
        lines.append(f"rationale  {draft.rationale}")
        if decision is None or decision.evidence is None:
            lines.extend(_evidence_lines(draft.evidence))
    if decision:
        lines.append(
            f"decision   {decision.status.value}"
            + (f", {decision.label.display}" if decision.label else "")
            + f" by {decision.editor} (version {decision.version})"
        )
        if decision.merged_into:
            lines.append(f"merged     into {record.transcript_id}/{decision.merged_into}")
        if decision.explanation:
            lines.append(_block("explained", decision.explanation))
        if decision.evidence is not None:
            lines.extend(_evidence_lines(decision.evidence, "evidence*"))
        if decision.note:
            lines.append(_block("note", decision.note))
    for entry in audit:
        change = f"{entry.field}: {entry.old!r} → {entry.new!r}" if entry.field else ""
        lines.append(f"audit      {entry.at.isoformat()} {entry.editor} {entry.action} {change}".rstrip())
    return "\n".join(lines)
