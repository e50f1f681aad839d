"""A figure is read within its own sentence (issue 11): "… was 19.6% versus 10.5% in 2021. The increase in
the income …" is no rise of 10.5%, and a row that starts a line with a name keeps the name ("Consumer Health
segment sales in 2022 were $15.0 billion, a decrease of 0.5%")."""

from __future__ import annotations

from claimcheck.quantities import figures
from claimcheck.quantities.changes import direction_near
from claimcheck.verify.numbers import Outcome, row_or_sentence
from tests.speech_helpers import filed, outcomes

JNJ = (
    "Analysis of Sales by Business Segments\nConsumer Health Segment\nConsumer Health segment sales in 2022 "
    "were $15.0 billion, a decrease of 0.5% from 2021, which included 3.6% operational growth and a\n"
    "currency impact of 4.1%. U.S. Consumer Health segment sales were $6.6 billion, an increase of 1.3%. "
    "In 2022, the Consumer Health segment income before tax as a percent of sales was 19.6% versus 10.5% in "
    "2021. The increase in the income before tax as a percent of sales was driven by a gain."
)


def test_a_direction_word_of_the_next_sentence_moves_no_figure() -> None:
    at = JNJ.index("10.5%")
    assert direction_near(JNJ, at, at + 5) == 0
    said = "Sales fell. Revenue was 10% of the total."
    assert direction_near(said, said.index("10%"), said.index("10%") + 3) == 0
    grew = "Revenue grew 10% in 2022."
    assert direction_near(grew, grew.index("10%"), grew.index("10%") + 3) == 1


def test_a_row_keeps_the_name_its_line_starts_with() -> None:
    q = next(q for q in figures(JNJ) if q.text == "0.5%")
    assert row_or_sentence(JNJ, q).startswith("Consumer Health segment sales")


def test_a_segments_decline_is_read_off_its_own_sentence() -> None:
    passage = filed(JNJ, "JOHNSON & JOHNSON")
    assert outcomes("[Johnson & Johnson] Consumer Health actually shrank half a percent.", passage) == [
        Outcome.MATCH
    ]


def test_an_initial_or_a_short_form_ends_no_sentence() -> None:
    for said, figure, sign in (
        ("Sales fell at J.P. Morgan Chase by 5%.", "5%", -1),
        ("Net sales declined in the U.S. Consumer segment 3%.", "3%", -1),
        ("Revenue dropped at Acme Inc. Europe by 4%", "4%", -1),
        ("was 19.6% versus 10.5% in 2021.\nThe increase in the income", "10.5%", 0),
    ):
        at = said.index(figure)
        assert direction_near(said, at, at + len(figure)) == sign, said


def test_a_heading_measure_is_no_name_taken_back() -> None:
    text = "Net Sales Operating income of the segment for the year ended 2022 was $1.2 billion, down 4%."
    q = next(q for q in figures(text) if q.text == "$1.2 billion")
    assert not row_or_sentence(text, q).startswith("Net Sales")


def test_a_percentage_in_brackets_is_negative() -> None:
    said = "a decrease of $91 million, or (3%), reflecting price/mix of about 1%, offset by volumes\n(4%)."
    at = said.index("4%")
    assert direction_near(said, at, at + 2) == -1
    assert Outcome.MISMATCH in outcomes(
        "[Amcor] Volumes were up three percent.", filed(said, "AMCOR PLC", 2023)
    )
