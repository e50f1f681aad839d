"""Fuzzing every input claimcheck reads: no case may end in a traceback or in wrong output with exit 0.

Each target of `tests/fuzzing.py` runs `ci_examples` generated cases, derandomized (the same cases on every
run), through the CLI in-process. `benchmarks/bench_fuzz.py` runs the same targets with thousands of
cases and random seeds.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from claimcheck.transcripts import read_transcript
from tests.factories import SETTINGS, write_corpus, write_file
from tests.fuzz_strategies import CORPUS_BODY, TRANSCRIPT_BODY
from tests.fuzzing import (
    KNOWN_BUGS,
    TARGETS,
    CaseResult,
    FuzzTarget,
    Outcome,
    World,
    build_world,
    fast_models,
    invoke,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    yield build_world(tmp_path_factory.mktemp("fuzz-world"))


def fuzz_settings(max_examples: int) -> settings:
    """Deterministic and bounded: the same cases on every run, no example database, no deadline (a case
    runs a whole command)."""
    return settings(
        max_examples=max_examples,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )


@pytest.mark.parametrize("target", TARGETS, ids=lambda t: t.name)
def test_generated_inputs_end_in_success_or_a_clean_error(target: FuzzTarget, world: World) -> None:
    seen: list[CaseResult] = []

    @fuzz_settings(target.ci_examples)
    @given(case=target.strategy)
    def fuzz(case: Any) -> None:
        result = target.run(world, case)
        seen.append(result)
        assert result.acceptable or result.known_bug, result.describe()

    fuzz()
    # the target reached the commands it is about: some cases succeed and (but for --settings) some fail
    assert any(r.outcome is Outcome.SUCCESS for r in seen), f"no case of {target.name} succeeded"


# --------------------------------------------------------------------------------------------------
# what the fuzz suite found, each fixed: these tests failed before their fix (they were strict xfails, with a
# KNOWN_BUGS entry each, until the fix landed)


@pytest.mark.parametrize("command", ["run", "index build"])
def test_a_surrogate_escape_in_front_matter_is_a_clean_error(
    world: World, tmp_path: Path, command: str
) -> None:
    head = '---\ntitle: "\\ud800"\n---\n\n'
    if command == "run":
        transcript = write_file(tmp_path, "talk.txt", head + TRANSCRIPT_BODY)
        with fast_models(world):
            step = invoke("--config", world.config, "run", transcript, "--out", tmp_path / "out")
    else:
        corpus = write_corpus(tmp_path / "corpus", {"doc.md": head + CORPUS_BODY})
        step = invoke("--config", world.config, "index", "build", corpus, "--index", tmp_path / "index")
    assert step.case.outcome is Outcome.CLEAN_ERROR, step.case.describe()


@pytest.mark.parametrize("command", ["claims", "index build"])
def test_a_yaml_escape_beyond_the_last_code_point_is_a_clean_error(
    world: World, tmp_path: Path, command: str
) -> None:
    head = '---\ntitle: "\\U0e001B92"\n---\n\n'
    if command == "claims":
        transcript = write_file(tmp_path, "talk.txt", head + TRANSCRIPT_BODY)
        with fast_models(world):
            step = invoke("--config", world.config, "claims", transcript)
    else:
        corpus = write_corpus(tmp_path / "corpus", {"doc.md": head + CORPUS_BODY})
        step = invoke("--config", world.config, "index", "build", corpus, "--index", tmp_path / "index")
    assert step.case.outcome is Outcome.CLEAN_ERROR, step.case.describe()


def test_a_surrogate_escape_in_a_jsonl_input_is_a_clean_error(world: World, tmp_path: Path) -> None:
    queries = write_file(tmp_path, "queries.jsonl", '{"id": "q\\ud800", "text": "Northwind revenue"}\n')
    step = invoke("--config", world.config, "search", "--queries", queries, "--index", world.index, "--json")
    assert step.case.outcome is Outcome.CLEAN_ERROR, step.case.describe()


def test_speaker_names_that_start_with_a_letter_outside_ascii_are_read(tmp_path: Path) -> None:
    said = "Acme revenue grew 31% in 2023 to a record high."
    timecoded = write_file(tmp_path, "a.txt", f"00:00:01:00 - 00:00:05:00\nÉlodie Durand\n{said}\n")
    lines = write_file(tmp_path, "b.txt", f"Élodie Durand: {said}\nBo: Really?\n")
    for path in (timecoded, lines):
        first = read_transcript(path, SETTINGS).utterances[0]
        assert (first.speaker, first.text) == ("Élodie Durand", said)


def test_a_pair_longer_than_the_verifier_window_ends_cleanly(world: World, tmp_path: Path) -> None:
    long = "word " * 300
    pairs = write_file(
        tmp_path, "pairs.jsonl", json.dumps({"id": "p", "premise": "", "hypothesis": long}) + "\n"
    )
    with fast_models(world):
        step = invoke("stance", "--pairs", pairs, "--json")
    assert step.case.acceptable, step.case.describe()


def test_a_jsonl_line_holding_a_line_separator_is_read(world: World, tmp_path: Path) -> None:
    line = json.dumps({"id": "q", "text": "Northwind revenue\u2028in 2024"}, ensure_ascii=False)
    queries = write_file(tmp_path, "queries.jsonl", line + "\n")
    step = invoke("--config", world.config, "search", "--queries", queries, "--index", world.index, "--json")
    assert step.case.outcome is Outcome.SUCCESS, step.case.describe()


def test_every_known_bug_is_pinned_by_a_strict_xfail_test() -> None:
    for bug in KNOWN_BUGS:
        test = globals().get(bug.test)
        assert test is not None, f"{bug.name}: no test {bug.test} in tests/test_fuzz.py"
        marks = [m for m in getattr(test, "pytestmark", []) if m.name == "xfail"]
        assert marks and marks[0].kwargs.get("strict") is True, f"{bug.test} is not a strict xfail"
