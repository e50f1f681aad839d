"""What every reader takes and returns, what a sniffer looks at, and the speaker-label rules that several
readers share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from claimcheck.models import Utterance
from claimcheck.settings import Settings


@dataclass(frozen=True)
class ReaderInput:
    """A decoded file after its front matter: what every reader reads."""

    lines: list[str]
    body_start: int  # 0-based index of the first line after any front matter
    path: Path
    author: str | None  # the front matter's author: who speaks in prose
    settings: Settings


@dataclass
class ReaderOutput:
    utterances: list[Utterance]
    warnings: list[str] = field(default_factory=list)
    title: str | None = None  # a title found in the body itself (a markdown `# heading`)


@dataclass(frozen=True)
class SniffSample:
    """The body of a file as a sniffer sees it: its non-blank lines after any front matter."""

    numbered: list[tuple[int, str]]  # (1-based line number, line), never empty
    suffix: str  # the file's suffix, lowercased: ".srt"

    @property
    def first(self) -> str:
        return self.numbered[0][1]


# A speaker label is at most this many words ("Mark Zuckerberg", "DR. JANE VAN DYKE").
MAX_SPEAKER_WORDS = 4
MAX_SPEAKER_CHARS = 40

# Labels before a colon that introduce prose, not a speaker.
_NOT_SPEAKERS = frozenset(
    {
        "note",
        "notes",
        "update",
        "source",
        "sources",
        "summary",
        "warning",
        "tip",
        "example",
        "edit",
        "disclaimer",
        "related",
        "tags",
        "title",
        "date",
        "by",
        "photo",
        "image",
        "credit",
        "credits",
        "editor's note",
        "tl;dr",
        "tldr",
        "step",
        "answer",
        "question",
        "bottom line",
        "verdict",
        "key takeaway",
        "takeaway",
        "conclusion",
        "background",
        "context",
        "http",
        "https",
        "why",
        "what",
        "how",
        "when",
        "where",
        "who",
    }
)
_NAME_PARTICLES = frozenset(
    {"de", "van", "von", "der", "den", "la", "le", "da", "di", "du", "del", "bin", "al"}
)

_PREFIX_RE = re.compile(
    r"""^\s*(?:>>\s*|-\s+)?            # caption turn markers ">>" and dialogue dashes
    (?:\*\*|__)?                        # markdown bold around the name
    (?P<name>[^\s:*_][^:*_]{0,60}?)
    (?:\*\*|__)?\s*:\s*(?:\*\*|__)?     # the colon, possibly inside or after the bold
    (?P<text>.*)$""",
    re.VERBOSE,
)
# A word of a name: a capital (any alphabet's: "Élodie", "Łukasz") or a digit, then word characters.
_NAME_WORD_RE = re.compile(r"^[^\W_][\w.'’\-]*$")


def _name_word(word: str) -> bool:
    return bool(_NAME_WORD_RE.match(word)) and (word[0].isupper() or word[0].isdigit())


def looks_like_speaker(name: str) -> bool:
    """True for 'Jens', 'LEX FRIDMAN', 'Speaker 2', 'Dr. Jane Smith'; False for prose labels and phrases."""
    name = name.strip()
    if not name or len(name) > MAX_SPEAKER_CHARS or name.lower() in _NOT_SPEAKERS:
        return False
    words = name.split()
    if len(words) > MAX_SPEAKER_WORDS or name[-1] in "?!,;":
        return False
    if name.endswith(".") and len(words[-1]) > 4:  # "Jr." and "Dr." end names; "Like." ends a sentence
        return False
    if not _name_word(words[0]) or words[0][0].isdigit():
        return False
    return all(_name_word(word) or word.lower() in _NAME_PARTICLES for word in words[1:])


def split_speaker_prefix(line: str) -> tuple[str, str] | None:
    """'JENS: So if I did…' -> ('JENS', 'So if I did…'); None when the line has no speaker label."""
    match = _PREFIX_RE.match(line)
    if match is None:
        return None
    name = match.group("name").strip()
    text = match.group("text")
    if text.startswith("//") or not looks_like_speaker(name):
        return None
    return name, text.strip()
