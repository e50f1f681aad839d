"""`EvidenceIndex`: passages, their vectors (FAISS inner product) and BM25, saved atomically on disk.

Typical use::

    embedder = load_embedder(settings)
    index = open_index(settings, embedder, corpus_dir=Path("corpora"), index_dir=None, cache_dir=cache)
    hits = index.search("Reality Labs lost $16 billion", k=5)

or explicitly::

    index = EvidenceIndex.build(load_corpus(corpus_dir), embedder, settings, corpus_dir)
    index.save(Path("output/index"))
    index = EvidenceIndex.load(Path("output/index"), embedder, settings)

An index folder holds `manifest.json` (an `IndexManifest`, with the size and sha256 of every other file),
`passages.jsonl` (one `Passage` per line,
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

The modules, lowest first (each imports only those above it):

- `manifest`: file names, format version, `IndexManifest` (read and written), `IndexStats`;
- `dense`: vectors (embedded once, reused by content hash) and FAISS, exact or IVF;
- `lexical`: the BM25 tokenizer and ranking;
- `figures`: the figures of queries and passages, `FigureTable`, the figure ranking;
- `filters`: `PassageFilter`;
- `storage`: the other files on disk (atomic save, recovery, reading with errors);
- `search`: `EvidenceIndex` and reciprocal-rank fusion;
- `cache`: `open_index` and `build_index`, the corpus -> index cache.
"""

from claimcheck.index.cache import add_to_index, build_index, open_index, remove_from_index
from claimcheck.index.dense import embedding_key, ivf_lists, make_ann_index
from claimcheck.index.figures import FigureTable, passage_figures, query_figures
from claimcheck.index.filters import PassageFilter
from claimcheck.index.lexical import bm25_tokens
from claimcheck.index.manifest import (
    ANN_FILE,
    FIGURES_FILE,
    INDEX_SCHEMA_VERSION,
    MANIFEST_FILE,
    PASSAGES_FILE,
    VECTORS_FILE,
    IndexFile,
    IndexManifest,
    IndexStats,
)
from claimcheck.index.search import (
    DEFAULT_SEARCH_MODE,
    FUSION_DEPTH,
    RRF_K,
    EvidenceIndex,
    SearchMode,
)
from claimcheck.index.storage import CheckedFile, IndexCheck, verify_index

__all__ = [
    "ANN_FILE",
    "DEFAULT_SEARCH_MODE",
    "FIGURES_FILE",
    "FUSION_DEPTH",
    "INDEX_SCHEMA_VERSION",
    "MANIFEST_FILE",
    "PASSAGES_FILE",
    "RRF_K",
    "VECTORS_FILE",
    "CheckedFile",
    "EvidenceIndex",
    "FigureTable",
    "IndexCheck",
    "IndexFile",
    "IndexManifest",
    "IndexStats",
    "PassageFilter",
    "SearchMode",
    "add_to_index",
    "bm25_tokens",
    "build_index",
    "embedding_key",
    "ivf_lists",
    "make_ann_index",
    "open_index",
    "passage_figures",
    "query_figures",
    "remove_from_index",
    "verify_index",
]
