"""The corpus -> index cache: `open_index` finds (or builds and saves) the index to search for a corpus or
a saved index folder, and `build_index` (re)builds an index folder. Both reuse the vectors of passages
whose embedded text is unchanged, so rebuilding never re-embeds what an earlier index already has.

Loading the corpus happens here, in the functions that decide whether to build at all; `EvidenceIndex`
is only ever given documents.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

from claimcheck.corpus import chunk_documents, corpus_hash, load_corpus
from claimcheck.embedding import Embedder, Vectors
from claimcheck.errors import ClaimcheckWarning, IndexError_
from claimcheck.index.dense import embedding_key
from claimcheck.index.manifest import MANIFEST_FILE
from claimcheck.index.search import EvidenceIndex
from claimcheck.index.storage import index_writer
from claimcheck.models import Document
from claimcheck.progress import NO_PROGRESS, Progress
from claimcheck.settings import Settings


def open_index(
    settings: Settings,
    embedder: Embedder,
    *,
    corpus_dir: Path | None,
    index_dir: Path | None,
    cache_dir: Path,
    progress: Progress = NO_PROGRESS,
    docs: list[Document] | None = None,
) -> EvidenceIndex:
    """The index to search: a saved one, or the corpus's cached one, built when missing or stale.

    With `index_dir`, load it (errors if it is missing or built with another model). Otherwise load
    the corpus (`corpus_dir`, default `settings.corpus_dir`) and reuse `cache_dir/<corpus_hash[:16]>`
    when its manifest matches the corpus, embedder and chunk size; else build and save it there, taking
    the vectors of unchanged passages from the most recently built index in `cache_dir`. A build reports
    its chunking and embedding to `progress`.
    """
    if index_dir is not None:
        return EvidenceIndex.load(index_dir, embedder, settings)
    root = corpus_dir if corpus_dir is not None else settings.corpus_dir
    if docs is None:  # (`docs`: the corpus already read from `root`, e.g. before the models loaded)
        docs = load_corpus(root, settings.max_document_bytes)
    fingerprint = corpus_hash(docs)
    cached = cache_dir / fingerprint[:16]
    with index_writer(cached, settings):  # two runs on one corpus build its cache once
        if (cached / MANIFEST_FILE).is_file():
            try:
                index = EvidenceIndex.load(cached, embedder, settings)
            except IndexError_ as exc:  # damaged, or built with another model: rebuild over it
                warnings.warn(
                    f"the cached index {cached} cannot be used ({exc.reason}); it is rebuilt",
                    ClaimcheckWarning,
                    stacklevel=2,
                )
            else:
                if index.manifest.matches(embedder, settings, fingerprint):
                    return index
        previous = _latest_index(cache_dir, embedder, settings)
        index = EvidenceIndex.build(docs, embedder, settings, root, previous=previous, progress=progress)
        index.measure_ann_recall()
        index.save(cached)
        return index


def build_index(
    docs: Sequence[Document],
    embedder: Embedder,
    settings: Settings,
    corpus_dir: Path,
    index_dir: Path,
    *,
    progress: Progress = NO_PROGRESS,
    embed_many: Callable[[Sequence[str]], Vectors] | None = None,
) -> tuple[EvidenceIndex, int]:
    """Build an index of `docs` into `index_dir` (replacing what is there, atomically); return it and how
    many passages had to be embedded. Passages unchanged since the index already in `index_dir` (if it
    was built with the same model) keep their vectors. Chunking and embedding report to `progress`.
    `embed_many`: embeds every text still missing at once, elsewhere (`index build --ray`), in place of
    `embedder.embed`; it must give the vectors `embedder` would."""
    with index_writer(index_dir, settings):
        previous: EvidenceIndex | None = None
        if (index_dir / MANIFEST_FILE).is_file():
            try:
                previous = EvidenceIndex.load(index_dir, embedder, settings)
            except IndexError_:
                previous = None  # another model or a damaged index: everything is embedded afresh
        counter = _CountingEmbedder(embedder)
        passages = None
        known: dict[str, Vectors] = {}
        if embed_many is not None:
            passages = chunk_documents(docs, settings, embedder.count_tokens, progress=progress)
            stored = previous.vector_cache() if previous is not None else {}
            missing = sorted({p.text for p in passages if embedding_key(embedder.name, p.text) not in stored})
            if missing:
                fresh = embed_many(missing)
                counter.embedded += len(missing)
                known = {embedding_key(embedder.name, t): fresh[i] for i, t in enumerate(missing)}
        index = EvidenceIndex.build(
            docs,
            counter,
            settings,
            corpus_dir,
            previous=previous,
            progress=progress,
            passages=passages,
            known=known,
        )
        index.embedder = embedder
        index.measure_ann_recall()
        index.save(index_dir)
    return index, counter.embedded


def add_to_index(
    docs: Sequence[Document],
    embedder: Embedder,
    settings: Settings,
    index_dir: Path,
    *,
    progress: Progress = NO_PROGRESS,
) -> tuple[EvidenceIndex, int]:
    """Add the new or changed `docs` to the saved index in `index_dir`; return it and how many passages
    had to be embedded (reported to `progress`). The index's writer lock is held from the load to the
    save, so a concurrent `add_to_index` waits instead of saving over this one's documents."""
    with index_writer(index_dir, settings):
        index = EvidenceIndex.load(index_dir, embedder, settings)
        embedded = index.add_documents(docs, progress=progress)
        index.measure_ann_recall()
        index.save(index_dir)
    return index, embedded


def remove_from_index(
    doc_ids: Sequence[str], embedder: Embedder, settings: Settings, index_dir: Path
) -> tuple[EvidenceIndex, int]:
    """Drop documents by doc_id from the saved index in `index_dir`; return it and how many passages went.
    An id the index does not hold is an `IndexError_` and nothing is changed."""
    with index_writer(index_dir, settings):
        index = EvidenceIndex.load(index_dir, embedder, settings)
        unknown = [doc_id for doc_id in doc_ids if doc_id not in index.manifest.doc_hashes]
        if unknown:
            raise IndexError_(
                f"no document {unknown[0]!r} in the index",
                path=index_dir,
                hint="see `claimcheck index stats`",
            )
        removed = sum(index.remove_document(doc_id) for doc_id in doc_ids)
        index.measure_ann_recall()
        index.save(index_dir)
    return index, removed


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
