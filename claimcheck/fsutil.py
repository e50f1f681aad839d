"""Where claimcheck's writers meet the disk: atomic file writes (a crash leaves either the old file or the
new one, never half of either), the modes new files get, leftover temporary files, swapping a whole folder
in, and the writer lock.

Files and folders are created with the modes the umask allows (0644 and 0755 under the usual 022), as
`open` and `mkdir` would: `mkstemp` and `mkdtemp` create them private (0600, 0700), which would make
every draft and published page unreadable to the web server and to colleagues.

A temporary name is `.<name>.<random>.tmp` beside the file it becomes; a process killed before its
rename leaves one behind, which `remove_temp_files` clears on the next start.

A folder (an index, the site) is replaced whole: written as a `.NAME.tmp-*` sibling, then `swap_in` renames
the old one away (`.NAME.old-*`) and the new one in; `recover_swap` repairs a swap killed between the two.

One writer at a time: `writer_lock(path)` holds an exclusive `fcntl.flock` on a lock file (a reader takes
`reader_lock`, a shared one) for the time a command changes an index or an output folder. A second
writer waits up to `Settings.lock_timeout` seconds, then fails with a `LockError` naming the process that
holds the lock. The kernel drops a lock when its process ends, however it ends, so a lock left by a killed
process is never stale: the file stays (it is never deleted, which would let two writers lock two
different files) and the next writer takes it at once. The file holds the holder's pid, start time and
command, for the error message only. Locks are re-entrant within a thread: a command that holds a
folder's lock may call code that takes it again.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from claimcheck.errors import ClaimcheckError, LockError

TEMP_SUFFIX = ".tmp"
# How often a waiting writer tries the lock again. Chosen by hand: short next to any write it waits for.
LOCK_POLL_SECONDS = 0.05
# What `mkstemp` names a temporary file for `name`: ".<name>.<8 random characters>.tmp".
_TEMP_FILE_RE = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")


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


def write_new_file(path: Path, text: str) -> None:
    """Write a file that must not exist yet (inside a temporary folder about to be swapped in), fsynced."""
    with path.open("x", encoding="utf-8", newline="") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def link_or_copy(source: Path | str, dest: Path | str) -> None:
    """Give `dest` the content of the file `source`: a hard link (instant, no space), else a copy."""
    try:
        os.link(source, dest, follow_symlinks=False)
    except OSError:
        shutil.copy2(source, dest, follow_symlinks=False)


def remove_temp_files(folder: Path) -> list[Path]:
    """Delete the temporary files a killed writer left in `folder` (`.<name>.<random>.tmp`); return them.
    Call it only while holding the folder's writer lock, or a live writer's file could go."""
    if not folder.is_dir():
        return []
    removed: list[Path] = []
    for path in sorted(folder.iterdir()):
        if _TEMP_FILE_RE.match(path.name) and path.is_file() and not path.is_symlink():
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


# --------------------------------------------------------------------------------------------------
# swapping a whole folder in

# The markers of a folder swap's siblings: `.NAME.tmp-*` is a new folder being built, `.NAME.old-*` the
# previous one on its way out.
TEMP_MARKER = ".tmp-"
OLD_MARKER = ".old-"


def fsync_dir(directory: Path) -> None:
    """Flush a folder's entries (new names, renames) to disk, where the platform allows it."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return  # platforms without directory handles (Windows): rename is the best we have
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def swap_in(temp: Path, directory: Path) -> None:
    """Replace the folder `directory` by the fully written folder `temp` (a sibling), whole.

    `temp` is fsynced; the old folder is renamed away (`.NAME.old-*`), `temp` renamed to `directory` and
    the old one deleted. A crash before the first rename leaves the old folder as it was; one between the
    two renames leaves no `directory`, which `recover_swap` puts back.
    """
    fsync_dir(temp)
    if directory.exists() or directory.is_symlink():
        if not directory.is_dir():
            raise ClaimcheckError(
                "path exists and is not a folder", path=directory, hint="choose another path or move it"
            )
        old = directory.parent / f".{directory.name}{OLD_MARKER}{uuid.uuid4().hex[:12]}"
        os.rename(directory, old)
        _rename_into_place(temp, directory)
        fsync_dir(directory.parent)
        shutil.rmtree(old, ignore_errors=True)
    else:
        _rename_into_place(temp, directory)
        fsync_dir(directory.parent)


def _rename_into_place(temp: Path, directory: Path) -> None:
    os.rename(temp, directory)


def recover_swap(directory: Path) -> bool:
    """Put back the previous folder if a `swap_in` died between its two renames (then say True: the
    caller may want to check it in full); drop old leftovers."""
    if directory.exists():
        remove_swap_leftovers(directory, OLD_MARKER)
        return False
    backups = sorted(
        (p for p in _swap_leftovers(directory, OLD_MARKER) if p.is_dir()), key=lambda p: p.stat().st_mtime
    )
    if not backups:
        return False
    try:
        os.rename(backups[-1], directory)
    except FileNotFoundError:
        return False  # another process put it back first
    fsync_dir(directory.parent)
    return True


def remove_swap_leftovers(directory: Path, marker: str) -> None:
    """Delete the `.NAME<marker>*` siblings of `directory` (a killed swap's new or old folder)."""
    for path in _swap_leftovers(directory, marker):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)


def _swap_leftovers(directory: Path, marker: str) -> list[Path]:
    parent = directory.parent
    if not parent.is_dir():
        return []
    return sorted(parent.glob(f".{_glob_escape(directory.name)}{marker}*"))


def _glob_escape(name: str) -> str:
    """`name` with glob wildcards escaped."""
    return re.sub(r"([*?\[])", r"[\1]", name)


# --------------------------------------------------------------------------------------------------
# the writer lock

_held = threading.local()  # this thread's locks: resolved lock path -> (mode, depth)


@contextmanager
def writer_lock(lock_path: Path, *, timeout: float, what: str) -> Iterator[None]:
    """Hold the exclusive lock `lock_path` while the block runs; `what` names the locked thing in errors
    ("the index output/index"). Waits up to `timeout` seconds for another holder, then `LockError`."""
    with _lock(lock_path, exclusive=True, timeout=timeout, what=what):
        yield


@contextmanager
def reader_lock(lock_path: Path, *, timeout: float, what: str) -> Iterator[None]:
    """Hold a shared lock `lock_path` while the block reads: writers wait for it, other readers do not.
    Where the lock file cannot be created (a read-only folder, so nobody writes there), read unlocked."""
    with _lock(lock_path, exclusive=False, timeout=timeout, what=what):
        yield


@contextmanager
def _lock(lock_path: Path, *, exclusive: bool, timeout: float, what: str) -> Iterator[None]:
    import fcntl

    held: dict[Path, tuple[bool, int]] = _held.__dict__.setdefault("locks", {})
    key = lock_path.parent.resolve() / lock_path.name
    if key in held:
        mode, depth = held[key]
        if exclusive and not mode:
            raise RuntimeError(f"{lock_path}: cannot upgrade a shared lock to an exclusive one")
        held[key] = (mode, depth + 1)
        try:
            yield
        finally:
            held[key] = (mode, held[key][1] - 1)
            if held[key][1] == 0:
                del held[key]
        return
    fd = _open_lock_file(lock_path, exclusive=exclusive)
    if fd is None:
        yield
        return
    try:
        _acquire(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH, timeout, what)
        if exclusive:
            _write_holder(fd)
        held[key] = (exclusive, 1)
        try:
            yield
        finally:
            del held[key]
    finally:
        os.close(fd)  # closing the file releases the lock


def _open_lock_file(lock_path: Path, *, exclusive: bool) -> int | None:
    """The lock file, opened (created if needed); None for a reader that cannot open it."""
    try:
        if exclusive:
            lock_path.parent.mkdir(parents=True, exist_ok=True)
        access = os.O_RDWR if exclusive else os.O_RDONLY
        return os.open(lock_path, access | os.O_CREAT, file_mode())
    except OSError as exc:
        if exclusive:
            raise LockError(
                f"cannot create the lock file: {exc.strerror or exc}",
                path=lock_path,
                hint="check that the folder is writable",
            ) from None
        return None


def _acquire(fd: int, operation: int, timeout: float, what: str) -> None:
    import fcntl

    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, operation | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise LockError(
                    f"another claimcheck ({_holder(fd)}) is writing {what}; waited {timeout:g} s",
                    hint="try again when it has finished, or raise the lock_timeout setting",
                ) from None
            time.sleep(LOCK_POLL_SECONDS)


def _write_holder(fd: int) -> None:
    """Record who holds the lock (pid, start time, command), for another writer's error message."""
    command = " ".join(os.path.basename(arg) if i == 0 else arg for i, arg in enumerate(sys.argv))
    stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime())
    text = f"pid {os.getpid()} since {stamp}: {command[:200]}\n"
    os.ftruncate(fd, 0)
    os.pwrite(fd, text.encode("utf-8", "replace"), 0)


def _holder(fd: int) -> str:
    try:
        text = os.pread(fd, 400, 0).decode("utf-8", "replace").strip()
    except OSError:
        text = ""
    return text or "holder unknown"
