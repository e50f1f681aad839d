"""Retrieval quality, speed and size of the evidence index, on this machine's CPU.

    python benchmarks/bench_retrieval.py [--only STAGE ...] [--out benchmarks/results/retrieval.md]

Stages (all by default, in this order):

- `build`: index the 16 FinanceBench 10-Ks and the Check-COVID abstract sentences with the shipped
  MiniLM model. Built indexes are cached under `.bench/retrieval/` (git-ignored) and reused while the
  corpus, model and chunker are unchanged, so reruns are cheap; the first build's timing is kept.
- `financebench`: for the FinanceBench questions about those 16 filings, is a gold evidence page
  (`evidence_page_num`, 0-based, = our form-feed page index) among the top k passages searched across
  all 16 filings? Recall@1/5/10 and MRR for dense, BM25 and hybrid in the same run, plus the ceiling:
  the share of gold pages whose evidence text can be found (fuzzily) in our extracted page text.
- `checkcovid`: Check-COVID claims (SUPPORT/REFUTE) against all abstract sentences; is a gold sentence
  among the top k? Recall@5/10 per mode.
- `scale`: build speed, query latency p50/p95 at 10k and 100k passages, index size on disk, peak memory.
  Each size runs in a subprocess so its peak RSS is its own.
- `ann`: approximate vs exact FAISS search at 1M passages on synthetic random unit vectors (clearly not
  real embeddings: random vectors have no cluster structure, the hardest case for approximate search),
  and the same comparison on the real FinanceBench vectors.

Never run in CI: the first build embeds ~14k passages (minutes on 2 cores).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from claimcheck import (
    Embedder,
    EvidenceIndex,
    IndexError_,
    Passage,
    SearchHit,
    SearchMode,
    Settings,
    load_corpus,
)
from claimcheck.corpus import corpus_hash
from claimcheck.embedding import MiniLMEmbedder, normalise_rows
from claimcheck.fsutil import atomic_write_text
from claimcheck.index import MANIFEST_FILE
from claimcheck.offline import enable_offline

REPO = Path(__file__).resolve().parents[1]

SHARED = REPO.parent / "shared" / "data"
FB_DIR = SHARED / "financebench-10k"
FB_TEXT = FB_DIR / "derived_10k_text"
FB_QUESTIONS = FB_DIR / "data" / "financebench_open_source.jsonl"
COVID_DIR = SHARED / "check-covid" / "Check-COVID"
CACHE = REPO / ".bench" / "retrieval"
OUT = REPO / "benchmarks" / "results" / "retrieval.md"
MODES: tuple[SearchMode, ...] = ("dense", "bm25", "hybrid")
STAGES = ("build", "financebench", "checkcovid", "scale", "ann")


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def folder_mib(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


# --------------------------------------------------------------------------------------------------
# building (cached)


@dataclass
class BuildStats:
    corpus: str
    documents: int
    passages: int
    seconds: float
    embedded: int

    @property
    def per_second(self) -> float:
        return self.embedded / self.seconds if self.seconds else 0.0


def cached_index(
    name: str, corpus_dir: Path, embedder: Embedder, settings: Settings
) -> tuple[EvidenceIndex, BuildStats]:
    """The index of `corpus_dir` under CACHE/name, built (reusing unchanged vectors) when stale."""
    folder = CACHE / name
    stats_file = CACHE / f"{name}.build.json"
    docs = load_corpus(corpus_dir)
    previous: EvidenceIndex | None = None
    if (folder / MANIFEST_FILE).is_file():
        try:
            previous = EvidenceIndex.load(folder, embedder, settings)
        except IndexError_ as exc:
            log(f"cached index unusable ({exc}); rebuilding")
        else:
            if previous.manifest.matches(embedder, settings, corpus_hash(docs)) and stats_file.is_file():
                log(f"{name}: cached index with {len(previous.passages)} passages")
                return previous, BuildStats(**json.loads(stats_file.read_text()))
    log(f"{name}: building from {len(docs)} documents")
    counting = CountingEmbedder(embedder)
    start = time.perf_counter()
    index = EvidenceIndex.build(docs, counting, settings, corpus_dir, previous=previous)
    seconds = time.perf_counter() - start
    index.embedder = embedder
    index.save(folder)
    stats = BuildStats(name, len(docs), len(index.passages), round(seconds, 1), counting.count)
    if stats_file.is_file() and counting.count < len(index.passages):
        # A partial rebuild reused stored vectors; keep the timing of the last full build.
        stats = BuildStats(**json.loads(stats_file.read_text()))
    else:
        stats_file.write_text(json.dumps(stats.__dict__) + "\n")
    log(f"{name}: {len(index.passages)} passages, {counting.count} embedded in {seconds:.0f} s")
    return index, stats


class CountingEmbedder:
    """Wraps an embedder, counting the texts it embeds (to tell a full build from a reuse)."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.count = 0

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.count += len(texts)
        if len(texts) > 256:
            log(f"embedding {len(texts)} passages")
        return self.inner.embed(texts)

    def count_tokens(self, text: str) -> int:
        return self.inner.count_tokens(text)


def covid_corpus() -> Path:
    """Check-COVID's abstracts as a jsonl corpus: one document per sentence, titled by its abstract."""
    folder = CACHE / "checkcovid-corpus"
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for line in (COVID_DIR / "corpus.json").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for i, sentence in enumerate(record["abstract"]):
            lines.append(
                json.dumps({"id": f"{record['cord_id']}:{i}", "title": record["title"], "text": sentence})
            )
    target = folder / "sentences.jsonl"
    text = "\n".join(lines) + "\n"
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    return folder


# --------------------------------------------------------------------------------------------------
# quality


def runs_of(
    index: EvidenceIndex, texts: Sequence[str], k: int
) -> Iterator[tuple[str, list[list[SearchHit]], float]]:
    """(row name, results, ms per query) for each mode, plus hybrid without the figure ranking (ablation)."""
    index.search("warm up", 1, mode="hybrid")  # BM25 statistics and figures are built on first use
    for mode in MODES:
        start = time.perf_counter()
        results = index.search_many(texts, k, mode=mode)
        yield mode, results, (time.perf_counter() - start) / len(texts) * 1000
    start = time.perf_counter()
    results = index.search_many(texts, k, mode="hybrid", use_figures=False)
    yield "hybrid without the figure ranking", results, (time.perf_counter() - start) / len(texts) * 1000


def first_rank(hits: Sequence[SearchHit], gold: set[tuple[str, int | None]], by_page: bool) -> int | None:
    """1-based rank of the first hit in `gold` ((doc_id, page) pairs, or (doc_id, None) when not by_page)."""
    for rank, hit in enumerate(hits, start=1):
        key = (hit.passage.doc_id, hit.passage.citation.page if by_page else None)
        if key in gold:
            return rank
    return None


def recall_row(name: str, found: Sequence[int | None], ks: Sequence[int]) -> list[str]:
    n = len(found)
    cells = [name]
    for k in ks:
        cells.append(f"{sum(1 for r in found if r is not None and r <= k) / n:.3f}")
    cells.append(f"{sum(1 / r for r in found if r is not None) / n:.3f}")
    return cells


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return "\n".join(lines)


_WORDS = re.compile(r"[a-z0-9]+")


def shingles(text: str, n: int = 4) -> set[tuple[str, ...]]:
    words = _WORDS.findall(text.lower())
    return {tuple(words[i : i + n]) for i in range(max(0, len(words) - n + 1))}


# A gold page counts as findable when at least half of the evidence text's word 4-grams occur on our
# extracted page. Tables extract in another order (pdftotext vs the annotators' tool), which is what
# makes some gold evidence unfindable; 0.5 separates those from pages that merely reflow.
FINDABLE_SHARE = 0.5


def _findable(evidence: dict[str, Any], pages: dict[str, list[str]]) -> bool:
    doc_pages = pages.get(evidence["doc_name"])
    page = int(evidence["evidence_page_num"])
    if doc_pages is None or page >= len(doc_pages):
        return False
    wanted = shingles(evidence["evidence_text"])
    return bool(wanted) and len(wanted & shingles(doc_pages[page])) >= FINDABLE_SHARE * len(wanted)


def financebench(index: EvidenceIndex, k_max: int = 10) -> str:
    filings = {path.stem for path in FB_TEXT.glob("*.txt")}
    records = [
        json.loads(line) for line in FB_QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    questions = [q for q in records if q["doc_name"] in filings]
    pages = {name: (FB_TEXT / f"{name}.txt").read_text(encoding="utf-8").split("\f") for name in filings}
    golds: list[set[tuple[str, int | None]]] = [
        {
            (f"{e['doc_name']}.txt", int(e["evidence_page_num"]))
            for e in q["evidence"]
            if e["doc_name"] in filings
        }
        for q in questions
    ]
    evidence = [e for q in questions for e in q["evidence"] if e["doc_name"] in filings]
    findable = sum(_findable(e, pages) for e in evidence)
    # Ceiling per question: at least one of its gold pages is findable.
    question_ceiling = sum(any(_findable(e, pages) for e in q["evidence"]) for q in questions)
    rows = []
    for name, results, ms in runs_of(index, [q["question"] for q in questions], k_max):
        found = [first_rank(hits, gold, by_page=True) for hits, gold in zip(results, golds, strict=True)]
        rows.append([*recall_row(name, found, (1, 5, 10)), f"{ms:.0f}"])
    header = ["mode", "recall@1", "recall@5", "recall@10", "MRR", "ms/query"]
    ceiling = (
        f"Ceiling: {findable} of {len(evidence)} gold evidence passages ({findable / len(evidence):.0%}) "
        f"are findable in our extracted page text (≥{FINDABLE_SHARE:.0%} of their word 4-grams on the gold "
        f"page); {question_ceiling} of {len(questions)} questions ({question_ceiling / len(questions):.0%}) "
        "have at least one findable gold page. Evidence that extracts differently may still be retrieved "
        "(the page is what counts), so this is a guide, not a hard cap."
    )
    n_docs = len({p.doc_id for p in index.passages})
    intro = (
        f"{len(questions)} FinanceBench questions whose filing is among the {len(filings)} derived 10-Ks; "
        f"each searched across all {n_docs} filings ({len(index.passages)} passages). A hit is a passage "
        "on a gold evidence page (0-based page index = form-feed page)."
    )
    return "\n\n".join(["### FinanceBench (16 10-Ks)", intro, table(header, rows), ceiling])


def checkcovid(index: EvidenceIndex, k_max: int = 10) -> str:
    claims = [
        json.loads(line)
        for line in (COVID_DIR / "Check-COVID_all.json").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    claims = [c for c in claims if c["label"] in ("SUPPORT", "REFUTE")]
    golds: list[set[tuple[str, int | None]]] = [
        {(f"{c['cord_id']}:{e['sent_index']}", None) for e in c["evidence_set"]} for c in claims
    ]
    rows = []
    for name, results, ms in runs_of(index, [c["claim"] for c in claims], k_max):
        found = [first_rank(hits, gold, by_page=False) for hits, gold in zip(results, golds, strict=True)]
        rows.append([*recall_row(name, found, (1, 5, 10)), f"{ms:.0f}"])
    n_abstracts = len({p.doc_id.split(":")[0] for p in index.passages})
    intro = (
        f"{len(claims)} Check-COVID claims labelled SUPPORT or REFUTE (all splits) against all "
        f"{len(index.passages)} sentences of its {n_abstracts} abstracts, one passage per sentence (title "
        "prefixed). A hit is a gold evidence sentence (PRIMARY or SUPPLEMENTARY)."
    )
    header = ["mode", "recall@1", "recall@5", "recall@10", "MRR", "ms/query"]
    return "\n\n".join(["### Check-COVID (abstract sentences)", intro, table(header, rows)])


# --------------------------------------------------------------------------------------------------
# speed and size


def scale_child(n: int, out: Path) -> None:
    """Time an index of `n` passages made by tiling the FinanceBench passages (vectors jittered)."""
    from claimcheck.index import FigureTable

    embedder = MiniLMEmbedder()
    settings = Settings()
    base = EvidenceIndex.load(CACHE / "financebench", embedder, settings)
    passages = base.passages
    vectors = base.vectors
    base_figures = FigureTable.of(passages)
    rng = np.random.default_rng(0)
    reps = -(-n // len(passages))
    tiled: list[Passage] = []
    tiled_vectors = []
    for r in range(reps):
        for p in passages:
            tiled.append(
                p.model_copy(update={"passage_id": f"{p.passage_id}~{r}", "doc_id": f"{p.doc_id}~{r}"})
            )
        noise = rng.normal(scale=0.02 if r else 0.0, size=vectors.shape).astype(np.float32)
        tiled_vectors.append(normalise_rows(vectors + noise))
    figure_table = base_figures
    for r in range(1, reps):
        figure_table = figure_table.extend(base_figures, r * len(passages))
    keep = figure_table.rows < n
    figure_table = FigureTable(
        figure_table.rows[keep], figure_table.values[keep], figure_table.families[keep]
    )
    built = EvidenceIndex.from_vectors(
        tiled[:n],
        np.concatenate(tiled_vectors)[:n],
        embedder,
        settings,
        corpus_dir=Path("synthetic"),
        figure_table=figure_table,
    )
    folder = CACHE / f"scale-{n}"
    built.save(folder)
    del built, tiled, tiled_vectors
    start = time.perf_counter()
    index = EvidenceIndex.load(folder, embedder, settings)
    index.search("warm up", 1, mode="hybrid")  # BM25 statistics are built on first use
    open_s = time.perf_counter() - start
    questions = [
        json.loads(line)["question"]
        for line in FB_QUESTIONS.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ][:100]
    latency: dict[str, list[float]] = {}
    for mode in MODES:
        samples = []
        for q in questions:
            t = time.perf_counter()
            index.search(q, 10, mode=mode)
            samples.append((time.perf_counter() - t) * 1000)
        latency[mode] = samples
    result = {
        "n": n,
        "ann": index.manifest.ann,
        "open_s": open_s,
        "latency": {
            m: [float(np.percentile(s, 50)), float(np.percentile(s, 95))] for m, s in latency.items()
        },
        "size_mib": folder_mib(folder),
        "peak_rss_mib": peak_rss_mib(),
    }
    out.write_text(json.dumps(result))


def scale(fb_stats: BuildStats, covid_stats: BuildStats) -> str:
    rows = []
    for n in (10_000, 100_000):
        out = CACHE / f"scale-{n}.json"
        log(f"scale: {n} passages")
        subprocess.run([sys.executable, __file__, "--child-scale", str(n), str(out)], check=True)
        r = json.loads(out.read_text())
        lat = r["latency"]
        rows.append(
            [
                f"{n:,}",
                r["ann"] or "exact (flat)",
                f"{r['open_s']:.1f}",
                *(f"{lat[m][0]:.0f} / {lat[m][1]:.0f}" for m in MODES),
                f"{r['size_mib']:.0f}",
                f"{r['peak_rss_mib']:.0f}",
            ]
        )
    build = table(
        ["corpus", "documents", "passages", "embedded", "seconds", "passages/s"],
        [
            [
                s.corpus,
                str(s.documents),
                str(s.passages),
                str(s.embedded),
                f"{s.seconds:.0f}",
                f"{s.per_second:.1f}",
            ]
            for s in (fb_stats, covid_stats)
        ],
    )
    header = [
        "passages",
        "dense index",
        "open s (load + BM25)",
        "dense p50/p95 ms",
        "bm25 p50/p95 ms",
        "hybrid p50/p95 ms",
        "size on disk MiB",
        "peak RSS MiB",
    ]
    note = (
        "Build = chunking + MiniLM embedding (batch 32, 2 shared cores) of the whole corpus, the first time. "
        "Latency per single query (MiniLM query embedding included), 100 FinanceBench questions, k=10. The 10k "
        "and 100k indexes tile the real FinanceBench passages (vectors jittered with N(0, 0.02) noise after the "
        "first copy), so BM25 and figure statistics are those of real 10-K text. Peak RSS is the whole process, "
        "torch and the model included."
    )
    return "\n\n".join(["### Speed and size", build, table(header, rows), note])


NPROBES = (8, 32, 128)


def _recall_at_10(found: np.ndarray, truth: np.ndarray) -> float:
    return float(
        np.mean([len(set(a.tolist()) & set(b.tolist())) / 10 for a, b in zip(found, truth, strict=True)])
    )


def _approx_runs(ann_index: Any, queries: np.ndarray, truth: np.ndarray) -> dict[int, list[float]]:
    """nprobe -> [recall@10, p50 ms, p95 ms] with single-query searches."""
    import faiss

    runs: dict[int, list[float]] = {}
    ivf = faiss.extract_index_ivf(ann_index)
    for nprobe in NPROBES:
        ivf.nprobe = nprobe
        found = []
        samples = []
        for q in queries:
            t = time.perf_counter()
            _, ids = ann_index.search(q[None, :], 10)
            samples.append((time.perf_counter() - t) * 1000)
            found.append(ids[0])
        runs[nprobe] = [
            _recall_at_10(np.asarray(found), truth),
            float(np.percentile(samples, 50)),
            float(np.percentile(samples, 95)),
        ]
    return runs


def ann_child(n: int, out: Path) -> None:
    """Exact vs approximate recall@10 and latency on `n` synthetic random unit vectors."""
    import faiss

    from claimcheck.index import make_ann_index

    dim = 384
    rng = np.random.default_rng(0)
    vectors = normalise_rows(rng.standard_normal((n, dim), dtype=np.float32))
    queries = normalise_rows(rng.standard_normal((200, dim), dtype=np.float32))
    exact = faiss.IndexFlatIP(dim)
    exact.add(vectors)
    _, truth = exact.search(queries, 10)
    exact_single = []
    for q in queries[:50]:
        t = time.perf_counter()
        exact.search(q[None, :], 10)
        exact_single.append((time.perf_counter() - t) * 1000)
    del exact
    t = time.perf_counter()
    ann_index = make_ann_index(vectors, Settings())
    build_s = time.perf_counter() - t
    result = {
        "n": n,
        "ann": faiss.extract_index_ivf(ann_index).nlist,
        "build_s": build_s,
        "exact_ms": [float(np.percentile(exact_single, 50)), float(np.percentile(exact_single, 95))],
        "runs": _approx_runs(ann_index, queries, truth),
        "peak_rss_mib": peak_rss_mib(),
    }
    out.write_text(json.dumps(result))


def ann(index: EvidenceIndex) -> str:
    import faiss

    from claimcheck.index import make_ann_index

    n = 1_000_000
    out = CACHE / f"ann-{n}.json"
    log(f"ann: {n} synthetic vectors")
    subprocess.run([sys.executable, __file__, "--child-ann", str(n), str(out)], check=True)
    synthetic = json.loads(out.read_text())
    rows = []
    for nprobe, (recall, p50, p95) in synthetic["runs"].items():
        rows.append(
            [
                f"{n:,} SYNTHETIC random",
                f"IVF{synthetic['ann']},Flat nprobe={nprobe}",
                f"{synthetic['build_s']:.0f}",
                f"{recall:.3f}",
                f"{synthetic['exact_ms'][0]:.1f} / {synthetic['exact_ms'][1]:.1f}",
                f"{p50:.2f} / {p95:.2f}",
            ]
        )
    # The same on the real FinanceBench vectors, FinanceBench questions as queries.
    questions = [
        json.loads(line)["question"]
        for line in FB_QUESTIONS.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    queries = np.ascontiguousarray(index.embedder.embed(questions))
    vectors = np.ascontiguousarray(index.vectors)
    exact = faiss.IndexFlatIP(vectors.shape[1])
    exact.add(vectors)
    _, truth = exact.search(queries, 10)
    exact_single = []
    for q in queries:
        t = time.perf_counter()
        exact.search(q[None, :], 10)
        exact_single.append((time.perf_counter() - t) * 1000)
    t = time.perf_counter()
    real_ann = make_ann_index(vectors, Settings())
    build_s = time.perf_counter() - t
    nlist = faiss.extract_index_ivf(real_ann).nlist
    for nprobe, (recall, p50, p95) in _approx_runs(real_ann, queries, truth).items():
        rows.append(
            [
                f"{len(vectors):,} real (FinanceBench MiniLM)",
                f"IVF{nlist},Flat nprobe={nprobe}",
                f"{build_s:.1f}",
                f"{recall:.3f}",
                f"{np.percentile(exact_single, 50):.2f} / {np.percentile(exact_single, 95):.2f}",
                f"{p50:.2f} / {p95:.2f}",
            ]
        )
    header = [
        "vectors",
        "approximate index",
        "build s",
        "recall@10 vs exact",
        "exact p50/p95 ms",
        "approx p50/p95 ms",
    ]
    settings = Settings()
    note = (
        f"Shipped settings: ann_threshold={settings.ann_threshold:,} passages, ivf_nprobe={settings.ivf_nprobe}, "
        "IVF lists = sqrt(n). SYNTHETIC rows: 1M random unit vectors (384-d) and 200 random queries, which is "
        "the worst case for approximate search (no cluster structure). Real rows: the FinanceBench passage "
        "vectors, 150 FinanceBench questions as queries. Single-query FAISS latency only (no query embedding). "
        f"Peak RSS of the 1M run: {synthetic['peak_rss_mib']:.0f} MiB."
    )
    return "\n\n".join(["### Approximate vs exact search", table(header, rows), note])


# --------------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", nargs="*", choices=STAGES, default=list(STAGES))
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--child-scale", nargs=2, metavar=("N", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--child-ann", nargs=2, metavar=("N", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    enable_offline()
    if args.child_scale:
        scale_child(int(args.child_scale[0]), Path(args.child_scale[1]))
        return
    if args.child_ann:
        ann_child(int(args.child_ann[0]), Path(args.child_ann[1]))
        return
    CACHE.mkdir(parents=True, exist_ok=True)
    settings = Settings()
    embedder = MiniLMEmbedder(batch_size=settings.embed_batch_size)
    fb_index, fb_stats = cached_index("financebench", FB_TEXT, embedder, settings)
    covid_index, covid_stats = cached_index("checkcovid", covid_corpus(), embedder, settings)
    sections = [
        "## Retrieval benchmark",
        f"Run {time.strftime('%Y-%m-%d')} on {os.cpu_count()} CPU cores (shared), model {embedder.name}, "
        f"chunk_max_tokens={settings.chunk_max_tokens}. Command: `python benchmarks/bench_retrieval.py`.",
    ]
    if "financebench" in args.only:
        sections.append(financebench(fb_index))
    if "checkcovid" in args.only:
        sections.append(checkcovid(covid_index))
    if "scale" in args.only:
        sections.append(scale(fb_stats, covid_stats))
    if "ann" in args.only:
        sections.append(ann(fb_index))
    text = "\n\n".join(sections) + "\n"
    print(text)
    if args.only == list(STAGES) or args.out != OUT:
        atomic_write_text(args.out, text)
        log(f"wrote {args.out}")


if __name__ == "__main__":
    main()
