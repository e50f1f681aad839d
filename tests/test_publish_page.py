"""The published breakdown page, checked on parsed HTML: cards a reader can trust, every section of the
seed page, and ClaimReview JSON-LD with the fields Google documents."""

from __future__ import annotations

import json
import re

import pytest

from claimcheck.models import Citation, Label
from claimcheck.publish import build_site_context, render_site, show_line, timecode_url
from claimcheck.publish.claimreview import claim_review
from claimcheck.publish.context import reader_rationale
from claimcheck.verify.rationale import EDITORS_CALL_NOTE, OTHER_SUBJECT_NOTE
from tests.factories import SETTINGS, make_breakdown, make_draft, make_evidence, make_passage, make_verdict
from tests.page_fixture import CARD, LOSS, REVENUE, corpus, editorial, episode7
from tests.test_publish import Node, cards, parse

BADGE_TEXT = {label: label.display for label in Label}


def render(**site: str) -> dict[str, str]:
    context = build_site_context(
        [episode7()],
        False,
        settings=SETTINGS,
        editorial={"ep7": editorial()},
        passages=corpus(),
        **site,
    )
    return {f.name: f.text for f in render_site(context, SETTINGS)}


@pytest.fixture(scope="module")
def page() -> Node:
    return parse(render()["ep7.html"])


def card(page: Node, n: int) -> Node:
    return page.one("article", id=f"claim-c{n}")


# --------------------------------------------------------------------------------------------------
# cards


def test_one_card_per_claim_and_the_repeat_is_folded_in(page: Node) -> None:
    assert [c.attrs["id"] for c in cards(page)] == [f"claim-c{n}" for n in (1, 2, 3, 4, 5)]
    said = card(page, 1).one("figure", cls="said").one("figcaption")
    assert [a.text() for a in said.find_all("a", cls="timecode")] == ["1:04", "8:08"]


def test_badge_matches_the_verdict_label(page: Node) -> None:
    expected = {1: Label.REAL, 2: Label.HYPE, 3: Label.UNVERIFIED, 4: Label.REAL, 5: Label.PARTIALLY_TRUE}
    for n, label in expected.items():
        c = card(page, n)
        assert c.one("span", cls="badge-text").text() == BADGE_TEXT[label]
        assert f"card--{label.value.replace('_', '-')}" in c.classes


def test_no_stance_label_where_the_figure_check_decided(page: Node) -> None:
    # the verifier said "contradicts" about claim 1's cited quote; the figures decided Real
    c = card(page, 1)
    assert not c.find_all("p", cls="stance")
    assert "Contradicts" not in c.text()


def test_stance_label_only_where_the_stance_decided_and_never_against_the_label(page: Node) -> None:
    assert card(page, 4).one("p", cls="stance").text() == "Supports the claim"
    for c in cards(page):
        label = c.one("span", cls="badge-text").text()
        stances = [s.text() for s in c.find_all("p", cls="stance")]
        if label == "Real":
            assert "Contradicts the claim" not in stances
        if label == "Hype":
            assert "Supports the claim" not in stances


def test_the_quote_that_settled_it_is_shown_with_the_figure_marked(page: Node) -> None:
    c = card(page, 1)
    quote = c.one("blockquote", cls="evidence-quote")
    assert quote.text() == REVENUE  # not the loss sentence retrieval had quoted
    assert LOSS not in c.text()
    assert [m.text() for m in quote.find_all("mark")] == ["$134.90 billion"]
    assert c.one("section", cls="evidence").one("h4").text() == "The source that settled it"


def test_table_evidence_is_shown_with_its_row_and_column_headers(page: Node) -> None:
    table = card(page, 2).one("table", cls="evidence-table")
    assert table.one("caption").text() == "(in millions)"
    assert [th.text() for th in table.one("thead").find_all("th")] == ["2023", "2022"]
    row = table.one("tbody").one("tr")
    assert row.one("th").text() == "Total revenue"
    assert [td.text() for td in row.find_all("td")] == ["134,902", "116,609"]
    assert [m.text() for m in row.find_all("mark")] == ["134,902", "116,609"]  # the change read both


def test_every_quote_is_an_exact_slice_of_its_passage() -> None:
    context = build_site_context([episode7()], False, settings=SETTINGS, passages=corpus())
    raws = [p.raw_text for p in corpus()]
    for c in context.pages[0].cards:
        for ev in c.evidence:
            assert any(ev.quote in raw for raw in raws), ev.quote
            assert "".join(p.text for p in ev.parts) == ev.quote


def test_an_editors_verdict_keeps_the_editors_explanation_and_the_evidence_it_points_to(page: Node) -> None:
    c = card(page, 5)
    assert c.one("div", cls="rationale").one("p").text() == "88.6 is MMLU 0-shot CoT; MMLU 5-shot is 87.3."
    assert "automatic draft" not in c.text()
    rows = [t.one("tbody").one("th").text() for t in c.find_all("table", cls="evidence-table")]
    assert sorted(rows) == ["MMLU (0-shot, CoT)", "MMLU (5-shot)"]
    marked = sorted(m.text() for m in c.find_all("mark"))
    assert marked == ["87.3", "88.6"]
    assert CARD.title in c.text()


def test_unrelated_editor_explanation_finds_no_evidence() -> None:
    breakdown = episode7()
    v5 = breakdown.verdicts[4].model_copy(update={"note": "Checked with the vendor, 12.5 is wrong."})
    breakdown = breakdown.model_copy(update={"verdicts": [v5]})
    context = build_site_context([breakdown], False, settings=SETTINGS, passages=corpus())
    assert context.pages[0].cards[0].evidence == []


def test_cards_have_anchors_and_permalinks() -> None:
    page = parse(render(site_url="https://checks.example.org/")["ep7.html"])
    link = card(page, 2).one("a", cls="permalink")
    assert link.attrs["href"] == "https://checks.example.org/ep7.html#claim-c2"
    unhosted = parse(render()["ep7.html"])
    assert card(unhosted, 2).one("a", cls="permalink").attrs["href"] == "ep7.html#claim-c2"


def test_timecodes_link_to_that_second_of_the_original() -> None:
    assert (
        timecode_url("https://www.youtube.com/watch?v=abc", 64.5)
        == "https://www.youtube.com/watch?v=abc&t=64s"
    )
    assert timecode_url("https://youtu.be/abc?t=3", 75) == "https://youtu.be/abc?t=75s"
    assert timecode_url("https://vimeo.com/123", 75.2) == "https://vimeo.com/123#t=75s"
    assert timecode_url("https://example.org/talk", 75) is None  # a plain timestamp then
    assert timecode_url("javascript:alert(1)", 75) is None
    assert timecode_url(None, 75) is None


def test_plain_timestamp_when_the_original_is_no_video() -> None:
    context = build_site_context([episode7(url=None)], False, settings=SETTINGS)
    page = parse({f.name: f.text for f in render_site(context, SETTINGS)}["ep7.html"])
    caption = card(page, 1).one("figure", cls="said").one("figcaption")
    assert not caption.find_all("a")
    assert [s.text() for s in caption.find_all("span", cls="timecode")] == ["1:04", "8:08"]


def test_show_line() -> None:
    assert show_line("Signal Check", "7") == "Signal Check · Episode 7"
    assert show_line("Signal Check", "S2E4") == "Signal Check · S2E4"
    assert show_line("Signal Check", None) == "Signal Check"
    assert show_line(None, None) is None


def test_readers_are_spared_the_editor_facing_list_of_passages_set_aside() -> None:
    # the note as the verdict stage writes it (a hand-written copy once hid that the two had drifted apart)
    text = "The figures agree: X." + OTHER_SUBJECT_NOTE.format("A: about FY2025, not 2023; B (1B and 3B)")
    assert reader_rationale(text) == "The figures agree: X."
    assert reader_rationale(text + " More.") == "The figures agree: X. More."


def test_readers_are_spared_the_note_that_a_promotional_verdict_is_the_editors_call() -> None:
    promo = "The closest passage (Y) is related but does not settle the claim."
    text = promo + " A superlative or promotional claim that no cited source supports." + EDITORS_CALL_NOTE
    assert (
        reader_rationale(text) == promo + " A superlative or promotional claim that no cited source supports."
    )


# --------------------------------------------------------------------------------------------------
# the sections of seed 000


def section(page: Node, heading: str) -> Node:
    found = [
        s for s in page.find_all("section") if s.find_all("h2") and s.find_all("h2")[0].text() == heading
    ]
    assert len(found) == 1, f"{heading!r}: {len(found)} sections"
    return found[0]


def test_header_carries_kicker_title_dek_guest_show_duration_date_byline_and_original(page: Node) -> None:
    header = page.one("header", cls="breakdown-header")
    assert header.one("p", cls="kicker").text() == "Video Breakdown 15 March 2025"
    assert header.one("p", cls="dek").text() == "Right on revenue, wrong on growth."  # the editor's, as text
    assert [g.text() for g in header.find_all("li", cls="guest")] == ["Dana Whitfield, Vice president, Meta"]
    assert header.one("li", cls="show").text() == "Signal Check · Episode 7"
    assert header.one("li", cls="duration").text() == "Duration: 1h 20m"
    assert header.one("p", cls="byline").text() == "Checked by Ana Editor · published 20 March 2025"
    assert header.one("a", cls="original").text() == "Watch original"


def test_dek_falls_back_to_the_summarys_first_sentence() -> None:
    context = build_site_context([episode7()], False, settings=SETTINGS)
    assert context.pages[0].dek == "A Meta executive on revenue, Reality Labs and Llama."


def test_every_seed_section_with_content_is_on_the_page(page: Node) -> None:
    headings = [h.text() for h in page.one("main").find_all("h2")]
    assert headings == [
        "Top Claims — Verdict Check",
        "What's Real",
        "What's Hype",
        "What They Missed",
        "The One Thing",
        "So What?",
        "Action Items",
        "Tools Mentioned",
        "Workflow Idea",
        "Further Reading",
    ]  # Context & Connections has no content with one breakdown: left out


def test_whats_real_and_hype_are_prose_with_figures_and_sources(page: Node) -> None:
    real = section(page, "What's Real").one("p", cls="prose").text()
    assert (
        "“Meta's revenue was $134.9 billion in 2023” — the FY2023 10-K fact sheet gives $134.90 billion."
        in real
    )
    hype = section(page, "What's Hype").one("p", cls="prose").text()
    assert (
        "“Meta's revenue doubled from 2022 to 2023” — the FY2023 10-K fact sheet gives 134,902 and 116,609."
        in hype
    )
    assert "partly true: 88.6 is MMLU 0-shot CoT; MMLU 5-shot is 87.3." in hype


def test_the_editor_can_replace_whats_real() -> None:
    sections = {"whats_real": "Our own **summary**."}
    context = build_site_context(
        [episode7()], False, settings=SETTINGS, editorial={"ep7": editorial(sections=sections)}
    )
    page = parse({f.name: f.text for f in render_site(context, SETTINGS)}["ep7.html"])
    prose = section(page, "What's Real").one("div", cls="prose")
    assert prose.one("strong").text() == "summary"
    assert "134.90" not in prose.text()


def test_editor_sections_render_from_markdown_and_empty_ones_are_left_out() -> None:
    page = parse(render()["ep7.html"])
    assert [li.text() for li in section(page, "So What?").find_all("li")] == [
        "Check the year.",
        "Check the setting of a benchmark.",
    ]
    assert section(page, "Action Items").one("ol")
    bare = build_site_context([episode7()], False, settings=SETTINGS)
    html = {f.name: f.text for f in render_site(bare, SETTINGS)}["ep7.html"]
    for heading in ("The One Thing", "So What?", "Action Items", "Workflow Idea"):
        assert f">{heading}<" not in html


def test_what_they_missed_has_the_editors_text_above_corpus_suggestions(page: Node) -> None:
    missed = section(page, "What They Missed")
    assert missed.one("div", cls="prose").text().strip() == "Nobody asked about capital spending."
    (item,) = missed.one("ul", cls="suggestions").find_all("li")
    # on topic, from a document no claim read, and published before the talk (the 2025 one came after)
    assert item.one("span", cls="topic").text() == "Reality Labs losses and smart glasses:"
    assert "Reality Labs losses widened in 2024 while smart glasses sales tripled." in item.text()
    assert item.one("cite").text() == "Meta FY2024 10-K: segments"


def test_tools_mentioned_link_the_model_card_with_its_description(page: Node) -> None:
    tools = section(page, "Tools Mentioned")
    names = [t.one("h3").text() for t in tools.find_all("li", cls="tool")]
    assert names == ["Llama 3.1", "Ray-Ban Meta"]  # a company ("Meta") and its segment are no tools
    llama = tools.find_all("li", cls="tool")[0]
    assert (
        llama.find_all("p")[0].text()
        == "Llama 3.1 was released on July 23, 2024, in three sizes: 8B, 70B and 405B."
    )
    assert llama.one("p", cls="tool-figures").text() == "8B / 70B / 405B: 128K tokens context"
    assert llama.one("a").attrs["href"] == CARD.url


def test_further_reading_lists_each_primary_source_once_with_its_link(page: Node) -> None:
    reading = section(page, "Further Reading")
    items = reading.find_all("li")
    titles = [li.one("cite").text() for li in items]
    assert titles == [
        "Meta Platforms' FY2023 Form 10-K",
        "The Llama 3.1 model card (models/llama3_1/MODEL_CARD.md)",
    ]
    assert items[0].one("a").attrs["href"].startswith("https://www.sec.gov/")
    assert "Item 7" in items[0].text()


def test_a_fact_sheet_is_cited_as_one_and_links_the_original(page: Node) -> None:
    caption = card(page, 1).one("figure", cls="evidence-item").one("figcaption")
    assert caption.one("cite").text() == "Meta Platforms FY2023 10-K fact sheet: revenue and segments"
    compiled = caption.one("span", cls="citation-compiled")
    assert compiled.text() == " · fact sheet compiled from Meta Platforms' FY2023 Form 10-K"
    # the filing's own document, not a company search page
    href = compiled.one("a").attrs["href"]
    assert href == "https://www.sec.gov/Archives/edgar/data/1326801/000132680124000012/meta-20231231.htm"
    footer = page.one("footer", cls="site-footer").text()
    assert "the quote is the fact sheet's wording, not the filing's" in footer
    assert "source's own words" not in footer


# --------------------------------------------------------------------------------------------------
# ClaimReview

# The fields Google documents for ClaimReview (developers.google.com/search/docs/appearance/structured-data
# /factcheck) that this site fills: required, then recommended.
REQUIRED = {"claimReviewed", "reviewRating", "url"}
RECOMMENDED = {"author", "datePublished", "itemReviewed"}


def claim_reviews(page: Node) -> dict[str, dict[str, object]]:
    return {
        str(c.attrs["id"]): json.loads(c.one("script", type="application/ld+json").text())
        for c in cards(page)
        if c.find_all("script", type="application/ld+json")
    }


def test_claim_review_carries_the_documented_fields() -> None:
    page = parse(render(site_url="https://checks.example.org/", site_name="Signal Desk")["ep7.html"])
    reviews = claim_reviews(page)
    assert sorted(reviews) == ["claim-c1", "claim-c2", "claim-c4", "claim-c5"]  # never the unverified c3
    ratings = {k: r["reviewRating"] for k, r in reviews.items()}
    assert ratings["claim-c2"] == {
        "@type": "Rating",
        "ratingValue": 1,
        "bestRating": 3,
        "worstRating": 1,
        "alternateName": "Hype",
    }
    assert [ratings[k]["ratingValue"] for k in ("claim-c1", "claim-c5")] == [3, 2]  # type: ignore[index]
    review = reviews["claim-c1"]
    assert set(review) >= REQUIRED | RECOMMENDED
    assert review["url"] == "https://checks.example.org/ep7.html#claim-c1"
    assert review["datePublished"] == "2025-03-20"  # when the page first went out
    assert review["author"] == {"@type": "Organization", "name": "Signal Desk"}
    item = review["itemReviewed"]
    assert item == {
        "@type": "Claim",
        "author": {"@type": "Person", "name": "Dana Whitfield"},
        "datePublished": "2025-03-15",
        "appearance": {
            "@type": "CreativeWork",
            "name": "Signal Check · Meta's Open Models and the Road to 2030",
            "url": "https://www.youtube.com/watch?v=abc123&t=64s",
        },
    }


def test_claim_review_without_a_base_url_claims_no_url() -> None:
    review = claim_reviews(parse(render()["ep7.html"]))["claim-c1"]
    assert "url" not in review


# --------------------------------------------------------------------------------------------------
# meta


def test_description_opengraph_and_canonical() -> None:
    page = parse(render(site_url="https://checks.example.org/")["ep7.html"])
    metas = {
        (m.attrs.get("name") or m.attrs.get("property")): m.attrs.get("content")
        for m in page.find_all("meta")
    }
    assert (
        metas["description"]
        == "Right on revenue, wrong on growth. Fact-check: 2 Real, 1 Partially True, 1 Hype, 1 Unverified."
    )
    assert metas["og:title"] == "Meta's Open Models and the Road to 2030 — claimcheck"
    assert metas["og:type"] == "article"
    assert metas["og:url"] == "https://checks.example.org/ep7.html"
    canonical = [link for link in page.find_all("link") if link.attrs.get("rel") == "canonical"]
    assert [c.attrs["href"] for c in canonical] == ["https://checks.example.org/ep7.html"]


def test_landmarks_and_skip_link(page: Node) -> None:
    assert page.one("main").attrs["id"] == "main"
    assert page.one("a", cls="skip-link").attrs["href"] == "#main"
    assert page.one("nav").attrs["aria-label"] == "Site"
    assert len(page.find_all("footer", cls="site-footer")) == 1


def test_no_external_assets() -> None:
    for name, text in render(site_url="https://checks.example.org/").items():
        if not name.endswith(".html"):
            continue
        for match in re.finditer(r'(?:src|href)="([^"]+)"', text):
            url = match.group(1)
            tag_start = text.rfind("<", 0, match.start())
            tag = text[tag_start : match.start()]
            if (
                tag.startswith(("<link", "<script", "<img"))
                and 'rel="canonical"' not in tag
                and "alternate" not in tag
            ):
                assert not url.startswith(("http:", "https:", "//")), (name, url)


def test_a_passage_that_settled_nothing_is_shown_only_when_it_is_about_the_claim() -> None:
    breakdown = episode7()
    v3 = breakdown.verdicts[2]  # "AR glasses will replace phones by 2030.", settled by nothing
    about = make_evidence(
        "Ray-Ban Meta smart glasses sold out.",
        passage=make_passage("Ray-Ban Meta smart glasses sold out.", passage_id="a#0"),
    )
    other = make_passage(
        "Llama 3.2-Vision was released in two sizes.", passage_id="b#0", citation=Citation(title="B")
    )
    v3 = v3.model_copy(update={"evidence": [make_evidence(other.raw_text, passage=other), about]})
    context = build_site_context([breakdown.model_copy(update={"verdicts": [v3]})], False, settings=SETTINGS)
    (card_context,) = context.pages[0].cards
    assert [e.quote for e in card_context.evidence] == ["Ray-Ban Meta smart glasses sold out."]


def test_claim_review_body_is_the_readers_rationale() -> None:
    note = OTHER_SUBJECT_NOTE.format("Meta Platforms FY2025 10-K fact sheet: about FY2025, not 2023")
    verdict = make_verdict(draft=make_draft("c1", rationale="The figures agree." + note))
    review = claim_review(verdict, make_breakdown([verdict]), site_name="Signal Desk", url=None)
    assert review is not None and review["reviewBody"] == "The figures agree."


def test_a_quoted_list_is_shown_one_item_to_a_line() -> None:
    # (twenty-fifth session) a fact sheet's "- Context: …\n- Tokenizer: …" ran into one line on the page
    from claimcheck.publish.context import _listed

    assert _listed("- Context: 8,192 tokens, an 8K window.\n- Tokenizer: 128K tokens.")
    assert _listed("1. First.\n2. Second.")
    assert not _listed("Revenue was $134.9 billion.\nCosts rose 9%.")
    assert not _listed("- only one item")
    assert not _listed("Net income rose - sharply.\n- Costs fell.")
