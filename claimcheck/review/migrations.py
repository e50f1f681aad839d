"""The review store's schema, as an ordered list of named migrations.

The schema version lives in `PRAGMA user_version`: migration N (its 1-based position in `MIGRATIONS`)
produces schema version N. `ReviewStore` applies the missing ones in order, each in its own transaction.
Never edit a shipped migration: append a new one with the next number in its name.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    """One schema step: its statements run in order inside one transaction."""

    name: str  # "0001_initial": the number is the schema version it produces
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        name="0001_initial",
        statements=(
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
        ),
    ),
    Migration(
        name="0002_sections_and_publications",
        statements=(
            # An editor's markdown for one section of one breakdown page ("the_one_thing", "so_what", …);
            # every change is also an audit row (claim_id "section:<name>", field "markdown").
            """
        CREATE TABLE sections (
            transcript_id TEXT NOT NULL,
            name          TEXT NOT NULL,
            markdown      TEXT NOT NULL,
            editor        TEXT NOT NULL,
            updated_at    TEXT NOT NULL,
            PRIMARY KEY (transcript_id, name)
        )
        """,
            # When a page first went out with approved verdicts: changes after it are corrections.
            """
        CREATE TABLE publications (
            transcript_id     TEXT PRIMARY KEY,
            first_published   TEXT NOT NULL
        )
        """,
        ),
    ),
)
# The version a store has once every migration ran.
SCHEMA_VERSION = len(MIGRATIONS)
