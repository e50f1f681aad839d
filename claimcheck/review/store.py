"""The review store: the one module that touches `OUT/claimcheck.sqlite`.

Three tables hold the editors' work:

- `claims`: every claim the latest run drafted, plus the claims editors added by hand. A claim whose id
  vanished from the drafts but still carries a decision stays here as `orphaned`, so no work is lost.
- `decisions`: the current editorial state per (transcript_id, claim_id): status, label / wording /
  rationale overrides, a note and the last editor.
- `audit`: an append-only log (triggers refuse UPDATE and DELETE) with one row per changed field.

Every write runs inside one `BEGIN IMMEDIATE` transaction, the database is in WAL mode with
`synchronous=FULL`, so a process killed mid-write leaves every committed decision intact.
The schema version lives in `PRAGMA user_version`; the named `MIGRATIONS` are applied in order, each in its
own transaction, and a store written by a newer claimcheck is refused rather than guessed at.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, Concatenate, ParamSpec, TypeVar

from pydantic import BaseModel, ConfigDict

from claimcheck.errors import ConflictError, ReviewError
from claimcheck.models import (
    Breakdown,
    DecisionAction,
    DraftVerdict,
    EditorDecision,
    Evidence,
    Label,
    VerdictStatus,
)
from claimcheck.review.audit import AuditAction, AuditEntry, write_audit
from claimcheck.review.decisions import changes, check_clean_text, check_required_field, evidence_refs
from claimcheck.review.migrations import MIGRATIONS, SCHEMA_VERSION
from claimcheck.review.records import (
    ClaimRecord,
    DecisionRecord,
    Role,
    SaveOutcome,
    StaleRecord,
    SyncReport,
    claim_from_row,
    decision_from_row,
    evidence_from_json,
    evidence_to_json,
    iso_utc,
    quote_key,
)
from claimcheck.review.sync import reopen_approval, sync_breakdown

# The store's file inside an output folder (`OUT/claimcheck.sqlite`).
STORE_FILENAME = "claimcheck.sqlite"
# The editor name on audit rows written when a corpus change sends an approved verdict back to review.
STALE_EDITOR = "claimcheck:stale"
# How long a writer waits for another writer (the CLI and a review web UI at once) before giving up.
BUSY_TIMEOUT_MS = 10_000

LIST_HINT = "run `claimcheck review list` to see ids"
DAMAGED_HINT = (
    "the file may be damaged (`sqlite3 FILE 'PRAGMA integrity_check'` tells): restore it from a backup, or "
    "move it aside and re-run `claimcheck run`, which starts a fresh store without the decisions"
)

P = ParamSpec("P")
R = TypeVar("R")


def _evidence_refs_of(stored: str | None) -> str | None:
    """The audit form of a stored evidence list (None: the draft's own)."""
    return evidence_refs(evidence_from_json(stored)) if stored is not None else None


def _store_errors(
    method: Callable[Concatenate[ReviewStore, P], R],
) -> Callable[Concatenate[ReviewStore, P], R]:
    """SQLite's own errors (a damaged page, text that is not UTF-8) and rows no record takes (a value a
    damaged page turned into something else) become one `ReviewError` naming the store, never a
    traceback."""

    @functools.wraps(method)
    def guarded(self: ReviewStore, /, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.DatabaseError as exc:
            raise ReviewError(
                f"the review store cannot be used: {exc}", path=self.path, hint=DAMAGED_HINT
            ) from None
        except (ValueError, TypeError) as exc:
            raise ReviewError(
                f"the review store holds a row claimcheck cannot read ({exc})",
                path=self.path,
                hint=DAMAGED_HINT,
            ) from None

    return guarded


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
                for statement in MIGRATIONS[number - 1].statements:
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

    @_store_errors
    def sync_drafts(self, breakdown: Breakdown) -> SyncReport:
        """Register a run's claims; re-attach or orphan decisions whose claim id is gone. Never drops one."""
        now = iso_utc(None)
        with self._transaction():
            report = sync_breakdown(self._db, breakdown, now)
        return report

    @_store_errors
    def record(self, decision: EditorDecision) -> SaveOutcome:
        """Apply one editor decision and write its audit rows, all in one transaction."""
        return self.record_all([decision])

    @_store_errors
    def record_all(self, decisions: Sequence[EditorDecision]) -> SaveOutcome:
        """Apply decisions on one claim as one save (one transaction, one new version): all of them or,
        when one is refused, none. A decision carrying the `version` the editor saw is refused with a
        `ConflictError` when the claim's decision has moved on since."""
        if not decisions:
            raise ReviewError("nothing to record")
        for decision in decisions:
            self._check(decision)
        first = decisions[0]
        if any((d.transcript_id, d.claim_id) != (first.transcript_id, first.claim_id) for d in decisions):
            raise ReviewError("one save covers one claim", hint="record each claim's decisions on their own")
        with self._transaction():
            if first.action is DecisionAction.ADD_CLAIM:
                self._add_claim(first, first.editor.strip(), iso_utc(first.at))
                return SaveOutcome(version=1, changed=["text"])
            version = self._version(first.transcript_id, first.claim_id)
            for decision in decisions:
                if decision.version is not None and decision.version != version:
                    raise self._conflict(decision, version)
            changed: list[str] = []
            for decision in decisions:
                changed.extend(self._update_decision(decision, decision.editor.strip(), iso_utc(decision.at)))
            if changed:
                version += 1
                self._db.execute(
                    "UPDATE decisions SET version = ? WHERE transcript_id = ? AND claim_id = ?",
                    (version, first.transcript_id, first.claim_id),
                )
        return SaveOutcome(version=version, changed=changed)

    def _check(self, decision: EditorDecision) -> None:
        if not decision.editor.strip():
            raise ReviewError("an editor name is required", hint="pass --editor NAME")
        check_clean_text(decision)
        if not decision.transcript_id.strip() or not decision.claim_id.strip():
            raise ReviewError("a transcript id and a claim id are required", hint=LIST_HINT)
        check_required_field(decision)

    def _version(self, transcript_id: str, claim_id: str) -> int:
        if self._claim_row(transcript_id, claim_id) is None:
            raise ReviewError(f"unknown claim {claim_id!r} in transcript {transcript_id!r}", hint=LIST_HINT)
        row = self._db.execute(
            "SELECT version FROM decisions WHERE transcript_id = ? AND claim_id = ?",
            (transcript_id, claim_id),
        ).fetchone()
        return int(row["version"]) if row is not None else 0

    def _conflict(self, decision: EditorDecision, version: int) -> ConflictError:
        row = self._db.execute(
            "SELECT * FROM decisions WHERE transcript_id = ? AND claim_id = ?",
            (decision.transcript_id, decision.claim_id),
        ).fetchone()
        current: dict[str, object] = {"version": version}
        if row is not None:
            record = decision_from_row(row)
            current = record.model_dump(mode="json", exclude={"evidence"})
            current["evidence"] = json.loads(evidence_refs(record.evidence) or "null")
        attempted = decision.model_dump(mode="json", exclude_none=True, exclude={"evidence", "at"})
        if decision.evidence is not None:
            attempted["evidence"] = json.loads(evidence_refs(decision.evidence) or "null")
        by = f" by {current.get('editor')}" if row is not None else ""
        return ConflictError(
            f"{decision.transcript_id}/{decision.claim_id} changed since you loaded it: you saw version "
            f"{decision.version}, it is now version {version}{by}",
            current=current,
            attempted=attempted,
        )

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
            "INSERT INTO claims (transcript_id, claim_id, quote, quote_key, text, speaker, start, timecode,"
            " position, status, added_by_editor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', 1)",
            (
                tid,
                cid,
                quote,
                quote_key(quote),
                text,
                decision.speaker,
                decision.start,
                decision.timecode,
                position,
            ),
        )
        label = decision.label.value if decision.label else None
        self._db.execute(
            "INSERT INTO decisions (transcript_id, claim_id, status, label, text, rationale, note, editor,"
            " updated_at, explanation) VALUES (?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?)",
            (tid, cid, label, text, decision.rationale, decision.note, editor, at, decision.explanation),
        )
        # The text row carries the editor's note; quote, label and rationale follow when given.
        audited: tuple[tuple[str, str | None, str | None], ...] = (
            ("text", text, decision.note),
            ("quote", quote, None),
            ("label", label, None),
            ("rationale", decision.rationale, None),
            ("explanation", decision.explanation, None),
        )
        for field, new, note in audited:
            if new is not None:
                self._audit_change(decision, editor, at, field=field, old=None, new=new, note=note)

    def _update_decision(self, decision: EditorDecision, editor: str, at: str) -> list[str]:
        """Apply one decision inside the caller's transaction; returns the fields it changed."""
        tid, cid = decision.transcript_id, decision.claim_id
        claim = self._claim_row(tid, cid)
        if claim is None:
            raise ReviewError(f"unknown claim {cid!r} in transcript {tid!r}", hint=LIST_HINT)
        current: sqlite3.Row | dict[str, Any] | None = self._db.execute(
            "SELECT * FROM decisions WHERE transcript_id = ? AND claim_id = ?", (tid, cid)
        ).fetchone()
        if current is None:
            current = dict.fromkeys(("label", "text", "rationale", "note", "explanation", "evidence"))
            current |= {"status": "draft", "merged_into": None}
        if decision.action is DecisionAction.APPROVE and current["status"] == VerdictStatus.REJECTED.value:
            raise ReviewError(
                f"{tid}/{cid} is rejected; approving it would publish a claim an editor turned down",
                hint=f"reopen it first: `claimcheck review reopen {tid}/{cid}`, or Reopen in the app",
            )
        if decision.action is DecisionAction.MERGE:
            self._check_merge_target(tid, cid, decision.merge_into or "")
        changed = changes(decision, current, claim)
        if not changed:
            return []
        self._db.execute(
            "INSERT OR IGNORE INTO decisions (transcript_id, claim_id, status, editor, updated_at, version)"
            " VALUES (?, ?, 'draft', ?, ?, 0)",
            (tid, cid, editor, at),
        )
        for column, _old, new in changed:
            self._db.execute(
                f"UPDATE decisions SET {column} = ? WHERE transcript_id = ? AND claim_id = ?",
                (new, tid, cid),
            )
        self._db.execute(
            "UPDATE decisions SET editor = ?, updated_at = ? WHERE transcript_id = ? AND claim_id = ?",
            (editor, at, tid, cid),
        )
        for column, old, new in changed:
            if column == "evidence":
                old, new = _evidence_refs_of(old), _evidence_refs_of(new)
            self._audit_change(decision, editor, at, field=column, old=old, new=new, note=decision.note)
        if decision.action is DecisionAction.MERGE and decision.merge_into:
            # the kept claim's trail says what was folded into it
            write_audit(
                self._db,
                at=at,
                editor=editor,
                transcript_id=tid,
                claim_id=decision.merge_into,
                action=AuditAction.MERGE,
                field="duplicate",
                old=None,
                new=cid,
                note=decision.note,
            )
        return [column for column, _old, _new in changed]

    def _check_merge_target(self, transcript_id: str, claim_id: str, target: str) -> None:
        if target == claim_id:
            raise ReviewError("a claim cannot be merged into itself", hint="pick the claim it duplicates")
        row = self._db.execute(
            "SELECT d.merged_into, d.status FROM claims c LEFT JOIN decisions d"
            " ON d.transcript_id = c.transcript_id AND d.claim_id = c.claim_id"
            " WHERE c.transcript_id = ? AND c.claim_id = ?",
            (transcript_id, target),
        ).fetchone()
        if row is None:
            raise ReviewError(
                f"no claim {target!r} in {transcript_id!r} to merge into",
                hint="a duplicate is merged into another claim of the same transcript",
            )
        if row["merged_into"] is not None:
            raise ReviewError(
                f"{target!r} is itself merged into {row['merged_into']!r}",
                hint=f"merge into {row['merged_into']!r} instead",
            )

    def _audit_change(
        self,
        decision: EditorDecision,
        editor: str,
        at: str,
        *,
        field: str,
        old: str | None,
        new: str | None,
        note: str | None,
    ) -> None:
        """One audit row for one field an editor's decision changed."""
        write_audit(
            self._db,
            at=at,
            editor=editor,
            transcript_id=decision.transcript_id,
            claim_id=decision.claim_id,
            action=AuditAction.of(decision.action),
            field=field,
            old=old,
            new=new,
            note=note,
        )

    def _claim_row(self, transcript_id: str, claim_id: str) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self._db.execute(
            "SELECT * FROM claims WHERE transcript_id = ? AND claim_id = ?", (transcript_id, claim_id)
        ).fetchone()
        return row

    @_store_errors
    def write_section(self, transcript_id: str, name: str, markdown: str, editor: str) -> bool:
        """Set (or, with empty markdown, clear) an editor's section of a page, with its audit row, in one
        transaction. Returns whether anything changed."""
        at = iso_utc(None)
        with self._transaction():
            row = self._db.execute(
                "SELECT markdown FROM sections WHERE transcript_id = ? AND name = ?", (transcript_id, name)
            ).fetchone()
            old = None if row is None else str(row["markdown"])
            if (old or "") == markdown:
                return False
            if markdown:
                self._db.execute(
                    "INSERT INTO sections (transcript_id, name, markdown, editor, updated_at)"
                    " VALUES (?, ?, ?, ?, ?) ON CONFLICT (transcript_id, name) DO UPDATE SET"
                    " markdown = excluded.markdown, editor = excluded.editor,"
                    " updated_at = excluded.updated_at",
                    (transcript_id, name, markdown, editor, at),
                )
            else:
                self._db.execute(
                    "DELETE FROM sections WHERE transcript_id = ? AND name = ?", (transcript_id, name)
                )
            write_audit(
                self._db,
                at=at,
                editor=editor,
                transcript_id=transcript_id,
                claim_id=f"section:{name}",
                action=AuditAction.EDIT_SECTION,
                field="markdown",
                old=old,
                new=markdown or None,
            )
        return True

    @_store_errors
    def flag_stale(
        self,
        transcript_id: str,
        claim_id: str,
        *,
        reasons: Sequence[str],
        old_label: Label,
        old_evidence: Sequence[Evidence],
        new_draft: DraftVerdict,
    ) -> bool:
        """Send an approved verdict back to review because the corpus changed under it: its decision
        becomes a draft again (a new version, so a form loaded before is stale), a `reopen` audit row by
        `STALE_EDITOR` says why, and the finding is kept with the approved and the re-drafted evidence
        side by side. Returns False (and changes nothing) when the claim is no longer approved."""
        now = iso_utc(None)
        reason = "; ".join(reasons)
        with self._transaction():
            row = self._db.execute(
                "SELECT status, version FROM decisions WHERE transcript_id = ? AND claim_id = ?",
                (transcript_id, claim_id),
            ).fetchone()
            if row is None or row["status"] != VerdictStatus.APPROVED.value:
                return False
            version = reopen_approval(
                self._db, transcript_id, claim_id, now=now, editor=STALE_EDITOR, note=f"stale: {reason}"
            )
            self._db.execute(
                "INSERT OR REPLACE INTO stale (transcript_id, claim_id, found_at, version, reasons,"
                " old_label, old_evidence, new_label, new_rationale, new_evidence)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    transcript_id,
                    claim_id,
                    now,
                    version,
                    json.dumps(list(reasons)),
                    old_label.value,
                    evidence_to_json(list(old_evidence)),
                    new_draft.label.value,
                    new_draft.rationale,
                    evidence_to_json(new_draft.evidence),
                ),
            )
        return True

    @_store_errors
    def sections(self, transcript_id: str) -> dict[str, str]:
        """The editor's sections of one page, by name."""
        rows = self._db.execute(
            "SELECT name, markdown FROM sections WHERE transcript_id = ? ORDER BY name", (transcript_id,)
        )
        return {str(row["name"]): str(row["markdown"]) for row in rows}

    @_store_errors
    def mark_published(self, transcript_id: str, at: dt.datetime | None = None) -> str:
        """Record when a page first went out (kept if already recorded); returns that moment."""
        when = iso_utc(at)
        with self._transaction():
            self._db.execute(
                "INSERT OR IGNORE INTO publications (transcript_id, first_published) VALUES (?, ?)",
                (transcript_id, when),
            )
            row = self._db.execute(
                "SELECT first_published FROM publications WHERE transcript_id = ?", (transcript_id,)
            ).fetchone()
        return str(row["first_published"])

    @_store_errors
    def first_published(self, transcript_id: str) -> dt.datetime | None:
        row = self._db.execute(
            "SELECT first_published FROM publications WHERE transcript_id = ?", (transcript_id,)
        ).fetchone()
        return None if row is None else dt.datetime.fromisoformat(str(row["first_published"]))

    @_store_errors
    def stale_verdicts(
        self, *, open_only: bool = True, transcript_id: str | None = None, claim_id: str | None = None
    ) -> list[StaleRecord]:
        """The stale findings (of one transcript, or one claim), in transcript and draft order; open ones
        only unless `open_only` is False."""
        where: list[str] = []
        params: list[str] = []
        for column, value in (("s.transcript_id", transcript_id), ("s.claim_id", claim_id)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        rows = self._db.execute(
            "SELECT s.*, d.version AS current_version FROM stale s"
            " JOIN claims c ON c.transcript_id = s.transcript_id AND c.claim_id = s.claim_id"
            " LEFT JOIN decisions d ON d.transcript_id = s.transcript_id AND d.claim_id = s.claim_id"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY s.transcript_id, c.position, s.claim_id",
            params,
        ).fetchall()
        found: list[StaleRecord] = []
        for row in rows:
            is_open = row["current_version"] == row["version"]
            if open_only and not is_open:
                continue
            found.append(
                StaleRecord(
                    transcript_id=row["transcript_id"],
                    claim_id=row["claim_id"],
                    found_at=dt.datetime.fromisoformat(row["found_at"]),
                    version=row["version"],
                    reasons=json.loads(row["reasons"]),
                    old_label=Label(row["old_label"]),
                    old_evidence=evidence_from_json(row["old_evidence"]),
                    new_label=Label(row["new_label"]),
                    new_rationale=row["new_rationale"],
                    new_evidence=evidence_from_json(row["new_evidence"]),
                    open=is_open,
                )
            )
        return found

    # ---- reads --------------------------------------------------------------------------------

    @_store_errors
    def transcript_ids(self) -> set[str]:
        """The transcripts whose claims the store holds."""
        return {str(row[0]) for row in self._db.execute("SELECT DISTINCT transcript_id FROM claims")}

    @_store_errors
    def decision_for(self, transcript_id: str, claim_id: str) -> DecisionRecord | None:
        row = self._db.execute(
            "SELECT * FROM decisions WHERE transcript_id = ? AND claim_id = ?", (transcript_id, claim_id)
        ).fetchone()
        return None if row is None else decision_from_row(row)

    def list_claims(self, transcript_id: str | None = None) -> list[ClaimRecord]:
        """Every claim (active and orphaned) with its decision, in transcript then draft order."""
        return self._claims(transcript_id, orphans_only=False)

    def orphans(self, transcript_id: str | None = None) -> list[ClaimRecord]:
        """Decided claims whose id is no longer in the drafts."""
        return self._claims(transcript_id, orphans_only=True)

    @_store_errors
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
            " d.updated_at AS d_updated_at, d.version AS d_version, d.explanation AS d_explanation,"
            " d.evidence AS d_evidence, d.merged_into AS d_merged_into"
            " FROM claims c LEFT JOIN decisions d"
            " ON d.transcript_id = c.transcript_id AND d.claim_id = c.claim_id"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY c.transcript_id, c.position, c.claim_id"
        )
        return [claim_from_row(row) for row in self._db.execute(sql, params)]

    @_store_errors
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

    # ---- editors' accounts and API tokens (hashes only) -----------------------------------------

    @_store_errors
    def add_account(self, name: str, password_hash: str, role: Role) -> None:
        """Create an account, or replace the password and role of an existing one."""
        with self._transaction():
            self._db.execute(
                "INSERT INTO editors (name, password_hash, role, created_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (name) DO UPDATE"
                " SET password_hash = excluded.password_hash, role = excluded.role",
                (name, password_hash, role.value, iso_utc(None)),
            )

    @_store_errors
    def account(self, name: str) -> Account | None:
        row = self._db.execute("SELECT * FROM editors WHERE name = ?", (name,)).fetchone()
        return None if row is None else Account.model_validate(dict(row))

    @_store_errors
    def has_accounts(self) -> bool:
        return self._db.execute("SELECT 1 FROM editors LIMIT 1").fetchone() is not None

    @_store_errors
    def add_token(self, token_hash: str, editor: str) -> None:
        if self.account(editor) is None:
            raise ReviewError(
                f"no account named {editor!r}",
                hint=f"create it first: claimcheck review editor add {editor!r}",
            )
        with self._transaction():
            self._db.execute(
                "INSERT INTO tokens (token_hash, editor, created_at) VALUES (?, ?, ?)",
                (token_hash, editor, iso_utc(None)),
            )

    @_store_errors
    def token_account(self, token_hash: str) -> Account | None:
        """The account an API token was issued to (None for an unknown token)."""
        row = self._db.execute(
            "SELECT e.* FROM tokens t JOIN editors e ON e.name = t.editor WHERE t.token_hash = ?",
            (token_hash,),
        ).fetchone()
        return None if row is None else Account.model_validate(dict(row))

    def _linked_ids(self, claim_id: str) -> set[str]:
        """The claim id plus every id a decision was re-attached from on its way to it, transitively."""
        found = {claim_id}
        frontier = [claim_id]
        while frontier:
            current = frontier.pop()
            for row in self._db.execute(
                "SELECT old FROM audit WHERE action = ? AND new = ?", (AuditAction.REATTACH.value, current)
            ):
                if row["old"] not in found:
                    found.add(row["old"])
                    frontier.append(row["old"])
        return found


class Account(BaseModel):
    """An editor who logs in to the review app: a name, a password hash and a role."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    password_hash: str
    role: Role
    created_at: str


def open_store(out_dir: Path) -> ReviewStore:
    """The store of an output folder: `OUT/claimcheck.sqlite`."""
    return ReviewStore.open(out_dir / STORE_FILENAME)
