"""Who and what a claim is about: named in it, or resolved from the turns before and the front matter.

No coreference model ships offline (the PyPI ones download their weights at run time), so this is a small
entity-salience tracker over the spaCy parse and the transcript's own names:

1. `Lexicon.from_meta`: the names the transcript knows before anyone speaks: the front matter's `entities`
   and the model names in its title, each typed (company, segment, product, model, person); speakers are
   people and never a claim's subject.
2. `mentions`: the names a clause uses: lexicon names, model names ("Llama 3.1 405B", "GPT-4o"), spoken
   versions and sizes of known models ("three point one", "four oh five", "the 8B"), and spaCy's ORG,
   PRODUCT and PERSON entities.
3. `SubjectTracker`: walks the clauses in order. Each name gains salience where it is said (more as a
   grammatical subject) and loses it with every clause after; the transcript's topic (the first front-matter
   entity the title names) keeps a floor. A clause that leans on "it", "they", "its", "their", "that one",
   "the big one", "both of them", a bare demonstrative ("That's up 31%"), or only a measure ("Net income was
   about three billion", "One percent.") is resolved to the most salient name of a fitting kind, but only
   when it is salient enough and clearly ahead of the next candidate (`Settings.subject_min_salience`,
   `subject_margin`). Otherwise nothing is guessed: the claim keeps its words and is marked
   `needs_context` with the word that could not be resolved.

The resolution comes back as `SubjectEdit`s that `rewrite.decontextualise` applies: a pronoun replaced by
"[Name]", a possessive by "[Name's]", a spoken name followed by "[Llama 3.1]", or "[Name]" put in front.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from spacy.language import Language
from spacy.tokens import Span, Token

from claimcheck.models import ClaimSubject, TranscriptMeta
from claimcheck.settings import Settings


class EntityKind(StrEnum):
    COMPANY = "company"
    SEGMENT = "segment"
    PRODUCT = "product"
    MODEL = "model"
    PERSON = "person"


@dataclass(frozen=True)
class Entity:
    name: str
    kind: EntityKind
    company: str | None = None  # the owner of a segment, product or model
    family: str | None = None  # a model's family: "Llama"
    version: str | None = None  # "3.1"
    size: str | None = None  # "405B"

    def subject(self) -> ClaimSubject:
        return ClaimSubject(
            name=self.name,
            company=self.company if self.kind != EntityKind.COMPANY else self.name,
            segment=self._rest() if self.kind == EntityKind.SEGMENT else None,
            product=self.name if self.kind == EntityKind.PRODUCT else None,
            model=self.name if self.kind == EntityKind.MODEL else None,
            version=self.version,
            person=self.name if self.kind == EntityKind.PERSON else None,
        )

    def _rest(self) -> str:
        if self.company and self.name.startswith(self.company + " "):
            return self.name[len(self.company) + 1 :]
        return self.name

    def refines(self, other: Entity) -> bool:
        """`self` is a part or a more specific name of `other` (AWS of Amazon, Llama 3.1 405B of
        Llama 3.1)."""
        if self.company is not None and self.company == other.name:
            return True
        return (
            self.kind == other.kind == EntityKind.MODEL
            and self.name != other.name
            and self.name.startswith(other.name + " ")
        )


# Who makes each model family: a model's subject carries its company.
MODEL_FAMILIES: dict[str, str] = {
    "llama": "Meta",
    "gpt": "OpenAI",
    "gemma": "Google",
    "gemini": "Google",
    "claude": "Anthropic",
    "mistral": "Mistral AI",
    "mixtral": "Mistral AI",
    "qwen": "Alibaba",
    "deepseek": "DeepSeek",
    "phi": "Microsoft",
}
_FAMILY_RE = "|".join(sorted(MODEL_FAMILIES, key=len, reverse=True))
_SIZE = r"\d+(?:\.\d+)?[BMT]\b"
_MODEL_RE = re.compile(
    rf"\b(?P<family>{_FAMILY_RE})(?:[ -]?(?P<version>\d+(?:\.\d+)?o?|V\d+(?:\.\d+)?)\b)?"
    rf"(?P<tail>(?:[ -](?:{_SIZE}|Scout|Maverick|Behemoth|Large(?: \d+)?|mini|Vision|Instruct))*)",
    re.IGNORECASE,
)
# Sizes open models are commonly released in: said aloud ("the seventy B", "four oh five") they name a model.
COMMON_SIZES = frozenset({"1B", "3B", "7B", "8B", "11B", "13B", "34B", "70B", "90B", "405B"})
_SIZE_RE = re.compile(rf"(?<![\w.-])(?P<size>{_SIZE})", re.IGNORECASE)
_VARIANTS = ("Scout", "Maverick", "Behemoth")
# Companies anyone following tech and markets knows by name: a front-matter or spaCy name that is not one of
# these, not a model and not a person is taken for a product, brand or segment of the company the talk is
# about ("Comirnaty", "Fios", "Prime", "Optical Communications"). A general list, not one drawn from a
# benchmark's answers: large listed companies, the big private tech firms and the AI labs.
KNOWN_COMPANIES = frozenset(
    name.strip()
    for name in (
        "3m, abbvie, adobe, airbus, alibaba, alphabet, amazon, amd, american express, amex, anthropic, "
        "apple, at&t, baidu, bank of america, berkshire hathaway, biontech, block, boeing, broadcom, "
        "bytedance, canva, "
        "caterpillar, chevron, cisco, citigroup, coca-cola, comcast, corning, costco, cvs, cvs health, "
        "databricks, deepseek, dell, disney, exxonmobil, facebook, figma, ford, general electric, "
        "general motors, goldman sachs, google, hp, huawei, hugging face, ibm, instacart, intel, "
        "johnson & johnson, j&j, "
        "jpmorgan, jpmorgan chase, kenvue, lyft, mastercard, merck, meta, microsoft, mistral ai, moderna, "
        "morgan stanley, netflix, nike, novavax, nvidia, openai, oracle, palantir, paypal, pepsico, pfizer, "
        "procter & gamble, qualcomm, robinhood, salesforce, samsung, scale ai, shopify, snap, snowflake, "
        "sony, "
        "spotify, square, stripe, target, tencent, tesla, t-mobile, tsmc, twitter, uber, unitedhealth, "
        "verizon, visa, walgreens, walmart, wells fargo, whole foods, whole foods market, xai, yahoo, zoom"
    ).split(",")
)
# Corporate words that may be left off a company's name ("Whole Foods" for "Whole Foods Market").
_COMPANY_SUFFIXES = frozenset(
    "inc inc. corp corp. corporation co co. company market group holdings health platforms "
    "technologies".split()
)
# spaCy ORG entities that are benchmarks, measures or hardware, never a claim's subject.
_NOT_SUBJECTS = frozenset(
    "mmlu gpqa gsm8k humaneval math mbpp arc ifeval mmmu mgsm lmarena elo eps arr pbm otc gaap ceo cfo cto "
    "gpu gpus tpu cpu api apis ai llm llms sec fy q1 q2 q3 q4 yoy capex ebitda ipo h100 h100s a100 "
    "a100s".split()
)
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
# "Without the vaccine and Paxlovid, they grew": what is set aside is not who "they" are.
_SET_ASIDE = frozenset({"without", "excluding", "besides", "unlike", "than", "versus", "vs", "except"})
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


# Spoken whole numbers, enough to say a model's version or size ("three point one", "four oh five").
_NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split()
)
_TENS_WORDS = {
    20: "twenty",
    30: "thirty",
    40: "forty",
    50: "fifty",
    60: "sixty",
    70: "seventy",
    80: "eighty",
    90: "ninety",
}


def _words_for(number: int) -> list[str]:
    """Spoken forms of a small whole number: 3 -> ["three"], 70 -> ["seventy"], 405 -> ["four oh five", …]."""
    by_value = {**dict(enumerate(_NUMBER_WORDS)), **_TENS_WORDS}
    if number in by_value:
        return [by_value[number]]
    if number < 100 and number % 10 and number // 10 * 10 in by_value and number % 10 in by_value:
        tens, unit = by_value[number // 10 * 10], by_value[number % 10]
        return [f"{tens} {unit}", f"{tens}-{unit}"]
    if 100 <= number < 1000:
        digits = [by_value[int(d)] if d != "0" else "oh" for d in str(number)]
        forms = [" ".join(digits)]
        hundreds, rest = divmod(number, 100)
        if rest and hundreds in by_value:
            forms += [f"{by_value[hundreds]} hundred and {w}" for w in _words_for(rest)]
        return forms
    return []


def _spoken_version(version: str) -> list[str]:
    """ "3.1" -> ["three point one"]; "4" -> []: a bare "four" is too common to stand for a model."""
    if "." not in version:
        return []
    whole, _, part = version.partition(".")
    if not (whole.isdigit() and part.isdigit()):
        return []
    return [f"{a} point {b}" for a in _words_for(int(whole)) for b in _words_for(int(part))]


def _spoken_size(size: str) -> list[str]:
    """ "405B" -> ["four oh five", "four hundred and five", "four oh five b", …]; "70B" -> ["seventy b"]."""
    number = size[:-1]
    if not number.isdigit():
        return []
    words = _words_for(int(number))
    forms = [f"{w} {size[-1].lower()}" for w in words]
    if int(number) >= 100:  # "four oh five" alone is a size; "seventy" alone is just a number
        forms += words
    return forms


def parse_model(text: str) -> Entity | None:
    """A model name ("Llama 3.1 405B Instruct", "GPT-4o", "Llama 4 Scout") as an `Entity`."""
    match = _MODEL_RE.fullmatch(text.strip())
    if match is None:
        return None
    return _model_entity(match)


def _model_entity(match: re.Match[str]) -> Entity:
    family_word = match.group("family")
    family = {"gpt": "GPT", "deepseek": "DeepSeek", "qwen": "Qwen"}.get(
        family_word.lower(), family_word.title()
    )
    version = match.group("version")
    tail = match.group("tail").strip(" -")
    size_match = _SIZE_RE.search(tail)
    size = size_match.group("size").upper() if size_match else None
    joiner = "-" if family == "GPT" else " "
    name = f"{family}{joiner}{version}" if version else family
    if tail:
        name = f"{name} {tail.replace('-', ' ')}"
    return Entity(
        name=name,
        kind=EntityKind.MODEL,
        company=MODEL_FAMILIES[family_word.lower()],
        family=family,
        version=version,
        size=size,
    )


# --------------------------------------------------------------------------------------------------
# what the transcript knows


@dataclass
class Lexicon:
    """The names one transcript knows: surface form (lowercase) -> entity; the topic; the speakers."""

    names: dict[str, Entity] = field(default_factory=dict)
    speakers: frozenset[str] = frozenset()
    topics: list[Entity] = field(default_factory=list)
    reporters: list[Entity] = field(default_factory=list)

    @classmethod
    def from_meta(cls, meta: TranscriptMeta, nlp: Language | None = None) -> Lexicon:
        """The names `meta` gives; with `nlp`, names spaCy reads as a person's ("Andy Jassy said.") are
        people."""
        lexicon = cls(speakers=frozenset(s.lower() for s in meta.speakers))
        raw = meta.extra.get("entities")
        entities = [str(e).strip() for e in raw] if isinstance(raw, list) else []
        title = meta.title or ""
        titled = [m.group(0) for m in _MODEL_RE.finditer(title) if m.group("version")]
        companies = [e for e in entities if parse_model(e) is None]
        summary = meta.summary or ""
        principal = [
            e
            for e in companies
            if any(
                re.search(rf"(?<!\w){re.escape(form)}(?!\w)", title, re.IGNORECASE)
                or re.search(rf"(?<!\w){re.escape(form)}['’]s\b", summary)
                for form in [e, *_short_forms(e)]
            )
        ]
        people = _people(companies, nlp) if nlp is not None else set()
        for name in [*entities, *titled]:
            entity = parse_model(name) or (
                Entity(name=name, kind=EntityKind.PERSON)
                if name in people
                else _typed(name, companies, principal)
            )
            if name.lower() in lexicon.speakers or not name:
                continue
            lexicon.add(name, entity)
        for name in entities:  # the transcript's topics: the entities its title names
            forms = [name, *_short_forms(name)] if parse_model(name) is None else [name]
            topic = lexicon.names.get(name.lower())
            if (
                name
                and topic is not None
                and topic.kind in (EntityKind.COMPANY, EntityKind.MODEL)
                and any(re.search(rf"(?<!\w){re.escape(f)}(?!\w|\.\d)", title, re.IGNORECASE) for f in forms)
            ):
                lexicon.topics.append(topic)
        # and the companies whose report or results the summary talks about ("Pfizer's 2021 annual report"):
        # what a bare "Net income was about three billion" is about
        for owner in re.findall(r"([A-Z][\w&.-]*(?: (?:&|[A-Z][\w.-]*))*)['’]s\b", meta.summary or ""):
            reporter = lexicon.names.get(owner.lower())
            if reporter is not None and reporter.kind == EntityKind.COMPANY:
                if reporter not in lexicon.topics:
                    lexicon.topics.append(reporter)
                if reporter not in lexicon.reporters:
                    lexicon.reporters.append(reporter)
        return lexicon

    def add(self, surface: str, entity: Entity) -> None:
        key = surface.lower()
        if key in _NOT_SUBJECTS or len(key) < 2:
            return
        self.names.setdefault(key, entity)
        if entity.kind == EntityKind.COMPANY:
            for short in _short_forms(surface):
                self.names.setdefault(short.lower(), entity)
        if entity.kind == EntityKind.SEGMENT and entity.company:
            rest = entity._rest().split()
            if rest:  # "Consumer" for "Verizon Consumer Group"
                self.names.setdefault(rest[0].lower(), entity)
        if entity.kind == EntityKind.MODEL and entity.version:
            for spoken in _spoken_version(entity.version):
                self.names.setdefault(spoken, entity)
        if entity.kind == EntityKind.MODEL:  # "Scout" for "Llama 4 Scout"
            for variant in _VARIANTS:
                if re.search(rf"\b{variant}\b", entity.name):
                    self.names.setdefault(variant.lower(), entity)

    def known_models(self) -> list[Entity]:
        return [e for e in self.names.values() if e.kind == EntityKind.MODEL]


def _people(names: Sequence[str], nlp: Language) -> set[str]:
    """The names spaCy reads as a person's in "NAME said so.", among those of two or three capitalised words
    that are no known company."""
    candidates = [
        n
        for n in names
        if 2 <= len(n.split()) <= 3
        and all(w[:1].isupper() and w.isalpha() for w in n.split())
        and not is_known_company(n)
    ]
    people: set[str] = set()
    for name, doc in zip(candidates, nlp.pipe(f"{n} said so." for n in candidates), strict=True):
        if any(ent.label_ == "PERSON" and ent.text == name for ent in doc.ents):
            people.add(name)
    return people


def _short_forms(name: str) -> list[str]:
    """Other ways a company is named: without a corporate word ("Whole Foods", "CVS"), by initials
    ("J&J" for "Johnson & Johnson")."""
    words = name.split()
    forms: list[str] = []
    if len(words) > 1 and words[-1].lower() in _COMPANY_SUFFIXES:
        forms.append(" ".join(words[:-1]))
    if "&" in words and all(w[:1].isupper() for w in words if w != "&"):
        forms.append("&".join(w[0] for w in words if w != "&"))
    return forms


def _typed(name: str, companies: Sequence[str], topics: Sequence[str] = ()) -> Entity:
    """A front-matter entity that is not a model: the segment or product of another entity it starts with
    ("Verizon Consumer Group"), else a company."""
    if re.fullmatch(r"[\d\s-]+\w*|[A-Z]\d{2,}\w*|[a-z]\w*[A-Z]\w*(?: \d+)?|\d+ [A-Z]+", name):
        return Entity(name=name, kind=EntityKind.PRODUCT)  # 787, 737 MAX, H100, C919, iPhone 15: things
    owner = next((c for c in companies if c != name and name.startswith(c + " ")), None)
    if owner is not None:
        rest = name[len(owner) + 1 :].lower()
        kind = (
            EntityKind.SEGMENT
            if re.search(r"\b(?:group|segment|division|business|unit)\b", rest)
            else (EntityKind.PRODUCT)
        )
        return Entity(name=name, kind=kind, company=owner)
    if is_known_company(name) or name in topics:
        return Entity(name=name, kind=EntityKind.COMPANY)
    return Entity(name=name, kind=EntityKind.PRODUCT)


def is_known_company(name: str) -> bool:
    return name.lower().removesuffix("'s").removesuffix("’s") in KNOWN_COMPANIES


# --------------------------------------------------------------------------------------------------
# mentions


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


def _contrasted(tokens: Sequence[Token]) -> bool:
    current = tokens[-1] if tokens else None
    for _ in range(4):
        if current is None or current.head is current:
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
                or current.head is current
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

    for match in _MODEL_RE.finditer(text):
        entity = _model_entity(match)
        if entity.version is None and not any(v in entity.name for v in _VARIANTS):
            continue  # "Llama" alone is the family
        add(match.start(), match.end(), _known(lexicon, entity))
    for surface in sorted(lexicon.names, key=len, reverse=True):
        for match in re.finditer(rf"(?<![\w-]){re.escape(surface)}(?:['’]s)?(?![\w-])", lowered):
            entity = lexicon.names[surface]
            spoken = entity.kind == EntityKind.MODEL and entity.name.lower() != surface
            add(match.start(), match.start() + len(surface), entity, spoken=spoken)
    # "Three point one comes in three sizes, eight, seventy and four oh five": a model named earlier in the
    # clause owns the sizes after it; else the model in focus
    local = [
        (span.doc[m.end - 1].idx + len(span.doc[m.end - 1]) - span.start_char, m.entity)
        for m in found
        if m.entity.kind == EntityKind.MODEL and m.entity.version and not m.entity.size
    ]
    sizes = [(m.start(), m.end(), m.group("size").upper()) for m in _SIZE_RE.finditer(text)]
    for size in {m.size for m in lexicon.known_models() if m.size} | COMMON_SIZES:
        for form in _spoken_size(size):
            sizes += [(m.start(), m.end(), size) for m in re.finditer(rf"(?<!\w){form}(?!\w)", lowered)]
    for start, end, size in sorted(sizes):
        before = [entity for stop, entity in local if stop <= start]
        focus = before[-1] if before else focus_model
        if focus is None or focus.family is None:
            continue
        owner = _owner_of_size(size, _base_model(focus), lexicon)
        if owner is None:
            continue
        tail = re.match(r"[ -](instruct|vision)\b", lowered[end:])
        name = f"{owner.name} {size}" + (f" {tail.group(1).title()}" if tail else "")
        end += tail.end() if tail else 0
        entity = Entity(name, EntityKind.MODEL, owner.company, owner.family, owner.version, size)
        if _size_is_name(span, start, end):
            add(start, end, _known(lexicon, entity), spoken=True)
    for ent in span.ents:
        if ent.label_ not in ("ORG", "PRODUCT", "PERSON") or _taken(taken, ent.start, ent.end):
            continue
        name = str(ent.text).strip()
        if name.lower() in _NOT_SUBJECTS or name.lower() in lexicon.speakers or not name[:1].isupper():
            continue
        if any(tok.like_num for tok in ent) or len(name) < 2 or (name.isupper() and len(name) <= 4):
            continue  # "DGX", "MAX": an acronym nobody introduced is not a subject to carry
        bare = name.removesuffix("'s").removesuffix("’s")
        # When the front matter says which company the talk is about, an organisation it does not list and
        # nobody knows is most likely that company's segment or brand ("Optical Communications"); without
        # front matter, spaCy's word is all there is.
        company = ent.label_ == "ORG" and (is_known_company(bare) or not lexicon.topics)
        kind = (
            EntityKind.PERSON
            if ent.label_ == "PERSON"
            else (EntityKind.COMPANY if company else EntityKind.PRODUCT)
        )
        taken.append((ent.start, ent.end))
        found.append(
            Mention(
                Entity(name.removesuffix("'s").removesuffix("’s"), kind),
                ent.start,
                ent.end,
                _is_subject(list(ent)),
                contrasted=_contrasted(list(ent)),
            )
        )
    found.sort(key=lambda m: m.start)
    return found


def _owner_of_size(size: str, focus: Entity, lexicon: Lexicon) -> Entity | None:
    """Whose size a bare "405B" is: the model in focus, unless the transcript names exactly one other family
    and version with that size ("the old four oh five" is Llama 3.1's when the talk is about Llama 4)."""
    known = {_base_model(m).name: _base_model(m) for m in lexicon.known_models() if m.size == size}
    if not known or focus.name in known:
        return focus
    return next(iter(known.values())) if len(known) == 1 else None


def _known(lexicon: Lexicon, entity: Entity) -> Entity:
    return lexicon.names.get(entity.name.lower(), entity)


def _base_model(model: Entity) -> Entity:
    """The family and version of a model ("Llama 3.1" of "Llama 3.1 405B Instruct")."""
    if model.family is None or model.version is None:
        return model
    joiner = "-" if model.family == "GPT" else " "
    return Entity(
        f"{model.family}{joiner}{model.version}", EntityKind.MODEL, model.company, model.family, model.version
    )


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


# --------------------------------------------------------------------------------------------------
# resolution


class EditMode(StrEnum):
    REPLACE = "replace"  # tokens [start, end) become the text
    AFTER = "after"  # the text follows token end - 1
    PREFIX = "prefix"  # the text goes in front of the claim


@dataclass(frozen=True)
class SubjectEdit:
    mode: EditMode
    text: str
    start: int = 0  # token indices into the doc
    end: int = 0


@dataclass(frozen=True)
class Resolution:
    subject: Entity | None = None
    edits: tuple[SubjectEdit, ...] = ()
    unresolved: str | None = None  # the word nothing could be resolved for


@dataclass(frozen=True)
class _Trigger:
    """What in a clause leans on context: the words, where they are, how they are replaced, what fits."""

    words: str
    start: int
    end: int
    mode: EditMode
    kinds: frozenset[EntityKind]
    possessive: bool = False
    plural: bool = False
    size: int = 0  # "the big one" 1, "the small one" -1
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


def _one_phrase(span: Span) -> _Trigger | None:
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
            return _Trigger(
                str(span.doc[toks[j].i : tok.i + 1].text),
                toks[j].i,
                tok.i + 1,
                EditMode.REPLACE,
                frozenset({EntityKind.MODEL, EntityKind.PRODUCT}),
                size=size,
            )
        if (
            low == "both"
            and i + 2 < len(toks)
            and toks[i + 1].lower_ == "of"
            and toks[i + 2].lower_ == "them"
        ):
            return _Trigger(
                "both of them", tok.i, toks[i + 2].i + 1, EditMode.REPLACE, _ORG_KINDS, plural=True
            )
        if low in ("the", "this", "that") and i + 1 < len(toks):
            noun = toks[i + 1]
            kind = _DESCRIPTION_KINDS.get(noun.lower_)
            if kind is not None and noun.dep_ in ("nsubj", "nsubjpass"):
                return _Trigger(
                    f"{tok.text} {noun.text}", tok.i, noun.i + 1, EditMode.REPLACE, frozenset({kind})
                )
    return None


def find_trigger(span: Span, named: Sequence[Mention]) -> _Trigger | None:
    """What `span` leans on context for, if anything: a pronoun, "that one", a possessive, or — when the
    clause names nothing and its subject is not a person or everyone — the whole clause."""
    phrase = _one_phrase(span)
    if phrase is not None and not any(m.start <= phrase.start < m.end for m in named):
        return phrase
    subject = _main_subject(span)
    if subject is not None and subject.lower_ in _SINGULAR_PRONOUNS | _PLURAL_PRONOUNS | _PERSON_PRONOUNS:
        if subject.lower_ == "it" and _is_expletive(subject):
            subject = None
        else:
            low = subject.lower_
            kinds = (
                _PERSON_KINDS
                if low in _PERSON_PRONOUNS
                else (_COMPANY_KINDS if low in _PLURAL_PRONOUNS else _ALL_KINDS)
            )
            return _Trigger(
                subject.text,
                subject.i,
                subject.i + 1,
                EditMode.REPLACE,
                kinds,
                plural=low in _PLURAL_PRONOUNS,
            )
    named_subject = any(m.subject for m in named)
    for tok in span:
        if tok.lower_ in _POSSESSIVES and tok.dep_ == "poss" and not named_subject:
            low = tok.lower_
            kinds = (
                _PERSON_KINDS if low in ("his", "her") else (_COMPANY_KINDS if low == "their" else _ALL_KINDS)
            )
            return _Trigger(
                tok.text, tok.i, tok.i + 1, EditMode.REPLACE, kinds, possessive=True, plural=low == "their"
            )
    if named:
        # "Consumer did 103.5 billion", "Comirnaty alone was 36.8 billion": a segment or product, no company
        if any(m.entity.kind in (EntityKind.COMPANY, EntityKind.MODEL, EntityKind.PERSON) for m in named):
            return None
        owner = next((m.entity.company for m in named if m.entity.company), None)
        return _Trigger(
            named[0].entity.name,
            span.start,
            span.start,
            EditMode.PREFIX,
            frozenset({EntityKind.COMPANY}),
            owner=owner,
            topics_only=True,
        )
    if subject is not None:
        if subject.lower_ in _GENERIC_SUBJECTS or subject.lower_ in _PERSON_PRONOUNS:
            return None
        if any(c.dep_ == "poss" and c.lower_ in ("our", "my", "your") for c in subject.children):
            return None  # "Our revenue grew 300 percent": the speaker says whose
        if subject.pos_ == "PROPN" and subject.head.lemma_.lower() in _SAYING_LEMMAS:
            return None  # "Hugging Face said …": a source is named
        if (
            subject.pos_ == "PROPN"
            and subject.lower_ not in _NOT_SUBJECTS
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
            return _Trigger(words, span.start, span.start, EditMode.PREFIX, kinds)
        return None
    if any(
        tok.lower_ in _GENERIC_SUBJECTS | _PERSON_PRONOUNS
        for tok in span
        if tok.dep_ in ("nsubj", "nsubjpass")
    ):
        return None
    first = _skip_fillers(span)
    if first is None:
        return None
    return _Trigger(first.text, span.start, span.start, EditMode.PREFIX, _ORG_KINDS)


# Words that say a clause is about a model, or about a company's business: "it" is then the one or the other.
_MODEL_CUES = frozenset(
    "parameters parameter params tokens token context pretrained pre-trained trained fine-tuned finetuned "
    "benchmark benchmarks mmlu humaneval gsm8k gpqa math languages cutoff weights instruct inference "
    "quantized "
    "multimodal experts active".split()
)
_COMPANY_CUES = frozenset(
    "revenue revenues sales income profit profits loss employees workforce headcount stores acquisition "
    "acquired "
    "paid bought buying sold dividend shares stock margin margins segment segments cash debt backlog layoffs "
    "hired fired customers subscribers members deliveries delivered earnings eps capex dollars bucks".split()
)


def _narrowed(kinds: frozenset[EntityKind], span: Span) -> frozenset[EntityKind]:
    """`kinds` narrowed by what the clause talks about: training and benchmarks are a model's, revenue and
    headcount a company's."""
    words = {tok.lower_ for tok in span}
    model, company = bool(words & _MODEL_CUES), bool(words & _COMPANY_CUES)
    if model and not company and EntityKind.MODEL in kinds:
        return frozenset({EntityKind.MODEL, EntityKind.PRODUCT}) & kinds
    if company and not model and kinds & {EntityKind.COMPANY, EntityKind.SEGMENT}:
        return kinds - {EntityKind.MODEL}
    return kinds


@dataclass
class SubjectTracker:
    """Salience of the names said so far, and the resolution of each clause in turn."""

    lexicon: Lexicon
    settings: Settings  # the subject_* knobs
    salience: dict[str, float] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    last_prefix: Entity | None = None  # the company put in front of the clause just before
    owners: dict[str, str] = field(default_factory=dict)  # product -> the company it was last named with

    def _focus_model(self) -> Entity | None:
        ranked = self._ranked(frozenset({EntityKind.MODEL}))
        return ranked[0][1] if ranked else None

    def _ranked(self, kinds: Iterable[EntityKind]) -> list[tuple[float, Entity]]:
        allowed = set(kinds)
        scored = [
            (score, self.entities[name])
            for name, score in self.salience.items()
            if self.entities[name].kind in allowed
        ]
        for topic in self.lexicon.topics:
            if topic.kind not in allowed:
                continue
            current = next((s for s, e in scored if e.name == topic.name), 0.0)
            scored = [(s, e) for s, e in scored if e.name != topic.name]
            # the company whose results the talk reads is the topic; when the summary names none, the
            # names in the title are
            if self.lexicon.reporters and topic not in self.lexicon.reporters:
                continue
            scored.append((current + self.settings.subject_topic_weight, topic))
        return sorted(scored, key=lambda pair: (-pair[0], pair[1].name))

    def resolve(
        self, span: Span, *, antecedent: str | None = None, weight: float = 1.0, content: bool = True
    ) -> tuple[Resolution, list[Mention]]:
        """The subject of `span` and the edits that name it; then `observe` it (with `weight`, less for what
        is said about the screen or in a question)."""
        named = mentions(span, self.lexicon, self._focus_model())
        edits = [SubjectEdit(EditMode.AFTER, f"[{m.entity.name}]", m.start, m.end) for m in named if m.spoken]
        trigger = find_trigger(span, named)
        resolution: Resolution
        if trigger is None:
            subject = next((m.entity for m in named if m.subject), named[0].entity if named else None)
            resolution = Resolution(subject=subject, edits=tuple(edits))
        else:
            picked = self._pick(trigger, antecedent, named, span)
            if picked is None:
                resolution = Resolution(
                    subject=named[0].entity if named else None, edits=tuple(edits), unresolved=trigger.words
                )
            else:
                name = picked.name + ("'s" if trigger.possessive else "")
                edit = SubjectEdit(trigger.mode, f"[{name}]", trigger.start, trigger.end)
                resolution = Resolution(subject=picked, edits=(*edits, edit))
        prefixed = any(e.mode == EditMode.PREFIX for e in resolution.edits)
        self.last_prefix = resolution.subject if prefixed else None
        self.observe(named, resolution, weight=weight, content=content)
        return resolution, named

    def _pick(
        self, trigger: _Trigger, antecedent: str | None, named: Sequence[Mention], span: Span
    ) -> Entity | None:
        if antecedent is not None and trigger.mode == EditMode.REPLACE and not trigger.possessive:
            known = self.lexicon.names.get(antecedent.lower()) or parse_model(antecedent)
            if known is not None:
                return known
            owner = self.last_prefix  # "[Verizon] Fios service revenue is …, and it's growing"
            if owner is not None and not antecedent.startswith(owner.name):
                return Entity(f"{owner.name} {antecedent}", EntityKind.PRODUCT, owner.name)
            return Entity(antecedent, EntityKind.COMPANY)
        if trigger.owner is not None:
            return self.lexicon.names.get(trigger.owner.lower()) or Entity(trigger.owner, EntityKind.COMPANY)
        if trigger.topics_only:  # a product said earlier beside its company ("PayPal's Venmo") is that one's
            owners = {self.owners[m.entity.name] for m in named if m.entity.name in self.owners}
            if len(owners) == 1:
                return self.entities.get(next(iter(owners)))
        kinds = _narrowed(trigger.kinds, span)
        if trigger.mode == EditMode.REPLACE:  # "Except the 8B, that one's March": the name just before
            doc = span.doc
            before = [
                m
                for m in named
                if m.entity.kind in kinds
                and m.end <= trigger.start
                and all(t.is_punct for t in doc[m.end : trigger.start])
                and not any(t.lower_ in _SET_ASIDE for t in doc[span.start : m.start])
            ]
            if before:
                return before[-1].entity
        here = {m.entity.name for m in named}  # "They paid 13.7 billion for Whole Foods": not Whole Foods
        ranked = [(score, e) for score, e in self._ranked(kinds) if e.name not in here]
        if trigger.mode == EditMode.PREFIX:
            # a measure or a segment with no company named: a company the talk reports on (or a model)
            principal = {t.name for t in self.lexicon.reporters or self.lexicon.topics}
            if principal:  # (a front matter that names no company leaves it to salience alone)
                ranked = [
                    (score, e)
                    for score, e in ranked
                    if e.name in principal or (e.kind == EntityKind.MODEL and not trigger.topics_only)
                ]
        if (
            trigger.plural
            and {e.kind for _, e in ranked[:1]} == {EntityKind.MODEL}
            and trigger.words == "both of them"
        ):
            models = [
                e for s, e in ranked if e.kind == EntityKind.MODEL and s >= self.settings.subject_min_salience
            ][:2]
            if len(models) == 2:
                return Entity(f"{models[0].name} and {models[1].name}", EntityKind.MODEL, models[0].company)
            return None
        if trigger.size and ranked and ranked[0][1].kind == EntityKind.MODEL:
            return self._sized(ranked[0][1], trigger.size)
        # A pronoun needs a name said lately; a bare measure ("Net income was …") may rest on the company the
        # whole talk reports on.
        # So may "they" when that company is the only one in the running ("They've got 79,000 employees").
        floor = self.settings.subject_min_salience
        if trigger.mode == EditMode.PREFIX or (
            trigger.plural and ranked and ranked[0][1] in self.lexicon.reporters
        ):
            floor = min(floor, self.settings.subject_topic_weight)
        if not ranked or ranked[0][0] < floor:
            return None
        top_score, top = ranked[0]
        rivals = [s for s, e in ranked[1:] if not (e.refines(top) or top.refines(e))]
        if rivals and rivals[0] > self.settings.subject_margin * top_score:
            return None
        return top

    def _sized(self, model: Entity, size: int) -> Entity | None:
        """ "The big one" among the sizes said of `model`'s family and version."""
        base = _base_model(model)
        sizes = {
            e.size
            for e in [*self.entities.values(), *self.lexicon.known_models()]
            if e.size and _base_model(e).name == base.name
        }
        if not sizes:
            return None
        pick = (max if size > 0 else min)(sizes, key=lambda s: float(s[:-1]))
        return Entity(f"{base.name} {pick}", EntityKind.MODEL, base.company, base.family, base.version, pick)

    def observe(
        self, named: Sequence[Mention], resolution: Resolution, *, weight: float = 1.0, content: bool = True
    ) -> None:
        """Let salience decay (after a clause with content: not after "Yeah." or "Totally.") and add what
        `named` and the resolution say; a list of names ("Scout, Maverick, 3.3 70B") shares one weight."""
        if content or named:
            for key in self.salience:
                self.salience[key] *= self.settings.subject_decay
        companies = [m.entity for m in named if m.entity.kind == EntityKind.COMPANY and not m.contrasted]
        if len(companies) == 1:
            for m in named:
                if m.entity.kind in (EntityKind.PRODUCT, EntityKind.SEGMENT) and m.entity.company is None:
                    self.owners[m.entity.name] = companies[0].name
        gains: dict[str, float] = {}
        share = weight / max(1, len(named) - 1) if len(named) > 2 else weight
        for m in named:
            base_weight = self.settings.subject_weight if m.subject else self.settings.subject_other_weight
            weight_here = base_weight * share * (0.5 if m.contrasted else 1.0)
            gains[m.entity.name] = max(gains.get(m.entity.name, 0.0), weight_here)
            self.entities.setdefault(m.entity.name, m.entity)
            if m.entity.size and m.entity.family:  # "the 8B" keeps its family in focus too
                base = _base_model(m.entity)
                self.entities.setdefault(base.name, base)
                gains[base.name] = max(gains.get(base.name, 0.0), self.settings.subject_other_weight * share)
        # A pronoun resolved keeps its referent in focus ("it … it … it"); a name put in front of a clause
        # that named nothing does not (it was the focus already, and fillers would feed it).
        if (
            resolution.subject is not None
            and resolution.unresolved is None
            and " and " not in resolution.subject.name  # "both of them": the pair is not one name to carry
            and any(e.mode == EditMode.REPLACE for e in resolution.edits)
        ):
            self.entities.setdefault(resolution.subject.name, resolution.subject)
            gains[resolution.subject.name] = max(
                gains.get(resolution.subject.name, 0.0), self.settings.subject_weight * weight
            )
        for name, gain in gains.items():
            self.salience[name] = self.salience.get(name, 0.0) + gain


# --------------------------------------------------------------------------------------------------
# period

_PERIOD_RES = (
    re.compile(r"\bFY ?((?:19|20)?\d\d)\b", re.IGNORECASE),
    re.compile(r"\b(Q[1-4]) ((?:19|20)\d\d)\b"),
    re.compile(r"(?<![\w.])((?:19|20)\d\d)(?![\w.])"),
)


def claim_period(text: str) -> str | None:
    """The period a claim's checkable text names: "FY2017", "Q4 2024", "2023" (anchors such as
    "last year [2024]" count); None when it names none."""
    fy = _PERIOD_RES[0].search(text)
    if fy:
        year = fy.group(1)
        return f"FY{year if len(year) == 4 else '20' + year}"
    quarter = _PERIOD_RES[1].search(text)
    if quarter:
        return f"{quarter.group(1)} {quarter.group(2)}"
    year_match = _PERIOD_RES[2].search(text)
    return year_match.group(1) if year_match else None


def subject_fields(resolution: Resolution) -> dict[str, Any]:
    """The `Claim` fields a resolution fills."""
    return {
        "subject": resolution.subject.subject() if resolution.subject is not None else None,
        "needs_context": resolution.unresolved is not None,
        "unresolved": resolution.unresolved,
    }
