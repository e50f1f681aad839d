"""The JSON API: the same reads and saves as the forms, with the same auth (the session plus its CSRF
token in `X-CSRF-Token`, or `Authorization: Bearer TOKEN`), so a newsroom CMS can drive review too.

- `GET /api/breakdowns`: the queue;
- `GET /api/breakdowns/<slug>`: its claims with label, status, version and evidence;
- `POST /api/claims/<slug>/<claim_id>/decision`: `{action, version, label?, text?, explanation?,
  rationale?, evidence?: [{passage_id, quote, start?}], note?, merge_into?}`; 409 with both versions on a
  stale version;
- `PUT /api/breakdowns/<slug>/sections/<name>`: `{markdown}`;
- `POST /api/publish`: publishers only.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, request

from claimcheck.errors import ReviewError
from claimcheck.review.app import data
from claimcheck.review.app.factory import editor, state, store
from claimcheck.review.app.views import publish_now, write_section
from claimcheck.review.commands import find_claim

blueprint = Blueprint("api", __name__, url_prefix="/api")


def _body() -> dict[str, Any]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ReviewError("the body must be a JSON object", hint="send Content-Type: application/json")
    return body


@blueprint.get("/breakdowns")
def breakdowns() -> Any:
    rows = [data.queue_row(store(), b).model_dump(mode="json") for b in state().drafts.all()]
    return jsonify({"breakdowns": rows})


@blueprint.get("/breakdowns/<slug>")
def breakdown(slug: str) -> Any:
    from claimcheck.review.merge import apply_decisions

    found = state().drafts.get(slug)
    merged = {v.claim.id: v for v in apply_decisions(found, store()).verdicts}
    claims = []
    for row in data.breakdown_rows(store(), found):
        verdict = merged.get(row.claim_id)
        if verdict is None:  # an orphan: its decision is kept, its draft is gone
            claims.append({"id": row.ref, **row.model_dump(mode="json"), "rationale": None, "evidence": []})
            continue
        claims.append(
            {
                "id": row.ref,
                **row.model_dump(mode="json"),
                "rationale": verdict.rationale,
                "evidence": [
                    {
                        "passage_id": e.passage.passage_id,
                        "quote": e.quote,
                        "start": e.quote_start - e.passage.start,
                        "title": e.passage.citation.title,
                    }
                    for e in verdict.evidence
                ],
            }
        )
    return jsonify({"slug": found.slug, "title": found.title, "claims": claims})


@blueprint.post("/claims/<path:ref>/decision")
def decision(ref: str) -> Any:
    app_state = state()
    try:
        record = find_claim(store(), ref)
    except ReviewError as exc:
        raise data.NotFoundError(exc.reason, hint=exc.hint) from None
    found = app_state.drafts.get(record.transcript_id)
    view = data.claim_view(store(), found, record.claim_id)
    payload = data.parse_input(_body())
    outcome = data.save(store(), view, payload, editor().name, app_state.settings, app_state.checker)
    current = store().decision_for(record.transcript_id, record.claim_id)
    return jsonify(
        {
            "id": record.ref,
            "version": outcome.version,
            "changed": outcome.changed,
            "status": current.status.value if current else "draft",
        }
    )


@blueprint.put("/breakdowns/<slug>/sections/<name>")
def section(slug: str, name: str) -> Any:
    state().drafts.get(slug)
    markdown = _body().get("markdown")
    if not isinstance(markdown, str):
        raise ReviewError("the body needs a markdown string", hint='send {"markdown": "..."}')
    write_section(slug, name, markdown, editor())
    return jsonify({"slug": slug, "section": name, "saved": True})


@blueprint.post("/publish")
def publish() -> Any:
    paths = publish_now(editor())
    return jsonify({"written": sorted(p.name for p in paths)})
