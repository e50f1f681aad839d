"""Searching the index and re-checking a claim from the review app: the heavy objects (embedder, index,
verifier) are loaded once per app, and only when an editor first asks. When they cannot be loaded (no
corpus, a missing model) the pages say so and everything else keeps working."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from claimcheck.errors import ClaimcheckError
from claimcheck.index import EvidenceIndex
from claimcheck.models import Claim, DraftVerdict, Passage, SearchHit
from claimcheck.settings import Settings
from claimcheck.verify.stance import Verifier


@dataclass
class Loaded:
    index: EvidenceIndex
    verifier: Verifier | None


def load_for_settings(settings: Settings, *, with_verifier: bool = True) -> Loaded:
    """The corpus's index (its cache under OUT/.index, built when stale) and the verifier."""
    from claimcheck.embedding import load_embedder
    from claimcheck.index import open_index
    from claimcheck.verify.stance import load_verifier

    embedder = load_embedder(settings)
    index = open_index(
        settings,
        embedder,
        corpus_dir=settings.corpus_dir,
        index_dir=None,
        cache_dir=settings.out_dir / ".index",
    )
    verifier = load_verifier(settings.nli_model) if with_verifier else None
    return Loaded(index=index, verifier=verifier)


class CheckerUnavailable(ClaimcheckError):
    """The index or the models could not be loaded: search and re-check are off."""


class Checker:
    """Index search and re-checking for the app; thread-safe, loads at most once."""

    def __init__(self, settings: Settings, loader: Callable[[], Loaded] | None = None) -> None:
        self.settings = settings
        self._loader = loader or (lambda: load_for_settings(settings))
        self._lock = threading.Lock()
        self._loaded: Loaded | None = None
        self._error: str | None = None

    def _get(self) -> Loaded:
        with self._lock:
            if self._loaded is None and self._error is None:
                try:
                    self._loaded = self._loader()
                except ClaimcheckError as exc:
                    self._error = exc.message()
                except (OSError, ImportError, RuntimeError) as exc:
                    self._error = f"the index or the models could not be loaded: {exc}"
            if self._loaded is None:
                raise CheckerUnavailable(self._error or "the index is not available")
            return self._loaded

    def search(self, query: str) -> list[SearchHit]:
        if not query.strip():
            return []
        loaded = self._get()
        return loaded.index.search(query, self.settings.review_search_k, mode=self.settings.search_mode)

    def passage(self, passage_id: str) -> Passage | None:
        return self._get().index.passage(passage_id)

    def recheck(self, claim: Claim) -> DraftVerdict:
        """A fresh draft for the claim as now worded: retrieval and the verdict rules, as `run` does."""
        from claimcheck.pipeline import judge_all, retrieve

        loaded = self._get()
        items = retrieve([claim], loaded.index, self.settings)
        return judge_all(items, self.settings, loaded.verifier)[0]
