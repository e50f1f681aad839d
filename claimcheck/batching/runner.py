"""`claimcheck batch INBOX`: process every new or changed transcript of an inbox folder once, then (with
`--watch`) keep watching it.

A pass (`run_pass`):

1. lists the inbox (`scan_inbox`) and splits it by the ledger into files to process and files to skip
   (`split_new`: done before with the same bytes);
2. reads the files to process in this process (a file that cannot be read fails at once, before any model
   loads); starts the drafter (the models load once, in each worker) only when something was read;
3. hands the transcripts to the drafter and, as each comes back, writes it under the output folder's lock:
   registers its claims in the review store, writes its draft atomically, then records it `done` in the
   ledger. A failure (unreadable file, a slug another transcript holds, an error while drafting, a worker
   that died) is recorded `failed` with its one-line reason and retried on the next pass;
4. returns a `BatchSummary`, which `batch_inbox` writes as `OUT/batches/<UTC time>.json`.

One batch per output folder: `batch_inbox` holds `OUT/batches/.batch.lock` for its whole life and a second
batch fails at once naming the first; `run` and `publish` on the same folder still take turns with it,
because the output folder's own lock is held only while one transcript's results are written.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pydantic import BaseModel, Field

from claimcheck.batch import read_batch
from claimcheck.batching.inbox import (
    Ledger,
    LedgerStatus,
    Pending,
    batches_dir,
    scan_inbox,
    split_new,
)
from claimcheck.batching.workers import Drafted, Drafter, WorkerInfo, error_line
from claimcheck.errors import ClaimcheckError, LockError
from claimcheck.fsutil import atomic_write_text, writer_lock
from claimcheck.models import Breakdown, Transcript
from claimcheck.outdir import out_writer
from claimcheck.progress import NO_PROGRESS, Progress
from claimcheck.review import ReviewStore, open_store
from claimcheck.review.records import ClaimStatus
from claimcheck.settings import Settings

BATCH_LOCK_FILE = ".batch.lock"


class ProcessedTranscript(BaseModel):
    """A transcript drafted by this pass."""

    path: str
    slug: str
    claims: int
    labels: dict[str, int]  # draft label -> claims
    needs_review: int  # drafts flagged for an editor's attention
    seconds: float  # the worker's time on it (reading excluded)
    worker: str
    draft_path: str


class FailedTranscript(BaseModel):
    """A transcript this pass could not draft: retried on the next pass."""

    path: str
    reason: str  # one line
    attempts: int  # passes that failed on these same bytes


class BatchSummary(BaseModel):
    """What one pass over the inbox did; also written as `OUT/batches/<UTC time>.json`."""

    started_at: str  # ISO 8601, UTC
    finished_at: str
    inbox: str
    out_dir: str
    backend: str  # "in-process", "processes" or "ray"
    workers: int
    processed: list[ProcessedTranscript] = Field(default_factory=list)
    skipped: list[str] = Field(default_factory=list)  # done before, same bytes
    failed: list[FailedTranscript] = Field(default_factory=list)
    # files that failed on an earlier pass of this `--watch` with the same bytes: left until they change,
    # or until the next `claimcheck batch`
    failed_before: int = 0
    waiting: int = 0  # files changed less than batch_settle_seconds ago, left for the next pass
    claims: int = 0  # claims drafted by this pass
    labels: dict[str, int] = Field(default_factory=dict)  # their draft labels
    review_queue: int = 0  # claims in the review store awaiting an editor's decision, after the pass
    # seconds the models and index took to load in this pass (the first transcript's extra wait); None
    # when they were loaded by an earlier pass of the same `--watch`, or nothing needed them
    load_seconds: float | None = None
    # seconds from the start of the pass to the first draft written
    first_draft_seconds: float | None = None
    wall_seconds: float = 0.0
    worker_memory: list[WorkerInfo] = Field(default_factory=list)  # peak resident memory per worker

    @property
    def ok(self) -> bool:
        return not self.failed

    @property
    def exit_code(self) -> int:
        """0: nothing failed; 1: some transcript failed."""
        return 0 if self.ok else 1


def utc_stamp() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


class LazyDrafter:
    """A drafter started on first need, then kept (across the passes of a `--watch`)."""

    def __init__(self, make: Callable[[], Drafter], backend: str) -> None:
        self._make = make
        self.backend = backend
        self._drafter: Drafter | None = None
        self.infos: list[WorkerInfo] = []
        self.workers = 0
        self._peaks: dict[str, float] = {}

    def note(self, drafted: Drafted) -> None:
        """Keep the highest memory each worker has reported."""
        if drafted.worker:
            self._peaks[drafted.worker] = max(self._peaks.get(drafted.worker, 0.0), drafted.peak_rss_mb)

    def memory(self) -> list[WorkerInfo]:
        """Each worker's load time and peak resident memory so far."""
        return [
            info.model_copy(
                update={"peak_rss_mb": round(max(info.peak_rss_mb, self._peaks.get(info.worker, 0.0)), 1)}
            )
            for info in sorted(self.infos, key=lambda i: i.worker)
        ]

    def get(self, progress: Progress) -> tuple[Drafter, float | None]:
        """The started drafter, and how long starting it took now (None: it was already started)."""
        if self._drafter is not None:
            return self._drafter, None
        began = time.perf_counter()
        drafter = self._make()
        self.workers = drafter.workers
        self.infos = drafter.start(progress)
        self._drafter = drafter
        return drafter, time.perf_counter() - began

    def close(self) -> None:
        if self._drafter is not None:
            self._drafter.close()
            self._drafter = None


def review_queue_size(store: ReviewStore) -> int:
    """Claims of the review store's current drafts that no editor has decided on."""
    return sum(1 for r in store.list_claims() if r.status is ClaimStatus.ACTIVE and r.decision is None)


def run_pass(
    inbox: Path,
    settings: Settings,
    drafter: LazyDrafter,
    ledger: Ledger,
    progress: Progress = NO_PROGRESS,
    *,
    count_queue: bool = True,
    retry_failed: bool = True,
) -> BatchSummary:
    """One pass over the inbox (see the module's docstring); writes drafts, review store and ledger.
    `count_queue=False`: when nothing was drafted, leave `review_queue` at 0 rather than read the store;
    `retry_failed=False`: leave files that failed with the same bytes (both: the later passes of
    `--watch`)."""
    out_dir = settings.out_dir
    started, began = utc_stamp(), time.perf_counter()
    files, waiting = scan_inbox(inbox, settings)
    todo, skipped, held = split_new(files, ledger, retry_failed=retry_failed)
    summary = BatchSummary(
        started_at=started,
        finished_at=started,
        inbox=str(inbox),
        out_dir=str(out_dir),
        backend=drafter.backend,
        workers=drafter.workers,
        skipped=[str(f.path) for f in skipped],
        failed_before=len(held),
        waiting=waiting,
    )
    by_path = {str(p.file.path): p for p in todo}
    transcripts, unread = read_batch([p.file.path for p in todo], settings)
    for result in unread:
        _fail(summary, ledger, by_path[result.path], result.error or "cannot be read")
    if transcripts:
        engine, load_seconds = drafter.get(progress)
        summary.load_seconds = load_seconds
        summary.workers = drafter.workers
        with open_store(out_dir) as store, progress.stage("Transcripts", total=len(transcripts)) as advance:
            readers = {t.source_path: t for t in transcripts}
            for drafted in engine.draft(transcripts, progress):
                drafter.note(drafted)
                pending = by_path[drafted.source_path]
                _write_back(summary, readers[drafted.source_path], drafted, pending, settings, store, ledger)
                if summary.first_draft_seconds is None and summary.processed:
                    summary.first_draft_seconds = time.perf_counter() - began
                advance(1)
        summary.worker_memory = drafter.memory()
    if transcripts or count_queue:
        with open_store(out_dir) as store:
            summary.review_queue = review_queue_size(store)
    summary.processed.sort(key=lambda p: p.path)
    summary.failed.sort(key=lambda f: f.path)
    labels: Counter[str] = Counter()
    for item in summary.processed:
        labels.update(item.labels)
    summary.claims = sum(p.claims for p in summary.processed)
    summary.labels = dict(sorted(labels.items()))
    summary.finished_at = utc_stamp()
    summary.wall_seconds = time.perf_counter() - began
    return summary


def _fail(summary: BatchSummary, ledger: Ledger, pending: Pending, reason: str) -> None:
    line = " ".join(reason.split())
    ledger.record(pending.file, pending.sha256, LedgerStatus.FAILED, error=line)
    row = ledger.get(pending.file.path)
    summary.failed.append(
        FailedTranscript(path=str(pending.file.path), reason=line, attempts=row.attempts if row else 1)
    )


def _write_back(
    summary: BatchSummary,
    transcript: Transcript,
    drafted: Drafted,
    pending: Pending,
    settings: Settings,
    store: ReviewStore,
    ledger: Ledger,
) -> None:
    """Write one drafted transcript (store, draft, then ledger) under the output folder's lock."""
    from claimcheck.drafts import write_draft
    from claimcheck.pipeline import claim_slugs, flag_reopened, source_digest

    if drafted.error is not None or drafted.breakdown_json is None:
        _fail(summary, ledger, pending, drafted.error or "no draft came back")
        return
    out_dir = settings.out_dir
    try:
        breakdown = Breakdown.model_validate_json(drafted.breakdown_json)
        breakdown = breakdown.model_copy(update={"source_sha256": source_digest(transcript.source_path)})
        with out_writer(out_dir, settings):
            _, refusals = claim_slugs([transcript], out_dir, replace=False)
            if refusals:
                _fail(summary, ledger, pending, refusals[0].error or "slug refused")
                return
            sync = store.sync_drafts(breakdown)
            path = write_draft(out_dir, flag_reopened(breakdown, sync))
            ledger.record(
                pending.file,
                pending.sha256,
                LedgerStatus.DONE,
                slug=breakdown.slug,
                claims=len(breakdown.verdicts),
            )
    except LockError:
        raise  # another writer held the folder past lock_timeout: stop; the rest is retried next time
    except ClaimcheckError as exc:
        _fail(summary, ledger, pending, error_line(exc, transcript.source_path))
        return
    except Exception as exc:
        _fail(summary, ledger, pending, error_line(exc, transcript.source_path))
        return
    labels = Counter(v.label.value for v in breakdown.verdicts)
    needs_review = sum(1 for v in breakdown.verdicts if v.draft is not None and v.draft.needs_review)
    summary.processed.append(
        ProcessedTranscript(
            path=str(pending.file.path),
            slug=breakdown.slug,
            claims=len(breakdown.verdicts),
            labels=dict(sorted(labels.items())),
            needs_review=needs_review,
            seconds=round(drafted.seconds, 3),
            worker=drafted.worker,
            draft_path=str(path),
        )
    )


def write_summary(summary: BatchSummary, out_dir: Path) -> Path:
    """`OUT/batches/<started_at as 20261202T104500Z>.json`, written atomically (a second summary started
    in the same second gets `-2`, `-3`…)."""
    stamp = summary.started_at.replace("-", "").replace(":", "").replace("+0000", "Z")
    folder = batches_dir(out_dir)
    path = folder / f"{stamp}.json"
    n = 2
    while path.exists():
        path = folder / f"{stamp}-{n}.json"
        n += 1
    atomic_write_text(path, summary.model_dump_json(indent=2) + "\n")
    return path


@contextmanager
def batch_lock(out_dir: Path) -> Iterator[None]:
    """One batch per output folder: a second one fails at once, naming the first."""
    with writer_lock(
        batches_dir(out_dir) / BATCH_LOCK_FILE,
        timeout=0,
        what=f"the batches of {out_dir} (one `claimcheck batch` per output folder)",
    ):
        yield


def batch_inbox(
    inbox: Path,
    settings: Settings,
    make_drafter: Callable[[], Drafter],
    *,
    backend: str,
    progress: Progress = NO_PROGRESS,
    watch: bool = False,
    stop: threading.Event | None = None,
    on_summary: Callable[[BatchSummary, Path], None] | None = None,
) -> list[BatchSummary]:
    """Run a pass over `inbox` (and with `watch`, another each time files arrive or change, until `stop`
    is set); each pass's summary is written to `OUT/batches/` and handed to `on_summary` with its path.
    With `watch`, a pass that found nothing new is neither written nor reported. Raises a `LockError`
    when another batch holds the output folder."""
    out_dir = settings.out_dir
    summaries: list[BatchSummary] = []
    drafter = LazyDrafter(make_drafter, backend)
    stop = stop or threading.Event()
    with batch_lock(out_dir), Ledger.open(out_dir) as ledger:
        try:
            first = True
            for _ in _wake_ups(inbox, settings, watch, stop):
                summary = run_pass(
                    inbox, settings, drafter, ledger, progress, count_queue=first, retry_failed=first
                )
                if first or summary.processed or summary.failed:
                    path = write_summary(summary, out_dir)
                    summaries.append(summary)
                    if on_summary is not None:
                        on_summary(summary, path)
                first = False
        finally:
            drafter.close()
    return summaries


def _wake_ups(inbox: Path, settings: Settings, watch: bool, stop: threading.Event) -> Iterator[None]:
    """When to run a pass: once, and with `watch`, after each change under `inbox` (watchfiles), or every
    `batch_poll_seconds` (which also picks up files that were still settling, and changes a network
    filesystem does not report), until `stop` is set."""
    yield
    if not watch:
        return
    import watchfiles

    for _changes in watchfiles.watch(
        inbox,
        stop_event=stop,
        rust_timeout=max(1, int(settings.batch_poll_seconds * 1000)),
        yield_on_timeout=True,
        raise_interrupt=False,
    ):
        if stop.is_set():
            return
        yield
