"""`EvidenceIndex`: passages, their vectors (FAISS inner product) and BM25, saved atomically on disk.

Typical use::

    embedder = load_embedder(settings)
    index = open_index(settings, embedder, corpus_dir=Path("corpora"), index_dir=None, cache_dir=cache)
    hits = index.search("Reality Labs lost $16 billion", k=5)

or explicitly::

    index = EvidenceIndex.build(load_corpus(corpus_dir), embedder, settings, corpus_dir)
    index.save(Path("output/index"))
    index = EvidenceIndex.load(Path("output/index"), embedder)

An index folder holds `manifest.json` (an `IndexManifest`), `passages.jsonl` (one `Passage` per line,
raw text and citation included, so search results can be quoted without the corpus), `vectors.npy`
(float32, one unit-length row per passage, in passage order), `figures.npz` (the figures each passage
holds, for hybrid search) and, above `settings.ann_threshold` passages, `ann.faiss` (the approximate
IVF index). BM25 statistics are rebuilt from the passages on first use rather than stored. Vectors are
the source of truth: a missing or stale `figures.npz` / `ann.faiss` is rebuilt from the rest.

Search modes: "dense" (cosine), "bm25", and "hybrid", which fuses the dense and BM25 rankings with a
third one, the passages holding a figure close to one the query states ("$16.1 billion" finds 16,120
under "(in millions)"), by reciprocal rank. `SearchHit.dense_score` is always the cosine, so relevance
is judged on it in every mode. A `PassageFilter` restricts any search to kinds, companies, periods or
documents.

Rebuilding never re-embeds what it already has: passages whose embedded text is unchanged (same model)
take their stored vector (`EvidenceIndex.build(..., previous=old)`, `build_index`, `open_index`,
`add_documents`).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import math
import os
import re
import shutil
import tempfile
import uuid
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, ValidationError

from claimcheck.corpus import (
    CHUNKER_VERSION,
    chunk_document,
    chunk_documents,
    corpus_hash,
    hash_doc_hashes,
    load_corpus,
)
from claimcheck.embedding import Embedder, Vectors
from claimcheck.errors import IndexError_
from claimcheck.models import DocKind, Document, Passage, SearchHit
from claimcheck.quantities import Unit, figures, unit_scale
from claimcheck.settings import Settings

if TYPE_CHECKING:
    import bm25s

INDEX_SCHEMA_VERSION = 1
MANIFEST_FILE = "manifest.json"
PASSAGES_FILE = "passages.jsonl"
VECTORS_FILE = "vectors.npy"
ANN_FILE = "ann.faiss"  # only for indexes above `settings.ann_threshold` passages
FIGURES_FILE = "figures.npz"  # the figures each passage holds, for hybrid search

SearchMode = Literal["dense", "bm25", "hybrid"]
DEFAULT_SEARCH_MODE: SearchMode = "dense"

# Reciprocal-rank fusion constant: score = sum over rankings of 1 / (RRF_K + rank). 60 is the value of
# Cormack, Clarke & Büttcher (2009), who found results flat for 10..100; we did not tune it.
RRF_K = 60
# How deep each ranking goes before fusion. Past ~100 the tail only adds 1/(60+100) crumbs.
FUSION_DEPTH = 100
# Extra neighbours fetched from FAISS so that ties at the k-th score are broken by passage_id.
_TIE_MARGIN = 8

# Dropped from BM25 text: words too common to tell passages apart.
_STOPWORD_TEXT = """
a an and are as at be been but by can could did do does for from had has have he her his how i if in into
is it its of on or our she so than that the their them then there these they this those to was we were
what when where which who will with would you your
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_BM25_TOKEN = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)*")


def _rebuild_hint(directory: Path | str) -> str:
    return f"rebuild with: claimcheck index build CORPUS --index {directory}"


class IndexManifest(BaseModel):
    """What an index was built from and with; stored as `manifest.json`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: int = INDEX_SCHEMA_VERSION
    model: str  # embedder name
    dim: int
    corpus_dir: str
    corpus_hash: str  # `claimcheck.corpus.corpus_hash` of the indexed documents
    doc_hashes: dict[str, str]  # doc_id -> content_hash
    n_passages: int
    chunk_max_tokens: int
    chunker_version: int = CHUNKER_VERSION
    built_at: str  # ISO 8601, UTC; the time of the last build or change
    ann: str | None = None  # the approximate dense index ("ivf-flat nlist=4000"), None when exact

    def matches(self, embedder: Embedder, settings: Settings, corpus_hash_: str) -> bool:
        """True when an index with this manifest is what building now would produce."""
        return (
            self.schema_version == INDEX_SCHEMA_VERSION
            and self.model == embedder.name
            and self.dim == embedder.dim
            and self.corpus_hash == corpus_hash_
            and self.chunk_max_tokens == settings.chunk_max_tokens
            and self.chunker_version == CHUNKER_VERSION
        )


class IndexStats(BaseModel):
    """A summary for `claimcheck index stats`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    model: str
    dim: int
    corpus_dir: str
    corpus_hash: str
    n_documents: int
    n_passages: int
    passages_by_kind: dict[str, int]
    built_at: str
    dense_index: str  # "exact (flat)" or the approximate index's description


class PassageFilter(BaseModel):
    """Which passages a search may return; unset fields admit everything.

    `companies` match case-insensitively as substrings of the citation's company ("meta" admits
    "Meta Platforms, Inc."); `periods` and `doc_ids` match exactly (periods case-insensitively).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    kinds: frozenset[DocKind] | None = None
    companies: frozenset[str] | None = None
    periods: frozenset[str] | None = None
    doc_ids: frozenset[str] | None = None

    def admits_all(self) -> bool:
        return self.kinds is None and self.companies is None and self.periods is None and self.doc_ids is None

    def admits(self, passage: Passage) -> bool:
        cite = passage.citation
        if self.kinds is not None and cite.kind not in self.kinds:
            return False
        if self.doc_ids is not None and passage.doc_id not in self.doc_ids:
            return False
        if self.companies is not None:
            company = (cite.company or "").casefold()
            if not any(name.casefold() in company for name in self.companies):
                return False
        if self.periods is not None:
            period = (cite.period or "").casefold()
            if period not in {p.casefold() for p in self.periods}:
                return False
        return True


# Figure families that can be compared: amounts (dollars, counts, parameters, tokens — a 10-K table cell
# "16,120" under "(in millions)" is a bare count of dollars) and percentages.
_AMOUNT, _PERCENT = 0, 1
_FAMILIES: dict[Unit, int] = {
    Unit.USD: _AMOUNT,
    Unit.COUNT: _AMOUNT,
    Unit.PARAMETERS: _AMOUNT,
    Unit.TOKENS: _AMOUNT,
    Unit.PERCENT: _PERCENT,
    Unit.PERCENT_POINTS: _PERCENT,
}
# A bare count below this in a query ("3 segments", "8 languages") matches too many passages to tell
# anything; amounts with a currency or scale word and percentages always count.
_MIN_QUERY_COUNT = 1000.0


def query_figures(text: str) -> list[tuple[float, int]]:
    """The (value, family) pairs of the figures a query states, as hybrid search matches them."""
    found: list[tuple[float, int]] = []
    for q in figures(text):
        family = _FAMILIES.get(q.unit)
        if family is None or q.value == 0:
            continue
        if q.unit is Unit.COUNT and abs(q.value) < _MIN_QUERY_COUNT:
            continue
        pair = (abs(q.value), family)
        if pair not in found:
            found.append(pair)
    return found


def passage_figures(passage: Passage) -> list[tuple[float, int]]:
    """The (value, family) pairs of the figures a passage holds: its quoted text read with the unit
    statement in its embedded text (the verdict stage reads it the same way)."""
    found: list[tuple[float, int]] = []
    for q in figures(passage.raw_text, default_scale=unit_scale(passage.text)):
        family = _FAMILIES.get(q.unit)
        if family is not None and q.value != 0:
            found.append((abs(q.value), family))
    return found


class FigureTable:
    """Every figure of every passage, as flat arrays, so a query figure is matched in one pass."""

    def __init__(
        self, rows: NDArray[np.int64], values: NDArray[np.float64], families: NDArray[np.int8]
    ) -> None:
        self.rows = rows
        self.values = values
        self.families = families

    @classmethod
    def of(cls, passages: Sequence[Passage]) -> FigureTable:
        rows: list[int] = []
        values: list[float] = []
        families: list[int] = []
        for row, passage in enumerate(passages):
            for value, family in passage_figures(passage):
                rows.append(row)
                values.append(value)
                families.append(family)
        return cls(
            np.asarray(rows, dtype=np.int64),
            np.asarray(values, dtype=np.float64),
            np.asarray(families, dtype=np.int8),
        )

    def take(self, keep: Sequence[int]) -> FigureTable:
        """The table for the passages `keep` (old row numbers), renumbered 0.. in that order."""
        kept = np.asarray(keep, dtype=np.int64)
        size = max(int(self.rows.max()) + 1 if len(self.rows) else 0, int(kept.max()) + 1 if len(kept) else 0)
        new_row = np.full(size, -1, dtype=np.int64)
        new_row[kept] = np.arange(len(kept), dtype=np.int64)
        mapped = new_row[self.rows]
        mask = mapped >= 0
        order = np.argsort(mapped[mask], kind="stable")
        return FigureTable(mapped[mask][order], self.values[mask][order], self.families[mask][order])

    def extend(self, other: FigureTable, offset: int) -> FigureTable:
        """This table followed by `other`, whose rows start at `offset`."""
        return FigureTable(
            np.concatenate([self.rows, other.rows + offset]),
            np.concatenate([self.values, other.values]),
            np.concatenate([self.families, other.families]),
        )

    def rows_near(self, value: float, family: int, tolerance: float) -> NDArray[np.int64]:
        """Rows holding a figure of `family` within `tolerance` (relative) of `value`, each once."""
        close = np.abs(self.values - value) <= tolerance * np.maximum(self.values, value)
        return np.unique(self.rows[close & (self.families == family)])

    def save(self, path: Path, n_passages: int) -> None:
        with path.open("wb") as handle:
            np.savez(
                handle,
                rows=self.rows,
                values=self.values,
                families=self.families,
                fingerprint=np.asarray(_figures_fingerprint()),
                n_passages=np.asarray(n_passages),
            )
            handle.flush()
            os.fsync(handle.fileno())

    @classmethod
    def load(cls, path: Path, n_passages: int) -> FigureTable | None:
        """The saved table, or None when it is missing, unreadable or stale (another quantities module,
        another passage count): it is then rebuilt on first use."""
        try:
            with np.load(path, allow_pickle=False) as data:
                if (
                    str(data["fingerprint"]) != _figures_fingerprint()
                    or int(data["n_passages"]) != n_passages
                ):
                    return None
                return cls(
                    data["rows"].astype(np.int64),
                    data["values"].astype(np.float64),
                    data["families"].astype(np.int8),
                )
        except (OSError, KeyError, ValueError, EOFError):
            return None


@functools.cache
def _figures_fingerprint() -> str:
    """Changes whenever the quantities module (which reads the figures) changes."""
    import inspect

    from claimcheck import quantities

    return hashlib.sha256(inspect.getsource(quantities).encode()).hexdigest()


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
        settings: Settings | None = None,
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
        self.settings = settings if settings is not None else Settings()
        self._passages: list[Passage] = list(passages)
        self._vectors: Vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        self._faiss: Any = ann if ann is not None else _dense_index(self._vectors, self.settings)
        self.manifest = manifest.model_copy(update={"ann": _describe_ann(self._faiss)})
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
    ) -> EvidenceIndex:
        """Chunk `docs` (token budgets from the embedder's tokenizer) and embed the passages.

        With `previous` (an older index, e.g. the one being rebuilt), passages whose embedded text is
        unchanged take their stored vector instead of being embedded again (keyed by the hash of model
        name and text; an index built with another model contributes nothing).
        """
        passages = chunk_documents(docs, settings, embedder.count_tokens)
        known = previous.vector_cache() if previous is not None else None
        vectors = _embed_passages(embedder, passages, known)
        figure_table = FigureTable.of(passages)
        manifest = IndexManifest(
            model=embedder.name,
            dim=embedder.dim,
            corpus_dir=str(corpus_dir),
            corpus_hash=corpus_hash(docs),
            doc_hashes={doc.doc_id: doc.content_hash for doc in docs},
            n_passages=len(passages),
            chunk_max_tokens=settings.chunk_max_tokens,
            built_at=_now(),
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
        doc_hashes = {passage.doc_id: "" for passage in passages}
        manifest = IndexManifest(
            model=embedder.name,
            dim=embedder.dim,
            corpus_dir=str(corpus_dir),
            corpus_hash=hash_doc_hashes(doc_hashes),
            doc_hashes=doc_hashes,
            n_passages=len(passages),
            chunk_max_tokens=settings.chunk_max_tokens,
            built_at=_now(),
        )
        return cls(manifest, passages, vectors, embedder, settings, figure_table=figure_table)

    def vector_cache(self) -> dict[str, Vectors]:
        """Stored vectors keyed by `embedding_key(model, text)`, for reuse when rebuilding."""
        return {
            embedding_key(self.manifest.model, passage.text): self._vectors[row]
            for row, passage in enumerate(self._passages)
        }

    def add_documents(self, docs: Sequence[Document]) -> int:
        """Index new or changed documents; return how many passages had to be embedded.

        A document whose doc_id and content_hash are already in the index is skipped. One with a known
        doc_id but a new content_hash replaces the old version's passages.
        """
        fresh = [doc for doc in docs if self.manifest.doc_hashes.get(doc.doc_id) != doc.content_hash]
        if not fresh:
            return 0
        replaced = {doc.doc_id for doc in fresh}
        keep = [i for i, passage in enumerate(self._passages) if passage.doc_id not in replaced]
        added = [
            passage
            for doc in fresh
            for passage in chunk_document(doc, self.manifest.chunk_max_tokens, self.embedder.count_tokens)
        ]
        # A changed document's unchanged passages keep their vectors.
        known = self.vector_cache()
        embedded = sum(1 for p in added if embedding_key(self.embedder.name, p.text) not in known)
        vectors = _embed_passages(self.embedder, added, known)
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
                "built_at": _now(),
            }
        )
        self._passages = passages
        self._vectors = np.ascontiguousarray(vectors, dtype=np.float32).reshape(-1, self.manifest.dim)
        self._faiss = _dense_index(self._vectors, self.settings, reuse=self._faiss)
        self.manifest = self.manifest.model_copy(update={"ann": _describe_ann(self._faiss)})
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
        return _describe_ann(self._faiss) is not None

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
            dense_index=self.manifest.ann or "exact (flat)",
        )

    # ---- searching

    def search(
        self,
        query: str,
        k: int,
        *,
        mode: SearchMode = DEFAULT_SEARCH_MODE,
        where: PassageFilter | None = None,
    ) -> list[SearchHit]:
        """The k best passages for `query`, best first (ties broken by passage_id).

        mode "dense": cosine similarity of the vectors; `score` is the cosine.
        mode "bm25": lexical BM25 over passage text; `score` is the BM25 score (only hits above 0).
        mode "hybrid": reciprocal-rank fusion of the dense ranking, the BM25 ranking and, when the query
        states figures, a ranking of the passages that hold a matching figure (see `_figure_ranking`);
        `score` is the fused score, `dense_score` the cosine (filter relevance on it, not on `score`),
        `bm25_score` the BM25 score and `figure_match` whether the passage holds a matching figure.
        `where` keeps only the passages it admits (kind, company, period, document).
        """
        return self.search_many([query], k, mode=mode, where=where)[0]

    def search_many(
        self,
        queries: Sequence[str],
        k: int,
        *,
        mode: SearchMode = DEFAULT_SEARCH_MODE,
        where: PassageFilter | None = None,
    ) -> list[list[SearchHit]]:
        """`search` for many queries at once; the dense part embeds them in one batch."""
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
        if mode == "hybrid" and query_vectors is not None:
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
                ranked = _fuse([dense[row], lexical[row], figure[row]], self._passage_id)
            order = sorted(ranked, key=lambda i: (-ranked[i], self._passages[i].passage_id))[:k]
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
        if allowed is not None:
            # Filtered search is exact over the admitted rows: an approximate index cannot skip rows.
            rows = np.flatnonzero(allowed)
            scores_all = query_vectors @ self._vectors[rows].T
            out: list[dict[int, float]] = []
            for row_scores in scores_all:
                best = _top(row_scores, depth)
                out.append({int(rows[j]): float(row_scores[j]) for j in best})
            return out
        scores, ids = self._faiss.search(query_vectors, depth)
        return [
            {int(i): float(s) for s, i in zip(row_scores, row_ids, strict=True) if i >= 0}
            for row_scores, row_ids in zip(scores, ids, strict=True)
        ]

    def _lexical(self, query: str, depth: int, allowed: NDArray[np.bool_] | None) -> dict[int, float]:
        tokens = bm25_tokens(query)
        if not tokens:
            return {}
        scores = self._bm25_index().get_scores(tokens)
        keep = scores > 0
        if allowed is not None:
            keep &= allowed
        positive = np.flatnonzero(keep)
        if positive.size == 0:
            return {}
        best = positive[np.argsort(-scores[positive], kind="stable")][:depth]
        return {int(i): float(scores[i]) for i in best}

    def _figure_ranking(
        self, query: str, query_vector: Vectors, depth: int, allowed: NDArray[np.bool_] | None
    ) -> dict[int, float]:
        """Passages holding a figure within `settings.number_match_tolerance` of one the query states,
        ranked by how many of the query's figures they hold, then by cosine similarity. Scores encode that
        order (count + (cosine + 1) / 4); only the order matters to the fusion."""
        wanted = query_figures(query)
        if not wanted:
            return {}
        table = self._figure_table()
        counts: dict[int, int] = {}
        for value, family in wanted:
            for row in table.rows_near(value, family, self.settings.number_match_tolerance):
                if allowed is None or allowed[row]:
                    counts[row] = counts.get(row, 0) + 1
        if not counts:
            return {}
        rows = np.fromiter(counts, dtype=np.int64, count=len(counts))
        cosines = self._vectors[rows] @ query_vector
        scored = {int(r): counts[int(r)] + (float(c) + 1.0) / 4.0 for r, c in zip(rows, cosines, strict=True)}
        best = sorted(scored, key=lambda r: (-scored[r], self._passages[r].passage_id))[:depth]
        return {r: scored[r] for r in best}

    def _figure_table(self) -> FigureTable:
        if self._figures is None:
            self._figures = FigureTable.of(self._passages)
        return self._figures

    def _bm25_index(self) -> bm25s.BM25:
        if self._bm25 is None:
            import bm25s

            retriever = bm25s.BM25()
            retriever.index([bm25_tokens(p.text) for p in self._passages], show_progress=False)
            self._bm25 = retriever
        return self._bm25

    # ---- disk

    def save(self, directory: Path) -> None:
        """Write the index to `directory`, replacing any index there, without ever leaving it broken.

        Files go to a hidden temporary sibling first and are fsynced; then the old folder is renamed
        away, the new one renamed in, and the old one deleted. A crash before the swap leaves the old
        index untouched; a crash between the two renames is repaired by the next `load`.
        """
        directory = Path(directory)
        parent = directory.parent
        parent.mkdir(parents=True, exist_ok=True)
        _recover(directory)
        _remove_leftovers(directory, ".tmp-")
        temp = Path(tempfile.mkdtemp(prefix=f".{directory.name}.tmp-", dir=parent))
        try:
            _write_passages(temp / PASSAGES_FILE, self._passages)
            _write_vectors(temp / VECTORS_FILE, self._vectors)
            if self._figures is not None:
                self._figures.save(temp / FIGURES_FILE, len(self._passages))
            if self.is_approximate:
                _write_faiss(temp / ANN_FILE, self._faiss)
            _write_manifest(temp / MANIFEST_FILE, self.manifest)
            _fsync_dir(temp)
            _swap_in(temp, directory)
        except BaseException:
            shutil.rmtree(temp, ignore_errors=True)
            raise

    @classmethod
    def load(cls, directory: Path, embedder: Embedder, settings: Settings | None = None) -> EvidenceIndex:
        """Read an index folder written by `save`, checking it was built with `embedder`.

        Raises `IndexError_` (with the path and how to rebuild) for a missing folder or file, an
        unreadable or corrupt file, or a model name / dimension that differs from the embedder's.
        """
        directory = Path(directory)
        _recover(directory)
        if not directory.is_dir():
            raise IndexError_("index folder not found", path=directory, hint=_rebuild_hint(directory))
        manifest = _read_manifest(directory / MANIFEST_FILE, directory)
        if manifest.model != embedder.name or manifest.dim != embedder.dim:
            raise IndexError_(
                f"index was built with {manifest.model!r} ({manifest.dim} dims) but the embedder is "
                f"{embedder.name!r} ({embedder.dim} dims)",
                path=directory / MANIFEST_FILE,
                hint=_rebuild_hint(directory),
            )
        passages = _read_passages(directory / PASSAGES_FILE, directory)
        vectors = _read_vectors(directory / VECTORS_FILE, directory)
        if len(passages) != manifest.n_passages or vectors.shape != (manifest.n_passages, manifest.dim):
            raise IndexError_(
                f"index files disagree: manifest says {manifest.n_passages} passages of width "
                f"{manifest.dim}, found {len(passages)} passages and vectors of shape {vectors.shape}",
                path=directory,
                hint=_rebuild_hint(directory),
            )
        settings = settings if settings is not None else Settings()
        ann = _read_ann(directory / ANN_FILE, manifest, settings)
        figure_table = FigureTable.load(directory / FIGURES_FILE, len(passages))
        return cls(manifest, passages, vectors, embedder, settings, ann=ann, figure_table=figure_table)


def open_index(
    settings: Settings,
    embedder: Embedder,
    *,
    corpus_dir: Path | None,
    index_dir: Path | None,
    cache_dir: Path,
) -> EvidenceIndex:
    """The index to search: a saved one, or the corpus's cached one, built when missing or stale.

    With `index_dir`, load it (errors if it is missing or built with another model). Otherwise load
    the corpus (`corpus_dir`, default `settings.corpus_dir`) and reuse `cache_dir/<corpus_hash[:16]>`
    when its manifest matches the corpus, embedder and chunk size; else build and save it there, taking
    the vectors of unchanged passages from the most recently built index in `cache_dir`.
    """
    if index_dir is not None:
        return EvidenceIndex.load(index_dir, embedder, settings)
    root = corpus_dir if corpus_dir is not None else settings.corpus_dir
    docs = load_corpus(root)
    fingerprint = corpus_hash(docs)
    cached = cache_dir / fingerprint[:16]
    if (cached / MANIFEST_FILE).is_file():
        try:
            index = EvidenceIndex.load(cached, embedder, settings)
        except IndexError_:
            pass  # corrupt or built with another model: rebuild over it
        else:
            if index.manifest.matches(embedder, settings, fingerprint):
                return index
    previous = _latest_index(cache_dir, embedder, settings)
    index = EvidenceIndex.build(docs, embedder, settings, root, previous=previous)
    index.save(cached)
    return index


def build_index(
    docs: Sequence[Document], embedder: Embedder, settings: Settings, corpus_dir: Path, index_dir: Path
) -> tuple[EvidenceIndex, int]:
    """Build an index of `docs` into `index_dir` (replacing what is there, atomically); return it and how
    many passages had to be embedded. Passages unchanged since the index already in `index_dir` (if it
    was built with the same model) keep their vectors."""
    previous: EvidenceIndex | None = None
    if (index_dir / MANIFEST_FILE).is_file():
        try:
            previous = EvidenceIndex.load(index_dir, embedder, settings)
        except IndexError_:
            previous = None  # another model or a damaged index: everything is embedded afresh
    counter = _CountingEmbedder(embedder)
    index = EvidenceIndex.build(docs, counter, settings, corpus_dir, previous=previous)
    index.embedder = embedder
    index.save(index_dir)
    return index, counter.embedded


class _CountingEmbedder:
    """An embedder that counts the texts it is asked to embed."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.embedded = 0

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def dim(self) -> int:
        return self.inner.dim

    def embed(self, texts: Sequence[str]) -> Vectors:
        self.embedded += len(texts)
        return self.inner.embed(texts)

    def count_tokens(self, text: str) -> int:
        return self.inner.count_tokens(text)


def _latest_index(cache_dir: Path, embedder: Embedder, settings: Settings) -> EvidenceIndex | None:
    """The most recently built loadable index under `cache_dir` made with `embedder`, if any."""
    if not cache_dir.is_dir():
        return None
    candidates = sorted(
        (p for p in cache_dir.iterdir() if (p / MANIFEST_FILE).is_file() and not p.name.startswith(".")),
        key=lambda p: ((p / MANIFEST_FILE).stat().st_mtime, p.name),
        reverse=True,
    )
    for folder in candidates:
        try:
            return EvidenceIndex.load(folder, embedder, settings)
        except IndexError_:
            continue
    return None


def bm25_tokens(text: str) -> list[str]:
    """Lower-cased words and numbers ("16.12", "134,902" stay whole), stopwords dropped."""
    return [token for token in _BM25_TOKEN.findall(text.lower()) if token not in _STOPWORDS]


# --------------------------------------------------------------------------------------------------
# helpers


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


# ---- dense index: exact or approximate

# IVF lists: sqrt(n), below the FAISS guidelines' 4-16 * sqrt(n) because on 2 cores k-means training and
# assignment dominate the build (1M vectors: ~1 minute with 1,000 lists, several with 4,000), and at least
# 39 training vectors per list, the minimum FAISS's k-means accepts without a warning.
_IVF_LISTS_PER_SQRT = 1
_IVF_MIN_TRAIN_PER_LIST = 39
# Training sample per list: enough for stable centroids without k-means dominating the build.
_IVF_TRAIN_PER_LIST = 64
# An IVF index whose list count is within this factor of the ideal for the current size is refilled
# after an update instead of retrained.
_IVF_RETRAIN_FACTOR = 2.0


def ivf_lists(n: int) -> int:
    """How many inverted lists an IVF index over `n` vectors gets."""
    return max(1, min(round(_IVF_LISTS_PER_SQRT * math.sqrt(n)), n // _IVF_MIN_TRAIN_PER_LIST))


def make_ann_index(vectors: Vectors, settings: Settings) -> Any:
    """An approximate inner-product index (FAISS IVF-Flat) over `vectors`, trained on a fixed sample."""
    import faiss

    n, dim = vectors.shape
    lists = ivf_lists(n)
    index = faiss.index_factory(dim, f"IVF{lists},Flat", faiss.METRIC_INNER_PRODUCT)
    sample_size = min(n, lists * _IVF_TRAIN_PER_LIST)
    rows = np.sort(np.random.default_rng(0).choice(n, sample_size, replace=False))
    index.train(np.ascontiguousarray(vectors[rows]))
    index.add(vectors)
    faiss.extract_index_ivf(index).nprobe = settings.ivf_nprobe
    return index


def _dense_index(vectors: Vectors, settings: Settings, *, reuse: Any = None) -> Any:
    """Exact (flat) up to `settings.ann_threshold` passages, approximate above; `reuse` is the index this
    one replaces: a trained IVF index of about the right size is emptied and refilled, not retrained."""
    import faiss

    n, dim = vectors.shape
    if n <= settings.ann_threshold:
        flat = faiss.IndexFlatIP(dim)
        if n:
            flat.add(vectors)
        return flat
    if reuse is not None and _describe_ann(reuse) is not None:
        lists = faiss.extract_index_ivf(reuse).nlist
        if 1 / _IVF_RETRAIN_FACTOR <= lists / ivf_lists(n) <= _IVF_RETRAIN_FACTOR:
            reuse.reset()
            reuse.add(vectors)
            return reuse
    return make_ann_index(vectors, settings)


def _describe_ann(index: Any) -> str | None:
    """ "ivf-flat nlist=N" for an IVF index, None for an exact one."""
    import faiss

    try:
        ivf = faiss.extract_index_ivf(index)
    except RuntimeError:
        return None
    return f"ivf-flat nlist={ivf.nlist}"


def _top(scores: NDArray[np.float32], depth: int) -> NDArray[np.intp]:
    """Indices of the `depth` highest scores (any order)."""
    if depth >= len(scores):
        return np.arange(len(scores))
    return np.argpartition(-scores, depth - 1)[:depth]


def embedding_key(model: str, text: str) -> str:
    """The content hash an embedding is stored under: sha256 of the model name and the embedded text."""
    return hashlib.sha256(f"{model}\x00{text}".encode()).hexdigest()


def _embed_passages(
    embedder: Embedder, passages: Sequence[Passage], known: Mapping[str, Vectors] | None = None
) -> Vectors:
    """Vectors for `passages`, in order; texts whose key is in `known` are not embedded again."""
    vectors = np.zeros((len(passages), embedder.dim), dtype=np.float32)
    missing: list[int] = []
    for row, passage in enumerate(passages):
        stored = known.get(embedding_key(embedder.name, passage.text)) if known else None
        if stored is not None and stored.shape == (embedder.dim,):
            vectors[row] = stored
        else:
            missing.append(row)
    if missing:
        fresh = embedder.embed([passages[row].text for row in missing])
        vectors[missing] = np.asarray(fresh, dtype=np.float32).reshape(len(missing), embedder.dim)
    return vectors


def _fuse(rankings: Sequence[dict[int, float]], tie_key: Callable[[int], str]) -> dict[int, float]:
    """Reciprocal-rank fusion; each ranking maps row -> score (higher is better, ties by tie_key)."""
    fused: dict[int, float] = {}
    for ranking in rankings:
        order = sorted(ranking, key=lambda i: (-ranking[i], tie_key(i)))
        for rank, i in enumerate(order, start=1):
            fused[i] = fused.get(i, 0.0) + 1.0 / (RRF_K + rank)
    return fused


def _write_passages(path: Path, passages: Sequence[Passage]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for passage in passages:
            handle.write(passage.model_dump_json())
            handle.write("\n")
        handle.flush()
        os.fsync(handle.fileno())


def _write_vectors(path: Path, vectors: Vectors) -> None:
    with path.open("wb") as handle:
        np.save(handle, np.ascontiguousarray(vectors, dtype=np.float32), allow_pickle=False)
        handle.flush()
        os.fsync(handle.fileno())


def _write_faiss(path: Path, index: Any) -> None:
    import faiss

    faiss.write_index(index, str(path))
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _read_ann(path: Path, manifest: IndexManifest, settings: Settings) -> Any:
    """The saved approximate index when it is still the one to use (same description, same size, the
    passage count above the threshold); None otherwise, and `_dense_index` builds what is needed."""
    if manifest.ann is None or manifest.n_passages <= settings.ann_threshold or not path.is_file():
        return None
    import faiss

    try:
        index = faiss.read_index(str(path))
    except RuntimeError:
        return None  # unreadable: rebuilt from the vectors, which are the source of truth
    if _describe_ann(index) != manifest.ann or index.ntotal != manifest.n_passages:
        return None
    faiss.extract_index_ivf(index).nprobe = settings.ivf_nprobe
    return index


def _write_manifest(path: Path, manifest: IndexManifest) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(manifest.model_dump_json(indent=2))
        handle.write("\n")
        handle.flush()
        os.fsync(handle.fileno())


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return  # platforms without directory handles (Windows): rename is the best we have
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _swap_in(temp: Path, directory: Path) -> None:
    if directory.exists() or directory.is_symlink():
        if not directory.is_dir():
            raise IndexError_(
                "index path exists and is not a folder", path=directory, hint="choose another --index path"
            )
        old = directory.parent / f".{directory.name}.old-{uuid.uuid4().hex[:12]}"
        os.rename(directory, old)
        _rename_into_place(temp, directory)
        _fsync_dir(directory.parent)
        shutil.rmtree(old, ignore_errors=True)
    else:
        _rename_into_place(temp, directory)
        _fsync_dir(directory.parent)


def _rename_into_place(temp: Path, directory: Path) -> None:
    os.rename(temp, directory)


def _recover(directory: Path) -> None:
    """Put back the previous index if a save died between its two renames."""
    if directory.exists():
        _remove_leftovers(directory, ".old-")
        return
    backups = sorted(
        (p for p in _leftovers(directory, ".old-") if (p / MANIFEST_FILE).is_file()),
        key=lambda p: p.stat().st_mtime,
    )
    if backups:
        os.rename(backups[-1], directory)
        _fsync_dir(directory.parent)


def _leftovers(directory: Path, marker: str) -> list[Path]:
    parent = directory.parent
    if not parent.is_dir():
        return []
    return sorted(parent.glob(f".{_glob_escape(directory.name)}{marker}*"))


def _remove_leftovers(directory: Path, marker: str) -> None:
    for path in _leftovers(directory, marker):
        shutil.rmtree(path, ignore_errors=True)


def _glob_escape(name: str) -> str:
    """`name` with glob wildcards escaped."""
    return re.sub(r"([*?\[])", r"[\1]", name)


def _read_manifest(path: Path, directory: Path) -> IndexManifest:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise IndexError_("index file missing", path=path, hint=_rebuild_hint(directory)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise IndexError_(
            f"cannot read index file: {exc}", path=path, hint=_rebuild_hint(directory)
        ) from None
    try:
        manifest = IndexManifest.model_validate_json(text)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        reason = (
            f"corrupt manifest ({where}: {first['msg']})" if where else f"corrupt manifest ({first['msg']})"
        )
        raise IndexError_(reason, path=path, hint=_rebuild_hint(directory)) from None
    if manifest.schema_version != INDEX_SCHEMA_VERSION:
        raise IndexError_(
            f"index format version {manifest.schema_version}, this claimcheck reads {INDEX_SCHEMA_VERSION}",
            path=path,
            hint=_rebuild_hint(directory),
        )
    return manifest


def _read_passages(path: Path, directory: Path) -> list[Passage]:
    passages: list[Passage] = []
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    passages.append(Passage.model_validate_json(line))
                except ValidationError as exc:
                    raise IndexError_(
                        f"corrupt passage record: {exc.errors()[0]['msg']}",
                        path=path,
                        line=number,
                        hint=_rebuild_hint(directory),
                    ) from None
    except FileNotFoundError:
        raise IndexError_("index file missing", path=path, hint=_rebuild_hint(directory)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise IndexError_(
            f"cannot read index file: {exc}", path=path, hint=_rebuild_hint(directory)
        ) from None
    return passages


def _read_vectors(path: Path, directory: Path) -> Vectors:
    try:
        array = np.load(path, allow_pickle=False)
    except FileNotFoundError:
        raise IndexError_("index file missing", path=path, hint=_rebuild_hint(directory)) from None
    except (OSError, ValueError, EOFError) as exc:
        raise IndexError_(f"cannot read vectors: {exc}", path=path, hint=_rebuild_hint(directory)) from None
    if not isinstance(array, np.ndarray) or array.dtype != np.float32 or array.ndim != 2:
        raise IndexError_(
            "vectors file does not hold a 2-D float32 array", path=path, hint=_rebuild_hint(directory)
        )
    return np.ascontiguousarray(array)
