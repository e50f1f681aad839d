"""How fast is the review app on a big breakdown, and what does the same work cost through the CLI?

    PYTHONPATH=. python benchmarks/bench_review.py [--claims 300] [--repeat 15] [--out benchmarks/results/review.md]

A breakdown of N claims (default 300, two evidence quotes each, cut from the test corpus) is drafted into a
temporary output folder and registered in a review store, as `run` does, without loading a model. The app
runs in-process under Flask's test client (the WSGI app waitress serves, without the socket), warm: each
figure is the median of `--repeat` requests after one untimed one.

- render: `GET /b/<slug>`, the claim list of the whole breakdown (target: under 300 ms);
- claim page: `GET /b/<slug>/c/<id>`, one claim with its draft, evidence and audit trail;
- decision round trip: `POST /api/claims/<slug>/<id>/decision` saving a note against the current version,
  answered with the new version (target: under 100 ms);

beside the CLI doing the same (`review list`, `review show`, `review approve` then `review reopen`), each a
fresh `python -m claimcheck` process as an editor runs it (median of 3).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from claimcheck.fsutil import atomic_write_text  # noqa: E402
from claimcheck.review.app.factory import create_app  # noqa: E402
from tests.review_app_fixtures import SLUG, app_settings, csrf_of, fake_checker, make_out  # noqa: E402

RENDER_TARGET_MS = 300.0
DECISION_TARGET_MS = 100.0
CLI_RUNS = 3


def median_ms(action: Callable[[], object], repeat: int) -> float:
    action()  # warm: templates compiled, the draft parsed and cached
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def cli_ms(*args: str) -> float:
    times = []
    for _ in range(CLI_RUNS):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "claimcheck", *args], capture_output=True, text=True, cwd=REPO, check=False
        )
        times.append((time.perf_counter() - start) * 1000)
        if done.returncode != 0:
            raise SystemExit(f"claimcheck {' '.join(args)} failed: {done.stderr.strip()}")
    return statistics.median(times)


def run(claims: int, repeat: int) -> str:
    root = Path(tempfile.mkdtemp(prefix="bench-review-"))
    out, breakdown = make_out(root, claims=claims)
    settings = app_settings(out)
    app = create_app(settings, require_login=False, checker=fake_checker(settings), secret_key="bench")
    client = app.test_client()
    csrf = csrf_of(client.get("/name").text)
    client.post("/name", data={"name": "Bench", "csrf_token": csrf})
    middle = breakdown.verdicts[claims // 2].claim.id
    ref = f"{SLUG}/{middle}"

    def render() -> None:
        response = client.get(f"/b/{SLUG}")
        assert response.status_code == 200 and response.text.count('class="claim-row') == claims

    def claim_page() -> None:
        assert client.get(f"/b/{SLUG}/c/{middle}").status_code == 200

    version = [0]

    def decision() -> None:
        body = {"action": "save", "note": f"checked {version[0]}", "version": version[0]}
        response = client.post(f"/api/claims/{ref}/decision", json=body, headers={"X-CSRF-Token": csrf})
        assert response.status_code == 200, response.text
        version[0] = response.get_json()["version"]

    render_ms = median_ms(render, repeat)
    claim_ms = median_ms(claim_page, repeat)
    decision_ms = median_ms(decision, repeat)
    cli_list = cli_ms("review", "list", "--transcript", SLUG, "--out", str(out))
    cli_show = cli_ms("review", "show", ref, "--out", str(out))
    other = breakdown.verdicts[claims // 3].claim.id
    cli_decide = statistics.median(
        cli_ms("review", verb, f"{SLUG}/{other}", "--editor", "Bench", "--out", str(out))
        for verb in ("approve", "reopen")
    )

    def verdict(ms: float, target: float | None) -> str:
        return "" if target is None else ("yes" if ms < target else "**no**")

    rows = [
        ("render the claim list", render_ms, RENDER_TARGET_MS, "review list", cli_list),
        ("one claim's page", claim_ms, None, "review show", cli_show),
        ("decision round trip", decision_ms, DECISION_TARGET_MS, "review approve / reopen", cli_decide),
    ]
    lines = [
        f"Breakdown of {claims} claims; app: median of {repeat} warm requests; CLI: median of {CLI_RUNS} "
        "fresh processes.",
        "",
        "| what | app (ms) | target (ms) | under target | CLI command | CLI (ms) |",
        "|---|---:|---:|---|---|---:|",
    ]
    for what, ms, target, command, cli in rows:
        shown_target = f"{target:.0f}" if target is not None else "–"
        lines.append(
            f"| {what} | {ms:.1f} | {shown_target} | {verdict(ms, target)} | `{command}` | {cli:.0f} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--claims", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--out", type=Path, default=None, help="Also write the table to this markdown file.")
    args = parser.parse_args()
    table = run(args.claims, args.repeat)
    print(table, end="")
    if args.out is not None:
        atomic_write_text(args.out, table)


if __name__ == "__main__":
    main()
