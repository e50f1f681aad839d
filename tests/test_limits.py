"""Limits instead of crashes (issue #12): turns longer than the parser takes, sentences longer than the
verifier reads, deeply nested JSON lines and empty texts each end in a result or one clear error."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pytest
from click.testing import CliRunner

from claimcheck.claims import extract_claims
from claimcheck.claims.segment import segment
from claimcheck.cli import cli
from claimcheck.corpus import load_corpus
from claimcheck.embedding import HashingEmbedder
from claimcheck.errors import CorpusError, InputError, TranscriptError
from claimcheck.inputs import ClaimLine, read_claim_lines, read_pairs, read_queries
from claimcheck.models import Stance
from claimcheck.pipeline import Engine, verify_claims
from claimcheck.settings import Settings
from claimcheck.transcripts import read_transcript
from claimcheck.verify.stance import (
    MAX_LENGTH,
    MIN_PREMISE_PIECES,
    FittedPair,
    OnnxVerifier,
    encode_pairs,
    score_stances,
    stance_label,
)
from tests.factories import (
    FIXTURES,
    SETTINGS,
    index_corpus,
    make_claim,
    make_claim_evidence,
    make_passage,
    make_transcript,
    write_corpus,
    write_file,
)

if TYPE_CHECKING:
    from spacy.language import Language

# Auto-generated captions run on without punctuation; this one is 151 words.
_SAID = "so Meta grew its revenue by sixteen percent in twenty twenty three and Reality Labs lost a lot"
_LAST = "and the Llama models were downloaded hundreds of millions of times"
RUN_ON = " ".join([f"{_SAID} of money"] * 7 + [_LAST])
NESTED = "[" * 100_000 + "]" * 100_000


@pytest.fixture(scope="module")
def verifier() -> OnnxVerifier:
    return OnnxVerifier(threads=2)


# --------------------------------------------------------------------------------------------------
# a turn longer than spaCy's nlp.max_length (E088 "Text of length … exceeds maximum")


def test_a_turn_longer_than_the_parser_takes_is_parsed_in_pieces(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(nlp, "max_length", 2_000)
    said = "".join(f"Meta's revenue grew {n} percent in the year {1900 + n}. " for n in range(100))
    unpunctuated = " ".join(["and then we talked about open source models"] * 100)
    assert len(said) > 2 * nlp.max_length and len(unpunctuated) > 2 * nlp.max_length
    transcript = make_transcript(said, unpunctuated)
    sentences = segment(transcript, nlp)
    first_turn = [s.text for s in sentences if s.utterance_index == 0]
    assert first_turn == [f"Meta's revenue grew {n} percent in the year {1900 + n}." for n in range(100)]
    second_turn = " ".join(s.text for s in sentences if s.utterance_index == 1)
    assert second_turn.split() == unpunctuated.split()  # every word parsed, none twice


def test_a_long_turn_gives_claims(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nlp, "max_length", 2_000)
    said = "".join(f"Meta's revenue grew {n} percent in the year {1900 + n}. " for n in range(60))
    claims = extract_claims(make_transcript(said), nlp, SETTINGS)
    assert len(claims) == 60


def test_the_parse_chunk_setting_is_respected(nlp: Language) -> None:
    said = "".join(f"Meta's revenue grew {n} percent in the year {1900 + n}. " for n in range(40))
    settings = Settings(parse_chunk_chars=500)
    assert [s.text for s in segment(make_transcript(said), nlp, chunk_chars=settings.parse_chunk_chars)] == [
        s.text for s in segment(make_transcript(said), nlp)
    ]


# --------------------------------------------------------------------------------------------------
# overlong sentences: split into claims of at most max_claim_words words, flagged


def test_an_overlong_sentence_is_split_into_flagged_claims(nlp: Language) -> None:
    sentence = (
        "Meta's total revenue in the fiscal year two thousand twenty three reached one hundred thirty "
        "four billion dollars according to its annual filing with the regulators."
    )
    settings = Settings(max_claim_words=8)
    claims = extract_claims(make_transcript(sentence), nlp, settings, include_all=True)
    assert len(sentence.split()) == 26 and len(claims) == 4  # windows of 7, 7, 7 and 5 words
    for claim in claims:
        assert claim.overlong and len(claim.quote.split()) <= 8
        assert claim.quote in claim.sentence and claim.sentence in sentence  # the window and its neighbours
    assert " ".join(c.quote for c in claims) == sentence
    assert claims[1].sentence == " ".join(c.quote for c in claims[:3])


def test_a_sentence_under_the_limit_is_one_claim_unflagged(nlp: Language) -> None:
    (claim,) = extract_claims(
        make_transcript("Meta's revenue grew sixteen percent in 2023."), nlp, SETTINGS, include_all=True
    )
    assert not claim.overlong


# --------------------------------------------------------------------------------------------------
# the verifier: pairs longer than its window


def test_an_overlong_claim_does_not_crash_the_verifier(verifier: OnnxVerifier) -> None:
    # "Truncation error: Sequence to truncate too short to respect the provided max_length" killed the batch
    pairs = [("Meta's revenue was $134.9 billion in 2023.", RUN_ON), ("Revenue grew.", "Revenue grew.")]
    probs = verifier.score(pairs)
    assert probs.shape == (2, 3) and np.allclose(probs.sum(axis=1), 1, atol=1e-3)
    assert [pair.cut for pair in verifier.fit(pairs)] == [True, False]


def test_the_premise_is_cut_first_and_the_claim_kept_whole(verifier: OnnxVerifier) -> None:
    tokenizer = verifier.tokenizer
    premise = "Revenue grew in every segment of the company last year. " * 30
    claim = "Meta's revenue was $134.9 billion in 2023."
    ids, _, types = encode_pairs(tokenizer, [(premise, claim)])
    assert ids.shape[1] == MAX_LENGTH
    claim_ids = tokenizer.encode(claim, add_special_tokens=False).ids
    hypothesis_ids = ids[0][types[0] == 1].tolist()
    assert hypothesis_ids[: len(claim_ids)] == claim_ids  # the whole claim, then [SEP]


def test_an_overlong_claim_keeps_room_for_the_premise(verifier: OnnxVerifier) -> None:
    tokenizer = verifier.tokenizer
    premise = "Reality Labs lost $16.1 billion in 2023 on its virtual reality hardware. " * 10
    (fitted,) = verifier.fit([(premise, RUN_ON)])
    assert fitted.cut and RUN_ON.startswith(fitted.hypothesis) and fitted.premise == premise
    ids, _, types = encode_pairs(tokenizer, [(fitted.premise, fitted.hypothesis)])
    assert ids.shape[1] == MAX_LENGTH
    assert int((types[0] == 0).sum()) >= MIN_PREMISE_PIECES + 2  # [CLS], the premise's start, [SEP]


def test_score_stances_survives_an_overlong_claim(verifier: OnnxVerifier) -> None:
    passage = make_passage("Reality Labs lost $16.1 billion in 2023.")
    item = make_claim_evidence(make_claim(RUN_ON), (passage, 0.9))
    (stances,) = score_stances([item], verifier, SETTINGS)
    assert set(stances) == {passage.passage_id}


@pytest.mark.parametrize(
    "pair", [("", "Revenue grew 16%."), ("Revenue grew 16%.", ""), ("  ", " \n "), ("…", "Revenue grew.")]
)
def test_an_empty_side_is_never_a_confident_stance(verifier: OnnxVerifier, pair: tuple[str, str]) -> None:
    (row,) = verifier.score([pair])
    assert stance_label(row) == Stance.NEUTRAL and row[1] == pytest.approx(1.0)


def test_stance_command_flags_a_cut_claim(tmp_path: Path) -> None:
    pairs = write_file(
        tmp_path,
        "pairs.jsonl",
        json.dumps({"id": "long", "premise": "Revenue was $134.9 billion.", "hypothesis": RUN_ON})
        + "\n"
        + json.dumps({"id": "short", "premise": "Revenue was $134.9 billion.", "hypothesis": "Revenue grew."})
        + "\n",
    )
    result = CliRunner().invoke(cli, ["stance", "--pairs", str(pairs), "--json"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [(line["id"], line["truncated"]) for line in lines] == [("long", True), ("short", False)]


# --------------------------------------------------------------------------------------------------
# JSON lines: nesting deeper than the parser recurses, and empty texts


READERS: list[tuple[str, Callable[[Path], Any], str]] = [
    ("queries", read_queries, '{"id": "q", "text": "Meta revenue 2023"}'),
    ("claims", read_claim_lines, '{"id": "c", "text": "Meta revenue was $134.9 billion in 2023."}'),
    ("pairs", read_pairs, '{"id": "p", "premise": "Revenue grew.", "hypothesis": "Revenue grew."}'),
]


@pytest.mark.parametrize(("name", "reader", "good"), READERS, ids=[r[0] for r in READERS])
def test_deeply_nested_json_is_a_clear_error(
    tmp_path: Path, name: str, reader: Callable[[Path], Any], good: str
) -> None:
    path = write_file(tmp_path, f"{name}.jsonl", f"{good}\n{NESTED}\n")
    with pytest.raises(InputError) as info:
        reader(path)
    assert info.value.line == 2 and "nested" in info.value.reason


@pytest.mark.parametrize(
    ("name", "reader", "line"),
    [
        ("queries", read_queries, '{"id": "q", "text": "  "}'),
        ("claims", read_claim_lines, '{"id": "c", "text": ""}'),
        ("pairs", read_pairs, '{"id": "p", "premise": "", "hypothesis": "Revenue grew."}'),
        ("pairs", read_pairs, '{"id": "p", "premise": "Revenue grew.", "hypothesis": "\\n"}'),
    ],
)
def test_an_empty_text_is_refused_with_its_line(
    tmp_path: Path, name: str, reader: Callable[[Path], Any], line: str
) -> None:
    path = write_file(tmp_path, f"{name}.jsonl", line + "\n")
    with pytest.raises(InputError) as info:
        reader(path)
    assert info.value.line == 1 and "empty" in info.value.reason


def test_an_empty_query_option_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["search", "--index", str(tmp_path), "--query", "  "])
    assert result.exit_code == 2 and "--query" in result.output and "Traceback" not in result.output


def test_deeply_nested_json_in_a_corpus_is_a_clear_error(tmp_path: Path) -> None:
    good = '{"id": "a", "text": "Revenue grew."}'
    corpus = write_corpus(tmp_path / "corpus", {"docs.jsonl": f"{good}\n{NESTED}\n"})
    with pytest.raises(CorpusError) as info:
        load_corpus(corpus)
    assert info.value.line == 2 and "nested" in info.value.reason


def test_a_deeply_nested_json_transcript_is_refused_as_a_format(tmp_path: Path) -> None:
    with pytest.raises(TranscriptError) as info:
        read_transcript(write_file(tmp_path, "talk.txt", NESTED + "\n"), SETTINGS)
    assert "unknown transcript format" in info.value.reason


# --------------------------------------------------------------------------------------------------
# end to end: a bare claim longer than the verifier's window gets a draft


def test_a_bare_claim_longer_than_the_window_gets_a_draft(nlp: Language, verifier: OnnxVerifier) -> None:
    said = (
        "The Carrier C2 is Northwind's second-generation autonomous mobile robot for moving totes and cartons"
    )
    long_claim = " ".join([f"{said} inside warehouses"] * 8)  # 128 words, one sentence
    index = index_corpus(FIXTURES / "unseen" / "corpus", HashingEmbedder(), SETTINGS)
    engine = Engine(settings=SETTINGS, nlp=nlp, embedder=HashingEmbedder(), index=index, verifier=verifier)
    lines = [ClaimLine(id="long", text=long_claim), ClaimLine(id="short", text=f"{said}.")]
    asked: list[bool] = []
    fit = verifier.fit

    def spy(pairs: Sequence[tuple[str, str]]) -> list[FittedPair]:
        fitted = fit(pairs)
        asked.extend(pair.cut for pair in fitted)
        return fitted

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(verifier, "fit", spy)
        long_draft, short_draft = verify_claims(lines, engine)
    assert True in asked  # the verifier read the long claim, cut
    assert long_draft.claim_id == "long" and long_draft.needs_review
    assert any("sentence over 60 words" in reason for reason in long_draft.review_reasons)
    assert not any("sentence over 60 words" in reason for reason in short_draft.review_reasons)
