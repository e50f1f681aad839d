"""The one table of transcript formats: for each, its reader, its sniffer and what it can do.

To add a format: add its member to `Format` (claimcheck/models.py), write one reader module with a
`read_x(ReaderInput) -> ReaderOutput` and a `sniff_x(SniffSample) -> bool`, and add one `FormatSpec` row to
`FORMATS` below. `read_transcript` dispatches through this table, the sniffer tries its rows in
`sniff_order`, the "supported:" hint lists its descriptions, and the claim segmenter reads
`joinable_turns` from it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from claimcheck.models import Format
from claimcheck.transcripts.base import ReaderInput, ReaderOutput, SniffSample
from claimcheck.transcripts.prose import read_prose, sniff_prose
from claimcheck.transcripts.speaker_lines import read_speaker_lines, sniff_speaker_lines
from claimcheck.transcripts.subrip import SRT_SUFFIX, read_srt, sniff_srt
from claimcheck.transcripts.timecoded import read_timecoded, sniff_timecoded
from claimcheck.transcripts.webvtt import VTT_SUFFIX, read_vtt, sniff_vtt

Reader = Callable[[ReaderInput], ReaderOutput]
Sniffer = Callable[[SniffSample], bool]

# The sniffer tries formats by `sniff_order`, lowest first. Formats recognised by their opening lines (a
# WebVTT header, a frame timecode span, a subtitle cue) sit under REFUSE_ORDER; there, text that is no
# transcript at all is refused (JSON, XML/HTML, a claimed suffix such as .srt without cues); formats
# weighed over the whole text sit above it, and prose, which takes any text, comes last.
REFUSE_ORDER = 50


@dataclass(frozen=True)
class FormatSpec:
    """One transcript format: how to recognise it, how to read it, and what its turns are like."""

    format: Format
    description: str  # for people, in the "supported:" hint: "SubRip (.srt)"
    read: Reader
    sniff: Sniffer  # does a file's body look like this format?
    sniff_order: int  # lower is tried first; see REFUSE_ORDER
    # Turns are cut by time, not by the speaker's sentences, so a sentence may run across consecutive turns
    # of one speaker (a caption cue that ends mid-sentence). Prose paragraphs always end a sentence.
    joinable_turns: bool
    # Suffixes that promise this format: a file with one of them that no format recognised by its opening
    # lines is refused rather than read as speaker lines or prose.
    suffixes: tuple[str, ...] = ()


# One row per format, in the order the "supported:" hint lists them. Columns: format, description, reader,
# sniffer, sniff order, joinable turns, suffixes.
FORMATS: tuple[FormatSpec, ...] = (
    FormatSpec(Format.TIMECODED, "timecoded chunks", read_timecoded, sniff_timecoded, 20, True),
    FormatSpec(Format.SRT, "SubRip (.srt)", read_srt, sniff_srt, 30, True, (SRT_SUFFIX,)),
    FormatSpec(Format.VTT, "WebVTT (.vtt)", read_vtt, sniff_vtt, 10, True, (VTT_SUFFIX,)),
    FormatSpec(
        Format.SPEAKER_LINES, "`Speaker: text` lines", read_speaker_lines, sniff_speaker_lines, 60, True
    ),
    FormatSpec(Format.PROSE, "plain prose/markdown", read_prose, sniff_prose, 100, False),
)

_BY_FORMAT = {spec.format: spec for spec in FORMATS}

# The formats a person may give, for the "unknown transcript format" hint.
SUPPORTED = ", ".join(spec.description for spec in FORMATS)


def format_spec(fmt: Format) -> FormatSpec:
    """The table row of `fmt`."""
    return _BY_FORMAT[fmt]


def claimed_suffixes() -> frozenset[str]:
    """Every suffix some format claims (".srt", ".vtt")."""
    return frozenset(suffix for spec in FORMATS for suffix in spec.suffixes)


def in_sniff_order() -> list[FormatSpec]:
    """The table's rows in the order the sniffer tries them."""
    return sorted(FORMATS, key=lambda spec: spec.sniff_order)
