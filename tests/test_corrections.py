"""A figure said back across turns (issue #11): "It was pretrained on about fifty trillion tokens." —
"Fifteen. Fifteen, not fifty." The answer is checked as the clause it corrects, with its figure."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimcheck.claims import extract_claims
from claimcheck.claims.corrections import (
    FigureClause,
    answer_number,
    corrected_text,
    could_be_year,
    last_figure,
)
from claimcheck.models import Format, Transcript
from tests.factories import SETTINGS, make_transcript, make_utterance


@pytest.mark.parametrize(
    ("answer", "number"),
    [
        ("Fifteen.", "Fifteen"),
        ("Fifteen, not fifty.", "Fifteen"),
        ("Thirty two point six.", "Thirty two point six"),
        ("Eight point something, I think.", "Eight"),
        ("More like twenty two percent.", "twenty two"),
        ("Yeah, 1.7, I'm pretty sure.", "1.7"),
        # more than a number: not a bare answer
        ("Fifteen people showed up.", None),
        ("It was August.", None),
        ("Operational's ninety two.", None),
    ],
)
def test_a_bare_answer_is_a_number_with_hedges_and_fillers(answer: str, number: str | None) -> None:
    assert answer_number(answer) == number


@pytest.mark.parametrize(
    ("before", "answer", "after"),
    [
        (
            "[Llama 3.1] was pretrained on about fifty trillion tokens.",
            "Fifteen, not fifty.",
            "[Llama 3.1] was pretrained on about fifteen trillion tokens.",
        ),
        (
            "[Pfizer] Operating cash flow was fifty billion.",
            "Thirty two point six.",
            "[Pfizer] Operating cash flow was thirty two point six billion.",
        ),
        (
            "[Corning] Display sales were up like fifteen percent.",
            "More like twenty two percent.",
            "[Corning] Display sales were up like twenty two percent.",
        ),
        ("Capex was $28 billion.", "Thirty.", "Capex was $thirty billion."),
    ],
)
def test_the_answer_takes_the_place_of_the_figure_it_corrects(before: str, answer: str, after: str) -> None:
    figure = last_figure(before)
    assert figure is not None
    clause = FigureClause(speaker="A", utterance_index=0, text=before, figure=figure, subject={})
    assert corrected_text(answer, clause) == after


def test_a_number_that_could_be_a_short_year_is_flagged() -> None:
    assert could_be_year("Twenty one, I'm pretty sure.")
    assert not could_be_year("Thirty two point six.")
    assert not could_be_year("More like twenty two percent.")


def _talk(*turns: tuple[str, str]) -> Transcript:
    transcript = make_transcript(fmt=Format.TIMECODED)
    utterances = [make_utterance(text, index=i, speaker=who) for i, (who, text) in enumerate(turns)]
    return transcript.model_copy(update={"utterances": utterances})


def _said(nlp: Language, transcript: Transcript) -> dict[str, str]:
    return {c.quote: c.text for c in extract_claims(transcript, nlp, SETTINGS) if c.is_claim}


def test_an_answer_in_the_next_turn_is_the_claim_it_corrects(nlp: Language) -> None:
    said = _said(
        nlp,
        _talk(
            ("Dana", "Pfizer had a huge year. Pfizer's operating cash flow was fifty billion."),
            ("Sam", "Thirty two point six. You're rounding up a lot."),
        ),
    )
    assert said["Thirty two point six."] == "Pfizer's operating cash flow was thirty two point six billion."


def test_an_answer_is_not_read_against_its_own_speaker_or_an_older_turn(nlp: Language) -> None:
    own = _said(
        nlp, _talk(("Dana", "Operating cash flow at Pfizer was fifty billion. Thirty two point six."))
    )
    assert "Thirty two point six." not in own
    older = _said(
        nlp,
        _talk(
            ("Dana", "Operating cash flow at Pfizer was fifty billion."),
            ("Sam", "Let's look at the vaccine."),
            ("Dana", "Thirty two point six."),
        ),
    )
    assert "Thirty two point six." not in older


def test_an_answer_that_could_be_a_year_is_not_guessed(nlp: Language) -> None:
    said = _said(
        nlp,
        _talk(
            (
                "Dana",
                "The Kenvue split was announced in November twenty two. The IPO raised like four billion.",
            ),
            ("Sam", "Twenty one, I'm pretty sure."),
        ),
    )
    assert "Twenty one, I'm pretty sure." not in said


def test_an_answer_with_its_unit_corrects_the_last_figure_of_that_kind(nlp: Language) -> None:
    said = _said(
        nlp,
        _talk(
            ("Marcus", "Adobe's Creative Cloud revenue was ten and a half billion, up twenty one percent."),
            ("Tomas", "Ten percent."),
        ),
    )
    want = "Adobe's Creative Cloud revenue was ten and a half billion, up ten percent."
    assert said["Ten percent."] == want


@pytest.mark.parametrize(
    ("before", "answer", "after"),
    [
        # whom it answers, by name
        (
            "Blizzard's revenue at Activision was down like forty percent.",
            "Twenty five percent, Joel.",
            "Blizzard's revenue at Activision was down like twenty five percent.",
        ),
        # a word of the clause it corrects, which also picks that clause
        (
            "Digital is like ninety percent of Activision's revenue now. And Activision had four hundred"
            " and nine million monthly actives in Q4.",
            "Seventy six percent, digital.",
            "Digital is like seventy six percent of Activision's revenue now.",
        ),
        (
            "And Square bought a hundred and seventy million of bitcoin for itself in October.",
            "Fifty in October.",
            "Square bought fifty million of bitcoin for itself in October.",
        ),
        # pointing at the page
        (
            "Adobe's Document Cloud grew like forty percent.",
            "Twenty one, it says twenty one.",
            "Adobe's Document Cloud grew like twenty one percent.",
        ),
        # the words it names pick the figure said of them, not the last one
        (
            "Engineering is about sixty people and sales is about twenty.",
            "Eighty, engineering.",
            "Engineering is about eighty people and sales is about twenty.",
        ),
        (
            "They have about two hundred stores in Texas and a hundred in Ohio.",
            "Three hundred in Texas.",
            "They have about three hundred stores in Texas and a hundred in Ohio.",
        ),
        # a number of the figure's order is the whole figure; the same number at another scale, its scale
        (
            "And Activision had like twelve thousand employees.",
            "Ninety two hundred, I think.",
            "Activision had like ninety two hundred employees.",
        ),
        (
            "They trained it on like six million image text pairs.",
            "Billion, six billion pairs.",
            "They trained it on like six billion image text pairs.",
        ),
        # a bare answer keeps the scale it corrects; a scale said keeps what the figure counts
        (
            "Apple's buyback was ninety billion.",
            "A hundred and ten.",
            "Apple's buyback was a hundred and ten billion.",
        ),
        (
            "The model has seventy billion parameters and an eight thousand token context window.",
            "Four hundred and five billion.",
            "The model has four hundred and five billion parameters and an eight thousand token context"
            " window.",
        ),
    ],
)
def test_an_answer_may_name_whom_it_answers_or_what_it_corrects(
    nlp: Language, before: str, answer: str, after: str
) -> None:
    said = _said(nlp, _talk(("Joel", before), ("Nadia", answer)))
    assert said[answer] == after


@pytest.mark.parametrize(
    ("before", "answer"),
    [
        # a word the turn before never says: more than an answer
        ("Digital is like ninety percent of Activision's revenue now.", "Seventy six percent, Netflix."),
        # words of the turn before with its number, in order: a pick, not a correction
        ("Wait, was Llama 2 three point three million GPU hours for all three sizes?", "All three."),
        # what its number counts is not what any figure of the turn before counts
        ("In two years we'll have fifty million in revenue.", "Three years, maybe."),
        ("Two years ago in October we raised fifty million.", "Ten years ago, in October."),
        ("The model got like ninety percent on the benchmark after three epochs.", "Five epochs."),
        # a time of day
        (
            "The keynote's at ten in the morning and about five thousand people registered.",
            "Nine in the morning.",
        ),
        ("We kick off at ten, and there's about forty people on the call.", "Nine thirty, Joel."),
        # a question, a suggestion
        ("The seed round was twenty million.", "Was that fifty?"),
        ("The seed round was twenty million.", "That's fifty?"),
        ("We need about a hundred customers to break even.", "Say fifty."),
        # the turn before asked: its figure was never said
        ("Is it twenty dollars per seat, or per month?", "Twenty per seat."),
        ("How many customers do you have, like a hundred?", "Two hundred."),
        # a figure of another order
        ("We've got like two hundred thousand employees.", "Thirty billion."),
    ],
)
def test_what_is_not_an_answer_correcting_a_figure(nlp: Language, before: str, answer: str) -> None:
    said = _said(nlp, _talk(("Joel", before), ("Nadia", answer)))
    assert answer not in said


def test_a_speaker_named_like_a_month_is_only_whom_an_answer_is_said_to(nlp: Language) -> None:
    said = _said(nlp, _talk(("Bill", "We billed about forty thousand in April."), ("May", "Fifty in May.")))
    assert "Fifty in May." not in said
