"""Which evidence a verdict reads: the primary passages (relevant, not a breakdown, best source first),
the texts that are checked (a compound claim's parts, else the claim), and each text's quotes.

Both the stance requests (claimcheck/verify/stance.py) and the policy read evidence through here, so the
verifier scores exactly the quotes the policy judges.
"""

from __future__ import annotations

from collections.abc import Sequence

from claimcheck.models import Claim, DocKind, Evidence
from claimcheck.settings import Settings
from claimcheck.verify.quotes import make_evidence

# Higher ranks first when several passages settle the same figure: a filing outranks a model card,
# which outranks anything else. Breakdowns are never evidence.
SOURCE_RANK: dict[DocKind, int] = {DocKind.TEN_K: 0, DocKind.MODEL_CARD: 1, DocKind.OTHER: 2}


def primary(evidence: Sequence[Evidence], settings: Settings) -> list[Evidence]:
    """Related evidence that may support a verdict: relevant enough and not a past breakdown."""
    kept = [
        e
        for e in evidence
        if e.score >= settings.min_relevance and e.passage.citation.kind != DocKind.BREAKDOWN
    ]
    return sorted(
        kept, key=lambda e: (SOURCE_RANK.get(e.passage.citation.kind, 3), -e.score, e.passage.passage_id)
    )


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
