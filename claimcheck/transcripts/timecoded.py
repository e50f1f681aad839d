"""Timecoded chunks: `HH:MM:SS:FF - HH:MM:SS:FF`, then a speaker line, then one or more text lines.

    00:51:18:17 - 00:51:34:15
    Jens
    What will happen to this company in the long run …
    challenge.

Text lines wrap mid-sentence, so a block's lines are joined with spaces. Blank lines are ignored.
"""

from __future__ import annotations

from pathlib import Path

from claimcheck.errors import TranscriptError
from claimcheck.models import Utterance
from claimcheck.settings import Settings
from claimcheck.transcripts.base import (
    ReaderInput,
    ReaderOutput,
    SniffSample,
    looks_like_speaker,
    split_speaker_prefix,
)
from claimcheck.transcripts.source import clean_text
from claimcheck.transcripts.timecodes import (
    FRAME_SPAN_RE,
    TimecodeValueError,
    frame_timecode_seconds,
    is_span_like,
    overlap_warnings,
)


def is_timecode_line(line: str) -> bool:
    return FRAME_SPAN_RE.match(line) is not None


def _refuse_broken_timecode(line: str, number: int, path: Path) -> None:
    """A line shaped like a timecode span that is not one is an error, never spoken text."""
    if is_span_like(line) and not is_timecode_line(line):
        raise TranscriptError(
            f"malformed timecode line {line.strip()!r}",
            path=path,
            line=number,
            hint="a block starts with HH:MM:SS:FF - HH:MM:SS:FF (digits; frames optional)",
        )


def sniff_timecoded(sample: SniffSample) -> bool:
    """The body opens with a frame timecode span."""
    return is_timecode_line(sample.first)


def _next_nonblank(lines: list[str], index: int) -> int:
    while index < len(lines) and not lines[index].strip():
        index += 1
    return index


def _span_seconds(line: str, number: int, path: Path, settings: Settings) -> tuple[float, float]:
    match = FRAME_SPAN_RE.match(line)
    if match is None:  # callers only pass timecode lines
        raise TranscriptError("not a timecode line", path=path, line=number)
    try:
        start = frame_timecode_seconds(match.group("start"), settings.frame_rate)
        end = frame_timecode_seconds(match.group("end"), settings.frame_rate)
    except TimecodeValueError as exc:
        raise TranscriptError(
            f"bad timecode: {exc}", path=path, line=number, hint="timecodes are HH:MM:SS:FF"
        ) from None
    if end < start:
        raise TranscriptError(
            f"timecode ends ({match.group('end')}) before it starts ({match.group('start')})",
            path=path,
            line=number,
            hint="fix the span so that the second timecode is not earlier than the first",
        )
    return start, end


def _speaker(line: str, timecode_line: int, path: Path) -> tuple[str, str | None]:
    """The speaker named on a block's second line, and any text that follows it on that line."""
    text = clean_text(line)
    prefixed = split_speaker_prefix(text)
    if prefixed is not None:
        name, rest = prefixed
        return name, rest or None
    name = text.rstrip(":").strip()
    if not looks_like_speaker(name):
        raise TranscriptError(
            f"timecode block has no speaker line (found text {text[:40]!r})",
            path=path,
            line=timecode_line,
            hint="each block is a timecode line, a speaker line, then the text",
        )
    return name, None


def read_timecoded(source: ReaderInput) -> ReaderOutput:
    """Read the blocks that follow the front matter (`lines[body_start:]`)."""
    lines, path, settings = source.lines, source.path, source.settings
    utterances: list[Utterance] = []
    warnings: list[str] = []
    i = _next_nonblank(lines, source.body_start)
    while i < len(lines) and not is_timecode_line(lines[i]):
        _refuse_broken_timecode(lines[i], i + 1, path)
        warnings.append(f"line {i + 1}: text before the first timecode ignored")
        i = _next_nonblank(lines, i + 1)
    while i < len(lines):
        timecode_line = i + 1
        start, end = _span_seconds(lines[i], timecode_line, path, settings)
        j = _next_nonblank(lines, i + 1)
        if j >= len(lines) or is_timecode_line(lines[j]):
            raise TranscriptError(
                "timecode block has no speaker and no text (truncated?)",
                path=path,
                line=timecode_line,
                hint="each block is a timecode line, a speaker line, then the text",
            )
        _refuse_broken_timecode(lines[j], j + 1, path)
        speaker, inline_text = _speaker(lines[j], timecode_line, path)
        parts: list[str] = [inline_text] if inline_text else []
        first_text_line = j + 1 if inline_text else None
        k = j + 1
        while k < len(lines) and not is_timecode_line(lines[k]):
            _refuse_broken_timecode(lines[k], k + 1, path)
            if lines[k].strip():
                parts.append(lines[k])
                if first_text_line is None:
                    first_text_line = k + 1
            k += 1
        text = clean_text(" ".join(parts))
        if not text:
            raise TranscriptError(
                f"timecode block for {speaker!r} has no text (truncated?)",
                path=path,
                line=timecode_line,
                hint="each block is a timecode line, a speaker line, then the text",
            )
        utterances.append(
            Utterance(
                index=len(utterances),
                speaker=speaker,
                text=text,
                start=start,
                end=end,
                timecode=clean_text(lines[i]),
                line=first_text_line,
            )
        )
        i = k
    warnings.extend(overlap_warnings(utterances))
    return ReaderOutput(utterances=utterances, warnings=warnings)
