"""Who drafts a batch's transcripts: the batch process itself (`InProcessDrafter`, one worker), a pool
of worker processes on this machine (`PoolDrafter`, `--workers N`), or Ray actors
(`claimcheck.batching.ray_workers`, `--ray ADDRESS`).

A drafter turns parsed `Transcript`s into `Drafted` results (a draft breakdown as JSON, or the one-line
reason it failed) and writes nothing: the batch process alone writes drafts, the review store and the
ledger, under the output folder's lock. Every worker loads the heavy models once (`Engine.load`, in the
pool's initializer) and opens the same saved index folder read-only, so a pool needs the index built first
(`prepared_index_dir`).

Worker processes are started with "spawn", not "fork": a forked copy of a process that has loaded torch or
onnxruntime can deadlock on their thread pools. Their stages are reported back through a queue and drawn by
the batch's progress display (`relay_progress`), each prefixed with the transcript's file name.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue as queue_module
import resource
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel

from claimcheck.errors import ClaimcheckError
from claimcheck.models import Transcript
from claimcheck.progress import NO_PROGRESS, Advance, Progress
from claimcheck.settings import Settings


class Drafted(BaseModel):
    """One transcript drafted by a worker, or why it could not be."""

    source_path: str
    breakdown_json: str | None = None
    error: str | None = None
    seconds: float = 0.0  # the worker's time on this transcript
    worker: str = ""  # "pid 1234", or the Ray actor
    peak_rss_mb: float = 0.0  # the worker's peak resident memory so far


class WorkerInfo(BaseModel):
    """A worker once its models are loaded."""

    worker: str
    load_seconds: float
    peak_rss_mb: float


class Drafter(Protocol):
    """Drafts transcripts with models it loads once (`start`) and keeps until `close`."""

    workers: int

    def start(self, progress: Progress = NO_PROGRESS) -> list[WorkerInfo]:
        """Load the models in every worker; return each worker's load time and memory."""
        ...

    def draft(self, transcripts: Sequence[Transcript], progress: Progress = NO_PROGRESS) -> Iterator[Drafted]:
        """Draft each transcript, yielding results as they complete (in any order)."""
        ...

    def close(self) -> None: ...


def peak_rss_mb() -> float:
    """This process's peak resident memory, in MiB (Linux reports kilobytes, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1 << 20) if sys.platform == "darwin" else peak / 1024


def error_line(exc: BaseException, source_path: str) -> str:
    """A failure as one line: a library error's message, or the unexpected error's type and text."""
    if isinstance(exc, ClaimcheckError):
        text = exc.message()
    else:
        text = f"{source_path}: unexpected error ({type(exc).__name__}: {exc})"
    return " ".join(text.split())


def draft_one(transcript: Transcript, engine: Any, worker: str, progress: Progress) -> Drafted:
    """Draft one transcript with a loaded `pipeline.Engine`; any error is the result's, never raised."""
    from claimcheck.pipeline import process_transcript

    began = time.perf_counter()
    try:
        breakdown = process_transcript(transcript, engine, progress)
        text: str | None = breakdown.model_dump_json()
        error = None
    except Exception as exc:
        text, error = None, error_line(exc, transcript.source_path)
    return Drafted(
        source_path=transcript.source_path,
        breakdown_json=text,
        error=error,
        seconds=time.perf_counter() - began,
        worker=worker,
        peak_rss_mb=peak_rss_mb(),
    )


class PrefixedProgress:
    """A progress that names the transcript in each stage: "talk.txt · Retrieving evidence"."""

    def __init__(self, inner: Progress, prefix: str) -> None:
        self._inner = inner
        self._prefix = prefix

    def stage(self, description: str, total: int | None) -> AbstractContextManager[Advance]:
        return self._inner.stage(f"{self._prefix} · {description}", total)


def transcript_label(transcript: Transcript) -> str:
    return Path(transcript.source_path).name


# ------------------------------------------------------------------------------------------ in process


class InProcessDrafter:
    """One worker: the batch process itself (what `claimcheck run` does). `engine`: an engine already
    loaded (tests, notebooks), used instead of loading one."""

    workers = 1

    def __init__(
        self, settings: Settings, *, corpus_dir: Path | None, index_dir: Path | None, engine: Any = None
    ) -> None:
        self._settings = settings
        self._corpus_dir = corpus_dir
        self._index_dir = index_dir
        self._engine: Any = engine

    def start(self, progress: Progress = NO_PROGRESS) -> list[WorkerInfo]:
        from claimcheck.pipeline import Engine

        began = time.perf_counter()
        if self._engine is None:
            self._engine = Engine.load(
                self._settings, corpus_dir=self._corpus_dir, index_dir=self._index_dir, progress=progress
            )
        return [
            WorkerInfo(
                worker=f"pid {os.getpid()}",
                load_seconds=time.perf_counter() - began,
                peak_rss_mb=peak_rss_mb(),
            )
        ]

    def draft(self, transcripts: Sequence[Transcript], progress: Progress = NO_PROGRESS) -> Iterator[Drafted]:
        if self._engine is None:
            self.start(progress)
        for transcript in transcripts:
            shown = PrefixedProgress(progress, transcript_label(transcript))
            yield draft_one(transcript, self._engine, f"pid {os.getpid()}", shown)

    def close(self) -> None:
        self._engine = None


# ------------------------------------------------------------------------------------- a process pool

# Set in each worker process by `_init_worker`.
_WORKER: dict[str, Any] = {}


class QueueProgress:
    """A worker's progress: each stage's start, advance and end are put on a queue for the batch
    process to draw (`relay_progress`)."""

    def __init__(self, events: Any, prefix: str) -> None:
        self._events = events
        self._prefix = prefix
        self._count = 0

    @contextmanager
    def stage(self, description: str, total: int | None) -> Iterator[Advance]:
        self._count += 1
        key = f"{os.getpid()}-{id(self)}-{self._count}"
        self._events.put(("open", key, f"{self._prefix} · {description}", total))

        def advance(done: int) -> None:
            self._events.put(("advance", key, done))

        try:
            yield advance
        finally:
            self._events.put(("close", key))


def worker_threads(workers: int) -> int:
    """Threads each of `workers` workers gives torch and the verifier: its share of the cores. Each
    library alone takes one thread per core; two workers doing so on 2 cores fight over them."""
    return max(1, (os.cpu_count() or 1) // workers)


def _init_worker(settings_json: str, index_dir: str, events: Any, threads: int) -> None:
    """A pool worker's start: load the models and the index once, or keep the error to report it."""
    from claimcheck.offline import enable_offline

    for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[name] = str(threads)  # before torch and numpy's BLAS start their pools
    enable_offline()
    began = time.perf_counter()
    _WORKER["events"] = events
    try:
        from claimcheck.pipeline import Engine

        settings = Settings.model_validate_json(settings_json)
        _WORKER["engine"] = Engine.load(settings, index_dir=Path(index_dir), threads=threads)
    except Exception as exc:
        _WORKER["error"] = error_line(exc, index_dir)
    _WORKER["load_seconds"] = time.perf_counter() - began
    ready = _worker_ready()
    events.put(("ready", ready if isinstance(ready, str) else ready.model_dump_json()))


def _worker_ready() -> WorkerInfo | str:
    """The worker's load time and memory, or why its models could not load."""
    if "error" in _WORKER:
        return str(_WORKER["error"])
    return WorkerInfo(
        worker=f"pid {os.getpid()}", load_seconds=_WORKER["load_seconds"], peak_rss_mb=peak_rss_mb()
    )


def _worker_draft(transcript_json: str) -> Drafted:
    transcript = Transcript.model_validate_json(transcript_json)
    if "error" in _WORKER:
        return Drafted(source_path=transcript.source_path, error=str(_WORKER["error"]))
    progress = QueueProgress(_WORKER["events"], transcript_label(transcript))
    return draft_one(transcript, _WORKER["engine"], f"pid {os.getpid()}", progress)


class PoolDrafter:
    """`workers` processes, each with its own models, reading the saved index at `index_dir`."""

    def __init__(self, settings: Settings, index_dir: Path, workers: int) -> None:
        self.workers = workers
        self._settings = settings
        self._index_dir = index_dir
        self._context = multiprocessing.get_context("spawn")
        self._events: Any = self._context.Queue()
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=self._context,
                initializer=_init_worker,
                initargs=(
                    self._settings.model_dump_json(),
                    str(self._index_dir),
                    self._events,
                    worker_threads(self.workers),
                ),
            )
        return self._pool

    def start(self, progress: Progress = NO_PROGRESS) -> list[WorkerInfo]:
        """Start every worker (one task each makes the pool start them all) and wait until each has
        loaded its models and said so on the events queue."""
        pool = self._executor()
        infos: list[WorkerInfo] = []
        with progress.stage("Loading models", total=self.workers) as advance:
            futures = [pool.submit(_worker_ready) for _ in range(self.workers)]
            while len(infos) < self.workers:
                try:
                    event = self._events.get(timeout=1.0)
                except queue_module.Empty:
                    if any(f.done() and f.exception() is not None for f in futures):
                        self._pool = None
                        raise ClaimcheckError("a worker process died while loading the models") from None
                    continue
                if event[0] != "ready":
                    continue
                if not event[1].startswith("{"):
                    self.close()
                    raise ClaimcheckError(f"a worker could not load the models: {event[1]}")
                infos.append(WorkerInfo.model_validate_json(event[1]))
                advance(1)
            wait(futures)
        return sorted(infos, key=lambda i: i.worker)

    def draft(self, transcripts: Sequence[Transcript], progress: Progress = NO_PROGRESS) -> Iterator[Drafted]:
        pool = self._executor()
        with relay_progress(self._events, progress):
            pending: dict[Future[Drafted], Transcript] = {
                pool.submit(_worker_draft, t.model_dump_json()): t for t in transcripts
            }
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    transcript = pending.pop(future)
                    try:
                        yield future.result()
                    except BrokenProcessPool:
                        # a worker was killed (out of memory, a signal): every transcript still queued
                        # fails this pass and is retried on the next one, by a fresh pool
                        self._pool = None
                        yield Drafted(
                            source_path=transcript.source_path,
                            error=f"{transcript.source_path}: a worker process died while drafting it",
                        )
                    except Exception as exc:
                        yield Drafted(
                            source_path=transcript.source_path, error=error_line(exc, transcript.source_path)
                        )

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


@contextmanager
def relay_progress(events: Any, progress: Progress) -> Iterator[None]:
    """Draw the workers' stage events on `progress` from a thread, while the block runs."""
    stop = threading.Event()
    thread = threading.Thread(target=_relay, args=(events, progress, stop), daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)


def _relay(events: Any, progress: Progress, stop: threading.Event) -> None:
    open_stages: dict[str, tuple[AbstractContextManager[Advance], Advance]] = {}
    while True:
        try:
            event = events.get(timeout=0.1)
        except queue_module.Empty:
            if stop.is_set():
                break
            continue
        except (EOFError, OSError):
            break
        kind, key = event[0], event[1]
        if kind == "open":
            manager = progress.stage(event[2], event[3])
            open_stages[key] = (manager, manager.__enter__())
        elif kind == "advance" and key in open_stages:
            open_stages[key][1](event[2])
        elif kind == "close" and key in open_stages:
            open_stages.pop(key)[0].__exit__(None, None, None)
    for manager, _ in open_stages.values():
        with contextlib.suppress(Exception):
            manager.__exit__(None, None, None)
