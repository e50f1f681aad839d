"""The review store: the one module that touches `OUT/claimcheck.sqlite`.

Three tables hold the editors' work:

- `claims`: every claim the latest run drafted, plus the claims editors added by hand. A claim whose id
  vanished from the drafts but still carries a decision stays here as `orphaned`, so no work is lost.
- `decisions`: the current editorial state per (transcript_id, claim_id): status, label / wording /
  rationale overrides, a note and the last editor.
- `audit`: an append-only log (triggers refuse UPDATE and DELETE) with one row per changed field.

Every write runs inside one `BEGIN IMMEDIATE` transaction, the database is in WAL mode with
`synchronous=FULL`, so a process killed mid-write leaves every committed decision intact.
The schema version lives in `PRAGMA user_version`; `_MIGRATIONS` are applied in order, each in its own
transaction, and a store written by a newer claimcheck is refused rather than guessed at.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import Any

from pydantic import BaseModel, ConfigDict

from claimcheck.errors import ReviewError
from claimcheck.models import (
    Breakdown,
    Claim,
    DecisionAction,
    EditorDecision,
    Label,
    Verdict,
    VerdictStatus,
)

STORE_FILENAME = "claimcheck.sqlite"
# The editor name written on audit rows made by `sync_drafts` itself, not by a person.
SYNC_EDITOR = "claimcheck:sync"
# How long a writer waits for another writer (the CLI and a review web UI at once) before giving up.
BUSY_TIMEOUT_MS = 10_000

LIST_HINT = "run `claimcheck review list` to see ids"

# Each migration is a list of statements, run in order inside one transaction; its index + 1 is the
# schema version it produces. Never edit a shipped migration: append a new one.
_MIGRATIONS: list[list[str]] = [
    [
        """
        CREATE TABLE claims (
            transcript_id   TEXT NOT NULL,
            claim_id        TEXT NOT NULL,
            quote           TEXT NOT NULL,
            quote_key       TEXT NOT NULL,
            text            TEXT NOT NULL,
            speaker         TEXT,
            start           REAL,
            timecode        TEXT,
            draft_label     TEXT,
            draft_rationale TEXT,
            position        INTEGER NOT NULL DEFAULT 0,
            status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'orphaned')),
            added_by_editor INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (transcript_id, claim_id)
        )
        """,
        "CREATE INDEX claims_by_quote ON claims (transcript_id, quote_key)",
        """
        CREATE TABLE decisions (
            transcript_id TEXT NOT NULL,
            claim_id      TEXT NOT NULL,
            status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('approved', 'rejected', 'draft')),
            label         TEXT,
            text          TEXT,
            rationale     TEXT,
            note          TEXT,
            editor        TEXT NOT NULL,
            updated_at    TEXT NOT NULL,
            PRIMARY KEY (transcript_id, claim_id),
            FOREIGN KEY (transcript_id, claim_id) REFERENCES claims (transcript_id, claim_id)
        )
        """,
        """
        CREATE TABLE audit (
            id            INTEGER PRIMARY KEY AUTOINCREMENT,
            at            TEXT NOT NULL,
            editor        TEXT NOT NULL,
            transcript_id TEXT NOT NULL,
            claim_id      TEXT NOT NULL,
            action        TEXT NOT NULL,
            field         TEXT,
            old           TEXT,
            new           TEXT,
            note          TEXT
        )
        """,
        "CREATE INDEX audit_by_claim ON audit (claim_id)",
        """
        CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END
        """,
        """
        CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END
        """,
    ],
]
SCHEMA_VERSION = len(_MIGRATIONS)


# --------------------------------------------------------------------------------------------------
# rows


class ClaimStatus(StrEnum):
    ACTIVE = "active"  # in the latest drafts, or added by an editor
    ORPHANED = "orphaned"  # gone from the drafts, kept because an editor decided on it


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DecisionRecord(_Row):
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


class ClaimRecord(_Row):
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


class AuditEntry(_Row):
    """One append-only audit row: who changed which field of which claim, from what to what."""

    id: int
    at: dt.datetime
    editor: str
    transcript_id: str
    claim_id: str
    action: str  # a DecisionAction value, or "reattach" / "orphan" / "restore" from sync_drafts
    field: str | None = None
    old: str | None = None
    new: str | None = None
    note: str | None = None


class Reattachment(_Row):
    transcript_id: str
    old_claim_id: str
    new_claim_id: str


class SyncReport(_Row):
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


# --------------------------------------------------------------------------------------------------
# helpers


def quote_key(quote: str) -> str:
    """The form quotes are matched in when re-attaching: whitespace collapsed, case folded."""
    return " ".join(quote.split()).casefold()


def editor_claim_id(transcript_id: str, text: str) -> str:
    """A stable id for a claim an editor adds by hand (prefixed so it never collides with a drafted one)."""
    digest = hashlib.sha256(f"{transcript_id}\n{quote_key(text)}".encode()).hexdigest()
    return f"ed-{digest[:16]}"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _iso(moment: dt.datetime | None) -> str:
    """ISO 8601 in UTC; a naive datetime is taken to be UTC already."""
    value = moment or _now()
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).isoformat()


def _text_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


# --------------------------------------------------------------------------------------------------
# the store


class ReviewStore:
    """Editor decisions over drafted claims. Open with `ReviewStore.open(path)`; use as a context manager."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path

    # ---- opening ------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path) -> ReviewStore:
        """Open (creating if needed) the store at `path` and bring its schema up to date."""
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            connection = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        except sqlite3.Error as exc:
            raise ReviewError(f"cannot open the review store: {exc}", path=path) from None
        connection.row_factory = sqlite3.Row
        store = cls(connection, path)
        try:
            store._configure()
            store._migrate()
        except sqlite3.DatabaseError as exc:
            connection.close()
            raise ReviewError(
                f"not a usable review store: {exc}",
                path=path,
                hint="move the file aside; `claimcheck run` then starts a fresh store",
            ) from None
        except ReviewError:
            connection.close()
            raise
        return store

    def _configure(self) -> None:
        mode = self._db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise ReviewError(f"could not switch the store to WAL mode (got {mode})", path=self.path)
        # FULL: every committed decision survives even a power cut, not only a killed process.
        self._db.execute("PRAGMA synchronous = FULL")
        self._db.execute("PRAGMA foreign_keys = ON")

    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise ReviewError(
                f"store schema version {version} is newer than this claimcheck knows ({SCHEMA_VERSION})",
                path=self.path,
                hint="upgrade claimcheck, or use another --out folder",
            )
        for number in range(version + 1, SCHEMA_VERSION + 1):
            with self._transaction():
                # Re-read inside the lock: another process may have migrated meanwhile.
                if self.schema_version() >= number:
                    continue
                for statement in _MIGRATIONS[number - 1]:
                    self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {number}")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> ReviewStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction; the write lock is taken up front so two writers never deadlock."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise ReviewError(
                f"the review store is not writable: {exc}",
                path=self.path,
                hint="another claimcheck may be writing to it; try again",
            ) from None
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # ---- writes -------------------------------------------------------------------------------

    def _audit(
        self,
        *,
        at: str,
        editor: str,
        transcript_id: str,
        claim_id: str,
        action: str,
        field: str | None = None,
        old: str | None = None,
        new: str | None = None,
        note: str | None = None,
    ) -> None:
        self._db.execute(
            "INSERT INTO audit (at, editor, transcript_id, claim_id, action, field, old, new, note)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (at, editor, transcript_id, claim_id, action, field, old, new, note),
        )

    def sync_drafts(self, breakdown: Breakdown) -> SyncReport:
        """Register a run's claims; re-attach or orphan decisions whose claim id is gone. Never drops one."""
        transcript_ids = {breakdown.slug} | {v.claim.transcript_id for v in breakdown.verdicts}
        now = _iso(None)
        added: list[str] = []
        restored: list[str] = []
        kept = 0
        reattached: list[Reattachment] = []
        removed: list[str] = []
        with self._transaction():
            new_keys: set[tuple[str, str]] = set()
            for position, verdict in enumerate(breakdown.verdicts):
                claim = verdict.claim
                key = (claim.transcript_id, claim.id)
                if key in new_keys:
                    continue  # a repeated claim id in one run: the first occurrence wins
                new_keys.add(key)
                outcome = self._upsert_draft_claim(verdict, position)
                if outcome == "added":
                    added.append(claim.id)
                else:
                    kept += 1
                    if outcome == "restored":
                        restored.append(claim.id)
                        self._audit(
                            at=now,
                            editor=SYNC_EDITOR,
                            transcript_id=claim.transcript_id,
                            claim_id=claim.id,
                            action="restore",
                            field="status",
                            old=ClaimStatus.ORPHANED.value,
                            new=ClaimStatus.ACTIVE.value,
                        )
            for transcript_id in sorted(transcript_ids):
                moved, dropped = self._settle_missing(transcript_id, new_keys, now)
                reattached.extend(moved)
                removed.extend(dropped)
            orphaned = [
                row["claim_id"]
                for tid in sorted(transcript_ids)
                for row in self._db.execute(
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

    def _upsert_draft_claim(self, verdict: Verdict, position: int) -> str:
        """Insert or refresh one drafted claim; returns "added", "kept" or "restored"."""
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
        existing = self._db.execute(
            "SELECT status FROM claims WHERE transcript_id = ? AND claim_id = ?",
            (claim.transcript_id, claim.id),
        ).fetchone()
        if existing is None:
            self._db.execute(
                "INSERT INTO claims (quote, quote_key, text, speaker, start, timecode, draft_label,"
                " draft_rationale, position, transcript_id, claim_id, status, added_by_editor)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', 0)",
                (*values, claim.transcript_id, claim.id),
            )
            return "added"
        self._db.execute(
            "UPDATE claims SET quote = ?, quote_key = ?, text = ?, speaker = ?, start = ?, timecode = ?,"
            " draft_label = ?, draft_rationale = ?, position = ?, status = 'active'"
            " WHERE transcript_id = ? AND claim_id = ?",
            (*values, claim.transcript_id, claim.id),
        )
        return "restored" if existing["status"] == ClaimStatus.ORPHANED.value else "kept"

    def _settle_missing(
        self, transcript_id: str, new_keys: set[tuple[str, str]], now: str
    ) -> tuple[list[Reattachment], list[str]]:
        """Handle the drafted claims of one transcript that the new run no longer has."""
        rows = self._db.execute(
            "SELECT c.claim_id, c.quote_key, c.status, d.claim_id IS NOT NULL AS decided"
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
                self._db.execute(
                    "DELETE FROM claims WHERE transcript_id = ? AND claim_id = ?", (transcript_id, claim_id)
                )
                dropped.append(claim_id)
                continue
            target = self._reattach_target(transcript_id, row["quote_key"], new_keys)
            if target is not None:
                # Move the decision first: the foreign key forbids deleting a claim that still has one.
                self._db.execute(
                    "UPDATE decisions SET claim_id = ? WHERE transcript_id = ? AND claim_id = ?",
                    (target, transcript_id, claim_id),
                )
                self._db.execute(
                    "DELETE FROM claims WHERE transcript_id = ? AND claim_id = ?", (transcript_id, claim_id)
                )
                self._audit(
                    at=now,
                    editor=SYNC_EDITOR,
                    transcript_id=transcript_id,
                    claim_id=target,
                    action="reattach",
                    field="claim_id",
                    old=claim_id,
                    new=target,
                )
                moved.append(
                    Reattachment(transcript_id=transcript_id, old_claim_id=claim_id, new_claim_id=target)
                )
            elif row["status"] != ClaimStatus.ORPHANED.value:
                self._db.execute(
                    "UPDATE claims SET status = 'orphaned' WHERE transcript_id = ? AND claim_id = ?",
                    (transcript_id, claim_id),
                )
                self._audit(
                    at=now,
                    editor=SYNC_EDITOR,
                    transcript_id=transcript_id,
                    claim_id=claim_id,
                    action="orphan",
                    field="status",
                    old=ClaimStatus.ACTIVE.value,
                    new=ClaimStatus.ORPHANED.value,
                )
        return moved, dropped

    def _reattach_target(self, transcript_id: str, key: str, new_keys: set[tuple[str, str]]) -> str | None:
        """The first new claim with this quote that has no decision of its own yet."""
        for row in self._db.execute(
            "SELECT c.claim_id FROM claims c LEFT JOIN decisions d"
            " ON d.transcript_id = c.transcript_id AND d.claim_id = c.claim_id"
            " WHERE c.transcript_id = ? AND c.quote_key = ? AND d.claim_id IS NULL"
            " ORDER BY c.position, c.claim_id",
            (transcript_id, key),
        ):
            if (transcript_id, row["claim_id"]) in new_keys:
                return str(row["claim_id"])
        return None

    def record(self, decision: EditorDecision) -> None:
        """Apply one editor decision and write its audit rows, all in one transaction."""
        editor = decision.editor.strip()
        if not editor:
            raise ReviewError("an editor name is required", hint="pass --editor NAME")
        if not decision.transcript_id.strip() or not decision.claim_id.strip():
            raise ReviewError("a transcript id and a claim id are required", hint=LIST_HINT)
        _check_required_field(decision)
        at = _iso(decision.at)
        with self._transaction():
            if decision.action is DecisionAction.ADD_CLAIM:
                self._add_claim(decision, editor, at)
            else:
                self._update_decision(decision, editor, at)

    def _add_claim(self, decision: EditorDecision, editor: str, at: str) -> None:
        tid, cid = decision.transcript_id, decision.claim_id
        if self._claim_row(tid, cid) is not None:
            raise ReviewError(
                f"claim {cid!r} already exists in {tid!r}",
                hint="choose another id (see `editor_claim_id`) or edit the existing claim",
            )
        text = decision.text or ""
        quote = decision.quote if decision.quote and decision.quote.strip() else text
        position = self._db.execute(
            "SELECT COALESCE(MAX(position), -1) + 1 FROM claims WHERE transcript_id = ?", (tid,)
        ).fetchone()[0]
        self._db.execute(
            "INSERT INTO claims (transcript_id, claim_id, quote, quote_key, text, position, status,"
            " added_by_editor) VALUES (?, ?, ?, ?, ?, ?, 'active', 1)",
            (tid, cid, quote, quote_key(quote), text, position),
        )
        label = decision.label.value if decision.label else None
        self._db.execute(
            "INSERT INTO decisions (transcript_id, claim_id, status, label, text, rationale, note, editor,"
            " updated_at) VALUES (?, ?, 'draft', ?, ?, ?, ?, ?, ?)",
            (tid, cid, label, text, decision.rationale, decision.note, editor, at),
        )
        action = decision.action.value
        self._audit(
            at=at,
            editor=editor,
            transcript_id=tid,
            claim_id=cid,
            action=action,
            field="text",
            new=text,
            note=decision.note,
        )
        for field, new in (("quote", quote), ("label", label), ("rationale", decision.rationale)):
            if new is not None:
                self._audit(
                    at=at, editor=editor, transcript_id=tid, claim_id=cid, action=action, field=field, new=new
                )

    def _update_decision(self, decision: EditorDecision, editor: str, at: str) -> None:
        tid, cid = decision.transcript_id, decision.claim_id
        claim = self._claim_row(tid, cid)
        if claim is None:
            raise ReviewError(f"unknown claim {cid!r} in transcript {tid!r}", hint=LIST_HINT)
        current = self._db.execute(
            "SELECT status, label, text, rationale, note FROM decisions"
            " WHERE transcript_id = ? AND claim_id = ?",
            (tid, cid),
        ).fetchone()
        if current is None:
            self._db.execute(
                "INSERT INTO decisions (transcript_id, claim_id, status, editor, updated_at)"
                " VALUES (?, ?, 'draft', ?, ?)",
                (tid, cid, editor, at),
            )
            current = {"status": "draft", "label": None, "text": None, "rationale": None, "note": None}
        changes = _changes(decision, current, claim)
        for column, _old, new in changes:
            self._db.execute(
                f"UPDATE decisions SET {column} = ? WHERE transcript_id = ? AND claim_id = ?",
                (new, tid, cid),
            )
        self._db.execute(
            "UPDATE decisions SET editor = ?, updated_at = ? WHERE transcript_id = ? AND claim_id = ?",
            (editor, at, tid, cid),
        )
        for column, old, new in changes:
            self._audit(
                at=at,
                editor=editor,
                transcript_id=tid,
                claim_id=cid,
                action=decision.action.value,
                field=column,
                old=old,
                new=new,
                note=decision.note,
            )

    def _claim_row(self, transcript_id: str, claim_id: str) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self._db.execute(
            "SELECT * FROM claims WHERE transcript_id = ? AND claim_id = ?", (transcript_id, claim_id)
        ).fetchone()
        return row

    # ---- reads --------------------------------------------------------------------------------

    def decision_for(self, transcript_id: str, claim_id: str) -> DecisionRecord | None:
        row = self._db.execute(
            "SELECT * FROM decisions WHERE transcript_id = ? AND claim_id = ?", (transcript_id, claim_id)
        ).fetchone()
        return None if row is None else _decision(row)

    def list_claims(self, transcript_id: str | None = None) -> list[ClaimRecord]:
        """Every claim (active and orphaned) with its decision, in transcript then draft order."""
        return self._claims(transcript_id, orphans_only=False)

    def orphans(self, transcript_id: str | None = None) -> list[ClaimRecord]:
        """Decided claims whose id is no longer in the drafts."""
        return self._claims(transcript_id, orphans_only=True)

    def _claims(self, transcript_id: str | None, *, orphans_only: bool) -> list[ClaimRecord]:
        where: list[str] = []
        params: list[str] = []
        if transcript_id is not None:
            where.append("c.transcript_id = ?")
            params.append(transcript_id)
        if orphans_only:
            where.append("c.status = 'orphaned'")
        sql = (
            "SELECT c.*, d.status AS d_status, d.label AS d_label, d.text AS d_text,"
            " d.rationale AS d_rationale, d.note AS d_note, d.editor AS d_editor,"
            " d.updated_at AS d_updated_at"
            " FROM claims c LEFT JOIN decisions d"
            " ON d.transcript_id = c.transcript_id AND d.claim_id = c.claim_id"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY c.transcript_id, c.position, c.claim_id"
        )
        return [_claim_record(row) for row in self._db.execute(sql, params)]

    def audit_log(self, claim_id: str | None = None, *, transcript_id: str | None = None) -> list[AuditEntry]:
        """Audit rows in the order written. For a claim id, its earlier ids (before re-attach) come too."""
        where: list[str] = []
        params: list[str] = []
        if claim_id is not None:
            ids = sorted(self._linked_ids(claim_id))
            where.append(f"claim_id IN ({', '.join('?' * len(ids))})")
            params.extend(ids)
        if transcript_id is not None:
            where.append("transcript_id = ?")
            params.append(transcript_id)
        sql = "SELECT * FROM audit" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id"
        return [AuditEntry.model_validate(dict(row)) for row in self._db.execute(sql, params)]

    def _linked_ids(self, claim_id: str) -> set[str]:
        """The claim id plus every id a decision was re-attached from on its way to it, transitively."""
        found = {claim_id}
        frontier = [claim_id]
        while frontier:
            current = frontier.pop()
            for row in self._db.execute(
                "SELECT old FROM audit WHERE action = 'reattach' AND new = ?", (current,)
            ):
                if row["old"] not in found:
                    found.add(row["old"])
                    frontier.append(row["old"])
        return found


# --------------------------------------------------------------------------------------------------
# decision logic (pure)

_REQUIRED: dict[DecisionAction, str] = {
    DecisionAction.SET_VERDICT: "label",
    DecisionAction.EDIT_TEXT: "text",
    DecisionAction.EDIT_RATIONALE: "rationale",
    DecisionAction.ADD_CLAIM: "text",
}
_STATUS_FOR: dict[DecisionAction, VerdictStatus] = {
    DecisionAction.APPROVE: VerdictStatus.APPROVED,
    DecisionAction.REJECT: VerdictStatus.REJECTED,
}


def _check_required_field(decision: EditorDecision) -> None:
    field = _REQUIRED.get(decision.action)
    if field is None:
        return
    value = getattr(decision, field)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ReviewError(
            f"{decision.action.value} needs a {field}",
            hint=f"pass the new {field} with the decision",
        )


def _changes(
    decision: EditorDecision, current: sqlite3.Row | dict[str, Any], claim: sqlite3.Row
) -> list[tuple[str, str | None, str | None]]:
    """(column, old, new) for every field this decision sets. Old values show what readers saw before:
    the override if there was one, else the draft's own value."""
    changes: list[tuple[str, str | None, str | None]] = []
    status = _STATUS_FOR.get(decision.action)
    if status is not None:
        changes.append(("status", current["status"], status.value))
    if decision.label is not None:
        changes.append(("label", current["label"] or claim["draft_label"], decision.label.value))
    if decision.text is not None:
        changes.append(("text", current["text"] or claim["text"], decision.text))
    if decision.rationale is not None:
        changes.append(("rationale", current["rationale"] or claim["draft_rationale"], decision.rationale))
    if decision.note is not None and decision.note != current["note"]:
        changes.append(("note", current["note"], decision.note))
    return changes


def _decision(row: sqlite3.Row, prefix: str = "") -> DecisionRecord:
    """A decision from a `decisions` row, or from its columns prefixed `d_` in a joined row."""
    label = row[f"{prefix}label"]
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
    )


def _claim_record(row: sqlite3.Row) -> ClaimRecord:
    decision = _decision(row, prefix="d_") if row["d_status"] is not None else None
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


# --------------------------------------------------------------------------------------------------
# merging decisions into a breakdown

# An editor-added claim has no model confidence; the editor's own judgement is recorded as certain.
EDITOR_CONFIDENCE = 1.0


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
    return verdict.model_copy(
        update={
            "claim": claim,
            "status": decision.status,
            "label": decision.label or verdict.label,
            "rationale": _rationale(verdict, decision),
            "note": decision.note,
            "editor": decision.editor,
        }
    )


def _rationale(verdict: Verdict, decision: DecisionRecord) -> str:
    """The editor's rationale; else the draft's, unless the editor changed the label, which makes the
    draft's reasoning the wrong one to show."""
    if decision.rationale is not None:
        return decision.rationale
    draft_label = verdict.draft.label if verdict.draft else verdict.label
    if decision.label is not None and decision.label != draft_label:
        return f"The editor set this verdict after review; the automatic draft said {draft_label.display}."
    return verdict.rationale


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
    )


def open_store(out_dir: Path) -> ReviewStore:
    """The store of an output folder: `OUT/claimcheck.sqlite`."""
    return ReviewStore.open(out_dir / STORE_FILENAME)


__all__: Sequence[str] = [
    "STORE_FILENAME",
    "AuditEntry",
    "ClaimRecord",
    "ClaimStatus",
    "DecisionRecord",
    "Reattachment",
    "ReviewStore",
    "SyncReport",
    "apply_decisions",
    "editor_claim_id",
    "open_store",
    "quote_key",
]
