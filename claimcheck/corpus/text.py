"""Small text helpers shared by the corpus modules: whitespace, inline markup, trimming, hashing, JSON."""

from __future__ import annotations

import hashlib
import html
import json
import re
from pathlib import Path

from claimcheck.errors import CorpusError
from claimcheck.text import lone_surrogate

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


_SUP = re.compile(r"<sup\b[^>]*>(.*?)</sup\s*>", re.IGNORECASE | re.DOTALL)
_SUP_MARKER = re.compile(r"\A\s*+(?:\d{1,2}|[a-z]|[*†‡§¶]++)\s*+")
_TAG = re.compile(r"<[^>]+>")
_LINK = re.compile(r"!?\[([^\][\n]*+)\]\([^()\n]*+\)")
_STRONG = re.compile(r"\*\*|__|`")
_EMPHASIS = re.compile(r"(?<![\\\w*])\*(?=[^\s*])([^*\n]*?[^\s\\*])\*(?![\w*])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!~|^<>])")
# Footnote markers: "[1]", daggers and section signs, superscript digits, a trailing "*" or "^", and a
# trailing "(1)" / "(a)" after words or a year ("Net income (2)", "2018 (6)").
_BRACKET_NOTE = re.compile(r"\s?\[\d{1,2}\]")
_SYMBOL_NOTE = re.compile(r"[†‡§¶\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+")
_STAR_NOTE = re.compile(r"(?<=[^\s*^])[*^]+(?=[\s,;:)]|$)")
_PAREN_NOTE = re.compile(r"(?:(?<=[A-Za-z.)\]])|(?<=(?:19|20)\d\d))\s*\((?:\d|[a-z])\)(?=\s*$)")


def cell_text(raw_cell: str) -> str:
    """A cell (or heading) as an editor reads it: no markup, no escapes, no footnote markers."""

    def sup(match: re.Match[str]) -> str:
        inner = match.group(1)
        before = raw_cell[max(0, match.start() - 1) : match.start()]
        if _SUP_MARKER.fullmatch(inner) and (before.isalpha() or before == ")"):
            return ""  # a footnote reference ("Revenue<sup>1</sup>")
        return "^" + inner  # an exponent ("10<sup>-4</sup>")

    text = _SUP.sub(sup, raw_cell)
    text = html.unescape(_TAG.sub(" ", text))
    text = _LINK.sub(r"\1", text)
    text = _STRONG.sub("", text)
    text = _EMPHASIS.sub(r"\1", text)
    text = _ESCAPE.sub(r"\1", text)
    text = _BRACKET_NOTE.sub("", text)
    text = _SYMBOL_NOTE.sub("", text)
    text = _STAR_NOTE.sub("", squash(text))
    return squash(_PAREN_NOTE.sub("", text))


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
    """`text` parsed as JSON; else a `CorpusError` at `line` (default: the line the parser names). A string
    holding a lone surrogate escape ("\\ud800") is refused too: it would fail when the index is saved."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CorpusError(
            f"not valid JSON: {exc.msg} (column {exc.colno})",
            path=path,
            line=exc.lineno if line is None else line,
            hint=hint,
        ) from None
    except RecursionError:
        raise CorpusError("JSON nested too deeply to read", path=path, line=line, hint=hint) from None
    problem = lone_surrogate(value)
    if problem is not None:
        raise CorpusError(
            problem,
            path=path,
            line=line,
            hint="write the character itself, or a surrogate pair",
        )
    return value


# Paragraphs that are never evidence: provenance notes ("Source: Meta Platforms, Inc., Annual Report on
# Form 10-K ..."), horizontal rules, lines of images, badges or bare tags, where-to-send-feedback notes,
# licence disclaimers, and the YAML lines of front matter that did not parse as front matter.
_PROVENANCE = re.compile(r"(?:\*\*|__)?(?:sources?|provenance)(?:\*\*|__)?\s*:", re.IGNORECASE)
_RULE = re.compile(r"(?:-{3,}|\*{3,}|_{3,})")
_NOTE_LABEL = re.compile(
    r"(?:\*\*|__)\s*(?:feedback|where to send questions[^*:]*)\s*:?\s*(?:\*\*|__)|"
    r"where to send questions or comments about the model\b",
    re.IGNORECASE,
)
_DISCLAIMER = re.compile(
    r"THE SOFTWARE IS PROVIDED|DISCLAIMER OF WARRANTY|LIMITATION OF LIABILITY|Permission is hereby granted"
)
_IMAGE_OR_LINK = re.compile(r"!\[[^\]]*\]\([^)]*\)|\[[^\[\]]*\](?:\([^)]*\))?|<[^>]+>|&nbsp;?|[|\s]")
_FRONT_MATTER_KEY = re.compile(
    r"(?:title|kind|company|period|date|url|section|page|slug|series|episode|speakers|entities)\s*:.*",
    re.IGNORECASE,
)


def _without_decoration(text: str) -> str:
    """`text` without images, links, tags and spaces (nested ones too: a badge is a link around an image)."""
    while True:
        shorter = _IMAGE_OR_LINK.sub("", text)
        if shorter == text:
            return text
        text = shorter


def is_boilerplate(text: str, *, at_body_start: bool = False) -> bool:
    """Whether a paragraph is provenance, a rule, decoration, a feedback note, a licence disclaimer, or
    (at the start of a body) leftover front matter: text that is never a passage."""
    stripped = text.strip()
    if not stripped:
        return True
    if _PROVENANCE.match(stripped) or _RULE.fullmatch(stripped) or _NOTE_LABEL.match(stripped):
        return True
    if _DISCLAIMER.match(stripped) or not _without_decoration(stripped):
        return True
    lines = [line.strip() for line in stripped.splitlines() if line.strip() not in ("", "---")]
    return at_body_start and len(lines) >= 2 and all(_FRONT_MATTER_KEY.fullmatch(line) for line in lines)
