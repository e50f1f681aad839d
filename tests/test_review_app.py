"""The review app through Flask's test client: every route, and every bad request (missing CSRF, a stale
version, an unknown id, the wrong role, oversized input, markup in every text field)."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from claimcheck.cli import cli
from claimcheck.index import EvidenceIndex
from claimcheck.models import VerdictStatus
from claimcheck.review import ReviewStore, apply_decisions, open_store
from claimcheck.review.app import is_loopback
from claimcheck.review.app.auth import add_account, new_token
from claimcheck.review.app.factory import create_app
from claimcheck.review.records import Role
from claimcheck.review.sections import get_sections
from tests.review_app_fixtures import (
    SLUG,
    app_settings,
    corpus_index,
    csrf_of,
    fake_checker,
    field_values,
    make_out,
)

SCRIPT = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def index() -> EvidenceIndex:
    return corpus_index()


@pytest.fixture
def out(tmp_path: Path, index: EvidenceIndex) -> Path:
    return make_out(tmp_path, index=index)[0]


def make_app(out: Path, index: EvidenceIndex, *, require_login: bool = False, **settings: Any) -> Flask:
    chosen = app_settings(out, **settings)
    app = create_app(chosen, require_login=require_login, checker=fake_checker(chosen, index), secret_key="t")
    app.config["TESTING"] = True
    return app


class Editor:
    """A test client with a name given (loopback) or logged in, and its session's CSRF token."""

    def __init__(self, client: FlaskClient, csrf: str) -> None:
        self.client = client
        self.csrf = csrf

    def get(self, path: str, status: int = 200) -> str:
        response = self.client.get(path)
        assert response.status_code == status, (path, response.status_code, response.text[:500])
        return response.text

    def post(self, path: str, data: dict[str, Any], status: int = 302, csrf: bool = True) -> Any:
        form = {**data, "csrf_token": self.csrf} if csrf else data
        response = self.client.post(path, data=form)
        assert response.status_code == status, (path, response.status_code, response.text[:800])
        return response

    def api(self, method: str, path: str, body: Any, status: int = 200, csrf: bool = True) -> Any:
        headers = {"X-CSRF-Token": self.csrf} if csrf else {}
        response = self.client.open(path, method=method, json=body, headers=headers)
        assert response.status_code == status, (path, response.status_code, response.text[:800])
        return response.get_json()


def named(app: Flask, name: str = "Ana") -> Editor:
    client = app.test_client()
    csrf = csrf_of(client.get("/name").text)
    assert client.post("/name", data={"name": name, "csrf_token": csrf}).status_code == 302
    return Editor(client, csrf)


def logged_in(app: Flask, name: str, password: str) -> Editor:
    client = app.test_client()
    csrf = csrf_of(client.get("/login").text)
    response = client.post("/login", data={"name": name, "password": password, "csrf_token": csrf})
    assert response.status_code == 302, response.text
    return Editor(client, csrf_of(client.get("/").text))


@pytest.fixture
def ana(out: Path, index: EvidenceIndex) -> Editor:
    return named(make_app(out, index))


@pytest.fixture
def store(out: Path) -> Iterator[ReviewStore]:
    with open_store(out) as opened:
        yield opened


def claim_form(editor: Editor, claim_id: str) -> dict[str, Any]:
    """The claim form as the page fills it in (every field with its current value)."""
    html = editor.get(f"/b/{SLUG}/c/{claim_id}")
    text = re.search(r'<textarea name="text"[^>]*>(.*?)</textarea>', html, re.S)
    rationale = re.search(r'<textarea name="rationale"[^>]*>(.*?)</textarea>', html, re.S)
    assert text and rationale
    import html as html_module

    return {
        "version": field_values(html, "version")[0],
        "text": html_module.unescape(text.group(1)),
        "rationale": html_module.unescape(rationale.group(1)),
        "explanation": field_values(html, "explanation")[0] if field_values(html, "explanation") else "",
        "evidence_present": "1",
        "evidence": list(field_values(html, "evidence")),
    }


# --------------------------------------------------------------------------------------------------
# who may ask


def test_loopback_asks_for_a_name_once_and_the_api_for_auth(out: Path, index: EvidenceIndex) -> None:
    client = make_app(out, index).test_client()
    assert client.get("/").status_code == 302 and "/name" in client.get("/").location
    assert client.get("/api/breakdowns").status_code == 401
    page = client.get("/name").text
    assert client.post("/name", data={"name": "Ana"}).status_code == 400  # no CSRF token
    assert client.post("/name", data={"name": "  ", "csrf_token": csrf_of(page)}).status_code == 400
    assert client.post("/name", data={"name": "Ana", "csrf_token": csrf_of(page)}).status_code == 302
    assert "Ana · publisher" in client.get("/").text
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.4")


def test_off_loopback_editors_log_in_and_only_publishers_publish(out: Path, index: EvidenceIndex) -> None:
    with open_store(out) as opened:
        add_account(opened, "Ed", "correct horse", Role.EDITOR)
        add_account(opened, "Pat", "battery staple", Role.PUBLISHER)
        assert opened.account("Ed") is not None and "correct horse" not in opened.account("Ed").password_hash  # type: ignore[union-attr]
    app = make_app(out, index, require_login=True)
    client = app.test_client()
    assert "/login" in client.get("/").location
    assert client.get("/name").status_code == 404
    page = client.get("/login").text
    wrong = client.post("/login", data={"name": "Ed", "password": "nope", "csrf_token": csrf_of(page)})
    assert wrong.status_code == 401 and "wrong name or password" in wrong.text
    ed = logged_in(app, "Ed", "correct horse")
    assert "Publish the site" not in ed.get("/")
    ed.post("/publish", {}, status=403)
    assert ed.api("POST", "/api/publish", {}, status=403)["error"].startswith("Ed may review but not publish")
    ed.api("POST", f"/api/claims/{SLUG}/c000/decision", {"action": "approve", "version": 0})
    pat = logged_in(app, "Pat", "battery staple")
    pat.post("/publish", {})
    assert (out / "site" / f"{SLUG}.html").is_file()


def test_api_tokens_need_no_csrf_and_sessions_do(out: Path, index: EvidenceIndex, ana: Editor) -> None:
    with open_store(out) as opened:
        add_account(opened, "Bot", "cms password", Role.EDITOR)
        token = new_token(opened, "Bot")
    client = ana.client.application.test_client()
    auth = {"Authorization": f"Bearer {token}"}
    listed = client.get("/api/breakdowns", headers=auth)
    assert listed.status_code == 200 and listed.get_json()["breakdowns"][0]["slug"] == SLUG
    saved = client.post(
        f"/api/claims/{SLUG}/c002/decision", json={"action": "approve", "version": 0}, headers=auth
    )
    assert saved.status_code == 200 and saved.get_json()["status"] == "approved"
    bad = client.get("/api/breakdowns", headers={"Authorization": "Bearer not-a-token"})
    assert bad.status_code == 401
    # a session's API write without its CSRF header is refused
    refused = ana.api(
        "POST", f"/api/claims/{SLUG}/c003/decision", {"action": "approve", "version": 0}, 400, False
    )
    assert "CSRF" in refused["error"]
    with open_store(out) as opened:
        assert [r.editor for r in opened.audit_log("c002")] == ["Bot"]
        assert opened.decision_for(SLUG, "c003") is None


# --------------------------------------------------------------------------------------------------
# pages


def test_queue_and_breakdown_show_counts_rows_and_filters(ana: Editor) -> None:
    ana.post(f"/b/{SLUG}/c/c000", {"action": "approve", "version": 0})
    ana.post(f"/b/{SLUG}/c/c003", {"action": "reject", "version": 0})
    queue = ana.get("/")
    for cls, count in (("to-review", 3), ("needs-review", 1), ("approved", 1), ("rejected", 1)):
        assert f'<td class="{cls}">{count}</td>' in queue
    page = ana.get(f"/b/{SLUG}")
    assert re.findall(r'id="row-(c\d+)"', page) == [
        "c000",
        "c001",
        "c002",
        "c003",
        "c004",
    ]  # transcript order
    assert "no source states this figure" in page and ">0:15</span>" in page and "Mark" in page
    assert re.findall(r'id="row-(c\d+)"', ana.get(f"/b/{SLUG}?status=draft")) == ["c001", "c002", "c004"]
    assert re.findall(r'id="row-(c\d+)"', ana.get(f"/b/{SLUG}?label=hype")) == ["c003"]
    assert re.findall(r'id="row-(c\d+)"', ana.get(f"/b/{SLUG}?needs_review=1")) == ["c001", "c003"]
    assert re.findall(r'id="row-(c\d+)"', ana.get(f"/b/{SLUG}?reason=source+states")) == ["c001"]
    assert "no status" in ana.get(f"/b/{SLUG}?status=bogus", status=400)


def test_bulk_approves_the_selection_one_audit_entry_each(ana: Editor, store: ReviewStore) -> None:
    page = ana.get(f"/b/{SLUG}")
    confident = re.findall(r'value="(c\d+)" aria-label="select" data-confident="1"', page)
    assert confident == ["c000", "c002", "c004"]  # undecided, unflagged, at or above the review threshold
    ana.post(f"/b/{SLUG}/c/c002", {"action": "save", "version": 0, "note": "seen"})  # c002 moves on
    form = {"action": "approve", "ids": confident, **{f"v-{c}": "0" for c in confident}}
    response = ana.post(f"/b/{SLUG}/bulk", form)
    assert "2 saved" in ana.get(response.location) and "c002" in ana.get(f"/b/{SLUG}")
    for claim_id in ("c000", "c004"):
        assert [(r.action.value, r.field) for r in store.audit_log(claim_id)] == [("approve", "status")]
    assert store.decision_for(SLUG, "c002").status is VerdictStatus.DRAFT  # type: ignore[union-attr]
    ana.post(f"/b/{SLUG}/bulk", {"action": "publish", "ids": ["c000"], "v-c000": "1"}, status=400)
    ana.post(f"/b/{SLUG}/bulk", {"action": "approve"}, status=400)  # nothing selected


def test_a_claim_is_edited_evidence_dropped_attached_and_approved(ana: Editor, store: ReviewStore) -> None:
    form = claim_form(ana, "c000")
    assert form["version"] == "0" and len(form["evidence"]) == 2
    # search the index from the page and attach a span of a hit
    page = ana.get(f"/b/{SLUG}/c/c000?q=Reality+Labs+loss+2022")
    assert 'class="hit"' in page
    passage_id = next(p for p in field_values(page, "passage_id") if p.startswith("meta/"))
    ana.post(
        f"/b/{SLUG}/c/c000/attach",
        {"version": 0, "passage_id": passage_id, "quote": "compared with a loss of $13.72 billion in 2022"},
    )
    form = claim_form(ana, "c000")
    assert form["version"] == "1" and len(form["evidence"]) == 3
    form.update(
        text="Reality Labs lost about $16 billion in 2023",
        explanation="The 10-K reports $16.12 billion.",
        label="real",
        evidence=[form["evidence"][2], form["evidence"][0]],  # drop the mission statement, reorder
        action="approve",
    )
    ana.post(f"/b/{SLUG}/c/c000", form)
    verdict = next(v for v in apply_decisions(_draft(store), store).verdicts if v.claim.id == "c000")
    assert verdict.status is VerdictStatus.APPROVED
    assert verdict.claim.text == "Reality Labs lost about $16 billion in 2023"
    assert verdict.claim.quote == "Reality Labs lost about sixteen billion dollars in 2023."  # the words said
    assert [e.quote for e in verdict.evidence] == [
        "compared with a loss of $13.72 billion in 2022",
        "Reality Labs reported a loss from operations of $16.12 billion for fiscal 2023",
    ]
    for e in verdict.evidence:
        assert e.passage.raw_text[e.quote_start - e.passage.start : e.quote_end - e.passage.start] == e.quote
    fields = [(r.action.value, r.field) for r in store.audit_log("c000")]
    assert fields == [
        ("edit", "evidence"),
        ("edit", "text"),
        ("edit", "explanation"),
        ("edit", "evidence"),
        ("approve", "status"),
    ]
    page = ana.get(f"/b/{SLUG}/c/c000")
    assert "version 2" in page and "The 10-K reports $16.12 billion." in page
    card = ana.get(f"/b/{SLUG}/c/c000/card")
    assert "compared with a loss of $13.72 billion in 2022" in card and "stated mission" not in card
    # the explanation written in the app is the card's one-line explanation on the published page
    assert "The 10-K reports $16.12 billion." in card


def _draft(store: ReviewStore) -> Any:
    from claimcheck.drafts import read_draft

    return read_draft(store.path.parent / "drafts" / f"{SLUG}.json")


def test_a_quote_that_is_not_the_passages_words_is_refused(ana: Editor, store: ReviewStore) -> None:
    page = ana.get(f"/b/{SLUG}/c/c001?q=employees")
    passage_id = field_values(page, "passage_id")[0]
    refused = ana.post(
        f"/b/{SLUG}/c/c001/attach",
        {"version": 0, "passage_id": passage_id, "quote": "Meta had 70,000 staff"},
        status=400,
    )
    assert "is not an exact span of" in refused.text
    shifted = ana.post(
        f"/b/{SLUG}/c/c001/attach",
        {"version": 0, "passage_id": passage_id, "quote": "Meta", "start": "1"},
        status=400,
    )
    assert "is not an exact span of" in shifted.text
    ana.post(f"/b/{SLUG}/c/c001/attach", {"version": 0, "passage_id": "no/such#9", "quote": "x"}, status=400)
    assert store.decision_for(SLUG, "c001") is None


def test_a_stale_form_is_a_conflict_showing_both_versions(
    out: Path, index: EvidenceIndex, store: ReviewStore
) -> None:
    app = make_app(out, index)
    ana, bo = named(app, "Ana"), named(app, "Bo")
    form_ana, form_bo = claim_form(ana, "c001"), claim_form(bo, "c001")
    ana.post(
        f"/b/{SLUG}/c/c001", {**form_ana, "text": "Meta's 2023 revenue was $134.9 billion", "action": "save"}
    )
    conflict = bo.post(
        f"/b/{SLUG}/c/c001",
        {**form_bo, "text": "Revenue rose to $135 billion", "action": "approve"},
        status=409,
    )
    assert "Someone saved this claim first" in conflict.text
    assert (
        "Meta&#39;s 2023 revenue was $134.9 billion" in conflict.text
        and "Revenue rose to $135 billion" in conflict.text
    )
    assert "you saw version 0, it is now version 1 by Ana" in conflict.text
    record = store.decision_for(SLUG, "c001")
    assert (
        record is not None
        and record.text == "Meta's 2023 revenue was $134.9 billion"
        and record.status is VerdictStatus.DRAFT
    )
    api = bo.api(
        "POST", f"/api/claims/{SLUG}/c001/decision", {"action": "save", "text": "x", "version": 0}, status=409
    )
    assert (
        api["current"]["text"] == "Meta's 2023 revenue was $134.9 billion" and api["attempted"]["text"] == "x"
    )


def test_reject_reopen_and_merge_from_the_claim_page(ana: Editor, store: ReviewStore) -> None:
    ana.post(f"/b/{SLUG}/c/c003", {"action": "reject", "version": 0, "note": "opinion"})
    page = ana.get(f"/b/{SLUG}/c/c003")
    assert (
        'value="approve"' not in page
        and 'value="reopen"' in page
        and "Rejected: this claim is not published" in page
    )
    refused = ana.api(
        "POST", f"/api/claims/{SLUG}/c003/decision", {"action": "approve", "version": 1}, status=400
    )
    assert "reopen it first" in refused["error"]
    ana.post(f"/b/{SLUG}/c/c003", {"action": "reopen", "version": 1})
    assert store.decision_for(SLUG, "c003").status is VerdictStatus.DRAFT  # type: ignore[union-attr]
    merged = ana.post(f"/b/{SLUG}/c/c004", {"action": "merge", "merge_into": "c000", "version": 0})
    assert merged.location.endswith(f"/b/{SLUG}/c/c000")
    record = store.decision_for(SLUG, "c004")
    assert record is not None and record.merged_into == "c000" and record.status is VerdictStatus.REJECTED
    assert "duplicate" in ana.get(f"/b/{SLUG}/c/c000")  # the kept claim's trail says so
    ana.post(f"/b/{SLUG}/c/c004", {"action": "merge", "version": 2}, status=400)  # no target


def test_recheck_shows_the_new_draft_beside_the_old(ana: Editor) -> None:
    ana.post(
        f"/b/{SLUG}/c/c002",
        {"action": "save", "version": 0, "text": "Meta had 67,317 employees at the end of 2023"},
    )
    page = ana.client.post(f"/b/{SLUG}/c/c002/recheck", data={"csrf_token": ana.csrf}).text
    assert "Draft of the run" in page and 'id="recheck-result"' in page
    assert "Re-checked: “Meta had 67,317 employees at the end of 2023”" in page
    use = {"action": "save", "version": 1, "evidence_present": "1"}
    new_draft = re.search(r'id="recheck-result".*?</form>', page, re.S)
    assert new_draft is not None
    use |= {
        "label": field_values(new_draft.group(0), "label")[0],
        "evidence": list(field_values(new_draft.group(0), "evidence")),
    }
    ana.post(f"/b/{SLUG}/c/c002", use)
    assert "67,317" in ana.get(f"/b/{SLUG}/c/c002/card")


def test_recheck_and_search_say_when_the_index_is_unavailable(out: Path) -> None:
    from claimcheck.review.app.checker import Checker

    settings = app_settings(out, corpus_dir=out / "no-corpus")
    app = create_app(settings, require_login=False, checker=Checker(settings), secret_key="t")
    ana = named(app)
    assert "Search is not available" in ana.get(f"/b/{SLUG}/c/c000?q=revenue")
    after = ana.post(f"/b/{SLUG}/c/c000/recheck", {})
    assert "Re-check is not available" in ana.get(after.location)


def test_a_missed_claim_is_added_from_the_transcript(ana: Editor, store: ReviewStore) -> None:
    page = ana.get(f"/b/{SLUG}/transcript")
    assert page.count('class="turn"') == 5
    ana.post(f"/b/{SLUG}/add", {"utterance": "3", "quote": "the metaverse is the greatest"}, status=400)
    ana.post(f"/b/{SLUG}/add", {"utterance": "99", "quote": "metaverse"}, status=400)
    added = ana.post(
        f"/b/{SLUG}/add",
        {
            "utterance": "3",
            "quote": "the metaverse is the best thing anyone has ever built",
            "text": "The metaverse is the best product ever built",
        },
    )
    claim_id = added.location.rsplit("/", 1)[1]
    record = next(r for r in store.list_claims(SLUG) if r.claim_id == claim_id)
    assert record.added_by_editor and record.speaker == "Mark" and record.quote.startswith("the metaverse")
    assert re.findall(r'id="row-([\w-]+)"', ana.get(f"/b/{SLUG}"))[3:5] == [
        "c003",
        claim_id,
    ]  # where it was said


def test_unknown_ids_are_404_on_pages_and_api(ana: Editor) -> None:
    ana.get("/b/nope", status=404)
    ana.get("/b/../etc", status=404)
    ana.get(f"/b/{SLUG}/c/nope", status=404)
    ana.get(f"/b/{SLUG}/c/nope/card", status=404)
    ana.api("GET", "/api/breakdowns/nope", None, status=404)
    assert (
        "no claim"
        in ana.api("POST", f"/api/claims/{SLUG}/nope/decision", {"action": "approve", "version": 0}, 404)[
            "error"
        ]
    )
    ana.api("POST", f"/api/claims/{SLUG}/c000/decision", {"action": "fly", "version": 0}, status=400)
    ana.api("POST", f"/api/claims/{SLUG}/c000/decision", {"action": "approve"}, status=400)  # no version
    ana.api("POST", f"/api/claims/{SLUG}/c000/decision", [1, 2], status=400)
    assert ana.client.get("/nowhere").status_code == 404


def test_oversized_input_is_refused(out: Path, index: EvidenceIndex) -> None:
    ana = named(make_app(out, index, review_max_request_bytes=4096, review_max_text_chars=200))
    huge = "x" * 10_000
    assert (
        ana.client.post(
            f"/b/{SLUG}/c/c000", data={"csrf_token": ana.csrf, "text": huge, "version": "0"}
        ).status_code
        == 413
    )
    too_big = ana.api(
        "POST",
        f"/api/claims/{SLUG}/c000/decision",
        {"action": "save", "text": huge, "version": 0},
        status=413,
    )
    assert "larger than 4096 bytes" in too_big["error"]
    long_text = ana.api(
        "POST",
        f"/api/claims/{SLUG}/c000/decision",
        {"action": "save", "text": "y" * 300, "version": 0},
        status=400,
    )
    assert "longer than 200 characters" in long_text["error"]
    long_line = ana.api(
        "POST",
        f"/api/claims/{SLUG}/c000/decision",
        {"action": "save", "explanation": "z" * 300, "version": 0},
        status=400,
    )
    assert "explanation is longer" in long_line["error"]


def test_markup_in_every_text_field_is_rendered_inert(
    out: Path, index: EvidenceIndex, store: ReviewStore
) -> None:
    ana = named(make_app(out, index), f"Eve {SCRIPT}")
    body = {
        "action": "save",
        "version": 0,
        "text": f"Text {SCRIPT}",
        "explanation": f"Why {SCRIPT}",
        "rationale": f"Because {SCRIPT}",
        "note": f"Note {SCRIPT}",
        "label": "hype",
    }
    ana.api("POST", f"/api/claims/{SLUG}/c000/decision", body)
    ana.api("POST", f"/api/claims/{SLUG}/c000/decision", {"action": "approve", "version": 1})
    ana.post(
        f"/b/{SLUG}/add",
        {
            "utterance": "1",
            "quote": "Our revenue was up a lot",
            "text": f"Added {SCRIPT}",
            "note": f"Added note {SCRIPT}",
        },
    )
    pages = [
        ana.get("/"),
        ana.get(f"/b/{SLUG}"),
        ana.get(f"/b/{SLUG}/c/c000"),
        ana.get(f"/b/{SLUG}/c/c000/card"),
        ana.get(f"/b/{SLUG}/preview"),
        ana.get(f"/b/{SLUG}/c/c000?q={SCRIPT}"),
    ]
    for page in pages:
        assert "<script>alert" not in page
    joined = "\n".join(pages)
    for field in ("Text", "Why", "Because", "Note", "Eve", "Added"):
        assert f"{field} &lt;script&gt;alert(1)&lt;/script&gt;" in joined, field
    api = ana.client.get(f"/api/breakdowns/{SLUG}")
    assert api.mimetype == "application/json" and "<script>" in api.get_json()["claims"][0]["text"]
    assert "script-src 'self'" in api.headers["Content-Security-Policy"]


# --------------------------------------------------------------------------------------------------
# sections (stored by claimcheck.review.sections, when this claimcheck has it)


def test_sections_are_saved_through_the_sections_module(ana: Editor, store: ReviewStore) -> None:
    ana.post(
        f"/b/{SLUG}/sections/the_one_thing",
        {"markdown": f"**Open** weights {SCRIPT} [x](javascript:alert(1))\r\nmore"},
    )
    assert (
        get_sections(store, SLUG)["the_one_thing"]
        == f"**Open** weights {SCRIPT} [x](javascript:alert(1))\nmore"
    )
    assert [(r.editor, r.claim_id) for r in store.audit_log("section:the_one_thing")] == [
        ("Ana", "section:the_one_thing")
    ]
    page = ana.get(f"/b/{SLUG}/sections")
    assert "<strong>Open</strong>" in page and "<script>alert" not in page and 'href="javascript' not in page
    ana.api("PUT", f"/api/breakdowns/{SLUG}/sections/so_what", {"markdown": "It matters."})
    assert get_sections(store, SLUG)["so_what"] == "It matters."
    ana.api("PUT", f"/api/breakdowns/{SLUG}/sections/Nope", {"markdown": "x"}, status=404)
    ana.api("PUT", f"/api/breakdowns/{SLUG}/sections/so_what", {"text": "x"}, status=400)
    ana.post(f"/b/{SLUG}/sections/so_what", {"markdown": "x"}, status=400, csrf=False)
    assert get_sections(store, SLUG)["so_what"] == "It matters."
    # and the published page renders what the editor wrote
    ana.post(f"/b/{SLUG}/c/c004", {"action": "approve", "version": 0})
    assert "<strong>Open</strong> weights" in ana.get(f"/b/{SLUG}/preview")


# --------------------------------------------------------------------------------------------------
# preview and publish


def test_the_preview_is_the_published_page(ana: Editor, out: Path) -> None:
    assert "Nothing to preview" in ana.get(f"/b/{SLUG}/preview")
    ana.post(f"/b/{SLUG}/c/c004", {"action": "approve", "version": 0})
    preview = ana.get(f"/b/{SLUG}/preview")
    assert "text/css" in ana.client.get(f"/b/{SLUG}/style.css").content_type
    ana.post("/publish", {})
    assert (out / "site" / f"{SLUG}.html").read_text(encoding="utf-8") == preview
    assert "Unreviewed draft" in ana.get(f"/b/{SLUG}/preview?drafts=1")


# --------------------------------------------------------------------------------------------------
# the commands that go with the app


def test_editor_accounts_tokens_and_serve_off_loopback(out: Path) -> None:
    runner = CliRunner()
    refused = runner.invoke(cli, ["review", "serve", "--host", "0.0.0.0", "--out", str(out)])
    assert refused.exit_code == 1 and "no editor account exists yet" in refused.output
    short = runner.invoke(cli, ["review", "editor", "add", "Pat", "--out", str(out)], input="short\nshort\n")
    assert short.exit_code == 1 and "shorter than 8" in short.output
    added = runner.invoke(
        cli,
        ["review", "editor", "add", "Pat", "--role", "publisher", "--out", str(out)],
        input="long enough\nlong enough\n",
    )
    assert added.exit_code == 0 and added.output.endswith("Pat: account saved (publisher)\n")
    token = runner.invoke(cli, ["review", "token", "--editor", "Pat", "--out", str(out)])
    assert token.exit_code == 0 and len(token.output.strip()) >= 40
    nobody = runner.invoke(cli, ["review", "token", "--editor", "Nobody", "--out", str(out)])
    assert nobody.exit_code == 1 and "no account named 'Nobody'" in nobody.output
    typo = runner.invoke(cli, ["review", "serve", "--out", str(out / "typo")])
    assert typo.exit_code == 1 and "no drafts and no review store here" in typo.output
    with open_store(out) as opened:
        account = opened.account("Pat")
        assert (
            account is not None
            and account.role is Role.PUBLISHER
            and account.password_hash.startswith("scrypt:")
        )


def test_an_orphaned_claim_is_a_clear_404_and_listed_in_the_api(
    ana: Editor, out: Path, index: EvidenceIndex
) -> None:
    ana.post(f"/b/{SLUG}/c/c004", {"action": "approve", "version": 0})
    from claimcheck.drafts import read_draft, write_draft

    draft = read_draft(out / "drafts" / f"{SLUG}.json")
    rerun = draft.model_copy(update={"verdicts": draft.verdicts[:4]})  # a re-run no longer finds c004
    with open_store(out) as opened:
        assert opened.sync_drafts(rerun).orphaned == ["c004"]
    write_draft(out, rerun)
    page = ana.get(f"/b/{SLUG}/c/c004", status=404)
    assert "no longer in the drafts" in page and "review list --orphans" in page
    claims = ana.api("GET", f"/api/breakdowns/{SLUG}", None)["claims"]
    assert [(c["claim_id"], c["status"]) for c in claims][-1] == ("c004", "orphaned")


def test_dropping_every_piece_of_evidence_publishes_none(ana: Editor, out: Path) -> None:
    form = claim_form(ana, "c004")
    ana.post(f"/b/{SLUG}/c/c004", {**form, "evidence": [], "action": "approve"})
    ana.post("/publish", {})
    page = (out / "site" / f"{SLUG}.html").read_text(encoding="utf-8")
    assert "No source in the corpus addresses this claim directly." in page
    assert "Meta&#39;s stated mission" not in page and "Meta's stated mission" not in page


def test_review_serve_runs_the_app_under_waitress(out: Path) -> None:
    import socket
    import subprocess
    import time
    import urllib.error
    import urllib.request

    from tests.factories import subprocess_env

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "claimcheck", "review", "serve", "--out", str(out), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=subprocess_env(),
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/name", timeout=5) as response:
                    page = response.read().decode("utf-8")
                    server = response.headers["Server"]
                break
            except (urllib.error.URLError, ConnectionError):
                assert proc.poll() is None and time.monotonic() < deadline, "the app did not come up"
                time.sleep(0.2)
        assert "Who is reviewing?" in page and server == "claimcheck"  # waitress, not the dev server
    finally:
        proc.terminate()
        _out, err = proc.communicate(timeout=20)
    assert f"Review app on http://127.0.0.1:{port}/ (loopback: give a name)" in err


def test_a_what_they_missed_suggestion_is_accepted_into_the_section(
    tmp_path: Path, index: EvidenceIndex
) -> None:
    # issue #14: the page suggests corpus passages on the talk's topics that no claim touched; the editor
    # accepts one in the app, and it moves into their What They Missed (shown once, with its source)
    from claimcheck.drafts import read_draft
    from tests.factories import write_drafts

    out, breakdown = make_out(tmp_path, index=index)
    topical = breakdown.model_copy(
        update={"topics": ["Llama 3.1 parameter sizes and pretraining tokens"], "entities": ["Meta"]}
    )
    write_drafts(out, topical)
    editor = named(make_app(out, index))
    page = editor.get(f"/b/{SLUG}/sections")
    quote = (
        "Llama 3.1 comes in 8B, 70B and 405B parameter sizes"
        " and was pretrained on more than 15 trillion tokens."
    )
    assert "Suggested for What They Missed" in page and quote in page
    editor.post(f"/b/{SLUG}/missed/accept", {"quote": quote})
    with open_store(out) as store:
        assert (
            get_sections(store, SLUG)["what_they_missed"] == f"- “{quote}” (Llama 3.1 model card (summary))"
        )
    assert "Suggested for What They Missed" not in editor.get(f"/b/{SLUG}/sections")
    editor.post(f"/b/{SLUG}/missed/accept", {"quote": "Made up."}, status=404)
    editor.post(f"/b/{SLUG}/c/c004", {"action": "approve", "version": 0})
    preview = editor.get(f"/b/{SLUG}/preview")
    assert preview.count("15 trillion tokens") == 1  # in the editor's section, no longer also a suggestion
    assert read_draft(out / "drafts" / f"{SLUG}.json").topics == topical.topics


def test_sessions_outlive_a_restart_of_the_app(out: Path, index: EvidenceIndex) -> None:
    # the session-signing key is kept in OUT (mode 0600), so restarting `review serve` logs nobody out
    from claimcheck.review.app.auth import SESSION_KEY_FILE
    from tests.review_app_fixtures import app_settings, fake_checker

    chosen = app_settings(out)
    first = create_app(chosen, require_login=False, checker=fake_checker(chosen, index))
    second = create_app(chosen, require_login=False, checker=fake_checker(chosen, index))
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"]
    assert len(first.config["SECRET_KEY"]) == 64
    assert (out / SESSION_KEY_FILE).stat().st_mode & 0o777 == 0o600
    client = named(first).client
    cookie = client.get_cookie("session")
    assert cookie is not None
    again = second.test_client()
    again.set_cookie("session", cookie.value)
    assert again.get("/").status_code == 200  # still Ana: no redirect to the name page
    assert first.test_client().get("/").status_code == 302  # without the cookie, asked for a name
