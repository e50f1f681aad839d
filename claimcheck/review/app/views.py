"""The review app's HTML pages: each view parses the request, calls `data` (the library), renders one
template. Every form posts back here with the session's CSRF token; saves redirect (post/redirect/get)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, session, url_for
from markupsafe import Markup

from claimcheck.errors import ClaimcheckError, ConflictError, ReviewError
from claimcheck.models import Label, VerdictStatus
from claimcheck.review.app import auth, data
from claimcheck.review.app.auth import Editor
from claimcheck.review.app.checker import CheckerUnavailable
from claimcheck.review.app.factory import editor, state, store
from claimcheck.review.audit import AuditEntry
from claimcheck.review.commands import RowFilter
from claimcheck.review.records import Role
from claimcheck.review.sections import SECTION_NAMES, get_sections, set_section

blueprint = Blueprint("views", __name__, template_folder="templates", static_folder="static")

# The keys 1–4 of the claim list, in this order.
LABEL_KEYS = (Label.REAL, Label.PARTIALLY_TRUE, Label.HYPE, Label.UNVERIFIED)
STATUSES = ("draft", "approved", "rejected", "orphaned")


def _safe_next(target: str | None) -> str:
    """Only a path on this app after a login: never another site."""
    if not target:
        return url_for("views.queue")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return url_for("views.queue")
    return target


# --------------------------------------------------------------------------------------------------
# who is asking


@blueprint.route("/name", methods=["GET", "POST"])
def name() -> Any:
    """Loopback only: the editor's name, given once and kept in the session."""
    if state().require_login:
        abort(404)
    error = None
    if request.method == "POST":
        try:
            given = auth.check_name(request.form.get("name", ""))
        except ReviewError as exc:
            error = exc.message()
        else:
            keep = session.get(auth.CSRF_FIELD)
            session.clear()
            session.update({"editor": given, "role": Role.PUBLISHER.value, auth.CSRF_FIELD: keep})
            session.permanent = True
            return redirect(_safe_next(request.args.get("next")))
    return render_template("app_name.html", error=error), 400 if error else 200


@blueprint.route("/login", methods=["GET", "POST"])
def login() -> Any:
    if not state().require_login:
        return redirect(url_for("views.name"))
    error = None
    if request.method == "POST":
        found = auth.login(store(), request.form.get("name", ""), request.form.get("password", ""))
        if found is None:
            error = "wrong name or password"
        else:
            session.clear()
            session.update(
                {
                    "editor": found.name,
                    "role": found.role.value,
                    "login": True,
                    auth.CSRF_FIELD: auth.new_csrf_token(),  # a fresh token for the new session
                }
            )
            session.permanent = True
            return redirect(_safe_next(request.args.get("next")))
    return render_template("app_login.html", error=error), 401 if error else 200


@blueprint.route("/logout", methods=["POST"])
def logout() -> Any:
    session.clear()
    return redirect(url_for("views.login" if state().require_login else "views.name"))


# --------------------------------------------------------------------------------------------------
# the queue and a breakdown


@blueprint.route("/")
def queue() -> Any:
    rows = [data.queue_row(store(), b) for b in state().drafts.all()]
    return render_template("app_queue.html", rows=rows)


def _row_filter() -> RowFilter:
    status = request.args.get("status") or None
    label = request.args.get("label") or None
    if status is not None and status not in STATUSES:
        raise ReviewError(f"no status {status!r}", hint="one of " + ", ".join(STATUSES))
    if label is not None and label not in {lab.value for lab in Label}:
        raise ReviewError(f"no label {label!r}")
    flagged = request.args.get("needs_review")
    return RowFilter(
        status=status,
        label=Label(label) if label else None,
        needs_review={"1": True, "0": False}.get(flagged or ""),
        reason=request.args.get("reason") or None,
    )


@blueprint.route("/b/<slug>")
def breakdown(slug: str) -> Any:
    found = state().drafts.get(slug)
    where = _row_filter()
    rows = data.breakdown_rows(store(), found, where)
    everything = data.breakdown_rows(store(), found)
    reasons = sorted({reason for row in everything for reason in row.review_reasons})
    return render_template(
        "app_breakdown.html",
        breakdown=found,
        rows=rows,
        total=len(everything),
        where=where,
        reasons=reasons,
        labels=LABEL_KEYS,
        statuses=STATUSES,
        confident=set(data.confident_ids(rows, state().settings)),
        threshold=state().settings.review_confidence,
    )


@blueprint.route("/b/<slug>/bulk", methods=["POST"])
def bulk(slug: str) -> Any:
    state().drafts.get(slug)  # 404 for an unknown breakdown
    action = request.form.get("action")
    if action not in ("approve", "reject"):
        raise ReviewError("a bulk action is approve or reject")
    ids = request.form.getlist("ids")
    if not ids:
        raise ReviewError("select some claims first", hint="tick their boxes, or Select confident drafts")
    versions: dict[str, int] = {}
    for claim_id in ids:
        raw = request.form.get(f"v-{claim_id}", "")
        if not raw.isdigit():
            raise ReviewError(f"no version for {claim_id!r}", hint="reload the page and try again")
        versions[claim_id] = int(raw)
    report = data.bulk(store(), slug, ids, versions, action, editor().name)  # type: ignore[arg-type]
    flash(f"{action}: {report.summary()}")
    return redirect(url_for("views.breakdown", slug=slug))


# --------------------------------------------------------------------------------------------------
# one claim


def _evidence_value(passage_id: str, quote: str, start: int | None = None) -> str:
    return json.dumps({"passage_id": passage_id, "quote": quote, "start": start}, ensure_ascii=False)


def _claim_page(
    slug: str,
    claim_id: str,
    *,
    status: int = 200,
    conflict: ConflictError | None = None,
    attempt: dict[str, Any] | None = None,
    recheck: Any = None,
) -> Any:
    app_state = state()
    found = app_state.drafts.get(slug)
    view = data.claim_view(store(), found, claim_id)
    query = request.args.get("q", "").strip()
    hits: list[Any] = []
    search_error = None
    if query:
        try:
            hits = app_state.checker.search(query) if app_state.checker else []
        except CheckerUnavailable as exc:
            search_error = exc.reason
    preview = view.verdict.status is not VerdictStatus.REJECTED
    others = [r for r in data.breakdown_rows(store(), found) if r.claim_id != claim_id]
    audit: list[AuditEntry] = store().audit_log(claim_id, transcript_id=view.record.transcript_id)
    # a corpus change sent it back to review (`review stale`): the approved and the re-drafted evidence
    stale = store().stale_verdicts(transcript_id=view.record.transcript_id, claim_id=view.record.claim_id)
    page = render_template(
        "app_claim.html",
        breakdown=found,
        view=view,
        evidence_value=_evidence_value,
        labels=LABEL_KEYS,
        preview=preview,
        hits=hits,
        query=query,
        search_error=search_error,
        others=others,
        audit=audit,
        stale=stale[0] if stale else None,
        conflict=conflict,
        attempt=attempt,
        recheck=recheck,
        settings=app_state.settings,
    )
    return Response(page, status=status)


@blueprint.route("/b/<slug>/c/<claim_id>")
def claim(slug: str, claim_id: str) -> Any:
    return _claim_page(slug, claim_id)


@blueprint.route("/b/<slug>/c/<claim_id>/card")
def card(slug: str, claim_id: str) -> Any:
    """The claim's card exactly as the publisher renders it, framed in the claim page."""
    app_state = state()
    found = app_state.drafts.get(slug)
    view = data.claim_view(store(), found, claim_id)
    card_html = data.card_preview(app_state.publish_env, view.verdict, found, app_state.settings)
    response = Response(render_template("app_card.html", breakdown=found, card_html=card_html))
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; script-src 'none'; style-src 'self'; frame-ancestors 'self'"
    )
    return response


def _form_input() -> data.DecisionInput:
    form = request.form
    values: dict[str, Any] = {"action": form.get("action", "save"), "version": form.get("version")}
    for name in ("label", "text", "explanation", "rationale", "note", "merge_into"):
        if name in form:
            values[name] = form[name] or None if name in ("label", "merge_into") else form[name]
    if form.get("evidence_present") == "1":
        values["evidence"] = [_evidence_ref(raw) for raw in form.getlist("evidence")]
    return data.parse_input(values)


def _evidence_ref(raw: str) -> dict[str, Any]:
    try:
        value = json.loads(raw)
    except json.JSONDecodeError:
        raise ReviewError("an evidence entry of the form is not readable", hint="reload the page") from None
    if not isinstance(value, dict):
        raise ReviewError("an evidence entry of the form is not readable", hint="reload the page")
    return value


@blueprint.route("/b/<slug>/c/<claim_id>", methods=["POST"])
def save_claim(slug: str, claim_id: str) -> Any:
    app_state = state()
    found = app_state.drafts.get(slug)
    view = data.claim_view(store(), found, claim_id)
    payload = _form_input()
    try:
        outcome = data.save(store(), view, payload, editor().name, app_state.settings, app_state.checker)
    except ConflictError as exc:
        return _claim_page(slug, claim_id, status=409, conflict=exc, attempt=payload.model_dump(mode="json"))
    if outcome.changed:
        flash(f"Saved ({', '.join(outcome.changed)}); version {outcome.version}.")
    else:
        flash("Nothing changed.")
    if payload.action == "merge" and payload.merge_into:
        return redirect(url_for("views.claim", slug=slug, claim_id=payload.merge_into))
    return redirect(url_for("views.claim", slug=slug, claim_id=claim_id))


@blueprint.route("/b/<slug>/c/<claim_id>/attach", methods=["POST"])
def attach(slug: str, claim_id: str) -> Any:
    """Attach a passage from the index search, quoting a span of it, after the current evidence."""
    app_state = state()
    found = app_state.drafts.get(slug)
    view = data.claim_view(store(), found, claim_id)
    quote = request.form.get("quote", "")
    raw_start = request.form.get("start", "")
    ref: dict[str, Any] = {"passage_id": request.form.get("passage_id", ""), "quote": quote}
    if raw_start.isdigit():
        ref["start"] = int(raw_start)
    current = [_ref_of(e) for e in view.verdict.evidence]
    payload = data.parse_input(
        {"action": "save", "version": request.form.get("version"), "evidence": [*current, ref]}
    )
    try:
        outcome = data.save(store(), view, payload, editor().name, app_state.settings, app_state.checker)
    except ConflictError as exc:
        return _claim_page(slug, claim_id, status=409, conflict=exc, attempt=payload.model_dump(mode="json"))
    flash(f"Evidence attached; version {outcome.version}." if outcome.changed else "Already attached.")
    return redirect(url_for("views.claim", slug=slug, claim_id=claim_id))


def _ref_of(evidence: Any) -> dict[str, Any]:
    return {
        "passage_id": evidence.passage.passage_id,
        "quote": evidence.quote,
        "start": evidence.quote_start - evidence.passage.start,
    }


@blueprint.route("/b/<slug>/c/<claim_id>/recheck", methods=["POST"])
def recheck(slug: str, claim_id: str) -> Any:
    """Re-check the claim as now worded; the new draft is shown beside the old one (nothing is saved)."""
    app_state = state()
    found = app_state.drafts.get(slug)
    view = data.claim_view(store(), found, claim_id)
    if app_state.checker is None:
        raise ReviewError("re-checking is off in this app")
    try:
        fresh = app_state.checker.recheck(view.verdict.claim)
    except CheckerUnavailable as exc:
        flash(f"Re-check is not available: {exc.reason}")
        return redirect(url_for("views.claim", slug=slug, claim_id=claim_id))
    return _claim_page(slug, claim_id, recheck=fresh)


# --------------------------------------------------------------------------------------------------
# adding a missed claim from the transcript


@blueprint.route("/b/<slug>/transcript")
def transcript(slug: str) -> Any:
    found = state().drafts.get(slug)
    try:
        read = state().transcripts.get(found)
    except ClaimcheckError as exc:
        return render_template("app_transcript.html", breakdown=found, transcript=None, error=exc.message())
    return render_template("app_transcript.html", breakdown=found, transcript=read, error=None)


@blueprint.route("/b/<slug>/add", methods=["POST"])
def add(slug: str) -> Any:
    app_state = state()
    found = app_state.drafts.get(slug)
    read = app_state.transcripts.get(found)
    raw_turn = request.form.get("utterance", "")
    if not raw_turn.isdigit():
        raise ReviewError("select the words in a turn of the transcript first")
    payload = data.AddClaimInput(
        utterance=int(raw_turn),
        quote=request.form.get("quote", "") or " ",
        text=request.form.get("text") or None,
        note=request.form.get("note") or None,
    )
    claim_id = data.add_claim(store(), read, slug, payload, editor().name, app_state.settings)
    flash("Claim added.")
    return redirect(url_for("views.claim", slug=slug, claim_id=claim_id))


# --------------------------------------------------------------------------------------------------
# editorial sections (`claimcheck.review.sections`), the preview, publishing


def render_markdown(text: str) -> Markup:
    """Markdown as safe HTML: raw HTML in it is shown as text, and only http(s)/mailto links are kept."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False})
    md.validateLink = lambda url: url.strip().lower().startswith(("http://", "https://", "mailto:"))  # type: ignore[method-assign]
    return Markup(md.render(text))  # markdown-it escapes every text and attribute it writes


@blueprint.route("/b/<slug>/sections")
def sections(slug: str) -> Any:
    found = state().drafts.get(slug)
    current = get_sections(store(), slug)
    from claimcheck.publish.extras import SECTION_HEADINGS

    headings = {**SECTION_HEADINGS, "dek": "Dek (the one-line thesis under the title)"}
    shown = [
        (name, headings.get(name, name), current.get(name, ""), render_markdown(current.get(name, "")))
        for name in SECTION_NAMES
    ]
    suggestions = missed_suggestions_for(slug)
    return render_template("app_sections.html", breakdown=found, sections=shown, suggestions=suggestions)


def missed_suggestions_for(slug: str) -> list[Any]:
    """What They Missed suggestions for the page, as `publish` would show them: corpus sentences on the
    talk's topics that no claim touched, less those the editor accepted already."""
    from claimcheck.publish.extras import missed_suggestions
    from claimcheck.review.merge import apply_decisions

    app_state = state()
    merged = apply_decisions(app_state.drafts.get(slug), store())
    accepted = get_sections(store(), slug).get("what_they_missed", "")
    found = missed_suggestions(merged, app_state.passages(), app_state.settings)
    return [s for s in found if s.quote not in accepted]


@blueprint.route("/b/<slug>/missed/accept", methods=["POST"])
def accept_missed(slug: str) -> Any:
    """Add a suggestion to the editor's What They Missed (the quote and its source, as a list item)."""
    quote = request.form.get("quote", "")
    chosen = next((s for s in missed_suggestions_for(slug) if s.quote == quote), None)
    if chosen is None:
        raise data.NotFoundError("no such suggestion for this page", hint="reload the sections page")
    current = get_sections(store(), slug).get("what_they_missed", "").rstrip()
    item = f"- “{chosen.quote}” ({chosen.citation.title})"
    write_section(slug, "what_they_missed", f"{current}\n{item}".strip(), editor())
    flash("Added the suggestion to What They Missed.")
    return redirect(url_for("views.sections", slug=slug))


@blueprint.route("/b/<slug>/sections/<name>", methods=["POST"])
def save_section(slug: str, name: str) -> Any:
    state().drafts.get(slug)
    write_section(slug, name, request.form.get("markdown", ""), editor())
    flash(f"Saved {name}.")
    return redirect(url_for("views.sections", slug=slug))


def write_section(slug: str, name: str, markdown: str, who: Editor) -> None:
    if name not in SECTION_NAMES:
        raise data.NotFoundError(f"no section {name!r}", hint="one of " + ", ".join(SECTION_NAMES))
    limit = state().settings.review_max_text_chars
    if len(markdown) > limit:
        raise ReviewError(f"the section is longer than {limit} characters")
    set_section(store(), slug, name, markdown.replace("\r\n", "\n"), who.name)


@blueprint.route("/b/<slug>/preview")
def preview(slug: str) -> Any:
    """The breakdown's page exactly as `publish` would write it now (with `?drafts=1`: as
    `publish --include-drafts` would)."""
    from claimcheck.drafts import read_all_drafts
    from claimcheck.publish import render_site
    from claimcheck.publish.site import site_context

    app_state = state()
    app_state.drafts.get(slug)  # an unknown slug is a 404
    drafts = read_all_drafts(app_state.settings.out_dir)  # every page: Context & Connections reads them all
    include_drafts = request.args.get("drafts") == "1"
    context, _ = site_context(
        drafts,
        store(),
        app_state.settings,
        include_drafts=include_drafts,
        passages=app_state.passages(),
        load_verifier=app_state.verifier,
    )
    files = {f.name: f.text for f in render_site(context, app_state.settings)}
    page = files.get(f"{slug}.html")
    if page is None:
        message = "nothing to publish yet: no claim of this breakdown is approved"
        return render_template("app_error.html", title="Nothing to preview", message=message)
    response = Response(page, mimetype="text/html")
    # the published page's own JSON-LD is inline: allow exactly that, nothing else
    response.headers["Content-Security-Policy"] = "default-src 'self'; script-src 'none'; style-src 'self'"
    return response


@blueprint.route("/b/<slug>/style.css")
def preview_style(slug: str) -> Any:
    from claimcheck.publish import STYLESHEET

    env = state().publish_env
    assert env.loader is not None
    source = env.loader.get_source(env, STYLESHEET)[0]
    return Response(source, mimetype="text/css")


@blueprint.route("/publish", methods=["POST"])
def publish() -> Any:
    paths = publish_now(editor())
    flash(
        f"Published {sum(p.suffix == '.html' for p in paths)} pages to {state().settings.out_dir / 'site'}."
    )
    return redirect(url_for("views.queue"))


def publish_now(who: Editor) -> list[Any]:
    from claimcheck.publish import publish_site

    if not who.may_publish:
        abort(403, description=f"{who.name} may review but not publish: a publisher publishes")
    return publish_site(state().settings, include_drafts=False)
