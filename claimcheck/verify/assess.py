"""What the evidence says about one checkable text, before any label: figures first (checked exactly), then
an explicit negation, then the verifier's confident stance. The result is a `Finding`, the quotes that
settled it and the signals that explain it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from claimcheck.models import Evidence, Signal
from claimcheck.quantities import (
    WORD_FOR_NUMBER,
    Bound,
    Quantity,
    Unit,
    directions,
    figures,
    spoken_to_digits,
)
from claimcheck.settings import Settings
from claimcheck.text import MONTH_NAMES
from claimcheck.verify.compare import ComparisonCheck, SweepCheck, check_comparison, check_sweep
from claimcheck.verify.dates import DateCheck, check_dates
from claimcheck.verify.evidence import unique
from claimcheck.verify.findings import SETTLING_OUTCOMES, Finding, FindingSource, SignalName, number_signal
from claimcheck.verify.lists import ListCheck, check_lists
from claimcheck.verify.numbers import (
    SIDE_BY_SIDE,
    NumberCheck,
    Outcome,
    check_passage,
    local_bounds,
    measure_terms,
    model_sizes,
)
from claimcheck.verify.quotes import sentence_spans
from claimcheck.verify.rationale import (
    describe_check,
    describe_comparison,
    describe_date,
    describe_list,
    describe_sweep,
)
from claimcheck.verify.rules import measured
from claimcheck.verify.stance import StanceProbs

# For each claim figure (by its index in the claim), the check that settled it and the evidence it read.
Settled = dict[int, tuple[NumberCheck, Evidence]]

# Where an evidence sentence's clauses part: punctuation that sets a phrase apart, and sentence ends.
_CLAUSE_BREAK = re.compile(r"[,;:()–—]|(?<=[.!?])\s++|(?<!\s)\s++-\s++")
_NEGATION = re.compile(r"\b(?:not|no|never|none|neither|nor|without|cannot)\b|n't\b", re.IGNORECASE)
# A "No" that opens a turn's sentence, after a name put in front or not: an answer, not a negation.
_ANSWERING_NO = re.compile(r"\A(?:\[[^\]]*+\]\s*+)?(?:no|nope|nah)[,.!]", re.IGNORECASE)
# ", not Russia": the thing the claim sets aside, not a negated assertion.
_CONTRASTED_NOT = re.compile(r",\s*+not\s++[^,.;:]++", re.IGNORECASE)
_MARKUP = re.compile(r"<(?:td|th|tr)\b", re.IGNORECASE)


class Assessment(NamedTuple):
    finding: Finding
    cited: list[Evidence]  # the quotes that settled it (else the closest ones)
    signals: list[Signal]


def _set_beside_agreement(claim_text: str, checks: list[tuple[int, NumberCheck, Evidence]]) -> set[int]:
    """The refuting checks (by their place in `checks`) whose printed figure agrees with another claimed
    figure set beside theirs: in "Total debt was 150.6 billion versus 150.9" the filing's "$150.6 billion" is
    the first figure, and does not refute the second, which is another year's or another subject's (a list,
    "8B, 70B and 405B", is no such pair: each of its figures is what the claim says of the same thing)."""
    agreed: dict[tuple[str, int], list[Quantity]] = {}
    for _i, check, _ev in checks:
        if check.outcome == Outcome.MATCH and check.evidence is not None and check.derived_from is None:
            agreed.setdefault((check.passage_id, check.evidence.start), []).append(check.claim)
    freed: set[int] = set()
    for at, (_i, check, _ev) in enumerate(checks):
        if check.outcome == Outcome.MATCH or check.evidence is None or check.derived_from is not None:
            continue
        for first in agreed.get((check.passage_id, check.evidence.start), []):
            lo, hi = sorted((first, check.claim), key=lambda q: q.start)
            if lo.start != hi.start and SIDE_BY_SIDE.fullmatch(claim_text, lo.end, hi.start):
                freed.add(at)
    return freed


def settle_figures(
    claim_text: str, related: list[Evidence], settings: Settings
) -> tuple[Settled, list[Signal]]:
    """For each claim figure, the best-aligned passage figure that settles it; and the signals saying so
    (passages of another context first, then one per settled figure)."""
    agreeing: Settled = {}
    refuting: Settled = {}
    signals: list[Signal] = []
    checks = [
        (i, check, ev)
        for ev in related
        for i, check in enumerate(check_passage(claim_text, ev.passage, settings))
    ]
    freed = _set_beside_agreement(claim_text, checks)
    for at, (i, check, ev) in enumerate(checks):
        if check.outcome in SETTLING_OUTCOMES:
            if at in freed:
                continue
            best = agreeing if check.outcome == Outcome.MATCH else refuting
            prior = best.get(i)
            if prior is None or check.alignment > prior[0].alignment:
                best[i] = (check, ev)
        elif check.outcome == Outcome.OTHER_CONTEXT and check.context_mismatch:
            signals.append(
                Signal(
                    name=SignalName.OTHER_CONTEXT,
                    value=check.context_mismatch,
                    passage_id=ev.passage.passage_id,
                )
            )
    # the best-aligned figure settles it; agreement wins over a figure aligned as well, or (said as a value,
    # not a bound) better by no more than `figure_match_slack` measure words on the same names (the
    # speaker's own figure in a row of the claim's measure, beside another figure that shares a word more:
    # "Sales in Safety and Graphics totaled $6.8 billion, up 9.5 percent" and "In Safety and Graphics, total
    # sales increased 0.3 percent")
    settled: Settled = {}
    said = measure_terms(claim_text)
    moved = measure_terms(" ".join(claim_text[d.start : d.end] for d in directions(claim_text)))
    for i in sorted(agreeing.keys() | refuting.keys()):
        match, other = agreeing.get(i), refuting.get(i)
        if match is None or other is None:
            settled[i] = match or other  # type: ignore[assignment]
            continue
        names, words = divmod(match[0].alignment, 100)
        other_names, other_words = divmod(other[0].alignment, 100)
        # (a bound agrees with any figure on its side: "over 2 billion" with a loss of 16.12 billion)
        two_sided = match[0].claim.bound not in (Bound.AT_LEAST, Bound.AT_MOST)
        # (and the agreeing row says a name, two measure words, or a word of the claim the other row does not
        # say: "Shipping costs … were $21.7 billion" beside "Cost of sales | 111,934"; one shared word the
        # other row says too is too little to prefer: "Advertising expenses totaled approximately $2.0
        # billion" is no "operating expenses were $2.0 billion" beside "Total operating expenses")
        own = (said & match[0].row_terms) - other[0].row_terms
        # (never when only the other row says a word the claim says before its figure, other than which way
        # it moved: "The quantized Llama 3.2 models keep the 128K context" is the quantized row's 8K, not the
        # plain rows' 128K; "…, helped by cloud" after the figure names no row)
        figure = other[0].claim
        before = measure_terms(claim_text[local_bounds(claim_text, figure, window=200)[0] : figure.start])
        other_own = (said & before & other[0].row_terms) - match[0].row_terms - moved
        close = (
            two_sided
            and names >= other_names
            and (names or words >= 2 or bool(own))
            and (bool(own) or not other_own)
            and words >= other_words - settings.figure_match_slack
        )
        settled[i] = match if match[0].alignment >= other[0].alignment or close else other
    for check, ev in settled.values():
        signals.append(
            Signal(
                name=number_signal(check.outcome),
                value=round(check.relative_error or 0.0, 4),
                detail=describe_check(check, ev),
                passage_id=ev.passage.passage_id,
            )
        )
    return settled, signals


class FigureChecks:
    """Settles a checked text's figures against its passages (`settle_figures`), each question once.

    `judge` makes a fresh one per call. A caller judging the same claims many times under settings the
    figure check does not read may pass one to every call instead — `bench_verdicts.py --fit` does, while it
    searches the stance thresholds — and each figure is checked once. A question is known by the text, the
    two figure tolerances, the match slack and its passages (by id, quote and score); the answer is the same
    either way.
    """

    def __init__(self) -> None:
        self._answers: dict[tuple[object, ...], tuple[Settled, list[Signal]]] = {}

    def settle(
        self, claim_text: str, related: list[Evidence], settings: Settings
    ) -> tuple[Settled, list[Signal]]:
        key = (
            claim_text,
            settings.exact_tolerance,
            settings.approx_tolerance,
            settings.figure_match_slack,
            tuple((e.passage.passage_id, e.quote_start, e.quote_end, e.score) for e in related),
        )
        if key not in self._answers:
            self._answers[key] = settle_figures(claim_text, related, settings)
        return self._answers[key]


def settle_dates(
    claim_text: str, related: list[Evidence], settings: Settings
) -> tuple[list[tuple[DateCheck, Evidence]], list[Signal]]:
    """For each date the claim gives an event (a release, a closing, a cutoff), the first passage, in
    relevance order, whose date of that event agrees with it, else the first that gives one; and a signal
    for each."""
    settled: dict[int, tuple[DateCheck, Evidence]] = {}
    sizes = model_sizes(claim_text)
    for ev in related:
        said = model_sizes(ev.passage.text)
        if sizes and said and not sizes & said:
            continue  # "the 8B's knowledge cutoff" is not the 70B row's ("Params: 70B | … | December, 2023")
        owner = ev.passage.citation.company
        for check in check_dates(claim_text, ev.passage.raw_text, owner, settings.date_around_days):
            prior = settled.get(check.claim.start)
            if prior is None or (check.agrees and not prior[0].agrees):
                settled[check.claim.start] = (check, ev)
    signals = [
        Signal(
            name=SignalName.DATE_MATCH if check.agrees else SignalName.DATE_MISMATCH,
            value=check.event.value,
            detail=describe_date(check, ev),
            passage_id=ev.passage.passage_id,
        )
        for check, ev in settled.values()
    ]
    return list(settled.values()), signals


Listed = list[tuple[ListCheck, Evidence]]
Compared = list[tuple[ComparisonCheck, Evidence]]


def settle_comparisons(claim_text: str, related: list[Evidence]) -> tuple[Compared, list[Signal]]:
    """The first passage, in relevance order, whose table row scores both models the claim compares on its
    benchmark ("Scout beats the 405B on MMLU"), and a signal for it."""
    for ev in related:
        check = check_comparison(claim_text, ev.passage)
        if check is not None:
            signal = Signal(
                name=SignalName.COMPARISON_MATCH if check.agrees else SignalName.COMPARISON_MISMATCH,
                value=check.comparison.bench,
                detail=describe_comparison(check, ev),
                passage_id=ev.passage.passage_id,
            )
            return [(check, ev)], [signal]
    return [], []


def settle_sweep(
    claim_text: str, related: list[Evidence], settings: Settings
) -> tuple[SweepCheck | None, list[Evidence], list[Signal]]:
    """The rows of the related passages' benchmark tables that score both models a claim says one beats on
    every row ("Scout beats three point three on literally every row"), the passages quoting the rows it
    trails or ties first, and a signal saying how many it leads and trails; nothing when it leads on too
    few rows (`sweep_min_rows`) and trails on none."""
    check = check_sweep(claim_text, [ev.passage for ev in related])
    if check is None or not (check.agrees(settings.sweep_min_rows) or check.contradicted):
        return None, [], []
    by_id = {ev.passage.passage_id: ev for ev in related}
    cited = [by_id[pid] for pid in check.passages if pid in by_id]
    signal = Signal(
        name=SignalName.COMPARISON_MISMATCH if check.contradicted else SignalName.COMPARISON_MATCH,
        value="every row",
        detail=describe_sweep(check, cited[0]) if cited else None,
        passage_id=cited[0].passage.passage_id if cited else None,
    )
    return check, cited, [signal]


def settle_lists(claim_text: str, related: list[Evidence]) -> tuple[Listed, list[Signal]]:
    """For each list the claim counts ("eight languages, including …"), the first passage, in relevance
    order, that lists it; and a signal for each."""
    settled: dict[str, tuple[ListCheck, Evidence]] = {}
    for ev in related:
        for check in check_lists(claim_text, ev.passage.raw_text):
            settled.setdefault(check.kind, (check, ev))
    signals = [
        Signal(
            name=SignalName.LIST_MATCH if list_agrees(check) else SignalName.LIST_MISMATCH,
            value=check.kind,
            detail=describe_list(check, ev),
            passage_id=ev.passage.passage_id,
        )
        for check, ev in settled.values()
    ]
    return list(settled.values()), signals


def list_agrees(check: ListCheck) -> bool:
    return check.count_agrees is not False and not check.missing


def _list_parts(check: ListCheck) -> tuple[int, int]:
    """(parts supported, parts contradicted) of a list check: its count, and the items it names."""
    supported = contradicted = 0
    if check.count_agrees is not None:
        supported, contradicted = (1, 0) if check.count_agrees else (0, 1)
    if check.missing:
        contradicted += 1
    return supported, contradicted


def negation_conflict(claim_text: str, evidence_text: str, settings: Settings) -> bool:
    """The evidence says what the claim says, with the negation flipped ("does not include" vs "includes").

    Only when the evidence sentence carries most of the claim's content words, so that the negation is
    about the same thing.
    """
    if _MARKUP.search(evidence_text):
        return False  # a table row's markup says nothing in words, negated or not
    claim_text = _asserted(claim_text)
    claim_terms = measure_terms(claim_text)
    if len(claim_terms) < settings.negation_min_terms:
        return False
    needed = settings.negation_min_shared * len(claim_terms)
    if len(claim_terms & measure_terms(evidence_text)) < needed:
        return False
    if _NEGATION.search(claim_text):
        return not _NEGATION.search(evidence_text)
    # the evidence's negation must sit in a clause that carries the claim's words itself: "a veteran
    # filed a lawsuit … over Combat Arms earplugs – Version 2, a product no longer sold" negates the
    # product's sale, not the lawsuit
    return _negated_clause(claim_terms, needed, evidence_text)


def _asserted(claim_text: str) -> str:
    """The claim without the words that negate nothing it asserts: "No, that's GSM-8K" answers the other
    speaker; "Twelve of that was Ukraine, not Russia" corrects which one."""
    return _CONTRASTED_NOT.sub("", _ANSWERING_NO.sub("", claim_text))


def _negated_clause(claim_terms: set[str], needed: float, text: str) -> bool:
    """Some clause of `text` carries a negation and at least `needed` of the claim's content words."""
    return any(
        _NEGATION.search(clause) and len(claim_terms & measure_terms(clause)) >= needed
        for clause in _CLAUSE_BREAK.split(text)
    )


def _negation_against(claim_text: str, ev: Evidence, settings: Settings) -> Evidence | None:
    """The evidence, quoting the sentence that flips the claim's negation (`negation_conflict`), or None.
    A claim that negates itself is flipped by its quote only, and not when another sentence of the passage
    says the same negation ("Llama 2 was not trained on Meta user data" beside "Neither the pretraining nor
    the fine-tuning datasets include Meta user data", the quote being the paragraph's first sentence)."""
    if _plain(ev.quote, _versions(claim_text)) and negation_conflict(claim_text, ev.quote, settings):
        if _NEGATION.search(claim_text) and _negated_in_passage(claim_text, ev, settings):
            return None
        return ev
    return _negating_sentence(claim_text, ev, settings)


def _negated_in_passage(claim_text: str, ev: Evidence, settings: Settings) -> bool:
    """Some clause of a plain sentence of the passage (`_plain_sentences`) carries a negation and most of
    the claim's content words."""
    claim_terms = measure_terms(_asserted(claim_text))
    needed = settings.negation_min_shared * len(claim_terms)
    return any(
        _negated_clause(claim_terms, needed, sentence)
        for _, _, sentence in _plain_sentences(claim_text, ev.passage.raw_text)
    )


# What makes a sentence's negation no statement of fact: a question, a condition or a doubt ("Do the
# datasets not include …?", "If the datasets do not include …", "It is unclear whether …"), or "not only …
# but also" (which adds, not denies).
_NOT_STATED = re.compile(
    r"\?\s*+$|\b(?:if|whether|unless|unclear|may|might|could|not\s++only|not\s++yet|not\s++decided)\b",
    re.IGNORECASE,
)
# A model or product name with its version or number ("Llama 1", "Llama 3.1", "iPhone 15"); not a date
# ("December 2023"), a fiscal year ("FY2022") or a document's own numbering ("Item 7", "Note 13").
_VERSIONED_NAME = re.compile(
    r"\b(?!(?:" + "|".join(MONTH_NAMES) + r"|Item|Note|Table|Part|Page|Form|Section|Exhibit|"
    r"Schedule|Step|Level|Stage|Phase|Tier|Class|Series|FY|Q)\b)[A-Z][A-Za-z]++[ -]?+\d{1,2}(?:\.\d++)?+\b"
)


def _plain_sentences(claim_text: str, raw: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of the passage's sentences that state a fact plainly (`_NOT_STATED`), hold no
    table markup, and name no model or product version the claim does not ("Llama 1 was not trained on …"
    is about another model than "Llama 2 was trained on …")."""
    if _MARKUP.search(raw):
        return []
    said = _versions(claim_text)
    return [
        (start, end, raw[start:end]) for start, end in sentence_spans(raw) if _plain(raw[start:end], said)
    ]


def _versions(text: str) -> set[str]:
    """The versioned names a text says (`_VERSIONED_NAME`), in lower case."""
    return {m.group(0).lower() for m in _VERSIONED_NAME.finditer(text)}


def _plain(sentence: str, said: set[str]) -> bool:
    """Whether a sentence states a fact plainly (`_NOT_STATED`) and names no model or product version but
    those `said` (the claim's, `_versions`)."""
    return not _NOT_STATED.search(sentence) and _versions(sentence) <= said


def _negating_sentence(claim_text: str, ev: Evidence, settings: Settings) -> Evidence | None:
    """Another sentence of the passage than its quote that says what a claim with no negation of its own says,
    negated ("Neither the pretraining nor the fine-tuning datasets include Meta user data" for "Llama 2 was
    trained on Meta user data", where the quote is the passage's first sentence, "Llama 2 was pretrained on
    2 trillion tokens …"), as the evidence quoting it; None when no sentence does. A claim that negates
    itself, or states a figure, is read against its quote only: a passage's other sentences without a
    negation say other things, and a figure is settled by figures ("Free cash flow basically halved" is not
    contradicted by "It should not be inferred that the entire free cash flow amount is available …")."""
    if _NEGATION.search(claim_text) or measured(claim_text):
        return None
    for start, end, sentence in _plain_sentences(claim_text, ev.passage.raw_text):
        if sentence != ev.quote and negation_conflict(claim_text, sentence, settings):
            offset = ev.passage.start
            return ev.model_copy(
                update={"quote": sentence, "quote_start": offset + start, "quote_end": offset + end}
            )
    return None


# A month ("may" is too often a verb), a number word left in words ("number one"), or a number in digits
# standing alone (not "3M", "H100s").
_MONTHS = "january february march april june july august september october november december".split()
_STATED = re.compile(
    r"\b(?:"
    + "|".join([*_MONTHS, *sorted(WORD_FOR_NUMBER.values(), key=len, reverse=True)])
    + r")\b|(?<![\w.,])\d++(?:,\d{3})*+(?:\.\d++)?(?!\w)",
    re.IGNORECASE,
)


# What `_stated` gives for a count: a number that is no year (19xx, 20xx) and not 1, or a number word but
# "one".
_COUNTS = re.compile(
    r"(?<![\d.])(?!(?:19|20)\d\d$)(?!1$)[\d.]++|(?<![a-z])(?!one$)(?!(?:" + "|".join(_MONTHS) + r")$)[a-z]++"
)


def _stated(text: str) -> set[str]:
    """The numbers, months and number words a text states, in lower case with no commas ("20", "2020",
    "january", "one"); never a name's digits ("Llama 4", "iPhone 15": read as versions)."""
    digits = spoken_to_digits(text)
    names = [(q.start, q.end) for q in figures(digits) if q.unit in (Unit.VERSION, Unit.SIZE_LABEL)]
    return {
        m.group(0).lower().replace(",", "")
        for m in _STATED.finditer(digits)
        if not any(lo <= m.start() < hi for lo, hi in names)
    }


def by_text(
    claim_text: str, related: list[Evidence], stances: dict[str, StanceProbs], settings: Settings
) -> Assessment:
    """No figure settled the claim: explicit negation checks, then the verifier's confident stance."""
    for ev in related[: settings.stance_passages]:
        negating = _negation_against(claim_text, ev, settings)
        if negating is not None:
            signal = Signal(name=SignalName.NEGATION_CONFLICT, value=True, passage_id=ev.passage.passage_id)
            return Assessment(Finding(contradicted=1, source=FindingSource.NEGATION), [negating], [signal])
    # the verifier settles what states no figure: a figure no passage settled is not settled by a stance
    # ("Scotch is like a billion dollar brand" beside a list of Scotch products)
    read = [] if measured(claim_text) else related
    supports = [
        ev
        for ev in read
        if ev.passage.passage_id in stances
        and stances[ev.passage.passage_id][0] >= settings.stance_support_threshold
    ]
    contradicts = [
        ev
        for ev in read
        if ev.passage.passage_id in stances
        and stances[ev.passage.passage_id][2] >= settings.stance_contradict_threshold
    ]
    signals: list[Signal] = []
    for ev in related:
        probs = stances.get(ev.passage.passage_id)
        if probs is not None:
            signals.append(
                Signal(
                    name=SignalName.STANCE,
                    value=f"supports {probs[0]:.2f}, neutral {probs[1]:.2f}, contradicts {probs[2]:.2f}",
                    passage_id=ev.passage.passage_id,
                )
            )
    if not (supports or contradicts):
        return Assessment(Finding(), [], signals)
    repeated = _stated(claim_text)
    if (
        contradicts
        and not supports
        and any(_COUNTS.fullmatch(word) for word in repeated)
        and repeated <= _stated(contradicts[0].quote)
    ):
        # the quote the verifier reads as contradicting states every number, year and month the claim does,
        # a count among them ("we have sold rights for 20 teams … in the Overwatch League" for "sold twenty
        # Overwatch League teams and twenty for the Call of Duty League"): that much holds, and only the
        # rest may not. A year, a month or "one" alone says too little: "upheld … in January" beside
        # "reversed … on January 30" repeats the month and is still contradicted.
        supports = contradicts[:1]
        signals.append(
            Signal(
                name=SignalName.STANCE_FIGURES_REPEATED,
                value=", ".join(sorted(repeated)),
                passage_id=contradicts[0].passage.passage_id,
            )
        )
    finding = Finding(
        supported=min(1, len(supports)), contradicted=min(1, len(contradicts)), source=FindingSource.STANCE
    )
    return Assessment(finding, unique(supports[:1] + contradicts[:1]), signals)


def assess(
    text: str,
    related: list[Evidence],
    stances: dict[str, StanceProbs],
    settings: Settings,
    checks: FigureChecks,
) -> Assessment:
    """What the evidence says about one checkable assertion: figures first, then negation and stance."""
    settled, figure_signals = checks.settle(text, related, settings)
    dated, date_signals = settle_dates(text, related, settings)
    listed, list_signals = settle_lists(text, related)
    compared, comparison_signals = settle_comparisons(text, related)
    swept, sweep_cited, sweep_signals = settle_sweep(text, related, settings)
    signals = list(figure_signals) + date_signals + list_signals + comparison_signals + sweep_signals
    list_parts = [_list_parts(c) for c, _ in listed]
    finding = Finding(
        supported=sum(1 for c, _ in settled.values() if c.outcome == Outcome.MATCH)
        + sum(1 for c, _ in dated if c.agrees)
        + sum(s for s, _ in list_parts)
        + sum(1 for c, _ in compared if c.agrees)
        + (1 if swept is not None and swept.wins else 0),
        contradicted=sum(1 for c, _ in settled.values() if c.outcome == Outcome.MISMATCH)
        + sum(1 for c, _ in dated if not c.agrees)
        + sum(c for _, c in list_parts)
        + sum(1 for c, _ in compared if not c.agrees)
        + (1 if swept is not None and swept.contradicted else 0),
        partial=sum(1 for c, _ in settled.values() if c.outcome == Outcome.DIRECTION_ONLY),
        source=FindingSource.FIGURES
        if settled or dated or listed or compared or swept
        else FindingSource.NONE,
    )
    evidence = [ev for _, ev in settled.values()] + [ev for _, ev in dated] + [ev for _, ev in listed]
    evidence += [ev for _, ev in compared] + sweep_cited
    cited = unique(evidence)[: settings.top_k]
    if finding.source == FindingSource.NONE and related:
        finding, stance_cited, text_signals = by_text(text, related, stances, settings)
        signals += text_signals
        cited = stance_cited or related[:2]
    if finding.source == FindingSource.NONE:
        finding = finding.model_copy(update={"unsettled": 1})
    return Assessment(finding, cited, signals)
