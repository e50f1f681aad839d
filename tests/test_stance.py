"""The shipped verifier model and the stance runtime.

The obvious cases below were written for this test, not taken from the training data.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from claimcheck.errors import ClaimcheckError
from claimcheck.models import ClaimEvidence, Stance
from claimcheck.pipeline import judge_all
from claimcheck.settings import Settings
from claimcheck.training.verifier_data import sha256_file
from claimcheck.verify.policy import judge
from claimcheck.verify.stance import (
    DEFAULT_MODEL_DIR,
    MODEL_FILE,
    STANCE_ORDER,
    CrossEncoderVerifier,
    FittedPair,
    OnnxVerifier,
    Probs,
    collect_stances,
    fit_pair,
    load_verifier,
    part_stances,
    read_label_order,
    score_stances,
    stance_key,
    stance_label,
    stance_requests,
)
from tests.factories import make_claim, make_claim_evidence, make_passage

EVIDENCE = (
    "Total revenue for fiscal 2022 was $17.61 billion, up 15 percent from $15.31 billion in fiscal 2021. "
    "Subscription revenue made up 92% of the total."
)
CARD = "Falcon-Lite 2.5 was trained on 9 trillion tokens and has a context window of 64k tokens."

CONTRADICTED = [
    (EVIDENCE, "Revenue in fiscal 2022 was $21.4 billion."),  # figure changed
    (EVIDENCE, "Total revenue for fiscal 2019 was $17.61 billion."),  # year changed
    (EVIDENCE, "Total revenue for fiscal 2022 was not $17.61 billion."),  # negation
    ("Acme Robotics 4.0 ships with a 12-hour battery.", "Acme Robotics 2.0 ships with a 12-hour battery."),
]
SUPPORTED = [
    (EVIDENCE, "Revenue for fiscal 2022 was $17.61 billion."),
    (CARD, "Falcon-Lite 2.5 has a context window of 64k tokens."),
]


def test_stance_label_picks_the_largest_column() -> None:
    assert stance_label([0.7, 0.2, 0.1]) == Stance.SUPPORTS
    assert stance_label(np.array([0.1, 0.2, 0.7], dtype=np.float32)) == Stance.CONTRADICTS
    assert stance_label([0.2, 0.6, 0.2]) == Stance.NEUTRAL
    with pytest.raises(ClaimcheckError):
        stance_label([0.5, 0.5])


def test_shipped_file_matches_its_manifest() -> None:
    manifest = json.loads((DEFAULT_MODEL_DIR / "manifest.json").read_text(encoding="utf-8"))
    model = DEFAULT_MODEL_DIR / manifest["model_file"]
    assert manifest["model_file"] == MODEL_FILE
    assert sha256_file(model) == manifest["model_sha256"]
    assert model.stat().st_size == manifest["model_bytes"] <= 30_000_000
    assert manifest["labels"] == [s.value for s in STANCE_ORDER]
    assert (DEFAULT_MODEL_DIR / "MODEL_CARD.md").is_file()


@pytest.fixture(scope="module")
def verifier() -> OnnxVerifier:
    return OnnxVerifier(threads=2)


def test_related_pairs_are_not_called_neutral(verifier: OnnxVerifier) -> None:
    probs = verifier.score([*CONTRADICTED, *SUPPORTED])
    assert all(stance_label(row) != Stance.NEUTRAL for row in probs)
    unrelated = verifier.score([(EVIDENCE, "The Eiffel Tower is repainted every seven years.")])
    assert unrelated[0, 1] > probs[:, 1].max()


def test_obvious_contradictions(verifier: OnnxVerifier) -> None:
    labels = [stance_label(row) for row in verifier.score(CONTRADICTED)]
    assert labels == [Stance.CONTRADICTS] * len(CONTRADICTED)


def test_faithful_restatements_are_supported(verifier: OnnxVerifier) -> None:
    labels = [stance_label(row) for row in verifier.score(SUPPORTED)]
    assert labels == [Stance.SUPPORTS] * len(SUPPORTED)


def test_scores_are_probabilities_in_input_order(verifier: OnnxVerifier) -> None:
    pairs = [*SUPPORTED, *CONTRADICTED]
    together = verifier.score(pairs)
    assert together.shape == (len(pairs), 3)
    assert np.allclose(together.sum(axis=1), 1.0, atol=1e-5)
    # Same pairs in reverse: the length-sorted batches are the same, so each row must come back to its place.
    backwards = verifier.score(pairs[::-1])
    assert np.allclose(together, backwards[::-1], atol=1e-6)
    # A pair's score does not depend on the pairs scored with it.
    one_by_one = np.vstack([verifier.score([p]) for p in pairs])
    assert np.allclose(together, one_by_one, atol=1e-6)
    assert verifier.score([]).shape == (0, 3)


def test_load_verifier_defaults_to_the_shipped_model() -> None:
    assert isinstance(load_verifier(None), OnnxVerifier)
    assert isinstance(load_verifier(DEFAULT_MODEL_DIR), OnnxVerifier)


def test_missing_folder_and_missing_model(tmp_path: Path) -> None:
    with pytest.raises(ClaimcheckError) as err:
        load_verifier(tmp_path / "nope")
    assert "nope" in str(err.value)
    with pytest.raises(ClaimcheckError):
        OnnxVerifier(tmp_path)


# ------------------------------------------------------------------------------------------------
# --nli-model: any local sequence-classification folder


def _tiny_model(folder: Path, id2label: dict[int, str]) -> None:
    import torch
    from transformers import (  # type: ignore[attr-defined]
        BertConfig,
        BertForSequenceClassification,
        BertTokenizerFast,
    )

    words = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "revenue", "was", "rose", "fell", "the", "."]
    vocab = folder / "vocab.txt"
    folder.mkdir(parents=True, exist_ok=True)
    vocab.write_text("\n".join(words) + "\n", encoding="utf-8")
    BertTokenizerFast(vocab_file=str(vocab)).save_pretrained(str(folder))
    torch.manual_seed(0)
    config = BertConfig(  # type: ignore[call-arg]
        vocab_size=len(words),
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        num_labels=len(id2label),
        id2label=id2label,
        label2id={v: k for k, v in id2label.items()},
    )
    model = BertForSequenceClassification(config)
    model.save_pretrained(str(folder))


def test_cross_encoder_maps_columns_by_config(tmp_path: Path) -> None:
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    folder = tmp_path / "nli"
    _tiny_model(folder, {0: "CONTRADICTION", 1: "entailment", 2: "Neutral"})
    assert read_label_order(folder) == [Stance.CONTRADICTS, Stance.SUPPORTS, Stance.NEUTRAL]
    pairs = [("the revenue rose .", "the revenue fell ."), ("revenue was", "the revenue was .")]
    verifier = load_verifier(folder)
    assert isinstance(verifier, CrossEncoderVerifier)
    got = verifier.score(pairs)

    tok = AutoTokenizer.from_pretrained(str(folder))
    model = AutoModelForSequenceClassification.from_pretrained(str(folder)).eval()
    for i, (premise, claim) in enumerate(pairs):
        with torch.no_grad():
            logits = model(**tok(premise, claim, return_tensors="pt")).logits[0]
        probs = torch.softmax(logits, dim=0).numpy()
        # supports ← entailment (1), neutral ← Neutral (2), contradicts ← CONTRADICTION (0)
        assert np.allclose(got[i], probs[[1, 2, 0]], atol=1e-5)


def test_cross_encoder_errors_name_the_folder(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ClaimcheckError) as err:
        load_verifier(empty)
    assert err.value.path == str(empty) and err.value.hint
    odd = tmp_path / "sentiment"
    _tiny_model(odd, {0: "positive", 1: "negative", 2: "neutral"})
    with pytest.raises(ClaimcheckError) as err:
        load_verifier(odd)
    assert "positive" in str(err.value) and err.value.path == str(odd / "config.json")
    two = tmp_path / "two"
    _tiny_model(two, {0: "entailment", 1: "contradiction"})
    with pytest.raises(ClaimcheckError):
        read_label_order(two)


# ---- which pairs are scored, and how the policy finds them ---------------------------------------


def _item(text: str, parts: list[str], scores: list[float]) -> ClaimEvidence:
    """The claim `text` with one passage of EVIDENCE per retrieval score, "doc.md#0", "doc.md#1", …"""
    found = [(make_passage(EVIDENCE, passage_id=f"doc.md#{i}"), score) for i, score in enumerate(scores)]
    return make_claim_evidence(make_claim(text, claim_id="c", parts=parts), *found)


class _FixedVerifier:
    """Supports every pair, a little less each time: rows come back in request order."""

    def __init__(self) -> None:
        self.pairs: list[tuple[str, str]] = []

    def score(self, pairs: Sequence[tuple[str, str]]) -> Probs:
        self.pairs += pairs
        return np.array([[0.9 - 0.1 * i, 0.05, 0.05 + 0.1 * i] for i in range(len(pairs))], dtype=np.float32)

    def fit(self, pairs: Sequence[tuple[str, str]]) -> list[FittedPair]:
        """A window of 40 word pieces, each word one piece."""
        return [fit_pair(p, h, lambda text: len(text.split()), 40) for p, h in pairs]


def test_a_claim_the_verifier_reads_only_the_start_of_goes_to_review(settings: Settings) -> None:
    # A window of at most `max_claim_words` words still overflows a verifier whose window is small (or
    # whose word pieces are many: figures, urls); the draft says so instead of trusting the cut stance.
    short = _item("Revenue in fiscal 2022 was $17.61 billion", [], [0.9])
    long_text = "Revenue in fiscal 2022 was $17.61 billion " + " ".join(["and"] * 30)
    long = _item(long_text, [], [0.9])
    short_draft, long_draft = judge_all([short, long], settings, _FixedVerifier())
    cut = "claim longer than the verifier's window: its stance was read from its first words only"
    assert cut not in short_draft.review_reasons
    assert cut in long_draft.review_reasons and long_draft.needs_review
    assert cut not in judge_all([long], settings, None)[0].review_reasons


def test_stance_requests_cover_each_part_and_the_best_primary_passages() -> None:
    settings = Settings(stance_passages=2)
    parts = ["Revenue in fiscal 2022 was $17.61 billion", "subscriptions made up 92% of it"]
    item = _item(" and ".join(parts), parts, [0.9, 0.8, 0.7, 0.1])  # the last is not relevant
    requests = stance_requests(item, settings)
    assert [r.key for r in requests] == ["doc.md#0", "doc.md#1", "doc.md#0@part1", "doc.md#1@part1"]
    assert [r.hypothesis for r in requests] == [parts[0], parts[0], parts[1], parts[1]]
    assert all(r.premise in EVIDENCE for r in requests)
    whole = _item(parts[0], [], [0.9])
    assert [(r.key, r.hypothesis) for r in stance_requests(whole, settings)] == [("doc.md#0", parts[0])]


def test_score_stances_keys_each_claims_rows(settings: Settings) -> None:
    items = [_item("Revenue in fiscal 2022 was $17.61 billion", [], [0.9]), _item("Nothing here", [], [0.1])]
    verifier = _FixedVerifier()
    first, second = score_stances(items, verifier, settings)
    assert len(verifier.pairs) == 1 and second == {}
    assert list(first) == [stance_key(0, "doc.md#0")]
    assert first["doc.md#0"] == pytest.approx((0.9, 0.05, 0.05))
    assert part_stances(first, 0, items[0].evidence) == first
    assert part_stances(first, 1, items[0].evidence) == {}
    assert score_stances(items, None, settings) == [{}, {}]
    with pytest.raises(ValueError):
        collect_stances([stance_requests(items[0], settings)], np.zeros((2, 3), dtype=np.float32))


class _PerPairVerifier(_FixedVerifier):
    """Supports every pair, the same whatever else is in the batch."""

    def score(self, pairs: Sequence[tuple[str, str]]) -> Probs:
        self.pairs += pairs
        return np.array([[0.9, 0.05, 0.05] for _ in pairs], dtype=np.float32)


def test_only_the_pairs_the_policy_may_read_are_scored(settings: Settings) -> None:
    # a claim its figure settles never reads a stance, nor does one whose subject is unresolved: judge_all
    # leaves their pairs unscored (a one-hour talk scores about a third fewer) and drafts the same verdicts
    settled = _item("Revenue in fiscal 2022 was $17.61 billion", [], [0.9])
    by_text = _item("Subscriptions made up most of the total", [], [0.9])
    unresolved = make_claim_evidence(
        make_claim("It made up most of the total", claim_id="u").model_copy(
            update={"needs_context": True, "unresolved": "It"}
        ),
        (make_passage(EVIDENCE, passage_id="doc.md#0"), 0.9),
    )
    items = [settled, by_text, unresolved]
    every = _PerPairVerifier()
    expected = [
        judge(i, settings, s) for i, s in zip(items, score_stances(items, every, settings), strict=True)
    ]
    wanted = _PerPairVerifier()
    drafts = judge_all(items, settings, wanted)
    assert len(every.pairs) == 3 and wanted.pairs == [every.pairs[1]]
    assert [(d.label, d.confidence, d.rationale) for d in drafts] == [
        (d.label, d.confidence, d.rationale) for d in expected
    ]


def test_a_quote_of_loose_table_cells_is_no_premise() -> None:
    from claimcheck.verify.stance import reads_as_premise
    from tests.factories import SETTINGS

    assert not reads_as_premise("Activision 128", SETTINGS)
    assert not reads_as_premise("2022 2021", SETTINGS)
    assert not reads_as_premise("September 30, 2018 Activision", SETTINGS)
    row = (
        '<tr> <td rowspan="2" >Math </td> <td>GSM-8K (CoT) </td> <td>8 </td> <td>em_maj1@1 </td>'
        " <td>80.6 </td> <td>84.5 </td> <td>93.0 </td> <td>95.1 </td> <td>96.8 </td> </tr>"
    )
    assert not reads_as_premise(row, SETTINGS)
    assert reads_as_premise("<td>Publicly available data, licensed data and Meta's products</td>", SETTINGS)
    assert reads_as_premise("Total revenue for fiscal 2022 was $17.61 billion.", SETTINGS)
