"""Non-claims of shapes a probe written in the twenty-seventh session found drafted as claims: the episode's
agenda ("Today we're doing …", "Next week it's …"), the show's close ("that's the show", "quick break"), a
sponsor "brought to you by" someone and an offer "with code X", a shot called ("mark my words",
"Prediction, …"), an analogy ("it's like a gas station selling cigarettes"), a scoff after a figure
("…, come on"), a commentator's label in quotes, and what a figure alone is like ("Four tokens a second is a
lifestyle"). The sentences are written for these tests; beside each, sentences of the same shape that stay
claims."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimcheck.claims.kinds import non_claim_kind
from claimcheck.claims.segment import Sentence
from claimcheck.models import NonClaim
from tests.speech_helpers import opinion_of


def _kind(nlp: Language, text: str) -> NonClaim | None:
    """Why `text` is not a claim, read as a sentence with no line of its own (so no byline or heading rule:
    "By my math, …" is a turn of speech)."""
    sentence = Sentence(
        span=nlp(text)[:], speaker=None, start=None, end=None, timecode=None, utterance_index=0, line=None
    )
    return non_claim_kind(sentence)


@pytest.mark.parametrize(
    "text",
    [
        "Today we’re doing Amazon’s twenty seventeen annual report, the, uh, the big one.",
        "Next week we’re doing PepsiCo, so, um, bring snacks.",
        "And I’m Amara, and today it's Boeing twenty twenty-two and 3M twenty twenty-two, the, um, the "
        "companies-with-lawyers episode.",
        "Okay, that's the show, next time it's Verizon, send us your questions.",
        "Okay, that’s the episode, we’ll be back in two weeks with, uh, probably more Llamas.",
        "Quick break, and then we’re gonna get into cash flow and the Bezos letter.",
        "Hard Assets is brought to you by Drumline Boots, work boots that actually last.",
        "Listeners get fifty dollars of free credit with code WEIGHTS.",
    ],
)
def test_show_talk_is_no_claim(nlp: Language, text: str) -> None:
    assert _kind(nlp, text) == NonClaim.META


@pytest.mark.parametrize(
    "text",
    [
        # what is said of the day's company: a fact, a figure, a comparison
        "Back then Nvidia was tiny, but today it's the biggest company in the world.",
        "Today it's Nvidia that leads the market.",
        "Today we're doing a ten billion dollar buyback.",
        "Today it's worth three trillion.",
        "So today it's Amazon, which bought Whole Foods in 2017.",
        "Today it's Boeing, they lost five billion.",
        # "with code" of a model card, and a show that is someone's
        "Llama 3 was trained with code DATA from 2023.",
        "GitHub shipped Copilot with code review in 2023.",
        "That's the episode where Amazon bought Whole Foods for thirteen point seven billion.",
        # a fact told before the show's plan, an answer, a show that is someone's, a team that is
        "Microsoft bought Activision, and then we're going to get into the FTC case.",
        "After that, we're going to switch to a one-year cadence.",
        "Today it's Amazon.",
        "And today it's TSMC, not Intel.",
        "That's the show that made Netflix a studio.",
        "This model is brought to you by the same team that built Llama.",
        # "in my view" frames a fact; it is no story of the speaker's
        "Mark my words, they lost five billion last year and they'll lose more.",
        "In my view, margins fell to ten percent.",
        "By my math, they spent four billion on buybacks.",
    ],
)
def test_same_shapes_stay_claims(nlp: Language, text: str) -> None:
    assert _kind(nlp, text) is None
    assert not opinion_of(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "And AWS gets spun off by twenty twenty-two, mark my words.",
        "Prediction, 3M stock is lower a year from now.",
        "My prediction: Boeing delivers more than five hundred planes next year.",
        "So it's like a gas station selling cigarettes.",
        "Building reserves is like a bank buying a generator.",
        "Twenty five percent growth for a company that old, come on.",
        "And honestly eight K in twenty twenty four, come on.",
        'One analyst I read called Block "a payments company cosplaying as a crypto fund," which is mean but '
        "fair.",
        "Three billion on that much revenue is a rounding error for a software company.",
        "Four tokens a second is, honestly, a lifestyle.",
        "Ten million tokens is, um, every email I've ever ignored.",
        "Four billion a year is not nothing.",
        "Three hundred million users is a lot of people.",
        # the speaker's pick
        "I’d say 3M, because at least people want Boeing's planes.",
        "I'd say Amazon.",
    ],
)
def test_shots_likenesses_and_judged_figures_are_opinions(nlp: Language, text: str) -> None:
    assert opinion_of(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        # a fact told beside the shot called
        "Mark my words, they lost five billion last year and they'll lose more.",
        # a shot called on what is, not what will be
        "Mark my words, Nvidia has over ninety percent of the AI training market.",
        "Mark my words, they've lost money every single year since the IPO.",
        # what it is like, measured or compared
        "The dividend is like a dollar a share.",
        "Their whole annual revenue is like a week of Apple's revenue.",
        "It's like an order of magnitude cheaper than GPT-4.",
        "It's like a third of revenue.",
        "It's like a ten percent cut.",
        "It's like half the company.",
        # a figure said of someone after the scoff
        "They made forty billion, come on.",
        # a company's own word, in quotes; a label beside a fact; a forecast of a figure
        'Microsoft called it "the largest deal in gaming history".',
        'Analysts called it "a disaster" after shares fell forty percent in a day.',
        'Critics called the deal "anti-competitive", and the FTC sued to block it.',
        'The guy who runs Nvidia called it "the iPhone moment of AI".',
        'Analysts called for "at least twenty percent growth" this quarter.',
        # a time the figure is of
        "Two hundred billion in buybacks since twenty twelve, come on.",
        # what is said of the figure is a measure, a comparison, a record, or someone's
        "Ten million tokens is the context window.",
        "Thirty one percent is a record.",
        "Two billion is more than Pfizer made.",
        "Five billion is a big loss for Boeing.",
        "Seventy three percent is their share of the market.",
        "Forty percent is what they grew.",
        "Ten billion is the guidance for next quarter.",
        "Thirty percent is standard for app stores.",
        # a pick with a figure or a fact beside it
        "I'd say Amazon, because they made five hundred billion.",
        "I'd say Nvidia, which has ninety percent of the market.",
        "I'd say they made forty billion.",
    ],
)
def test_facts_beside_them_stay_to_check(nlp: Language, text: str) -> None:
    assert not opinion_of(nlp, text)


def test_a_request_with_a_figure_said_of_someone_is_no_call_to_action(nlp: Language) -> None:
    """ "Mark my words, they lost five billion" says a figure of someone; "Imagine a company that makes forty
    billion a year" describes what the listener is asked to imagine, and stays a request."""
    assert _kind(nlp, "Remember, they shipped twenty million units.") is None
    assert _kind(nlp, "Imagine a company that makes forty billion a year and pays no tax.") is not None
