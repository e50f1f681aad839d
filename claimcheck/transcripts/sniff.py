"""Choosing a reader from a file's content; the file suffix only breaks ties.

The formats and their order come from the table in formats.py; this module adds the one step between its
rows that belongs to no format: refusing text that is no transcript at all.
"""

from __future__ import annotations

import json
from pathlib import Path

from claimcheck.errors import TranscriptError
from claimcheck.models import Format
from claimcheck.transcripts.base import SniffSample
from claimcheck.transcripts.formats import REFUSE_ORDER, SUPPORTED, claimed_suffixes, in_sniff_order

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
    except RecursionError:  # JSON nested deeper than the parser recurses
        return True
    return True


def _refuse_non_transcripts(sample: SniffSample, path: Path) -> None:
    """JSON, XML/HTML, and a claimed suffix (".srt") whose format did not recognise the file."""
    first_number, first = sample.numbered[0]
    body_text = "\n".join(line for _, line in sample.numbered)
    if _is_json(body_text):
        raise _unknown(path, first_number, "this is JSON")
    if first.strip().lower().startswith(_MARKUP_STARTS):
        raise _unknown(path, first_number, "this is an XML/HTML document")
    if sample.suffix in claimed_suffixes():
        raise _unknown(path, first_number, f"a {sample.suffix} file with no subtitle cues")


def sniff_format(lines: list[str], body_start: int, path: Path) -> Format:
    """The format of `lines[body_start:]` (the text after any front matter)."""
    numbered = [(i + 1, line) for i, line in enumerate(lines) if i >= body_start and line.strip()]
    if not numbered:
        raise TranscriptError("no transcript text after the front matter", path=path, line=body_start or None)
    sample = SniffSample(numbered=numbered, suffix=path.suffix.lower())
    specs = in_sniff_order()
    for spec in (s for s in specs if s.sniff_order < REFUSE_ORDER):
        if spec.sniff(sample):
            return spec.format
    _refuse_non_transcripts(sample, path)
    for spec in (s for s in specs if s.sniff_order >= REFUSE_ORDER):
        if spec.sniff(sample):
            return spec.format
    raise _unknown(path, numbered[0][0], "no reader recognised it")  # unreachable: prose takes any text
