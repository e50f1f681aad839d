"""The dense side of the index: passage vectors (embedded once, reused by content hash) and the FAISS
index over them, exact (`IndexFlatIP`) up to `settings.ann_threshold` passages and approximate above
(`settings.ann_kind`: IVF-Flat, IVF-PQ or HNSW), with the top-k ranking dense search reads from it and the
recall@10 an approximate index reaches against exact search (`ann_recall_at_10`).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from claimcheck.embedding import Embedder, Vectors
from claimcheck.errors import IndexError_
from claimcheck.models import Passage
from claimcheck.progress import NO_PROGRESS, Progress
from claimcheck.settings import Settings

# IVF lists: sqrt(n), below the FAISS guidelines' 4-16 * sqrt(n) because on 2 cores k-means training and
# assignment dominate the build (1M vectors: ~1 minute with 1,000 lists, several with 4,000), and at least
# 39 training vectors per list, the minimum FAISS's k-means accepts without a warning.
_IVF_LISTS_PER_SQRT = 1
_IVF_MIN_TRAIN_PER_LIST = 39
# Training sample per list: enough for stable centroids without k-means dominating the build. Chosen by
# hand; not tuned (the recall it gives is measured in BENCHMARKS.md, "Approximate vs exact search").
_IVF_TRAIN_PER_LIST = 64
# An IVF index whose list count is within this factor of the ideal for the current size is refilled
# after an update instead of retrained. Chosen by hand; not tuned.
_IVF_RETRAIN_FACTOR = 2.0
# Training vectors an IVF-PQ index needs at least: its 256-centroid sub-quantizers want some 40 points per
# centroid (FAISS warns below 39).
_PQ_MIN_TRAIN = 256 * 40
# Texts per embedder call, so progress is reported between calls: a multiple of the default batch (32), so
# batches stay full, and a few seconds of work on 2 cores. The same cut whether or not anyone watches.
EMBED_STEP = 256


def ivf_lists(n: int) -> int:
    """How many inverted lists an IVF index over `n` vectors gets."""
    return max(1, min(round(_IVF_LISTS_PER_SQRT * math.sqrt(n)), n // _IVF_MIN_TRAIN_PER_LIST))


def make_ann_index(vectors: Vectors, settings: Settings) -> Any:
    """An approximate inner-product index over `vectors` of the kind `settings.ann_kind`: IVF-Flat or
    IVF-PQ (trained on a fixed sample), or HNSW (no training)."""
    import faiss

    n, dim = vectors.shape
    if settings.ann_kind == "hnsw":
        graph: Any = faiss.IndexHNSWFlat(dim, settings.hnsw_m, faiss.METRIC_INNER_PRODUCT)
        graph.hnsw.efConstruction = settings.hnsw_ef_construction
        graph.add(vectors)
        tune_ann(graph, settings)
        return graph
    lists = ivf_lists(n)
    codes = "Flat" if settings.ann_kind == "ivf-flat" else f"PQ{pq_subvectors(dim, settings)}x8"
    index: Any = faiss.index_factory(dim, f"IVF{lists},{codes}", faiss.METRIC_INNER_PRODUCT)
    if codes != "Flat":
        # polysemous codes serve Hamming-distance filtering, which search here never uses; training
        # them is most of an IVF-PQ build (35 s of 36 on 12k vectors)
        ivfpq: Any = faiss.downcast_index(faiss.extract_index_ivf(index))
        ivfpq.do_polysemous_training = False
    sample_size = min(n, max(lists * _IVF_TRAIN_PER_LIST, _PQ_MIN_TRAIN if codes != "Flat" else 0))
    rows = np.sort(np.random.default_rng(0).choice(n, sample_size, replace=False))
    index.train(np.ascontiguousarray(vectors[rows]))
    index.add(vectors)
    tune_ann(index, settings)
    return index


def pq_subvectors(dim: int, settings: Settings) -> int:
    """Sub-vectors of an IVF-PQ code: `settings.pq_bytes`, lowered to a divisor of the width."""
    m = min(settings.pq_bytes, dim)
    while dim % m:
        m -= 1
    return m


def tune_ann(index: Any, settings: Settings) -> None:
    """Set the search-time knob of an approximate index: nprobe (IVF) or efSearch (HNSW)."""
    import faiss

    if isinstance(index, faiss.IndexHNSW):
        index.hnsw.efSearch = settings.hnsw_ef_search
        return
    faiss.extract_index_ivf(index).nprobe = settings.ivf_nprobe


def ann_recall_at_10(index: Any, vectors: Vectors, settings: Settings) -> float:
    """Recall@10 of the approximate `index` against exact search over `vectors`, on
    `settings.ann_recall_queries` leave-one-out queries: passages drawn at random (fixed seed) search for
    their 10 nearest other passages; the share of the exact ten the approximate search also returns."""
    n = len(vectors)
    if n < 12:
        return 1.0
    rows = np.sort(np.random.default_rng(1).choice(n, min(n, settings.ann_recall_queries), replace=False))
    queries = np.ascontiguousarray(vectors[rows])
    exact = queries @ vectors.T
    exact[np.arange(len(rows)), rows] = -np.inf  # leave the query's own passage out
    truth = np.argpartition(-exact, 9, axis=1)[:, :10]
    _, found = index.search(queries, 11)
    hits = 0
    for i, row in enumerate(rows):
        got = [int(j) for j in found[i] if j >= 0 and j != row][:10]
        hits += len(set(got) & {int(j) for j in truth[i]})
    return hits / (10 * len(rows))


def dense_index(vectors: Vectors, settings: Settings, *, reuse: Any = None) -> Any:
    """Exact (flat) up to `settings.ann_threshold` passages, approximate above; `reuse` is the index this
    one replaces: a trained IVF index of about the right size is emptied and refilled, not retrained."""
    import faiss

    n, dim = vectors.shape
    if n <= settings.ann_threshold:
        flat = faiss.IndexFlatIP(dim)
        if n:
            flat.add(vectors)
        return flat
    if reuse is not None and settings.ann_kind != "hnsw" and _ivf(reuse) is not None:
        lists = faiss.extract_index_ivf(reuse).nlist
        if 1 / _IVF_RETRAIN_FACTOR <= lists / ivf_lists(n) <= _IVF_RETRAIN_FACTOR:
            reuse.reset()
            reuse.add(vectors)
            return reuse
    return make_ann_index(vectors, settings)


def _ivf(index: Any) -> Any:
    import faiss

    try:
        return faiss.extract_index_ivf(index)
    except RuntimeError:
        return None


def describe_ann(index: Any) -> str | None:
    """ "ivf-flat nlist=N", "ivf-pq nlist=N m=M" or "hnsw M=M" for an approximate index, None for an
    exact one."""
    import faiss

    if isinstance(index, faiss.IndexHNSW):
        graph: Any = index.hnsw
        return f"hnsw M={graph.nb_neighbors(1)}"
    ivf = _ivf(index)
    if ivf is None:
        return None
    specific: Any = faiss.downcast_index(ivf)
    if isinstance(specific, faiss.IndexIVFPQ):
        return f"ivf-pq nlist={ivf.nlist} m={specific.pq.M}"
    return f"ivf-flat nlist={ivf.nlist}"


def top_rows(scores: NDArray[np.float32], depth: int) -> NDArray[np.intp]:
    """Indices of the `depth` highest scores (any order)."""
    if depth >= len(scores):
        return np.arange(len(scores))
    return np.argpartition(-scores, depth - 1)[:depth]


def dense_ranking(
    index: Any, vectors: Vectors, query_vectors: Vectors, depth: int, allowed: NDArray[np.bool_] | None
) -> list[dict[int, float]]:
    """For each query vector, the `depth` best rows (row -> cosine) among those `allowed` (all when None).

    Unfiltered search goes through the FAISS `index`; filtered search is exact over the admitted rows of
    `vectors`, because an approximate index cannot skip rows.
    """
    if allowed is not None:
        rows = np.flatnonzero(allowed)
        scores_all = query_vectors @ vectors[rows].T
        out: list[dict[int, float]] = []
        for row_scores in scores_all:
            best = top_rows(row_scores, depth)
            out.append({int(rows[j]): float(row_scores[j]) for j in best})
        return out
    scores, ids = index.search(query_vectors, depth)
    return [
        {int(i): float(s) for s, i in zip(row_scores, row_ids, strict=True) if i >= 0}
        for row_scores, row_ids in zip(scores, ids, strict=True)
    ]


def embedding_key(model: str, text: str) -> str:
    """The content hash an embedding is stored under: sha256 of the model name and the embedded text."""
    return hashlib.sha256(f"{model}\x00{text}".encode()).hexdigest()


def embed_passages(
    embedder: Embedder,
    passages: Sequence[Passage],
    known: Mapping[str, Vectors] | None = None,
    *,
    progress: Progress = NO_PROGRESS,
) -> Vectors:
    """Vectors for `passages`, in order; texts whose key is in `known` are not embedded again. The others
    are embedded `EMBED_STEP` at a time, each step reported to `progress` ("Embedding passages")."""
    vectors = np.zeros((len(passages), embedder.dim), dtype=np.float32)
    missing: list[int] = []
    for row, passage in enumerate(passages):
        stored = known.get(embedding_key(embedder.name, passage.text)) if known else None
        if stored is not None and stored.shape == (embedder.dim,):
            vectors[row] = stored
        else:
            missing.append(row)
    if missing:
        with progress.stage("Embedding passages", total=len(missing)) as advance:
            for start in range(0, len(missing), EMBED_STEP):
                rows = missing[start : start + EMBED_STEP]
                fresh = embedder.embed([passages[row].text for row in rows])
                vectors[rows] = np.asarray(fresh, dtype=np.float32).reshape(len(rows), embedder.dim)
                advance(len(rows))
    refuse_bad_vectors(vectors, passages, embedder.name)
    return vectors


def bad_vector(vectors: Vectors) -> tuple[int, str] | None:
    """The first row that cannot be searched (NaN or infinite values, or all zeros: its cosine with any
    query is meaningless), with what is wrong with it; None when every row is fine."""
    if len(vectors) == 0:
        return None
    finite = np.isfinite(vectors).all(axis=1)
    if not finite.all():
        return int(np.flatnonzero(~finite)[0]), "NaN or infinite"
    zero = ~vectors.any(axis=1)
    if zero.any():
        return int(np.flatnonzero(zero)[0]), "zero"
    return None


# How far from 1 a stored vector's length may be. Embedders return unit rows (float32 rounding moves a
# length by about 1e-7); a byte changed in place in `vectors.npy` moves it by far more, unless it only
# touches the last bits of one value, which shifts a cosine by less than this.
UNIT_TOLERANCE = 1e-3


def off_unit_length(vectors: Vectors) -> tuple[int, float] | None:
    """The first row whose length is not 1 (within `UNIT_TOLERANCE`), with its length; None when every
    row is a unit vector. Every vector an index saves is one, so another length is a damaged file."""
    if len(vectors) == 0:
        return None
    lengths = np.sqrt(np.einsum("ij,ij->i", vectors, vectors, dtype=np.float64))
    off = np.abs(lengths - 1.0) > UNIT_TOLERANCE
    if not off.any():
        return None
    row = int(np.flatnonzero(off)[0])
    return row, float(lengths[row])


def refuse_bad_vectors(vectors: Vectors, passages: Sequence[Passage], model: str) -> None:
    """Raise `IndexError_` naming the first passage whose vector is NaN, infinite or zero: such a vector
    would be written into the index and then match nothing, or everything."""
    found = bad_vector(vectors)
    if found is None:
        return
    row, what = found
    passage = passages[row]
    raise IndexError_(
        f"the embedder {model!r} gave a {what} vector for passage {passage.passage_id} "
        f"({' '.join(passage.text.split())[:80]!r}); nothing was written",
        hint="check the embedding model; a passage needs words the model can embed",
    )
