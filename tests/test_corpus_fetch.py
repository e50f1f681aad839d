"""Fetching the corpus of record (SEC EDGAR filings, model cards), adding, listing, showing and removing
documents with the index in step, and every failure leaving the corpus as it was. No network: a local
server (tests/sources_fixtures.py) answers like EDGAR and the Hub."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from claimcheck.cli import cli
from claimcheck.corpus import find_items, load_corpus, printed_page_labels, sniff_10k
from claimcheck.corpus.filings import fiscal_quarter
from claimcheck.embedding import HashingEmbedder
from claimcheck.errors import CorpusError, LockError
from claimcheck.index import EvidenceIndex
from claimcheck.models import DocKind
from claimcheck.settings import Settings
from claimcheck.sources.adding import add_sources
from claimcheck.sources.edgar import parse_years
from claimcheck.sources.fetch import fetch_model_card, fetch_sec
from claimcheck.sources.filing_html import filing_text
from claimcheck.sources.http import Fetcher, FetchError
from claimcheck.sources.manage import list_documents, remove_documents, show_document
from tests.factories import Holder
from tests.sources_fixtures import (
    COMMIT,
    CONTACT,
    FY2022,
    FY2023,
    FY2023_A,
    NEW_COMMIT,
    Q3,
    Route,
    SourceServer,
    archive_path,
    serve_card,
    serve_meta,
    ten_k_html,
)


def _front(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    block = text.split("---\n", 2)[1]
    data = yaml.safe_load(block)
    assert isinstance(data, dict)
    return data


def _body(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("---\n", 2)[2].removeprefix("\n")


def _snapshot(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".cache" not in p.parts
    }


# --------------------------------------------------------------------------------------------------
# the filing parser


def test_filing_html_keeps_items_pages_and_table_rows() -> None:
    text = filing_text(ten_k_html(2023, "134,902"))
    assert "ix:header" not in text and "EntityRegistrantName" not in text and ".x{" not in text
    assert text.count("\f") == 3  # four pages
    facts = sniff_10k(text, "meta")
    assert facts is not None and facts.company == "Meta Platforms, Inc." and facts.period == "FY2023"
    assert [item.key for item in find_items(text)] == ["1", "7", "8"]
    # "$" cells fold into their figures, empty columns go, the table is a pipe table
    assert "| Revenue | $134,902 | $116,609 |" in text
    assert "|---|---|---|" in text
    assert "Management’s Discussion" in text  # character references decoded


def test_filing_html_survives_broken_markup() -> None:
    text = filing_text("<p>Item 7. MD&A<p>unclosed <b>bold <table><tr><td>a<td>1<tr><td>b<td>2")
    assert "Item 7. MD&A" in text and "| a | 1 |" in text and "| b | 2 |" in text


def test_real_10k_texts_round_trip_through_the_html_parser(shared_dir: Path) -> None:
    """The FinanceBench 10-K texts, written out as EDGAR-style HTML (a <p> per line, an <hr> page break
    per form feed), read back with the same Item headings and pages."""
    folder = shared_dir / "data" / "financebench-10k" / "derived_10k_text"
    files = sorted(folder.glob("*_10K.txt"))[:4]
    if not files:
        pytest.skip("no FinanceBench 10-K texts")
    for path in files:
        original = path.read_text(encoding="utf-8")
        pages = original.split("\f")
        html = '<hr style="page-break-after:always">'.join(
            "".join(f"<p>{_escape(line)}</p>" for line in page.splitlines()) for page in pages
        )
        text = filing_text(f"<html><body>{html}</body></html>")
        # one form feed between non-empty pages (blank pages collapse), the same printed page numbers
        assert text.count("\f") == sum(1 for page in pages if page.strip()) - 1, path.name
        assert sorted(printed_page_labels(text).values()) == sorted(printed_page_labels(original).values())
        expected = [item.key for item in find_items(original)]
        found = [item.key for item in find_items(text)]
        assert found == expected, path.name
        assert sniff_10k(text, path.stem) == sniff_10k(original, path.stem), path.name


def _escape(line: str) -> str:
    return line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --------------------------------------------------------------------------------------------------
# corpus fetch sec


def test_fetch_sec_writes_filings_with_provenance(server: SourceServer, tmp_path: Path) -> None:
    serve_meta(server, [(FY2022, ten_k_html(2022, "116,609")), (FY2023, ten_k_html(2023, "134,902"))])
    settings = server.settings()
    corpus = tmp_path / "corpus"
    report = fetch_sec(corpus, "meta", "10-K", "2023-2025", settings)
    path = corpus / "sec/meta/10-K-FY2023-0001326801-24-000012.txt"
    assert [doc_id for doc_id, _ in report.fetched] == ["sec/meta/10-K-FY2023-0001326801-24-000012.txt"]
    front = _front(path)
    assert (
        front["kind"] == "10-K" and front["company"] == "Meta Platforms, Inc." and front["period"] == "FY2023"
    )
    assert front["cik"] == "0001326801" and front["accession"] == "0001326801-24-000012"
    assert front["form"] == "10-K" and front["fiscal_year"] == 2023 and front["filed"] == "2024-02-02"
    assert front["url"] == server.url + archive_path(FY2023["accessionNumber"], FY2023["primaryDocument"])
    assert front["retrieved"] == dt.datetime.now(dt.UTC).date().isoformat()
    assert front["content_sha256"] == hashlib.sha256(_body(path).encode()).hexdigest()
    # every request declared the contact
    assert server.requests and all(agent == CONTACT for _, agent in server.requests)
    # the corpus loader reads it as a 10-K citing the exact document
    (doc,) = load_corpus(corpus)
    assert doc.citation.kind is DocKind.TEN_K and doc.citation.url == front["url"]
    assert doc.citation.date == dt.date(2024, 2, 2)


def test_fetch_sec_never_downloads_a_filing_twice(server: SourceServer, tmp_path: Path) -> None:
    serve_meta(server, [(FY2023, ten_k_html(2023, "134,902"))])
    settings = server.settings()
    corpus = tmp_path / "corpus"
    first = fetch_sec(corpus, "META", "10-K", None, settings)
    second = fetch_sec(corpus, "META", "10-K", None, settings)
    document = archive_path(FY2023["accessionNumber"], FY2023["primaryDocument"])
    assert server.hits(document) == 1
    assert first.requests == 3 and second.requests == 0  # the listings are young enough too
    assert second.change.unchanged == first.change.added
    # a listing older than fetch_listing_max_age_hours is asked for again; the filing still is not
    fetch_sec(corpus, "META", "10-K", None, server.settings(fetch_listing_max_age_hours=0))
    assert server.hits(document) == 1 and server.hits("/files/company_tickers.json") == 2


def test_fetch_sec_by_cik_and_amendment_supersedes(server: SourceServer, tmp_path: Path) -> None:
    serve_meta(
        server,
        [
            (FY2023, ten_k_html(2023, "134,902")),
            (FY2023_A, ten_k_html(2023, "134,903", amended=True)),
            (Q3, "<p>FORM 10-Q</p>" * 200),
        ],
    )
    corpus = tmp_path / "corpus"
    report = fetch_sec(corpus, "CIK0001326801", "10-K", "2023", server.settings())
    ids = [doc_id for doc_id, _ in report.fetched]
    assert ids == [
        "sec/meta/10-K-FY2023-0001326801-24-000012.txt",
        "sec/meta/10-KA-FY2023-0001326801-24-000030.txt",
    ]
    amended = report.fetched[1][1]
    assert amended.form == "10-K/A" and amended.supersedes == ids[0]
    assert "/files/company_tickers.json" not in [p for p, _ in server.requests]  # a CIK needs no lookup


def test_fetch_refuses_without_a_contact_user_agent(server: SourceServer, tmp_path: Path) -> None:
    serve_meta(server, [(FY2023, ten_k_html(2023, "134,902"))])
    corpus = tmp_path / "corpus"
    for agent in (None, "claimcheck newsroom"):
        with pytest.raises(FetchError, match="contact e-mail address") as caught:
            fetch_sec(corpus, "META", "10-K", None, server.settings(fetch_user_agent=agent))
        assert "fetch_user_agent" in (caught.value.hint or "")
    assert server.requests == [] and not corpus.exists()


@pytest.mark.parametrize(
    ("route", "expected"),
    [
        (Route(b"denied", status=403), "HTTP 403 Forbidden"),
        (Route(b"slow down", status=429, headers={"Retry-After": "600"}), r"HTTP 429 .*retry after 600 s"),
        (Route(b"<html><body><p>FORM 10-K</p></body></html>"), "malformed filing: its document holds"),
        (
            Route(b"<p>Quarterly report</p>" * 100),
            'malformed filing: its cover page does not say "FORM 10-K"',
        ),
        (Route(b"<p>FORM 10-K " + b"x" * 100, claimed_length=50_000), "the download was cut short"),
    ],
)
def test_a_failed_fetch_leaves_the_corpus_as_it_was(
    server: SourceServer, tmp_path: Path, route: Route, expected: str
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "notes.md").write_text("# Notes\n\nKept as it was.\n", encoding="utf-8")
    serve_meta(server, [(FY2022, ten_k_html(2022, "116,609")), (FY2023, ten_k_html(2023, "134,902"))])
    server.routes[archive_path(FY2023["accessionNumber"], FY2023["primaryDocument"])] = route
    before = _snapshot(corpus)
    with pytest.raises(FetchError, match=expected) as caught:
        fetch_sec(corpus, "META", "10-K", None, server.settings())
    assert caught.value.path is not None and caught.value.path.startswith(server.url)
    assert "\n" not in caught.value.message()
    assert _snapshot(corpus) == before  # the FY2022 filing fetched first was not written either
    # nothing half-downloaded is cached: fixing the server is enough
    server.routes[archive_path(FY2023["accessionNumber"], FY2023["primaryDocument"])] = Route(
        ten_k_html(2023, "134,902").encode()
    )
    report = fetch_sec(corpus, "META", "10-K", None, server.settings())
    assert len(report.change.added) == 2


def test_no_network_is_one_clear_line(tmp_path: Path, server: SourceServer) -> None:
    settings = server.settings()
    server.close()  # nothing listens there any more
    corpus = tmp_path / "corpus"
    result = CliRunner().invoke(
        cli,
        ["corpus", "fetch", "sec", "META", "--corpus", str(corpus)],
        env={"CLAIMCHECK_CONFIG": str(_config(tmp_path, settings_url=settings.sec_www_url))},
    )
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: http://127.0.0.1:")
    assert "cannot connect to 127.0.0.1" in lines[0] and "Traceback" not in result.output
    assert not corpus.exists() or _snapshot(corpus) == {}


def _config(folder: Path, *, settings_url: str, agent: str = CONTACT) -> Path:
    path = folder / "claimcheck.toml"
    path.write_text(
        f'sec_www_url = "{settings_url}"\nsec_data_url = "{settings_url}"\nhf_endpoint = "{settings_url}"\n'
        f'github_raw_url = "{settings_url}"\nfetch_user_agent = "{agent}"\nembedding_model = "hashing-64"\n'
        "fetch_timeout = 5.0\n",
        encoding="utf-8",
    )
    return path


def test_rate_limit_spaces_requests_to_one_host(server: SourceServer, tmp_path: Path) -> None:
    for n in range(4):
        server.routes[f"/doc{n}"] = Route(b"x")
    waits: list[float] = []
    clock = [100.0]

    def sleep(seconds: float) -> None:  # a clock that only moves when the fetcher sleeps
        waits.append(seconds)
        clock[0] += seconds

    settings = server.settings(fetch_max_requests_per_second=4.0)
    with Fetcher(
        settings, tmp_path / "cache", user_agent=CONTACT, sleep=sleep, clock=lambda: clock[0]
    ) as fetcher:
        for n in range(4):
            fetcher.get(f"{server.url}/doc{n}")
        fetcher.get(f"{server.url}/doc0")  # cached: no request, no wait
    assert waits == pytest.approx([0.25, 0.25, 0.25])
    assert fetcher.requests_sent == 4
    # a second host is not held up by the first
    server.routes["/other"] = Route(b"y")
    with Fetcher(
        settings, tmp_path / "cache2", user_agent=CONTACT, sleep=sleep, clock=lambda: clock[0]
    ) as fetcher:
        fetcher.get(f"{server.url}/other")
        fetcher.get(server.url.replace("127.0.0.1", "localhost") + "/other")
    assert len(waits) == 3


def test_years_are_parsed_or_refused() -> None:
    assert parse_years("2022-2025") == (2022, 2025) and parse_years("2023") == (2023, 2023)
    assert parse_years(None) is None
    for bad in ("22-25", "2025-2022", "last year"):
        with pytest.raises(FetchError):
            parse_years(bad)


def test_unknown_ticker_says_so(server: SourceServer, tmp_path: Path) -> None:
    serve_meta(server, [(FY2023, ten_k_html(2023, "134,902"))])
    with pytest.raises(FetchError, match="no company with the ticker 'NOPE'"):
        fetch_sec(tmp_path / "corpus", "NOPE", "10-K", None, server.settings())
    with pytest.raises(FetchError, match="has no 10-K filings for fiscal years 2010-2011"):
        fetch_sec(tmp_path / "corpus", "META", "10-K", "2010-2011", server.settings())


# --------------------------------------------------------------------------------------------------
# corpus fetch model-card


def test_fetch_hf_card_at_its_commit(server: SourceServer, tmp_path: Path) -> None:
    repo = "meta-llama/Llama-3.1-8B"
    serve_card(server, repo, COMMIT, "128K")
    corpus = tmp_path / "corpus"
    report = fetch_model_card(corpus, repo, "main", server.settings())
    (doc_id, prov) = report.fetched[0]
    path = corpus / doc_id
    assert doc_id == "cards/meta-llama/Llama-3.1-8B.md"
    assert prov.commit == COMMIT and prov.revision == "main" and prov.repo_id == repo
    assert prov.url == f"{server.url}/{repo}/blob/{COMMIT}/README.md"
    assert prov.date == dt.date(2024, 9, 25)
    body = _body(path)
    assert body.startswith("# Llama 3.1") and "license: llama3.1" not in path.read_text(encoding="utf-8")
    (doc,) = load_corpus(corpus)
    assert doc.citation.kind is DocKind.MODEL_CARD and doc.citation.url == prov.url
    # a new commit on main: the card is replaced, and the old commit's copy is never asked for again
    serve_card(server, repo, NEW_COMMIT, "256K")
    again = fetch_model_card(corpus, repo, "main", server.settings(fetch_listing_max_age_hours=0))
    assert again.change.replaced == [doc_id] and "256K" in path.read_text(encoding="utf-8")
    assert server.hits(f"/{repo}/resolve/{COMMIT}/README.md") == 1


def test_fetch_github_card_file(server: SourceServer, tmp_path: Path) -> None:
    card = "# Llama 3.1\n\n" + "The Llama 3.1 models have a context length of 128K tokens. " * 10
    server.routes["/meta-llama/llama-models/main/models/llama3_1/MODEL_CARD.md"] = Route(card.encode())
    link = "https://github.com/meta-llama/llama-models/blob/main/models/llama3_1/MODEL_CARD.md"
    report = fetch_model_card(tmp_path / "corpus", link, "main", server.settings())
    (doc_id, prov) = report.fetched[0]
    assert prov.source == "github" and prov.url == link and prov.title == "llama3_1 model card"
    assert (tmp_path / "corpus" / doc_id).is_file()


def test_a_bad_card_is_refused(server: SourceServer, tmp_path: Path) -> None:
    with pytest.raises(FetchError, match="not a Hugging Face repository id"):
        fetch_model_card(tmp_path / "c", "no-slash", "main", server.settings())
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch_model_card(tmp_path / "c", "meta-llama/missing", "main", server.settings())
    server.routes["/o/r/main/x.md"] = Route(b"<!DOCTYPE html><html>" + b" " * 300)
    with pytest.raises(FetchError, match="not a model card"):
        fetch_model_card(tmp_path / "c", "https://github.com/o/r/blob/main/x.md", "main", server.settings())
    assert _snapshot(tmp_path / "c") == {}


# --------------------------------------------------------------------------------------------------
# corpus add / list / show / remove, with the index in step


def test_add_list_show_remove_keep_the_index_in_step(server: SourceServer, tmp_path: Path) -> None:
    settings = server.settings()
    embedder = HashingEmbedder()
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    notes = tmp_path / "q3-call.md"
    notes.write_text(
        "# Q3 call notes\n\nRevenue grew 23% year over year in the third quarter.\n", encoding="utf-8"
    )
    server.routes["/facts.html"] = Route(b"<html><body><h1>Fact sheet</h1><p>Meta had 67,317 employees.</p>")
    change = add_sources(
        corpus,
        [str(notes), f"{server.url}/facts.html"],
        settings,
        kind=DocKind.FACT_SHEET,
        index_dir=index_dir,
        embedder=embedder,
    )
    assert change.added == ["q3-call.md", "web/127.0.0.1-" + server.url.rsplit(":", 1)[1] + "/facts.txt"]
    index = EvidenceIndex.load(index_dir, embedder, settings)
    assert set(index.manifest.doc_hashes) == set(change.added)
    rows = list_documents(corpus, settings, index_hashes=dict(index.manifest.doc_hashes))
    assert [(r.kind, r.source, r.indexed) for r in rows] == [
        ("fact-sheet", "file", "yes"),
        ("fact-sheet", "url", "yes"),
    ]
    shown = show_document(corpus, "q3-call.md", settings)
    assert "source: file" in shown and "original_name: q3-call.md" in shown and "kind: fact-sheet" in shown
    # a different document at the same path needs --replace; with it, the index holds the new text
    notes.write_text("# Q3 call notes\n\nRevenue grew 24% year over year.\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="a different document is already at this path"):
        add_sources(corpus, [str(notes)], settings, index_dir=index_dir, embedder=embedder)
    replaced = add_sources(
        corpus, [str(notes)], settings, replace=True, index_dir=index_dir, embedder=embedder
    )
    assert replaced.replaced == ["q3-call.md"]
    index = EvidenceIndex.load(index_dir, embedder, settings)
    assert any("24%" in p.text for p in index.passages) and not any("23%" in p.text for p in index.passages)
    removed = remove_documents(corpus, ["q3-call.md"], settings, index_dir=index_dir, embedder=embedder)
    assert removed.removed == ["q3-call.md"] and not (corpus / "q3-call.md").exists()
    index = EvidenceIndex.load(index_dir, embedder, settings)
    assert set(index.manifest.doc_hashes) == set(change.added[1:])


def test_add_refuses_bad_sources_and_writes_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    good = tmp_path / "good.md"
    good.write_text("# Good\n\ntext\n", encoding="utf-8")
    bad_yaml = tmp_path / "bad.md"
    bad_yaml.write_text("---\nkind: [unclosed\n---\n# Bad\n", encoding="utf-8")
    pdf = tmp_path / "filing.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    settings = Settings(embedding_model="hashing-64")
    with pytest.raises(CorpusError, match="invalid YAML front matter") as caught:
        add_sources(corpus, [str(good), str(bad_yaml)], settings)
    assert caught.value.path == "bad.md"
    with pytest.raises(CorpusError, match=r"cannot add a \.pdf file"):
        add_sources(corpus, [str(good), str(pdf)], settings)
    with pytest.raises(CorpusError, match="no such file"):
        add_sources(corpus, [str(tmp_path / "missing.md")], settings)
    assert _snapshot(corpus) == {}


def test_remove_refuses_unknown_and_jsonl_ids(tmp_path: Path, corpus_basic: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(corpus_basic, corpus)
    before = _snapshot(corpus)
    settings = Settings(embedding_model="hashing-64")
    with pytest.raises(CorpusError, match=r"no document 'nope\.md'"):
        remove_documents(corpus, ["nope.md"], settings)
    jsonl_id = next(d.doc_id for d in load_corpus(corpus) if d.line is not None)
    with pytest.raises(CorpusError, match=re.escape(f"{jsonl_id!r} is line")):
        remove_documents(corpus, [jsonl_id], settings)
    assert _snapshot(corpus) == before


def test_cli_fetch_list_show(server: SourceServer, tmp_path: Path) -> None:
    serve_meta(server, [(FY2023, ten_k_html(2023, "134,902"))])
    config = _config(tmp_path, settings_url=server.url)
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    runner = CliRunner()
    env = {"CLAIMCHECK_CONFIG": str(config)}
    fetched = runner.invoke(
        cli,
        [
            "corpus",
            "fetch",
            "sec",
            "META",
            "--years",
            "2023",
            "--corpus",
            str(corpus),
            "--index",
            str(index_dir),
        ],
        env=env,
    )
    assert fetched.exit_code == 0, fetched.output
    doc_id = "sec/meta/10-K-FY2023-0001326801-24-000012.txt"
    assert fetched.output.startswith(f"added      {doc_id}  Meta Platforms, Inc. Form 10-K FY2023  ")
    assert f"the index {index_dir} holds" in fetched.output
    listed = runner.invoke(
        cli, ["corpus", "list", "--corpus", str(corpus), "--index", str(index_dir)], env=env
    )
    assert listed.output.strip() == (
        f"{doc_id}  [10-K] Meta Platforms, Inc. Form 10-K FY2023  (FY2023; sec-edgar "
        f"{dt.datetime.now(dt.UTC).date().isoformat()})  indexed: yes"
    )
    shown = runner.invoke(cli, ["corpus", "show", doc_id, "--corpus", str(corpus)], env=env)
    assert "accession: 0001326801-24-000012" in shown.output and "size: " in shown.output
    assert re.search(r"^content_sha256: [0-9a-f]{64} \(matches the text\)$", shown.output, re.M)
    path = corpus / doc_id
    path.write_text(path.read_text(encoding="utf-8").replace("134,902", "134,903"), encoding="utf-8")
    edited = runner.invoke(cli, ["corpus", "show", doc_id, "--corpus", str(corpus)], env=env)
    assert "(does not match: the text was edited after it was fetched)" in edited.output
    missing = runner.invoke(cli, ["corpus", "show", "nope.txt", "--corpus", str(corpus)], env=env)
    assert (
        missing.exit_code == 1
        and missing.output.startswith("Error: ")
        and "no document 'nope.txt'" in missing.output
    )


def test_a_second_writer_waits_for_the_corpus_lock_then_fails(tmp_path: Path, holder: Holder) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    notes = tmp_path / "notes.md"
    notes.write_text("# Notes\n\ntext\n", encoding="utf-8")
    holder.hold(tmp_path / ".corpus.lock")
    with pytest.raises(LockError, match="the corpus"):
        add_sources(corpus, [str(notes)], Settings(embedding_model="hashing-64", lock_timeout=0.2))
    assert _snapshot(corpus) == {}


def test_cli_add_remove_and_list_json(tmp_path: Path) -> None:
    config = tmp_path / "claimcheck.toml"
    config.write_text('embedding_model = "hashing-64"\n', encoding="utf-8")
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    notes = tmp_path / "notes.md"
    notes.write_text("# Notes\n\nMeta had 67,317 employees at the end of 2023.\n", encoding="utf-8")
    runner = CliRunner()
    base = ["--config", str(config), "corpus"]
    where = ["--corpus", str(corpus), "--index", str(index_dir)]
    added = runner.invoke(cli, [*base, "add", str(notes), "--kind", "fact-sheet", "--title", "Staff", *where])
    assert added.exit_code == 0 and added.output.startswith("added     notes.md\n")
    listed = runner.invoke(cli, [*base, "list", "--json", *where])
    (row,) = [json.loads(line) for line in listed.output.splitlines()]
    assert row["doc_id"] == "notes.md" and row["kind"] == "fact-sheet" and row["title"] == "Staff"
    assert row["source"] == "file" and row["indexed"] == "yes"
    bad = runner.invoke(cli, [*base, "add", str(tmp_path / "report.pdf"), *where])
    assert bad.exit_code == 1 and bad.output.count("\n") == 1 and "Error: " in bad.output
    removed = runner.invoke(cli, [*base, "remove", "notes.md", *where])
    assert removed.exit_code == 0 and "removed   notes.md" in removed.output
    index = EvidenceIndex.load(index_dir, HashingEmbedder(), Settings(embedding_model="hashing-64"))
    assert index.passages == []


def test_fetch_10q_names_its_quarter_not_a_fiscal_period(server: SourceServer, tmp_path: Path) -> None:
    quarterly = ten_k_html(2023, "34,146").replace("FORM 10-K", "FORM 10-Q")
    serve_meta(server, [(Q3, quarterly)])
    report = fetch_sec(tmp_path / "corpus", "META", "10-Q", "2023", server.settings())
    ((doc_id, prov),) = report.fetched
    assert doc_id == "sec/meta/10-Q-FY2023-0001326801-23-000103.txt"
    assert prov.kind is DocKind.TEN_Q and prov.period is None
    assert prov.title == "Meta Platforms, Inc. Form 10-Q for the quarter ended 2023-09-30"
    (doc,) = load_corpus(tmp_path / "corpus")
    assert doc.citation.kind is DocKind.TEN_Q and doc.citation.period is None


@pytest.mark.parametrize(
    ("year_end", "report", "period"),
    [
        ("1231", "2023-09-30", "FY2023 Q3"),  # a calendar year
        ("0126", "2024-10-27", "FY2025 Q3"),  # NVIDIA: the year ends in late January
        ("0928", "2023-12-30", "FY2024 Q1"),  # Apple: the year ends in late September
        ("1230", "2023-07-01", "FY2023 Q2"),  # a 52/53-week quarter that ends in the first week of July
    ],
)
def test_fetch_10q_names_its_fiscal_quarter_from_the_fiscal_year_end(
    server: SourceServer, tmp_path: Path, year_end: str, report: str, period: str
) -> None:
    quarterly = ten_k_html(2023, "34,146").replace("FORM 10-K", "FORM 10-Q")
    row = {**Q3, "reportDate": report}
    serve_meta(server, [(row, quarterly)], fiscal_year_end=year_end)
    fetch_sec(tmp_path / "corpus", "META", "10-Q", None, server.settings())
    (doc,) = load_corpus(tmp_path / "corpus")
    assert doc.citation.kind is DocKind.TEN_Q and doc.citation.period == period
    assert doc.citation.title == f"Meta Platforms, Inc. Form 10-Q {period} for the quarter ended {report}"


@pytest.mark.parametrize(
    ("end", "year_end", "expected"),
    [
        (dt.date(2023, 3, 31), "1231", (2023, 1)),
        (dt.date(2023, 12, 31), "1231", None),  # a year end, not a quarter of it
        (dt.date(2023, 8, 15), "1231", None),  # no quarter ends mid-August
        (dt.date(2024, 4, 28), "0126", (2025, 1)),
        (dt.date(2023, 6, 30), "13xx", None),  # not MMDD
    ],
)
def test_fiscal_quarter(end: dt.date, year_end: str, expected: tuple[int, int] | None) -> None:
    assert fiscal_quarter(end, year_end) == expected


@pytest.mark.parametrize("base", ["sec.gov", "ftp://127.0.0.1:9", "http://[::1"])
def test_a_misconfigured_address_is_one_clear_error(tmp_path: Path, base: str) -> None:
    settings = Settings(sec_www_url=base, sec_data_url=base, fetch_user_agent=CONTACT, fetch_timeout=2.0)
    with pytest.raises(FetchError) as caught:
        fetch_sec(tmp_path / "corpus", "META", "10-K", None, settings)
    assert caught.value.path is not None and "\n" not in caught.value.message()
    assert not (tmp_path / "corpus").exists() or _snapshot(tmp_path / "corpus") == {}


def test_older_filings_come_from_the_older_pages_only_when_asked_for(
    server: SourceServer, tmp_path: Path
) -> None:
    from tests.sources_fixtures import CIK, filing, filing_table, submissions_json

    fy2015 = filing("10-K", "0001326801-16-000043", "2016-01-28", "2015-12-31", "fb-12312015x10k.htm")
    serve_meta(server, [(FY2023, ten_k_html(2023, "134,902"))])
    page = "CIK0001326801-submissions-001.json"
    server.routes[f"/submissions/CIK{CIK:010d}.json"] = Route(
        submissions_json([FY2023], older_pages=[page]), content_type="application/json"
    )
    server.routes[f"/submissions/{page}"] = Route(json.dumps(filing_table([fy2015])).encode())
    server.routes[archive_path(fy2015["accessionNumber"], fy2015["primaryDocument"])] = Route(
        ten_k_html(2015, "17,928").encode()
    )
    recent = fetch_sec(tmp_path / "corpus", "META", "10-K", "2023", server.settings())
    assert [doc_id for doc_id, _ in recent.fetched] == ["sec/meta/10-K-FY2023-0001326801-24-000012.txt"]
    assert server.hits(f"/submissions/{page}") == 0
    both = fetch_sec(tmp_path / "corpus", "META", "10-K", "2015-2023", server.settings())
    assert [prov.fiscal_year for _, prov in both.fetched] == [2015, 2023]
    assert server.hits(f"/submissions/{page}") == 1


def test_corpus_list_says_what_a_fact_sheet_was_compiled_from() -> None:
    from claimcheck.settings import REPO_DIR

    listed = CliRunner().invoke(cli, ["corpus", "list", "--corpus", str(REPO_DIR / "corpora")])
    assert listed.exit_code == 0, listed.output
    line = next(
        x for x in listed.output.splitlines() if x.startswith("meta-10k/fy2023-revenue-and-profit.md")
    )
    assert line.endswith("(FY2023; compiled from Meta Platforms' FY2023 Form 10-K)")
