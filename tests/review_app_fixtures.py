"""An output folder the review app can serve without loading a model: a drafted breakdown whose evidence
is quoted from the small test corpus, its transcript on disk, and a checker over that corpus indexed with
the hashing fake (no verifier). Shared by the app tests, the browser test and the benchmark."""

from __future__ import annotations

import html as html_module
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from claimcheck.corpus import load_corpus
from claimcheck.embedding import HashingEmbedder
from claimcheck.index import EvidenceIndex
from claimcheck.models import Breakdown, Label, Passage
from claimcheck.review.app.checker import Checker, Loaded
from claimcheck.settings import Settings
from tests.factories import (
    FIXTURES,
    make_breakdown,
    make_claim,
    make_draft,
    make_evidence,
    make_verdict,
    write_drafts,
)

SLUG = "meta-talk"
CORPUS = FIXTURES / "corpus_basic"
SPEAKER = "Mark"
# The transcript the breakdown was drafted from: one turn per line, "Speaker: text".
TURNS = (
    "Reality Labs lost about sixteen billion dollars in 2023.",
    "Our revenue was up a lot, to 134.9 billion dollars.",
    "We had about 67,000 employees at the end of 2023, down 22 percent.",
    "Honestly the metaverse is the best thing anyone has ever built.",
    "Family of Apps made 62.87 billion dollars of operating income in 2023.",
)


def corpus_index() -> EvidenceIndex:
    return EvidenceIndex.build(load_corpus(CORPUS), HashingEmbedder(), Settings(), CORPUS)


def fake_checker(settings: Settings, index: EvidenceIndex | None = None) -> Checker:
    """Search and re-check over the test corpus, hashing embedder, no verifier model."""
    built = index or corpus_index()
    return Checker(settings, loader=lambda: Loaded(index=built, verifier=None))


def passage_with(index: EvidenceIndex, words: str) -> Passage:
    for passage in index.passages:
        if words in passage.raw_text:
            return passage
    raise LookupError(words)


def build_breakdown(index: EvidenceIndex, transcript: Path, claims: int | None = None) -> Breakdown:
    """The drafted breakdown: one claim per turn (or `claims` claims, cycling through the turns), each
    citing the 10-K's passages where the turn's figure stands."""
    quotes = {
        0: "Reality Labs reported a loss from operations of $16.12 billion for fiscal 2023",
        2: "Meta had 67,317 employees at the end of 2023",
        4: "The Family of Apps segment earned $62.87 billion of income from operations in 2023.",
    }
    labels = [Label.REAL, Label.PARTIALLY_TRUE, Label.REAL, Label.HYPE, Label.REAL]
    verdicts = []
    for i in range(claims if claims is not None else len(TURNS)):
        turn = i % len(TURNS)
        said = TURNS[turn]
        evidence = []
        if turn in quotes:
            evidence.append(make_evidence(quotes[turn], passage=passage_with(index, quotes[turn])))
        evidence.append(make_evidence("Meta's stated mission", passage=passage_with(index, "stated mission")))
        claim = make_claim(
            said.rstrip("."),
            claim_id=f"c{i:03d}",
            transcript_id=SLUG,
            quote=said,
            speaker=SPEAKER,
            start=float(i * 15),
            timecode=f"00:{i * 15 // 60:02d}:{i * 15 % 60:02d}",
        )
        draft = make_draft(
            claim.id,
            label=labels[turn],
            confidence=[0.9, 0.5, 0.8, 0.3, 0.95][turn],
            needs_review=turn in (1, 3),
            evidence=evidence,
        )
        if turn == 1:
            draft = draft.model_copy(update={"review_reasons": ["no source states this figure"]})
        verdicts.append(make_verdict(claim, draft))
    return make_breakdown(
        verdicts,
        slug=SLUG,
        title="Zuckerberg on Meta's year",
        source_path=str(transcript),
        speakers=[SPEAKER],
    )


def _vtt_time(seconds: int) -> str:
    return f"00:{seconds // 60:02d}:{seconds % 60:02d}.000"


def write_transcript(folder: Path) -> Path:
    """The transcript as WebVTT: turn i is said from 15·i seconds, as its claim's start says."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{SLUG}.vtt"
    cues = [
        f"{_vtt_time(i * 15)} --> {_vtt_time(i * 15 + 10)}\n<v {SPEAKER}>{turn}\n"
        for i, turn in enumerate(TURNS)
    ]
    path.write_text("WEBVTT\n\n" + "\n".join(cues), encoding="utf-8")
    return path


def make_out(
    root: Path, *, claims: int | None = None, index: EvidenceIndex | None = None
) -> tuple[Path, Breakdown]:
    """`root/out` with the breakdown drafted and registered, and its transcript in `root`."""
    built = index or corpus_index()
    breakdown = build_breakdown(built, write_transcript(root), claims)
    out = root / "out"
    write_drafts(out, breakdown)
    return out, breakdown


def app_settings(out: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {"corpus_dir": CORPUS, "embedding_model": "hashing-64", **overrides}
    return Settings(out_dir=out, **values)


_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(html: str) -> str:
    found = _CSRF.search(html)
    assert found, "the page has a form with a CSRF token"
    return found.group(1)


def field_values(html: str, name: str) -> Sequence[str]:
    """The values of the inputs named `name`, as a browser would send them."""
    return [html_module.unescape(v) for v in re.findall(rf'name="{re.escape(name)}" value="([^"]*)"', html)]
