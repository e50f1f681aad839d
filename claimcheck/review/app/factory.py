"""`create_app`: the Flask app over one output folder, and `serve`, which runs it under waitress.

Every request opens the review store for itself (closed when the request ends); the drafts and
transcripts are parsed once per change of their files; the index and the verifier load on first use.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, Response, g, jsonify, redirect, render_template, request, session, url_for
from jinja2 import Environment
from werkzeug.exceptions import HTTPException

from claimcheck.errors import ClaimcheckError, ConflictError
from claimcheck.models import Passage
from claimcheck.review.app import auth
from claimcheck.review.app.auth import CSRF_FIELD, CSRF_HEADER, Editor
from claimcheck.review.app.checker import Checker
from claimcheck.review.app.data import DraftCache, NotFoundError, TranscriptCache
from claimcheck.review.records import Role
from claimcheck.review.store import ReviewStore, open_store
from claimcheck.settings import Settings
from claimcheck.verify.stance import Verifier

# Endpoints anyone may reach: where a name is given or a login made, and the app's own static files.
_OPEN_ENDPOINTS = frozenset({"views.login", "views.name", "static"})


@dataclass
class AppState:
    """What every request of one app shares."""

    settings: Settings
    require_login: bool  # False on loopback: an editor gives a name once
    drafts: DraftCache
    transcripts: TranscriptCache
    checker: Checker | None
    publish_env: Environment
    # the page's corpus extras (Tools Mentioned, What They Missed) and the Context & Connections verifier:
    # read or loaded on first use, then kept, so a preview or the sections page reads no corpus again
    passages_cache: list[Passage] | None = field(default=None)
    verifier_cache: dict[str, Verifier | None] = field(default_factory=dict)

    def passages(self) -> list[Passage]:
        if self.passages_cache is None:
            from claimcheck.publish.site import corpus_passages

            self.passages_cache = corpus_passages(self.settings)
        return self.passages_cache

    def verifier(self) -> Verifier | None:
        if "loaded" not in self.verifier_cache:
            from claimcheck.verify.stance import load_verifier

            self.verifier_cache["loaded"] = load_verifier(self.settings.nli_model)
        return self.verifier_cache["loaded"]


def state() -> AppState:
    from flask import current_app

    value: AppState = current_app.extensions["claimcheck"]
    return value


def store() -> ReviewStore:
    """The review store for this request, opened on first use."""
    if "store" not in g:
        g.store = open_store(state().settings.out_dir)
    opened: ReviewStore = g.store
    return opened


def editor() -> Editor:
    who: Editor = g.editor
    return who


def is_api() -> bool:
    return request.path.startswith("/api/")


def create_app(
    settings: Settings,
    *,
    require_login: bool,
    checker: Checker | None = None,
    secret_key: str | None = None,
) -> Flask:
    """The review app over `settings.out_dir`. `require_login` (any address but loopback) asks for an
    account; without it an editor gives a name once. `checker` searches the index and re-checks claims
    (None: `Checker(settings)`, which loads the corpus's index and the verifier on first use)."""
    from claimcheck.publish import format_timecode, make_environment

    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=secret_key or auth.session_key(settings.out_dir),
        MAX_CONTENT_LENGTH=settings.review_max_request_bytes,
        MAX_FORM_MEMORY_SIZE=settings.review_max_request_bytes,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        PERMANENT_SESSION_LIFETIME=dt.timedelta(seconds=settings.review_session_seconds),
        JSON_SORT_KEYS=False,
    )
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.extensions["claimcheck"] = AppState(
        settings=settings,
        require_login=require_login,
        drafts=DraftCache(settings.out_dir),
        transcripts=TranscriptCache(settings),
        checker=checker if checker is not None else Checker(settings),
        publish_env=make_environment(settings),
    )

    from claimcheck.review.app import api, views

    app.register_blueprint(views.blueprint)
    app.register_blueprint(api.blueprint)
    app.before_request(_who_is_asking)
    app.before_request(_check_csrf)
    app.teardown_request(_close_store)
    app.after_request(_security_headers)
    app.register_error_handler(ClaimcheckError, _library_error)
    app.register_error_handler(HTTPException, _http_error)
    app.context_processor(_template_globals)
    app.jinja_env.filters["timecode"] = format_timecode
    return app


# --------------------------------------------------------------------------------------------------
# per request


def _who_is_asking() -> Response | None:
    g.editor = None
    g.via_token = False
    header = request.headers.get("Authorization", "")
    if is_api() and header.startswith("Bearer "):
        found = auth.token_editor(store(), header.removeprefix("Bearer ").strip())
        if found is None:
            return _json_error(401, "unknown or revoked API token")
        g.editor, g.via_token = found, True
        return None
    name, role = session.get("editor"), session.get("role")
    if isinstance(name, str) and role in {r.value for r in Role}:
        if state().require_login and session.get("login") is not True:
            session.clear()  # a name given on loopback is no login elsewhere
        else:
            g.editor = Editor(name=name, role=Role(role))
    if CSRF_FIELD not in session:
        session[CSRF_FIELD] = auth.new_csrf_token()
    if g.editor is None and request.endpoint not in _OPEN_ENDPOINTS:
        if is_api():
            return _json_error(401, "log in first, or send Authorization: Bearer TOKEN")
        target = "views.login" if state().require_login else "views.name"
        return redirect(url_for(target, next=request.full_path if request.method == "GET" else None))  # type: ignore[return-value]
    return None


def _check_csrf() -> Response | None:
    if request.method in ("GET", "HEAD", "OPTIONS") or g.via_token:
        return None
    given = request.headers.get(CSRF_HEADER) or request.form.get(CSRF_FIELD)
    if auth.same_token(session.get(CSRF_FIELD), given):
        return None
    message = "missing or wrong CSRF token: reload the page and try again"
    if is_api():
        return _json_error(400, message)
    return Response(render_template("app_error.html", title="Refused", message=message), status=400)


def _close_store(_exc: BaseException | None) -> None:
    opened = g.pop("store", None)
    if opened is not None:
        opened.close()


def _security_headers(response: Response) -> Response:
    # pages show words from transcripts and sources: no script runs but the app's own
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    )
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response


def _template_globals() -> dict[str, Any]:
    return {
        "csrf_token": session.get(CSRF_FIELD, ""),
        "csrf_field": CSRF_FIELD,
        "current_editor": g.get("editor"),
        "require_login": state().require_login,
    }


# --------------------------------------------------------------------------------------------------
# errors: one clear message, never a traceback


def _json_error(status: int, message: str, **extra: object) -> Response:
    response = jsonify({"error": message, **extra})
    response.status_code = status
    return response


def _status_of(exc: ClaimcheckError) -> int:
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, ConflictError):
        return 409
    return 400


def _library_error(exc: ClaimcheckError) -> Response:
    status = _status_of(exc)
    if is_api():
        extra: dict[str, object] = {}
        if isinstance(exc, ConflictError):
            extra = {"current": exc.current, "attempted": exc.attempted}
        return _json_error(status, exc.message(), **extra)
    page = render_template("app_error.html", title="Not done", message=exc.message())
    return Response(page, status=status)


def _http_error(exc: HTTPException) -> Response:
    status = exc.code or 500
    message = exc.description or exc.name
    if status == 413:
        message = f"the request is larger than {state().settings.review_max_request_bytes} bytes"
    if is_api():
        return _json_error(status, message)
    return Response(render_template("app_error.html", title=exc.name, message=message), status=status)


# --------------------------------------------------------------------------------------------------
# running it


def serve(settings: Settings, host: str, port: int, *, echo: Any = print) -> None:
    """Run the app under waitress (a production WSGI server) until interrupted."""
    from waitress import serve as waitress_serve

    from claimcheck.review.app import is_loopback

    require_login = not is_loopback(host)
    if require_login:
        with open_store(settings.out_dir) as opened:
            if not opened.has_accounts():
                raise ClaimcheckError(
                    f"{host} is reachable from other machines, and no editor account exists yet",
                    hint="create one with `claimcheck review editor add NAME --role publisher`",
                )
    app = create_app(settings, require_login=require_login)
    shown = f"[{host}]" if ":" in host else host
    echo(f"Review app on http://{shown}:{port}/ ({'log in' if require_login else 'loopback: give a name'})")
    waitress_serve(app, host=host, port=port, threads=4, ident="claimcheck")
