"""WebVTT (`.vtt`): a `WEBVTT` header, then cues with optional identifiers, settings and voice tags."""

from __future__ import annotations

from claimcheck.errors import TranscriptError
from claimcheck.transcripts.base import ReaderInput, ReaderOutput, SniffSample
from claimcheck.transcripts.cues import cues_to_output, parse_cues, starts_with_cues

VTT_SUFFIX = ".vtt"


def is_vtt_header(line: str) -> bool:
    stripped = line.lstrip("\ufeff")
    return stripped == "WEBVTT" or stripped.startswith(("WEBVTT ", "WEBVTT\t"))


def sniff_vtt(sample: SniffSample) -> bool:
    """The body opens with a `WEBVTT` header, or a `.vtt` file opens with subtitle cues.

    A cue never matches a frame timecode span, so testing cues here, before the timecoded sniffer, picks
    the same format as testing them after it.
    """
    return is_vtt_header(sample.first) or (sample.suffix == VTT_SUFFIX and starts_with_cues(sample))


def read_vtt(source: ReaderInput) -> ReaderOutput:
    lines, body_start, path = source.lines, source.body_start, source.path
    first = next((i for i in range(body_start, len(lines)) if lines[i].strip()), len(lines))
    if first >= len(lines) or not is_vtt_header(lines[first]):
        raise TranscriptError(
            "WebVTT file does not start with 'WEBVTT'",
            path=path,
            line=first + 1 if first < len(lines) else None,
            hint="the first line of a .vtt file is WEBVTT",
        )
    # The header block (WEBVTT line plus optional metadata lines) ends at the first blank line
    # (or, in files that skip that blank line, at the first cue timing).
    end = first + 1
    while end < len(lines) and lines[end].strip() and "-->" not in lines[end]:
        end += 1
    cues, warnings = parse_cues(lines, end, path, vtt=True)
    return cues_to_output(cues, warnings)
