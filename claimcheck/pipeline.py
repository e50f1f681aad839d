"""Compose the stages for one transcript and for a batch.

transcript ─read─▶ Transcript ─segment─▶ Claims ─retrieve─▶ ClaimEvidence ─judge─▶ DraftVerdicts ─▶ Breakdown
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimcheck.batch import BatchReport, RunResult, in_path_order, read_batch
from claimcheck.claims import claim_parts, extract_claims, load_nlp
from claimcheck.corpus.kinds import is_evidence, kind_info
from claimcheck.drafts import write_draft
from claimcheck.embedding import Embedder, load_embedder
from claimcheck.errors import ClaimcheckError
from claimcheck.index import EvidenceIndex, open_index
from claimcheck.inputs import ClaimLine
from claimcheck.models import (
    Breakdown,
    Claim,
    ClaimEvidence,
    DraftVerdict,
    SearchHit,
    Transcript,
    TranscriptMeta,
    Utterance,
    Verdict,
    VerdictStatus,
)
from claimcheck.preflight import check_engine_paths
from claimcheck.review import open_store
from claimcheck.settings import Settings
from claimcheck.verify.policy import judge
from claimcheck.verify.quotes import make_evidence
from claimcheck.verify.stance import Verifier, load_verifier, score_stances


@dataclass
class Engine:
    """The heavy objects, built once and passed to every stage."""

    settings: Settings
    nlp: Any  # spacy.language.Language
    embedder: Embedder
    index: EvidenceIndex
    verifier: Verifier | None = None

    @classmethod
    def load(
        cls, settings: Settings, *, corpus_dir: Path | None = None, index_dir: Path | None = None
    ) -> Engine:
        check_engine_paths(settings, corpus_dir=corpus_dir, index_dir=index_dir)
        embedder = load_embedder(settings)
        if index_dir is None and corpus_dir is None:
            corpus_dir = settings.corpus_dir
        index = open_index(
            settings,
            embedder,
            corpus_dir=corpus_dir,
            index_dir=index_dir,
            cache_dir=settings.out_dir / ".index",
        )
        verifier = load_verifier(settings.nli_model)
        return cls(settings=settings, nlp=load_nlp(), embedder=embedder, index=index, verifier=verifier)


def sources_searched(index: EvidenceIndex) -> list[str]:
    """Which documents a verdict's search covered, one "kind: title (period)" line per document."""
    seen: dict[str, str] = {}
    for passage in index.passages:
        cite = passage.citation
        if not is_evidence(cite.kind):
            continue
        parts = [f"{kind_info(cite.kind).label}: {cite.title}"]
        if cite.period:
            parts.append(f"({cite.period})")
        seen.setdefault(passage.doc_id, " ".join(parts))
    return [seen[k] for k in sorted(seen)]


def relevance(hit: SearchHit) -> float:
    """How related a hit is to its query, on the scale `min_relevance` is set on: cosine similarity
    (a hybrid hit's fused score is a rank statistic, so its cosine is used)."""
    return hit.dense_score if hit.dense_score is not None else hit.score


def retrieve(claims: Sequence[Claim], index: EvidenceIndex, settings: Settings) -> list[ClaimEvidence]:
    searched = sources_searched(index)
    texts = [c.text for c in claims]
    hits = index.search_many(texts, settings.retrieve_k, mode=settings.search_mode) if claims else []
    return [
        ClaimEvidence(
            claim=claim,
            evidence=[make_evidence(h.passage, claim.text, relevance(h)) for h in claim_hits],
            sources_searched=searched,
        )
        for claim, claim_hits in zip(claims, hits, strict=True)
    ]


def judge_all(
    items: Sequence[ClaimEvidence], settings: Settings, verifier: Verifier | None = None
) -> list[DraftVerdict]:
    stances = score_stances(items, verifier, settings)
    return [judge(item, settings, s) for item, s in zip(items, stances, strict=True)]


def draft_breakdown(
    transcript: Transcript, claims: Sequence[Claim], drafts: Sequence[DraftVerdict], index: EvidenceIndex
) -> Breakdown:
    meta = transcript.meta
    verdicts = [
        Verdict(
            claim=claim,
            draft=draft,
            label=draft.label,
            rationale=draft.rationale,
            confidence=draft.confidence,
            status=VerdictStatus.DRAFT,
            evidence=draft.evidence,
        )
        for claim, draft in zip(claims, drafts, strict=True)
    ]
    return Breakdown(
        slug=transcript.id,
        title=meta.title or transcript.id,
        show=meta.show,
        episode=meta.episode,
        date=meta.date,
        speakers=meta.speakers,
        url=meta.url,
        summary=meta.summary,
        source_path=transcript.source_path,
        status=VerdictStatus.DRAFT,
        verdicts=verdicts,
        index_manifest=index.manifest.model_dump(mode="json", exclude={"doc_hashes"}),
    )


def process_transcript(transcript: Transcript, engine: Engine) -> Breakdown:
    claims = extract_claims(transcript, engine.nlp, engine.settings)
    items = retrieve(claims, engine.index, engine.settings)
    drafts = judge_all(items, engine.settings, engine.verifier)
    return draft_breakdown(transcript, claims, drafts, engine.index)


def draft_batch(
    transcripts: Sequence[Transcript],
    failed: Sequence[RunResult],
    engine: Engine,
    out_dir: Path,
    paths: Sequence[Path],
) -> BatchReport:
    """Draft every transcript read (`batch.read_batch`) and sync its claims into the review store. One
    that fails, with a library error or an unexpected one, is reported and the others complete."""
    results = list(failed)
    with open_store(out_dir) as store:
        for transcript in transcripts:
            try:
                breakdown = process_transcript(transcript, engine)
                path = write_draft(out_dir, breakdown)
                sync = store.sync_drafts(breakdown)
            except ClaimcheckError as exc:
                error = exc.message()
            except Exception as exc:  # a bug must not cost the rest of the batch its drafts
                error = f"{transcript.source_path}: unexpected error ({type(exc).__name__}: {exc})"
            else:
                results.append(
                    RunResult(
                        path=transcript.source_path,
                        slug=transcript.id,
                        ok=True,
                        claims=len(breakdown.verdicts),
                        draft_path=str(path),
                        reattached=len(sync.reattached),
                        orphaned=len(sync.orphaned),
                    )
                )
                continue
            results.append(RunResult(path=transcript.source_path, slug=transcript.id, ok=False, error=error))
    return in_path_order(results, paths)


def run_batch(paths: Sequence[Path], engine: Engine, out_dir: Path) -> BatchReport:
    """Draft every transcript with a loaded engine; one bad transcript is reported and the others complete.
    (`batch.run_transcripts` checks and reads everything before it loads the engine.)"""
    transcripts, failed = read_batch(paths, engine.settings)
    return draft_batch(transcripts, failed, engine, out_dir, paths)


def claims_from_lines(lines: Sequence[ClaimLine], engine: Engine) -> list[Claim]:
    """Bare claims (`verify --claims`) as Claims, typed by the same segmenter as transcripts."""
    claims: list[Claim] = []
    for line in lines:
        transcript = Transcript(
            id="verify",
            source_path="<claims>",
            format="prose",
            meta=TranscriptMeta(date=line.date),
            utterances=[Utterance(index=0, text=line.text)],
        )
        typed = extract_claims(transcript, engine.nlp, engine.settings, include_all=True)
        claim_type = typed[0].type if typed else Claim.model_fields["type"].default
        claims.append(
            Claim(
                id=line.id,
                transcript_id="verify",
                text=line.text,
                quote=line.text,
                type=claim_type,
                date=line.date,
                overlong=len(line.text.split()) > engine.settings.max_claim_words,
            )
        )
    for claim, parts in zip(claims, claim_parts([c.text for c in claims], engine.nlp), strict=True):
        claim.parts = parts
    return claims


def verify_claims(lines: Sequence[ClaimLine], engine: Engine) -> list[DraftVerdict]:
    claims = claims_from_lines(lines, engine)
    return judge_all(retrieve(claims, engine.index, engine.settings), engine.settings, engine.verifier)
