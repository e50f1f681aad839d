"""Claim or not, and who a claim is about, on unscripted speech and real articles. A markdown table out.

    python benchmarks/bench_subjects.py [--out FILE] [--sets speech,seeds]

Runs claim extraction only (`read_transcript` + `extract_claims`, the shipped check-worthiness model and
settings; no retrieval, no verdicts) over two labelled sets:

- speech: `benchmarks/data/speech/*.txt` with `labels.jsonl` (issue 11, set (a));
- seeds: `../shared/seeds/00[1-4]_*.txt` with `benchmarks/data/seeds/labels.jsonl` (set (c)); skipped with a
  message when `../shared` is absent.

Matching. Both the labelled quotes and the predicted claims' quotes (every occurrence of a merged claim) are
placed in the file as word intervals: the file and the quotes are repaired with ftfy (the readers repair
mojibake; the labels keep it), lowercased and cut into `\\w+` words; a quote is found as a run of words, the
first run at or after its turn's timecode when it has one (the labels' `start`, the claim's `timecode`),
else the first run in the file. A predicted claim matches a labelled sentence when their intervals share at
least half of the shorter one's words. A predicted claim is correct when it matches a labelled claim;
otherwise it counts against precision (the sets label every sentence a system might flag; unlabelled text
is connective speech, README of each set). A labelled claim is found when some predicted claim matches it. A claim typed `opinion` (a pure opinion,
shown to the editor as such and never checked) is not a predicted claim; the last column counts them.

Subjects. The checkable text names the gold subject when it holds the subject's name (`names_subject`):
the first word of the subject or of a name in its parentheses ("Figma acquisition (Adobe)": Figma or
Adobe), a model family together with its version and size words ("Llama 3.1 405B ...": Llama, 3.1 and 405B;
a variant name such as Scout or Maverick is enough), or a short form from `ALIASES` (a person's family
name, "J&J", "Amex", "Block" for Square). Subjects nobody can name
("unnamed", "cannot name") are left out of that share. A claim is rewritten with a WRONG subject when its
text has names added in [brackets] and the text (brackets included) does not name the gold subject; time
anchors such as "[2024]" are not names, and any bracket on a subject nobody can name is wrong.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import ftfy

from claimcheck import Settings, extract_claims, load_nlp, read_transcript
from claimcheck.claims import load_checkworthiness_model
from claimcheck.models import Claim

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SPEECH_DIR = REPO / "benchmarks" / "data" / "speech"
SEEDS_LABELS = REPO / "benchmarks" / "data" / "seeds" / "labels.jsonl"
SEEDS_DIR = SHARED / "seeds"

# A match needs this share of the shorter interval's words in common.
MIN_OVERLAP = 0.5
# Model families: their subjects are named only with the version (and size) words that follow.
MODEL_FAMILIES = frozenset(
    {"llama", "gpt", "gemma", "mistral", "qwen", "gemini", "deepseek", "phi", "claude"}
)
MODEL_VARIANTS = frozenset({"scout", "maverick", "behemoth"})
# Short forms that name a subject as well as its first word does (lowercase).
ALIASES: dict[str, tuple[str, ...]] = {
    # people by their family name
    "mark": ("zuckerberg", "zuck"),
    "jeff": ("bezos",),
    "hans": ("vestberg",),
    "albert": ("bourla",),
    "jack": ("dorsey",),
    "dylan": ("field",),
    "alexander": ("wang",),
    "andy": ("jassy",),
    # companies by a short form
    "johnson": ("j&j",),
    "american": ("amex",),
    "square": ("block",),
    "whole": ("whole foods",),
}
_NAME_TOKEN = re.compile(r"[A-Za-z0-9][\w&.\-]*")
_WORD = re.compile(r"\w+")
_TIMECODE = re.compile(r"\d\d:\d\d:\d\d[:;.,]\d\d")
_BRACKET = re.compile(r"\[([^\]]+)\]")
_PERIOD_BRACKET = re.compile(
    r"^(?:(?:19|20)\d\d|Q[1-4] (?:19|20)\d\d|FY ?(?:19|20)?\d\d|[A-Z][a-z]+ (?:19|20)\d\d)$"
)


# --------------------------------------------------------------------------------------------------
# subjects


def _tokens(text: str) -> list[str]:
    return [t.rstrip(".").lower() for t in _NAME_TOKEN.findall(text)]


def _has_word(text: str, word: str) -> bool:
    return re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", text, re.IGNORECASE) is not None


def _name_forms(subject: str) -> list[list[str]]:
    """Each way of naming `subject`: lists of words that must all be present."""
    primary = re.sub(r"\([^)]*\)", " ", subject).strip()
    alternates = [
        p.strip() for inner in re.findall(r"\(([^)]*)\)", subject) for p in re.split(r"[/,]", inner)
    ]
    forms: list[list[str]] = []
    for name in [primary, *alternates]:
        words = _tokens(name)
        if not words:
            continue
        if words[0] in MODEL_FAMILIES:
            variant = [w for w in words if w in MODEL_VARIANTS]
            if variant:
                forms.append(variant[:1])
                continue
            specific = [words[0]]
            for w in words[1:]:
                if not any(ch.isdigit() for ch in w):
                    break
                specific.append(w)
            forms.append(specific)
            continue
        forms.append(words[:1])
        forms += [[alias] for alias in ALIASES.get(words[0], ())]
    return forms


def unnameable(subject: str) -> bool:
    return "unnamed" in subject or "cannot name" in subject


def names_subject(text: str, subject: str) -> bool:
    return any(all(_has_word(text, w) for w in form) for form in _name_forms(subject))


def added_names(text: str) -> list[str]:
    """The names a rewrite added in [brackets] (not the time anchors)."""
    return [b for b in _BRACKET.findall(text) if not _PERIOD_BRACKET.match(b.strip())]


def wrong_subject(text: str, subject: str) -> bool:
    added = added_names(text)
    if not added:
        return False
    if unnameable(subject):
        return True
    # "Scout even beats the old four oh five [Llama 3.1 405B]": a bracket beside a text that names its
    # subject annotates another name; it is not the subject.
    return not names_subject(text, subject)


# --------------------------------------------------------------------------------------------------
# placing quotes


def _words(text: str) -> list[str]:
    return _WORD.findall(ftfy.fix_text(text).lower())


@dataclass
class Placed:
    words: list[str]
    anchors: dict[str, int]  # timecode -> index of the first word after it

    @classmethod
    def of(cls, raw: str) -> Placed:
        fixed = ftfy.fix_text(raw)
        anchors: dict[str, int] = {}
        for m in _TIMECODE.finditer(fixed):
            anchors.setdefault(m.group(0), len(_WORD.findall(fixed[: m.start()].lower())))
        return cls(_WORD.findall(fixed.lower()), anchors)

    def find(self, quote: str, timecode: str | None) -> tuple[int, int] | None:
        needle = _words(quote)
        if not needle:
            return None
        start = 0
        if timecode:
            m = _TIMECODE.search(timecode)
            start = self.anchors.get(m.group(0), 0) if m else 0
        for lo in (start, 0):
            for i in range(lo, len(self.words) - len(needle) + 1):
                if self.words[i : i + len(needle)] == needle:
                    return i, i + len(needle)
        return None


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared > 0 and shared >= MIN_OVERLAP * min(a[1] - a[0], b[1] - b[0])


# --------------------------------------------------------------------------------------------------
# scoring


@dataclass(frozen=True)
class Label:
    id: str
    file: Path
    split: str
    quote: str
    start: str | None
    is_claim: bool
    kind: str
    subject: str | None


@dataclass
class Tally:
    predicted: int = 0
    correct: int = 0
    claims: int = 0
    found: int = 0
    non_claims: int = 0
    flagged: int = 0
    nameable: int = 0
    named: int = 0
    wrong: int = 0
    opinions: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in (
            "predicted",
            "correct",
            "claims",
            "found",
            "non_claims",
            "flagged",
            "nameable",
            "named",
            "wrong",
            "opinions",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses


def score_file(labels: Sequence[Label], claims: Sequence[Claim], placed: Placed) -> Tally:
    tally = Tally()
    spans: list[tuple[Label, tuple[int, int] | None]] = [
        (lab, placed.find(lab.quote, lab.start)) for lab in labels
    ]
    matches: dict[str, list[Claim]] = {lab.id: [] for lab in labels}
    for claim in claims:
        if claim.type.value == "opinion":  # a pure opinion is shown to the editor as an opinion, not a claim
            tally.opinions += 1
            continue
        tally.predicted += 1
        intervals = [placed.find(o.quote, o.timecode) for o in claim.occurrences] or [
            placed.find(claim.quote, claim.timecode)
        ]
        hit = [lab for lab, span in spans if span and any(iv and overlaps(iv, span) for iv in intervals)]
        for lab in hit:
            matches[lab.id].append(claim)
        if any(lab.is_claim for lab in hit):
            tally.correct += 1
        else:
            what = hit[0].kind if hit else "unlabelled"
            tally.misses.append(f"flagged ({what}): {claim.quote}")
    for lab, span in spans:
        if span is None:
            tally.misses.append(f"label not placed: {lab.id}")
        found = matches[lab.id]
        if not lab.is_claim:
            tally.non_claims += 1
            tally.flagged += bool(found)
            continue
        tally.claims += 1
        if not found:
            tally.misses.append(f"missed {lab.id}: {lab.quote}")
            continue
        tally.found += 1
        subject = lab.subject or ""
        if any(wrong_subject(c.text, subject) for c in found):
            tally.wrong += 1
            tally.misses.append(f"WRONG subject {lab.id} ({subject}): {found[0].text}")
        if unnameable(subject):
            continue
        tally.nameable += 1
        if any(names_subject(c.text, subject) for c in found):
            tally.named += 1
        else:
            tally.misses.append(f"unnamed {lab.id} ({subject}): {found[0].text}")
    return tally


def read_labels(which: str) -> list[Label]:
    out: list[Label] = []
    if which == "speech":
        for line in (SPEECH_DIR / "labels.jsonl").read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            out.append(
                Label(
                    d["id"],
                    SPEECH_DIR / d["transcript"],
                    d["split"],
                    d["quote"],
                    d["start"],
                    d["is_claim"],
                    d["kind"],
                    d["subject"],
                )
            )
    else:
        for line in SEEDS_LABELS.read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            out.append(
                Label(
                    d["id"],
                    SEEDS_DIR / d["seed"],
                    d["split"],
                    d["quote"],
                    None,
                    d["is_claim"],
                    d["kind"],
                    d["subject"],
                )
            )
    return out


def run_set(which: str, nlp: object, settings: Settings, verbose: bool) -> dict[str, Tally]:
    labels = read_labels(which)
    model = load_checkworthiness_model()
    by_split: dict[str, Tally] = {}
    for path in sorted({lab.file for lab in labels}):
        mine = [lab for lab in labels if lab.file == path]
        transcript = read_transcript(path, settings)
        claims = extract_claims(transcript, nlp, settings, model=model)  # type: ignore[arg-type]
        tally = score_file(mine, claims, Placed.of(path.read_text(encoding="utf-8", errors="replace")))
        if verbose:
            print(f"== {path.name} ({mine[0].split})", file=sys.stderr)
            for miss in tally.misses:
                print("  " + miss, file=sys.stderr)
        by_split.setdefault(mine[0].split, Tally()).add(tally)
    return by_split


def _ratio(num: int, den: int) -> str:
    return f"{num / den:.3f} ({num}/{den})" if den else "—"


def render(results: dict[str, dict[str, Tally]]) -> str:
    header = [
        "set",
        "split",
        "claim precision",
        "claim recall",
        "non-claims flagged (≤ 0.05)",
        "claims naming their subject (≥ 0.90)",
        "wrong subject added",
        "shown as opinion",
    ]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    for which, splits in results.items():
        for split in ("dev", "test"):
            t = splits.get(split)
            if t is None:
                continue
            row = [
                which,
                split,
                _ratio(t.correct, t.predicted),
                _ratio(t.found, t.claims),
                _ratio(t.flagged, t.non_claims),
                _ratio(t.named, t.nameable),
                str(t.wrong),
                str(t.opinions),
            ]
            lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=None, help="also write the table here")
    parser.add_argument("--sets", default="speech,seeds", help="comma-separated: speech, seeds")
    parser.add_argument("--verbose", action="store_true", help="list misses per file on stderr")
    args = parser.parse_args(argv)
    settings = Settings()
    t0 = time.perf_counter()
    nlp = load_nlp()
    results: dict[str, dict[str, Tally]] = {}
    for which in args.sets.split(","):
        if which == "seeds" and not SEEDS_DIR.is_dir():
            print(f"seeds: skipped, {SEEDS_DIR} is absent", file=sys.stderr)
            continue
        results[which] = run_set(which, nlp, settings, args.verbose)
    text = render(results) + f"\n\n{time.perf_counter() - t0:.0f} s, extraction only.\n"
    print(text)
    if args.out is not None:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
