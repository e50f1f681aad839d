"""What an editor can change beyond a label (wording, explanation, evidence, merges, added claims), the
version that turns a stale save into a conflict, and the `review` command fixes of issue #13."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from claimcheck.cli import cli
from claimcheck.errors import ConflictError, ReviewError
from claimcheck.models import Breakdown, Citation, DecisionAction, EditorDecision, Evidence, Label
from claimcheck.review import MIGRATIONS, SCHEMA_VERSION, ReviewStore, apply_decisions
from claimcheck.review.migrations import Migration
from tests.factories import (
    make_breakdown,
    make_claim,
    make_draft,
    make_evidence,
    make_passage,
    make_verdict,
    subprocess_env,
    write_drafts,
)

TID = "ep"
SOURCE = "Revenue was $134.90 billion in 2023, up 16% from 2022. Costs rose too."
PASSAGE = make_passage(SOURCE, passage_id="10k.md#3", start=1000, citation=Citation(title="Meta 10-K 2023"))
OTHER = make_passage("Daily active people were 3.19 billion.", passage_id="10k.md#9", start=5000)


def breakdown(n: int = 3, *, needs_review_every: int = 2) -> Breakdown:
    verdicts = []
    for i in range(n):
        claim = make_claim(
            f"Claim number {i} about revenue",
            claim_id=f"c{i}",
            transcript_id=TID,
            speaker="Mark",
            start=i * 10.0,
        )
        draft = make_draft(
            f"c{i}",
            label=[Label.REAL, Label.HYPE, Label.PARTIALLY_TRUE][i % 3],
            needs_review=i % needs_review_every == 0,
            evidence=[
                make_evidence("Revenue was $134.90 billion", passage=PASSAGE),
                make_evidence(OTHER.raw_text, passage=OTHER),
            ],
        )
        draft = draft.model_copy(update={"review_reasons": ["a figure differs"] if i % 2 == 0 else []})
        verdicts.append(make_verdict(claim, draft))
    return make_breakdown(verdicts, slug=TID, title="Episode")


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    write_drafts(folder, breakdown())
    return folder


@pytest.fixture
def store(out: Path) -> ReviewStore:
    opened = ReviewStore.open(out / "claimcheck.sqlite")
    yield opened  # type: ignore[misc]
    opened.close()


def cli_run(*args: str | Path, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


def decision(claim_id: str, action: DecisionAction, **fields: object) -> EditorDecision:
    return EditorDecision.model_validate(
        {"transcript_id": TID, "claim_id": claim_id, "action": action, "editor": "ana", **fields}
    )


# --------------------------------------------------------------------------------------------------
# the review commands


def test_the_ids_the_cli_prints_are_taken_back(out: Path) -> None:
    listed = cli_run("review", "list", "--out", out)
    assert listed.exit_code == 0, listed.output
    first_id = listed.output.splitlines()[1].split()[0]
    assert first_id == f"{TID}/c0"
    approved = cli_run("review", "approve", first_id, "--editor", "ana", "--out", out)
    assert approved.exit_code == 0, approved.output
    assert approved.output.startswith(f"{TID}/c0: approved")
    shown = cli_run("review", "show", first_id, "--out", out)
    assert shown.exit_code == 0 and "decision   approved by ana (version 1)" in shown.output
    unknown = cli_run("review", "approve", "other-slug/c0", "--editor", "ana", "--out", out)
    assert unknown.exit_code == 1 and "no transcript 'other-slug'" in unknown.output


def test_review_list_has_a_header_a_legend_and_filters(out: Path) -> None:
    text = cli_run("review", "list", "--out", out).output.splitlines()
    assert text[0].split() == ["ID", "STATUS", "!", "LABEL", "CLAIM"]
    assert [line.split()[0] for line in text[1:4]] == [f"{TID}/c0", f"{TID}/c1", f"{TID}/c2"]
    assert text[-1].startswith("! = the draft needs review")
    flagged = cli_run("review", "list", "--needs-review", "--json", "--out", out).output.splitlines()
    assert [json.loads(line)["claim_id"] for line in flagged] == ["c0", "c2"]
    assert json.loads(flagged[0])["review_reasons"] == ["a figure differs"]
    hype = cli_run("review", "list", "--label", "hype", "--json", "--out", out).output.splitlines()
    assert [json.loads(line)["claim_id"] for line in hype] == ["c1"]
    cli_run("review", "reject", f"{TID}/c1", "--editor", "ana", "--out", out)
    rejected = cli_run("review", "list", "--status", "rejected", "--out", out).output.splitlines()
    assert [line.split()[0] for line in rejected[1:]] == [f"{TID}/c1"]  # no `!` row shown: no legend
    bad = cli_run("review", "list", "--status", "nope", "--out", out)
    assert bad.exit_code == 2 and "nope" in bad.output


def test_a_closed_pipe_downstream_is_not_an_error(tmp_path: Path) -> None:
    out = tmp_path / "big"
    write_drafts(out, breakdown(1500))  # more than a pipe buffer of rows
    proc = subprocess.Popen(
        [sys.executable, "-m", "claimcheck", "review", "list", "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=subprocess_env(),
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline().startswith(b"ID")
    proc.stdout.close()  # what `| head -1` does
    assert proc.wait(timeout=60) == 0
    assert proc.stderr.read() == b""


def test_a_repeated_approve_is_a_no_op_with_a_message(out: Path, store: ReviewStore) -> None:
    first = cli_run("review", "approve", "c1", "--editor", "ana", "--out", out)
    again = cli_run("review", "approve", "c1", "--editor", "bo", "--out", out)
    assert first.exit_code == again.exit_code == 0
    assert again.output.strip() == f"{TID}/c1: already approved; nothing changed"
    rows = [(r.field, r.old, r.new, r.editor) for r in store.audit_log("c1")]
    assert rows == [("status", "draft", "approved", "ana")]
    record = store.decision_for(TID, "c1")
    assert record is not None and (record.editor, record.version) == ("ana", 1)


def test_approving_a_rejected_claim_is_refused_until_it_is_reopened(out: Path, store: ReviewStore) -> None:
    assert (
        cli_run("review", "reject", "c1", "--note", "chit-chat", "--editor", "ana", "--out", out).exit_code
        == 0
    )
    refused = cli_run("review", "approve", "c1", "--editor", "ana", "--out", out)
    assert refused.exit_code == 1
    assert "is rejected" in refused.output and f"claimcheck review reopen {TID}/c1" in refused.output
    set_refused = cli_run(
        "review", "set", "c1", "--verdict", "real", "--note", "x", "--editor", "ana", "--out", out
    )
    assert set_refused.exit_code == 1  # setting a verdict approves, so it is refused as a whole
    record = store.decision_for(TID, "c1")
    assert record is not None and record.status.value == "rejected" and record.label is None
    reopened = cli_run("review", "reopen", f"{TID}/c1", "--editor", "ana", "--out", out)
    assert reopened.exit_code == 0 and f"{TID}/c1: draft" in reopened.output
    assert cli_run("review", "approve", "c1", "--editor", "ana", "--out", out).exit_code == 0
    assert [r.action.value for r in store.audit_log("c1") if r.field == "status"] == [
        "reject",
        "reopen",
        "approve",
    ]


def test_an_editor_set_verdict_keeps_the_editors_reasons_as_rationale(out: Path, store: ReviewStore) -> None:
    cli_run(
        "review",
        "set",
        "c0",
        "--verdict",
        "hype",
        "--explanation",
        "That was FY2022.",
        "--editor",
        "a",
        "--out",
        out,
    )
    cli_run(
        "review",
        "set",
        "c1",
        "--verdict",
        "real",
        "--note",
        "10-K p.4 says so",
        "--editor",
        "a",
        "--out",
        out,
    )
    store.record(decision("c2", DecisionAction.EDIT, evidence=[make_evidence(OTHER.raw_text, passage=OTHER)]))
    store.record(decision("c2", DecisionAction.SET_VERDICT, label=Label.HYPE))
    merged = {v.claim.id: v for v in apply_decisions(breakdown(), store).verdicts}
    assert merged["c0"].rationale == "That was FY2022." and merged["c0"].explanation == "That was FY2022."
    assert merged["c1"].rationale == "10-K p.4 says so"
    assert merged["c2"].rationale == "Per Doc: “Daily active people were 3.19 billion.”."
    assert all("The editor set this verdict" not in v.rationale for v in merged.values())


def test_merging_a_duplicate_rejects_it_and_both_trails_say_so(out: Path, store: ReviewStore) -> None:
    result = cli_run("review", "merge", "c2", "--into", f"{TID}/c0", "--editor", "ana", "--out", out)
    assert result.exit_code == 0, result.output
    assert "merged into ep/c0" in result.output
    record = store.decision_for(TID, "c2")
    assert record is not None and record.status.value == "rejected" and record.merged_into == "c0"
    assert [(r.field, r.new) for r in store.audit_log("c0")] == [("duplicate", "c2")]
    assert cli_run("review", "merge", "c0", "--into", "c0", "--editor", "a", "--out", out).exit_code == 1
    chained = cli_run("review", "merge", "c1", "--into", "c2", "--editor", "a", "--out", out)
    assert chained.exit_code == 1 and "merge into 'c0' instead" in chained.output
    cli_run("review", "reopen", "c2", "--editor", "ana", "--out", out)
    record = store.decision_for(TID, "c2")
    assert record is not None and record.merged_into is None and record.status.value == "draft"


# --------------------------------------------------------------------------------------------------
# versions and conflicts


def test_a_stale_save_is_a_conflict_that_shows_both_versions(store: ReviewStore) -> None:
    assert store.record(decision("c0", DecisionAction.EDIT, text="Revenue grew 16%", version=0)).version == 1
    with pytest.raises(ConflictError) as caught:
        store.record(decision("c0", DecisionAction.EDIT, editor="bo", text="Revenue doubled", version=0))
    conflict = caught.value
    assert "you saw version 0, it is now version 1 by ana" in conflict.message()
    assert conflict.current["text"] == "Revenue grew 16%" and conflict.current["version"] == 1
    assert conflict.attempted["text"] == "Revenue doubled" and conflict.attempted["editor"] == "bo"
    record = store.decision_for(TID, "c0")
    assert record is not None and record.text == "Revenue grew 16%"  # nothing overwritten
    # a save naming the current version goes through, and a no-op save does not move it
    assert store.record(decision("c0", DecisionAction.EDIT, text="Revenue doubled", version=1)).version == 2
    assert store.record(decision("c0", DecisionAction.EDIT, text="Revenue doubled", version=2)).changed == []
    assert store.decision_for(TID, "c0").version == 2  # type: ignore[union-attr]


def test_a_version_1_store_is_migrated_without_losing_a_decision(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    raw = sqlite3.connect(path)
    for statement in MIGRATIONS[0].statements:
        raw.execute(statement)
    raw.execute("PRAGMA user_version = 1")
    raw.execute(
        "INSERT INTO claims (transcript_id, claim_id, quote, quote_key, text)"
        " VALUES ('ep', 'c0', 'q', 'q', 't')"
    )
    raw.execute(
        "INSERT INTO decisions (transcript_id, claim_id, status, label, editor, updated_at)"
        " VALUES ('ep', 'c0', 'approved', 'hype', 'ana', '2026-01-01T00:00:00+00:00')"
    )
    raw.commit()
    raw.close()
    with ReviewStore.open(path) as migrated:
        assert migrated.schema_version() == SCHEMA_VERSION
        record = migrated.decision_for("ep", "c0")
        assert record is not None and (record.status.value, record.label, record.version) == (
            "approved",
            Label.HYPE,
            1,
        )
    assert isinstance(MIGRATIONS[2], Migration) and MIGRATIONS[2].name == "0003_review_app"


# --------------------------------------------------------------------------------------------------
# evidence, explanation, wording, added claims


def test_evidence_is_kept_dropped_reordered_and_attached_with_exact_quotes(store: ReviewStore) -> None:
    draft = breakdown().verdicts[0].evidence
    attached = Evidence(
        passage=PASSAGE, quote="up 16% from 2022", quote_start=1037, quote_end=1053, score=0.0
    )
    store.record(
        decision("c0", DecisionAction.EDIT, evidence=[draft[1], attached])
    )  # drop #0, reorder, attach
    merged = apply_decisions(breakdown(), store).verdicts[0]
    assert [(e.passage.passage_id, e.quote) for e in merged.evidence] == [
        ("10k.md#9", OTHER.raw_text),
        ("10k.md#3", "up 16% from 2022"),
    ]
    (row,) = [r for r in store.audit_log("c0") if r.field == "evidence"]
    assert row.old is None and json.loads(row.new or "")[1] == {
        "passage_id": "10k.md#3",
        "quote": "up 16% from 2022",
    }
    paraphrase = attached.model_copy(update={"quote": "up sixteen percent"})
    shifted = attached.model_copy(update={"quote_start": 1036, "quote_end": 1052})
    for bad in (paraphrase, shifted):
        with pytest.raises(ReviewError, match=r"not the words of 10k\.md#3"):
            store.record(decision("c0", DecisionAction.EDIT, evidence=[bad]))
    assert len([r for r in store.audit_log("c0") if r.field == "evidence"]) == 1


def test_explanation_and_wording_are_audited_and_the_quote_stays(store: ReviewStore) -> None:
    store.record(
        decision("c1", DecisionAction.EDIT, text="Meta's 2023 revenue rose 16%", explanation="Up 16%.")
    )
    with pytest.raises(ReviewError, match="one line"):
        store.record(decision("c1", DecisionAction.EDIT, explanation="two\nlines"))
    merged = apply_decisions(breakdown(), store).verdicts[1]
    assert merged.claim.text == "Meta's 2023 revenue rose 16%"
    assert merged.claim.quote == breakdown().verdicts[1].claim.quote
    assert merged.explanation == "Up 16%."
    assert [(r.action.value, r.field) for r in store.audit_log("c1")] == [
        ("edit", "text"),
        ("edit", "explanation"),
    ]


def test_a_missed_claim_is_added_with_its_speaker_and_time(store: ReviewStore) -> None:
    store.record(
        decision(
            "ed-1",
            DecisionAction.ADD_CLAIM,
            text="Llama had 300 million downloads",
            quote="we crossed 300 million downloads",
            speaker="Mark",
            start=42.0,
        )
    )
    added = apply_decisions(breakdown(), store).verdicts[-1]
    assert (added.claim.id, added.claim.speaker, added.claim.start) == ("ed-1", "Mark", 42.0)
    assert added.claim.added_by_editor and added.claim.quote == "we crossed 300 million downloads"


def test_a_sync_that_reopens_an_approval_moves_its_version(store: ReviewStore) -> None:
    store.record(decision("c0", DecisionAction.APPROVE))
    assert store.decision_for(TID, "c0").version == 1  # type: ignore[union-attr]
    old = breakdown().verdicts[0]
    moved = old.model_copy(
        update={
            "claim": old.claim.model_copy(
                update={"id": "c0-new", "text": "Claim number 0 about revenue [2025]"}
            )
        }
    )
    rerun = breakdown().model_copy(update={"verdicts": [moved, *breakdown().verdicts[1:]]})
    (reattached,) = store.sync_drafts(rerun).reattached
    assert reattached.review_reason is not None
    record = store.decision_for(TID, "c0-new")
    assert record is not None and record.status.value == "draft" and record.version == 2
    with pytest.raises(ConflictError):  # a form loaded before the sync is stale
        store.record(decision("c0-new", DecisionAction.APPROVE, version=1))
