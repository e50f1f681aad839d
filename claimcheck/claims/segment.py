"""Sentences as said, with where they were said.

1. `segment`: consecutive turns of one speaker are joined where a sentence runs across the turn boundary
   (a caption cue that ends mid-sentence; only for formats whose `joinable_turns` capability says their
   turns are cut by time), spaCy splits the joined text into sentences, and each sentence keeps the
   speaker, time span, timecode, utterance index and line of the turns it came from. A text longer than
   `parse_chunk_chars` (or than spaCy's `nlp.max_length`) is parsed in pieces cut at a sentence end.
2. `split_overlong`: a sentence longer than `max_claim_words` words is cut into consecutive windows of at
   most that many words, each marked `overlong`.
3. `split_run_on`: a spoken run-on sentence is cut where a coordinating word or a semicolon starts a new
   clause with its own subject, when both sides are long enough to be claims; each clause quotes its own
   words and keeps the sentence's speaker and span.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Span, Token

from claimcheck.claims.syntax import SUBJECT_PRONOUNS, content_words, subjects_of
from claimcheck.models import Transcript, Utterance
from claimcheck.progress import NO_PROGRESS, Progress
from claimcheck.settings import Settings
from claimcheck.transcripts.formats import format_spec

# A sentence that spans several turns and runs longer than this many words is unpunctuated speech
# (ASR output) that spaCy could not split; it is cut back at the turn boundaries.
MAX_SPANNING_SENTENCE_WORDS = 60
# What `segment` parses at once when its caller names no limit (see the setting).
DEFAULT_CHUNK_CHARS: int = Settings.model_fields["parse_chunk_chars"].default
# Where a piece of an over-long text may end, best first: after a sentence's end, else after a space.
_SENTENCE_BREAKS = (". ", "? ", "! ", "… ")


@dataclass(frozen=True)
class Sentence:
    """One sentence as said, with where it was said."""

    span: Span
    speaker: str | None
    start: float | None
    end: float | None
    timecode: str | None
    utterance_index: int
    line: int | None
    # Set on the clauses `split_run_on` cuts from a sentence: the whole sentence, and the subject of the
    # clause before this one ("Llama 3.1 405B" for "it supports eight languages").
    whole: Span | None = None
    antecedent: str | None = None
    # Set on the windows `split_overlong` cuts from a sentence longer than `max_claim_words` words.
    overlong: bool = False

    @property
    def text(self) -> str:
        return str(self.span.text).strip()

    @property
    def sentence_text(self) -> str:
        """The whole sentence this one was cut from (itself when it was not cut)."""
        return str((self.whole if self.whole is not None else self.span).text).strip()


_TERMINAL_RE = re.compile(r"[.?!…][\"'”’)\]]*$")


def _ends_sentence(text: str) -> bool:
    return _TERMINAL_RE.search(text.rstrip()) is not None


def _turn_groups(transcript: Transcript) -> list[list[Utterance]]:
    """Consecutive turns of one speaker, joined while the earlier turn stops mid-sentence."""
    groups: list[list[Utterance]] = []
    joinable = format_spec(transcript.format).joinable_turns
    for utt in transcript.utterances:
        if (
            joinable
            and groups
            and groups[-1][-1].speaker == utt.speaker
            and not _ends_sentence(groups[-1][-1].text)
        ):
            groups[-1].append(utt)
        else:
            groups.append([utt])
    return groups


def _join_timecodes(first: str | None, last: str | None) -> str | None:
    """'00:01 - 00:02' + '00:03 - 00:04' -> '00:01 - 00:04', keeping the file's own separator."""
    if first is None or last is None or first == last:
        return first
    head = re.match(r"^(.*?)(\s*(?:-->|[-–—])\s*)(.*)$", first)
    tail = re.match(r"^(.*?)(\s*(?:-->|[-–—])\s*)(.*)$", last)
    if head is None or tail is None:
        return first
    return f"{head.group(1)}{head.group(2)}{tail.group(3)}"


def _word_count(span: Span) -> int:
    return len(content_words(span))


def _cut_at_turns(span: Span, bounds: Sequence[tuple[int, int]]) -> list[Span]:
    """A run-on span split where the turns it covers begin and end."""
    pieces: list[Span] = []
    for begin, end in bounds:
        lo, hi = max(begin, span.start_char), min(end, span.end_char)
        if hi <= lo:
            continue
        piece = span.doc.char_span(lo, hi, alignment_mode="expand")
        if piece is not None and piece.text.strip():
            pieces.append(piece)
    return pieces or [span]


def _time_bounds(said: Sequence[Utterance]) -> tuple[Utterance, Utterance]:
    """The turns whose start and end bound a sentence said across `said`: the earliest start and the
    latest end among the turns that have one. Cues may overlap or come out of order, so these need not be
    the first and the last turn (a span from the first's start to the last's end could end before it
    starts)."""
    started = [u for u in said if u.start is not None]
    ended = [u for u in said if u.end is not None]
    earliest = min(started, key=lambda u: u.start or 0.0) if started else said[0]
    latest = max(ended, key=lambda u: u.end or 0.0) if ended else said[-1]
    return earliest, latest


def _sentence_from(span: Span, group: Sequence[Utterance], bounds: Sequence[tuple[int, int]]) -> Sentence:
    covered = [i for i, (begin, end) in enumerate(bounds) if begin < span.end_char and end > span.start_char]
    first = group[covered[0]]
    earliest, latest = _time_bounds([group[i] for i in covered])
    return Sentence(
        span=span,
        speaker=first.speaker,
        start=earliest.start,
        end=latest.end,
        timecode=_join_timecodes(earliest.timecode, latest.timecode),
        utterance_index=first.index,
        line=first.line,
    )


def _pieces(text: str, limit: int) -> list[tuple[int, int]]:
    """`text` as consecutive [start, end) pieces of at most `limit` characters, each cut after the last
    sentence end in its second half, else after the last space, else at the limit."""
    pieces: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        floor = start + limit // 2
        cut = max((text.rfind(mark, floor, end) + len(mark) for mark in _SENTENCE_BREAKS), default=-1)
        if cut < floor + 1:
            cut = text.rfind(" ", floor, end) + 1
        if cut <= floor:
            cut = end
        pieces.append((start, cut))
        start = cut
    pieces.append((start, len(text)))
    return pieces


def _parse_units(
    groups: Sequence[Sequence[Utterance]], limit: int
) -> list[tuple[str, Sequence[Utterance], list[tuple[int, int]]]]:
    """(text to parse, its turns, each turn's [start, end) in that text) for every turn group, a group
    longer than `limit` characters cut into pieces (a turn outside a piece gets an empty span there)."""
    units: list[tuple[str, Sequence[Utterance], list[tuple[int, int]]]] = []
    for group in groups:
        bounds: list[tuple[int, int]] = []
        offset = 0
        for utt in group:
            bounds.append((offset, offset + len(utt.text)))
            offset += len(utt.text) + 1
        text = " ".join(utt.text for utt in group)
        for start, end in _pieces(text, limit):
            clipped = [(min(max(b, start), end) - start, min(max(e, start), end) - start) for b, e in bounds]
            units.append((text[start:end], group, clipped))
    return units


def segment(
    transcript: Transcript,
    nlp: Language,
    *,
    chunk_chars: int = DEFAULT_CHUNK_CHARS,
    progress: Progress = NO_PROGRESS,
) -> list[Sentence]:
    """Every sentence of the transcript in order, with its speaker and time span. Texts are parsed at most
    `chunk_chars` characters (and fewer than spaCy's `nlp.max_length`) at a time; each text parsed is
    reported to `progress` ("Parsing sentences")."""
    units = _parse_units(_turn_groups(transcript), min(chunk_chars, nlp.max_length - 1))
    texts = [text for text, _, _ in units]
    sentences: list[Sentence] = []
    with progress.stage("Parsing sentences", total=len(texts)) as advance:
        for doc, (_, group, bounds) in zip(nlp.pipe(texts), units, strict=True):
            for sent in doc.sents:
                if not any(ch.isalnum() for ch in sent.text):
                    continue
                spans_turns = sum(1 for b, e in bounds if b < sent.end_char and e > sent.start_char) > 1
                pieces = (
                    _cut_at_turns(sent, bounds)
                    if spans_turns and _word_count(sent) > MAX_SPANNING_SENTENCE_WORDS
                    else [sent]
                )
                sentences.extend(_sentence_from(piece, group, bounds) for piece in pieces)
            advance(1)
    return sentences


# Words that join two independent clauses in speech ("…, and it supports…", "…, so the trend…").
_CLAUSE_JOINERS = frozenset({"and", "but", "so", "yet", "or"})
# Words that may sit between the joiner and the next clause's subject ("and, you know, Temasek led it",
# "and then we shipped"); they are left out of both quotes.
_JOINER_FILLERS = frozenset({"you", "know", "like", "um", "uh", "then", "also", "now", "well"})
# A clause headed by one of these is part of another (a relative or adverbial clause), never split off.
_DEPENDENT_DEPS = frozenset(
    {"relcl", "acl", "csubj", "pcomp", "xcomp", "amod", "prep", "pobj", "dobj", "attr"}
)
_RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$"})


def _main_clause(verb: Token, lo: int, hi: int, *, joiner: str | None = None) -> Token | None:
    """`verb`'s subject when `verb` heads an independent clause inside tokens [lo, hi); else None."""
    if verb.pos_ not in ("VERB", "AUX") or verb.dep_ in _DEPENDENT_DEPS:
        return None
    subjects = [s for s in subjects_of(verb) if lo <= s.i < hi and s.i < verb.i]
    if not subjects or subjects[0].tag_ in _RELATIVE_TAGS:
        return None
    marks = [c for c in verb.children if c.dep_ == "mark"]
    # ", so the trend is heading …" is parsed as an adverbial clause marked by "so": the joiner itself.
    if any(not (joiner == "so" and m.lower_ == "so") for m in marks):
        return None
    if verb.dep_ == "advcl" and not marks:
        return None
    return subjects[0]


def _has_main_clause(doc_span: Span) -> bool:
    lo, hi = doc_span.start, doc_span.end
    return any(_main_clause(tok, lo, hi) is not None for tok in doc_span)


def _clause_starts(span: Span) -> list[tuple[int, int, str]]:
    """(end of the clause before, start of the new clause, joiner) for each clause boundary in `span`.

    A boundary is a coordinating word ("and", "but", "so", "yet", "or") or a semicolon, then a new subject
    with its own verb: "…128K context window, and it supports eight languages…".
    """
    doc = span.doc
    found: list[tuple[int, int, str]] = []
    for verb in span:
        subjects = [s for s in subjects_of(verb) if span.start <= s.i < verb.i]
        if not subjects or verb.lower_ in _JOINER_FILLERS:  # "you know" is a filler, not a clause
            continue
        start = subjects[0].left_edge.i
        if start <= span.start:
            continue
        k = start - 1
        joiner: str | None = None
        while k > span.start and (doc[k].is_punct or doc[k].lower_ in _CLAUSE_JOINERS | _JOINER_FILLERS):
            if doc[k].text == ";":
                joiner = joiner or ";"
            elif doc[k].lower_ in _CLAUSE_JOINERS:
                joiner = doc[k].lower_
            k -= 1
        if joiner is None or _main_clause(verb, start, span.end, joiner=joiner) is None:
            continue
        found.append((k + 1, start, joiner))
    return sorted(set(found))


# "…, and they're all full-time", "…, and they didn't offset any of it": a pronoun, then (within a few
# words) all, any, none or every: a clause that says how far the one before it goes.
_UNIVERSAL_TAIL = re.compile(
    r"\A(?:it|they|that|those|these)\b(?:\W+\w+){0,3}?\W+(?:all|any|none|every|each)\b", re.IGNORECASE
)


def _qualifies_left(right: Span) -> bool:
    """The clause after a joiner only widens the one before it to all of what it speaks of ("CVS employs
    over 300,000 people, and they're all full-time"): one assertion, checked (and judged) as one."""
    return bool(_UNIVERSAL_TAIL.match(right.text))


def split_run_on(sentence: Sentence, *, min_words: int) -> list[Sentence]:
    """A spoken run-on sentence cut into its independent clauses, each long enough to be a claim on its own.

    "Llama 3.1 405B has a 128K context window, and it supports eight languages" becomes two sentences with
    the same speaker and time span; each quote is the verbatim text of its clause, without the joiner.
    Questions and sentences with one clause come back unchanged.
    """
    span = sentence.span
    if sentence.text.endswith("?"):
        return [sentence]
    cuts: list[tuple[int, int]] = []
    piece_start = span.start
    for left_end, right_start, _ in _clause_starts(span):
        left = span.doc[piece_start:left_end]
        right = span.doc[right_start : span.end]
        if (
            right_start <= piece_start
            or _word_count(left) < min_words
            or _word_count(right) < min_words
            or not _has_main_clause(left)
            or _qualifies_left(right)
        ):
            continue
        cuts.append((left_end, right_start))
        piece_start = right_start
    if not cuts:
        return [sentence]
    bounds = [(span.start, cuts[0][0])]
    bounds += [(cuts[i][1], cuts[i + 1][0] if i + 1 < len(cuts) else span.end) for i in range(len(cuts))]
    pieces: list[Sentence] = []
    for begin, end in bounds:
        piece = span.doc[begin:end]
        antecedent = _subject_phrase(pieces[-1].span, piece) if pieces else None
        whole = sentence.whole if sentence.whole is not None else span
        pieces.append(dataclasses.replace(sentence, span=piece, whole=whole, antecedent=antecedent))
    return pieces


def split_overlong(sentence: Sentence, *, max_words: int) -> list[Sentence]:
    """A sentence of more than `max_words` words cut into consecutive windows of (about) equal length, at
    most `max_words` words each and marked `overlong`; a shorter sentence comes back unchanged. Each
    window quotes its own words; its `whole` is the window with the windows on either side (the whole
    sentence when it has at most three), so that a run-on caption of any length is never copied whole
    into each of its claims."""
    span = sentence.span
    # a word is what spaces delimit ("Meta's" is one), and a lone punctuation mark is none
    words = [
        tok.i
        for tok in span
        if (tok.i == span.start or span.doc[tok.i - 1].whitespace_) and not (tok.is_punct or tok.is_space)
    ]
    if len(words) <= max_words:
        return [sentence]
    count = -(-len(words) // max_words)  # windows needed
    size = -(-len(words) // count)  # words per window
    starts = [span.start] + [words[k] for k in range(size, len(words), size)]
    ends = [*starts[1:], span.end]
    last = len(starts) - 1
    return [
        dataclasses.replace(
            sentence,
            span=span.doc[begin:end],
            whole=span.doc[starts[max(k - 1, 0)] : ends[min(k + 1, last)]],
            overlong=True,
        )
        for k, (begin, end) in enumerate(zip(starts, ends, strict=True))
    ]


# Longest subject phrase carried over to the next clause as "[…]".
MAX_ANTECEDENT_WORDS = 6


def _subject_phrase(clause: Span, following: Span) -> str | None:
    """The subject of `clause` ("Llama 3.1 405B"), when `following` opens with a pronoun that can refer to it
    ("it" takes a singular noun, "they" any)."""
    pronoun = following[0].lower_ if len(following) else ""
    if pronoun not in SUBJECT_PRONOUNS:
        return None
    for tok in clause:
        subject = _main_clause(tok, clause.start, clause.end)
        if subject is None:
            continue
        phrase = clause.doc[subject.left_edge.i : subject.right_edge.i + 1]
        if (
            subject.pos_ not in ("NOUN", "PROPN")
            or (pronoun == "it" and subject.tag_ in ("NNS", "NNPS"))
            or len(phrase) > MAX_ANTECEDENT_WORDS
            or any(t.pos_ in ("VERB", "PRON") for t in phrase)
            # "Emissions were …, and they …": a bare plural noun is not who "they" are
            or (len(phrase) == 1 and subject.tag_ == "NNS")
        ):
            return None
        return str(phrase.text)
    return None
