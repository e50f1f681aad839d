"""What in a clause leans on context: `find_trigger` and the `Trigger` it returns.

A pronoun ("it", "they", "he"), a possessive ("its", "their"), "that one", "the big one", "both of them",
"the company", or, when the clause names no company, the whole clause (a bare measure: "Net income was about
three billion"); with the kinds of name that fit it and how the name goes in (`EditMode`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from spacy.tokens import Span, Token

from claimcheck.claims.entities import EntityKind
from claimcheck.claims.lexicon import NOT_SUBJECTS
from claimcheck.claims.mentions import Mention, said_with_owner

# Subjects that are nobody in particular, or the speakers themselves: never resolved.
_GENERIC_SUBJECTS = frozenset(
    "i we you me us people everyone everybody nobody someone somebody anyone anybody everything nothing "
    "something anything there here who what one".split()
)
# Nouns that name a model, a company or a deal by description ("the model", "this company").
_MODEL_NOUNS = frozenset({"model", "models", "one", "version", "release", "card"})
_COMPANY_NOUNS = frozenset({"company", "firm", "startup", "business"})
# "The company …", "this model …": the description says what kind of name it stands for.
_DESCRIPTION_KINDS = {
    **dict.fromkeys(_COMPANY_NOUNS, EntityKind.COMPANY),
    "model": EntityKind.MODEL,
    "models": EntityKind.MODEL,
}
_SAYING_LEMMAS = frozenset({"say", "tell", "report", "claim", "announce", "write", "post", "tweet"})
_SINGULAR_PRONOUNS = frozenset({"it", "its"})
_PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs"})
_PERSON_PRONOUNS = frozenset({"he", "she", "his", "her", "him"})
_POSSESSIVES = frozenset({"its", "their", "his", "her"})
_DEMONSTRATIVES = frozenset({"that", "this"})
_SIZE_ADJECTIVES = {
    "big": 1,
    "bigger": 1,
    "biggest": 1,
    "large": 1,
    "larger": 1,
    "largest": 1,
    "small": -1,
    "smaller": -1,
    "smallest": -1,
    "little": -1,
    "tiny": -1,
}


class EditMode(StrEnum):
    REPLACE = "replace"  # tokens [start, end) become the text
    AFTER = "after"  # the text follows token end - 1
    PREFIX = "prefix"  # the text goes in front of the claim


@dataclass(frozen=True)
class Trigger:
    """What in a clause leans on context: the words, where they are, how they are replaced, what fits."""

    words: str
    start: int
    end: int
    mode: EditMode
    kinds: frozenset[EntityKind]
    possessive: bool = False
    plural: bool = False
    size: int = 0  # "the big one" 1, "the small one" -1
    other: bool = False  # "the other one": not the one the clause before was about
    owner: str | None = None  # the company of the product or segment the clause names ("Consumer" -> Verizon)
    topics_only: bool = False  # a product or segment of whose company: only the talk's companies fit


_ALL_KINDS = frozenset({EntityKind.COMPANY, EntityKind.SEGMENT, EntityKind.PRODUCT, EntityKind.MODEL})
_ORG_KINDS = frozenset({EntityKind.COMPANY, EntityKind.MODEL})
# "They", "their": a company (a model is "it"; two models are "both of them")
_COMPANY_KINDS = frozenset({EntityKind.COMPANY})
_PERSON_KINDS = frozenset({EntityKind.PERSON})


def _main_subject(span: Span) -> Token | None:
    root = span.root
    for tok in [root, *[t for t in span if t.dep_ in ("ROOT", "ccomp", "conj") and t.head == root]]:
        for child in tok.children:
            if child.dep_ in ("nsubj", "nsubjpass", "expl") and span.start <= child.i < span.end:
                return child
    for tok in span:  # a clause cut from a run-on sentence may hang under a head outside it
        if tok.dep_ in ("nsubj", "nsubjpass") and span.start <= tok.head.i < span.end:
            return tok
    return None


def _skip_fillers(span: Span) -> Token | None:
    """The clause's first word that is not a filler or discourse marker ("Yeah and the, the big one")."""
    skip = {
        "yeah",
        "yes",
        "so",
        "and",
        "but",
        "well",
        "okay",
        "ok",
        "like",
        "um",
        "uh",
        "oh",
        "i",
        "mean",
        "no",
        "right",
        "also",
        "then",
        "now",
        "honestly",
        "basically",
        "actually",
        "wait",
    }
    for tok in span:
        if tok.is_punct or tok.lower_ in skip:
            continue
        return tok
    return None


def _is_expletive(tok: Token) -> bool:
    """'It' that points at nothing: "it's interesting to see", "it is what it is", "it's been a year"."""
    if tok.dep_ == "expl":
        return True
    head = tok.head
    deps = {child.dep_ for child in head.children}
    if head.lemma_ == "be" and ("xcomp" in deps or "ccomp" in deps) and ("acomp" in deps or "ccomp" in deps):
        return True
    return any(child.dep_ in ("xcomp", "ccomp") for child in head.children if child.dep_ == "acomp")


# Words before "of both" that make it a set phrase, not two things said before ("a bit of both").
_OF_BOTH = frozenset({"bit", "mix", "kind", "combination", "blend", "little", "best", "worst", "lot", "some"})


def _stands_alone(toks: Sequence[Token], i: int) -> bool:
    """Whether "both" at toks[i] stands for two things said before, as a pronoun: after a preposition ("for
    both", "of both") or as a clause's subject ("Both are 128k"), and followed by a verb or the clause's end,
    never by what it counts ("both models", "both of them", "both Scout and Maverick")."""
    after = toks[i + 1] if i + 1 < len(toks) else None
    if after is not None and (after.pos_ not in ("AUX", "VERB", "PUNCT") or after.lower_ in ("of", "and")):
        return False
    if after is not None and after.pos_ == "PUNCT" and any(t.pos_ == "PROPN" for t in toks[i + 2 : i + 4]):
        return False  # "Both, Scout and Maverick, are …": the apposition names them
    before = toks[i - 1] if i > 0 else None
    if before is not None and before.lower_ == "of" and i > 1 and toks[i - 2].lower_ in _OF_BOTH:
        return False  # "a mix of both", "a bit of both": no two things stood for
    return before is None or before.pos_ == "ADP" or toks[i].dep_ in ("nsubj", "nsubjpass", "pobj")


def _one_phrase(span: Span) -> Trigger | None:
    """ "that one", "the big one", "the same", "both of them", "the model", "the company"."""
    toks = list(span)
    for i, tok in enumerate(toks):
        low = tok.lower_
        if (
            low == "one"
            and i > 0
            and toks[i - 1].lower_
            in (
                "that",
                "this",
                "the",
                "big",
                "small",
                "bigger",
                "smaller",
                "biggest",
                "smallest",
                "large",
                "little",
                "other",
            )
        ):
            j = i - 1
            while j > 0 and (
                toks[j - 1].lower_ in ("the", "that", "this") or toks[j - 1].lower_ in _SIZE_ADJECTIVES
            ):
                j -= 1
            size = next((_SIZE_ADJECTIVES[t.lower_] for t in toks[j:i] if t.lower_ in _SIZE_ADJECTIVES), 0)
            if toks[j].lower_ not in ("the", "that", "this") and not size:
                continue
            if i + 1 < len(toks) and toks[i + 1].lower_ in ("of", "who", "that", "which"):
                continue
            if _named_after(toks, i + 1):
                continue  # "added the big one – the four oh five": the apposition names it
            if tok.dep_ == "attr" and any(
                c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON" for c in tok.head.children
            ):
                continue  # "discount revenue is the big one": said of a subject the clause names
            if _is_contracted(toks[j]):
                continue  # "Pharma's the big one": the parse reads "is" as a possessive
            return Trigger(
                str(span.doc[toks[j].i : tok.i + 1].text),
                toks[j].i,
                tok.i + 1,
                EditMode.REPLACE,
                frozenset({EntityKind.MODEL, EntityKind.PRODUCT}),
                size=size,
                other=any(t.lower_ == "other" for t in toks[j:i]),
            )
        if (
            low == "both"
            and i + 2 < len(toks)
            and toks[i + 1].lower_ == "of"
            and toks[i + 2].lower_ == "them"
        ):
            return Trigger(
                "both of them", tok.i, toks[i + 2].i + 1, EditMode.REPLACE, _ORG_KINDS, plural=True
            )
        if low == "both" and _stands_alone(toks, i):
            # "Pre-training for both was about seven point four million GPU hours": two, as "both of them"
            return Trigger("both", tok.i, tok.i + 1, EditMode.REPLACE, _ORG_KINDS, plural=True)
        if low in ("the", "this", "that") and i + 1 < len(toks):
            noun = toks[i + 1]
            kind = _DESCRIPTION_KINDS.get(noun.lower_)
            if kind is not None and noun.dep_ in ("nsubj", "nsubjpass"):
                return Trigger(
                    f"{tok.text} {noun.text}", tok.i, noun.i + 1, EditMode.REPLACE, frozenset({kind})
                )
    return None


def _is_contracted(determiner: Token) -> bool:
    """The word before `determiner` ("the" of "the big one") is an "'s" that says "is", not whose:
    "Pharma's the big one" (a possessive never stands before "the")."""
    doc = determiner.doc
    if determiner.i < 2 or determiner.lower_ not in ("the", "that", "this"):
        return False
    k = determiner.i - 1
    while k > 1 and doc[k].lower_ in _BETWEEN_IS_AND_PHRASE:
        k -= 1  # "Stelara's still the big one"
    mark, name = doc[k], doc[k - 1]
    return mark.lower_ in ("'s", "’s") and name.pos_ in ("PROPN", "NOUN") and name.text[:1].isupper()


# Words said between a contracted "is" and the phrase it says: "Stelara's still the big one", "Pharma's
# really the big one".
_BETWEEN_IS_AND_PHRASE = frozenset(
    "still really definitely clearly easily obviously always basically probably actually also now".split()
)


# What sets off an apposition after a phrase: "the big one – the four oh five", "that one: Maverick".
_APPOSITION_MARKS = frozenset({"–", "—", "-", "--", ":", ","})


def _named_after(toks: Sequence[Token], k: int) -> bool:
    """An apposition at toks[k] names what the phrase before it points at: a mark, then a name ("–
    Maverick") or "the" and a name or number ("– the four oh five", ", the 405B")."""
    if k + 1 >= len(toks) or toks[k].text not in _APPOSITION_MARKS:
        return False
    first = toks[k + 1]
    if first.lower_ == "the" and k + 2 < len(toks):
        name = toks[k + 2]
        if not (name.pos_ == "PROPN" or name.like_num or name.text[:1].isdigit()):
            return False
    elif first.pos_ != "PROPN":
        return False  # ", 405 billion parameters": what it is, not its name
    if toks[k].text == ",":
        # after a comma, only what the parse calls an apposition: "After that one, Meta cut the price" is
        # an opening phrase and then the clause's subject
        return any(t.dep_ == "appos" for t in toks[k + 1 : k + 4])
    return True


def _on_its_own(tok: Token) -> bool:
    """ "on its own", "on their own": an idiom that points back at the clause's own subject."""
    doc = tok.doc
    return (
        tok.i > 0
        and doc[tok.i - 1].lower_ == "on"
        and tok.i + 1 < len(doc)
        and doc[tok.i + 1].lower_ == "own"
    )


def _in_word(tok: Token) -> bool:
    """A token glued by a hyphen to the word before it ("it" of "Post-it")."""
    if tok.i == 0:
        return False
    hyphen = tok.doc[tok.i - 1]
    glued = hyphen.i > 0 and not tok.doc[hyphen.i - 1].whitespace_
    return hyphen.text == "-" and not hyphen.whitespace_ and glued


def find_trigger(span: Span, named: Sequence[Mention]) -> Trigger | None:
    """What `span` leans on context for, if anything: a pronoun, "that one", a possessive, or — when the
    clause names nothing and its subject is not a person or everyone — the whole clause."""
    phrase = _one_phrase(span)
    if phrase is not None and not any(m.start <= phrase.start < m.end for m in named):
        return phrase
    subject = _main_subject(span)
    if subject is not None and _cites_source(subject):
        # "…, and they say a hundred percent offset", "Seventy three percent full-time, it says": the pronoun
        # is the document read (or its authors), not what the clause is about: a name the clause says is
        # that; with none, "it" leans on the talk like any clause that names nothing
        if any(m.entity.kind in (EntityKind.COMPANY, EntityKind.MODEL) for m in named):
            return None
        if subject.lower_ == "it":
            subject = None
    if subject is not None and subject.lower_ in _SINGULAR_PRONOUNS | _PLURAL_PRONOUNS | _PERSON_PRONOUNS:
        if _in_word(subject):
            subject = None  # "Post-it's gotta be like a billion": a name, no pronoun
        elif subject.lower_ == "it" and _is_expletive(subject):
            subject = None
        else:
            low = subject.lower_
            after = span.doc[subject.i + 1] if subject.i + 1 < span.end else None
            if low == "they" and after is not None and after.lower_ == "both":
                # "And they both have the ten million token window": two, as "both of them"
                return Trigger("they both", subject.i, after.i + 1, EditMode.REPLACE, _ORG_KINDS, plural=True)
            kinds = (
                _PERSON_KINDS
                if low in _PERSON_PRONOUNS
                else (_COMPANY_KINDS if low in _PLURAL_PRONOUNS else _ALL_KINDS)
            )
            return Trigger(
                subject.text,
                subject.i,
                subject.i + 1,
                EditMode.REPLACE,
                kinds,
                plural=low in _PLURAL_PRONOUNS,
            )
    named_subject = any(m.subject for m in named)
    for tok in span:
        if tok.lower_ in _POSSESSIVES and tok.dep_ == "poss" and not named_subject and not _on_its_own(tok):
            low = tok.lower_
            kinds = (
                _PERSON_KINDS if low in ("his", "her") else (_COMPANY_KINDS if low == "their" else _ALL_KINDS)
            )
            return Trigger(
                tok.text, tok.i, tok.i + 1, EditMode.REPLACE, kinds, possessive=True, plural=low == "their"
            )
    if named:
        # "Consumer did 103.5 billion", "Comirnaty alone was 36.8 billion": a segment or product, no company
        if any(m.entity.kind in (EntityKind.COMPANY, EntityKind.MODEL, EntityKind.PERSON) for m in named):
            return None
        owner = next((m.entity.company for m in named if m.entity.company), None)
        if owner is not None and any(said_with_owner(m, span.doc, owner) for m in named):
            return None  # "Meta AI outperforms competitors": the part's own name says whose it is
        return Trigger(
            named[0].entity.name,
            span.start,
            span.start,
            EditMode.PREFIX,
            frozenset({EntityKind.COMPANY}),
            owner=owner,
            topics_only=True,
        )
    if subject is not None:
        if _generic(subject) or subject.lower_ in _PERSON_PRONOUNS:
            return None
        if any(c.dep_ == "poss" and c.lower_ in ("our", "my", "your") for c in subject.children):
            return None  # "Our revenue grew 300 percent": the speaker says whose
        if subject.pos_ == "PROPN" and subject.head.lemma_.lower() in _SAYING_LEMMAS:
            return None  # "Hugging Face said …": a source is named
        if (
            subject.pos_ == "PROPN"
            and subject.lower_ not in NOT_SUBJECTS
            and (
                subject.ent_type_ in ("ORG", "PERSON", "PRODUCT", "WORK_OF_ART")
                or not any(t.like_num for t in span)
            )
        ):
            return None  # a name the tracker does not know is still a name ("North America grew 33%" is not)
        if subject.lower_ in _DEMONSTRATIVES or subject.pos_ in ("NOUN", "NUM", "ADJ", "PRON", "PROPN"):
            words = str(span.doc[subject.left_edge.i : subject.right_edge.i + 1].text)
            kinds = (
                frozenset({EntityKind.MODEL})
                if subject.lower_ in _MODEL_NOUNS
                else frozenset({EntityKind.COMPANY})
                if subject.lower_ in _COMPANY_NOUNS
                else _ORG_KINDS
            )
            return Trigger(words, span.start, span.start, EditMode.PREFIX, kinds)
        return None
    if any(
        _generic(tok) or tok.lower_ in _PERSON_PRONOUNS for tok in span if tok.dep_ in ("nsubj", "nsubjpass")
    ):
        return None
    first = _skip_fillers(span)
    if first is None:
        return None
    return Trigger(first.text, span.start, span.start, EditMode.PREFIX, _ORG_KINDS)


# What a document (or its authors) does with what it prints: "it says", "they write", "it lists".
_SOURCE_LEMMAS = frozenset({"say", "write", "state", "list", "note", "show"})


def _cites_source(subject: Token) -> bool:
    """A pronoun ("it", "they") that is the subject of a verb of what a document says."""
    return subject.lower_ in ("it", "they") and subject.head.lemma_.lower() in _SOURCE_LEMMAS


def _generic(tok: Token) -> bool:
    """A subject that is nobody in particular ("we", "people", "us"); "US" in capitals that was or grew
    something is a company's region ("US was forty eight point six billion", "Even the US grew like fifty
    percent"; not "The US approved …", "US spends four trillion a year on healthcare")."""
    return tok.lower_ in _GENERIC_SUBJECTS and not _us_as_region(tok)


# What a region of a company's sales does in a clause ("US was …", "US grew twelve percent").
_REGION_LEMMAS = frozenset("be grow decline fall rise drop do shrink jump slow account".split())


def _us_as_region(tok: Token) -> bool:
    """ "US" in capitals as the subject of a verb a region's sales take, not of a country's doing."""
    return (
        tok.text == "US"
        and tok.head.lemma_.lower() in _REGION_LEMMAS
        and not any(t.lower_ == "country" for t in tok.head.subtree)
    )


def names_no_one(word: str) -> bool:
    """Whether an unresolved `word` is a pronoun or a "that one" phrase (it, they, their, the big one), as
    opposed to a measure or a name the tracker did not know ("Revenue", "Northwind revenue")."""
    words = word.lower().split()
    pronouns = _SINGULAR_PRONOUNS | _PLURAL_PRONOUNS | _PERSON_PRONOUNS | _DEMONSTRATIVES
    return bool(words) and (words[0] in pronouns or words[-1] in ("one", "them", "same"))
