"""Front matter is read by a YAML loader that refuses anchors and aliases, resolves no timestamps itself and
caps the block's size, in transcripts and in corpus documents alike (issue #12)."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from claimcheck.corpus import load_corpus
from claimcheck.errors import CorpusError, TranscriptError
from claimcheck.frontmatter import FenceStyle, FrontMatterError, FrontMatterFault, read_front_matter
from claimcheck.settings import Settings
from claimcheck.transcripts import read_transcript
from tests.factories import SETTINGS, write_corpus, write_file

BODY = "00:00:01:00 - 00:00:05:00\nAnn\nMeta's revenue was $134.9 billion in 2023.\n"

# The 423-byte "billion laughs": nine levels of nine aliases each, 9**9 strings once expanded.
ALIAS_BOMB = "\n".join(
    [
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        *(
            f"{name}: &{name} [{','.join([f'*{prev}'] * 9)}]"
            for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
        ),
    ]
)


def _transcript_error(path: Path, settings: Settings = SETTINGS) -> TranscriptError:
    with pytest.raises(TranscriptError) as info:
        read_transcript(path, settings)
    return info.value


def test_an_alias_bomb_fails_fast_with_its_line(tmp_path: Path) -> None:
    path = write_file(tmp_path, "bomb.txt", f"---\n{ALIAS_BOMB}\n---\n{BODY}")
    began = time.perf_counter()
    error = _transcript_error(path)
    assert time.perf_counter() - began < 1
    assert error.line == 2  # the first anchor
    assert "anchors and aliases" in error.reason


def test_an_alias_alone_is_refused_too(tmp_path: Path) -> None:
    lines = "title: Ep 1\nguest: *someone\n".split("\n")
    with pytest.raises(FrontMatterError) as info:
        read_front_matter(["---", *lines, "---"], FenceStyle.PADDED)
    assert info.value.fault is FrontMatterFault.INVALID_YAML
    assert info.value.line == 3


def test_an_alias_bomb_in_a_corpus_document(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", {"doc.md": f"---\n{ALIAS_BOMB}\n---\n# Doc\n\nText.\n"})
    with pytest.raises(CorpusError) as info:
        load_corpus(corpus)
    assert info.value.line == 2 and "anchors and aliases" in info.value.reason


def test_dates_stay_strings_until_claimcheck_reads_them() -> None:
    front = read_front_matter(
        ["---", "date: 2025-03-14", "when: 2025-03-14 10:00:00", "stamp: !!timestamp 2025-13-45", "---"],
        FenceStyle.PADDED,
    )
    assert front is not None
    assert front.data == {"date": "2025-03-14", "when": "2025-03-14 10:00:00", "stamp": "2025-13-45"}


def test_an_impossible_transcript_date_names_its_line(tmp_path: Path) -> None:
    path = write_file(tmp_path, "talk.txt", f"---\ntitle: Ep 1\ndate: 2025-13-45\n---\n{BODY}")
    error = _transcript_error(path)
    assert (error.path, error.line) == (str(path), 3)
    assert "2025-13-45" in error.reason and "month" in error.reason


def test_transcript_dates_still_read_in_every_layout(tmp_path: Path) -> None:
    for written, expected in [
        ("2025-03-14", dt.date(2025, 3, 14)),
        ("2025-03-14 10:00:00", dt.date(2025, 3, 14)),
        ("2025-03-14T10:00:00Z", dt.date(2025, 3, 14)),
        ("'2025-3-4'", dt.date(2025, 3, 4)),
        ("March 14, 2025", dt.date(2025, 3, 14)),
    ]:
        path = write_file(tmp_path, "talk.txt", f"---\ndate: {written}\n---\n{BODY}")
        assert read_transcript(path, SETTINGS).meta.date == expected, written


def test_an_impossible_corpus_date_names_its_line(tmp_path: Path) -> None:
    document = "---\ntitle: Doc\nkind: 10-K\ndate: 2025-13-45\n---\n# Doc\n\nText.\n"
    corpus = write_corpus(tmp_path / "corpus", {"doc.md": document})
    with pytest.raises(CorpusError) as info:
        load_corpus(corpus)
    assert info.value.line == 4 and "2025-13-45" in info.value.reason


def test_corpus_dates_and_timestamps_still_read(tmp_path: Path) -> None:
    corpus = write_corpus(
        tmp_path / "corpus",
        {
            "a.md": "---\ntitle: A\ndate: 2024-02-02\n---\nText.\n",
            "b.md": "---\ntitle: B\ndate: 2024-02-02 10:30:00\n---\nText.\n",
        },
    )
    assert [d.citation.date for d in load_corpus(corpus)] == [dt.date(2024, 2, 2)] * 2


def test_front_matter_over_the_size_cap_is_refused(tmp_path: Path) -> None:
    settings = Settings(max_front_matter_chars=1000)
    big = "summary: " + "word " * 400
    path = write_file(tmp_path, "talk.txt", f"---\ntitle: Ep 1\n{big}\n---\n{BODY}")
    error = _transcript_error(path, settings)
    assert error.line == 1 and "1000" in error.reason
    assert read_transcript(path, SETTINGS).meta.summary is not None  # under the default cap


def test_an_unclosed_fence_with_a_huge_file_is_not_parsed_as_yaml(tmp_path: Path) -> None:
    # The cap applies to the lines searched for the closing fence, not only to a closed block.
    settings = Settings(max_front_matter_chars=1000)
    path = write_file(tmp_path, "talk.txt", "---\n" + "Ann: words and more words\n" * 200)
    error = _transcript_error(path, settings)
    assert error.line == 1 and "1000" in error.reason


def test_deeply_nested_front_matter_is_an_error_not_a_recursion_crash(tmp_path: Path) -> None:
    path = write_file(tmp_path, "talk.txt", "---\ntags: " + "[" * 5000 + "]" * 5000 + f"\n---\n{BODY}")
    error = _transcript_error(path)
    assert error.line is not None and "nested" in error.reason
