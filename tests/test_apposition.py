"""A phrase that points back ("the big one", "that one") is not resolved from earlier turns when an
apposition right after it says what it is: "three point one dropped and added the big one – the four oh
five" names the 405B there and then."""

from __future__ import annotations

from spacy.language import Language

from claimcheck.claims.triggers import find_trigger


def _trigger(nlp: Language, text: str) -> str | None:
    found = find_trigger(nlp(text)[:], [])
    return None if found is None else found.words


def test_an_apposition_that_names_the_thing_leaves_the_phrase_alone(nlp: Language) -> None:
    assert _trigger(nlp, "Then three point one dropped and added the big one – the four oh five.") is None
    assert _trigger(nlp, "And Meta shipped that one, the 405B, a week later.") is None
    assert _trigger(nlp, "Meta released the small one: Scout.") is None


def test_a_phrase_followed_by_what_it_does_still_points_back(nlp: Language) -> None:
    assert _trigger(nlp, "It's the big one, 405 billion parameters.") == "the big one"
    assert _trigger(nlp, "Meta trained the big one – for months.") == "the big one"
    assert _trigger(nlp, "And that one, the numbers are wild.") == "that one"
