"""Batch throughput, the first transcript's wait, workers vs one process, Ray, corpus embedding on Ray, and
approximate-index recall and latency built from real 10-K passages: one command, one table per question.

    python benchmarks/bench_batch.py [--transcripts 4] [--minutes 15] [--repeat 2] [--passages 2000]
                                     [--ann-n 200000] [--skip ray] [--out benchmarks/results/batch.md]

1. Stages of one transcript of `--minutes` (the shipped sample repeated, as `bench_pipeline.py` does), in
   process, index warm: each model's load, then read, claims, retrieval, verdicts.
2. `--transcripts` such transcripts (distinct slugs) drafted by today's `claimcheck run` and, in the same
   run, by `claimcheck batch` with 1 and 2 workers and through Ray on a local instance (2 actors); each
   command in its own process, as a user starts it, against one prebuilt index of the shipped corpus,
   `--repeat` rounds round-robin (the fastest round is shown, every round's wall time beside it).
   Transcripts per hour are given end to end (load included) and steady (after the first draft).
3. Corpus embedding: the first `--passages` passages of the FinanceBench 10-K texts (../shared), chunked by
   claimcheck, embedded by MiniLM in this process vs by Ray Data `map_batches` (2 actors, local instance).
4. Approximate index: the real vectors of (3) tiled to `--ann-n` rows, each copy jittered with N(0, 0.03)
   noise and renormalised (the real passages give the cluster structure; the copies are NOT real
   passages, and tight clusters of near-copies make the neighbours harder to separate than in a real
   corpus); queries are 200 other real passages, jittered the same way. Exact flat vs IVF-Flat, IVF-PQ
   and HNSW at the default settings: build seconds, recall@10 against exact, ms per query, index bytes.

Sections 3 and 4 skip cleanly when ../shared is absent; `--skip ray` skips every Ray row.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.bench_pipeline import one_hour_transcript  # noqa: E402
from claimcheck.fsutil import atomic_write_text  # noqa: E402

WORK = REPO / ".bench" / "batch"
FB_TEXT = REPO.parent / "shared" / "data" / "financebench-10k" / "derived_10k_text"


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO), "TTY_COMPATIBLE": "0"}


# ------------------------------------------------------------------------------------------ 1. stages


def stages(transcript: Path, index_dir: Path, minutes: int) -> str:
    from claimcheck.claims import extract_claims, load_nlp
    from claimcheck.embedding import load_embedder
    from claimcheck.index import EvidenceIndex
    from claimcheck.pipeline import Engine, judge_all, retrieve
    from claimcheck.settings import load_settings
    from claimcheck.transcripts import read_transcript
    from claimcheck.verify.stance import load_verifier

    settings = load_settings(out_dir=WORK / "stages-out")
    timings: list[tuple[str, float]] = []

    def timed(name: str, fn: Any) -> Any:
        began = time.perf_counter()
        value = fn()
        timings.append((name, time.perf_counter() - began))
        return value

    embedder = timed("load: embedder (MiniLM, torch)", lambda: load_embedder(settings))
    index = timed("load: index (from disk)", lambda: EvidenceIndex.load(index_dir, embedder, settings))
    verifier = timed("load: verifier (ONNX)", lambda: load_verifier(None))
    nlp = timed("load: spaCy", load_nlp)
    engine = Engine(settings=settings, nlp=nlp, embedder=embedder, index=index, verifier=verifier)
    timed("load: index fields (first use)", lambda: engine.fields)
    load_total = sum(s for _, s in timings)
    parsed = timed("read transcript", lambda: read_transcript(transcript, settings))
    claims = timed("claims (spaCy, check-worthiness, subjects)", lambda: extract_claims(parsed, nlp, settings))
    items = timed("retrieve (embed claims, hybrid search)", lambda: retrieve(claims, index, settings, fields=engine.fields))
    timed("verdicts (stance model, rules)", lambda: judge_all(items, settings, verifier))
    work_total = sum(s for _, s in timings) - load_total
    rows = [[name, f"{s:.2f}"] for name, s in timings]
    rows.append(["**models + index load (the first transcript's extra wait)**", f"**{load_total:.2f}**"])
    rows.append([f"**one {minutes}-minute transcript, index warm ({len(claims)} claims)**", f"**{work_total:.2f}**"])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return table(["stage", "seconds"], rows) + f"\n\nPeak resident memory of this process: {peak:.0f} MiB."


# ------------------------------------------------------------------------------------------ 2. batch


def batch_rows(inbox: Path, index_dir: Path, n: int, with_ray: bool, repeat: int) -> str:
    """Each command `repeat` times, round-robin (so a burst of other work on the machine hits every
    command alike); the row shows the fastest round and every round's wall time."""
    python = sys.executable
    runs: list[tuple[str, list[str]]] = [
        ("`claimcheck run` (today)", ["run", *sorted(str(p) for p in inbox.iterdir()), "--index", str(index_dir)]),
        ("`batch --workers 1`", ["batch", str(inbox), "--index", str(index_dir), "--json"]),
        ("`batch --workers 2`", ["batch", str(inbox), "--index", str(index_dir), "--workers", "2", "--json"]),
    ]
    if with_ray:
        runs.append(
            ("`batch --workers 2 --ray local`", ["batch", str(inbox), "--index", str(index_dir), "--workers", "2", "--ray", "local", "--json"])
        )
    measured: dict[str, list[tuple[float, float | None, float | None, str]]] = {name: [] for name, _ in runs}
    for round_ in range(repeat):
        for name, args in runs:
            out = WORK / "out" / name.strip("`").replace(" ", "_").replace("-", "")
            shutil.rmtree(out, ignore_errors=True)
            log(f"batch: {name} (round {round_ + 1})")
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            began = time.perf_counter()
            done = subprocess.run(
                [python, "-m", "claimcheck", *args, "--out", str(out), "--quiet"],
                env=env(), capture_output=True, text=True, timeout=3600,
            )
            wall = time.perf_counter() - began
            if done.returncode != 0:
                raise SystemExit(f"{name} failed: {done.stderr[-2000:]}")
            child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            load = first = None
            memory = f"{child_peak / 1024:.0f} (process)" if child_peak > before else "see round 1"
            if "--json" in args:
                summary = json.loads(done.stdout.strip().splitlines()[-1])
                load, first = summary["load_seconds"], summary["first_draft_seconds"]
                assert len(summary["processed"]) == n, summary
                memory = ", ".join(f"{w['peak_rss_mb']:.0f}" for w in summary["worker_memory"])
            measured[name].append((wall, load, first, memory))
    rows: list[list[str]] = []
    base_wall = min(m[0] for m in measured[runs[0][0]])
    for name, _ in runs:
        wall, load, first, memory = min(measured[name], key=lambda m: m[0])
        if name == runs[0][0]:
            memory = measured[name][0][3]
        steady = n * 3600 / (wall - load) if load is not None and wall > load else None
        rows.append(
            [
                name,
                f"{wall:.1f}",
                " / ".join(f"{m[0]:.1f}" for m in measured[name]),
                f"{load:.1f}" if load is not None else "–",
                f"{first:.1f}" if first is not None else "–",
                f"{n * 3600 / wall:.0f}",
                f"{steady:.0f}" if steady else "–",
                f"{base_wall / wall:.2f}x",
                memory,
            ]
        )
    header = ["command", "wall s (fastest)", "wall s (each round)", "models load s", "first draft s",
              "transcripts/h (end to end)", "transcripts/h (models loaded)", "vs `run`", "peak MiB per worker"]
    return table(header, rows)


# ------------------------------------------------------------------------------------- 3. embedding


def real_passages(limit: int) -> list[str]:
    from claimcheck.corpus import chunk_documents, load_corpus
    from claimcheck.embedding import load_embedder
    from claimcheck.settings import load_settings

    settings = load_settings()
    embedder = load_embedder(settings)
    docs = load_corpus(FB_TEXT, settings.max_document_bytes)
    passages = chunk_documents(docs, settings, embedder.count_tokens)
    texts = list(dict.fromkeys(p.text for p in passages))
    log(f"embedding: {len(docs)} 10-K texts, {len(texts)} distinct passages; using {min(limit, len(texts))}")
    return texts


def embedding(texts: list[str], limit: int, with_ray: bool) -> tuple[str, np.ndarray]:
    from claimcheck.embedding import load_embedder
    from claimcheck.index.dense import EMBED_STEP
    from claimcheck.settings import load_settings

    settings = load_settings()
    sample = texts[:limit]
    began = time.perf_counter()
    embedder = load_embedder(settings)
    load = time.perf_counter() - began
    began = time.perf_counter()
    single = np.concatenate([embedder.embed(sample[i : i + EMBED_STEP]) for i in range(0, len(sample), EMBED_STEP)])
    single_s = time.perf_counter() - began
    rows = [["one process", str(len(sample)), f"{load:.1f}", f"{single_s:.1f}", f"{len(sample) / single_s:.1f}", "–"]]
    if with_ray:
        from claimcheck.index.ray_embed import ray_embed_many

        began = time.perf_counter()
        on_ray = ray_embed_many(settings, "local", workers=2)(sample)
        ray_s = time.perf_counter() - began
        diff = float(np.abs(on_ray - single).max())
        rows.append(
            ["Ray Data, 2 actors (local; start and model loads included)", str(len(sample)), "in wall", f"{ray_s:.1f}",
             f"{len(sample) / ray_s:.1f}", f"{diff:.1e}"]
        )
    header = ["embedding", "passages", "model load s", "wall s", "passages/s", "max abs diff vs one process"]
    extra = texts[limit : limit + 200]
    queries = embedder.embed(extra) if extra else single[:200]
    return table(header, rows), np.concatenate([single, queries])


# ---------------------------------------------------------------------------------------- 4. ANN


def ann(vectors: np.ndarray, n_base: int, n: int) -> str:
    import faiss

    from claimcheck.embedding import normalise_rows
    from claimcheck.index.dense import make_ann_index, tune_ann
    from claimcheck.settings import Settings

    base, queries = vectors[:n_base], vectors[n_base:]
    rng = np.random.default_rng(0)
    tiles = []
    for r in range(-(-n // len(base))):
        noise = rng.normal(scale=0.03 if r else 0.0, size=base.shape).astype(np.float32)
        tiles.append(normalise_rows(base + noise))
    data = np.ascontiguousarray(np.concatenate(tiles)[:n])
    del tiles
    queries = normalise_rows(queries + rng.normal(scale=0.03, size=queries.shape).astype(np.float32))
    dim = data.shape[1]
    log(f"ann: {n} vectors ({len(base)} real, tiled), {len(queries)} queries")
    began = time.perf_counter()
    flat = faiss.IndexFlatIP(dim)
    flat.add(data)
    flat_build = time.perf_counter() - began
    began = time.perf_counter()
    _, truth = flat.search(queries, 10)
    flat_ms = (time.perf_counter() - began) * 1000 / len(queries)
    rows = [["exact (flat)", f"{flat_build:.1f}", "1.000", f"{flat_ms:.2f}", f"{data.nbytes / 2**20:.0f}"]]
    knobs = {"ivf-flat": ("nprobe", [32, 128]), "ivf-pq": ("nprobe", [32, 128]), "hnsw": ("efSearch", [64, 256])}
    for kind in ("ivf-flat", "ivf-pq", "hnsw"):
        name, values = knobs[kind]
        log(f"ann: building {kind}")
        began = time.perf_counter()
        index = make_ann_index(data, Settings(ann_kind=kind))
        build = time.perf_counter() - began
        size = len(faiss.serialize_index(index)) / 2**20
        for value in values:
            tune_ann(index, Settings(ivf_nprobe=value, hnsw_ef_search=value))
            began = time.perf_counter()
            _, found = index.search(queries, 10)
            ms = (time.perf_counter() - began) * 1000 / len(queries)
            recall = np.mean([len(set(f.tolist()) & set(t.tolist())) / 10 for f, t in zip(found, truth, strict=True)])
            rows.append([f"{kind} {name}={value}", f"{build:.1f}", f"{recall:.3f}", f"{ms:.2f}", f"{size:.0f}"])
        del index
    return table(["index", "build s", "recall@10", "ms/query (200 queries, batch)", "MiB"], rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--transcripts", type=int, default=4)
    parser.add_argument("--minutes", type=int, default=15)
    parser.add_argument("--passages", type=int, default=2000)
    parser.add_argument("--ann-n", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=2, help="rounds of the run/batch commands (fastest shown)")
    parser.add_argument("--skip", nargs="*", default=[], choices=["stages", "batch", "ray", "embedding", "ann"])
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "batch.md")
    args = parser.parse_args()
    with_ray = "ray" not in args.skip
    if with_ray:
        try:
            import ray  # noqa: F401
        except ImportError:
            log("ray is not installed: Ray rows skipped")
            with_ray = False
    WORK.mkdir(parents=True, exist_ok=True)
    index_dir = WORK / "index"
    if not (index_dir / "manifest.json").is_file():
        log("building the shipped corpus's index")
        subprocess.run([sys.executable, "-m", "claimcheck", "index", "build", str(REPO / "corpora"), "--index",
                        str(index_dir), "--quiet"], env=env(), check=True)
    inbox = WORK / "inbox"
    shutil.rmtree(inbox, ignore_errors=True)
    inbox.mkdir()
    words = 0
    for i in range(args.transcripts):
        path = inbox / f"talk-{i}.txt"
        words = one_hour_transcript(path, args.minutes)  # whole copies of the 9.5-minute sample
        text = path.read_text(encoding="utf-8").replace("slug: sample-meta-open-source", f"slug: bench-talk-{i}", 1)
        path.write_text(text, encoding="utf-8")
        os.utime(path, (time.time() - 60, time.time() - 60))
    sections = [
        f"# Batch benchmark\n\nMachine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start "
        f"(other work on the machine slows every row alike); `{' '.join(sys.argv[1:]) or 'defaults'}`."
    ]
    if "stages" not in args.skip:
        one = WORK / "one-hour.txt"
        one_hour_transcript(one, 60)
        log("stages of a one-hour transcript")
        sections.append("## One-hour transcript, stage by stage (index warm)\n\n" + stages(one, index_dir, 60))
    if "batch" not in args.skip:
        sections.append(
            f"## {args.transcripts} transcripts of {words:,} words (~{words / 150:.0f} min at 150 words a minute): "
            "`run` vs `batch`\n\n"
            + batch_rows(inbox, index_dir, args.transcripts, with_ray, args.repeat)
        )
    if FB_TEXT.is_dir() and not {"embedding", "ann"} <= set(args.skip):
        texts = real_passages(args.passages)
        text, vectors = embedding(texts, args.passages, with_ray and "embedding" not in args.skip)
        if "embedding" not in args.skip:
            sections.append("## Corpus embedding: one process vs Ray Data\n\n" + text)
        if "ann" not in args.skip:
            n_base = min(args.passages, len(texts))
            sections.append(
                f"## Approximate index at {args.ann_n:,} vectors tiled from {n_base} real 10-K passages\n\n"
                + ann(vectors, n_base, args.ann_n)
            )
    elif not FB_TEXT.is_dir():
        sections.append("(../shared is absent: the embedding and approximate-index sections were skipped.)")
    sections.append(f"Load average at the end: {os.getloadavg()[0]:.1f}.")
    report = "\n\n".join(sections) + "\n"
    print(report)
    atomic_write_text(args.out, report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
