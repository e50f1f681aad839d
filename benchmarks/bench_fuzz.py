"""The long fuzz and fault run: thousands of generated inputs through the CLI, kills at random points, and
concurrent writers; a table of how each case ended.

    python benchmarks/bench_fuzz.py [--examples 10000] [--kills 40] [--rounds 5] [--seed N]
                                    [--targets NAME ...] [--out benchmarks/results/fuzz.md]

The inputs are the targets of tests/fuzzing.py (the CI suite, tests/test_fuzz.py, runs each a few dozen
times, derandomized); here `--examples` are shared among them by weight and drawn with a random seed
(printed, so a run can be repeated with `--seed`). Every case ends in success, a clean error, a traceback,
an unclear error (non-zero exit without an `Error:` line), wrong output (exit 0 that breaks an invariant
or differs from the undamaged files), or a hang. Each distinct failure is printed with its first example.

The faults are those of tests/faults.py: `--kills` kill -9s at random points of `run`, `index build`,
`index add` and `publish` (each checked as the CI suite checks its few), and `--rounds` rounds of two
concurrent `index add`s and of two editors deciding 200 times each on one store.

Needs no ../shared data. 10,000 examples and 40 kills take 3 to 5 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402

from claimcheck.fsutil import atomic_write_text  # noqa: E402
from claimcheck.offline import enable_offline  # noqa: E402
from tests import faults  # noqa: E402
from tests.fuzzing import TARGETS, CaseResult, FuzzTarget, Outcome, World, build_world  # noqa: E402

COLUMNS = (
    Outcome.SUCCESS,
    Outcome.CLEAN_ERROR,
    Outcome.TRACEBACK,
    Outcome.UNCLEAR,
    Outcome.WRONG,
    Outcome.HANG,
)


class Tally:
    """Outcomes per target, and the first example of each distinct failure."""

    def __init__(self) -> None:
        self.counts: dict[str, Counter[Outcome]] = defaultdict(Counter)
        self.seconds: Counter[str] = Counter()
        self.failures: dict[tuple[str, str], tuple[int, CaseResult, str]] = {}

    def add(self, target: str, result: CaseResult, case: str, seconds: float) -> None:
        self.counts[target][result.outcome] += 1
        self.seconds[target] += seconds
        if result.acceptable:
            return
        key = (target, _signature(result))
        count, first, example = self.failures.get(key, (0, result, case))
        self.failures[key] = (count + 1, first, example)

    def total(self, outcome: Outcome | None = None) -> int:
        return sum(c[outcome] if outcome else sum(c.values()) for c in self.counts.values())


def _signature(result: CaseResult) -> str:
    """What tells one failure from another: the outcome, the step and the last line of the detail."""
    last = [line for line in result.detail.strip().splitlines() if line.strip()][-1:] or [""]
    return f"{result.outcome.value} in `{result.step}`: {last[0][:160]}"


def fuzz_target(world: World, target: FuzzTarget, examples: int, rng_seed: int, tally: Tally) -> None:
    @seed(rng_seed)
    @settings(
        max_examples=examples,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=target.strategy)
    def run(case: Any) -> None:
        started = time.perf_counter()
        result = target.run(world, case)
        tally.add(target.name, result, repr(case)[:1500], time.perf_counter() - started)

    run()


def fault_rows(kills: int, rounds: int, rng: random.Random, root: Path) -> list[tuple[str, int, int, str]]:
    """(fault, times tried, problems found, the first problem) for each kind of fault: `kills` kill -9s
    shared by the four commands, and `rounds` rounds of each concurrency check."""
    rows: list[tuple[str, int, int, str]] = []
    each = max(1, kills // len(faults.KILLS)) if kills else 0
    for name, check in faults.KILLS.items():
        if each:
            started = time.perf_counter()
            problems = check(root / f"kill-{name.replace(' ', '-')}", rng, kills=each)
            print(
                f"  kill -9 during `{name}`: {each} kills, {len(problems)} problems ({time.perf_counter() - started:.0f} s)",
                flush=True,
            )
            rows.append((f"kill -9 during `{name}`", each, len(problems), problems[0] if problems else ""))
    concurrent: list[tuple[str, Callable[[Path, random.Random], list[str]]]] = [
        ("two concurrent `index add`s", faults.concurrent_index_adds),
        ("two editors × 200 decisions", faults.concurrent_editors),
    ]
    for name, check in concurrent if rounds else []:
        found: list[str] = []
        for n in range(rounds):
            found += check(root / f"{name.split()[1]}-{n}", rng)
        print(f"  {name}: {rounds} rounds, {len(found)} problems", flush=True)
        rows.append((name, rounds, len(found), found[0] if found else ""))
    return rows


def report(tally: Tally, faults_table: list[tuple[str, int, int, str]], rng_seed: int, minutes: float) -> str:
    lines = [
        f"Generated inputs: {tally.total():,} (seed {rng_seed}), "
        f"tracebacks: {tally.total(Outcome.TRACEBACK)}, wrong output: {tally.total(Outcome.WRONG)}, "
        f"unclear errors: {tally.total(Outcome.UNCLEAR)}, hangs: {tally.total(Outcome.HANG)}. "
        f"{minutes:.0f} minutes on this machine.",
        "",
        "| target | cases | " + " | ".join(c.value for c in COLUMNS) + " | ms/case |",
        "|---|---:|" + "---:|" * (len(COLUMNS) + 1),
    ]
    for target in TARGETS:
        counts = tally.counts.get(target.name)
        if not counts:
            continue
        n = sum(counts.values())
        cells = " | ".join(str(counts[c]) for c in COLUMNS)
        lines.append(f"| {target.name} | {n} | {cells} | {1000 * tally.seconds[target.name] / n:.0f} |")
    total = " | ".join(str(tally.total(c)) for c in COLUMNS)
    lines.append(f"| **all** | **{tally.total()}** | {total} | |")
    if faults_table:
        lines += ["", "| fault | tried | problems | first problem |", "|---|---:|---:|---|"]
        lines += [
            f"| {name} | {tried} | {found} | {first or '-'} |" for name, tried, found, first in faults_table
        ]
    if tally.failures:
        lines += ["", "Distinct failures (count, first example):", ""]
        for (target, signature), (count, first, example) in sorted(tally.failures.items()):
            known = f" — known bug `{first.known_bug}`" if first.known_bug else ""
            lines.append(f"- {target}: {signature} ×{count}{known}")
            lines.append(f"  - example: `{example[:600]}`")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--examples", type=int, default=10_000, help="generated inputs in all")
    parser.add_argument("--kills", type=int, default=40, help="kill -9s in all (shared by the four commands)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of each concurrency check")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--targets", nargs="*", default=None, help="names of targets to fuzz (default: all)")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "fuzz.md")
    args = parser.parse_args()
    enable_offline()
    rng_seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    rng = random.Random(rng_seed)
    targets = [t for t in TARGETS if args.targets is None or t.name in args.targets]
    weight = sum(t.ci_examples for t in targets)
    started = time.perf_counter()
    tally = Tally()
    with tempfile.TemporaryDirectory(prefix="bench-fuzz-") as tmp:
        world = build_world(Path(tmp) / "world")
        print(f"seed {rng_seed}; world built in {time.perf_counter() - started:.0f} s", flush=True)
        for target in targets:
            share = max(1, round(args.examples * target.ci_examples / weight))
            t0 = time.perf_counter()
            fuzz_target(world, target, share, rng.randrange(2**32), tally)
            counts = tally.counts[target.name]
            shown = ", ".join(f"{c.value} {counts[c]}" for c in COLUMNS if counts[c])
            print(
                f"  {target.name}: {sum(counts.values())} cases in {time.perf_counter() - t0:.0f} s ({shown})",
                flush=True,
            )
        faults_table = (
            fault_rows(args.kills, args.rounds, rng, Path(tmp) / "faults")
            if args.kills or args.rounds
            else []
        )
    text = report(tally, faults_table, rng_seed, (time.perf_counter() - started) / 60)
    print()
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        command = "python benchmarks/bench_fuzz.py " + " ".join(sys.argv[1:])
        day = time.strftime("%Y-%m-%d")
        atomic_write_text(args.out, f"# Fuzz and fault run\n\n`{command.strip()}`, {day}\n\n{text}")
        print(f"written to {args.out}")
    failed = tally.total() - tally.total(Outcome.SUCCESS) - tally.total(Outcome.CLEAN_ERROR)
    return 1 if failed or any(found for _, _, found, _ in faults_table) else 0


if __name__ == "__main__":
    raise SystemExit(main())
