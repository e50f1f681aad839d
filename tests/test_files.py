"""The files claimcheck writes: modes that honour the umask, the writer lock, leftover temporary files."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimcheck.embedding import HashingEmbedder
from claimcheck.fsutil import atomic_write_text, make_temp_dir
from tests.factories import SETTINGS, index_corpus, write_corpus


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def test_atomic_writes_honour_the_umask(tmp_path: Path, umask_022: None) -> None:
    path = tmp_path / "drafts" / "ep.json"
    atomic_write_text(path, "{}\n")
    assert _mode(path) == 0o644
    assert _mode(path.parent) == 0o755

    os.umask(0o077)
    atomic_write_text(path, "{}\n")  # a rewrite takes the umask of the writer, not the old file's mode
    assert _mode(path) == 0o600


def test_temporary_folders_honour_the_umask(tmp_path: Path, umask_022: None) -> None:
    folder = make_temp_dir(tmp_path, ".site.", ".tmp")
    assert folder.name.startswith(".site.") and folder.name.endswith(".tmp")
    assert _mode(folder) == 0o755


def test_a_saved_index_folder_honours_the_umask(tmp_path: Path, umask_022: None) -> None:
    corpus = write_corpus(tmp_path / "corpus", {"a.md": "Revenue was $10 billion in 2023.\n"})
    index_corpus(corpus, HashingEmbedder(), SETTINGS).save(tmp_path / "index")
    assert _mode(tmp_path / "index") == 0o755
    assert {_mode(p) for p in (tmp_path / "index").iterdir()} == {0o644}
