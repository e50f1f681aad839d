"""Editors' work over the drafts: the review store (named migrations, audit log, re-attaching across runs),
merging decisions into breakdowns, and what the `review` commands do.

- `store`: `ReviewStore` over `OUT/claimcheck.sqlite`, the one module that touches it;
- `migrations`: the schema as a list of named migrations;
- `records` / `audit`: the typed rows the store returns, and the audit log's actions;
- `decisions`: the rules of one decision (required fields, statuses, setting a verdict approves it);
- `sync`: registering a run's drafted claims without losing a decision;
- `merge`: drafts + decisions → the verdicts readers see;
- `sections`: the editor's markdown sections of a page (`SECTION_NAMES`, `get_sections`, `set_section`);
- `commands`: the `review list / show / set / approve / reject / reopen / merge` library functions;
- `app/`: the review app (`review serve`), over the same store and functions.
"""

from claimcheck.review.audit import AuditAction, AuditEntry
from claimcheck.review.commands import (
    ReviewRow,
    RowFilter,
    decide,
    find_claim,
    review_rows,
    rows_of,
    show_claim,
)
from claimcheck.review.decisions import with_implied_approval
from claimcheck.review.merge import EDITOR_CONFIDENCE, apply_decisions, check_registered
from claimcheck.review.migrations import MIGRATIONS, SCHEMA_VERSION, Migration
from claimcheck.review.records import (
    ClaimRecord,
    ClaimStatus,
    DecisionRecord,
    Reattachment,
    SaveOutcome,
    SyncReport,
    editor_claim_id,
    quote_key,
)
from claimcheck.review.sections import (
    SECTION_NAMES,
    get_sections,
    read_section_file,
    save_section,
    set_section,
)
from claimcheck.review.store import BUSY_TIMEOUT_MS, STORE_FILENAME, ReviewStore, open_store
from claimcheck.review.sync import SYNC_EDITOR

__all__ = [
    "BUSY_TIMEOUT_MS",
    "EDITOR_CONFIDENCE",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "SECTION_NAMES",
    "STORE_FILENAME",
    "SYNC_EDITOR",
    "AuditAction",
    "AuditEntry",
    "ClaimRecord",
    "ClaimStatus",
    "DecisionRecord",
    "Migration",
    "Reattachment",
    "ReviewRow",
    "ReviewStore",
    "RowFilter",
    "SaveOutcome",
    "SyncReport",
    "apply_decisions",
    "check_registered",
    "decide",
    "editor_claim_id",
    "find_claim",
    "get_sections",
    "open_store",
    "quote_key",
    "read_section_file",
    "review_rows",
    "rows_of",
    "save_section",
    "set_section",
    "show_claim",
    "with_implied_approval",
]
