"""Thirty-fourth session: "it says", "they say" in a talk reading a document. The pronoun is the document (or
its authors), not what the clause is about: "…for the whole Llama 3 pretraining, and they say a hundred
percent offset" is about Llama 3 and needs no context; "Seventy three percent full-time, it says" is about the
company whose report the talk reads."""

from __future__ import annotations

from spacy.language import Language

from tests.speech_helpers import claims_by_quote, make_talk


def test_they_say_beside_a_named_model_needs_no_context(nlp: Language) -> None:
    talk = make_talk(
        "So the Llama 3 card is out, and the carbon section is in there.",
        "Twenty two ninety tons CO2 equivalent for the whole Llama 3 pretraining, and they say a hundred "
        "percent offset.",
        title="Llama 3 launch week",
        entities=["Meta", "Llama 3"],
    )
    claim = next(c for q, c in claims_by_quote(nlp, talk).items() if "Twenty two ninety" in q)
    assert not claim.needs_context
    assert claim.subject is not None and claim.subject.name == "Llama 3"


def test_it_says_leans_on_the_talk_like_a_clause_that_names_nothing(nlp: Language) -> None:
    talk = make_talk(
        "Okay, Pfizer's 2021 annual report, the people section.",
        "Pfizer had like seventy nine thousand employees at the end of the year.",
        "Seventy three percent full-time, it says.",
        title="Pfizer's 2021",
        entities=["Pfizer"],
        summary="Ana and Ben go through Pfizer's 2021 annual report.",
    )
    claim = next(c for q, c in claims_by_quote(nlp, talk, frozenset({"pfizer"})).items() if "it says" in q)
    assert not claim.needs_context
    assert claim.text.startswith("[Pfizer]"), claim.text


def test_they_as_the_actor_still_needs_its_antecedent(nlp: Language) -> None:
    # "they announced" is what they did, not what a document says: resolved from the talk as before
    talk = make_talk(
        "Verizon had a rough year on the stock.",
        "And they announced a three percent dividend raise in September.",
        title="Verizon's 2022",
        entities=["Verizon"],
    )
    claim = next(c for q, c in claims_by_quote(nlp, talk, frozenset({"verizon"})).items() if "announced" in q)
    assert claim.text.startswith("[Verizon]") or "[Verizon]" in claim.text, claim.text
