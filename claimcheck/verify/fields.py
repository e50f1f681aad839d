"""Facts a source states as a labelled field — "Model Release Date: July 23, 2024", "Supported languages:
English, German, …" — found for a claim that checks one, in the documents about its subject, however the
search ranked them: a search by the claim's words ranks benchmark tables above a model card's one-line
fields. So is a filing's sentence that says which way a measure moved ("Operating income decreased $5.4
billion, or 41.3%"), for a claim that says it went up or down with no figure: in a long passage of the
discussion it ranks below tables that repeat the measure's name. And so is a table row of the measure with
a column per year ("Total revenue | FY2022: 116,609 | FY2023: 134,902") for such a claim. And so is every
row of a benchmark table that scores both models a claim says one beats "on every row".
"""

from __future__ import annotations

from collections.abc import Sequence

from claimcheck.models import Claim, Passage
from claimcheck.settings import Settings
from claimcheck.verify.compare import claimed_sweep, names_model, scored_columns
from claimcheck.verify.dates import claim_dates, dates_an_event
from claimcheck.verify.lists import claimed_lists, lists_something
from claimcheck.verify.numbers import direction_measure, moves_said, names_the_measure, row_moves
from claimcheck.verify.subjects import subject_mismatch


class FieldPassages:
    """The passages of an index that date an event or list a kind, found once per batch of claims."""

    def __init__(self, passages: Sequence[Passage], settings: Settings) -> None:
        self.settings = settings
        self.dated = [p for p in passages if dates_an_event(p.raw_text)]
        self.listing = [p for p in passages if lists_something(p.raw_text)]
        self.moves = [(p, said) for p in passages if (said := moves_said(p))]
        self.moves += [(p, [row]) for p in passages if (row := row_moves(p))]
        # benchmark table rows, by their column headers: what a sweep over a table reads
        self.scored = [(p, headers) for p in passages if (headers := scored_columns(p))]

    def about(self, claim: Claim) -> list[Passage]:
        """The field passages about `claim`'s subject that could settle a date or a list it states. None
        for a claim without a typed subject: a field is never read for a guessed subject."""
        if claim.subject is None:
            return []
        pool: list[Passage] = []
        if claim_dates(claim.text):
            pool += self.dated
        if claimed_lists(claim.text):
            pool += self.listing
        for text in claim.parts or [claim.text]:  # each part of a compound claim says its own move
            pool += self._moved(text)
            pool += self._swept(text)
        subject = claim.subject
        unique = {p.passage_id: p for p in pool}
        return [p for p in unique.values() if subject_mismatch(subject, p) is None]

    def _swept(self, claim_text: str) -> list[Passage]:
        """Every benchmark row that scores both models a claim says one beats on every row: a search finds
        some rows of a table, and "everything" is read off all of them."""
        sweep = claimed_sweep(claim_text)
        if sweep is None:
            return []
        return [
            p
            for p, headers in self.scored
            if any(names_model(h, sweep.a) for h in headers) and any(names_model(h, sweep.b) for h in headers)
        ]

    def _moved(self, claim_text: str) -> list[Passage]:
        """The filing passages that say the measure moved which `claim_text` says went up, down or stayed flat
        with no figure ("[CVS Health] Operating income went up nicely")."""
        if not direction_measure(claim_text, self.settings, ""):
            return []
        wanted: dict[str, set[str]] = {}  # by the filer's name, left out of the measure
        out = []
        for passage, moves in self.moves:
            company = passage.citation.company or ""
            if company not in wanted:
                wanted[company] = direction_measure(claim_text, self.settings, company)
            if any(names_the_measure(said, wanted[company]) for said in moves):
                out.append(passage)
        return out
