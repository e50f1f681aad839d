"""The verifier's confident "contradicts" on a quote that states every number, year and month the claim
does, a count among them (eighteenth session): "sold twenty Overwatch League teams and twenty for the Call
of Duty League" beside "we have sold rights for 20 teams … in the Overwatch League" holds in part, so the
draft is Partially True, never Hype. A year, a month or "one" alone is not enough ("upheld … in January"
beside "reversed … on January 30"). A quote that states another year ("November 2021" for "November twenty
two"), or no figure the claim says, is still a contradiction; a model's or a phone's digits are names, not
figures."""

from __future__ import annotations

import pytest

from claimcheck.models import Citation, ClaimType, DocKind, DraftVerdict, Label
from claimcheck.verify.policy import judge, stance_key
from tests.factories import SETTINGS, make_claim, make_claim_evidence, make_passage

_CONTRADICTS = (0.02, 0.03, 0.95)


def _drafted(claim_text: str, passage_text: str) -> DraftVerdict:
    passage = make_passage(
        passage_text,
        passage_id="doc.txt#1",
        citation=Citation(title="ACME Form 10-K FY2019", kind=DocKind.TEN_K, company="ACME"),
    )
    claim = make_claim(claim_text, claim_id="c", claim_type=ClaimType.FACTUAL)
    stances = {stance_key(0, passage.passage_id): _CONTRADICTS}
    return judge(make_claim_evidence(claim, (passage, 0.8)), SETTINGS, stances)


@pytest.mark.parametrize(
    ("claim", "quote"),
    [
        (
            "ACME sold twenty Overwatch League teams and twenty for the Call of Duty League.",
            "ACME has sold rights for 20 teams that are participating in the Overwatch League.",
        ),
        ("ACME opened twelve stores in Ohio in 2021.", "In 2021, ACME acquired 12 stores in Ohio and Texas."),
    ],
)
def test_a_contradiction_that_repeats_every_figure_is_partially_true(claim: str, quote: str) -> None:
    drafted = _drafted(claim, quote)
    assert drafted.label == Label.PARTIALLY_TRUE
    assert "states the claim's figures" in drafted.rationale
    assert "but the verifier model reads the rest as contradicted" in drafted.rationale


@pytest.mark.parametrize(
    ("claim", "quote"),
    [
        # another year
        (
            "ACME announced the Kenvue split in November twenty two.",
            "In November 2021, ACME announced its intention to separate Kenvue.",
        ),
        # a figure the quote does not state
        (
            "ACME exits all PFAS manufacturing by the end of twenty twenty five.",
            "ACME continues to review the presence of PFAS in purchased materials in 2022.",
        ),
        # a year, a month or "one" alone says too little: the verb may be what is contradicted
        (
            "ACME's Cash App was the number one app in the App Store in 2020.",
            "In 2020, ACME's Cash App was the number one finance app in the iOS App Store.",
        ),
        (
            "The Third Circuit threw out ACME's bankruptcy in January.",
            "On January 30, 2023, the Third Circuit reversed the ruling on ACME's bankruptcy.",
        ),
        (
            "The Third Circuit upheld ACME's bankruptcy in January.",
            "On January 30, 2023, the Third Circuit reversed the ruling on ACME's bankruptcy.",
        ),
        ("ACME stopped paying dividends in 2024.", "In 2024, ACME paid quarterly cash dividends."),
        ("ACME is the number one smartphone maker.", "ACME is one of several smartphone makers."),
        # no figure at all: the verifier alone
        (
            "ACME's mobile games saved the year.",
            "The importance of mobile gaming exposes ACME to competition.",
        ),
        # digits in names are no figures ("Llama 4", "iPhone 15")
        (
            "ACME's Llama 4 was trained only on public web data.",
            "ACME's Llama 4 was pretrained on data from ACME's products and services.",
        ),
        ("Every iPhone 15 uses ACME's glass.", "ACME's glass covers iPhone 15 screens among others."),
    ],
)
def test_a_contradiction_that_repeats_no_figure_or_another_is_hype(claim: str, quote: str) -> None:
    drafted = _drafted(claim, quote)
    assert drafted.label == Label.HYPE
    assert "contradicts the claim (verifier model)" in drafted.rationale
