"""Subtitle cues, shared by the SubRip and WebVTT readers.

A cue is a block of non-blank lines holding a timing line (`start --> end`) and its text. Speakers come from
WebVTT voice tags (`<v Jens>`), `SPEAKER:` prefixes, `>> SPEAKER:` caption markers, or a dialogue dash
(`- `, a new unnamed speaker). Captions name a speaker when the speaker changes, so an unlabelled cue
continues the previous cue's speaker.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from claimcheck.errors import TranscriptError
from claimcheck.models import Utterance
from claimcheck.transcripts.base import ReaderOutput, SniffSample, split_speaker_prefix
from claimcheck.transcripts.source import clean_text
from claimcheck.transcripts.timecodes import (
    CUE_TIMING_RE,
    TimecodeValueError,
    clock_seconds,
    overlap_warnings,
)

_VOICE_RE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>")
_TAG_RE = re.compile(r"</?[a-zA-Z][^>]*>|<\d[\d:.]*>")  # markup and karaoke timestamps
_ASS_RE = re.compile(r"\{\\[^}]*\}")  # "{\an8}" positioning left by some SRT tools
_SOUND_RE = re.compile(r"\[[^\[\]]*\]|♪+")  # "[music]", "[laughter]"
_VTT_SKIPPED_BLOCKS = ("NOTE", "STYLE", "REGION")


@dataclass
class Cue:
    timing_line: int  # 1-based
    start: float
    end: float
    timecode: str
    payload: list[tuple[int, str]]  # (1-based line, text)


@dataclass
class _Segment:
    speaker: str | None
    labelled: bool  # False: continues the previous speaker
    text: str
    line: int


def _blocks(lines: list[str], start: int) -> list[list[tuple[int, str]]]:
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for index in range(start, len(lines)):
        line = lines[index]
        if line.strip():
            current.append((index + 1, line))
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _timing(number: int, line: str, path: Path) -> tuple[float, float, str]:
    match = CUE_TIMING_RE.match(line)
    if match is None:
        raise TranscriptError(
            f"malformed cue timing {line.strip()!r}",
            path=path,
            line=number,
            hint="cue timings look like 00:01:02,500 --> 00:01:04,000",
        )
    try:
        start, end = clock_seconds(match.group("start")), clock_seconds(match.group("end"))
    except TimecodeValueError as exc:
        raise TranscriptError(f"bad cue timing: {exc}", path=path, line=number) from None
    if end < start:
        raise TranscriptError(
            f"cue ends ({match.group('end')}) before it starts ({match.group('start')})",
            path=path,
            line=number,
            hint="fix the timing so that the end is not earlier than the start",
        )
    return start, end, f"{match.group('start')} --> {match.group('end')}"


def parse_cues(lines: list[str], start: int, path: Path, *, vtt: bool) -> tuple[list[Cue], list[str]]:
    """Cues from `lines[start:]` (after a WebVTT header, if any), with warnings for stray text."""
    cues: list[Cue] = []
    warnings: list[str] = []
    for block in _blocks(lines, start):
        first_number, first = block[0]
        if vtt and first.strip().split(" ", 1)[0] in _VTT_SKIPPED_BLOCKS:
            continue
        timing_at = next((i for i, (_, line) in enumerate(block[:2]) if "-->" in line), None)
        if timing_at is None:
            if first.strip().isdigit():
                raise TranscriptError(
                    f"cue {first.strip()} has no timing line",
                    path=path,
                    line=first_number,
                    hint="after the cue number comes a line like 00:01:02,500 --> 00:01:04,000",
                )
            if not cues:
                raise TranscriptError(
                    "text before the first cue",
                    path=path,
                    line=first_number,
                    hint="a subtitle file starts with a cue (number, timing line, text)",
                )
            warnings.append(f"line {first_number}: text after a blank line inside a cue, kept with that cue")
            cues[-1].payload.extend(block)
            continue
        number, timing_text = block[timing_at]
        begin, end, timecode = _timing(number, timing_text, path)
        payload = block[timing_at + 1 :]
        if not payload:
            warnings.append(f"line {number}: cue {timecode} has no text")
        cues.append(Cue(timing_line=number, start=begin, end=end, timecode=timecode, payload=payload))
    return cues, warnings


def _strip_markup(text: str) -> str:
    text = _ASS_RE.sub("", text)
    text = _TAG_RE.sub("", text)
    text = _SOUND_RE.sub(" ", text)
    return clean_text(html.unescape(text))


def _line_segments(number: int, line: str) -> list[_Segment]:
    """Split one payload line into speaker segments (a line may hold several voice tags)."""
    voices = list(_VOICE_RE.finditer(line))
    if voices:
        segments: list[_Segment] = []
        lead = _strip_markup(line[: voices[0].start()])
        if lead:
            segments.append(_Segment(speaker=None, labelled=False, text=lead, line=number))
        for i, voice in enumerate(voices):
            stop = voices[i + 1].start() if i + 1 < len(voices) else len(line)
            text = _strip_markup(line[voice.end() : stop])
            segments.append(_Segment(clean_text(voice.group(1)), labelled=True, text=text, line=number))
        return segments
    plain = _ASS_RE.sub("", _TAG_RE.sub("", line)).strip()
    prefixed = split_speaker_prefix(plain)
    if prefixed is not None:
        name, rest = prefixed
        return [_Segment(speaker=name, labelled=True, text=_strip_markup(rest), line=number)]
    if plain.startswith("- ") or plain.startswith("-\t"):
        return [_Segment(speaker=None, labelled=True, text=_strip_markup(plain[2:]), line=number)]
    if plain.startswith(">>"):
        return [_Segment(speaker=None, labelled=True, text=_strip_markup(plain[2:]), line=number)]
    return [_Segment(speaker=None, labelled=False, text=_strip_markup(plain), line=number)]


def cues_to_output(cues: list[Cue], warnings: list[str]) -> ReaderOutput:
    """One utterance per speaker run inside each cue; unlabelled cues continue the previous speaker."""
    utterances: list[Utterance] = []
    speaker: str | None = None
    for cue in cues:
        merged: list[_Segment] = []
        for number, line in cue.payload:
            for segment in _line_segments(number, line):
                if merged and not segment.labelled:
                    merged[-1].text = clean_text(f"{merged[-1].text} {segment.text}")
                else:
                    merged.append(segment)
        for segment in merged:
            if segment.labelled:
                speaker = segment.speaker
            if not segment.text:
                continue
            utterances.append(
                Utterance(
                    index=len(utterances),
                    speaker=speaker,
                    text=segment.text,
                    start=cue.start,
                    end=cue.end,
                    timecode=cue.timecode,
                    line=segment.line,
                )
            )
    return ReaderOutput(utterances=utterances, warnings=[*warnings, *overlap_warnings(utterances)])


def starts_with_cues(sample: SniffSample) -> bool:
    """The body opens with a subtitle cue: a cue number or a cue timing first, a timing in the first three
    lines."""
    first = sample.first
    starts_with_cue = first.strip().isdigit() or CUE_TIMING_RE.match(first) is not None
    return starts_with_cue and any(CUE_TIMING_RE.match(line) for _, line in sample.numbered[:3])
