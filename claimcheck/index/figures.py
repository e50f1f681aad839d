"""The figure side of hybrid search: the figures a query states, the figures each passage holds (read with
the passage's unit statement, so "$16.1 billion" finds 16,120 under "(in millions)"), the `FigureTable`
that holds them all as flat arrays, and the ranking of passages by the query figures they hold.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from claimcheck.embedding import Vectors
from claimcheck.models import Passage
from claimcheck.quantities import Unit, figures, unit_scale

# Figure families that can be compared: amounts (dollars, counts, parameters, tokens — a 10-K table cell
# "16,120" under "(in millions)" is a bare count of dollars) and percentages.
_AMOUNT, _PERCENT = 0, 1
_FAMILIES: dict[Unit, int] = {
    Unit.USD: _AMOUNT,
    Unit.COUNT: _AMOUNT,
    Unit.PARAMETERS: _AMOUNT,
    Unit.TOKENS: _AMOUNT,
    Unit.PERCENT: _PERCENT,
    Unit.PERCENT_POINTS: _PERCENT,
}
# A bare count below this in a query ("3 segments", "8 languages") matches too many passages to tell
# anything; amounts with a currency or scale word and percentages always count.
_MIN_QUERY_COUNT = 1000.0


def query_figures(text: str) -> list[tuple[float, int]]:
    """The (value, family) pairs of the figures a query states, as hybrid search matches them."""
    found: list[tuple[float, int]] = []
    for q in figures(text):
        family = _FAMILIES.get(q.unit)
        if family is None or q.value == 0:
            continue
        if q.unit is Unit.COUNT and abs(q.value) < _MIN_QUERY_COUNT:
            continue
        pair = (abs(q.value), family)
        if pair not in found:
            found.append(pair)
    return found


def passage_figures(passage: Passage) -> list[tuple[float, int]]:
    """The (value, family) pairs of the figures a passage holds: its quoted text read with the unit
    statement in its embedded text (the verdict stage reads it the same way)."""
    found: list[tuple[float, int]] = []
    for q in figures(passage.raw_text, default_scale=unit_scale(passage.text)):
        family = _FAMILIES.get(q.unit)
        if family is not None and q.value != 0 and passage.owns(q.start):
            found.append((abs(q.value), family))
    return found


class FigureTable:
    """Every figure of every passage, as flat arrays, so a query figure is matched in one pass."""

    def __init__(
        self, rows: NDArray[np.int64], values: NDArray[np.float64], families: NDArray[np.int8]
    ) -> None:
        self.rows = rows
        self.values = values
        self.families = families

    @classmethod
    def of(cls, passages: Sequence[Passage]) -> FigureTable:
        rows: list[int] = []
        values: list[float] = []
        families: list[int] = []
        for row, passage in enumerate(passages):
            for value, family in passage_figures(passage):
                rows.append(row)
                values.append(value)
                families.append(family)
        return cls(
            np.asarray(rows, dtype=np.int64),
            np.asarray(values, dtype=np.float64),
            np.asarray(families, dtype=np.int8),
        )

    def take(self, keep: Sequence[int]) -> FigureTable:
        """The table for the passages `keep` (old row numbers), renumbered 0.. in that order."""
        kept = np.asarray(keep, dtype=np.int64)
        size = max(int(self.rows.max()) + 1 if len(self.rows) else 0, int(kept.max()) + 1 if len(kept) else 0)
        new_row = np.full(size, -1, dtype=np.int64)
        new_row[kept] = np.arange(len(kept), dtype=np.int64)
        mapped = new_row[self.rows]
        mask = mapped >= 0
        order = np.argsort(mapped[mask], kind="stable")
        return FigureTable(mapped[mask][order], self.values[mask][order], self.families[mask][order])

    def extend(self, other: FigureTable, offset: int) -> FigureTable:
        """This table followed by `other`, whose rows start at `offset`."""
        return FigureTable(
            np.concatenate([self.rows, other.rows + offset]),
            np.concatenate([self.values, other.values]),
            np.concatenate([self.families, other.families]),
        )

    def rows_near(self, value: float, family: int, tolerance: float) -> NDArray[np.int64]:
        """Rows holding a figure of `family` within `tolerance` (relative) of `value`, each once."""
        close = np.abs(self.values - value) <= tolerance * np.maximum(self.values, value)
        return np.unique(self.rows[close & (self.families == family)])


@functools.cache
def figures_fingerprint() -> str:
    """Changes whenever the quantities package (which reads the figures) or this module changes; a saved
    table made with another one is stale."""
    from claimcheck import quantities

    digest = hashlib.sha256()
    for module in [*sorted(Path(quantities.__file__).parent.glob("*.py")), Path(__file__)]:
        digest.update(module.name.encode() + b"\0" + module.read_bytes())
    return digest.hexdigest()


def figure_ranking(
    wanted: Sequence[tuple[float, int]],
    table: FigureTable,
    vectors: Vectors,
    query_vector: Vectors,
    depth: int,
    allowed: NDArray[np.bool_] | None,
    *,
    tolerance: float,
    tie_key: Callable[[int], str],
) -> dict[int, float]:
    """Rows holding a figure within `tolerance` of one of the `wanted` (value, family) pairs, ranked by
    how many of them they hold, then by cosine similarity (`vectors` row against `query_vector`), then by
    `tie_key`. Scores encode that order (count + (cosine + 1) / 4); only the order matters to the fusion."""
    counts: dict[int, int] = {}
    for value, family in wanted:
        for row in table.rows_near(value, family, tolerance):
            if allowed is None or allowed[row]:
                counts[row] = counts.get(row, 0) + 1
    if not counts:
        return {}
    rows = np.fromiter(counts, dtype=np.int64, count=len(counts))
    cosines = vectors[rows] @ query_vector
    scored = {int(r): counts[int(r)] + (float(c) + 1.0) / 4.0 for r, c in zip(rows, cosines, strict=True)}
    best = sorted(scored, key=lambda r: (-scored[r], tie_key(r)))[:depth]
    return {r: scored[r] for r in best}
