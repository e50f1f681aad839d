"""Which evidence a verdict reads: the primary passages (relevant, not a breakdown, best source first),
the texts that are checked (a compound claim's parts, else the claim), and each text's quotes.

Both the stance requests (claimcheck/verify/stance.py) and the policy read evidence through here, so the
verifier scores exactly the quotes the policy judges.
"""

from __future__ import annotations

from collections.abc import Sequence

from claimcheck.companies import company_key
from claimcheck.corpus.kinds import is_evidence, source_rank
from claimcheck.models import Claim, DocKind, Evidence
from claimcheck.settings import Settings
from claimcheck.verify.quotes import make_evidence


def primary(evidence: Sequence[Evidence], settings: Settings) -> list[Evidence]:
    """Related evidence that may support a verdict: relevant enough and of an evidence kind (not a past
    breakdown); a compilation (a `fact-sheet`, or a document that names what it was `compiled_from`) after
    the primary sources of the same company, then the best-ranked source kind first
    (claimcheck/corpus/kinds.py; a fact sheet ranks as the kind of source it restates, so a 10-K fact sheet
    still comes before a model card's). A fact sheet is not put behind filings of other companies: where
    it is the only source about its company, it keeps its place."""
    kept = [e for e in evidence if e.score >= settings.min_relevance and is_evidence(e.passage.citation.kind)]
    with_primary = {_company(e) for e in kept if not _compiled(e)}
    return sorted(
        kept,
        key=lambda e: (
            _compiled(e) and _company(e) in with_primary,
            source_rank(e.passage.citation.source_kind),
            -e.score,
            e.passage.passage_id,
        ),
    )


def _company(evidence: Evidence) -> str:
    """The company a passage's source is about, for comparing sources ("" when it names none)."""
    return " ".join(company_key(evidence.passage.citation.company or ""))


def _compiled(evidence: Evidence) -> bool:
    """The passage is from a compilation of primary sources, not from a primary source itself."""
    citation = evidence.passage.citation
    return citation.kind == DocKind.FACT_SHEET or bool(citation.compiled_from)


def check_texts(claim: Claim) -> list[str]:
    """What is checked: each part of a compound claim, else the claim itself."""
    return claim.parts or [claim.text]


def part_evidence(claim: Claim, text: str, related: list[Evidence]) -> list[Evidence]:
    """The evidence one checked text reads: a compound claim's part is quoted at the sentence of each
    passage that best fits that part; a whole claim keeps its evidence as retrieved."""
    if not claim.parts:
        return related
    return [make_evidence(e.passage, text, e.score) for e in related]


def unique(evidence: list[Evidence]) -> list[Evidence]:
    """The evidence in order, each passage once (its first quote)."""
    seen: set[str] = set()
    out: list[Evidence] = []
    for e in evidence:
        if e.passage.passage_id not in seen:
            seen.add(e.passage.passage_id)
            out.append(e)
    return out
