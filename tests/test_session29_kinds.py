"""What a speaker says that is not a claim, in shapes the earlier rules missed: a term explained to the
listener ("churn is just the share of customers who leave each month"), what a crowd felt or said ("everybody
was talking about it"), what someone nameless told the speaker ("some guy on a forum told me …"), a likeness
to a doing ("it's kind of like owning a toll booth"), a wager on what comes ("I'd guess the stock stays flat
for most of twenty twenty three"), the document brought up on screen, a request to the listeners and the show
moving on. Beside each, the claims of the same shape that stay claims. The sentences are written for these
tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimcheck.models import NonClaim
from tests.speech_helpers import non_claim_of, opinion_of


@pytest.mark.parametrize(
    "text",
    [
        "And, like, for anyone new, operating margin is just operating income divided by revenue.",
        "So net adds is basically how many new subscribers you got minus the ones who left.",
        "A tender offer is just a public offer to buy shares straight from the shareholders.",
        "Okay, quick refresher, gross margin is revenue minus the cost of goods, as a share of revenue.",
        "And a parameter, for people just tuning in, is basically a number the model learned.",
        "Speculative decoding is when a small model guesses the next words and the big one checks them.",
        "So adjusted EBITDA is basically earnings before the stuff management would rather you ignore.",
    ],
)
def test_a_term_explained_is_a_definition(nlp: Language, text: str) -> None:
    assert non_claim_of(nlp, text) == NonClaim.DEFINITION


@pytest.mark.parametrize(
    "text",
    [
        "Capex is basically all 5G.",  # what a company's capex went to: a claim
        "Revenue is just under eighty one billion.",
        "The PBM is basically Caremark, the big one.",
        "Pfizer is basically a vaccine company now.",
        "Churn is just point eight one percent.",
        "Net revenue is eighty one billion, up ninety five percent.",  # a plain "is": no definition said
    ],
)
def test_a_measure_said_with_just_or_basically_is_no_definition(nlp: Language, text: str) -> None:
    assert non_claim_of(nlp, text) != NonClaim.DEFINITION


@pytest.mark.parametrize(
    "text",
    [
        "Everybody was kind of caught off guard by the guidance.",
        "Yeah, a lot of people had strong feelings about the buyback.",
        "There was a ton of chatter about the layoffs on, uh, on LinkedIn.",
        "Folks on Reddit had a field day with that one.",
        "And when the results came out, the whole internet basically melted down.",
        "Half of the internet says the opposite every single week.",
    ],
)
def test_what_a_crowd_felt_is_vague(nlp: Language, text: str) -> None:
    assert non_claim_of(nlp, text) == NonClaim.VAGUE


@pytest.mark.parametrize(
    "text",
    [
        "Everybody bought Nvidia.",  # a name said of its own
        "Three billion people use its apps every day.",  # a figure
        "Nobody at Boeing got a bonus in twenty twenty two.",
        "And most of their people are in the US.",  # a company's own people
    ],
)
def test_a_crowd_with_a_name_of_its_own_or_a_figure_is_no_vague_talk(nlp: Language, text: str) -> None:
    assert non_claim_of(nlp, text) != NonClaim.VAGUE


@pytest.mark.parametrize(
    "text",
    [
        "It's kind of like, uh, renting a bigger warehouse and then having to fill it yourself.",
        "Holding this stock is sort of like owning a parking garage, boring, but the cash shows up.",
        "Honestly the risk factors section is like the fine print on a gym contract, nobody reads it.",
        "So it's kind of like a kid who skipped a year of school and missed everything that happened.",
        "I'd guess the margin stays flat for most of twenty twenty four.",
        "I bet subscriber growth falls off a cliff by twenty twenty five.",
        "I bet the regulators end up being the real problem.",
        "I'm gonna call it now, the cloud business is gonna double within, like, four years.",
        "I honestly think they're back to real profits by twenty twenty five.",
        "I'm guessing we see a new model sometime in the first half of next year.",
        "Watch, next year's letter is gonna be all about pricing, I'd put ten bucks on it.",
        "I bet in three years we're doing a whole episode on them buying somebody.",
        "Like neighbours splitting one lawnmower instead of everybody buying their own.",
    ],
)
def test_likenesses_and_wagers_on_what_comes_are_opinions(nlp: Language, text: str) -> None:
    assert opinion_of(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "It's like a third of revenue.",
        "It's like, uh, growing forty percent a year.",
        "I'd guess it's like thirty percent of revenue.",
        "I bet they have eighty percent of the market.",
        "I think they'll spend forty billion on capex in twenty twenty five.",
    ],
)
def test_a_measure_said_with_like_or_a_guess_stays_a_claim(nlp: Language, text: str) -> None:
    assert not opinion_of(nlp, text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "So today we've got two documents open, the twenty twenty two annual report and the proxy.",
            NonClaim.SCREEN,
        ),
        (
            "We've got the fiscal twenty twenty three annual report open, plus the earnings slides.",
            NonClaim.SCREEN,
        ),
        (
            "So this week it's the, uh, Boeing twenty twenty two results, the annual report and the call.",
            NonClaim.META,
        ),
    ],
)
def test_the_documents_open_and_the_weeks_agenda_are_no_claims(
    nlp: Language, text: str, kind: NonClaim
) -> None:
    assert non_claim_of(nlp, text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "And send us your worst airline stories, we'll read a few on air next week.",
        "Email us a photo of your longest receipt, we want proof.",
        "But we promised people the dividend, so, let's, let's get to the dividend.",
        "Okay so the plan is revenue first, then the segments, then the lawsuits.",
        "So today's a strange double feature, Amcor and then 3M.",
        "Next week, we're gonna try to read a whole proxy statement on air.",
        "Today is a, uh, a one-document episode, and the document is the Boeing annual report.",
    ],
)
def test_requests_to_listeners_and_the_show_moving_on_are_meta(nlp: Language, text: str) -> None:
    assert non_claim_of(nlp, text) == NonClaim.META


@pytest.mark.parametrize(
    "text",
    [
        "The plan is to cut four thousand jobs by twenty twenty four.",
        "They let us know the deal closed in May.",
    ],
)
def test_a_companys_plan_and_a_told_fact_are_not_show_talk(nlp: Language, text: str) -> None:
    assert non_claim_of(nlp, text) != NonClaim.META


@pytest.mark.parametrize(
    "text",
    [
        "Somebody on Reddit told me the CEO owns every copy of the game ever sold, which, okay.",
        "A listener emailed us saying Pepsi is secretly owned by Coke, which, no.",
        "Some guy on a forum told me it speaks fluent Klingon out of the box.",
    ],
)
def test_what_someone_nameless_told_the_speaker_is_hearsay(nlp: Language, text: str) -> None:
    assert non_claim_of(nlp, text) == NonClaim.HEARSAY


@pytest.mark.parametrize(
    "text",
    [
        "Bourla told investors revenue would hit a hundred billion.",  # a named person's word: a claim
        "The CFO told us margins were up two points.",
    ],
)
def test_what_a_named_person_said_is_no_hearsay(nlp: Language, text: str) -> None:
    assert non_claim_of(nlp, text) != NonClaim.HEARSAY


@pytest.mark.parametrize(
    "text",
    [
        "Alright, the PepsiCo report is up, and the first thing I see is a giant photo of a chip bag.",
        "Okay, Amcor's up, and there's a coffee pouch on page one.",
        "Hang on, I'm searching the PDF for Platinum and it's giving me a ton of hits.",
    ],
)
def test_the_document_brought_up_is_what_is_on_screen(nlp: Language, text: str) -> None:
    assert non_claim_of(nlp, text) == NonClaim.SCREEN


@pytest.mark.parametrize(
    "text",
    [
        # written by a reviewer to look like the shapes above; each is a claim to check
        "For anyone wondering, capex is mostly servers for the training clusters.",
        "Their revenue is basically all from government contracts.",
        "The margin is basically flat this year.",
        "Everybody at Boeing got a retention bonus in twenty twenty two.",
        "Folks on the safety team resigned in May.",
        "Somebody told us on the call that gross margin would be seventy five percent.",
        "The new license is like the old license, except it bans anyone over seven hundred million users.",
        "So Tesla's up forty percent this year.",
        "The report is up twelve percent on the year.",
        "The plan is frozen, so nobody accrues new benefits.",
        "Let's turn to Microsoft, which bought Activision for sixty nine billion.",
        "I think the lease runs through twenty thirty.",
        "I'm guessing that's because the plant was shut down for most of twenty twenty.",
    ],
)
def test_claims_in_the_shape_of_those_non_claims_stay_claims(nlp: Language, text: str) -> None:
    assert non_claim_of(nlp, text) is None and not opinion_of(nlp, text)
