"""Footnote and list markers in a filing's text are no figures (eighteenth session): "inventory
markdowns(1)" and "…stimulus payments; (2) the shift of consumer spending" say no 1 and no 2 that could
refute "six twenty nine" or "twelve point two". A figure in parentheses in a table ("(211)") or after a
word and a space ("(2) units") is still read."""

from __future__ import annotations

import pytest

from claimcheck.models import Passage
from claimcheck.verify.numbers import Outcome, passage_figures
from tests.factories import make_passage
from tests.speech_helpers import filed, outcomes


def _filed(text: str) -> Passage:
    return filed(text, "BEST BUY CO., INC.", 2023)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Restructuring - inventory markdowns(1) Price-fixing settlement", []),
        ("Diluted earnings per share(2)\n6.29", [6.29]),
        ("the benefit of government stimulus payments; (2) the shift of consumer spending", []),
        ("(1) the first item\n(2) the second item", []),
        # figures, not markers
        ("Total\n(211)\n(35)\n514", [211, 35, 514]),
        ("Cash used\n(2)\n(15)", [2, 15]),
        ("rose 4% and (2) units were sold", [4, 2]),
    ],
)
def test_markers_are_not_figures(text: str, values: list[float]) -> None:
    assert [q.value for q in passage_figures(make_passage(text))] == values


@pytest.mark.parametrize(
    ("claim", "text"),
    [
        (
            "[Best Buy's diluted EPS] That's the year before, it's six twenty nine.",
            "Diluted earnings per share, operating income % of revenue, inventory markdowns(1)",
        ),
        (
            "[Best Buy] Consumer electronics sales were twelve point two billion.",
            "Sales fell due to the benefit of government stimulus payments; (2) the shift of consumer "
            "spending to consumer electronics sales",
        ),
    ],
)
def test_a_marker_refutes_nothing(claim: str, text: str) -> None:
    assert Outcome.MISMATCH not in outcomes(claim, _filed(text))
