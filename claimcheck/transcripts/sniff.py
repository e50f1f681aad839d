"""Choosing a reader from a file's content; the file suffix only breaks ties."""

from __future__ import annotations

import json
from pathlib import Path

from claimcheck.errors import TranscriptError
from claimcheck.transcripts.base import Format
from claimcheck.transcripts.speaker_lines import count_labelled_lines
from claimcheck.transcripts.timecoded import is_timecode_line
from claimcheck.transcripts.timecodes import CUE_TIMING_RE
from claimcheck.transcripts.webvtt import is_vtt_header

# Share of non-blank lines that must carry a speaker label for a file to be read as speaker lines.
# Interviews with long answers wrapped over several lines still label one line in three or four;
# articles that happen to contain a "Name: quote" line or two stay well under it.
MIN_LABELLED_SHARE = 0.25
# With a single labelled line, it must make up half the text (a one-turn snippet).
MIN_SINGLE_LABEL_SHARE = 0.5

SUPPORTED = "timecoded chunks, SubRip (.srt), WebVTT (.vtt), `Speaker: text` lines, plain prose/markdown"
_MARKUP_STARTS = ("<?xml", "<!doctype", "<html", "<!--")


def _unknown(path: Path, line: int | None, what: str) -> TranscriptError:
    return TranscriptError(
        f"unknown transcript format: {what}", path=path, line=line, hint=f"supported: {SUPPORTED}"
    )


def _is_json(text: str) -> bool:
    if not text.lstrip().startswith(("{", "[")):
        return False
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def sniff_format(lines: list[str], body_start: int, path: Path) -> Format:
    """The format of `lines[body_start:]` (the text after any front matter)."""
    numbered = [(i + 1, line) for i, line in enumerate(lines) if i >= body_start and line.strip()]
    if not numbered:
        raise TranscriptError("no transcript text after the front matter", path=path, line=body_start or None)
    first_number, first = numbered[0]
    suffix = path.suffix.lower()
    if is_vtt_header(first):
        return Format.VTT
    if is_timecode_line(first):
        return Format.TIMECODED
    starts_with_cue = first.strip().isdigit() or CUE_TIMING_RE.match(first) is not None
    if starts_with_cue and any(CUE_TIMING_RE.match(line) for _, line in numbered[:3]):
        return Format.VTT if suffix == ".vtt" else Format.SRT
    body_text = "\n".join(line for _, line in numbered)
    if _is_json(body_text):
        raise _unknown(path, first_number, "this is JSON")
    if first.strip().lower().startswith(_MARKUP_STARTS):
        raise _unknown(path, first_number, "this is an XML/HTML document")
    if suffix in (".srt", ".vtt"):
        raise _unknown(path, first_number, f"a {suffix} file with no subtitle cues")
    labelled, nonblank = count_labelled_lines([line for _, line in numbered])
    share = labelled / nonblank
    if (labelled >= 2 and share >= MIN_LABELLED_SHARE) or (labelled == 1 and share >= MIN_SINGLE_LABEL_SHARE):
        return Format.SPEAKER_LINES
    return Format.PROSE
