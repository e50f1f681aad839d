"""Evidence must be about the claim's subject and period (issue #11, part 4): a passage about another
company, model, version, size or period never settles a claim; a claim whose subject is unresolved is never
checked; a claim with no subject is judged as before. Hand-built evidence, so only the policy is tested."""

from __future__ import annotations

import datetime as dt

from claimcheck.claims.aliases import ModelAliases
from claimcheck.models import Citation, ClaimSubject, ClaimType, DocKind, DraftVerdict, Label, Passage
from claimcheck.settings import Settings
from claimcheck.verify.findings import SignalName
from claimcheck.verify.policy import StanceProbs, judge, stance_key
from claimcheck.verify.subjects import about_subject, company_key, other_subject, period_years
from tests.factories import SETTINGS, make_claim, make_claim_evidence, make_evidence, make_passage

AMAZON = make_passage(
    "Net sales were $513.98 billion in 2022, compared with $469.82 billion in 2021.",
    passage_id="amzn.txt#0",
    citation=Citation(
        title="AMAZON 2022 10-K", kind=DocKind.TEN_K, company="Amazon.com, Inc.", period="FY2022"
    ),
)
META = make_passage(
    "Revenue was $116.61 billion in 2022.",
    passage_id="meta.md#0",
    citation=Citation(
        title="Meta 10-K FY2022", kind=DocKind.TEN_K, company="Meta Platforms, Inc.", period="FY2022"
    ),
)


def card(text: str, passage_id: str, title: str = "card3") -> Passage:
    """A model-card passage (no company, a bare title: what a real card gives)."""
    return make_passage(text, passage_id=passage_id, citation=Citation(title=title, kind=DocKind.MODEL_CARD))


LLAMA_70B = card("| Model | Params | Context |\n| Llama 3.1 70B | 70B | 128K |", "card31.md#0")
LLAMA_405B = card("Llama 3.1 405B has 405 billion parameters and a 128K context.", "card31.md#1")
LLAMA_3 = card("Llama 3 70B has 70 billion parameters.", "card3.md#0", "Llama 3 model card")
MAVERICK = card(
    "Llama 4 Maverick has 17 billion active parameters and 400 billion total parameters.",
    "card4.md#0",
    "Llama 4 model card",
)

LLAMA31_405B = ClaimSubject(name="Llama 3.1 405B", company="Meta", model="Llama 3.1 405B", version="3.1")


def draft(
    text: str,
    source: Passage,
    *,
    subject: ClaimSubject | None = None,
    period: str | None = None,
    ctype: ClaimType = ClaimType.QUANTITATIVE,
    stances: dict[str, StanceProbs] | None = None,
    settings: Settings = SETTINGS,
    **extra: object,
) -> DraftVerdict:
    claim = make_claim(text, claim_id="c", claim_type=ctype).model_copy(
        update={"subject": subject, "period": period, **extra}
    )
    return judge(make_claim_evidence(claim, (source, 0.7)), settings, stances)


def company(name: str) -> ClaimSubject:
    return ClaimSubject(name=name, company=name)


def test_names_are_normalised() -> None:
    assert company_key("Amazon.com, Inc.") == company_key("Amazon") == ["amazon"]
    assert company_key("Meta Platforms, Inc.") == company_key("Facebook") == ["meta"]
    assert period_years("FY24") == {2024} and period_years("Q4 2023") == {2023}


def test_figure_about_another_company_never_settles() -> None:
    # Amazon's 2022 net sales figure matches the claimed figure, but the claim is about Meta
    d = draft("Meta had net sales of $513.98 billion in 2022", AMAZON, subject=company("Meta"))
    assert d.label == Label.UNVERIFIED
    assert not d.evidence
    assert any(s.name == SignalName.OTHER_SUBJECT for s in d.signals)
    assert "another subject" in d.rationale
    # and the same passage settles the claim about Amazon, however the company is spelled
    assert draft(
        "Amazon had net sales of $513.98 billion in 2022", AMAZON, subject=company("Amazon")
    ).label == (Label.REAL)
    assert draft(
        "Facebook's revenue was $116.61 billion in 2022", META, subject=company("Facebook")
    ).label == (Label.REAL)


def test_contradicting_figure_about_another_company_is_not_hype() -> None:
    d = draft("Meta had net sales of $300 billion in 2022", AMAZON, subject=company("Meta"))
    assert d.label == Label.UNVERIFIED


def test_figure_about_another_model_size_never_settles() -> None:
    claim = "Llama 3.1 405B has a context of 128K tokens"
    assert draft(claim, LLAMA_70B, subject=LLAMA31_405B).label == Label.UNVERIFIED
    assert draft(claim, LLAMA_405B, subject=LLAMA31_405B).label == Label.REAL


def test_figure_about_another_version_or_variant_never_settles() -> None:
    llama3 = ClaimSubject(name="Llama 3.1 70B", company="Meta", model="Llama 3.1 70B", version="3.1")
    assert draft("Llama 3.1 70B has 70 billion parameters", LLAMA_3, subject=llama3).label == Label.UNVERIFIED
    scout = ClaimSubject(name="Llama 4 Scout", company="Meta", model="Llama 4 Scout", version="4")
    d = draft("Llama 4 Scout has 17 billion active parameters", MAVERICK, subject=scout)
    assert d.label == Label.UNVERIFIED


def test_stance_about_another_subject_never_settles() -> None:
    stances = {stance_key(0, AMAZON.passage_id): (0.95, 0.03, 0.02)}
    d = draft(
        "Meta sells groceries online",
        AMAZON,
        subject=company("Meta"),
        ctype=ClaimType.FACTUAL,
        stances=stances,
    )
    assert d.label == Label.UNVERIFIED


def test_passage_tied_to_another_period_never_settles() -> None:
    fy2024 = make_passage(
        "Revenue grew 22% year over year.",
        passage_id="meta24.md#0",
        citation=Citation(
            title="Meta 10-K", kind=DocKind.TEN_K, company="Meta Platforms, Inc.", period="FY2024"
        ),
    )
    claim = make_claim("Meta's revenue grew 22%").model_copy(
        update={"subject": company("Meta"), "period": "2023"}
    )
    assert other_subject(claim, fy2024) == "period FY2024"
    d = draft("Meta's revenue grew 22%", fy2024, subject=company("Meta"), period="2023")
    assert d.label == Label.UNVERIFIED
    # the note says which period the passage is about and which one the claim is, not "period FY2024" alone
    assert "Meta 10-K: about FY2024, not 2023" in d.rationale
    set_aside = about_subject(claim, [make_evidence("Revenue grew 22% year over year.", passage=fy2024)])[1]
    assert set_aside == ["Meta 10-K: about FY2024, not 2023"]
    # a filing whose text names the claim's year is left to the figure check (its year columns)
    assert other_subject(claim.model_copy(update={"period": "2022"}), META) is None


def test_a_later_years_filing_never_settles_what_is_said_before_it() -> None:
    fy2024 = make_passage(
        "Revenue grew 22% year over year.",
        passage_id="meta24.md#0",
        citation=Citation(
            title="Meta 10-K", kind=DocKind.TEN_K, company="Meta Platforms, Inc.", period="FY2024"
        ),
    )
    said = make_claim("Meta's revenue grew 22%").model_copy(
        update={"subject": company("Meta"), "date": dt.date(2023, 2, 20)}
    )
    assert other_subject(said, fy2024) == "period FY2024"
    set_aside = about_subject(said, [make_evidence("Revenue grew 22% year over year.", passage=fy2024)])[1]
    assert set_aside == ["Meta 10-K: about FY2024, not what was true on 2023-02-20"]
    # said once that year's filing is out, or as a forecast, the filing may settle it
    assert other_subject(said.model_copy(update={"date": dt.date(2025, 2, 20)}), fy2024) is None
    forecast = said.model_copy(update={"type": ClaimType.PREDICTIVE})
    assert other_subject(forecast, fy2024) is None


def _dated(text: str, title: str, kind: DocKind, company: str, date: dt.date, period: str) -> Passage:
    """A passage of a dated document of one kind, its id from its title."""
    citation = Citation(title=title, kind=kind, company=company, date=date, period=period)
    return make_passage(text, passage_id=f"{title.lower().replace(' ', '-')}.md#0", citation=citation)


def test_a_model_card_released_after_the_talk_never_settles_it() -> None:
    """A Llama 3.3 card (December 2024) restating Llama 3.1's scores is not what a talk in August 2024 is
    checked against; a filing published weeks after its year is judged by its year, not its date."""
    card = _dated(
        "| MMLU | 88.6 |", "Llama 3.3 model card", DocKind.MODEL_CARD, "Meta", dt.date(2024, 12, 6), "2024-12"
    )
    said = make_claim("The 405B instruct gets 88.6 on MMLU.").model_copy(update={"date": dt.date(2024, 8, 2)})
    assert other_subject(said, card) == "period 2024-12"
    assert other_subject(said.model_copy(update={"date": dt.date(2025, 1, 10)}), card) is None
    filing = _dated(
        "Revenue grew 22%.", "Meta 10-K", DocKind.TEN_K, "Meta Platforms, Inc.", dt.date(2023, 2, 2), "FY2022"
    )
    assert other_subject(said.model_copy(update={"date": dt.date(2023, 1, 20)}), filing) is None


def test_needs_context_stays_unverified() -> None:
    d = draft("It had net sales of $513.98 billion in 2022", AMAZON, needs_context=True, unresolved="It")
    assert d.label == Label.UNVERIFIED
    assert d.needs_review
    assert any("“It”" in r for r in d.review_reasons)
    assert "“It” could not be resolved" in d.rationale
    # not even a promotional claim turns Hype where promotional claims are drafted Hype, and it is not
    # called promotional: it was never checked
    hype_settings = SETTINGS.model_copy(update={"promotional_is_hype": True})
    for settings in (SETTINGS, hype_settings):
        best = draft("It is the best company", AMAZON, needs_context=True, unresolved="It", settings=settings)
        assert best.label == Label.UNVERIFIED
        assert "promotional" not in best.rationale
        assert not any(s.name == SignalName.PROMOTIONAL_UNSUPPORTED for s in best.signals)


def test_no_subject_claims_unchanged() -> None:
    d = draft("Net sales were $513.98 billion in 2022", AMAZON)
    assert d.label == Label.REAL
    assert not any(s.name == SignalName.OTHER_SUBJECT for s in d.signals)


def test_a_claim_with_no_subject_is_not_settled_by_a_company_its_talk_never_names() -> None:
    claim = "Net sales were $513.98 billion in 2022"
    # a talk about Meta: Amazon's figure matches, but nothing in the talk is about Amazon
    d = draft(claim, AMAZON, talk_companies=["Meta", "Nvidia"])
    assert d.label == Label.UNVERIFIED and not d.evidence
    assert "of Amazon.com, Inc., a company the talk never names" in d.rationale
    assert draft("Net sales were $300 billion in 2022", AMAZON, talk_companies=["Meta"]).label == (
        Label.UNVERIFIED
    )
    # a talk that names the company, however spelled or cut short, and a claim checked on its own
    for talked_of in (["Amazon"], ["Meta", "Amazon.com"], []):
        assert draft(claim, AMAZON, talk_companies=talked_of).label == Label.REAL
    amex = make_passage(
        "Discount revenue was $30.7 billion in 2022.",
        passage_id="amex.txt#0",
        citation=Citation(
            title="American Express Company Form 10-K FY2022", company="American Express Company"
        ),
    )
    assert draft("Discount revenue was $30.7 billion in 2022", amex, talk_companies=["Amex"]).label == (
        Label.REAL
    )
    # a card's company is Meta: a talk about Llama names Meta through its models' owner
    assert (
        other_subject(
            make_claim("Llama 3.1 405B has a 128K context").model_copy(update={"talk_companies": ["Meta"]}),
            LLAMA_405B.model_copy(
                update={"citation": Citation(title="Llama 3.1 model card", company="Meta")}
            ),
        )
        is None
    )


def test_model_aliases_name_a_model_by_a_size_or_variant_one_family_holds() -> None:
    texts = [
        ("llama3_1", "Llama 3.1 405B | Training Time (GPU hours): 30.84M"),
        ("llama3_1", "Llama 3.1 8B Instruct scores 73 on MMLU."),
        ("llama3_2", "Compared with Llama 3.1 405B and Llama 3.1 8B, Llama 3.1 8B, Llama 3.1 8B."),
        ("llama3_3", "Llama 3.1 405B, Llama 3.1 8B"),
        ("llama3", "Llama 3 8B"),
        ("llama4", "Llama 4 Scout, Llama 4 Scout Instruct"),
        ("llama3_2_vision", "Llama 3.2 90B"),
        ("other", "Llama 3.3 90B"),
    ]
    aliases = ModelAliases.from_texts(texts, share=0.8, min_documents=1)
    # documents vote, not mentions: three cards print "Llama 3.1 8B", one "Llama 3 8B" (3 of 4 < 0.8), and
    # the many comparisons with Llama 3.1 8B in one card count once; 90B is split between two families
    assert aliases.names == {"405B": "Llama 3.1 405B", "Scout": "Llama 4 Scout"}
    assert ModelAliases.from_texts(texts, share=0.8, min_documents=2).names == {"405B": "Llama 3.1 405B"}
    assert aliases.named_in("The 405B model alone used about 31 million GPU hours.") == ["Llama 3.1 405B"]
    assert aliases.named_in("Scout can handle a ten million token context.") == ["Llama 4 Scout"]
    assert aliases.named_in("The 8B model is small.") == []
    # a claim that names its model's version is read as written
    assert aliases.named_in("Llama 3.2 405B does not exist.") == []


def test_a_cited_document_is_not_listed_as_set_aside() -> None:
    """The AWS row of the Amazon 10-K settles a claim about AWS; the filing's other passages, which name no
    AWS, are set aside, but the note does not list as unused the very document the verdict cites."""
    amazon = Citation(
        title="AMAZON 2017 10-K", kind=DocKind.TEN_K, company="Amazon.com, Inc.", period="FY2017"
    )
    row = make_passage(
        "AWS net sales were $17,459 million in 2017.", passage_id="amzn17.txt#1", citation=amazon
    )
    other = make_passage("Total net sales were $177,866 million.", passage_id="amzn17.txt#2", citation=amazon)
    aws = ClaimSubject(name="AWS", product="AWS")
    claim = make_claim("AWS had seventeen and a half billion in net sales.", claim_id="c").model_copy(
        update={"subject": aws}
    )
    d = judge(make_claim_evidence(claim, (row, 0.7), (other, 0.6)), SETTINGS)
    assert d.label == Label.REAL
    assert "AMAZON 2017 10-K" not in d.rationale
    # with only the passage that names no AWS, the note says why it was not used
    alone = judge(make_claim_evidence(claim, (other, 0.6)), SETTINGS)
    assert alone.label == Label.UNVERIFIED and "AMAZON 2017 10-K: not AWS" in alone.rationale


def test_a_claim_about_the_text_models_is_not_settled_by_the_vision_card() -> None:
    # (twenty-fifth session; from 23_llama32_33_…, dev) "the whole three point two text thing was like nine
    # hundred thousand H100 hours" was drafted from the 3.2 Vision card's 885,000 (its text card gives 916k)
    llama32 = ClaimSubject(name="Llama 3.2", company="Meta", model="Llama 3.2", version="3.2")
    vision = card(
        "Training utilized a cumulative of 885K GPU hours of computation on H100-80GB.",
        "card32v.md#0",
        "Llama 3.2-Vision model card",
    )
    text = card(
        "Training utilized a cumulative of 916k GPU hours of computation on H100-80GB.",
        "card32.md#0",
        "Llama 3.2 model card",
    )
    said = make_claim(
        "The whole three point two [Llama 3.2] text thing was like nine hundred thousand H100 hours all in.",
        claim_id="c",
    ).model_copy(update={"subject": llama32})
    assert other_subject(said, vision) is not None
    assert other_subject(said, text) is None
    # (a claim that does not say "text" is still settled by either card of the family)
    plain = make_claim("Llama 3.2 was trained on H100s.", claim_id="d").model_copy(
        update={"subject": llama32}
    )
    assert other_subject(plain, vision) is None
