"""Registering a run's drafted claims in the review store without losing an editor's work.

A claim id the new run still has is refreshed; a new one is added; a decided claim whose id vanished is
re-attached to a new claim with the same quote, else kept as `orphaned`; an undecided one is dropped. A
re-attached approval whose claim now reads differently (another year or subject in the checkable text),
or an approval of the draft's own verdict that a new run drafts differently, goes back to review (status
draft, the editor's label and notes kept) with a `reopen` audit row.
Each step is logged under `SYNC_EDITOR`. These functions run inside the store's write transaction.
"""

from __future__ import annotations

import sqlite3
from enum import StrEnum

from claimcheck.models import Breakdown, Verdict, VerdictStatus
from claimcheck.review.audit import AuditAction, write_audit
from claimcheck.review.records import ClaimStatus, Reattachment, SyncReport, quote_key
from claimcheck.text import normalise_claim_text

# The editor name written on audit rows made by `sync_drafts` itself, not by a person.
SYNC_EDITOR = "claimcheck:sync"


class _Upsert(StrEnum):
    ADDED = "added"
    KEPT = "kept"
    RESTORED = "restored"


def sync_breakdown(db: sqlite3.Connection, breakdown: Breakdown, now: str) -> SyncReport:
    """Register one breakdown's claims; re-attach or orphan decisions whose claim id is gone."""
    transcript_ids = {breakdown.slug} | {v.claim.transcript_id for v in breakdown.verdicts}
    added: list[str] = []
    restored: list[str] = []
    kept = 0
    reattached: list[Reattachment] = []
    removed: list[str] = []
    new_keys: set[tuple[str, str]] = set()
    for position, verdict in enumerate(breakdown.verdicts):
        claim = verdict.claim
        key = (claim.transcript_id, claim.id)
        if key in new_keys:
            continue  # a repeated claim id in one run: the first occurrence wins
        new_keys.add(key)
        outcome = _upsert_draft_claim(db, verdict, position, now)
        if outcome is _Upsert.ADDED:
            added.append(claim.id)
        else:
            kept += 1
            if outcome is _Upsert.RESTORED:
                restored.append(claim.id)
                write_audit(
                    db,
                    at=now,
                    editor=SYNC_EDITOR,
                    transcript_id=claim.transcript_id,
                    claim_id=claim.id,
                    action=AuditAction.RESTORE,
                    field="status",
                    old=ClaimStatus.ORPHANED.value,
                    new=ClaimStatus.ACTIVE.value,
                )
    for transcript_id in sorted(transcript_ids):
        moved, dropped = _settle_missing(db, transcript_id, new_keys, now)
        reattached.extend(moved)
        removed.extend(dropped)
    orphaned = [
        row["claim_id"]
        for tid in sorted(transcript_ids)
        for row in db.execute(
            "SELECT claim_id FROM claims WHERE transcript_id = ? AND status = 'orphaned'"
            " ORDER BY position, claim_id",
            (tid,),
        )
    ]
    return SyncReport(
        transcript_id=breakdown.slug,
        claims=len(new_keys),
        added=added,
        kept=kept,
        restored=restored,
        reattached=reattached,
        orphaned=orphaned,
        removed=removed,
    )


def _upsert_draft_claim(db: sqlite3.Connection, verdict: Verdict, position: int, now: str) -> _Upsert:
    """Insert or refresh one drafted claim."""
    claim = verdict.claim
    draft_label = verdict.draft.label if verdict.draft else verdict.label
    draft_rationale = verdict.draft.rationale if verdict.draft else verdict.rationale
    values = (
        claim.quote,
        quote_key(claim.quote),
        claim.text,
        claim.speaker,
        claim.start,
        claim.timecode,
        draft_label.value,
        draft_rationale,
        position,
    )
    existing = db.execute(
        "SELECT status, draft_label FROM claims WHERE transcript_id = ? AND claim_id = ?",
        (claim.transcript_id, claim.id),
    ).fetchone()
    if existing is None:
        db.execute(
            "INSERT INTO claims (quote, quote_key, text, speaker, start, timecode, draft_label,"
            " draft_rationale, position, transcript_id, claim_id, status, added_by_editor)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', 0)",
            (*values, claim.transcript_id, claim.id),
        )
        return _Upsert.ADDED
    db.execute(
        "UPDATE claims SET quote = ?, quote_key = ?, text = ?, speaker = ?, start = ?, timecode = ?,"
        " draft_label = ?, draft_rationale = ?, position = ?, status = 'active'"
        " WHERE transcript_id = ? AND claim_id = ?",
        (*values, claim.transcript_id, claim.id),
    )
    if existing["draft_label"] and existing["draft_label"] != draft_label.value:
        _reopen_if_relabelled(
            db, claim.transcript_id, claim.id, existing["draft_label"], draft_label.value, now
        )
    return _Upsert.RESTORED if existing["status"] == ClaimStatus.ORPHANED.value else _Upsert.KEPT


def _reopen_if_relabelled(
    db: sqlite3.Connection, transcript_id: str, claim_id: str, old_label: str, new_label: str, now: str
) -> None:
    """Send an approval that took the draft's verdict (set no label of its own) back to review when a new
    run drafts another verdict: what the editor approved is not what readers would now see."""
    decision = db.execute(
        "SELECT status, label FROM decisions WHERE transcript_id = ? AND claim_id = ?",
        (transcript_id, claim_id),
    ).fetchone()
    if (
        decision is None
        or decision["status"] != VerdictStatus.APPROVED.value
        or decision["label"] is not None
    ):
        return
    reason = f"the draft verdict changed since it was approved: {old_label} is now {new_label}"
    reopen_approval(db, transcript_id, claim_id, now=now, editor=SYNC_EDITOR, note=reason)


def reopen_approval(
    db: sqlite3.Connection, transcript_id: str, claim_id: str, *, now: str, editor: str, note: str
) -> int:
    """Send an approved decision back to review: status draft and a new version (a review app form loaded
    before is now stale), with a `reopen` audit row saying why. Returns the new version."""
    db.execute(
        "UPDATE decisions SET status = ?, version = version + 1 WHERE transcript_id = ? AND claim_id = ?",
        (VerdictStatus.DRAFT.value, transcript_id, claim_id),
    )
    write_audit(
        db,
        at=now,
        editor=editor,
        transcript_id=transcript_id,
        claim_id=claim_id,
        action=AuditAction.REOPEN,
        field="status",
        old=VerdictStatus.APPROVED.value,
        new=VerdictStatus.DRAFT.value,
        note=note,
    )
    row = db.execute(
        "SELECT version FROM decisions WHERE transcript_id = ? AND claim_id = ?", (transcript_id, claim_id)
    ).fetchone()
    return int(row["version"])


def _settle_missing(
    db: sqlite3.Connection, transcript_id: str, new_keys: set[tuple[str, str]], now: str
) -> tuple[list[Reattachment], list[str]]:
    """Handle the drafted claims of one transcript that the new run no longer has."""
    rows = db.execute(
        "SELECT c.claim_id, c.quote_key, c.text, c.status, d.claim_id IS NOT NULL AS decided"
        " FROM claims c LEFT JOIN decisions d"
        " ON d.transcript_id = c.transcript_id AND d.claim_id = c.claim_id"
        " WHERE c.transcript_id = ? AND c.added_by_editor = 0 ORDER BY c.position, c.claim_id",
        (transcript_id,),
    ).fetchall()
    moved: list[Reattachment] = []
    dropped: list[str] = []
    for row in rows:
        claim_id = row["claim_id"]
        if (transcript_id, claim_id) in new_keys:
            continue
        if not row["decided"]:
            db.execute(
                "DELETE FROM claims WHERE transcript_id = ? AND claim_id = ?", (transcript_id, claim_id)
            )
            dropped.append(claim_id)
            continue
        target = _reattach_target(db, transcript_id, row["quote_key"], new_keys)
        if target is not None:
            # Move the decision first: the foreign key forbids deleting a claim that still has one.
            db.execute(
                "UPDATE decisions SET claim_id = ? WHERE transcript_id = ? AND claim_id = ?",
                (target, transcript_id, claim_id),
            )
            db.execute(
                "DELETE FROM claims WHERE transcript_id = ? AND claim_id = ?", (transcript_id, claim_id)
            )
            write_audit(
                db,
                at=now,
                editor=SYNC_EDITOR,
                transcript_id=transcript_id,
                claim_id=target,
                action=AuditAction.REATTACH,
                field="claim_id",
                old=claim_id,
                new=target,
            )
            reason = _reopen_if_changed(db, transcript_id, target, row["text"], now)
            moved.append(
                Reattachment(
                    transcript_id=transcript_id,
                    old_claim_id=claim_id,
                    new_claim_id=target,
                    review_reason=reason,
                )
            )
        elif row["status"] != ClaimStatus.ORPHANED.value:
            db.execute(
                "UPDATE claims SET status = 'orphaned' WHERE transcript_id = ? AND claim_id = ?",
                (transcript_id, claim_id),
            )
            write_audit(
                db,
                at=now,
                editor=SYNC_EDITOR,
                transcript_id=transcript_id,
                claim_id=claim_id,
                action=AuditAction.ORPHAN,
                field="status",
                old=ClaimStatus.ACTIVE.value,
                new=ClaimStatus.ORPHANED.value,
            )
    return moved, dropped


def _reopen_if_changed(
    db: sqlite3.Connection, transcript_id: str, claim_id: str, old_text: str, now: str
) -> str | None:
    """Send a re-attached approval back to review when the claim it now sits on says something else
    (its checkable text differs beyond case and punctuation: another year, subject or period was
    filled in). Returns why, or None when the approval stands. A rejection stands either way: it
    judged the words said, which are the same."""
    new_text = db.execute(
        "SELECT text FROM claims WHERE transcript_id = ? AND claim_id = ?", (transcript_id, claim_id)
    ).fetchone()["text"]
    if normalise_claim_text(new_text) == normalise_claim_text(old_text):
        return None
    status = db.execute(
        "SELECT status FROM decisions WHERE transcript_id = ? AND claim_id = ?", (transcript_id, claim_id)
    ).fetchone()["status"]
    if status != VerdictStatus.APPROVED.value:
        return None
    reason = f"the checkable text changed since it was approved: {old_text!r} is now {new_text!r}"
    reopen_approval(db, transcript_id, claim_id, now=now, editor=SYNC_EDITOR, note=reason)
    return reason


def _reattach_target(
    db: sqlite3.Connection, transcript_id: str, key: str, new_keys: set[tuple[str, str]]
) -> str | None:
    """The first new claim with this quote that has no decision of its own yet."""
    for row in db.execute(
        "SELECT c.claim_id FROM claims c LEFT JOIN decisions d"
        " ON d.transcript_id = c.transcript_id AND d.claim_id = c.claim_id"
        " WHERE c.transcript_id = ? AND c.quote_key = ? AND d.claim_id IS NULL"
        " ORDER BY c.position, c.claim_id",
        (transcript_id, key),
    ):
        if (transcript_id, row["claim_id"]) in new_keys:
            return str(row["claim_id"])
    return None
