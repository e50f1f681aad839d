"""End to end on data the system has never seen: a new transcript against a new corpus folder."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

import claimcheck.claims.extract as claims_extract
from claimcheck.cli import cli
from claimcheck.corpus import load_corpus
from claimcheck.drafts import read_draft, write_draft
from claimcheck.errors import LockError
from claimcheck.models import Breakdown, Claim, Label
from claimcheck.pipeline import Engine, claim_slugs, flag_reopened, process_transcript, read_batch, run_batch
from claimcheck.review import Reattachment, SyncReport, open_store
from claimcheck.settings import Settings, load_settings
from claimcheck.transcripts import read_transcript
from tests.factories import (
    FIXTURES,
    Holder,
    make_breakdown,
    make_claim,
    make_draft,
    make_verdict,
    subprocess_env,
    write_file,
)

UNSEEN = FIXTURES / "unseen"


def _copy_unseen(folder: Path, name: str) -> Path:
    """The unseen transcript, copied to `folder/name` for a test to run (and edit)."""
    return write_file(folder, name, (UNSEEN / "transcript.txt").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    out = tmp_path_factory.mktemp("engine-out")
    settings = load_settings(out_dir=out)
    return Engine.load(settings, corpus_dir=UNSEEN / "corpus")


@pytest.fixture(scope="module")
def breakdown(engine: Engine) -> Breakdown:
    return process_transcript(read_transcript(UNSEEN / "transcript.txt", engine.settings), engine)


def test_run_reads_claims_with_the_engines_embedder(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """`process_transcript` hands its embedder to the learnt claim filter (claims/claim_filter.py)."""
    seen: list[object] = []
    real = claims_extract.filter_talk

    def spy(claims: list[Claim], embedder: object, settings: Settings, **kwargs: Any) -> int:
        seen.append(embedder)
        return real(claims, embedder, settings, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(claims_extract, "filter_talk", spy)
    process_transcript(read_transcript(UNSEEN / "transcript.txt", engine.settings), engine)
    assert seen == [engine.embedder]


def test_breakdown_validates_against_the_published_schema(breakdown: Breakdown) -> None:
    schema = json.loads(CliRunner().invoke(cli, ["schema"]).output)
    jsonschema.validate(json.loads(breakdown.model_dump_json()), schema)
    assert breakdown.slug == "northwind-carrier-c2-interview"
    assert breakdown.verdicts


def test_every_quote_is_an_exact_substring_of_its_source_file(breakdown: Breakdown) -> None:
    docs = {d.doc_id: d for d in load_corpus(UNSEEN / "corpus")}
    quotes = [e for v in breakdown.verdicts for e in v.evidence]
    assert quotes, "the unseen corpus settles some claims"
    for ev in quotes:
        doc = docs[ev.passage.doc_id]
        if doc.line is None:  # md/txt: the file itself
            raw = (UNSEEN / "corpus" / doc.path).read_text(encoding="utf-8")
        else:  # jsonl: the `text` of that line
            line = (UNSEEN / "corpus" / doc.path).read_text(encoding="utf-8").splitlines()[doc.line - 1]
            raw = json.loads(line)["text"]
        assert raw[ev.quote_start : ev.quote_end] == ev.quote


def test_verdicts_follow_the_unseen_corpus(breakdown: Breakdown) -> None:
    by_quote = {v.claim.quote: v for v in breakdown.verdicts}

    def label_of(words: str) -> Label:
        (verdict,) = [v for q, v in by_quote.items() if words in q]
        return verdict.label

    assert label_of("$412.6 million") == Label.REAL
    # "It runs for 14 hours" is Hype against the spec sheet's 10 hours once its "It" is resolved to the C2;
    # while the claim stage leaves it unresolved (needs_context) it is never checked against a guess
    (runs,) = [v for q, v in by_quote.items() if "14 hours" in q]
    assert runs.label == (Label.UNVERIFIED if runs.claim.needs_context else Label.HYPE)


def test_changing_the_corpus_changes_the_verdict(tmp_path: Path, engine: Engine) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in (UNSEEN / "corpus").iterdir():
        text = path.read_text(encoding="utf-8").replace("412.6", "390.2")
        (corpus / path.name).write_text(text, encoding="utf-8")
    changed = Engine.load(engine.settings.model_copy(update={"out_dir": tmp_path}), corpus_dir=corpus)
    result = process_transcript(read_transcript(UNSEEN / "transcript.txt", changed.settings), changed)
    (verdict,) = [v for v in result.verdicts if "$412.6 million" in v.claim.quote]
    # Real against the shipped figure; now the level is contradicted (the stated "up 31%" still holds)
    assert verdict.label == Label.PARTIALLY_TRUE


def test_one_bad_transcript_does_not_stop_the_others(tmp_path: Path, engine: Engine) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    report = run_batch([empty, UNSEEN / "transcript.txt"], engine, tmp_path / "out")
    assert [r.ok for r in report.results] == [False, True]
    assert "empty.txt" in (report.results[0].error or "")
    assert (tmp_path / "out" / "drafts" / "northwind-carrier-c2-interview.json").is_file()


def test_slug_collision_is_an_error(tmp_path: Path, engine: Engine) -> None:
    twin = _copy_unseen(tmp_path, "twin.txt")
    report = run_batch([UNSEEN / "transcript.txt", twin], engine, tmp_path / "out")
    assert [r.ok for r in report.results] == [True, False]
    assert "already used" in (report.results[1].error or "")


def test_rerun_keeps_decisions_and_orphans_are_never_dropped(tmp_path: Path, engine: Engine) -> None:
    out = tmp_path / "out"
    source = _copy_unseen(tmp_path, "t.txt")
    run_batch([source], engine, out)
    draft = read_draft(out / "drafts" / "northwind-carrier-c2-interview.json")
    target = next(v for v in draft.verdicts if "14 hours" in v.claim.quote)
    runner = CliRunner()
    result = runner.invoke(
        cli,
        [
            "review",
            "set",
            target.claim.id,
            "--verdict",
            "hype",
            "--note",
            "14 h",
            "--editor",
            "Ed",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    run_batch([source], engine, out)  # same transcript again: the decision stays on its id
    with open_store(out) as store:
        decision = store.decision_for(draft.slug, target.claim.id)
        assert decision is not None and decision.label == Label.HYPE
        assert decision.status.value == "approved"  # setting a verdict is a review
    # the sentence disappears from the transcript: the decision is kept, as an orphan
    source.write_text(
        source.read_text(encoding="utf-8").replace("It runs for 14 hours", "Ok"), encoding="utf-8"
    )
    run_batch([source], engine, out)
    orphans = runner.invoke(cli, ["review", "list", "--orphans", "--json", "--out", str(out)])
    rows = [json.loads(line) for line in orphans.output.splitlines()]
    assert [r["claim_id"] for r in rows] == [target.claim.id]
    assert rows[0]["label"] == "hype"


KILLER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    import claimcheck.fsutil as fsutil
    from claimcheck.pipeline import Engine, run_batch
    from claimcheck.settings import load_settings

    def die(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGKILL)

    out, corpus, transcript = map(Path, sys.argv[1:4])
    engine = Engine.load(load_settings(out_dir=out), corpus_dir=corpus)
    fsutil.os.replace = die  # killed at the moment the new draft would replace the old one
    run_batch([transcript], engine, out)
    """
)


def test_killed_run_leaves_previous_drafts_and_decisions_intact(tmp_path: Path, engine: Engine) -> None:
    out = tmp_path / "out"
    source = _copy_unseen(tmp_path, "t.txt")
    run_batch([source], engine, out)
    draft_path = out / "drafts" / "northwind-carrier-c2-interview.json"
    before = draft_path.read_bytes()
    claim_id = read_draft(draft_path).verdicts[0].claim.id
    CliRunner().invoke(cli, ["review", "approve", claim_id, "--editor", "Ed", "--out", str(out)])
    # the transcript changes, then the run is killed mid-write
    source.write_text(
        source.read_text(encoding="utf-8").replace("$412.6 million", "$500 million"), encoding="utf-8"
    )
    script = tmp_path / "killer.py"
    script.write_text(KILLER, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(script), str(out), str(UNSEEN / "corpus"), str(source)],
        env=subprocess_env(),
        capture_output=True,
        timeout=300,
    )
    assert proc.returncode == -9, proc.stderr.decode()[-2000:]
    assert draft_path.read_bytes() == before
    read_draft(draft_path)  # still parses
    with open_store(out) as store:
        decision = store.decision_for("northwind-carrier-c2-interview", claim_id)
        assert decision is not None and decision.status.value == "approved"
    # the killed writer's temporary file is cleared by the next run, which completes
    assert [p.name for p in draft_path.parent.glob(f".{draft_path.name}.*.tmp")]
    assert run_batch([source], engine, out).ok
    assert sorted(p.name for p in draft_path.parent.iterdir()) == [draft_path.name]


def test_a_run_behind_another_writer_fails_clearly(tmp_path: Path, engine: Engine, holder: Holder) -> None:
    out = tmp_path / "out"
    proc = holder.hold(out / ".claimcheck.lock")
    impatient = dataclasses.replace(engine, settings=engine.settings.model_copy(update={"lock_timeout": 0.2}))
    with pytest.raises(LockError) as info:
        run_batch([_copy_unseen(tmp_path, "t.txt")], impatient, out)
    assert f"pid {proc.pid}" in info.value.reason and "is writing the output folder" in info.value.reason
    assert not (out / "drafts").exists()


def test_cli_run_then_publish(tmp_path: Path) -> None:
    out = tmp_path / "out"
    runner = CliRunner()
    result = runner.invoke(
        cli,
        [
            "run",
            str(UNSEEN / "transcript.txt"),
            "--corpus",
            str(UNSEEN / "corpus"),
            "--out",
            str(out),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    (line,) = [json.loads(x) for x in result.output.splitlines() if x.startswith("{")]
    assert line["ok"] and line["slug"] == "northwind-carrier-c2-interview"
    rows = runner.invoke(cli, ["review", "list", "--json", "--out", str(out)])
    first = json.loads(rows.output.splitlines()[0])
    assert (
        runner.invoke(
            cli, ["review", "approve", first["claim_id"], "--editor", "Ed", "--out", str(out)]
        ).exit_code
        == 0
    )
    shown = runner.invoke(cli, ["review", "show", first["claim_id"], "--out", str(out)])
    assert "approve" in shown.output and "Ed" in shown.output
    published = runner.invoke(cli, ["publish", "--out", str(out)])
    assert published.exit_code == 0, published.output
    page = out / "site" / "northwind-carrier-c2-interview.html"
    assert str(page) in published.output
    html = page.read_text(encoding="utf-8")
    assert first["quote"].split()[0] in html
    assert 'name="robots"' not in html


def test_cli_verify_bare_claims(tmp_path: Path) -> None:
    claims = write_file(
        tmp_path,
        "claims.jsonl",
        '{"id": "a", "text": "Northwind revenue was $412.6 million in 2024"}\n'
        '{"id": "b", "text": "The chief executive of Northwind has run four marathons in Antarctica"}\n',
    )
    result = CliRunner().invoke(
        cli, ["verify", "--corpus", str(UNSEEN / "corpus"), "--claims", str(claims), "--json"]
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.output.splitlines() if x.startswith("{")]
    assert [x["id"] for x in lines] == ["a", "b"]
    assert lines[0]["label"] == "real" and lines[0]["evidence"]
    assert lines[1]["label"] == "unverified" and lines[1]["needs_review"]


def test_cli_search_json_shape(tmp_path: Path) -> None:
    index = tmp_path / "index"
    runner = CliRunner()
    built = runner.invoke(cli, ["index", "build", str(UNSEEN / "corpus"), "--index", str(index)])
    assert built.exit_code == 0, built.output
    result = runner.invoke(
        cli, ["search", "--index", str(index), "--query", "Carrier C2 payload", "--k", "2", "--json"]
    )
    assert result.exit_code == 0, result.output
    (line,) = [json.loads(x) for x in result.output.splitlines()]
    assert line["id"] == "q1" and len(line["hits"]) == 2
    assert set(line["hits"][0]) == {"passage_id", "doc_id", "text", "quote", "score", "citation"}
    assert "title" in line["hits"][0]["citation"]


def test_bare_claims_take_their_subject_from_the_entities_given(engine: Engine) -> None:
    """`verify --entity`: a claim that names no one is about the entity given, as a transcript's front
    matter would say; with none given its subject stays unknown and it is not checked against a guess."""
    from claimcheck.inputs import ClaimLine
    from claimcheck.pipeline import claims_from_lines, verify_claims

    line = ClaimLine(id="r", text="Total revenue was $412.6 million in 2024.")
    named = ClaimLine(id="n", text="Northwind Robotics had total revenue of $412.6 million in 2024.")
    pronoun = ClaimLine(id="p", text="It had total revenue of $412.6 million in 2024.")
    (bare, leaning) = claims_from_lines([line, pronoun], engine)
    assert bare.subject is None and not bare.needs_context  # checked as written
    assert leaning.needs_context and leaning.unresolved == "It"
    (given,) = claims_from_lines([line], engine, ["Northwind Robotics"])
    assert given.subject is not None and given.subject.name == "Northwind Robotics"
    assert not given.needs_context
    drafts = verify_claims([line, named], engine, ["Northwind Robotics"])
    assert [d.label for d in drafts] == [Label.REAL, Label.REAL]
    assert [d.label for d in verify_claims([line, pronoun], engine)] == [Label.REAL, Label.UNVERIFIED]
    # the checkable wording anchors "last year" on the line's date; the quote stays as written
    dated = ClaimLine(id="d", text="Revenue grew 31% last year.", date=dt.date(2025, 3, 1))
    (anchored,) = claims_from_lines([dated], engine, ["Northwind Robotics"])
    assert "last year [2024]" in anchored.text and anchored.quote == dated.text
    # a claim in the first person is about the one company given
    (voiced,) = claims_from_lines(
        [ClaimLine(id="w", text="We grew revenue 31% in 2024.")], engine, ["Northwind"]
    )
    assert voiced.subject is not None and voiced.subject.company == "Northwind"
    # …wherever the "we" or "our" stands, not only first
    (later,) = claims_from_lines([ClaimLine(id="l", text="In 2024 our revenue fell.")], engine, ["Northwind"])
    assert later.subject is not None and later.subject.company == "Northwind"
    (unvoiced,) = claims_from_lines([ClaimLine(id="w", text="We grew revenue 31% in 2024.")], engine)
    assert unvoiced.subject is None
    # a line an editor has resolved with brackets is checked as written, its brackets' words read in place
    # of the pronoun they resolve (not "Northwind Robotics] had …" resolved a second time)
    resolved = ClaimLine(id="e", text="It [Northwind Robotics] had total revenue of $412.6 million in 2024.")
    (kept,) = claims_from_lines([resolved], engine)
    assert kept.text == resolved.text and not kept.needs_context
    (named_kept,) = claims_from_lines([resolved], engine, ["Northwind Robotics"])
    assert named_kept.subject is not None and named_kept.subject.name == "Northwind Robotics"
    assert [d.label for d in verify_claims([resolved], engine)] == [Label.REAL]


# --------------------------------------------------------------------------------------------------
# slugs, warnings and re-opened decisions


@pytest.mark.parametrize("slug", ["index", "style"])
def test_a_slug_taken_by_the_site_is_refused_at_run(tmp_path: Path, slug: str) -> None:
    source = write_file(tmp_path, f"{slug}.txt", "Ana: Revenue grew 16% last year to $134.9 billion.\n")
    transcripts, failed = read_batch([source], load_settings())
    assert transcripts == []
    (result,) = failed
    assert not result.ok and result.slug == slug
    assert f"slug {slug!r} is reserved" in (result.error or "")
    assert "slug:" in (result.error or "")  # says how to choose another


def test_another_transcript_claiming_an_existing_slug_is_an_error_unless_replace(tmp_path: Path) -> None:
    out = tmp_path / "out"
    settings = load_settings(out_dir=out)
    first = write_file(tmp_path / "a", "ep.txt", "Ana: Revenue grew 16% last year to $134.9 billion.\n")
    write_draft(
        out,
        make_breakdown(slug="ep", source_path=str(first)).model_copy(update={"source_sha256": _sha(first)}),
    )
    other = write_file(tmp_path / "b", "ep.txt", "Bo: Llama 3.1 has a context of 128K tokens.\n")
    (transcript,) = read_batch([other], settings)[0]
    kept, refused = claim_slugs([transcript], out, replace=False)
    assert kept == []
    (result,) = refused
    assert f"slug 'ep' already holds the drafts of {first}" in (result.error or "")
    assert "--replace" in (result.error or "")
    assert claim_slugs([transcript], out, replace=True) == ([transcript], [])

    # the same transcript, edited in place or moved, still owns its slug
    (edited,) = read_batch([first], settings)[0]
    assert claim_slugs([edited], out, replace=False) == ([edited], [])
    moved = write_file(tmp_path / "c", "ep.txt", first.read_bytes())
    (same,) = read_batch([moved], settings)[0]
    assert claim_slugs([same], out, replace=False) == ([same], [])


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_reopened_decision_flags_its_draft_for_review() -> None:
    claim = make_claim("Revenue grew 16% last year [2025].", claim_id="c1b", transcript_id="ep")
    breakdown = make_breakdown([make_verdict(claim, make_draft("c1b", needs_review=False))], slug="ep")
    reason = "the checkable text changed since it was approved: 'Revenue grew 16% last year [2024].' is now …"
    report = SyncReport(
        transcript_id="ep",
        claims=1,
        added=["c1b"],
        kept=0,
        restored=[],
        reattached=[
            Reattachment(transcript_id="ep", old_claim_id="c1", new_claim_id="c1b", review_reason=reason)
        ],
        orphaned=[],
        removed=[],
    )
    flagged = flag_reopened(breakdown, report)
    draft = flagged.verdicts[0].draft
    assert draft is not None and draft.needs_review and draft.review_reasons == [reason]
    assert breakdown.verdicts[0].draft is not None and not breakdown.verdicts[0].draft.needs_review


def test_reader_warnings_are_printed_and_kept_on_the_draft(
    tmp_path: Path, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (UNSEEN / "transcript.txt").read_text(encoding="utf-8").replace("Okay.", "Okay, caf\u00e9.", 1)
    source = write_file(tmp_path, "t.txt", text.encode("cp1252"))
    monkeypatch.setattr(Engine, "load", classmethod(lambda cls, *args, **kwargs: engine))
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", str(source), "--out", str(out), "--json"])
    assert result.exit_code == 0, result.output
    assert f"Warning: {source}: not valid UTF-8; decoded as Windows-1252" in result.stderr
    (line,) = [json.loads(x) for x in result.stdout.splitlines()]
    assert line["warnings"] == ["not valid UTF-8; decoded as Windows-1252"]
    draft = read_draft(out / "drafts" / f"{line['slug']}.json")
    assert draft.warnings == ["not valid UTF-8; decoded as Windows-1252"]
