"""Stance of a passage towards a claim: supports, neutral or contradicts.

`OnnxVerifier` runs the model claimcheck ships (claimcheck/data/verifier/: an int8 ONNX cross-encoder
fine-tuned from all-MiniLM-L6-v2 by `python -m claimcheck.training.verifier`). `CrossEncoderVerifier` runs any
local Hugging Face sequence-classification folder given with `--nli-model PATH`. Both return
probabilities with columns in `STANCE_ORDER`. Models are loaded once, by the caller, never at import.

A pair longer than the model's window (`MAX_LENGTH` word pieces) loses the end of its premise, explicitly:
the tokenizer truncates only the first sequence. A claim that alone leaves the premise fewer than
`MIN_PREMISE_PIECES` is first cut at a word to fit (`fit_pair`, reported by `Verifier.fit`), and a pair
with an empty side is neutral without running the model: nothing can be read from it.

Which (quote, text) pairs the verifier scores for a claim, and how the policy finds each score again, is
decided here too: `stance_requests` (one per primary passage and checked text, keyed by `stance_key`),
`score_stances` (one verifier call for a whole transcript), `part_stances` (the policy's lookup).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple, Protocol

import numpy as np
import numpy.typing as npt

from claimcheck.errors import ClaimcheckError
from claimcheck.models import ClaimEvidence, Evidence, Stance
from claimcheck.progress import NO_PROGRESS, Progress
from claimcheck.settings import Settings
from claimcheck.verify.evidence import check_texts, part_evidence, primary

STANCE_ORDER: tuple[Stance, Stance, Stance] = (Stance.SUPPORTS, Stance.NEUTRAL, Stance.CONTRADICTS)
DEFAULT_MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "verifier"
MODEL_FILE = "model.onnx"
MAX_LENGTH = 128  # word pieces for premise + claim; the model was trained at this length
# Word pieces a premise always keeps: a claim longer than the window less these (and [CLS] [SEP] [SEP]) is
# cut. 16 pieces is a short evidence sentence; claims cut into windows of `max_claim_words` never reach it.
MIN_PREMISE_PIECES = 16
_SPECIAL_PIECES = 3  # [CLS] premise [SEP] claim [SEP]
# The neutral row given to a pair with an empty side (no letter or digit): nothing can be read from it.
NEUTRAL_ROW = (0.0, 1.0, 0.0)
# One pair per run: int8 dynamic quantisation scales activations over the whole batch, so a pair scored
# beside others comes out slightly different (measured up to 0.06). Alone, a claim's stance never depends on
# which other claims share its transcript, and on 2 CPU cores it is no slower (94 vs 83 pairs/s, no padding).
BATCH_SIZE = 1

# Label names used by common NLI heads, mapped onto claimcheck's stances.
_LABEL_ALIASES: dict[str, Stance] = {
    "entailment": Stance.SUPPORTS,
    "entails": Stance.SUPPORTS,
    "supports": Stance.SUPPORTS,
    "support": Stance.SUPPORTS,
    "neutral": Stance.NEUTRAL,
    "not_enough_info": Stance.NEUTRAL,
    "notenoughinfo": Stance.NEUTRAL,
    "nei": Stance.NEUTRAL,
    "contradiction": Stance.CONTRADICTS,
    "contradicts": Stance.CONTRADICTS,
    "refutes": Stance.CONTRADICTS,
    "refute": Stance.CONTRADICTS,
}

Probs = npt.NDArray[np.float32]
StanceProbs = tuple[float, float, float]  # one row in STANCE_ORDER: supports, neutral, contradicts


class FittedPair(NamedTuple):
    """A (premise, hypothesis) pair as the verifier reads it."""

    premise: str
    hypothesis: str  # the claim, cut at a word when it alone would not leave the premise room
    cut: bool  # True when the hypothesis was cut


class Verifier(Protocol):
    """Scores (premise = evidence, hypothesis = claim) pairs."""

    def score(self, pairs: Sequence[tuple[str, str]]) -> Probs:
        """Probabilities, shape (len(pairs), 3), columns in STANCE_ORDER. A pair with an empty side is
        `NEUTRAL_ROW`; a long one is read as `fit` says."""
        ...

    def fit(self, pairs: Sequence[tuple[str, str]]) -> list[FittedPair]:
        """Each pair as the model reads it: its hypothesis cut when it alone overflows the window."""
        ...


def is_blank(text: str) -> bool:
    """No letter or digit: nothing for the verifier to read."""
    return not any(ch.isalnum() for ch in text)


def cut_to_fit(text: str, pieces: Callable[[str], int], budget: int) -> tuple[str, bool]:
    """`text`, or its longest beginning that ends a word (else a character) and counts at most `budget`
    word pieces by `pieces`; True when it was cut."""
    if pieces(text) <= budget:
        return text, False
    ends = [m.end() for m in re.finditer(r"\S+", text)]
    fits = _longest(ends, lambda end: pieces(text[:end]) <= budget)
    if fits is None:  # the first word alone is too long ("https://…")
        fits = _longest(list(range(1, len(text) + 1)), lambda end: pieces(text[:end]) <= budget)
    return text[: fits or 0].rstrip(), True


def _longest(ends: Sequence[int], fits: Callable[[int], bool]) -> int | None:
    """The largest of the sorted `ends` that `fits` (which holds for a prefix of them), by bisection."""
    lo, hi = 0, len(ends)  # ends[:lo] fit, ends[hi:] do not
    while lo < hi:
        mid = (lo + hi) // 2
        if fits(ends[mid]):
            lo = mid + 1
        else:
            hi = mid
    return ends[lo - 1] if lo else None


def fit_pair(premise: str, hypothesis: str, pieces: Callable[[str], int], max_length: int) -> FittedPair:
    """The pair with its hypothesis cut to leave the premise `MIN_PREMISE_PIECES` of `max_length`; the
    premise itself is truncated by the tokenizer (`only_first`)."""
    budget = max_length - _SPECIAL_PIECES - MIN_PREMISE_PIECES
    text, cut = cut_to_fit(hypothesis, pieces, budget)
    return FittedPair(premise, text, cut)


def _neutral_where_blank(pairs: Sequence[FittedPair], probs: Probs) -> Probs:
    for i, pair in enumerate(pairs):
        if is_blank(pair.premise) or is_blank(pair.hypothesis):
            probs[i] = NEUTRAL_ROW
    return probs


def stance_label(probs: Sequence[float] | Probs) -> Stance:
    """The most probable stance of one row (ties go to the earlier column: supports, then neutral)."""
    row = np.asarray(probs, dtype=np.float64).reshape(-1)
    if row.shape[0] != len(STANCE_ORDER):
        raise ClaimcheckError(f"expected {len(STANCE_ORDER)} probabilities, got {row.shape[0]}")
    return STANCE_ORDER[int(np.argmax(row))]


def softmax(logits: npt.NDArray[Any]) -> Probs:
    z = logits.astype(np.float64)
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    probs: Probs = (e / e.sum(axis=1, keepdims=True)).astype(np.float32)
    return probs


def load_tokenizer(folder: Path, max_length: int = MAX_LENGTH) -> Any:
    """The `tokenizers` tokenizer of a model folder, truncating the premise first so the claim survives."""
    from tokenizers import Tokenizer

    path = folder / "tokenizer.json"
    if not path.is_file():
        raise ClaimcheckError("no tokenizer.json in the model folder", path=folder)
    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=max_length, strategy="only_first")
    return tokenizer


def encode_pairs(
    tokenizer: Any, pairs: Sequence[tuple[str, str]]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Token ids, attention mask and segment ids for (premise, claim) pairs, padded to the longest. The
    premise is truncated to fit (`load_tokenizer`); each claim must already fit (`fit_pair`)."""
    encodings = tokenizer.encode_batch([(p, h) for p, h in pairs])
    width = max((len(e.ids) for e in encodings), default=1)
    ids = np.zeros((len(encodings), width), dtype=np.int64)
    mask = np.zeros((len(encodings), width), dtype=np.int64)
    types = np.zeros((len(encodings), width), dtype=np.int64)
    for i, e in enumerate(encodings):
        n = len(e.ids)
        ids[i, :n] = e.ids
        mask[i, :n] = 1
        types[i, :n] = e.type_ids
    return ids, mask, types


def _length_order(pairs: Sequence[FittedPair]) -> list[int]:
    """Indices sorted by text length (stable), so batches pad little."""
    return sorted(range(len(pairs)), key=lambda i: (len(pairs[i].premise) + len(pairs[i].hypothesis), i))


class OnnxVerifier:
    """The shipped int8 ONNX verifier. Build once; `score` is safe to call many times."""

    def __init__(
        self, folder: Path = DEFAULT_MODEL_DIR, *, batch_size: int = BATCH_SIZE, threads: int | None = None
    ) -> None:
        import onnxruntime as ort

        model_path = folder / MODEL_FILE
        if not model_path.is_file():
            raise ClaimcheckError(
                "verifier model not found",
                path=model_path,
                hint="reinstall claimcheck, or rebuild it with `python -m claimcheck.training.verifier`",
            )
        options = ort.SessionOptions()
        if threads is not None:
            options.intra_op_num_threads = threads
            options.inter_op_num_threads = 1
        self.folder = folder
        self.batch_size = batch_size
        self._session = ort.InferenceSession(str(model_path), options, providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self._session.get_inputs()}
        self.tokenizer = load_tokenizer(folder)
        labels = read_label_order(folder) if (folder / "config.json").is_file() else list(STANCE_ORDER)
        self._columns = [labels.index(s) for s in STANCE_ORDER]

    def _pieces(self, text: str) -> int:
        # (the tokenizer truncates at MAX_LENGTH, above every budget: a count past it still says "too long")
        return len(self.tokenizer.encode(text, add_special_tokens=False).ids)

    def fit(self, pairs: Sequence[tuple[str, str]]) -> list[FittedPair]:
        return [fit_pair(p, h, self._pieces, MAX_LENGTH) for p, h in pairs]

    def score(self, pairs: Sequence[tuple[str, str]]) -> Probs:
        fitted = self.fit(pairs)
        out = np.zeros((len(pairs), len(STANCE_ORDER)), dtype=np.float32)
        order = _length_order(fitted)
        for start in range(0, len(order), self.batch_size):
            chunk = order[start : start + self.batch_size]
            ids, mask, types = encode_pairs(self.tokenizer, [fitted[i][:2] for i in chunk])
            feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
            (logits,) = self._session.run(["logits"], {k: v for k, v in feeds.items() if k in self._inputs})
            out[chunk] = softmax(np.asarray(logits)[:, self._columns])
        return _neutral_where_blank(fitted, out)


def read_label_order(folder: Path) -> list[Stance]:
    """The stance of each output column of a local sequence-classification model, from its config.json."""
    config_path = folder / "config.json"
    hint = "give --nli-model a local Hugging Face sequence-classification folder with config.json"
    if not config_path.is_file():
        raise ClaimcheckError("no config.json in the NLI model folder", path=folder, hint=hint)
    try:
        config = json.loads(config_path.read_text(encoding="utf-8"))
        id2label = {int(k): str(v) for k, v in dict(config["id2label"]).items()}
    except (json.JSONDecodeError, KeyError, ValueError, TypeError) as exc:
        raise ClaimcheckError(
            f"config.json has no usable id2label ({exc})", path=config_path, hint=hint
        ) from None
    order: list[Stance] = []
    for index in range(len(id2label)):
        name = id2label.get(index, "")
        stance = _LABEL_ALIASES.get(name.strip().lower().replace(" ", "_").replace("-", "_"))
        if stance is None:
            raise ClaimcheckError(
                f"label {index} ({name!r}) is not an NLI label",
                path=config_path,
                hint="expected entailment / neutral / contradiction (or supports / refutes / nei)",
            )
        order.append(stance)
    if sorted(s.value for s in order) != sorted(s.value for s in STANCE_ORDER):
        raise ClaimcheckError(
            f"labels {[s.value for s in order]} do not cover supports, neutral and contradicts once each",
            path=config_path,
            hint=hint,
        )
    return order


class CrossEncoderVerifier:
    """Any local Hugging Face sequence-classification folder (`--nli-model PATH`), run with torch."""

    def __init__(self, folder: Path, *, batch_size: int = 16, max_length: int = 256) -> None:
        order = read_label_order(folder)
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        try:
            self._tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
            self._model = AutoModelForSequenceClassification.from_pretrained(
                str(folder), local_files_only=True
            )
        except (OSError, ValueError) as exc:
            raise ClaimcheckError(
                f"cannot load the NLI model: {exc}",
                path=folder,
                hint="the folder needs config.json, weights and tokenizer files",
            ) from None
        self._model.eval()
        # column j of our output comes from the model's column _columns[j]
        self._columns = [order.index(s) for s in STANCE_ORDER]
        self.batch_size = batch_size
        self.max_length = max_length

    def _pieces(self, text: str) -> int:
        ids = self._tokenizer(text, add_special_tokens=False, truncation=True, max_length=self.max_length)
        return len(ids["input_ids"])

    def fit(self, pairs: Sequence[tuple[str, str]]) -> list[FittedPair]:
        return [fit_pair(p, h, self._pieces, self.max_length) for p, h in pairs]

    def score(self, pairs: Sequence[tuple[str, str]]) -> Probs:
        import torch

        fitted = self.fit(pairs)
        out = np.zeros((len(pairs), len(STANCE_ORDER)), dtype=np.float32)
        order = _length_order(fitted)
        for start in range(0, len(order), self.batch_size):
            chunk = order[start : start + self.batch_size]
            batch = self._tokenizer(
                [fitted[i].premise for i in chunk],
                [fitted[i].hypothesis for i in chunk],
                truncation="only_first",
                max_length=self.max_length,
                padding=True,
                return_tensors="pt",
            )
            with torch.no_grad():
                logits = self._model(**batch).logits.float().numpy()
            out[chunk] = softmax(logits[:, self._columns])
        return _neutral_where_blank(fitted, out)


def load_verifier(path: Path | None = None, *, threads: int | None = None) -> Verifier:
    """The shipped verifier, or the local cross-encoder folder at `path` (`--nli-model`). `threads`: the
    ONNX session's threads (None: one per core; a batch worker sharing the cores with others takes its
    share)."""
    if path is None:
        return OnnxVerifier(threads=threads)
    if not path.is_dir():
        raise ClaimcheckError("NLI model folder not found", path=path, hint="--nli-model takes a folder")
    if (path / MODEL_FILE).is_file():
        return OnnxVerifier(path, threads=threads)
    return CrossEncoderVerifier(path)


# ---------------------------------------------------------------------------------- stance requests


def stance_key(part: int, passage_id: str) -> str:
    """Key of the verifier's stance of a passage toward a claim (part 0) or its k-th compound part."""
    return passage_id if part == 0 else f"{passage_id}@part{part}"


class StanceRequest(NamedTuple):
    """One pair the verifier scores for a claim."""

    key: str  # stance_key(part, passage_id)
    premise: str  # the quote
    hypothesis: str  # the checked text: the claim, or one of its compound parts


def stance_requests(
    item: ClaimEvidence, settings: Settings, wanted: dict[int, set[str]] | None = None
) -> list[StanceRequest]:
    """The pairs scored for one claim: each checked text against its quote of each of the claim's
    best-ranked primary passages (`stance_passages` of them); with `wanted` (`policy.stance_wanted`), only
    the parts and passages whose stance the policy may read."""
    related = primary(item.evidence, settings)[: settings.stance_passages]
    return [
        StanceRequest(stance_key(k, ev.passage.passage_id), ev.quote, text)
        for k, text in enumerate(check_texts(item.claim))
        for ev in part_evidence(item.claim, text, related)
        if (wanted is None or ev.passage.passage_id in wanted.get(k, ()))
        and reads_as_premise(ev.quote, settings)
    ]


# A word as a stance premise counts it: letters first ("Activision", "GSM-8K"), markup left out.
_PREMISE_WORD = re.compile(r"(?<![<\w/])[^\W\d_][\w'’-]*+(?![\w>])")
_MARKUP = re.compile(r"<[^<>]*+>")
_PREMISE_FIGURE = re.compile(r"(?<![\w.,])\d[\d.,]*+%?+(?!\w)")


def reads_as_premise(quote: str, settings: Settings) -> bool:
    """Whether the verifier can read a stance from `quote`: it says something in words
    (`stance_min_premise_words` of them at least, markup aside, and more words than figures).
    "Activision 128" or "2022 2021", a table's cells cut loose, neither supports nor contradicts
    anything."""
    text = _MARKUP.sub(" ", quote)
    words = len(_PREMISE_WORD.findall(text))
    # (a table row says more figures than words: "Math | GSM-8K (CoT) | 8 | 80.6 | 84.5 | 93.0 | …")
    return words >= settings.stance_min_premise_words and words > len(_PREMISE_FIGURE.findall(text))


def collect_stances(
    requests: Sequence[Sequence[StanceRequest]], probs: Sequence[Sequence[float]] | Probs
) -> list[dict[str, StanceProbs]]:
    """Each claim's stances by key, from the verifier's rows for its requests (all claims' in order)."""
    keys = [(i, r.key) for i, claim_requests in enumerate(requests) for r in claim_requests]
    out: list[dict[str, StanceProbs]] = [{} for _ in requests]
    for (i, key), row in zip(keys, probs, strict=True):
        out[i][key] = (float(row[0]), float(row[1]), float(row[2]))
    return out


def score_stances(
    items: Sequence[ClaimEvidence],
    verifier: Verifier | None,
    settings: Settings,
    progress: Progress = NO_PROGRESS,
    wanted: Sequence[dict[int, set[str]]] | None = None,
) -> list[dict[str, StanceProbs]]:
    """The verifier's stance of each claim's best primary passages, one batch for the whole transcript
    (scored `STANCE_STEP` pairs per call, each call reported to `progress`: "Scoring stances"); with
    `wanted` (one per item), only the pairs the policy may read."""
    if verifier is None:
        return [{} for _ in items]
    if wanted is None:
        requests = [stance_requests(item, settings) for item in items]
    else:
        requests = [stance_requests(item, settings, w) for item, w in zip(items, wanted, strict=True)]
    pairs = [(r.premise, r.hypothesis) for claim_requests in requests for r in claim_requests]
    if not pairs:
        return [{} for _ in items]
    return collect_stances(requests, score_in_steps(verifier, pairs, progress))


# Pairs per verifier call, so progress is reported between calls: a multiple of every verifier's batch
# (1 for the shipped model, 16 for --nli-model), a second or so of work on 2 cores.
STANCE_STEP = 64


def score_in_steps(verifier: Verifier, pairs: Sequence[tuple[str, str]], progress: Progress) -> Probs:
    """`verifier.score(pairs)`, `STANCE_STEP` pairs per call, each call reported to `progress`."""
    rows: list[Probs] = []
    with progress.stage("Scoring stances", total=len(pairs)) as advance:
        for start in range(0, len(pairs), STANCE_STEP):
            step = pairs[start : start + STANCE_STEP]
            rows.append(verifier.score(step))
            advance(len(step))
    return np.concatenate(rows) if rows else np.zeros((0, len(STANCE_ORDER)), dtype=np.float32)


def part_stances(
    stances: dict[str, StanceProbs], part: int, pool: Sequence[Evidence]
) -> dict[str, StanceProbs]:
    """The stances of one checked text (the `part`-th), by passage id, for the passages it reads."""
    keyed = {e.passage.passage_id: stance_key(part, e.passage.passage_id) for e in pool}
    return {pid: stances[key] for pid, key in keyed.items() if key in stances}


def with_stance(ev: Evidence, stances: dict[str, StanceProbs]) -> Evidence:
    """The evidence marked with the verifier's most probable stance (ties go to the earlier column)."""
    probs = stances.get(ev.passage.passage_id)
    if probs is None:
        return ev
    stance = STANCE_ORDER[max(range(len(STANCE_ORDER)), key=lambda i: probs[i])]
    return ev.model_copy(update={"stance": stance})
