"""End-to-end speed of `claimcheck run` on a one-hour interview, on this machine's CPU.

    python benchmarks/bench_pipeline.py [--minutes 60] [--out benchmarks/results/pipeline.md]

The one-hour transcript is built from the shipped sample (`samples/zuck-open-source-ep.txt`): its turns are
repeated with shifted timecodes and a counter woven into each repeat so that no two sentences are equal
(de-duplication would otherwise collapse them). Baseline, in the same run: the same retrieval and verdict
stages applied to every sentence (no check-worthiness filter), which is what a system without the claims
stage would do.
"""

from __future__ import annotations

import argparse
import re
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.bench_scaling import shift_timecodes  # noqa: E402
from claimcheck import Engine, extract_claims, judge_all, load_settings, read_transcript, retrieve  # noqa: E402
from claimcheck.fsutil import atomic_write_text  # noqa: E402

SAMPLE = REPO / "samples" / "zuck-open-source-ep.txt"
_TC = re.compile(r"^(\d\d):(\d\d):(\d\d):(\d\d) - (\d\d):(\d\d):(\d\d):(\d\d)$")


def one_hour_transcript(target: Path, minutes: int) -> int:
    """Write a transcript of about `minutes` minutes (150 spoken words a minute); return its word count."""
    text = SAMPLE.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    lines = body.strip("\n").splitlines()
    words_per_copy = sum(len(x.split()) for x in lines if not _TC.match(x))
    copies = max(1, round(minutes * 150 / words_per_copy))
    out: list[str] = []
    for k in range(copies):
        tag = "".join(chr(ord("a") + int(d)) for d in str(k))  # letters, so no figure is added
        previous = ""
        for line in lines:
            shifted = shift_timecodes(line, k * 600)
            is_text = not _TC.match(line) and not _TC.match(previous) and line.strip()
            if k and is_text and "." in line:
                shifted = line.replace(".", f" (take {tag}).", 1)
            out.append(shifted)
            previous = line
    target.write_text(head + "\n---\n\n" + "\n".join(out) + "\n", encoding="utf-8")
    return copies * words_per_copy


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=int, default=60)
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "pipeline.md")
    args = parser.parse_args()
    work = REPO / ".bench" / "pipeline"
    work.mkdir(parents=True, exist_ok=True)
    transcript_path = work / "one-hour.txt"
    words = one_hour_transcript(transcript_path, args.minutes)
    settings = load_settings(out_dir=work)

    t0 = time.perf_counter()
    engine = Engine.load(settings)
    load_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    transcript = read_transcript(transcript_path, settings)
    read_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    every = extract_claims(transcript, engine.nlp, settings, include_all=True)
    segment_s = time.perf_counter() - t0
    claims = [c for c in every if c.is_claim]

    def judged(items: list) -> tuple[float, float]:  # type: ignore[type-arg]
        start = time.perf_counter()
        evidence = retrieve(items, engine.index, settings)
        mid = time.perf_counter()
        judge_all(evidence, settings, engine.verifier)
        return mid - start, time.perf_counter() - mid

    retrieve_s, judge_s = judged(claims)
    base_retrieve_s, base_judge_s = judged(every)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    ours = read_s + segment_s + retrieve_s + judge_s
    base = read_s + segment_s + base_retrieve_s + base_judge_s
    rows = [
        "| run | sentences judged | read s | segment s | retrieve s | judge s | total s | claims/s | vs baseline |",
        "|---|---|---|---|---|---|---|---|---|",
        f"| claimcheck (claims only) | {len(claims)} | {read_s:.2f} | {segment_s:.2f} | {retrieve_s:.2f} | "
        f"{judge_s:.2f} | {ours:.2f} | {len(claims) / ours:.1f} | {base / ours:.2f}x faster |",
        f"| baseline (every sentence) | {len(every)} | {read_s:.2f} | {segment_s:.2f} | {base_retrieve_s:.2f} | "
        f"{base_judge_s:.2f} | {base:.2f} | {len(every) / base:.1f} | 1.00x |",
    ]
    report = "\n".join(
        [
            f"Transcript: {words:,} words (~{args.minutes} min), {len(every)} sentences, {len(claims)} claims. "
            f"Model + index load: {load_s:.1f} s (index cached). Peak RSS: {peak_mb:.0f} MB.",
            "",
            *rows,
        ]
    )
    print(report)
    atomic_write_text(args.out, report + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
