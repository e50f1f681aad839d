"""The comparison check: "Scout even beats the old four oh five on MMLU" against a model card's benchmark
table, where one row holds the benchmark's score for each model, one column a model; and the sweep, "beats
the four oh five on basically everything", read off every row that scores both (`check_sweep`).

A claim that one named model beats (outperforms, tops, scores higher than) another on a named benchmark is
settled by a table row whose label names the benchmark and whose cells, under column headers naming each of
the two models, hold their scores: the claim holds when the first score is the higher. A comparison with
no such row stays for the other checks.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from claimcheck.models import DocKind, Passage
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


def _around_verb(text: str) -> tuple[str, str] | None:
    """The clause pieces before and after a claim's comparing verb ("beats"), each bounded; None when it
    has none."""
    verb = _VERB.search(text)
    if verb is None:
        return None
    before = text[max(0, verb.start() - _SIDE_CHARS) : verb.start()]
    ends = list(_CLAUSE_END.finditer(before))
    after = text[verb.end() : verb.end() + _SIDE_CHARS + 40]
    cut = _CLAUSE_END.search(after)
    return (before[ends[-1].end() :] if ends else before), (after[: cut.start()] if cut else after)


def _side(piece: str) -> str:
    """The model a side of a comparison names: its last bracketed name, else its words."""
    bracketed = _BRACKETED.findall(piece)
    return " ".join((bracketed[-1] if bracketed else _FILLER.sub(" ", piece)).split())


def claimed_comparison(text: str) -> Comparison | None:
    """The comparison a claim makes, its sides named by the bracketed model names where there are."""
    pieces = _around_verb(text)
    if pieces is None:
        return None
    opening, after = pieces
    bench = _ON_BENCH.search(after)
    if bench is None:
        return None
    a, b = _side(opening), _side(after[: bench.start()])
    return Comparison(a=a, b=b, bench=bench.group("bench")) if a and b else None


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def scored_columns(passage: Passage) -> list[str]:
    """The column headers of a model card's table row passage that hold scores ([] for any other)."""
    if passage.citation.source_kind is not DocKind.MODEL_CARD:
        return []
    return [header for header, _ in _scored_cells(passage)]


def _scored_cells(passage: Passage) -> list[tuple[str, float]]:
    """(column header, value) of each figure of a passage that is a table cell under a header."""
    cells = [(table_cell(passage, q), q.value) for q in passage_figures(passage)]
    return [(cell.header, value) for cell, value in cells if cell is not None and cell.header]


def names_model(header: str, model: str) -> bool:
    """The column header names the model: every word of the model's name is in it."""
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
        a = [value for header, value in cells if names_model(header, comparison.a)]
        b = [value for header, value in cells if names_model(header, comparison.b)]
        # one column each: a family name ("Llama 4") that heads two columns settles nothing
        if len(a) == 1 and len(b) == 1 and not names_model(comparison.a, comparison.b):
            return ComparisonCheck(comparison, a[0], b[0], row)
    return None


# ------------------------------------------------------------------------------------------ sweeps

# "beats the four oh five on basically everything", "on every single benchmark in the card", "on every row
# in this table", "across the board": a comparison over a whole benchmark table, not one row.
_SWEEP = re.compile(
    r"\b(?:on|in)[ \t]++(?:(?:basically|pretty[ \t]++much|literally|nearly|almost|just[ \t]++about)[ \t]++)?+"
    r"(?:every(?:thing\b|[ \t]++(?:single[ \t]++)?+(?:row|benchmark|eval|evaluation|test|task|category|"
    r"metric)s?+\b)"
    r"|all[ \t]++(?:of[ \t]++)?+(?:the[ \t]++)?+(?:rows|benchmarks|evals|evaluations|tests|tasks)\b)"
    r"|\bacross[ \t]++the[ \t]++board\b",
    re.IGNORECASE,
)
# "… on everything except code", "but MMLU", "apart from code and DocVQA": the rows the claim leaves out, by
# the words of their labels (said up to the clause's end).
# ("but" only right after the sweep: "on everything but code", not "…, but it's bigger")
_EXCEPT = re.compile(
    r"(?:\bexcept|\bapart[ \t]++from|\bother[ \t]++than)\b(?P<what>[^;.!?]*+)", re.IGNORECASE
)
_BUT = re.compile(r"(?<![ \t])[ \t]++but\b(?P<what>[^;.!?,]*+)", re.IGNORECASE)
# Words of an exception that name no row ("except the vision ones").
_NOT_ROW_WORDS = frozenset(
    "for on the a an ones one rows row benchmarks benchmark stuff things and or maybe".split()
)
# A negation before the comparison: "It's not true that Maverick beats Scout on every benchmark".
_NEGATED_BEFORE = re.compile(r"\b(?:not|never|no|nobody|hardly)\b|n['’]t\b", re.IGNORECASE)


class Sweep(NamedTuple):
    """What the claim says: model `a` ahead of model `b` on every row of a benchmark table, but the rows
    whose label says one of the words `excepted`."""

    a: str
    b: str
    excepted: tuple[str, ...]


class SweepCheck(NamedTuple):
    """The benchmark rows that score both models: those `a` leads, those it trails, and the ties (by name);
    and the passages of the rows read, those it trails or ties first."""

    sweep: Sweep
    wins: tuple[str, ...]
    losses: tuple[str, ...]
    ties: tuple[str, ...]
    passages: tuple[str, ...]

    def agrees(self, min_rows: int) -> bool:
        """It leads on at least `min_rows` rows (`Settings.sweep_min_rows`) and trails or ties on none."""
        return len(self.wins) >= min_rows and not self.contradicted

    @property
    def contradicted(self) -> bool:
        return bool(self.losses or self.ties)


def claimed_sweep(text: str) -> Sweep | None:
    """The sweeping comparison a claim makes ("Scout beats three point three on literally every row"), its
    sides named by the bracketed model names where there are; None when the claim says it is not so."""
    pieces = _around_verb(text)
    if pieces is None:
        return None
    opening, after = pieces
    sweep = _SWEEP.search(after)
    if sweep is None or _NEGATED_BEFORE.search(opening):
        return None
    a, b = _side(opening), _side(after[: sweep.start()])
    if not (a and b):
        return None
    excepted = _EXCEPT.search(after, sweep.end()) or _BUT.match(after, sweep.end())
    words = re.findall(r"[A-Za-z][\w-]*+", excepted.group("what")) if excepted else []
    return Sweep(a=a, b=b, excepted=tuple(w.lower() for w in words if w.lower() not in _NOT_ROW_WORDS))


def row_line(passage: Passage) -> str:
    """The line of a table row passage that holds its row (its text after the heading line)."""
    return passage.text.rsplit("\n", 1)[-1]


def bench_name(row: str) -> str:
    """A benchmark row's name as a reader knows it: "HumanEval" of "Code | Benchmark: HumanEval | # Shots:
    0 | Metric: pass@1 | Llama 3.1 8B Instruct: 72.6 | …"."""
    named = re.search(r"\bBenchmark:\s*+([^|]+)", row)
    if named:
        return named.group(1).strip()
    return row.split("|")[0].strip()


def _table_name(passage: Passage) -> str:
    """The last heading over a row passage ("Instruction tuned models")."""
    return passage.text.split("\n", 1)[0].rsplit(">", 1)[-1].strip()


def check_sweep(claim_text: str, passages: list[Passage]) -> SweepCheck | None:
    """Every table row of the passages that scores both swept models, one column each (a row once, however
    many passages repeat it), sorted into the rows the first model leads, trails and ties (a benchmark
    table's score is higher the better, as every table of the cards is); None when the
    claim sweeps nothing or no row scores both. A benchmark two tables score is named with its table's
    heading ("MMLU (Pretrained models)")."""
    sweep = claimed_sweep(claim_text)
    if sweep is None or names_model(sweep.a, sweep.b) or names_model(sweep.b, sweep.a):
        return None
    rows: dict[tuple[str, str], tuple[Passage, list[tuple[str, float]]]] = {}
    for passage in passages:
        # (a row passage is one row: its line names it whole, where a figure in a benchmark's name,
        # "LiveCodeBench (10/01/2024-02/01/2025)", cuts its cells' row label short)
        cells = _scored_cells(passage)
        if cells:
            rows.setdefault((passage.doc_id, row_line(passage)), (passage, []))[1].extend(cells)
    read: list[tuple[Passage, str, int]] = []  # (row passage, benchmark, sign of a minus b)
    for (_doc, row), (passage, cells) in rows.items():
        if set(sweep.excepted) & {w.lower() for w in re.findall(r"[\w-]+", row)}:
            continue
        a = [value for header, value in cells if names_model(header, sweep.a)]
        b = [value for header, value in cells if names_model(header, sweep.b)]
        if len(a) == 1 and len(b) == 1:
            read.append((passage, bench_name(row), (a[0] > b[0]) - (a[0] < b[0])))
    if not read:
        return None
    named = [bench for _, bench, _ in read]
    names = [
        f"{bench} ({_table_name(p)})" if named.count(bench) > 1 and _table_name(p) else bench
        for p, bench, _ in read
    ]
    by_sign = {
        sign: tuple(n for n, (_, _, s) in zip(names, read, strict=True) if s == sign) for sign in (1, -1, 0)
    }
    cited = [p.passage_id for p, _, s in read if s <= 0] + [p.passage_id for p, _, s in read if s > 0]
    return SweepCheck(sweep, by_sign[1], by_sign[-1], by_sign[0], tuple(dict.fromkeys(cited)))
