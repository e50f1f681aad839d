"""Turning a file's bytes into clean text lines, once, at the edge.

Every reader works on the `SourceText` this module returns: decoded (UTF-8, UTF-8 with a BOM, UTF-16 with
a BOM, else Windows-1252), mojibake repaired with ftfy, line breaks normalised to "\\n", and inside each
line every run of whitespace made one space and trailing whitespace dropped (leading indentation is kept:
markdown reads it). Line numbers in errors and utterances count lines of this text, which match the file's
own lines. Readers therefore never see the long runs of spaces that text converted from PDFs holds.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import ftfy

from claimcheck.errors import TranscriptError

# Share of C0 control characters (other than tab / newline / carriage return / form feed) above which a
# file is called binary. Text exported by caption tools has none; one stray byte in a long file is
# tolerated (ftfy drops it), a blob of random bytes is not.
MAX_CONTROL_CHAR_SHARE = 0.01

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class SourceText:
    """A transcript file's repaired text, split into lines (without their line breaks)."""

    path: Path
    lines: list[str]
    encoding: str

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode_bytes(data: bytes, path: Path) -> tuple[str, str]:
    """Decode a transcript's bytes; returns (text, encoding name). Raises on binary or undecodable input."""
    if data.startswith(codecs.BOM_UTF8):
        encodings = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_strict(data, "utf-16", path), "utf-16"
    else:
        encodings = ["utf-8", "cp1252"]
    nul = data.find(b"\x00")
    if nul >= 0:
        raise TranscriptError(
            "binary content (NUL byte), not a text transcript",
            path=path,
            line=_line_of_offset(data, nul),
            hint="export the transcript as UTF-8 text, SRT or WebVTT",
        )
    for encoding in encodings[:-1]:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    try:
        return data.decode(encodings[-1]), encodings[-1]
    except UnicodeDecodeError as exc:
        raise TranscriptError(
            f"cannot decode byte 0x{data[exc.start]:02x} as UTF-8 or Windows-1252",
            path=path,
            line=_line_of_offset(data, exc.start),
            hint="re-save the file as UTF-8",
        ) from None


def _decode_strict(data: bytes, encoding: str, path: Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise TranscriptError(
            f"cannot decode the file as {encoding}",
            path=path,
            line=None,
            hint=f"byte offset {exc.start}; re-save the file as UTF-8",
        ) from None


def _check_not_binary(text: str, path: Path) -> None:
    controls = _CONTROL_RE.findall(text)
    if text and len(controls) / len(text) > MAX_CONTROL_CHAR_SHARE:
        first = _CONTROL_RE.search(text)
        line = text.count("\n", 0, first.start()) + 1 if first else None
        raise TranscriptError(
            "binary content (control characters), not a text transcript",
            path=path,
            line=line,
            hint="export the transcript as UTF-8 text, SRT or WebVTT",
        )


def load_source(path: Path, max_bytes: int | None = None) -> SourceText:
    """Read, decode and repair a transcript file; one over `max_bytes` is refused unread."""
    try:
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes and path.is_file():
            raise TranscriptError(
                f"file is {size:,} bytes, over the limit of {max_bytes:,} (`max_transcript_bytes`)",
                path=path,
                hint="split the transcript into parts, or raise max_transcript_bytes in the config file",
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise TranscriptError("file not found", path=path) from None
    except IsADirectoryError:
        raise TranscriptError("is a directory, not a transcript file", path=path) from None
    except OSError as exc:
        raise TranscriptError(f"cannot read the file: {exc.strerror}", path=path) from None
    text, encoding = decode_bytes(data, path)
    _check_not_binary(text, path)
    # Normalise line breaks ourselves first so that ftfy cannot change the line count.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [repair_line(line) for line in text.split("\n")]
    if not any(line.strip() for line in lines):
        raise TranscriptError("empty file", path=path, hint="the transcript has no text")
    return SourceText(path=path, lines=lines, encoding=encoding)


# A closing quote's mojibake that lost its last byte ("â€" of "â€\x9d", the last byte undefined in
# Windows-1252): before a space or the line's end, ftfy reads "â€ " as a dagger and eats the space
# ("open source†is"); in speech it is the quote.
_LOST_CLOSING_QUOTE = re.compile(r"â€(?=[ \t]|\Z)")  # ("â€" and a no-break space is a dagger)


def repair_line(line: str) -> str:
    """A transcript's line as it is read: mojibake repaired ("itâ€™s" -> "it's"), whitespace normalised."""
    return normalise_whitespace(ftfy.fix_text(_lost_quote(line)))


def _lost_quote(line: str) -> str:
    return _LOST_CLOSING_QUOTE.sub("\u201d", line)


def normalise_whitespace(line: str) -> str:
    """One line with each run of whitespace inside it made one space, trailing whitespace dropped and
    leading indentation kept: "  Ann   0:03 \\t" -> "  Ann 0:03"."""
    body = line.lstrip()
    return line[: len(line) - len(body)] + " ".join(body.split())


def clean_text(text: str) -> str:
    """Collapse every run of whitespace (non-breaking spaces included) to one space and trim."""
    return _SPACE_RE.sub(" ", text.replace("\u00a0", " ")).strip()


_SLUG_RE = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """Lowercase ASCII words joined by hyphens: 'Ep 24: Meta' -> 'ep-24-meta'."""
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return _SLUG_RE.sub("-", folded).strip("-")
