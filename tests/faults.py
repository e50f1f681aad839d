"""Faults: `kill -9` at random points of the commands that write, and writers running at once.

A kill point is one file-system step of the command: a file opened for writing, a rename, a removal, a
folder made or removed, a SQLite connection. The command runs in a child Python whose audit hook
(`sys.addaudithook`) counts those steps under the test's folder and sends itself SIGKILL just before the
Nth; a first run counts them, so N is drawn over the whole command. Some kills are timed instead (a random
delay within the command's run time), to land inside SQLite's own writes, which raise no audit event.

Each check sets up its folder, kills, and checks what a user would rely on afterwards: the review store
passes `PRAGMA integrity_check`, every editor decision and audit row recorded before the kill is intact,
drafts read back whole, the site and the index are the old or the new one and never a mix, and a re-run
completes and leaves no temporary files. A check returns the problems it found (none: it passed), so the
CI tests assert on the list and `benchmarks/bench_fuzz.py` counts them.
"""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from claimcheck.cli import cli
from claimcheck.drafts import read_draft, write_draft
from claimcheck.embedding import HashingEmbedder
from claimcheck.errors import ClaimcheckError
from claimcheck.index import EvidenceIndex
from claimcheck.models import Label
from claimcheck.review import ReviewStore, open_store
from claimcheck.settings import load_settings
from tests.factories import (
    FIXTURES,
    hashing_config,
    make_breakdown,
    make_claim,
    make_draft,
    make_verdict,
    subprocess_env,
    write_corpus,
    write_file,
)

UNSEEN = FIXTURES / "unseen"
# How long a child command may take before the check gives up on it.
CHILD_TIMEOUT = 300

# The child: an audit hook that counts file-system steps under ROOT and kills the process at the Nth, or
# DELAY seconds after it (N = 0: never; the count is written to COUNTER at exit), then the claimcheck CLI
# with the remaining arguments.
_CHILD = textwrap.dedent(
    """
    import os, signal, sys, threading
    root, kill_at, delay, counter = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
    WRITES = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
    STEPS = {"os.rename", "os.remove", "os.rmdir", "os.mkdir", "shutil.rmtree", "os.truncate", "os.symlink",
             "os.link", "sqlite3.connect"}
    seen = 0

    def hook(event, args):
        global seen
        if event == "open":
            path, mode, flags = args
            if not (any(c in mode for c in "wax+") if mode else flags & WRITES):
                return
        elif event in STEPS and args:
            path = args[0]
        else:
            return
        if not isinstance(path, (str, bytes, os.PathLike)) or not os.fsdecode(path).startswith(root):
            return
        seen += 1
        if seen == kill_at and delay == 0:
            os.kill(os.getpid(), signal.SIGKILL)
        elif seen == kill_at:
            threading.Timer(delay, os.kill, (os.getpid(), signal.SIGKILL)).start()

    def report():
        with open(counter, "w") as handle:  # outside root: not counted
            handle.write(str(seen))

    import atexit
    atexit.register(report)
    sys.addaudithook(hook)
    from claimcheck.cli import main
    sys.argv = ["claimcheck", *sys.argv[5:]]
    main()
    """
)


@dataclass(frozen=True)
class Child:
    """How a child command ended: its exit code (-9: killed) and what it printed on stderr."""

    returncode: int
    stderr: str
    steps: int | None  # file-system steps counted (None when it was killed before reporting)


def run_child(root: Path, args: Sequence[str | Path], *, kill_at: int = 0, delay: float = 0.0) -> Child:
    """Run `claimcheck ARGS` in a child Python; kill it just before its `kill_at`-th file-system step under
    `root`, or `delay` seconds after that step (whatever it is doing then), or never (`kill_at` 0)."""
    counter = root.parent / f".{root.name}.steps"
    counter.unlink(missing_ok=True)
    argv = [sys.executable, "-c", _CHILD, str(root), str(kill_at), str(delay), str(counter), *map(str, args)]
    proc = subprocess.Popen(argv, env=subprocess_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _out, err = proc.communicate(timeout=CHILD_TIMEOUT)
    steps = int(counter.read_text()) if counter.is_file() else None
    return Child(proc.returncode, err.decode("utf-8", "replace"), steps)


def count_steps(root: Path, args: Sequence[str | Path]) -> int:
    """Run the command through once: how many file-system steps it takes."""
    child = run_child(root, args)
    if child.returncode != 0 or not child.steps:
        raise AssertionError(f"claimcheck {' '.join(map(str, args))} failed: {child.stderr[-2000:]}")
    return child.steps


def invoke(*args: str | Path) -> str:
    """`claimcheck ARGS` in this process; its stdout (an AssertionError when it fails)."""
    result = CliRunner().invoke(cli, [str(a) for a in args])
    if result.exit_code != 0:
        raise AssertionError(f"claimcheck {' '.join(map(str, args))}: {result.output[-2000:]}")
    return result.stdout


# --------------------------------------------------------------------------------------------------
# what must hold after a kill


def integrity(store: Path) -> str:
    """`PRAGMA integrity_check` of a SQLite file ("ok" when whole)."""
    connection = sqlite3.connect(store)
    try:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        connection.close()


AuditRow = tuple[int, str, str, str, str, str | None, str | None, str | None, str | None]


def audit_rows(out: Path) -> list[AuditRow]:
    with open_store(out) as store:
        return [
            (e.id, e.editor, e.transcript_id, e.claim_id, e.action.value, e.field, e.old, e.new, e.note)
            for e in store.audit_log()
        ]


DecisionRow = tuple[str, str, str, str | None, str | None, str]


def decision_rows(out: Path) -> dict[tuple[str, str], DecisionRow]:
    """Every decision in the store: (transcript id, claim id) → (transcript id, claim id, status, label,
    note, editor)."""
    with open_store(out) as store:
        rows = {}
        for record in store.list_claims():
            d = record.decision
            if d is not None:
                label = d.label.value if d.label else None
                rows[(record.transcript_id, record.claim_id)] = (
                    record.transcript_id,
                    record.claim_id,
                    d.status.value,
                    label,
                    d.note,
                    d.editor,
                )
        return rows


def store_problems(
    out: Path, decisions: dict[tuple[str, str], DecisionRow], audit: list[AuditRow]
) -> list[str]:
    """The store is whole, and every decision and audit row recorded before is still there as it was."""
    store = out / "claimcheck.sqlite"
    if not store.is_file():
        return ["the review store is gone"]
    checked = integrity(store)
    if checked != "ok":
        return [f"integrity_check: {checked}"]
    problems = []
    now = decision_rows(out)
    for key, row in decisions.items():
        if now.get(key) != row:
            problems.append(f"decision {key} was {row}, now {now.get(key)}")
    after = audit_rows(out)
    if after[: len(audit)] != audit:
        problems.append("the audit log before the kill changed")
    return problems


def temp_files(folder: Path) -> list[str]:
    """Temporary files and folders a killed writer may leave in `folder` (`.name.XXXX.tmp`, `.site.tmp-*`)."""
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") and ".tmp" in p.name)


def swap_leftovers(folder: Path) -> list[str]:
    """A swapped folder's siblings left behind (`.NAME.tmp-*`, `.NAME.old-*`)."""
    return sorted(
        p.name for p in folder.parent.iterdir() if p.name.startswith(f".{folder.name}.") and p.is_dir()
    )


# --------------------------------------------------------------------------------------------------
# kill -9 during `run`


def kill_points(steps: int, kills: int, rng: random.Random) -> list[int]:
    """`kills` steps of `steps` to kill at: every step once, in random order, before any comes again."""
    points: list[int] = []
    while len(points) < kills:
        points += rng.sample(range(1, steps + 1), steps)
    return points[:kills]


def kill_delay(n: int, rng: random.Random) -> float:
    """How long after its step the `n`-th kill of a check comes: every other one at once (just before the
    step), the others a moment later, wherever the command then is (inside SQLite's writes, a copy…)."""
    return 0.0 if n % 2 == 0 else rng.uniform(0.001, 0.2)


def kill_run(work: Path, rng: random.Random, *, kills: int = 3) -> list[str]:
    """Kill `run` while it re-drafts a changed transcript over drafts an editor has decided on."""
    work.mkdir(parents=True, exist_ok=True)
    config = hashing_config(work)
    corpus = write_corpus(work / "corpus", {p.name: p.read_bytes() for p in (UNSEEN / "corpus").iterdir()})
    transcript = write_file(work, "talk.txt", (UNSEEN / "transcript.txt").read_bytes())
    out = work / "out"
    command = ["--config", config, "run", transcript, "--corpus", corpus, "--out", out]
    first = run_child(work, command)
    if first.returncode != 0:
        return [f"the first run failed: {first.stderr[-1000:]}"]
    rows = [json.loads(line) for line in invoke("review", "list", "--json", "--out", out).splitlines()]
    # decide on claims the edits below leave alone, so that their ids stay
    stable = [r["claim_id"] for r in rows if "412.6" not in r["quote"]]
    invoke("review", "approve", stable[0], "--editor", "Ed", "--note", "checked", "--out", out)
    invoke(
        "review", "set", stable[-1], "--verdict", "hype", "--note", "wrong", "--editor", "Ed", "--out", out
    )
    decisions, audit = decision_rows(out), audit_rows(out)
    draft = out / "drafts" / "northwind-carrier-c2-interview.json"

    def edit(old: str, new: str) -> None:
        transcript.write_text(transcript.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")

    edit("$412.6 million", "$500 million")
    steps = count_steps(work, command)
    problems: list[str] = []
    figures = ["$600 million", "$700 million", "$800 million", "$900 million", "$950 million"]
    current = "$500 million"
    for n, point in enumerate(kill_points(steps, kills, rng)):
        edit(current, figures[n % len(figures)])
        current = figures[n % len(figures)]
        child = run_child(work, command, kill_at=point, delay=kill_delay(n, rng))
        where = f"run killed ({child.returncode}) after edit {n}"
        problems += [f"{where}: {p}" for p in store_problems(out, decisions, audit)]
        try:
            read_draft(draft)
        except ClaimcheckError as exc:
            problems.append(f"{where}: the draft does not read back: {exc}")
        audit = audit_rows(out) if (out / "claimcheck.sqlite").is_file() else audit
    final = run_child(work, command)
    if final.returncode != 0:
        return [*problems, f"the re-run failed: {final.stderr[-1000:]}"]
    problems += store_problems(out, decisions, audit)
    if current not in draft.read_text(encoding="utf-8"):
        problems.append(f"the re-run's draft does not say {current}")
    problems += [f"left behind: {name}" for name in temp_files(out / "drafts")]
    return problems


# --------------------------------------------------------------------------------------------------
# kill -9 during `index build` and `index add`


def _index_docs(index: Path) -> dict[str, str] | str:
    """The documents (id → content hash) of the index at `index` after `index verify` (which also repairs a
    swap killed between its renames), or why it failed."""
    result = CliRunner().invoke(
        cli, ["--config", str(index.parent / "claimcheck.toml"), "index", "verify", "--index", str(index)]
    )
    if result.exit_code != 0:
        return f"index verify failed: {result.output[-500:]}"
    settings = load_settings(index.parent / "claimcheck.toml")
    return dict(EvidenceIndex.load(index, HashingEmbedder(), settings).manifest.doc_hashes)


def _documents(prefix: str, count: int, version: int) -> dict[str, str]:
    body = "\n\n".join(f"Paragraph {n}: revenue grew {n + version}% in fiscal {2000 + n}." for n in range(8))
    return {f"{prefix}-{i:02d}.md": f"# {prefix} {i} v{version}\n\n{body}\n" for i in range(count)}


def kill_index_build(work: Path, rng: random.Random, *, kills: int = 4) -> list[str]:
    """Kill `index build` while it rebuilds an index from a changed corpus: the index left is the old one
    or the new one, whole, and a re-run builds the new one."""
    work.mkdir(parents=True, exist_ok=True)
    config = hashing_config(work)
    index = work / "index"
    corpora = [write_corpus(work / f"corpus-{v}", _documents("doc", 12 + 3 * v, v)) for v in (0, 1)]
    expected: list[dict[str, str]] = []
    for corpus in corpora:  # the documents of each version, as an index of it holds them
        invoke("--config", config, "index", "build", corpus, "--index", work / f"ref-{corpus.name}")
        docs = _index_docs(work / f"ref-{corpus.name}")
        assert isinstance(docs, dict), docs
        expected.append(docs)
    invoke("--config", config, "index", "build", corpora[0], "--index", index)
    steps = count_steps(work, ["--config", config, "index", "build", corpora[1], "--index", index])
    problems = []
    for n, point in enumerate(kill_points(steps, kills, rng)):
        now = _index_docs(index)
        if not isinstance(now, dict):
            return [*problems, now]
        target = corpora[1] if now == expected[0] else corpora[0]
        child = run_child(
            work,
            ["--config", config, "index", "build", target, "--index", index],
            kill_at=point,
            delay=kill_delay(n, rng),
        )
        after = _index_docs(index)
        if not isinstance(after, dict):
            problems.append(f"kill {n} ({child.returncode}): {after}")
        elif after not in expected:
            problems.append(f"kill {n} ({child.returncode}): the index holds neither version")
    final = run_child(work, ["--config", config, "index", "build", corpora[1], "--index", index])
    if final.returncode != 0:
        return [*problems, f"the re-run failed: {final.stderr[-1000:]}"]
    if _index_docs(index) != expected[1]:
        problems.append("the re-run did not build the new version")
    problems += [f"left behind: {name}" for name in swap_leftovers(index)]
    return problems


def kill_index_add(work: Path, rng: random.Random, *, kills: int = 4) -> list[str]:
    """Kill `index add` of a new document: the index holds it or not, never half, and a re-run adds it."""
    work.mkdir(parents=True, exist_ok=True)
    config = hashing_config(work)
    index = work / "index"
    invoke(
        "--config",
        config,
        "index",
        "build",
        write_corpus(work / "base", _documents("base", 10, 0)),
        "--index",
        index,
    )
    extra = write_corpus(work / "extra-0", _documents("extra-0", 3, 0))
    steps = count_steps(work, ["--config", config, "index", "add", extra, "--index", index])
    problems = []
    for n, point in enumerate(kill_points(steps, kills, rng), start=1):
        before = _index_docs(index)
        if not isinstance(before, dict):
            return [*problems, before]
        extra = write_corpus(work / f"extra-{n}", _documents(f"extra-{n}", 3, n))
        child = run_child(
            work,
            ["--config", config, "index", "add", extra, "--index", index],
            kill_at=point,
            delay=kill_delay(n, rng),
        )
        after = _index_docs(index)
        added = {f"extra-{n}-{i:02d}.md" for i in range(3)}
        if not isinstance(after, dict):
            problems.append(f"kill {n} ({child.returncode}): {after}")
        elif after != before and (
            set(after) != set(before) | added or any(after[k] != v for k, v in before.items())
        ):
            problems.append(f"kill {n} ({child.returncode}): the index is neither before nor after the add")
        final = run_child(work, ["--config", config, "index", "add", extra, "--index", index])
        now = _index_docs(index)
        if final.returncode != 0 or not isinstance(now, dict) or not added <= set(now):
            problems.append(f"the re-run of add {n} did not add its documents: {final.stderr[-500:]}")
    problems += [f"left behind: {name}" for name in swap_leftovers(index)]
    return problems


# --------------------------------------------------------------------------------------------------
# kill -9 during `publish`


def decided_out(out: Path, claims: int = 12) -> list[str]:
    """An output folder with one draft of `claims` claims registered in its review store (no models
    needed); returns the claim ids."""
    verdicts = [
        make_verdict(
            make_claim(
                f"Acme shipped {i} robots in 2024", claim_id=f"c{i:03d}", transcript_id="ep-1", speaker="Ana"
            ),
            make_draft(f"c{i:03d}", label=Label.REAL),
        )
        for i in range(claims)
    ]
    breakdown = make_breakdown(verdicts, slug="ep-1", title="Episode 1")
    write_draft(out, breakdown)
    with ReviewStore.open(out / "claimcheck.sqlite") as store:
        store.sync_drafts(breakdown)
    return [v.claim.id for v in verdicts]


def _site(out: Path) -> dict[str, bytes] | None:
    site = out / "site"
    return {p.name: p.read_bytes() for p in sorted(site.iterdir())} if site.is_dir() else None


def kill_publish(work: Path, rng: random.Random, *, kills: int = 4) -> list[str]:
    """Kill `publish` after an editor approved one more claim: the site is the old one or the new one,
    whole (or, killed between its renames, absent with the old one beside it), and a re-run publishes
    the new one."""
    out = work / "out"
    ids = decided_out(out, claims=kills + 2)
    invoke("review", "approve", ids[0], "--editor", "Ed", "--out", out)
    invoke("publish", "--out", out)
    counted = work / "count"
    shutil.copytree(out, counted)
    invoke("review", "approve", ids[1], "--editor", "Ed", "--out", counted)
    steps = count_steps(work, ["publish", "--out", counted])
    problems = []
    for n, point in enumerate(kill_points(steps, kills, rng)):
        old = _site(out)
        invoke("review", "approve", ids[2 + n], "--editor", "Ed", "--note", f"kill {n}", "--out", out)
        decisions, audit = decision_rows(out), audit_rows(out)
        expected = work / f"expected-{n}"
        shutil.copytree(out, expected)
        invoke("publish", "--out", expected)
        new = _site(expected)
        child = run_child(work, ["publish", "--out", out], kill_at=point, delay=kill_delay(n, rng))
        now = _site(out)
        backups = sorted(work.glob("out/.site.old-*"))
        if now is None and backups:
            now = {
                p.name: p.read_bytes() for p in sorted(backups[-1].iterdir())
            }  # what the next command puts back
        if now not in (old, new):
            problems.append(f"kill {n} ({child.returncode}): the site is neither the old nor the new one")
        problems += [f"kill {n}: {p}" for p in store_problems(out, decisions, audit)]
        final = run_child(work, ["publish", "--out", out])
        if final.returncode != 0 or _site(out) != new:
            problems.append(f"the re-run of publish {n} did not publish the new site: {final.stderr[-500:]}")
    problems += [f"left behind: {name}" for name in temp_files(out)]
    return problems


KILLS: dict[str, Callable[[Path, random.Random], list[str]]] = {
    "run": kill_run,
    "index build": kill_index_build,
    "index add": kill_index_add,
    "publish": kill_publish,
}


# --------------------------------------------------------------------------------------------------
# writers at once


def concurrent_index_adds(work: Path, rng: random.Random) -> list[str]:
    """Two `index add`s at once on one index, with documents of their own and documents both hold: the
    index ends with every document, and `index verify` passes."""
    work.mkdir(parents=True, exist_ok=True)
    config = hashing_config(work)
    index = work / "index"
    invoke(
        "--config",
        config,
        "index",
        "build",
        write_corpus(work / "seed", _documents("seed", 2, 0)),
        "--index",
        index,
    )
    shared = _documents("shared", 5, 0)
    sides = [
        write_corpus(work / side, {**_documents(side, rng.randint(10, 25), 0), **shared})
        for side in ("left", "right")
    ]
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "claimcheck",
                "--config",
                str(config),
                "index",
                "add",
                str(side),
                "--index",
                str(index),
            ],
            env=subprocess_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for side in sides
    ]
    problems = []
    for proc in procs:
        _out, err = proc.communicate(timeout=CHILD_TIMEOUT)
        if proc.returncode != 0:
            problems.append(f"an index add failed: {err.decode()[-500:]}")
    docs = _index_docs(index)
    if not isinstance(docs, dict):
        return [*problems, docs]
    wanted = {"seed-00.md", "seed-01.md", *shared, *(p.name for side in sides for p in side.iterdir())}
    missing = sorted(wanted - set(docs))
    if missing:
        problems.append(f"{len(missing)} documents lost, e.g. {missing[:3]}")
    return problems


_EDITOR = textwrap.dedent(
    """
    import random, sys
    from click.testing import CliRunner
    from claimcheck.cli import cli

    out, editor, seed, ids = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4].split(",")
    rng = random.Random(seed)
    runner = CliRunner()
    for n in range(int(sys.argv[5])):
        claim = rng.choice(ids)
        verdict = ["set", "--verdict", rng.choice(["real", "hype", "unverified"])]
        action = [["approve"], ["reject"], ["reopen"], verdict][n % 4]
        note = ["--editor", editor, "--note", f"{editor} {n}", "--out", out]
        args = ["review", action[0], claim, *action[1:], *note]
        result = runner.invoke(cli, args)
        if result.exit_code != 0 and "is rejected" in result.output:
            continue  # refused as it should be: the other editor rejected the claim first
        if result.exit_code != 0:
            print(f"decision {n} failed: {result.output}", file=sys.stderr)
            sys.exit(1)
        if "nothing changed" not in result.output:
            print(n)  # a decision that wrote: it must be in the audit log
    """
)


def concurrent_editors(work: Path, rng: random.Random, *, decisions: int = 200) -> list[str]:
    """Two editors, each in a process of their own, deciding `decisions` times on the same claims of one
    store: no decision lost, the audit log without a gap, and each claim's decision its last audited one."""
    out = work / "out"
    ids = decided_out(out, claims=8)
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                _EDITOR,
                str(out),
                editor,
                str(rng.randrange(2**32)),
                ",".join(ids),
                str(decisions),
            ],
            env=subprocess_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for editor in ("ana", "ben")
    ]
    problems = []
    written: dict[str, list[int]] = {}
    for editor, proc in zip(("ana", "ben"), procs, strict=True):
        done, err = proc.communicate(timeout=CHILD_TIMEOUT)
        written[editor] = [int(n) for n in done.decode().split()]
        if proc.returncode != 0:
            problems.append(f"an editor's process failed: {err.decode()[-500:]}")
    checked = integrity(out / "claimcheck.sqlite")
    if checked != "ok":
        return [*problems, f"integrity_check: {checked}"]
    audit = audit_rows(out)
    ids_seen = [row[0] for row in audit]
    if ids_seen != list(range(ids_seen[0], ids_seen[0] + len(ids_seen))):
        problems.append("the audit log has a gap")
    for editor in ("ana", "ben"):
        notes = [row[8] for row in audit if row[1] == editor and row[5] == "note"]
        if notes != [f"{editor} {n}" for n in written[editor]]:
            problems.append(
                f"{editor}: {len(notes)} of {len(written[editor])} decisions audited, or out of order"
            )
        if len(written[editor]) < decisions // 4:
            problems.append(f"{editor}: only {len(written[editor])} of {decisions} decisions wrote anything")
    last: dict[str, dict[str, str | None]] = {}
    for row in audit:
        if row[5] is not None and row[1] in ("ana", "ben"):
            last.setdefault(row[3], {})[row[5]] = row[7]
    for (_tid, claim_id), (_t, _c, status, label, note, _editor) in decision_rows(out).items():
        fields = last.get(claim_id, {})
        if (fields.get("status"), fields.get("note")) != (status, note) or fields.get(
            "label", label
        ) != label:
            problems.append(
                f"{claim_id}: the decision ({status}, {label}, {note}) is not its last audited one"
            )
    return problems
