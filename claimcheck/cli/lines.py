"""The lines the commands print: one model per `--json` line (its fields, in this order, are the line's
keys), and beside it the function that writes the same item as text.

The text forms format the unrounded values (the JSON lines round scores to 4 places). `run` and `review
list` print library models as they are (`RunResult`, `ReviewRow`); only their text form is here. The README's
command reference names each command's JSON line from `json_lines()`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from claimcheck.models import (
    Citation,
    Claim,
    ClaimType,
    DraftVerdict,
    Evidence,
    Label,
    NonClaim,
    Occurrence,
    Passage,
    SearchHit,
    Stance,
)
from claimcheck.text import one_line

if TYPE_CHECKING:
    from claimcheck.batch import RunResult
    from claimcheck.review import ReviewRow
    from claimcheck.review.records import StaleRecord

ORPHANS_HINT = "see `claimcheck review list --orphans`"


class ClaimLine(BaseModel):
    """`claims --json`: one sentence of the transcript, a claim or (with `--all`) not."""

    id: str
    text: str
    quote: str
    speaker: str | None
    start: float | None
    end: float | None
    occurrences: list[Occurrence]
    type: ClaimType
    checkworthiness: float
    is_claim: bool
    # why a sentence is not a claim when a rule or the learnt claim filter says so ("question", "talk", …)
    non_claim: NonClaim | None = None

    @classmethod
    def of(cls, claim: Claim) -> ClaimLine:
        line = cls.model_validate(claim, from_attributes=True)  # the claim's fields of the same names
        return line.model_copy(update={"checkworthiness": round(claim.checkworthiness, 4)})


def claim_text(claim: Claim) -> str:
    mark = "✓" if claim.is_claim else " "
    why = f" (not a claim: {claim.non_claim.value})" if claim.non_claim is not None else ""
    return f"{mark} {claim.checkworthiness:.2f} [{claim.type.value}]{why} {claim.speaker}: {claim.text}"


def _cites(passage: Passage) -> dict[str, Any]:
    """The keys of a line that cites a passage (the model's field order decides where they are printed)."""
    return {"passage_id": passage.passage_id, "doc_id": passage.doc_id, "citation": passage.citation}


class HitLine(BaseModel):
    passage_id: str
    doc_id: str
    text: str
    quote: str
    score: float
    citation: Citation

    @classmethod
    def of(cls, hit: SearchHit) -> HitLine:
        passage = hit.passage
        return cls(**_cites(passage), text=passage.text, quote=passage.raw_text, score=round(hit.score, 4))


class SearchLine(BaseModel):
    """`search --json`: one query's hits, best first."""

    id: str
    hits: list[HitLine]

    @classmethod
    def of(cls, query_id: str, hits: list[SearchHit]) -> SearchLine:
        return cls(id=query_id, hits=[HitLine.of(h) for h in hits])


def search_text(query_id: str, query: str, hits: list[SearchHit]) -> list[str]:
    """The text form of one query's hits: a header, then the rank, score, citation and quote of each."""
    shown = [f"# {query_id}: {query}"]
    for rank, hit in enumerate(hits, start=1):
        cite = hit.passage.citation
        where = ", ".join(
            x for x in (cite.company, cite.period, cite.section, _page(cite.page, cite.printed_page)) if x
        )
        shown.append(f"{rank:>2}. {hit.score:.3f}  {cite.title} — {where}")
        shown.append(f"    {one_line(hit.passage.raw_text, 160)}")
    return shown


def _page(page: int | None, printed: str | None = None) -> str | None:
    if page is None:
        return None
    return f"page {page}" + (f" (printed {printed})" if printed else "")


class EvidenceLine(BaseModel):
    doc_id: str
    passage_id: str
    quote: str
    citation: Citation

    @classmethod
    def of(cls, evidence: Evidence) -> EvidenceLine:
        return cls(**_cites(evidence.passage), quote=evidence.quote)


class VerdictLine(BaseModel):
    """`verify --json`: the draft verdict of one bare claim."""

    id: str
    label: Label
    confidence: float
    needs_review: bool
    rationale: str
    evidence: list[EvidenceLine]

    @classmethod
    def of(cls, claim_id: str, draft: DraftVerdict) -> VerdictLine:
        return cls(
            id=claim_id,
            label=draft.label,
            confidence=draft.confidence,
            needs_review=draft.needs_review,
            rationale=draft.rationale,
            evidence=[EvidenceLine.of(e) for e in draft.evidence],
        )


def verdict_text(claim_id: str, draft: DraftVerdict) -> str:
    return f"{claim_id}: {draft.label.display} ({draft.confidence:.2f}) — {draft.rationale}"


class StanceLine(BaseModel):
    """`stance --json`: the verifier's label and probabilities for one (premise, hypothesis) pair."""

    id: str
    label: Stance
    probs: dict[str, float]
    # The hypothesis alone was longer than the verifier's window allows: it read only its beginning.
    truncated: bool = False

    @classmethod
    def of(
        cls, pair_id: str, label: Stance, probs: dict[Stance, float], *, truncated: bool = False
    ) -> StanceLine:
        rounded = {s.value: round(p, 4) for s, p in probs.items()}
        return cls(id=pair_id, label=label, probs=rounded, truncated=truncated)


def stance_text(pair_id: str, label: Stance, probs: dict[Stance, float], *, truncated: bool = False) -> str:
    shown = ", ".join(f"{s.value} {p:.2f}" for s, p in probs.items())
    cut = " [hypothesis truncated to the verifier's window]" if truncated else ""
    return f"{pair_id}: {label.value} ({shown}){cut}"


def run_text(result: RunResult) -> str:
    """The text form of one transcript's `run` result (a failure's is its error, printed to stderr)."""
    if not result.ok:
        return f"Error: {result.error}"
    extra = f", {result.reattached} decisions re-attached" if result.reattached else ""
    extra += f" ({result.reopened} back to review: their claim changed)" if result.reopened else ""
    extra += f", {result.orphaned} orphaned ({ORPHANS_HINT})" if result.orphaned else ""
    return f"{result.path}: {result.claims} claims → {result.draft_path}{extra}"


# `review list`: the columns of `review_text`, and what `!` means (printed when a row has one).
_REVIEW_COLUMNS = "{id:<{w}}  {status:<8} {flag} {label:<14} {text}"
_ID_WIDTH = 30
REVIEW_HEADER = _REVIEW_COLUMNS.format(
    id="ID", w=_ID_WIDTH, status="STATUS", flag="!", label="LABEL", text="CLAIM"
)
REVIEW_LEGEND = "! = the draft needs review (low confidence or a review reason; `review show ID` says why)"


def review_text(row: ReviewRow) -> str:
    """The text form of one `review list` row: the first column is the id the commands take."""
    return _REVIEW_COLUMNS.format(
        id=row.ref,
        w=_ID_WIDTH,
        status=row.status,
        flag="!" if row.needs_review else " ",
        label=row.label_display,
        text=one_line(row.text, 90),
    )


def json_lines() -> dict[str, type[BaseModel]]:
    """The model of each command's `--json` line, by command path (for the README's reference)."""
    from claimcheck.batch import RunResult
    from claimcheck.batching.runner import BatchSummary
    from claimcheck.review import ReviewRow
    from claimcheck.review.records import StaleRecord
    from claimcheck.sources.manage import DocumentRow

    return {
        "run": RunResult,
        "batch": BatchSummary,
        "claims": ClaimLine,
        "search": SearchLine,
        "index search": SearchLine,
        "verify": VerdictLine,
        "stance": StanceLine,
        "review list": ReviewRow,
        "corpus list": DocumentRow,
        "review stale": StaleRecord,
    }


def _evidence_line(label: str, evidence: Evidence) -> str:
    quote = one_line(evidence.shown, 140)
    return f"  {label} “{quote}” — {evidence.passage.citation.title} [{evidence.passage.passage_id}]"


def stale_text(records: Sequence[StaleRecord]) -> list[str]:
    """`review stale`: per stale verdict, its id and labels, why, and the approved evidence beside the
    re-draft's (an `approved` line and a `now` line per position)."""
    out: list[str] = []
    for record in records:
        out.append(
            f"{record.ref}  approved {record.old_label.display} → re-drafted {record.new_label.display}"
        )
        out.extend(f"  why      {reason}" for reason in record.reasons)
        for position in range(max(len(record.old_evidence), len(record.new_evidence))):
            if position < len(record.old_evidence):
                out.append(_evidence_line("approved", record.old_evidence[position]))
            if position < len(record.new_evidence):
                out.append(_evidence_line("now     ", record.new_evidence[position]))
        if not record.new_evidence:
            out.append("  now      no evidence found in the current corpus")
    return out
