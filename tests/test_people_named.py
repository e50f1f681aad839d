"""A person the front matter lists is written out in full when the talk calls them by the last name alone
("Vestberg got paid …" -> "Vestberg [Hans Vestberg] got paid …"; twentieth session), as a spoken model name
is; an ordinary word for a last name is no alias, and without the front matter nothing is added."""

from __future__ import annotations

from spacy.language import Language

from tests.speech_helpers import claims_by_quote, make_talk


def _texts(nlp: Language, text: str, entities: list[str]) -> list[str]:
    talk = make_talk(
        text,
        title="Verizon's 2022",
        summary="The hosts read Verizon's 2022 annual report.",
        entities=entities,
    )
    return [c.text for c in claims_by_quote(nlp, talk).values()]


def test_a_listed_person_s_last_name_is_written_out(nlp: Language) -> None:
    texts = _texts(
        nlp, "Vestberg got paid something like twenty million last year.", ["Verizon", "Hans Vestberg"]
    )
    assert texts[0].startswith("Vestberg [Hans Vestberg] got paid")


def test_an_unlisted_person_is_left_as_said(nlp: Language) -> None:
    texts = _texts(nlp, "Vestberg got paid something like twenty million last year.", ["Verizon"])
    assert "[Hans Vestberg]" not in texts[0]


def test_the_full_name_said_gets_nothing_more(nlp: Language) -> None:
    texts = _texts(
        nlp, "Hans Vestberg got paid about twenty million last year.", ["Verizon", "Hans Vestberg"]
    )
    assert texts[0].startswith("Hans Vestberg got paid")
