"""`EvidenceIndex`, the searchable index: passages with their vectors (dense), BM25 (lexical) and the
figures they hold, kept consistent through builds and updates, and searched in one of three modes.

Search modes: "dense" (cosine), "bm25", and "hybrid", which fuses the dense and BM25 rankings with a
third one, the passages holding a figure close to one the query states, by reciprocal rank (`fuse`).
`SearchHit.dense_score` is always the cosine, so relevance is judged on it in every mode. A
`PassageFilter` restricts any search to kinds, companies, periods or documents.

Saving and loading go through `claimcheck.index.storage`; finding or building the index for a corpus is
`claimcheck.index.cache`'s job.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from numpy.typing import NDArray

from claimcheck.corpus import chunk_document, chunk_documents, corpus_hash, hash_doc_hashes
from claimcheck.embedding import Embedder, Vectors
from claimcheck.errors import IndexError_
from claimcheck.index.dense import (
    ann_recall_at_10,
    dense_index,
    dense_ranking,
    describe_ann,
    embed_passages,
    embedding_key,
    refuse_bad_vectors,
)
from claimcheck.index.figures import FigureTable, figure_ranking, query_figures
from claimcheck.index.filters import PassageFilter
from claimcheck.index.lexical import bm25_ranking, build_bm25
from claimcheck.index.manifest import IndexManifest, IndexStats, utc_now
from claimcheck.index.storage import load_index, save_index
from claimcheck.models import Document, Passage, SearchHit
from claimcheck.progress import NO_PROGRESS, Progress
from claimcheck.settings import Settings

if TYPE_CHECKING:
    import bm25s

SearchMode = Literal["dense", "bm25", "hybrid"]
# The mode a search uses unless told otherwise; dense since the index was first written. Left as it is:
# the retrieval benchmark (BENCHMARKS.md) favours no mode everywhere (dense leads recall@1 and MRR on
# FinanceBench, hybrid leads on Check-COVID). Not tuned.
DEFAULT_SEARCH_MODE: SearchMode = "dense"

# Reciprocal-rank fusion constant: score = sum over rankings of 1 / (RRF_K + rank). 60 is the value of
# Cormack, Clarke & Büttcher (2009), who found results flat for 10..100; we did not tune it.
RRF_K = 60
# How deep each ranking goes before fusion. Past ~100 the tail only adds 1/(60+100) crumbs. Chosen by
# hand; not tuned.
FUSION_DEPTH = 100
# Extra neighbours fetched from FAISS so that ties at the k-th score are broken by passage_id. Chosen by
# hand (a margin for a few equal scores); not tuned.
_TIE_MARGIN = 8


def fuse(rankings: Sequence[dict[int, float]], tie_key: Callable[[int], str]) -> dict[int, float]:
    """Reciprocal-rank fusion; each ranking maps row -> score (higher is better, ties by tie_key)."""
    fused: dict[int, float] = {}
    for ranking in rankings:
        order = sorted(ranking, key=lambda i: (-ranking[i], tie_key(i)))
        for rank, i in enumerate(order, start=1):
            fused[i] = fused.get(i, 0.0) + 1.0 / (RRF_K + rank)
    return fused


def _dense_description(manifest: IndexManifest) -> str:
    """ "exact (flat)", or the approximate index with its measured recall."""
    if manifest.ann is None:
        return "exact (flat)"
    if manifest.ann_recall_at_10 is None:
        return manifest.ann
    return f"{manifest.ann} (recall@10 {manifest.ann_recall_at_10:.3f} vs exact)"


class EvidenceIndex:
    """Passages with a dense (FAISS `IndexFlatIP`, or IVF-Flat above `settings.ann_threshold`) and a BM25
    index over them, and the figures each passage holds.

    Build with `EvidenceIndex.build`, read with `EvidenceIndex.load`, or let `open_index` choose.
    The embedder given must be the one the index was built with (checked by name and dimension).
    """

    def __init__(
        self,
        manifest: IndexManifest,
        passages: Sequence[Passage],
        vectors: Vectors,
        embedder: Embedder,
        settings: Settings,
        *,
        ann: Any = None,
        figure_table: FigureTable | None = None,
    ) -> None:
        if vectors.shape != (len(passages), manifest.dim):
            raise IndexError_(
                f"{vectors.shape[0]} vectors of width {vectors.shape[1] if vectors.ndim == 2 else '?'} "
                f"for {len(passages)} passages of width {manifest.dim}",
                hint="the index is inconsistent; rebuild it",
            )
        self.manifest = manifest
        self.embedder = embedder
        self.settings = settings
        self._passages: list[Passage] = list(passages)
        self._vectors: Vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        self._faiss: Any = ann if ann is not None else dense_index(self._vectors, self.settings)
        described = describe_ann(self._faiss)
        recall = manifest.ann_recall_at_10 if described == manifest.ann else None
        self.manifest = manifest.model_copy(update={"ann": described, "ann_recall_at_10": recall})
        self._bm25: bm25s.BM25 | None = None
        self._figures: FigureTable | None = figure_table
        self._filters: dict[PassageFilter, NDArray[np.bool_]] = {}

    # ---- building

    @classmethod
    def build(
        cls,
        docs: Sequence[Document],
        embedder: Embedder,
        settings: Settings,
        corpus_dir: Path,
        *,
        previous: EvidenceIndex | None = None,
        progress: Progress = NO_PROGRESS,
        passages: Sequence[Passage] | None = None,
        known: Mapping[str, Vectors] | None = None,
    ) -> EvidenceIndex:
        """Chunk `docs` (token budgets from the embedder's tokenizer) and embed the passages, reporting
        both to `progress`. `passages`: `docs` already chunked (by `chunk_documents` with these settings);
        `known`: vectors already computed, by `embedding_key` (`index build --ray` embeds on a cluster
        first), used before `previous`'s.

        With `previous` (an older index, e.g. the one being rebuilt), passages whose embedded text is
        unchanged take their stored vector instead of being embedded again (keyed by the hash of model
        name and text; an index built with another model contributes nothing).
        """
        if passages is None:
            passages = chunk_documents(docs, settings, embedder.count_tokens, progress=progress)
        stored = dict(previous.vector_cache()) if previous is not None else {}
        stored.update(known or {})
        vectors = embed_passages(embedder, passages, stored, progress=progress)
        figure_table = FigureTable.of(passages)
        manifest = IndexManifest(
            model=embedder.name,
            dim=embedder.dim,
            corpus_dir=str(corpus_dir),
            corpus_hash=corpus_hash(docs),
            doc_hashes={doc.doc_id: doc.content_hash for doc in docs},
            n_passages=len(passages),
            chunk_max_tokens=settings.chunk_max_tokens,
            built_at=utc_now(),
        )
        return cls(manifest, passages, vectors, embedder, settings, figure_table=figure_table)

    @classmethod
    def from_vectors(
        cls,
        passages: Sequence[Passage],
        vectors: Vectors,
        embedder: Embedder,
        settings: Settings,
        *,
        corpus_dir: Path,
        figure_table: FigureTable | None = None,
    ) -> EvidenceIndex:
        """An index over passages whose vectors are already computed (benchmarks, imports).

        The manifest lists each doc_id with an empty content hash: `add_documents` will treat every
        document as new. `figure_table` (else computed on the first hybrid search) must describe
        `passages` in this order.
        """
        refuse_bad_vectors(np.asarray(vectors, dtype=np.float32), passages, embedder.name)
        doc_hashes = {passage.doc_id: "" for passage in passages}
        manifest = IndexManifest(
            model=embedder.name,
            dim=embedder.dim,
            corpus_dir=str(corpus_dir),
            corpus_hash=hash_doc_hashes(doc_hashes),
            doc_hashes=doc_hashes,
            n_passages=len(passages),
            chunk_max_tokens=settings.chunk_max_tokens,
            built_at=utc_now(),
        )
        return cls(manifest, passages, vectors, embedder, settings, figure_table=figure_table)

    def vector_cache(self) -> dict[str, Vectors]:
        """Stored vectors keyed by `embedding_key(model, text)`, for reuse when rebuilding."""
        return {
            embedding_key(self.manifest.model, passage.text): self._vectors[row]
            for row, passage in enumerate(self._passages)
        }

    def add_documents(self, docs: Sequence[Document], *, progress: Progress = NO_PROGRESS) -> int:
        """Index new or changed documents; return how many passages had to be embedded (reported to
        `progress`).

        A document whose doc_id and content_hash are already in the index is skipped. One with a known
        doc_id but a new content_hash replaces the old version's passages.
        """
        fresh = [doc for doc in docs if self.manifest.doc_hashes.get(doc.doc_id) != doc.content_hash]
        if not fresh:
            return 0
        replaced = {doc.doc_id for doc in fresh}
        keep = [i for i, passage in enumerate(self._passages) if passage.doc_id not in replaced]
        added: list[Passage] = []
        with progress.stage("Chunking documents", total=len(fresh)) as advance:
            for doc in fresh:
                added.extend(chunk_document(doc, self.manifest.chunk_max_tokens, self.embedder.count_tokens))
                advance(1)
        # A changed document's unchanged passages keep their vectors.
        known = self.vector_cache()
        embedded = sum(1 for p in added if embedding_key(self.embedder.name, p.text) not in known)
        vectors = embed_passages(self.embedder, added, known, progress=progress)
        doc_hashes = dict(self.manifest.doc_hashes)
        doc_hashes.update({doc.doc_id: doc.content_hash for doc in fresh})
        figure_table = None
        if self._figures is not None:
            figure_table = self._figures.take(keep).extend(FigureTable.of(added), len(keep))
        self._replace(
            [self._passages[i] for i in keep] + added,
            np.concatenate([self._vectors[keep], vectors]),
            doc_hashes,
            figure_table,
        )
        return embedded

    def remove_document(self, doc_id: str) -> int:
        """Drop a document's passages; return how many were removed (0 for an unknown doc_id)."""
        if doc_id not in self.manifest.doc_hashes:
            return 0
        keep = [i for i, passage in enumerate(self._passages) if passage.doc_id != doc_id]
        removed = len(self._passages) - len(keep)
        doc_hashes = {key: value for key, value in self.manifest.doc_hashes.items() if key != doc_id}
        figure_table = self._figures.take(keep) if self._figures is not None else None
        self._replace([self._passages[i] for i in keep], self._vectors[keep], doc_hashes, figure_table)
        return removed

    def _replace(
        self,
        passages: list[Passage],
        vectors: Vectors,
        doc_hashes: dict[str, str],
        figure_table: FigureTable | None,
    ) -> None:
        self.manifest = self.manifest.model_copy(
            update={
                "doc_hashes": doc_hashes,
                "corpus_hash": hash_doc_hashes(doc_hashes),
                "n_passages": len(passages),
                "built_at": utc_now(),
            }
        )
        self._passages = passages
        self._vectors = np.ascontiguousarray(vectors, dtype=np.float32).reshape(-1, self.manifest.dim)
        self._faiss = dense_index(self._vectors, self.settings, reuse=self._faiss)
        self.manifest = self.manifest.model_copy(
            update={"ann": describe_ann(self._faiss), "ann_recall_at_10": None}
        )
        self._bm25 = None
        self._figures = figure_table
        self._filters = {}

    # ---- reading

    @property
    def passages(self) -> list[Passage]:
        """All passages, in index order (a copy)."""
        return list(self._passages)

    @property
    def vectors(self) -> Vectors:
        """The passage vectors, one row per passage in index order (read-only view)."""
        view = self._vectors.view()
        view.flags.writeable = False
        return view

    @property
    def is_approximate(self) -> bool:
        """True when dense search goes through an approximate (IVF) index rather than an exact one."""
        return describe_ann(self._faiss) is not None

    def measure_ann_recall(self) -> float | None:
        """Measure the approximate index's recall@10 against exact search (`dense.ann_recall_at_10`) and
        record it in the manifest; None (and nothing measured) for an exact index."""
        if not self.is_approximate:
            return None
        recall = round(ann_recall_at_10(self._faiss, self._vectors, self.settings), 4)
        self.manifest = self.manifest.model_copy(update={"ann_recall_at_10": recall})
        return recall

    def passage(self, passage_id: str) -> Passage | None:
        """The passage with this id, or None."""
        for passage in self._passages:
            if passage.passage_id == passage_id:
                return passage
        return None

    def stats(self) -> IndexStats:
        by_kind: dict[str, int] = {}
        for passage in self._passages:
            kind = passage.citation.kind.value
            by_kind[kind] = by_kind.get(kind, 0) + 1
        return IndexStats(
            model=self.manifest.model,
            dim=self.manifest.dim,
            corpus_dir=self.manifest.corpus_dir,
            corpus_hash=self.manifest.corpus_hash,
            n_documents=len(self.manifest.doc_hashes),
            n_passages=len(self._passages),
            passages_by_kind=dict(sorted(by_kind.items())),
            built_at=self.manifest.built_at,
            dense_index=_dense_description(self.manifest),
        )

    # ---- searching

    def search(
        self,
        query: str,
        k: int,
        *,
        mode: SearchMode = DEFAULT_SEARCH_MODE,
        where: PassageFilter | None = None,
        use_figures: bool = True,
    ) -> list[SearchHit]:
        """The k best passages for `query`, best first (ties broken by passage_id).

        mode "dense": cosine similarity of the vectors; `score` is the cosine.
        mode "bm25": lexical BM25 over passage text; `score` is the BM25 score (only hits above 0).
        mode "hybrid": reciprocal-rank fusion of the dense ranking, the BM25 ranking and, when the query
        states figures, a ranking of the passages that hold a matching figure (see `_figure_ranking`);
        `score` is the fused score, `dense_score` the cosine (filter relevance on it, not on `score`),
        `bm25_score` the BM25 score and `figure_match` whether the passage holds a matching figure.
        `where` keeps only the passages it admits (kind, company, period, document).
        `use_figures=False` leaves the figure ranking out of the hybrid fusion (the retrieval benchmark's
        ablation row); the other modes never use it.
        """
        return self.search_many([query], k, mode=mode, where=where, use_figures=use_figures)[0]

    def search_many(
        self,
        queries: Sequence[str],
        k: int,
        *,
        mode: SearchMode = DEFAULT_SEARCH_MODE,
        where: PassageFilter | None = None,
        use_figures: bool = True,
        channel_heads: int = 0,
    ) -> list[list[SearchHit]]:
        """`search` for many queries at once; the dense part embeds them in one batch.

        `channel_heads` (hybrid only): the first that many passages of the dense and of the BM25 ranking
        are kept among the k even where the fusion ranks them lower (they replace the last fused ones): a
        passage one method finds best is not lost because table rows rank well on every method at once.
        """
        if mode not in ("dense", "bm25", "hybrid"):
            raise ValueError(f"unknown search mode {mode!r}")
        if k <= 0 or not self._passages or not queries:
            return [[] for _ in queries]
        allowed = self._allowed(where)
        n_allowed = len(self._passages) if allowed is None else int(allowed.sum())
        if n_allowed == 0:
            return [[] for _ in queries]
        depth = min(n_allowed, (k if mode == "dense" else max(k, FUSION_DEPTH)) + _TIE_MARGIN)
        dense: list[dict[int, float]] = [{} for _ in queries]
        lexical: list[dict[int, float]] = [{} for _ in queries]
        figure: list[dict[int, float]] = [{} for _ in queries]
        query_vectors: Vectors | None = None
        if mode in ("dense", "hybrid"):
            query_vectors = np.ascontiguousarray(self.embedder.embed(list(queries)), dtype=np.float32)
            dense = self._dense(query_vectors, depth, allowed)
        if mode in ("bm25", "hybrid"):
            lexical = [self._lexical(query, depth, allowed) for query in queries]
        if mode == "hybrid" and use_figures and query_vectors is not None:
            figure = [
                self._figure_ranking(query, query_vectors[row], depth, allowed)
                for row, query in enumerate(queries)
            ]
        results: list[list[SearchHit]] = []
        for row in range(len(queries)):
            if mode == "dense":
                ranked = dense[row]
            elif mode == "bm25":
                ranked = lexical[row]
            else:
                ranked = fuse([dense[row], lexical[row], figure[row]], self._passage_id)
            order = sorted(ranked, key=lambda i: (-ranked[i], self._passages[i].passage_id))[:k]
            if mode == "hybrid" and channel_heads > 0:
                order = self._with_heads(order, [dense[row], lexical[row]], channel_heads, k)
            hits = []
            for i in order:
                hits.append(
                    SearchHit(
                        passage=self._passages[i],
                        score=ranked[i],
                        dense_score=(
                            self._cosine(query_vectors[row], dense[row], i)
                            if query_vectors is not None
                            else None
                        ),
                        bm25_score=lexical[row].get(i, 0.0) if mode != "dense" else None,
                        figure_match=(i in figure[row]) if mode == "hybrid" else None,
                    )
                )
            results.append(hits)
        return results

    def _with_heads(
        self, order: list[int], channels: Sequence[dict[int, float]], heads: int, k: int
    ) -> list[int]:
        """`order` with each channel's first `heads` passages in it, the last fused ones making room."""
        wanted: list[int] = []
        for channel in channels:
            best = sorted(channel, key=lambda i: (-channel[i], self._passages[i].passage_id))[:heads]
            wanted.extend(i for i in best if i not in order and i not in wanted)
        if not wanted:
            return order
        keep = max(0, k - len(wanted))
        return order[:keep] + wanted[: k - keep]

    def _passage_id(self, row: int) -> str:
        return self._passages[row].passage_id

    def _cosine(self, query_vector: Vectors, dense_scores: dict[int, float], i: int) -> float:
        # A fused hit may come from BM25 alone, below the dense depth: its cosine is one dot product.
        if i in dense_scores:
            return dense_scores[i]
        return float(self._vectors[i] @ query_vector)

    def _allowed(self, where: PassageFilter | None) -> NDArray[np.bool_] | None:
        if where is None or where.admits_all():
            return None
        if where not in self._filters:
            self._filters[where] = np.fromiter(
                (where.admits(passage) for passage in self._passages),
                dtype=np.bool_,
                count=len(self._passages),
            )
        return self._filters[where]

    def _dense(
        self, query_vectors: Vectors, depth: int, allowed: NDArray[np.bool_] | None
    ) -> list[dict[int, float]]:
        return dense_ranking(self._faiss, self._vectors, query_vectors, depth, allowed)

    def _lexical(self, query: str, depth: int, allowed: NDArray[np.bool_] | None) -> dict[int, float]:
        retriever = self._bm25_index()
        return {} if retriever is None else bm25_ranking(retriever, query, depth, allowed)

    def _figure_ranking(
        self, query: str, query_vector: Vectors, depth: int, allowed: NDArray[np.bool_] | None
    ) -> dict[int, float]:
        """Passages holding a figure within `settings.number_match_tolerance` of one the query states,
        ranked by how many of the query's figures they hold, then by cosine similarity (see
        `figures.figure_ranking`)."""
        wanted = query_figures(query)
        if not wanted:
            return {}
        return figure_ranking(
            wanted,
            self._figure_table(),
            self._vectors,
            query_vector,
            depth,
            allowed,
            tolerance=self.settings.number_match_tolerance,
            tie_key=self._passage_id,
        )

    def _figure_table(self) -> FigureTable:
        if self._figures is None:
            self._figures = FigureTable.of(self._passages)
        return self._figures

    def _bm25_index(self) -> bm25s.BM25 | None:
        if self._bm25 is None:
            self._bm25 = build_bm25(self._passages)
        return self._bm25

    # ---- disk

    def save(self, directory: Path) -> None:
        """Write the index to `directory`, replacing any index there, without ever leaving it broken.

        Files go to a hidden temporary sibling first and are fsynced; then the old folder is renamed
        away, the new one renamed in, and the old one deleted. A crash before the swap leaves the old
        index untouched; a crash between the two renames is repaired by the next `load`. The manifest
        then records each file's size and sha256 (`manifest.files`).
        """
        ann = self._faiss if self.is_approximate else None
        self.manifest = save_index(
            directory, self.manifest, self._passages, self._vectors, self._figures, ann, self.settings
        )

    @classmethod
    def load(cls, directory: Path, embedder: Embedder, settings: Settings) -> EvidenceIndex:
        """Read an index folder written by `save`, checking it was built with `embedder`.

        Raises `IndexError_` (with the path and how to rebuild) for a missing folder or file, an
        unreadable or corrupt file, or a model name / dimension that differs from the embedder's.
        """
        stored = load_index(directory, embedder, settings)
        return cls(
            stored.manifest,
            stored.passages,
            stored.vectors,
            embedder,
            settings,
            ann=stored.ann,
            figure_table=stored.figure_table,
        )
