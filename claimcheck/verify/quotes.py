"""Pick the words to quote from a passage: always an exact substring of the raw source."""

from __future__ import annotations

import re

from claimcheck.corpus.tables import is_table_row
from claimcheck.models import Evidence, Passage, Stance
from claimcheck.quantities import figures

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'$])|\n\s*\n|\n(?=\|)")
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    "the a an of in on to and or for is was were be by with as at that this it its from".split()
)


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence or table row in `text`, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    trimmed: list[tuple[int, int]] = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            trimmed.append((s, e))
    return trimmed


def best_quote(passage: Passage, claim_text: str, *, max_sentences: int = 2) -> tuple[str, int, int]:
    """The passage's sentence (or two adjacent ones) that best matches the claim.

    Sentences sharing the claim's figures rank first, then word overlap. The returned span is absolute
    (into the source document), and `quote == raw[start:end]` holds by construction.
    """
    raw = passage.raw_text
    spans = sentence_spans(raw)
    if not spans or is_table_row(passage.text, raw, passage.cells):
        # A table row is quoted whole: its figure means something only with its label.
        return raw, passage.start, passage.end
    claim_words = _words(claim_text)
    claim_units = {q.unit for q in figures(claim_text)}

    def score(span: tuple[int, int]) -> tuple[float, int]:
        sent = raw[span[0] : span[1]]
        overlap = len(claim_words & _words(sent)) / (len(claim_words) or 1)
        shared_units = len(claim_units & {q.unit for q in figures(sent)})
        return (shared_units + overlap, -span[0])

    best = max(range(len(spans)), key=lambda i: score(spans[i]))
    start, end = spans[best]
    if max_sentences > 1 and end - start < 80 and best + 1 < len(spans):
        end = spans[best + 1][1]
    return raw[start:end], passage.start + start, passage.start + end


def make_evidence(passage: Passage, claim_text: str, score: float, stance: Stance | None = None) -> Evidence:
    quote, start, end = best_quote(passage, claim_text)
    return Evidence(
        passage=passage, quote=quote, quote_start=start, quote_end=end, score=score, stance=stance
    )
