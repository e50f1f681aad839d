"""`PassageFilter`: which passages a search may return (kinds, companies, periods, documents)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from claimcheck.models import DocKind, Passage


class PassageFilter(BaseModel):
    """Which passages a search may return; unset fields admit everything.

    `companies` match case-insensitively as substrings of the citation's company ("meta" admits
    "Meta Platforms, Inc."); `periods` and `doc_ids` match exactly (periods case-insensitively).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    kinds: frozenset[DocKind] | None = None
    companies: frozenset[str] | None = None
    periods: frozenset[str] | None = None
    doc_ids: frozenset[str] | None = None

    def admits_all(self) -> bool:
        return self.kinds is None and self.companies is None and self.periods is None and self.doc_ids is None

    def admits(self, passage: Passage) -> bool:
        cite = passage.citation
        if self.kinds is not None and cite.kind not in self.kinds:
            return False
        if self.doc_ids is not None and passage.doc_id not in self.doc_ids:
            return False
        if self.companies is not None:
            company = (cite.company or "").casefold()
            if not any(name.casefold() in company for name in self.companies):
                return False
        if self.periods is not None:
            period = (cite.period or "").casefold()
            if period not in {p.casefold() for p in self.periods}:
                return False
        return True
