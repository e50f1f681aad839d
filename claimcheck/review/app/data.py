"""What the review app's pages and API show and do, over the drafts and the review store (no Flask here):
the queue's counts, a breakdown's rows, one claim with its draft, merged verdict and published card, and
turning a form or a JSON body into editor decisions, with evidence resolved to exact quotes."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from jinja2 import Environment
from markupsafe import Markup
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from claimcheck.drafts import draft_files, draft_path, read_draft
from claimcheck.errors import ClaimcheckError, ConflictError, ReviewError
from claimcheck.models import (
    Breakdown,
    DecisionAction,
    EditorDecision,
    Evidence,
    Label,
    Transcript,
    Verdict,
    VerdictStatus,
)
from claimcheck.review.app.checker import Checker, CheckerUnavailable
from claimcheck.review.commands import ReviewRow, RowFilter, rows_of
from claimcheck.review.merge import apply_decisions
from claimcheck.review.records import ClaimRecord, SaveOutcome, editor_claim_id
from claimcheck.review.store import ReviewStore
from claimcheck.settings import Settings

# A slug as `run` writes it (and as a page name allows): nothing else reaches the file system.
_SLUG_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class NotFoundError(ReviewError):
    """An unknown breakdown or claim (a 404 in the app)."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --------------------------------------------------------------------------------------------------
# drafts, read once per change


class DraftCache:
    """The drafts of an output folder, each parsed once and again only when its file changes."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self._lock = threading.Lock()
        self._parsed: dict[Path, tuple[tuple[int, int], Breakdown]] = {}

    def slugs(self) -> list[str]:
        return [path.stem for path in draft_files(self.out_dir)]

    def get(self, slug: str) -> Breakdown:
        if not _SLUG_RE.match(slug):
            raise NotFoundError(f"no breakdown {slug!r}", hint="pick one from the queue")
        path = draft_path(self.out_dir, slug)
        try:
            stat = os.stat(path)
        except FileNotFoundError:
            raise NotFoundError(f"no breakdown {slug!r}", hint="pick one from the queue") from None
        key = (stat.st_mtime_ns, stat.st_size)
        with self._lock:
            cached = self._parsed.get(path)
            if cached is not None and cached[0] == key:
                return cached[1]
        breakdown = read_draft(path)
        with self._lock:
            self._parsed[path] = (key, breakdown)
        return breakdown

    def all(self) -> list[Breakdown]:
        return [self.get(slug) for slug in self.slugs()]


# --------------------------------------------------------------------------------------------------
# the queue and a breakdown's rows


class QueueRow(Strict):
    slug: str
    title: str
    claims: int
    to_review: int  # drafts no editor approved or rejected yet
    approved: int
    rejected: int
    needs_review: int  # drafts flagged for review, not yet decided


def verdicts_by_id(breakdown: Breakdown) -> dict[tuple[str, str], Verdict]:
    return {(v.claim.transcript_id, v.claim.id): v for v in breakdown.verdicts}


def breakdown_rows(
    store: ReviewStore, breakdown: Breakdown, where: RowFilter | None = None
) -> list[ReviewRow]:
    """The breakdown's claims in transcript order (editor-added ones where they were said)."""
    rows = rows_of(store.list_claims(breakdown.slug), verdicts_by_id(breakdown))
    drafted = {v.claim.id: v.claim.start for v in breakdown.verdicts}
    starts = {r.claim_id: drafted.get(r.claim_id) for r in rows}
    added = {r.claim_id: r.start for r in store.list_claims(breakdown.slug) if r.added_by_editor}
    order = {row.claim_id: i for i, row in enumerate(rows)}

    def when(row: ReviewRow) -> tuple[float, int]:
        start = starts.get(row.claim_id)
        if start is None:
            start = added.get(row.claim_id)
        return (start if start is not None else float("inf"), order[row.claim_id])

    rows.sort(key=when)
    return [row for row in rows if where is None or where.admits(row)]


def queue_row(store: ReviewStore, breakdown: Breakdown) -> QueueRow:
    rows = breakdown_rows(store, breakdown)
    drafts = [r for r in rows if r.status == VerdictStatus.DRAFT.value]
    return QueueRow(
        slug=breakdown.slug,
        title=breakdown.title,
        claims=len(rows),
        to_review=len(drafts),
        approved=sum(r.status == VerdictStatus.APPROVED.value for r in rows),
        rejected=sum(r.status == VerdictStatus.REJECTED.value for r in rows),
        needs_review=sum(r.needs_review for r in drafts),
    )


def confident_ids(rows: Sequence[ReviewRow], settings: Settings) -> list[str]:
    """Undecided drafts at or above the review threshold and not flagged: what "approve every draft above
    the review threshold" selects."""
    return [
        r.claim_id
        for r in rows
        if r.status == VerdictStatus.DRAFT.value
        and not r.needs_review
        and r.confidence is not None
        and r.confidence >= settings.review_confidence
    ]


# --------------------------------------------------------------------------------------------------
# one claim


class ClaimView(Strict):
    """Everything the claim page shows."""

    breakdown_slug: str
    record: ClaimRecord
    row: ReviewRow
    verdict: Verdict  # the draft with the editors' decisions applied
    drafted: Verdict | None  # the draft as `run` wrote it (None for an editor-added claim)


def find_record(store: ReviewStore, slug: str, claim_id: str) -> ClaimRecord:
    for record in store.list_claims(slug):
        if record.claim_id == claim_id:
            return record
    raise NotFoundError(f"no claim {claim_id!r} in {slug!r}", hint="pick one from the breakdown's list")


def claim_view(store: ReviewStore, breakdown: Breakdown, claim_id: str) -> ClaimView:
    record = find_record(store, breakdown.slug, claim_id)
    merged = apply_decisions(breakdown, store)
    verdict = next((v for v in merged.verdicts if v.claim.id == claim_id), None)
    if verdict is None:  # an orphan: decided, then gone from the drafts of a later run
        raise NotFoundError(
            f"claim {claim_id!r} is no longer in the drafts of {breakdown.slug!r} (its decision is kept)",
            hint="see `claimcheck review list --orphans`",
        )
    drafted = verdicts_by_id(breakdown).get((record.transcript_id, claim_id))
    row = rows_of([record], verdicts_by_id(breakdown))[0]
    return ClaimView(breakdown_slug=breakdown.slug, record=record, row=row, verdict=verdict, drafted=drafted)


def card_preview(env: Environment, verdict: Verdict, breakdown: Breakdown, settings: Settings) -> Markup:
    """The claim's card exactly as the publisher renders it (its own `_card.html`), as it will read once
    approved."""
    from claimcheck.publish import build_site_context

    shown = verdict.model_copy(update={"status": VerdictStatus.APPROVED})
    context = build_site_context(
        [breakdown.model_copy(update={"verdicts": [shown]})],
        include_drafts=False,
        site_name=settings.site_name,
        site_url=settings.site_url,
    )
    card = context.pages[0].cards[0]
    return Markup(env.get_template("_card.html").render(card=card))  # autoescaped by that environment


# --------------------------------------------------------------------------------------------------
# forms and JSON bodies → decisions


class EvidenceRef(Strict):
    """One piece of evidence as an editor names it: a passage and the exact words quoted from it."""

    passage_id: str = Field(min_length=1, max_length=300)
    quote: str = Field(min_length=1)
    start: int | None = Field(default=None, ge=0)  # where in the passage's text the quote starts


# What a save does to the claim's status besides the fields it sets.
SaveAction = Literal["save", "approve", "reject", "reopen", "merge"]
_STATUS_ACTIONS: dict[str, DecisionAction] = {
    "approve": DecisionAction.APPROVE,
    "reject": DecisionAction.REJECT,
    "reopen": DecisionAction.REOPEN,
    "merge": DecisionAction.MERGE,
}


class DecisionInput(Strict):
    """A save from the claim form or `POST /api/claims/<id>/decision`. Fields left out keep their value."""

    action: SaveAction = "save"
    version: int = Field(ge=0)  # the decision version the editor saw
    label: Label | None = None
    text: str | None = None
    explanation: str | None = None
    rationale: str | None = None
    note: str | None = None
    evidence: list[EvidenceRef] | None = None
    merge_into: str | None = None


def parse_input(data: object) -> DecisionInput:
    try:
        return DecisionInput.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "body"
        raise ReviewError(f"bad decision: {where}: {first['msg']}") from None


def _text(value: str | None) -> str | None:
    """A form's text as the store keeps it: browsers send CRLF from a textarea."""
    return None if value is None else value.replace("\r\n", "\n").replace("\r", "\n")


def check_lengths(payload: DecisionInput, settings: Settings) -> None:
    limit = settings.review_max_text_chars
    for name in ("text", "rationale", "note"):
        value = getattr(payload, name)
        if value is not None and len(value) > limit:
            raise ReviewError(f"the {name} is longer than {limit} characters", hint="shorten it")
    if payload.explanation is not None and len(payload.explanation) > settings.review_max_explanation_chars:
        raise ReviewError(
            f"the explanation is longer than {settings.review_max_explanation_chars} characters",
            hint="one line; the rationale holds the rest",
        )
    if payload.evidence is not None and len(payload.evidence) > settings.review_max_evidence:
        raise ReviewError(f"more than {settings.review_max_evidence} pieces of evidence")
    if payload.text is not None and not payload.text.strip():
        raise ReviewError("the claim's wording cannot be empty")


def resolve_evidence(
    refs: Sequence[EvidenceRef], known: Sequence[Evidence], checker: Checker | None
) -> list[Evidence]:
    """The evidence an editor named, each quote cut from its passage: a passage already among the claim's
    evidence, else one from the index. A quote that is not exactly the passage's words is refused."""
    passages = {e.passage.passage_id: e.passage for e in known}
    earlier = {(e.passage.passage_id, e.quote): e for e in known}
    out: list[Evidence] = []
    for ref in refs:
        passage = passages.get(ref.passage_id)
        if passage is None:
            if checker is None:
                raise ReviewError(f"passage {ref.passage_id!r} is not among this claim's evidence")
            try:
                passage = checker.passage(ref.passage_id)
            except CheckerUnavailable as exc:
                raise ReviewError(
                    f"passage {ref.passage_id!r} is not among this claim's evidence, and the index is "
                    f"not available to find it ({exc.reason})"
                ) from None
            if passage is None:
                raise ReviewError(f"no passage {ref.passage_id!r} in the index", hint="search for it again")
        if (ref.passage_id, ref.quote) in earlier and ref.start is None:
            out.append(earlier[(ref.passage_id, ref.quote)])
            continue
        raw = passage.raw_text
        if ref.start is not None:
            offset = ref.start if raw[ref.start : ref.start + len(ref.quote)] == ref.quote else -1
        else:
            offset = raw.find(ref.quote)
        if offset < 0:
            raise ReviewError(
                f"the quote {ref.quote[:60]!r} is not an exact span of {ref.passage_id}",
                hint="select the words in the passage itself; a quote is never paraphrased",
            )
        out.append(
            Evidence(
                passage=passage,
                quote=ref.quote,
                quote_start=passage.start + offset,
                quote_end=passage.start + offset + len(ref.quote),
                score=0.0,
            )
        )
    return out


def _refs(evidence: Sequence[Evidence]) -> list[tuple[str, int, int]]:
    return [(e.passage.passage_id, e.quote_start, e.quote_end) for e in evidence]


def decisions_for(
    view: ClaimView,
    payload: DecisionInput,
    editor: str,
    settings: Settings,
    checker: Checker | None,
) -> list[EditorDecision]:
    """The decisions one save records, as one store save: the fields it changes, then its action."""
    check_lengths(payload, settings)
    record = view.record
    current = view.verdict.evidence
    evidence: list[Evidence] | None = None
    if payload.evidence is not None:
        known = [*current, *(view.drafted.evidence if view.drafted else [])]
        evidence = resolve_evidence(payload.evidence, known, checker)
        if _refs(evidence) == _refs(current):
            evidence = None  # the list as it stands: no change to record
    note = _text(payload.note) or None
    explanation = _text(payload.explanation)
    rationale = _text(payload.rationale)
    if rationale == view.verdict.rationale:
        rationale = None  # the form sends back what the card shows: no change (it may be derived)
    edit = EditorDecision(
        transcript_id=record.transcript_id,
        claim_id=record.claim_id,
        action=DecisionAction.EDIT,
        editor=editor,
        quote=record.quote,
        version=payload.version,
        label=payload.label,
        text=_text(payload.text),
        explanation=explanation.strip() if explanation is not None else None,
        rationale=rationale,
        evidence=evidence,
    )
    steps: list[EditorDecision] = []
    status_action = _STATUS_ACTIONS.get(payload.action)
    sets_fields = any(
        value is not None
        for value in (edit.label, edit.text, edit.explanation, edit.rationale, edit.evidence)
    )
    if sets_fields or status_action is None:
        steps.append(edit.model_copy(update={"note": note if status_action is None else None}))
    if status_action is not None:
        merge_into = None
        if status_action is DecisionAction.MERGE:
            if not payload.merge_into:
                raise ReviewError("a merge needs the claim it duplicates", hint="pick it in the merge list")
            merge_into = payload.merge_into.rpartition("/")[2]
        steps.append(
            edit.model_copy(
                update={
                    "action": status_action,
                    "note": note,
                    "merge_into": merge_into,
                    "label": None,
                    "text": None,
                    "explanation": None,
                    "rationale": None,
                    "evidence": None,
                }
            )
        )
    return steps


def save(
    store: ReviewStore,
    view: ClaimView,
    payload: DecisionInput,
    editor: str,
    settings: Settings,
    checker: Checker | None,
) -> SaveOutcome:
    return store.record_all(decisions_for(view, payload, editor, settings, checker))


# --------------------------------------------------------------------------------------------------
# bulk actions


class BulkReport(Strict):
    saved: list[str]
    unchanged: list[str]
    conflicts: list[str]
    refused: list[str]  # "claim: why"

    def summary(self) -> str:
        parts = [f"{len(self.saved)} saved"]
        if self.unchanged:
            parts.append(f"{len(self.unchanged)} already so")
        if self.conflicts:
            parts.append(
                f"{len(self.conflicts)} changed by someone else meanwhile (reload): "
                + ", ".join(self.conflicts)
            )
        if self.refused:
            parts.append("refused: " + "; ".join(self.refused))
        return ", ".join(parts)


def bulk(
    store: ReviewStore,
    slug: str,
    claim_ids: Sequence[str],
    versions: dict[str, int],
    action: Literal["approve", "reject"],
    editor: str,
) -> BulkReport:
    """One save per selected claim (one audit entry each); a claim that moved on since the page was
    loaded is a conflict and left alone, as is one the action cannot apply to."""
    report = BulkReport(saved=[], unchanged=[], conflicts=[], refused=[])
    known = {r.claim_id: r for r in store.list_claims(slug)}
    for claim_id in claim_ids:
        record = known.get(claim_id)
        if record is None:
            report.refused.append(f"{claim_id}: no such claim")
            continue
        decision = EditorDecision(
            transcript_id=record.transcript_id,
            claim_id=claim_id,
            action=_STATUS_ACTIONS[action],
            editor=editor,
            quote=record.quote,
            version=versions.get(claim_id),
        )
        try:
            outcome = store.record(decision)
        except ConflictError:
            report.conflicts.append(claim_id)
            continue
        except ReviewError as exc:
            report.refused.append(f"{claim_id}: {exc.reason}")
            continue
        (report.saved if outcome.changed else report.unchanged).append(claim_id)
    return report


# --------------------------------------------------------------------------------------------------
# the transcript, and claims added from its words


class TranscriptCache:
    """Each breakdown's transcript, read from its source path once per change of the file."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._read: dict[str, tuple[tuple[int, int], Transcript]] = {}

    def get(self, breakdown: Breakdown) -> Transcript:
        from claimcheck.transcripts import read_transcript

        path = Path(breakdown.source_path)
        try:
            stat = os.stat(path)
        except OSError:
            raise ReviewError(
                "the transcript file is not where the draft says",
                path=path,
                hint="start `review serve` from the folder `claimcheck run` was run in",
            ) from None
        key = (stat.st_mtime_ns, stat.st_size)
        with self._lock:
            cached = self._read.get(breakdown.slug)
            if cached is not None and cached[0] == key:
                return cached[1]
        transcript = read_transcript(path, self.settings)
        with self._lock:
            self._read[breakdown.slug] = (key, transcript)
        return transcript


class AddClaimInput(Strict):
    utterance: int = Field(ge=0)  # the turn the words were selected in
    quote: str = Field(min_length=1)  # the words, exactly as said
    text: str | None = None  # the checkable wording; the quote when left out
    note: str | None = None


def add_claim(
    store: ReviewStore,
    transcript: Transcript,
    slug: str,
    payload: AddClaimInput,
    editor: str,
    settings: Settings,
) -> str:
    """Add a claim the pipeline missed from words selected in the transcript; returns its id."""
    turns = {u.index: u for u in transcript.utterances}
    turn = turns.get(payload.utterance)
    if turn is None:
        raise ReviewError(f"no turn {payload.utterance} in the transcript")
    quote = " ".join(payload.quote.split())
    if not quote or quote not in " ".join(turn.text.split()):
        raise ReviewError(
            "the selected words are not in that turn of the transcript",
            hint="select the words in the transcript itself",
        )
    text = " ".join((_text(payload.text) or quote).split())
    if len(text) > settings.review_max_text_chars:
        raise ReviewError(f"the wording is longer than {settings.review_max_text_chars} characters")
    claim_id = editor_claim_id(slug, text)
    store.record(
        EditorDecision(
            transcript_id=slug,
            claim_id=claim_id,
            action=DecisionAction.ADD_CLAIM,
            editor=editor,
            text=text,
            quote=quote,
            note=_text(payload.note) or None,
            speaker=turn.speaker,
            start=turn.start,
            timecode=turn.timecode,
        )
    )
    return claim_id


def describe_error(exc: ClaimcheckError) -> str:
    return exc.message()
