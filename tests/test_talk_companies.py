"""A claim that names no subject is about what its talk is about (eighteenth session): the claims stage
gives every claim the companies its talk names, and the figure check never reads a document of any other
company for it ("There are like forty thousand plaintiffs on talc", in a talk about J&J, is not refuted
by 3M's 5,000 earplug plaintiffs)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimcheck.models import Citation, DocKind, Label, Passage
from claimcheck.verify.policy import judge
from claimcheck.verify.subjects import other_subject, outside_talk
from tests.factories import SETTINGS, make_claim, make_claim_evidence, make_passage
from tests.speech_helpers import claims_by_quote, make_talk

_TALK = make_talk(
    "Johnson & Johnson did ninety four point nine billion last year.",
    "Pfizer's Seagen deal is bigger, and they trained Llama 3.1 on our cloud, supposedly.",
    "Okay, the talc thing.",
    "So there are like forty thousand plaintiffs on talc.",
    title="J&J's 2022: Kenvue and talc",
    entities=["Johnson & Johnson", "Kenvue"],
)

_3M = make_passage(
    "3M is a named defendant in lawsuits involving over 5,000 plaintiffs.",
    passage_id="3m.txt#1",
    citation=Citation(title="3M COMPANY Form 10-K FY2022", kind=DocKind.TEN_K, company="3M COMPANY"),
)
_JNJ = make_passage(
    "There were approximately 40,000 plaintiffs with talc claims.",
    passage_id="jnj.txt#1",
    citation=Citation(
        title="JOHNSON & JOHNSON Form 10-K FY2022", kind=DocKind.TEN_K, company="JOHNSON & JOHNSON"
    ),
)


def test_every_claim_carries_the_companies_its_talk_names(nlp: Language) -> None:
    claims = claims_by_quote(nlp, _TALK)
    plaintiffs = claims["So there are like forty thousand plaintiffs on talc."]
    assert plaintiffs.subject is None
    # the front matter's, those said, and a model's owner; never a company nobody mentioned
    assert {"Johnson & Johnson", "Kenvue", "Pfizer", "Meta"} <= set(plaintiffs.talk_companies)
    assert "3M" not in " ".join(plaintiffs.talk_companies)
    assert all(c.talk_companies == plaintiffs.talk_companies for c in claims.values())


def test_a_company_the_talk_never_names_settles_none_of_its_unnamed_claims(nlp: Language) -> None:
    claim = claims_by_quote(nlp, _TALK)["So there are like forty thousand plaintiffs on talc."]
    other = judge(make_claim_evidence(claim, (_3M, 0.8)), SETTINGS)
    assert other.label == Label.UNVERIFIED and not other.evidence
    assert "3M COMPANY, a company the talk never names" in other.rationale
    # the talk's own company still settles it
    assert judge(make_claim_evidence(claim, (_JNJ, 0.8)), SETTINGS).label == Label.REAL


def _filing(company: str) -> Passage:
    return make_passage(
        "We had approximately 150,000 employees at the end of the year.",
        passage_id=f"{company}.txt#1",
        citation=Citation(title=f"{company} Form 10-K FY2022", kind=DocKind.TEN_K, company=company),
    )


@pytest.mark.parametrize(
    ("talked_of", "company"),
    [
        (["McDonald's"], "MCDONALDS CORP"),
        (["Pepsi"], "PEPSICO INC"),
        (["JP Morgan"], "JPMORGAN CHASE & CO"),
        (["Lowe's"], "LOWES COMPANIES INC"),
        (["United Health"], "UNITEDHEALTH GROUP INC"),
        (["J&J"], "JOHNSON & JOHNSON"),
        (["Amex"], "American Express Company"),
        (["Facebook"], "Meta Platforms, Inc."),
        (["Adobe Systems"], "ADOBE INC."),
        (["Tesla Motors"], "TESLA, INC."),
    ],
)
def test_a_company_the_talk_names_another_way_is_still_its_own(talked_of: list[str], company: str) -> None:
    assert outside_talk(talked_of, _filing(company)) is None


@pytest.mark.parametrize(
    ("talked_of", "company"),
    [(["Johnson & Johnson"], "3M COMPANY"), (["Meta"], "METLIFE INC"), (["Amazon"], "AMCOR PLC")],
)
def test_a_company_the_talk_never_names_is_outside_it(talked_of: list[str], company: str) -> None:
    assert outside_talk(talked_of, _filing(company)) == company


@pytest.mark.parametrize(
    "text",
    [
        "We had about a hundred and fifty thousand employees.",
        "Um, we had about a hundred and fifty thousand employees.",
        "Okay, so our headcount was about a hundred and fifty thousand.",
    ],
)
def test_a_first_person_claim_may_be_about_the_speaker_s_unnamed_company(text: str) -> None:
    claim = make_claim(text).model_copy(update={"talk_companies": ["Google"]})
    assert other_subject(claim, _filing("Meta Platforms, Inc.")) is None


def test_a_claim_with_no_subject_needs_a_company_the_talk_names() -> None:
    claim = make_claim("We had about a hundred and fifty thousand employees.").model_copy(
        update={"talk_companies": ["Google"]}
    )
    unnamed = claim.model_copy(update={"text": "There were about a hundred and fifty thousand employees."})
    assert other_subject(unnamed, _filing("Meta Platforms, Inc.")) is not None


@pytest.mark.parametrize(
    ("talked_of", "company"),
    [
        (["Square Enix"], "SQUARE, INC."),
        (["MetaMask"], "Meta Platforms, Inc."),
        (["Intel"], "INTELLIA THERAPEUTICS"),
        (["Intellia"], "INTEL CORP"),
        (["United"], "UNITEDHEALTH GROUP"),
        (["Zoom"], "ZOOMINFO TECHNOLOGIES"),
        (["Blockbuster"], "BLOCK, INC."),
    ],
)
def test_a_name_that_only_starts_like_a_company_is_not_it(talked_of: list[str], company: str) -> None:
    assert outside_talk(talked_of, _filing(company)) == company


@pytest.mark.parametrize(
    "text",
    [
        "So in the US there are like forty thousand plaintiffs on talc.",
        "As we said, there are like forty thousand plaintiffs on talc.",
        "They told us there were about a hundred and fifty thousand employees.",
    ],
)
def test_a_host_s_we_or_the_us_is_no_speaker_s_company(text: str) -> None:
    claim = make_claim(text).model_copy(update={"talk_companies": ["Google"]})
    assert other_subject(claim, _filing("Meta Platforms, Inc.")) is not None
