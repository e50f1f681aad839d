"""The lexical side of the index: BM25 (bm25s) over passage text, with the tokenizer it and its queries
share. The statistics are built from the passages on first use, never stored.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from claimcheck.models import Passage

if TYPE_CHECKING:
    import bm25s

# Dropped from BM25 text: words too common to tell passages apart.
_STOPWORD_TEXT = """
a an and are as at be been but by can could did do does for from had has have he her his how i if in into
is it its of on or our she so than that the their them then there these they this those to was we were
what when where which who will with would you your
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_BM25_TOKEN = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)*")


def bm25_tokens(text: str) -> list[str]:
    """Lower-cased words and numbers ("16.12", "134,902" stay whole), stopwords dropped."""
    return [token for token in _BM25_TOKEN.findall(text.lower()) if token not in _STOPWORDS]


def build_bm25(passages: Sequence[Passage]) -> bm25s.BM25 | None:
    """BM25 statistics over the passages' embedded text, one document per passage in order; None when no
    passage holds a single word or number (bm25s cannot index an empty vocabulary), and then nothing
    matches by words."""
    import bm25s

    tokens = [bm25_tokens(p.text) for p in passages]
    if not any(tokens):
        return None
    retriever = bm25s.BM25()
    retriever.index(tokens, show_progress=False)
    return retriever


def bm25_ranking(
    retriever: bm25s.BM25, query: str, depth: int, allowed: NDArray[np.bool_] | None
) -> dict[int, float]:
    """The `depth` best rows (row -> BM25 score, only scores above 0) among those `allowed` (all when
    None); equal scores keep row order."""
    tokens = bm25_tokens(query)
    if not tokens:
        return {}
    scores = retriever.get_scores(tokens)
    keep = scores > 0
    if allowed is not None:
        keep &= allowed
    positive = np.flatnonzero(keep)
    if positive.size == 0:
        return {}
    best = positive[np.argsort(-scores[positive], kind="stable")][:depth]
    return {int(i): float(scores[i]) for i in best}
