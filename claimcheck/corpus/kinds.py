"""Source kinds: the one table of what claimcheck does with each kind of document (`DocKind`).

For each kind the table says how it ranks against the others when several passages settle the same
figure, how published pages name it, what a rationale calls a document of that kind, and whether it is
evidence at all. Adding a source kind is one `DocKind` member (claimcheck/models.py) plus one
`register_kind(...)` line at the bottom of this module; a kind without a line is an error wherever it
is looked up (`UnknownKindError`), never silently ranked last.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from claimcheck.models import DocKind


@dataclass(frozen=True)
class KindInfo:
    """What claimcheck does with documents of one kind."""

    kind: DocKind
    # Lower ranks first when several passages settle the same figure: a filing outranks a model card,
    # which outranks anything else.
    rank: int
    # The kind as published pages show it ("Form 10-K"); None shows no kind.
    display: str | None
    # The word a rationale puts after the company and period ("the Meta Platforms FY2023 10-K says ...");
    # None leaves just company and period, or the title when there are neither.
    source_noun: str | None
    # False: searchable ("previously checked") but never primary evidence and not listed among the
    # sources a verdict searched.
    is_evidence: bool

    @property
    def label(self) -> str:
        """The kind as serialized ("10-K"): what a "sources searched" line starts with ("10-K: title")."""
        return self.kind.value


class UnknownKindError(LookupError):
    """A `DocKind` without an entry in the kinds table."""

    def __init__(self, kind: object) -> None:
        self.kind = kind
        super().__init__(
            f"source kind {kind!r} is not in the kinds table: add a register_kind(...) line for it in "
            "claimcheck/corpus/kinds.py"
        )


_TABLE: dict[DocKind, KindInfo] = {}

# The table, read-only, in registration order.
KINDS: Mapping[DocKind, KindInfo] = MappingProxyType(_TABLE)


def register_kind(
    kind: DocKind, *, rank: int, display: str | None, source_noun: str | None, is_evidence: bool
) -> KindInfo:
    """Add `kind` to the table; registering a kind twice is an error."""
    if kind in _TABLE:
        raise ValueError(f"source kind {kind!r} is already in the kinds table")
    info = KindInfo(kind=kind, rank=rank, display=display, source_noun=source_noun, is_evidence=is_evidence)
    _TABLE[kind] = info
    return info


def kind_info(kind: DocKind) -> KindInfo:
    """The table's entry for `kind`; raises `UnknownKindError` when it has none."""
    try:
        return _TABLE[kind]
    except KeyError:
        raise UnknownKindError(kind) from None


def source_rank(kind: DocKind) -> int:
    """The kind's rank: lower ranks first."""
    return kind_info(kind).rank


def kind_display(kind: DocKind) -> str | None:
    """The kind as published pages show it, or None to show none."""
    return kind_info(kind).display


def source_noun(kind: DocKind) -> str | None:
    """The word a rationale uses for a document of this kind ("10-K"), or None."""
    return kind_info(kind).source_noun


def is_evidence(kind: DocKind) -> bool:
    """Whether passages of this kind may support a verdict and count among the sources searched."""
    return kind_info(kind).is_evidence


# The built-in kinds, in `DocKind` order. Breakdowns rank after every evidence kind (the 3 that
# `SOURCE_RANK.get(kind, 3)` gave them), which never matters: they are dropped before ranking.
register_kind(DocKind.TEN_K, rank=0, display="Form 10-K", source_noun="10-K", is_evidence=True)
register_kind(DocKind.MODEL_CARD, rank=1, display="Model card", source_noun="model card", is_evidence=True)
register_kind(DocKind.BREAKDOWN, rank=3, display="Breakdown", source_noun=None, is_evidence=False)
register_kind(DocKind.OTHER, rank=2, display=None, source_noun=None, is_evidence=True)
# Primary filings rank with the 10-K; a fact sheet (a compilation of primary sources) ranks after every
# primary source, with "other".
register_kind(DocKind.TEN_Q, rank=0, display="Form 10-Q", source_noun="10-Q", is_evidence=True)
register_kind(DocKind.EIGHT_K, rank=0, display="Form 8-K", source_noun="8-K", is_evidence=True)
register_kind(DocKind.FACT_SHEET, rank=2, display="Fact sheet", source_noun="fact sheet", is_evidence=True)
