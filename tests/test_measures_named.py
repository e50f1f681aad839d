"""Measures a talk names that a later clause leans on (issue 11): "And debt went up, to like seventeen and a
half billion." — "It went down, fifteen nine." is the debt, in billions; "Total GPV … was north of a hundred
and twelve billion" — "And of that, a hundred and three point seven billion was sellers" is GPV, not the
adjusted EBITDA named in the sentence before; a dividend, buybacks, EBIT and R&D are measures too."""

from __future__ import annotations

from spacy.language import Language

from claimcheck.quantities import figures
from tests.speech_helpers import claims_by_quote, make_talk


def test_it_after_debt_is_the_debt_in_its_scale(nlp: Language) -> None:
    talk = make_talk(
        "And debt went up, to like seventeen and a half billion.",
        "It went down, fifteen nine.",
        entities=["3M"],
    )
    text = claims_by_quote(nlp, talk)["It went down, fifteen nine."].text
    assert "debt]" in text
    assert [q.value for q in figures(text)] == [15.9e9]


def test_the_last_measure_named_is_gpv_not_the_one_before(nlp: Language) -> None:
    talk = make_talk(
        "I've got the key metrics table up, GPV in the top row, then adjusted EBITDA. Total GPV in twenty "
        "twenty was north of a hundred and twelve billion.",
        "And of that, a hundred and three point seven billion was sellers.",
        entities=["Square"],
    )
    text = claims_by_quote(nlp, talk)[
        "And of that, a hundred and three point seven billion was sellers."
    ].text
    assert "GPV" in text and "EBITDA" not in text


def test_a_dividend_is_a_measure(nlp: Language) -> None:
    talk = make_talk(
        "J&J's dividend was four fifty four a share.",
        "Pfizer's was a buck fifty seven for twenty one.",
        entities=["Pfizer", "Johnson & Johnson"],
    )
    assert "dividend" in claims_by_quote(nlp, talk)["Pfizer's was a buck fifty seven for twenty one."].text
