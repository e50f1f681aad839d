"""What a talk says about itself or its screen, and suppositions (issue 11): sponsor reads, links, sign-offs,
the day's topics, the slide being shown, "Picture a world where …" and "Had they bought …, …" are not
claims, whatever figures they say. The sentences are a fresh probe's (written for this test, not from the
labelled transcripts); each rule keeps the claims beside it."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimcheck.models import NonClaim
from tests.speech_helpers import non_claim_of


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Today's episode is sponsored by GPUHut, rent an H100 by the hour starting at two dollars.",
            NonClaim.META,
        ),
        ("Bull Case is supported by Northwind VPN, stream your shows from anywhere.", NonClaim.META),
        ("Use code BULL at checkout for three months free.", NonClaim.META),
        ("Go to ledgerly dot com slash notes for thirty percent off your first year.", NonClaim.META),
        ("The 10-Ks are linked in the description.", NonClaim.META),
        ("Okay, let's pause for a second, we'll be back right after this.", NonClaim.META),
        ("Thanks everyone, we'll see you next Monday.", NonClaim.META),
        ("So today it's, uh, it's Nike and then Coke.", NonClaim.META),
        ("Today we're doing open weights, Mistral first and then Google's Gemma.", NonClaim.META),
        ("So the slide I'm showing is the quarterly MAU chart.", NonClaim.SCREEN),
        ("And the next slide has the free cash flow bridge.", NonClaim.SCREEN),
        ("The columns are MMLU, HellaSwag and so on.", NonClaim.SCREEN),
        ("Picture an alternate world where Netflix bought Hulu.", NonClaim.HYPOTHETICAL),
        ("Imagine Spotify owning the labels.", NonClaim.HYPOTHETICAL),
        ("Had they bought ASML back in the day, none of this would be happening.", NonClaim.HYPOTHETICAL),
    ],
)
def test_not_claims(nlp: Language, text: str, kind: NonClaim) -> None:
    # (an imperative that opens a supposition may be read first as a call to the listener: not a claim either)
    found = non_claim_of(nlp, text)
    assert found == kind or (kind is NonClaim.HYPOTHETICAL and found is NonClaim.FILLER)


@pytest.mark.parametrize(
    "text",
    [
        "Today Netflix has two hundred and sixty million subscribers.",
        "Today it's the biggest chipmaker in the world by revenue.",
        "Nvidia's revenue was sixty billion, and the table shows it by quarter.",
        "Picture quality got better with the new panel, which Corning supplies.",
        "Had they not paid that fine, the margin was going to be twenty percent.",
        "The deal was brought up in the earnings call, revenue grew nine percent.",
        # a fresh-eyes review's cases: each rule's first version took these for show talk
        "The deal was supported by sixty percent of shareholders.",
        "Our guidance is supported by a backlog of twelve billion dollars.",
        "The trial was sponsored by Pfizer and enrolled forty four thousand people.",
        "Over ninety percent of developers use code assistants now.",
        "About seventy percent of online shopping carts are abandoned at checkout.",
        "Executive bonuses are linked in part to revenue growth targets.",
        "Shares jumped sharply right after this announcement.",
        "We'll be back in the black by the third quarter.",
        "Today we're doing more transactions than PayPal.",
        "Today it's profitable, then it wasn't for a decade.",
        "The next slide has revenue up twelve percent to four billion.",
        "The slide I'm showing says Netflix had two hundred and sixty million subscribers.",
        "Picture the scale here: we're serving five hundred million users every week.",
        "Picture quality improved thirty percent in markets where Samsung sells OLED panels.",
        "Imagine Dragons sold twenty million albums in the US.",
        "Had the best quarter in our history, with revenue of five billion, and margins could still expand.",
    ],
)
def test_claims_beside_them_stay(nlp: Language, text: str) -> None:
    assert non_claim_of(nlp, text) not in (NonClaim.META, NonClaim.SCREEN, NonClaim.HYPOTHETICAL)
