"""`read_transcript`: decode, repair, parse the front matter, sniff the format, run one reader."""

from __future__ import annotations

from pathlib import Path

from claimcheck.errors import TranscriptError
from claimcheck.models import Transcript, TranscriptMeta, Utterance
from claimcheck.settings import Settings
from claimcheck.transcripts.base import Format, ReaderOutput
from claimcheck.transcripts.frontmatter import FrontMatter, split_front_matter
from claimcheck.transcripts.prose import read_prose
from claimcheck.transcripts.sniff import sniff_format
from claimcheck.transcripts.source import SourceText, load_source, slugify
from claimcheck.transcripts.speaker_lines import read_speaker_lines
from claimcheck.transcripts.subrip import read_srt
from claimcheck.transcripts.timecoded import read_timecoded
from claimcheck.transcripts.webvtt import is_vtt_header, read_vtt

_FALLBACK_ID = "transcript"


def _run_reader(fmt: Format, source: SourceText, front: FrontMatter, settings: Settings) -> ReaderOutput:
    lines, start, path = source.lines, front.body_start, source.path
    if fmt is Format.TIMECODED:
        return read_timecoded(lines, start, path, settings)
    if fmt is Format.SRT:
        return read_srt(lines, start, path)
    if fmt is Format.VTT:
        return read_vtt(lines, start, path)
    if fmt is Format.SPEAKER_LINES:
        return read_speaker_lines(lines, start, path)
    return read_prose(lines, start, front.author)


def _speakers_in_order(utterances: list[Utterance]) -> list[str]:
    seen: list[str] = []
    for utt in utterances:
        if utt.speaker and utt.speaker not in seen:
            seen.append(utt.speaker)
    return seen


def transcript_id(meta: TranscriptMeta, path: Path) -> str:
    """The front matter's slug, else the file name without its suffix, as a slug."""
    return meta.slug or slugify(path.stem) or _FALLBACK_ID


def read_transcript(path: Path, settings: Settings) -> Transcript:
    """Read any supported transcript file into a `Transcript`. Raises `TranscriptError` with file and line."""
    source = load_source(path)
    first_line = next((line for line in source.lines if line.strip()), "")
    if is_vtt_header(first_line):
        front = FrontMatter(meta=TranscriptMeta(), author=None, body_start=0, present=False)
    else:
        front = split_front_matter(source.lines, path)
    fmt = sniff_format(source.lines, front.body_start, path)
    output = _run_reader(fmt, source, front, settings)
    if not output.utterances:
        raise TranscriptError(
            f"no spoken text found (read as {fmt.value})",
            path=path,
            hint="check that the file holds the transcript text, not only headers",
        )
    meta = front.meta
    updates: dict[str, object] = {}
    if meta.title is None and output.title:
        updates["title"] = output.title
    if not meta.speakers:
        updates["speakers"] = _speakers_in_order(output.utterances)
    if updates:
        meta = meta.model_copy(update=updates)
    warnings = list(front.warnings)
    if source.encoding == "cp1252":
        warnings.append("not valid UTF-8; decoded as Windows-1252")
    warnings.extend(output.warnings)
    return Transcript(
        id=transcript_id(meta, path),
        source_path=str(path),
        format=fmt.value,
        meta=meta,
        utterances=output.utterances,
        warnings=warnings,
    )
