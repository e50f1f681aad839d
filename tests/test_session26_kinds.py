"""Non-claims of shapes a probe transcript written in the twenty-sixth session found drafted as claims: the
speaker's own forecast after "I think" (no figure in it), what the speaker finds
interesting, what makes the speaker feel a way, a vague "that's going to hurt", an opinion a friend said,
the show's sign-off and listener mail, and the person of a story going on with it. The sentences are
written for these tests; beside each, a sentence of the same shape that stays a claim."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimcheck.claims.extract import extract_claims
from claimcheck.settings import Settings
from tests.factories import make_transcript
from tests.speech_helpers import opinion_of


@pytest.mark.parametrize(
    "text",
    [
        "I think they'll release a Llama 4.1 with a reasoning mode before the end of the year.",
        "Honestly, the segment I find most interesting is, is the fixed wireless one.",
        "Don't do the math, it'll make me sad.",
        "Yeah, that's going to hurt.",
        "A friend of mine at a startup said, and I'm quoting, Maverick is the best model nobody uses.",
    ],
)
def test_views_and_feelings_are_opinions(nlp: Language, text: str) -> None:
    assert opinion_of(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        # a company's own forecast, reported
        "I think Zuck said they'll have like three hundred fifty thousand H100s by the end of this year.",
        # a hedged fact in the past
        "I think CVS bought Aetna in 2018.",
        "I think Boeing delivered 480 planes in 2022.",
        # a date to check
        "That's going to close in Q2.",
        # a company's word, not a friend's
        "Zuck said Llama 4 is the best open model.",
        "My dad said Boeing delivered 480 planes.",
        # a feeling beside a figure or a fact to check
        "That made me so mad, they cut 10,000 jobs.",
        "It makes me nervous that Boeing delivered only 480 planes.",
        "It made me sad that Intel cut its dividend.",
        "The segment I find most interesting is cloud, which grew faster than ads last quarter.",
        "That's going to hurt margins, since they cut prices on every model last month.",
        # a forecast with figures, or a fact it points to
        "I think they'll do fifty billion next year.",
        "I think you'll find Apple made 383 billion in revenue in fiscal 2023.",
        "I think Meta will spend like 40 billion on capex, because Zuck guided to that on the call.",
        # a judgement measured by a year
        "Meta was the worst performing FAANG stock of 2022.",
    ],
)
def test_facts_beside_such_words_stay_claims(nlp: Language, text: str) -> None:
    assert not opinion_of(nlp, text)


def _drafted(nlp: Language, text: str) -> dict[str, bool]:
    talk = make_transcript(text)
    return {c.quote: c.is_claim for c in extract_claims(talk, nlp, Settings(), include_all=True)}


@pytest.mark.parametrize(
    "text",
    [
        "Alright, that's all the time we have, and thanks to everyone who wrote in about last week.",
        "Okay, one listener question from the Discord, um, somebody asks whether it's worth upgrading.",
    ],
)
def test_the_shows_own_talk_is_no_claim(nlp: Language, text: str) -> None:
    assert not any(_drafted(nlp, text).values())


@pytest.mark.parametrize(
    "text",
    [
        "Thanks to everyone who bought our Series B, we raised 40 million.",
        "Their revenue doubled last year, thanks to everybody who wanted an H100.",
        "Listener mail pointed out that Nvidia's data center revenue hit 47.5 billion last year.",
    ],
)
def test_a_fact_beside_the_shows_words_stays_a_claim(nlp: Language, text: str) -> None:
    assert any(_drafted(nlp, text).values())


@pytest.mark.parametrize(
    "text",
    [
        "I worked at Twitter in 2022, and he laid off 3,700 people in one week.",
        "I worked at a Tesla store in 2018, and he sold 245,000 cars that year.",
    ],
)
def test_what_a_ceo_did_after_the_speakers_story_stays_a_claim(nlp: Language, text: str) -> None:
    assert any(_drafted(nlp, text).values())


def test_the_person_of_a_story_goes_on_with_it(nlp: Language) -> None:
    drafted = _drafted(
        nlp,
        "My grandpa worked at the Everett plant for thirty one years and he still calls every plane a seven "
        "forty seven.",
    )
    assert not any(drafted.values())
