"""Every path and input is checked before any model loads, and one bad transcript never stops a batch
(issue #12: `claimcheck run missing.txt` loaded every model, 26–47 s, before saying the file is missing)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from click.testing import CliRunner, Result

from claimcheck.cli import cli
from claimcheck.embedding import HashingEmbedder
from claimcheck.pipeline import Engine
from claimcheck.settings import Settings
from tests.factories import FIXTURES, index_corpus, write_file

if TYPE_CHECKING:
    from spacy.language import Language

UNSEEN = FIXTURES / "unseen"
GOOD = "Ann: Northwind revenue was $412.6 million in 2024, up from the year before.\nBob: Right.\n"
# Well under a second: the checks read a few small files; loading the models took 26–47 s.
FAST_S = 1.0


class ModelLoaded(AssertionError):
    """Raised by the patched loaders: a model was about to load."""


@pytest.fixture
def no_models(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any model load fails the test."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise ModelLoaded("a model was loaded")

    monkeypatch.setattr(Engine, "load", classmethod(refuse))
    monkeypatch.setattr("claimcheck.embedding.load_embedder", refuse)
    monkeypatch.setattr("claimcheck.verify.stance.load_verifier", refuse)


@pytest.fixture
def light_engine(monkeypatch: pytest.MonkeyPatch, nlp: Language) -> Iterator[list[Settings]]:
    """`Engine.load` builds an engine on the unseen corpus with the hashing embedder and no verifier, and
    records the settings it was given."""
    loads: list[Settings] = []

    def load(cls: type[Engine], settings: Settings, **kwargs: Any) -> Engine:
        loads.append(settings)
        index = index_corpus(UNSEEN / "corpus", HashingEmbedder(), settings)
        return Engine(settings=settings, nlp=nlp, embedder=HashingEmbedder(), index=index, verifier=None)

    monkeypatch.setattr(Engine, "load", classmethod(load))
    yield loads


def _invoke(args: list[str]) -> tuple[Result, float]:
    began = time.perf_counter()
    result = CliRunner().invoke(cli, args)
    return result, time.perf_counter() - began


def _fails_fast(args: list[str], *names: str) -> str:
    result, took = _invoke(args)
    assert result.exit_code != 0, result.output
    assert not isinstance(result.exception, ModelLoaded), "a model was loaded before the check"
    assert "Traceback" not in result.output
    for name in names:
        assert name in result.output
    assert took < FAST_S
    return result.output


# --------------------------------------------------------------------------------------------------
# paths


@pytest.mark.usefixtures("no_models")
def test_run_with_a_missing_transcript_loads_no_model(tmp_path: Path) -> None:
    output = _fails_fast(
        ["run", str(tmp_path / "missing.txt"), "--out", str(tmp_path / "out")], "missing.txt"
    )
    assert "file not found" in output


@pytest.mark.usefixtures("no_models")
@pytest.mark.parametrize(
    ("option", "reason"),
    [
        ("--index", "index folder not found"),
        ("--corpus", "corpus folder not found"),
        ("--nli-model", "NLI model folder not found"),
    ],
)
def test_run_with_a_missing_folder_loads_no_model(tmp_path: Path, option: str, reason: str) -> None:
    talk = write_file(tmp_path, "talk.txt", GOOD)
    nope = tmp_path / "nope"
    output = _fails_fast(["run", str(talk), option, str(nope), "--out", str(tmp_path / "out")], str(nope))
    assert reason in output


@pytest.mark.usefixtures("no_models")
def test_run_with_an_index_folder_that_is_no_index_loads_no_model(tmp_path: Path) -> None:
    talk = write_file(tmp_path, "talk.txt", GOOD)
    empty = tmp_path / "empty"
    empty.mkdir()
    output = _fails_fast(["run", str(talk), "--index", str(empty), "--out", str(tmp_path / "out")], "empty")
    assert "claimcheck index build" in output


@pytest.mark.usefixtures("no_models")
def test_run_with_a_model_folder_that_is_no_model_loads_no_model(tmp_path: Path) -> None:
    talk = write_file(tmp_path, "talk.txt", GOOD)
    folder = tmp_path / "model"
    folder.mkdir()
    output = _fails_fast(["run", str(talk), "--nli-model", str(folder), "--out", str(tmp_path / "out")])
    assert "config.json" in output


@pytest.mark.usefixtures("no_models")
@pytest.mark.parametrize(
    ("option", "reason"),
    [
        ("--index", "index folder not found"),
        ("--corpus", "corpus folder not found"),
        ("--nli-model", "NLI model folder not found"),
    ],
)
def test_verify_with_a_missing_folder_loads_no_model(tmp_path: Path, option: str, reason: str) -> None:
    claims = write_file(tmp_path, "claims.jsonl", '{"id": "a", "text": "Revenue was $5 billion in 2023."}\n')
    nope = tmp_path / "nope"
    output = _fails_fast(["verify", "--claims", str(claims), option, str(nope)], str(nope))
    assert reason in output


@pytest.mark.usefixtures("no_models")
def test_verify_with_a_missing_claims_file_loads_no_model(tmp_path: Path) -> None:
    _fails_fast(
        ["verify", "--claims", str(tmp_path / "none.jsonl"), "--corpus", str(UNSEEN / "corpus")], "none"
    )


@pytest.mark.usefixtures("no_models")
def test_stance_with_a_missing_pairs_file_loads_no_model(tmp_path: Path) -> None:
    _fails_fast(["stance", "--pairs", str(tmp_path / "none.jsonl")], "none.jsonl", "file not found")


@pytest.mark.usefixtures("no_models")
@pytest.mark.parametrize("command", [["search"], ["index", "search"]])
def test_search_with_a_missing_index_loads_no_embedder(tmp_path: Path, command: list[str]) -> None:
    nope = tmp_path / "nope"
    _fails_fast([*command, "--index", str(nope), "--query", "revenue"], str(nope), "index build")


@pytest.mark.usefixtures("no_models")
def test_search_with_a_missing_queries_file_loads_no_embedder(tmp_path: Path) -> None:
    _fails_fast(["search", "--index", str(tmp_path), "--queries", str(tmp_path / "q.jsonl")], "q.jsonl")


@pytest.mark.usefixtures("no_models")
def test_a_missing_config_file_loads_no_model(tmp_path: Path) -> None:
    talk = write_file(tmp_path, "talk.txt", GOOD)
    _fails_fast(["--config", str(tmp_path / "none.toml"), "run", str(talk)], "none.toml", "not found")


@pytest.mark.usefixtures("no_models")
def test_an_out_folder_that_is_a_file_loads_no_model(tmp_path: Path) -> None:
    talk = write_file(tmp_path, "talk.txt", GOOD)
    out = write_file(tmp_path, "out", "not a folder")
    _fails_fast(["run", str(talk), "--out", str(out)], "out")


# --------------------------------------------------------------------------------------------------
# batches


def test_one_bad_transcript_does_not_stop_the_others(tmp_path: Path, light_engine: list[Settings]) -> None:
    a = write_file(tmp_path, "a.txt", GOOD)
    bad = write_file(tmp_path, "bad.txt", f"---\ndate: 2025-13-45\n---\n{GOOD}")
    c = write_file(tmp_path, "c.txt", GOOD.replace("Northwind", "The Northwind company"))
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", str(a), str(bad), str(c), "--out", str(out), "--json"])
    assert result.exit_code == 1, result.output
    lines = [json.loads(x) for x in result.output.splitlines() if x.startswith("{")]
    assert [(Path(x["path"]).name, x["ok"]) for x in lines] == [
        ("a.txt", True),
        ("bad.txt", False),
        ("c.txt", True),
    ]
    assert f"{bad}:2" in lines[1]["error"]
    assert sorted(p.name for p in (out / "drafts").glob("*.json")) == ["a.json", "c.json"]
    assert len(light_engine) == 1


def test_a_batch_with_no_readable_transcript_loads_no_model(
    tmp_path: Path, light_engine: list[Settings]
) -> None:
    bad = write_file(tmp_path, "bad.txt", "00:00:01:00 - 00:00:02:00\n")
    result, took = _invoke(["run", str(tmp_path / "missing.txt"), str(bad), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "missing.txt: file not found" in result.output and "bad.txt:1" in result.output
    assert light_engine == [] and took < FAST_S


def test_an_unexpected_failure_in_one_transcript_does_not_stop_the_others(
    tmp_path: Path, light_engine: list[Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    import claimcheck.pipeline as pipeline

    real = pipeline.process_transcript

    def process(transcript: Any, engine: Engine, *rest: Any) -> Any:
        if transcript.id == "a":
            raise ValueError("something no one foresaw")
        return real(transcript, engine, *rest)

    monkeypatch.setattr(pipeline, "process_transcript", process)
    a = write_file(tmp_path, "a.txt", GOOD)
    c = write_file(tmp_path, "c.txt", GOOD)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", str(a), str(c), "--out", str(out), "--json"])
    assert result.exit_code == 1, result.output
    lines = [json.loads(x) for x in result.output.splitlines() if x.startswith("{")]
    assert [x["ok"] for x in lines] == [False, True]
    assert "ValueError: something no one foresaw" in lines[0]["error"]
    assert (out / "drafts" / "c.json").is_file()


# --------------------------------------------------------------------------------------------------
# size limits and corpus contents


def test_a_transcript_over_the_size_limit_is_refused_unread(tmp_path: Path, no_models: None) -> None:
    config = write_file(tmp_path, "claimcheck.toml", "max_transcript_bytes = 1000\n")
    big = write_file(tmp_path, "big.txt", "Ana: Revenue grew 16% last year to $134.9 billion.\n" * 40)
    out = _fails_fast(
        ["--config", str(config), "run", str(big), "--out", str(tmp_path / "out")], "big.txt", "1,000"
    )
    assert "max_transcript_bytes" in out


def test_a_corpus_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    from claimcheck.corpus import load_corpus
    from claimcheck.errors import CorpusError

    corpus = write_file(tmp_path / "corpus", "big.md", "Revenue was $1 billion in 2023.\n" * 100).parent
    with pytest.raises(CorpusError, match="max_document_bytes") as caught:
        load_corpus(corpus, max_bytes=500)
    assert "big.md" in caught.value.message()
    assert len(load_corpus(corpus)) == 1  # under the default


def test_a_bad_corpus_document_fails_before_any_model_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise ModelLoaded("a model was loaded")

    monkeypatch.setattr("claimcheck.pipeline.load_embedder", refuse)
    monkeypatch.setattr("claimcheck.pipeline.load_verifier", refuse)
    corpus = write_file(tmp_path / "corpus", "bad.md", "---\ndate: 2025-13-45\n---\nText.\n").parent
    talk = write_file(tmp_path, "talk.txt", "Ana: Revenue grew 16% last year to $134.9 billion.\n")
    _fails_fast(["run", str(talk), "--corpus", str(corpus), "--out", str(tmp_path / "out")], "bad.md")
