"""An inbox folder of transcripts and the ledger of what a batch did with each one.

`scan_inbox` lists the transcript files under INBOX (the `batch_suffixes` settings; hidden files and
folders, and files still being written, are left out). The `Ledger` (`OUT/batches/ledger.sqlite`) records
each file by its resolved path with the sha256 of the bytes last processed and how it went (`done` or
`failed`, with the one-line reason and the number of attempts). A file whose bytes are those of its last
`done` row is skipped; a new file, a changed one and a failed one are processed.

The ledger is SQLite in WAL mode with synchronous=FULL: a row is written in one transaction after the
transcript's draft is on disk, so a batch killed at any moment leaves every finished transcript recorded and
at worst repeats the one it was writing (which gives the same draft again). A file's size and mtime are
kept beside its hash, so an unchanged file is recognised without reading it again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from claimcheck.errors import ClaimcheckError
from claimcheck.settings import Settings

BATCHES_FOLDER = "batches"
LEDGER_FILE = "ledger.sqlite"
# Suffixes of files that are being written by someone else (a browser download, rsync, an editor).
_PARTIAL_SUFFIXES = (".tmp", ".part", ".partial", ".crdownload", ".swp", "~")


def batches_dir(out_dir: Path) -> Path:
    """`OUT/batches`: the ledger and one summary file per batch."""
    return out_dir / BATCHES_FOLDER


class InboxFile(BaseModel):
    """One transcript file found in the inbox."""

    model_config = ConfigDict(frozen=True)

    path: Path  # resolved
    size: int
    mtime_ns: int


def scan_inbox(inbox: Path, settings: Settings, *, now: float | None = None) -> tuple[list[InboxFile], int]:
    """The transcript files under `inbox` (recursively, sorted by path) and how many were left for later
    because they changed less than `batch_settle_seconds` ago (still being copied in)."""
    if not inbox.is_dir():
        raise ClaimcheckError("inbox folder not found", path=inbox, hint="give an existing folder")
    suffixes = {s.lower() for s in settings.batch_suffixes}
    moment = time.time() if now is None else now
    found: list[InboxFile] = []
    unsettled = 0
    for root, dirs, files in os.walk(inbox):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or name.endswith(_PARTIAL_SUFFIXES):
                continue
            path = Path(root) / name
            if path.suffix.lower() not in suffixes:
                continue
            try:
                stat = path.stat()
            except OSError:
                continue  # gone between the listing and the stat
            if not path.is_file():
                continue
            if moment - stat.st_mtime < settings.batch_settle_seconds:
                unsettled += 1
                continue
            found.append(InboxFile(path=path.resolve(), size=stat.st_size, mtime_ns=stat.st_mtime_ns))
    found.sort(key=lambda f: str(f.path))
    return found, unsettled


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


class LedgerStatus(StrEnum):
    DONE = "done"
    FAILED = "failed"


class LedgerRow(BaseModel):
    """What the ledger knows of one inbox file."""

    path: str
    sha256: str
    size: int
    mtime_ns: int
    status: LedgerStatus
    slug: str | None = None
    claims: int = 0
    error: str | None = None
    attempts: int = 0
    updated_at: str


_SCHEMA = """
CREATE TABLE IF NOT EXISTS inbox_files (
    path TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('done', 'failed')),
    slug TEXT,
    claims INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
)
"""


class Ledger:
    """The batch ledger of one output folder. Only the process holding the batch lock writes to it."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path

    @classmethod
    def open(cls, out_dir: Path) -> Ledger:
        path = batches_dir(out_dir) / LEDGER_FILE
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, isolation_level=None, timeout=30)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
            db.execute(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise ClaimcheckError(
                f"cannot open the batch ledger: {exc}",
                path=path,
                hint="move the file away: every transcript in the inbox is then processed again",
            ) from None
        except OSError as exc:
            raise ClaimcheckError(
                f"cannot create the batch ledger: {exc.strerror or exc}", path=path
            ) from None
        return cls(db, path)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, path: Path) -> LedgerRow | None:
        cursor = self._db.execute("SELECT * FROM inbox_files WHERE path = ?", (str(path),))
        cursor.row_factory = sqlite3.Row
        row = cursor.fetchone()
        return LedgerRow.model_validate(dict(row)) if row is not None else None

    def rows(self) -> list[LedgerRow]:
        cursor = self._db.execute("SELECT * FROM inbox_files ORDER BY path")
        cursor.row_factory = sqlite3.Row
        return [LedgerRow.model_validate(dict(r)) for r in cursor.fetchall()]

    def record(
        self,
        file: InboxFile,
        sha256: str,
        status: LedgerStatus,
        *,
        slug: str | None = None,
        claims: int = 0,
        error: str | None = None,
    ) -> None:
        """Record how processing `file` (whose bytes hash to `sha256`) went, in one transaction; a failure
        counts one more attempt on the same bytes."""
        previous = self.get(file.path)
        attempts = 1
        if previous is not None and previous.sha256 == sha256 and status is LedgerStatus.FAILED:
            attempts = previous.attempts + 1
        self._db.execute(
            "INSERT OR REPLACE INTO inbox_files "
            "(path, sha256, size, mtime_ns, status, slug, claims, error, attempts, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                str(file.path),
                sha256,
                file.size,
                file.mtime_ns,
                status.value,
                slug,
                claims,
                error,
                attempts,
                dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
            ),
        )

    def touch(self, file: InboxFile) -> None:
        """A file whose bytes are unchanged but whose mtime moved: remember the new stat."""
        self._db.execute(
            "UPDATE inbox_files SET size = ?, mtime_ns = ? WHERE path = ?",
            (file.size, file.mtime_ns, str(file.path)),
        )


class Pending(BaseModel):
    """A file to process, with the hash of the bytes it had when it was picked."""

    file: InboxFile
    sha256: str


def split_new(
    files: Sequence[InboxFile], ledger: Ledger, *, retry_failed: bool = True
) -> tuple[list[Pending], list[InboxFile], list[InboxFile]]:
    """The files to process (new, changed, or failed before), the ones to skip (done, same bytes), and
    the ones left as they failed (same bytes, with `retry_failed=False`: the later passes of a `--watch`,
    which would otherwise retry a broken file every few seconds). A file whose size and mtime match its
    row is decided without being read."""
    todo: list[Pending] = []
    skipped: list[InboxFile] = []
    held: list[InboxFile] = []
    for file in files:
        row = ledger.get(file.path)
        same_stat = row is not None and row.size == file.size and row.mtime_ns == file.mtime_ns
        if same_stat and row is not None and row.status is LedgerStatus.DONE:
            skipped.append(file)
            continue
        if same_stat and row is not None and not retry_failed:
            held.append(file)
            continue
        try:
            digest = file_sha256(file.path)
        except OSError:
            continue  # gone or unreadable right now: seen again on the next pass
        if row is not None and row.status is LedgerStatus.DONE and row.sha256 == digest:
            ledger.touch(file)
            skipped.append(file)
            continue
        if (
            row is not None
            and row.status is LedgerStatus.FAILED
            and row.sha256 == digest
            and not retry_failed
        ):
            held.append(file)
            continue
        todo.append(Pending(file=file, sha256=digest))
    return todo, skipped, held


def iter_paths(pending: Sequence[Pending]) -> Iterator[Path]:
    for item in pending:
        yield item.file.path
