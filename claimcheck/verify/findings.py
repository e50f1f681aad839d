"""The verdict stage's vocabulary: what settled a finding (`FindingSource`), the name of every signal a
draft carries (`SignalName`), and the `Finding` itself — what the evidence says about a claim before the
rules (claimcheck/verify/rules.py) turn it into a label.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from pydantic import BaseModel

from claimcheck.models import Evidence, Label, Signal
from claimcheck.verify.numbers import Outcome


class FindingSource(StrEnum):
    """What settled a finding, weakest first."""

    NONE = "none"  # nothing settled it
    STANCE = "stance"  # the verifier model's confident stance
    NEGATION = "negation"  # the evidence says the same with the negation flipped
    FIGURES = "figures"  # the claim's figures (and dates), checked exactly

    @property
    def strength(self) -> int:
        """A combination of parts is as strong as its weakest settled part."""
        return _SOURCE_STRENGTH[self]


_SOURCE_STRENGTH: dict[FindingSource, int] = {
    FindingSource.NONE: 0,
    FindingSource.STANCE: 1,
    FindingSource.NEGATION: 2,
    FindingSource.FIGURES: 3,
}


class SignalName(StrEnum):
    """Every `Signal.name` the policy writes into a draft (the values are what the drafts JSON says)."""

    # a claim figure settled by a passage figure, one per outcome (see `number_signal`)
    NUMBER_MATCH = "number_match"
    NUMBER_MISMATCH = "number_mismatch"
    NUMBER_DIRECTION_ONLY = "number_direction_only"
    # a claim's date (a release, a deal closing, a knowledge cutoff) against a source's date of that event
    DATE_MATCH = "date_match"
    DATE_MISMATCH = "date_mismatch"
    # a claim's count of a listed kind ("eight languages, including …") against the source's list
    LIST_MATCH = "list_match"
    LIST_MISMATCH = "list_mismatch"
    # a claim that one model beats another on a benchmark against a table row scoring both
    COMPARISON_MATCH = "comparison_match"
    COMPARISON_MISMATCH = "comparison_mismatch"
    # a passage figure that speaks of another period or model version
    OTHER_CONTEXT = "other_context"
    # the evidence says the same with the negation flipped
    NEGATION_CONFLICT = "negation_conflict"
    # passages about another subject or period than the claim's: shown, never read for a verdict
    OTHER_SUBJECT = "other_subject"
    # the claim leans on a word whose referent was not resolved (needs_context): not checked
    SUBJECT_UNRESOLVED = "subject_unresolved"
    # the verifier's probabilities for one passage
    STANCE = "stance"
    # the verifier reads a quote as contradicting, yet it states every figure the claim does (value: them)
    STANCE_FIGURES_REPEATED = "stance_figures_repeated"
    # a prediction whose trend the evidence shows underway / that nothing supports
    FORWARD_LOOKING_TREND_UNDERWAY = "forward_looking_trend_underway"
    FORWARD_LOOKING_UNSUPPORTED = "forward_looking_unsupported"
    # one part of a compound claim and its label
    COMPOUND_PART = "compound_part"
    # the claim's universal or superlative words that no supporting quote carries
    GENERALISES_BEYOND_EVIDENCE = "generalises_beyond_evidence"
    # a superlative or promotional claim that nothing settles
    PROMOTIONAL_UNSUPPORTED = "promotional_unsupported"
    # no passage reaches `min_relevance`
    NO_RELEVANT_EVIDENCE = "no_relevant_evidence"
    # a pure opinion (ClaimType.OPINION): shown to the editor, never checked
    OPINION_NOT_CHECKED = "opinion_not_checked"
    # the draft's score before calibration
    RAW_CONFIDENCE = "raw_confidence"

    @property
    def is_number_check(self) -> bool:
        """A figure check's outcome (its detail is the sentence the rationale quotes)."""
        return self in NUMBER_SIGNALS


# The outcome of a settled figure check → its signal. Only these outcomes settle a figure.
_NUMBER_SIGNAL: dict[Outcome, SignalName] = {
    Outcome.MATCH: SignalName.NUMBER_MATCH,
    Outcome.MISMATCH: SignalName.NUMBER_MISMATCH,
    Outcome.DIRECTION_ONLY: SignalName.NUMBER_DIRECTION_ONLY,
}
NUMBER_SIGNALS: frozenset[SignalName] = frozenset(_NUMBER_SIGNAL.values())
# Exact checks whose detail sentence the rationale quotes: figures, dates, lists and comparisons.
EXACT_SIGNALS: frozenset[SignalName] = NUMBER_SIGNALS | {
    SignalName.DATE_MATCH,
    SignalName.DATE_MISMATCH,
    SignalName.LIST_MATCH,
    SignalName.LIST_MISMATCH,
    SignalName.COMPARISON_MATCH,
    SignalName.COMPARISON_MISMATCH,
}
SETTLING_OUTCOMES: frozenset[Outcome] = frozenset(_NUMBER_SIGNAL)


def number_signal(outcome: Outcome) -> SignalName:
    """The signal of a figure check that settled a claim figure."""
    return _NUMBER_SIGNAL[outcome]


class Finding(BaseModel):
    """What the evidence says about the claim, before it becomes a label."""

    supported: int = 0  # parts of the claim the evidence supports
    contradicted: int = 0  # parts it contradicts
    partial: int = 0  # parts right in direction, wrong in size
    unsettled: int = 0  # parts nothing settles
    source: FindingSource = FindingSource.NONE  # what settled it


def combine(findings: Sequence[Finding]) -> Finding:
    """The findings of a compound claim's parts as one: counts add up; the source is the weakest settled."""
    settled = [f.source for f in findings if f.source != FindingSource.NONE]
    return Finding(
        supported=sum(f.supported for f in findings),
        contradicted=sum(f.contradicted for f in findings),
        partial=sum(f.partial for f in findings),
        unsettled=sum(f.unsettled for f in findings),
        source=min(settled, key=lambda s: s.strength) if settled else FindingSource.NONE,
    )


class PartVerdict(BaseModel):
    """One checked text (a compound claim's part, or the whole claim) as judged on its own."""

    text: str
    finding: Finding
    label: Label
    cited: list[Evidence]
    signals: list[Signal]
    raw: float  # raw confidence
