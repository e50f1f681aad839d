"""Answers that say a figure and nothing it measures (issue 11): "Pfizer's about seventy nine thousand."
after "Pfizer's got like a hundred and fifty thousand employees" is a headcount; "Four and a half billion."
after "And bitcoin?" is bitcoin's revenue; a question about headcount names its measure; a measure named
alone takes the scale of the figure said next; "three twenty two and a half" is 322.5."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimcheck.quantities import figures
from tests.speech_helpers import claims_by_quote, make_talk


def test_bare_answer_takes_the_measure_named_before(nlp: Language) -> None:
    talk = make_talk(
        "And Pfizer's got like a hundred and fifty thousand employees.",
        "That's J&J, a hundred and fifty two seven.",
        "Pfizer's about seventy nine thousand.",
        entities=["Pfizer", "Johnson & Johnson"],
    )
    said = claims_by_quote(nlp, talk)
    assert "[employees]" in said["Pfizer's about seventy nine thousand."].text


def test_answer_with_its_own_subject_or_a_place_takes_no_measure(nlp: Language) -> None:
    """ "And Business was like thirty five billion" says whose figure it is; "Twenty six thousand here" is
    a part of the headcount said before, not the headcount."""
    talk = make_talk(
        "Net income went up too, to like twenty three billion.",
        "And Business was like thirty five billion.",
        "Amex has about seventy seven thousand employees, mostly in the US.",
        "Twenty six thousand here, so like a third.",
        entities=["Verizon"],
    )
    said = claims_by_quote(nlp, talk)
    assert "net income" not in said["And Business was like thirty five billion."].text
    assert "employees" not in said["Twenty six thousand here, so like a third."].text


def test_question_about_a_thing_makes_the_answer_its_measure(nlp: Language) -> None:
    talk = make_talk(
        "Total net revenue was nine and a half billion, up a hundred and one percent.",
        "And bitcoin?",
        "Four and a half billion.",
        "Up almost eight hundred percent.",
        entities=["Square"],
    )
    said = claims_by_quote(nlp, talk)
    assert "[bitcoin's net revenue]" in said["Four and a half billion."].text
    assert "[bitcoin's net revenue]" in said["Up almost eight hundred percent."].text


def test_question_of_one_company_makes_it_the_answers_subject(nlp: Language) -> None:
    talk = make_talk(
        "Pfizer's revenue was eighty one billion last year.",
        "And Johnson & Johnson?",
        "Ninety four point nine billion.",
        entities=["Pfizer", "Johnson & Johnson"],
    )
    said = claims_by_quote(nlp, talk)
    assert (
        said["Ninety four point nine billion."].text
        == "[Johnson & Johnson's revenue] Ninety four point nine billion."
    )


def test_headcount_question_names_the_measure(nlp: Language) -> None:
    talk = make_talk(
        "J&J's pharma sales were fifty two point six billion.",
        "How many people work there now, roughly?",
        "About a hundred and fifty two thousand, up like eleven thousand on the year.",
        entities=["Johnson & Johnson"],
    )
    said = claims_by_quote(nlp, talk)
    assert (
        "employees"
        in said["About a hundred and fifty two thousand, up like eleven thousand on the year."].text
    )


def test_measure_named_alone_takes_the_scale_said_next(nlp: Language) -> None:
    talk = make_talk(
        "Net income, real quick.",
        "Pfizer made twenty two billion in twenty one.",
        "Seventeen point nine for J&J.",
        entities=["Pfizer", "Johnson & Johnson"],
    )
    said = claims_by_quote(nlp, talk)
    text = said["Seventeen point nine for J&J."].text
    assert "net income" in text
    assert "[billion]" in text


def test_a_half_after_a_number_said_short() -> None:
    assert [q.value for q in figures("Three twenty two and a half, up about ten percent.")] == [322.5, 10.0]
    assert [q.value for q in figures("two fifty and a half million users")] == [250.5e6]
    # (a half said after a full number is read as before)
    assert [q.value for q in figures("one and a half billion")] == [1.5e9]


@pytest.mark.parametrize(
    ("texts", "quote", "not_said"),
    [
        # a question about another measure ends the carry
        (
            [
                "Verizon's revenue was a hundred and thirty seven billion in twenty twenty two.",
                "What was EBITDA, roughly?",
                "Roughly forty seven billion or so.",
            ],
            "Roughly forty seven billion or so.",
            "revenue",
        ),
        # "how many people did they hire" asks no headcount
        (
            [
                "Amex revenue was fifty two billion last year.",
                "How many people did they hire in twenty twenty two?",
                "Roughly twelve thousand or so.",
            ],
            "Roughly twelve thousand or so.",
            "employees",
        ),
        # a shorthand in capitals may be a measure: no bare answer
        (
            [
                "Pfizer's revenue was eighty one billion last year.",
                "Nearly fourteen billion in R&D, honestly.",
            ],
            "Nearly fourteen billion in R&D, honestly.",
            "revenue",
        ),
        # "operating" says how a measure is read, not what it is of
        (
            [
                "Verizon's revenue was a hundred and thirty seven billion.",
                "And operating?",
                "Twenty eight point seven billion, roughly speaking.",
            ],
            "Twenty eight point seven billion, roughly speaking.",
            "operating's",
        ),
        # a company the talk does not name
        (
            [
                "Pfizer's revenue was eighty one billion last year.",
                "And Moderna?",
                "Eighteen and a half billion.",
            ],
            "Eighteen and a half billion.",
            "revenue",
        ),
        # a scale is carried to a money measure only
        (
            [
                "Headcount, real quick.",
                "Pfizer's a two hundred billion dollar company.",
                "Roughly seventy nine or so for Pfizer.",
            ],
            "Roughly seventy nine or so for Pfizer.",
            "billion",
        ),
    ],
)
def test_what_ends_or_bars_the_carry(nlp: Language, texts: list[str], quote: str, not_said: str) -> None:
    talk = make_talk(*texts, entities=["Pfizer", "Verizon", "American Express"])
    assert not_said not in claims_by_quote(nlp, talk)[quote].text


def test_a_question_that_says_more_than_a_name_shifts_no_subject(nlp: Language) -> None:
    talk = make_talk(
        "Pfizer's net income was twenty two billion.",
        "And J&J was their big rival in vaccines?",
        "Sure, but they still cleared twenty two billion in net income.",
        entities=["Pfizer", "Johnson & Johnson"],
    )
    text = claims_by_quote(nlp, talk)["Sure, but they still cleared twenty two billion in net income."].text
    assert "Johnson & Johnson" not in text


def test_a_half_of_something_is_no_half_of_a_number() -> None:
    assert 450.5 not in [q.value for q in figures("It's like four fifty and a half of that is fees.")]


def test_headcount_said_with_no_measure_word_carries(nlp: Language) -> None:
    from tests.test_two_company_talk import _claims

    claims = _claims(
        nlp,
        "And PepsiCo, their net income was about eight point nine billion.",
        "They employ about three hundred fifteen thousand people.",
        "Amex has seventy seven thousand, so, like a quarter of that.",
    )
    assert "[employees]" in claims[-1][0] and "net income" not in claims[-1][0]


def test_people_served_carry_no_headcount(nlp: Language) -> None:
    from tests.test_two_company_talk import _claims

    claims = _claims(
        nlp,
        "And PepsiCo, their net income was about eight point nine billion.",
        "They employ AI agents to serve about two hundred million people.",
        "Amex has seventy seven thousand, so, like a quarter of that.",
    )
    assert "[employees]" not in claims[-1][0]
