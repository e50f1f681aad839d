"""The demo, end to end with the real models: the page it publishes carries every section of seed 000 that
has content, and its cards keep the page's promises (slow: the models load)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimcheck.corpus.load import load_corpus
from claimcheck.demo import run_demo
from claimcheck.settings import Settings
from tests.test_publish import Node, cards, parse

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo_page(tmp_path_factory: pytest.TempPathFactory) -> Node:
    out = tmp_path_factory.mktemp("demo")
    lines = list(run_demo(Settings(out_dir=out), echo=lambda _line: None))
    (page,) = [line for line in lines if line.startswith("Breakdown page: ")]
    path = Path(page.removeprefix("Breakdown page: "))
    return parse(path.read_text(encoding="utf-8"))


def test_the_demo_page_carries_every_seed_section_with_content(demo_page: Node) -> None:
    headings = [h.text() for h in demo_page.one("main").find_all("h2")]
    for heading in (
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
    ):
        assert heading in headings
    header = demo_page.one("header", cls="breakdown-header")
    assert header.one("li", cls="show").text() == "Signal Check · Episode 7"
    assert header.one("p", cls="byline").text().startswith("Checked by Sample Editor")


def test_the_demo_cards_keep_their_promises(demo_page: Node) -> None:
    texts = [c.one("h3", cls="claim-text").text() for c in cards(demo_page)]
    assert len(texts) == len(set(texts))
    revenue = [t for t in texts if "$134.9 billion" in t]
    assert len(revenue) == 1  # said twice in the talk, one card
    for c in cards(demo_page):
        label = c.one("span", cls="badge-text").text()
        stances = [s.text() for s in c.find_all("p", cls="stance")]
        assert not (label == "Real" and "Contradicts the claim" in stances)
        assert not (label == "Hype" and "Supports the claim" in stances)
        if label != "Unverified":
            review = json.loads(c.one("script", type="application/ld+json").text())
            assert review["reviewRating"]["alternateName"] == label
        assert "The editor set this verdict after review" not in c.text()
    loss = next(c for c in cards(demo_page) if "only lost around 10 billion" in c.text())
    assert "$17,729 million" in [m.text().strip("()") for m in loss.find_all("mark")]
    tables = demo_page.find_all("table", cls="evidence-table")
    assert tables and all(t.one("thead").find_all("th") for t in tables)
    # a card's quoted list ("- Context: …\n- Tokenizer: …") keeps one item to a line, prose does not (the
    # rendering itself: test_publish_page.test_a_quoted_list_is_shown_one_item_to_a_line)
    quotes = demo_page.find_all("blockquote", cls="evidence-quote")
    listed = [q for q in quotes if "evidence-quote--list" in q.classes]
    assert all(q.text().lstrip().startswith("- ") for q in listed)
    assert all(not q.text().lstrip().startswith("- ") for q in quotes if q not in listed)
    # the sample's wrong context window is refuted by the card's field ("8K tokens (8,192)")
    window = next(c for c in cards(demo_page) if "Llama 3 8B has a 128K context window" in c.text())
    assert window.one("span", cls="badge-text").text() == "Hype"


def test_every_demo_quote_is_in_its_corpus_document(demo_page: Node) -> None:
    raw = "\n".join(doc.raw for doc in load_corpus(Settings().corpus_dir))
    for c in cards(demo_page):
        for quote in c.find_all("blockquote", cls="evidence-quote"):
            assert quote.text() in raw
        for table in c.find_all("table", cls="evidence-table"):
            cells = [td.text() for td in table.one("tbody").find_all("td")]
            assert all(cell in raw for cell in cells)


def test_every_shipped_corpus_document_says_what_it_was_compiled_from() -> None:
    for doc in load_corpus(Settings().corpus_dir):
        assert doc.citation.compiled_from, doc.path
        assert (doc.citation.url or "").startswith("https://"), doc.path
