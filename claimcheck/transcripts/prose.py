"""Plain prose and markdown articles: one utterance per paragraph, spoken by the author (or nobody).

Paragraphs are separated by blank lines, headings, list items and block quotes. Articles pasted from the
web often put each paragraph on one line with no blank line between, so a line break also ends a paragraph
unless the line before was visibly wrapped (long, no closing punctuation) or the new line starts in
lowercase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from claimcheck.models import Utterance
from claimcheck.transcripts.base import ReaderInput, ReaderOutput, SniffSample
from claimcheck.transcripts.source import clean_text

# A line at least this long that does not end a sentence was wrapped by an editor, not ended by the
# author. Web headings run 20-55 characters; wrapped text is usually filled to 65-80.
WRAPPED_LINE_MIN_CHARS = 60

_HEADING_RE = re.compile(r"^\s{0,3}(#{1,6})\s+(.*)$")  # closing hashes are stripped by `_heading_text`
_LIST_RE = re.compile(r"^\s*(?:[-*+•·]|\d{1,3}[.)])\s+")
_QUOTE_RE = re.compile(r"^\s*>\s?")
_RULE_RE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_TABLE_ROW_RE = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_RULE_RE = re.compile(r"^[\s:|-]+$")  # "|---|:---:|": nothing but pipes, colons, dashes and spaces
_FENCE_RE = re.compile(r"^\s*(```|~~~)")
# A bracket or parenthesis never holds another opening one, so `sub` reads each character once.
_IMAGE_RE = re.compile(r"!\[[^\[\]]*\]\([^()]*\)")
_LINK_RE = re.compile(r"\[([^\[\]]+)\]\([^()]*\)")
_EMPHASIS_RE = re.compile(r"(\*\*|__|\*|`)")
_HTML_RE = re.compile(r"</?[a-zA-Z][^>]*>")
_SENTENCE_END = (".", "?", "!", ":", ";", '"', "”", "'", "’", ")")


def strip_markdown(text: str) -> str:
    text = _IMAGE_RE.sub("", text)
    text = _LINK_RE.sub(r"\1", text)
    text = _HTML_RE.sub("", text)
    text = _EMPHASIS_RE.sub("", text)
    return clean_text(text)


@dataclass
class _Paragraph:
    line: int
    parts: list[str] = field(default_factory=list)


def _heading_text(text: str) -> str:
    """A heading's text without the closing hashes and spaces ("Title ##" -> "Title")."""
    return text.rstrip().rstrip("#").rstrip()


def _continues(previous: str, line: str) -> bool:
    prev = previous.rstrip()
    if not prev or prev.endswith(_SENTENCE_END):
        return False
    first = line.lstrip()[:1]
    return first.islower() or len(prev) >= WRAPPED_LINE_MIN_CHARS


def sniff_prose(sample: SniffSample) -> bool:
    """Prose takes any text: it is sniffed last."""
    return True


def read_prose(source: ReaderInput) -> ReaderOutput:
    lines, body_start, speaker = source.lines, source.body_start, source.author
    paragraphs: list[_Paragraph] = []
    title: str | None = None
    open_paragraph = False  # may the next line continue the last paragraph?
    in_code = False
    for index in range(body_start, len(lines)):
        raw = lines[index]
        number = index + 1
        if _FENCE_RE.match(raw):
            in_code = not in_code
            open_paragraph = False
            continue
        if in_code or not raw.strip() or _RULE_RE.match(raw):
            open_paragraph = False
            continue
        if _TABLE_ROW_RE.match(raw):
            # A table row is a paragraph of its own: its cells joined with semicolons.
            cells = [cell.strip() for cell in raw.strip().strip("|").split("|")]
            if not _TABLE_RULE_RE.match(raw) and any(cells):
                paragraphs.append(_Paragraph(line=number, parts=["; ".join(c for c in cells if c)]))
            open_paragraph = False
            continue
        heading = _HEADING_RE.match(raw)
        if heading:
            text = strip_markdown(_heading_text(heading.group(2)))
            if title is None and len(heading.group(1)) == 1 and text:
                title = text
            paragraphs.append(_Paragraph(line=number, parts=[text]))
            open_paragraph = False
            continue
        starts_block = bool(_LIST_RE.match(raw) or _QUOTE_RE.match(raw))
        text = _QUOTE_RE.sub("", _LIST_RE.sub("", raw, count=1), count=1)
        if open_paragraph and not starts_block and _continues(paragraphs[-1].parts[-1], text):
            paragraphs[-1].parts.append(text)
        else:
            paragraphs.append(_Paragraph(line=number, parts=[text]))
        open_paragraph = True
    utterances: list[Utterance] = []
    for paragraph in paragraphs:
        text = strip_markdown(" ".join(paragraph.parts))
        if text:
            utterances.append(
                Utterance(index=len(utterances), speaker=speaker, text=text, line=paragraph.line)
            )
    return ReaderOutput(utterances=utterances, title=title)
