"""Twenty-fifth session: a judgement with a clause about no one in particular ("the best run retailer nobody
talks about") and a settlement judged ("they got off cheap") are opinions, not claims to draft; a disease
spaCy reads as a name ("the COVID lab stuff") is nobody's subject; a segment named by a plural ("Flexibles",
"Life Sciences") is a thing, not a person, and so its company goes in front of it."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimcheck.claims import extract_claims, is_pure_opinion
from claimcheck.claims.aliases import CorpusOwners
from claimcheck.claims.kinds import is_anecdote
from claimcheck.claims.lexicon import made_of, plain_words, plural_of_plain
from tests.factories import SETTINGS
from tests.speech_helpers import make_talk, texts_saying


@pytest.mark.parametrize(
    ("text", "opinion"),
    [
        # (from the labelled talks 47_… and 15_…, dev)
        ("I think Best Buy is the best run retailer nobody talks about.", True),
        ("Honestly, I think they got off cheap on Minnesota.", True),
        ("I think Pfizer is the most hated company and everybody knows it.", True),
        ("I think Boeing got off lightly with the FAA.", True),
        # a figure, a comparison or a deed keeps the claim (cases from a review of the rule)
        ("I think Nvidia is the best chip maker and everyone buys forty thousand of them.", False),
        ("I think Apple is great and nobody sells more smartphones in America.", False),
        ("I think Visa is great and everybody uses them for debit.", False),
        ("I think Intel is a mess and nobody uses their foundry except Intel itself.", False),
        ("They got off easy, they paid 2.5 billion.", False),
        ("I think J&J got off cheap, the talc settlement was like nine billion.", False),
        ("Best Buy sold off cheap TVs to clear inventory last quarter.", False),
        ("Same store sales grew off easy compares in the second quarter.", False),
    ],
)
def test_judgements_about_no_one_in_particular(nlp: Language, text: str, opinion: bool) -> None:
    assert is_pure_opinion(nlp(text)[:]) is opinion


def test_a_one_word_plural_of_an_ordinary_word_is_ordinary(nlp: Language) -> None:
    plain = plain_words(nlp)
    assert plural_of_plain("Flexibles", plain)
    assert plural_of_plain("Wearables", plain)
    assert not plural_of_plain("Bourla", plain)
    # (a person's whole name stays a person's, whatever its surname: "Sarah Friars", "Steve Jobs")
    assert not plural_of_plain("Sarah Friars", plain)
    assert not made_of("Sarah Friars", plain)
    assert not made_of("Steve Jobs", plain)


def test_a_disease_spacy_names_does_not_hide_the_segment_s_company(nlp: Language) -> None:
    # (from 46_3m_corning_…, dev) "COVID" read as a person kept "Life Sciences" from being Corning's
    owners = CorpusOwners.from_texts(
        [("CORNING INCORPORATED", "Life Sciences segment. Life Sciences sales. Life Sciences.")],
        min_mentions=3,
    )
    talk = make_talk(
        "Corning did like fourteen billion in sales.",
        "And Life Sciences actually grew double digits on all the COVID lab stuff.",
        title="3M and Corning in 2022",
        summary="The hosts read 3M's and Corning's 2022 annual reports.",
        entities=["3M", "Corning", "Life Sciences"],
    )
    texts = texts_saying(nlp, talk, {"corning", "3m"}, owners, "Life Sciences")
    assert texts == ["[Corning] Life Sciences actually grew double digits on all the COVID lab stuff."], texts


def test_a_segment_named_by_a_plural_is_put_under_its_company(nlp: Language) -> None:
    # (from 31_activision_amcor_…, dev) spaCy reads "Flexibles" as a person's name
    owners = CorpusOwners.from_texts(
        [("AMCOR PLC", "Flexibles segment. Flexibles sales. Flexibles.")], min_mentions=3
    )
    talk = make_talk(
        "Activision did six point five billion in revenue.",
        "Amcor did fourteen point seven billion in net sales.",
        "And Flexibles, the big segment, did a thirteen point six percent EBIT margin.",
        title="Activision Blizzard and Amcor",
        summary="The hosts read Activision Blizzard's 2019 and Amcor's 2023 annual reports.",
        entities=["Activision Blizzard", "Amcor"],
    )
    texts = texts_saying(nlp, talk, {"amcor", "activision blizzard"}, owners, "EBIT")
    assert texts and all(t.startswith("[Amcor] Flexibles") for t in texts), texts


def _claimed(nlp: Language, text: str) -> list[str]:
    found = extract_claims(make_talk(text), nlp, SETTINGS, include_all=True)
    return [c.quote for c in found if c.is_claim]


@pytest.mark.parametrize(
    "text",
    [
        # (from the labelled talks 47_… and 54_…, dev)
        "I worked the floor at a Best Buy back in twenty sixteen, the Geek Squad counter, and we'd sell like "
        "a hundred protection plans on a Saturday.",
        "I got my booster at a CVS in twenty twenty two, and I waited like forty minutes.",
        "I worked at a Costco in twenty eighteen, and I sold like forty memberships a day.",
    ],
)
def test_the_speaker_s_story_goes_on_figure_or_not(nlp: Language, text: str) -> None:
    assert _claimed(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        # a company's "we" after the speaker's own start, someone else's deed, a company's sums and what the
        # speaker heard stay claims (cases from a review of the rule)
        ("I worked at Google in twenty ten, and we built the first TPU in twenty fifteen.", "we built"),
        ("I worked at a Costco in twenty eighteen, and I heard Nvidia did twenty six billion.", "Nvidia"),
        ("I worked at Microsoft in twenty ten, and we'd sell like ten million consoles a year.", "consoles"),
        ("I worked at Amazon in twenty twelve, and we'd grow revenue like forty percent a year.", "revenue"),
        (
            "I flew Alaska to Seattle in twenty nineteen, and the airline carried forty million people.",
            "airline",
        ),
    ],
)
def test_a_company_s_deed_after_the_speaker_s_story_is_a_claim(nlp: Language, text: str, claim: str) -> None:
    assert any(claim in q for q in _claimed(nlp, text)), _claimed(nlp, text)


def test_us_in_capitals_is_a_region_of_the_company(nlp: Language) -> None:
    # (from 43_… and 39_…, dev) "US" was read as the pronoun "us", a subject that is nobody in particular
    talk = make_talk(
        "Pfizer did eighty one billion in revenue.",
        "US was forty eight point six billion, so just over half.",
        title="Pfizer in 2021",
        summary="The hosts read Pfizer's 2021 annual report.",
        entities=["Pfizer"],
    )
    found = extract_claims(talk, nlp, SETTINGS, include_all=True)
    texts = [c.text for c in found if "forty eight" in c.quote]
    assert texts == ["[Pfizer] US was forty eight point six billion, so just over half."], texts
    # (the pronoun stays nobody's: "Let us say ..." is no company's)
    talk = make_talk("Pfizer did eighty one billion.", "For us it was a big year.", entities=["Pfizer"])
    assert not any(
        c.text.startswith("[Pfizer]")
        for c in extract_claims(talk, nlp, SETTINGS, include_all=True)
        if "us it" in c.quote
    )


@pytest.mark.parametrize(
    ("text", "anecdote"),
    [
        # (from 44_llama4_vs_llama33_…, dev) what the speaker ran on their own machine
        (
            "I got three point three seventy B running on my M3 Max at four bit, like five tokens a second.",
            True,
        ),
        ("I ran the 8B on my laptop at forty tokens a second.", True),
        # someone else's figure, or money, stays a claim
        ("I ran the numbers on my spreadsheet and Llama 3 saw fifteen trillion tokens.", False),
        ("I read on my phone that Llama 3 saw fifteen trillion tokens.", False),
        ("Meta trained the 405B on fifteen trillion tokens on their own cluster.", False),
        ("I put twenty billion dollars on my list of Meta's capex.", False),
        ("I counted in my spreadsheet fifteen trillion tokens for Llama 3.", False),
        # what the speaker got in a year
        ("I got my booster at a CVS in twenty twenty two.", True),
        ("I got a Model 3 in 2019.", True),
        # what the speaker got of a company's is no story (cases from a review)
        ("I got Meta's revenue at one hundred thirty four billion in 2023.", False),
        ("I got the CEO job in 2014.", False),
        ("I got FDA approval for the drug in 2019.", False),
    ],
)
def test_what_the_speaker_ran_or_got_is_their_story(nlp: Language, text: str, anecdote: bool) -> None:
    assert is_anecdote(nlp(text)[:]) is anecdote


@pytest.mark.parametrize(
    ("said", "prefixed"),
    [
        ("US grew twelve percent and international was flat.", True),
        ("Even the US grew like fifty percent last year.", True),
        # the country doing what a country does is no region of Pfizer's (cases from a review)
        ("US spends four trillion a year on healthcare.", False),
        ("The US approved the vaccine in December 2020.", False),
        ("And then US, as a country, paid nineteen fifty a dose.", False),
    ],
)
def test_us_that_grew_is_a_region_the_country_is_not(nlp: Language, said: str, prefixed: bool) -> None:
    talk = make_talk(
        "Pfizer did eighty one billion in revenue.",
        said,
        title="Pfizer in 2021",
        summary="The hosts read Pfizer's 2021 annual report.",
        entities=["Pfizer"],
    )
    texts = [c.text for c in extract_claims(talk, nlp, SETTINGS, include_all=True)][1:]
    assert texts and texts[0].startswith("[Pfizer]") is prefixed, texts


def _model_talk_texts(nlp: Language, said: str) -> list[str]:
    talk = make_talk(
        "Llama 3.2 Vision comes in 11B and 90B.",
        "The vision adapter sits on top of the text model.",
        said,
        title="Llama 3.2 Vision, read closely",
        entities=["Llama 3.2 11B", "Llama 3.2 90B"],
    )
    return [c.text for c in extract_claims(talk, nlp, SETTINGS, include_all=True)][-1:]


def test_they_in_a_model_talk_is_the_maker_nobody_named(nlp: Language) -> None:
    # (from 49_llama32_vs_llama2_…, dev) "They trained it on like six billion image text pairs": Meta, about
    # the model in focus; the models themselves ("they both", "they came out") are no maker
    assert _model_talk_texts(nlp, "They trained it on like six billion image text pairs.") == [
        "[Meta] trained it on like six billion image text pairs."
    ]
    for said in ("They both do a hundred and twenty eight K of context.", "They came out in October."):
        texts = _model_talk_texts(nlp, said)
        assert texts and "[Meta]" not in texts[0], texts
