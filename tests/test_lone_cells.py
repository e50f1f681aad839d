"""Cells printed one per line under their row's label (eighteenth session): in "Total Infectious
Diseases\\n5,449\\n5,825\\n(6.5)\\nCOVID-19 VACCINE\\n2,179", the 5,449 is the total's, not the vaccine's
(the label after a lone figure is the next row's), so "the COVID-19 vaccine did about two point two
billion" agrees with 2,179 and is not refuted by 5,449. And the measure a figure is said of before what it is
of ("the gross profit on bitcoin was …") must be named by a figure that refutes it; and two levels ten times
apart, from two sentences, agree with a change but never refute one."""

from __future__ import annotations

import pytest

from claimcheck.quantities import figures
from claimcheck.verify.numbers import Outcome, row_or_sentence
from tests.speech_helpers import filed, outcomes

_SALES = filed(
    "Major Pharmaceutical Therapeutic Area Sales:\n(Dollars in Millions)\n2022\n2021\nChange\n"
    "Total Infectious Diseases\n5,449\n5,825\n(6.5)\nCOVID-19 VACCINE\n2,179\n2,385\n(8.6)\n"
    "EDURANT/rilpivirine\n1,008\n994\n1.5",
    "JOHNSON & JOHNSON",
)


def test_a_lone_cell_reads_no_label_after_its_line() -> None:
    text = _SALES.raw_text
    at = text.index("5,449")
    figure = next(q for q in figures(text) if q.start == at)
    assert "COVID" not in row_or_sentence(text, figure)
    assert "Infectious" in row_or_sentence(text, figure)


def test_the_row_below_settles_the_product() -> None:
    assert outcomes("[Johnson & Johnson] The COVID-19 vaccine did about two point two billion.", _SALES) == [
        Outcome.MATCH
    ]
    assert outcomes("[Johnson & Johnson] The COVID-19 vaccine did about four billion.", _SALES) == [
        Outcome.MISMATCH
    ]


def test_the_measure_before_what_it_is_of_must_be_named_to_refute() -> None:
    bought = filed("Bitcoin revenue was $4.57 billion in 2020.", "SQUARE, INC.")
    assert Outcome.MISMATCH not in outcomes(
        "[Square] The gross profit on bitcoin was like ninety seven million.", bought
    )
    profit = filed("Bitcoin gross profit was $32 million in 2020.", "SQUARE, INC.")
    assert outcomes("[Square] The gross profit on bitcoin was like ninety seven million.", profit) == [
        Outcome.MISMATCH
    ]


_CONSOLE = filed(
    "Console net revenues were $618 million in 2018. Mobile net revenues were $2.2 billion. In 2019, console "
    "net revenues were $24 million.",
    "ACTIVISION BLIZZARD, INC.",
)


def test_levels_ten_times_apart_said_apart_agree_but_refute_nothing() -> None:
    # a pair of levels this far apart, from two sentences, is seldom one measure's two years: it agrees
    # when it does, but a change it contradicts is left unsettled
    assert outcomes("[Activision Blizzard] Console net revenues doubled in 2019.", _CONSOLE) == [
        Outcome.NO_FIGURE
    ]
    assert outcomes(
        "[Activision Blizzard] Console net revenues fell ninety six percent in 2019.", _CONSOLE
    ) == [Outcome.MATCH]


@pytest.mark.parametrize(
    "text",
    [
        # levels said together, in one sentence or one row, still refute
        "Console net revenues were $618 million in 2018 and $24 million in 2019.",
        "Console net revenues were $1,000 million in 2018 and $500 million in 2019.",
    ],
)
def test_levels_said_together_refute(text: str) -> None:
    passage = filed(text, "ACTIVISION BLIZZARD, INC.")
    assert outcomes("[Activision Blizzard] Console net revenues doubled in 2019.", passage) == [
        Outcome.MISMATCH
    ]
