"""Progress: every long stage reports its total and its steps; the CLI draws bars on a terminal's stderr only.

The library reports to a `Progress` (`claimcheck.progress`); these tests record what it is told, and check
that reporting never changes a result, never reaches stdout and is silent off a terminal.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest
from click.testing import CliRunner

from claimcheck.claims import extract_claims
from claimcheck.claims.segment import _turn_groups
from claimcheck.cli import cli
from claimcheck.corpus import load_corpus
from claimcheck.embedding import HashingEmbedder
from claimcheck.index import EvidenceIndex
from claimcheck.index.dense import EMBED_STEP, embed_passages, embedding_key
from claimcheck.pipeline import Engine, judge_all, retrieve, run_batch
from claimcheck.progress import NO_PROGRESS, Advance, wants_progress
from claimcheck.settings import Settings, load_settings
from claimcheck.transcripts import read_transcript
from claimcheck.verify.stance import STANCE_STEP, FittedPair, Probs, score_stances
from tests.factories import FIXTURES, REPO, make_claim, make_claim_evidence, make_passage, write_corpus

if TYPE_CHECKING:
    from spacy.language import Language

UNSEEN = FIXTURES / "unseen"
SAMPLE = REPO / "samples" / "zuck-open-source-ep.txt"
# What rich draws and a plain run never prints: the bar's glyphs and terminal control sequences.
_BAR_OR_ESCAPE = re.compile("[━╸╺]|\x1b\\[")


@dataclass
class Stage:
    description: str
    total: int | None
    steps: list[int] = field(default_factory=list)
    depth: int = 0  # how many stages were open around it


@dataclass
class RecordingProgress:
    """A `Progress` that keeps every stage it is told of, in the order they start."""

    stages: list[Stage] = field(default_factory=list)
    _open: int = 0

    @contextmanager
    def stage(self, description: str, total: int | None) -> Iterator[Advance]:
        recorded = Stage(description, total, depth=self._open)
        self.stages.append(recorded)
        self._open += 1
        try:
            yield recorded.steps.append
        finally:
            self._open -= 1

    def named(self, description: str) -> list[Stage]:
        return [s for s in self.stages if s.description == description]

    def only(self, description: str) -> Stage:
        (found,) = self.named(description)
        return found


class _NeutralVerifier:
    """Neutral for every pair; counts the calls and the pairs."""

    def __init__(self) -> None:
        self.calls: list[int] = []

    def score(self, pairs: Sequence[tuple[str, str]]) -> Probs:
        self.calls.append(len(pairs))
        return np.tile(np.array([0.1, 0.8, 0.1], dtype=np.float32), (len(pairs), 1))

    def fit(self, pairs: Sequence[tuple[str, str]]) -> list[FittedPair]:
        return [FittedPair(p, h, False) for p, h in pairs]


@pytest.fixture(scope="module")
def small_engine(nlp: Language, tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """The unseen corpus indexed with the hashing fake, a neutral verifier: nothing slow to load."""
    settings = load_settings(out_dir=tmp_path_factory.mktemp("out"), embedding_model="hashing-64")
    corpus = UNSEEN / "corpus"
    index = EvidenceIndex.build(load_corpus(corpus), HashingEmbedder(), settings, corpus)
    return Engine(
        settings=settings, nlp=nlp, embedder=index.embedder, index=index, verifier=_NeutralVerifier()
    )


# ---------------------------------------------------------------------------------------- the library


def test_embedding_reports_each_step_of_what_it_embeds() -> None:
    embedder = HashingEmbedder()
    passages = [make_passage(f"Revenue line {i} was {i} million.", passage_id=f"d#{i}") for i in range(700)]
    known = {embedding_key(embedder.name, p.text): embedder.embed([p.text])[0] for p in passages[:100]}
    progress = RecordingProgress()
    vectors = embed_passages(embedder, passages, known, progress=progress)
    stage = progress.only("Embedding passages")
    assert stage.total == 600  # the 100 known vectors are not embedded again
    assert stage.steps == [EMBED_STEP, EMBED_STEP, 600 - 2 * EMBED_STEP]
    np.testing.assert_array_equal(vectors, embedder.embed([p.text for p in passages]))  # steps change nothing


def test_index_build_reports_chunking_and_embedding(
    corpus_basic: Path, settings: Settings, tmp_path: Path
) -> None:
    docs = load_corpus(corpus_basic)
    progress = RecordingProgress()
    index = EvidenceIndex.build(docs, HashingEmbedder(), settings, corpus_basic, progress=progress)
    assert [s.description for s in progress.stages] == ["Chunking documents", "Embedding passages"]
    chunking, embedding = progress.stages
    assert chunking.total == len(docs) and chunking.steps == [1] * len(docs)
    assert embedding.total == len(index.passages) and sum(embedding.steps) == len(index.passages)
    # adding a document reports only its own chunks and embeddings
    write_corpus(tmp_path, {"new.md": "# Margins\n\nOperating margin was 41% in 2024.\n"})
    more = RecordingProgress()
    added = index.add_documents(load_corpus(tmp_path), progress=more)
    assert more.only("Chunking documents").total == 1
    assert more.only("Embedding passages").total == sum(more.only("Embedding passages").steps) == added >= 1


def test_claim_extraction_reports_turns_clauses_and_claims(nlp: Language, settings: Settings) -> None:
    transcript = read_transcript(SAMPLE, settings)
    progress = RecordingProgress()
    claims = extract_claims(transcript, nlp, settings, include_all=True, progress=progress)
    assert [s.description for s in progress.stages] == [
        "Parsing sentences",
        "Finding claims",
        "Splitting compound claims",
    ]
    parsing, finding, splitting = progress.stages
    assert parsing.total == len(_turn_groups(transcript)) == len(parsing.steps)
    # every clause is one step; merged duplicates make the claims fewer than the clauses
    assert finding.total == sum(finding.steps) >= len(claims) > 100
    assert splitting.total == sum(splitting.steps) == len(claims)
    assert claims == extract_claims(transcript, nlp, settings, include_all=True)  # nothing else changes


def test_stance_scoring_reports_each_step_and_gives_the_same_rows(settings: Settings) -> None:
    evidence = "Revenue was $134.90 billion in 2023, up 16% from 2022."
    passages = [
        (make_passage(evidence, passage_id=f"d.md#{k}"), 0.9) for k in range(settings.stance_passages)
    ]
    items = [
        make_claim_evidence(make_claim(f"Revenue grew {i} percent", claim_id=f"c{i}"), *passages)
        for i in range(40)
    ]
    pairs = 40 * settings.stance_passages
    verifier = _NeutralVerifier()
    progress = RecordingProgress()
    stepped = score_stances(items, verifier, settings, progress)
    stage = progress.only("Scoring stances")
    assert stage.total == pairs == sum(stage.steps) and verifier.calls == stage.steps
    assert max(stage.steps) == STANCE_STEP < pairs
    assert stepped == score_stances(items, _NeutralVerifier(), settings)


def test_retrieval_reports_the_claims_searched(small_engine: Engine) -> None:
    claims = [make_claim(f"The Carrier C2 runs for {i} hours", claim_id=f"c{i}") for i in range(260)]
    progress = RecordingProgress()
    items = retrieve(claims, small_engine.index, small_engine.settings, progress)
    stage = progress.only("Retrieving evidence")
    assert stage.total == 260 and stage.steps == [256, 4]
    assert items == retrieve(claims, small_engine.index, small_engine.settings)
    assert len(judge_all(items, small_engine.settings, None, progress)) == 260


def test_a_batch_reports_each_transcript_and_the_stages_inside(small_engine: Engine, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    progress = RecordingProgress()
    report = run_batch([UNSEEN / "transcript.txt", empty], small_engine, tmp_path / "out", progress=progress)
    assert [r.ok for r in report.results] == [True, False]
    batch = progress.only("Transcripts")
    assert batch.total == 1 and batch.steps == [1] and batch.depth == 0  # the unreadable one is not counted
    inner = [s.description for s in progress.stages if s.depth == 1]
    assert inner == [
        "Parsing sentences",
        "Finding claims",
        "Splitting compound claims",
        "Retrieving evidence",
        "Scoring stances",
    ]
    assert all(sum(s.steps) == s.total for s in progress.stages)


def test_no_progress_is_the_default_and_ignores_every_report() -> None:
    with NO_PROGRESS.stage("Anything", total=3) as advance:
        advance(3)
        advance(5)  # more than the total is not an error either


# ------------------------------------------------------------------------------------------- the CLI


@pytest.mark.parametrize(
    ("quiet", "as_json", "stderr_terminal", "stdout_terminal", "shown"),
    [
        (False, False, True, True, True),  # at a terminal
        (False, True, True, False, True),  # --json > file: bars on the terminal's stderr
        (False, True, True, True, False),  # --json lines on the same screen
        (True, False, True, True, False),  # --quiet
        (False, False, False, True, False),  # stderr to a file or a pipe
        (False, False, False, False, False),  # CI
    ],
)
def test_when_bars_are_drawn(
    quiet: bool, as_json: bool, stderr_terminal: bool, stdout_terminal: bool, shown: bool
) -> None:
    decided = wants_progress(
        quiet=quiet, as_json=as_json, stderr_terminal=stderr_terminal, stdout_terminal=stdout_terminal
    )
    assert decided is shown


def _run_json(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, out: Path, *flags: str
) -> tuple[list[dict[str, object]], str]:
    """`claimcheck run --json` on the unseen transcript with `engine`: the stdout lines and stderr."""
    monkeypatch.setattr(Engine, "load", classmethod(lambda cls, *args, **kwargs: engine))
    result = CliRunner().invoke(
        cli, ["run", str(UNSEEN / "transcript.txt"), "--out", str(out), "--json", *flags]
    )
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()], result.stderr


def test_off_a_terminal_nothing_is_drawn(
    small_engine: Engine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    lines, stderr = _run_json(small_engine, monkeypatch, tmp_path / "out")
    assert [line["ok"] for line in lines] == [True]
    assert stderr == ""


def test_on_a_terminal_bars_go_to_stderr_and_stdout_stays_json(
    small_engine: Engine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # stderr counts as a terminal
    lines, stderr = _run_json(small_engine, monkeypatch, tmp_path / "out")
    assert [line["ok"] for line in lines] == [True]  # every stdout line is JSON: no bar, no escape code
    assert _BAR_OR_ESCAPE.search(stderr)
    for stage in ("Transcripts", "Parsing sentences", "Finding claims", "Scoring stances"):
        assert stage in stderr
    assert "eta" in stderr  # the estimate of the time left


def test_quiet_draws_nothing_even_on_a_terminal(
    small_engine: Engine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    lines, stderr = _run_json(small_engine, monkeypatch, tmp_path / "out", "--quiet")
    assert [line["ok"] for line in lines] == [True]
    assert stderr == ""


def test_index_build_draws_its_bars_on_a_terminal(
    corpus_basic: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    config = tmp_path / "claimcheck.toml"
    config.write_text('embedding_model = "hashing-64"\n', encoding="utf-8")
    args = ["--config", str(config), "index", "build", str(corpus_basic), "--index", str(tmp_path / "index")]
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    shown = CliRunner().invoke(cli, args)
    assert shown.exit_code == 0, shown.output
    assert "Embedding passages" in shown.stderr and shown.stdout.startswith("Indexed ")
    monkeypatch.delenv("TTY_COMPATIBLE")
    plain = CliRunner().invoke(cli, args)
    assert plain.exit_code == 0 and plain.stderr == ""
