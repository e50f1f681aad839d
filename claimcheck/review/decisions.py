"""The rules of an editor decision (pure): which field each action needs, which status it sets, which
fields it changes, that setting a verdict approves it, and that what an editor typed is clean text."""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from typing import Any

from claimcheck.errors import ReviewError
from claimcheck.models import DecisionAction, EditorDecision, Evidence, VerdictStatus
from claimcheck.review.records import evidence_to_json

_REQUIRED: dict[DecisionAction, str] = {
    DecisionAction.SET_VERDICT: "label",
    DecisionAction.EDIT_TEXT: "text",
    DecisionAction.EDIT_RATIONALE: "rationale",
    DecisionAction.ADD_CLAIM: "text",
    DecisionAction.MERGE: "merge_into",
}
_STATUS_FOR: dict[DecisionAction, VerdictStatus] = {
    DecisionAction.APPROVE: VerdictStatus.APPROVED,
    DecisionAction.REJECT: VerdictStatus.REJECTED,
    DecisionAction.REOPEN: VerdictStatus.DRAFT,
    DecisionAction.MERGE: VerdictStatus.REJECTED,  # a duplicate is not published on its own
}


def with_implied_approval(decision: EditorDecision) -> list[EditorDecision]:
    """The decisions to record for one editor's decision, in order. An editor who sets the verdict has
    reviewed the claim: the new verdict is approved too."""
    if decision.action is not DecisionAction.SET_VERDICT:
        return [decision]
    approval = EditorDecision(
        transcript_id=decision.transcript_id,
        claim_id=decision.claim_id,
        action=DecisionAction.APPROVE,
        editor=decision.editor,
        quote=decision.quote,
    )
    return [decision, approval]


def check_required_field(decision: EditorDecision) -> None:
    """Refuse a decision that lacks the field its action sets (a verdict without a label, …)."""
    field = _REQUIRED.get(decision.action)
    if field is None:
        return
    value = getattr(decision, field)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ReviewError(
            f"{decision.action.value} needs a {field}",
            hint=f"pass the new {field} with the decision",
        )


# What an editor types is printed back to terminals (`review show`) and pages: a control character or an
# escape sequence would act on the terminal, a line break in a name would let it pass for another line
# (a forged "audit … approve"), and a bidirectional override would show text in another order than it is.
_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Free text (notes, claim wording, rationales) may hold these.
_TEXT_WHITESPACE = frozenset("\n\t")
# The free-text fields of a decision, with how they are named in errors.
_TEXT_FIELDS = (
    ("note", "note"),
    ("text", "claim text"),
    ("rationale", "rationale"),
    ("explanation", "explanation"),
)


def _control(text: str, allowed: frozenset[str]) -> str | None:
    """The first control character, bidirectional control or line/paragraph separator in `text` that is
    not `allowed`, as "U+001B"; None when there is none."""
    for ch in text:
        if ch in allowed:
            continue
        category = unicodedata.category(ch)
        if category in ("Cc", "Zl", "Zp") or ch in _BIDI_CONTROLS:
            return f"U+{ord(ch):04X}"
    return None


def check_clean_text(decision: EditorDecision) -> None:
    """Refuse an editor name that is not one line of printable text, and a note, claim text or rationale
    with a control character (newlines and tabs are fine there)."""
    hint = "type the name and notes as plain text"
    if any(ch in _LINE_BREAKS for ch in decision.editor):
        raise ReviewError("the editor name must be one line", hint=hint)
    found = _control(decision.editor, frozenset())
    if found is not None:
        raise ReviewError(f"the editor name holds a control character ({found})", hint=hint)
    for field, shown in _TEXT_FIELDS:
        value = getattr(decision, field)
        found = _control(value, _TEXT_WHITESPACE) if value is not None else None
        if found is not None:
            raise ReviewError(f"the {shown} holds a control character ({found})", hint=hint)
    if decision.explanation is not None and any(ch in _LINE_BREAKS for ch in decision.explanation):
        raise ReviewError(
            "the explanation must be one line", hint="keep the longer reasoning for the rationale"
        )
    for evidence in decision.evidence or []:
        check_quote(evidence)


def check_quote(evidence: Evidence) -> None:
    """Refuse evidence whose quote is not exactly the words of its passage at its span: a quote is never
    paraphrased, so an attached passage's quote must be cut from the passage itself."""
    passage = evidence.passage
    start, end = evidence.quote_start - passage.start, evidence.quote_end - passage.start
    if not evidence.quote.strip():
        raise ReviewError(f"the quote from {passage.passage_id} is empty", hint="select some words of it")
    if start < 0 or end > len(passage.raw_text) or passage.raw_text[start:end] != evidence.quote:
        raise ReviewError(
            f"the quote {evidence.quote[:60]!r} is not the words of {passage.passage_id} at its span",
            hint="quote an exact span of the passage",
        )


def evidence_refs(evidence: list[Evidence] | None) -> str | None:
    """How an evidence list is written in the audit log: which passage and which words, in order."""
    if evidence is None:
        return None
    return json.dumps(
        [{"passage_id": e.passage.passage_id, "quote": e.quote} for e in evidence], ensure_ascii=False
    )


def changes(
    decision: EditorDecision, current: sqlite3.Row | dict[str, Any], claim: sqlite3.Row
) -> list[tuple[str, str | None, str | None]]:
    """(column, old, new) for every field this decision changes; a field set to what it already is
    is no change (approving an approved claim changes nothing). Old values show what readers saw before:
    the override if there was one, else the draft's own value."""
    found: list[tuple[str, str | None, str | None]] = []

    def put(column: str, old: str | None, new: str | None) -> None:
        if new != old:
            found.append((column, old, new))

    status = _STATUS_FOR.get(decision.action)
    if status is not None:
        put("status", current["status"], status.value)
    if decision.action is DecisionAction.MERGE:
        put("merged_into", current["merged_into"], decision.merge_into)
    elif decision.action is DecisionAction.REOPEN and current["merged_into"] is not None:
        put("merged_into", current["merged_into"], None)
    if decision.label is not None:
        shown = current["label"] or claim["draft_label"]
        if decision.action is DecisionAction.SET_VERDICT and current["label"] != decision.label.value:
            # a verdict set on purpose is stored even when it is the draft's: it stays when a re-run drafts
            # another (a form saved with the label it showed changes nothing)
            found.append(("label", shown, decision.label.value))
        else:
            put("label", shown, decision.label.value)
    if decision.text is not None:
        put("text", current["text"] or claim["text"], decision.text)
    if decision.rationale is not None:
        put("rationale", current["rationale"] or claim["draft_rationale"], decision.rationale)
    if decision.explanation is not None:
        put("explanation", current["explanation"], decision.explanation or None)
    if decision.evidence is not None:
        put("evidence", current["evidence"], evidence_to_json(decision.evidence))
    if decision.note is not None:
        put("note", current["note"], decision.note)
    return found
