"""Verdicts against the real documents: the Llama model cards as Meta publishes them, 10-K texts, FACTS.md.

    python benchmarks/bench_realdocs.py                      # this checkout's code
    python benchmarks/bench_realdocs.py --base main          # ... and the code of another commit, side by side

Saves the table and the per-claim labels to benchmarks/results/realdocs.md (`--out`).

The corpus is a folder under .bench/realdocs/corpus (git-ignored) of hard links to (else copies of) the files
in ../shared/data: every Llama model card file (LICENSE files included, which the loader must skip), six of
the FinanceBench 10-K texts and the Meta 10-K fact sheet. Each claim of benchmarks/data/realdocs_claims.jsonl names the document
and the exact quote that settles it, and the figure that quote gives. `claimcheck verify --corpus` drafts a
verdict for each claim with each version of the code (a `git archive` of --base under .bench/realdocs/code-*),
and the script prints, per split (dev/test, by a hash of the id), accuracy, macro-F1 over the gold labels
(real, hype, partially true; an Unverified draft counts against its gold label) and how many drafts were settled
by evidence about another subject (no cited quote gives the claim's true figure: another model, size, year
or row). Indexes are cached per version under .bench/realdocs/out-*.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.bench_real import place_copy  # noqa: E402
from claimcheck.fsutil import atomic_write_text  # noqa: E402
from claimcheck.quantities import figures, relative_difference  # noqa: E402

SHARED = REPO.parent / "shared" / "data"
CLAIMS = REPO / "benchmarks" / "data" / "realdocs_claims.jsonl"
RESULTS = REPO / "benchmarks" / "results" / "realdocs.md"
WORK = REPO / ".bench" / "realdocs"
GOLD_LABELS = ("real", "hype", "partially_true")
# Two figures within 0.5% are the same figure written two ways ("94,943" in millions and "$94.9 billion").
SAME_FIGURE = 0.005
# Six filings whose statements of income put one figure per line under year headers (pdftotext), enough
# for revenue and net income claims by year and for wrong-year traps; the other ten only slow indexing.
FILINGS = (
    "3M_2018_10K.txt",
    "ACTIVISIONBLIZZARD_2019_10K.txt",
    "AMAZON_2017_10K.txt",
    "BOEING_2022_10K.txt",
    "JOHNSON_JOHNSON_2022_10K.txt",
    "VERIZON_2022_10K.txt",
)


@dataclass(frozen=True)
class Gold:
    id: str
    text: str
    label: str
    doc: str
    quote: str
    figure: str
    split: str


@dataclass(frozen=True)
class Draft:
    label: str
    cited: list[tuple[str, str]]  # (doc_id, quote)


def load_gold(path: Path = CLAIMS) -> list[Gold]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Gold(r["id"], r["text"], r["label"], r["doc"], r["quote"], r["figure"], r["split"]) for r in rows]


def shared_path(doc: str) -> Path:
    """Where a corpus document (as the claims file names it) lives in ../shared/data."""
    top, _, rest = doc.partition("/")
    if top == "llama-model-cards":
        return SHARED / "llama-model-cards" / "models" / rest
    if top == "financebench-10k":
        return SHARED / "financebench-10k" / "derived_10k_text" / rest
    return SHARED / doc


def build_corpus(dest: Path) -> Path:
    """The real documents (hard links, else copies), laid out as the claims file names them."""
    links: dict[Path, Path] = {}
    for card_dir in sorted((SHARED / "llama-model-cards" / "models").iterdir()):
        for file in sorted(card_dir.iterdir()):
            links[dest / "llama-model-cards" / card_dir.name / file.name] = file
    for name in FILINGS:
        links[dest / "financebench-10k" / name] = SHARED / "financebench-10k" / "derived_10k_text" / name
    for name in ("FACTS.md", "SOURCE.txt"):
        links[dest / "meta-10k-facts" / name] = SHARED / "meta-10k-facts" / name
    for link, target in links.items():
        link.parent.mkdir(parents=True, exist_ok=True)
        place_copy(target, link)
    return dest


def code_of(ref: str | None) -> Path:
    """The folder whose `claimcheck/` package runs: this checkout, or an archive of `ref`."""
    if ref is None:
        return REPO
    sha = subprocess.run(
        ["git", "rev-parse", ref], cwd=REPO, check=True, capture_output=True, text=True
    ).stdout.strip()
    dest = WORK / f"code-{sha[:12]}"
    if not (dest / "claimcheck").is_dir():
        dest.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile() as archive:
            subprocess.run(["git", "archive", sha, "claimcheck"], cwd=REPO, check=True, stdout=archive)
            archive.seek(0)
            with tarfile.open(fileobj=archive) as tar:
                tar.extractall(dest, filter="data")
    return dest


def run_verify(code: Path, tag: str, corpus: Path) -> dict[str, Draft]:
    out = WORK / f"out-{tag}"
    out.mkdir(parents=True, exist_ok=True)
    config = out / "claimcheck.toml"
    config.write_text(f'out_dir = "{out.as_posix()}"\n', encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(code)}
    command = [sys.executable, "-m", "claimcheck", "--config", str(config), "verify"]
    command += ["--corpus", str(corpus), "--claims", str(CLAIMS), "--json"]
    done = subprocess.run(command, cwd=out, env=env, check=True, capture_output=True, text=True)
    drafts: dict[str, Draft] = {}
    for line in done.stdout.splitlines():
        row = json.loads(line)
        cited = [(e["doc_id"], e["quote"]) for e in row["evidence"]]
        drafts[row["id"]] = Draft(row["label"], cited)
    return drafts


def _values(text: str) -> list[float]:
    """The figures of `text` as a reader may scale them: as written, and bare table figures in millions."""
    found = figures(text.replace("**", "").replace("\\", ""))
    return [v for q in found for v in (q.value, q.value * 1e6)]


def off_subject(gold: Gold, draft: Draft) -> bool:
    """Settled (not Unverified) without any cited quote giving the claim's true figure (within 0.5%, in any
    document: a 10-K states a total in its statements and again in its MD&A): the draft read another
    model, size, year or row."""
    if draft.label == "unverified":
        return False
    wanted = _values(gold.figure)
    return not any(
        relative_difference(a, b) <= SAME_FIGURE
        for _, quote in draft.cited
        for a in _values(quote)
        for b in wanted
    )


def scores(golds: Sequence[Gold], drafts: dict[str, Draft]) -> tuple[float, float, int, int]:
    """Accuracy, macro-F1 over the gold labels, drafts settled off subject, Unverified drafts."""
    pairs = [(g.label, drafts[g.id].label) for g in golds]
    accuracy = sum(g == p for g, p in pairs) / max(1, len(pairs))
    f1s: list[float] = []
    for label in GOLD_LABELS:
        tp = sum(g == p == label for g, p in pairs)
        fp = sum(p == label != g for g, p in pairs)
        fn = sum(g == label != p for g, p in pairs)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    off = sum(off_subject(g, drafts[g.id]) for g in golds)
    unverified = sum(drafts[g.id].label == "unverified" for g in golds)
    return accuracy, sum(f1s) / len(f1s), off, unverified


def table(golds: Sequence[Gold], runs: dict[str, dict[str, Draft]]) -> str:
    lines = [
        "| split | n | code | accuracy | macro-F1 | off subject | unverified |",
        "|---|---|---|---|---|---|---|",
    ]
    for split in ("dev", "test", "all"):
        part = [g for g in golds if split in ("all", g.split)]
        for tag, drafts in runs.items():
            acc, f1, off, unv = scores(part, drafts)
            lines.append(f"| {split} | {len(part)} | {tag} | {acc:.2f} | {f1:.2f} | {off} | {unv} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base", help="also run the code of this commit (e.g. main)")
    parser.add_argument("--show", action="store_true", help="list every claim with gold and drafted labels")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where to save the tables (markdown)")
    args = parser.parse_args(argv)
    if not SHARED.is_dir():
        raise SystemExit(f"{SHARED} is missing: this benchmark reads the shared data sets")
    golds = load_gold()
    corpus = build_corpus(WORK / "corpus")
    runs: dict[str, dict[str, Draft]] = {}
    if args.base:
        runs[args.base] = run_verify(code_of(args.base), "base", corpus)
    runs["this"] = run_verify(code_of(None), "this", corpus)
    lines = [table(golds, runs), ""]
    lines.append("Per claim (`*`: settled by evidence about another subject):")
    lines.append("")
    for g in golds:
        got = "  ".join(
            f"{tag}={d[g.id].label}{'*' if off_subject(g, d[g.id]) else ''}" for tag, d in runs.items()
        )
        lines.append(f"- {g.id} {g.split} gold={g.label} {got}: {g.text}")
    print(lines[0])
    if args.show:
        print("\n".join(lines[1:]))
    if args.out is not None:
        heading = f"# Verdicts on the real documents ({CLAIMS.relative_to(REPO)})\n\n"
        atomic_write_text(args.out, heading + "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
