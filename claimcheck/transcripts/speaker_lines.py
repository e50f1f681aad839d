"""Plain speaker lines: `Speaker: text` or `SPEAKER NAME: text`, with optional stamps.

    [00:12:34] Lex Fridman: What do you think about open source?
    Mark Zuckerberg (12:40): I think it's the right call.
    Lines without a label continue the current speaker's turn.

Stamps may lead the line (`[00:12:34]`, `(12:34)`), follow the name (`Lex (00:12:34):`), or stand with the
name on a header line (`Speaker 1  0:03`, text below). A turn ends where the next stamped turn starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from claimcheck.models import Utterance
from claimcheck.transcripts.base import (
    ReaderInput,
    ReaderOutput,
    SniffSample,
    looks_like_speaker,
    split_speaker_prefix,
)
from claimcheck.transcripts.source import clean_text
from claimcheck.transcripts.timecodes import TimecodeValueError, clock_seconds

# Share of non-blank lines that must carry a speaker label for a file to be read as speaker lines.
# Interviews with long answers wrapped over several lines still label one line in three or four;
# articles that happen to contain a "Name: quote" line or two stay well under it.
MIN_LABELLED_SHARE = 0.25
# With a single labelled line, it must make up half the text (a one-turn snippet).
MIN_SINGLE_LABEL_SHARE = 0.5

_STAMP = r"\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?"
_LEADING_STAMP_RE = re.compile(rf"^\s*(?P<stamp>[\[(]{_STAMP}[\])])\s*")
# A name ends with a non-space character, so that the spaces before a stamp are tried once per run, not
# once per space (`.+?\s*` took seconds on a long run of spaces), and nothing around the stamp is read by two
# overlapping `\s*`.
_NAME_STAMP_RE = re.compile(rf"^(?P<name>.*?\S)\s*(?P<stamp>[\[(]{_STAMP}[\])])$")
_HEADER_RE = re.compile(
    rf"^\s*(?P<name>[^\d\[(:\s](?:[^:]*?[^:\s])?)\s+(?P<stamp>[\[(]?{_STAMP}[\])]?)\s*(?::\s*)?$"
)


def stamp_seconds(stamp: str) -> float:
    return clock_seconds(stamp.strip("[]()"))


@dataclass
class _Turn:
    speaker: str | None
    stamp: str | None
    parts: list[str] = field(default_factory=list)
    line: int | None = None

    def add(self, text: str, number: int) -> None:
        if text:
            self.parts.append(text)
            if self.line is None:
                self.line = number


@dataclass
class _Parsed:
    speaker: str | None
    named: bool
    stamp: str | None
    text: str


def parse_line(line: str) -> _Parsed:
    """Split one line into (speaker label, stamp, text); `named` is False for continuation lines."""
    stamp: str | None = None
    rest = line.strip()
    leading = _LEADING_STAMP_RE.match(rest)
    if leading:
        stamp = leading.group("stamp")
        rest = rest[leading.end() :]
    header = _HEADER_RE.match(rest)
    if header and looks_like_speaker(header.group("name")):
        return _Parsed(header.group("name").strip(), True, stamp or header.group("stamp"), "")
    prefixed = split_speaker_prefix(rest)
    if prefixed is None:
        # A bare name with a stamp before the colon: "Lex (00:12:34): text".
        colon = rest.find(":", rest.find(")") if ")" in rest else 0)
        candidate = _NAME_STAMP_RE.match(rest[:colon]) if colon > 0 else None
        if candidate and looks_like_speaker(candidate.group("name")):
            text = rest[colon + 1 :].strip()
            return _Parsed(candidate.group("name").strip(), True, stamp or candidate.group("stamp"), text)
        return _Parsed(None, False, stamp, rest)
    name, text = prefixed
    trailing = _LEADING_STAMP_RE.match(text)
    if trailing:
        stamp = stamp or trailing.group("stamp")
        text = text[trailing.end() :]
    return _Parsed(name, True, stamp, text)


def count_labelled_lines(lines: list[str]) -> tuple[int, int]:
    """(lines with a speaker label, non-blank lines): what the sniffer weighs."""
    labelled = nonblank = 0
    for line in lines:
        if not line.strip():
            continue
        nonblank += 1
        if parse_line(line).named:
            labelled += 1
    return labelled, nonblank


def sniff_speaker_lines(sample: SniffSample) -> bool:
    """Enough of the body's lines carry a speaker label."""
    labelled, nonblank = count_labelled_lines([line for _, line in sample.numbered])
    share = labelled / nonblank
    return (labelled >= 2 and share >= MIN_LABELLED_SHARE) or (
        labelled == 1 and share >= MIN_SINGLE_LABEL_SHARE
    )


def read_speaker_lines(source: ReaderInput) -> ReaderOutput:
    lines, body_start = source.lines, source.body_start
    warnings: list[str] = []
    turns: list[_Turn] = []
    for index in range(body_start, len(lines)):
        if not lines[index].strip():
            continue
        number = index + 1
        parsed = parse_line(lines[index])
        if parsed.named or parsed.stamp is not None or not turns:
            speaker = parsed.speaker if parsed.named else (turns[-1].speaker if turns else None)
            turns.append(_Turn(speaker=speaker, stamp=parsed.stamp))
        turns[-1].add(clean_text(parsed.text), number)
    utterances: list[Utterance] = []
    starts: list[float | None] = []
    for turn in turns:
        start: float | None = None
        if turn.stamp is not None:
            try:
                start = stamp_seconds(turn.stamp)
            except TimecodeValueError as exc:
                warnings.append(f"line {turn.line}: stamp {turn.stamp} ignored ({exc})")
        if not turn.parts:
            warnings.append(f"speaker {turn.speaker!r} at stamp {turn.stamp or '-'} has no text; skipped")
            continue
        starts.append(start)
        utterances.append(
            Utterance(
                index=len(utterances),
                speaker=turn.speaker,
                text=clean_text(" ".join(turn.parts)),
                start=start,
                timecode=turn.stamp,
                line=turn.line,
            )
        )
    _fill_ends(utterances, starts, warnings)
    return ReaderOutput(utterances=utterances, warnings=warnings)


def _fill_ends(utterances: list[Utterance], starts: list[float | None], warnings: list[str]) -> None:
    """A stamped turn ends where the next stamped turn starts; stamps that go backwards are warned about."""
    last_start: float | None = None
    for i, utt in enumerate(utterances):
        if utt.start is None:
            continue
        if last_start is not None and utt.start < last_start:
            warnings.append(f"line {utt.line}: stamp {utt.timecode} is earlier than the previous stamp")
        last_start = utt.start
        following = next((s for s in starts[i + 1 :] if s is not None), None)
        if following is not None and following >= utt.start:
            utt.end = following
