"""Claim extraction: check-worthiness on CLEF-2019, is_claim on tech talk, throughput. Markdown tables out.

    python benchmarks/bench_claims.py [--out benchmarks/results/claims.md] [--skip-clef]

(a) CLEF-2019 CheckThat! Task 1, the 19 training debates and speeches in `../shared`, by leave-one-transcript-out
    cross-validation (the trainer's own code: `claimcheck.training.checkworthiness`). Each held-out file is scored
    by a model fitted on the other 18; its decision cut is chosen on those 18 alone (an inner
    leave-one-transcript-out run), so no number below saw the file it is measured on. MAP, P@5/P@10/P@20 are
    means over files (the task's own definitions); F1 is of the check-worthy class, pooled over all sentences.
    Beside it: the hand-set weights in `claimcheck/claims/checkworthiness.py` at their 0.5 cut, and a baseline that flags a
    sentence when it holds a number or a named entity (ties ranked in document order).
(b) Tech talk: `benchmarks/data/techtalk_claims.jsonl`, sentences of tech-interview talk written for this
    benchmark and labelled before any measurement; `split` was fixed by a seeded hash of each id. Each
    conversation goes through `extract_claims` as one transcript (one turn per labelled sentence); a sentence
    is predicted a claim when any claim cut from it is. Precision/recall/F1 of is_claim on the test half (and
    dev), beside the same baseline.
(c) Throughput: a one-hour transcript (about 9,000 words), built by rendering the tech-talk conversations as
    timecoded turns and repeating them with shifted timecodes, through read + segment + score (the whole
    `extract_claims` stage, the learnt claim filter included), and the baseline on the same sentences.
(d) The learnt claim filter on the held-out speech probes (`benchmarks/data/speech_probes/`, those its trainer
    never reads): claims found and non-claims flagged, with the filter and without it, in the same run.

The CLEF part needs `../shared`; without it that part is skipped with a message.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
from spacy.language import Language
from spacy.tokens import Doc, Span

import claimcheck.training.checkworthiness as train_cw
from claimcheck import ClaimType, Settings, extract_claims, load_nlp, read_transcript
from claimcheck.claims import (
    FEATURE_NAMES,
    FITTED_MODEL_PATH,
    CheckworthinessModel,
    hand_model,
    load_checkworthiness_model,
    segment,
    sentence_features,
)
from claimcheck.embedding import Embedder, load_embedder
from claimcheck.fsutil import atomic_write_text
from claimcheck.training.checkworthiness import (
    TECHTALK_PATH,
    TechTalkSentence,
    judge_techtalk,
    read_techtalk,
    techtalk_conversations,
)
from claimcheck.training.claim_filter import HELD_OUT, PROBES_DIR

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from benchmarks.real_scoring import quote_overlap  # noqa: E402

SHARED = REPO.parent / "shared"
CLEF_TRAINING = SHARED / "data" / "clef2019-checkthat-task1" / "data" / "training"
DEFAULT_OUT = REPO / "benchmarks" / "results" / "claims.md"
HOUR_WORDS = 9000  # one hour of speech at 150 words a minute
WORDS_PER_SECOND = 2.5
P_AT = (5, 10, 20)

Array = train_cw.Array


# --------------------------------------------------------------------------------------------------
# shared helpers


def has_number_or_entity(sent: Doc | Span) -> bool:
    """The baseline: a sentence is check-worthy when spaCy finds any entity or any number-like token in it."""
    return bool(sent.ents) or any(tok.like_num for tok in sent)


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float
    flagged: int


def prf(predicted: Sequence[bool], gold: Sequence[bool]) -> Scores:
    tp = sum(p and g for p, g in zip(predicted, gold, strict=True))
    flagged = sum(predicted)
    positives = sum(gold)
    precision = tp / flagged if flagged else 0.0
    recall = tp / positives if positives else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1, flagged)


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def f3(value: float) -> str:
    return f"{value:.3f}"


# --------------------------------------------------------------------------------------------------
# (a) CLEF-2019


def mean_precision_at(scores: Array, labels: Array, groups: Array, k: int) -> float:
    """P@k per file (ranking by score, ties in document order), averaged over the files."""
    values = []
    for group in np.unique(groups):
        held = groups == group
        order = np.argsort(-scores[held], kind="stable")
        values.append(float(labels[held][order][:k].sum()) / k)
    return float(np.mean(values))


def nested_cut_predictions(
    d: train_cw.Design, y: Array, groups: Array, l2: float
) -> tuple[Array, npt.NDArray[np.bool_]]:
    """(out-of-fold scores, flagged) where each file's cut is chosen on the other files only."""
    scores = np.zeros(len(y))
    flagged = np.zeros(len(y), dtype=bool)
    for group in np.unique(groups):
        held = groups == group
        inner = train_cw.Design(d.fitted_names, d.x[~held], d.offset[~held])
        inner_scores = train_cw.out_of_fold(inner, y[~held], groups[~held], l2)
        cut = train_cw.best_threshold(inner_scores, y[~held]).threshold
        intercept, coefficients = train_cw.fit_logistic(d.x[~held], y[~held], l2, d.offset[~held])
        scores[held] = train_cw.predict(d.x[held], intercept, coefficients, d.offset[held])
        flagged[held] = scores[held] >= cut
    return scores, flagged


def _ranking_row(
    name: str, scores: Array, flagged: npt.NDArray[np.bool_], y: Array, groups: Array
) -> list[str]:
    cut = prf(list(flagged), list(y.astype(bool)))
    return [
        name,
        f3(train_cw.mean_average_precision(scores, y, groups)),
        *(f3(mean_precision_at(scores, y, groups, k)) for k in P_AT),
        f3(cut.precision),
        f3(cut.recall),
        f3(cut.f1),
    ]


def clef_section(nlp: Language) -> str:
    if not CLEF_TRAINING.is_dir():
        return (
            "## (a) CLEF-2019 check-worthiness\n\n"
            f"skipped: {CLEF_TRAINING} is not present (../shared is absent)."
        )
    files = sorted(CLEF_TRAINING.glob("*.tsv"))
    rows = [row for path in files for row in train_cw.read_tsv(path)]
    features: list[list[float]] = []
    baseline: list[float] = []
    t0 = time.perf_counter()
    for doc in nlp.pipe([row.sentence for row in rows], batch_size=256):
        named = sentence_features(doc[:])
        features.append([named[name] for name in FEATURE_NAMES])
        baseline.append(float(has_number_or_entity(doc)))
    featurise_s = time.perf_counter() - t0
    x = np.asarray(features, dtype=np.float64)
    y = np.asarray([row.label for row in rows], dtype=np.float64)
    groups = np.asarray([row.group for row in rows])
    shipped = json.loads(FITTED_MODEL_PATH.read_text(encoding="utf-8"))
    l2 = float(shipped["l2"])

    fitted_scores, fitted_flagged = nested_cut_predictions(train_cw.design(x), y, groups, l2)
    hand = hand_model()
    hand_scores = np.asarray([hand.score(dict(zip(FEATURE_NAMES, row, strict=True))) for row in x])
    base = np.asarray(baseline)
    body = table(
        ["system", "MAP", "P@5", "P@10", "P@20", "precision", "recall", "F1 (check-worthy)"],
        [
            _ranking_row(
                f"fitted logistic (L2 {l2:g}), cut chosen on the other folds",
                fitted_scores,
                fitted_flagged,
                y,
                groups,
            ),
            _ranking_row("hand-set weights, cut 0.5", hand_scores, hand_scores >= 0.5, y, groups),
            _ranking_row("baseline: has a number or named entity", base, base >= 0.5, y, groups),
        ],
    )
    return "\n".join(
        [
            "## (a) CLEF-2019 check-worthiness (leave-one-transcript-out over the training files)",
            "",
            f"{len(files)} files, {len(rows)} sentences, {int(y.sum())} check-worthy. "
            f"Features for all sentences in {featurise_s:.0f} s. The best CLEF-2019 primary run reached MAP "
            "0.166 on the task's separate test set; the test files are not in ../shared, so nothing here is "
            "measured on them. The L2 strength is the shipped model's (chosen by the trainer on the same "
            "cross-validation). The hand-set weights were written by someone who had read CLEF sentences, so "
            "their row is not a clean held-out measure.",
            "",
            body,
        ]
    )


# --------------------------------------------------------------------------------------------------
# (b) tech talk


@dataclass(frozen=True)
class Prediction:
    is_claim: bool
    type: ClaimType | None


def predict_techtalk(
    sentences: Sequence[TechTalkSentence],
    nlp: Language,
    model: CheckworthinessModel,
    settings: Settings,
    embedder: Embedder | None = None,
) -> dict[str, Prediction]:
    """Per labelled sentence: is any claim cut from it a claim at the model's cut, and its best claim's type
    (with `embedder`, after the learnt claim filter)."""
    verdicts = judge_techtalk(sentences, nlp, model, settings, embedder)
    cut = settings.checkworthiness_threshold
    return {
        key: Prediction(v.score >= cut, v.type if v.score >= cut else None) for key, v in verdicts.items()
    }


def predict_baseline(sentences: Sequence[TechTalkSentence], nlp: Language) -> dict[str, Prediction]:
    docs = nlp.pipe([s.text for s in sentences])
    return {s.id: Prediction(has_number_or_entity(doc), None) for s, doc in zip(sentences, docs, strict=True)}


def _techtalk_rows(
    sentences: Sequence[TechTalkSentence], systems: dict[str, dict[str, Prediction]]
) -> list[list[str]]:
    rows = []
    for split in ("test", "dev"):
        chosen = [s for s in sentences if s.split == split]
        gold = [bool(s.is_claim) for s in chosen]
        for name, predictions in systems.items():
            scores = prf([predictions[s.id].is_claim for s in chosen], gold)
            claims = [s for s in chosen if s.is_claim]
            typed = [s for s in claims if predictions[s.id].type is not None]
            type_acc = f3(sum(predictions[s.id].type == s.type for s in typed) / len(typed)) if typed else "—"
            rows.append(
                [
                    split,
                    name,
                    str(len(chosen)),
                    str(sum(gold)),
                    str(scores.flagged),
                    f3(scores.precision),
                    f3(scores.recall),
                    f3(scores.f1),
                    type_acc,
                ]
            )
    return rows


def techtalk_section(nlp: Language, settings: Settings, embedder: Embedder) -> str:
    sentences = read_techtalk(TECHTALK_PATH)
    fitted = load_checkworthiness_model()
    systems = {
        f"claimcheck ({fitted.source}, claim filter)": predict_techtalk(
            sentences, nlp, fitted, settings, embedder
        ),
        f"claimcheck ({fitted.source}, no claim filter)": predict_techtalk(sentences, nlp, fitted, settings),
        "hand-set weights": predict_techtalk(sentences, nlp, hand_model(), settings),
        "baseline: has a number or named entity": predict_baseline(sentences, nlp),
    }
    body = table(
        [
            "split",
            "system",
            "sentences",
            "claims",
            "flagged",
            "precision",
            "recall",
            "F1",
            "type accuracy (found claims)",
        ],
        _techtalk_rows(sentences, systems),
    )
    return "\n".join(
        [
            "## (b) Tech talk: is_claim",
            "",
            f"`{TECHTALK_PATH.relative_to(REPO)}`: {len(sentences)} labelled sentences in "
            f"{len(techtalk_conversations(sentences))} conversations, split by a seeded hash "
            f"(dev {sum(s.split == 'dev' for s in sentences)}, test {sum(s.split == 'test' for s in sentences)}). "
            f"Threshold: `Settings.checkworthiness_threshold` = {settings.checkworthiness_threshold} "
            f"(the model's own cut), `min_claim_words` = {settings.min_claim_words}. Type accuracy is over the "
            "labelled claims the system found (the type of the best-scoring claim cut from the sentence). "
            "The claim filter (`claimcheck/claims/claim_filter.py`, as `run` uses it) was fitted on the dev "
            "half among other sets; the test half was never read by it.",
            "",
            body,
        ]
    )


# --------------------------------------------------------------------------------------------------
# (d) the claim filter on held-out speech


@dataclass(frozen=True)
class ProbeSentence:
    file: str
    is_claim: bool
    shape: str
    text: str


def read_probe_labels(path: Path) -> list[ProbeSentence]:
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [ProbeSentence(f, c == "1", shape, text) for f, c, shape, text in rows]


def probe_flags(
    directory: Path, nlp: Language, settings: Settings, embedder: Embedder | None
) -> list[tuple[ProbeSentence, bool]]:
    """Each labelled sentence of a probe and whether `extract_claims` flags it: the claim whose quote overlaps
    it best (token Jaccard or containment, `quote_overlap`, at least 0.5) is a claim and not a pure opinion."""
    labels = read_probe_labels(directory / "labels.tsv")
    out: list[tuple[ProbeSentence, bool]] = []
    for name in sorted({row.file for row in labels}):
        claims = extract_claims(
            read_transcript(directory / name, settings), nlp, settings, include_all=True, embedder=embedder
        )
        for row in (r for r in labels if r.file == name):
            best, overlap = None, 0.0
            for claim in claims:
                for quote in [claim.quote, *(o.quote for o in claim.occurrences)]:
                    value = quote_overlap(quote, row.text) or 0.0
                    if value > overlap:
                        best, overlap = claim, value
            flagged = best is not None and overlap >= 0.5 and best.is_claim and best.type != ClaimType.OPINION
            out.append((row, flagged))
    return out


def probe_section(nlp: Language, settings: Settings, embedder: Embedder) -> str:
    rows: list[list[str]] = []
    for probe in sorted(HELD_OUT):
        directory = PROBES_DIR / probe
        for label, used in (("claimcheck, claim filter", embedder), ("claimcheck, no claim filter", None)):
            flags = probe_flags(directory, nlp, settings, used)
            claims = [f for r, f in flags if r.is_claim]
            others = [f for r, f in flags if not r.is_claim]
            rows.append(
                [
                    probe,
                    label,
                    f"{sum(claims)} / {len(claims)}",
                    f"{sum(others)} / {len(others)}",
                    f3(sum(others) / len(others)) if others else "—",
                ]
            )
    body = table(["probe", "system", "claims found", "non-claims flagged", "flagged share"], rows)
    return "\n".join(
        [
            "## (d) The learnt claim filter on held-out speech",
            "",
            f"The speech probes that the claim filter's trainer never reads (`HELD_OUT`, "
            f"`{PROBES_DIR.relative_to(REPO)}/`): transcripts in the seed-003 style, every sentence labelled by "
            "its writer. A sentence is flagged when the claim quoting it best is a claim and not a pure "
            "opinion. Same code, same run, with the filter and with it off (`claim_filter_threshold` 0 is "
            "the same as no embedder).",
            "",
            body,
        ]
    )


# --------------------------------------------------------------------------------------------------
# (c) throughput


def _timecode(seconds: float) -> str:
    frames = round(seconds * 30)
    s, f = divmod(frames, 30)
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}:{f:02d}"


def one_hour_text(sentences: Sequence[TechTalkSentence], words: int = HOUR_WORDS) -> tuple[str, int]:
    """The tech-talk conversations as one timecoded transcript of about `words` words (turns = runs of one
    speaker), repeated with shifted timecodes; each repeat tags its turns so no two sentences are equal."""
    turns: list[tuple[str, str]] = []
    for conversation in techtalk_conversations(sentences):
        for sentence in conversation:
            if turns and turns[-1][0] == sentence.speaker:
                turns[-1] = (sentence.speaker, f"{turns[-1][1]} {sentence.text}")
            else:
                turns.append((sentence.speaker, sentence.text))
    blocks: list[str] = []
    clock = 0.0
    total = 0
    take = 0
    while total < words:
        take += 1
        for speaker, text in turns:
            said = text if take == 1 else f"Take {take}: {text}"
            length = len(said.split())
            blocks.append(
                f"{_timecode(clock)} - {_timecode(clock + length / WORDS_PER_SECOND)}\n{speaker}\n{said}"
            )
            clock += length / WORDS_PER_SECOND + 0.5
            total += length
            if total >= words:
                break
    head = "---\ntitle: One hour of tech talk\nslug: bench-hour\ndate: 2025-06-01\n---\n\n"
    return head + "\n".join(blocks) + "\n", total


def _timed(fn: Callable[[], object], repeats: int = 1) -> float:
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def throughput_section(nlp: Language, settings: Settings, embedder: Embedder) -> str:
    text, words = one_hour_text(read_techtalk(TECHTALK_PATH))
    model = load_checkworthiness_model()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "one-hour.txt"
        path.write_text(text, encoding="utf-8")
        transcript = read_transcript(path, settings)
        sentences = len(segment(transcript, nlp))

        def stage() -> object:
            return extract_claims(
                read_transcript(path, settings),
                nlp,
                settings,
                include_all=True,
                model=model,
                embedder=embedder,
            )

        def baseline() -> object:
            spoken = read_transcript(path, settings)
            docs = nlp.pipe(u.text for u in spoken.utterances)
            return [has_number_or_entity(sent) for doc in docs for sent in doc.sents]

        stage_s = _timed(stage, repeats=2)
        base_s = _timed(baseline, repeats=2)
        claims = len(extract_claims(transcript, nlp, settings, model=model, embedder=embedder))
    body = table(
        ["system", "seconds", "sentences / s", "words / s"],
        [
            [
                "claimcheck: read + segment + split + score + type + reword + claim filter",
                f"{stage_s:.2f}",
                f"{sentences / stage_s:.0f}",
                f"{words / stage_s:.0f}",
            ],
            [
                "baseline: read + spaCy + has a number or entity",
                f"{base_s:.2f}",
                f"{sentences / base_s:.0f}",
                f"{words / base_s:.0f}",
            ],
        ],
    )
    return "\n".join(
        [
            "## (c) Throughput: one hour of talk",
            "",
            f"{words} words, {len(transcript.utterances)} turns, {sentences} sentences, {claims} claims; "
            "the spaCy pipeline loaded once beforehand (not timed); best of 2 runs on a shared 2-core CPU.",
            "",
            body,
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to save the printed tables")
    parser.add_argument("--skip-clef", action="store_true", help="leave out (a), the slowest part")
    args = parser.parse_args(argv)
    settings = Settings()
    t0 = time.perf_counter()
    nlp = load_nlp()
    load_s = time.perf_counter() - t0
    embedder = load_embedder(settings)
    parts = [
        "# Claim extraction benchmarks",
        "",
        f"`python benchmarks/bench_claims.py`, {dt.date.today().isoformat()}; spaCy loaded in {load_s:.1f} s.",
    ]
    parts += ["", clef_section(nlp) if not args.skip_clef else "## (a) CLEF-2019\n\nskipped (--skip-clef)."]
    parts += ["", techtalk_section(nlp, settings, embedder), "", throughput_section(nlp, settings, embedder)]
    parts += ["", probe_section(nlp, settings, embedder), ""]
    report = "\n".join(parts)
    print(report)
    atomic_write_text(args.out, report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
