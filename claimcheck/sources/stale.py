"""Stale verdicts: the approved verdicts a corpus change overturns or leaves without their evidence.

An approved verdict is stale when

- a document its evidence quotes was removed from the corpus, or
- is superseded by another (a 10-K/A whose front matter says `supersedes: <doc_id>`), or
- was replaced with other text, so that the quoted words are no longer where the card says they are, or
- re-drafting its claim against the current corpus gives another label than its draft had (a new
  filing, or a revised card, now settles it differently).

A draft made against an index of exactly the current corpus (the same corpus hash, model and chunking,
as its `index_manifest` records) cannot have gone stale and is not re-drafted, so a check after no change
costs next to nothing.

`check_stale` finds them, re-drafts each, and flags it in the review store (`ReviewStore.flag_stale`):
the decision goes back to draft with a `reopen` audit row saying why, and the approved and re-drafted
evidence are kept side by side for `claimcheck review stale`. The re-draft replaces the claim's draft in
`OUT/drafts/` (marked for review with the reason), so the review queue shows it. Nothing on the published
site changes: the site is only ever written by `publish`, and a reopened verdict is published again only
once an editor approves it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from pydantic import BaseModel

from claimcheck.corpus import load_corpus
from claimcheck.drafts import read_all_drafts, write_draft
from claimcheck.errors import ReviewError
from claimcheck.index.manifest import IndexManifest
from claimcheck.models import Breakdown, Document, DraftVerdict, Evidence, Label, Verdict, VerdictStatus
from claimcheck.progress import NO_PROGRESS, Progress
from claimcheck.review.commands import open_existing_store
from claimcheck.review.merge import apply_decisions, check_registered
from claimcheck.review.records import StaleRecord
from claimcheck.settings import Settings
from claimcheck.sources.manage import document_front_matter


class StaleFinding(BaseModel):
    """One approved verdict found stale: why, what was approved, and the re-draft."""

    transcript_id: str
    claim_id: str
    reasons: list[str]
    old_label: Label
    old_evidence: list[Evidence]
    new_draft: DraftVerdict


class StaleReport(BaseModel):
    checked: int  # approved verdicts checked
    redrafted: int  # of those, re-drafted (the rest were drafted against the corpus as it is)
    flagged: list[StaleFinding]  # found stale by this check (and sent back to review)
    open: list[StaleRecord]  # every stale verdict still waiting for an editor, this check's included


def superseded_documents(corpus_dir: Path, docs: Sequence[Document]) -> dict[str, str]:
    """{doc_id: the doc_id of the document that supersedes it}, from `supersedes:` front matter keys."""
    found: dict[str, str] = {}
    for doc in docs:
        target = document_front_matter(corpus_dir, doc).get("supersedes")
        if isinstance(target, str) and target.strip():
            found[target.strip()] = doc.doc_id
    return found


def evidence_problems(
    evidence: Sequence[Evidence], docs: Mapping[str, Document], superseded: Mapping[str, str]
) -> list[str]:
    """Why the quoted evidence no longer stands in the corpus (empty when it all does)."""
    problems: list[str] = []
    for item in evidence:
        doc_id = item.passage.doc_id
        doc = docs.get(doc_id)
        if doc is None:
            problem = f"{doc_id} was removed from the corpus"
        elif doc_id in superseded:
            problem = f"{doc_id} is superseded by {superseded[doc_id]}"
        elif doc.raw[item.quote_start : item.quote_end] != item.quote:
            problem = f"{doc_id} was replaced: the quoted words are no longer in it where the card cites them"
        else:
            continue
        if problem not in problems:
            problems.append(problem)
    return problems


def find_stale(
    approved: Sequence[tuple[Verdict, Verdict]],
    docs: Mapping[str, Document],
    superseded: Mapping[str, str],
    redrafts: Sequence[DraftVerdict | None],
) -> list[StaleFinding]:
    """The stale ones among `approved` ((draft verdict, merged verdict) pairs), given each one's re-draft
    against the current corpus (None for a claim an editor added, which has no draft to compare)."""
    findings: list[StaleFinding] = []
    for (drafted, merged), redraft in zip(approved, redrafts, strict=True):
        reasons = evidence_problems(merged.evidence, docs, superseded)
        old_draft = drafted.draft
        if redraft is not None and old_draft is not None and redraft.label != old_draft.label:
            reasons.append(
                f"the current corpus settles it differently: re-drafted as {redraft.label.display}, "
                f"drafted as {old_draft.label.display} before"
            )
        if not reasons or redraft is None:
            continue
        findings.append(
            StaleFinding(
                transcript_id=drafted.claim.transcript_id,
                claim_id=drafted.claim.id,
                reasons=reasons,
                old_label=merged.label,
                old_evidence=merged.evidence,
                new_draft=redraft,
            )
        )
    return findings


def _with_redrafts(breakdown: Breakdown, findings: Mapping[tuple[str, str], StaleFinding]) -> Breakdown:
    verdicts: list[Verdict] = []
    for verdict in breakdown.verdicts:
        finding = findings.get((verdict.claim.transcript_id, verdict.claim.id))
        if finding is not None:
            reason = "stale: " + "; ".join(finding.reasons)
            new = finding.new_draft
            draft = new.model_copy(
                update={"needs_review": True, "review_reasons": [*new.review_reasons, reason]}
            )
            verdict = verdict.model_copy(
                update={
                    "draft": draft,
                    "label": draft.label,
                    "rationale": draft.rationale,
                    "confidence": draft.confidence,
                    "evidence": draft.evidence,
                    "status": VerdictStatus.DRAFT,
                }
            )
        verdicts.append(verdict)
    return breakdown.model_copy(update={"verdicts": verdicts})


def _drafted_on(breakdown: Breakdown, manifest: IndexManifest) -> bool:
    """Whether the breakdown was drafted against an index of exactly this corpus, model and chunking."""
    drafted = breakdown.index_manifest
    return (
        drafted.get("corpus_hash") == manifest.corpus_hash
        and drafted.get("model") == manifest.model
        and drafted.get("chunk_max_tokens") == manifest.chunk_max_tokens
        and drafted.get("chunker_version") == manifest.chunker_version
    )


def check_stale(
    out_dir: Path,
    settings: Settings,
    *,
    corpus_dir: Path | None = None,
    index_dir: Path | None = None,
    progress: Progress = NO_PROGRESS,
) -> StaleReport:
    """Find, re-draft and flag the stale verdicts of `out_dir` against the corpus (`corpus_dir`, or the
    one `index_dir` was built from, or the corpus_dir setting); list every open one."""
    from claimcheck.embedding import load_embedder
    from claimcheck.index import EvidenceIndex, open_index
    from claimcheck.outdir import out_writer
    from claimcheck.pipeline import judge_all, retrieve
    from claimcheck.verify.stance import load_verifier

    embedder = load_embedder(settings)
    if index_dir is not None:
        index = EvidenceIndex.load(index_dir, embedder, settings)
        root = corpus_dir or Path(index.manifest.corpus_dir)
        docs_list = load_corpus(root, settings.max_document_bytes)
    else:
        root = corpus_dir or settings.corpus_dir
        docs_list = load_corpus(root, settings.max_document_bytes)
        index = open_index(
            settings, embedder, corpus_dir=root, index_dir=None, cache_dir=out_dir / ".index", docs=docs_list
        )
    docs = {doc.doc_id: doc for doc in docs_list}
    superseded = superseded_documents(root, docs_list)
    with out_writer(out_dir, settings), open_existing_store(out_dir) as store:
        breakdowns = read_all_drafts(out_dir)
        check_registered(breakdowns, store)
        approved: list[tuple[Verdict, Verdict]] = []
        checked = 0
        for breakdown in breakdowns:
            merged = apply_decisions(breakdown, store)
            pairs = [
                (drafted, final)
                for drafted, final in zip(breakdown.verdicts, merged.verdicts, strict=False)
                if final.status is VerdictStatus.APPROVED
            ]
            checked += len(pairs)
            if not _drafted_on(breakdown, index.manifest):
                approved.extend(pairs)  # (drafted against this very corpus and index: nothing to re-draft)
        claims = [drafted.claim for drafted, _ in approved]
        verifier = load_verifier(settings.nli_model) if claims else None
        items = retrieve(claims, index, settings, progress)
        redrafts: list[DraftVerdict | None] = list(judge_all(items, settings, verifier, progress))
        findings = find_stale(approved, docs, superseded, redrafts)
        flagged: list[StaleFinding] = []
        for finding in findings:
            if store.flag_stale(
                finding.transcript_id,
                finding.claim_id,
                reasons=finding.reasons,
                old_label=finding.old_label,
                old_evidence=finding.old_evidence,
                new_draft=finding.new_draft,
            ):
                flagged.append(finding)
        by_claim = {(f.transcript_id, f.claim_id): f for f in flagged}
        for breakdown in breakdowns:
            if any((v.claim.transcript_id, v.claim.id) in by_claim for v in breakdown.verdicts):
                redrafted = _with_redrafts(breakdown, by_claim)
                store.sync_drafts(redrafted)
                write_draft(out_dir, redrafted)
        still_open = store.stale_verdicts()
    if not breakdowns:
        raise ReviewError("no drafts to check", path=out_dir, hint="run `claimcheck run TRANSCRIPT` first")
    return StaleReport(checked=checked, redrafted=len(approved), flagged=flagged, open=still_open)
