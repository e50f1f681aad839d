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
        "I signed up for Aetna through my old job in twenty nineteen.",
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
        "The middle column on this slide is twenty twenty one.",
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
        "I think Aetna was a shrewd buy, in hindsight.",
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


@pytest.mark.parametrize(
    "text",
    [
        "Let's say the deal had closed, Adobe would own the whole design stack.",
        "Say they raise prices again next year, people just buy the store brand.",
        "Assuming the FAA lifts the cap, deliveries double.",
    ],
)
def test_let_s_say_is_a_supposition(nlp: Language, text: str) -> None:
    assert non_claim_of(nlp, text) == NonClaim.HYPOTHETICAL


@pytest.mark.parametrize(
    "text",
    [
        "We'll get into the capex numbers after the ad.",
        "Okay, and last one, Llama 2.",
        "Activision, quickly, because we promised listeners.",
        "Okay, Llama 3, real quick, for the AI folks.",
        "Okay, 3M, real quick before the break.",
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
        "I'd bet Netflix raises prices again before the summer.",
        "Jensen deserves all the credit.",
        # (labelled dev opinions a first version of the guard on "deserve" lost)
        "I think people underestimate how fast they scaled that.",
        "Honestly I think they overpaid for both of them.",
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


# Facts said in the shapes of the asides above, found by a fresh-eyes review of the rules: none is a
# non-claim, none an opinion.
@pytest.mark.parametrize(
    "text",
    [
        "I co-founded OpenAI in 2015.",
        "I stepped down as CEO in 2018.",
        "I served as CFO from 2015 to 2020.",
        "I rejoined Apple in 1997.",
        "I cut the dividend in 2020.",
        "I signed the merger agreement in 2019.",
        "I invested in Anthropic in 2021.",
        "I left Google in 2016.",
        "I saw that Apple passed Microsoft in 2022.",
        "I heard Boeing stopped production in 2020.",
        "I thought CVS bought Aetna in 2018.",
        "The last one was discontinued.",
        "The last one is Azure, which is bigger than AWS now.",
        "Revenue doubled, quickly.",
        "Tesla, quickly, became the most valuable automaker.",
        "Tesla, real quick, has about a hundred and forty thousand employees.",
        "Before we run out of time, Boeing delivered 528 planes.",
        "We had a separate segment for Azure until 2019.",
        "In a show of confidence, Nvidia bought back shares in 2023.",
        "We did an episode on Activision, and Microsoft bought them in 2023.",
        "This chart shows that Nvidia overtook Intel in 2020.",
        "The red line is Tesla's deliveries, which peaked in 2023.",
        "There's a section in the 10-K about China, Apple gets a fifth of revenue there.",
        "Assuming I remember right, Apple paid three billion for Beats.",
        "Let's say it plainly, Boeing has lost money every year since 2019.",
        "Say Microsoft paid sixty nine billion for Activision.",
        "I'd bet Apple sells more iPhones than Samsung.",
        "Alexa is a smart speaker that Amazon sells below cost.",
        "Boeing deserves the FAA fine it got for the door plug.",
        "Instagram was the best deal Meta made before it went public.",
        "My company was founded in 2004.",
        # (a second review)
        "My predecessor cut the dividend in 2020.",
        "My tenure as CEO ended in 2018.",
        "I moved Tesla's headquarters to Austin in 2021.",
        "I ordered the recall of two million vehicles in 2023.",
        "I tried to buy Twitter in 2022.",
        "Nvidia, quickly, for those who missed it, overtook Apple as the most valuable company.",
        "Netflix, real quick, so everybody knows, stopped reporting subscriber numbers.",
        "Let's say Apple had about three hundred eighty billion in revenue that year.",
        "Jensen said in an episode of Acquired that Nvidia almost went bankrupt in 1996.",
        "This is a balance sheet problem for Intel, they have more debt than cash.",
        "The red one is the Model 3, which outsold every other EV in 2022.",
        "The left column says Apple's fiscal year ends in September.",
    ],
)
def test_facts_in_the_shape_of_an_aside_stay_claims(nlp: Language, text: str) -> None:
    assert non_claim_of(nlp, text) is None
    assert not is_pure_opinion(next(iter(nlp(text).sents)))


def test_the_company_after_a_story_is_no_part_of_it(nlp: Language) -> None:
    claims = claims_by_quote(
        nlp,
        make_talk(
            "I worked at Boeing in twenty twelve, and the company was the biggest exporter in America."
        ),
    )
    assert [c.quote for c in claims.values() if c.is_claim] == [
        "the company was the biggest exporter in America."
    ]


def test_a_supposition_with_a_modal_after_it(nlp: Language) -> None:
    assert (
        non_claim_of(nlp, "Say Microsoft bought Nintendo, that would be a huge deal.")
        == NonClaim.HYPOTHETICAL
    )
