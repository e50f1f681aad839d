"""Validate the unscripted-speech benchmark set (transcripts + labels.jsonl).

Checks, for every line of labels.jsonl:
  * the fields and their types/values follow the schema in README.md;
  * ids are unique and look like "<transcript stem>#<n>";
  * the transcript exists, has front matter (title, slug, date, speakers, entities) and
    a turn starting at `start`, and `quote` is an exact substring of that turn's text
    (the turn's text lines joined with single spaces);
  * claims carry a verdict and a subject; non-claims carry neither;
  * real / partially_true / hype claims cite evidence, unverified claims and non-claims cite none;
  * `split` follows the rule: sha256(transcript file name), first hex digit even -> dev, odd -> test;
  * every evidence quote is an exact substring of the cited file under ../shared/data
    (skipped, with a message, when ../shared is not present).
Prints counts per verdict, kind and split. Exits non-zero on any problem.

Usage: python benchmarks/data/speech/check_labels.py
"""
from __future__ import annotations

import collections
import hashlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
SHARED_DATA = REPO.parent / "shared" / "data"

FIELDS = {"id", "transcript", "start", "quote", "is_claim", "kind", "subject", "needs_context",
          "period", "verdict", "evidence", "why", "split"}
KINDS = {"claim", "opinion", "question", "filler", "backchannel", "hypothetical", "anecdote", "screen", "meta"}
VERDICTS = {"real", "partially_true", "hype", "unverified"}
TC = r"\d\d:\d\d:\d\d:\d\d"
TURN_RE = re.compile(rf"^({TC}) - ({TC})$")
FRONT_KEYS = ("title", "slug", "date", "speakers", "entities")


def split_of(name: str) -> str:
    return "dev" if int(hashlib.sha256(name.encode("utf-8")).hexdigest()[0], 16) % 2 == 0 else "test"


def parse_transcript(path: Path, problems: list[str]):
    """Return (front-matter keys, speakers, {start timecode: turn text})."""
    lines = path.read_text(encoding="utf-8").split("\n")
    if not lines or lines[0] != "---":
        problems.append(f"{path.name}: no front matter")
        return set(), [], {}
    try:
        end = lines.index("---", 1)
    except ValueError:
        problems.append(f"{path.name}: front matter not closed")
        return set(), [], {}
    front = lines[1:end]
    keys = {m.group(1) for m in (re.match(r"^([A-Za-z_]+):", ln) for ln in front) if m}
    speakers, in_speakers = [], False
    for ln in front:
        if ln.startswith("speakers:"):
            in_speakers = True
            continue
        if in_speakers:
            if ln.startswith("  - "):
                speakers.append(ln[4:].strip())
            else:
                in_speakers = False
    turns: dict[str, str] = {}
    body = lines[end + 1:]
    i, last_end = 0, None
    while i < len(body):
        m = TURN_RE.match(body[i])
        if not m:
            if body[i].strip():
                problems.append(f"{path.name}: text outside a turn: {body[i][:60]!r}")
            i += 1
            continue
        start, stop = m.group(1), m.group(2)
        if i + 1 >= len(body):
            problems.append(f"{path.name}: turn {start} has no speaker line")
            break
        speaker = body[i + 1].strip()
        if speakers and speaker not in speakers:
            problems.append(f"{path.name}: turn {start}: speaker {speaker!r} not in front matter")
        j = i + 2
        text_lines = []
        while j < len(body) and not TURN_RE.match(body[j]):
            if body[j].strip():
                text_lines.append(body[j].strip())
            j += 1
        if start in turns:
            problems.append(f"{path.name}: duplicate turn start {start}")
        if start > stop or (last_end is not None and start < last_end):
            problems.append(f"{path.name}: timecodes out of order at {start}")
        last_end = stop
        turns[start] = " ".join(text_lines)
        i = j
    return keys, speakers, turns


def main() -> int:
    problems: list[str] = []
    labels_path = HERE / "labels.jsonl"
    transcripts = {p.name: p for p in sorted(HERE.glob("*.txt"))}
    parsed = {}
    for name, path in transcripts.items():
        keys, _speakers, turns = parse_transcript(path, problems)
        missing = [k for k in FRONT_KEYS if k not in keys]
        if missing:
            problems.append(f"{name}: front matter lacks {missing}")
        parsed[name] = turns

    have_shared = SHARED_DATA.is_dir()
    if not have_shared:
        print(f"note: {SHARED_DATA} not found; evidence quotes not checked against the documents")
    doc_cache: dict[str, str | None] = {}

    records, seen = [], set()
    for n, line in enumerate(labels_path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"labels.jsonl:{n}"
        try:
            r = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"{where}: bad JSON ({e})")
            continue
        records.append(r)
        if set(r) != FIELDS:
            problems.append(f"{where}: fields differ: missing {sorted(FIELDS - set(r))}, extra {sorted(set(r) - FIELDS)}")
            continue
        rid = r["id"]
        where = f"{where} ({rid})"
        if rid in seen:
            problems.append(f"{where}: duplicate id")
        seen.add(rid)
        name = r["transcript"]
        if not isinstance(name, str) or name not in parsed:
            problems.append(f"{where}: unknown transcript {name!r}")
            continue
        if not re.fullmatch(re.escape(name[:-4]) + r"#\d+", rid):
            problems.append(f"{where}: id does not match transcript stem")
        if r["split"] != split_of(name):
            problems.append(f"{where}: split {r['split']!r} but the hash rule gives {split_of(name)!r}")
        turn = parsed[name].get(r["start"])
        if turn is None:
            problems.append(f"{where}: no turn starts at {r['start']!r}")
        elif not isinstance(r["quote"], str) or not r["quote"] or r["quote"] not in turn:
            problems.append(f"{where}: quote not found in turn {r['start']}: {r['quote']!r}")
        if not isinstance(r["is_claim"], bool) or not isinstance(r["needs_context"], bool):
            problems.append(f"{where}: is_claim / needs_context must be booleans")
        if r["kind"] not in KINDS:
            problems.append(f"{where}: bad kind {r['kind']!r}")
        if r["is_claim"] != (r["kind"] == "claim"):
            problems.append(f"{where}: is_claim disagrees with kind {r['kind']!r}")
        if not isinstance(r["why"], str):
            problems.append(f"{where}: why must be a string")
        if not isinstance(r["evidence"], list):
            problems.append(f"{where}: evidence must be a list")
            continue
        if r["is_claim"]:
            if r["verdict"] not in VERDICTS:
                problems.append(f"{where}: bad verdict {r['verdict']!r}")
            if not isinstance(r["subject"], str) or not r["subject"]:
                problems.append(f"{where}: claim without subject")
            if r["period"] is not None and not isinstance(r["period"], str):
                problems.append(f"{where}: period must be a string or null")
            if not r["why"]:
                problems.append(f"{where}: claim without why")
            if r["verdict"] == "unverified" and r["evidence"]:
                problems.append(f"{where}: unverified claim with evidence")
            if r["verdict"] in {"real", "partially_true", "hype"} and not r["evidence"]:
                problems.append(f"{where}: {r['verdict']} claim without evidence")
        else:
            for k in ("verdict", "subject", "period"):
                if r[k] is not None:
                    problems.append(f"{where}: non-claim with {k}={r[k]!r}")
            if r["evidence"]:
                problems.append(f"{where}: non-claim with evidence")
        for ev in r["evidence"]:
            if not isinstance(ev, dict) or set(ev) != {"doc", "quote"}:
                problems.append(f"{where}: evidence items need exactly doc and quote")
                continue
            if not have_shared:
                continue
            doc = ev["doc"]
            if doc not in doc_cache:
                p = SHARED_DATA / doc
                doc_cache[doc] = p.read_text(encoding="utf-8") if p.is_file() else None
            text = doc_cache[doc]
            if text is None:
                problems.append(f"{where}: evidence document not found: {doc}")
            elif not ev["quote"] or ev["quote"] not in text:
                problems.append(f"{where}: evidence quote not in {doc}: {ev['quote'][:80]!r}")

    unlabelled = sorted(set(parsed) - {r.get("transcript") for r in records})
    if unlabelled:
        problems.append(f"transcripts without labels: {unlabelled}")

    # ---- counts
    def table(rows):
        c_kind = collections.Counter(r.get("kind") for r in rows)
        claims = [r for r in rows if r.get("is_claim")]
        c_ver = collections.Counter(r.get("verdict") for r in claims)
        files = sorted({r.get("transcript") for r in rows})
        print(f"  transcripts {len(files)}, labelled sentences {len(rows)}, claims {len(claims)}, "
              f"non-claims {len(rows) - len(claims)} ({(len(rows) - len(claims)) / max(len(rows), 1):.0%}), "
              f"claims needing context {sum(1 for r in claims if r.get('needs_context'))}")
        print("  verdicts: " + ", ".join(f"{v} {c_ver.get(v, 0)} ({c_ver.get(v, 0) / max(len(claims), 1):.0%})"
                                        for v in ("real", "hype", "partially_true", "unverified")))
        print("  kinds:    " + ", ".join(f"{k} {c_kind.get(k, 0)}" for k in sorted(KINDS)))

    print("all:")
    table(records)
    for sp in ("dev", "test"):
        rows = [r for r in records if r.get("split") == sp]
        print(f"{sp}: {', '.join(sorted({r.get('transcript') for r in rows}))}")
        table(rows)
    n_dev = len({r.get("transcript") for r in records if r.get("split") == "dev"})
    n_test = len({r.get("transcript") for r in records if r.get("split") == "test"})
    if min(n_dev, n_test) < 3:
        problems.append(f"fewer than 3 transcripts in a split (dev {n_dev}, test {n_test})")

    if problems:
        print(f"\n{len(problems)} problem(s):")
        for p in problems:
            print("  " + p)
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
