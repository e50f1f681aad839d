"""The names one clause uses: `Mention`s found by `mentions` in a parsed span.

Lexicon names, model names ("Llama 3.1 405B", "GPT-4o"), spoken versions and sizes of known models ("three
point one", "four oh five", "the 8B"), and spaCy's ORG, PRODUCT and PERSON entities; each marked as the
clause's grammatical subject or not, as said aloud (the rewording puts "[Name]" after it) and as a foil.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from claimcheck.claims.entities import (
    COMMON_SIZES,
    FAMILY_BEFORE,
    MODEL_RE,
    SIZE_RE,
    VARIANTS,
    Entity,
    EntityKind,
    base_model,
    model_entity,
    parse_model,
    spoken_size,
)
from claimcheck.claims.lexicon import KNOWN_COMPANIES, NOT_SUBJECTS, Lexicon
from claimcheck.quantities import Bound
from claimcheck.quantities.hedges import bound_before
from claimcheck.quantities.names import in_name, name_spans
from claimcheck.text import MONTH_NAMES, WEEKDAY_NAMES


@dataclass(frozen=True)
class Mention:
    entity: Entity
    start: int  # token indices into the doc
    end: int
    subject: bool  # the grammatical subject of its clause (or inside it)
    spoken: bool = False  # a spoken or partial form ("three point one", "the 8B"): the text gets "[Name]"
    contrasted: bool = False  # named as a foil ("rivals like Apple", "more than Google"): less salient


# Prepositions that bring in a foil rather than the topic: "an edge over rivals like Apple".
_FOIL_PREPOSITIONS = frozenset({"like", "than", "over", "versus", "vs", "against", "unlike", "besides"})


# What follows a number said as a figure, never a model's version: "three point three million", "… percent".
_COUNTED = re.compile(r"(?<!\s)\s++(?:thousand|million|billion|trillion|percent|per\s++cent|k|x|times)\b")


def _contrasted(tokens: Sequence[Token]) -> bool:
    current = tokens[-1] if tokens else None
    for _ in range(4):
        if current is None or current.head.i == current.i:
            return False
        if current.dep_ == "pobj" and current.head.lower_ in _FOIL_PREPOSITIONS:
            return True
        current = current.head
    return False


def _is_subject(tokens: Sequence[Token]) -> bool:
    for tok in tokens:
        current = tok
        for _ in range(3):
            if current.dep_ in ("nsubj", "nsubjpass"):
                return True
            if (
                current.dep_ not in ("compound", "poss", "amod", "nmod", "appos", "case", "conj")
                or current.head.i == current.i
            ):
                break
            current = current.head
    return False


def _taken(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < e and end > s for s, e in taken)


def mentions(span: Span, lexicon: Lexicon, focus_model: Entity | None = None) -> list[Mention]:
    """The names `span` uses, in order. A bare size ("the 8B", "four oh five") names a model of
    `focus_model`'s family and version when one is in focus."""
    text = str(span.text)
    lowered = text.lower()
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def add(char_start: int, char_end: int, entity: Entity, *, spoken: bool = False) -> None:
        piece = span.char_span(char_start, char_end, alignment_mode="expand")
        if piece is None or _taken(taken, piece.start, piece.end):
            return
        taken.append((piece.start, piece.end))
        found.append(
            Mention(
                entity, piece.start, piece.end, _is_subject(list(piece)), spoken, _contrasted(list(piece))
            )
        )

    for match in MODEL_RE.finditer(text):
        entity = model_entity(match)
        if entity.version is None and not any(v in entity.name for v in VARIANTS):
            continue  # "Llama" alone is the family
        add(match.start(), match.end(), _known(lexicon, entity))
    for surface in sorted(lexicon.names, key=len, reverse=True):
        for match in re.finditer(rf"(?<![\w-]){re.escape(surface)}(?:['’]s)?(?![\w-])", lowered):
            entity = lexicon.names[surface]
            # ("Vestberg" for Hans Vestberg is written out too)
            spoken = entity.kind in (EntityKind.MODEL, EntityKind.PERSON) and entity.name.lower() != surface
            if spoken and _COUNTED.match(lowered, match.end()):
                continue  # "three point three million GPU hours": a figure, not Llama 3.3
            add(match.start(), match.start() + len(surface), entity, spoken=spoken)
    # "Three point one comes in three sizes, eight, seventy and four oh five": a model named earlier in the
    # clause owns the sizes after it; else the model in focus
    local = [
        (span.doc[m.end - 1].idx + len(span.doc[m.end - 1]) - span.start_char, m.entity)
        for m in found
        if m.entity.kind == EntityKind.MODEL and m.entity.version and not m.entity.size
    ]
    sizes = [(m.start(), m.end(), m.group("size").upper()) for m in SIZE_RE.finditer(text)]
    for size in {m.size for m in lexicon.known_models() if m.size} | COMMON_SIZES:
        for form in spoken_size(size):
            sizes += [(m.start(), m.end(), size) for m in re.finditer(rf"(?<!\w){form}(?!\w)", lowered)]
    for start, end, size in sorted(sizes):
        if _EXPERTS_BEFORE.search(lowered, max(0, start - 12), start) or FAMILY_BEFORE.search(
            lowered, max(0, start - 20), start
        ):
            # "Mixtral eight by seven B", "8x22B": an expert's size, not a model's; "Mistral 7B", "Gemma 2
            # 9B": the size of the model named right before it, read with its name
            continue
        before = [entity for stop, entity in local if stop <= start]
        focus = before[-1] if before else focus_model
        if focus is None or focus.family is None:
            continue
        definite = bool(_DEFINITE_BEFORE.search(lowered, max(0, start - 12), start))
        owner = _owner_of_size(size, base_model(focus), lexicon, definite=definite)
        if owner is None:
            continue
        tail = re.match(r"[ -](instruct|vision)\b", lowered[end:])
        name = f"{owner.name} {size}" + (f" {tail.group(1).title()}" if tail else "")
        end += tail.end() if tail else 0
        entity = Entity(name, EntityKind.MODEL, owner.company, owner.family, owner.version, size)
        if _size_is_name(span, start, end):
            add(start, end, _known(lexicon, entity), spoken=True)
    # a part's name of capitalised words joined by "and" or "&" ("Electronics and Energy", "Safety and
    # Graphics"), which spaCy reads as two names or one of its words: a product or segment of the talk's
    # company whose documents alone print it, of all the corpus's (`Lexicon.printer`); never a pair of
    # companies ("Apple and Google", "Johnson & Johnson"), months or days ("March and April")
    for match in _JOINED_NAME.finditer(text):
        joiner = _JOINER.search(match.group(0))
        if joiner is None or any(lexicon.is_company(side) for side in _JOINER.split(match.group(0))):
            continue
        # ("And Electronics and Energy", "So Safety and Graphics": the words before a name are left out)
        for word in _CAPITALISED_WORD.finditer(match.group(0), 0, joiner.start()):
            name = text[match.start() + word.start() : match.end()]
            if word.group(0) in _NOT_NAME_STARTS or _DATES.search(name) or lexicon.is_company(name):
                continue
            printer = lexicon.printer(name)
            if printer is not None and lexicon.printed_by_one(name):
                add(match.start() + word.start(), match.end(), Entity(name, EntityKind.PRODUCT, printer))
                break
    for ent in span.ents:
        if _taken(taken, ent.start, ent.end):
            continue
        name = str(ent.text).strip()
        bare = name.removesuffix("'s").removesuffix("’s")
        # a company anyone knows, or the corpus has documents of, that spaCy reads as a people or a place
        # ("Verizon still raised the dividend" is NORP to it): a company all the same
        misread = (
            ent.label_ in _MISREAD_LABELS
            and _is_subject(list(ent))  # ("sales in the Amazon region": a place all the same)
            and lexicon.is_company(bare)
        )
        if ent.label_ not in ("ORG", "PRODUCT", "PERSON") and not misread:
            continue
        if _no_name(name, lexicon) or any(tok.like_num for tok in ent):
            continue
        # When the front matter says which company the talk is about, an organisation it does not list and
        # nobody knows is most likely that company's segment or brand ("Optical Communications"); without
        # front matter, spaCy's word is all there is.
        company = misread or (
            ent.label_ in ("ORG", "PERSON") and lexicon.is_company(bare)
        )  # (spaCy's "person" Pfizer of "Pfizer's Prevnar family revenues" is the company)
        company = company or (ent.label_ == "ORG" and not lexicon.topics)
        # a "person" named by a known company and one word more ("Pfizer Prevnar") is that company's product
        # ("Tesla Elon Musk" is a person still)
        person_owner = _owner_named_first(bare, lexicon) if ent.label_ == "PERSON" and not company else None
        owned_person = person_owner is not None and len(bare.split()) == len(person_owner.split()) + 1
        # spaCy's PERSON of ordinary words only ("Pharma", "Document Cloud"), or a one-word plural of one
        # ("Flexibles"), is a product or segment
        person = (
            ent.label_ == "PERSON"
            and not company
            and not owned_person
            and not (lexicon.all_plain(bare) or lexicon.plain_plural(bare))
        )
        kind = EntityKind.PERSON if person else (EntityKind.COMPANY if company else EntityKind.PRODUCT)
        # an organisation named by a known company and more words nobody knows as a company is that company's
        # part ("Verizon Consumer was minus six hundred and fifty five thousand postpaid phones", "the
        # average American Express Card Member"), not a company of its own whose filings nobody has
        part_of = person_owner if owned_person else None
        if company and not misread:
            part_of = _owner_named_first(bare, lexicon)
        if part_of is not None:
            kind = EntityKind.SEGMENT
        taken.append((ent.start, ent.end))
        found.append(
            Mention(
                Entity(bare, kind, part_of),
                ent.start,
                ent.end,
                _is_subject(list(ent)),
                contrasted=_contrasted(list(ent)),
            )
        )
    # a company anyone knows, or the corpus has documents of, written as its name: found by its letters, not
    # by spaCy, which splits "3M" into "3" and "M" and reads "3M's total debt" as a number: a name said as an
    # owner ("Pfizer's Prevnar family revenues") or one written as no word is ("PepsiCo gets", "AT&T"); a
    # name that is a word ("Block by block", "the Amazon region") is left to spaCy and the checks below
    digit_names = name_spans(text)
    for match in _company_names(lexicon).finditer(text):
        if not (match.group(0)[0].isupper() or match.group(0)[0].isdigit()):
            continue
        piece = span.char_span(match.start(), match.end("name"), alignment_mode="expand")
        if piece is None or _taken(taken, piece.start, piece.end):
            continue
        name = match.group("name")
        if not (match.group("owner") or _unlike_a_word(name)):
            continue
        if any(ch.isdigit() for ch in name) and (
            not in_name(digit_names, match.start(), match.end("name"))
            or bound_before(text, match.start()) is not Bound.EXACT
        ):
            continue  # "39.3M GPU hours", "about 3M new subscribers": a count, not 3M
        add(match.start(), match.end("name"), Entity(name, EntityKind.COMPANY))
    # a one-word company anyone knows, or the corpus has documents of, that spaCy reads as no entity at all
    # ("Corning still grew 5 percent")
    for tok in span:
        if (
            tok.pos_ == "PROPN"
            and not tok.ent_type_
            and not _no_name(tok.text, lexicon)
            and _is_subject([tok])
            # one word, not the first or last of a longer name ("Walmart Health", "Uber Eats")
            and not any(0 <= j < len(tok.doc) and tok.doc[j].pos_ == "PROPN" for j in (tok.i - 1, tok.i + 1))
            and not _taken(taken, tok.i, tok.i + 1)
            and lexicon.is_company(tok.text)
        ):
            taken.append((tok.i, tok.i + 1))
            found.append(
                Mention(
                    Entity(tok.text, EntityKind.COMPANY),
                    tok.i,
                    tok.i + 1,
                    _is_subject([tok]),
                    contrasted=_contrasted([tok]),
                )
            )
    found.sort(key=lambda m: m.start)
    return found


def _unlike_a_word(name: str) -> bool:
    """A name written as no word is ("3M", "PepsiCo", "AT&T"): a digit, an "&", or a capital inside a word
    that is not all capitals ("SNAP benefits", "ZOOM calls", "a 300 HP engine" are left to spaCy)."""
    if any(ch.isdigit() or ch == "&" for ch in name):
        return True
    return any(not w.isupper() and any(ch.isupper() for ch in w[1:]) for w in name.split())


_NAME_PATTERNS: dict[frozenset[str], re.Pattern[str]] = {}


def _company_names(lexicon: Lexicon) -> re.Pattern[str]:
    """The names of the companies anyone knows and the corpus's (by their keys), the longer first, each
    with an owner's "'s" after it if said so."""
    names = KNOWN_COMPANIES | lexicon.corpus_companies
    pattern = _NAME_PATTERNS.get(names)
    if pattern is None:
        forms = sorted(
            {re.escape(n).replace(r"\ and\ ", r"\ (?:and|&)\ ") for n in names}, key=len, reverse=True
        )
        pattern = re.compile(rf"(?<![\w&.$-])(?P<name>(?i:{'|'.join(forms)}))(?P<owner>['’]s)?(?![\w&-])")
        _NAME_PATTERNS[names] = pattern
    return pattern


def _no_name(name: str, lexicon: Lexicon) -> bool:
    """A word no subject is named by: an ordinary subject word (`NOT_SUBJECTS`), a speaker, a word not
    capitalised, or an acronym nobody introduced ("DGX", "MAX"), which is not a subject to carry."""
    low = name.lower()
    return (
        low in NOT_SUBJECTS
        or low in lexicon.speakers
        or not name[:1].isupper()
        or len(name) < 2
        or (name.isupper() and len(name) <= 4)
    )


def said_with_owner(mention: Mention, doc: Doc, owner: str) -> bool:
    """Whether a mention was said with the company `owner`'s name in front ("Meta AI", "Verizon Consumer"),
    not alone ("Business", for the front matter's "Verizon Business")."""
    return str(doc[mention.start : mention.end].text).startswith(f"{owner} ")


def _owner_named_first(name: str, lexicon: Lexicon) -> str | None:
    """The known company the name begins with, when the whole name is no company: "Verizon" of "Verizon
    Consumer"; None otherwise."""
    if lexicon.is_company(name):
        return None
    words = name.split()
    for n in range(len(words) - 1, 0, -1):
        first = " ".join(words[:n])
        if lexicon.is_company(first) and not first.endswith(("'s", "’s")):
            return first
    return None


# spaCy's labels for a people or a place, which it sometimes gives a company's name.
_MISREAD_LABELS = frozenset({"NORP", "GPE"})

# Capitalised words joined by "and" or "&" into one name: "Electronics and Energy", "Publishing and
# Advertising".
# (at most four words each side: a name, not a run of capitalised words, which would be read from each word)
_JOINED_NAME = re.compile(
    r"(?<![\w&'’-])[A-Z][a-z]++(?:[ \t]++[A-Z][a-z]++){0,3}+[ \t]++(?:and|&)[ \t]++[A-Z][a-z]++"
    r"(?:[ \t]++[A-Z][a-z]++){0,3}+(?![\w'’-])"
)
_JOINER = re.compile(r"(?<![ \t])[ \t]++(?:and|&)[ \t]++")
_CAPITALISED_WORD = re.compile(r"[A-Z][a-z]++")
# Words a clause opens with that begin no name: "And Electronics and Energy …".
_NOT_NAME_STARTS = frozenset(
    {"And", "So", "But", "Or", "Then", "Now", "The", "Yeah", "Well", "Plus", "Because"}
)
_DATES = re.compile(rf"\b(?:{'|'.join((*MONTH_NAMES, *WEEKDAY_NAMES))})\b")


# A mixture of experts' count before a size: "eight by seven B", "8x22B".
_EXPERTS_BEFORE = re.compile(
    r"(?:\b(?:two|four|six|eight|ten|twelve|sixteen|thirty\s++two|sixty\s++four|\d++)\s++by\s++|\d\s*+x\s*+)$"
)


# A size said as the name of a model the listener knows: "the four oh five", "that 405B", "the old 70B".
_DEFINITE_BEFORE = re.compile(r"\b(?:the|that|this|old)\s++$")


def _owner_of_size(size: str, focus: Entity, lexicon: Lexicon, *, definite: bool = False) -> Entity | None:
    """Whose size a bare "405B" is: the model in focus, unless the transcript names exactly one other family
    and version with that size ("the old four oh five" is Llama 3.1's when the talk is about Llama 4), or the
    corpus prints the focus in no such size and exactly one other of the talk's models in it, or, for a size
    said as a known model's name (`definite`, "the four oh five"), exactly one model of the focus's family."""
    known = {base_model(m).name: base_model(m) for m in lexicon.known_models() if m.size == size}
    if not known:
        # "the 1B" with Llama 2 in focus, in a talk about Llama 3.2 and Llama 2: the corpus prints Llama 2 in
        # 7B, 13B and 70B only, and of the talk's models Llama 3.2 alone in 1B
        printed = lexicon.corpus_sizes.get(focus.name)
        if printed is not None and size not in printed:
            talk = {base_model(m).name: base_model(m) for m in lexicon.known_models()}
            known = {name: m for name, m in talk.items() if size in lexicon.corpus_sizes.get(name, ())}
            if not known and definite:
                # none of the talk's models either: a size said as a known model's name is the one model of
                # the focus's family the corpus prints in that size ("Llama 3.3 beats the four oh five": Llama
                # 3.1's, not a Llama 3.3 405B no card knows); one said as the focus's own ("Llama 3 came out
                # with 8B, 70B and 405B models") stays the focus's, for the check to find it has none
                known = {
                    name: model
                    for name, sizes in lexicon.corpus_sizes.items()
                    if size in sizes
                    and (model := parse_model(name)) is not None
                    and model.family == focus.family
                }
        if len(known) != 1:
            return focus
    elif focus.name in known:
        return focus
    return next(iter(known.values())) if len(known) == 1 else None


def _known(lexicon: Lexicon, entity: Entity) -> Entity:
    return lexicon.names.get(entity.name.lower(), entity)


def _size_is_name(span: Span, start: int, end: int) -> bool:
    """A size used as a model's name ("the 8B", "four oh five by itself"), not a figure ("405B
    parameters")."""
    piece = span.char_span(start, end, alignment_mode="expand")
    if piece is None:
        return False
    after = span.doc[piece.end] if piece.end < len(span.doc) else None
    if after is not None and after.lower_ in (
        "parameters",
        "parameter",
        "params",
        "tokens",
        "token",
        "dollars",
    ):
        return False
    before = span.doc[piece.start - 1] if piece.start > 0 else None
    return (
        before is None
        or before.lower_ in ("the", "that", "this", "a", "and", "on", "even", ",")
        or (piece.root.dep_ in ("nsubj", "nsubjpass", "pobj", "dobj"))
    )
