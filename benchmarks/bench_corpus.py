"""How fast is a real 10-K indexed into a corpus, and how long does `review stale` take over 1,000
approved verdicts?

    PYTHONPATH=. python benchmarks/bench_corpus.py [--files 1] [--verdicts 1000] [--fake] [--out FILE]

Indexing: each FinanceBench 10-K text (../shared/data/financebench-10k, skipped when absent) is written
out as EDGAR-style HTML (a <p> per line, a page-break <hr> per form feed), turned back into corpus text
by the filing parser (`claimcheck.sources.filing_html`, timed alone), then added to a fresh corpus with
`corpus add`'s library call, which builds the index (`--index`): pages per second end to end, passages,
and the index's size on disk.

Stale: a synthetic 10-K (tests/sources_fixtures.py) in a corpus, N claims about its figures drafted by the
real pipeline (retrieve + judge) and all approved in the review store; then `check_stale` (what `review
stale` runs) is timed twice: on the unchanged corpus (nothing is stale) and after a 10-K/A superseding the
filing is added (every verdict quoting it is flagged, re-drafted and reopened).

The embedder is the shipped all-MiniLM-L6-v2 unless `--fake` (the hashing fake: chunking, storage and
the store without the model's cost). Prints one markdown table per part.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from claimcheck.embedding import load_embedder  # noqa: E402
from claimcheck.offline import enable_offline  # noqa: E402
from claimcheck.settings import Settings  # noqa: E402

SHARED_10K = REPO.parent / "shared" / "data" / "financebench-10k" / "derived_10k_text"


def _html_of(text: str) -> str:
    def esc(line: str) -> str:
        return line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    pages = text.split("\f")
    body = '<hr style="page-break-after:always">'.join("".join(f"<p>{esc(ln)}</p>" for ln in p.splitlines()) for p in pages)
    return f"<html><body>{body}</body></html>"


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def bench_indexing(settings: Settings, files: int) -> list[str]:
    from claimcheck.sources.filing_html import filing_text
    from claimcheck.sources.manage import NewDocument, write_documents

    paths = sorted(SHARED_10K.glob("*_10K.txt"))[:files] if SHARED_10K.is_dir() else []
    if not paths:
        return ["(../shared/data/financebench-10k is absent: indexing not measured)"]
    embedder = load_embedder(settings)
    rows = [
        "| 10-K | characters | pages | parse HTML (s) | add + index (s) | pages/s | passages | index on disk |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for path in paths:
        html = _html_of(path.read_text(encoding="utf-8"))
        started = time.perf_counter()
        text = filing_text(html)
        parsed = time.perf_counter() - started
        pages = text.count("\f") + 1
        with tempfile.TemporaryDirectory() as scratch:
            corpus, index = Path(scratch) / "corpus", Path(scratch) / "index"
            started = time.perf_counter()
            change = write_documents(
                corpus, [NewDocument(f"sec/{path.stem}.txt", text)], settings, index_dir=index, embedder=embedder
            )
            took = time.perf_counter() - started
            size = _size(index)
        rows.append(
            f"| {path.stem} | {len(text):,} | {pages} | {parsed:.2f} | {took:.1f} | {pages / took:.1f} | "
            f"{change.index_passages:,} | {size / 1e6:.1f} MB |"
        )
    return rows


def bench_stale(settings: Settings, n: int) -> list[str]:
    from claimcheck.drafts import write_draft
    from claimcheck.index import build_index
    from claimcheck.models import Breakdown, DecisionAction, EditorDecision, Verdict
    from claimcheck.pipeline import judge_all, retrieve
    from claimcheck.review import open_store
    from claimcheck.sources.filing_html import filing_text
    from claimcheck.sources.manage import NewDocument, write_documents
    from claimcheck.sources.provenance import Provenance, body_sha256, document_text
    from claimcheck.sources.stale import check_stale
    from claimcheck.verify.stance import load_verifier
    from tests.factories import make_claim
    from tests.sources_fixtures import ten_k_html

    embedder = load_embedder(settings)
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        corpus, index_dir, out = root / "corpus", root / "index", root / "out"
        original = "sec/meta/10-K-FY2023.txt"
        text = filing_text(ten_k_html(2023, "134,902"))
        write_documents(corpus, [NewDocument(original, text)], settings)
        from claimcheck.corpus import load_corpus

        index, _ = build_index(load_corpus(corpus), embedder, settings, corpus, index_dir)
        figures = ["$134,902 million", "$39,098 million", "$116,609 million", "$23,200 million"]
        subjects = ["Revenue", "Net income", "Revenue in 2022", "Net income in 2022"]
        claims = [
            make_claim(f"Meta's {subjects[i % 4].lower()} was {figures[i % 4]} ({i}).", claim_id=f"c{i:04d}", transcript_id="bench")
            for i in range(n)
        ]
        settings_out = settings.model_copy(update={"out_dir": out})
        started = time.perf_counter()
        verifier = load_verifier(settings.nli_model)
        drafts = judge_all(retrieve(claims, index, settings), settings, verifier)
        drafted = time.perf_counter() - started
        verdicts = [
            Verdict(claim=c, draft=d, label=d.label, rationale=d.rationale, confidence=d.confidence, evidence=d.evidence)
            for c, d in zip(claims, drafts, strict=True)
        ]
        drafted_on = index.manifest.model_dump(mode="json", exclude={"doc_hashes", "files"})  # as `run` records
        breakdown = Breakdown(
            slug="bench", title="Bench", source_path="bench.txt", verdicts=verdicts, index_manifest=drafted_on
        )
        with open_store(out) as store:
            store.sync_drafts(breakdown)
            write_draft(out, breakdown)
            for claim in claims:
                store.record(EditorDecision(transcript_id="bench", claim_id=claim.id, action=DecisionAction.APPROVE, editor="Ed"))
        started = time.perf_counter()
        unchanged = check_stale(out, settings_out, index_dir=index_dir)
        quiet = time.perf_counter() - started
        amended = ten_k_html(2023, "134,902", amended=True, net_income="35,000")
        body = filing_text(amended)
        prov = Provenance(
            title="Meta 10-K/A", source="file", retrieved=dt.date.today(), content_sha256=body_sha256(body), supersedes=original
        )
        write_documents(corpus, [NewDocument("sec/meta/10-KA-FY2023.txt", document_text(prov, body))], settings, index_dir=index_dir, embedder=embedder)
        started = time.perf_counter()
        after = check_stale(out, settings_out, index_dir=index_dir)
        flagged_time = time.perf_counter() - started
    return [
        f"{n} claims drafted by the pipeline in {drafted:.1f} s (untimed setup); all approved.",
        "",
        "| `review stale` run | approved checked | re-drafted | newly stale | seconds | ms per verdict |",
        "|---|---:|---:|---:|---:|---:|",
        f"| corpus unchanged | {unchanged.checked} | {unchanged.redrafted} | {len(unchanged.flagged)} | {quiet:.1f} | {1000 * quiet / max(1, unchanged.checked):.1f} |",
        f"| after a 10-K/A supersedes the filing | {after.checked} | {after.redrafted} | {len(after.flagged)} | {flagged_time:.1f} | {1000 * flagged_time / max(1, after.checked):.1f} |",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--files", type=int, default=1, help="FinanceBench 10-Ks to index")
    parser.add_argument("--verdicts", type=int, default=1000, help="approved verdicts for `review stale`")
    parser.add_argument("--fake", action="store_true", help="the hashing fake embedder instead of MiniLM")
    parser.add_argument("--out", type=Path, default=None, help="also write the tables to this file")
    args = parser.parse_args()
    enable_offline()
    settings = Settings(embedding_model="hashing-64" if args.fake else "all-MiniLM-L6-v2")
    lines = [f"embedder: {settings.embedding_model}", "", "## Indexing a real 10-K", ""]
    lines += bench_indexing(settings, args.files)
    lines += ["", f"## `review stale` over {args.verdicts} approved verdicts", ""]
    lines += bench_stale(settings, args.verdicts)
    text = "\n".join(lines).rstrip() + "\n"
    print(text)
    if args.out is not None:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
