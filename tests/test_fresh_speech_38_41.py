"""What the four transcripts written in the thirteenth session (benchmarks/data/speech/39-41, dev half)
showed going wrong before any tuning on them: a closing quote's mojibake read as a dagger that ate the next
space, a judgement whose phrase holds a clause ("the best antiviral anybody's made") checked as a claim, and
a summary that mentions a rival's pill taken to read the rival's report, so that the talk's products had no
owner."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from claimcheck.claims import is_pure_opinion
from claimcheck.claims.lexicon import Lexicon
from claimcheck.transcripts import read_transcript
from tests.factories import SETTINGS
from tests.speech_helpers import make_talk

_FRONT = "---\ntitle: A talk\ndate: 2024-08-20\nspeakers:\n  - Wren\n---\n\n00:00:01:00 - 00:00:05:00\nWren\n"


@pytest.mark.parametrize(
    ("said", "read"),
    [
        # the closing quote lost its last byte: before a space or at the line's end it is the quote
        ("Calling it â€œopen sourceâ€ is a stretch.", 'Calling it "open source" is a stretch.'),
        ("They called it â€œthe Adobe killerâ€", 'They called it "the Adobe killer"'),
        # whole mojibake is repaired as before (ftfy straightens quotes)
        ("Itâ€™s twenty twenty â€“ twenty one.", "It's twenty twenty – twenty one."),
    ],
)
def test_a_closing_quote_that_lost_a_byte_is_a_quote(tmp_path: Path, said: str, read: str) -> None:
    path = tmp_path / "talk.txt"
    path.write_bytes((_FRONT + said + "\n").encode("utf-8"))
    (turn,) = read_transcript(path, SETTINGS).utterances
    assert turn.text == read


@pytest.mark.parametrize(
    ("text", "opinion"),
    [
        ("I think it's the best COVID antiviral anybody's made, period.", True),
        ("It's the worst deal they've ever done.", True),
        # a figure in the judged phrase, or a second clause beside it, is still something to check
        ("It's the best drug they launched in 2021.", False),
        ("It's the best antiviral and it made seventy six million.", False),
    ],
)
def test_a_clause_inside_the_judged_phrase_is_the_judgement(nlp: Language, text: str, opinion: bool) -> None:
    assert is_pure_opinion(nlp(text)[:]) is opinion


def test_a_rivals_pill_in_the_summary_is_not_its_report(nlp: Language) -> None:
    meta = make_talk(
        "x",
        title="Pfizer After the Spike",
        summary=(
            "They go through Pfizer's 2021 annual report product by product, with side trips into Merck's "
            "pill, Moderna's forecast and the share price."
        ),
        entities=["Pfizer", "Eliquis", "Merck", "Moderna"],
    ).meta
    lexicon = Lexicon.from_meta(meta, nlp)
    assert [r.name for r in lexicon.reporters] == ["Pfizer"]
    # the rival is still a company, only not the one whose report is read
    assert lexicon.names["merck"].kind.value == "company"


def test_a_second_report_read_in_passing_still_counts(nlp: Language) -> None:
    meta = make_talk(
        "x",
        title="CVS and Rivian in 2023",
        summary="They go through Rivian's 2023 10-K and CVS Health's.",
        entities=["CVS Health", "Rivian"],
    ).meta
    assert sorted(r.name for r in Lexicon.from_meta(meta, nlp).reporters) == ["CVS Health", "Rivian"]
