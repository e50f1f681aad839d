"""How far a long step has got: the small protocol the library reports to, and its two displays.

The library draws nothing. A long stage takes `progress: Progress = NO_PROGRESS` and reports through it::

    with progress.stage("Embedding passages", total=len(texts)) as advance:
        for batch in batches:
            ...
            advance(len(batch))

Stages nest (`run`: the transcripts, and inside each its sentences, clauses and stance pairs). A stage's
work is cut the same way whoever watches, so results never depend on whether a terminal is attached.

`NO_PROGRESS` ignores every report. `RichProgress` draws one bar per running stage, with counts, elapsed
time and an estimate of the time left, on stderr; only the CLI builds one (`terminal_progress`), and only
when stderr is a terminal.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from types import TracebackType
from typing import Any, Final, Protocol

# Called with how many more units of the stage are done.
Advance = Callable[[int], None]


class Progress(Protocol):
    """Where a long stage reports how far it has got."""

    def stage(self, description: str, total: int | None) -> AbstractContextManager[Advance]:
        """A stage of `total` units (None: unknown); the context gives the function to report units done."""
        ...


def _ignore(done: int) -> None:
    """An `Advance` that reports to no one."""


class NoProgress:
    """Reports to no one: the default of every stage."""

    def stage(self, description: str, total: int | None) -> AbstractContextManager[Advance]:
        return nullcontext(_ignore)


NO_PROGRESS: Final[Progress] = NoProgress()


class RichProgress:
    """Rich progress bars on a console (stderr): one line per running stage with its description, a bar,
    units done of the total, time elapsed and an estimate of the time left. A stage's line goes when the
    stage ends, and the whole display is cleared when it closes. Use it as a context manager."""

    def __init__(self, console: Any) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self._bars = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("eta"),
            TimeRemainingColumn(),
            console=console,
            transient=True,
            redirect_stdout=False,  # stdout carries the command's output (JSON lines); never touch it
            redirect_stderr=True,  # warnings printed meanwhile go above the bars
        )

    def __enter__(self) -> RichProgress:
        self._bars.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._bars.stop()

    @contextmanager
    def stage(self, description: str, total: int | None) -> Iterator[Advance]:
        task = self._bars.add_task(description, total=total)
        self._bars.refresh()  # drawn at once, however short the stage

        def advance(done: int) -> None:
            self._bars.advance(task, done)

        try:
            yield advance
        finally:
            self._bars.remove_task(task)


def stderr_is_terminal() -> bool:
    """Whether stderr is a terminal; `TTY_COMPATIBLE=1` (or `0`), rich's convention, says so explicitly."""
    declared = os.environ.get("TTY_COMPATIBLE", "")
    if declared in ("0", "1"):
        return declared == "1"
    return _isatty(sys.stderr)


def stdout_is_terminal() -> bool:
    return _isatty(sys.stdout)


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


def wants_progress(*, quiet: bool, as_json: bool, stderr_terminal: bool, stdout_terminal: bool) -> bool:
    """Bars are drawn on a terminal's stderr, unless `--quiet`, or `--json` lines go to the same screen."""
    return not quiet and stderr_terminal and not (as_json and stdout_terminal)


@contextmanager
def terminal_progress(*, quiet: bool = False, as_json: bool = False) -> Iterator[Progress]:
    """The CLI's display: `RichProgress` on stderr when `wants_progress`, else `NO_PROGRESS`."""
    shown = wants_progress(
        quiet=quiet,
        as_json=as_json,
        stderr_terminal=stderr_is_terminal(),
        stdout_terminal=stdout_is_terminal(),
    )
    if not shown:
        yield NO_PROGRESS
        return
    from rich.console import Console

    with RichProgress(Console(stderr=True, force_terminal=True)) as bars:
        yield bars
