"""No regular expression that reads untrusted text backtracks super-linearly (issue #12).

Every compiled pattern at module level (or in a module-level tuple, list or dict) of the modules that
read transcripts, corpus documents, claims, quantities and front matter is run with `finditer` (what
`search`, `findall`, `sub` and `split` do) and `fullmatch` on ~50k-character runs of spaces, letters,
digits and punctuation, alone and between a speaker-like prefix and a suffix that makes the match fail
late. A linear pattern takes milliseconds; one that backtracks takes seconds to hours (`_HEADER_RE` took
6.7 s on 8k spaces). The patterns run in a child process, so a runaway one fails the test instead of
hanging it.
"""

from __future__ import annotations

import importlib
import multiprocessing
import pkgutil
import re
import time
from collections.abc import Iterator
from multiprocessing.connection import Connection
from pathlib import Path

from claimcheck.transcripts import read_transcript
from tests.factories import SETTINGS, write_file

PACKAGES = (
    "claimcheck.transcripts",
    "claimcheck.corpus",
    "claimcheck.claims",
    "claimcheck.quantities",
    "claimcheck.verify",
    "claimcheck.index",
    "claimcheck.publish",
    "claimcheck.review",
)
MODULES = ("claimcheck.frontmatter", "claimcheck.text", "claimcheck.inputs")
RUN_CHARS = 50_000
# A linear pattern takes well under 50 ms on 50k characters on a loaded 2-core machine; a quadratic one on
# the input that trips it takes seconds.
LIMIT_S = 1.0
# A pattern still running after this long is called runaway (its result would only be later and worse).
HANG_S = 20.0

# Runs of these, alone and in the frames below, are what real files hold in bulk: PDF-converted text's
# spaces, tables' digits and separators, unpunctuated captions' words.
UNITS = (" ", "a", "A", "1", ".", ":", "-", ",", "a ", "1 ", "1,", "[", "(", "|", "'")
FRAMES = (("", "\u2603x"), ("Ann", "x"), ("Ann: ", " (1:00)"), ("# ", " #x"))


def compiled_patterns() -> dict[str, re.Pattern[str]]:
    """Every module-level compiled pattern of the modules timed here, by `module.name` (`[i]`/`[key]` for
    patterns inside a module-level collection)."""
    names = list(MODULES)
    for package_name in PACKAGES:
        package = importlib.import_module(package_name)
        names.append(package_name)
        names += [f"{package_name}.{info.name}" for info in pkgutil.iter_modules(package.__path__)]
    found: dict[str, re.Pattern[str]] = {}
    for name in names:
        for attr, value in vars(importlib.import_module(name)).items():
            for suffix, pattern in _patterns_in(value):
                if isinstance(pattern.pattern, str):
                    found.setdefault(f"{name}.{attr}{suffix}", pattern)
    return found


def _patterns_in(value: object, depth: int = 0) -> Iterator[tuple[str, re.Pattern[str]]]:
    if isinstance(value, re.Pattern):
        yield "", value
    elif depth < 2 and isinstance(value, tuple | list):
        for i, item in enumerate(value):
            yield from ((f"[{i}]{s}", p) for s, p in _patterns_in(item, depth + 1))
    elif depth < 2 and isinstance(value, dict):
        for key, item in value.items():
            yield from ((f"[{key!r}]{s}", p) for s, p in _patterns_in(item, depth + 1))


def adversarial_inputs() -> list[tuple[str, str]]:
    """(label, text): each unit repeated to RUN_CHARS characters inside each frame."""
    inputs: list[tuple[str, str]] = []
    for unit in UNITS:
        run = unit * (RUN_CHARS // len(unit))
        inputs += [
            (f"{prefix!r} + {unit!r}*n + {suffix!r}", prefix + run + suffix) for prefix, suffix in FRAMES
        ]
    return inputs


def _time_patterns(names: list[str], out: Connection) -> None:
    """Child process: for each pattern, send ("start", name), then ("done", name, seconds, what)."""
    patterns = compiled_patterns()
    inputs = adversarial_inputs()
    for name in names:
        out.send(("start", name))
        pattern = patterns[name]
        worst, what = 0.0, ""
        for label, text in inputs:
            for method in ("finditer", "fullmatch"):
                began = time.perf_counter()
                if method == "finditer":
                    for _ in pattern.finditer(text):
                        pass
                else:
                    pattern.fullmatch(text)
                took = time.perf_counter() - began
                if took > worst:
                    worst, what = took, f"{method} on {label}"
        out.send(("done", name, worst, what))
    out.close()


def timed(names: list[str]) -> dict[str, tuple[float, str]]:
    """The slowest time and its input for each pattern (a runaway one reported at HANG_S)."""
    results: dict[str, tuple[float, str]] = {}
    while len(results) < len(names):
        results.update(_timed_until_runaway([name for name in names if name not in results]))
    return results


def _timed_until_runaway(names: list[str]) -> dict[str, tuple[float, str]]:
    """`timed` in one child process, which is stopped at the first runaway pattern."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_time_patterns, args=(names, sender), daemon=True)
    child.start()
    sender.close()
    results: dict[str, tuple[float, str]] = {}
    running = names[0]
    try:
        while len(results) < len(names):
            if not receiver.poll(HANG_S):
                results[running] = (HANG_S, "still running (runaway backtracking)")
                break
            try:
                message = receiver.recv()
            except EOFError:
                results[running] = (float("inf"), "the timing process died")
                break
            if message[0] == "start":
                running = message[1]
            else:
                results[message[1]] = (message[2], message[3])
    finally:
        child.kill()
        child.join()
    return results


def test_the_patterns_are_found() -> None:
    names = compiled_patterns()
    assert "claimcheck.transcripts.speaker_lines._HEADER_RE" in names
    assert "claimcheck.frontmatter._KEY" in names
    assert len(names) > 60


def test_no_pattern_backtracks_on_long_runs() -> None:
    results = timed(sorted(compiled_patterns()))
    slow = {name: result for name, result in results.items() if result[0] > LIMIT_S}
    report = "\n".join(f"{name}: {took:.1f} s, {what}" for name, (took, what) in sorted(slow.items()))
    assert not slow, f"patterns that backtrack super-linearly:\n{report}"


def test_a_transcript_line_with_a_long_run_of_spaces_reads_in_linear_time(tmp_path: Path) -> None:
    # Text converted from PDFs has such runs; `_HEADER_RE` took 6.7 s on 8k spaces and minutes on 50k.
    gap = " " * RUN_CHARS
    path = write_file(
        tmp_path,
        "talk.txt",
        f"Ann: Revenue grew{gap}a lot last year.\nBob{gap}x\nBob: It did.\nAnn  0:03\n{gap}Yes{gap}\n",
    )
    began = time.perf_counter()
    transcript = read_transcript(path, SETTINGS)
    assert time.perf_counter() - began < LIMIT_S
    assert [u.text for u in transcript.utterances] == [
        "Revenue grew a lot last year. Bob x",
        "It did.",
        "Yes",
    ]
    assert transcript.utterances[2].start == 3.0


def test_a_corpus_document_with_long_runs_reads_in_linear_time(tmp_path: Path) -> None:
    # Text converted from PDFs holds such runs. The reader's length gates and whitespace clean-up kept this
    # fast even before the corpus patterns were anchored; this keeps it so whatever the patterns become.
    from claimcheck.corpus import chunk_documents, load_corpus

    runs = [unit * (RUN_CHARS // len(unit)) for unit in (" ", "-", "1", "1 ", "[", "| ", "2023 ")]
    body = "\n".join(
        f"Item 7.{run}x\n| Revenue | 1 |\n|{run}\nTable of Contents{run}\n[{run}](x\nPART II{run}\n"
        "Revenue was 134,902 million in 2023."
        for run in runs
    )
    write_file(tmp_path / "corpus", "filing.md", f"# Acme Corp — Annual Report on Form 10-K\n\n{body}\n")
    began = time.perf_counter()
    passages = chunk_documents(load_corpus(tmp_path / "corpus"), SETTINGS)
    took = time.perf_counter() - began
    assert any("134,902" in p.text for p in passages)
    assert took < 10 * LIMIT_S, f"{took:.1f} s"
