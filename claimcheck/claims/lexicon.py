"""What one transcript knows before anyone speaks: the `Lexicon` of its names, typed.

`Lexicon.from_meta` reads the front matter's `entities` and the model names in its title, types each
(company, segment, product, model, person: `KNOWN_COMPANIES`, `is_known_company`), and adds the other forms
a name is said in (a company without "Inc", a spoken model version, a model's variant); speakers are never a
claim's subject. `NOT_SUBJECTS` are the names (benchmarks, measures, hardware) that never are.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from spacy.language import Language

from claimcheck.claims.entities import MODEL_RE, VARIANTS, Entity, EntityKind, parse_model, spoken_version
from claimcheck.companies import abbreviates, corpus_key, entity_names, without_co
from claimcheck.models import TranscriptMeta

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


# The short name everyone cuts a known company to, by the company's full name: "amex" for "american express"
# (a short name the list pairs with a full name it also lists, so "Coca-Cola" never names "Coca-Cola
# Consolidated", nor "Apple" "Applied Learning").
def _known_short_names() -> dict[str, list[str]]:
    pairs: dict[str, list[str]] = {}
    for full in sorted(KNOWN_COMPANIES):
        for short in sorted(KNOWN_COMPANIES):
            if short != full and abbreviates(short, full):
                pairs.setdefault(full, []).append(short)
    return pairs


_KNOWN_SHORT_NAMES = _known_short_names()

# What follows a company's name in a summary that reads its report: "CVS Health's 2022 annual report",
# "Rivian's 2023 10-K" (not "Aetna's star ratings").
_REPORT_AFTER = (
    r"(?:(?:[\w-]++\s++){0,2}?(?:10-k|annual\s++report|report|filing|results|earnings)"
    # "next to Johnson & Johnson's 2022 one": a year's "one" after a report named is that year's report
    r"|(?:fiscal\s++)?+(?:(?:19|20)\d\d|FY\s?\d\d(?:\d\d)?+)\s++one)\b"
)
# A name that owns something in the summary: "Pfizer's", "Johnson & Johnson's", "3M's" (a name may start with
# digits before its capital).
_OWNER = re.compile(r"((?<![\w.])(?:[A-Z]|\d++[A-Z])[\w&.-]*+(?: (?:&|[A-Z][\w.-]*+))*+)['’]s\b")
# A name in capitals only: "AWS", "PBM".
_INITIALISM = re.compile(r"[A-Z]{2,5}")
# Corporate words that may be left off a company's name ("Whole Foods" for "Whole Foods Market").
_COMPANY_SUFFIXES = frozenset(
    "inc inc. corp corp. corporation co co. company market group holdings health platforms "
    "technologies".split()
)
# The words that end a company's legal name, and only a company's ("Ball Corporation", "Sealed Air Corp.").
_INCORPORATED = frozenset(
    "inc inc. incorporated corp corp. corporation co. company plc ltd ltd. llc holdings n.v. s.a. ag".split()
)
# spaCy ORG entities that are benchmarks, measures, hardware or a disease, never a claim's subject ("Life
# Sciences grew on all the COVID lab stuff": spaCy's person "COVID" is not who grew).
NOT_SUBJECTS = frozenset(
    "mmlu gpqa gsm8k humaneval math mbpp arc ifeval mmmu mgsm lmarena elo eps arr pbm otc gaap ceo cfo cto "
    "gpu gpus tpu cpu api apis ai llm llms sec fy q1 q2 q3 q4 yoy capex ebitda ipo h100 h100s a100 "
    "a100s covid covid-19 coronavirus".split()
)


class OwnerLookup(Protocol):
    """`CorpusOwners.owner`: the key of the one company (of `among`) whose documents print `name`, at least
    `at_least` times (else the lookup's own least), or None."""

    def __call__(
        self, name: str, among: frozenset[str] | None = None, *, at_least: int | None = None
    ) -> str | None: ...


@dataclass
class Lexicon:
    """The names one transcript knows: surface form (lowercase) -> entity; the topic; the speakers."""

    names: dict[str, Entity] = field(default_factory=dict)
    speakers: frozenset[str] = frozenset()
    topics: list[Entity] = field(default_factory=list)
    reporters: list[Entity] = field(default_factory=list)
    # English's ordinary words (the parser's lemma index), when the lexicon was read with a pipeline: a
    # name made of them only ("Document Cloud", "Pharma") is a product or segment, never a person
    plain: frozenset[str] = frozenset()
    # The companies the corpus has documents of, by `company_key` ("activision blizzard" for "ACTIVISION
    # BLIZZARD, INC."): companies, whatever spaCy makes of "Activision Blizzard said so."
    corpus_companies: frozenset[str] = frozenset()
    # The sizes the corpus prints each model family and version with (`ModelAliases.sizes`: "Llama 2": 7B,
    # 13B, 70B): whose "the 1B" is, when the model in focus comes in no such size
    corpus_sizes: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # A product or segment of no owner the front matter gives -> the company the talk names whose documents
    # alone print it (`CorpusOwners`): its owner unless the talk names it beside another
    printers: dict[str, str] = field(default_factory=dict)
    # The key of the one company whose documents print a name (`CorpusOwners.owner`), for names the talk
    # says that the front matter does not list; None without a corpus
    corpus_owner: OwnerLookup | None = None

    def is_company(self, name: str) -> bool:
        """A company anyone knows (`KNOWN_COMPANIES`) or one the corpus has documents of."""
        return is_known_company(name) or in_corpus(name, self.corpus_companies)

    def printer(self, name: str) -> str | None:
        """The company the talk names (front matter or `add`ed) whose documents alone print `name`, else
        None."""
        if name in self.printers:
            return self.printers[name]
        if self.corpus_owner is None:
            return None
        # the one company of the talk whose documents print it (other companies' filings may print it too:
        # "International", "Life Sciences")
        among = self._talk_keys()
        printed = self.corpus_owner(name, among or None)
        if printed is None:
            return None
        return next((name for name in self._companies() if _keyed(name, printed)), None)

    def printed_by_one(self, name: str) -> bool:
        """Whether one company's documents alone print `name`, of all the corpus's (not only the talk's
        companies'); False without a corpus."""
        return self.corpus_owner is not None and self.corpus_owner(name, None) is not None

    def unprinted_by_talk(self, name: str) -> bool:
        """Whether the documents of no company the talk names print `name`, even once ("Industrial" is
        printed by 3M's, and Boeing's too; "Valor" once by Corning's); False without a corpus or without
        any document of the talk's companies, which cannot tell."""
        keys = sorted(self._talk_keys())
        if name in self.printers or self.corpus_owner is None or not keys:
            return False
        owner = self.corpus_owner
        return all(owner(name, frozenset({key}), at_least=1) is None for key in keys)

    def _companies(self) -> list[str]:
        return sorted({e.name for e in self.names.values() if e.kind == EntityKind.COMPANY})

    def _talk_keys(self) -> frozenset[str]:
        """The corpus's keys of the companies the talk names."""
        companies = self._companies()
        return frozenset(k for k in self.corpus_companies if any(_keyed(c, k) for c in companies))

    def plain_plural(self, name: str) -> bool:
        """`plural_of_plain` with the lexicon's ordinary words."""
        return plural_of_plain(name, self.plain)

    def all_plain(self, name: str) -> bool:
        """Every word of `name` is an ordinary English word ("Creative Cloud"; not "Jack Dorsey")."""
        return made_of(name, self.plain)

    @classmethod
    def from_meta(
        cls,
        meta: TranscriptMeta,
        nlp: Language | None = None,
        corpus_companies: frozenset[str] = frozenset(),
        corpus_sizes: Mapping[str, frozenset[str]] | None = None,
        corpus_owner: OwnerLookup | None = None,
    ) -> Lexicon:
        """The names `meta` gives; with `nlp`, names spaCy reads as a person's ("Andy Jassy said.") are
        people, unless the corpus has documents of a company by that name (`corpus_companies`, each a
        `company_key` joined by spaces). `corpus_sizes`: the sizes the corpus prints each model with;
        `corpus_owner`: the key of the one company whose documents print a name (`CorpusOwners.owner`)."""
        lexicon = cls(
            speakers=frozenset(s.lower() for s in meta.speakers),
            plain=plain_words(nlp) if nlp is not None else frozenset(),
            corpus_companies=corpus_companies,
            corpus_owner=corpus_owner,
            corpus_sizes=corpus_sizes or {},
        )
        raw = meta.extra.get("entities")
        entities = [n for e in raw for n in _front_matter_names(str(e))] if isinstance(raw, list) else []
        title = meta.title or ""
        titled = [m.group(0) for m in MODEL_RE.finditer(title) if m.group("version")]
        companies = [e for e in entities if parse_model(e) is None]
        summary = meta.summary or ""
        principal = [
            e
            for e in companies
            if _names(title, e)
            or any(re.search(rf"(?<!\w){re.escape(form)}['’]s\b", summary) for form in [e, *_short_forms(e)])
        ]
        # the companies whose report the summary reads ("CVS Health's 2022 annual report"), and whether the
        # title sets names against each other ("Rivian vs Tesla")
        reported = [e for e in companies if any(_reads_report(f, summary) for f in [e, *_short_forms(e)])]
        versus = bool(re.search(r"\b(?:vs|versus)\b", title, re.IGNORECASE))
        unknown = [c for c in companies if not lexicon.is_company(c)]
        people = _people(unknown, nlp) if nlp is not None else set()
        for name in [*entities, *titled]:
            entity = parse_model(name) or (
                Entity(name=name, kind=EntityKind.PERSON)
                if name in people
                else _typed(name, companies, principal, corpus_companies, reported, versus)
            )
            if name.lower() in lexicon.speakers or not name:
                continue
            lexicon.add(name, entity)
        for name in entities:  # the transcript's topics: the entities its title names
            forms = [name, *_short_forms(name)] if parse_model(name) is None else [name]
            short = without_co(name)
            if short is not None:
                forms.append(short)  # "Boeing and Pepsi" in the title of a talk about PepsiCo
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
        for owner in _OWNER.findall(meta.summary or ""):
            if (
                owner.lower() not in lexicon.names
                and owner.lower() not in lexicon.speakers
                and lexicon.is_company(owner)
                and _reads_report(owner, summary)
            ):
                # "Amazon's 2017 annual report" with no "Amazon" among the entities: the company all the
                # same
                lexicon.add(owner, Entity(name=owner, kind=EntityKind.COMPANY))
            reporter = lexicon.names.get(owner.lower())
            if reporter is not None and reporter.kind == EntityKind.COMPANY:
                if reporter not in lexicon.topics:
                    lexicon.topics.append(reporter)
                if reporter not in lexicon.reporters:
                    lexicon.reporters.append(reporter)
        if any(_reads_report(f, summary) for r in lexicon.reporters for f in [r.name, *_short_forms(r.name)]):
            # a summary that reads a company's report and mentions another's pill or forecast ("Pfizer's 2021
            # annual report … Merck's pill, Moderna's forecast") reports on the first alone; "Rivian's 10-K
            # and CVS Health's." on both
            lexicon.reporters = [r for r in lexicon.reporters if not _owns_something_else(r.name, summary)]
        if lexicon.reporters:
            # a company the title names beside one whose report the summary reads, and whose documents the
            # corpus has, is reported on too: "Amazon 2017 vs Best Buy Fiscal 2023", whose summary reads
            # "Amazon's 2017 annual report next to Best Buy's fiscal 2023 one"
            lexicon.reporters += [
                t
                for t in lexicon.topics
                if t.kind == EntityKind.COMPANY
                and t not in lexicon.reporters
                and in_corpus(t.name, corpus_companies)
                and _names(title, t.name)
            ]
        for key, entity in list(lexicon.names.items()):
            # a product or segment of no known owner in a talk that reads a company's report is that
            # company's when its name says so: the company's name first ("Amazon Prime"), or an
            # initialism ("PBM") in a talk that reads one company's report, or ("AWS") that the front matter
            # lists after that company and after no other reported one; not "Google Cloud", "iPhone 15" or
            # "Bezos"
            if entity.kind not in (EntityKind.PRODUCT, EntityKind.SEGMENT) or entity.company is not None:
                continue
            owners = [r.name for r in lexicon.reporters if entity.name.startswith(r.name + " ")]
            if not owners and _INITIALISM.fullmatch(entity.name):
                lead = lexicon.reporters[0] if len(lexicon.reporters) == 1 else None
                owner_of = lead or _listed_last_before(entity.name, entities, lexicon.reporters)
                owners = [owner_of.name] if owner_of is not None else []
            owner = owners[0] if len(owners) == 1 else None
            if owner is not None:
                lexicon.names[key] = dataclasses.replace(entity, company=owner)
            else:
                # or, failing any the talk itself gives, the company the talk names whose documents alone
                # print the name ("Darzalex" in a talk about Pfizer and Johnson & Johnson)
                printed = lexicon.printer(entity.name)
                if printed is not None:
                    lexicon.printers[entity.name] = printed
        return lexicon

    def add(self, surface: str, entity: Entity) -> None:
        key = surface.lower()
        if key in NOT_SUBJECTS or len(key) < 2:
            return
        self.names.setdefault(key, entity)
        if entity.kind == EntityKind.COMPANY:
            for short in _short_forms(surface):
                if short != _without_suffix(surface) and short.lower() in self.plain:
                    # "Block" of "Block, Inc.", "Southern" of "The Southern Company": ordinary words, named
                    # so only by dropping more than the last corporate word ("Target" of "Target Corporation"
                    # stays)
                    continue
                self.names.setdefault(short.lower(), entity)
            for short in _KNOWN_SHORT_NAMES.get(surface.lower(), ()):  # "Amex" for "American Express"
                self.names.setdefault(short, entity)
            bare = without_co(surface)
            if bare is not None:  # "Pepsi" for "PepsiCo": the name without the "Co" glued to it
                self.names.setdefault(bare.lower(), entity)
            first = surface.split()[0]
            if (
                " " in surface
                and len(first) >= 4
                and first.isalpha()
                and first[0].isupper()
                and self.plain
                and not made_of(first, self.plain)
            ):
                # "Activision" for "Activision Blizzard", "Verizon" for "Verizon Communications": a first
                # word no dictionary has is the company's own name ("Best" is not Best Buy)
                self.names.setdefault(first.lower(), entity)
        if entity.kind == EntityKind.PERSON:
            last = surface.split()[-1]
            if (
                " " in surface
                and len(last) >= 3
                and last.isalpha()
                and last[0].isupper()
                and not (self.plain and made_of(last, self.plain))
            ):
                # "Vestberg" for "Hans Vestberg": a person is called by the last name (written out in
                # full in the checkable text, as a spoken form: `mentions`)
                self.names.setdefault(last.lower(), entity)
        if entity.kind == EntityKind.SEGMENT and entity.company:
            rest = entity._rest().split()
            if rest:  # "Consumer" for "Verizon Consumer Group"
                self.names.setdefault(rest[0].lower(), entity)
        if entity.kind == EntityKind.MODEL and entity.version:
            for spoken in spoken_version(entity.version):
                self.names.setdefault(spoken, entity)
        if entity.kind == EntityKind.MODEL:  # "Scout" for "Llama 4 Scout"
            for variant in VARIANTS:
                if re.search(rf"\b{variant}\b", entity.name):
                    self.names.setdefault(variant.lower(), entity)

    def known_models(self) -> list[Entity]:
        return [e for e in self.names.values() if e.kind == EntityKind.MODEL]


@functools.cache
def plain_words(nlp: Language) -> frozenset[str]:
    """The nouns, verbs, adjectives and adverbs of the pipeline's lemmatizer index (WordNet's lemmas in
    spaCy's English pipelines); empty when the pipeline has none."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or "lemma_index" not in lookups.tables:
        return frozenset()
    index = lookups.get_table("lemma_index")
    return frozenset(w for pos in ("noun", "verb", "adj", "adv") for w in index.get(pos, ()))


def made_of(name: str, plain: frozenset[str]) -> bool:
    """Every word of `name` is in `plain` (ordinary words: `plain_words`); False when `plain` is empty."""
    words = re.findall(r"[a-z]+", name.lower().removesuffix("'s").removesuffix("’s"))
    return bool(plain) and bool(words) and all(w in plain for w in words)


def plural_of_plain(name: str, plain: frozenset[str]) -> bool:
    """A one-word name that is the plural of an ordinary word ("Flexibles", "Wearables"). A surname may be
    one too ("Jobs", "Weeks"), so a whole name ("Steve Jobs") never is, and `made_of` stays strict."""
    word = name.lower().removesuffix("'s").removesuffix("’s")
    if not word.isalpha() or len(word) <= 3 or not word.endswith("s"):
        return False
    return word[:-1] in plain or (word.endswith("ies") and word[:-3] + "y" in plain)


def _people(names: Sequence[str], nlp: Language) -> set[str]:
    """The names spaCy reads as a person's in "NAME said so.", among those of two or three capitalised words
    that are no known company and not made of ordinary words only ("Document Cloud")."""
    plain = plain_words(nlp)
    candidates = [
        n
        for n in names
        if 2 <= len(n.split()) <= 3
        and all(w[:1].isupper() and w.isalpha() for w in n.split())
        and not is_known_company(n)
        and not made_of(n, plain)
    ]
    people: set[str] = set()
    for name, doc in zip(candidates, nlp.pipe(f"{n} said so." for n in candidates), strict=True):
        if any(ent.label_ == "PERSON" and ent.text == name for ent in doc.ents):
            people.add(name)
    return people


def _listed_last_before(name: str, entities: Sequence[str], reporters: Sequence[Entity]) -> Entity | None:
    """Of the reported companies, the one the front matter's entity list names last before `name`: the one
    whose things it lists ("Amazon, AWS, …, Best Buy, Geek Squad")."""
    if name not in entities:
        return None
    before = entities[: entities.index(name)]
    listed = [r for r in reporters if r.name in before]
    return max(listed, key=lambda r: before.index(r.name), default=None)


def _names(text: str, name: str) -> bool:
    """`text` says `name`, or a short form of it, as a word of its own ("Best Buy" in "Amazon 2017 vs Best
    Buy Fiscal 2023")."""
    forms = [name, *_short_forms(name)]
    return any(re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text, re.IGNORECASE) for form in forms)


def _reads_report(name: str, summary: str) -> bool:
    """The summary reads `name`'s report: "CVS Health's 2022 annual report", "Rivian's 2023 10-K"."""
    return bool(re.search(rf"(?<!\w){re.escape(name)}['’]s\s++{_REPORT_AFTER}", summary, re.IGNORECASE))


# Words after "X's" that still read its report: "Rivian's 10-K and CVS Health's too".
_READS_TOO = frozenset({"too", "also", "as", "and"})  # ("as" of "as well")


def _owns_something_else(name: str, summary: str) -> bool:
    """The summary names only things of `name`'s other than its report: "Merck's pill", "Moderna's
    forecast"; not "Rivian's 10-K and CVS Health's." nor "the 10-K from Merck"."""
    forms = [name, *_short_forms(name)]
    if any(_reads_report(f, summary) for f in forms):
        return False
    for form in forms:
        if re.search(
            rf"\b(?:10-k|annual\s++report|report|filing|results)\s++(?:from|of|for)\s++{re.escape(form)}"
            rf"(?!\w)",
            summary,
            re.IGNORECASE,
        ):
            return False
    after = [
        m.group(1)
        for f in forms
        for m in re.finditer(rf"(?<!\w){re.escape(f)}['’]s(?:\s++([\w-]++))?+", summary)
    ]
    return bool(after) and all(word is not None and word.lower() not in _READS_TOO for word in after)


def _short_forms(name: str) -> list[str]:
    """Other ways a company is named: without a corporate word ("Whole Foods", "CVS"), without "The" and
    every corporate word (`_core_name`: "Coca-Cola"), by initials ("J&J" for "Johnson & Johnson")."""
    forms: list[str] = []
    bare = _without_suffix(name)
    if bare is not None:
        forms.append(bare)
    core = _core_name(name)
    if core != name and core not in forms:
        forms.append(core)
    words = name.split()
    if "&" in words and all(w[:1].isupper() for w in words if w != "&"):
        forms.append("&".join(w[0] for w in words if w != "&"))
    return forms


def _without_suffix(name: str) -> str | None:
    """The name without its last word when that is a corporate one ("Whole Foods" of "Whole Foods
    Market", "Target" of "Target Corporation"), else None."""
    words = name.split()
    if len(words) > 1 and words[-1].lower() in _COMPANY_SUFFIXES:
        return " ".join(words[:-1])
    return None


def _core_name(name: str) -> str:
    """A company's name without a leading "The" and the corporate words after it ("Coca-Cola" of "The
    Coca-Cola Company", "Walt Disney" of "The Walt Disney Company", "Boeing" of "The Boeing Company")."""
    words = name.replace(",", " ").split()
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    while len(words) > 1 and words[-1].lower() in _COMPANY_SUFFIXES:
        words = words[:-1]
    return " ".join(words) if words else name


def _typed(
    name: str,
    companies: Sequence[str],
    topics: Sequence[str] = (),
    corpus: frozenset[str] = frozenset(),
    reporters: Sequence[str] = (),
    versus: bool = False,
) -> Entity:
    """A front-matter entity that is not a model: the segment or product of another entity it starts with
    ("Verizon Consumer Group"), else a company when anyone knows it, the corpus has its documents or the
    title names it, else a product."""
    if is_known_company(name) or in_corpus(name, corpus):
        return Entity(name=name, kind=EntityKind.COMPANY)  # 3M: a company, though it reads like a thing
    if re.fullmatch(r"[\d\s-]+\w*|[A-Z]\d{2,}\w*|[a-z]\w*[A-Z]\w*(?: \d+)?|\d+ [A-Z]+", name):
        return Entity(name=name, kind=EntityKind.PRODUCT)  # 787, 737 MAX, H100, C919, iPhone 15: things
    # the last word of another company's name is its brand or segment ("Blizzard" of "Activision Blizzard"),
    # whatever a summary's "Activision Blizzard's" seems to say of it
    brand_of = next((c for c in companies if c.endswith(" " + name)), None) if name.isalpha() else None
    if brand_of is not None:
        return Entity(name=name, kind=EntityKind.SEGMENT, company=brand_of)
    owner = next((c for c in companies if c != name and name.startswith(c + " ")), None)
    if owner is not None:
        rest = name[len(owner) + 1 :].lower()
        kind = (
            EntityKind.SEGMENT
            if re.search(r"\b(?:group|segment|division|business|unit)\b", rest)
            else (EntityKind.PRODUCT)
        )
        return Entity(name=name, kind=kind, company=owner)
    if len(name.split()) > 1 and name.split()[-1].lower() in _INCORPORATED:
        return Entity(name=name, kind=EntityKind.COMPANY)  # "Ball Corporation": a company by its own name
    if name in topics:
        # a name the title gives beside the company whose filing the talk reads, one the corpus files ("CVS
        # in 2022: Aetna, Caremark and …"), itself neither a company anyone knows nor one whose report is
        # read, nor set against it ("Rivian vs Tesla"), is that company's business, not a second company
        lead = next((t for t in reporters if t != name and in_corpus(t, corpus)), None)
        if lead is not None and name not in reporters and not versus:
            return Entity(name=name, kind=EntityKind.SEGMENT, company=lead)
        return Entity(name=name, kind=EntityKind.COMPANY)
    return Entity(name=name, kind=EntityKind.PRODUCT)


def is_known_company(name: str) -> bool:
    bare = name.removesuffix("'s").removesuffix("’s")
    return bare.lower() in KNOWN_COMPANIES or _core_name(bare).lower() in KNOWN_COMPANIES


def _keyed(name: str, key: str) -> bool:
    """`name` as the talk says it is the company of the corpus's `key`: the same key, or its first words
    ("Verizon" for "verizon communications")."""
    said = corpus_key(name)
    return key == said or key.startswith(said + " ")


def in_corpus(name: str, corpus: frozenset[str]) -> bool:
    """`name` is a company the corpus has documents of: its `company_key` is one of `corpus`'s ("Activision
    Blizzard" for "ACTIVISION BLIZZARD, INC.", "Best Buy" for "BEST BUY CO., INC.")."""
    return bool(corpus) and corpus_key(name.removesuffix("'s").removesuffix("’s")) in corpus


def _front_matter_names(entity: str) -> list[str]:
    """The names one front-matter entity gives: "Block (Square)" two, "Llama 3.2 (Vision)" one model."""
    names = entity_names(entity)
    return [entity.strip()] if parse_model(names[0]) is not None else names
