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


def test_people_said_without_a_headcount_or_a_part_of_it_align_on_no_employees() -> None:
    boeing = filed(
        "As of December 31, 2022, we had approximately 156,000 employees. Approximately 50,000 employees, "
        "which constitute 32% of our total workforce, were union represented.",
        "THE BOEING COMPANY",
    )
    for said in (
        "Boeing's planes flew about two hundred thousand people a day in 2022.",
        "Boeing had about three thousand people in engineering in 2022.",
    ):
        assert Outcome.MISMATCH not in outcomes(said, boeing), said
    # the union row is part of the workforce: the whole is read off the headcount
    assert Outcome.MATCH in outcomes("Boeing has about a hundred and fifty six thousand people.", boeing)
    assert Outcome.MISMATCH not in outcomes(
        "About forty thousand people have sued J&J over talc.",
        filed("We employed approximately 152,700 people worldwide.", "JOHNSON & JOHNSON"),
    )
