"""SubRip (`.srt`): numbered cues, `00:01:02,500 --> 00:01:04,000`, then text lines."""

from __future__ import annotations

from claimcheck.transcripts.base import ReaderInput, ReaderOutput, SniffSample
from claimcheck.transcripts.cues import cues_to_output, parse_cues, starts_with_cues
from claimcheck.transcripts.webvtt import VTT_SUFFIX

SRT_SUFFIX = ".srt"


def sniff_srt(sample: SniffSample) -> bool:
    """The body opens with subtitle cues, in any file but a `.vtt` one (WebVTT reads those)."""
    return starts_with_cues(sample) and sample.suffix != VTT_SUFFIX


def read_srt(source: ReaderInput) -> ReaderOutput:
    cues, warnings = parse_cues(source.lines, source.body_start, source.path, vtt=False)
    return cues_to_output(cues, warnings)
