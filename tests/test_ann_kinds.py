"""The approximate dense index kinds (`ann_kind`: IVF-Flat, IVF-PQ, HNSW) and the recall@10 each build
measures against exact search."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from claimcheck.embedding import normalise_rows
from claimcheck.index import ANN_FILE, EvidenceIndex, ivf_lists
from claimcheck.index.dense import ann_recall_at_10
from claimcheck.settings import Settings
from tests.test_index import TableEmbedder, _random_passages


def clustered(n: int, dim: int, seed: int = 3) -> np.ndarray:
    """Unit vectors around 40 centres: the cluster structure real passage vectors have."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((40, dim))
    points = centres[rng.integers(0, 40, n)] + 0.6 * rng.standard_normal((n, dim))
    return normalise_rows(points.astype(np.float32))


@pytest.mark.parametrize(
    ("kind", "described", "floor"),
    [
        ("ivf-flat", f"ivf-flat nlist={ivf_lists(12_000)}", 0.9),
        ("ivf-pq", f"ivf-pq nlist={ivf_lists(12_000)} m=16", 0.3),
        ("hnsw", "hnsw M=16", 0.9),
    ],
)
def test_each_kind_is_built_measured_saved_and_loaded(
    kind: str, described: str, floor: float, tmp_path: Path
) -> None:
    n, dim = 12_000, 32
    vectors = clustered(n, dim)
    queries = clustered(30, dim, seed=4)
    embedder = TableEmbedder(queries)
    settings = Settings(ann_threshold=1000, ann_kind=kind, pq_bytes=16, hnsw_m=16, ann_recall_queries=300)
    index = EvidenceIndex.from_vectors(_random_passages(n), vectors, embedder, settings, corpus_dir=tmp_path)
    assert index.manifest.ann == described and index.manifest.ann_recall_at_10 is None
    recall = index.measure_ann_recall()
    assert recall is not None and floor <= recall <= 1.0
    assert index.manifest.ann_recall_at_10 == recall
    assert f"recall@10 {recall:.3f}" in index.stats().dense_index
    # the same measure computed independently: leave-one-out neighbours by brute force
    rows = np.sort(np.random.default_rng(1).choice(n, 300, replace=False))
    hits = 0
    for row in rows:
        scores = vectors @ vectors[row]
        scores[row] = -np.inf
        truth = set(np.argsort(-scores)[:10].tolist())
        found = [int(j) for j in index._faiss.search(vectors[row : row + 1], 11)[1][0] if j not in (-1, row)][
            :10
        ]
        hits += len(truth & set(found))
    assert recall == pytest.approx(hits / 3000, abs=1e-4)

    index.save(tmp_path / "index")
    assert (tmp_path / "index" / ANN_FILE).is_file()
    loaded = EvidenceIndex.load(tmp_path / "index", embedder, settings)
    assert loaded.manifest.ann == described and loaded.manifest.ann_recall_at_10 == recall
    names = [f"q{i}" for i in range(len(queries))]
    assert loaded.search_many(names, 10) == index.search_many(names, 10)


def test_an_exact_index_measures_nothing(tmp_path: Path) -> None:
    vectors = clustered(500, 32)
    index = EvidenceIndex.from_vectors(
        _random_passages(500), vectors, TableEmbedder(vectors[:2]), Settings(), corpus_dir=tmp_path
    )
    assert index.measure_ann_recall() is None and index.manifest.ann_recall_at_10 is None


def test_recall_is_one_for_an_exact_index_and_lower_for_a_starved_one() -> None:
    import faiss

    vectors = clustered(5000, 32)
    flat = faiss.IndexFlatIP(32)
    flat.add(vectors)
    assert ann_recall_at_10(flat, vectors, Settings()) == 1.0
    starved = Settings(ann_threshold=10, ivf_nprobe=1)
    ivf = EvidenceIndex.from_vectors(
        _random_passages(5000), vectors, TableEmbedder(vectors[:2]), starved, corpus_dir=Path(".")
    )
    assert ivf.measure_ann_recall() < 0.9  # type: ignore[operator]
