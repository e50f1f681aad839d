"""Podcast asides that are not claims (twentieth session), found by probing with fresh non-claims written
for the purpose, none taken from the labelled speech set: the speaker's dated past ("I worked the floor at a
Best Buy back in twenty sixteen"), "Suppose …" with no "if", the show's own episodes and running time, what a
chart or a column shows, and views framed as "I'd say …" or judged against what "people give it credit for".
The facts beside them, founders' dated acts included, stay claims."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimcheck.claims.kinds import is_pure_opinion
from claimcheck.models import NonClaim
from tests.speech_helpers import claims_by_quote, make_talk, non_claim_of


@pytest.mark.parametrize(
    "text",
    [
        "I worked the floor at a Best Buy back in twenty sixteen, selling TVs.",
        "I played way too much Warzone in twenty twenty, like embarrassingly much.",
        "I got my first job out of college at Boeing in twenty twelve.",
        "Honestly I thought CVS was a pharmacy until like twenty twenty.",
    ],
)
def test_the_speaker_s_dated_past_is_an_anecdote(nlp: Language, text: str) -> None:
    assert non_claim_of(nlp, text) == NonClaim.ANECDOTE


@pytest.mark.parametrize(
    "text",
    [
        "I started the company in 2004 in my dorm room.",
        "I took over as CEO in twenty fourteen.",
        "I've got twenty nineteen at three seventy five.",
        "I joined Microsoft in 1992.",
    ],
)
def test_a_founder_s_dated_act_is_no_anecdote(nlp: Language, text: str) -> None:
    assert non_claim_of(nlp, text) is None


def test_a_supposition_needs_no_if(nlp: Language) -> None:
    text = "Suppose the FAA lifts the production cap next year, they could get back to fifty a month."
    assert non_claim_of(nlp, text) == NonClaim.HYPOTHETICAL


@pytest.mark.parametrize(
    "text",
    [
        "We did an episode on the Blizzard lawsuit back in twenty twenty one, go listen to that.",
        "We covered the C-Band auction in a whole episode last year.",
        "So, uh, where were we, right, PepsiCo.",
        "Okay, and then Amcor, quickly, before we run out of time.",
        "Okay, that's all we've got time for today.",
    ],
)
def test_talk_about_the_show_is_meta(nlp: Language, text: str) -> None:
    assert non_claim_of(nlp, text) == NonClaim.META


@pytest.mark.parametrize(
    "text",
    [
        "So the table here, first column is fiscal twenty three, second is fiscal twenty two.",
        "So this is the Pfizer revenue breakdown, Comirnaty is right at the top.",
        "This chart is subscription revenue by quarter, the green line.",
    ],
)
def test_what_is_on_screen(nlp: Language, text: str) -> None:
    assert non_claim_of(nlp, text) == NonClaim.SCREEN


@pytest.mark.parametrize(
    "text",
    [
        "I'd say Call of Duty is the best franchise in gaming, no contest.",
        "I think Best Buy is way better run than people give it credit for.",
        "Honestly the vaccine rollout was the most impressive thing I've ever seen a company do.",
        "I think Aetna was a smart buy, in hindsight.",
    ],
)
def test_views_are_opinions(nlp: Language, text: str) -> None:
    assert is_pure_opinion(next(iter(nlp(text).sents)))


@pytest.mark.parametrize(
    "text",
    [
        "I'd say revenue was about a hundred and thirty billion.",
        "The vaccine was the best-selling drug in the world, thirty seven billion in sales.",
        "He said Call of Duty is the best franchise in gaming.",
        "The company deserves credit, it cut debt by two billion.",
        "I'd bet nobody remembers that Pfizer made over twenty billion in profit that year.",
    ],
)
def test_facts_beside_them_are_no_opinions(nlp: Language, text: str) -> None:
    assert not is_pure_opinion(next(iter(nlp(text).sents)))


@pytest.mark.parametrize(
    "text",
    [
        "Here's the breakdown: Pharmacy Services did a hundred and sixty nine billion.",
        "The blue line is revenue, and it was up twenty percent last year.",
        "The top row is Comirnaty, thirty six point eight billion.",
        "The first column is twenty twenty two, and revenue fell three percent.",
    ],
)
def test_a_figure_said_over_the_screen_stays_a_claim(nlp: Language, text: str) -> None:
    assert non_claim_of(nlp, text) is None


def test_the_rest_of_a_dated_story_is_the_story(nlp: Language) -> None:
    claims = claims_by_quote(
        nlp, make_talk("I flew Alaska to Seattle in twenty nineteen and the plane was brand new.")
    )
    assert len(claims) == 2
    assert not [c.quote for c in claims.values() if c.is_claim]


def test_a_figure_after_a_story_stays_a_claim(nlp: Language) -> None:
    claims = claims_by_quote(
        nlp,
        make_talk(
            "I flew Alaska to Seattle in twenty nineteen, and the airline carried forty million people."
        ),
    )
    assert [c.quote for c in claims.values() if c.is_claim] == ["the airline carried forty million people."]


def test_what_we_have_up_on_the_big_screen(nlp: Language) -> None:
    text = "Right, so we've got the Amazon 10-K up on the big screen, page thirty seven."
    assert non_claim_of(nlp, text) == NonClaim.SCREEN


def test_who_deserves_what_is_a_view(nlp: Language) -> None:
    assert is_pure_opinion(
        next(iter(nlp("Boeing's PR team deserves a raise, honestly, they've had a year.").sents))
    )


@pytest.mark.parametrize(
    "text",
    [
        "Let's say the deal had closed, Adobe would own the whole design stack.",
        "Say they raise prices again next year, do people keep buying Doritos?",
        "Assuming the FAA lifts the cap, deliveries double.",
    ],
)
def test_let_s_say_is_a_supposition(nlp: Language, text: str) -> None:
    assert non_claim_of(nlp, text) in (NonClaim.HYPOTHETICAL, NonClaim.QUESTION)


@pytest.mark.parametrize(
    "text",
    [
        "We'll get into the capex numbers after the ad.",
        "Okay, and last one, Llama 2.",
        "Activision, quickly, because we promised listeners.",
        "Okay, Llama 3, real quick, for the AI folks.",
    ],
)
def test_what_the_show_does_next_is_meta(nlp: Language, text: str) -> None:
    assert non_claim_of(nlp, text) == NonClaim.META


def test_a_model_named_by_its_size_in_a_dated_story_is_the_story(nlp: Language) -> None:
    text = "I fine-tuned the seven B on my gaming PC over a weekend in twenty twenty three."
    assert non_claim_of(nlp, text) == NonClaim.ANECDOTE


@pytest.mark.parametrize(
    "text",
    [
        "I'd bet they raise prices again before the summer.",
        "Honestly the licence is the most confusing thing about it.",
    ],
)
def test_more_views(nlp: Language, text: str) -> None:
    assert is_pure_opinion(next(iter(nlp(text).sents)))


@pytest.mark.parametrize(
    "text",
    [
        "Say what you want, revenue was up twenty percent.",
        "Revenue grew quickly, up twenty percent.",
        "Meta trained the 405B on sixteen thousand H100s in twenty twenty four.",
    ],
)
def test_no_supposition_or_story_without_one(nlp: Language, text: str) -> None:
    assert non_claim_of(nlp, text) is None
