"""Benchmark the shipped verifier: quality table (with baselines) and speed.

    python benchmarks/bench_verifier.py [--data-dir ../shared/data] [--pairs 512] [--no-table]

Prints the evaluation table of `claimcheck.train_verifier` (the shipped int8 ONNX file against the
cosine-similarity and numbers-only baselines, 95 % bootstrap CIs), then load time, pairs per second on
`--threads` cores, size on disk and peak resident memory.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from pathlib import Path

from claimcheck.train_verifier import evaluate, format_table
from claimcheck.verifier_data import Split, build_dataset
from claimcheck.verify.stance import DEFAULT_MODEL_DIR, MODEL_FILE, OnnxVerifier

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--model-dir", type=Path, default=DEFAULT_MODEL_DIR)
    parser.add_argument("--pairs", type=int, default=512, help="pairs scored for the speed figure")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--no-table", action="store_true", help="speed only")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

    dataset = build_dataset(args.data_dir)
    t0 = time.perf_counter()
    verifier = OnnxVerifier(args.model_dir, threads=args.threads)
    load_s = time.perf_counter() - t0
    test = dataset.split(Split.TEST, source="synthetic-10k") + dataset.split(Split.TEST, source="healthver")
    pairs = [(p.premise, p.hypothesis) for p in test[: args.pairs]]
    verifier.score(pairs[:8])  # warm-up
    t0 = time.perf_counter()
    verifier.score(pairs)
    score_s = time.perf_counter() - t0
    size = (args.model_dir / MODEL_FILE).stat().st_size
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    if not args.no_table:
        rows, _ = evaluate(dataset, args.model_dir, dataset.seed, None, lambda msg: print(msg, flush=True))
        print(format_table(rows))
        print()
    print("| measure | value |")
    print("|---|---|")
    print(f"| model load (session + tokenizer) | {load_s:.2f} s |")
    print(f"| speed ({len(pairs)} test pairs, {args.threads} threads) | {len(pairs) / score_s:.1f} pairs/s |")
    print(f"| size on disk ({MODEL_FILE}) | {size / 1e6:.1f} MB |")
    print(f"| peak RSS after scoring | {rss_mb:.0f} MB |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
