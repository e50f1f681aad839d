"""Transcript readers: each format on a fixture, encodings, sniffing, the format table, and every kind of bad
input."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from claimcheck.errors import TranscriptError
from claimcheck.settings import Settings
from claimcheck.transcripts import FORMATS, SUPPORTED, Format, format_spec, read_transcript
from tests.factories import SETTINGS, write_file


def _error(path: Path) -> TranscriptError:
    with pytest.raises(TranscriptError) as info:
        read_transcript(path, SETTINGS)
    return info.value


# --------------------------------------------------------------------------------------------------
# timecoded chunks


def test_timecoded_front_matter_and_blocks(transcripts_dir: Path) -> None:
    t = read_transcript(transcripts_dir / "build_notes_ep7.txt", SETTINGS)
    assert t.format == "timecoded"
    assert t.id == "build-notes-ep7"
    assert t.meta.title == "Robots on the Factory Floor"
    assert t.meta.show == "Build Notes"
    assert t.meta.episode == "7"
    assert t.meta.date == dt.date(2025, 3, 14)
    assert t.meta.speakers == ["Maya Lind", "Tomas Berg"]
    assert t.meta.url == "https://example.org/build-notes/7"
    assert t.meta.summary is not None and t.meta.summary.startswith("Maya asks Tomas")
    assert t.meta.extra["topics"] == ["robotics", "fundraising"]
    assert "participants" not in t.meta.extra and "series" not in t.meta.extra
    assert [u.speaker for u in t.utterances] == [
        "Maya Lind",
        "Tomas Berg",
        "Tomas Berg",
        "Maya Lind",
        "Tomas Berg",
        "Tomas Berg",
        "Tomas Berg",
    ]
    first = t.utterances[0]
    assert first.timecode == "00:00:30:00 - 00:00:41:08"
    assert first.start == pytest.approx(30.0)
    assert first.end == pytest.approx(41 + 8 / 30)
    assert first.line == 22  # the first text line, not the timecode line
    assert first.text == "Welcome back to Build Notes. Tomas, thanks for coming in."
    # wrapped text lines are joined with one space
    assert t.utterances[5].text.endswith(
        "Northwind will ship the new arm to 12 countries by 2026, and it is "
        "cheaper than anything Ferrox sells."
    )
    assert t.warnings == []


def test_timecoded_mojibake_is_repaired(transcripts_dir: Path) -> None:
    raw = (transcripts_dir / "build_notes_ep7.txt").read_text(encoding="utf-8")
    assert "â€" in raw  # the fixture really carries mojibake
    t = read_transcript(transcripts_dir / "build_notes_ep7.txt", SETTINGS)
    assert t.meta.extra["segment"] == "Funding – and what comes next"
    assert t.meta.extra["timecode"] == "00:00:30:00 – 00:02:30:00"
    assert "I think it's a crazy number." in t.utterances[5].text
    assert all("â€" not in u.text for u in t.utterances)


def test_frame_rate_setting_converts_frames(transcripts_dir: Path) -> None:
    t = read_transcript(transcripts_dir / "build_notes_ep7.txt", Settings(frame_rate=25.0))
    assert t.utterances[0].end == pytest.approx(41 + 8 / 25)


def test_frame_beyond_frame_rate_is_an_error(tmp_path: Path) -> None:
    path = write_file(tmp_path, "t.txt", "00:00:01:00 - 00:00:02:29\nAnna\nHello there, this is a test.\n")
    read_transcript(path, SETTINGS)  # fine at 30 fps
    with pytest.raises(TranscriptError) as info:
        read_transcript(path, Settings(frame_rate=25.0))
    assert info.value.line == 1 and "frame rate" in info.value.reason


def test_real_seed_transcript(shared_dir: Path) -> None:
    t = read_transcript(shared_dir / "seeds" / "003_72513ccb2671230e.txt", SETTINGS)
    assert t.format == "timecoded"
    assert t.id == "ep24-10-meta-open-source-shift"
    assert t.meta.show == "The Good Thing"
    assert t.meta.speakers == ["Stefan", "Jens"]
    assert t.meta.extra["timecode"] == "00:51:18:17 – 00:56:25:04"
    assert len(t.utterances) == 14
    assert t.utterances[0].speaker == "Jens"
    assert t.utterances[0].start == pytest.approx(51 * 60 + 18 + 17 / 30)
    assert t.utterances[4].text == "Yeah. Like."
    assert all("â€" not in u.text for u in t.utterances)


# --------------------------------------------------------------------------------------------------
# encodings


def test_cp1252_file_is_decoded(transcripts_dir: Path) -> None:
    data = (transcripts_dir / "harbour_tech_cp1252.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the fixture really is Windows-1252
    t = read_transcript(transcripts_dir / "harbour_tech_cp1252.txt", SETTINGS)
    assert "café" in t.utterances[1].text and "900 €" in t.utterances[1].text
    assert t.utterances[2].text.startswith("That's a big cut.")
    assert any("Windows-1252" in w for w in t.warnings)


def test_utf8_bom_file(transcripts_dir: Path) -> None:
    assert (transcripts_dir / "edge_models_bom.md").read_bytes().startswith(b"\xef\xbb\xbf")
    t = read_transcript(transcripts_dir / "edge_models_bom.md", SETTINGS)
    assert t.format == "prose"  # the front matter was found despite the BOM
    assert t.meta.title == "Why Small Models Win at the Edge"
    assert all("\ufeff" not in u.text for u in t.utterances)


def test_utf16_with_bom(tmp_path: Path) -> None:
    text = "Ana: Our chain runs 14 servers in Lisbon.\nBen: That is a lot of servers for cafés.\n"
    path = write_file(tmp_path, "u16.txt", text.encode("utf-16"))
    t = read_transcript(path, SETTINGS)
    assert [u.speaker for u in t.utterances] == ["Ana", "Ben"]


# --------------------------------------------------------------------------------------------------
# speaker lines


def test_speaker_lines_with_stamps(transcripts_dir: Path) -> None:
    t = read_transcript(transcripts_dir / "harbour_tech_cp1252.txt", SETTINGS)
    assert t.format == "speaker_lines"
    assert [u.speaker for u in t.utterances] == ["HOST", "Ana Costa", "HOST", "Ana Costa"]
    ana = t.utterances[1]
    assert ana.timecode == "[00:00:12]"
    assert ana.start == 12.0 and ana.end == 62.0  # a stamped turn ends where the next one starts
    assert ana.text.endswith("It was 3,000 € before we moved off the old provider.")  # continuation line
    assert ana.line == 2
    assert t.utterances[-1].end is None
    assert t.meta.speakers == ["HOST", "Ana Costa"]
    assert t.id == "harbour-tech-cp1252"


def test_speaker_lines_stamp_forms(tmp_path: Path) -> None:
    text = (
        "Lex Fridman (00:01:05): What is the plan for the next model?\n"
        "(01:10) MARK ZUCKERBERG: We will train it on twice the data.\n"
        "**Lex Fridman:** And the release date?\n"
        "Mark Zuckerberg  1:20\n"
        "Sometime next year, probably in spring.\n"
    )
    t = read_transcript(write_file(tmp_path, "talk.md", text), SETTINGS)
    assert t.format == "speaker_lines"
    assert [(u.speaker, u.start) for u in t.utterances] == [
        ("Lex Fridman", 65.0),
        ("MARK ZUCKERBERG", 70.0),
        ("Lex Fridman", None),
        ("Mark Zuckerberg", 80.0),
    ]
    assert t.utterances[3].text == "Sometime next year, probably in spring."


def test_backwards_stamps_warn(tmp_path: Path) -> None:
    text = "[00:02:00] A: First thing said here.\n[00:01:00] B: Second thing said here.\n"
    t = read_transcript(write_file(tmp_path, "s.txt", text), SETTINGS)
    assert any("earlier than the previous stamp" in w for w in t.warnings)


# --------------------------------------------------------------------------------------------------
# prose


def test_markdown_article(transcripts_dir: Path) -> None:
    t = read_transcript(transcripts_dir / "edge_models_bom.md", SETTINGS)
    assert t.id == "edge-models-bom"
    assert t.meta.date == dt.date(2024, 11, 2)
    assert t.meta.extra["author"] == "Lena Park"
    assert {u.speaker for u in t.utterances} == {"Lena Park"}
    texts = [u.text for u in t.utterances]
    assert "Orbit Labs released the weights under an open licence." in texts  # link text kept, URL gone
    assert "Memory bandwidth on phones doubled between 2020 and 2024." in texts  # list marker gone
    assert any("Orbit Labs said its 3 billion" in x and "**" not in x for x in texts)
    wrapped = next(x for x in texts if x.startswith("That, in my view"))
    assert wrapped.endswith("and developers noticed.")  # a wrapped line joins its paragraph
    assert all(u.start is None for u in t.utterances)


def test_plain_prose_without_front_matter(tmp_path: Path) -> None:
    text = (
        "Meta's Open Source Bet: A Closer Look\n"
        "The company released three models this year.\n"
        "Each one was larger than the last.\n"
    )
    t = read_transcript(write_file(tmp_path, "Meta Bet_2024.txt", text), SETTINGS)
    assert t.format == "prose"
    assert t.id == "meta-bet-2024"
    assert [u.speaker for u in t.utterances] == [None, None, None]
    assert t.utterances[0].text == "Meta's Open Source Bet: A Closer Look"


# --------------------------------------------------------------------------------------------------
# subtitles


def test_srt_cues_speakers_and_overlap(transcripts_dir: Path) -> None:
    t = read_transcript(transcripts_dir / "panel.srt", SETTINGS)
    assert t.format == "srt"
    assert t.id == "panel"
    speakers = [u.speaker for u in t.utterances]
    assert speakers == ["MODERATOR", "PRIYA", "PRIYA", None, None, "MODERATOR"]
    # a sentence split across cues 2 and 3: two utterances, the second inherits the speaker
    assert t.utterances[1].text == "Thank you. Last year our project passed"
    assert t.utterances[2].text == "50,000 stars on GitHub, which surprised all of us."
    assert (t.utterances[2].start, t.utterances[2].end) == (8.0, 11.3)
    assert t.utterances[2].timecode == "00:00:08,000 --> 00:00:11,300"
    assert t.utterances[2].line == 11
    # dialogue dashes split a cue into two unnamed turns with the same timing
    assert t.utterances[3].text == "And the foundation now funds six full-time maintainers."
    assert t.utterances[4].line == 16
    # cue 4 starts before cue 3 ends: a warning, not an error
    assert len(t.warnings) == 1 and "starts before the previous cue" in t.warnings[0]


def test_vtt_voice_tags(transcripts_dir: Path) -> None:
    t = read_transcript(transcripts_dir / "keynote.vtt", SETTINGS)
    assert t.format == "vtt"
    assert [(u.speaker, u.text) for u in t.utterances] == [
        ("Dana Cho", "Good morning, everyone."),
        ("Dana Cho", "Our new chip is twice as fast as the last generation and uses 30% less power."),
        ("Sam Ruiz", "Really?"),
        ("Dana Cho", "Yes, and it ships to customers in June."),
        ("Dana Cho", "We expect to sell 2 million units in the first year."),  # no tag: same voice
    ]
    assert t.utterances[0].timecode == "00:00:00.000 --> 00:00:03.500"
    assert t.utterances[1].line == 12
    assert t.warnings == []  # two voices in one cue are not an overlap
    assert t.meta.speakers == ["Dana Cho", "Sam Ruiz"]


def test_content_decides_over_suffix(transcripts_dir: Path, tmp_path: Path) -> None:
    srt_as_txt = tmp_path / "captions.txt"
    shutil.copy(transcripts_dir / "panel.srt", srt_as_txt)
    assert read_transcript(srt_as_txt, SETTINGS).format == "srt"
    vtt_as_srt = tmp_path / "keynote.srt"
    shutil.copy(transcripts_dir / "keynote.vtt", vtt_as_srt)
    assert read_transcript(vtt_as_srt, SETTINGS).format == "vtt"
    timecoded_as_md = tmp_path / "ep.md"
    shutil.copy(transcripts_dir / "build_notes_ep7.txt", timecoded_as_md)
    assert read_transcript(timecoded_as_md, SETTINGS).format == "timecoded"


def test_srt_with_crlf_and_markup(tmp_path: Path) -> None:
    text = "1\r\n00:00:01,000 --> 00:00:03,000\r\n{\\an8}<b>JO:</b> Revenue rose &amp; margins held.\r\n"
    t = read_transcript(write_file(tmp_path, "x.srt", text), SETTINGS)
    assert [(u.speaker, u.text, u.line) for u in t.utterances] == [("JO", "Revenue rose & margins held.", 3)]


# --------------------------------------------------------------------------------------------------
# the format table


def test_every_format_is_registered_once() -> None:
    assert sorted(spec.format for spec in FORMATS) == sorted(Format)
    assert all(format_spec(fmt).format is fmt for fmt in Format)
    assert len({spec.sniff_order for spec in FORMATS}) == len(FORMATS)  # the sniff order is total


def test_supported_text_lists_every_format() -> None:
    for fmt in Format:
        assert format_spec(fmt).description in SUPPORTED
        assert all(suffix in format_spec(fmt).description for suffix in format_spec(fmt).suffixes)
    # the hint's wording, as it read before the table generated it
    assert SUPPORTED == (
        "timecoded chunks, SubRip (.srt), WebVTT (.vtt), `Speaker: text` lines, plain prose/markdown"
    )


def test_only_prose_ends_a_sentence_at_every_turn() -> None:
    assert {spec.format for spec in FORMATS if not spec.joinable_turns} == {Format.PROSE}


def test_format_is_stored_as_its_plain_value(transcripts_dir: Path) -> None:
    t = read_transcript(transcripts_dir / "panel.srt", SETTINGS)
    assert t.format is Format.SRT
    assert '"format":"srt"' in t.model_dump_json()


def test_vtt_suffix_with_srt_cues_is_read_as_vtt(tmp_path: Path) -> None:
    # cues decide "subtitles"; the suffix decides which: a .vtt file must then have its WEBVTT header
    text = "1\n00:00:01,000 --> 00:00:03,000\nAcme shipped 3 million units.\n"
    err = _error(write_file(tmp_path, "x.vtt", text))
    assert "WEBVTT" in err.reason and err.line == 1


# --------------------------------------------------------------------------------------------------
# bad input


def test_empty_file(tmp_path: Path) -> None:
    for name, content in (("empty.txt", b""), ("blank.txt", b"  \n\n\t\n")):
        err = _error(write_file(tmp_path, name, content))
        assert "empty" in err.reason and err.path == str(tmp_path / name)


def test_binary_nul_bytes(tmp_path: Path) -> None:
    path = write_file(tmp_path, "clip.txt", b"Host: hello\nGuest: hi\n\x00\x01\x02\x89PNG")
    err = _error(path)
    assert "binary" in err.reason and err.line == 3
    assert f"{path}:3" in str(err)


def test_binary_control_characters(tmp_path: Path) -> None:
    err = _error(write_file(tmp_path, "blob.txt", bytes(range(1, 32)) * 20))
    assert "binary" in err.reason


def test_undecodable_bytes(tmp_path: Path) -> None:
    # 0x81 and 0x8d are invalid UTF-8 here and undefined in Windows-1252
    err = _error(write_file(tmp_path, "bad.txt", b"Host: hello there\nGuest: \x81\x8d fine\n"))
    assert "decode" in err.reason and err.line == 2 and err.hint


@pytest.mark.parametrize(
    ("text", "line", "reasons"),
    [
        pytest.param(
            "00:00:01:00 - 00:00:04:00\nAnna\nThe first block is fine.\n"
            "00:00:09:00 - 00:00:05:00\nBen\nThis block ends before it starts.\n",
            4,
            ["before it starts"],
            id="end_before_start",
        ),
        pytest.param(
            "00:00:01:00 - 00:00:04:00\n00:00:04:00 - 00:00:06:00\nAnna\nSome text.\n",
            1,
            ["no speaker"],
            id="block_without_speaker",
        ),
        pytest.param(
            "00:00:01:00 - 00:00:04:00\nAnna\nHi.\n"
            "00:00:04:00 - 00:00:06:00\nThis line is a sentence, not a name.\n",
            4,
            ["no speaker"],
            id="block_with_sentence_instead_of_speaker",
        ),
        pytest.param(
            "00:00:01:00 - 00:00:04:00\nAnna\nThe first block is fine.\n00:00:04:00 - 00:00:06:00\nBen\n",
            4,
            ["no text", "truncated"],
            id="truncated_block",
        ),
    ],
)
def test_bad_timecode_blocks(tmp_path: Path, text: str, line: int, reasons: list[str]) -> None:
    err = _error(write_file(tmp_path, "t.txt", text))
    assert err.line == line
    for reason in reasons:
        assert reason in err.reason


GOOD_BLOCK = "00:00:01:00 - 00:00:04:00\nAnna\nThe first block is fine.\n"


@pytest.mark.parametrize(
    "garbage",
    [
        "aa:bb:cc:dd - 00:00:30:00",
        "00:00:30:00 - aa:bb:cc:dd",
        "00:00:1O:00 - 00:00:30:00",
        "00:00:10:00 -",
        "00:00:10:00 00:00:30:00",
        "00:00:10,000 --> 00:00:30,000",
    ],
)
def test_a_garbage_timecode_line_is_an_error_not_spoken_text(tmp_path: Path, garbage: str) -> None:
    # It was merged silently into the block's text, and so into the claims (issue #12).
    text = f"{GOOD_BLOCK}More text of the first block.\n{garbage}\nBen\nSecond block.\n"
    err = _error(write_file(tmp_path, "t.txt", text))
    assert err.line == 5
    assert "timecode" in err.reason and garbage.strip() in err.reason


def test_a_garbage_timecode_line_in_place_of_a_speaker_is_named(tmp_path: Path) -> None:
    text = f"{GOOD_BLOCK}00:00:05:00 - 00:00:08:00\nxx:00:09:00 - 00:00:10:00\nBen\nText.\n"
    err = _error(write_file(tmp_path, "t.txt", text))
    assert err.line == 5 and "xx:00:09:00" in err.reason


def test_timecode_like_words_in_speech_stay_text(tmp_path: Path) -> None:
    text = f"{GOOD_BLOCK}We met at 10:30 - or was it 11:00?\n- yes, 3:1:2 odds.\n"
    transcript = read_transcript(write_file(tmp_path, "t.txt", text), SETTINGS)
    assert transcript.utterances[0].text.endswith("We met at 10:30 - or was it 11:00? - yes, 3:1:2 odds.")


def test_front_matter_not_yaml(tmp_path: Path) -> None:
    text = "---\ntitle: Fine\nspeakers: [Anna, Ben\n---\n00:00:01:00 - 00:00:04:00\nAnna\nHello.\n"
    err = _error(write_file(tmp_path, "t.txt", text))
    assert "malformed front matter" in err.reason and err.line is not None and 2 <= err.line <= 4


def test_front_matter_never_closed(tmp_path: Path) -> None:
    err = _error(write_file(tmp_path, "t.md", "---\ntitle: Open\nauthor: Me\n\nSome article text.\n"))
    assert err.line == 1 and "never closed" in err.reason


def test_front_matter_not_a_mapping(tmp_path: Path) -> None:
    err = _error(write_file(tmp_path, "t.md", "---\n- one\n- two\n---\nText.\n"))
    assert "malformed front matter" in err.reason and err.line == 2


def test_front_matter_without_body(tmp_path: Path) -> None:
    err = _error(write_file(tmp_path, "t.md", "---\ntitle: Only a header\n---\n\n"))
    assert "no transcript text" in err.reason


def test_unknown_formats(tmp_path: Path) -> None:
    err = _error(write_file(tmp_path, "t.json", '{"speaker": "Anna", "text": "hello"}\n'))
    assert "unknown transcript format" in err.reason and err.line == 1 and err.hint
    err = _error(write_file(tmp_path, "page.txt", "<!DOCTYPE html>\n<html><body>Hi</body></html>\n"))
    assert "unknown transcript format" in err.reason
    err = _error(write_file(tmp_path, "notes.srt", "These are meeting notes, not subtitles.\n"))
    assert "unknown transcript format" in err.reason and ".srt" in err.reason
    assert err.hint == f"supported: {SUPPORTED}"


def test_srt_cue_without_timing(tmp_path: Path) -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\nFine.\n\n2\n00:00:03,000 -> 00:00:04,000\nBroken arrow.\n"
    err = _error(write_file(tmp_path, "x.srt", text))
    assert err.line == 5 and "no timing line" in err.reason


def test_srt_cue_end_before_start(tmp_path: Path) -> None:
    text = "1\n00:00:05,000 --> 00:00:02,000\nBackwards.\n"
    err = _error(write_file(tmp_path, "x.srt", text))
    assert err.line == 2 and "before it starts" in err.reason


def test_srt_bad_clock(tmp_path: Path) -> None:
    err = _error(write_file(tmp_path, "x.srt", "1\n00:00:75,000 --> 00:01:20,000\nOdd.\n"))
    assert err.line == 2


def test_vtt_without_header(tmp_path: Path) -> None:
    err = _error(write_file(tmp_path, "x.vtt", "00:00:01.000 --> 00:00:02.000\nHello.\n"))
    assert err.line == 1 and "WEBVTT" in err.reason


def test_missing_file(tmp_path: Path) -> None:
    err = _error(tmp_path / "nope.txt")
    assert "not found" in err.reason


def test_front_matter_title_with_a_colon_reads(tmp_path: Path) -> None:
    # Editors' exports write `title: A: B` unquoted; YAML alone rejects it ("mapping values are not
    # allowed here"), so a plain value holding ": " is read as the text it obviously is.
    path = write_file(
        tmp_path,
        "ep.txt",
        "---\ntitle: Amazon's 2017: AWS, Whole Foods and more\nslug: amazon-2017\ndate: 2018-03-01\n---\n\n"
        "00:00:01:00 - 00:00:05:00\nAna\nAmazon's net sales grew thirty one percent in 2017.\n",
    )
    transcript = read_transcript(path, SETTINGS)
    assert transcript.meta.title == "Amazon's 2017: AWS, Whole Foods and more"
    assert transcript.meta.slug == "amazon-2017"


def test_front_matter_that_is_not_yaml_still_names_its_line(tmp_path: Path) -> None:
    path = write_file(tmp_path, "ep.txt", "---\ntitle: [unclosed: yes\n---\n\nAna: Hello there everyone.\n")
    with pytest.raises(TranscriptError) as info:
        read_transcript(path, SETTINGS)
    assert info.value.line == 2
