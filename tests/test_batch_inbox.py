"""`claimcheck batch INBOX`: the inbox, the ledger, passes, failures retried, the lock, the summary, --watch,
a pool of workers and kill -9."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

from claimcheck.batching import BatchSummary, InProcessDrafter, Ledger, LedgerStatus, batch_inbox, scan_inbox
from claimcheck.batching.inbox import file_sha256, split_new
from claimcheck.batching.runner import BATCH_LOCK_FILE, review_queue_size
from claimcheck.cli import cli
from claimcheck.corpus import load_corpus
from claimcheck.drafts import read_all_drafts
from claimcheck.embedding import HashingEmbedder
from claimcheck.errors import LockError
from claimcheck.index import EvidenceIndex
from claimcheck.pipeline import Engine
from claimcheck.review import open_store
from claimcheck.settings import Settings, load_settings
from tests.factories import FIXTURES, Holder, subprocess_env
from tests.test_progress import RecordingProgress, _NeutralVerifier

if TYPE_CHECKING:
    from spacy.language import Language

UNSEEN = FIXTURES / "unseen"
TRANSCRIPT = (UNSEEN / "transcript.txt").read_text(encoding="utf-8")
OLD = time.time() - 60  # an mtime long settled


def put(inbox: Path, name: str, slug: str, extra: str = "") -> Path:
    """A copy of the unseen transcript under its own slug, settled (mtime a minute ago)."""
    path = inbox / name
    path.parent.mkdir(parents=True, exist_ok=True)
    text = TRANSCRIPT.replace("slug: northwind-carrier-c2-interview", f"slug: {slug}") + extra
    path.write_text(text, encoding="utf-8")
    os.utime(path, (OLD, OLD))
    return path


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> EvidenceIndex:
    settings = load_settings(embedding_model="hashing-64")
    return EvidenceIndex.build(load_corpus(UNSEEN / "corpus"), HashingEmbedder(), settings, UNSEEN / "corpus")


def engine_for(out: Path, index: EvidenceIndex, nlp: Language, **updates: object) -> Engine:
    settings = load_settings(out_dir=out, embedding_model="hashing-64", **updates)
    return Engine(
        settings=settings, nlp=nlp, embedder=index.embedder, index=index, verifier=_NeutralVerifier()
    )


def run(inbox: Path, engine: Engine, **kwargs: object) -> list[BatchSummary]:
    def make() -> InProcessDrafter:
        return InProcessDrafter(engine.settings, corpus_dir=None, index_dir=None, engine=engine)

    return batch_inbox(inbox, engine.settings, make, backend="in-process", **kwargs)  # type: ignore[arg-type]


# ----------------------------------------------------------------------------------------- the inbox


def test_the_inbox_lists_transcripts_only_and_leaves_files_still_changing(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    put(inbox, "a.txt", "a")
    put(inbox, "sub/b.srt", "b")
    put(inbox, "notes.pdf", "c")
    put(inbox, ".hidden.txt", "d")
    put(inbox, ".drafts/e.txt", "e")
    put(inbox, "f.txt.part", "f")
    fresh = put(inbox, "g.vtt", "g")
    os.utime(fresh, None)  # just written
    settings = Settings(batch_settle_seconds=5)
    files, waiting = scan_inbox(inbox, settings)
    assert [f.path.relative_to(inbox.resolve()).as_posix() for f in files] == ["a.txt", "sub/b.srt"]
    assert waiting == 1
    files, waiting = scan_inbox(inbox, settings, now=time.time() + 10)
    assert len(files) == 3 and waiting == 0


def test_the_ledger_skips_same_bytes_and_retries_failures(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    a, b = put(inbox, "a.txt", "a"), put(inbox, "b.txt", "b")
    settings = Settings()
    with Ledger.open(tmp_path / "out") as ledger:
        files, _ = scan_inbox(inbox, settings)
        todo, skipped, _ = split_new(files, ledger)
        assert [p.file.path.name for p in todo] == ["a.txt", "b.txt"] and not skipped
        ledger.record(todo[0].file, todo[0].sha256, LedgerStatus.DONE, slug="a", claims=3)
        ledger.record(todo[1].file, todo[1].sha256, LedgerStatus.FAILED, error="boom")
        ledger.record(todo[1].file, todo[1].sha256, LedgerStatus.FAILED, error="boom")
        assert ledger.get(b.resolve()).attempts == 2  # type: ignore[union-attr]
        todo, skipped, held = split_new(scan_inbox(inbox, settings)[0], ledger)
        assert [p.file.path.name for p in todo] == ["b.txt"] and [f.path.name for f in skipped] == ["a.txt"]
        assert not held
        # a --watch's later passes leave the failed file until its bytes change
        todo, _, held = split_new(scan_inbox(inbox, settings)[0], ledger, retry_failed=False)
        assert not todo and [f.path.name for f in held] == ["b.txt"]
        # touched, same bytes: still skipped (and the new mtime remembered); changed bytes: processed
        os.utime(a, (OLD + 1, OLD + 1))
        todo, skipped, _ = split_new(scan_inbox(inbox, settings)[0], ledger)
        assert [f.path.name for f in skipped] == ["a.txt"]
        assert ledger.get(a.resolve()).mtime_ns == a.stat().st_mtime_ns  # type: ignore[union-attr]
        a.write_text(a.read_text(encoding="utf-8") + "\nMarcus Bell: One more thing.\n", encoding="utf-8")
        os.utime(a, (OLD, OLD))
        todo, _, _ = split_new(scan_inbox(inbox, settings)[0], ledger)
        assert sorted(p.file.path.name for p in todo) == ["a.txt", "b.txt"]
        assert todo[0].sha256 == file_sha256(a)


# ------------------------------------------------------------------------------------------- passes


def test_a_pass_drafts_new_files_then_skips_them_and_redrafts_a_changed_one(
    tmp_path: Path, index: EvidenceIndex, nlp: Language
) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    put(inbox, "a.txt", "talk-a")
    put(inbox, "b.txt", "talk-b")
    engine = engine_for(out, index, nlp)
    progress = RecordingProgress()
    (first,) = run(inbox, engine, progress=progress)
    assert [Path(p.path).name for p in first.processed] == ["a.txt", "b.txt"] and not first.failed
    drafts = {d.slug: d for d in read_all_drafts(out)}
    assert sorted(drafts) == ["talk-a", "talk-b"]
    # the summary's counts are the drafts' own
    assert first.claims == sum(len(d.verdicts) for d in drafts.values()) > 0
    labels: dict[str, int] = {}
    for draft in drafts.values():
        for verdict in draft.verdicts:
            labels[verdict.label.value] = labels.get(verdict.label.value, 0) + 1
    assert first.labels == dict(sorted(labels.items()))
    with open_store(out) as store:
        assert first.review_queue == review_queue_size(store) == first.claims
    # written as OUT/batches/<time>.json
    (written,) = sorted((out / "batches").glob("*.json"))
    assert BatchSummary.model_validate_json(written.read_text(encoding="utf-8")) == first
    # progress: overall, and each transcript's stages named by its file
    assert progress.only("Transcripts").total == 2 and progress.only("Transcripts").steps == [1, 1]
    assert progress.named("a.txt · Retrieving evidence") and progress.named("b.txt · Retrieving evidence")

    (second,) = run(inbox, engine)
    assert not second.processed and len(second.skipped) == 2 and second.claims == 0
    put(inbox, "a.txt", "talk-a", extra="Marcus Bell: We shipped 4,000 Carrier C2 robots in 2024.\n")
    (third,) = run(inbox, engine)
    assert [Path(p.path).name for p in third.processed] == ["a.txt"] and len(third.skipped) == 1
    assert len(list((out / "batches").glob("*.json"))) == 3


def test_a_failure_is_isolated_reported_in_one_line_and_retried_next_run(
    tmp_path: Path, index: EvidenceIndex, nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    put(inbox, "good.txt", "good")
    bad = put(inbox, "bad.txt", "bad")
    clash = put(inbox, "z-clash.txt", "good", extra="Marcus Bell: Other words.\n")  # good.txt's slug
    (inbox / "broken.vtt").write_bytes(b"\xff\xfe not a transcript")
    os.utime(inbox / "broken.vtt", (OLD, OLD))
    import claimcheck.pipeline as pipeline

    real = pipeline.process_transcript

    def explode(transcript, engine, progress):  # type: ignore[no-untyped-def]
        if transcript.id == "bad":
            raise RuntimeError("the model ran out of patience\nsecond line")
        return real(transcript, engine, progress)

    monkeypatch.setattr(pipeline, "process_transcript", explode)
    engine = engine_for(out, index, nlp)
    (summary,) = run(inbox, engine)
    assert [Path(p.path).name for p in summary.processed] == ["good.txt"]
    reasons = {Path(f.path).name: f.reason for f in summary.failed}
    assert sorted(reasons) == ["bad.txt", "broken.vtt", "z-clash.txt"]
    assert reasons["bad.txt"] == (
        f"{bad.resolve()}: unexpected error (RuntimeError: the model ran out of patience second line)"
    )
    assert "already used by" in reasons["z-clash.txt"] and "\n" not in "".join(reasons.values())
    assert summary.exit_code == 1
    # the next run retries the failures only; the bad one now works, the others fail again
    monkeypatch.setattr(pipeline, "process_transcript", real)
    (again,) = run(inbox, engine)
    assert [Path(p.path).name for p in again.processed] == ["bad.txt"]
    assert {Path(f.path).name: f.attempts for f in again.failed} == {"broken.vtt": 2, "z-clash.txt": 2}
    assert [Path(s).name for s in again.skipped] == ["good.txt"]
    with Ledger.open(out) as ledger:
        assert ledger.get(clash.resolve()).status is LedgerStatus.FAILED  # type: ignore[union-attr]


def test_a_second_batch_on_the_same_out_fails_at_once_naming_the_first(
    tmp_path: Path, index: EvidenceIndex, nlp: Language, holder: Holder
) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    put(inbox, "a.txt", "a")
    proc = holder.hold(out / "batches" / BATCH_LOCK_FILE)
    began = time.monotonic()
    with pytest.raises(LockError) as info:
        run(inbox, engine_for(out, index, nlp))
    assert time.monotonic() - began < 5
    assert (
        f"pid {proc.pid}" in info.value.reason
        and "one `claimcheck batch` per output folder" in info.value.reason
    )
    assert not (out / "drafts").exists()


def test_watch_processes_arrivals_until_stopped(tmp_path: Path, index: EvidenceIndex, nlp: Language) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    put(inbox, "first.txt", "first")
    (inbox / "broken.vtt").write_bytes(b"\xff\xfe")
    os.utime(inbox / "broken.vtt", (OLD, OLD))
    engine = engine_for(out, index, nlp, batch_settle_seconds=0.2, batch_poll_seconds=0.1)
    stop = threading.Event()
    seen: list[BatchSummary] = []
    thread = threading.Thread(
        target=run,
        args=(inbox, engine),
        kwargs={"watch": True, "stop": stop, "on_summary": lambda s, p: seen.append(s)},
    )
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not seen and time.monotonic() < deadline:
            time.sleep(0.05)
        assert seen and [Path(p.path).name for p in seen[0].processed] == ["first.txt"]
        assert [Path(f.path).name for f in seen[0].failed] == ["broken.vtt"]
        time.sleep(0.5)  # several idle polls: the broken file is not retried on each
        assert len(seen) == 1
        arrival = inbox / "second.txt"
        arrival.write_text(TRANSCRIPT.replace("northwind-carrier-c2-interview", "second"), encoding="utf-8")
        while len(seen) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not thread.is_alive()
    assert len(seen) == 2 and [Path(p.path).name for p in seen[1].processed] == ["second.txt"]
    assert [Path(s).name for s in seen[1].skipped] == ["first.txt"]
    assert not seen[1].failed and seen[1].failed_before == 1
    assert seen[1].load_seconds is None  # the models stayed loaded between passes


# ---------------------------------------------------------------------------------------------- CLI


def _config(tmp_path: Path) -> Path:
    config = tmp_path / "claimcheck.toml"
    config.write_text('embedding_model = "hashing-64"\n', encoding="utf-8")
    return config


def test_cli_exit_codes_summary_table_and_json(tmp_path: Path) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    put(inbox, "a.txt", "talk-a")
    base = [
        "--config",
        str(_config(tmp_path)),
        "batch",
        str(inbox),
        "--corpus",
        str(UNSEEN / "corpus"),
        "--out",
        str(out),
    ]
    runner = CliRunner()
    result = runner.invoke(cli, base)
    assert result.exit_code == 0, result.output
    assert "a.txt" in result.output and "processed 1, skipped 0 (unchanged), failed 0" in result.output
    assert "review queue" in result.output and "peak memory pid" in result.output
    (inbox / "b.srt").write_text("1\nnot a cue\n", encoding="utf-8")
    os.utime(inbox / "b.srt", (OLD, OLD))
    result = runner.invoke(cli, [*base, "--json"])
    assert result.exit_code == 1
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert [Path(f["path"]).name for f in summary["failed"]] == ["b.srt"] and len(summary["skipped"]) == 1
    assert summary["load_seconds"] is None  # nothing to draft: no model loaded
    for usage in (["batch", str(tmp_path / "nope")], [*base, "--workers", "0"], [*base, "--index", str(out)]):
        assert runner.invoke(cli, usage).exit_code == 2


# ------------------------------------------------------------------------------- processes, kill -9


@pytest.mark.slow
def test_two_workers_write_the_same_drafts_as_one(tmp_path: Path) -> None:
    config = _config(tmp_path)
    inbox = tmp_path / "inbox"
    for i in range(3):
        put(inbox, f"t{i}.txt", f"talk-{i}")
    index_dir = tmp_path / "index"
    built = CliRunner().invoke(
        cli, ["--config", str(config), "index", "build", str(UNSEEN / "corpus"), "--index", str(index_dir)]
    )
    assert built.exit_code == 0, built.output
    outputs = {}
    for workers in (1, 2):
        out = tmp_path / f"out{workers}"
        result = CliRunner().invoke(
            cli,
            [
                "--config",
                str(config),
                "batch",
                str(inbox),
                "--index",
                str(index_dir),
                "--out",
                str(out),
                "--workers",
                str(workers),
                "--json",
            ],
        )
        assert result.exit_code == 0, result.output
        summary = json.loads(result.stdout.strip().splitlines()[-1])
        assert summary["workers"] == workers and len(summary["worker_memory"]) == workers
        assert all(w["peak_rss_mb"] > 50 for w in summary["worker_memory"])
        outputs[workers] = {p.name: p.read_bytes() for p in sorted((out / "drafts").glob("*.json"))}
    assert len(outputs[1]) == 3 and outputs[1] == outputs[2]


@pytest.mark.slow
def test_kill_9_mid_batch_loses_nothing_finished_and_the_next_run_resumes(tmp_path: Path) -> None:
    config = _config(tmp_path)
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    names = [f"t{i:02d}.txt" for i in range(12)]
    for i, name in enumerate(names):
        put(inbox, name, f"talk-{i}")
    command = [
        sys.executable,
        "-m",
        "claimcheck",
        "--config",
        str(config),
        "batch",
        str(inbox),
        "--corpus",
        str(UNSEEN / "corpus"),
        "--out",
        str(out),
        "--json",
    ]
    proc = subprocess.Popen(command, env=subprocess_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    ledger_file = out / "batches" / "ledger.sqlite"
    deadline = time.monotonic() + 120
    done_before: list[str] = []
    while time.monotonic() < deadline and proc.poll() is None:
        if ledger_file.exists():
            with Ledger.open(out) as ledger:
                done_before = [Path(r.path).name for r in ledger.rows() if r.status is LedgerStatus.DONE]
            if len(done_before) >= 2:
                break
        time.sleep(0.05)
    assert proc.poll() is None, "the batch ended before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    # every ledger entry done before the kill has its draft, whole
    drafts = {d.source_path: d for d in read_all_drafts(out)}
    assert len(done_before) >= 2 and len(drafts) < len(names)
    result = subprocess.run(command, env=subprocess_env(), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    redone = sorted(Path(p["path"]).name for p in summary["processed"])
    skipped = sorted(Path(p).name for p in summary["skipped"])
    assert set(done_before) <= set(skipped) and sorted(redone + skipped) == names
    assert len(read_all_drafts(out)) == len(names)
    with Ledger.open(out) as ledger:
        assert all(r.status is LedgerStatus.DONE for r in ledger.rows()) and len(ledger.rows()) == len(names)


def test_index_build_workers_goes_with_ray(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["index", "build", str(UNSEEN / "corpus"), "--index", str(tmp_path / "i"), "--workers", "2"]
    )
    assert result.exit_code == 2 and "--workers goes with --ray" in result.output
    assert not (tmp_path / "i").exists()


@pytest.mark.slow
def test_pool_workers_report_each_transcripts_stages_to_the_batch_progress(tmp_path: Path) -> None:
    from claimcheck.batch import read_batch
    from claimcheck.batching import PoolDrafter, prepared_index_dir

    settings = load_settings(out_dir=tmp_path / "out", embedding_model="hashing-64")
    index_dir = prepared_index_dir(settings, corpus_dir=UNSEEN / "corpus", index_dir=None)
    transcripts, unread = read_batch(
        [put(tmp_path / "in", f"t{i}.txt", f"talk-{i}") for i in range(2)], settings
    )
    assert not unread
    drafter = PoolDrafter(settings, index_dir, 2)
    try:
        progress = RecordingProgress()
        infos = drafter.start(progress)
        assert len({i.worker for i in infos}) == 2 and progress.only("Loading models").steps == [1, 1]
        drafted = list(drafter.draft(transcripts, progress))
    finally:
        drafter.close()
    assert sorted(Path(d.source_path).name for d in drafted) == ["t0.txt", "t1.txt"]
    assert all(d.error is None and d.breakdown_json for d in drafted)
    for name in ("t0.txt", "t1.txt"):
        (stage,) = progress.named(f"{name} · Retrieving evidence")
        assert stage.total and sum(stage.steps) == stage.total


def test_cli_second_batch_exits_1_with_one_line_naming_the_first(tmp_path: Path, holder: Holder) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    put(inbox, "a.txt", "a")
    proc = holder.hold(out / "batches" / BATCH_LOCK_FILE)
    result = CliRunner().invoke(cli, ["batch", str(inbox), "--out", str(out)])
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    assert line.startswith("Error: another claimcheck (pid ") and f"pid {proc.pid}" in line
    assert "one `claimcheck batch` per output folder" in line and "Traceback" not in result.output
