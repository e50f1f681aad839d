"""Fit check-worthiness weights on CLEF-2019 CheckThat! Task 1; write `claimcheck/data/checkworthiness.json`.

    python -m claimcheck.training.checkworthiness \\
        --data ../shared/data/clef2019-checkthat-task1/data/training \\
        --out claimcheck/data/checkworthiness.json

The model is an L2-regularised logistic regression over `claimcheck.claims.sentence_features`, fitted with
Newton's method in numpy. Each debate/speech file is one group: the regularisation strength is chosen by
leave-one-transcript-out cross-validation, so no sentence is ever scored by a model that saw its own
transcript. A few policy features keep their hand-set weight (see `FIXED_WEIGHTS`) because the debate data
and this product disagree about them on purpose.

The decision cut is chosen twice. On CLEF (F2 on the pooled out-of-fold scores) it is recorded as
`clef_threshold`. The shipped `threshold` is chosen on the dev half of the labelled tech-talk set
(`benchmarks/data/techtalk_claims.jsonl`, `--tune`): debates hold about 3% check-worthy sentences, tech
interviews ten times more, so a cut fitted to debates flags too little of an interview. The test half of that
set is never read here. The product reads only the JSON this writes; this script is the one place that reads
the training data.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, ValidationError
from spacy.language import Language

from claimcheck.claims import (
    FEATURE_NAMES,
    FITTED_MODEL_PATH,
    HAND_WEIGHTS,
    SPACY_MODEL,
    CheckworthinessModel,
    extract_claims,
    hand_model,
    load_nlp,
    sentence_features,
)
from claimcheck.embedding import Embedder
from claimcheck.errors import ClaimcheckError, InputError
from claimcheck.models import ClaimType, Transcript, TranscriptMeta, Utterance
from claimcheck.settings import REPO_DIR, Settings

Array = npt.NDArray[np.float64]

DEFAULT_DATA = REPO_DIR.parent / "shared" / "data" / "clef2019-checkthat-task1" / "data" / "training"
TECHTALK_PATH = REPO_DIR / "benchmarks" / "data" / "techtalk_claims.jsonl"
RETRAIN_COMMAND = (
    "python -m claimcheck.training.checkworthiness "
    "--data ../shared/data/clef2019-checkthat-task1/data/training "
    "--tune benchmarks/data/techtalk_claims.jsonl --out claimcheck/data/checkworthiness.json"
)
# Each labelled tech-talk sentence's split is fixed by sha256(SPLIT_SALT + id): an even first byte is dev.
# It was assigned when the set was written, before anything was measured on it.
SPLIT_SALT = "techtalk-split-v1:"
TUNING_SPLIT = "dev"
# Objective for the shipped cut on tech-talk dev: F1 of is_claim. An editor's list should hold the claims
# and little else; a sentence under the cut is still listed by `claimcheck claims --all`.
TUNING_BETA = 1.0
# The date given to each tech-talk conversation (it only anchors "last year" in the claim wording).
TECHTALK_DATE = dt.date(2025, 6, 1)
# L2 strengths tried; the one with the best leave-one-transcript-out mean average precision is kept.
L2_GRID = (0.1, 1.0, 10.0, 100.0)
# Threshold objective: F-beta on the pooled out-of-fold predictions. beta = 2 weighs recall twice as much
# as precision: an editor rejects a needless claim in seconds, a missed claim is never reviewed at all.
F_BETA = 2.0
# Features whose weight is a product decision, not something CLEF can teach. Political fact-checkers
# leave promises alone, so fitting pushes `forward_looking` negative (-0.42 when it was fitted); this
# product checks predictions on purpose (ClaimType.PREDICTIVE, the "hype" verdict), so it keeps the
# hand-set weight and enters the fit as a fixed offset. The interview-genre features (greetings and thanks,
# requests, guest introductions, personal stories, asides, evaluative remarks) are rare in debates
# (introductions 0.3% of CLEF sentences, greetings 2.4%) and L2 shrinks them to almost nothing, though an
# interview is full of them; they keep their hand-set weights too. Fixing them left the CLEF
# cross-validated MAP where it was (0.191 either way).
GENRE_FEATURES = ("greeting", "imperative", "introduction", "anecdote", "stance_aside", "evaluative")
FIXED_WEIGHTS: dict[str, float] = {"forward_looking": HAND_WEIGHTS["forward_looking"]} | {
    name: HAND_WEIGHTS[name] for name in GENRE_FEATURES
}
# Sentences whose features are stored with the model: when the feature code changes what they compute, the
# shipped weights no longer mean what they were fitted to mean, and a test asks for a retrain.
PROBE_SENTENCES = (
    "Meta raised $5 billion in 2023, more than any rival in Europe.",
    "We will open the fastest plant in Ohio next year, and it will employ 900 people.",
    "I think Acme's new robot is amazing, to be honest.",
    "What did Nvidia spend on research last quarter?",
    "Yeah. Like.",
    "Dana, thank you so much for coming on the show.",
    "Walk me through the product lineup, starting wherever you like.",
    "I'm Sam Keller, and my guest today is Dana Whitfield.",
    "My dad uses his mostly to take pictures of his garden.",
    "It was hard from the inside too, I won't pretend otherwise.",
    "The chip ships in June and it sold out in two days.",
)
NEWTON_MAX_STEPS = 100
NEWTON_TOLERANCE = 1e-9
DECIMALS = 6  # rounding of the written numbers, so retraining on the same data gives the same file


@dataclass(frozen=True)
class Row:
    group: str  # the file (one debate or speech)
    line: int
    speaker: str
    sentence: str
    label: int


def read_tsv(path: Path) -> list[Row]:
    """CLEF-2019 Task 1 rows: line_number<TAB>speaker<TAB>sentence<TAB>label (0 or 1)."""
    rows: list[Row] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        fields = raw.split("\t")
        if len(fields) != 4 or fields[3].strip() not in ("0", "1"):
            raise InputError(
                "expected line_number<TAB>speaker<TAB>sentence<TAB>label with label 0 or 1",
                path=path,
                line=number,
            )
        rows.append(Row(path.stem, number, fields[1].strip(), fields[2].strip(), int(fields[3].strip())))
    return rows


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def feature_matrix(sentences: Sequence[str], nlp: Language) -> Array:
    rows = []
    for doc in nlp.pipe(sentences, batch_size=256):
        features = sentence_features(doc[:])
        rows.append([features[name] for name in FEATURE_NAMES])
    return np.asarray(rows, dtype=np.float64).reshape(len(sentences), len(FEATURE_NAMES))


def feature_probe(nlp: Language) -> dict[str, list[float]]:
    """`PROBE_SENTENCES` and their feature vectors (in `FEATURE_NAMES` order), rounded."""
    return {
        sentence: [_rounded(v) for v in row]
        for sentence, row in zip(PROBE_SENTENCES, feature_matrix(list(PROBE_SENTENCES), nlp), strict=True)
    }


def _sigmoid(z: Array) -> Array:
    out: Array = np.empty_like(z)
    positive = z >= 0
    out[positive] = 1.0 / (1.0 + np.exp(-z[positive]))
    e = np.exp(z[~positive])
    out[~positive] = e / (1.0 + e)
    return out


def fit_logistic(x: Array, y: Array, l2: float, offset: Array | None = None) -> tuple[float, Array]:
    """(intercept, coefficients) minimising log-loss + l2/2 * |coefficients|^2 (intercept not penalised).

    `offset` is added to every sentence's logit and not fitted (the fixed-weight features' contribution).
    """
    n, d = x.shape
    xb = np.hstack([np.ones((n, 1)), x])
    base = np.zeros(n) if offset is None else offset
    penalty = np.full(d + 1, l2)
    penalty[0] = 0.0
    w = np.zeros(d + 1)
    for _ in range(NEWTON_MAX_STEPS):
        p = _sigmoid(base + xb @ w)
        gradient = xb.T @ (p - y) + penalty * w
        hessian = (xb * (p * (1.0 - p))[:, None]).T @ xb + np.diag(penalty) + 1e-9 * np.eye(d + 1)
        step = np.linalg.solve(hessian, gradient)
        w = w - step
        if float(np.max(np.abs(step))) < NEWTON_TOLERANCE:
            break
    return float(w[0]), w[1:]


@dataclass(frozen=True)
class Design:
    """The feature matrix split into fitted columns and the fixed-weight offset."""

    fitted_names: tuple[str, ...]
    x: Array  # fitted columns only
    offset: Array  # sum of fixed weight * feature per sentence


def design(full: Array) -> Design:
    fitted = tuple(name for name in FEATURE_NAMES if name not in FIXED_WEIGHTS)
    columns = [FEATURE_NAMES.index(name) for name in fitted]
    offset = np.zeros(full.shape[0])
    for name, weight in FIXED_WEIGHTS.items():
        offset += weight * full[:, FEATURE_NAMES.index(name)]
    return Design(fitted_names=fitted, x=full[:, columns], offset=offset)


def predict(x: Array, intercept: float, coefficients: Array, offset: Array | None = None) -> Array:
    z = intercept + x @ coefficients
    return _sigmoid(z if offset is None else z + offset)


def average_precision(scores: Array, labels: Array) -> float:
    """Mean of precision at each relevant item, ranking by score (the CLEF-2019 Task 1 measure)."""
    order = np.argsort(-scores, kind="stable")
    hits = labels[order]
    if hits.sum() == 0:
        return 0.0
    precision_at = np.cumsum(hits) / np.arange(1, len(hits) + 1)
    return float((precision_at * hits).sum() / hits.sum())


def mean_average_precision(scores: Array, labels: Array, groups: Array) -> float:
    values = [
        average_precision(scores[groups == g], labels[groups == g])
        for g in np.unique(groups)
        if labels[groups == g].sum() > 0
    ]
    return float(np.mean(values)) if values else 0.0


@dataclass(frozen=True)
class Cut:
    threshold: float
    precision: float
    recall: float
    f_beta: float


def best_threshold(scores: Array, labels: Array, beta: float = F_BETA) -> Cut:
    """The score cut maximising F-beta (ties: the higher cut, which flags fewer sentences)."""
    best = Cut(0.5, 0.0, 0.0, -1.0)
    positives = float(labels.sum())
    for candidate in np.unique(np.round(scores, DECIMALS)):
        flagged = scores >= candidate
        tp = float((labels[flagged]).sum())
        precision = tp / flagged.sum() if flagged.any() else 0.0
        recall = tp / positives if positives else 0.0
        denom = beta * beta * precision + recall
        f = (1 + beta * beta) * precision * recall / denom if denom else 0.0
        if f >= best.f_beta:
            best = Cut(float(candidate), precision, recall, f)
    return best


def cut_metrics(scores: Array, labels: Array, threshold: float, beta: float = F_BETA) -> Cut:
    flagged = scores >= threshold
    tp = float(labels[flagged].sum())
    precision = tp / flagged.sum() if flagged.any() else 0.0
    recall = tp / labels.sum() if labels.sum() else 0.0
    denom = beta * beta * precision + recall
    return Cut(threshold, precision, recall, (1 + beta * beta) * precision * recall / denom if denom else 0.0)


def out_of_fold(d: Design, y: Array, groups: Array, l2: float) -> Array:
    """Leave-one-transcript-out predictions: each group scored by a model fitted on the others."""
    scores = np.zeros(len(y))
    for group in np.unique(groups):
        held = groups == group
        intercept, coefficients = fit_logistic(d.x[~held], y[~held], l2, d.offset[~held])
        scores[held] = predict(d.x[held], intercept, coefficients, d.offset[held])
    return scores


def _rounded(value: float) -> float:
    return round(float(value), DECIMALS)


# --------------------------------------------------------------------------------------------------
# the labelled tech-talk set


class TechTalkSentence(BaseModel):
    """One labelled sentence of `benchmarks/data/techtalk_claims.jsonl`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    conversation: str
    show: str
    speaker: str
    role: str
    text: str
    is_claim: int
    type: ClaimType | None
    split: str


def split_of(sentence_id: str) -> str:
    digest = hashlib.sha256(f"{SPLIT_SALT}{sentence_id}".encode()).digest()
    return "dev" if digest[0] % 2 == 0 else "test"


def read_techtalk(path: Path) -> list[TechTalkSentence]:
    """The labelled sentences, checked: valid rows, unique ids, labels and types agree, split as hashed."""
    out: list[TechTalkSentence] = []
    seen: set[str] = set()
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            row = TechTalkSentence.model_validate_json(raw)
        except ValidationError as exc:
            raise InputError(
                f"bad labelled sentence: {exc.errors()[0]['msg']}", path=path, line=number
            ) from None
        problem = None
        if row.id in seen:
            problem = f"duplicate id {row.id!r}"
        elif row.is_claim not in (0, 1) or (row.is_claim == 1) != (row.type is not None):
            problem = "is_claim must be 0 or 1, and a type is given exactly for claims"
        elif row.split != split_of(row.id):
            problem = f"split {row.split!r} is not the hashed split {split_of(row.id)!r}"
        if problem:
            raise InputError(problem, path=path, line=number)
        seen.add(row.id)
        out.append(row)
    return out


def techtalk_conversations(sentences: Sequence[TechTalkSentence]) -> list[list[TechTalkSentence]]:
    grouped: dict[str, list[TechTalkSentence]] = {}
    for sentence in sentences:
        grouped.setdefault(sentence.conversation, []).append(sentence)
    return list(grouped.values())


def as_transcript(conversation: Sequence[TechTalkSentence]) -> Transcript:
    """A conversation as the product reads one: one turn per labelled sentence."""
    return Transcript(
        id=conversation[0].conversation,
        source_path=str(TECHTALK_PATH),
        format="speaker_lines",
        meta=TranscriptMeta(title=conversation[0].show, date=TECHTALK_DATE),
        utterances=[Utterance(index=i, speaker=s.speaker, text=s.text) for i, s in enumerate(conversation)],
    )


@dataclass(frozen=True)
class SentenceVerdict:
    """What `extract_claims` made of one labelled sentence."""

    score: float  # best check-worthiness of the claims cut from it that are long enough (0 when none)
    type: ClaimType | None  # that claim's type


def judge_techtalk(
    sentences: Sequence[TechTalkSentence],
    nlp: Language,
    model: CheckworthinessModel,
    settings: Settings,
    embedder: Embedder | None = None,
) -> dict[str, SentenceVerdict]:
    """Run the product's own `extract_claims` over each conversation and read back each sentence's best claim.

    The threshold is set to 0 so that every clause long enough to be a claim comes back with its score;
    comparing that score with a cut then gives exactly the product's decision at that cut. With `embedder`,
    the learnt claim filter reads the clauses too (as `run` does); the cut here is chosen without it.
    """
    everything = settings.model_copy(update={"checkworthiness_threshold": 0.0})
    out: dict[str, SentenceVerdict] = {}
    for conversation in techtalk_conversations(sentences):
        claims = extract_claims(
            as_transcript(conversation), nlp, everything, include_all=True, model=model, embedder=embedder
        )
        for index, sentence in enumerate(conversation):
            mine = [
                c for c in claims if c.is_claim and any(o.utterance_index == index for o in c.occurrences)
            ]
            best = max(mine, key=lambda c: c.checkworthiness, default=None)
            out[sentence.id] = SentenceVerdict(
                best.checkworthiness if best else 0.0, best.type if best else None
            )
    return out


def tune_cut(
    sentences: Sequence[TechTalkSentence], nlp: Language, intercept: float, weights: dict[str, float]
) -> tuple[Cut, int]:
    """The cut on raw probabilities that maximises F-beta on the tuning split, and the number of sentences."""
    tuning = [s for s in sentences if s.split == TUNING_SPLIT]
    if not tuning:
        raise ClaimcheckError(f"no {TUNING_SPLIT!r} sentences in the tuning set", path=TECHTALK_PATH)
    raw = CheckworthinessModel(bias=intercept, weights=weights, cut=0.5, source="tuning")
    verdicts = judge_techtalk(tuning, nlp, raw, Settings())
    scores = np.asarray([verdicts[s.id].score for s in tuning])
    labels = np.asarray([float(s.is_claim) for s in tuning])
    best = best_threshold(scores, labels, beta=TUNING_BETA)
    # The best cut sits exactly on a (rounded) sentence score; move it halfway down to the next lower score
    # so that the sentence on the cut stays above it whatever the rounding, and nothing else changes side.
    below = scores[scores < best.threshold]
    midpoint = (best.threshold + float(below.max())) / 2 if below.size else best.threshold
    return cut_metrics(scores, labels, midpoint, beta=TUNING_BETA), len(tuning)


# --------------------------------------------------------------------------------------------------
# training


def train(data_dir: Path, nlp: Language, tuning: Path | None = None) -> dict[str, object]:
    """Fit on the CLEF files in `data_dir`; choose the shipped cut on `tuning`'s dev half (else on CLEF)."""
    files = sorted(data_dir.glob("*.tsv"))
    if not files:
        raise ClaimcheckError(
            "no .tsv files found", path=data_dir, hint="point --data at the CLEF training folder"
        )
    rows = [row for path in files for row in read_tsv(path)]
    x = feature_matrix([row.sentence for row in rows], nlp)
    y = np.asarray([row.label for row in rows], dtype=np.float64)
    groups = np.asarray([row.group for row in rows])
    d = design(x)

    search = {l2: out_of_fold(d, y, groups, l2) for l2 in L2_GRID}
    maps = {l2: mean_average_precision(scores, y, groups) for l2, scores in search.items()}
    l2 = max(L2_GRID, key=lambda value: (maps[value], value))
    oof = search[l2]
    cut = best_threshold(oof, y)

    hand = hand_model()
    hand_scores = np.asarray([hand.score(dict(zip(FEATURE_NAMES, row, strict=True))) for row in x])
    hand_cut = cut_metrics(hand_scores, y, 0.5)

    intercept, fitted = fit_logistic(d.x, y, l2, d.offset)
    weights = dict(zip(d.fitted_names, (float(c) for c in fitted), strict=True)) | FIXED_WEIGHTS
    rounded = {name: _rounded(weights[name]) for name in FEATURE_NAMES}
    shipped_cut = cut.threshold
    tuned: dict[str, object] = {"used": False}
    if tuning is not None:
        tech_cut, count = tune_cut(read_techtalk(tuning), nlp, _rounded(intercept), rounded)
        shipped_cut = tech_cut.threshold
        tuned = {
            "used": True,
            "file": {"name": tuning.name, "sha256": sha256_of(tuning)},
            "split": TUNING_SPLIT,
            "sentences": count,
            "objective": f"F{TUNING_BETA:g} of is_claim",
            "precision": _rounded(tech_cut.precision),
            "recall": _rounded(tech_cut.recall),
            f"f{TUNING_BETA:g}": _rounded(tech_cut.f_beta),
        }
    return {
        "schema_version": 1,
        "model": "logistic regression over claimcheck.claims.sentence_features",
        "feature_names": list(FEATURE_NAMES),
        "coefficients": [rounded[name] for name in FEATURE_NAMES],
        "fixed_weights": dict(FIXED_WEIGHTS),
        "intercept": _rounded(intercept),
        "threshold": _rounded(shipped_cut),
        "threshold_source": "tech-talk dev split" if tuning is not None else "CLEF cross-validation",
        "clef_threshold": _rounded(cut.threshold),
        "l2": l2,
        "threshold_objective": f"F{F_BETA:g} on pooled leave-one-transcript-out predictions",
        "tech_talk_tuning": tuned,
        "cross_validation": {
            "folds": len(files),
            "map_by_l2": {f"{k:g}": _rounded(v) for k, v in maps.items()},
            "map": _rounded(maps[l2]),
            "precision": _rounded(cut.precision),
            "recall": _rounded(cut.recall),
            f"f{F_BETA:g}": _rounded(cut.f_beta),
            "flagged_share": _rounded(float((oof >= cut.threshold).mean())),
            "hand_weights_at_0.5": {
                "map": _rounded(mean_average_precision(hand_scores, y, groups)),
                "precision": _rounded(hand_cut.precision),
                "recall": _rounded(hand_cut.recall),
                f"f{F_BETA:g}": _rounded(hand_cut.f_beta),
            },
        },
        "training_data": {
            "dataset": "CLEF-2019 CheckThat! Task 1 (training split)",
            "sentences": len(rows),
            "check_worthy": int(y.sum()),
            "files": [{"name": path.name, "sha256": sha256_of(path)} for path in files],
        },
        "feature_probe": feature_probe(nlp),
        "spacy_model": SPACY_MODEL,
        "retrain": RETRAIN_COMMAND,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Fit check-worthiness weights on CLEF-2019 Task 1.")
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="folder of CLEF-2019 training .tsv files"
    )
    parser.add_argument(
        "--tune",
        type=Path,
        default=TECHTALK_PATH,
        help="labelled tech-talk .jsonl whose dev half picks the shipped cut",
    )
    parser.add_argument("--no-tune", action="store_true", help="ship the CLEF cut instead")
    parser.add_argument("--out", type=Path, default=FITTED_MODEL_PATH, help="where to write the model JSON")
    args = parser.parse_args(argv)
    try:
        model = train(args.data, load_nlp(), None if args.no_tune else args.tune)
    except ClaimcheckError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, indent=2) + "\n", encoding="utf-8")
    cv = model["cross_validation"]
    print(f"wrote {args.out}: threshold {model['threshold']}, cross-validation {json.dumps(cv)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
