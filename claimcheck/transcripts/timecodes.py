"""Clock and frame timecodes, shared by the readers."""

from __future__ import annotations

import re

from claimcheck.models import Utterance

# HH:MM:SS:FF (";" before the frames marks drop-frame editing); frames optional.
FRAME_TIMECODE = r"\d{1,2}:\d{2}:\d{2}(?:[:;]\d{1,3})?"
# A span of two frame timecodes: "00:51:18:17 - 00:51:34:15" (any dash).
FRAME_SPAN_RE = re.compile(rf"^\s*(?P<start>{FRAME_TIMECODE})\s*[-–—]\s*(?P<end>{FRAME_TIMECODE})\s*$")

# A line shaped like a span whose timecodes are broken: "aa:bb:cc:dd - 00:00:30:00", "00:00:1O:00 - …", a
# span with one side or the dash missing, a subtitle arrow. Each timecode-like token is three or four
# colon-separated fields of one to three letters or digits (an optional ",000" after the third), so a line of
# speech ("We met at 10:30 - or was it 11:00?") never looks like one. Every `\s*` follows a token, so no two
# of them share a run of spaces.
_TIMECODE_LIKE = r"\w{1,3}(?:[:;]\w{1,3}){2,3}(?:[.,]\d{1,3})?"
_SPAN_LIKE_RE = re.compile(
    rf"^\s*(?P<start>{_TIMECODE_LIKE})\s*(?:(?P<dash>-->|[-–—])\s*)?(?P<end>{_TIMECODE_LIKE})?\s*$"
)


def is_span_like(line: str) -> bool:
    """True for a line that is a timecode span or a broken one (see `_SPAN_LIKE_RE`): a timecode-like token,
    then a dash, another token, or both. A lone clock time ("10:30:00") is not."""
    match = _SPAN_LIKE_RE.match(line)
    return match is not None and (match.group("dash") is not None or match.group("end") is not None)


# Subtitle clock: [HH:]MM:SS(,|.)mmm
CLOCK = r"(?:\d{1,2}:)?\d{1,2}:\d{2}[,.]\d{1,3}"
CUE_TIMING_RE = re.compile(rf"^\s*(?P<start>{CLOCK})\s*-->\s*(?P<end>{CLOCK})(?P<settings>\s.*)?$")


class TimecodeValueError(ValueError):
    """A timecode whose fields are out of range (minute 61, frame 40 at 30 fps)."""


def frame_timecode_seconds(code: str, frame_rate: float) -> float:
    """'00:51:18:17' at 30 fps -> 3078.5667 seconds."""
    parts = re.split(r"[:;]", code.strip())
    hours, minutes, seconds = int(parts[0]), int(parts[1]), int(parts[2])
    frames = int(parts[3]) if len(parts) > 3 else 0
    if minutes >= 60 or seconds >= 60:
        raise TimecodeValueError(f"minutes and seconds must be below 60 in {code!r}")
    if frames >= frame_rate:
        raise TimecodeValueError(f"frame {frames} in {code!r} is not below the frame rate {frame_rate:g}")
    return hours * 3600 + minutes * 60 + seconds + frames / frame_rate


def clock_seconds(code: str) -> float:
    """'01:02:03,450' or '02:03.450' or '12:34' or '1:02:03' -> seconds."""
    parts = code.strip().replace(",", ".").split(":")
    values = [float(p) for p in parts]
    total = 0.0
    for value in values[:-1]:
        total = total * 60 + value
    if len(values) > 1 and (values[-1] >= 60 or (len(values) > 2 and values[-2] >= 60)):
        raise TimecodeValueError(f"minutes and seconds must be below 60 in {code!r}")
    return total * 60 + values[-1]


def overlap_warnings(utterances: list[Utterance]) -> list[str]:
    """One warning per cue that starts before the previous timed cue ends (kept, not an error)."""
    warnings: list[str] = []
    previous: Utterance | None = None
    for utt in utterances:
        if utt.start is None:
            continue
        if previous is not None and (utt.start, utt.end) == (previous.start, previous.end):
            continue  # another speaker's line inside the same cue
        if previous is not None and previous.end is not None and utt.start < previous.end - 1e-6:
            where = f"line {utt.line}: " if utt.line is not None else ""
            warnings.append(
                f"{where}cue {utt.timecode or utt.start} starts before the previous cue "
                f"{previous.timecode or previous.start} ends"
            )
        previous = utt
    return warnings
