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

_ANECDOTE, _HYPOTHETICAL, _META, _SCREEN = (
    NonClaim.ANECDOTE,
    NonClaim.HYPOTHETICAL,
    NonClaim.META,
    NonClaim.SCREEN,
)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # the speaker's dated past
        ("I worked the floor at a Best Buy back in twenty sixteen, selling TVs.", _ANECDOTE),
        ("I played way too much Warzone in twenty twenty, like embarrassingly much.", _ANECDOTE),
        ("I signed up for Aetna through my old job in twenty nineteen.", _ANECDOTE),
        ("I fine-tuned the seven B on my gaming PC over a weekend in twenty twenty three.", _ANECDOTE),
        # suppositions with no "if"
        (
            "Suppose the FAA lifts the production cap next year, they could get back to fifty a month.",
            _HYPOTHETICAL,
        ),
        ("Let's say the deal had closed, Adobe would own the whole design stack.", _HYPOTHETICAL),
        ("Say they raise prices again next year, people just buy the store brand.", _HYPOTHETICAL),
        ("Assuming the FAA lifts the cap, deliveries double.", _HYPOTHETICAL),
        ("Say Microsoft bought Nintendo, that would be a huge deal.", _HYPOTHETICAL),
        # the show: its episodes, its time, what it does next
        ("We did an episode on the Blizzard lawsuit back in twenty twenty one, go listen to that.", _META),
        ("We covered the C-Band auction in a whole episode last year.", _META),
        ("So, uh, where were we, right, PepsiCo.", _META),
        ("Okay, and then Amcor, quickly, before we run out of time.", _META),
        ("Okay, that's all we've got time for today.", _META),
        ("We'll get into the capex numbers after the ad.", _META),
        ("Okay, and last one, Llama 2.", _META),
        ("Activision, quickly, because we promised listeners.", _META),
        ("Okay, Llama 3, real quick, for the AI folks.", _META),
        ("Okay, 3M, real quick before the break.", _META),
        # what is on screen
        ("So the table here, first column is fiscal twenty three, second is fiscal twenty two.", _SCREEN),
        ("So this is the Pfizer revenue breakdown, Comirnaty is right at the top.", _SCREEN),
        ("This chart is subscription revenue by quarter, the green line.", _SCREEN),
        ("The middle column on this slide is twenty twenty one.", _SCREEN),
        ("Right, so we've got the Amazon 10-K up on the big screen, page thirty seven.", _SCREEN),
    ],
)
def test_an_aside_is_no_claim(nlp: Language, text: str, kind: NonClaim) -> None:
    assert non_claim_of(nlp, text) == kind


@pytest.mark.parametrize(
    "text",
    [
        # founders' dated acts
        "I started the company in 2004 in my dorm room.",
        "I took over as CEO in twenty fourteen.",
        "I've got twenty nineteen at three seventy five.",
        "I joined Microsoft in 1992.",
        # a figure said over the screen
        "Here's the breakdown: Pharmacy Services did a hundred and sixty nine billion.",
        "The blue line is revenue, and it was up twenty percent last year.",
        "The top row is Comirnaty, thirty six point eight billion.",
        "The first column is twenty twenty two, and revenue fell three percent.",
        # no supposition or story without one
        "Say what you want, revenue was up twenty percent.",
        "Revenue grew quickly, up twenty percent.",
        "Meta trained the 405B on sixteen thousand H100s in twenty twenty four.",
    ],
)
def test_a_fact_beside_an_aside_is_no_non_claim(nlp: Language, text: str) -> None:
    assert non_claim_of(nlp, text) is None


@pytest.mark.parametrize(
    "text",
    [
        "I'd say Call of Duty is the best franchise in gaming, no contest.",
        "I think Best Buy is way better run than people give it credit for.",
        "Honestly the vaccine rollout was the most impressive thing I've ever seen a company do.",
        "I think Aetna was a shrewd buy, in hindsight.",
        "I'd bet they raise prices again before the summer.",
        "I'd bet Netflix raises prices again before the summer.",
        "Jensen deserves all the credit.",
        # (labelled dev opinions a first version of the guard on "deserve" lost)
        "I think people underestimate how fast they scaled that.",
        "Honestly I think they overpaid for both of them.",
        "Honestly the licence is the most confusing thing about it.",
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


def test_a_figure_after_a_story_stays_a_claim(nlp: Language) -> None:
    claims = claims_by_quote(
        nlp,
        make_talk(
            "I flew Alaska to Seattle in twenty nineteen, and the airline carried forty million people."
        ),
    )
    assert [c.quote for c in claims.values() if c.is_claim] == ["the airline carried forty million people."]


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
