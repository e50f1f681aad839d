"""`claimcheck batch INBOX --ray ADDRESS`: the same batch drafted by Ray actors, on one machine or a
cluster.

One transcript per task. Each actor (`--workers` of them, one CPU each) loads the heavy models once, when
it starts. The index is read once, by the batch process, and put in Ray's object store: its vectors are one
read-only array that every actor on a node maps without copying (FAISS still keeps its own copy for the
exact search); passages and manifest travel the same way. Transcripts are read by the batch process and
sent parsed, so the workers need neither the inbox nor the index folder, only the claimcheck package (and
an `--nli-model` folder at the same path, if one is given).

The batch process alone writes drafts, the review store and the ledger, as with local workers. Stages inside
an actor are not relayed: the progress display shows transcripts done.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from claimcheck.batching.workers import Drafted, WorkerInfo, draft_one, error_line, peak_rss_mb
from claimcheck.errors import ClaimcheckError
from claimcheck.models import Transcript
from claimcheck.progress import NO_PROGRESS, Progress
from claimcheck.raycluster import connect, import_ray
from claimcheck.settings import Settings


class IndexParts:
    """An index as its parts, to put in Ray's object store: the manifest and passages as JSON, the
    vectors as one float32 array."""

    def __init__(self, manifest_json: str, passages_jsonl: str, vectors: Any) -> None:
        self.manifest_json = manifest_json
        self.passages_jsonl = passages_jsonl
        self.vectors = vectors


def read_index_parts(index_dir: Path, settings: Settings) -> IndexParts:
    """The saved index at `index_dir`, read and checked (as `EvidenceIndex.load` does) without loading
    an embedder: the manifest names the model, and a stand-in of its name and width passes the check."""
    from claimcheck.index.manifest import MANIFEST_FILE, read_manifest
    from claimcheck.index.storage import load_index

    manifest = read_manifest(index_dir / MANIFEST_FILE, index_dir)

    class _Named:
        name = manifest.model
        dim = manifest.dim

    stored = load_index(index_dir, _Named(), settings)  # type: ignore[arg-type]
    passages = "".join(p.model_dump_json() + "\n" for p in stored.passages)
    return IndexParts(stored.manifest.model_dump_json(), passages, stored.vectors)


class _Worker:
    """A Ray actor: the models and the index, loaded once, then one transcript per call."""

    def __init__(self, settings_json: str, parts: IndexParts) -> None:
        began = time.perf_counter()
        from claimcheck.claims import load_nlp
        from claimcheck.embedding import load_embedder
        from claimcheck.index import EvidenceIndex, IndexManifest
        from claimcheck.models import Passage
        from claimcheck.offline import enable_offline
        from claimcheck.pipeline import Engine
        from claimcheck.verify.stance import load_verifier

        enable_offline()
        settings = Settings.model_validate_json(settings_json)
        embedder = load_embedder(settings)
        if "torch" in sys.modules:  # one CPU per actor (Ray sets OMP_NUM_THREADS=1 to match)
            sys.modules["torch"].set_num_threads(1)
        manifest = IndexManifest.model_validate_json(parts.manifest_json)
        passages = [Passage.model_validate_json(line) for line in parts.passages_jsonl.splitlines() if line]
        index = EvidenceIndex(manifest, passages, parts.vectors, embedder, settings)
        self._engine = Engine(
            settings=settings,
            nlp=load_nlp(),
            embedder=embedder,
            index=index,
            verifier=load_verifier(settings.nli_model, threads=1),
        )
        self._name = f"ray pid {os.getpid()}"
        self._load_seconds = time.perf_counter() - began

    def ready(self) -> str:
        return WorkerInfo(
            worker=self._name, load_seconds=self._load_seconds, peak_rss_mb=peak_rss_mb()
        ).model_dump_json()

    def draft(self, transcript_json: str) -> str:
        transcript = Transcript.model_validate_json(transcript_json)
        return draft_one(transcript, self._engine, self._name, NO_PROGRESS).model_dump_json()


class RayDrafter:
    """`workers` Ray actors drafting one transcript per task (see the module's docstring)."""

    def __init__(self, settings: Settings, index_dir: Path, workers: int, address: str) -> None:
        self.workers = workers
        self._settings = settings
        self._index_dir = index_dir
        self._address = address
        self._actors: list[Any] = []
        self._started_ray = False

    def start(self, progress: Progress = NO_PROGRESS) -> list[WorkerInfo]:
        ray = import_ray()
        self._started_ray = connect(self._address)
        parts = ray.put(read_index_parts(self._index_dir, self._settings))
        actor = ray.remote(num_cpus=1)(_Worker)
        settings_json = self._settings.model_dump_json()
        with progress.stage("Loading models", total=self.workers) as advance:
            self._actors = [actor.remote(settings_json, parts) for _ in range(self.workers)]
            infos: list[WorkerInfo] = []
            for ref in [a.ready.remote() for a in self._actors]:
                try:
                    infos.append(WorkerInfo.model_validate_json(ray.get(ref)))
                except ray.exceptions.RayError as exc:
                    self.close()
                    raise ClaimcheckError(
                        f"a Ray worker could not load the models: {' '.join(str(exc).split())[-300:]}"
                    ) from None
                advance(1)
        return sorted(infos, key=lambda i: i.worker)

    def draft(self, transcripts: Sequence[Transcript], progress: Progress = NO_PROGRESS) -> Iterator[Drafted]:
        ray = import_ray()
        queue = list(transcripts)
        idle = list(self._actors)
        running: dict[Any, tuple[Any, Transcript]] = {}
        while queue or running:
            while queue and idle:
                actor, transcript = idle.pop(), queue.pop(0)
                running[actor.draft.remote(transcript.model_dump_json())] = (actor, transcript)
            if not running:  # every actor died: what is left fails this pass
                for transcript in queue:
                    yield Drafted(source_path=transcript.source_path, error="no Ray worker is left")
                return
            (ref,), _ = ray.wait(list(running), num_returns=1)
            actor, transcript = running.pop(ref)
            try:
                yield Drafted.model_validate_json(ray.get(ref))
                idle.append(actor)
            except ray.exceptions.RayError as exc:
                yield Drafted(
                    source_path=transcript.source_path,
                    error=f"{transcript.source_path}: the Ray worker failed "
                    f"({error_line(exc, transcript.source_path)[-200:]})",
                )

    def close(self) -> None:
        if not self._actors and not self._started_ray:
            return
        ray = import_ray()
        for actor in self._actors:
            with contextlib.suppress(Exception):  # already dead
                ray.kill(actor)
        self._actors = []
        if self._started_ray and ray.is_initialized():
            ray.shutdown()
        self._started_ray = False
