"""Facts a source states as a labelled field — "Model Release Date: July 23, 2024", "Supported languages:
English, German, …" — found for a claim that checks one, in the documents about its subject, however the
search ranked them: a search by the claim's words ranks benchmark tables above a model card's one-line
fields.
"""

from __future__ import annotations

from collections.abc import Sequence

from claimcheck.models import Claim, Passage
from claimcheck.verify.dates import claim_dates, dates_an_event
from claimcheck.verify.lists import claimed_lists, lists_something
from claimcheck.verify.subjects import subject_mismatch


class FieldPassages:
    """The passages of an index that date an event or list a kind, found once per batch of claims."""

    def __init__(self, passages: Sequence[Passage]) -> None:
        self.dated = [p for p in passages if dates_an_event(p.raw_text)]
        self.listing = [p for p in passages if lists_something(p.raw_text)]

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
        subject = claim.subject
        unique = {p.passage_id: p for p in pool}
        return [p for p in unique.values() if subject_mismatch(subject, p) is None]
