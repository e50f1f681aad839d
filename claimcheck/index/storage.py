"""Where the index touches disk: writing an index folder atomically and reading it back (the manifest
file itself is read and written by `claimcheck.index.manifest`).

A save writes every file into a hidden temporary sibling (`.NAME.tmp-*`) and fsyncs it; then
`claimcheck.fsutil.swap_in` renames the old folder away (`.NAME.old-*`), the new one in, and deletes the
old one. A crash before the swap leaves the old index untouched; a crash between the two renames is
repaired by the next save or load (`recover_swap`).

The manifest, written last, records each file's size and sha256. Every load checks the sizes (one `stat`
each), the passages file's sha256 (hashed while it is parsed anyway: a reordered or edited passage is
caught) and that every vector is a unit vector (not NaN, infinite, zero or of another length: a vector
changed in place is caught unless the change only touches its last bits); after a crash repair, and in
`verify_index`, every file is hashed in full (which catches those too). A missing or damaged file is an
`IndexError_` naming the file and how to rebuild; a `figures.npz` or `ann.faiss` that is stale (another
quantities module) or unreadable when the manifest records no size reads as None and is rebuilt.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import zipfile
from collections.abc import Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
from pydantic import BaseModel, ConfigDict, ValidationError

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
from claimcheck.index.dense import bad_vector, describe_ann, off_unit_length, tune_ann
from claimcheck.index.figures import FigureTable, figures_fingerprint
from claimcheck.index.manifest import (
    ANN_FILE,
    FIGURES_FILE,
    MANIFEST_FILE,
    PASSAGES_FILE,
    VECTORS_FILE,
    IndexFile,
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
) -> IndexManifest:
    """Write an index to `directory`, replacing any index there, without ever leaving it broken; return
    the manifest as written, with the size and sha256 of each file (`IndexManifest.files`).

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
            written = sorted(p.name for p in temp.iterdir())
            manifest = manifest.model_copy(
                update={"files": {name: file_digest(temp / name) for name in written}}
            )
            write_manifest(temp / MANIFEST_FILE, manifest)
            swap_in(temp, directory)
        except BaseException:
            shutil.rmtree(temp, ignore_errors=True)
            raise
    return manifest


def load_index(directory: Path, embedder: Embedder, settings: Settings) -> StoredIndex:
    """Read an index folder written by `save_index`, checking it was built with `embedder` and that its
    files are the ones the manifest records.

    Raises `IndexError_` (with the path and how to rebuild) for a missing folder or file, an
    unreadable or corrupt file, a file whose size differs from the manifest's, a passages file whose
    sha256 differs (an edited or reordered passage), NaN, infinite, zero or non-unit vectors, or a model
    name / dimension that differs from the embedder's. After a crash (a save died between its renames and the
    previous folder was put back) every file's sha256 is checked too. Holds a shared lock while it
    reads, so that no save swaps the folder halfway through.
    """
    directory = Path(directory)
    lock = reader_lock(
        index_lock_path(directory), timeout=settings.lock_timeout, what=f"the index {directory}"
    )
    with lock:
        return _load_index(directory, embedder, settings)


class CheckedFile(BaseModel):
    """One index file `verify_index` read in full: its name, size and sha256, as the manifest says."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    size: int
    sha256: str


class IndexCheck(BaseModel):
    """What `verify_index` found: every file recorded in the manifest, read in full and matching."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    directory: str
    n_passages: int
    files: list[CheckedFile]


def verify_index(directory: Path, embedder: Embedder, settings: Settings) -> IndexCheck:
    """Open the index (all the checks of `load_index`), then read every file in full and compare its
    sha256 with the manifest's: this also catches a change that kept a file's size (an edited vector).
    Raises `IndexError_` naming the first file that differs, or when the manifest records no hashes (an
    index saved by an older claimcheck)."""
    directory = Path(directory)
    lock = reader_lock(
        index_lock_path(directory), timeout=settings.lock_timeout, what=f"the index {directory}"
    )
    with lock:
        stored = _load_index(directory, embedder, settings)
        if not stored.manifest.files:
            raise IndexError_(
                "the manifest records no file sizes or hashes (an index saved by an older claimcheck)",
                path=directory / MANIFEST_FILE,
                hint=rebuild_hint(directory),
            )
        _check_hashes(directory, stored.manifest)
    files = [
        CheckedFile(name=name, size=f.size, sha256=f.sha256)
        for name, f in sorted(stored.manifest.files.items())
    ]
    return IndexCheck(directory=str(directory), n_passages=len(stored.passages), files=files)


def file_digest(path: Path) -> IndexFile:
    """The size and sha256 of the file at `path`, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
            size += len(block)
    return IndexFile(size=size, sha256=digest.hexdigest())


def _load_index(directory: Path, embedder: Embedder, settings: Settings) -> StoredIndex:
    crashed = recover_swap(directory)
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
    _check_sizes(directory, manifest)
    if crashed:
        _check_hashes(directory, manifest)
    passages, passages_sha256 = _read_passages(directory / PASSAGES_FILE, directory)
    recorded = manifest.files.get(PASSAGES_FILE)
    if recorded is not None and recorded.sha256 != passages_sha256:
        raise _damaged(
            directory / PASSAGES_FILE,
            directory,
            "does not match the manifest's sha256: a passage was edited, added, dropped or moved since "
            "the index was saved",
        )
    vectors = _read_vectors(directory / VECTORS_FILE, directory)
    if len(passages) != manifest.n_passages or vectors.shape != (manifest.n_passages, manifest.dim):
        raise IndexError_(
            f"index files disagree: manifest says {manifest.n_passages} passages of width "
            f"{manifest.dim}, found {len(passages)} passages and vectors of shape {vectors.shape}",
            path=directory,
            hint=rebuild_hint(directory),
        )
    found = bad_vector(vectors)
    if found is not None:
        row, what = found
        raise _damaged(
            directory / VECTORS_FILE,
            directory,
            f"holds a {what} vector (row {row}, {passages[row].passage_id})",
        )
    off = off_unit_length(vectors)
    if off is not None:
        row, length = off
        raise _damaged(
            directory / VECTORS_FILE,
            directory,
            f"holds a vector of length {length:.4g} where every saved vector has length 1 "
            f"(row {row}, {passages[row].passage_id})",
        )
    ann = _read_ann(directory / ANN_FILE, manifest, settings)
    figure_table = _read_figures(directory / FIGURES_FILE, len(passages))
    return StoredIndex(manifest, passages, vectors, ann, figure_table)


def _check_sizes(directory: Path, manifest: IndexManifest) -> None:
    """Every file the manifest records is there with the size it records (one `stat` each)."""
    for name, recorded in sorted(manifest.files.items()):
        path = directory / name
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            raise IndexError_("index file missing", path=path, hint=rebuild_hint(directory)) from None
        if size != recorded.size:
            raise _damaged(path, directory, f"is {size} bytes, the manifest says {recorded.size}")


def _check_hashes(directory: Path, manifest: IndexManifest) -> None:
    """Every file the manifest records has the sha256 it records (reads every byte)."""
    for name, recorded in sorted(manifest.files.items()):
        path = directory / name
        try:
            actual = file_digest(path)
        except OSError as exc:
            raise IndexError_(
                f"cannot read index file: {exc}", path=path, hint=rebuild_hint(directory)
            ) from None
        if actual != recorded:
            raise _damaged(
                path, directory, "does not match the manifest's sha256 (changed since the index was saved)"
            )


def _damaged(path: Path, directory: Path, what: str) -> IndexError_:
    return IndexError_(f"damaged index file: it {what}", path=path, hint=rebuild_hint(directory))


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


def read_passages(directory: Path) -> list[Passage]:
    """A saved index's passages alone (no vectors, no embedder): what `claimcheck claims --index` reads the
    corpus's companies from."""
    return _read_passages(directory / PASSAGES_FILE, directory)[0]


def _read_passages(path: Path, directory: Path) -> tuple[list[Passage], str]:
    """The passages, and the sha256 of the file's bytes (hashed while reading: no second pass)."""
    passages: list[Passage] = []
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                digest.update(raw)
                line = raw.decode("utf-8")
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
    return passages, digest.hexdigest()


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
    tune_ann(index, settings)
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
    except (OSError, KeyError, ValueError, EOFError, zipfile.BadZipFile):
        return None
