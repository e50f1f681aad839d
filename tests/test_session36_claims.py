"""Thirty-sixth session: "both" said alone, as a pronoun ("Pre-training for both was …", "Both are 128k"),
stands for the two models just said, as "both of them" does; "both" that counts what follows ("both models",
"both Scout and Maverick") is no pronoun."""

from __future__ import annotations

from spacy.language import Language

from tests.speech_helpers import model_talk_claim as _claim

_SCOUT_AND_MAVERICK = (
    "Scout fits on a single H100 if you quantize it to int4.",
    "And Maverick fits on one H100 host too.",
)


def test_for_both_is_the_two_models_just_said(nlp: Language) -> None:
    text, needs = _claim(
        nlp,
        "Pre-training for both",
        *_SCOUT_AND_MAVERICK,
        "Pre-training for both was about seven point four million GPU hours.",
        entities=["Meta", "Llama 4 Scout", "Llama 4 Maverick"],
    )
    assert not needs
    pair = text[text.index("[") + 1 : text.index("]")]
    assert set(pair.split(" and ")) == {"Llama 4 Scout", "Llama 4 Maverick"}, text
    assert text.startswith("Pre-training for ["), text


def test_both_as_the_subject_is_the_two_models_just_said(nlp: Language) -> None:
    text, needs = _claim(
        nlp,
        "are multilingual",
        *_SCOUT_AND_MAVERICK,
        "Both are multilingual, twelve languages.",
        entities=["Meta", "Llama 4 Scout", "Llama 4 Maverick"],
    )
    assert not needs
    assert text.startswith("[Llama 4 "), text
    assert " and Llama 4 " in text[: text.index("]")], text


def test_both_before_what_it_counts_is_no_pronoun(nlp: Language) -> None:
    text, _needs = _claim(
        nlp,
        "both models",
        *_SCOUT_AND_MAVERICK,
        "Meta trained both models on about forty trillion tokens.",
        entities=["Meta", "Llama 4 Scout", "Llama 4 Maverick"],
    )
    assert "both models" in text, text
    assert "[Llama 4 Scout and" not in text and "[Llama 4 Maverick and" not in text, text


def test_both_with_its_two_named_after_it_is_no_pronoun(nlp: Language) -> None:
    text, _needs = _claim(
        nlp,
        "are multilingual",
        *_SCOUT_AND_MAVERICK,
        "Both, Scout and Maverick, are multilingual.",
        entities=["Meta", "Llama 4 Scout", "Llama 4 Maverick"],
    )
    assert " and Llama 4 " not in text, text


def test_a_bit_of_both_is_no_pronoun(nlp: Language) -> None:
    text, _needs = _claim(
        nlp,
        "a mix of both",
        *_SCOUT_AND_MAVERICK,
        "It's a mix of both, with forty percent from ads.",
        entities=["Meta", "Llama 4 Scout", "Llama 4 Maverick"],
    )
    assert "a mix of both" in text, text
    assert " and Llama 4 " not in text, text
