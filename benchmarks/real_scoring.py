"""Scoring for `bench_real.py`: labelled sentences against predicted claims and their draft verdicts.

Pure functions over small records, no models, so `tests/test_bench_real.py` checks them on hand-made
inputs. The prediction step (`real_predict.py`) writes what a checkout drafted; the same code here scores
this branch and the baseline.

Definitions (stated again under the table in benchmarks/results/real.md):

- **Tokens** of a quote: the text with mojibake repaired (ftfy), lower-cased, split into runs of letters
  and runs of digits ("Llama-3.1" and "llama3.1" both give llama 3 1; "3M" gives 3 m).
- **A predicted claim matches a labelled sentence** when both come from the same transcript and the
  token Jaccard of their quotes is at least `MATCH_JACCARD`, or the shorter quote's tokens (at least
  `MIN_CONTAINED_TOKENS` of them) occur contiguously inside the longer one (a claim split from a longer
  sentence, or one that runs two sentences together). A prediction's quote is its verbatim `quote` or
  any of its occurrences' quotes. Matching is one-to-one, greedy by Jaccard (highest first), so one
  predicted claim never counts for two labels. Bare claims (set b) match by id.
- **Claim precision**: predicted claims matched to a labelled claim / all predicted claims (an unmatched
  prediction, or one matched to a labelled non-claim, is a false positive). **Recall**: labelled claims
  matched / labelled claims. **Non-claims flagged**: labelled non-claims matched by a predicted claim /
  labelled non-claims.
- **Verdict accuracy and macro-F1** on the matched labelled claims (gold verdict vs. the draft's label);
  macro-F1 averages per-label F1 over the four labels, leaving out a label that neither gold nor
  drafts use.
- **Names its subject**: of the matched labelled claims, the share whose draft's checkable text (the
  claim's `text`) contains, as a run of tokens, the gold subject or one of its names (`subject_names`).
- **Drafted from evidence about another subject**: matched labelled claims whose draft label is not
  unverified while either the gold verdict is unverified, or none of the documents the draft cites is
  about one of the gold evidence's subjects (`doc_unit`: a 10-K text or FACTS.md is its own unit; a
  model card folder is one unit with its eval_details, the 3.2 vision card is its own).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ftfy

LABELS = ("real", "partially_true", "hype", "unverified")
# Token Jaccard at or above which two quotes are the same sentence. 0.5 lets a quote differ in its
# fillers and stutters ("in, in the", "um") or a rewritten pronoun, not in what it says.
MATCH_JACCARD = 0.5
# A contained quote shorter than this never matches by containment ("One percent." is in many sentences).
MIN_CONTAINED_TOKENS = 3
# First words too generic to name a subject alone: the first two words are its name then.
GENERIC_FIRST_WORDS = frozenset({"whole", "american", "united", "general", "new", "open", "the"})

# Set (b)'s labels cite the shipped corpus; the same facts in the corpus of record live here.
SHIPPED_TO_REAL: dict[str, str] = {
    "meta-10k/": "meta-10k-facts/FACTS.md",
    "llama-model-cards/llama-2.md": "llama-model-cards/models/llama2/MODEL_CARD.md",
    "llama-model-cards/llama-3.md": "llama-model-cards/models/llama3/MODEL_CARD.md",
    "llama-model-cards/llama-3-1.md": "llama-model-cards/models/llama3_1/MODEL_CARD.md",
    "llama-model-cards/llama-3-2.md": "llama-model-cards/models/llama3_2/MODEL_CARD.md",
    "llama-model-cards/llama-3-2-vision.md": "llama-model-cards/models/llama3_2/MODEL_CARD_VISION.md",
    "llama-model-cards/llama-3-3.md": "llama-model-cards/models/llama3_3/MODEL_CARD.md",
    "llama-model-cards/llama-4.md": "llama-model-cards/models/llama4/MODEL_CARD.md",
}


# ------------------------------------------------------------------------------------------ records


@dataclass(frozen=True)
class Gold:
    """One labelled sentence (sets a, c) or bare claim (set b)."""

    id: str
    source: str  # the transcript's / seed's file name; for bare claims the claims file's name
    quote: str
    is_claim: bool
    split: str
    subject: str | None = None
    verdict: str | None = None
    docs: tuple[str, ...] = ()  # gold evidence documents, as doc ids of the real corpus
    kind: str = "claim"


@dataclass(frozen=True)
class Pred:
    """One drafted claim: what was said, the checkable text, the draft's label and cited documents."""

    source: str
    quotes: tuple[str, ...]
    text: str
    label: str
    docs: tuple[str, ...] = ()
    id: str | None = None  # bare claims: the line id
    is_claim: bool = True
    rationale: str = ""


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def load_sentence_labels(path: Path, source_key: str = "transcript") -> list[Gold]:
    """Labels of sets (a) (`source_key="transcript"`) and (c) (`"seed"`)."""
    out = []
    for row in _jsonl(path):
        out.append(
            Gold(
                id=str(row["id"]),
                source=str(row[source_key]),
                quote=str(row["quote"]),
                is_claim=bool(row["is_claim"]),
                split=str(row["split"]),
                subject=row.get("subject"),
                verdict=row.get("verdict"),
                docs=tuple(str(e["doc"]) for e in row.get("evidence") or []),
                kind=str(row.get("kind", "claim")),
            )
        )
    return out


def real_doc(shipped: str) -> str:
    """The corpus-of-record document holding what a shipped-corpus document says."""
    for prefix, real in SHIPPED_TO_REAL.items():
        if shipped == prefix or (prefix.endswith("/") and shipped.startswith(prefix)):
            return real
    raise KeyError(f"no real-corpus document for shipped document {shipped!r}")


def load_claim_labels(path: Path) -> list[Gold]:
    """Set (b): bare claims with a label; evidence mapped to the real corpus."""
    return _bare_claims(path, real_doc)


def load_reworded_labels(path: Path) -> list[Gold]:
    """Set (d): dev claims of set (a) said again in other words, as bare claims with the talk's date; each
    keeps its original's verdict and gold documents (already the corpus of record's)."""
    return _bare_claims(path, str)


def _bare_claims(path: Path, doc_of: Callable[[str], str]) -> list[Gold]:
    """Bare claims with a label, their gold documents read by `doc_of`."""
    return [
        Gold(
            id=str(row["id"]),
            source=path.name,
            quote=str(row["text"]),
            is_claim=True,
            split=str(row["split"]),
            verdict=str(row["label"]),
            docs=tuple(dict.fromkeys(doc_of(str(d)) for d in row.get("evidence") or [])),
        )
        for row in _jsonl(path)
    ]


def load_predictions(record: dict[str, Any]) -> list[Pred]:
    """The predictions `real_predict.py` wrote for one set."""
    out = []
    for p in record["predictions"]:
        claim = p["claim"]
        quotes = [claim.get("quote", "")] + [o.get("quote", "") for o in claim.get("occurrences") or []]
        out.append(
            Pred(
                source=str(p["source"]),
                quotes=tuple(dict.fromkeys(q for q in quotes if q)),
                text=str(claim.get("text", "")),
                label=str(p["label"]),
                docs=tuple(p.get("evidence_docs") or ()),
                id=p.get("id"),
                # a pure opinion ("I think Jassy is the best CEO") is typed `opinion`: shown to the editor,
                # never checked; it is not a check-worthy claim
                is_claim=bool(claim.get("is_claim", True)) and claim.get("type") != "opinion",
                rationale=str(p.get("rationale", "")),
            )
        )
    return out


# ------------------------------------------------------------------------------------------ matching

_TOKEN = re.compile(r"[^\W\d_]+|\d+")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(ftfy.fix_text(text).lower())


def _contains(longer: Sequence[str], shorter: Sequence[str]) -> bool:
    n = len(shorter)
    return any(list(longer[i : i + n]) == list(shorter) for i in range(len(longer) - n + 1))


def quote_overlap(a: str, b: str) -> float | None:
    """The Jaccard of two quotes' token sets when they match (see module docstring), else None."""
    ta, tb = tokens(a), tokens(b)
    sa, sb = set(ta), set(tb)
    if not sa or not sb:
        return None
    jaccard = len(sa & sb) / len(sa | sb)
    if jaccard >= MATCH_JACCARD:
        return jaccard
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(short) >= MIN_CONTAINED_TOKENS and _contains(long_, short):
        return jaccard
    return None


def match(preds: Sequence[Pred], golds: Sequence[Gold]) -> dict[int, int]:
    """One-to-one matching, prediction index -> gold index (see module docstring)."""
    if preds and all(p.id is not None for p in preds):
        by_id = {(g.source, g.id): j for j, g in enumerate(golds)}
        return {i: by_id[(p.source, p.id)] for i, p in enumerate(preds) if (p.source, p.id) in by_id}
    candidates: list[tuple[float, int, int]] = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            if p.source != g.source:
                continue
            scores = [s for q in p.quotes if (s := quote_overlap(q, g.quote)) is not None]
            if scores:
                candidates.append((max(scores), i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in candidates:
        if i in pairs or j in used:
            continue
        pairs[i] = j
        used.add(j)
    return pairs


# ------------------------------------------------------------------------------------------ subjects


def subject_names(subject: str) -> list[str]:
    """The names that count as naming `subject`: the subject itself (without a parenthesis), a
    parenthesised owner that is a name ("Square (Block)" -> "Block"; not "(unnamed)"), and its first
    word without a possessive ("Meta's next model" -> "Meta"), except that a Llama model is named by its
    family and version ("Llama 3.1") or its own name ("Maverick"), never by "Llama" alone, and a
    generic first word ("Whole", "American") takes the next word with it."""
    owner = [o for o in re.findall(r"\(([^)]*)\)", subject) if o[:1].isupper() or o[:1].isdigit()]
    base = re.sub(r"\s*\([^)]*\)", "", subject).strip()
    names = [base, *owner]
    words = base.split()
    if not words:
        return [n for n in names if n]
    if words[0].lower() == "llama" and len(words) > 1 and words[1][:1].isdigit():
        names.append(f"Llama {words[1].split('-')[0]}")
        names += [w for w in words[2:] if w.isalpha() and w[0].isupper() and w != "Instruct"]
    elif words[0].lower() in GENERIC_FIRST_WORDS and len(words) > 1:
        names.append(" ".join(words[:2]))
    else:
        names.append(re.sub(r"['’]s$", "", words[0]))
    return list(dict.fromkeys(n for n in names if n))


def names_subject(text: str, subject: str) -> bool:
    """Whether `text` names `subject` (any of `subject_names`, as a run of tokens, any case)."""
    have = tokens(text)
    return any((want := tokens(name)) and _contains(have, want) for name in subject_names(subject))


def doc_unit(doc_id: str) -> str:
    """What a document is about, for the other-subject count: a model card's folder (its eval_details
    included; the 3.2 vision card is its own), otherwise the document itself."""
    parts = doc_id.split("/")
    if "models" in parts[:-1]:
        folder = "/".join(parts[: parts.index("models") + 2])
        return folder + ("/vision" if "vision" in parts[-1].lower() else "")
    return doc_id


def about_other_subject(pred: Pred, gold: Gold) -> bool:
    """A verdict drafted (not unverified) although the gold says the corpus does not settle the claim,
    or from documents none of which is about a gold evidence document's subject."""
    if pred.label == "unverified":
        return False
    if gold.verdict == "unverified":
        return True
    return not ({doc_unit(d) for d in pred.docs} & {doc_unit(d) for d in gold.docs})


# ------------------------------------------------------------------------------------------ metrics


def macro_f1(gold: Sequence[str], pred: Sequence[str], labels: Iterable[str] = LABELS) -> float | None:
    per = []
    for label in labels:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == p == label)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if p == label != g)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == label != p)
        if tp + fp + fn == 0:
            continue  # neither gold nor drafts use this label
        per.append(2 * tp / (2 * tp + fp + fn))
    return sum(per) / len(per) if per else None


@dataclass
class SetScore:
    """The figures of one set on one split, for one checkout. None: not applicable / nothing to score."""

    gold_claims: int = 0
    gold_nonclaims: int = 0
    predicted: int = 0
    matched: int = 0  # labelled claims with a matched prediction
    precision: float | None = None
    recall: float | None = None
    nonclaims_flagged: float | None = None
    accuracy: float | None = None
    macro_f1: float | None = None
    names_subject: float | None = None
    other_subject: int = 0
    pairs: list[tuple[Gold, Pred]] = field(default_factory=list, repr=False)


def _ratio(n: int, d: int) -> float | None:
    return n / d if d else None


def source_splits(golds: Sequence[Gold]) -> dict[str, str]:
    """Each source's split: the most common split among its labels (first seen on a tie)."""
    counts: dict[str, Counter[str]] = {}
    for g in golds:
        counts.setdefault(g.source, Counter())[g.split] += 1
    return {s: c.most_common(1)[0][0] for s, c in counts.items()}


def score(preds: Sequence[Pred], golds: Sequence[Gold], split: str, *, bare_claims: bool = False) -> SetScore:
    """The figures for `split`. A prediction belongs to its matched label's split, an unmatched one to
    its source's (`source_splits`). `bare_claims`: set (b), where every line is a claim, so claim
    precision, recall and non-claims flagged are not applicable."""
    preds = [p for p in preds if p.is_claim]
    pairs = match(preds, golds)
    by_source = source_splits(golds)
    own_golds = [g for g in golds if g.split == split]
    own_preds = [
        i
        for i, p in enumerate(preds)
        if (golds[pairs[i]].split if i in pairs else by_source.get(p.source)) == split
    ]
    gold_claims = [g for g in own_golds if g.is_claim]
    nonclaims = [g for g in own_golds if not g.is_claim]
    matched = [(golds[pairs[i]], preds[i]) for i in own_preds if i in pairs]
    claim_pairs = [(g, p) for g, p in matched if g.is_claim]
    flagged = sum(1 for g, _ in matched if not g.is_claim)
    with_subject = [(g, p) for g, p in claim_pairs if g.subject]
    out = SetScore(
        gold_claims=len(gold_claims),
        gold_nonclaims=len(nonclaims),
        predicted=len(own_preds),
        matched=len(claim_pairs),
        pairs=claim_pairs,
    )
    if not bare_claims:
        out.precision = _ratio(len(claim_pairs), len(own_preds))
        out.recall = _ratio(len(claim_pairs), len(gold_claims))
        out.nonclaims_flagged = _ratio(flagged, len(nonclaims))
    gold_labels = [str(g.verdict) for g, _ in claim_pairs]
    pred_labels = [p.label for _, p in claim_pairs]
    out.accuracy = _ratio(
        sum(1 for a, b in zip(gold_labels, pred_labels, strict=True) if a == b), len(claim_pairs)
    )
    out.macro_f1 = macro_f1(gold_labels, pred_labels)
    out.names_subject = _ratio(
        sum(1 for g, p in with_subject if names_subject(p.text, str(g.subject))), len(with_subject)
    )
    out.other_subject = sum(1 for g, p in claim_pairs if about_other_subject(p, g))
    return out
