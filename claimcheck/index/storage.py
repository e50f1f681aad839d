"""Where the index touches disk: writing an index folder atomically and reading it back (the manifest
file itself is read and written by `claimcheck.index.manifest`).

A save writes every file into a hidden temporary sibling (`.NAME.tmp-*`) and fsyncs it; then
`claimcheck.fsutil.swap_in` renames the old folder away (`.NAME.old-*`), the new one in, and deletes the
old one. A crash before the swap leaves the old index untouched; a crash between the two renames is
repaired by the next save or load (`recover_swap`). A missing or damaged passages, vectors or manifest
file is an `IndexError_` naming the file and how to rebuild; a missing or stale `figures.npz` or
`ann.faiss` reads as None and is rebuilt.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
from pydantic import ValidationError

from claimcheck.embedding import Embedder, Vectors
from claimcheck.errors import IndexError_
from claimcheck.fsutil import (
    TEMP_MARKER,
    make_temp_dir,
    reader_lock,
    recover_swap,
    remove_swap_leftovers,
    swap_in,
    writer_lock,
)
from claimcheck.index.dense import describe_ann
from claimcheck.index.figures import FigureTable, figures_fingerprint
from claimcheck.index.manifest import (
    ANN_FILE,
    FIGURES_FILE,
    MANIFEST_FILE,
    PASSAGES_FILE,
    VECTORS_FILE,
    IndexManifest,
    read_manifest,
    rebuild_hint,
    write_manifest,
)
from claimcheck.models import Passage
from claimcheck.settings import Settings


class StoredIndex(NamedTuple):
    """What an index folder holds, read and checked; `ann` and `figure_table` are None when missing or
    stale (they are rebuilt from the vectors and passages)."""

    manifest: IndexManifest
    passages: list[Passage]
    vectors: Vectors
    ann: Any
    figure_table: FigureTable | None


def index_lock_path(directory: Path) -> Path:
    """The lock file of the index folder `directory`: `.NAME.lock` beside it (not inside: a save swaps
    the whole folder)."""
    return directory.parent / f".{directory.name}.lock"


def index_writer(directory: Path, settings: Settings) -> AbstractContextManager[None]:
    """Hold the index folder's writer lock: a second writer waits `settings.lock_timeout` seconds, then
    fails. Hold it across a load, change and save, so that no other writer's change is lost."""
    return writer_lock(
        index_lock_path(directory), timeout=settings.lock_timeout, what=f"the index {directory}"
    )


def save_index(
    directory: Path,
    manifest: IndexManifest,
    passages: Sequence[Passage],
    vectors: Vectors,
    figure_table: FigureTable | None,
    ann: Any,
    settings: Settings,
) -> None:
    """Write an index to `directory`, replacing any index there, without ever leaving it broken.

    `figure_table` and `ann` (the approximate FAISS index) are written only when given. Holds the index's
    writer lock while it writes (see `index_writer`).
    """
    directory = Path(directory)
    parent = directory.parent
    parent.mkdir(parents=True, exist_ok=True)
    with index_writer(directory, settings):
        recover_swap(directory)
        remove_swap_leftovers(directory, TEMP_MARKER)
        temp = make_temp_dir(parent, f".{directory.name}{TEMP_MARKER}")
        try:
            _write_passages(temp / PASSAGES_FILE, passages)
            _write_vectors(temp / VECTORS_FILE, vectors)
            if figure_table is not None:
                _write_figures(temp / FIGURES_FILE, figure_table, len(passages))
            if ann is not None:
                _write_faiss(temp / ANN_FILE, ann)
            write_manifest(temp / MANIFEST_FILE, manifest)
            swap_in(temp, directory)
        except BaseException:
            shutil.rmtree(temp, ignore_errors=True)
            raise


def load_index(directory: Path, embedder: Embedder, settings: Settings) -> StoredIndex:
    """Read an index folder written by `save_index`, checking it was built with `embedder`.

    Raises `IndexError_` (with the path and how to rebuild) for a missing folder or file, an
    unreadable or corrupt file, or a model name / dimension that differs from the embedder's. Holds a
    shared lock while it reads, so that no save swaps the folder halfway through.
    """
    directory = Path(directory)
    lock = reader_lock(
        index_lock_path(directory), timeout=settings.lock_timeout, what=f"the index {directory}"
    )
    with lock:
        return _load_index(directory, embedder, settings)


def _load_index(directory: Path, embedder: Embedder, settings: Settings) -> StoredIndex:
    recover_swap(directory)
    if not directory.is_dir():
        raise IndexError_("index folder not found", path=directory, hint=rebuild_hint(directory))
    manifest = read_manifest(directory / MANIFEST_FILE, directory)
    if manifest.model != embedder.name or manifest.dim != embedder.dim:
        raise IndexError_(
            f"index was built with {manifest.model!r} ({manifest.dim} dims) but the embedder is "
            f"{embedder.name!r} ({embedder.dim} dims)",
            path=directory / MANIFEST_FILE,
            hint=rebuild_hint(directory),
        )
    passages = _read_passages(directory / PASSAGES_FILE, directory)
    vectors = _read_vectors(directory / VECTORS_FILE, directory)
    if len(passages) != manifest.n_passages or vectors.shape != (manifest.n_passages, manifest.dim):
        raise IndexError_(
            f"index files disagree: manifest says {manifest.n_passages} passages of width "
            f"{manifest.dim}, found {len(passages)} passages and vectors of shape {vectors.shape}",
            path=directory,
            hint=rebuild_hint(directory),
        )
    ann = _read_ann(directory / ANN_FILE, manifest, settings)
    figure_table = _read_figures(directory / FIGURES_FILE, len(passages))
    return StoredIndex(manifest, passages, vectors, ann, figure_table)


# ---- writing


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


def _write_figures(path: Path, table: FigureTable, n_passages: int) -> None:
    with path.open("wb") as handle:
        np.savez(
            handle,
            rows=table.rows,
            values=table.values,
            families=table.families,
            fingerprint=np.asarray(figures_fingerprint()),
            n_passages=np.asarray(n_passages),
        )
        handle.flush()
        os.fsync(handle.fileno())


def _write_faiss(path: Path, index: Any) -> None:
    import faiss

    faiss.write_index(index, str(path))
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


# ---- reading


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
                        hint=rebuild_hint(directory),
                    ) from None
    except FileNotFoundError:
        raise IndexError_("index file missing", path=path, hint=rebuild_hint(directory)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise IndexError_(f"cannot read index file: {exc}", path=path, hint=rebuild_hint(directory)) from None
    return passages


def _read_vectors(path: Path, directory: Path) -> Vectors:
    try:
        array = np.load(path, allow_pickle=False)
    except FileNotFoundError:
        raise IndexError_("index file missing", path=path, hint=rebuild_hint(directory)) from None
    except (OSError, ValueError, EOFError) as exc:
        raise IndexError_(f"cannot read vectors: {exc}", path=path, hint=rebuild_hint(directory)) from None
    if not isinstance(array, np.ndarray) or array.dtype != np.float32 or array.ndim != 2:
        raise IndexError_(
            "vectors file does not hold a 2-D float32 array", path=path, hint=rebuild_hint(directory)
        )
    return np.ascontiguousarray(array)


def _read_ann(path: Path, manifest: IndexManifest, settings: Settings) -> Any:
    """The saved approximate index when it is still the one to use (same description, same size, the
    passage count above the threshold); None otherwise, and `dense_index` builds what is needed."""
    if manifest.ann is None or manifest.n_passages <= settings.ann_threshold or not path.is_file():
        return None
    import faiss

    try:
        index = faiss.read_index(str(path))
    except RuntimeError:
        return None  # unreadable: rebuilt from the vectors, which are the source of truth
    if describe_ann(index) != manifest.ann or index.ntotal != manifest.n_passages:
        return None
    faiss.extract_index_ivf(index).nprobe = settings.ivf_nprobe
    return index


def _read_figures(path: Path, n_passages: int) -> FigureTable | None:
    """The saved table, or None when it is missing, unreadable or stale (another quantities module,
    another passage count): it is then rebuilt on first use."""
    try:
        with np.load(path, allow_pickle=False) as data:
            if str(data["fingerprint"]) != figures_fingerprint() or int(data["n_passages"]) != n_passages:
                return None
            return FigureTable(
                data["rows"].astype(np.int64),
                data["values"].astype(np.float64),
                data["families"].astype(np.int8),
            )
    except (OSError, KeyError, ValueError, EOFError):
        return None
