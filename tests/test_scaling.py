"""Reading and claim extraction do work in proportion to the talk (issue #12: "scale linearly").

Work is counted, not timed: the lines of claimcheck's own code that run, per function (and per
comprehension), on a transcript and on one four times as long made of the same turns. A function whose
lines grow more than four times has a loop over everything said before (in the subject tracker, the
duplicate merge, a reader): such a loop grows about sixteen times. spaCy's compiled parser is not counted;
it parses each run of turns once. `benchmarks/bench_scaling.py` measures the seconds on 1, 10 and 100 hours.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import CodeType, FrameType
from typing import TYPE_CHECKING, Any

import pytest

from benchmarks.bench_scaling import repeated_sample
from claimcheck.claims import extract_claims
from claimcheck.claims.checkworthiness import load_checkworthiness_model
from claimcheck.models import Transcript
from claimcheck.settings import Settings
from claimcheck.transcripts import read_transcript
from tests.factories import REPO, write_file

if TYPE_CHECKING:
    from spacy.language import Language

PACKAGE = str(REPO / "claimcheck")
TURNS = 8  # of the sample, per copy: about a minute of talk
SMALL, LARGE = 3, 12  # copies
# Four times the talk may run up to this many times the lines in any one function (a loop over all that
# was said before runs about 16 times more); functions that run fewer lines than MIN_LINES on the small
# transcript are only counted in the total.
MAX_GROWTH = 5.0
MIN_LINES = 200

LineCounts = Counter[CodeType]


def lines_run(work: Callable[[], object]) -> LineCounts:
    """How many lines of claimcheck's code each function (or comprehension) runs while `work()` does."""
    counts: LineCounts = Counter()

    def in_frame(frame: FrameType, event: str, arg: Any) -> Callable[..., Any] | None:
        if event == "line":
            counts[frame.f_code] += 1
        return in_frame

    def on_call(frame: FrameType, event: str, arg: Any) -> Callable[..., Any] | None:
        return in_frame if frame.f_code.co_filename.startswith(PACKAGE) else None

    previous = sys.gettrace()
    sys.settrace(on_call)
    try:
        work()
    finally:
        sys.settrace(previous)
    return counts


def faster_growing(small: LineCounts, large: LineCounts) -> list[str]:
    """The functions whose lines grew more than `MAX_GROWTH` times, with their growth."""
    return [
        f"{code.co_qualname} ({Path(code.co_filename).name}:{code.co_firstlineno}): "
        f"{small[code]} -> {large[code]} lines"
        for code in small
        if small[code] >= MIN_LINES and large[code] > MAX_GROWTH * small[code]
    ]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """The sample's first turns, SMALL and LARGE times (every copy tagged, so no two sentences are equal)."""
    folder = tmp_path_factory.mktemp("scaling")
    return {
        copies: write_file(folder, f"talk-{copies}.txt", repeated_sample(copies, turns=TURNS, first=10))
        for copies in (1, SMALL, LARGE)
    }


def test_the_counter_sees_a_loop_over_everything_said_before(settings: Settings) -> None:
    from claimcheck.text import normalise_claim_text

    def quadratic(n: int) -> None:
        said: list[str] = []
        for i in range(n):
            said.append(f"sentence {i}")
            for earlier in said:
                normalise_claim_text(earlier)

    small, large = lines_run(lambda: quadratic(20)), lines_run(lambda: quadratic(80))
    assert faster_growing(small, large)


def test_reading_work_grows_linearly(files: dict[int, Path], settings: Settings) -> None:
    read_transcript(files[1], settings)  # caches warmed
    small = lines_run(lambda: read_transcript(files[SMALL], settings))
    large = lines_run(lambda: read_transcript(files[LARGE], settings))
    assert faster_growing(small, large) == []
    assert large.total() < MAX_GROWTH * small.total()


def test_claim_extraction_work_grows_linearly(
    nlp: Language, files: dict[int, Path], settings: Settings
) -> None:
    model = load_checkworthiness_model()
    talks = {copies: read_transcript(path, settings) for copies, path in files.items()}
    assert len(talks[LARGE].utterances) == 4 * len(talks[SMALL].utterances)
    extract_claims(talks[1], nlp, settings, model=model)  # caches warmed
    found: dict[int, int] = {}

    def extract(talk: Transcript) -> None:
        found[len(talk.utterances)] = len(extract_claims(talk, nlp, settings, include_all=True, model=model))

    small = lines_run(lambda: extract(talks[SMALL]))
    large = lines_run(lambda: extract(talks[LARGE]))
    # the tags keep the sentences apart (a clause cut from the front of a tagged sentence is merged with
    # its copies, as it should be)
    assert found[len(talks[LARGE].utterances)] > 3.5 * found[len(talks[SMALL].utterances)]
    assert faster_growing(small, large) == []
    assert large.total() < MAX_GROWTH * small.total()
