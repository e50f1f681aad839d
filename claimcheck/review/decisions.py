"""The rules of an editor decision (pure): which field each action needs, which status it sets, which
fields it changes, and that setting a verdict approves it."""

from __future__ import annotations

import sqlite3
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
