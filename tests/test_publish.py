"""The site publisher: gather (build_site_context) and write (write_site), checked on parsed HTML."""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

import claimcheck.fsutil as fsutil
from claimcheck.drafts import write_draft
from claimcheck.errors import ClaimcheckError, LockError
from claimcheck.models import Breakdown, Citation, DocKind, Evidence, Label, Stance, Verdict, VerdictStatus
from claimcheck.outdir import clear_leftovers
from claimcheck.publish import (
    MANIFEST,
    build_site_context,
    format_timecode,
    publish_site,
    render_site,
    site_dir,
    write_site,
)
from claimcheck.settings import Settings
from tests.factories import (
    SETTINGS,
    Holder,
    make_breakdown,
    make_claim,
    make_draft,
    make_evidence,
    make_passage,
    make_verdict,
    write_drafts,
    write_file,
)

# --------------------------------------------------------------------------------------------------
# what the pages show: one 10-K quote, numbered claims by one speaker, one episode

EVIDENCE_QUOTE = "Revenue was $134.90 billion, an increase of 16% compared to 2022."


def published_evidence(url: str | None = "https://www.sec.gov/meta-10k-2023") -> Evidence:
    citation = Citation(
        title="Meta Platforms Form 10-K 2023",
        kind=DocKind.TEN_K,
        company="Meta Platforms",
        period="FY2023",
        section="Item 7. Management's Discussion",
        page=61,
        url=url,
    )
    raw = f"Results of operations. {EVIDENCE_QUOTE} Costs rose."
    passage = make_passage(raw, passage_id="meta-10k#3", citation=citation)
    return make_evidence(EVIDENCE_QUOTE, passage=passage, score=0.81, stance=Stance.SUPPORTS)


def numbered_verdict(
    n: int,
    label: Label = Label.REAL,
    status: VerdictStatus = VerdictStatus.APPROVED,
    *,
    text: str | None = None,
) -> Verdict:
    """Claim number `n` of the episode, approved by editor "ana" unless still a draft."""
    claim = make_claim(
        text or f"Meta's revenue grew 16% in 2023 (claim {n})",
        claim_id=f"claim{n:03d}",
        transcript_id="zuck-lex",
        quote=f"our revenue grew like sixteen percent, number {n}",
        speaker="Mark Zuckerberg",
        start=3000.0 + 60 * n,
    )
    draft = make_draft(
        claim.id,
        label=label,
        confidence=0.8,
        needs_review=False,
        rationale=f"The 10-K reports the same growth (claim {n}).",
        evidence=[published_evidence()],
    )
    return make_verdict(
        claim, draft, status=status, editor="ana" if status is not VerdictStatus.DRAFT else None
    )


def episode(
    verdicts: list[Verdict],
    slug: str = "zuck-lex",
    date: dt.date | None = dt.date(2026, 4, 12),
    url: str | None = "https://www.youtube.com/watch?v=abc",
) -> Breakdown:
    return make_breakdown(
        verdicts,
        slug=slug,
        title="Mark Zuckerberg on Open Source AI",
        show="Lex Fridman Podcast",
        date=date,
        speakers=["Mark Zuckerberg", "Lex Fridman"],
        url=url,
        summary="Open-sourcing Llama as competitive strategy.",
        source_path=f"samples/{slug}.txt",
    )


# --------------------------------------------------------------------------------------------------
# a small DOM over html.parser

_VOID = {"meta", "link", "br", "img", "input", "hr", "source", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None]
    children: list[Node | str] = field(default_factory=list)

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Node]:
        found: list[Node] = []
        for child in self.children:
            if isinstance(child, str):
                continue
            if (
                (tag is None or child.tag == tag)
                and (cls is None or cls in child.classes)
                and all(child.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())
            ):
                found.append(child)
            found.extend(child.find_all(tag, cls, **attrs))
        return found

    def one(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Node:
        found = self.find_all(tag, cls, **attrs)
        assert len(found) == 1, f"expected one <{tag} class={cls}>, found {len(found)}"
        return found[0]


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    assert builder.stack == [builder.root], "unclosed elements"
    return builder.root


def render_pages(
    breakdowns: list[Breakdown],
    *,
    include_drafts: bool = False,
    settings: Settings | None = None,
    **site: str,
) -> dict[str, str]:
    context = build_site_context(breakdowns, include_drafts, **site)
    return {f.name: f.text for f in render_site(context, settings or SETTINGS)}


def cards(page: Node) -> list[Node]:
    return page.find_all("article", cls="card")


def card_ids(page: Node) -> list[str]:
    return [str(c.attrs["id"]) for c in cards(page)]


def is_noindex(page: Node) -> bool:
    return any(m.attrs.get("content") == "noindex" for m in page.find_all("meta", name="robots"))


# --------------------------------------------------------------------------------------------------
# page content


def test_badges_show_the_label_text_with_a_decorative_dot() -> None:
    verdicts = [numbered_verdict(i, label) for i, label in enumerate(Label)]
    page = parse(render_pages([episode(verdicts)])["zuck-lex.html"])
    texts = [card.one("span", cls="badge").one("span", cls="badge-text").text() for card in cards(page)]
    assert texts == ["Real", "Partially True", "Hype", "Unverified"]
    for card in cards(page):
        dot = card.one("span", cls="badge-dot")
        assert dot.attrs["aria-hidden"] == "true"  # colour is an extra: the text says the label


def test_card_carries_wording_quote_speaker_timecode_and_rationale() -> None:
    page = parse(render_pages([episode([numbered_verdict(1)])])["zuck-lex.html"])
    card = page.one("article", cls="card")
    assert card.one("h3", cls="claim-text").text() == "Meta's revenue grew 16% in 2023 (claim 1)"
    said = card.one("blockquote", cls="said-quote")
    assert said.text() == "our revenue grew like sixteen percent, number 1"
    assert card.one("span", cls="speaker").text() == "Mark Zuckerberg"
    # a YouTube original: the timecode links to that second of the video
    link = card.one("a", cls="timecode")
    assert link.text() == "51:00"
    assert link.attrs["href"] == "https://www.youtube.com/watch?v=abc&t=3060s"
    assert "The 10-K reports the same growth (claim 1)." in card.one("div", cls="rationale").text()


def test_evidence_is_a_blockquote_with_its_citation() -> None:
    page = parse(render_pages([episode([numbered_verdict(1)])])["zuck-lex.html"])
    item = page.one("figure", cls="evidence-item")
    quote = item.one("blockquote", cls="evidence-quote")
    assert quote.text() == EVIDENCE_QUOTE
    assert quote.attrs["cite"] == "https://www.sec.gov/meta-10k-2023"
    cite = item.one("cite", cls="citation")
    link = cite.one("a")
    assert link.text() == "Meta Platforms Form 10-K 2023"
    assert link.attrs["href"] == "https://www.sec.gov/meta-10k-2023"
    parts = [p.text().strip(" ·") for p in item.find_all("span", cls="citation-part")]
    # the kind and company are in the title already; page 61 is the 0-based index, so readers see page 62
    assert parts == ["FY2023", "Item 7. Management's Discussion", "p. 62"]


def test_header_has_kicker_title_guests_date_show_byline_and_original_link() -> None:
    breakdown = episode([numbered_verdict(1)]).model_copy(
        update={
            "episode": "7",
            "roles": {"Lex Fridman": "Host", "Mark Zuckerberg": "CEO, Meta"},
            "duration": 4830,
        }
    )
    page = parse(render_pages([breakdown])["zuck-lex.html"])
    header = page.one("header", cls="breakdown-header")
    assert header.one("p", cls="kicker").one("span").text() == "Video Breakdown"
    assert header.one("h1").text() == "Mark Zuckerberg on Open Source AI"
    assert header.one("p", cls="dek").text() == "Open-sourcing Llama as competitive strategy."
    guests = header.find_all("li", cls="guest")  # the host is not a guest
    assert [g.text() for g in guests] == ["Mark Zuckerberg, CEO, Meta"]
    assert guests[0].one("a").attrs["href"] == "person-mark-zuckerberg.html"
    assert header.find_all("time")[0].attrs["datetime"] == "2026-04-12"
    assert header.find_all("time")[0].text() == "12 April 2026"
    assert header.one("li", cls="show").text() == "Lex Fridman Podcast · Episode 7"
    assert header.one("li", cls="duration").text() == "Duration: 1h 20m"
    assert header.one("p", cls="byline").text().startswith("Checked by ana")
    original = header.one("a", cls="original")
    assert (original.text(), original.attrs["href"]) == (
        "Watch original",
        "https://www.youtube.com/watch?v=abc",
    )


def test_summary_strip_and_takeaway_lists_follow_the_verdicts() -> None:
    verdicts = [
        numbered_verdict(1, Label.REAL),
        numbered_verdict(2, Label.HYPE),
        numbered_verdict(3, Label.HYPE),
        numbered_verdict(4, Label.UNVERIFIED),
    ]
    page = parse(render_pages([episode(verdicts)])["zuck-lex.html"])
    strip = page.one("section", cls="summary-strip")
    counts = {
        li.one("span", cls="badge-text").text(): int(li.one("span", cls="count-n").text())
        for li in strip.find_all("li")
    }
    assert counts == {"Real": 1, "Hype": 2, "Unverified": 1}  # labels with no card are left out
    real = page.one("section", cls="takeaways--real")
    hype = page.one("section", cls="takeaways--hype")
    assert real.one("h2").text() == "What's Real"
    assert hype.one("h2").text() == "What's Hype"
    assert [a.attrs["href"] for a in real.find_all("a")] == ["#claim-claim001"]
    assert [a.attrs["href"] for a in hype.find_all("a")] == ["#claim-claim002", "#claim-claim003"]
    # prose, not a bare list: each sentence carries the speaker and the claim
    assert real.one("p", cls="prose").text().startswith("“Meta's revenue grew 16% in 2023 (claim 1)” — ")
    assert set(card_ids(page)) >= {"claim-claim002", "claim-claim003"}


def test_claim_text_is_autoescaped_and_json_ld_cannot_break_out() -> None:
    nasty = "Revenue <script>alert('x')</script> & more"
    page_html = render_pages([episode([numbered_verdict(1, text=nasty)])])["zuck-lex.html"]
    page = parse(page_html)
    assert page.one("h3", cls="claim-text").text() == nasty
    scripts = page.find_all("script")
    assert [s.attrs.get("type") for s in scripts] == ["application/ld+json"]
    assert "<script>alert" not in page_html
    review = json.loads(scripts[0].text())
    assert review["claimReviewed"] == nasty


# --------------------------------------------------------------------------------------------------
# what gets published


def reviewed_mix(unverified: VerdictStatus) -> list[Verdict]:
    """Claim 1 approved, 2 a draft, 3 rejected, and 4, an Unverified one, with status `unverified`."""
    return [
        numbered_verdict(1, Label.REAL, VerdictStatus.APPROVED),
        numbered_verdict(2, Label.HYPE, VerdictStatus.DRAFT),
        numbered_verdict(3, Label.REAL, VerdictStatus.REJECTED),
        numbered_verdict(4, Label.UNVERIFIED, unverified),
    ]


def test_only_approved_verdicts_without_include_drafts() -> None:
    files = render_pages([episode(reviewed_mix(VerdictStatus.APPROVED))])
    page = parse(files["zuck-lex.html"])
    assert card_ids(page) == ["claim-claim001", "claim-claim004"]
    assert not is_noindex(page)
    assert not page.find_all("div", cls="draft-banner")
    published = Breakdown.model_validate_json(files["zuck-lex.json"])
    assert [v.claim.id for v in published.verdicts] == ["claim001", "claim004"]
    assert published.status is VerdictStatus.APPROVED


def test_draft_build_adds_unreviewed_drafts_but_never_rejected_or_unverified_ones() -> None:
    files = render_pages([episode(reviewed_mix(VerdictStatus.DRAFT))], include_drafts=True)
    page = parse(files["zuck-lex.html"])
    assert card_ids(page) == ["claim-claim001", "claim-claim002"]
    assert is_noindex(page)
    banner = page.one("div", cls="draft-banner")
    assert "DRAFT" in banner.text()
    draft_card = page.one("article", id="claim-claim002")
    assert draft_card.one("span", cls="tag--draft").text() == "Unreviewed draft"
    assert not draft_card.find_all("script")  # no ClaimReview for what no editor approved
    assert len(page.one("article", id="claim-claim001").find_all("script")) == 1
    assert Breakdown.model_validate_json(files["zuck-lex.json"]).status is VerdictStatus.DRAFT
    assert is_noindex(parse(files["index.html"]))


def test_draft_build_of_a_fully_approved_breakdown_is_not_marked_draft() -> None:
    files = render_pages([episode([numbered_verdict(1)])], include_drafts=True)
    page = parse(files["zuck-lex.html"])
    assert not is_noindex(page)
    assert not page.find_all("div", cls="draft-banner")


def test_breakdown_with_nothing_approved_gets_no_page() -> None:
    context = build_site_context([episode([numbered_verdict(1, status=VerdictStatus.DRAFT)])], False)
    assert context.pages == [] and context.skipped == ["zuck-lex"]
    files = {f.name: f.text for f in render_site(context, SETTINGS)}
    assert set(files) == {
        "index.html",
        "style.css",
        "methodology.html",
        "corrections.html",
        "feed.xml",
    }
    assert "Nothing has been published yet." in parse(files["index.html"]).one("main").text()


def test_index_lists_pages_newest_first_with_counts() -> None:
    older = episode([numbered_verdict(1)], slug="older", date=dt.date(2025, 1, 2))
    newer = episode(
        [numbered_verdict(2, Label.HYPE), numbered_verdict(3, Label.HYPE)],
        slug="newer",
        date=dt.date(2026, 1, 1),
    )
    undated = episode([numbered_verdict(4)], slug="a-undated", date=None)
    index = parse(render_pages([older, undated, newer])["index.html"])
    entries = index.find_all("li", cls="breakdown-entry")
    assert [e.one("h2").one("a").attrs["href"] for e in entries] == [
        "newer.html",
        "older.html",
        "a-undated.html",
    ]
    assert entries[0].one("ul", cls="entry-counts").text().split() == ["2", "Hype"]


def test_claim_review_json_ld_per_approved_verdict() -> None:
    verdicts = [numbered_verdict(1, Label.REAL), numbered_verdict(2, Label.UNVERIFIED)]
    files = render_pages(
        [episode(verdicts)], site_name="The Checkers", site_url="https://example.org/checks/"
    )
    page = parse(files["zuck-lex.html"])
    reviews = [json.loads(s.text()) for s in page.find_all("script", type="application/ld+json")]
    assert [r["@type"] for r in reviews] == ["ClaimReview"]  # unverified is never a ClaimReview
    assert not page.one("article", id="claim-claim002").find_all("script")
    (first,) = reviews
    assert first["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 3,
        "bestRating": 3,
        "worstRating": 1,
        "alternateName": "Real",
    }
    assert first["datePublished"] == "2026-04-12"  # never published before: the interview's date
    assert first["author"] == {"@type": "Organization", "name": "The Checkers"}
    assert first["url"] == "https://example.org/checks/zuck-lex.html#claim-claim001"
    assert first["itemReviewed"]["author"]["name"] == "Mark Zuckerberg"
    assert first["itemReviewed"]["appearance"]["url"] == "https://www.youtube.com/watch?v=abc&t=3060s"
    assert (
        first["itemReviewed"]["appearance"]["name"]
        == "Lex Fridman Podcast · Mark Zuckerberg on Open Source AI"
    )


def test_non_http_links_are_dropped() -> None:
    verdict = numbered_verdict(1)
    verdict = verdict.model_copy(update={"evidence": [published_evidence(url="javascript:alert(1)")]})
    page_html = render_pages([episode([verdict], url="javascript:alert(2)")])["zuck-lex.html"]
    assert "javascript:" not in page_html
    page = parse(page_html)
    assert not page.find_all("a", cls="original")
    for cite in page.find_all("cite", cls="citation"):  # the card's and Further Reading's
        assert cite.text() == "Meta Platforms Form 10-K 2023" and not cite.find_all("a")


def test_bad_and_duplicate_slugs_are_refused() -> None:
    with pytest.raises(ClaimcheckError, match="cannot be a page name"):
        build_site_context([episode([numbered_verdict(1)], slug="../evil")], False)
    with pytest.raises(ClaimcheckError, match="cannot be a page name"):
        build_site_context([episode([numbered_verdict(1)], slug="index")], False)
    with pytest.raises(ClaimcheckError, match="share the slug"):
        build_site_context([episode([numbered_verdict(1)]), episode([numbered_verdict(2)])], False)


def test_format_timecode() -> None:
    assert format_timecode(0) == "0:00"
    assert format_timecode(75.9) == "1:15"
    assert format_timecode(3723) == "1:02:03"


# --------------------------------------------------------------------------------------------------
# templates and writing


def test_template_override_takes_effect(tmp_path: Path) -> None:
    override = tmp_path / "mytheme"
    override.mkdir()
    (override / "_badge.html").write_text(
        '<b class="house-badge">{{ badge.text | upper }}</b>', encoding="utf-8"
    )
    (override / "style.css").write_text("body { color: black; }\n", encoding="utf-8")
    settings = Settings(templates_override=override)
    files = render_pages([episode([numbered_verdict(1)])], settings=settings)
    page = parse(files["zuck-lex.html"])
    assert page.one("article", cls="card").one("b", cls="house-badge").text() == "REAL"
    assert not page.find_all("span", cls="badge")
    # the rest still comes from the built-in templates
    assert page.one("h3", cls="claim-text").text() == "Meta's revenue grew 16% in 2023 (claim 1)"
    assert files["style.css"] == "body { color: black; }\n"


def test_broken_override_template_reports_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "_card.html").write_text("<article>\n{% if card.text %}\n</article>\n", encoding="utf-8")
    settings = Settings(templates_override=tmp_path)
    with pytest.raises(ClaimcheckError) as caught:
        render_pages([episode([numbered_verdict(1)])], settings=settings)
    assert caught.value.path is not None and caught.value.path.endswith("_card.html")
    assert caught.value.line is not None


def test_missing_override_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ClaimcheckError, match="template folder not found"):
        render_pages(
            [episode([numbered_verdict(1)])], settings=Settings(templates_override=tmp_path / "nope")
        )


def test_write_site_is_deterministic(tmp_path: Path) -> None:
    breakdowns = [
        episode([numbered_verdict(1), numbered_verdict(2, Label.HYPE, VerdictStatus.DRAFT)], slug="one"),
        episode([numbered_verdict(3, Label.PARTIALLY_TRUE)], slug="two", date=dt.date(2024, 5, 6)),
    ]
    outputs = []
    for run in ("a", "b"):
        context = build_site_context(breakdowns, include_drafts=True)
        paths = write_site(context, tmp_path / run, SETTINGS)
        outputs.append({p.name: p.read_bytes() for p in paths})
    assert outputs[0] == outputs[1]
    assert sorted(outputs[0]) == [
        "corrections.html",
        "index.html",
        "methodology.html",
        "one.html",
        "one.json",
        "person-lex-fridman.html",
        "person-mark-zuckerberg.html",
        "style.css",
        "two.html",
        "two.json",
    ]  # a draft build: no feed.xml or sitemap.xml announces it
    site = site_dir(tmp_path / "a")
    assert not [p for p in site.iterdir() if p.name.endswith(".tmp")]


def test_withdrawn_page_is_removed_and_foreign_files_kept(tmp_path: Path) -> None:
    first = episode([numbered_verdict(1)], slug="one")
    second = episode([numbered_verdict(2)], slug="two")
    write_site(build_site_context([first, second], False), tmp_path, SETTINGS)
    site = site_dir(tmp_path)
    (site / "about.html").write_text("<p>ours</p>", encoding="utf-8")
    withdrawn = episode([numbered_verdict(2, status=VerdictStatus.REJECTED)], slug="two")
    write_site(build_site_context([first, withdrawn], False), tmp_path, SETTINGS)
    assert sorted(p.name for p in site.iterdir() if p.name != MANIFEST) == [
        "about.html",
        "corrections.html",
        "feed.xml",
        "index.html",
        "methodology.html",
        "one.html",
        "one.json",
        "person-lex-fridman.html",
        "person-mark-zuckerberg.html",
        "style.css",
    ]  # no sitemap.xml without a base URL: the protocol takes absolute URLs only


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_a_publish_that_dies_midway_leaves_the_old_site_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = episode([numbered_verdict(1)], slug="one")
    write_site(build_site_context([first], False), tmp_path, SETTINGS)
    site = site_dir(tmp_path)
    (site / "about.html").write_text("<p>ours</p>", encoding="utf-8")
    before = _snapshot(site)
    real_fsync = os.fsync
    calls: list[int] = []

    def disk_full_on_the_fourth_file(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 4:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", disk_full_on_the_fourth_file)
    second = episode([numbered_verdict(2)], slug="two")
    with pytest.raises(OSError, match="No space"):
        write_site(build_site_context([first, second], False), tmp_path, SETTINGS)
    monkeypatch.undo()
    assert _snapshot(site) == before  # not a new index.html over the old pages
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")]  # nor a half-built one

    write_site(build_site_context([first, second], False), tmp_path, SETTINGS)
    assert {"two.html", "about.html"} <= set(_snapshot(site))


def test_a_publish_killed_between_its_renames_is_repaired_by_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = episode([numbered_verdict(1)], slug="one")
    write_site(build_site_context([first], False), tmp_path, SETTINGS)
    site = site_dir(tmp_path)
    before = _snapshot(site)

    def power_cut(temp: Path, directory: Path) -> None:
        raise KeyboardInterrupt  # the old folder is already renamed away

    monkeypatch.setattr(fsutil, "_rename_into_place", power_cut)
    with pytest.raises(KeyboardInterrupt):
        write_site(
            build_site_context([first, episode([numbered_verdict(2)], slug="two")], False), tmp_path, SETTINGS
        )
    monkeypatch.undo()
    assert not site.exists()
    clear_leftovers(tmp_path)  # what the next run or publish does first
    assert _snapshot(site) == before


def test_publish_clears_what_a_killed_writer_left(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_drafts(out, episode([numbered_verdict(1)], slug="one"))
    leftovers = [
        write_file(out / "drafts", ".one.json.ab12cd_9.tmp", "{"),
        write_file(out / "site", ".index.html.x1y2z3w4.tmp", "<p>half"),
        write_file(out / ".site.tmp-k2j3h4g5", "index.html", "<p>half"),
    ]
    keep = write_file(out / "drafts", ".notes.tmp", "not ours: no random part")
    publish_site(Settings(out_dir=out), include_drafts=False)
    assert not any(path.exists() for path in leftovers)
    assert not (out / ".site.tmp-k2j3h4g5").exists()
    assert keep.exists()


def test_publish_behind_another_writer_fails_without_writing(tmp_path: Path, holder: Holder) -> None:
    out = tmp_path / "out"
    write_draft(out, episode([numbered_verdict(1)], slug="one"))
    proc = holder.hold(out / ".claimcheck.lock")
    with pytest.raises(LockError) as info:
        publish_site(Settings(out_dir=out, lock_timeout=0.2), include_drafts=False)
    assert f"pid {proc.pid}" in info.value.reason
    assert not site_dir(out).exists()
