"""`claimcheck index build CORPUS --ray ADDRESS`: the passages' vectors computed by Ray Data across a
cluster (`map_batches` over actors that each load the embedder once); chunking, the figures, the FAISS
index and the files written stay in the building process, so the index folder is the one a
single-process build writes.

The texts travel to the cluster in blocks of rows `{"row", "text"}`; each actor embeds `EMBED_STEP` texts
per call (the same step as a single-process build) and returns `{"row", "vector"}`; the vectors are put back
in row order. A 10-K corpus's text is a few hundred MB, so it is sent from the driver; a corpus of tens of GB
would be read by the cluster from shared storage instead (`ray.data.read_parquet`), which this does not do.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from claimcheck.embedding import Vectors
from claimcheck.index.dense import EMBED_STEP
from claimcheck.raycluster import connect, import_ray
from claimcheck.settings import Settings

# Rows per block sent to the cluster: a few embedder calls each, so blocks spread over the actors.
_ROWS_PER_BLOCK = 4 * EMBED_STEP


class _EmbedBatch:
    """A Ray Data actor: the embedder, loaded once; one batch of texts per call."""

    def __init__(self, settings_json: str) -> None:
        from claimcheck.embedding import load_embedder
        from claimcheck.offline import enable_offline

        enable_offline()
        self._embedder = load_embedder(Settings.model_validate_json(settings_json))

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        vectors = self._embedder.embed([str(t) for t in batch["text"]])
        return {"row": batch["row"], "vector": np.asarray(vectors, dtype=np.float32)}


def ray_embed_many(
    settings: Settings, address: str, workers: int | None = None
) -> Callable[[Sequence[str]], Vectors]:
    """A function that embeds texts on the Ray cluster at `address` with `workers` actors (default: one
    per CPU of the cluster), returning the vectors in the texts' order. Connects on first use."""

    def embed_many(texts: Sequence[str]) -> Vectors:
        ray = import_ray()
        started = connect(address)
        try:
            import ray.data

            logging.getLogger("ray.data").setLevel(logging.ERROR)  # its per-run INFO lines and hints
            warnings.filterwarnings("ignore", category=UserWarning, module=r"ray\.")
            context = ray.data.DataContext.get_current()
            context.enable_progress_bars = False
            actors = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
            rows = [{"row": i, "text": t} for i, t in enumerate(texts)]
            blocks = max(1, min(len(rows) // _ROWS_PER_BLOCK + 1, 10_000))
            dataset = ray.data.from_items(rows, override_num_blocks=blocks).map_batches(
                _EmbedBatch,
                fn_constructor_kwargs={"settings_json": settings.model_dump_json()},
                batch_size=EMBED_STEP,
                batch_format="numpy",
                concurrency=actors,
                num_cpus=1,
            )
            vectors: Vectors | None = None
            for batch in dataset.iter_batches(batch_size=None, batch_format="numpy"):
                block = np.asarray(batch["vector"], dtype=np.float32)
                if vectors is None:
                    vectors = np.zeros((len(texts), block.shape[1]), dtype=np.float32)
                vectors[np.asarray(batch["row"], dtype=np.int64)] = block
            if vectors is None:
                return np.zeros((0, 0), dtype=np.float32)
            return vectors
        finally:
            if started:
                ray.shutdown()

    return embed_many
