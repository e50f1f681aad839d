"""Fit the learnt claim filter on labelled speech; write `claimcheck/data/claim_filter.json`.

    python -m claimcheck.training.claim_filter [--out claimcheck/data/claim_filter.json]

The filter (claimcheck/claims/claim_filter.py) is an L2-regularised logistic regression over a sentence's
MiniLM embedding, predicting whether the sentence is a claim. It is fitted on every labelled sentence of:

- the dev half of the unscripted-speech set (`benchmarks/data/speech/labels.jsonl`; its test half is never
  read here);
- the speech probes (`benchmarks/data/speech_probes/p*/labels.tsv`), transcripts written for this project
  in the seed-003 style, except the held-out ones (`HELD_OUT`), which are kept to measure the filter;
- the dev half of the tech-talk set (`benchmarks/data/techtalk_claims.jsonl`; its test half is never read);

each sentence of at least `Settings.min_claim_words` words (`readable`): a shorter one is never read by the
filter in the product.

Each transcript (a conversation of the tech-talk set) is one group. For each L2 strength in `L2_GRID`, every
group is scored by a model fitted on the others (leave-one-transcript-out); the cut is the out-of-fold score
under which at most `CLAIM_LOSS_BUDGET` of the labelled claims fall (the filter may cost that share of real
claims, no more), and the strength kept is the one whose cut keeps the fewest non-claims. The shipped model
is then fitted on everything with that strength. Sentences are read as a transcript's lines are
(`repair_line`: mojibake repaired), the way the product embeds a claim's quote.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
from spacy.tokens import Doc

from claimcheck.claims.claim_filter import CLAIM_FILTER_PATH, states_a_measure
from claimcheck.claims.nlp import load_nlp
from claimcheck.claims.syntax import content_words
from claimcheck.embedding import MINILM_NAME, Embedder, load_embedder
from claimcheck.errors import ClaimcheckError
from claimcheck.settings import REPO_DIR, Settings
from claimcheck.training.checkworthiness import TECHTALK_PATH, fit_logistic, predict, read_techtalk
from claimcheck.transcripts.source import repair_line

Array = npt.NDArray[np.float64]

SPEECH_LABELS = REPO_DIR / "benchmarks" / "data" / "speech" / "labels.jsonl"
PROBES_DIR = REPO_DIR / "benchmarks" / "data" / "speech_probes"
# Probes never read by the trainer: what the filter does on them is measured, not fitted.
HELD_OUT = frozenset({"p33"})
TRAINING_SPLIT = "dev"
# The share of labelled claims the cut may give up (out-of-fold): an editor never sees a claim filtered out,
# so the filter may cost few of them; what it gains is the talk it takes off the list.
CLAIM_LOSS_BUDGET = 0.01
L2_GRID = (0.1, 0.3, 1.0, 3.0, 10.0)
DECIMALS = 6
RETRAIN_COMMAND = "python -m claimcheck.training.claim_filter --out claimcheck/data/claim_filter.json"
# Sentences whose scores are stored with the model: a test checks that the live embedder still gives them,
# so a changed embedder (or model file) cannot pass unnoticed.
PROBE_SENTENCES = (
    "Revenue was sixty six point six billion, up from sixty two point three.",
    "Buying that company was a panic move, honestly.",
    "Okay, I've got the segment table up, consumer is the top row.",
    "My dad worked at one of their stores for like ten years.",
    "They trained it on about fifteen trillion tokens.",
)


@dataclass(frozen=True)
class Labelled:
    group: str  # the transcript (or tech-talk conversation) it was said in
    text: str
    is_claim: int


@dataclass(frozen=True)
class Source:
    path: Path
    sentences: int


def read_speech(path: Path = SPEECH_LABELS) -> list[Labelled]:
    """The dev half of the unscripted-speech set: every labelled sentence, claim or not."""
    out: list[Labelled] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if row["split"] == TRAINING_SPLIT:
                out.append(Labelled(row["transcript"], repair_line(row["quote"]), int(bool(row["is_claim"]))))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise ClaimcheckError(f"line {number}: not a speech label ({exc})", path=path) from None
    return out


def read_probe(path: Path) -> list[Labelled]:
    """One probe's labels.tsv: `file<TAB>is_claim<TAB>shape<TAB>sentence` per line."""
    out: list[Labelled] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != 4 or cells[1] not in ("0", "1"):
            raise ClaimcheckError(
                f"line {number}: expected file, is_claim (0 or 1), shape, sentence separated by tabs",
                path=path,
            )
        out.append(Labelled(f"{path.parent.name}/{cells[0]}", repair_line(cells[3]), int(cells[1])))
    return out


def probe_files(probes_dir: Path = PROBES_DIR) -> list[Path]:
    """The probes' labels.tsv files the trainer reads (the held-out ones left out)."""
    return [p for p in sorted(probes_dir.glob("*/labels.tsv")) if p.parent.name not in HELD_OUT]


def training_set(probes_dir: Path = PROBES_DIR) -> tuple[list[Labelled], list[Source]]:
    """Every labelled sentence the trainer may read, and the files they came from."""
    speech = read_speech()
    probes = {path: read_probe(path) for path in probe_files(probes_dir)}
    talk = [
        Labelled(f"techtalk/{s.conversation}", s.text, s.is_claim)
        for s in read_techtalk(TECHTALK_PATH)
        if s.split == TRAINING_SPLIT
    ]
    rows = [*speech, *(r for rs in probes.values() for r in rs), *talk]
    sources = [
        Source(SPEECH_LABELS, len(speech)),
        *(Source(path, len(rs)) for path, rs in probes.items()),
        Source(TECHTALK_PATH, len(talk)),
    ]
    return rows, sources


def readable(rows: Sequence[Labelled], tokenizer: Callable[[str], Doc], min_words: int) -> list[Labelled]:
    """The sentences the filter can meet: at least `min_words` words (the product's count, `content_words`);
    a shorter one is never a claim to read ("AWS.", "Only the instruct."), so it is neither fitted on nor
    counted in the claim-loss budget."""
    return [r for r in rows if len(content_words(tokenizer(r.text)[:])) >= min_words]


def embed(rows: Sequence[Labelled], embedder: Embedder) -> Array:
    return np.asarray(embedder.embed([r.text for r in rows]), dtype=np.float64)


def out_of_fold(x: Array, y: Array, groups: npt.NDArray[np.str_], l2: float) -> Array:
    """Leave-one-transcript-out probabilities: each group scored by a model fitted on the others."""
    scores = np.zeros(len(y))
    for group in np.unique(groups):
        held = groups == group
        intercept, coefficients = fit_logistic(x[~held], y[~held], l2)
        scores[held] = predict(x[held], intercept, coefficients)
    return scores


@dataclass(frozen=True)
class BudgetCut:
    threshold: float
    claims_lost: float  # share of labelled claims under the cut
    non_claims_kept: float  # share of labelled non-claims at or over it


def budget_cut(scores: Array, labels: Array, budget: float = CLAIM_LOSS_BUDGET) -> BudgetCut:
    """The highest cut that leaves at most `budget` of the claims (label 1) under it."""
    claims = np.sort(scores[labels == 1])
    if not len(claims):
        raise ClaimcheckError("no claims among the training sentences")
    threshold = float(claims[math.floor(budget * len(claims))])
    lost = float((claims < threshold).mean())
    kept = float((scores[labels == 0] >= threshold).mean()) if (labels == 0).any() else 0.0
    return BudgetCut(threshold, lost, kept)


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def train(embedder: Embedder, probes_dir: Path = PROBES_DIR) -> dict[str, object]:
    labelled, sources = training_set(probes_dir)
    min_words = Settings().min_claim_words
    rows = readable(labelled, load_nlp().make_doc, min_words)
    x = embed(rows, embedder)
    y = np.asarray([r.is_claim for r in rows], dtype=np.float64)
    groups = np.asarray([r.group for r in rows])
    scored = {l2: out_of_fold(x, y, groups, l2) for l2 in L2_GRID}
    cuts = {l2: budget_cut(scores, y) for l2, scores in scored.items()}
    l2 = min(L2_GRID, key=lambda value: (cuts[value].non_claims_kept, -value))
    cut = cuts[l2]
    # of the non-claims the cut takes out of fold, the share that states a measured figure: those the
    # product leaves to the editor (`states_a_measure`)
    taken = [r for r, score in zip(rows, scored[l2], strict=True) if not r.is_claim and score < cut.threshold]
    measured_share = sum(states_a_measure(r.text) for r in taken) / len(taken) if taken else 0.0
    intercept, coefficients = fit_logistic(x, y, l2)
    model: dict[str, object] = {
        "schema_version": 1,
        "model": "logistic regression over the sentence's embedding (claimcheck.claims.claim_filter)",
        "embedder": embedder.name,
        "dim": int(x.shape[1]),
        "intercept": round(intercept, DECIMALS),
        "coefficients": [round(float(c), DECIMALS) for c in coefficients],
        "threshold": round(cut.threshold, DECIMALS),
        "l2": l2,
        "claim_loss_budget": CLAIM_LOSS_BUDGET,
        "cross_validation": {
            "method": "leave-one-transcript-out",
            "folds": len(np.unique(groups)),
            "measured_share": round(measured_share, DECIMALS),
            "by_l2": {
                f"{k:g}": {
                    "threshold": round(v.threshold, DECIMALS),
                    "claims_lost": round(v.claims_lost, DECIMALS),
                    "non_claims_kept": round(v.non_claims_kept, DECIMALS),
                }
                for k, v in cuts.items()
            },
        },
        "training_data": {
            "sentences": len(rows),
            "left_out_short": len(labelled) - len(rows),
            "min_words": min_words,
            "claims": int(y.sum()),
            "splits_read": TRAINING_SPLIT,
            "held_out_probes": sorted(HELD_OUT),
            "files": [
                {
                    "path": str(s.path.relative_to(REPO_DIR)),
                    "sha256": sha256_of(s.path),
                    "sentences": s.sentences,
                }
                for s in sources
            ],
        },
        "retrain": RETRAIN_COMMAND,
    }
    probe_scores = predict(
        np.asarray(embedder.embed(list(PROBE_SENTENCES)), dtype=np.float64),
        round(intercept, DECIMALS),
        np.asarray(model["coefficients"], dtype=np.float64),
    )
    model["probe_scores"] = {
        s: round(float(p), DECIMALS) for s, p in zip(PROBE_SENTENCES, probe_scores, strict=True)
    }
    return model


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Fit the learnt claim filter on labelled speech.")
    parser.add_argument("--out", type=Path, default=CLAIM_FILTER_PATH, help="where to write the model JSON")
    args = parser.parse_args(argv)
    try:
        embedder = load_embedder(Settings(embedding_model=MINILM_NAME))
        model = train(embedder)
    except ClaimcheckError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, indent=2) + "\n", encoding="utf-8")
    cv = json.dumps(model["cross_validation"])
    print(f"wrote {args.out}: threshold {model['threshold']}, l2 {model['l2']}, cross-validation {cv}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
