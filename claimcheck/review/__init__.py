"""Editors' work over the drafts: the review store."""

from claimcheck.review.store import (
    SCHEMA_VERSION,
    STORE_FILENAME,
    SYNC_EDITOR,
    AuditEntry,
    ClaimRecord,
    ClaimStatus,
    DecisionRecord,
    Reattachment,
    ReviewStore,
    SyncReport,
    apply_decisions,
    editor_claim_id,
    open_store,
    quote_key,
)

__all__ = [
    "SCHEMA_VERSION",
    "STORE_FILENAME",
    "SYNC_EDITOR",
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
