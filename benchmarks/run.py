"""Run every benchmark, one after another, and print their tables (results also land in benchmarks/results/).

    python benchmarks/run.py                 # all
    python benchmarks/run.py pipeline claims # some, by name (ORDER below)

They read ../shared/data (each skips what is absent) and take from minutes (pipeline) to an hour or more
(retrieval embeds 16 full 10-Ks on first run; the index is then cached under .bench/). Never run in CI.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = [
    "pipeline",
    "claims",
    "verifier",
    "verdicts",
    "retrieval",
    "real",
    "realdocs",
    "subjects",
    "scaling",
    "fuzz",
    "review",
    "corpus",
    "batch",
]


def main() -> int:
    wanted = sys.argv[1:] or ORDER
    unknown = [w for w in wanted if w not in ORDER]
    if unknown:
        print(f"unknown benchmark {unknown[0]!r}; choose from {', '.join(ORDER)}", file=sys.stderr)
        return 2
    failed = 0
    for name in wanted:
        script = HERE / f"bench_{name}.py"
        print(f"\n# {name}\n", flush=True)
        out = {"review": "review.md", "corpus": "corpus.md", "subjects": "subjects.md"}
        args = ["--out", str(HERE / "results" / out[name])] if name in out else []
        failed += subprocess.call([sys.executable, str(script), *args]) != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
