"""What a card shows as evidence (pure): the quote that settled the verdict, the figure that decided it
marked inside it, a table row shown with its row and column headers, and the verifier's stance only where
the stance decided.

A draft says what settled it through its signals (claimcheck/verify/findings.py): an exact check (figure,
date, list) names its passage and describes itself in a sentence. The figure it read is found again by
re-running the same pure figure check on the same passage and keeping the check whose description is the
signal's own sentence, so nothing is guessed: when no check matches (an editor rewrote the claim), the
card shows the cited quote without a mark.

Every quote shown is a slice of the passage's raw text, so an exact substring of the cited document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from claimcheck.corpus.tables import cell_at
from claimcheck.models import Evidence, Label, Passage, Stance, Verdict
from claimcheck.publish.extras import content_terms
from claimcheck.quantities import Unit, figures, relative_difference
from claimcheck.settings import Settings
from claimcheck.verify.evidence import check_texts
from claimcheck.verify.findings import EXACT_SIGNALS, NUMBER_SIGNALS, SETTLING_OUTCOMES, SignalName
from claimcheck.verify.numbers import check_passage, passage_figures
from claimcheck.verify.rationale import describe_check

# Signals after which the label came from a rule, not from the verifier's stance.
_RULE_SIGNALS = frozenset(
    {
        SignalName.NEGATION_CONFLICT,
        SignalName.FORWARD_LOOKING_TREND_UNDERWAY,
        SignalName.FORWARD_LOOKING_UNSUPPORTED,
        SignalName.PROMOTIONAL_UNSUPPORTED,
        SignalName.OPINION_NOT_CHECKED,
        SignalName.SUBJECT_UNRESOLVED,
        SignalName.NO_RELEVANT_EVIDENCE,
        SignalName.GENERALISES_BEYOND_EVIDENCE,
    }
)
# The stance that agrees with a final label; a stance against the label is never shown beside it.
_AGREEING: dict[Label, frozenset[Stance]] = {
    Label.REAL: frozenset({Stance.SUPPORTS}),
    Label.HYPE: frozenset({Stance.CONTRADICTS}),
    Label.PARTIALLY_TRUE: frozenset({Stance.SUPPORTS, Stance.CONTRADICTS}),
    Label.UNVERIFIED: frozenset(),
}


@dataclass(frozen=True)
class ShownQuote:
    """One quote as a card shows it: the evidence, the slice of its passage shown, the spans to mark."""

    evidence: Evidence
    start: int  # offsets into evidence.passage.raw_text
    end: int
    marks: tuple[tuple[int, int], ...]  # offsets into the passage raw text, inside [start, end)
    stance: Stance | None  # shown only when the stance decided and agrees with the label
    decisive: bool  # an exact check (figure, date, list) read this quote

    @property
    def text(self) -> str:
        return self.evidence.passage.raw_text[self.start : self.end]

    def parts(self) -> list[tuple[str, bool]]:
        """The quote as (text, marked) pieces, in order."""
        raw = self.evidence.passage.raw_text
        out: list[tuple[str, bool]] = []
        cursor = self.start
        for lo, hi in sorted(self.marks):
            if lo < cursor or hi > self.end:
                continue
            if lo > cursor:
                out.append((raw[cursor:lo], False))
            out.append((raw[lo:hi], True))
            cursor = hi
        if cursor < self.end:
            out.append((raw[cursor : self.end], False))
        return out


@dataclass(frozen=True)
class TableRow:
    """A quoted table row read with its headers: the row's label and each (column header, value, marked)."""

    unit: str | None  # "(in millions)" when the table states one
    label: str
    cells: tuple[tuple[str, str, bool], ...]


def decided_by_stance(verdict: Verdict) -> bool:
    """Whether the verifier's stance settled the draft: no exact check, no rule, and a cited quote whose
    stance is supports or contradicts."""
    draft = verdict.draft
    if draft is None:
        return False
    names = {s.name for s in draft.signals}
    if names & {str(n) for n in EXACT_SIGNALS} or names & {str(n) for n in _RULE_SIGNALS}:
        return False
    return any(e.stance in (Stance.SUPPORTS, Stance.CONTRADICTS) for e in draft.evidence)


def shown_quotes(verdict: Verdict, settings: Settings) -> list[ShownQuote]:
    """The quotes a card shows, decisive ones first, each passage slice once."""
    draft = verdict.draft
    # an editor's list stands even when empty (every quote dropped); else the draft's
    evidence = list(
        verdict.evidence if verdict.editor else verdict.evidence or (draft.evidence if draft else [])
    )
    by_passage = {e.passage.passage_id: e for e in evidence}
    shown: list[ShownQuote] = []
    if draft is not None:
        for signal in draft.signals:
            if signal.name not in {str(n) for n in EXACT_SIGNALS} or signal.passage_id is None:
                continue
            ev = by_passage.get(signal.passage_id)
            if ev is None:
                continue
            spans: tuple[tuple[int, int], ...] = ()
            if signal.name in {str(n) for n in NUMBER_SIGNALS}:
                spans = _decisive_figures(verdict, ev, signal.detail, settings)
            if not spans:
                shown.append(_whole(ev, decisive=True))
                continue
            raw = ev.passage.raw_text
            if ev.passage.cells:  # a row printed apart is shown whole, as its row
                start = len(raw) - len(raw.lstrip())
                end = len(raw.rstrip())
            else:
                start, end = _sentence_or_row(raw, min(s[0] for s in spans), max(s[1] for s in spans))
            shown.append(ShownQuote(ev, start, end, spans, stance=None, decisive=True))
    if shown:
        return _merge(shown)
    by_stance = decided_by_stance(verdict)
    agreeing = _AGREEING[verdict.label]
    claim_terms = content_terms(verdict.claim.text)
    out: list[ShownQuote] = []
    for ev in evidence:
        stance = ev.stance if by_stance and ev.stance in agreeing else None
        # a passage that settled nothing is shown as the closest found only when it shares a word with
        # the claim: the nearest vector can be about something else entirely
        if stance is None and not content_terms(ev.quote) & claim_terms:
            continue
        out.append(_whole(ev, decisive=False, stance=stance))
    return _merge(out)


def table_row(quote: ShownQuote) -> TableRow | None:
    """The quoted row of a table with its headers, when the quote is one whole row of a pipe or HTML
    table, or a row read from cells printed apart (`Passage.cells`), described in the passage's text; else
    None."""
    passage = quote.evidence.passage
    raw = passage.raw_text
    if quote.start != raw.find(raw.strip()) or quote.end != raw.find(raw.strip()) + len(raw.strip()):
        return None
    description = passage.text.rsplit("\n", 1)[-1]
    parts = description.split(" | ")
    if len(parts) < 2 or not (passage.cells or raw.strip().startswith(("|", "<tr", "<TR"))):
        return None
    marked = {cell_at(passage.text, raw, lo, passage.cells) for lo, _hi in quote.marks}
    cells: list[tuple[str, str, bool]] = []
    for part in parts[1:]:
        header, sep, value = part.partition(": ")
        if not sep:
            header, value = "", part
        is_marked = any(c is not None and c.value == value and c.header == header for c in marked)
        cells.append((header, value, is_marked))
    lines = passage.text.split("\n")
    unit = next((line for line in lines[1:-1] if re.fullmatch(r"\(.*\)", line.strip())), None)
    return TableRow(unit=unit, label=parts[0], cells=tuple(cells))


def _whole(ev: Evidence, *, decisive: bool, stance: Stance | None = None) -> ShownQuote:
    raw = ev.passage.raw_text
    offset = ev.quote_start - ev.passage.start
    if offset >= 0 and raw[offset : offset + len(ev.quote)] == ev.quote:
        start, end = offset, offset + len(ev.quote)
    else:
        found = raw.find(ev.quote)
        start, end = (found, found + len(ev.quote)) if found >= 0 else (0, len(raw))
    return ShownQuote(ev, start, end, (), stance=stance, decisive=decisive)


def _merge(quotes: list[ShownQuote]) -> list[ShownQuote]:
    """One entry per passage slice; the marks of repeated slices combined."""
    merged: dict[tuple[str, int, int], ShownQuote] = {}
    for q in quotes:
        key = (q.evidence.passage.passage_id, q.start, q.end)
        prior = merged.get(key)
        if prior is None:
            merged[key] = q
        else:
            marks = tuple(sorted(set(prior.marks) | set(q.marks)))
            merged[key] = ShownQuote(
                prior.evidence, prior.start, prior.end, marks, prior.stance, prior.decisive or q.decisive
            )
    return list(merged.values())


def _decisive_figures(
    verdict: Verdict, ev: Evidence, detail: str, settings: Settings
) -> tuple[tuple[int, int], ...]:
    """The spans, in the passage's raw text, of the figures the exact check described by `detail` read
    (two for a change worked out from two levels)."""
    for text in check_texts(verdict.claim):
        for check in check_passage(text, ev.passage, settings):
            if check.outcome not in SETTLING_OUTCOMES or check.evidence is None:
                continue
            if describe_check(check, ev) == detail:
                figures = check.derived_from if check.derived_from is not None else (check.evidence,)
                return tuple(sorted((q.start, q.end) for q in figures))
    return ()


_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z(\"“])|\n\s*\n")


def _sentence_or_row(raw: str, lo: int, hi: int) -> tuple[int, int]:
    """The table row (a whole line starting with "|") or the sentence of `raw` around [lo, hi)."""
    line_start = raw.rfind("\n", 0, lo) + 1
    line_end = raw.find("\n", hi)
    line_end = len(raw) if line_end == -1 else line_end
    if raw[line_start:line_end].lstrip().startswith("|"):
        stripped = raw[line_start:line_end]
        return line_start + (len(stripped) - len(stripped.lstrip())), line_start + len(stripped.rstrip())
    start = 0
    for before in _SENTENCE_END.finditer(raw, 0, lo):
        start = before.end()
    after = _SENTENCE_END.search(raw, hi)
    end = after.start() + 1 if after and after.group().strip() else (after.start() if after else len(raw))
    while start < lo and raw[start].isspace():
        start += 1
    return start, max(end, hi)


def note_evidence(verdict: Verdict, passages: Sequence[Passage]) -> list[ShownQuote]:
    """For a verdict an editor set without cited evidence: the corpus rows or sentences holding the
    figures the editor's explanation gives ("88.6 is MMLU 0-shot CoT; MMLU 5-shot is 87.3"), each with
    the figure marked. A passage counts only when it gives the figure itself and shares a word with the
    claim; among several, the one sharing most words with the note and the claim wins."""
    note = verdict.note or ""
    # a bare small whole number ("5-shot", the "3" of a name) says nothing a source could be found by
    wanted = [q for q in figures(note) if q.unit is not Unit.COUNT or "." in q.text or q.value >= 100]
    if not wanted:
        return []
    claim_terms = _terms(verdict.claim.text)
    note_terms = _terms(note) | claim_terms
    out: list[ShownQuote] = []
    for q in wanted:
        best: tuple[int, str, ShownQuote] | None = None
        for passage in passages:
            for found in passage_figures(passage):
                if found.unit != q.unit or relative_difference(found.value, q.value) > 1e-9:
                    continue
                start, end = _sentence_or_row(passage.raw_text, found.start, found.end)
                line_terms = _terms(passage.raw_text[start:end]) | _terms(passage.citation.title)
                if not line_terms & claim_terms:
                    continue
                score = len(line_terms & note_terms)
                ev = Evidence(
                    passage=passage,
                    quote=passage.raw_text[start:end],
                    quote_start=passage.start + start,
                    quote_end=passage.start + end,
                    score=0.0,
                )
                shown = ShownQuote(ev, start, end, ((found.start, found.end),), stance=None, decisive=True)
                if best is None or (score, passage.passage_id) > (best[0], best[1]):
                    best = (score, passage.passage_id, shown)
        if best is not None:
            out.append(best[2])
    return _merge(out)


_WORD = re.compile(r"[A-Za-z][A-Za-z0-9.-]*[A-Za-z0-9]|[A-Za-z]")
_STOP = frozenset(
    "the a an is of on in at to and or for with it its was were are be by as from that this".split()
)


def _terms(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if w.lower() not in _STOP}
