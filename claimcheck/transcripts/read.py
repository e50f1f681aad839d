"""`read_transcript`: decode, repair, parse the front matter, sniff the format, run one reader."""

from __future__ import annotations

from pathlib import Path

from claimcheck.errors import TranscriptError
from claimcheck.models import Transcript, TranscriptMeta, Utterance
from claimcheck.settings import Settings
from claimcheck.transcripts.base import ReaderInput
from claimcheck.transcripts.formats import format_spec
from claimcheck.transcripts.frontmatter import split_front_matter
from claimcheck.transcripts.sniff import sniff_format
from claimcheck.transcripts.source import load_source, slugify

_FALLBACK_ID = "transcript"


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
    source = load_source(path, settings.max_transcript_bytes)
    front = split_front_matter(source.lines, path, settings)
    fmt = sniff_format(source.lines, front.body_start, path)
    output = format_spec(fmt).read(
        ReaderInput(
            lines=source.lines,
            body_start=front.body_start,
            path=source.path,
            author=front.author,
            settings=settings,
        )
    )
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
        format=fmt,
        meta=meta,
        utterances=output.utterances,
        warnings=warnings,
    )
