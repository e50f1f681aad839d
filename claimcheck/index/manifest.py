"""What an index folder is: its file names, its format version, and the `IndexManifest` that records what
the index was built from and with and the size and sha256 of each data file, read and written here (plus
`IndexStats`, the summary `claimcheck index stats` prints). The other files, the atomic save and the
checks against the manifest are `claimcheck.index.storage`'s.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from claimcheck.corpus import CHUNKER_VERSION
from claimcheck.embedding import Embedder
from claimcheck.errors import IndexError_
from claimcheck.settings import Settings

INDEX_SCHEMA_VERSION = 1
MANIFEST_FILE = "manifest.json"
PASSAGES_FILE = "passages.jsonl"
VECTORS_FILE = "vectors.npy"
ANN_FILE = "ann.faiss"  # only for indexes above `settings.ann_threshold` passages
FIGURES_FILE = "figures.npz"  # the figures each passage holds, for hybrid search


def rebuild_hint(directory: Path | str) -> str:
    """The hint every index error carries: how to rebuild the index at `directory`."""
    return f"rebuild with: claimcheck index build CORPUS --index {directory}"


def utc_now() -> str:
    """The time a manifest records as `built_at`: ISO 8601, UTC, whole seconds."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


class IndexFile(BaseModel):
    """One data file of an index folder as the save left it: what opening and `index verify` check."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    size: int  # bytes
    sha256: str  # hex digest of the whole file


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
    # recall@10 of that approximate index against exact search, measured when it was built
    # (`dense.ann_recall_at_10`); None for an exact index or one built before this was measured
    ann_recall_at_10: float | None = None
    # Each data file of the folder (passages, vectors, figures, ann) as the save wrote it, recorded when the
    # manifest is written (last). Empty in a manifest written by claimcheck before these were recorded:
    # such an index opens unchecked, and `index verify` asks for a rebuild.
    files: dict[str, IndexFile] = Field(default_factory=dict)

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


def write_manifest(path: Path, manifest: IndexManifest) -> None:
    """Write `manifest` as `manifest.json` at `path`, fsynced (the last file of a save)."""
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(manifest.model_dump_json(indent=2))
        handle.write("\n")
        handle.flush()
        os.fsync(handle.fileno())


def read_manifest(path: Path, directory: Path) -> IndexManifest:
    """The manifest at `path` of the index folder `directory`; `IndexError_` when it is missing,
    unreadable, corrupt or of another format version."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise IndexError_("index file missing", path=path, hint=rebuild_hint(directory)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise IndexError_(f"cannot read index file: {exc}", path=path, hint=rebuild_hint(directory)) from None
    try:
        manifest = IndexManifest.model_validate_json(text)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        reason = (
            f"corrupt manifest ({where}: {first['msg']})" if where else f"corrupt manifest ({first['msg']})"
        )
        raise IndexError_(reason, path=path, hint=rebuild_hint(directory)) from None
    if manifest.schema_version != INDEX_SCHEMA_VERSION:
        raise IndexError_(
            f"index format version {manifest.schema_version}, this claimcheck reads {INDEX_SCHEMA_VERSION}",
            path=path,
            hint=rebuild_hint(directory),
        )
    return manifest
