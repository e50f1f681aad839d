"""The verdict rules, in order, in one table: `RULES`.

Every rule is a function with one signature, `(RuleContext) -> Ruling | None`, registered with its stage:

- `Stage.LABEL` rules label a finding — each checked part's, then a compound claim's combined one. The first
  rule that answers decides; when none does, the finding is Unverified.
- `Stage.ADJUST` rules then run once on the whole claim, in order, each seeing the label so far: they may
  relabel it (the generalisation and promotional rules) or only add signals.

A rule that answers returns a `Ruling`: the label (None keeps it) and the signals that say why. Adding a
rule is one function here (or in its own module) and one line in `RULES`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from claimcheck.models import Claim, ClaimType, Evidence, Label, Signal
from claimcheck.quantities import Unit, figures
from claimcheck.settings import Settings
from claimcheck.verify.findings import Finding, FindingSource, SignalName


class Stage(StrEnum):
    LABEL = "label"  # the first rule that answers labels the finding
    ADJUST = "adjust"  # runs on the labelled claim; may relabel it or add signals


@dataclass(frozen=True)
class RuleContext:
    """What a rule reads."""

    claim: Claim
    finding: Finding  # a part's finding while labelling a part; the combined one otherwise
    settings: Settings
    label: Label | None = None  # the label so far (None while labelling)
    cited: Sequence[Evidence] = ()  # what the draft cites
    related: Sequence[Evidence] = ()  # the primary evidence (relevant, not a breakdown)


@dataclass(frozen=True)
class Ruling:
    label: Label | None = None  # None: keep the label so far
    signals: tuple[Signal, ...] = ()


@dataclass(frozen=True)
class Rule:
    name: str
    stage: Stage
    apply: Callable[[RuleContext], Ruling | None] = field(repr=False)


# ------------------------------------------------------------------------------------ label rules


def prediction(ctx: RuleContext) -> Ruling | None:
    """A claim about the future is never simply Real: at best its trend is underway; unsupported, Hype."""
    if ctx.claim.type != ClaimType.PREDICTIVE:
        return None
    f = ctx.finding
    if f.contradicted and not f.supported:
        return Ruling(Label.HYPE)
    if f.supported or f.partial:
        return Ruling(
            Label.PARTIALLY_TRUE, (Signal(name=SignalName.FORWARD_LOOKING_TREND_UNDERWAY, value=True),)
        )
    return Ruling(Label.HYPE, (Signal(name=SignalName.FORWARD_LOOKING_UNSUPPORTED, value=True),))


def mixed(ctx: RuleContext) -> Ruling | None:
    """Part supported and part contradicted, or right in direction and wrong in size: Partially True. So is
    a compound claim with a part the evidence supports and a part nothing settles
    (`unsettled_part_is_partial`)."""
    f = ctx.finding
    unsettled_part = ctx.settings.unsettled_part_is_partial and f.supported and f.unsettled
    if f.partial or (f.supported and f.contradicted) or unsettled_part:
        return Ruling(Label.PARTIALLY_TRUE)
    return None


def supported(ctx: RuleContext) -> Ruling | None:
    return Ruling(Label.REAL) if ctx.finding.supported else None


def contradicted(ctx: RuleContext) -> Ruling | None:
    return Ruling(Label.HYPE) if ctx.finding.contradicted else None


# ----------------------------------------------------------------------------------- adjust rules

# Words that make a claim broader than a passage that lacks them: "all", "every", "always", superlatives.
_UNIVERSAL = re.compile(
    r"\b(?:all(?! of (?:a|the) sudden)|every(?! (?:day|week|month|quarter|year|time)\b)|everyone|everybody|"
    r"everything|always|nobody|entire|"
    r"best|largest|biggest|fastest|strongest|smartest|leading|the most|first-ever|"
    r"unprecedented|world's)\b",
    re.IGNORECASE,
)
_PROMOTIONAL = re.compile(
    r"\b(?:best|largest|biggest|fastest|strongest|smartest|leading|the most|the first|first-ever|"
    r"unprecedented|world's|revolutionary|game[- ]chang\w*|breakthrough|unmatched|unrivall?ed|"
    r"nobody else|no one else|only company)\b",
    re.IGNORECASE,
)


# A capitalised word after a match: the match begins a name ("Best Buy", "Leading Edge Corp")...
_NAME_GOES_ON = re.compile(r"(?<![ \t])[ \t]++[A-Z]")
# ... unless the match opens the sentence, where every word is capitalised ("All Tesla cars have …"); a
# name the subject tracker put in brackets ("[Best Buy] Appliances …") is a name wherever it stands.
_SENTENCE_OPENS = re.compile(r"(?:\A|[.!?:;]\s++|\]\s++)\W*+\Z")


def _begins_a_name(claim_text: str, m: re.Match[str]) -> bool:
    """The matched word is part of a name: inside the tracker's brackets, or capitalised before another
    capitalised word inside a sentence."""
    if claim_text.rfind("[", 0, m.start()) > claim_text.rfind("]", 0, m.start()):
        return True  # inside "[Best Buy]"
    return (
        m.group(0)[0].isupper()
        and bool(_NAME_GOES_ON.match(claim_text, m.end()))
        and not _SENTENCE_OPENS.search(claim_text, max(0, m.start() - 4), m.start())
    )


def _said(pattern: re.Pattern[str], claim_text: str) -> list[str]:
    """The words of `pattern` the claim says, lowercased, leaving out those that begin a name said inside
    a sentence ("Almost four times Best Buy last year", "[Best Buy] Appliances was five point seven")."""
    return [m.group(0).lower() for m in pattern.finditer(claim_text) if not _begins_a_name(claim_text, m)]


def generalises_beyond(claim_text: str, cited: Sequence[Evidence]) -> str:
    """The claim's universal or superlative words that none of the supporting quotes carries ("" if
    none): evidence for some is not evidence for all."""
    quoted = " ".join(e.quote for e in cited).lower()
    missing = sorted({word for word in _said(_UNIVERSAL, claim_text) if word not in quoted})
    return ", ".join(f"“{w}”" for w in missing)


def is_promotional(claim_text: str) -> bool:
    """A superlative or promotional claim ("the best", "world's first", "revolutionary"); a name that
    begins with one ("Best Buy") is none."""
    return bool(_said(_PROMOTIONAL, claim_text))


def measured(text: str) -> bool:
    """The text states a figure (not just a model name such as "Llama 3.1 405B")."""
    return any(q.unit not in (Unit.VERSION, Unit.SIZE_LABEL) for q in figures(text))


# After a claim's figure, a phrase that widens it to all of what it counts: "…115 million connections, all
# postpaid", "…470 stores, all of them in the US", "…300,000 people, and they're all full-time", "…, and
# they didn't offset any of it"; or to most of it: "…77,000 employees, mostly in the US", "…, almost all
# full-time".
_APPENDED_UNIVERSAL = re.compile(
    r"[,;]\s*+(?:and\s++)?(?:(?:they|it|that|those)\b(?:\W++\w++){0,3}?\W++)?(?:(?:almost|nearly)\s++)?+"
    r"(?:all|any|none|every|mostly|mainly|largely|primarily)\b",
    re.IGNORECASE,
)


def appended_universal(claim_text: str) -> str:
    """The "all" (any, none, every) of a phrase appended after the claim's last figure ("" if none)."""
    found = [q for q in figures(claim_text) if q.unit not in (Unit.VERSION, Unit.SIZE_LABEL)]
    if not found:
        return ""
    match = _APPENDED_UNIVERSAL.search(claim_text, found[-1].end)
    return match.group(0).split()[-1].lower() if match else ""


def generalisation(ctx: RuleContext) -> Ruling | None:
    """Real on textual support (stance or negation), but the claim says "all", "always", "the best"… where
    no cited quote does: Partially True. A figure check is already as narrow as the figure ("every day"
    beside it is not a generalisation), but a phrase appended after the figure that widens it to all of
    what it counts ("115 million connections, all postpaid") is a second assertion no figure checked."""
    if not (ctx.label == Label.REAL and ctx.settings.generalisation_check):
        return None
    if ctx.finding.source in (FindingSource.STANCE, FindingSource.NEGATION):
        broader = generalises_beyond(ctx.claim.text, ctx.cited)
    elif ctx.finding.source == FindingSource.FIGURES:
        word = appended_universal(ctx.claim.text)
        quoted = " ".join(e.quote for e in ctx.cited).lower()
        broader = f"“{word}”" if word and not re.search(rf"\b{word}\b", quoted) else ""
    else:
        return None
    if not broader:
        return None
    return Ruling(Label.PARTIALLY_TRUE, (Signal(name=SignalName.GENERALISES_BEYOND_EVIDENCE, value=broader),))


def promotional(ctx: RuleContext) -> Ruling | None:
    """A superlative or promotional claim that nothing settles ("the biggest N95 maker in the world") — unless
    it states a figure nobody settled, which keeps it checkable. With `promotional_is_hype` it is drafted
    Hype; otherwise (the default) it stays Unverified, marked as promotional for the editor to judge: no
    quoted source says it is wrong, and a verdict must trace to one."""
    if (
        ctx.label == Label.UNVERIFIED
        and ctx.claim.type != ClaimType.OPINION
        and not ctx.claim.needs_context  # never checked: its subject is unresolved
        and is_promotional(ctx.claim.text)
        and not measured(ctx.claim.text)
    ):
        signal = Signal(name=SignalName.PROMOTIONAL_UNSUPPORTED, value=True)
        return Ruling(Label.HYPE if ctx.settings.promotional_is_hype else None, (signal,))
    return None


def opinion(ctx: RuleContext) -> Ruling | None:
    """A pure opinion ("I think Zuck is the best CEO in tech") is shown to the editor and never checked:
    Unverified, whatever the passages say."""
    if ctx.claim.type != ClaimType.OPINION:
        return None
    return Ruling(
        Label.UNVERIFIED,
        (Signal(name=SignalName.OPINION_NOT_CHECKED, value=True, detail="opinion, not checked"),),
    )


def unresolved_subject(ctx: RuleContext) -> Ruling | None:
    """A claim whose subject was not resolved ("it", "they" with no clear referent) is never checked
    against a guessed subject: Unverified, whatever the passages say."""
    if not ctx.claim.needs_context:
        return None
    word = ctx.claim.unresolved or "its subject"
    return Ruling(
        Label.UNVERIFIED,
        (Signal(name=SignalName.SUBJECT_UNRESOLVED, value=word, detail=f"subject of “{word}” unresolved"),),
    )


def no_relevant_evidence(ctx: RuleContext) -> Ruling | None:
    """Say so when no passage reaches `min_relevance` (the label stands)."""
    if ctx.related:
        return None
    detail = f"min_relevance={ctx.settings.min_relevance}"
    return Ruling(signals=(Signal(name=SignalName.NO_RELEVANT_EVIDENCE, value=True, detail=detail),))


# ------------------------------------------------------------------------------------- the table

RULES: tuple[Rule, ...] = (
    Rule("prediction", Stage.LABEL, prediction),
    Rule("mixed", Stage.LABEL, mixed),
    Rule("supported", Stage.LABEL, supported),
    Rule("contradicted", Stage.LABEL, contradicted),
    Rule("generalisation", Stage.ADJUST, generalisation),
    Rule("promotional", Stage.ADJUST, promotional),
    Rule("opinion", Stage.ADJUST, opinion),
    Rule("unresolved_subject", Stage.ADJUST, unresolved_subject),
    Rule("no_relevant_evidence", Stage.ADJUST, no_relevant_evidence),
)


def label_finding(ctx: RuleContext, rules: Sequence[Rule] = RULES) -> tuple[Label, list[Signal]]:
    """The label of `ctx.finding` from the first LABEL rule that answers (Unverified if none does)."""
    for rule in rules:
        if rule.stage == Stage.LABEL:
            ruling = rule.apply(ctx)
            if ruling is not None and ruling.label is not None:
                return ruling.label, list(ruling.signals)
    return Label.UNVERIFIED, []


def adjust(ctx: RuleContext, rules: Sequence[Rule] = RULES) -> tuple[Label, list[Signal]]:
    """The claim's label after every ADJUST rule, in order, and the signals they added."""
    label = ctx.label
    if label is None:
        raise ValueError("adjust needs the claim's label")
    signals: list[Signal] = []
    for rule in rules:
        if rule.stage == Stage.ADJUST:
            ruling = rule.apply(replace(ctx, label=label))
            if ruling is None:
                continue
            signals.extend(ruling.signals)
            if ruling.label is not None:
                label = ruling.label
    return label, signals
