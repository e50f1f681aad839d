"""The review store: decisions, audit log, re-attaching across runs, and surviving a killed writer."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import claimcheck.review.store as store_module
from claimcheck.cli import cli
from claimcheck.errors import ReviewError
from claimcheck.models import Breakdown, DecisionAction, EditorDecision, Label, Verdict, VerdictStatus
from claimcheck.review import (
    MIGRATIONS,
    SCHEMA_VERSION,
    STORE_FILENAME,
    SYNC_EDITOR,
    AuditAction,
    ClaimStatus,
    ReviewStore,
    apply_decisions,
    editor_claim_id,
    quote_key,
    with_implied_approval,
)
from tests.factories import make_breakdown, make_claim, make_draft, make_verdict, subprocess_env, write_drafts

TID = "zuck-lex"

# --------------------------------------------------------------------------------------------------
# the episode under review


def verdict(
    claim_id: str, quote: str, label: Label = Label.REAL, *, text: str | None = None, transcript_id: str = TID
) -> Verdict:
    """A drafted verdict on a claim by Mark Zuckerberg, worded "Claim about <quote>" unless `text` says."""
    claim = make_claim(
        text or f"Claim about {quote}",
        claim_id=claim_id,
        transcript_id=transcript_id,
        quote=quote,
        speaker="Mark Zuckerberg",
        start=12.5,
    )
    return make_verdict(claim, make_draft(claim_id, label=label))


def zuck(*verdicts: Verdict) -> Breakdown:
    return make_breakdown(verdicts, slug=TID, title="Zuckerberg on Lex", source_path="samples/zuck.txt")


def decide(claim_id: str, action: DecisionAction, **fields: object) -> EditorDecision:
    """A decision on a claim of TID, by editor "ana" unless `editor=` says otherwise."""
    values: dict[str, object] = {
        "transcript_id": TID,
        "claim_id": claim_id,
        "action": action,
        "editor": "ana",
    }
    return EditorDecision.model_validate({**values, **fields})


BASE = zuck(
    verdict("c1", "Revenue was up sixteen percent."),
    verdict("c2", "We have three billion users.", Label.HYPE),
    verdict("c3", "Llama was downloaded 300 million times.", Label.PARTIALLY_TRUE),
)


@pytest.fixture
def store(tmp_path: Path) -> ReviewStore:
    opened = ReviewStore.open(tmp_path / "out" / "claimcheck.sqlite")
    opened.sync_drafts(BASE)
    return opened


# --------------------------------------------------------------------------------------------------
# opening and schema


def test_open_creates_a_wal_store_at_the_current_version(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "claimcheck.sqlite"
    with ReviewStore.open(path) as opened:
        assert opened.schema_version() == SCHEMA_VERSION
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    raw.close()
    assert {"claims", "decisions", "audit"} <= tables
    with ReviewStore.open(path) as again:  # re-opening migrates nothing and loses nothing
        assert again.schema_version() == SCHEMA_VERSION


def test_a_newer_store_is_refused_with_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "claimcheck.sqlite"
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    raw.close()
    with pytest.raises(ReviewError, match="newer") as caught:
        ReviewStore.open(path)
    assert caught.value.hint is not None and "upgrade" in caught.value.hint


def test_migrations_are_named_in_order_and_build_the_tables(tmp_path: Path) -> None:
    assert len(MIGRATIONS) == SCHEMA_VERSION
    assert [m.name[:5] for m in MIGRATIONS] == [f"{n:04d}_" for n in range(1, len(MIGRATIONS) + 1)]
    path = tmp_path / "claimcheck.sqlite"
    ReviewStore.open(path).close()
    raw = sqlite3.connect(path)
    names = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")}
    raw.close()
    assert names == {
        "claims",
        "claims_by_quote",
        "decisions",
        "audit",
        "audit_by_claim",
        "audit_no_update",
        "audit_no_delete",
        "editors",
        "tokens",
        "sections",
        "publications",
        "stale",
    }


def test_a_file_that_is_not_a_database_is_a_review_error(tmp_path: Path) -> None:
    path = tmp_path / "claimcheck.sqlite"
    path.write_bytes(b"this is not sqlite at all, just some text " * 50)
    with pytest.raises(ReviewError, match="not a usable review store"):
        ReviewStore.open(path)


# --------------------------------------------------------------------------------------------------
# decisions


def test_sync_registers_claims_in_draft_order(store: ReviewStore) -> None:
    claims = store.list_claims(TID)
    assert [c.claim_id for c in claims] == ["c1", "c2", "c3"]
    assert [c.draft_label for c in claims] == [Label.REAL, Label.HYPE, Label.PARTIALLY_TRUE]
    assert all(c.status is ClaimStatus.ACTIVE and c.decision is None for c in claims)
    assert store.list_claims("someone-else") == []


def test_approve_writes_decision_and_audit(store: ReviewStore) -> None:
    store.record(decide("c1", DecisionAction.APPROVE, note="checked against the 10-K"))
    decision = store.decision_for(TID, "c1")
    assert decision is not None
    assert decision.status is VerdictStatus.APPROVED
    assert decision.editor == "ana"
    assert decision.note == "checked against the 10-K"
    rows = store.audit_log("c1")
    assert [(r.action, r.field, r.old, r.new) for r in rows] == [
        ("approve", "status", "draft", "approved"),
        ("approve", "note", None, "checked against the 10-K"),
    ]
    assert all(r.editor == "ana" and r.at.tzinfo is not None for r in rows)
    assert store.decision_for(TID, "c2") is None


def test_edits_record_old_and_new_values(store: ReviewStore) -> None:
    store.record(decide("c2", DecisionAction.SET_VERDICT, label=Label.PARTIALLY_TRUE))
    store.record(
        decide("c2", DecisionAction.EDIT_TEXT, editor="bo", text="Meta has 3.07 billion daily users")
    )
    store.record(decide("c2", DecisionAction.EDIT_RATIONALE, rationale="The 10-K says 3.07 billion DAP."))
    store.record(decide("c2", DecisionAction.SET_VERDICT, label=Label.REAL))
    decision = store.decision_for(TID, "c2")
    assert decision is not None
    assert decision.status is VerdictStatus.DRAFT  # edited, not yet approved
    assert (decision.label, decision.text, decision.rationale) == (
        Label.REAL,
        "Meta has 3.07 billion daily users",
        "The 10-K says 3.07 billion DAP.",
    )
    changes = [(r.field, r.old, r.new, r.editor) for r in store.audit_log("c2")]
    assert changes == [
        ("label", "hype", "partially_true", "ana"),
        ("text", "Claim about We have three billion users.", "Meta has 3.07 billion daily users", "bo"),
        ("rationale", "Draft reason for c2.", "The 10-K says 3.07 billion DAP.", "ana"),
        ("label", "partially_true", "real", "ana"),
    ]


def test_unknown_claim_is_refused_with_a_hint(store: ReviewStore) -> None:
    with pytest.raises(ReviewError) as caught:
        store.record(decide("nope", DecisionAction.APPROVE))
    assert caught.value.hint is not None and "claimcheck review list" in caught.value.hint
    assert store.audit_log() == []


@pytest.mark.parametrize(
    ("action", "fields"),
    [
        (DecisionAction.SET_VERDICT, {}),
        (DecisionAction.EDIT_TEXT, {"text": "   "}),
        (DecisionAction.EDIT_RATIONALE, {}),
        (DecisionAction.ADD_CLAIM, {}),
    ],
)
def test_actions_missing_their_field_are_refused(
    store: ReviewStore, action: DecisionAction, fields: dict[str, object]
) -> None:
    with pytest.raises(ReviewError, match="needs a"):
        store.record(decide("c1", action, **fields))
    assert store.decision_for(TID, "c1") is None


def test_audit_actions_keep_the_decision_action_values(store: ReviewStore) -> None:
    for action in DecisionAction:
        assert AuditAction.of(action).value == action.value
    store.record(decide("c1", DecisionAction.APPROVE))
    assert [type(r.action) for r in store.audit_log("c1")] == [AuditAction]


def test_setting_a_verdict_also_approves_it() -> None:
    setting = decide("c1", DecisionAction.SET_VERDICT, label=Label.HYPE)
    steps = with_implied_approval(setting)
    assert [s.action for s in steps] == [DecisionAction.SET_VERDICT, DecisionAction.APPROVE]
    assert steps[0] is setting and (steps[1].claim_id, steps[1].editor) == ("c1", setting.editor)
    approval = decide("c1", DecisionAction.APPROVE)
    assert with_implied_approval(approval) == [approval]


def test_editor_name_is_required(store: ReviewStore) -> None:
    with pytest.raises(ReviewError, match="editor"):
        store.record(decide("c1", DecisionAction.APPROVE, editor="  "))
    assert store.audit_log() == []


def test_a_failure_mid_decision_rolls_the_whole_decision_back(
    store: ReviewStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.record(decide("c1", DecisionAction.APPROVE))

    def broken_audit(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store_module, "write_audit", broken_audit)
    with pytest.raises(RuntimeError):
        store.record(decide("c1", DecisionAction.REJECT))
    decision = store.decision_for(TID, "c1")
    assert decision is not None and decision.status is VerdictStatus.APPROVED
    assert len(store.audit_log("c1")) == 1


def test_audit_rows_cannot_be_changed_or_deleted(store: ReviewStore) -> None:
    store.record(decide("c1", DecisionAction.APPROVE))
    raw = sqlite3.connect(store.path)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        raw.execute("UPDATE audit SET new = 'rejected'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        raw.execute("DELETE FROM audit")
    raw.close()
    assert [r.new for r in store.audit_log()] == ["approved"]


def test_editor_added_claim(store: ReviewStore) -> None:
    claim_id = editor_claim_id(TID, "Reality Labs lost $16 billion in 2023")
    assert claim_id == editor_claim_id(TID, "reality labs  lost $16 billion in 2023")  # stable
    store.record(
        decide(
            claim_id,
            DecisionAction.ADD_CLAIM,
            text="Reality Labs lost $16 billion in 2023",
            quote="we lost like sixteen billion on reality labs",
            label=Label.REAL,
            rationale="10-K segment results.",
            note="from the 10-K",
        )
    )
    # one audit row per field given, the note on the text row only
    assert [(r.action, r.field, r.note) for r in store.audit_log(claim_id)] == [
        (AuditAction.ADD_CLAIM, "text", "from the 10-K"),
        (AuditAction.ADD_CLAIM, "quote", None),
        (AuditAction.ADD_CLAIM, "label", None),
        (AuditAction.ADD_CLAIM, "rationale", None),
    ]
    added = store.list_claims(TID)[-1]
    assert (added.claim_id, added.added_by_editor, added.quote) == (
        claim_id,
        True,
        "we lost like sixteen billion on reality labs",
    )
    with pytest.raises(ReviewError, match="already exists"):
        store.record(decide(claim_id, DecisionAction.ADD_CLAIM, text="again"))
    # a later run does not orphan or drop it: it never was a draft
    report = store.sync_drafts(BASE)
    assert report.orphaned == [] and report.removed == []
    store.record(decide(claim_id, DecisionAction.APPROVE))
    merged = apply_decisions(BASE, store)
    extra = merged.verdicts[-1]
    assert extra.draft is None and extra.claim.added_by_editor
    assert (extra.label, extra.status, extra.rationale) == (
        Label.REAL,
        VerdictStatus.APPROVED,
        "10-K segment results.",
    )


# --------------------------------------------------------------------------------------------------
# re-runs


def test_quote_key_normalises_whitespace_and_case() -> None:
    assert quote_key("  Revenue was\nUP  sixteen percent. ") == quote_key("revenue was up sixteen percent.")


def test_decision_follows_its_quote_to_a_new_claim_id(store: ReviewStore) -> None:
    store.record(decide("c1", DecisionAction.APPROVE))
    store.record(decide("c1", DecisionAction.EDIT_TEXT, text="Revenue grew 16%"))
    rerun = zuck(
        verdict("c1-new", "revenue was  UP sixteen percent."),
        verdict("c2", "We have three billion users.", Label.HYPE),
        verdict("c3", "Llama was downloaded 300 million times.", Label.PARTIALLY_TRUE),
    )
    report = store.sync_drafts(rerun)
    assert [(r.old_claim_id, r.new_claim_id) for r in report.reattached] == [("c1", "c1-new")]
    assert report.added == ["c1-new"] and report.orphaned == []
    assert store.decision_for(TID, "c1") is None
    moved = store.decision_for(TID, "c1-new")
    assert moved is not None and moved.status is VerdictStatus.APPROVED and moved.text == "Revenue grew 16%"
    history = store.audit_log("c1-new")
    assert [(r.action, r.claim_id) for r in history] == [
        ("approve", "c1"),
        ("edit_text", "c1"),
        ("reattach", "c1-new"),
    ]
    assert history[-1].editor == SYNC_EDITOR and (history[-1].old, history[-1].new) == ("c1", "c1-new")
    assert [c.claim_id for c in store.list_claims(TID)] == ["c1-new", "c2", "c3"]


def test_a_reattached_approval_whose_checkable_text_changed_goes_back_to_review(store: ReviewStore) -> None:
    quote = "Revenue was up sixteen percent last year."
    base = zuck(verdict("c1", quote, text="Revenue was up sixteen percent last year [2024]."))
    store.sync_drafts(base)
    for step in with_implied_approval(decide("c1", DecisionAction.SET_VERDICT, label=Label.HYPE)):
        store.record(step)  # the verdict set, and so approved
    changed = zuck(verdict("c1b", quote, text="Revenue was up sixteen percent last year [2025]."))
    report = store.sync_drafts(changed)
    (moved,) = report.reattached
    assert (moved.old_claim_id, moved.new_claim_id) == ("c1", "c1b")
    assert moved.review_reason is not None and "[2025]" in moved.review_reason
    decision = store.decision_for(TID, "c1b")
    assert decision is not None
    assert decision.status is VerdictStatus.DRAFT  # back to review
    assert decision.label is Label.HYPE  # the editor's work is kept for the re-review
    last = store.audit_log("c1b")[-1]
    assert (last.action, last.field, last.old, last.new) == ("reopen", "status", "approved", "draft")
    assert last.editor == SYNC_EDITOR and "[2025]" in (last.note or "")


def test_an_approved_draft_verdict_that_a_rerun_drafts_differently_goes_back_to_review(
    store: ReviewStore,
) -> None:
    # approving takes the draft's verdict; a re-run that drafts another must not change what readers see
    # without an editor (seen when a better subject resolution turned a Real draft into Hype)
    store.sync_drafts(BASE)
    store.record(decide("c1", DecisionAction.APPROVE))  # approves the draft's Real
    for step in with_implied_approval(decide("c2", DecisionAction.SET_VERDICT, label=Label.HYPE)):
        store.record(step)  # the editor's own Hype, the same as the draft's: stored, so it stays
    rerun = zuck(
        verdict("c1", "Revenue was up sixteen percent.", Label.HYPE),
        verdict("c2", "We have three billion users.", Label.REAL),
        verdict("c3", "Llama was downloaded 300 million times.", Label.PARTIALLY_TRUE),
    )
    store.sync_drafts(rerun)
    c1, c2 = store.decision_for(TID, "c1"), store.decision_for(TID, "c2")
    assert c1 is not None and c1.status is VerdictStatus.DRAFT and c1.label is None  # back to review
    last = store.audit_log("c1")[-1]
    assert (last.action, last.old, last.new) == ("reopen", "approved", "draft")
    assert "real is now hype" in (last.note or "")
    assert c2 is not None and c2.status is VerdictStatus.APPROVED and c2.label is Label.HYPE  # pinned
    store.sync_drafts(rerun)  # nothing changed this time: no second reopen
    assert len([r for r in store.audit_log("c1") if r.action == "reopen"]) == 1


def test_a_reattached_decision_whose_text_only_changed_case_stays_approved(store: ReviewStore) -> None:
    store.record(decide("c1", DecisionAction.APPROVE))
    rerun = zuck(
        verdict(
            "c1-new", "Revenue was up sixteen percent.", text="claim ABOUT revenue was up sixteen percent"
        )
    )
    (moved,) = store.sync_drafts(rerun).reattached
    assert moved.review_reason is None
    decision = store.decision_for(TID, "c1-new")
    assert decision is not None and decision.status is VerdictStatus.APPROVED


def test_unmatched_decision_is_orphaned_then_restored(store: ReviewStore) -> None:
    store.record(decide("c2", DecisionAction.REJECT, note="not a claim"))
    without_c2 = zuck(
        verdict("c1", "Revenue was up sixteen percent."),
        verdict("c3", "Llama was downloaded 300 million times.", Label.PARTIALLY_TRUE),
    )
    report = store.sync_drafts(without_c2)
    assert report.orphaned == ["c2"] and report.reattached == []
    assert [o.claim_id for o in store.orphans(TID)] == ["c2"]
    kept = store.decision_for(TID, "c2")
    assert kept is not None and kept.status is VerdictStatus.REJECTED
    assert store.sync_drafts(without_c2).orphaned == ["c2"]  # still kept, no duplicate audit row
    assert [r.action for r in store.audit_log("c2")].count(AuditAction.ORPHAN) == 1
    report = store.sync_drafts(BASE)
    assert report.restored == ["c2"] and report.orphaned == []
    assert store.orphans() == []
    assert [r.action for r in store.audit_log("c2")] == [
        AuditAction.REJECT,
        AuditAction.REJECT,
        AuditAction.ORPHAN,
        AuditAction.RESTORE,
    ]


def test_undecided_claims_gone_from_the_drafts_are_dropped(store: ReviewStore) -> None:
    report = store.sync_drafts(zuck(verdict("c1", "Revenue was up sixteen percent.")))
    assert sorted(report.removed) == ["c2", "c3"]
    assert [c.claim_id for c in store.list_claims()] == ["c1"]


def test_reattach_never_takes_a_claim_that_has_its_own_decision(store: ReviewStore) -> None:
    store.record(decide("c1", DecisionAction.APPROVE))
    store.sync_drafts(zuck(*BASE.verdicts, verdict("c1b", "Revenue was up sixteen percent.")))
    store.record(decide("c1b", DecisionAction.REJECT))
    # c1 disappears; its only quote twin c1b already has a decision, so c1 is orphaned, not merged
    report = store.sync_drafts(zuck(*BASE.verdicts[1:], verdict("c1b", "Revenue was up sixteen percent.")))
    assert report.reattached == [] and report.orphaned == ["c1"]
    c1b = store.decision_for(TID, "c1b")
    assert c1b is not None and c1b.status is VerdictStatus.REJECTED


def test_apply_decisions_merges_the_editors_word(store: ReviewStore) -> None:
    store.record(decide("c1", DecisionAction.APPROVE, editor="ana"))
    store.record(decide("c2", DecisionAction.SET_VERDICT, label=Label.PARTIALLY_TRUE, editor="bo"))
    store.record(decide("c2", DecisionAction.EDIT_TEXT, text="Meta has 3 billion monthly users", editor="bo"))
    store.record(decide("c2", DecisionAction.APPROVE, editor="bo", note="MAP, not DAP"))
    store.record(decide("c3", DecisionAction.REJECT, editor="ana"))
    merged = apply_decisions(BASE, store)
    assert BASE.verdicts[1].label is Label.HYPE  # the input is not changed
    c1, c2, c3 = merged.verdicts
    assert (c1.status, c1.editor, c1.label) == (VerdictStatus.APPROVED, "ana", Label.REAL)
    assert (c2.status, c2.label, c2.claim.text, c2.note, c2.editor) == (
        VerdictStatus.APPROVED,
        Label.PARTIALLY_TRUE,
        "Meta has 3 billion monthly users",
        "MAP, not DAP",
        "bo",
    )
    assert c2.draft is not None and c2.draft.label is Label.HYPE  # the draft stays as drafted
    assert c3.status is VerdictStatus.REJECTED
    assert merged.status is VerdictStatus.APPROVED  # every verdict reviewed
    assert apply_decisions(zuck(*BASE.verdicts, verdict("c4", "x y z")), store).status is (
        VerdictStatus.DRAFT
    )


# --------------------------------------------------------------------------------------------------
# a writer killed mid-stream

_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from claimcheck.models import DecisionAction, EditorDecision
    from claimcheck.review import ReviewStore

    store = ReviewStore.open(Path(sys.argv[1]))
    n = 0
    while True:
        claim_id = f"k{n % 200:03d}"
        action = DecisionAction.APPROVE if n % 2 == 0 else DecisionAction.REJECT
        store.record(EditorDecision(transcript_id="kill", claim_id=claim_id, action=action, editor="bot",
                                    note=f"write {n}"))
        print(n, flush=True)
        n += 1
    """
)


def test_killed_writer_leaves_committed_decisions_intact(tmp_path: Path) -> None:
    path = tmp_path / "claimcheck.sqlite"
    verdicts = [verdict(f"k{i:03d}", f"quote number {i}", transcript_id="kill") for i in range(200)]
    kill_breakdown = make_breakdown(verdicts, slug="kill", title="kill")
    with ReviewStore.open(path) as setup:
        setup.sync_drafts(kill_breakdown)
    child = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(path)], stdout=subprocess.PIPE, text=True, env=subprocess_env()
    )
    assert child.stdout is not None
    committed = -1
    try:
        for line in child.stdout:
            committed = int(line)
            if committed >= 60:
                break
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    assert committed >= 60, "the writer did not get going"
    with ReviewStore.open(path) as reopened:
        raw = sqlite3.connect(path)
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        raw.close()
        rows = reopened.audit_log(transcript_id="kill")
        notes = {r.note for r in rows}
        for n in range(committed + 1):  # everything the writer saw committed is there
            assert f"write {n}" in notes
        # decision and audit rows were written together: each claim's decision is its last audited write
        last_write: dict[str, int] = {}
        for row in rows:
            assert row.note is not None
            last_write[row.claim_id] = int(row.note.split()[1])
        assert len(last_write) >= committed + 1
        for claim_id, n in last_write.items():
            decision = reopened.decision_for("kill", claim_id)
            assert decision is not None and decision.note == f"write {n}"
            assert decision.status is (VerdictStatus.APPROVED if n % 2 == 0 else VerdictStatus.REJECTED)
        # and the store still takes writes
        reopened.record(
            EditorDecision(transcript_id="kill", claim_id="k000", action=DecisionAction.APPROVE, editor="ana")
        )


def test_editor_label_change_replaces_the_draft_rationale(tmp_path: Path) -> None:
    breakdown = zuck(verdict("c1", "Revenue doubled.", Label.UNVERIFIED))
    with ReviewStore.open(tmp_path / "s.sqlite") as store:
        store.sync_drafts(breakdown)
        store.record(decide("c1", DecisionAction.SET_VERDICT, label=Label.HYPE))
        merged = apply_decisions(breakdown, store).verdicts[0]
        store.record(decide("c1", DecisionAction.EDIT_RATIONALE, rationale="It grew 16%."))
        edited = apply_decisions(breakdown, store).verdicts[0]
    assert merged.label == Label.HYPE
    assert merged.rationale != "Draft reason for c1."
    assert "Unverified" in merged.rationale
    assert edited.rationale == "It grew 16%."


# --------------------------------------------------------------------------------------------------
# a damaged or lost store (found by the fuzz suite, tests/test_fuzz.py)


def _cli(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def _decided_out(tmp_path: Path) -> Path:
    """An output folder with BASE drafted, c1 approved and the site published."""
    out = tmp_path / "out"
    write_drafts(out, BASE)
    assert _cli("review", "approve", "c1", "--editor", "ana", "--out", out).exit_code == 0
    assert _cli("publish", "--out", out).exit_code == 0
    return out


def test_every_damaged_page_of_the_store_is_a_clear_error_or_changes_nothing(tmp_path: Path) -> None:
    # sqlite3.DatabaseError ("database disk image is malformed") escaped `review list`, `review approve`
    # and `publish` as tracebacks
    out = _decided_out(tmp_path)
    listed = _cli("review", "list", "--json", "--out", out).output
    store = out / STORE_FILENAME
    pristine = store.read_bytes()
    refused = 0
    for start in range(0, len(pristine), 4096):
        store.write_bytes(pristine[:start] + b"\xa5" * 4096 + pristine[start + 4096 :])
        for command, unchanged in (
            (["review", "list", "--json"], listed),
            (["review", "approve", "c2", "--editor", "ana"], None),
            (["publish", "--include-drafts"], None),
        ):
            result = _cli(*command, "--out", out)
            assert result.exception is None or isinstance(result.exception, SystemExit), result.output
            if result.exit_code:
                assert result.output.startswith(f"Error: {store}: "), result.output
                refused += 1
            elif unchanged is not None:
                assert result.output == unchanged
    assert refused, "some page of the store matters"
    store.write_bytes(pristine)
    assert _cli("review", "list", "--json", "--out", out).output == listed


@pytest.mark.parametrize("loss", ["deleted", "emptied"])
def test_a_lost_store_stops_review_and_publish_instead_of_dropping_every_decision(
    tmp_path: Path, loss: str
) -> None:
    # with the store deleted or emptied, `review list` listed nothing and `publish` withdrew every page,
    # both with exit 0
    out = _decided_out(tmp_path)
    site = {p.name: p.read_bytes() for p in (out / "site").iterdir()}
    assert f"{TID}.html" in site
    store = out / STORE_FILENAME
    store.unlink() if loss == "deleted" else store.write_bytes(b"")
    for command in (["review", "list"], ["publish"]):
        result = _cli(*command, "--out", out)
        assert result.exit_code == 1, result.output
        assert f"Error: {store}: holds none of the claims of the draft {TID!r}" in result.output
        assert "re-run `claimcheck run` on samples/zuck.txt" in result.output
    assert {p.name: p.read_bytes() for p in (out / "site").iterdir()} == site
