"""The fuzz suite's targets: generated inputs driven through the CLI, and how each case ended.

A case ends in one of these `Outcome`s:

- success: exit 0, and what the command printed or wrote holds its invariants (every quote an exact span
  of its source, output lines one per input line, a published page with no injected markup…);
- clean error: a non-zero exit with an `Error: …` line, as `friendly_errors` prints;
- traceback: an exception escaped the CLI;
- unclear: a non-zero exit with no `Error: …` line;
- wrong: exit 0 with output that breaks an invariant, or differs from what the undamaged files give;
- hang: the case ran past `CASE_TIMEOUT` seconds.

Only the first two are acceptable. A traceback that matches a bug already recorded in `KNOWN_BUGS` (with
the strict xfail test that pins it) is reported as such, so the suite can name it instead of failing on it.

Commands run in-process through click's `CliRunner`. Loading the models costs seconds, so a `World` built
once holds them (the spaCy pipeline, the shipped verifier, an engine over a small corpus embedded with the
hashing fake) and `fast_models` hands them to the commands that would load them (`claims`, `run`,
`verify`, `stance`); everything else (reading, validating, retrieving, judging, writing) runs as it does
for a user. `tests/test_fuzz.py` runs each target a bounded number of times, deterministically;
`benchmarks/bench_fuzz.py` runs thousands.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import signal
import tempfile
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any
from unittest import mock

from click.testing import CliRunner, Result
from hypothesis import strategies as st

from claimcheck.cli import cli
from claimcheck.embedding import HashingEmbedder
from claimcheck.index import EvidenceIndex
from claimcheck.models import Breakdown, Label, Passage
from claimcheck.pipeline import Engine
from claimcheck.settings import Settings, load_settings
from tests.factories import FIXTURES, hashing_config, write_corpus, write_file
from tests.fuzz_strategies import (
    ADVERSARIAL,
    RENDERERS,
    FileCase,
    FileDamage,
    corpus_files,
    damage_file,
    file_damage,
    front_matter_files,
    json_value,
    jsonl_file,
    settings_file,
    transcript_file,
    turn_text,
    wild_text,
)

# A case that runs longer than this is a hang (the slowest cases take well under a second).
CASE_TIMEOUT = 60.0

UNSEEN = FIXTURES / "unseen"
QUERIES = (
    "Northwind revenue 2024",
    "Carrier C2 battery hours",
    "how many robots shipped",
    "$412.6 million",
)


class Outcome(StrEnum):
    SUCCESS = "success"
    CLEAN_ERROR = "clean error"
    TRACEBACK = "traceback"
    UNCLEAR = "unclear error"
    WRONG = "wrong output"
    HANG = "hang"


ACCEPTABLE = frozenset({Outcome.SUCCESS, Outcome.CLEAN_ERROR})
# The order in which a case with several steps reports its outcome: the worst step wins.
_SEVERITY = (
    Outcome.SUCCESS,
    Outcome.CLEAN_ERROR,
    Outcome.HANG,
    Outcome.UNCLEAR,
    Outcome.WRONG,
    Outcome.TRACEBACK,
)


@dataclass(frozen=True)
class KnownBug:
    """A traceback the fuzz suite found in code another piece of work is changing, pinned by a strict xfail
    test (`test`, in tests/test_fuzz.py) and told apart by the command, the exception's type name and a
    piece of its message. When the fix lands the xfail test passes, fails as strict, and its entry here
    goes."""

    name: str
    test: str
    commands: frozenset[str]
    exceptions: frozenset[str]
    message: str

    def matches(self, exc: BaseException, step: str) -> bool:
        return (
            type(exc).__name__ in self.exceptions
            and self.message in str(exc)
            and bool(self.commands & set(step.split()))
        )


KNOWN_BUGS: tuple[KnownBug, ...] = ()  # each fixed bug's test now asserts the fix


@dataclass(frozen=True)
class CaseResult:
    """How one case ended, with the step and the detail (a traceback, the output) when it went wrong."""

    outcome: Outcome
    step: str = ""
    detail: str = ""
    known_bug: str | None = None

    @property
    def acceptable(self) -> bool:
        return self.outcome in ACCEPTABLE

    def describe(self) -> str:
        known = f" (known bug: {self.known_bug})" if self.known_bug else ""
        return f"{self.outcome.value} in `{self.step}`{known}\n{self.detail[-4000:]}"


def worst(results: Sequence[CaseResult]) -> CaseResult:
    return max(results, key=lambda r: _SEVERITY.index(r.outcome))


class CaseTimeout(BaseException):
    """Raised by the alarm inside a case that ran past its time (a BaseException: no `except Exception`
    in the code under test swallows it)."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def expire(signum: int, frame: object) -> None:
        raise CaseTimeout(f"ran past {seconds:.0f} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass(frozen=True)
class Invocation:
    """One CLI command as a case ran it: its arguments, its result and the outcome it stands for."""

    args: tuple[str, ...]
    result: Result | None
    case: CaseResult

    @property
    def ok(self) -> bool:
        return self.case.outcome is Outcome.SUCCESS

    @property
    def stdout(self) -> str:
        return self.result.stdout if self.result is not None else ""


def invoke(*args: str | Path, timeout: float = CASE_TIMEOUT) -> Invocation:
    """Run `claimcheck ARGS` in-process and tell its outcome."""
    argv = tuple(str(a) for a in args)
    step = " ".join(a for a in argv if not a.startswith("/"))[:80]
    try:
        with time_limit(timeout):
            result = CliRunner().invoke(cli, list(argv))
    except CaseTimeout as exc:
        return Invocation(argv, None, CaseResult(Outcome.HANG, step, str(exc)))
    return Invocation(argv, result, classify(result, step))


def classify(result: Result, step: str) -> CaseResult:
    exc = result.exception
    if exc is not None and not isinstance(exc, SystemExit):
        assert result.exc_info is not None
        shown = "".join(traceback.format_exception(*result.exc_info))
        known = next((bug.name for bug in KNOWN_BUGS if bug.matches(exc, step)), None)
        return CaseResult(Outcome.TRACEBACK, step, shown, known)
    if "Traceback (most recent call last)" in result.output:
        return CaseResult(Outcome.TRACEBACK, step, result.output)
    if result.exit_code == 0:
        return CaseResult(Outcome.SUCCESS, step)
    if any(line.startswith("Error: ") for line in result.stderr.splitlines()):
        return CaseResult(Outcome.CLEAN_ERROR, step, result.stderr[-500:])
    if _json_errors(result.stdout):
        return CaseResult(Outcome.CLEAN_ERROR, step, result.stdout[-500:])
    return CaseResult(Outcome.UNCLEAR, step, f"exit {result.exit_code}: {result.output[-2000:]}")


def _json_errors(stdout: str) -> bool:
    """True when a `--json` command reported its failures as lines of their own (`run --json`: one object
    per transcript, `"ok": false` with its `"error"`)."""
    failed = False
    for line in stdout.split("\n")[:-1]:
        try:
            row = json.loads(line)
        except ValueError:
            return False
        if isinstance(row, dict) and row.get("ok") is False:
            if not isinstance(row.get("error"), str) or not row["error"]:
                return False
            failed = True
    return failed


def wrong(step: str, detail: str) -> CaseResult:
    return CaseResult(Outcome.WRONG, step, detail)


# --------------------------------------------------------------------------------------------------
# the world every case runs against


@dataclass
class World:
    """What the cases share, built once: a settings file selecting the hashing embedder, a small corpus
    and its index, an output folder with drafts, editor decisions and a published site, the loaded models,
    and what the undamaged files give (the baselines damaged copies are compared with)."""

    root: Path
    config: Path
    settings: Settings
    corpus: Path
    index: Path
    passages: dict[str, Passage]
    queries: Path
    baseline_search: str
    out: Path
    baseline_review: str
    baseline_site: dict[str, bytes]
    engine: Engine

    def scratch(self) -> tempfile.TemporaryDirectory[str]:
        """A fresh folder for one case, removed after it."""
        return tempfile.TemporaryDirectory(dir=self.root, prefix="case-")


def site_files(out: Path) -> dict[str, bytes]:
    """The published site of an output folder: each file's name and bytes."""
    site = out / "site"
    return {p.name: p.read_bytes() for p in sorted(site.iterdir())} if site.is_dir() else {}


def build_world(root: Path) -> World:
    """Build the shared world under `root` (loads spaCy and the verifier: seconds)."""
    from claimcheck.claims import load_nlp
    from claimcheck.verify.stance import load_verifier

    config = hashing_config(root)
    settings = load_settings(config)
    corpus = write_corpus(
        root / "corpus", {p.name: p.read_bytes() for p in sorted((UNSEEN / "corpus").iterdir())}
    )
    index = root / "index"
    _must(invoke("--config", config, "index", "build", corpus, "--index", index))
    embedder = HashingEmbedder()
    loaded = EvidenceIndex.load(index, embedder, settings)
    queries = write_file(
        root,
        "queries.jsonl",
        "".join(json.dumps({"id": f"q{i}", "text": q}) + "\n" for i, q in enumerate(QUERIES)),
    )
    search = _must(invoke("--config", config, "search", "--queries", queries, "--index", index, "--json"))
    engine = Engine(
        settings=settings, nlp=load_nlp(), embedder=embedder, index=loaded, verifier=load_verifier()
    )
    world = World(
        root=root,
        config=config,
        settings=settings,
        corpus=corpus,
        index=index,
        passages={p.passage_id: p for p in loaded.passages},
        queries=queries,
        baseline_search=search.stdout,
        out=root / "out",
        baseline_review="",
        baseline_site={},
        engine=engine,
    )
    with fast_models(world):
        transcript = write_file(root, "talk.txt", (UNSEEN / "transcript.txt").read_bytes())
        _must(invoke("--config", config, "run", transcript, "--out", world.out))
    rows = [json.loads(line) for line in _must(review_list(world.out)).stdout.splitlines()]
    assert len(rows) >= 3, "the unseen transcript yields a few claims"
    ids = [row["claim_id"] for row in rows]
    editor = ("--editor", "Ed", "--out", str(world.out))
    _must(invoke("review", "approve", ids[0], "--note", "checked", *editor))
    _must(invoke("review", "set", ids[1], "--verdict", "hype", "--note", "wrong", *editor))
    _must(invoke("review", "reject", ids[2], "--note", "chit-chat", *editor))
    world.baseline_review = _must(review_list(world.out)).stdout
    published = copy_out(world, root / "published")
    _must(invoke("publish", "--out", published))
    world.baseline_site = site_files(published)
    assert any(name.endswith(".html") and name != "index.html" for name in world.baseline_site)
    return world


def _must(step: Invocation) -> Invocation:
    assert step.ok, step.case.describe()
    return step


def review_list(out: Path) -> Invocation:
    return invoke("review", "list", "--json", "--out", out)


def copy_out(world: World, dest: Path) -> Path:
    """A copy of the world's output folder (drafts, store, no site) at `dest`."""
    shutil.copytree(world.out, dest, ignore=shutil.ignore_patterns("site", ".index"))
    return dest


@contextmanager
def fast_models(world: World) -> Iterator[None]:
    """Hand the world's loaded models to the commands instead of loading them again for every case: `run`
    and `verify` get the world's engine (with their own settings), `claims` its spaCy pipeline and
    `stance` its verifier."""

    def engine(
        settings: Settings,
        *,
        corpus_dir: Path | None = None,
        index_dir: Path | None = None,
        progress: object = None,
    ) -> Engine:
        return dataclasses.replace(world.engine, settings=settings)

    with (
        mock.patch.object(Engine, "load", engine),
        mock.patch("claimcheck.claims.load_nlp", lambda: world.engine.nlp),
        mock.patch("claimcheck.verify.stance.load_verifier", lambda path=None: world.engine.verifier),
    ):
        yield


def write_case(folder: Path, case: FileCase) -> Path:
    return write_file(folder, case.name, case.data)


# --------------------------------------------------------------------------------------------------
# checks on what a successful command printed


def _json_lines(step: Invocation) -> list[dict[str, Any]] | CaseResult:
    """The `--json` lines a command printed, or a wrong outcome when one is not a JSON object."""
    rows: list[dict[str, Any]] = []
    for line in step.stdout.split("\n")[:-1]:  # not splitlines(): a JSON string may hold U+2028 or U+0085
        try:
            row = json.loads(line)
        except ValueError:
            return wrong(step.case.step, f"not a JSON line: {line[:200]!r}")
        if not isinstance(row, dict):
            return wrong(step.case.step, f"not a JSON object: {line[:200]!r}")
        rows.append(row)
    return rows


def _row_per_line(
    step: Invocation, case: FileCase, rows_are: str, lines_are: str
) -> list[dict[str, Any]] | CaseResult:
    """A JSON-lines command's `--json` rows, one per input line; else how the case ended (a failed step,
    a line that is no JSON object, or another number of rows, named by `rows_are` and `lines_are`)."""
    if not step.ok:
        return step.case
    rows = _json_lines(step)
    if isinstance(rows, CaseResult):
        return rows
    if len(rows) != _input_lines(case):
        return wrong(step.case.step, f"{len(rows)} {rows_are} for {_input_lines(case)} {lines_are}")
    return rows


def _input_lines(case: FileCase) -> int:
    """How many non-blank lines a JSON-lines input holds as claimcheck reads it (each one is read, or the
    file is refused): lines end at "\n" only, as claimcheck/inputs.py splits them (a U+2028 inside a
    JSON string is no line break: test_a_jsonl_line_holding_a_line_separator_is_read)."""
    return sum(1 for line in case.data.decode("utf-8-sig").split("\n") if line.strip())


def _quotes_its_passage(world: World, passage_id: str, quote: str) -> str | None:
    """Why a quote printed for `passage_id` is not what the index holds (None when it is)."""
    passage = world.passages.get(passage_id)
    if passage is None:
        return f"cites {passage_id!r}, which the index does not hold"
    if quote not in passage.raw_text:
        return f"quote {quote[:80]!r} is not in passage {passage_id!r}"
    return None


def _injected_markup(html: str) -> str | None:
    """Markup from the inputs that a published page let through unescaped (None when there is none)."""
    for needle in ("<script>fuzz", 'href="javascript:', "<b>Bold</b>", "<v Ana>"):
        if needle in html:
            return needle
    if html.count("<script") != html.count("</script>"):
        return "an unbalanced <script>"
    return None


# --------------------------------------------------------------------------------------------------
# the targets


def run_transcript_claims(world: World, case: FileCase) -> CaseResult:
    """`claims FILE --all --json` on a generated transcript: every line a claim with a sane time span."""
    with world.scratch() as tmp:
        path = write_case(Path(tmp), case)
        with fast_models(world):
            step = invoke("--config", world.config, "claims", path, "--all", "--json")
        if not step.ok:
            return step.case
        rows = _json_lines(step)
        if isinstance(rows, CaseResult):
            return rows
        for row in rows:
            start, end = row.get("start"), row.get("end")
            if start is not None and (start < 0 or (end is not None and end < start)):
                return wrong(step.case.step, f"claim spans {start}..{end}: {row['quote'][:80]!r}")
        return step.case


def run_transcript_run(world: World, case: FileCase) -> CaseResult:
    """`run FILE`, then `review list` and `publish --include-drafts`: drafts that read back, and pages
    with no markup from the transcript."""
    with world.scratch() as tmp:
        out = Path(tmp) / "out"
        path = write_case(Path(tmp), case)
        with fast_models(world):
            step = invoke("--config", world.config, "run", path, "--out", out, "--json")
        if not step.ok:
            return step.case
        rows = _json_lines(step)
        if isinstance(rows, CaseResult):
            return rows
        if len(rows) != 1 or not rows[0].get("ok"):
            return wrong(step.case.step, f"run exited 0 with {step.stdout[:500]!r}")
        draft = Breakdown.model_validate_json(Path(rows[0]["draft_path"]).read_text(encoding="utf-8"))
        if len(draft.verdicts) != rows[0]["claims"]:
            return wrong(step.case.step, "the draft holds another number of claims than run said")
        listed = review_list(out)
        if not listed.ok:
            return listed.case
        if len(listed.stdout.split("\n")[:-1]) != len(draft.verdicts):
            return wrong(listed.case.step, "review list shows another number of claims than the draft")
        published = invoke("--config", world.config, "publish", "--include-drafts", "--out", out)
        if not published.ok:
            return published.case
        for name, data in site_files(out).items():
            found = _injected_markup(data.decode("utf-8")) if name.endswith(".html") else None
            if found:
                return wrong(published.case.step, f"{name} carries {found!r} unescaped")
        return published.case


def run_front_matter(world: World, cases: tuple[FileCase, FileCase]) -> CaseResult:
    """Generated front matter on a transcript (`claims`) and on a corpus document (`index build`)."""
    transcript, document = cases
    with world.scratch() as tmp:
        path = write_case(Path(tmp), transcript)
        with fast_models(world):
            read = invoke("--config", world.config, "claims", path, "--json")
        corpus = Path(tmp) / "corpus"
        write_case(corpus, document)
        built = invoke("--config", world.config, "index", "build", corpus, "--index", Path(tmp) / "idx")
        return worst([read.case, built.case])


def run_claims_jsonl(world: World, case: FileCase) -> CaseResult:
    """`verify --claims FILE --json`: one verdict per line, in order, quoting the passages it cites."""
    with world.scratch() as tmp:
        path = write_case(Path(tmp), case)
        with fast_models(world):
            step = invoke("--config", world.config, "verify", "--claims", path, "--json")
        rows = _row_per_line(step, case, "verdicts", "lines")
        if isinstance(rows, CaseResult):
            return rows
        for row in rows:
            if row["label"] not in {label.value for label in Label} or not 0 <= row["confidence"] <= 1:
                return wrong(step.case.step, f"verdict {row['label']!r} at {row['confidence']}")
            for evidence in row["evidence"]:
                why = _quotes_its_passage(world, evidence["passage_id"], evidence["quote"])
                if why:
                    return wrong(step.case.step, why)
        return step.case


def run_pairs_jsonl(world: World, case: FileCase) -> CaseResult:
    """`stance --pairs FILE --json`: one line per pair, probabilities that sum to 1, the label their
    largest."""
    with world.scratch() as tmp:
        path = write_case(Path(tmp), case)
        with fast_models(world):
            step = invoke("stance", "--pairs", path, "--json")
        rows = _row_per_line(step, case, "stances", "lines")
        if isinstance(rows, CaseResult):
            return rows
        for row in rows:
            probs: dict[str, float] = row["probs"]
            if abs(sum(probs.values()) - 1) > 1e-3 or max(probs, key=lambda k: probs[k]) != row["label"]:
                return wrong(step.case.step, f"label {row['label']!r} with {probs}")
        return step.case


def run_queries_jsonl(world: World, case: FileCase) -> CaseResult:
    """`search --queries FILE --json`: one line per query, at most k hits, each quoting its passage."""
    with world.scratch() as tmp:
        path = write_case(Path(tmp), case)
        step = invoke(
            "--config",
            world.config,
            "search",
            "--queries",
            path,
            "--index",
            world.index,
            "--k",
            "5",
            "--json",
        )
        rows = _row_per_line(step, case, "results", "queries")
        if isinstance(rows, CaseResult):
            return rows
        for row in rows:
            if len(row["hits"]) > 5:
                return wrong(step.case.step, f"{len(row['hits'])} hits for --k 5")
            for hit in row["hits"]:
                why = _quotes_its_passage(world, hit["passage_id"], hit["quote"])
                if why:
                    return wrong(step.case.step, why)
        return step.case


def _source_text(corpus: Path, path: str, line: int | None) -> str:
    """What a passage's span indexes, read from disk (not through the loader)."""
    data = (corpus / path).read_bytes().decode("utf-8")
    if line is None:
        return data
    text: str = json.loads(data.split("\n")[line - 1])["text"]
    return text


def run_corpus(world: World, files: list[FileCase]) -> CaseResult:
    """`index build` over generated documents, then `search`: every passage an exact span of its file."""
    from claimcheck.corpus import load_corpus
    from claimcheck.models import DocKind

    with world.scratch() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for case in files:
            write_case(corpus, case)
        index = Path(tmp) / "idx"
        step = invoke("--config", world.config, "index", "build", corpus, "--index", index)
        if not step.ok:
            return step.case
        docs = {d.doc_id: d for d in load_corpus(corpus)}
        for passage in EvidenceIndex.load(index, HashingEmbedder(), world.settings).passages:
            doc = docs[passage.doc_id]
            if passage.citation.kind is DocKind.BREAKDOWN:
                source = doc.raw  # quoted from a rendering of the breakdown, not from the JSON
            else:
                source = _source_text(corpus, doc.path, doc.line)
            if source[passage.start : passage.end] != passage.raw_text or not passage.raw_text.strip():
                return wrong(step.case.step, f"{passage.passage_id} is not the span it names")
        found = invoke(
            "--config", world.config, "search", "--query", "revenue 2023", "--index", index, "--json"
        )
        return found.case


TIMECODED = (
    "00:00:01:00 - 00:00:09:12\nAna Costa\nNorthwind revenue was $412.6 million in 2024, up 31%.\n"
    "00:00:09:14 - 00:00:16:02\nHOST\nAnd the Carrier C2 runs for 14 hours on one charge?\n"
)


def run_settings(world: World, case: FileCase) -> CaseResult:
    """A generated settings file under `search`, `index build`, `claims`, `run` and `publish`: each
    command reads it and works, or refuses it clearly."""
    with world.scratch() as tmp:
        config = ("--config", str(write_case(Path(tmp), case)))
        steps = [invoke(*config, "search", "--query", "Northwind revenue", "--index", world.index)]
        if not steps[-1].ok:
            return steps[-1].case  # the file itself is refused: every command refuses it alike
        steps.append(invoke(*config, "index", "build", world.corpus, "--index", Path(tmp) / "index"))
        transcript = write_file(Path(tmp), "talk.txt", TIMECODED)
        out = Path(tmp) / "out"
        with fast_models(world):
            steps.append(invoke(*config, "claims", transcript, "--all"))
            steps.append(invoke(*config, "run", transcript, "--out", out))
        if steps[-1].ok:
            steps.append(invoke(*config, "publish", "--include-drafts", "--out", out))
        return worst([step.case for step in steps])


@dataclass(frozen=True)
class JsonEdit:
    """One change to a JSON document at its `at`-th (relative) place: "delete" the value, "replace" it
    with `value`, or "retext" a string with `text` (a hand edit: the draft still reads)."""

    at: float
    action: str
    value: Any
    text: str


json_edits = st.lists(
    st.builds(
        JsonEdit,
        at=st.floats(0, 1),
        action=st.sampled_from(("retext", "retext", "delete", "replace")),
        value=json_value,
        text=turn_text,
    ),
    min_size=1,
    max_size=3,
)


def _places(node: Any) -> list[tuple[Any, Any]]:
    """Every (container, key) in a JSON tree, depth first."""
    found: list[tuple[Any, Any]] = []
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, child in items:
        found.append((node, key))
        found.extend(_places(child))
    return found


def apply_json_edit(data: Any, edit: JsonEdit) -> None:
    places = _places(data)
    if not places:
        return
    if edit.action == "retext":
        places = [(c, k) for c, k in places if isinstance(c[k], str)] or places
    container, key = places[min(int(edit.at * len(places)), len(places) - 1)]
    if edit.action == "delete":
        del container[key]
    elif edit.action == "replace" or not isinstance(container[key], str):
        container[key] = edit.value
    else:
        container[key] = edit.text


@dataclass(frozen=True)
class DraftDamage:
    edits: list[JsonEdit]
    damage: FileDamage | None


draft_damage = st.builds(
    DraftDamage,
    edits=json_edits,
    damage=st.none() | file_damage(("draft",), ("truncate", "garbage", "bit-flip", "append", "empty")),
)


def run_drafts(world: World, case: DraftDamage) -> CaseResult:
    """A damaged draft: `review list` and `publish --include-drafts` fail clearly or work."""
    with world.scratch() as tmp:
        out = copy_out(world, Path(tmp) / "out")
        (draft,) = sorted((out / "drafts").glob("*.json"))
        data = json.loads(draft.read_text(encoding="utf-8"))
        for edit in case.edits:
            apply_json_edit(data, edit)
        draft.write_text(json.dumps(data, allow_nan=True), encoding="utf-8")
        if case.damage is not None:
            damage_file(draft, case.damage)
        listed = review_list(out)
        published = invoke("publish", "--include-drafts", "--out", out)
        if published.ok:
            for name, page in site_files(out).items():
                found = _injected_markup(page.decode("utf-8")) if name.endswith(".html") else None
                if found:
                    return wrong(published.case.step, f"{name} carries {found!r} unescaped")
        return worst([listed.case, published.case])


INDEX_FILES = ("manifest.json", "passages.jsonl", "vectors.npy", "figures.npz")
index_damage = st.lists(file_damage(INDEX_FILES), min_size=1, max_size=2)


# Scores closer than this are one tie: a vector changed only in its last bits moves scores by less.
SCORE_TOLERANCE = 1e-3


def same_evidence(expected: str, found: str) -> bool:
    """Whether two `search --json` outputs give the same evidence: the same hits with scores within
    `SCORE_TOLERANCE`, where only hits tied with the last one may differ (which of them made the cut,
    and in which order)."""
    for want_line, got_line in zip(expected.split("\n"), found.split("\n"), strict=True):
        if want_line == got_line:
            continue
        want, got = json.loads(want_line)["hits"], json.loads(got_line)["hits"]
        if len(want) != len(got):
            return False
        if any(abs(w["score"] - g["score"]) > SCORE_TOLERANCE for w, g in zip(want, got, strict=True)):
            return False
        floor = min((h["score"] for h in want), default=0.0) + SCORE_TOLERANCE
        above = [{h["passage_id"] for h in hits if h["score"] > floor} for hits in (want, got)]
        if above[0] != above[1]:
            return False
    return True


def run_index_damage(world: World, damages: list[FileDamage]) -> CaseResult:
    """A damaged index: `search` fails clearly or gives the evidence the undamaged index gives (exactly,
    unless a vector changed only in its last bits: then within `same_evidence` and caught by `index
    verify`); then `index add` fails clearly or leaves an index that `index verify` passes."""
    with world.scratch() as tmp:
        index = Path(tmp) / "index"
        shutil.copytree(world.index, index)
        for damage in damages:
            damage_file(index / damage.target, damage)
        config = ("--config", str(world.config))
        found = invoke(*config, "search", "--queries", world.queries, "--index", index, "--json")
        if found.ok and found.stdout != world.baseline_search:
            caught = invoke(*config, "index", "verify", "--index", index).case.outcome is Outcome.CLEAN_ERROR
            if not caught or not same_evidence(world.baseline_search, found.stdout):
                return wrong(found.case.step, f"exit 0 with other hits after {damages}")
        extra = write_corpus(Path(tmp) / "extra", {"extra.md": "# Extra\n\nAcme sold 5 robots in 2024.\n"})
        added = invoke(*config, "index", "add", extra, "--index", index)
        if not added.ok:
            return worst([found.case, added.case])
        verified = invoke(*config, "index", "verify", "--index", index)
        if not verified.ok:
            return wrong(
                verified.case.step, f"index add exited 0 but left an index verify refuses: {damages}"
            )
        return worst([found.case, added.case, verified.case])


# Whole pages: a flipped bit or a few bytes inside a row's text read back as other text, which SQLite (no
# page checksums) and so claimcheck cannot tell from what an editor wrote.
STORE_DAMAGE_KINDS = ("truncate", "append", "zero-page", "garbage-page")
store_damage = st.lists(file_damage(("claimcheck.sqlite",), STORE_DAMAGE_KINDS), min_size=1, max_size=2)


def run_store_damage(world: World, damages: list[FileDamage]) -> CaseResult:
    """A damaged review store: `review list` and `publish` fail clearly or show exactly the decisions
    the undamaged store holds; a new decision is recorded or refused clearly."""
    with world.scratch() as tmp:
        out = copy_out(world, Path(tmp) / "out")
        for damage in damages:
            damage_file(out / damage.target, damage)
        listed = review_list(out)
        if listed.ok and listed.stdout != world.baseline_review:
            return wrong(listed.case.step, f"exit 0 with other decisions after {damages}")
        published = invoke("publish", "--out", out)
        if published.ok and site_files(out) != world.baseline_site:
            return wrong(published.case.step, f"exit 0 with another site after {damages}")
        claim_id = json.loads(world.baseline_review.splitlines()[-1])["claim_id"]
        decided = invoke("review", "approve", claim_id, "--editor", "Fuzz", "--out", out)
        return worst([listed.case, published.case, decided.case])


@dataclass(frozen=True)
class Decision:
    """One editor decision from the command line: `review ACTION CLAIM [--verdict V] --editor E [--note N]`,
    where CLAIM is the `pick`-th (relative) claim of the world's drafts, a prefix of its id, or `other`."""

    action: str
    pick: float
    claim: str  # "id", "prefix" or "other"
    other: str
    verdict: str
    editor: str
    note: str | None


_EDITOR_TEXT = st.one_of(
    st.sampled_from(("Ed", "A. Editor", "Ana Costa")), wild_text, st.sampled_from(ADVERSARIAL)
)
decisions = st.builds(
    Decision,
    action=st.sampled_from(("approve", "reject", "set")),
    pick=st.floats(0, 1),
    claim=st.sampled_from(("id", "id", "prefix", "other")),
    other=st.text(max_size=12),
    verdict=st.one_of(st.sampled_from([label.value for label in Label]), st.text(max_size=8)),
    editor=_EDITOR_TEXT,
    note=st.none() | _EDITOR_TEXT,
)
_STATUS_OF = {"approve": "approved", "reject": "rejected", "set": "approved"}


def run_decision(world: World, case: Decision) -> CaseResult:
    """`review approve|reject|set` with any claim id, verdict, editor and note: recorded, and shown by
    `review list` and `review show`, or refused clearly."""
    rows = [json.loads(line) for line in world.baseline_review.splitlines()]
    target = rows[min(int(case.pick * len(rows)), len(rows) - 1)]
    claim = {"id": target["claim_id"], "prefix": target["claim_id"][:6], "other": case.other}[case.claim]
    with world.scratch() as tmp:
        out = copy_out(world, Path(tmp) / "out")
        verdict = ("--verdict", case.verdict) if case.action == "set" else ()
        note = ("--note", case.note) if case.note is not None else ()
        step = invoke("review", case.action, claim, *verdict, "--editor", case.editor, *note, "--out", out)
        if not step.ok:
            return step.case
        listed = review_list(out)
        if not listed.ok or case.claim == "other":  # a generated id that matched: which claim is unknown
            return listed.case
        (row,) = [json.loads(line) for line in listed.stdout.split("\n")[:-1] if target["claim_id"] in line]
        if row["status"] != _STATUS_OF[case.action] or (
            case.action == "set" and row["label"] != case.verdict
        ):
            return wrong(step.case.step, f"review list shows {row['status']} {row['label']} after {case}")
        return invoke("review", "show", row["claim_id"], "--out", out).case


@dataclass(frozen=True)
class FuzzTarget:
    """One thing to fuzz: how to draw a case, how to run it, and how many cases CI runs."""

    name: str
    strategy: st.SearchStrategy[Any]
    run: Callable[[World, Any], CaseResult]
    ci_examples: int


# How many cases CI runs per target (tests/test_fuzz.py, about a minute in all on 2 cores); the benchmark
# shares its examples out in the same proportions.
TARGETS: tuple[FuzzTarget, ...] = (
    *(FuzzTarget(f"transcript {fmt}", transcript_file(fmt), run_transcript_claims, 60) for fmt in RENDERERS),
    FuzzTarget(
        "run + publish", st.sampled_from(sorted(RENDERERS)).flatmap(transcript_file), run_transcript_run, 40
    ),
    FuzzTarget("front matter", front_matter_files(), run_front_matter, 60),
    FuzzTarget("verify --claims", jsonl_file(("id", "text", "date")), run_claims_jsonl, 50),
    FuzzTarget("stance --pairs", jsonl_file(("id", "premise", "hypothesis")), run_pairs_jsonl, 50),
    FuzzTarget("search --queries", jsonl_file(("id", "text")), run_queries_jsonl, 60),
    FuzzTarget("corpus documents", corpus_files(), run_corpus, 60),
    FuzzTarget("settings file", settings_file(), run_settings, 40),
    FuzzTarget("review decisions", decisions, run_decision, 50),
    FuzzTarget("damaged draft", draft_damage, run_drafts, 40),
    FuzzTarget("damaged index", index_damage, run_index_damage, 60),
    FuzzTarget("damaged review store", store_damage, run_store_damage, 50),
)
