"""People a company has are its employees (issue 11): "Amazon had over half a million people" is read off
"We employed approximately 566,000 … employees"; people it serves, hires or lays off are not."""

from __future__ import annotations

from claimcheck.verify.numbers import Outcome
from tests.speech_helpers import filed, outcomes

STAFF = "As of December 31, 2017, we employed approximately 566,000 full-time and part-time employees."


def test_people_a_company_has_are_its_employees() -> None:
    passage = filed(STAFF, "AMAZON.COM, INC.", 2017)
    assert Outcome.MATCH in outcomes(
        "Amazon had over half a million people at the end of seventeen, five hundred and sixty six thousand.",
        passage,
    )
    assert Outcome.MISMATCH in outcomes("Amazon had about three hundred thousand people in 2017.", passage)


def test_people_served_hired_or_let_go_are_no_headcount() -> None:
    passage = filed(STAFF, "AMAZON.COM, INC.", 2017)
    for said in (
        "Amazon laid off like twenty one thousand people in 2017.",
        "About three hundred thousand people use Amazon every day.",
        "Amazon hired a hundred and thirty thousand people in 2017.",
    ):
        assert Outcome.MISMATCH not in outcomes(said, passage), said
