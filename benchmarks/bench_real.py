"""Drafts on real speech and real documents (issue #11): three labelled sets against the corpus of record.

    python benchmarks/bench_real.py                      # this tree vs. the baseline; prints one table
    python benchmarks/bench_real.py --baseline integrate # another baseline revision
    python benchmarks/bench_real.py --fresh              # predict again even where cached

The corpus of record is the real documents under ../shared/data: the Llama model cards as Meta publishes
them (llama-model-cards/models/**), the 16 10-K texts (financebench-10k/derived_10k_text/*.txt) and
meta-10k-facts/FACTS.md. They are hard-linked (else copied), file by file, into .bench/real-corpus/
(git-ignored; never committed) so that doc ids are their paths relative to ../shared/data, and indexed once
per version of the code that builds it under .bench/real-index/ (an index reuses the vectors of the
previous one).

Sets, each reported on its dev and test halves (test is what counts):
  (a) benchmarks/data/speech/: unscripted podcast transcripts + labels.jsonl;
  (b) benchmarks/data/verdict_claims.jsonl: bare claims with a date, judged by the `verify --claims` path;
  (c) the seeds 001-004 (../shared/seeds/) + benchmarks/data/seeds/labels.jsonl (skipped while absent);
  (d) benchmarks/data/reworded/claims.jsonl: dev claims of (a) that were drafted right, said again in
      other words as bare claims with the talk's date (the same verdict must follow). Its dev half is
      what the 38th session fixed the drafts against; its test half was written later in that session
      and was not used to change the code.

Each figure is shown beside the baseline's, from the same run. The baseline defaults to the commit
`integrate` pointed to when this benchmark was written, b08aa811ecb0f9de3cb830e423f5f960efb8e578; it is
checked out with `git worktree add --detach` into .bench/baseline-<rev>/ (reused when present).
Prediction (slow: real_predict.py, in a subprocess with PYTHONPATH at the checkout) and scoring (fast:
real_scoring.py, the same code for both sides) are separate; predictions are cached under .bench/real/
by (fingerprint of the checkout's claimcheck/ files, set, corpus hash, input hash), so a checkout whose
claimcheck/ is byte-identical to another's reuses its predictions. Results: benchmarks/results/real.md
(the table and its definitions) and benchmarks/results/real-seed-drafts.md (every seed draft).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.real_scoring import (  # noqa: E402
    Gold,
    Pred,
    SetScore,
    load_claim_labels,
    load_predictions,
    load_reworded_labels,
    load_sentence_labels,
    score,
)

DEFAULT_BASELINE = "b08aa811ecb0f9de3cb830e423f5f960efb8e578"
SHARED = REPO.parent / "shared"
SHARED_DATA = SHARED / "data"
BENCH = REPO / ".bench"
CORPUS = BENCH / "real-corpus"
INDEXES = BENCH / "real-index"
CACHE = BENCH / "real"
DATA = REPO / "benchmarks" / "data"
RESULTS = REPO / "benchmarks" / "results"
SEEDS = ("001", "002", "003", "004")
OFFLINE_ENV = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1"}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------------ corpus


def corpus_sources() -> list[Path]:
    """The files of the corpus of record, sorted."""
    cards = [
        p
        for p in (SHARED_DATA / "llama-model-cards" / "models").rglob("*")
        if p.is_file() and p.suffix.lower() in (".md", ".txt") and not p.name.lower().startswith("license")
    ]
    filings = (SHARED_DATA / "financebench-10k" / "derived_10k_text").glob("*.txt")
    facts = [SHARED_DATA / "meta-10k-facts" / "FACTS.md"]
    return sorted({*cards, *filings, *facts})


def place_copy(src: Path, dest: Path) -> None:
    """`dest` holds the bytes of `src`: a hard link when both are on one file system, else a copy. Not a
    symbolic link: the loader skips links that leave the corpus folder (they could leak private files)."""
    if dest.is_symlink():
        dest.unlink()
    elif dest.exists():
        if os.path.samefile(src, dest) or dest.read_bytes() == src.read_bytes():
            return
        dest.unlink()
    try:
        os.link(src, dest)
    except OSError:
        shutil.copyfile(src, dest)


def assemble_corpus() -> str:
    """Place every corpus file into CORPUS at its path relative to ../shared/data (hard links, else
    copies); drop stale files. Return the corpus hash."""
    sources = corpus_sources()
    wanted = {p.relative_to(SHARED_DATA).as_posix(): p for p in sources}
    if CORPUS.is_dir():
        for link in CORPUS.rglob("*"):
            if (link.is_symlink() or link.is_file()) and link.relative_to(CORPUS).as_posix() not in wanted:
                link.unlink()
    digest = hashlib.sha256()
    for rel, src in sorted(wanted.items()):
        link = CORPUS / rel
        link.parent.mkdir(parents=True, exist_ok=True)
        place_copy(src, link)
        digest.update(rel.encode() + b"\0" + hashlib.sha256(src.read_bytes()).digest())
    return digest.hexdigest()


# ------------------------------------------------------------------------------------------ sets


@dataclass
class BenchSet:
    key: str  # speech | claims | seeds
    title: str
    kind: str  # "transcripts" or "claims" (real_predict's two paths)
    inputs: list[Path]
    golds: list[Gold]
    missing: str | None = None  # why the set cannot be scored (labels not written yet)


def load_sets() -> list[BenchSet]:
    speech = DATA / "speech"
    seeds_labels = DATA / "seeds" / "labels.jsonl"
    seed_files = sorted(p for p in (SHARED / "seeds").glob("*.txt") if p.name[:3] in SEEDS)
    sets = [
        BenchSet(
            "speech",
            "(a) unscripted speech",
            "transcripts",
            sorted(speech.glob("*.txt")),
            load_sentence_labels(speech / "labels.jsonl"),
        ),
        BenchSet(
            "claims",
            "(b) labelled claims",
            "claims",
            [DATA / "verdict_claims.jsonl"],
            load_claim_labels(DATA / "verdict_claims.jsonl"),
        ),
    ]
    reworded = DATA / "reworded" / "claims.jsonl"
    sets.append(
        BenchSet(
            "reworded", "(d) reworded dev claims", "claims", [reworded], load_reworded_labels(reworded)
        )
    )
    seeds_written = seeds_labels.is_file()
    sets.append(
        BenchSet(
            "seeds",
            "(c) seeds 001–004",
            "transcripts",
            seed_files,
            load_sentence_labels(seeds_labels, "seed") if seeds_written else [],
            missing=None if seeds_written else f"{seeds_labels.relative_to(REPO)} not written yet",
        )
    )
    return sets


def files_hash(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for p in paths:
        digest.update(p.name.encode() + b"\0" + hashlib.sha256(p.read_bytes()).digest())
    return digest.hexdigest()


# ------------------------------------------------------------------------------------------ checkouts


@dataclass
class Side:
    name: str  # "branch" / "main"
    rev: str  # what it is, for the report
    root: Path  # the checkout whose claimcheck/ runs
    code: str  # fingerprint of its claimcheck/ files


def git(*args: str, cwd: Path = REPO) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


# What an index is built by: an edit elsewhere (claims, verdicts) reuses the index as it is.
INDEX_CODE = ("corpus", "index", "quantities", "embedding.py", "settings.py", "models.py", "frontmatter.py")


def code_fingerprint(root: Path, only: tuple[str, ...] = ()) -> str:
    """sha256 over every file under root/claimcheck (path and bytes), caches left out; with `only`, over
    the files under those of its entries."""
    digest = hashlib.sha256()
    pkg = root / "claimcheck"
    for path in sorted(p for p in pkg.rglob("*") if p.is_file()):
        if "__pycache__" in path.parts or path.suffix == ".pyc":
            continue
        if only and path.relative_to(pkg).parts[0] not in only:
            continue
        digest.update(
            path.relative_to(pkg).as_posix().encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest()
        )
    return digest.hexdigest()


def this_side() -> Side:
    head = git("rev-parse", "--short=12", "HEAD")
    dirty = bool(git("status", "--porcelain", "--", "claimcheck"))
    rev = f"{git('rev-parse', '--abbrev-ref', 'HEAD')} @ {head}" + (" + uncommitted changes" if dirty else "")
    return Side("branch", rev, REPO, code_fingerprint(REPO))


def baseline_side(rev: str) -> Side:
    commit = git("rev-parse", "--verify", f"{rev}^{{commit}}")
    path = BENCH / f"baseline-{commit[:12]}"
    if path.is_dir():
        try:
            head = git("rev-parse", "HEAD", cwd=path)
        except subprocess.CalledProcessError:
            head = ""
        if head != commit:
            raise SystemExit(
                f"{path} exists but is not a checkout of {commit}; remove it (git worktree remove)"
            )
    else:
        git("worktree", "prune")
        log(f"checking out the baseline {commit[:12]} into {path.relative_to(REPO)}")
        git("worktree", "add", "--detach", str(path), commit)
    label = commit[:12] if commit.startswith(rev) else f"{rev} @ {commit[:12]}"
    return Side("main", label, path, code_fingerprint(path))


# ------------------------------------------------------------------------------------------ prediction


def cache_path(side: Side, bench: BenchSet, corpus: str) -> Path:
    return CACHE / f"{side.code[:16]}-{bench.key}-{corpus[:12]}-{files_hash(bench.inputs)[:12]}.json"


def predict(side: Side, sets: list[BenchSet], corpus: str, fresh: bool) -> dict[str, dict[str, Any]]:
    """Predictions per set key for one checkout: from the cache, or by running real_predict.py there."""
    todo = [b for b in sets if fresh or not cache_path(side, b, corpus).is_file()]
    if todo:
        CACHE.mkdir(parents=True, exist_ok=True)
        job = {
            "rev": side.rev,
            "work": str(CACHE / "work"),
            "sets": [
                {
                    "name": b.key,
                    "kind": b.kind,
                    "inputs": [str(p) for p in b.inputs],
                    "out": str(cache_path(side, b, corpus)),
                }
                for b in todo
            ],
        }
        job_file = CACHE / f"job-{side.code[:16]}.json"
        job_file.write_text(json.dumps(job, indent=1), encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if k != "CLAIMCHECK_CONFIG"}
        env.update(OFFLINE_ENV, PYTHONPATH=str(side.root))
        cmd = [
            sys.executable,
            str(REPO / "benchmarks" / "real_predict.py"),
            "--code", str(side.root),
            "--corpus", str(CORPUS),
            "--index", str(INDEXES / f"{code_fingerprint(side.root, INDEX_CODE)[:12]}-{corpus[:12]}"),
            *[a for seed in sorted((BENCH / "retrieval").glob("financebench*")) for a in ("--seed", str(seed))],
            str(job_file),
        ]  # fmt: skip
        log(f"predicting {', '.join(b.key for b in todo)} with {side.name} ({side.rev})")
        # cwd: a folder without claimcheck.toml; the child's stdout goes to stderr (ours is the table)
        if subprocess.call(cmd, cwd=CACHE, env=env, stdout=sys.stderr) != 0:
            raise SystemExit(f"prediction failed for {side.name} ({side.rev})")
    else:
        log(f"{side.name} ({side.rev}): all predictions cached")
    return {b.key: json.loads(cache_path(side, b, corpus).read_text(encoding="utf-8")) for b in sets}


# ------------------------------------------------------------------------------------------ report


def fmt(x: float | int | None) -> str:
    if x is None:
        return "n/a"
    return str(x) if isinstance(x, int) else f"{x:.2f}"


COLUMNS = [
    ("predicted claims", "predicted"),
    ("claim precision", "precision"),
    ("claim recall", "recall"),
    ("non-claims flagged", "nonclaims_flagged"),
    ("matched claims", "matched"),
    ("verdict accuracy", "accuracy"),
    ("verdict macro-F1", "macro_f1"),
    ("names its subject", "names_subject"),
    ("verdicts from another subject", "other_subject"),
]


def render_table(sets: list[BenchSet], scores: dict[tuple[str, str, str], SetScore]) -> list[str]:
    head = ["set", "split", "labelled claims / non-claims", *[c for c, _ in COLUMNS]]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for b in sets:
        for split in ("dev", "test"):
            if b.missing:
                cells = ["–"] * len(COLUMNS)
                lines.append(f"| {b.title} | {split} | {b.missing} | " + " | ".join(cells) + " |")
                continue
            ours, base = scores[(b.key, split, "branch")], scores[(b.key, split, "main")]
            counts = f"{ours.gold_claims} / {ours.gold_nonclaims if b.kind == 'transcripts' else 'n/a'}"
            cells = [f"{fmt(getattr(ours, a))} / {fmt(getattr(base, a))}" for _, a in COLUMNS]
            name = f"**{split}**" if split == "test" else split
            lines.append(f"| {b.title} | {name} | {counts} | " + " | ".join(cells) + " |")
    return lines


def done_when(scores: dict[tuple[str, str, str], SetScore], sets: list[BenchSet]) -> list[str]:
    """Issue #11's "Done when", on the test halves, for this branch."""
    letter = {"speech": "a", "claims": "b", "seeds": "c"}
    checks: list[tuple[str, float | int | None, Callable[[float], bool]]] = []
    for b in sets:
        if b.missing or b.key not in letter:
            continue  # ((d) is a check of its own, not one of the sets)
        s, x = scores[(b.key, "test", "branch")], letter[b.key]
        if b.key == "speech":
            checks.append((f"({x}) verdict accuracy ≥ 0.80", s.accuracy, lambda v: v >= 0.8))
        if b.key == "claims":
            checks.append((f"({x}) verdict macro-F1 ≥ 0.70", s.macro_f1, lambda v: v >= 0.7))
        checks.append(
            (f"({x}) no verdict from evidence about another subject", s.other_subject, lambda v: v == 0)
        )
        if b.kind == "transcripts":
            checks.append(
                (f"({x}) at most 5% of non-claims flagged", s.nonclaims_flagged, lambda v: v <= 0.05)
            )
            checks.append(
                (f"({x}) at least 90% of claims name their subject", s.names_subject, lambda v: v >= 0.9)
            )
    return [
        f"- {'met' if value is not None and ok(value) else 'not met'}: {text} (now {fmt(value)})"
        for text, value, ok in checks
    ]


NOTES = """\
Each cell: **this branch / main (baseline)**, from the same run and scored by the same code
(`benchmarks/real_scoring.py`). Test rows (bold) are what counts; thresholds are tuned on dev only.

- **Corpus of record**: the Llama model cards as Meta publishes them (`llama-model-cards/models/**`),
  the 16 10-K texts (`financebench-10k/derived_10k_text/*.txt`) and `meta-10k-facts/FACTS.md`, from
  `../shared/data`, {n_docs} files, placed into `.bench/real-corpus/` and indexed through the library
  (`build_index`). Transcripts go through the `run` path (`run_batch`, drafts JSON), bare claims through
  the `verify --claims` path (`verify_claims`).
- **Matching** a predicted claim to a labelled sentence: same transcript, and the token Jaccard of the
  two quotes ≥ 0.5, or the shorter quote (≥ 3 tokens) contained as a run of tokens in the longer.
  Tokens: mojibake repaired, lower-cased, runs of letters and runs of digits. One-to-one, greedy by
  Jaccard. A prediction matching no labelled claim (none, or a labelled non-claim) is a false positive.
  Set (b) matches by id, every line is a claim, so precision, recall and non-claims flagged are n/a.
  A prediction typed `opinion` (shown to the editor, never checked, issue #11 part 3) is not a predicted
  claim (the baseline has no such type).
- **Non-claims flagged**: labelled non-claims matched by a predicted claim / labelled non-claims (the
  non-claims are a sample: not every filler is labelled).
- **Verdict accuracy, macro-F1**: on the matched labelled claims ("matched claims"), over the four
  labels (a label neither gold nor drafts use is left out of the average).
- **Names its subject**: share of matched labelled claims whose draft's checkable text (`claim.text`)
  contains the gold subject, its parenthesised owner, or its first word (a Llama model: its family and
  version, "Llama 3.1", or its own name, "Maverick"; a generic first word takes the next: "Whole
  Foods"), case-insensitively, as a run of tokens. n/a for (b): its lines carry no subject.
- **Verdicts from another subject**: matched labelled claims drafted other than unverified when the
  gold verdict is unverified, or when none of the documents the draft cites (`evidence[].passage.doc_id`)
  is about a gold evidence document's subject (a 10-K text or FACTS.md is its own subject; a model-card
  folder with its eval_details is one, the Llama 3.2 vision card is its own).
- **(b)'s labels** were written against the shipped corpus (`corpora/`); its Meta figures come from the
  same filings as `FACTS.md`, and its model-card facts from the same cards. Gold evidence documents are
  mapped to the corpus of record (`SHIPPED_TO_REAL` in `real_scoring.py`) for the other-subject count.
- **(d) reworded dev claims**: each line says a dev claim of (a) that was drafted right in other
  words, standalone ("[Pfizer] Diluted EPS was like five bucks." → "Pfizer earned something like five
  dollars a share, diluted."), with the talk's date, the original's verdict and gold documents; judged
  by the `verify --claims` path like (b). Not one of the issue's sets: a check that a draft does not
  hang on the wording. Dev: the rewordings the 38th session's fixes were made against; test: 40
  rewordings written later in that session and not used to change the code.
- The corpus loader skips `LICENSE` files, so the model cards' licences are not in the index, although
  five seed claims cite `llama3_1/LICENSE` (one of them, 001#15, cites nothing else).
"""


def seed_drafts(golds: list[Gold], record: dict[str, Any]) -> list[str]:
    """Every seed draft of this branch with its label, the matched gold verdict and the rationale."""
    from benchmarks.real_scoring import match

    preds = [p for p in load_predictions(record) if p.is_claim]
    pairs = match(preds, golds)
    lines = [
        "# Seed drafts (this branch), one line each",
        "",
        "| seed | quote | draft | gold | rationale |",
        "|---|---|---|---|---|",
    ]

    def cell(text: str, width: int) -> str:
        text = " ".join(text.split()).replace("|", "\\|")
        return text if len(text) <= width else text[: width - 1] + "…"

    for i, p in enumerate(preds):
        gold = golds[pairs[i]] if i in pairs else None
        verdict = (gold.verdict or f"not a claim ({gold.kind})") if gold else "unlabelled"
        lines.append(
            f"| {p.source[:3]} | {cell(p.quotes[0] if p.quotes else p.text, 90)} | {p.label} | {verdict} | {cell(p.rationale, 140)} |"
        )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--baseline", default=DEFAULT_BASELINE, help="revision to compare with (default: %(default)s)"
    )
    parser.add_argument("--fresh", action="store_true", help="predict again even where cached")
    parser.add_argument("--out", type=Path, default=RESULTS / "real.md")
    args = parser.parse_args()
    if not SHARED_DATA.is_dir() or not (SHARED / "seeds").is_dir():
        log(f"skipped: {SHARED} (the real documents and the seeds) is not present")
        return 0
    t0 = time.perf_counter()
    corpus = assemble_corpus()
    n_docs = len(corpus_sources())
    sets = load_sets()
    for b in sets:
        if b.missing:
            log(f"{b.title}: skipped, {b.missing}")
    ready = [b for b in sets if not b.missing]
    sides = [this_side(), baseline_side(args.baseline)]
    records = {side.name: predict(side, ready, corpus, args.fresh) for side in sides}
    scores: dict[tuple[str, str, str], SetScore] = {}
    for b in ready:
        for side in sides:
            preds: list[Pred] = load_predictions(records[side.name][b.key])
            for split in ("dev", "test"):
                scores[(b.key, split, side.name)] = score(
                    preds, b.golds, split, bare_claims=b.kind == "claims"
                )
    table = render_table(sets, scores)
    print("\n".join(table))
    timing = ", ".join(
        f"{side.name} {b.key} {records[side.name][b.key]['seconds']:.0f} s" for side in sides for b in ready
    )
    failures = [
        f"{side.name}: {name}: {st['error']}"
        for side in sides
        for b in ready
        for name, st in records[side.name][b.key].get("transcripts", {}).items()
        if not st["ok"]
    ]
    report = [
        "# Real speech and real documents (issue #11)",
        "",
        f"This branch: {sides[0].rev}. Main (baseline): {sides[1].rev}"
        + (
            " (identical claimcheck/ files, so identical predictions)"
            if sides[0].code == sides[1].code
            else ""
        )
        + ".",
        "",
        *table,
        "",
        *(
            [
                "**Transcripts that failed to read** (listed at the end; their labelled claims count as "
                "missed): "
                + ", ".join(
                    f"{side.name} {sum(f.startswith(side.name + ':') for f in failures)}" for side in sides
                )
                + f" of {sum(len(b.inputs) for b in ready if b.kind == 'transcripts')}.",
                "",
            ]
            if failures
            else []
        ),
        NOTES.format(n_docs=n_docs),
        'Issue #11\'s "Done when" on the test halves, this branch:',
        "",
        *done_when(scores, sets),
        "",
        f"Prediction time (when predicted; cached predictions keep theirs): {timing}. This run: "
        f"{time.perf_counter() - t0:.0f} s. Regenerate: `.venv/bin/python benchmarks/bench_real.py`.",
    ]
    if failures:
        report += ["", "Transcripts that failed to run:", "", *[f"- {f}" for f in failures]]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(report) + "\n", encoding="utf-8")
    seeds = next((b for b in ready if b.key == "seeds"), None)
    if seeds is not None:
        (RESULTS / "real-seed-drafts.md").write_text(
            "\n".join(seed_drafts(seeds.golds, records["branch"]["seeds"])) + "\n", encoding="utf-8"
        )
    out = args.out.resolve()
    log(f"wrote {out.relative_to(REPO) if out.is_relative_to(REPO) else out} in {time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
