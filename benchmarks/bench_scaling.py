"""Do reading and claim extraction scale linearly? 1, 10 and 100 hours of talk, timed against 1 hour.

    python benchmarks/bench_scaling.py [--hours 1 10 100] [--out benchmarks/results/scaling.md]

Each long transcript repeats the shipped sample (`samples/zuck-open-source-ep.txt`, 9 min 30 s of two
people talking) every ten minutes of timecode: six copies an hour. Every sentence of every copy after the
first carries a tag of letters ("(take bcd)"), so no sentence equals another and the duplicate-claim merge
cannot shrink the work. Each size runs in its own process, so its peak resident memory is its own: the
models are loaded first (not timed), then `read_transcript` and `extract_claims` are timed. The table gives
seconds, seconds per hour of talk and each time's ratio to the 1-hour run; linear work keeps seconds per
hour flat and the ratio equal to the hours.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

from claimcheck.fsutil import atomic_write_text

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "samples" / "zuck-open-source-ep.txt"
WORK = REPO / ".bench" / "scaling"

COPIES_PER_HOUR = 6  # the sample lasts 9 min 30 s; one copy every ten minutes of timecode
COPY_SECONDS = 600
_TC = re.compile(r"^(\d\d):(\d\d):(\d\d):(\d\d) - (\d\d):(\d\d):(\d\d):(\d\d)$")
# A sentence ends at ".", "?" or "!" after a non-space and before a space or the end of the line; a decimal
# point ("134.9") is followed by a digit and is left alone.
_SENTENCE_END = re.compile(r"(?<=\S)([.?!])(?=\s|$)")


def shift_timecodes(line: str, offset_s: int) -> str:
    """A `HH:MM:SS:FF - HH:MM:SS:FF` line moved `offset_s` seconds later; any other line unchanged."""
    m = _TC.match(line)
    if not m:
        return line
    parts = [int(x) for x in m.groups()]

    def fmt(h: int, mi: int, s: int, f: int) -> str:
        total = h * 3600 + mi * 60 + s + offset_s
        return f"{total // 3600:02d}:{total % 3600 // 60:02d}:{total % 60:02d}:{f:02d}"

    return f"{fmt(*parts[:4])} - {fmt(*parts[4:])}"


def copy_tag(k: int) -> str:
    """The k-th copy's tag, in letters so that it adds no figure: 12 -> "bc"."""
    return "".join(chr(ord("a") + int(d)) for d in str(k))


def long_transcript(hours: int) -> str:
    """The sample repeated for `hours` hours of timecode, every sentence of each later copy tagged."""
    return repeated_sample(hours * COPIES_PER_HOUR)


def repeated_sample(copies: int, *, turns: int | None = None, first: int = 0) -> str:
    """The sample's text (its first `turns` turns, or all) `copies` times, ten minutes of timecode apart,
    every sentence of each copy tagged with the copy's letters; the copies are numbered from `first`, and
    copy 0 is the sample as it is."""
    text = SAMPLE.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    lines = body.strip("\n").splitlines()
    if turns is not None:
        starts = [i for i, line in enumerate(lines) if _TC.match(line)]
        lines = lines[: starts[turns]] if turns < len(starts) else lines
    if (copies * COPY_SECONDS - 1) // 3600 > 99:  # the last copy must end before the 100th hour
        raise ValueError("the frame timecodes of this format stop at 99 hours")
    out: list[str] = []
    for k in range(first, first + copies):
        previous = ""
        for line in lines:
            is_speaker = bool(_TC.match(previous))  # the line after a timecode names the speaker
            if _TC.match(line):
                out.append(shift_timecodes(line, (k - first) * COPY_SECONDS))
            elif k and line.strip() and not is_speaker:
                out.append(_SENTENCE_END.sub(rf" (take {copy_tag(k)})\1", line))
            else:
                out.append(line)
            previous = line
    return head + "\n---\n\n" + "\n".join(out) + "\n"


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(hours: int) -> dict[str, float]:
    """Time reading and claim extraction of an `hours`-hour transcript in this process."""
    from claimcheck import extract_claims, load_settings, read_transcript
    from claimcheck.claims import load_nlp
    from claimcheck.claims.checkworthiness import load_checkworthiness_model

    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / f"{hours}h.txt"
    path.write_text(long_transcript(hours), encoding="utf-8")
    settings = load_settings(out_dir=WORK)
    nlp = load_nlp()
    model = load_checkworthiness_model()
    loaded_mb = peak_rss_mb()

    t0, c0 = time.perf_counter(), time.process_time()
    transcript = read_transcript(path, settings)
    read_s, read_cpu = time.perf_counter() - t0, time.process_time() - c0
    t0, c0 = time.perf_counter(), time.process_time()
    claims = extract_claims(transcript, nlp, settings, include_all=True, model=model)
    claims_s, claims_cpu = time.perf_counter() - t0, time.process_time() - c0
    return {
        "hours": hours,
        "bytes": path.stat().st_size,
        "words": sum(len(u.text.split()) for u in transcript.utterances),
        "utterances": len(transcript.utterances),
        "clauses": len(claims),
        "claims": sum(1 for c in claims if c.is_claim),
        "read_s": read_s,
        "read_cpu": read_cpu,
        "claims_s": claims_s,
        "claims_cpu": claims_cpu,
        "loaded_mb": loaded_mb,
        "peak_mb": peak_rss_mb(),
    }


def table(rows: list[dict[str, float]]) -> str:
    """The markdown table: wall and CPU seconds, CPU seconds per hour of talk, the CPU ratio to the first
    (1-hour) row, peak memory."""
    base = rows[0]
    lines = [
        "| hours | words | clauses | read s (CPU s) | read CPU s/h | read × 1 h "
        "| claims s (CPU s) | claims CPU s/h | claims × 1 h | peak RSS MB (models loaded) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        h = r["hours"]
        lines.append(
            f"| {h:g} | {r['words']:,.0f} | {r['clauses']:,.0f} "
            f"| {r['read_s']:.2f} ({r['read_cpu']:.2f}) | {r['read_cpu'] / h:.3f} "
            f"| {r['read_cpu'] / base['read_cpu']:.1f} "
            f"| {r['claims_s']:,.1f} ({r['claims_cpu']:,.1f}) | {r['claims_cpu'] / h:.2f} "
            f"| {r['claims_cpu'] / base['claims_cpu']:.1f} | {r['peak_mb']:,.0f} ({r['loaded_mb']:,.0f}) |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hours", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "scaling.md")
    parser.add_argument("--case", type=int, default=None, help=argparse.SUPPRESS)  # one size, in this process
    args = parser.parse_args()
    if args.case is not None:
        print(json.dumps(measure(args.case)))
        return 0
    rows: list[dict[str, float]] = []
    for hours in args.hours:
        done = subprocess.run(
            [sys.executable, __file__, "--case", str(hours)], stdout=subprocess.PIPE, text=True, check=True
        )
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(f"{hours} h: {json.dumps(rows[-1])}", flush=True)
    report = "\n".join(
        [
            f"Reading and claim extraction (`extract_claims`, every clause) of the sample repeated "
            f"{COPIES_PER_HOUR} times an hour, each size in its own process. Seconds are wall-clock, CPU "
            f"seconds this process's (other jobs shared the 2 cores); × 1 h is the ratio of CPU seconds to "
            f"the {rows[0]['hours']:g}-hour run of the same invocation, so linear work gives the hours.",
            "",
            table(rows),
        ]
    )
    print(report)
    atomic_write_text(args.out, report + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
