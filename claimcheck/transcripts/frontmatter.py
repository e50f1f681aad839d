"""A transcript's YAML front matter (the `---` block at the top of timecoded transcripts and markdown
articles) read into `TranscriptMeta`; `claimcheck.frontmatter` finds and parses the block."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimcheck.errors import TranscriptError
from claimcheck.frontmatter import (
    FenceStyle,
    FrontMatterError,
    FrontMatterFault,
    iso_date,
    read_front_matter,
)
from claimcheck.models import TranscriptMeta
from claimcheck.settings import Settings
from claimcheck.transcripts.source import clean_text, slugify

# Front-matter keys read into typed `TranscriptMeta` fields; any other key lands in `meta.extra`.
_SHOW_KEYS = ("series", "show", "podcast", "channel")
_SPEAKER_KEYS = ("speakers", "participants")
_URL_KEYS = ("url", "link", "source_url")
_SUMMARY_KEYS = ("summary", "description")
_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d %B %Y", "%B %d, %Y", "%b %d, %Y", "%d %b %Y")


@dataclass
class FrontMatter:
    """What a file's front matter said, and where its body starts."""

    meta: TranscriptMeta
    author: str | None
    body_start: int  # 0-based index of the first body line in the file's lines
    present: bool
    warnings: list[str] = field(default_factory=list)


def split_front_matter(lines: list[str], path: Path, settings: Settings) -> FrontMatter:
    """Parse a leading `---` … `---` YAML block, if there is one (blank lines may come before it)."""
    try:
        front = read_front_matter(lines, FenceStyle.PADDED, max_chars=settings.max_front_matter_chars)
    except FrontMatterError as exc:
        raise _transcript_error(exc, path) from None
    if front is None:
        return FrontMatter(meta=TranscriptMeta(), author=None, body_start=0, present=False)
    try:
        meta, author, warnings = _meta_from_mapping(front.data)
    except _BadDate as exc:
        raise TranscriptError(
            f"front matter date {exc.value!r} is not a valid date ({exc.reason})",
            path=path,
            line=_key_line(front.key_lines(), "date", front.open_line + 1),
            hint="write the date as YYYY-MM-DD",
        ) from None
    return FrontMatter(
        meta=meta, author=author, body_start=front.close_line + 1, present=True, warnings=warnings
    )


class _BadDate(ValueError):
    """A front-matter date written as a date that no calendar has ("2025-13-45")."""

    def __init__(self, value: str, reason: str) -> None:
        super().__init__(reason)
        self.value = value
        self.reason = reason


def _key_line(key_lines: dict[str, int], key: str, default: int) -> int:
    """The file line of `key` (any case) in the block, else `default`."""
    return next((line for name, line in key_lines.items() if name.lower() == key), default)


def _transcript_error(exc: FrontMatterError, path: Path) -> TranscriptError:
    if exc.fault is FrontMatterFault.TOO_LONG:
        return TranscriptError(
            f"front matter opened with '---' runs past {exc.problem} characters without a closing '---'",
            path=path,
            line=exc.line,
            hint="close the YAML block with a line holding only '---', or shorten it "
            "(setting max_front_matter_chars)",
        )
    if exc.fault is FrontMatterFault.UNCLOSED:
        return TranscriptError(
            "front matter opened with '---' is never closed",
            path=path,
            line=exc.line,
            hint="end the YAML block with a line holding only '---'",
        )
    if exc.fault is FrontMatterFault.INVALID_YAML:
        reason = f"malformed front matter: {exc.problem or 'invalid YAML'}"
    else:
        reason = f"malformed front matter: expected `key: value` lines, found a YAML {exc.problem}"
    return TranscriptError(
        reason, path=path, line=exc.line, hint="front matter must be a YAML mapping of `key: value` lines"
    )


def _first(data: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        if data.get(key) is not None:
            return data[key]
    return None


def _text_or_none(value: Any) -> str | None:
    if value is None:
        return None
    text = clean_text(str(value)) if not isinstance(value, str) or "\n" not in value else value.strip()
    return text or None


def _names(value: Any) -> list[str]:
    """Speaker names from a YAML list, a comma-separated string, or a list of `{name: …}` mappings."""
    if value is None:
        return []
    items: list[Any] = value if isinstance(value, list) else str(value).split(",")
    names: list[str] = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        text = clean_text(str(name)) if name is not None else ""
        if text:
            names.append(text)
    return names


def parse_date(value: Any) -> dt.date | None:
    """A date from front matter (a string in a common layout; YAML resolves no dates itself), None if
    unreadable. Raises `_BadDate` for a value written as a date that does not exist ("2025-13-45")."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            date = iso_date(text)
        except ValueError as exc:
            raise _BadDate(text, str(exc)) from None
        if date is not None:
            return date
        try:
            return dt.date.fromisoformat(text[:10])  # the other ISO 8601 forms ("20250314")
        except ValueError:
            pass
        for layout in _DATE_FORMATS:
            try:
                return dt.datetime.strptime(text, layout).date()
            except ValueError:
                continue
    return None


def _jsonable(value: Any) -> Any:
    """YAML values made JSON-friendly (dates as ISO strings), so `meta.extra` serialises the same way."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def _meta_from_mapping(data: dict[str, Any]) -> tuple[TranscriptMeta, str | None, list[str]]:
    warnings: list[str] = []
    lowered = {key.lower(): value for key, value in data.items()}
    # `author` is not a typed field: it stays in `extra` and is also returned (prose readers use it).
    used = {"title", "slug", "episode", "date", *_SHOW_KEYS, *_SPEAKER_KEYS, *_URL_KEYS, *_SUMMARY_KEYS}

    speakers: list[str] = []
    for key in _SPEAKER_KEYS:
        for name in _names(lowered.get(key)):
            if name not in speakers:
                speakers.append(name)

    raw_date = lowered.get("date")
    date = parse_date(raw_date) if raw_date is not None else None
    extra = {key: _jsonable(value) for key, value in data.items() if key.lower() not in used}
    if raw_date is not None and date is None:
        warnings.append(f"front matter date {raw_date!r} is not a date; kept in meta.extra['date']")
        extra["date"] = _jsonable(raw_date)

    slug_value = _text_or_none(lowered.get("slug"))
    slug = slugify(slug_value) if slug_value else ""
    meta = TranscriptMeta(
        title=_text_or_none(lowered.get("title")),
        slug=slug or None,
        show=_text_or_none(_first(lowered, _SHOW_KEYS)),
        episode=_text_or_none(lowered.get("episode")),
        date=date,
        speakers=speakers,
        url=_text_or_none(_first(lowered, _URL_KEYS)),
        summary=_text_or_none(_first(lowered, _SUMMARY_KEYS)),
        extra=extra,
    )
    authors = _names(lowered.get("author"))
    return meta, (authors[0] if authors else None), warnings
