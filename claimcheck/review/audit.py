"""The review store's audit log: what an audit row records, and the one function that appends one.

Every changed field of every claim gets one row, written in the same transaction as the change. The rows
are append-only (the schema's triggers refuse UPDATE and DELETE).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from enum import StrEnum

from claimcheck.models import DecisionAction
from claimcheck.review.records import Record


class AuditAction(StrEnum):
    """What an audit row records: an editor's `DecisionAction` (same values), or what a sync did by itself."""

    APPROVE = DecisionAction.APPROVE.value
    REJECT = DecisionAction.REJECT.value
    SET_VERDICT = DecisionAction.SET_VERDICT.value
    EDIT_TEXT = DecisionAction.EDIT_TEXT.value
    EDIT_RATIONALE = DecisionAction.EDIT_RATIONALE.value
    ADD_CLAIM = DecisionAction.ADD_CLAIM.value
    EDIT = DecisionAction.EDIT.value
    MERGE = DecisionAction.MERGE.value
    REATTACH = "reattach"  # a decision moved to a new claim id with the same quote
    ORPHAN = "orphan"  # a decided claim vanished from the drafts
    RESTORE = "restore"  # an orphaned claim's id came back
    # An editor's explicit reopen (DecisionAction.REOPEN), or a re-attached approval that a sync sent back
    # to review because the claim's checkable text changed.
    REOPEN = DecisionAction.REOPEN.value
    EDIT_SECTION = "edit_section"  # an editor's markdown for a page section (claim_id "section:<name>")

    @classmethod
    def of(cls, action: DecisionAction) -> AuditAction:
        """The audit action an editor's decision is logged under."""
        return cls(action.value)


class AuditEntry(Record):
    """One append-only audit row: who changed which field of which claim, from what to what."""

    id: int
    at: dt.datetime
    editor: str
    transcript_id: str
    claim_id: str
    action: AuditAction
    field: str | None = None
    old: str | None = None
    new: str | None = None
    note: str | None = None


def write_audit(
    db: sqlite3.Connection,
    *,
    at: str,
    editor: str,
    transcript_id: str,
    claim_id: str,
    action: AuditAction,
    field: str | None = None,
    old: str | None = None,
    new: str | None = None,
    note: str | None = None,
) -> None:
    """Append one audit row; the caller owns the transaction."""
    db.execute(
        "INSERT INTO audit (at, editor, transcript_id, claim_id, action, field, old, new, note)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (at, editor, transcript_id, claim_id, action.value, field, old, new, note),
    )
