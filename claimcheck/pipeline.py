"""Compose the stages for one transcript and for a batch.

transcript ─read─▶ Transcript ─segment─▶ Claims ─retrieve─▶ ClaimEvidence ─judge─▶ DraftVerdicts ─▶ Breakdown
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from claimcheck.batch import BatchReport, RunResult, in_path_order, read_batch, refused
from claimcheck.claims import claim_parts, extract_claims, load_nlp
from claimcheck.claims.aliases import CorpusOwners, ModelAliases
from claimcheck.claims.checkworthiness import CheckworthinessModel, load_checkworthiness_model
from claimcheck.claims.subjects import parse_model
from claimcheck.claims.triggers import names_no_one
from claimcheck.companies import company_keys
from claimcheck.corpus import load_corpus
from claimcheck.corpus.kinds import is_evidence, kind_info
from claimcheck.drafts import draft_path, read_draft, write_draft
from claimcheck.embedding import Embedder, load_embedder
from claimcheck.errors import ClaimcheckError
from claimcheck.index import EvidenceIndex, PassageFilter, open_index
from claimcheck.inputs import ClaimLine
from claimcheck.models import (
    Breakdown,
    Claim,
    ClaimEvidence,
    ClaimSubject,
    DraftVerdict,
    SearchHit,
    Transcript,
    TranscriptMeta,
    Utterance,
    Verdict,
    VerdictStatus,
)
from claimcheck.outdir import out_writer
from claimcheck.preflight import check_engine_paths
from claimcheck.progress import NO_PROGRESS, Progress
from claimcheck.quantities import spoken_to_digits
from claimcheck.review import ReviewStore, SyncReport, open_store
from claimcheck.settings import Settings
from claimcheck.verify.assess import FigureChecks
from claimcheck.verify.dates import date_search_words
from claimcheck.verify.evidence import check_texts
from claimcheck.verify.fields import FieldPassages
from claimcheck.verify.policy import judge, stance_wanted
from claimcheck.verify.quotes import make_evidence
from claimcheck.verify.stance import Verifier, load_verifier, score_stances
from claimcheck.verify.subjects import document_citations, subject_documents
from claimcheck.verify.terms import expansion_words


@dataclass
class Engine:
    """The heavy objects, built once and passed to every stage."""

    settings: Settings
    nlp: Any  # spacy.language.Language
    embedder: Embedder
    index: EvidenceIndex
    verifier: Verifier | None = None

    @cached_property
    def fields(self) -> FieldPassages:
        """The index's dated and listed fields, found once for every transcript the engine drafts."""
        return FieldPassages(self.index.passages, self.settings)

    @cached_property
    def model_aliases(self) -> ModelAliases:
        """The sizes and variants that name one model of the corpus ("405B": Llama 3.1 405B), found once."""
        return ModelAliases.from_texts(
            ((p.doc_id, p.raw_text) for p in self.index.passages),
            share=self.settings.alias_share,
            min_documents=self.settings.alias_min_documents,
        )

    @cached_property
    def corpus_owners(self) -> CorpusOwners:
        """Whose documents print a product's or segment's name ("Darzalex": J&J's), read once."""
        return CorpusOwners.from_texts(
            ((p.citation.company, p.raw_text) for p in self.index.passages),
            min_mentions=self.settings.corpus_owner_min_mentions,
        )

    @cached_property
    def corpus_companies(self) -> frozenset[str]:
        """The companies the index has documents of, each by its `company_key` ("best buy" for "BEST BUY
        CO., INC."): a transcript's front-matter name of one is a company (`Lexicon.from_meta`)."""
        return company_keys(p.citation.company for p in self.index.passages)

    @classmethod
    def load(
        cls,
        settings: Settings,
        *,
        corpus_dir: Path | None = None,
        index_dir: Path | None = None,
        progress: Progress = NO_PROGRESS,
        threads: int | None = None,
    ) -> Engine:
        """Load the embedder, the index (building the corpus's when its cache is stale), the verifier and
        spaCy, each reported to `progress` ("Loading models", with the index build's stages inside).
        `threads`: the threads torch and the verifier may use (None: their defaults, one per core); a
        batch worker that shares the cores with others passes its share."""
        check_engine_paths(settings, corpus_dir=corpus_dir, index_dir=index_dir)
        if index_dir is None and corpus_dir is None:
            corpus_dir = settings.corpus_dir
        # the corpus is read (and a bad document refused) before any model loads
        docs = (
            load_corpus(corpus_dir, settings.max_document_bytes) if index_dir is None and corpus_dir else None
        )
        with progress.stage("Loading models", total=4) as advance:
            embedder = load_embedder(settings)
            if threads is not None and "torch" in sys.modules:
                sys.modules["torch"].set_num_threads(threads)
            advance(1)
            index = open_index(
                settings,
                embedder,
                corpus_dir=corpus_dir,
                index_dir=index_dir,
                cache_dir=settings.out_dir / ".index",
                progress=progress,
                docs=docs,
            )
            advance(1)
            verifier = load_verifier(settings.nli_model, threads=threads)
            advance(1)
            nlp = load_nlp()
            advance(1)
        return cls(settings=settings, nlp=nlp, embedder=embedder, index=index, verifier=verifier)


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


def relevance(hit: SearchHit, settings: Settings) -> float:
    """How related a hit is to its query, on the scale `min_relevance` is set on: cosine similarity
    (a hybrid hit's fused score is a rank statistic, so its cosine is used). A hit holding a figure the
    query states (hybrid's figure channel) is related from `figure_min_relevance` on: a table row
    ("| Llama 3.3 (text only) | … | 128k |") is worded far from what is said of it."""
    score = hit.dense_score if hit.dense_score is not None else hit.score
    if hit.figure_match and score >= settings.figure_min_relevance:
        return max(score, settings.min_relevance)
    return score


# Claims searched per `search_many` call, so progress is reported between calls: eight embedder batches.
RETRIEVE_STEP = 256


def retrieve(
    claims: Sequence[Claim],
    index: EvidenceIndex,
    settings: Settings,
    progress: Progress = NO_PROGRESS,
    fields: FieldPassages | None = None,
) -> list[ClaimEvidence]:
    """Each claim's evidence: the search's `retrieve_k` passages, searched `RETRIEVE_STEP` claims at a time
    (each step reported to `progress`, "Retrieving evidence"), then its subject's labelled fields
    (`fields`: `Engine.fields`, else found here)."""
    searched = sources_searched(index)
    # "thirty one percent" is searched as "31 percent"; "came out in June" also as "release date"; "capex"
    # also as "capital expenditures"
    texts = [
        " ".join(
            w for w in (spoken_to_digits(c.text), date_search_words(c.text), expansion_words(c.text)) if w
        )
        for c in claims
    ]
    heads = settings.retrieve_channel_heads
    hits: list[list[SearchHit]] = []
    with progress.stage("Retrieving evidence", total=len(texts)) as advance:
        for start in range(0, len(texts), RETRIEVE_STEP):
            step = texts[start : start + RETRIEVE_STEP]
            hits.extend(
                index.search_many(step, settings.retrieve_k, mode=settings.search_mode, channel_heads=heads)
            )
            advance(len(step))
    scoped = _subject_search(claims, texts, index, settings)
    if fields is None:
        fields = FieldPassages(index.passages, settings)
    out: list[ClaimEvidence] = []
    for n, (claim, claim_hits) in enumerate(zip(claims, hits, strict=True)):
        found = {h.passage.passage_id for h in claim_hits}
        claim_hits = claim_hits + [h for h in scoped.get(n, []) if h.passage.passage_id not in found]
        evidence = [make_evidence(h.passage, claim.text, relevance(h, settings)) for h in claim_hits]
        seen = {e.passage.passage_id for e in evidence}
        # the subject's own "Release Date:" and "Supported languages:" lines, wherever the search ranked them
        for passage in fields.about(claim):
            if passage.passage_id not in seen:
                evidence.append(make_evidence(passage, claim.text, settings.min_relevance))
        out.append(ClaimEvidence(claim=claim, evidence=evidence, sources_searched=searched))
    return out


def _subject_search(
    claims: Sequence[Claim], texts: Sequence[str], index: EvidenceIndex, settings: Settings
) -> dict[int, list[SearchHit]]:
    """Claim position -> the `subject_retrieve_k` best passages among its subject's documents
    (`subject_documents`), for the claims with a typed subject; `RETRIEVE_STEP` claims per search."""
    k = settings.subject_retrieve_k
    if k <= 0 or not any(c.subject is not None for c in claims):
        return {}
    citations = document_citations(index.passages)
    groups: dict[frozenset[str], list[int]] = {}
    known: dict[tuple[str | None, str | None], frozenset[str] | None] = {}
    for n, claim in enumerate(claims):
        subject = claim.subject
        if subject is None:
            continue
        key = (subject.model, subject.company)
        if key not in known:
            known[key] = subject_documents(subject, citations)
        docs = known[key]
        if docs is not None:
            groups.setdefault(docs, []).append(n)
    out: dict[int, list[SearchHit]] = {}
    for docs, members in sorted(groups.items(), key=lambda kv: kv[1][0]):
        where = PassageFilter(doc_ids=docs)
        for start in range(0, len(members), RETRIEVE_STEP):
            step = members[start : start + RETRIEVE_STEP]
            found = index.search_many([texts[n] for n in step], k, mode=settings.search_mode, where=where)
            out.update(zip(step, found, strict=True))
    return out


def judge_all(
    items: Sequence[ClaimEvidence],
    settings: Settings,
    verifier: Verifier | None = None,
    progress: Progress = NO_PROGRESS,
) -> list[DraftVerdict]:
    """A draft verdict per claim; the verifier's stance scoring reports to `progress`."""
    # the pairs a figure (date, list, comparison) settles, or that are about another subject, are never read
    checks = FigureChecks()
    wanted = [stance_wanted(item, settings, checks) for item in items]
    stances = score_stances(items, verifier, settings, progress, wanted)
    drafts = [judge(item, settings, s, checks=checks) for item, s in zip(items, stances, strict=True)]
    return [_flag_cut(item, draft, verifier) for item, draft in zip(items, drafts, strict=True)]


def _flag_cut(item: ClaimEvidence, draft: DraftVerdict, verifier: Verifier | None) -> DraftVerdict:
    """`draft`, sent to review when the verifier read only the beginning of a claim that its window could
    not hold (an overlong sentence is flagged by the policy already)."""
    if verifier is None or item.claim.overlong:
        return draft
    texts = check_texts(item.claim)
    if not any(pair.cut for pair in verifier.fit([("", text) for text in texts])):
        return draft
    reason = "claim longer than the verifier's window: its stance was read from its first words only"
    return draft.model_copy(update={"needs_review": True, "review_reasons": [*draft.review_reasons, reason]})


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
        index_manifest=index.manifest.model_dump(mode="json", exclude={"doc_hashes", "files"}),
        warnings=transcript.warnings,
        topics=_text_list(meta.extra.get("topics")),
        entities=_text_list(meta.extra.get("entities")),
        roles=_roles(meta.extra.get("roles")),
        duration=_duration(transcript),
    )


def _text_list(value: object) -> list[str]:
    """A front matter list of names as text; anything else (a mapping, a number) gives nothing."""
    if not isinstance(value, list):
        return []
    return [str(v).strip() for v in value if isinstance(v, str | int | float) and str(v).strip()]


def _roles(value: object) -> dict[str, str]:
    """`roles:` in the front matter, a mapping of speaker name to role; anything else gives nothing."""
    if not isinstance(value, dict):
        return {}
    return {str(k).strip(): str(v).strip() for k, v in value.items() if str(k).strip() and isinstance(v, str)}


def _duration(transcript: Transcript) -> float | None:
    """Seconds from the first timecode to the last, or None without timecodes."""
    starts = [u.start for u in transcript.utterances if u.start is not None]
    ends = [u.end if u.end is not None else u.start for u in transcript.utterances if u.start is not None]
    if not starts:
        return None
    span = max(e for e in ends if e is not None) - min(starts)
    return span if span > 0 else None


def process_transcript(transcript: Transcript, engine: Engine, progress: Progress = NO_PROGRESS) -> Breakdown:
    """Claims, evidence and draft verdicts of one transcript, each stage reported to `progress`."""
    claims = extract_claims(
        transcript,
        engine.nlp,
        engine.settings,
        progress=progress,
        corpus_companies=engine.corpus_companies,
        corpus_sizes=engine.model_aliases.sizes,
        corpus_owner=engine.corpus_owners.owner,
        embedder=engine.embedder,
    )
    items = retrieve(claims, engine.index, engine.settings, progress, engine.fields)
    drafts = judge_all(items, engine.settings, engine.verifier, progress)
    return draft_breakdown(transcript, claims, drafts, engine.index)


def source_digest(path: str | Path) -> str | None:
    """sha256 of a transcript file's bytes (None when it cannot be read again)."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def claim_slugs(
    transcripts: Sequence[Transcript], out_dir: Path, *, replace: bool
) -> tuple[list[Transcript], list[RunResult]]:
    """The transcripts free to write their drafts, and a refusal for each one whose slug already holds
    another transcript's drafts (another source path and other content): running it would silently
    replace them. `replace` lets every transcript through."""
    free: list[Transcript] = []
    refusals: list[RunResult] = []
    for transcript in transcripts:
        existing = draft_path(out_dir, transcript.id)
        if replace or not existing.is_file():
            free.append(transcript)
            continue
        try:
            owner = read_draft(existing)
        except ClaimcheckError as exc:
            refusals.append(
                refused(
                    transcript,
                    f"the existing draft cannot be read ({exc.message()}); pass --replace to overwrite it",
                )
            )
            continue
        same_path = owner.source_path == transcript.source_path
        same_content = owner.source_sha256 is not None and owner.source_sha256 == source_digest(
            transcript.source_path
        )
        if same_path or same_content:
            free.append(transcript)
        else:
            refusals.append(
                refused(
                    transcript,
                    f"slug {transcript.id!r} already holds the drafts of {owner.source_path}; pass "
                    "--replace to replace them, or set another `slug:` in the front matter",
                )
            )
    return free, refusals


def flag_reopened(breakdown: Breakdown, report: SyncReport) -> Breakdown:
    """The breakdown with each draft whose re-attached approval went back to review marked as needing
    review, with the reason (the checkable text changed)."""
    reasons = {r.new_claim_id: r.review_reason for r in report.reattached if r.review_reason}
    if not reasons:
        return breakdown
    verdicts: list[Verdict] = []
    for verdict in breakdown.verdicts:
        reason = reasons.get(verdict.claim.id)
        if reason is not None and verdict.draft is not None:
            draft = verdict.draft.model_copy(
                update={"needs_review": True, "review_reasons": [*verdict.draft.review_reasons, reason]}
            )
            verdict = verdict.model_copy(update={"draft": draft})
        verdicts.append(verdict)
    return breakdown.model_copy(update={"verdicts": verdicts})


def draft_batch(
    transcripts: Sequence[Transcript],
    failed: Sequence[RunResult],
    engine: Engine,
    out_dir: Path,
    paths: Sequence[Path],
    *,
    replace: bool = False,
    progress: Progress = NO_PROGRESS,
) -> BatchReport:
    """Draft every transcript read (`batch.read_batch`); one that fails, with a library error or an
    unexpected one, is reported and the others complete.

    A transcript whose slug already holds another transcript's drafts is refused unless `replace`
    (`claim_slugs`). Holds the output folder's writer lock (`claimcheck.outdir.out_writer`) while it
    writes. Each transcript's claims are registered in the review store first, then its draft is written
    with the drafts whose approval went back to review flagged (`flag_reopened`). `progress` hears of
    each transcript done ("Transcripts") and of the stages inside each.
    """
    results = list(failed)
    with out_writer(out_dir, engine.settings), open_store(out_dir) as store:
        free, refusals = claim_slugs(transcripts, out_dir, replace=replace)
        results.extend(refusals)
        with progress.stage("Transcripts", total=len(free)) as advance:
            for transcript in free:
                results.append(_draft_one(transcript, engine, out_dir, store, progress))
                advance(1)
    return in_path_order(results, paths)


def run_batch(
    paths: Sequence[Path],
    engine: Engine,
    out_dir: Path,
    *,
    replace: bool = False,
    progress: Progress = NO_PROGRESS,
) -> BatchReport:
    """Draft every transcript with a loaded engine; one bad transcript is reported and the others complete.
    (`batch.run_transcripts` checks and reads everything before it loads the engine.)"""
    transcripts, failed = read_batch(paths, engine.settings)
    return draft_batch(transcripts, failed, engine, out_dir, paths, replace=replace, progress=progress)


# A claim in the first person plural: "We spent …", "Our revenue …".
_FIRST_PERSON = re.compile(r"\b(?:we|our|us)\b", re.IGNORECASE)


def _draft_one(
    transcript: Transcript, engine: Engine, out_dir: Path, store: ReviewStore, progress: Progress
) -> RunResult:
    """Draft one transcript, register its claims in `store` and write its draft; an error, a library's or
    an unexpected one, is the result's error (a bug must not cost the rest of the batch its drafts)."""
    try:
        breakdown = process_transcript(transcript, engine, progress)
        breakdown = breakdown.model_copy(update={"source_sha256": source_digest(transcript.source_path)})
        sync = store.sync_drafts(breakdown)
        path = write_draft(out_dir, flag_reopened(breakdown, sync))
    except Exception as exc:
        error = (
            exc.message()
            if isinstance(exc, ClaimcheckError)
            else f"{transcript.source_path}: unexpected error ({type(exc).__name__}: {exc})"
        )
        return RunResult(
            path=transcript.source_path,
            slug=transcript.id,
            ok=False,
            error=error,
            warnings=transcript.warnings,
        )
    return RunResult(
        path=transcript.source_path,
        slug=transcript.id,
        ok=True,
        claims=len(breakdown.verdicts),
        draft_path=str(path),
        reattached=len(sync.reattached),
        orphaned=len(sync.orphaned),
        reopened=sum(1 for r in sync.reattached if r.review_reason),
        warnings=transcript.warnings,
    )


def claims_from_lines(
    lines: Sequence[ClaimLine],
    engine: Engine,
    entities: Sequence[str] = (),
    progress: Progress = NO_PROGRESS,
) -> list[Claim]:
    """Bare claims (`verify --claims`) as Claims, typed by the same segmenter as transcripts, with the
    subject each names. `entities` play the part of a transcript's front matter (`entities`, named by its
    title): whom a claim that names no one ("Revenue grew 22 percent") is about. A claim that leans on a
    pronoun with nothing to resolve it ("It has 8 billion parameters") is marked `needs_context` and never
    checked against a guessed subject. Each line read is reported to `progress` ("Reading claims")."""
    names = [e for e in entities if e.strip()]
    companies = [n for n in names if parse_model(n) is None]
    voice = companies[0] if len(companies) == 1 else None  # whose "we" a claim speaks in
    meta_fields: dict[str, Any] = {"title": ", ".join(names), "extra": {"entities": names}} if names else {}
    claims: list[Claim] = []
    scorer = load_checkworthiness_model()  # read once, not once a line
    with progress.stage("Reading claims", total=len(lines)) as advance:
        for line in lines:
            claims.append(_claim_of_line(line, engine, names, meta_fields, voice, scorer))
            advance(1)
    texts = [c.text for c in claims]
    for claim, parts in zip(claims, claim_parts(texts, engine.nlp, progress=progress), strict=True):
        claim.parts = parts
    return claims


# Words an editor put in brackets in a claim line: "[Llama 3.1 405B]"; after a pronoun, in its place ("It
# [Northwind Robotics] had …").
_EDITOR_BRACKETS = re.compile(r"\[([^\[\]]*+)\]")
_EDITOR_PRONOUN = re.compile(
    r"\b(?:it|its|they|their|them|he|his|she|her|this|that|these|those)\s++\[([^\[\]]*+)\]", re.IGNORECASE
)


def _claim_of_line(
    line: ClaimLine,
    engine: Engine,
    names: Sequence[str],
    meta_fields: dict[str, Any],
    voice: str | None,
    scorer: CheckworthinessModel,
) -> Claim:
    """One bare claim typed and resolved as a one-line transcript whose front matter is `meta_fields`;
    `voice` is the company a claim in the first person speaks for (None when the entities name none or
    several)."""
    # a model named by its size or variant alone ("The 405B model alone") is the one the corpus means by it
    aliased = [m for m in engine.model_aliases.named_in(line.text) if m not in names]
    if aliased:
        names = [*names, *aliased]
        meta_fields = {"title": ", ".join(names), "extra": {"entities": names}}
    # a line an editor has already resolved ("[Llama 3.3] beats the four oh five [Llama 3.1 405B] …") is read
    # with its brackets' words and checked as written: it is not resolved a second time
    said = _EDITOR_BRACKETS.sub(r"\1", _EDITOR_PRONOUN.sub(r"\1", line.text))
    transcript = Transcript(
        id="verify",
        source_path="<claims>",
        format="prose",
        meta=TranscriptMeta(date=line.date, **meta_fields),
        utterances=[Utterance(index=0, text=said)],
    )
    typed = extract_claims(
        transcript,
        engine.nlp,
        engine.settings,
        include_all=True,
        model=scorer,
        corpus_companies=engine.corpus_companies,
        corpus_sizes=engine.model_aliases.sizes,
    )
    first = typed[0] if typed else None
    if first is not None and first.needs_context and not names and not names_no_one(first.unresolved or ""):
        # with no context given, only a pronoun ("It has …") is known to lean on one: "Northwind revenue
        # was …" may name its company in a way the tracker does not know, and is checked as written
        first = first.model_copy(update={"needs_context": False, "unresolved": None})
    if first is not None and first.subject is None and voice is not None and _FIRST_PERSON.search(line.text):
        # "We spent about 28 billion on capex", "In 2023 our revenue fell": a claim in the company's own
        # voice is about it
        first = first.model_copy(update={"subject": ClaimSubject(name=voice, company=voice)})
    # the checkable wording: "last year" anchored on the line's date ("last year [2023]"), a pronoun named
    # where the entities resolve it; a run-on line's clauses joined again
    checkable = " ".join(c.text for c in typed) if typed and said == line.text else line.text
    return Claim(
        id=line.id,
        transcript_id="verify",
        text=checkable,
        quote=line.text,
        type=first.type if first else Claim.model_fields["type"].default,
        date=line.date,
        subject=first.subject if first else None,
        period=first.period if first else None,
        needs_context=first.needs_context if first else False,
        unresolved=first.unresolved if first else None,
        overlong=len(line.text.split()) > engine.settings.max_claim_words,
    )


def verify_claims(
    lines: Sequence[ClaimLine],
    engine: Engine,
    entities: Sequence[str] = (),
    progress: Progress = NO_PROGRESS,
) -> list[DraftVerdict]:
    """A draft verdict per bare claim; reading, retrieval and stance scoring report to `progress`."""
    claims = claims_from_lines(lines, engine, entities, progress)
    items = retrieve(claims, engine.index, engine.settings, progress, engine.fields)
    return judge_all(items, engine.settings, engine.verifier, progress)
