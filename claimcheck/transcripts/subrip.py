"""SubRip (`.srt`): numbered cues, `00:01:02,500 --> 00:01:04,000`, then text lines."""

from __future__ import annotations

from pathlib import Path

from claimcheck.transcripts.base import ReaderOutput
from claimcheck.transcripts.cues import cues_to_output, parse_cues


def read_srt(lines: list[str], body_start: int, path: Path) -> ReaderOutput:
    cues, warnings = parse_cues(lines, body_start, path, vtt=False)
    return cues_to_output(cues, warnings)
