"""Batch processing of an inbox of transcripts (`claimcheck batch`): the inbox and its ledger (`inbox`),
who drafts (`workers`: in process or a pool of processes; `ray_workers`: Ray actors), and the passes
(`runner`). `drafter_for` picks the drafter the command line asks for.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from claimcheck.batching.inbox import Ledger, LedgerRow, LedgerStatus, batches_dir, scan_inbox
from claimcheck.batching.runner import BatchSummary, FailedTranscript, ProcessedTranscript, batch_inbox
from claimcheck.batching.workers import Drafter, InProcessDrafter, PoolDrafter
from claimcheck.progress import NO_PROGRESS, Progress
from claimcheck.settings import Settings


def prepared_index_dir(
    settings: Settings,
    *,
    corpus_dir: Path | None,
    index_dir: Path | None,
    progress: Progress = NO_PROGRESS,
) -> Path:
    """The saved index folder workers open read-only: `index_dir`, or the corpus's cached index under
    `OUT/.index`, built here first when it is missing or stale (the embedder loads only then)."""
    from claimcheck.corpus import corpus_hash, load_corpus
    from claimcheck.index.manifest import MANIFEST_FILE, read_manifest
    from claimcheck.preflight import check_engine_paths

    check_engine_paths(settings, corpus_dir=corpus_dir, index_dir=index_dir)
    if index_dir is not None:
        return index_dir
    root = corpus_dir if corpus_dir is not None else settings.corpus_dir
    docs = load_corpus(root, settings.max_document_bytes)
    cache_dir = settings.out_dir / ".index"
    cached = cache_dir / corpus_hash(docs)[:16]
    if (cached / MANIFEST_FILE).is_file():
        try:
            manifest = read_manifest(cached / MANIFEST_FILE, cached)
        except Exception:
            manifest = None
        if (
            manifest is not None
            and manifest.model == settings.embedding_model
            and manifest.corpus_hash == corpus_hash(docs)
            and manifest.chunk_max_tokens == settings.chunk_max_tokens
        ):
            return cached
    from claimcheck.embedding import load_embedder
    from claimcheck.index import open_index

    open_index(
        settings,
        load_embedder(settings),
        corpus_dir=root,
        index_dir=None,
        cache_dir=cache_dir,
        progress=progress,
        docs=docs,
    )
    return cached


def drafter_for(
    settings: Settings,
    *,
    corpus_dir: Path | None,
    index_dir: Path | None,
    workers: int,
    ray_address: str | None = None,
    progress: Progress = NO_PROGRESS,
) -> tuple[Callable[[], Drafter], str]:
    """How to make the drafter asked for, and its backend's name: Ray actors with `ray_address`, a pool
    of `workers` processes when more than one, else the batch process itself. The index a pool or Ray
    reads is prepared when the drafter is made (only once something needs drafting)."""
    if ray_address is not None:
        from claimcheck.batching.ray_workers import RayDrafter

        def make_ray() -> Drafter:
            folder = prepared_index_dir(
                settings, corpus_dir=corpus_dir, index_dir=index_dir, progress=progress
            )
            return RayDrafter(settings, folder, workers, ray_address)

        return make_ray, "ray"
    if workers > 1:

        def make_pool() -> Drafter:
            folder = prepared_index_dir(
                settings, corpus_dir=corpus_dir, index_dir=index_dir, progress=progress
            )
            return PoolDrafter(settings, folder, workers)

        return make_pool, "processes"
    return lambda: InProcessDrafter(settings, corpus_dir=corpus_dir, index_dir=index_dir), "in-process"


__all__ = [
    "BatchSummary",
    "Drafter",
    "FailedTranscript",
    "InProcessDrafter",
    "Ledger",
    "LedgerRow",
    "LedgerStatus",
    "PoolDrafter",
    "ProcessedTranscript",
    "batch_inbox",
    "batches_dir",
    "drafter_for",
    "prepared_index_dir",
    "scan_inbox",
]
