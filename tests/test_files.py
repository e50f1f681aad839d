"""The files claimcheck writes: modes that honour the umask, the writer lock, leftover temporary files."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.cli import cli
from claimcheck.embedding import HashingEmbedder
from claimcheck.errors import LockError
from claimcheck.fsutil import atomic_write_text, make_temp_dir, reader_lock, writer_lock
from claimcheck.index import EvidenceIndex
from tests.factories import SETTINGS, Holder, hashing_config, index_corpus, subprocess_env, write_corpus


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


# --------------------------------------------------------------------------------------------------
# one writer at a time


def _claimcheck(*args: str) -> list[str]:
    return [sys.executable, "-m", "claimcheck", *args]


def _many_documents(folder: Path, prefix: str, count: int) -> Path:
    """`count` distinct documents of a few paragraphs each, so that adding them takes a while."""
    body = "\n\n".join(f"Paragraph {n}: revenue grew {n}% in fiscal {2000 + n}." for n in range(12))
    return write_corpus(folder, {f"{prefix}-{i:03d}.md": f"# {prefix} {i}\n\n{body}\n" for i in range(count)})


def test_concurrent_index_adds_keep_every_document(tmp_path: Path) -> None:
    config = hashing_config(tmp_path)
    seed = write_corpus(tmp_path / "seed", {"seed.md": "# Seed\n\nThe first document.\n"})
    index = tmp_path / "index"
    env = subprocess_env()
    subprocess.run(
        _claimcheck("--config", str(config), "index", "build", str(seed), "--index", str(index)),
        env=env,
        check=True,
        capture_output=True,
    )
    left = _many_documents(tmp_path / "left", "left", 40)
    right = _many_documents(tmp_path / "right", "right", 40)
    procs = [
        subprocess.Popen(
            _claimcheck("--config", str(config), "index", "add", str(corpus), "--index", str(index)),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for corpus in (left, right)
    ]
    for proc in procs:
        _out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    loaded = EvidenceIndex.load(index, HashingEmbedder(), SETTINGS)
    assert set(loaded.manifest.doc_hashes) == {
        "seed.md",
        *(f"left-{i:03d}.md" for i in range(40)),
        *(f"right-{i:03d}.md" for i in range(40)),
    }


def test_a_second_writer_times_out_naming_the_holder(tmp_path: Path, holder: Holder) -> None:
    lock = tmp_path / ".claimcheck.lock"
    proc = holder.hold(lock)
    started = time.monotonic()
    with pytest.raises(LockError) as info, writer_lock(lock, timeout=0.3, what="the output folder out"):
        pass
    assert time.monotonic() - started >= 0.3
    assert f"pid {proc.pid}" in info.value.reason
    assert "is writing the output folder out" in info.value.reason
    assert "lock_timeout" in (info.value.hint or "")


def test_a_killed_holder_leaves_no_stale_lock(tmp_path: Path, holder: Holder) -> None:
    lock = tmp_path / ".claimcheck.lock"
    proc = holder.hold(lock)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert lock.is_file()  # the file stays; the kernel dropped the lock with the process
    started = time.monotonic()
    with writer_lock(lock, timeout=5, what="the output folder out"):
        assert time.monotonic() - started < 1
        assert f"pid {os.getpid()}" in lock.read_text(encoding="utf-8")


def test_locks_are_reentrant_and_readers_share(tmp_path: Path) -> None:
    lock = tmp_path / ".index.lock"
    with (
        writer_lock(lock, timeout=0, what="x"),
        writer_lock(lock, timeout=0, what="x"),
        reader_lock(lock, timeout=0, what="x"),
    ):
        pass
    with reader_lock(lock, timeout=0, what="x"):
        pass
    # a reader in a read-only place reads unlocked instead of failing
    with reader_lock(tmp_path / "missing" / ".index.lock", timeout=0, what="x"):
        pass


def test_index_add_behind_another_writer_fails_clearly(tmp_path: Path, holder: Holder) -> None:
    config = hashing_config(tmp_path, lock_timeout=0.2)
    corpus = write_corpus(tmp_path / "corpus", {"a.md": "# A\n\nOne.\n"})
    index = tmp_path / "index"
    built = CliRunner().invoke(
        cli, ["--config", str(config), "index", "build", str(corpus), "--index", str(index)]
    )
    assert built.exit_code == 0, built.output
    proc = holder.hold(tmp_path / ".index.lock")
    write_corpus(corpus, {"b.md": "# B\n\nTwo.\n"})
    for command in (
        ["index", "add", str(corpus)],
        ["index", "build", str(corpus)],
        ["index", "remove", "a.md"],
    ):
        result = CliRunner().invoke(cli, ["--config", str(config), *command, "--index", str(index)])
        assert result.exit_code == 1
        assert f"another claimcheck (pid {proc.pid}" in result.output
        assert f"is writing the index {index}" in result.output
    holder.release_all()
    assert set(EvidenceIndex.load(index, HashingEmbedder(), SETTINGS).manifest.doc_hashes) == {"a.md"}
