"""Builders for what the tests need, one per thing, and the places the tests read from.

Each factory takes keyword overrides over deterministic defaults and returns the library's own type, so
a test spells out only the fields it asserts on. Pytest fixtures built on these live in `conftest.py`.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from claimcheck.corpus import load_corpus
from claimcheck.embedding import Embedder, HashingEmbedder
from claimcheck.index import EvidenceIndex
from claimcheck.models import (
    Breakdown,
    Citation,
    Claim,
    ClaimEvidence,
    ClaimType,
    DraftVerdict,
    Evidence,
    Format,
    Label,
    Passage,
    Stance,
    Transcript,
    TranscriptMeta,
    Utterance,
    Verdict,
    VerdictStatus,
)
from claimcheck.settings import Settings
from claimcheck.verify.quotes import make_evidence as quote_evidence

# --------------------------------------------------------------------------------------------------
# places

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
SHARED = REPO.parent / "shared"

# The default settings, built once (Settings is frozen): what `claimcheck` uses with no claimcheck.toml.
SETTINGS = Settings()


def subprocess_env() -> dict[str, str]:
    """The environment for a child Python that must import this checkout's `claimcheck`."""
    return {**os.environ, "PYTHONPATH": str(REPO)}


# --------------------------------------------------------------------------------------------------
# other processes

_HOLD_LOCK = """
import sys, time
from pathlib import Path
from claimcheck.fsutil import writer_lock

with writer_lock(Path(sys.argv[1]), timeout=5, what="the test folder"):
    print("locked", flush=True)
    time.sleep(60)
"""


class Holder:
    """Other processes, each holding a writer lock until killed (the `holder` fixture kills them)."""

    def __init__(self) -> None:
        self.procs: list[subprocess.Popen[str]] = []

    def hold(self, lock: Path) -> subprocess.Popen[str]:
        """A child process that holds the writer lock `lock`; returns once it does."""
        proc = subprocess.Popen(
            [sys.executable, "-c", _HOLD_LOCK, str(lock)],
            env=subprocess_env(),
            stdout=subprocess.PIPE,
            text=True,
        )
        self.procs.append(proc)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
        return proc

    def release_all(self) -> None:
        for proc in self.procs:
            proc.kill()
            proc.wait()


# --------------------------------------------------------------------------------------------------
# files on disk


def write_file(folder: Path, name: str, content: str | bytes) -> Path:
    """Write `content` to `folder/name` as given (text as UTF-8, no newline translation), making folders."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def write_corpus(folder: Path, files: Mapping[str, str | bytes]) -> Path:
    """A small corpus folder: each name in `files` written with its content. Returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        write_file(folder, name, content)
    return folder


def write_drafts(out: Path, *breakdowns: Breakdown) -> list[Path]:
    """Write each breakdown as a draft in `out` and register its claims in the review store first, as
    `run` does (a draft whose claims the store lacks is refused by `review list` and `publish`)."""
    from claimcheck.drafts import write_draft
    from claimcheck.review import open_store

    with open_store(out) as store:
        for breakdown in breakdowns:
            store.sync_drafts(breakdown)
    return [write_draft(out, breakdown) for breakdown in breakdowns]


def hashing_config(folder: Path, **settings: str | float) -> Path:
    """A `claimcheck.toml` in `folder` that selects the hashing fake embedder (plus any `settings`), for
    CLI tests that build an index without loading a model. Pass it as `--config`."""
    lines = ['embedding_model = "hashing-64"', *(f"{key} = {value!r}" for key, value in settings.items())]
    return write_file(folder, "claimcheck.toml", "\n".join(lines) + "\n")


def index_corpus(
    corpus: Path,
    embedder: Embedder | None = None,
    settings: Settings = SETTINGS,
    *,
    previous: EvidenceIndex | None = None,
) -> EvidenceIndex:
    """An in-memory index of the corpus folder, embedded with the hashing fake unless told otherwise."""
    return EvidenceIndex.build(
        load_corpus(corpus), embedder or HashingEmbedder(), settings, corpus, previous=previous
    )


# --------------------------------------------------------------------------------------------------
# sources: passages and the evidence quoted from them


def make_passage(
    raw_text: str = "Revenue was $134.90 billion in 2023.",
    *,
    passage_id: str = "doc.md#0",
    doc_id: str | None = None,
    text: str | None = None,
    start: int = 0,
    end: int | None = None,
    citation: Citation | None = None,
) -> Passage:
    """A passage quoting `raw_text` from `start`; the document id is the passage id's prefix, the
    embedded text the raw text, and the citation one titled "Doc", unless given."""
    return Passage(
        passage_id=passage_id,
        doc_id=passage_id.split("#")[0] if doc_id is None else doc_id,
        text=raw_text if text is None else text,
        raw_text=raw_text,
        start=start,
        end=start + len(raw_text) if end is None else end,
        citation=citation or Citation(title="Doc"),
    )


def make_evidence(
    quote: str = "Revenue was $134.90 billion in 2023.",
    *,
    passage: Passage | None = None,
    score: float = 0.8,
    stance: Stance | None = None,
) -> Evidence:
    """Evidence quoting `quote` where it first stands in the passage (by default a passage of just the
    quote), with its absolute span. For quotes chosen by the library's quote finder, see
    `make_claim_evidence`."""
    source = passage or make_passage(quote)
    start = source.start + source.raw_text.index(quote)
    return Evidence(
        passage=source,
        quote=quote,
        quote_start=start,
        quote_end=start + len(quote),
        score=score,
        stance=stance,
    )


# --------------------------------------------------------------------------------------------------
# transcripts and claims


def make_utterance(
    text: str,
    *,
    index: int = 0,
    speaker: str | None = "Ana",
    start: float | None = None,
    end: float | None = None,
) -> Utterance:
    return Utterance(index=index, speaker=speaker, text=text, start=start, end=end)


def make_transcript(
    *texts: str,
    utterances: Sequence[Utterance] = (),
    transcript_id: str = "mem",
    source_path: str = "<memory>",
    fmt: Format = Format.PROSE,
    speaker: str | None = "Ana",
    date: dt.date | None = dt.date(2024, 5, 1),
) -> Transcript:
    """A transcript held in memory: one utterance per text, all by `speaker`, then any `utterances`."""
    turns = [make_utterance(text, index=i, speaker=speaker) for i, text in enumerate(texts)]
    return Transcript(
        id=transcript_id,
        source_path=source_path,
        format=fmt,
        meta=TranscriptMeta(date=date),
        utterances=[*turns, *utterances],
    )


def make_claim(
    text: str = "Reality Labs lost $16.1 billion in 2023",
    *,
    claim_id: str = "c1",
    transcript_id: str = "t",
    quote: str | None = None,
    speaker: str | None = None,
    start: float | None = None,
    end: float | None = None,
    timecode: str | None = None,
    claim_type: ClaimType = ClaimType.FACTUAL,
    parts: Sequence[str] = (),
) -> Claim:
    """A claim; its verbatim quote is its text unless given."""
    return Claim(
        id=claim_id,
        transcript_id=transcript_id,
        text=text,
        quote=text if quote is None else quote,
        speaker=speaker,
        start=start,
        end=end,
        timecode=timecode,
        type=claim_type,
        parts=list(parts),
    )


def make_claim_evidence(
    claim: Claim, *found: tuple[Passage, float], sources_searched: Sequence[str] = ()
) -> ClaimEvidence:
    """The claim with one piece of evidence per (passage, retrieval score), quoted by the library's own
    quote finder (`claimcheck.verify.quotes.make_evidence`) as retrieval would."""
    return ClaimEvidence(
        claim=claim,
        evidence=[quote_evidence(passage, claim.text, score) for passage, score in found],
        sources_searched=list(sources_searched),
    )


# --------------------------------------------------------------------------------------------------
# verdicts and breakdowns


def make_draft(
    claim_id: str = "c1",
    *,
    label: Label = Label.REAL,
    confidence: float = 0.7,
    needs_review: bool = True,
    rationale: str | None = None,
    evidence: Sequence[Evidence] = (),
) -> DraftVerdict:
    """A drafted verdict; its rationale reads "Draft reason for <claim id>." unless given."""
    return DraftVerdict(
        claim_id=claim_id,
        rationale=f"Draft reason for {claim_id}." if rationale is None else rationale,
        evidence=list(evidence),
        label=label,
        confidence=confidence,
        needs_review=needs_review,
    )


def make_verdict(
    claim: Claim | None = None,
    draft: DraftVerdict | None = None,
    *,
    status: VerdictStatus = VerdictStatus.DRAFT,
    editor: str | None = None,
    keep_draft: bool = True,
) -> Verdict:
    """A verdict on `claim` (`make_claim()` by default) that takes its label, rationale, confidence and
    evidence from `draft` (`make_draft(claim.id)` by default). `keep_draft=False` leaves the draft off, as
    on a verdict an editor added or one read back from a published breakdown."""
    claim = claim or make_claim()
    draft = draft or make_draft(claim.id)
    return Verdict(
        claim=claim,
        draft=draft if keep_draft else None,
        label=draft.label,
        rationale=draft.rationale,
        confidence=draft.confidence,
        evidence=draft.evidence,
        status=status,
        editor=editor,
    )


def make_breakdown(
    verdicts: Sequence[Verdict] = (),
    *,
    slug: str = "ep-1",
    title: str = "Episode 1",
    source_path: str | None = None,
    show: str | None = None,
    date: dt.date | None = None,
    speakers: Sequence[str] = (),
    url: str | None = None,
    summary: str | None = None,
    status: VerdictStatus = VerdictStatus.DRAFT,
) -> Breakdown:
    """A breakdown of `verdicts`; its source path is "<slug>.txt" unless given."""
    return Breakdown(
        slug=slug,
        title=title,
        source_path=f"{slug}.txt" if source_path is None else source_path,
        show=show,
        date=date,
        speakers=list(speakers),
        url=url,
        summary=summary,
        verdicts=list(verdicts),
        status=status,
    )
