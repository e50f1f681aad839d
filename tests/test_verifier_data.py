"""The verifier's training-pair generator: deterministic, contrasts change what they claim to change,
restatements keep every figure, and synthetic splits never share a document."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from claimcheck.errors import ClaimcheckError
from claimcheck.models import Stance
from claimcheck.quantities import Unit, extract_quantities
from claimcheck.training.verifier_data import (
    CARD_SPLITS,
    TEN_K_SPLITS,
    Pair,
    Split,
    VerifierDataset,
    build_dataset,
    change_figure,
    change_scale,
    change_version,
    change_year,
    company_of,
    flip_direction,
    load_nli_file,
    negate,
    pairs_hash,
    prose_sentences,
    restate,
    synthesize,
    table_rows,
)
from tests.factories import REPO, SHARED, subprocess_env

SENTENCES = [
    "Our revenue grew to $4,215 million in fiscal 2023, primarily due to higher subscription sales.",
    "The company employed approximately 12,400 people at the end of the year.",
    "Operating margin increased to 18.5% from 16.2% a year earlier.",
]


def _values(text: str) -> list[tuple[Unit, float]]:
    return sorted((q.unit, round(q.value, 6)) for q in extract_quantities(text))


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 0.01 * max(abs(a), abs(b), 1e-9)


def _consumed(claim_values: list[float], premise_values: list[float]) -> bool:
    """Whether each claim figure can be matched to its own premise figure (a multiset inclusion)."""
    left = list(premise_values)
    for c in claim_values:
        match = next((v for v in left if _close(c, v)), None)
        if match is None:
            return False
        left.remove(match)
    return True


@pytest.mark.parametrize("sentence", SENTENCES)
def test_change_figure_changes_exactly_one_figure(sentence: str) -> None:
    for seed in range(5):
        changed = change_figure(sentence, random.Random(seed))
        assert changed is not None
        before, after = _values(sentence), _values(changed)
        assert len(before) == len(after)
        differing = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
        assert differing, changed
        assert all(a[0] == b[0] for a, b in differing)  # same kind of figure, other number


@pytest.mark.parametrize("sentence", SENTENCES)
def test_restatement_keeps_every_figure(sentence: str) -> None:
    for seed in range(8):
        claim = restate(sentence, random.Random(seed), company="Acme")
        premise_values = [v for _, v in _values(sentence)]
        for unit, value in _values(claim):
            assert any(_close(value, p) for p in premise_values), (unit, value, claim)


def test_restatement_reexpresses_money_without_changing_it() -> None:
    outs = {restate("Net sales were $16,120 million in 2022.", random.Random(s)) for s in range(20)}
    assert "Net sales were $16.12 billion in 2022." in outs


def test_other_contrasts_change_what_they_name() -> None:
    rng = random.Random(0)
    year = change_year("Sales rose 4% in 2021.", rng)
    assert year is not None and "2021" not in year and extract_quantities(year)[1].unit == Unit.YEAR
    assert change_scale("It earned $3 billion.", rng) == "It earned $3 million."
    assert flip_direction("Costs increased by 5%.", rng) == "Costs decreased by 5%."
    assert negate("The plan was approved in 2020.", random.Random(1)) == "The plan was not approved in 2020."
    version = change_version("Llama 3.1 405B scores 87.3 on MMLU.", rng)
    assert version is not None and "Llama 3.1 " not in version and version.startswith("Llama ")
    assert change_figure("No figures here at all.", rng) is None
    assert change_year("No year here.", rng) is None


def test_company_names() -> None:
    assert company_of("JOHNSON_JOHNSON_2022_10K") == "Johnson & Johnson"
    assert company_of("3M_2018_10K") == "3M"
    assert restate("We sell adhesives.", random.Random(0), company="3M").startswith("3M sell")


def test_table_rows_from_pipe_and_html_tables() -> None:
    text = (
        "| Benchmark | Model A | Model B |\n| :--- | --- | --- |\n| MMLU | 66.7 | 79.3 |\n\n"
        '<table>\n<tr>\n<td>Model\n<td>Params\n<td>Context\n</tr>\n<tr>\n<td rowspan="2">Zeta\n<td>8B\n'
        "<td>128k\n</tr>\n<tr>\n<td>70B\n<td>128k\n</tr>\n</table>\n"
    )
    rows = table_rows(text)
    assert [r.row_label for r in rows] == ["MMLU", "Zeta", "Zeta"]
    assert rows[0].cells == (("Model A", "66.7"), ("Model B", "79.3"))
    assert rows[2].cells == (("Params", "70B"), ("Context", "128k"))


def test_load_nli_file_reports_the_bad_line(tmp_path: Path) -> None:
    good = {"premise": "A b c.", "hypothesis": "A b.", "label": "entailment", "split": "dev"}
    path = tmp_path / "pairs.jsonl"
    path.write_text(json.dumps(good) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(ClaimcheckError) as err:
        load_nli_file(path, "x", {"dev": Split.TRAIN})
    assert err.value.line == 2 and err.value.path == str(path)
    path.write_text(json.dumps(good) + "\n", encoding="utf-8")
    (pair,) = load_nli_file(path, "x", {"dev": Split.TRAIN})
    assert pair.label == Stance.SUPPORTS and pair.split == Split.TRAIN


@pytest.fixture(scope="module")
def bestbuy(request: pytest.FixtureRequest) -> str:
    path = SHARED / "data" / "financebench-10k" / "derived_10k_text" / "BESTBUY_2023_10K.txt"
    if not path.is_file():
        pytest.skip("../shared is not present")
    return path.read_text(encoding="utf-8")


def test_synthesis_is_deterministic_and_seeded(bestbuy: str) -> None:
    sentences = prose_sentences(bestbuy)
    first = synthesize("BESTBUY_2023_10K", sentences, 45, Split.TEST, "synthetic-10k", seed=13)
    again = synthesize("BESTBUY_2023_10K", sentences, 45, Split.TEST, "synthetic-10k", seed=13)
    other = synthesize("BESTBUY_2023_10K", sentences, 45, Split.TEST, "synthetic-10k", seed=14)
    assert len(first) >= 40
    assert pairs_hash(first) == pairs_hash(again)
    assert pairs_hash(first) != pairs_hash(other)
    labels = {p.label for p in first}
    assert labels == {Stance.SUPPORTS, Stance.NEUTRAL, Stance.CONTRADICTS}


def test_synthetic_labels_follow_the_figures(bestbuy: str) -> None:
    pairs = synthesize("BESTBUY_2023_10K", prose_sentences(bestbuy), 90, Split.TEST, "synthetic-10k", seed=13)
    checked = 0
    for p in pairs:
        premise_values = [q.value for q in extract_quantities(p.premise)]
        claim_values = [q.value for q in extract_quantities(p.hypothesis)]
        if p.kind == "restate":
            assert all(any(_close(c, v) for v in premise_values) for c in claim_values), p
        elif p.kind == "figure":
            assert not _consumed(claim_values, premise_values), p
            checked += 1
        elif p.kind == "year":
            claim_years = {q.value for q in extract_quantities(p.hypothesis) if q.unit == Unit.YEAR}
            assert claim_years - {q.value for q in extract_quantities(p.premise)}, p
            checked += 1
        elif p.kind == "same_doc":
            assert p.label == Stance.NEUTRAL and p.hypothesis not in p.premise
    assert checked >= 5


@pytest.fixture(scope="module")
def dataset() -> VerifierDataset:
    data = SHARED / "data"
    if not data.is_dir():
        pytest.skip("../shared is not present")
    return build_dataset(data)


def test_synthetic_splits_are_disjoint_by_document(dataset: VerifierDataset) -> None:
    synthetic = [p for p in dataset.pairs if p.source.startswith("synthetic")]
    docs_by_split: dict[Split, set[str]] = {s: {p.doc for p in synthetic if p.split == s} for s in Split}
    assert docs_by_split[Split.TRAIN] and docs_by_split[Split.DEV] and docs_by_split[Split.TEST]
    assert not docs_by_split[Split.TRAIN] & docs_by_split[Split.TEST]
    assert not docs_by_split[Split.TRAIN] & docs_by_split[Split.DEV]
    assert not docs_by_split[Split.DEV] & docs_by_split[Split.TEST]
    fixed_test = {d for d, s in {**TEN_K_SPLITS, **CARD_SPLITS}.items() if s == Split.TEST}
    assert docs_by_split[Split.TEST] == fixed_test
    train_text = {p.premise for p in synthetic if p.split == Split.TRAIN}
    assert not any(p.premise in train_text for p in synthetic if p.split == Split.TEST)


def test_evaluation_only_sets_are_never_trained_on(dataset: VerifierDataset) -> None:
    train_sources = {p.source for p in dataset.split(Split.TRAIN)}
    assert "anli" not in train_sources and "sick" not in train_sources
    test_hv = {(p.premise, p.hypothesis) for p in dataset.split(Split.TEST, source="healthver")}
    assert not any((p.premise, p.hypothesis) in test_hv for p in dataset.split(Split.TRAIN))
    assert len({p.key() for p in dataset.pairs}) == len(dataset.pairs)
    assert all(isinstance(p, Pair) for p in dataset.pairs)
    assert len(dataset.inputs) >= 20 and all(len(i.sha256) == 64 for i in dataset.inputs)


# ------------------------------------------------------------------------------------------------
# the trainer's batching, oversampling and paired statistics (no model needed)


def _pair(text: str, label: Stance, source: str, kind: str = "nli") -> Pair:
    return Pair(premise=text, hypothesis=text, label=label, source=source, split=Split.TRAIN, kind=kind)


def test_training_stream_repeats_only_the_named_sources() -> None:
    from claimcheck.training.verifier import training_stream

    pairs = [_pair("a", Stance.SUPPORTS, "snli"), _pair("b", Stance.NEUTRAL, "synthetic-10k", "same_doc")]
    stream = training_stream(pairs, {"synthetic-10k": 2})
    assert sorted(p.premise for p in stream) == ["a", "b", "b"]
    assert training_stream(pairs, {}) == pairs


def test_batches_cover_every_index_once_with_similar_lengths() -> None:
    from claimcheck.training.verifier import make_batches

    lengths = [random.Random(3).randint(5, 128) for _ in range(2000)]
    batches = make_batches(lengths, 16, seed=1)
    assert sorted(i for b in batches for i in b) == list(range(2000))
    assert batches == make_batches(lengths, 16, seed=1)
    assert batches != make_batches(lengths, 16, seed=2)
    # Sorted within windows: a batch spans far less than the full range of lengths.
    spans = [max(lengths[i] for i in b) - min(lengths[i] for i in b) for b in batches]
    assert sorted(spans)[len(spans) // 2] < 10


def test_paired_delta_and_numeric_slice() -> None:
    from claimcheck.training.verifier import delta_row, slice_rows

    gold = [0, 1, 2] * 20
    perfect = list(gold)
    always_neutral = [1] * len(gold)
    d = delta_row("t", "b", gold, perfect, always_neutral, seed=0)
    assert d.accuracy_delta == pytest.approx(2 / 3)
    assert 0 < d.accuracy_delta_ci[0] <= d.accuracy_delta <= d.accuracy_delta_ci[1]
    same = delta_row("t", "b", gold, perfect, perfect, seed=0)
    assert same.macro_f1_delta == 0 and same.macro_f1_delta_ci == (0.0, 0.0)

    pairs = [
        _pair("x", Stance.CONTRADICTS, "synthetic-10k", "figure"),
        _pair("y", Stance.CONTRADICTS, "synthetic-10k", "negation"),
        _pair("z", Stance.SUPPORTS, "synthetic-10k", "restate"),
    ]
    rows = {(r.slice, r.system): r for r in slice_rows(pairs, {"m": [2, 0, 2]}, seed=0)}
    assert rows[("a figure changed", "m")].accuracy == 1.0
    assert rows[("a negation added", "m")].accuracy == 0.0
    assert rows[("figure / year / version / scale together", "m")].n == 1
    assert all(r.n > 0 for r in rows.values()) and ("restate", "m") not in rows


# Imports the runtime path and prints every claimcheck.training module it pulled in (none expected).
_RUNTIME_IMPORTS = (
    "import sys, claimcheck.pipeline, claimcheck.cli; "
    "print(sorted(m for m in sys.modules if m.split('.')[:2] == ['claimcheck', 'training']))"
)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=REPO, env=subprocess_env(), capture_output=True, text=True, timeout=300
    )


def test_the_runtime_path_never_imports_the_training_package() -> None:
    proc = _run("-c", _RUNTIME_IMPORTS)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == "[]"


def test_the_trainers_run_as_modules_of_the_training_package() -> None:
    verifier = _run("-m", "claimcheck.training.verifier", "--help")
    assert verifier.returncode == 0, verifier.stderr[-2000:]
    assert verifier.stdout.startswith("usage: python -m claimcheck.training.verifier ")
    assert "--max-minutes MAX_MINUTES" in verifier.stdout
    checkworthiness = _run("-m", "claimcheck.training.checkworthiness", "--help")
    assert checkworthiness.returncode == 0, checkworthiness.stderr[-2000:]
    assert "--data DATA" in checkworthiness.stdout and "--no-tune" in checkworthiness.stdout
