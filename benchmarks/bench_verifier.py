"""Benchmark the shipped verifier: quality tables (with baselines) and speed.

    python benchmarks/bench_verifier.py [--data-dir ../shared/data] [--pairs 512] [--no-table]
                                        [--out benchmarks/results/verifier.md]

Prints the evaluation tables of `claimcheck.training.verifier` (the shipped int8 ONNX file against the
cosine-similarity and numbers-only baselines, 95 % bootstrap CIs, paired differences, the numeric slice),
then load time, pairs per second on `--threads` cores, size on disk and peak resident memory, and writes
them all to `--out`.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

from claimcheck.fsutil import atomic_write_text
from claimcheck.offline import enable_offline
from claimcheck.training.verifier import evaluate, format_evaluation
from claimcheck.training.verifier_data import Split, build_dataset
from claimcheck.verify.stance import DEFAULT_MODEL_DIR, MODEL_FILE, OnnxVerifier

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "benchmarks" / "results" / "verifier.md"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--model-dir", type=Path, default=DEFAULT_MODEL_DIR)
    parser.add_argument("--pairs", type=int, default=512, help="pairs scored for the speed figure")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--no-table", action="store_true", help="speed only")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="markdown report ('-' for none)")
    args = parser.parse_args()
    enable_offline()
    started = time.perf_counter()

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

    sections: list[str] = []
    manifest = json.loads((args.model_dir / "manifest.json").read_text(encoding="utf-8"))
    trained = manifest["trained_pairs"]
    sections.append(
        f"# Verifier (`{args.model_dir.name}/{MODEL_FILE}`, sha256 `{manifest['model_sha256'][:12]}…`)\n\n"
        f"Trained on {trained['count']} pair presentations of {trained.get('distinct', trained['count'])} "
        f"distinct training pairs in {manifest['training_wall_seconds'] / 60:.1f} minutes on "
        f"{manifest['recipe']['threads']} CPU threads; reproduce with `{manifest.get('reproduce', '')}`."
    )
    if not args.no_table:
        ev = evaluate(dataset, args.model_dir, dataset.seed, None, lambda msg: print(msg, flush=True))
        sections.append(
            "## Quality (test sets; 95 % bootstrap CIs, 1000 resamples)\n\n" + format_evaluation(ev)
        )
    sections.append(
        "## Speed\n\n"
        "| measure | value |\n|---|---|\n"
        f"| model load (session + tokenizer) | {load_s:.2f} s |\n"
        f"| speed ({len(pairs)} test pairs, {args.threads} threads) | {len(pairs) / score_s:.1f} pairs/s |\n"
        f"| size on disk ({MODEL_FILE}) | {size / 1e6:.1f} MB |\n"
        f"| peak RSS after scoring | {rss_mb:.0f} MB |"
    )
    sections.append(
        f"Wall time {time.perf_counter() - started:.0f} s on this machine (CPU shared with other jobs)."
    )
    report = "\n\n".join(sections) + "\n"
    print(report)
    if str(args.out) != "-":
        atomic_write_text(args.out, report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
