"""A part named first, after the company put in front of the clause (eighteenth session): "[Corning] Display
did three point three billion" is the Display segment's figure, so Corning's $14.2 billion of net sales
neither refutes nor confirms it; a measure that opens the clause ("[Pfizer] Operating cash flow was …",
"[Amazon] Shipping costs were …", "[Corning] Sales were …"), or a filler ("[Corning] Plus, …"), names no
part, and the company's figure still settles it."""

from __future__ import annotations

import pytest

from claimcheck.models import Passage
from claimcheck.verify.numbers import Outcome
from tests.speech_helpers import filed, outcomes

_TOTAL = filed("Net sales for the year ended December 31, 2022 were $14.2 billion.", "CORNING INCORPORATED")
_SEGMENT = filed(
    "The following table presents net sales of our reportable segments (in millions):\n"
    "Year ended December 31,\n2022\n\n2021\n\nOptical Communications\n\n5,023\n\n4,349\n\n"
    "Display Technologies\n\n3,306\n\n3,700\n",
    "CORNING INCORPORATED",
)
_CASH = filed("Net cash provided by operating activities was $32.6 billion in 2022.", "PFIZER INC.")


@pytest.mark.parametrize(
    "claim",
    [
        "[Corning] Display did three point three billion.",
        "[Corning] Display's three point three billion.",
        "[Corning] Display alone did like four billion.",
        "[Corning] Display, that's three point three billion in sales.",
        "[Corning] Display alone, three point three billion in sales.",
        "[Corning] Optical generated five billion in sales.",
        "[Corning] Stores did like three point three billion.",
        "[Corning] Lilly did about three point three billion.",
    ],
)
def test_a_part_named_first_is_not_settled_by_the_company_s_figure(claim: str) -> None:
    assert Outcome.MISMATCH not in outcomes(claim, _TOTAL)
    assert Outcome.MATCH not in outcomes(claim, _TOTAL)


def test_the_part_s_own_figure_settles_it() -> None:
    assert Outcome.MATCH in outcomes("[Corning] Display did three point three billion.", _SEGMENT)
    assert Outcome.MISMATCH not in outcomes("[Corning] Display did three point three billion.", _SEGMENT)


@pytest.mark.parametrize(
    ("claim", "passage"),
    [
        ("[Corning] Net sales were three point three billion.", _TOTAL),
        ("[Pfizer] Operating cash flow was fifty billion.", _CASH),
        # a filler before a comma, and a measure said in one word
        ("[Corning] Plus, net sales were three point three billion.", _TOTAL),
        ("[Corning] Overall, sales were three point three billion.", _TOTAL),
        ("[Corning] Sales were three point three billion.", _TOTAL),
        ("[Corning] Revenue was three point three billion.", _TOTAL),
        ("[Corning] Honestly, net sales were three point three billion.", _TOTAL),
    ],
)
def test_a_measure_that_opens_the_clause_names_no_part(claim: str, passage: Passage) -> None:
    assert outcomes(claim, passage) == [Outcome.MISMATCH]
