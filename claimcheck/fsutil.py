"""Atomic file writes: a crash leaves either the old file or the new one, never half of either.

Files and folders are created with the modes the umask allows (0644 and 0755 under the usual 022), as
`open` and `mkdir` would: `mkstemp` and `mkdtemp` create them private (0600, 0700), which would make
every draft and published page unreadable to the web server and to colleagues.

A temporary name is `.<name>.<random>.tmp` beside the file it becomes; a process killed before its
rename leaves one behind, which `remove_temp_files` clears on the next start.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

TEMP_SUFFIX = ".tmp"


def current_umask() -> int:
    """The process umask (read by setting it and putting it back: there is no plain getter)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def file_mode() -> int:
    """The mode a new file gets under the current umask: 0o666 minus the umask."""
    return 0o666 & ~current_umask()


def dir_mode() -> int:
    """The mode a new folder gets under the current umask: 0o777 minus the umask."""
    return 0o777 & ~current_umask()


def make_temp_dir(parent: Path, prefix: str, suffix: str = "") -> Path:
    """A new empty folder `<prefix><random><suffix>` in `parent`, with the mode `mkdir` would give it."""
    parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=prefix, suffix=suffix, dir=parent))
    os.chmod(folder, dir_mode())
    return folder


def atomic_write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), file_mode())
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))
