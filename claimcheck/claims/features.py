"""The named features behind a sentence's check-worthiness (`FEATURE_NAMES`), each in [0, 1].

Figures, entities, comparatives, forward-looking and factual verbs, minus questions, back-channel, and the
interview-genre features: greetings and thanks, requests, guest introductions, personal stories, asides and
evaluative remarks.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from claimcheck.claims.syntax import clause_subject, content_words, subjects_of
from claimcheck.quantities import Unit, extract_quantities

# `sentence_features` flags a sentence as short under this many words unless told otherwise
# (the default of `Settings.min_claim_words`).
DEFAULT_MIN_WORDS = 5
# Words past which a sentence's length stops adding to its score.
LENGTH_SATURATION_WORDS = 25


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
        and (subjects_of(child) or child.dep_ == "ccomp")
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
            verb = tok.head  # (a modal said alone, "They will.", is its own head and still looks ahead)
        elif tok.lower_ in ("going", "gon") and tok.tag_ == "VBG":
            verb = next((c for c in tok.children if c.dep_ == "xcomp"), None)
        elif tok.lemma_.lower() in _PLAN_LEMMAS and tok.pos_ == "VERB":
            verb = next((c for c in tok.children if c.dep_ in ("xcomp", "ccomp")), None)
        if verb is None:
            continue
        subject = clause_subject(verb) or clause_subject(tok)
        if subject is not None and subject.lower_ in _FIRST_SINGULAR:
            if tok.lemma_.lower() in _PLAN_LEMMAS and subjects_of(verb):
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
    if root.tag_ != "VB" or subjects_of(root):
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
            if clause.pos_ in ("VERB", "AUX") or clause.head.i == clause.i:
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
    subject = clause_subject(root)
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
        subject = clause_subject(tok)
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
        subject = clause_subject(tok)
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
    words = content_words(sent)
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
