"""`batch --ray` and `index build --ray` on a local Ray instance (`ray.init(num_cpus=2)`): the same
drafts and the same index files as the single-process runs."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.cli import cli
from tests.factories import FIXTURES
from tests.test_batch_inbox import OLD, put

ray = pytest.importorskip("ray", reason="the [ray] extra is not installed")

UNSEEN = FIXTURES / "unseen"


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        yield
    finally:
        ray.shutdown()


def _invoke(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.slow
def test_index_build_and_batch_on_ray_match_the_single_process_runs(tmp_path: Path, local_ray: None) -> None:
    config = tmp_path / "claimcheck.toml"
    config.write_text('embedding_model = "hashing-64"\n', encoding="utf-8")
    cfg = ("--config", str(config))
    corpus = str(UNSEEN / "corpus")
    _invoke(*cfg, "index", "build", corpus, "--index", str(tmp_path / "index1"))
    _invoke(
        *cfg,
        "index",
        "build",
        corpus,
        "--index",
        str(tmp_path / "index-ray"),
        "--ray",
        "auto",
        "--workers",
        "2",
    )
    for name in ("passages.jsonl", "vectors.npy", "figures.npz"):
        assert (tmp_path / "index1" / name).read_bytes() == (tmp_path / "index-ray" / name).read_bytes(), name
    single = json.loads((tmp_path / "index1" / "manifest.json").read_text(encoding="utf-8"))
    on_ray = json.loads((tmp_path / "index-ray" / "manifest.json").read_text(encoding="utf-8"))
    assert {k: v for k, v in single.items() if k != "built_at"} == {
        k: v for k, v in on_ray.items() if k != "built_at"
    }

    inbox = tmp_path / "inbox"
    for i in range(3):
        put(inbox, f"t{i}.txt", f"talk-{i}")
    (inbox / "broken.vtt").write_bytes(b"\xff\xfe")
    os.utime(inbox / "broken.vtt", (OLD, OLD))
    drafts = {}
    for name, extra in (("single", ()), ("ray", ("--ray", "auto", "--workers", "2"))):
        out = tmp_path / f"out-{name}"
        result = CliRunner().invoke(
            cli,
            [
                *cfg,
                "batch",
                str(inbox),
                "--index",
                str(tmp_path / "index1"),
                "--out",
                str(out),
                "--json",
                *extra,
            ],
        )
        assert result.exit_code == 1, result.output  # broken.vtt
        summary = json.loads(result.stdout.strip().splitlines()[-1])
        assert [Path(f["path"]).name for f in summary["failed"]] == ["broken.vtt"]
        assert len(summary["processed"]) == 3
        if name == "ray":
            assert summary["backend"] == "ray" and len(summary["worker_memory"]) == 2
            assert len({p["worker"] for p in summary["processed"]}) >= 1
        drafts[name] = {p.name: p.read_bytes() for p in sorted((out / "drafts").glob("*.json"))}
    assert len(drafts["single"]) == 3 and drafts["single"] == drafts["ray"]
    assert ray.is_initialized()  # the batch did not shut down the instance it did not start
