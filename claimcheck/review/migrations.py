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
MIGRATIONS += (
    Migration(
        # What the review app needs: a version per decision (a stale save is a conflict, never a silent
        # overwrite), the card's explanation, the editor's evidence list (JSON, in the card's order; NULL
        # keeps the draft's), the claim a duplicate was merged into, and the accounts and API tokens of
        # editors who log in (passwords and tokens stored only as hashes).
        name="0003_review_app",
        statements=(
            "ALTER TABLE decisions ADD COLUMN version INTEGER NOT NULL DEFAULT 1",
            "ALTER TABLE decisions ADD COLUMN explanation TEXT",
            "ALTER TABLE decisions ADD COLUMN evidence TEXT",
            "ALTER TABLE decisions ADD COLUMN merged_into TEXT",
            """
        CREATE TABLE editors (
            name          TEXT PRIMARY KEY,
            password_hash TEXT NOT NULL,
            role          TEXT NOT NULL CHECK (role IN ('editor', 'publisher')),
            created_at    TEXT NOT NULL
        )
        """,
            """
        CREATE TABLE tokens (
            token_hash TEXT PRIMARY KEY,
            editor     TEXT NOT NULL REFERENCES editors (name),
            created_at TEXT NOT NULL
        )
        """,
        ),
    ),
)
MIGRATIONS += (
    Migration(
        # Verdicts a corpus change made stale (issue #15): an approved claim whose evidence came from a
        # document since removed, superseded or changed, or that the current corpus now settles
        # differently. One row per claim (the latest finding), with the evidence the editor approved and
        # the re-draft side by side; `version` is the decision's version once reopened, so the row is open
        # until an editor saves the claim again.
        name="0004_stale_verdicts",
        statements=(
            """
        CREATE TABLE stale (
            transcript_id TEXT NOT NULL,
            claim_id      TEXT NOT NULL,
            found_at      TEXT NOT NULL,
            version       INTEGER NOT NULL,
            reasons       TEXT NOT NULL,
            old_label     TEXT NOT NULL,
            old_evidence  TEXT NOT NULL,
            new_label     TEXT NOT NULL,
            new_rationale TEXT NOT NULL,
            new_evidence  TEXT NOT NULL,
            PRIMARY KEY (transcript_id, claim_id),
            FOREIGN KEY (transcript_id, claim_id) REFERENCES claims (transcript_id, claim_id)
        )
        """,
        ),
    ),
)
# The version a store has once every migration ran.
SCHEMA_VERSION = len(MIGRATIONS)
