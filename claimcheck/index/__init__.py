"""The evidence index (being split into modules; everything lives in `search` for now)."""

from claimcheck.index.search import (
    ANN_FILE,
    FIGURES_FILE,
    MANIFEST_FILE,
    PASSAGES_FILE,
    VECTORS_FILE,
    EvidenceIndex,
    FigureTable,
    IndexManifest,
    PassageFilter,
    SearchMode,
    build_index,
    embedding_key,
    ivf_lists,
    make_ann_index,
    open_index,
    query_figures,
)

__all__ = [
    "ANN_FILE",
    "FIGURES_FILE",
    "MANIFEST_FILE",
    "PASSAGES_FILE",
    "VECTORS_FILE",
    "EvidenceIndex",
    "FigureTable",
    "IndexManifest",
    "PassageFilter",
    "SearchMode",
    "build_index",
    "embedding_key",
    "ivf_lists",
    "make_ann_index",
    "open_index",
    "query_figures",
]
