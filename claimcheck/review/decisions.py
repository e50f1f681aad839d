"""The rules of an editor decision (pure): which field each action needs, which status it sets, which
fields it changes, that setting a verdict approves it, and that what an editor typed is clean text."""

from __future__ import annotations

import sqlite3
import unicodedata
from typing import Any

from claimcheck.errors import ReviewError
from claimcheck.models import DecisionAction, EditorDecision, VerdictStatus

_REQUIRED: dict[DecisionAction, str] = {
    DecisionAction.SET_VERDICT: "label",
    DecisionAction.EDIT_TEXT: "text",
    DecisionAction.EDIT_RATIONALE: "rationale",
    DecisionAction.ADD_CLAIM: "text",
}
_STATUS_FOR: dict[DecisionAction, VerdictStatus] = {
    DecisionAction.APPROVE: VerdictStatus.APPROVED,
    DecisionAction.REJECT: VerdictStatus.REJECTED,
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
_TEXT_FIELDS = (("note", "note"), ("text", "claim text"), ("rationale", "rationale"))


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


def changes(
    decision: EditorDecision, current: sqlite3.Row | dict[str, Any], claim: sqlite3.Row
) -> list[tuple[str, str | None, str | None]]:
    """(column, old, new) for every field this decision sets. Old values show what readers saw before:
    the override if there was one, else the draft's own value."""
    found: list[tuple[str, str | None, str | None]] = []
    status = _STATUS_FOR.get(decision.action)
    if status is not None:
        found.append(("status", current["status"], status.value))
    if decision.label is not None:
        found.append(("label", current["label"] or claim["draft_label"], decision.label.value))
    if decision.text is not None:
        found.append(("text", current["text"] or claim["text"], decision.text))
    if decision.rationale is not None:
        found.append(("rationale", current["rationale"] or claim["draft_rationale"], decision.rationale))
    if decision.note is not None and decision.note != current["note"]:
        found.append(("note", current["note"], decision.note))
    return found
