"""Check benchmarks/data/seeds/labels.jsonl against the seed texts and the real-document corpus.

The seeds and the corpus live outside the repository, in ../shared (relative to the repository root):
../shared/seeds/<seed> and ../shared/data/<doc>. When ../shared is absent the check is skipped (exit 0).

    python benchmarks/data/seeds/check_labels.py [--shared PATH]

Exits 1 on any problem: a quote that is not an exact substring of its seed (for a timecoded transcript, of
one speaker turn), an evidence quote not in its document, a duplicate id, a field out of its schema.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
LABELS = HERE / "labels.jsonl"

KINDS = {
    "claim", "opinion", "question", "filler", "heading", "byline", "caption",
    "hypothetical", "anecdote", "rhetorical", "meta",
}
VERDICTS = ("real", "partially_true", "hype", "unverified")
SPLIT = {"001": "dev", "003": "dev", "002": "test", "004": "test"}
FIELDS = {
    "id", "seed", "split", "quote", "is_claim", "kind", "subject", "needs_context", "period",
    "verdict", "evidence", "why",
}
# The corpus of record the verdicts are judged against (paths relative to ../shared/data).
CORPUS_PREFIXES = (
    "llama-model-cards/models/",
    "financebench-10k/derived_10k_text/",
    "meta-10k-facts/FACTS.md",
)
ID_RE = re.compile(r"^(\d{3})#([1-9]\d*)$")
TIMECODE_RE = re.compile(r"^\d\d:\d\d:\d\d:\d\d - \d\d:\d\d:\d\d:\d\d$")


def turns(text: str) -> list[str] | None:
    """The text of each timecoded speaker turn (timecode line, speaker line, then the turn's lines), or
    None when the file has no timecoded turns. Front matter is not a turn."""
    lines = text.split("\n")
    if lines and lines[0] == "---":
        end = lines.index("---", 1)
        lines = lines[end + 1:]
    out: list[list[str]] = []
    i = 0
    while i < len(lines):
        if TIMECODE_RE.match(lines[i]):
            out.append([])
            i += 2  # skip the timecode and the speaker line
            continue
        if out:
            out[-1].append(lines[i])
        i += 1
    return ["\n".join(t) for t in out] if out else None


def check(shared: Path) -> int:
    problems: list[str] = []

    def bad(where: str, msg: str) -> None:
        problems.append(f"{where}: {msg}")

    seeds_dir, data_dir = shared / "seeds", shared / "data"
    seed_text: dict[str, str] = {}
    doc_text: dict[str, str] = {}
    rows = []
    for lineno, line in enumerate(LABELS.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append((lineno, json.loads(line)))
        except json.JSONDecodeError as exc:
            bad(f"line {lineno}", f"not JSON ({exc})")

    seen: set[str] = set()
    uses: Counter[tuple[str, str]] = Counter()
    last_n: dict[str, int] = {}
    last_pos: dict[str, int] = {}
    for lineno, r in rows:
        where = f"line {lineno} ({r.get('id', '?')})"
        if set(r) != FIELDS:
            bad(where, f"fields differ: missing {sorted(FIELDS - set(r))}, extra {sorted(set(r) - FIELDS)}")
            continue
        m = ID_RE.match(str(r["id"]))
        if not m:
            bad(where, "id is not '<seed-prefix>#<n>'")
            continue
        if r["id"] in seen:
            bad(where, "duplicate id")
        seen.add(r["id"])
        prefix, n = m.group(1), int(m.group(2))
        if n != last_n.get(prefix, 0) + 1:
            bad(where, f"ids of seed {prefix} are not numbered 1, 2, 3… in file order")
        last_n[prefix] = n
        if not str(r["seed"]).startswith(prefix + "_"):
            bad(where, f"seed {r['seed']!r} does not match the id prefix {prefix}")
        if r["split"] != SPLIT.get(prefix):
            bad(where, f"split {r['split']!r}; seed {prefix} belongs to {SPLIT.get(prefix)!r}")
        if r["kind"] not in KINDS:
            bad(where, f"unknown kind {r['kind']!r}")
        if not isinstance(r["is_claim"], bool) or r["is_claim"] != (r["kind"] == "claim"):
            bad(where, "is_claim must be true exactly when kind is 'claim'")
        if not isinstance(r["needs_context"], bool):
            bad(where, "needs_context must be a boolean")
        if not isinstance(r["why"], str) or not r["why"].strip():
            bad(where, "why is empty")
        if not isinstance(r["evidence"], list):
            bad(where, "evidence must be a list")
            continue
        if r["is_claim"]:
            if r["verdict"] not in VERDICTS:
                bad(where, f"a claim needs a verdict in {VERDICTS}, got {r['verdict']!r}")
            if not isinstance(r["subject"], str) or not r["subject"].strip():
                bad(where, "a claim needs a subject")
            if r["period"] is not None and not isinstance(r["period"], str):
                bad(where, "period must be a string or null")
            if (r["verdict"] == "unverified") != (not r["evidence"]):
                bad(where, "evidence must be empty exactly when the verdict is 'unverified'")
        else:
            if r["verdict"] is not None or r["subject"] is not None or r["period"] is not None:
                bad(where, "a non-claim has verdict, subject and period null")
            if r["evidence"] or r["needs_context"]:
                bad(where, "a non-claim has no evidence and needs_context false")

        # The quote: an exact substring of the seed (of one turn in a timecoded transcript), in file order.
        seed_path = seeds_dir / str(r["seed"])
        if r["seed"] not in seed_text:
            if not seed_path.is_file():
                bad(where, f"seed file {seed_path} not found")
                continue
            seed_text[r["seed"]] = seed_path.read_text(encoding="utf-8")
        text, quote = seed_text[r["seed"]], r["quote"]
        if not isinstance(quote, str) or not quote.strip():
            bad(where, "empty quote")
            continue
        pos = text.find(quote, last_pos.get(prefix, 0))
        if pos < 0:
            bad(where, "quote is not an exact substring of the seed (after the previous label's quote)")
            continue
        last_pos[prefix] = pos + len(quote)
        uses[(r["seed"], quote)] += 1
        seed_turns = turns(text)
        if seed_turns is not None and not any(quote in t for t in seed_turns):
            bad(where, "quote is not inside a single speaker turn")

        for ev in r["evidence"]:
            if set(ev) != {"doc", "quote"}:
                bad(where, "evidence items are {doc, quote}")
                continue
            doc = str(ev["doc"])
            if not doc.startswith(CORPUS_PREFIXES) or ".." in Path(doc).parts:
                bad(where, f"evidence doc {doc!r} is not in the corpus of record")
                continue
            if doc not in doc_text:
                p = data_dir / doc
                if not p.is_file():
                    bad(where, f"evidence doc {p} not found")
                    continue
                doc_text[doc] = p.read_text(encoding="utf-8")
            if not ev["quote"] or ev["quote"] not in doc_text[doc]:
                bad(where, f"evidence quote not found in {doc}: {str(ev['quote'])[:60]!r}")

    for (seed, quote), k in uses.items():
        if k > seed_text[seed].count(quote):
            bad(seed, f"{k} labels share a quote that occurs {seed_text[seed].count(quote)} time(s): {quote[:50]!r}")
    for prefix in SPLIT:
        if prefix not in last_n:
            bad("labels", f"no labels for seed {prefix}")

    recs = [r for _, r in rows if set(r) == FIELDS]
    claims = [r for r in recs if r["is_claim"] is True]
    print(f"{len(recs)} labelled sentences, {len(claims)} claims, "
          f"{sum(r['needs_context'] for r in claims)} claims need context")
    for prefix in sorted({str(r["id"])[:3] for r in recs}):
        rs = [r for r in recs if str(r["id"]).startswith(prefix)]
        cs = [r for r in rs if r["is_claim"] is True]
        print(f"  seed {prefix} ({rs[0]['split']}): {len(rs)} sentences, {len(cs)} claims, verdicts "
              + ", ".join(f"{v} {sum(c['verdict'] == v for c in cs)}" for v in VERDICTS))
    print("  kinds: " + ", ".join(f"{k} {v}" for k, v in Counter(r["kind"] for r in recs).most_common()))
    print("  verdicts: " + ", ".join(f"{v} {sum(c['verdict'] == v for c in claims)}" for v in VERDICTS))
    for split in ("dev", "test"):
        rs = [r for r in recs if r["split"] == split]
        print(f"  {split}: {len(rs)} sentences, {sum(r['is_claim'] is True for r in rs)} claims")
    if problems:
        print(f"\n{len(problems)} problem(s):", file=sys.stderr)
        for p in problems:
            print("  " + p, file=sys.stderr)
        return 1
    print("ok")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared",
                    help="the shared folder with seeds/ and data/ (default: ../shared from the repository root)")
    args = ap.parse_args()
    if not (args.shared / "seeds").is_dir() or not (args.shared / "data").is_dir():
        print(f"skipped: ../shared absent ({args.shared} has no seeds/ and data/)")
        return 0
    return check(args.shared)


if __name__ == "__main__":
    sys.exit(main())
