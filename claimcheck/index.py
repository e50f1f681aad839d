"""`EvidenceIndex`: passages, their vectors (FAISS inner product) and BM25, saved atomically on disk.

Typical use::

    embedder = load_embedder(settings)
    index = open_index(settings, embedder, corpus_dir=Path("corpora"), index_dir=None, cache_dir=cache)
    hits = index.search("Reality Labs lost $16 billion", k=5)

or explicitly::

    index = EvidenceIndex.build(load_corpus(corpus_dir), embedder, settings, corpus_dir)
    index.save(Path("output/index"))
    index = EvidenceIndex.load(Path("output/index"), embedder)

An index folder holds three files: `manifest.json` (an `IndexManifest`), `passages.jsonl` (one `Passage`
per line, raw text and citation included, so search results can be quoted without the corpus) and
`vectors.npy` (float32, one unit-length row per passage, in passage order). BM25 statistics are rebuilt
from the passages on first use rather than stored.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
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
from claimcheck.models import Document, Passage, SearchHit
from claimcheck.settings import Settings

if TYPE_CHECKING:
    import bm25s

INDEX_SCHEMA_VERSION = 1
MANIFEST_FILE = "manifest.json"
PASSAGES_FILE = "passages.jsonl"
VECTORS_FILE = "vectors.npy"

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


class EvidenceIndex:
    """Passages with a dense (FAISS `IndexFlatIP`) and a BM25 index over them.

    Build with `EvidenceIndex.build`, read with `EvidenceIndex.load`, or let `open_index` choose.
    The embedder given must be the one the index was built with (checked by name and dimension).
    """

    def __init__(
        self,
        manifest: IndexManifest,
        passages: Sequence[Passage],
        vectors: Vectors,
        embedder: Embedder,
    ) -> None:
        if vectors.shape != (len(passages), manifest.dim):
            raise IndexError_(
                f"{vectors.shape[0]} vectors of width {vectors.shape[1] if vectors.ndim == 2 else '?'} "
                f"for {len(passages)} passages of width {manifest.dim}",
                hint="the index is inconsistent; rebuild it",
            )
        self.manifest = manifest
        self.embedder = embedder
        self._passages: list[Passage] = list(passages)
        self._vectors: Vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        self._faiss: Any = _faiss_index(self._vectors, manifest.dim)
        self._bm25: bm25s.BM25 | None = None

    # ---- building

    @classmethod
    def build(
        cls, docs: Sequence[Document], embedder: Embedder, settings: Settings, corpus_dir: Path
    ) -> EvidenceIndex:
        """Chunk `docs` (token budgets from the embedder's tokenizer) and embed every passage."""
        passages = chunk_documents(docs, settings, embedder.count_tokens)
        vectors = _embed_passages(embedder, passages)
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
        return cls(manifest, passages, vectors, embedder)

    def add_documents(self, docs: Sequence[Document]) -> int:
        """Index new or changed documents; return how many passages were embedded.

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
        vectors = _embed_passages(self.embedder, added)
        doc_hashes = dict(self.manifest.doc_hashes)
        doc_hashes.update({doc.doc_id: doc.content_hash for doc in fresh})
        self._replace(
            [self._passages[i] for i in keep] + added,
            np.concatenate([self._vectors[keep], vectors]),
            doc_hashes,
        )
        return len(added)

    def remove_document(self, doc_id: str) -> int:
        """Drop a document's passages; return how many were removed (0 for an unknown doc_id)."""
        if doc_id not in self.manifest.doc_hashes:
            return 0
        keep = [i for i, passage in enumerate(self._passages) if passage.doc_id != doc_id]
        removed = len(self._passages) - len(keep)
        doc_hashes = {key: value for key, value in self.manifest.doc_hashes.items() if key != doc_id}
        self._replace([self._passages[i] for i in keep], self._vectors[keep], doc_hashes)
        return removed

    def _replace(self, passages: list[Passage], vectors: Vectors, doc_hashes: dict[str, str]) -> None:
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
        self._faiss = _faiss_index(self._vectors, self.manifest.dim)
        self._bm25 = None

    # ---- reading

    @property
    def passages(self) -> list[Passage]:
        """All passages, in index order (a copy)."""
        return list(self._passages)

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
        )

    # ---- searching

    def search(self, query: str, k: int, *, mode: SearchMode = DEFAULT_SEARCH_MODE) -> list[SearchHit]:
        """The k best passages for `query`, best first (ties broken by passage_id).

        mode "dense": cosine similarity of MiniLM vectors; `score` is the cosine.
        mode "bm25": lexical BM25 over passage text; `score` is the BM25 score (only hits above 0).
        mode "hybrid": reciprocal-rank fusion of both rankings; `score` is the fused score, and
        `dense_score` keeps the cosine so relevance thresholds stay meaningful.
        """
        return self.search_many([query], k, mode=mode)[0]

    def search_many(
        self, queries: Sequence[str], k: int, *, mode: SearchMode = DEFAULT_SEARCH_MODE
    ) -> list[list[SearchHit]]:
        """`search` for many queries at once; the dense part embeds them in one batch."""
        if mode not in ("dense", "bm25", "hybrid"):
            raise ValueError(f"unknown search mode {mode!r}")
        if k <= 0 or not self._passages or not queries:
            return [[] for _ in queries]
        depth = min(len(self._passages), (k if mode == "dense" else max(k, FUSION_DEPTH)) + _TIE_MARGIN)
        dense: list[dict[int, float]] = [{} for _ in queries]
        lexical: list[dict[int, float]] = [{} for _ in queries]
        query_vectors: Vectors | None = None
        if mode in ("dense", "hybrid"):
            query_vectors = self.embedder.embed(list(queries))
            dense = self._dense(query_vectors, depth)
        if mode in ("bm25", "hybrid"):
            lexical = [self._lexical(query, depth) for query in queries]
        results: list[list[SearchHit]] = []
        for row, (dense_scores, bm25_scores) in enumerate(zip(dense, lexical, strict=True)):
            if mode == "dense":
                ranked = dense_scores
            elif mode == "bm25":
                ranked = bm25_scores
            else:
                ranked = _fuse([dense_scores, bm25_scores], self._passage_id)
            order = sorted(ranked, key=lambda i: (-ranked[i], self._passages[i].passage_id))[:k]
            hits = []
            for i in order:
                hits.append(
                    SearchHit(
                        passage=self._passages[i],
                        score=ranked[i],
                        dense_score=(
                            self._cosine(query_vectors[row], dense_scores, i)
                            if query_vectors is not None
                            else None
                        ),
                        bm25_score=bm25_scores.get(i, 0.0) if mode != "dense" else None,
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

    def _dense(self, query_vectors: Vectors, depth: int) -> list[dict[int, float]]:
        scores, ids = self._faiss.search(np.ascontiguousarray(query_vectors, dtype=np.float32), depth)
        return [
            {int(i): float(s) for s, i in zip(row_scores, row_ids, strict=True) if i >= 0}
            for row_scores, row_ids in zip(scores, ids, strict=True)
        ]

    def _lexical(self, query: str, depth: int) -> dict[int, float]:
        tokens = bm25_tokens(query)
        if not tokens:
            return {}
        scores = self._bm25_index().get_scores(tokens)
        positive = np.flatnonzero(scores > 0)
        if positive.size == 0:
            return {}
        best = positive[np.argsort(-scores[positive], kind="stable")][:depth]
        return {int(i): float(scores[i]) for i in best}

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
            _write_manifest(temp / MANIFEST_FILE, self.manifest)
            _fsync_dir(temp)
            _swap_in(temp, directory)
        except BaseException:
            shutil.rmtree(temp, ignore_errors=True)
            raise

    @classmethod
    def load(cls, directory: Path, embedder: Embedder) -> EvidenceIndex:
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
        return cls(manifest, passages, vectors, embedder)


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
    when its manifest matches the corpus, embedder and chunk size; else build and save it there.
    """
    if index_dir is not None:
        return EvidenceIndex.load(index_dir, embedder)
    root = corpus_dir if corpus_dir is not None else settings.corpus_dir
    docs = load_corpus(root)
    fingerprint = corpus_hash(docs)
    cached = cache_dir / fingerprint[:16]
    if (cached / MANIFEST_FILE).is_file():
        try:
            index = EvidenceIndex.load(cached, embedder)
        except IndexError_:
            pass  # corrupt or built with another model: rebuild over it
        else:
            if index.manifest.matches(embedder, settings, fingerprint):
                return index
    index = EvidenceIndex.build(docs, embedder, settings, root)
    index.save(cached)
    return index


def bm25_tokens(text: str) -> list[str]:
    """Lower-cased words and numbers ("16.12", "134,902" stay whole), stopwords dropped."""
    return [token for token in _BM25_TOKEN.findall(text.lower()) if token not in _STOPWORDS]


# --------------------------------------------------------------------------------------------------
# helpers


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def _faiss_index(vectors: Vectors, dim: int) -> Any:
    import faiss

    index = faiss.IndexFlatIP(dim)
    if len(vectors):
        index.add(vectors)
    return index


def _embed_passages(embedder: Embedder, passages: Sequence[Passage]) -> Vectors:
    vectors = embedder.embed([passage.text for passage in passages])
    return np.asarray(vectors, dtype=np.float32).reshape(len(passages), embedder.dim)


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
