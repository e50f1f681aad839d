"""Helpers shared by the tests of the fresh speech transcripts (test_fresh_speech_*.py and others): a talk
with front matter, its clauses by quote, the texts of those that say something, why a sentence is not a
claim, whether it is a pure opinion, and the outcomes of a claim's figure checks against one passage."""

from __future__ import annotations

import datetime as dt
from typing import Any

from spacy.language import Language

from claimcheck.claims import extract_claims, is_pure_opinion, non_claim_kind, segment
from claimcheck.claims.aliases import CorpusOwners
from claimcheck.models import Citation, Claim, DocKind, NonClaim, Passage, Transcript, TranscriptMeta
from claimcheck.verify.numbers import Outcome, check_passage
from tests.factories import SETTINGS, make_passage, make_transcript


def make_talk(*texts: str, **meta: Any) -> Transcript:
    """A transcript of `texts` whose front matter is `meta` (`entities`, `topics` and `segment` go in its
    extra fields, the rest are `TranscriptMeta` fields: title, summary …)."""
    transcript = make_transcript(*texts)
    extra = {k: meta.pop(k) for k in ("entities", "topics", "segment") if k in meta}
    return transcript.model_copy(
        update={"meta": TranscriptMeta(date=transcript.meta.date, extra=extra, **meta)}
    )


def claims_by_quote(
    nlp: Language, transcript: Transcript, corpus: frozenset[str] = frozenset()
) -> dict[str, Claim]:
    """Every clause of `transcript` (claim or not), keyed by its quote."""
    found = extract_claims(transcript, nlp, SETTINGS, include_all=True, corpus_companies=corpus)
    return {c.quote: c for c in found}


def model_talk_claim(nlp: Language, quote_part: str, *texts: str, entities: list[str]) -> tuple[str, bool]:
    """The checkable text and `needs_context` of the clause quoting `quote_part` in a talk of `texts` titled
    "Model talk" whose front matter lists `entities`."""
    talk = make_talk(*texts, title="Model talk", entities=entities)
    claim = next(c for q, c in claims_by_quote(nlp, talk).items() if quote_part in q)
    return claim.text, claim.needs_context


def texts_saying(
    nlp: Language, talk: Transcript, corpus: set[str], owners: CorpusOwners | None, said: str
) -> list[str]:
    """The checkable texts of the talk's clauses that say `said`, read with the corpus companies `corpus`
    and whose documents print what (`owners`; None: no corpus)."""
    found = extract_claims(
        talk,
        nlp,
        SETTINGS,
        include_all=True,
        corpus_companies=frozenset(corpus),
        corpus_owner=owners.owner if owners is not None else None,
    )
    return [c.text for c in found if said in c.quote]


def non_claim_of(nlp: Language, text: str) -> NonClaim | None:
    """Why `text`, said as one sentence of its own line, is not a claim (`non_claim_kind`), if a rule says."""
    sentences = segment(make_transcript(text), nlp, chunk_chars=SETTINGS.parse_chunk_chars)
    assert len(sentences) == 1
    return non_claim_kind(sentences[0], line_text=text)


def opinion_of(nlp: Language, text: str) -> bool:
    """Whether `text`, parsed whole, is a pure opinion (`is_pure_opinion`)."""
    return is_pure_opinion(nlp(text)[:])


def outcomes(claim: str, passage: Passage) -> list[Outcome]:
    return [c.outcome for c in check_passage(claim, passage, SETTINGS)]


def filed(text: str, company: str, year: int = 2022, year_end: dt.date | None = None) -> Passage:
    """`text` as a passage of `company`'s 10-K for fiscal `year` (which ended on `year_end`, if given)."""
    citation = Citation(
        title=f"{company} Form 10-K FY{year}",
        kind=DocKind.TEN_K,
        company=company,
        period=f"FY{year}",
        year_end=year_end,
    )
    return make_passage(text, citation=citation)
