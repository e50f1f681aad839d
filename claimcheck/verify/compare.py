"""The comparison check: "Scout even beats the old four oh five on MMLU" against a model card's benchmark
table, where one row holds the benchmark's score for each model, one column a model.

A claim that one named model beats (outperforms, tops, scores higher than) another on a named benchmark is
settled by a table row whose label names the benchmark and whose cells, under column headers naming each of
the two models, hold their scores: the claim holds when the first score is the higher. Nothing else is
read: a comparison with no such row stays for the other checks.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from claimcheck.models import Passage
from claimcheck.verify.numbers import passage_figures, table_cell

# "<A> (even) beats <B> on <benchmark>": the verb, then the sides around it, each a bounded piece of the
# clause (found outwards from the verb, so no pattern backtracks over a long text).
_VERB = re.compile(
    r"\b(?:beats|beat|outperforms|outperformed|outscores|outscored|tops|topped|scores higher than|"
    r"scored higher than|does better than|did better than|is ahead of|was ahead of)\b"
)
_ON_BENCH = re.compile(
    r"\bon[ \t]++(?P<bench>[A-Z][A-Za-z0-9+\-]{1,24}(?: [A-Z][A-Za-z0-9+\-]{1,24}){0,2})\b"
)
_CLAUSE_END = re.compile(r"[;!?]|\.(?!\d)")
_SIDE_CHARS = 80
_FILLER = re.compile(r"\b(?:even|still|also|now)\b")
# A model name the subjects stage put in brackets after the words said ("Scout [Llama 4 Scout]").
_BRACKETED = re.compile(r"\[([^\]]{2,60})\]")
_WORD = re.compile(r"[a-z0-9.]+")


class Comparison(NamedTuple):
    """What the claim compares: model `a` ahead of model `b` on `bench`."""

    a: str
    b: str
    bench: str


class ComparisonCheck(NamedTuple):
    """A table row that scores both models on the benchmark."""

    comparison: Comparison
    score_a: float
    score_b: float
    row: str

    @property
    def agrees(self) -> bool:
        return self.score_a > self.score_b


def claimed_comparison(text: str) -> Comparison | None:
    """The comparison a claim makes, its sides named by the bracketed model names where there are."""
    verb = _VERB.search(text)
    if verb is None:
        return None
    before = text[max(0, verb.start() - _SIDE_CHARS) : verb.start()]
    ends = list(_CLAUSE_END.finditer(before))
    a = before[ends[-1].end() :] if ends else before
    after = text[verb.end() : verb.end() + _SIDE_CHARS + 40]
    cut = _CLAUSE_END.search(after)
    after = after[: cut.start()] if cut else after
    bench = _ON_BENCH.search(after)
    if bench is None:
        return None
    sides = []
    for side in (a, after[: bench.start()]):
        bracketed = _BRACKETED.findall(side)
        sides.append(bracketed[-1] if bracketed else _FILLER.sub(" ", side))
    if not all(s.strip() for s in sides):
        return None
    return Comparison(a=" ".join(sides[0].split()), b=" ".join(sides[1].split()), bench=bench.group("bench"))


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _names(header: str, model: str) -> bool:
    """The column header names the model: every word of the model's name is in it, in order."""
    wanted, have = _words(model), _words(header)
    return bool(wanted) and all(w in have for w in wanted)


def _is_bench(row: str, bench: str) -> bool:
    """The row's label names the benchmark as a whole name: "MMLU", not "MMLU-Pro" or "MMLU Pro" (a
    capitalised word after it continues the name; a shot count or a metric does not)."""
    tokens = [t for t in re.split(r"[\s|:,()]+", row) if t]
    wanted = [t.lower() for t in bench.split()]
    n = len(wanted)
    for i in range(len(tokens) - n + 1):
        if [t.lower() for t in tokens[i : i + n]] == wanted:
            after = tokens[i + n] if i + n < len(tokens) else ""
            if not after[:1].isupper():
                return True
    return False


def check_comparison(claim_text: str, passage: Passage) -> ComparisonCheck | None:
    """The passage's table row that scores both compared models on the benchmark, if it has one."""
    comparison = claimed_comparison(claim_text)
    if comparison is None:
        return None
    rows: dict[str, list[tuple[str, float]]] = {}  # a benchmark row: (column header, score) of each cell
    for q in passage_figures(passage):
        cell = table_cell(passage, q)
        if cell is not None and cell.header and _is_bench(cell.row, comparison.bench):
            rows.setdefault(cell.row, []).append((cell.header, q.value))
    for row, cells in rows.items():
        a = [value for header, value in cells if _names(header, comparison.a)]
        b = [value for header, value in cells if _names(header, comparison.b)]
        # one column each: a family name ("Llama 4") that heads two columns settles nothing
        if len(a) == 1 and len(b) == 1 and not _names(comparison.a, comparison.b):
            return ComparisonCheck(comparison, a[0], b[0], row)
    return None
