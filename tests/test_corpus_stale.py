"""Stale verdicts, end to end: fetch a filing into a fresh corpus, index it, run a transcript, approve a
verdict, publish, then revise the filing (a 10-K/A that supersedes it, or a replaced file) and see the
verdict listed by `review stale`, back in the review queue, and the published page untouched."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from claimcheck.cli import cli
from claimcheck.models import (
    Citation,
    DecisionAction,
    Document,
    EditorDecision,
    Evidence,
    Label,
    VerdictStatus,
)
from claimcheck.review import open_store
from claimcheck.review.store import STALE_EDITOR
from claimcheck.sources.stale import evidence_problems, find_stale
from tests.factories import make_breakdown, make_claim, make_draft, make_evidence, make_passage, make_verdict
from tests.sources_fixtures import FY2023, FY2023_A, SourceServer, serve_meta, ten_k_html

TRANSCRIPT = """---
title: Meta earnings chat
slug: meta-chat
date: 2024-03-01
speakers: [Host, Analyst]
---
Host: Let's talk about Meta's year.
Analyst: Meta Platforms reported revenue of $134,902 million in 2023, according to its annual report.
Analyst: Net income was $39,098 million in 2023.
"""


def _invoke(*args: str | Path) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, f"claimcheck {' '.join(map(str, args))}:\n{result.output}"
    return result.output


def _setup(server: SourceServer, tmp_path: Path) -> tuple[Path, Path, Path, Path, str]:
    """Fetch, index, run, approve the net income claim and publish; returns the config, corpus, index, out
    folder and the approved claim's ref."""
    serve_meta(server, [(FY2023, ten_k_html(2023, "134,902"))])
    config = tmp_path / "claimcheck.toml"
    config.write_text(
        f'sec_www_url = "{server.url}"\nsec_data_url = "{server.url}"\n'
        'fetch_user_agent = "Test Newsroom research@example.org"\nembedding_model = "hashing-64"\n',
        encoding="utf-8",
    )
    corpus, index, out = tmp_path / "corpus", tmp_path / "index", tmp_path / "out"
    transcript = tmp_path / "meta-chat.txt"
    transcript.write_text(TRANSCRIPT, encoding="utf-8")
    _invoke(
        "--config",
        config,
        "corpus",
        "fetch",
        "sec",
        "META",
        "--years",
        "2023",
        "--corpus",
        corpus,
        "--index",
        index,
    )
    _invoke("--config", config, "run", transcript, "--index", index, "--out", out)
    rows = [json.loads(line) for line in _invoke("review", "list", "--json", "--out", out).splitlines()]
    approved = next(row for row in rows if "39,098" in row["quote"])
    assert approved["label"] == "real", approved
    ref = f"{approved['transcript_id']}/{approved['claim_id']}"
    _invoke("review", "approve", ref, "--editor", "Ed", "--out", out)
    _invoke("--config", config, "publish", "--out", out)
    return config, corpus, index, out, ref


def _site(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted((out / "site").rglob("*"))
        if p.is_file()
    }


def test_an_amendment_makes_the_approved_verdict_stale(server: SourceServer, tmp_path: Path) -> None:
    config, corpus, index, out, ref = _setup(server, tmp_path)
    published = _site(out)
    assert published
    # nothing changed yet: nothing is stale
    quiet = _invoke("--config", config, "review", "stale", "--index", index, "--out", out, "--quiet")
    assert quiet.strip() == (
        "1 approved verdicts checked (0 re-drafted against the changed corpus), 0 newly stale and sent "
        "back to review; 0 stale verdicts wait for an editor"
    )
    # SEC now lists a 10-K/A for fiscal 2023 with a revised net income
    serve_meta(
        server,
        [
            (FY2023, ten_k_html(2023, "134,902")),
            (FY2023_A, ten_k_html(2023, "134,902", amended=True, net_income="35,000")),
        ],
    )
    fetched = _invoke(
        "--config",
        config,
        "corpus",
        "fetch",
        "sec",
        "META",
        "--years",
        "2023",
        "--refresh",
        "--corpus",
        corpus,
        "--index",
        index,
    )
    assert "added      sec/meta/10-KA-FY2023-0001326801-24-000030.txt" in fetched
    stale = _invoke("--config", config, "review", "stale", "--index", index, "--out", out, "--quiet")
    lines = stale.splitlines()
    assert lines[0].startswith(f"{ref}  approved Real → re-drafted ")
    assert (
        "  why      sec/meta/10-K-FY2023-0001326801-24-000012.txt is superseded by "
        "sec/meta/10-KA-FY2023-0001326801-24-000030.txt"
    ) in lines
    assert any(line.startswith("  approved “") and "39,098" in line for line in lines)
    assert any(line.startswith("  now      “") for line in lines)
    assert lines[-1].endswith("1 newly stale and sent back to review; 1 stale verdicts wait for an editor")
    # back in the review queue, flagged with the reason; the audit trail says who and why
    rows = [json.loads(line) for line in _invoke("review", "list", "--json", "--out", out).splitlines()]
    row = next(r for r in rows if f"{r['transcript_id']}/{r['claim_id']}" == ref)
    assert row["status"] == "draft" and row["needs_review"]
    assert any(reason.startswith("stale: ") for reason in row["review_reasons"])
    with open_store(out) as store:
        tid, cid = ref.split("/")
        last = store.audit_log(cid, transcript_id=tid)[-1]
        assert (
            last.editor == STALE_EDITOR
            and last.action == "reopen"
            and (last.note or "").startswith("stale: ")
        )
    # nothing published changed
    assert _site(out) == published
    # a second check finds nothing new and still lists it; an editor's approval closes it
    again = _invoke("--config", config, "review", "stale", "--index", index, "--out", out, "--quiet")
    assert again.splitlines()[-1].endswith(
        "0 newly stale and sent back to review; 1 stale verdicts wait for an editor"
    )
    as_json = _invoke("--config", config, "review", "stale", "--index", index, "--out", out, "--json")
    (record,) = [json.loads(line) for line in as_json.splitlines()]
    assert f"{record['transcript_id']}/{record['claim_id']}" == ref and record["open"] is True
    assert record["old_label"] == "real" and "39,098" in record["old_evidence"][0]["quote"]
    _invoke("review", "approve", ref, "--editor", "Ed", "--note", "checked against the 10-K/A", "--out", out)
    with open_store(out) as store:
        assert store.stale_verdicts() == [] and len(store.stale_verdicts(open_only=False)) == 1


def test_a_replaced_filing_makes_the_verdict_stale(server: SourceServer, tmp_path: Path) -> None:
    config, corpus, index, out, ref = _setup(server, tmp_path)
    doc_id = "sec/meta/10-K-FY2023-0001326801-24-000012.txt"
    revised = tmp_path / "revised" / "10-K-FY2023-0001326801-24-000012.txt"
    revised.parent.mkdir()
    revised.write_text(
        (corpus / doc_id).read_text(encoding="utf-8").replace("39,098", "35,000"), encoding="utf-8"
    )
    args = (
        "--config",
        config,
        "corpus",
        "add",
        revised,
        "--to",
        "sec/meta",
        "--corpus",
        corpus,
        "--index",
        index,
    )
    refused = CliRunner().invoke(cli, [str(a) for a in args])
    assert refused.exit_code == 1 and "a different document is already at this path" in refused.output
    # with --out, the add itself re-checks the approved verdicts and lists the stale one
    replaced = _invoke(*args, "--replace", "--out", out)
    lines = replaced.splitlines()
    assert lines[0] == f"replaced  {doc_id}"
    why = f"  why      {doc_id} was replaced: the quoted words are no longer in it where the card cites them"
    assert lines[2].startswith(f"{ref}  approved Real") and why in lines
    assert lines[-1] == f"1 approved verdicts in {out} checked, 1 newly stale and sent back to review"
    # `review stale` still lists it, and finds nothing new
    stale = _invoke("--config", config, "review", "stale", "--index", index, "--out", out, "--quiet")
    assert why in stale.splitlines() and stale.splitlines()[0].startswith(f"{ref}  approved Real")
    assert "0 newly stale" in stale.splitlines()[-1]
    # without --out, a replacement says how to check
    revised.write_text(revised.read_text(encoding="utf-8").replace("35,000", "36,000"), encoding="utf-8")
    again = _invoke(*args, "--replace")
    assert again.splitlines()[-1] == (
        "Verdicts citing replaced or removed documents may be stale: run `claimcheck review stale`"
    )


def test_review_stale_errors_are_one_line(server: SourceServer, tmp_path: Path) -> None:
    config, corpus, index, out, _ref = _setup(server, tmp_path)
    (corpus / "sec/meta/10-K-FY2023-0001326801-24-000012.txt").unlink()
    result = CliRunner().invoke(
        cli,
        ["--config", str(config), "review", "stale", "--corpus", str(corpus), "--out", str(out), "--json"],
    )
    assert result.exit_code == 1 and result.output.startswith("Error: ") and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    both = CliRunner().invoke(cli, ["review", "stale", "--corpus", str(corpus), "--index", str(index)])
    assert both.exit_code == 2 and "give --corpus or --index, not both" in both.output


# --------------------------------------------------------------------------------------------------
# the pieces, in memory


def _doc(doc_id: str, raw: str) -> Document:
    return Document(
        doc_id=doc_id,
        path=doc_id,
        citation=Citation(title=doc_id),
        content_hash="x",
        body_end=len(raw),
        raw=raw,
    )


def _evidence(doc_id: str, raw: str, quote: str) -> Evidence:
    passage = make_passage(raw, passage_id=f"{doc_id}#0")
    return make_evidence(quote, passage=passage)


def test_evidence_problems_name_removed_superseded_and_replaced_documents() -> None:
    raw = "Net income was $39,098 million."
    quoted = [_evidence("a.txt", raw, "$39,098 million"), _evidence("b.txt", raw, "$39,098 million")]
    docs = {"a.txt": _doc("a.txt", raw), "b.txt": _doc("b.txt", raw)}
    assert evidence_problems(quoted, docs, {}) == []
    assert evidence_problems(quoted, {"a.txt": docs["a.txt"]}, {}) == ["b.txt was removed from the corpus"]
    assert evidence_problems(quoted, docs, {"a.txt": "a2.txt"}) == ["a.txt is superseded by a2.txt"]
    changed = {**docs, "b.txt": _doc("b.txt", raw.replace("39,098", "35,000"))}
    assert evidence_problems(quoted, changed, {}) == [
        "b.txt was replaced: the quoted words are no longer in it where the card cites them"
    ]
    # the same words moved elsewhere in the file are also no longer where the card cites them
    moved = {**docs, "a.txt": _doc("a.txt", "Preface. " + raw)}
    assert evidence_problems(quoted[:1], moved, {}) != []


def test_find_stale_compares_the_redraft_with_the_draft_not_the_editors_label() -> None:
    raw = "Net income was $39,098 million."
    evidence = [_evidence("a.txt", raw, "$39,098 million")]
    docs = {"a.txt": _doc("a.txt", raw)}
    claim = make_claim("Net income was $39,098 million", claim_id="c1")
    drafted = make_verdict(claim, make_draft("c1", label=Label.REAL, evidence=evidence))
    # the editor approved it as Partially True: a re-draft that still says Real is not stale
    merged = drafted.model_copy(update={"label": Label.PARTIALLY_TRUE, "status": VerdictStatus.APPROVED})
    same = make_draft("c1", label=Label.REAL, evidence=evidence)
    assert find_stale([(drafted, merged)], docs, {}, [same]) == []
    other = make_draft("c1", label=Label.HYPE, evidence=evidence)
    (finding,) = find_stale([(drafted, merged)], docs, {}, [other])
    assert finding.reasons == [
        "the current corpus settles it differently: re-drafted as Hype, drafted as Real before"
    ]
    assert finding.old_label is Label.PARTIALLY_TRUE and finding.new_draft is other


def test_flag_stale_reopens_an_approval_once_and_keeps_both_evidence_lists(tmp_path: Path) -> None:
    raw = "Net income was $39,098 million."
    evidence = [_evidence("a.txt", raw, "$39,098 million")]
    claim = make_claim("Net income was $39,098 million", claim_id="c1", transcript_id="ep-1")
    breakdown = make_breakdown([make_verdict(claim, make_draft("c1", evidence=evidence))])
    new = make_draft("c1", label=Label.HYPE, evidence=[])
    with open_store(tmp_path) as store:
        store.sync_drafts(breakdown)
        flag = {
            "reasons": ["a.txt was removed"],
            "old_label": Label.REAL,
            "old_evidence": evidence,
            "new_draft": new,
        }
        assert store.flag_stale("ep-1", "c1", **flag) is False  # not approved: nothing to reopen
        store.record(
            EditorDecision(transcript_id="ep-1", claim_id="c1", action=DecisionAction.APPROVE, editor="Ed")
        )
        assert store.flag_stale("ep-1", "c1", **flag) is True
        decision = store.decision_for("ep-1", "c1")
        assert decision is not None and decision.status is VerdictStatus.DRAFT and decision.version == 2
        (record,) = store.stale_verdicts()
        assert (
            record.old_evidence == evidence and record.new_evidence == [] and record.new_label is Label.HYPE
        )
        assert store.flag_stale("ep-1", "c1", **flag) is False  # already back in review
        store.record(
            EditorDecision(transcript_id="ep-1", claim_id="c1", action=DecisionAction.APPROVE, editor="Ed")
        )
        assert store.stale_verdicts() == [] and store.stale_verdicts(open_only=False)[0].open is False


def test_the_review_app_shows_a_stale_verdict_side_by_side(tmp_path: Path) -> None:
    from claimcheck.review.app.factory import create_app
    from tests.review_app_fixtures import SLUG, app_settings, corpus_index, csrf_of, fake_checker, make_out

    index = corpus_index()
    out, breakdown = make_out(tmp_path, index=index)
    verdict = breakdown.verdicts[0]
    old = [_evidence("a.txt", "Net income was $39,098 million.", "$39,098 million")]
    new = make_draft(
        verdict.claim.id,
        label=Label.HYPE,
        evidence=[_evidence("b.txt", "It was <b>$35,000</b>.", "<b>$35,000</b>")],
    )
    with open_store(out) as store:
        approve = EditorDecision(
            transcript_id=SLUG, claim_id=verdict.claim.id, action=DecisionAction.APPROVE, editor="Ed"
        )
        store.record(approve)
        store.flag_stale(
            SLUG,
            verdict.claim.id,
            reasons=["a.txt is superseded by b.txt"],
            old_label=Label.REAL,
            old_evidence=old,
            new_draft=new,
        )
    settings = app_settings(out)
    app = create_app(settings, require_login=False, checker=fake_checker(settings, index), secret_key="t")
    client = app.test_client()
    csrf = csrf_of(client.get("/name").text)
    client.post("/name", data={"name": "Ana", "csrf_token": csrf})
    page = client.get(f"/b/{SLUG}/c/{verdict.claim.id}").text
    section = page[page.index('<section class="stale" id="stale">') : page.index('<section class="audit">')]
    assert "<li>a.txt is superseded by b.txt</li>" in section
    assert "<th>Approved: Real</th><th>Re-drafted now: Hype</th>" in section
    assert "<q>$39,098 million</q>" in section and "<q>&lt;b&gt;$35,000&lt;/b&gt;</q>" in section  # escaped
    other = breakdown.verdicts[1].claim.id
    assert 'class="stale"' not in client.get(f"/b/{SLUG}/c/{other}").text


def test_a_primary_filing_is_read_before_a_fact_sheet_compiled_from_it() -> None:
    # issue #15's source hierarchy: the filing itself, fetched into the corpus, outranks the shipped fact
    # sheet (kind 10-K with `compiled_from`, or kind fact-sheet) even when the search scored it lower
    from claimcheck.models import Citation, DocKind
    from claimcheck.settings import Settings
    from claimcheck.verify.evidence import primary

    text = "Revenue was $134.90 billion in 2023."
    filing = make_passage(
        text, passage_id="meta-10k.md#0", citation=Citation(title="10-K", kind=DocKind.TEN_K)
    )
    sheet = make_passage(
        text,
        passage_id="corpora/fy2023.md#0",
        citation=Citation(title="Fact sheet", kind=DocKind.TEN_K, compiled_from="Meta's FY2023 Form 10-K"),
    )
    other_sheet = make_passage(
        text, passage_id="notes.md#0", citation=Citation(title="Notes", kind=DocKind.FACT_SHEET)
    )
    card = make_passage(
        text, passage_id="card.md#0", citation=Citation(title="Card", kind=DocKind.MODEL_CARD)
    )
    ranked = primary(
        [
            make_evidence(text, passage=sheet, score=0.9),
            make_evidence(text, passage=other_sheet, score=0.95),
            make_evidence(text, passage=card, score=0.7),
            make_evidence(text, passage=filing, score=0.6),
        ],
        Settings(),
    )
    assert [e.passage.passage_id for e in ranked] == [
        "meta-10k.md#0",
        "card.md#0",
        "corpora/fy2023.md#0",
        "notes.md#0",
    ]
