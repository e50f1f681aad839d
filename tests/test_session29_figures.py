"""Figures a filing prints and a speaker says back: a growth rate a list pairs with another year than the
claim's is not its, and one measured "from" a year is still of the claim's; a figure said after "compared to"
is not of a year written before it; "seven eighty one diluted" is a price per share. A part named with "'s
still the big one" keeps its own name. A figure that holds, said with "mostly …" after it that no quote says,
is only partly checked. The filings' sentences are written for these tests in the 10-Ks' style; the figures
are made up."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimcheck.models import Citation, ClaimType, Label
from claimcheck.quantities import Unit, extract_quantities
from claimcheck.verify.numbers import Outcome
from claimcheck.verify.policy import judge
from tests.factories import SETTINGS, make_claim, make_claim_evidence, make_passage
from tests.speech_helpers import claims_by_quote, filed, make_talk, outcomes


def _acme(claim: str, text: str, year: int = 2022) -> list[Outcome]:
    return outcomes(claim, filed(text, "ACME CORP.", year))


_GROWTH = (
    "Cloud sales increased 55% and 43% in 2016 and 2017, compared to the comparable prior year periods. The "
    "sales growth primarily reflects increased customer usage."
)


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("Acme's cloud sales grew forty three percent in 2017.", Outcome.MATCH),
        ("Acme's cloud sales grew fifty five percent in 2016.", Outcome.MATCH),
        # 2016's growth is not 2017's: the claim's year's is read, and it is smaller
        ("Acme's cloud sales grew fifty five percent in 2017.", Outcome.DIRECTION_ONLY),
    ],
)
def test_a_growth_rate_is_of_the_year_a_list_pairs_it_with(claim: str, expected: Outcome) -> None:
    assert _acme(claim, _GROWTH, 2017) == [expected]


def test_a_change_measured_from_a_year_is_still_of_the_claims() -> None:
    # "a decrease of 0.5% from 2021" is 2022's change: the year it is measured from does not date it
    text = "Consumer Health segment sales in 2022 were $15.0 billion, a decrease of 0.5% from 2021."
    claim = "Acme's consumer health sales decreased zero point five percent in 2022."
    assert _acme(claim, text) == [Outcome.MATCH]


_RATINGS = (
    "Based on the Company's membership at December 31, 2022, 24% of the Company's Medicare Advantage members "
    "were in plans with 2023 star ratings of at least 4.0 stars, compared to 83% of the Company's Medicare "
    "Advantage members being in plans with 2022 star ratings of at least 4.0 stars."
)


def test_a_figure_said_after_compared_to_is_not_of_a_year_written_before_it() -> None:
    # "2023 star ratings" is written before "compared to 83%": the 83% is of the 2022 ratings
    wrong = "About eighty three percent of Acme's Medicare Advantage members are in four-star plans for 2023."
    assert _acme(wrong, _RATINGS) != [Outcome.MATCH]
    right = "About eighty three percent of Acme's Medicare Advantage members were in four-star plans in 2022."
    assert _acme(right, _RATINGS) == [Outcome.MATCH]


@pytest.mark.parametrize(
    "said", ["Stelara's still the big one, like nine point seven billion.", "Stelara's really the big one."]
)
def test_a_part_said_to_be_the_big_one_keeps_its_name(nlp: Language, said: str) -> None:
    talk = make_talk(
        "Pharma is where the money is for Johnson and Johnson.",
        said,
        entities=["Johnson & Johnson"],
        title="J&J's 2022",
    )
    claim = claims_by_quote(nlp, talk)[said]
    # (the company may be put in front; "the big one" is what Stelara is said to be, not whom it names)
    assert said.split(",")[0].rstrip(".") in claim.text


@pytest.mark.parametrize(
    ("said", "value"),
    [("EPS was, seven eighty one diluted.", 7.81), ("EPS was six twelve basic, six oh nine diluted.", 6.12)],
)
def test_a_price_per_share_said_short_may_end_with_its_basis(said: str, value: float) -> None:
    first = extract_quantities(said)[0]
    assert (first.unit, first.value) == (Unit.USD, value)


_STAFF = make_passage(
    "As of December 31, 2022, we had approximately 61,400 employees worldwide.",
    passage_id="acme.md#0",
    citation=Citation(title="ACME CORP. Form 10-K FY2022", company="ACME CORP."),
)


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("[Acme] They have about sixty one thousand employees.", Label.REAL),
        ("[Acme] They have about sixty one thousand employees, mostly in the US.", Label.PARTIALLY_TRUE),
        ("[Acme] They have about sixty one thousand employees, almost all full-time.", Label.PARTIALLY_TRUE),
        # "mostly" before the figure is what the figure measures, checked with it
        ("[Acme] Their staff is mostly engineers, about sixty one thousand employees.", Label.REAL),
    ],
)
def test_a_figure_widened_to_most_of_what_it_counts_is_partly_checked(said: str, expected: Label) -> None:
    claim = make_claim(said, claim_id="c", claim_type=ClaimType.QUANTITATIVE)
    drafted = judge(make_claim_evidence(claim, (_STAFF, 0.7)), SETTINGS)
    assert drafted.label == expected
