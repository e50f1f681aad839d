"""A turn of one sentence that opens with "By" is a byline only when a name follows ("By Jane Doe"): "By my
math, …", "By the end of 2025 …" and "By then …", said on a line of their own, are what a speaker says. A
front matter's entity "Block (Square)" names two companies."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimcheck.claims.lexicon import _front_matter_names
from claimcheck.companies import entity_names
from claimcheck.models import Format, NonClaim
from tests.factories import make_transcript
from tests.speech_helpers import claims_by_quote, make_talk, non_claim_of


@pytest.mark.parametrize(
    "text",
    [
        "By my math, they lost five billion dollars on Reality Labs last year.",
        "By the end of twenty twenty two they had about seventy seven thousand employees.",
        "By then Verizon had already spent forty five billion on C-Band.",
        "By our count, 3M had twenty six more earplug lawsuits in January.",
        "By Verizon's own count, they added about nine hundred thousand postpaid phones.",
    ],
)
def test_a_spoken_by_phrase_is_no_byline(nlp: Language, text: str) -> None:
    assert non_claim_of(nlp, text) is None


@pytest.mark.parametrize("line", ["By Jane Doe", "By JANE DOE, Reuters", "Written by Sam Okafor"])
def test_a_byline_names_its_writer(nlp: Language, line: str) -> None:
    transcript = make_transcript(
        "Breaking Down Meta's AI Plan",
        line,
        "Meta spent 39 billion dollars on capital expenditure in 2024.",
        fmt=Format.PROSE,
    )
    said = claims_by_quote(nlp, transcript)
    assert said[line].non_claim == NonClaim.BYLINE


def test_a_front_matter_entity_with_another_name_in_parentheses_names_both(nlp: Language) -> None:
    # "Block (Square)" reads as Block and Square: a bare measure rests on Square, a company
    texts = (
        "So Square had a big year.",
        "Net income was two hundred thirteen million in twenty twenty.",
    )
    talk = make_talk(*texts, entities=["Block (Square)"], title="Square's 2020")
    said = claims_by_quote(nlp, talk, frozenset({"square"}))
    bare = said[texts[1]]
    assert bare.text.startswith("[Square]")
    assert bare.subject is not None and bare.subject.company == "Square"


def test_a_model_with_a_variant_in_parentheses_stays_one_name() -> None:
    assert _front_matter_names("Llama 3.2 (Vision)") == ["Llama 3.2 (Vision)"]
    assert _front_matter_names("Meta (Facebook)") == ["Meta", "Facebook"]
    assert entity_names("Acme (NYSE: ACM)") == ["Acme (NYSE: ACM)"]
