"""The draft's rationale: a few sentences built from the finding, the signals and the cited quotes.

Nothing here decides anything; it says in words what the rules (claimcheck/verify/rules.py) decided.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from claimcheck.corpus.kinds import source_noun
from claimcheck.models import ClaimEvidence, ClaimType, Evidence, Label, Signal
from claimcheck.quantities import format_value
from claimcheck.text import one_line
from claimcheck.verify.compare import ComparisonCheck, SweepCheck
from claimcheck.verify.dates import DateCheck
from claimcheck.verify.findings import EXACT_SIGNALS, Finding, FindingSource, PartVerdict, SignalName
from claimcheck.verify.lists import ListCheck
from claimcheck.verify.numbers import NumberCheck

# The longest quote a rationale repeats, in characters; a longer one is cut with "…". Chosen by hand; not
# tuned.
_QUOTE_WIDTH = 220


def write_rationale(
    item: ClaimEvidence,
    label: Label,
    finding: Finding,
    parts: Sequence[PartVerdict],
    signals: list[Signal],
    cited: list[Evidence],
) -> str:
    """The whole rationale: what settled the claim (part by part for a compound claim), then notes on
    generalisation, evidence dated after the interview and, when nothing settled it, what was searched."""
    claim = item.claim
    if any(s.name == SignalName.OPINION_NOT_CHECKED for s in signals):
        return "An opinion, not checked: it states a judgement, not a fact a source could settle."
    if len(parts) == 1:
        text = part_rationale(label, finding, signals, cited, claim.type)
    else:
        text = _compound_rationale(label, parts, claim.type)
    text += _broader_note(signals, label)
    text += _other_subject_note(signals)
    text += _dated_after(cited, claim.date)
    if label == Label.UNVERIFIED:
        text += _searched(item)
    return text


# The note on passages set aside; published pages leave it out (claimcheck.publish.context.reader_rationale).
OTHER_SUBJECT_NOTE = " Evidence about another subject or period was not used ({})."
_SUBJECT_NOTES: dict[str, str] = {
    SignalName.SUBJECT_UNRESOLVED: " Not checked: “{}” could not be resolved, and no subject is guessed.",
    SignalName.OTHER_SUBJECT: OTHER_SUBJECT_NOTE,
}


# The note on a promotional claim nothing settles, drafted Unverified: addressed to the editor, who decides.
EDITORS_CALL_NOTE = " No cited source says it is wrong either: whether it is Hype is the editor's call."

# Readers are spared the notes: true, but a page shows only what settled the verdict, and the editor has
# made the call by the time it is published.
_SET_ASIDE = re.compile(
    re.escape(OTHER_SUBJECT_NOTE.strip()).replace(re.escape("{}"), r"(?:[^()]|\([^()]*\))*")
    + "|"
    + re.escape(EDITORS_CALL_NOTE.strip())
)


def reader_rationale(rationale: str) -> str:
    """The rationale as readers see it (a published card, its ClaimReview): without the editor-facing
    list of passages set aside, nor the note that a promotional claim's verdict is the editor's call."""
    return _SET_ASIDE.sub("", rationale).replace("  ", " ").strip()


def _other_subject_note(signals: list[Signal]) -> str:
    """The passages left out because they are about another subject or period, and the unresolved word."""
    return "".join(_SUBJECT_NOTES[s.name].format(s.value) for s in signals if s.name in _SUBJECT_NOTES)


def part_rationale(
    label: Label, finding: Finding, signals: list[Signal], cited: list[Evidence], claim_type: ClaimType
) -> str:
    """What settled one checked text, in a sentence or two."""
    details = [s.detail for s in signals if s.name in EXACT_SIGNALS and s.detail]
    figures = " ".join(details)
    if claim_type == ClaimType.PREDICTIVE:
        if label == Label.PARTIALLY_TRUE:
            return (
                "A prediction: the evidence shows the trend underway, but nothing supports its timing or "
                "scale. " + figures
            ).strip()
        if finding.contradicted:
            return ("A prediction the evidence contradicts. " + figures).strip()
        return "A forward-looking or promotional claim that no cited source supports."
    if finding.source == FindingSource.FIGURES:
        lead = {
            Label.REAL: "The figures agree:",
            Label.HYPE: "The figures disagree:",
            Label.PARTIALLY_TRUE: "Part of the claim holds and part does not:",
        }.get(label, "")
        return f"{lead} {figures}".strip()
    if finding.source == FindingSource.NEGATION and cited:
        return f"The {source_name(cited[0])} says the opposite: “{_quoted(cited[0])}”"
    repeated = [str(s.value) for s in signals if s.name == SignalName.STANCE_FIGURES_REPEATED]
    if finding.source == FindingSource.STANCE and cited and repeated and label == Label.PARTIALLY_TRUE:
        return (
            f"The {source_name(cited[0])} states the claim's figures ({repeated[0]}), but the verifier model "
            f"reads the rest as contradicted: “{_quoted(cited[0])}”"
        )
    if finding.source == FindingSource.STANCE and cited:
        verb = {
            Label.REAL: "supports",
            Label.HYPE: "contradicts",
            Label.PARTIALLY_TRUE: "both supports and contradicts",
        }.get(label, "bears on")
        return f"The {source_name(cited[0])} {verb} the claim (verifier model): “{_quoted(cited[0])}”"
    other = sorted({str(s.value) for s in signals if s.name == SignalName.OTHER_CONTEXT})
    if other:
        return (
            "The closest passages speak of another context (" + "; ".join(other) + "), which settles nothing."
        )
    if cited:
        title = cited[0].passage.citation.title
        return f"The closest passage ({title}) is related but does not settle the claim."
    return "No passage in the corpus addresses this claim."


def _compound_rationale(label: Label, parts: Sequence[PartVerdict], claim_type: ClaimType) -> str:
    lead = {
        Label.REAL: "Every part of the claim holds.",
        Label.HYPE: "The evidence contradicts the claim.",
        Label.PARTIALLY_TRUE: "Part of the claim holds and part does not.",
        Label.UNVERIFIED: "The evidence settles no part of the claim.",
    }[label]
    if label == Label.PARTIALLY_TRUE and not any(p.finding.contradicted or p.finding.partial for p in parts):
        lead = "Part of the claim holds; the evidence settles nothing about the rest."
    pieces = [lead]
    for k, part in enumerate(parts, 1):
        said = "unsettled" if part.finding.source == FindingSource.NONE else part.label.display
        why = (
            part_rationale(part.label, part.finding, part.signals, part.cited, claim_type)
            if part.cited
            else ""
        )
        pieces.append(f"({k}) “{part.text}” — {said}. {why}".strip())
    return " ".join(pieces)


def _broader_note(signals: Sequence[Signal], label: Label) -> str:
    out = ""
    for s in signals:
        if s.name == SignalName.GENERALISES_BEYOND_EVIDENCE:
            out += f" The claim goes further than the evidence: nothing cited says {s.value}."
        elif s.name == SignalName.PROMOTIONAL_UNSUPPORTED:
            out = " A superlative or promotional claim that no cited source supports." + out
            if label == Label.UNVERIFIED:
                out += EDITORS_CALL_NOTE
    return out


def source_name(ev: Evidence) -> str:
    """How the rationale names a passage's source ("Meta Platforms, Inc. FY2023 10-K"; a fact sheet:
    "Meta Platforms, Inc. FY2023 10-K fact sheet")."""
    cite = ev.passage.citation
    noun = source_noun(cite.kind)
    if cite.source_kind is not cite.kind:
        noun = " ".join(n for n in (source_noun(cite.source_kind), noun) if n)
    parts = [p for p in (cite.company, cite.period, noun) if p]
    return " ".join(parts) if parts else cite.title


def describe_check(check: NumberCheck, ev: Evidence) -> str:
    """A settled figure check in a sentence: what the source gives and what the claim says."""
    source = source_name(ev)
    if check.evidence is None:
        return ""
    said = check.claim.text.strip()
    if check.derived_from is not None and not check.claim.change:
        old, new = check.derived_from  # a change said as an amount ("went up by 30 billion dollars")
        return (
            f"The {source} gives {format_value(old)} and then {format_value(new)}, a difference of "
            f"{format_value(check.evidence)}; the claim says {said}."
        )
    if check.derived_from is not None and check.derived_change is not None:
        old, new = check.derived_from
        return (
            f"The {source} gives {format_value(old)} and then {format_value(new)}, a change of "
            f"{check.derived_change:+.1f}%; the claim says {said}."
        )
    if check.reason == "said":
        moved = "rose" if check.evidence.direction > 0 else "fell"
        by = f" {format_value(check.evidence)}" if check.evidence.value else ""
        return f"The {source} says it {moved}{by}; the claim says it {said}."
    if check.reason == "direction":
        moved = "rose" if check.evidence.direction > 0 else "fell"
        shown = format_value(check.evidence)
        return f"The {source} says it {moved} {shown}; the claim says {said}, the other way."
    return f"The {source} gives {format_value(check.evidence)}; the claim says {said}."


def describe_date(check: DateCheck, ev: Evidence) -> str:
    """A settled date check in a sentence: the source's date of the event and the claim's."""
    return (
        f"The {source_name(ev)} gives {check.evidence.text} ({check.event.value}); "
        f"the claim says {check.claim.text}."
    )


def describe_list(check: ListCheck, ev: Evidence) -> str:
    """A settled list check in a sentence: what the source lists and what the claim says of it."""
    said = f"{check.claimed_count} {check.kind}" if check.claimed_count is not None else check.kind
    text = f"The {source_name(ev)} lists {len(check.listed)} {check.kind} ({', '.join(check.listed)}); "
    text += f"the claim says {said}"
    if check.missing:
        text += f", including {' and '.join(check.missing)}, which it does not list"
    return text + "."


def describe_sweep(check: SweepCheck, ev: Evidence) -> str:
    """A sweep over a benchmark table in a sentence: the rows the first model leads, trails and ties."""
    s = check.sweep
    total = len(check.wins) + len(check.losses) + len(check.ties)
    text = f"The {source_name(ev)} scores {s.a} above {s.b} on {len(check.wins)} of {total} benchmarks"
    text += f" ({_listed(check.wins)})" if check.wins else ""
    if check.losses:
        text += f", below it on {len(check.losses)} ({_listed(check.losses)})"
    if check.ties:
        text += f", level on {len(check.ties)} ({_listed(check.ties)})"
    if s.excepted:
        text += f", leaving out the rows of “{' '.join(s.excepted)}”"
    return text + "."


def _listed(names: Sequence[str], most: int = 6) -> str:
    shown = ", ".join(names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")


def describe_comparison(check: ComparisonCheck, ev: Evidence) -> str:
    """A settled comparison in a sentence: both scores as the source gives them, and what the claim says."""
    c = check.comparison
    return (
        f"The {source_name(ev)} scores {c.a} {check.score_a:g} and {c.b} {check.score_b:g} on {c.bench}; "
        f"the claim says {c.a} is ahead."
    )


def _quoted(ev: Evidence) -> str:
    return one_line(ev.quote, _QUOTE_WIDTH)


def _dated_after(cited: list[Evidence], claim_date: dt.date | None) -> str:
    """Evidence published after the interview could not have been known to the speaker: say so."""
    if claim_date is None:
        return ""
    later = sorted(
        {
            e.passage.citation.title
            for e in cited
            if e.passage.citation.date and e.passage.citation.date > claim_date
        }
    )
    if not later:
        return ""
    return f" Note: {', '.join(later)} is dated after the interview ({claim_date.isoformat()})."


def _searched(item: ClaimEvidence) -> str:
    if not item.sources_searched:
        return ""
    kinds: dict[str, int] = {}
    for source in item.sources_searched:
        kind = source.split(":", 1)[0] if ":" in source else "other"
        kinds[kind] = kinds.get(kind, 0) + 1
    counted = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
    return f" Searched {len(item.sources_searched)} documents ({counted}); the draft lists them."
