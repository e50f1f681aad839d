"""Names in a talk's front matter as a newsroom writes them (issue 11; cases from a fresh probe talk): "The
Coca-Cola Company" is the "Coca-Cola" the hosts say; a model family released with no version ("Mistral 7B")
takes a bare size as "Mistral 7B", never "Mistral 7B 7B"; a mixture of experts' size ("Mixtral eight by
seven B") names no other model."""

from __future__ import annotations

import datetime as dt

from spacy.language import Language

from claimcheck.claims.entities import Entity, EntityKind, base_model, parse_model
from claimcheck.claims.lexicon import Lexicon
from claimcheck.models import TranscriptMeta
from tests.speech_helpers import claims_by_quote, make_talk


def test_a_legal_name_in_the_front_matter_is_the_name_said() -> None:
    meta = TranscriptMeta(
        date=dt.date(2024, 2, 28),
        title="The Cola Wars, 2023 Edition: Coca-Cola vs PepsiCo",
        extra={"entities": ["The Coca-Cola Company", "PepsiCo"]},
    )
    lexicon = Lexicon.from_meta(meta)
    assert lexicon.names["coca-cola"].name == "The Coca-Cola Company"
    assert [t.name for t in lexicon.topics] == ["The Coca-Cola Company", "PepsiCo"]


def _checkable(nlp: Language, quote: str, *lines: str, **meta: object) -> str:
    """The checkable text of the clause said as `quote` in a talk of `lines` with front matter `meta`."""
    return claims_by_quote(nlp, make_talk(*lines, **meta))[quote].text


def test_a_legal_name_makes_the_talk_s_claims_name_their_company(nlp: Language) -> None:
    said = "Unit case volume was up two percent."
    text = _checkable(
        nlp,
        said,
        "Okay, Coke. Net revenue was about forty six billion last year.",
        said,
        title="The Cola Wars: Coca-Cola in 2023",
        entities=["The Coca-Cola Company"],
    )
    assert "Coca-Cola" in text


def test_a_family_released_with_no_version_is_its_family() -> None:
    mistral = parse_model("Mistral 7B")
    assert mistral is not None and mistral.size == "7B"
    assert base_model(mistral) == Entity("Mistral", EntityKind.MODEL, "Mistral AI", "Mistral")
    llama = parse_model("Llama 3.1 405B Instruct")
    assert llama is not None and base_model(llama).name == "Llama 3.1"


def test_a_bare_size_of_a_versionless_family_is_named_once(nlp: Language) -> None:
    talk = make_talk(
        "Mistral 7B came out in September, Apache licensed.",
        "Right, and the 7B was trained on a lot of tokens, they never said how many.",
        "And then the MoE. Mixtral eight by seven B has forty six point seven billion parameters total.",
        title="Open weights: Mistral",
        entities=["Mistral 7B"],
    )
    said = claims_by_quote(nlp, talk)
    text = said["Right, and the 7B was trained on a lot of tokens, they never said how many."].text
    assert "[Mistral 7B]" in text and "7B 7B" not in text
    moe = said[
        "And then the MoE. Mixtral eight by seven B has forty six point seven billion parameters total."
    ]
    assert "seven B [" not in moe.text


def test_a_size_said_with_its_family_is_that_family_s(nlp: Language) -> None:
    talk = make_talk(
        "Gemma 7B scored about sixty on the reasoning test, so the 8B beats it easily. And Mistral 7B "
        "ships under Apache 2.0, which people forget.",
        title="Llama 3 against the small open models",
        entities=["Llama 3", "Gemma", "Mistral"],
    )
    said = {c.text for c in claims_by_quote(nlp, talk).values()}
    assert "Gemma 7B scored about sixty on the reasoning test" in said  # (not "Gemma 7B [Llama 3 7B]")
    assert "Mistral 7B ships under Apache 2.0, which people forget." in said


def test_a_sentence_that_ends_on_a_size_ends_there(nlp: Language) -> None:
    """ "… sixty on the 3B. Apple's on-device model …": spaCy kept the full stop on "3B." as an
    abbreviation's, and the next sentence became part of the same claim."""
    talk = make_talk(
        "And the file shrinks fifty four percent on the 1B, sixty on the 3B. Apple's on-device model is "
        "about three billion parameters too, by the way.",
        title="Llama 3.2 on phones",
        entities=["Llama 3.2"],
    )
    quotes = set(claims_by_quote(nlp, talk))
    assert "Apple's on-device model is about three billion parameters too, by the way." in quotes
    doc = nlp("It runs on the 70B. And the U.S. team built it on H100s. Then it shipped.")
    assert [s.text for s in doc.sents] == [
        "It runs on the 70B.",
        "And the U.S. team built it on H100s.",
        "Then it shipped.",
    ]


def test_a_short_name_that_is_an_ordinary_word_is_not_registered(nlp: Language) -> None:
    """A fresh-eyes review: "Southern California Edison had revenue of sixteen billion" was The Southern
    Company's once "The Southern Company" registered "Southern"; "Target" of "Target Corporation" stays."""
    meta = TranscriptMeta(
        date=dt.date(2024, 2, 28),
        title="Utilities and retail",
        extra={
            "entities": ["The Southern Company", "Block, Inc.", "Target Corporation", "The Coca-Cola Company"]
        },
    )
    names = Lexicon.from_meta(meta, nlp=nlp).names
    assert "southern" not in names and "block" not in names
    assert names["target"].name == "Target Corporation"
    assert names["coca-cola"].name == "The Coca-Cola Company"


def test_a_size_beaten_by_another_is_still_named(nlp: Language) -> None:
    said = "On GSM8K it's only beaten by 70B, which scored ninety five."
    text = _checkable(
        nlp, said, "Llama 3.1 8B is the small one.", said, title="Llama 3.1", entities=["Llama 3.1"]
    )
    assert "[Llama 3.1 70B]" in text
