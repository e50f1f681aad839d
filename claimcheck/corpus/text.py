"""Small text helpers shared by the corpus modules: whitespace, inline markup, trimming, hashing, JSON."""

from __future__ import annotations

import hashlib
import html
import json
import re
from pathlib import Path

from claimcheck.errors import CorpusError

_HTML_TAG = re.compile(r"<[^>]+>")


def squash(text: str) -> str:
    """`text` with every run of whitespace made one space, stripped."""
    return " ".join(text.split())


def strip_inline(text: str) -> str:
    """Heading/cell text without markdown emphasis, code ticks and HTML tags."""
    text = _HTML_TAG.sub("", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # [label](url) -> label
    text = re.sub(r"(\*\*|__|`)", "", text)
    return squash(html.unescape(text))


def trimmed(raw: str, start: int, end: int) -> tuple[int, int]:
    """The span [start, end) of `raw` without the whitespace at either end."""
    while start < end and raw[start].isspace():
        start += 1
    while end > start and raw[end - 1].isspace():
        end -= 1
    return start, end


def sha256_text(text: str) -> str:
    """The hex sha256 of `text` encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_json(text: str, path: Path, hint: str, *, line: int | None = None) -> object:
    """`text` parsed as JSON; else a `CorpusError` at `line` (default: the line the parser names)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CorpusError(
            f"not valid JSON: {exc.msg} (column {exc.colno})",
            path=path,
            line=exc.lineno if line is None else line,
            hint=hint,
        ) from None
