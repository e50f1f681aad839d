"""Thirty-sixth session: a company anyone knows, or the corpus has documents of, is a company mention even
where spaCy reads it as a people or a place ("Verizon still raised the dividend": NORP to it) or as no
entity at all ("Corning still grew 5 percent"), so a bare claim about it keeps its subject and is never
checked against another company's filing."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimcheck.claims.entities import EntityKind
from claimcheck.claims.lexicon import Lexicon
from claimcheck.claims.mentions import mentions
from tests.speech_helpers import claims_by_quote, make_talk

CORPUS = Lexicon(corpus_companies=frozenset({"verizon communications", "corning", "american express"}))


@pytest.mark.parametrize(
    ("text", "company"),
    [
        ("Verizon still raised the dividend like five percent.", "Verizon"),
        ("Corning still grew 5 percent.", "Corning"),
    ],
)
def test_a_known_company_spacy_misreads_is_a_company(nlp: Language, text: str, company: str) -> None:
    found = mentions(nlp(text)[:], CORPUS)
    assert [(m.entity.name, m.entity.kind) for m in found] == [(company, EntityKind.COMPANY)]
    assert found[0].subject


@pytest.mark.parametrize(
    "text",
    ["Sales in Japan grew 5 percent.", "The American market grew 5 percent.", "Europe was flat."],
)
def test_a_people_or_a_place_is_still_no_company(nlp: Language, text: str) -> None:
    assert mentions(nlp(text)[:], CORPUS) == []


@pytest.mark.parametrize(
    ("text", "name", "company"),
    [
        (
            "Verizon Consumer was minus six hundred and fifty five thousand postpaid phones.",
            "Verizon Consumer",
            "Verizon",
        ),
        (
            "The average American Express Card Member spent like twenty three thousand dollars.",
            "American Express Card",
            "American Express",
        ),
    ],
)
def test_an_organisation_named_by_a_known_company_and_more_is_its_part(
    nlp: Language, text: str, name: str, company: str
) -> None:
    found = [m for m in mentions(nlp(text)[:], CORPUS) if m.entity.name == name]
    assert found, [m.entity for m in mentions(nlp(text)[:], CORPUS)]
    assert found[0].entity.kind == EntityKind.SEGMENT
    assert found[0].entity.company == company


def test_a_company_whose_name_begins_with_another_is_still_a_company(nlp: Language) -> None:
    lexicon = Lexicon(corpus_companies=frozenset({"american express", "american airlines"}))
    found = mentions(nlp("American Airlines flew 200 million passengers.")[:], lexicon)
    assert [(m.entity.name, m.entity.kind) for m in found] == [("American Airlines", EntityKind.COMPANY)]


@pytest.mark.parametrize(
    "text",
    ["Sales in the Amazon region grew 5 percent.", "The Amazon basin lost 5 percent of its forest."],
)
def test_a_company_word_that_is_no_clause_subject_is_left_to_spacy(nlp: Language, text: str) -> None:
    lexicon = Lexicon(corpus_companies=frozenset({"amazon", "corning"}))
    assert all(m.entity.kind != EntityKind.COMPANY or m.subject for m in mentions(nlp(text)[:], lexicon))


def test_a_part_named_by_its_company_gets_no_company_put_in_front(nlp: Language) -> None:
    """ "Verizon Consumer was minus …" names its company already: no "[Verizon]" in front of it."""
    talk = make_talk(
        "Verizon Consumer was minus six hundred and fifty five thousand postpaid phones last year.",
        title="Telecom talk",
        entities=[],
    )
    claim = next(c for q, c in claims_by_quote(nlp, talk).items() if "postpaid" in q)
    assert not claim.text.startswith("["), claim.text
