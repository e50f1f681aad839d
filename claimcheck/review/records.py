"""The review store's rows as typed records, and the pure helpers that name claims and match quotes.

`ClaimRecord` and `DecisionRecord` are what the store's reads return; `SyncReport` is what re-registering a
run's drafts did. `claim_from_row` and `decision_from_row` turn the store's rows into records; nothing here
touches disk.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, TypeAdapter

from claimcheck.models import Evidence, Label, VerdictStatus


class ClaimStatus(StrEnum):
    ACTIVE = "active"  # in the latest drafts, or added by an editor
    ORPHANED = "orphaned"  # gone from the drafts, kept because an editor decided on it


class Role(StrEnum):
    """What an editor who logs in to the review app may do."""

    EDITOR = "editor"  # review claims and write sections
    PUBLISHER = "publisher"  # all that, and publish the site


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DecisionRecord(Record):
    """The current editorial state of one claim. `None` overrides mean "keep the draft's"."""

    transcript_id: str
    claim_id: str
    status: VerdictStatus
    label: Label | None = None
    text: str | None = None
    rationale: str | None = None
    note: str | None = None
    editor: str
    updated_at: dt.datetime
    version: int = 1  # saves so far; a save made against another version is a conflict
    explanation: str | None = None
    evidence: list[Evidence] | None = None  # the editor's list, in order; None keeps the draft's
    merged_into: str | None = None  # the claim this one duplicates (it is then rejected)


class ClaimRecord(Record):
    """One claim as the store knows it, with its decision when there is one."""

    transcript_id: str
    claim_id: str
    quote: str
    text: str
    speaker: str | None = None
    start: float | None = None
    timecode: str | None = None
    draft_label: Label | None = None
    draft_rationale: str | None = None
    position: int
    status: ClaimStatus
    added_by_editor: bool
    decision: DecisionRecord | None = None

    @property
    def version(self) -> int:
        """The decision's version; 0 before any editor saved anything on this claim."""
        return self.decision.version if self.decision else 0

    @property
    def ref(self) -> str:
        """The id the CLI prints and takes: `slug/claimid`."""
        return f"{self.transcript_id}/{self.claim_id}"


class SaveOutcome(Record):
    """What one save did: the claim's decision version after it, and the fields it changed (none: the
    save was a no-op, e.g. approving an approved claim, and the version did not move)."""

    version: int
    changed: list[str]


class Reattachment(Record):
    transcript_id: str
    old_claim_id: str
    new_claim_id: str
    # Set when the approval went back to review because the checkable text changed with the new id
    # ("… last year [2024]" became "… [2025]"): what changed, for the draft's review reasons.
    review_reason: str | None = None


class SyncReport(Record):
    """What `sync_drafts` did with one breakdown's claims."""

    transcript_id: str
    claims: int  # claims in the new drafts
    added: list[str]  # claim ids seen for the first time
    kept: int  # claim ids already known
    restored: list[str]  # orphaned claims whose id came back
    reattached: list[Reattachment]  # decisions moved to a new id with the same quote
    orphaned: list[str]  # claims with a decision and no draft, after this sync
    removed: list[str]  # undecided claims gone from the drafts (nothing to keep)

    def summary(self) -> str:
        return (
            f"{self.transcript_id}: {self.claims} claims ({len(self.added)} new, {self.kept} known), "
            f"{len(self.reattached)} decisions re-attached, {len(self.orphaned)} orphaned, "
            f"{len(self.removed)} dropped undecided"
        )


class StaleRecord(Record):
    """An approved verdict a corpus change made stale: why, what the editor approved, and the re-draft.
    `open` until an editor saves the claim again (its decision's version moves past `version`)."""

    transcript_id: str
    claim_id: str
    found_at: dt.datetime
    version: int
    reasons: list[str]
    old_label: Label
    old_evidence: list[Evidence]
    new_label: Label
    new_rationale: str
    new_evidence: list[Evidence]
    open: bool = True

    @property
    def ref(self) -> str:
        return f"{self.transcript_id}/{self.claim_id}"


# --------------------------------------------------------------------------------------------------
# helpers


def quote_key(quote: str) -> str:
    """The form quotes are matched in when re-attaching: whitespace collapsed, case folded."""
    return " ".join(quote.split()).casefold()


def editor_claim_id(transcript_id: str, text: str) -> str:
    """A stable id for a claim an editor adds by hand (prefixed so it never collides with a drafted one)."""
    digest = hashlib.sha256(f"{transcript_id}\n{quote_key(text)}".encode()).hexdigest()
    return f"ed-{digest[:16]}"


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def iso_utc(moment: dt.datetime | None) -> str:
    """ISO 8601 in UTC; a naive datetime is taken to be UTC already."""
    value = moment or utc_now()
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).isoformat()


def evidence_to_json(evidence: list[Evidence]) -> str:
    return "[" + ",".join(e.model_dump_json() for e in evidence) + "]"


def evidence_from_json(text: str) -> list[Evidence]:
    return EVIDENCE_LIST.validate_json(text)


EVIDENCE_LIST: TypeAdapter[list[Evidence]] = TypeAdapter(list[Evidence])


# --------------------------------------------------------------------------------------------------
# rows → records


def decision_from_row(row: sqlite3.Row, prefix: str = "") -> DecisionRecord:
    """A decision from a `decisions` row, or from its columns prefixed `d_` in a joined row."""
    label = row[f"{prefix}label"]
    evidence = row[f"{prefix}evidence"]
    return DecisionRecord(
        transcript_id=row["transcript_id"],
        claim_id=row["claim_id"],
        status=VerdictStatus(row[f"{prefix}status"]),
        label=Label(label) if label else None,
        text=row[f"{prefix}text"],
        rationale=row[f"{prefix}rationale"],
        note=row[f"{prefix}note"],
        editor=row[f"{prefix}editor"],
        updated_at=dt.datetime.fromisoformat(row[f"{prefix}updated_at"]),
        version=row[f"{prefix}version"],
        explanation=row[f"{prefix}explanation"],
        evidence=evidence_from_json(evidence) if evidence is not None else None,
        merged_into=row[f"{prefix}merged_into"],
    )


def claim_from_row(row: sqlite3.Row) -> ClaimRecord:
    """A claim from a `claims` row joined with its decision's columns prefixed `d_`."""
    decision = decision_from_row(row, prefix="d_") if row["d_status"] is not None else None
    return ClaimRecord(
        transcript_id=row["transcript_id"],
        claim_id=row["claim_id"],
        quote=row["quote"],
        text=row["text"],
        speaker=row["speaker"],
        start=row["start"],
        timecode=row["timecode"],
        draft_label=Label(row["draft_label"]) if row["draft_label"] else None,
        draft_rationale=row["draft_rationale"],
        position=row["position"],
        status=ClaimStatus(row["status"]),
        added_by_editor=bool(row["added_by_editor"]),
        decision=decision,
    )
