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

The modules, in the order a clause goes through them: entities.py (`Entity`, model names and their spoken
forms), lexicon.py (`Lexicon`), mentions.py (`mentions`), triggers.py (`find_trigger`), and this one (the
`SubjectTracker`, the `Resolution` it returns, and `claim_period`). The names other modules use are
re-exported here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span

from claimcheck.claims.entities import Entity, EntityKind, base_model, parse_model
from claimcheck.claims.lexicon import Lexicon
from claimcheck.claims.mentions import Mention, mentions, said_with_owner
from claimcheck.claims.triggers import EditMode, Trigger, find_trigger
from claimcheck.models import TranscriptMeta
from claimcheck.quantities import Unit, extract_quantities, spoken_numbers, years
from claimcheck.settings import Settings

__all__ = [
    "EditMode",
    "Entity",
    "EntityKind",
    "Lexicon",
    "Mention",
    "Resolution",
    "SubjectEdit",
    "SubjectTracker",
    "claim_period",
    "parse_model",
    "subject_fields",
    "talk_years",
]

# spaCy's labels for what is never a company's part: an organisation, a place, a nationality or group.
_NOT_PARTS_ENTS = frozenset({"ORG", "GPE", "LOC", "NORP"})
# A person's name as spoken (a surname, one capital then lower case: "Bourla", "Duato"), unlike a
# segment's written name with a capital inside ("MedTech").
_PERSONAL = re.compile(r"^[A-Z][a-z]++(?:\s++[A-Z][a-z]++)*+$")
_OWNER = re.compile(r"(?<![^'’])([^'’]++)['’]s\s")  # the owner a possessive name starts with

# Verbs whose "it" is the document read from ("it says thirty five million", "it shows").
_READ_FROM = frozenset({"say", "show", "list", "state", "note", "mention", "read", "print"})
# "Without the vaccine and Paxlovid, they grew": what is set aside is not who "they" are.
_SET_ASIDE = frozenset({"without", "excluding", "besides", "unlike", "than", "versus", "vs", "except"})


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


def _model_talk(span: Span) -> bool:
    """The clause speaks of a model's training, size or scores (and not of a business)."""
    words = {tok.lower_ for tok in span}
    return bool(words & _MODEL_CUES) and not words & _COMPANY_CUES


# A turn of the talk to a new subject: "let's switch to CVS", "moving on to Corning", "next up, Pfizer".
_SHIFT = re.compile(
    r"\b(?:let'?s|let\s+us|we'?ll|now)\s+(?:switch|move|turn|go|get|talk|jump|pivot)\s+(?:over\s+|on\s+|back\s+)?"
    r"(?:to|about)\b|\b(?:moving|switching|turning|pivoting)\s+(?:on\s+|over\s+)?to\b|\bnext\s+up\b",
    re.IGNORECASE,
)


# A clause that opens on the next item of the talk: "Okay, and then three point three, which came out two
# weeks ago", "What about Maverick?", "And how about Verizon?".
_SHIFT_START = re.compile(
    r"(?:(?:okay|ok|alright|so|and|now|right)\b[\s,]*+)*+(?:then|what\s++about|how\s++about)\b"
    # a short question of one name: "And Johnson & Johnson?"
    r"|(?<!\W)\W*+(?:so\s++)?+and\b(?=\s++(?:the\s++)?+[\w&.’'-]++(?:\s++(?:and\s++|&\s++)?+[\w&.’'-]++){0,3}"
    r"(?:\W++(?:though|then|now))?+\s*+\?\s*+\Z)",
    re.IGNORECASE,
)


def _coordinated(span: Span, end: int) -> bool:
    """Two things joined with "and" in `span` before token `end` ("The tokenizer and the data mix", "Meta
    and Microsoft", "the pretrained and the instruct checkpoints")."""
    return any(
        t.dep_ == "conj" and t.head.i < t.i and any(c.lower_ == "and" for c in t.head.children)
        for t in span
        if t.i < end
    )


def _size_order(size: str) -> tuple[float, str]:
    """A model size in order of its parameters ("8B" before "70B"); one not written "<number>B" last."""
    match = re.match(r"(\d+(?:\.\d+)?)", size)
    return (float(match.group(1)) if match else float("inf"), size)


def _most_specific(entities: Sequence[Entity]) -> list[Entity]:
    """`entities` in order, once each, less any that another of them refines ("Llama 3.2" beside "Llama 3.2
    3B")."""
    unique = list(dict.fromkeys(entities))
    return [e for e in unique if not any(other.refines(e) for other in unique if other != e)]


def _fronted_topic(
    named: Sequence[Mention], kinds: frozenset[EntityKind], span: Span, trigger: Trigger
) -> Entity | None:
    """The name a clause opens on, set off by a comma before its pronoun: with no verb of its own ("Back to
    Corning for a sec, their net income …", "As for 3M, they …"), or as the subject of the clause before
    the comma ("Remicade keeps bleeding, it lost like forty percent"); not "Unlike Corning, they …", nor
    "They sold a plant to Corning, and their margin …", nor a measure's bare subject (only a pronoun leans
    on it)."""
    if trigger.mode == EditMode.PREFIX or trigger.words.startswith("both"):
        return None  # ("… ties three point one 8B, thirty two point eight, both of them": the two named)
    doc = span.doc
    opening = doc[span.start : trigger.start]
    if not any(t.text == "," for t in opening) or any(
        # ("Corning sued them, they paid six billion": the pronoun before is whom it stands for; "Corning or
        # not, they still made thirty four billion")
        t.lower_ in _SET_ASIDE or t.lower_ in ("or", "nor", "not", "them", "they", "it", "their", "its")
        for t in opening
    ):
        return None
    last_comma = max(t.i for t in opening if t.text == ",")
    if any(not t.is_punct for t in doc[last_comma + 1 : trigger.start]):
        return None  # the pronoun opens the clause after the comma
    verbless = not any(t.pos_ in ("VERB", "AUX") and t.tag_ != "POS" for t in opening)
    before = [
        m
        for m in named
        if m.entity.kind in kinds
        and m.end <= last_comma
        and (verbless or any(t.dep_ in ("nsubj", "nsubjpass") for t in doc[m.start : m.end]))
    ]
    return before[-1].entity if len({m.entity.name for m in before}) == 1 else None


# Words that put a turn off or step back from it: "Before that, one more thing on the planes.", "Hold on,
# the jet maker's backlog first.", "Meanwhile the 737 line …".
_DEFERS = re.compile(
    r"\b(?:before\s++that|first|hold\s++on|wait|one\s++more|back\s++to|going\s++back|meanwhile|still\s++on)\b",
    re.IGNORECASE,
)


# What spaCy names that makes a figure someone else's than the company whose report the talk reads.
_SOMEONE_ELSE_ENTS = frozenset({"GPE", "LOC", "NORP", "ORG", "PERSON", "FAC", "PRODUCT"})
# spaCy's organisation or product of a few capitals nobody introduced is a measure's shorthand ("the MBR",
# "GPV"), as `mentions` reads it (a country, spaCy's GPE, is still a place: "US")
_ACRONYM = re.compile(r"(?:[Tt]he[ \t]++)?+[A-Z]{2,4}")
# Verbs a measure does ("the MBR got worse", "Total GPV was …"); an organisation acts ("The FTC fined …").
_MEASURE_VERBS = frozenset(
    "be get grow rise fall drop go come increase decrease decline improve worsen".split()
)
# Words of the speakers' own lives and show ("My salary went up", "We have fifty thousand listeners").
_PERSONAL_WORDS = frozenset("i me my mine we us our ours you your yours".split())


def _measure_shorthand(ent: Span) -> bool:
    """spaCy's organisation or product that is a measure's shorthand: a few capitals nobody introduced, whose
    verb is one a measure does ("the MBR got worse"; not "GM sold", "The CDC said")."""
    return (
        ent.label_ in ("ORG", "PRODUCT")
        and _ACRONYM.fullmatch(ent.text) is not None
        and ent.root.head.lemma_.lower() in _MEASURE_VERBS
    )


@dataclass
class SubjectTracker:
    """Salience of the names said so far, and the resolution of each clause in turn."""

    lexicon: Lexicon
    settings: Settings  # the subject_* knobs
    salience: dict[str, float] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    last_prefix: Entity | None = None  # the company put in front of the clause just before
    # the name the clause just before was resolved to, put in front of it or standing for its pronoun
    last_resolved: Entity | None = None
    owners: dict[str, str] = field(default_factory=dict)  # product -> the company it was last named with
    # of the companies the talk reports on, the one named last ("the Amex 10-K", then PepsiCo's later)
    last_principal: Entity | None = None
    # the segment or product the clause just before was about, said as its subject ("Optical Communications
    # is the biggest segment"), which a bare "it" in the next clause stands for
    last_part: Entity | None = None
    # what the clause just before was about, however it was named ("The small one, Scout, was trained on …")
    last_subject: Entity | None = None
    # the company a clause turned the talk to ("Okay, Pepsi."), until a clause is about another one
    turned_to: Entity | None = None
    # what "the big one" (1) or "the small one" (-1) of a model family and version was said to be ("Scout –
    # the small one –"): a family named by its variants has no sizes to rank
    sized_said: dict[tuple[str, int], Entity] = field(default_factory=dict)
    # the clause just before joined two things with "and" ("The tokenizer and the data mix changed"): a
    # "both of them" after it is those two
    last_coordinated: bool = False

    def _principals(self) -> list[Entity]:
        """The companies the talk reports on: those whose report the summary reads, else the title's."""
        return self.lexicon.reporters or self.lexicon.topics

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
        self,
        span: Span,
        *,
        antecedent: str | None = None,
        weight: float = 1.0,
        content: bool = True,
        announced: bool = False,
    ) -> tuple[Resolution, list[Mention]]:
        """The subject of `span` and the edits that name it; then `observe` it (with `weight`, less for what
        is said about the screen or in a question). `announced`: the clause turns the talk to the one company
        it names ("Okay, Pepsi."), which a bare measure after it is about (`turned_to`) until a clause is
        about another company."""
        named = mentions(span, self.lexicon, self._focus_model())
        companies_named = {m.entity for m in named if m.entity.kind == EntityKind.COMPANY}
        if announced and len({m.entity.name for m in named}) == 1 and len(companies_named) == 1:
            self.turned_to = next(iter(companies_named))
        elif self.turned_to is not None and (companies_named - {self.turned_to} or _DEFERS.search(span.text)):
            # ("Wait, one more on Boeing.", "Before that, one more thing on the planes.", "Meanwhile …")
            self.turned_to = None
        edits = [SubjectEdit(EditMode.AFTER, f"[{m.entity.name}]", m.start, m.end) for m in named if m.spoken]
        trigger = find_trigger(span, named)
        if trigger is not None and trigger.topics_only and trigger.owner is None and not self._owned(named):
            # "Sealed Air just cut its guidance again": a name whose company neither the talk nor the corpus
            # gives is what the clause is about, not a part of the company the talk reports on
            trigger = None
        resolution: Resolution
        if trigger is None:
            subject = next((m.entity for m in named if m.subject), named[0].entity if named else None)
            owner = self._printed_owner(span, named)
            if owner is not None:
                # "MedTech was twenty seven point four", "Orthopaedics was flat": a name of no owner said,
                # that the corpus prints in one company's documents alone, a company the talk names
                edits.append(SubjectEdit(EditMode.PREFIX, f"[{owner.name}]", span.start, span.start))
                subject = owner
            elif subject is None and (reporter := self._sole_report_of(span)) is not None:
                # "There's still about five point three billion left on the authorization": a figure said of
                # no one, in a talk that reads one company's report and no model's, is that company's
                edits.append(SubjectEdit(EditMode.PREFIX, f"[{reporter.name}]", span.start, span.start))
                subject = reporter
            resolution = Resolution(subject=subject, edits=tuple(edits))
        else:
            picked = self._pick(trigger, antecedent, named, span)
            if picked is not None and trigger.size and picked.kind == EntityKind.MODEL and picked.family:
                self.sized_said[(base_model(picked).name, trigger.size)] = picked
            made = self._maker(trigger, named, span) if picked is None else None
            if made is not None:
                # "They trained it on like six billion image text pairs" in a talk about a model whose
                # maker nobody named: the maker is written, the model is what the clause is about
                model, maker = made
                name = maker + ("'s" if trigger.possessive else "")
                edit = SubjectEdit(trigger.mode, f"[{name}]", trigger.start, trigger.end)
                resolution = Resolution(subject=model, edits=(*edits, edit))
            elif picked is None:
                resolution = Resolution(
                    subject=named[0].entity if named else None, edits=tuple(edits), unresolved=trigger.words
                )
            else:
                name = picked.name + ("'s" if trigger.possessive else "")
                edit = SubjectEdit(trigger.mode, f"[{name}]", trigger.start, trigger.end)
                resolution = Resolution(subject=picked, edits=(*edits, edit))
        if (
            self.turned_to is not None
            and resolution.subject is not None
            and resolution.subject.kind == EntityKind.COMPANY
            and resolution.subject != self.turned_to
        ):
            self.turned_to = None  # "Okay, Figma. So [Adobe] are paying twenty billion for it": Adobe again
        prefixed = any(e.mode == EditMode.PREFIX for e in resolution.edits)
        self.last_prefix = resolution.subject if prefixed else None
        if content:
            self.last_subject = resolution.subject
            part = next((m.entity for m in named if m.subject), None)
            self.last_part = (
                part if part is not None and part.kind in (EntityKind.SEGMENT, EntityKind.PRODUCT) else None
            )
        if content:
            self.last_coordinated = _coordinated(span, span.end)
        resolved = trigger is not None and resolution.unresolved is None and resolution.subject is not None
        if content or resolved:  # a filler ("Yeah.", "Right.") keeps the thread
            self.last_resolved = resolution.subject if resolved else None
        self.observe(named, resolution, weight=weight, content=content, span=span)
        return resolution, named

    def _pick(
        self, trigger: Trigger, antecedent: str | None, named: Sequence[Mention], span: Span
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
            # (and one the talk never gave it: the company whose documents alone print it)
            owners = owners or {
                self.lexicon.printers[m.entity.name] for m in named if m.entity.name in self.lexicon.printers
            }
            if len(owners) == 1:
                owner_name = next(iter(owners))
                # (the owner may be known only from the front matter: the company whose report is read)
                return self.entities.get(owner_name) or self.lexicon.names.get(owner_name.lower())
        kinds = _narrowed(trigger.kinds, span)
        if (
            EntityKind.PRODUCT in kinds
            and EntityKind.MODEL in kinds
            and _model_talk(span)
            and self._focus_model()
        ):
            # "It was pretrained on …" after "Meta bought H100s": training is a model's, not a chip's
            kinds = frozenset({EntityKind.MODEL})
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
        fronted = _fronted_topic(named, kinds, span, trigger)
        if fronted is not None:  # "Back to Corning for a sec, their net income was one point three billion"
            return self._with_owner(fronted)
        part = self.last_part
        if (
            part is not None
            and trigger.mode == EditMode.REPLACE
            and trigger.words.lower() in ("it", "its")
            and part.kind in kinds
            and part.name not in {m.entity.name for m in named}
            # (not the document read from: "Twenty one, it says twenty one")
            and span.doc[trigger.start].head.lemma_.lower() not in _READ_FROM
        ):
            # "Optical Communications is the biggest segment, about five billion. And it grew like eight
            # percent": the part the clause before was about
            return self._with_owner(part)
        here = {m.entity.name for m in named}  # "They paid 13.7 billion for Whole Foods": not Whole Foods
        ranked = [(score, e) for score, e in self._ranked(kinds) if e.name not in here]
        if trigger.mode == EditMode.PREFIX and self.turned_to is not None and not trigger.topics_only:
            # a bare measure after "Okay, Pepsi.": the company the talk turned to
            return self.turned_to
        if trigger.mode == EditMode.PREFIX:
            # a measure or a segment with no company named: a company the talk reports on (or a model)
            principal = {t.name for t in self._principals()}
            if principal:  # (a front matter that names no company leaves it to salience alone)
                ranked = [
                    (score, e)
                    for score, e in ranked
                    if e.name in principal or (e.kind == EntityKind.MODEL and not trigger.topics_only)
                ]
        if trigger.plural and trigger.words in ("both of them", "they both", "both"):
            paired = self.last_coordinated or _coordinated(span, trigger.start)
            return self._pair(named, ranked, paired_before=paired)
        if trigger.other:
            return self._other(ranked)
        if trigger.size and ranked and ranked[0][1].kind == EntityKind.MODEL:
            return self._said_sized(ranked[0][1], trigger.size) or self._sized(ranked[0][1], trigger.size)
        # A pronoun needs a name said lately; a bare measure ("Net income was …") may rest on the company the
        # whole talk reports on.
        # So may "they" when that company is the only one in the running ("They've got 79,000 employees").
        floor = self.settings.subject_min_salience
        if trigger.mode == EditMode.PREFIX or (
            trigger.plural and ranked and ranked[0][1] in self.lexicon.reporters
        ):
            floor = min(floor, self.settings.subject_topic_weight)
        if not ranked:
            return None
        top_score, top = ranked[0]
        rivals = [s for s, e in ranked[1:] if not (e.refines(top) or top.refines(e))]
        if top in self.lexicon.topics:
            # "It was pretrained on …" in a talk about one model, no other name said lately: the topic (when
            # it is clearly ahead of every other name, as the margin below asks)
            floor = min(floor, self.settings.subject_topic_weight)
        recent = self.last_resolved
        if recent is not None and recent.kind not in kinds:
            # "They" after a clause about a product: the company that product was named with ("… and a
            # MinuteClinic in every one of them. … They took 5.8 billion in opioid charges")
            owned_by = self.owners.get(recent.name) or recent.company
            recent = self.entities.get(owned_by) if owned_by else None
        recent_score = next((score for score, e in ranked if e == recent), None)
        if (
            recent is not None
            and recent_score is not None
            and recent_score >= self.settings.subject_margin * top_score
            and (top_score < floor or (rivals and rivals[0] > self.settings.subject_margin * top_score))
        ):
            # Two names close in the running (or none salient enough alone): the one the clause just before
            # was resolved to, put in front of it or standing for its pronoun ("[Boeing] Workforce went from
            # 142,000 to 156,000. They hired about 32,000", with Airbus said twice just before)
            return recent
        ambiguous = top_score < floor or bool(rivals and rivals[0] > self.settings.subject_margin * top_score)
        last = self.last_principal
        if (
            ambiguous
            and trigger.mode == EditMode.PREFIX
            and last is not None
            and any(e == last for _, e in ranked)
        ):
            # a bare measure in a talk that reads two companies' reports, neither clearly ahead: the one
            # named last ("the Amex 10-K … Discount revenue was 30.7bn", PepsiCo not yet named)
            return last
        return None if ambiguous else top

    def _maker(self, trigger: Trigger, named: Sequence[Mention], span: Span) -> tuple[Entity, str] | None:
        """ "They" (or "their") that no company said stands for, in a talk about models whose maker nobody
        named: the model in focus and its maker ("They dropped it on April fifth": Meta, about Llama 4). Not
        "they both", "they all", "they came out in October" (the models themselves: a maker's "they" does
        something to something, or says so), nor where the clause names a company or a model."""
        if not trigger.plural or trigger.words.lower() not in ("they", "their"):
            return None
        after = span.doc[trigger.end] if trigger.end < len(span.doc) else None
        if after is not None and after.lower_ in ("both", "all", "each"):
            return None
        verb = span.doc[trigger.start].head
        if not trigger.possessive and not any(c.dep_ in ("dobj", "ccomp") for c in verb.children):
            return None  # (a maker does something to something: "They came out in October" is the models)
        if any(m.entity.kind in (EntityKind.COMPANY, EntityKind.MODEL) for m in named):
            return None
        floor = self.settings.subject_min_salience
        if any(score >= floor for score, _ in self._ranked(frozenset({EntityKind.COMPANY}))):
            return None  # (a company said lately: the resolver found none clear enough, no maker is guessed)
        focus = self._focus_model()
        if focus is None or not focus.company:
            return None
        return focus, focus.company

    def _owned(self, named: Sequence[Mention]) -> bool:
        """Whether the name the clause is about (else any it says) has a company: its own, one the talk gave
        it, or one of the talk's companies whose documents print it ("Every iPhone 15 uses Gorilla Glass":
        not Corning's; "Spirit AeroSystems builds like seventy percent of the 737": not Boeing's). One word
        spaCy found that the front matter does not list, or any name without a corpus, is taken to have
        one."""
        about = [m for m in named if m.subject] or named
        if any(m.entity.name.lower() not in self.lexicon.names and " " not in m.entity.name for m in about):
            return True  # (one word spaCy found, no name the front matter lists: "Slower, seventeen percent")
        return any(
            m.entity.company is not None
            or m.entity.name in self.owners
            or not self.lexicon.unprinted_by_talk(m.entity.name)
            for m in about
        )

    def _sole_report_of(self, span: Span) -> Entity | None:
        """The one company whose report the talk reads, for a clause that says a figure (not a year) and
        names no one, when no model is in play and no other company is in the running; else None."""
        reporters = self.lexicon.reporters
        if len(reporters) != 1 or self._focus_model() is not None:
            return None
        if not any(q.unit != Unit.YEAR for q in extract_quantities(str(span.text))):
            return None
        if any(e.label_ in _SOMEONE_ELSE_ENTS and not _measure_shorthand(e) for e in span.ents):
            return None  # "US spends four trillion a year on healthcare": a country's figure, no one's report
        if any(t.lower_ in _PERSONAL_WORDS for t in span):
            # "My salary went up three percent", "We have fifty thousand listeners": the speakers'
            return None
        ranked = self._ranked(frozenset({EntityKind.COMPANY}))
        return reporters[0] if ranked and ranked[0][1] == reporters[0] else None

    def _sole_reporter_printing(self, name: str) -> Entity | None:
        """The one company whose report the talk reads, when of the talk's companies only its documents print
        `name`; else None (a talk that reads two reports, or a name its filing does not print)."""
        reporters = self.lexicon.reporters
        if len(reporters) != 1 or self.lexicon.printer(name) != reporters[0].name:
            return None
        return reporters[0]

    def _other(self, ranked: list[tuple[float, Entity]]) -> Entity | None:
        """ "The other one": of the two names most in the running, the one the clause before was not about
        ("The small one, Scout, was trained on forty trillion tokens. And the other one got twenty two")."""
        before = self.last_subject
        pair = [e for _, e in ranked[:2]]
        if before is None or len(pair) < 2 or before not in pair:
            return None
        other = pair[1] if pair[0] == before else pair[0]
        return None if other.refines(before) or before.refines(other) else other

    def _with_owner(self, entity: Entity) -> Entity:
        """A product or segment named with its company when the talk or the corpus gives one ("Remicade"
        -> "Johnson & Johnson Remicade"), as a pronoun that stands for it is written."""
        if entity.kind not in (EntityKind.PRODUCT, EntityKind.SEGMENT):
            return entity
        owner = entity.company or self.owners.get(entity.name) or self.lexicon.printer(entity.name)
        if owner is None or entity.name.startswith(owner):
            return entity
        return Entity(f"{owner} {entity.name}", entity.kind, owner)

    def _printed_owner(self, span: Span, named: Sequence[Mention]) -> Entity | None:
        """The company whose documents alone print the name a clause is about, when the clause names no
        company, model or owner of it: its subject, a product or segment ("Flexibles"), a name spaCy takes
        for a person but made of no person's words ("MedTech"), or a proper noun nobody listed. Never a
        company or organisation spaCy reads ("Keurig Dr Pepper", "Viatris"), a place ("Japan"), a speaker, a
        person, an ordinary word ("Distillation") unless it is the part of the one company whose report the
        talk reads (`_sole_reporter_printing`: "International was up too" in a talk about Amazon's report),
        nor with a corpus of fewer than two companies (then "only one company prints it" says nothing). None
        otherwise."""
        if len(self.lexicon.corpus_companies) < 2:
            return None
        if any(m.entity.kind in (EntityKind.COMPANY, EntityKind.MODEL) or m.entity.company for m in named):
            return None
        subject = next((m for m in named if m.subject), None)
        name = subject.entity.name if subject is not None else None
        if subject is not None and subject.entity.kind == EntityKind.PERSON and _PERSONAL.search(name or ""):
            return None
        plain = False
        if name is None and not named:
            head = next((t for t in span if t.dep_ in ("nsubj", "nsubjpass")), None)
            if head is not None and head.pos_ == "PROPN" and head.text[:1].isupper():
                name = str(span.doc[head.left_edge.i : head.i + 1].text)
                plain = self.lexicon.all_plain(name)
        if name is None or name.lower() in self.lexicon.speakers:
            return None
        if any(e.label_ in _NOT_PARTS_ENTS and name in e.text for e in span.ents):
            return None
        if plain:
            # an ordinary word ("International was up too") is a part of the one company the talk reads the
            # report of, when that company's documents print it
            return self._sole_reporter_printing(name)
        printed = self.lexicon.printer(name)
        if printed is None:
            return None
        return (
            self.entities.get(printed)
            or self.lexicon.names.get(printed.lower())
            or Entity(printed, EntityKind.COMPANY)
        )

    def _pair(
        self, named: Sequence[Mention], ranked: list[tuple[float, Entity]], *, paired_before: bool = False
    ) -> Entity | None:
        """ "Both of them": the two models the clause itself names ("three point two 3B ties three point one
        8B, … both of them"), else the two most salient models, each the most specific of its line ("Llama
        3.2 1B and Llama 3.2 3B", never "Llama 3.2 and Llama 3.2 3B"), the second within
        `subject_pair_ratio` of the first and clear of any third. None when the talk's lead is no model."""
        here = _most_specific([m.entity for m in named if m.entity.kind == EntityKind.MODEL])
        if len(here) == 2:
            return Entity(f"{here[0].name} and {here[1].name}", EntityKind.MODEL, here[0].company)
        if not ranked or ranked[0][1].kind != EntityKind.MODEL:
            return None
        floor = self.settings.subject_pair_ratio * ranked[0][0]
        score_of = {e: score for score, e in ranked if e.kind == EntityKind.MODEL and score >= floor}
        kept = _most_specific(list(score_of))
        if len(kept) == 1:
            # one model clearly in the lead: "both of them" are the two its line comes in ("So Llama 3 is two
            # sizes, 8B and 70B … the knowledge cutoff is December twenty three, for both of them"), unless
            # two things were just joined with "and" ("Grouped query attention and RoPE, they both …")
            return None if paired_before else self._two_of(kept[0])
        # a third close behind leaves the pair open, unless the two ahead are one line's and it is not
        # ("Scout … Maverick … basically the size of the four oh five. And they both have …")
        siblings = len(kept) > 2 and base_model(kept[0]) == base_model(kept[1]) != base_model(kept[2])
        if len(kept) < 2 or (
            len(kept) > 2
            and score_of[kept[2]] >= self.settings.subject_margin * score_of[kept[1]]
            and not siblings
        ):
            return None
        return Entity(f"{kept[0].name} and {kept[1].name}", EntityKind.MODEL, kept[0].company)

    def _two_of(self, model: Entity) -> Entity | None:
        """The two of `model`'s family and version when the talk and the corpus know exactly two: its two
        sizes ("Llama 3 8B and Llama 3 70B"), or, for a line of no sizes, its two named variants ("Llama 4
        Scout and Llama 4 Maverick"); None otherwise."""
        base = base_model(model)
        sizes = self._line_sizes(base.name)
        if len(sizes) == 2:
            first, second = (f"{base.name} {size}" for size in sizes)
            return Entity(f"{first} and {second}", EntityKind.MODEL, base.company)
        variants = sorted(self._line_variants(base.name))
        if not sizes and len(variants) == 2:
            return Entity(f"{variants[0]} and {variants[1]}", EntityKind.MODEL, base.company)
        return None

    def _line_sizes(self, base: str) -> list[str]:
        """The sizes the talk and the corpus know of the model line `base` ("Llama 3": 8B, 70B), smallest
        first."""
        known = [*self.entities.values(), *self.lexicon.known_models()]
        return sorted({e.size for e in known if e.size and base_model(e).name == base}, key=_size_order)

    def _line_variants(self, base: str) -> dict[str, Entity]:
        """The named variants of no size the talk and the corpus know of the model line `base` ("Llama 4":
        Scout, Maverick), by name."""
        known = [*self.entities.values(), *self.lexicon.known_models()]
        return {
            e.name: e
            for e in known
            if e.family and base_model(e).name == base and e.name != base and not e.size
        }

    def _said_sized(self, model: Entity, size: int) -> Entity | None:
        """ "The big one" of `model`'s family and version as the talk said it, or the other of two variants
        when the talk said which is "the small one" ("Scout – the small one –", then "the big one" is
        Maverick); None when it said neither."""
        base = base_model(model).name
        said = self.sized_said.get((base, size))
        if said is not None:
            return said
        other = self.sized_said.get((base, -size))
        if other is None:
            return None
        variants = self._line_variants(base)
        if len(variants) != 2 or other.name not in variants:
            return None
        return next(e for name, e in variants.items() if name != other.name)

    def _sized(self, model: Entity, size: int) -> Entity | None:
        """ "The big one" among the sizes said of `model`'s family and version."""
        base = base_model(model)
        sizes = self._line_sizes(base.name)
        if not sizes:
            return None
        pick = sizes[-1] if size > 0 else sizes[0]
        return Entity(f"{base.name} {pick}", EntityKind.MODEL, base.company, base.family, base.version, pick)

    def observe(
        self,
        named: Sequence[Mention],
        resolution: Resolution,
        *,
        weight: float = 1.0,
        content: bool = True,
        span: Span | None = None,
    ) -> None:
        """Let salience decay (after a clause with content: not after "Yeah." or "Totally.") and add what
        `named` and the resolution say; a list of names ("Scout, Maverick, 3.3 70B") shares one weight."""
        if content or named:
            for key in self.salience:
                self.salience[key] *= self.settings.subject_decay
        companies = [m.entity for m in named if m.entity.kind == EntityKind.COMPANY and not m.contrasted]
        reported = [c for c in companies if c in self._principals()]
        if len(reported) == 1:
            self.last_principal = reported[0]
        if not companies and resolution.subject is not None and resolution.subject.kind == EntityKind.COMPANY:
            companies = [resolution.subject]  # "[CVS Health] They've got … a MinuteClinic in every one"
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
                base = base_model(m.entity)
                self.entities.setdefault(base.name, base)
                gains[base.name] = max(gains.get(base.name, 0.0), self.settings.subject_other_weight * share)
            owner = m.entity.company
            if (
                owner
                and m.entity.kind == EntityKind.SEGMENT
                and span is not None
                and said_with_owner(m, span.doc, owner)
            ):
                # a part named by its company ("Meta AI", "Verizon Consumer") keeps the company in focus too
                self.entities.setdefault(owner, Entity(owner, EntityKind.COMPANY))
                gains[owner] = max(gains.get(owner, 0.0), self.settings.subject_other_weight * share)
        # A pronoun resolved keeps its referent in focus ("it … it … it"); a name put in front of a clause
        # that named nothing does not (it was the focus already, and fillers would feed it).
        if (
            resolution.subject is not None
            and resolution.unresolved is None
            and " and " not in resolution.subject.name  # "both of them": the pair is not one name to carry
            # (a pronoun that stood for the subject itself, not for its maker: "[Meta] trained it")
            and any(
                e.mode == EditMode.REPLACE and resolution.subject.name in e.text for e in resolution.edits
            )
        ):
            self.entities.setdefault(resolution.subject.name, resolution.subject)
            gains[resolution.subject.name] = max(
                gains.get(resolution.subject.name, 0.0), self.settings.subject_weight * weight
            )
        for name, gain in gains.items():
            self.salience[name] = self.salience.get(name, 0.0) + gain
        if span is not None:
            self._turn(span, named)

    def companies_named(self) -> list[str]:
        """The companies the talk names so far: the front matter's, those said, and the owners of the
        models, products and segments said (sorted)."""
        named = [*self.lexicon.topics, *self.lexicon.reporters, *self.entities.values()]
        out = {e.name for e in named if e.kind == EntityKind.COMPANY}
        out |= {e.company for e in named if e.company} | set(self.owners.values())
        out |= {m.group(1) for e in named if (m := _OWNER.match(e.name))}  # "Pfizer's Seagen deal"
        return sorted(out)

    def _turn(self, span: Span, named: Sequence[Mention]) -> None:
        """ "Let's switch to CVS": the name the talk turns to leads from here, whatever came before. After an
        opening "and then" or "what about", only a name said right after it does ("And then three point
        three, which came out …", not "Then in late July the Aearo subsidiaries filed")."""
        shift = _SHIFT.search(span.text)
        opening = None if shift else _SHIFT_START.match(span.text)
        found = shift or opening
        if found is None:
            return
        at = span.start_char + found.end()
        for m in named:
            idx = span.doc[m.start].idx
            if idx < at:
                continue
            if opening is not None and span.doc.text[at:idx].strip(" ,").lower() not in ("", "the"):
                return
            lead = max(self.salience.values(), default=0.0)
            self.salience[m.entity.name] = lead + self.settings.subject_weight
            return


# --------------------------------------------------------------------------------------------------
# period

_PERIOD_RES = (
    re.compile(r"\bFY ?((?:19|20)?\d\d)\b", re.IGNORECASE),
    re.compile(r"\b(Q[1-4]) ((?:19|20)\d\d)\b"),
    re.compile(r"(?<![\w.])((?:19|20)\d\d)(?!\w|\.\d)"),
)


_YEAR_CUE = re.compile(
    r"(?:\b(?:in|for|since|from|until|through|during|by|of|fiscal|the)|,)\s*+$", re.IGNORECASE
)
_COUNTED_AFTER = re.compile(
    r"(?<!\s)\s*+(?:a\s++(?:month|year|share)|dollars|bucks|cents|percent|stores|people|employees|users|units)\b",
    re.IGNORECASE,
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
    if year_match:
        return year_match.group(1)
    for said in spoken_numbers(text):
        # a year said in words where a period is said ("in twenty twenty", "Activision, twenty nineteen,
        # revenue …"), not a price or a count ("nineteen ninety nine a month", "two thousand and twenty
        # stores")
        if (
            said.year
            and _YEAR_CUE.search(text, max(0, said.start - 12), said.start)
            and not _COUNTED_AFTER.match(text, said.end)
        ):
            return str(int(said.value))
    return None


def talk_years(meta: TranscriptMeta) -> list[int]:
    """The years a transcript's front matter says the talk is about: in its title, segment or topics
    ("Activision's 2019 and Amcor's Fiscal 2023", "FY17"), sorted."""
    extra = meta.extra
    fields = [meta.title or "", str(extra.get("segment") or "")]
    topics = extra.get("topics")
    if isinstance(topics, list):
        fields.extend(str(t) for t in topics)
    return sorted(set(years(" ".join(fields))))


def subject_fields(resolution: Resolution) -> dict[str, Any]:
    """The `Claim` fields a resolution fills."""
    return {
        "subject": resolution.subject.subject() if resolution.subject is not None else None,
        "needs_context": resolution.unresolved is not None,
        "unresolved": resolution.unresolved,
    }
