"""The site around the pages and the editor's sections: the review store's `sections`, `review section`,
corrections after publication, the index with filters, person / company / methodology / corrections pages,
the Atom feed and sitemap, inert `<script>` from every input, file modes, and a golden page."""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.cli import cli
from claimcheck.errors import ClaimcheckError, ReviewError
from claimcheck.models import Breakdown, DecisionAction, EditorDecision, Label
from claimcheck.publish import build_site_context, publish_site, render_site, site_dir
from claimcheck.review import (
    SECTION_NAMES,
    AuditAction,
    apply_decisions,
    get_sections,
    open_store,
    set_section,
    with_implied_approval,
)
from claimcheck.settings import Settings
from tests.factories import SETTINGS, write_drafts
from tests.page_fixture import corpus, editorial, episode7
from tests.test_publish import parse

GOLDEN = Path(__file__).parent / "fixtures" / "golden" / "ep7.html"


def published(tmp_path: Path, *breakdowns: Breakdown, **settings: object) -> Path:
    out = tmp_path / "out"
    write_drafts(out, *(breakdowns or (episode7(),)))
    publish_site(Settings(out_dir=out, **settings), include_drafts=False)  # type: ignore[arg-type]
    return site_dir(out)


# --------------------------------------------------------------------------------------------------
# the editor's sections in the review store


def test_sections_are_stored_per_page_with_an_audit_row(tmp_path: Path) -> None:
    write_drafts(tmp_path, episode7())
    with open_store(tmp_path) as store:
        set_section(store, "ep7", "so_what", "- one\r\n- two\n", "Ana")
        set_section(store, "ep7", "so_what", "- one\n- two", "Ana")  # the same text: no new audit row
        set_section(store, "ep7", "the_one_thing", "It holds.", "Ben")
        assert get_sections(store, "ep7") == {"so_what": "- one\n- two", "the_one_thing": "It holds."}
        set_section(store, "ep7", "the_one_thing", "", "Ben")  # empty clears it
        assert get_sections(store, "ep7") == {"so_what": "- one\n- two"}
        audit = [e for e in store.audit_log(transcript_id="ep7") if e.action is AuditAction.EDIT_SECTION]
    assert [(e.claim_id, e.editor, e.old, e.new) for e in audit] == [
        ("section:so_what", "Ana", None, "- one\n- two"),
        ("section:the_one_thing", "Ben", None, "It holds."),
        ("section:the_one_thing", "Ben", "It holds.", None),
    ]


@pytest.mark.parametrize(
    ("slug", "name", "text", "editor", "message"),
    [
        ("ep7", "opinion", "x", "Ana", "unknown section 'opinion'"),
        ("ep7", "so_what", "x", " ", "an editor name is required"),
        ("nope", "so_what", "x", "Ana", "no breakdown 'nope'"),
        ("ep7", "so_what", "a\x00b", "Ana", "NUL"),
        ("ep7", "so_what", "x" * 20_001, "Ana", "over the 20,000 allowed"),
    ],
)
def test_bad_sections_are_refused(
    tmp_path: Path, slug: str, name: str, text: str, editor: str, message: str
) -> None:
    write_drafts(tmp_path, episode7())
    with open_store(tmp_path) as store, pytest.raises(ReviewError, match=message):
        set_section(store, slug, name, text, editor)


def test_section_names_cover_the_seed_sections() -> None:
    assert set(SECTION_NAMES) >= {
        "the_one_thing",
        "so_what",
        "action_items",
        "workflow_idea",
        "what_they_missed",
        "context_connections",
        "tools_mentioned",
        "further_reading",
        "whats_real",
        "whats_hype",
    }


def test_review_section_command(tmp_path: Path) -> None:
    write_drafts(tmp_path, episode7())
    text = tmp_path / "so-what.md"
    text.write_text("- Check the year.\n", encoding="utf-8")
    runner = CliRunner()
    base = ["review", "section", "ep7", "so_what", "--out", str(tmp_path), "--editor", "Ana"]
    result = runner.invoke(cli, [*base, "--file", str(text)])
    assert result.exit_code == 0, result.output
    assert result.output == "ep7/so_what: 17 characters (by Ana)\n"
    assert runner.invoke(cli, [*base, "--text", "- Check the year."]).output == "ep7/so_what: unchanged\n"
    assert runner.invoke(cli, [*base, "--text", ""]).output == "ep7/so_what: cleared (by Ana)\n"
    both = runner.invoke(cli, [*base, "--text", "x", "--file", str(text)])
    assert both.exit_code == 2 and "give --file or --text, exactly one" in both.output
    bad = tmp_path / "latin1.md"
    bad.write_bytes(b"line one\ncaf\xe9\n")
    result = runner.invoke(cli, [*base, "--file", str(bad)])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {bad}:2: not valid UTF-8 (byte 0xe9)")
    assert "Traceback" not in result.output


def test_publish_shows_the_stored_sections(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_drafts(out, episode7())
    with open_store(out) as store:
        set_section(store, "ep7", "the_one_thing", "Filed figures *hold up*.", "Ana")
    publish_site(Settings(out_dir=out), include_drafts=False)
    page = parse((site_dir(out) / "ep7.html").read_text(encoding="utf-8"))
    one = page.one("section", cls="editorial--the-one-thing")
    assert one.one("h2").text() == "The One Thing"
    assert one.one("em").text() == "hold up"


# --------------------------------------------------------------------------------------------------
# corrections


def test_a_verdict_changed_after_publication_is_a_correction_on_the_page_and_the_log(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_drafts(out, episode7())
    publish_site(Settings(out_dir=out), include_drafts=False)
    first = parse((site_dir(out) / "ep7.html").read_text(encoding="utf-8"))
    assert not first.find_all("section", cls="corrections")
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=2)
    with open_store(out) as store:
        decision = EditorDecision(
            transcript_id="ep7",
            claim_id="c4",
            action=DecisionAction.SET_VERDICT,
            editor="Ben",
            label=Label.PARTIALLY_TRUE,
            note="The glasses are sold with a partner.",
            at=later,
        )
        for step in with_implied_approval(decision):
            store.record(step)
    publish_site(Settings(out_dir=out), include_drafts=False)
    page = parse((site_dir(out) / "ep7.html").read_text(encoding="utf-8"))
    items = page.one("section", cls="corrections").find_all("li")
    assert len(items) == 1
    text = items[0].text()
    assert "verdict Real → Partially True" in text and "The glasses are sold with a partner." in text
    assert items[0].one("a").attrs["href"] == "#claim-c4"
    log = parse((site_dir(out) / "corrections.html").read_text(encoding="utf-8"))
    entries = log.one("ul", cls="corrections-log").find_all("li")
    assert len(entries) == 1 and "(Ben)" in entries[0].text()
    # the first publication date stays the ClaimReview's datePublished
    assert page.one("p", cls="byline").one("time").attrs["datetime"] == dt.date.today().isoformat()


# --------------------------------------------------------------------------------------------------
# the site


def two_episodes() -> list[Breakdown]:
    older = episode7()
    v = older.verdicts[0]
    other_claim = v.claim.model_copy(update={"id": "d1", "transcript_id": "ep8", "speaker": "Lee Chen"})
    newer = episode7(
        slug="ep8",
        title="Another interview",
        date=dt.date(2025, 6, 1),
        speakers=["Lee Chen"],
        roles={},
        verdicts=[v.model_copy(update={"claim": other_claim})],
        source_path="samples/ep8.txt",
    )
    return [older, newer]


def render_files(breakdowns: list[Breakdown], **site: str) -> dict[str, str]:
    context = build_site_context(
        breakdowns, False, settings=SETTINGS, editorial={"ep7": editorial()}, passages=corpus(), **site
    )
    return {f.name: f.text for f in render_site(context, SETTINGS)}


def test_index_is_newest_first_with_filters() -> None:
    index = parse(render_files(two_episodes())["index.html"])
    entries = index.find_all("li", cls="breakdown-entry")
    assert [e.one("h2").one("a").attrs["href"] for e in entries] == ["ep8.html", "ep7.html"]
    assert entries[1].attrs["data-person"] == "Sam Keller|Dana Whitfield"
    assert entries[1].attrs["data-label"] == "Real|Partially True|Hype|Unverified"
    selects = {
        s.attrs["data-filter"]: [o.text() for o in s.find_all("option")] for s in index.find_all("select")
    }
    assert selects["person"] == ["All", "Dana Whitfield", "Lee Chen", "Sam Keller"]
    assert selects["label"] == ["All", "Real", "Partially True", "Hype"]


def test_a_page_per_person_lists_their_claims() -> None:
    files = render_files(two_episodes())
    lee = parse(files["person-lee-chen.html"])
    assert lee.one("h1").text() == "Lee Chen"
    assert [a.attrs["href"] for a in lee.one("ul", cls="entry-claims").find_all("a")] == ["ep8.html#claim-d1"]
    dana = parse(files["person-dana-whitfield.html"])
    assert dana.one("p", cls="dek").text() == "Vice president, Meta"


def test_the_same_claim_in_two_episodes_is_connected() -> None:
    page = parse(render_files(two_episodes())["ep7.html"])
    heading = [
        s
        for s in page.find_all("section")
        if [h.text() for h in s.find_all("h2")][:1] == ["Context & Connections"]
    ]
    (connections,) = heading
    assert [h.text() for h in connections.find_all("h3")] == ["Said Before"]
    link = connections.one("ul", cls="connections").find_all("a")[1]
    assert link.attrs["href"] == "ep8.html#claim-d1"


def test_methodology_page_comes_from_the_policy_and_settings() -> None:
    page = parse(render_files([episode7()])["methodology.html"])
    rules = [li.text() for li in page.one("ul", cls="policy").find_all("li")]
    assert any(r.startswith("Real: the central assertion is supported") for r in rules)
    assert any(r.startswith("Hype: contradicted by evidence") for r in rules)
    rows = {
        tr.one("th").text(): [td.text() for td in tr.find_all("td")]
        for tr in page.one("tbody").find_all("tr")
    }
    assert rows["min_relevance"][0] == str(SETTINGS.min_relevance)
    assert "Chosen by hand on the sample transcript" in rows["min_relevance"][1]


def test_atom_feed_and_sitemap_are_well_formed_with_absolute_urls() -> None:
    files = render_files(two_episodes(), site_url="https://checks.example.org/")
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.fromstring(files["feed.xml"])
    entries = feed.findall(f"{atom}entry")
    assert [e.findtext(f"{atom}title") for e in entries] == [
        "Another interview",
        "Meta's Open Models and the Road to 2030",
    ]
    assert entries[1].find(f"{atom}link").attrib["href"] == "https://checks.example.org/ep7.html"  # type: ignore[union-attr]
    assert entries[1].findtext(f"{atom}updated") == "2025-03-20T00:00:00Z"
    sitemap = ET.fromstring(files["sitemap.xml"])
    locs = [u.findtext("{http://www.sitemaps.org/schemas/sitemap/0.9}loc") for u in sitemap]
    assert (
        "https://checks.example.org/ep7.html" in locs
        and "https://checks.example.org/methodology.html" in locs
    )
    assert all(loc and loc.startswith("https://checks.example.org/") for loc in locs)


def test_base_url_and_templates_options(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_drafts(out, episode7())
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "_badge.html").write_text('<b class="house">{{ badge.text }}</b>', encoding="utf-8")
    args = ["publish", "--out", str(out), "--base-url", "https://x.example/", "--templates", str(theme)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    page = parse((site_dir(out) / "ep7.html").read_text(encoding="utf-8"))
    assert [link.attrs["href"] for link in page.find_all("link") if link.attrs.get("rel") == "canonical"] == [
        "https://x.example/ep7.html"
    ]
    assert page.find_all("b", cls="house")


# --------------------------------------------------------------------------------------------------
# <script> in every input is inert

SCRIPT = "<script>alert(1)</script>"


def test_script_in_every_input_renders_inert() -> None:
    nasty = episode7(
        title=f"T {SCRIPT}",
        show=f"S {SCRIPT}",
        episode=f"E {SCRIPT}",
        speakers=[f"P {SCRIPT}"],
        roles={f"P {SCRIPT}": f"R {SCRIPT}"},
        summary=f"Sum {SCRIPT}.",
        topics=[f"topic {SCRIPT}"],
        entities=[f"Ent {SCRIPT}"],
    )
    verdicts = []
    for v in nasty.verdicts:
        claim = v.claim.model_copy(
            update={"text": v.claim.text + SCRIPT, "quote": SCRIPT, "speaker": f"P {SCRIPT}"}
        )
        evidence = []
        for e in v.evidence:
            cite = e.passage.citation.model_copy(
                update={"title": f"Doc {SCRIPT}", "compiled_from": f"F {SCRIPT}", "section": SCRIPT}
            )
            evidence.append(e.model_copy(update={"passage": e.passage.model_copy(update={"citation": cite})}))
        verdicts.append(
            v.model_copy(
                update={
                    "claim": claim,
                    "note": f"N {SCRIPT}",
                    "rationale": f"R {SCRIPT}",
                    "evidence": evidence,
                }
            )
        )
    nasty = nasty.model_copy(update={"verdicts": verdicts})
    sections = {name: f"## {SCRIPT}\n\n{SCRIPT} [x](javascript:alert(1))" for name in SECTION_NAMES}
    context = build_site_context(
        [nasty],
        False,
        settings=SETTINGS,
        editorial={"ep7": editorial(sections=sections)},
        passages=corpus(),
        site_name=f"Site {SCRIPT}",
        site_url="https://checks.example.org/",
    )
    for site_file in render_site(context, SETTINGS):
        if site_file.name.endswith(".json"):  # the page's data, served as JSON: never parsed as HTML
            continue
        text = site_file.text
        assert "<script>alert" not in text, site_file.name
        assert not re.search(r"""(?:href|src)=["']?\s*javascript:""", text), site_file.name
        if site_file.name.endswith(".html"):
            page = parse(text)
            for script in page.find_all("script"):
                # only ClaimReview data and the index's own filter script
                assert script.attrs.get("type") == "application/ld+json" or site_file.name == "index.html"
                assert "alert" not in script.text() or "\\u003cscript\\u003e" in script.text()


# --------------------------------------------------------------------------------------------------
# file modes


@pytest.mark.parametrize(("umask", "file_mode", "dir_mode"), [(0o022, 0o644, 0o755), (0o027, 0o640, 0o750)])
def test_published_files_follow_the_umask(tmp_path: Path, umask: int, file_mode: int, dir_mode: int) -> None:
    old = os.umask(umask)
    try:
        site = published(tmp_path)
    finally:
        os.umask(old)
    assert stat.S_IMODE(site.stat().st_mode) == dir_mode
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in site.iterdir()}
    assert modes and set(modes.values()) == {file_mode}, modes


# --------------------------------------------------------------------------------------------------
# golden page


def test_golden_page() -> None:
    """The fixture page, byte for byte. After an intended change, regenerate it with
    `UPDATE_GOLDEN=1 pytest tests/test_publish_site.py -k golden` and read the diff before committing."""
    html = render_files([episode7()], site_url="https://checks.example.org/")["ep7.html"]
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(html, encoding="utf-8")
    assert html == GOLDEN.read_text(encoding="utf-8")


def test_a_failed_publish_records_no_publication(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_drafts(out, episode7())
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "_card.html").write_text("{{ card.no_such_field }}", encoding="utf-8")
    with pytest.raises(ClaimcheckError):
        publish_site(Settings(out_dir=out, templates_override=broken), include_drafts=False)
    with open_store(out) as store:
        assert store.first_published("ep7") is None
    publish_site(Settings(out_dir=out), include_drafts=True)  # a preview publishes nothing either
    with open_store(out) as store:
        assert store.first_published("ep7") is None
    publish_site(Settings(out_dir=out), include_drafts=False)
    with open_store(out) as store:
        first = store.first_published("ep7")
    assert first is not None
    publish_site(Settings(out_dir=out), include_drafts=False)
    with open_store(out) as store:
        assert store.first_published("ep7") == first  # the first publication stays


def episode_with(slug: str, text: str, day: dt.date) -> Breakdown:
    """Another page whose one approved claim is `text`, said by Lee Chen."""
    v = episode7().verdicts[0]
    claim = v.claim.model_copy(update={"id": f"{slug}-1", "transcript_id": slug, "text": text, "quote": text})
    claim = claim.model_copy(update={"speaker": "Lee Chen"})
    return episode7(
        slug=slug,
        title=f"Interview {slug}",
        date=day,
        speakers=["Lee Chen"],
        roles={},
        verdicts=[v.model_copy(update={"claim": claim})],
        source_path=f"samples/{slug}.txt",
    )


def test_claims_on_other_pages_agree_or_contradict_by_the_verdict_stage() -> None:
    agrees = episode_with("ep8", "Meta's 2023 revenue was about $135 billion.", dt.date(2025, 5, 1))
    contradicts = episode_with("ep9", "Meta's 2023 revenue was $200 billion.", dt.date(2025, 6, 1))
    unrelated = episode_with("ep10", "Llama 3 has an 8K context window.", dt.date(2025, 7, 1))
    files = render_files([episode7(), agrees, contradicts, unrelated])
    page = parse(files["ep7.html"])
    (section,) = [
        s
        for s in page.find_all("section")
        if [h.text() for h in s.find_all("h2")][:1] == ["Context & Connections"]
    ]
    groups = {
        h.text(): [a.attrs["href"] for a in ul.find_all("a")[1::2]]
        for h, ul in zip(section.find_all("h3"), section.find_all("ul", cls="connections"), strict=True)
    }
    assert groups == {"Agrees With": ["ep8.html#claim-ep8-1"], "Contradicts": ["ep9.html#claim-ep9-1"]}


def test_an_editor_who_changes_a_label_gives_the_rationale_through_the_note(tmp_path: Path) -> None:
    write_drafts(tmp_path, episode7())
    with open_store(tmp_path) as store:
        for claim_id, note in (("c1", "Revenue was $134.90 billion, but that is FY2023 only."), ("c2", None)):
            decision = EditorDecision(
                transcript_id="ep7",
                claim_id=claim_id,
                action=DecisionAction.SET_VERDICT,
                editor="Ana",
                label=Label.PARTIALLY_TRUE,
                note=note,
            )
            for step in with_implied_approval(decision):
                store.record(step)
        merged = {v.claim.id: v for v in apply_decisions(episode7(), store).verdicts}
    assert merged["c1"].rationale == "Revenue was $134.90 billion, but that is FY2023 only."
    # no note at all: the page says plainly whose verdict it is and what the draft said
    assert (
        merged["c2"].rationale == "The editor set this verdict after review; the automatic draft said Hype."
    )


def test_a_base_url_that_is_not_http_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_drafts(out, episode7())
    result = CliRunner().invoke(cli, ["publish", "--out", str(out), "--base-url", "javascript:alert(1)"])
    assert result.exit_code == 1
    assert "bad setting 'site_url'" in result.output and "absolute http(s) URL" in result.output
    assert not site_dir(out).exists()


def test_review_set_needs_the_explanation_readers_see(tmp_path: Path) -> None:
    write_drafts(tmp_path, episode7())
    base = ["review", "set", "c2", "--verdict", "real", "--editor", "Ana", "--out", str(tmp_path)]
    missing = CliRunner().invoke(cli, base)
    assert missing.exit_code == 2 and "say why with --explanation or --note" in missing.output
    blank = CliRunner().invoke(cli, [*base, "--note", "  ", "--explanation", ""])
    assert blank.exit_code == 2 and "say why with --explanation or --note" in blank.output
    done = CliRunner().invoke(cli, [*base, "--note", "The 2023 column is the one that counts."])
    assert done.exit_code == 0, done.output
    with open_store(tmp_path) as store:
        merged = {v.claim.id: v for v in apply_decisions(episode7(), store).verdicts}
    assert merged["c2"].rationale == "The 2023 column is the one that counts."
    explained = CliRunner().invoke(
        cli, [*base[:2], "c3", *base[3:], "--explanation", "FY2023 revenue grew 16%."]
    )
    assert explained.exit_code == 0, explained.output
    with open_store(tmp_path) as store:
        merged = {v.claim.id: v for v in apply_decisions(episode7(), store).verdicts}
    assert merged["c3"].rationale == "FY2023 revenue grew 16%."


def test_no_sitemap_without_a_base_url() -> None:
    files = render_files([episode7()])
    assert "sitemap.xml" not in files and "feed.xml" in files
