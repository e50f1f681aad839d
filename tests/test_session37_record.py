"""Thirty-seventh session: a claim is read off its subject's documents of record where they are at hand:
a year's own filing rather than a later one looking back on it, a model's own card rather than another
card's column for it."""

from __future__ import annotations

import datetime as dt

from claimcheck.models import Citation, Claim, ClaimSubject, DocKind, Passage
from claimcheck.verify.subjects import about_subject
from tests.factories import make_claim, make_claim_evidence, make_passage


def _about(claim: Claim, *passages: Passage) -> tuple[list[str], list[str]]:
    kept, notes = about_subject(claim, make_claim_evidence(claim, *[(p, 0.5) for p in passages]).evidence)
    return [e.passage.doc_id for e in kept], notes


def test_a_year_is_read_off_its_own_filing_where_it_is_at_hand() -> None:
    # (3M's FY2018 and FY2022 10-Ks both tell the 2018 Minnesota settlement)
    fy18 = Citation(title="3M COMPANY Form 10-K FY2018", kind=DocKind.TEN_K, company="3M", period="FY2018")
    fy22 = Citation(title="3M COMPANY Form 10-K FY2022", kind=DocKind.TEN_K, company="3M", period="FY2022")
    later = make_passage(
        "In February 2018, 3M settled the Minnesota NRD lawsuit; the 2018 charge was $897 million.",
        passage_id="3m22.txt#1",
        citation=fy22,
    )
    own = make_passage(
        "In 2018, 3M recorded a pre-tax charge of $897 million for the Minnesota NRD resolution.",
        passage_id="3m18.txt#1",
        citation=fy18,
    )
    claim = make_claim("[3M] The big legal hit last year [2018] was Minnesota, like nine hundred million.")
    claim = claim.model_copy(update={"subject": ClaimSubject(name="3M", company="3M"), "period": "FY2018"})
    kept, notes = _about(claim, later, own)
    assert kept == ["3m18.txt"]
    assert notes == ["3M COMPANY Form 10-K FY2022: not the filing for FY2018"]
    # without the year's own filing at hand, the later one still speaks to it
    assert _about(claim, later)[0] == ["3m22.txt"]


def test_a_model_is_read_off_its_own_card_where_it_is_at_hand() -> None:
    llama3 = Citation(title="Llama 3 model card", kind=DocKind.MODEL_CARD, company="Meta")
    llama31 = Citation(title="Llama 3.1 model card", kind=DocKind.MODEL_CARD, company="Meta")
    own = make_passage(
        "Math | MATH (4-shot, CoT) | Llama 3 70B Instruct: 50.4", passage_id="llama3.md#9", citation=llama3
    )
    column = make_passage(
        "Math | MATH (0-shot, CoT) | Llama 3 70B Instruct: 51.0", passage_id="llama31.md#9", citation=llama31
    )
    claim = make_claim("Llama 3 70B Instruct was ninety three on MATH.")
    subject = ClaimSubject(
        name="Llama 3 70B Instruct", company="Meta", model="Llama 3 70B Instruct", version="3"
    )
    claim = claim.model_copy(update={"subject": subject})
    kept, notes = _about(claim, column, own)
    assert kept == ["llama3.md"] and notes == ["Llama 3.1 model card: not the Llama 3 card"]
    assert _about(claim, column)[0] == ["llama31.md"]


def test_a_claim_about_two_models_is_read_where_both_are_scored() -> None:
    llama4 = Citation(title="Llama 4 model card", kind=DocKind.MODEL_CARD, company="Meta")
    llama31 = Citation(title="Llama 3.1 model card", kind=DocKind.MODEL_CARD, company="Meta")
    both = make_passage(
        "Reasoning | GPQA Diamond | Llama 3.1 405B: 49.0 | Llama 4 Maverick: 69.8",
        passage_id="llama4.md#3",
        citation=llama4,
    )
    own = make_passage(
        "Reasoning | GPQA | Llama 3.1 405B Instruct: 50.7", passage_id="llama31.md#3", citation=llama31
    )
    claim = make_claim(
        "GPQA Diamond, Maverick [Llama 4 Maverick]'s almost seventy, "
        "the four oh five [Llama 3.1 405B] is forty nine."
    )
    subject = ClaimSubject(name="Llama 3.1 405B", company="Meta", model="Llama 3.1 405B", version="3.1")
    kept, notes = _about(claim.model_copy(update={"subject": subject}), both, own)
    assert kept == ["llama4.md", "llama31.md"] and notes == []


def test_a_claim_over_two_years_or_a_fiscal_year_reads_the_right_filings() -> None:
    fy18 = Citation(title="3M COMPANY Form 10-K FY2018", kind=DocKind.TEN_K, company="3M", period="FY2018")
    fy17 = Citation(title="3M COMPANY Form 10-K FY2017", kind=DocKind.TEN_K, company="3M", period="FY2017")
    a = make_passage("Sales were $31.7 billion in 2017.", passage_id="3m17.txt#1", citation=fy17)
    b = make_passage(
        "Sales were $32.8 billion in 2018, up from 2017.", passage_id="3m18.txt#1", citation=fy18
    )
    claim = make_claim("[3M] Sales went from 31.7 billion in 2017 to 32.8 billion in 2018.")
    claim = claim.model_copy(update={"subject": ClaimSubject(name="3M", company="3M"), "period": "FY2017"})
    assert _about(claim, a, b)[0] == ["3m17.txt", "3m18.txt"]
    # Best Buy's fiscal 2023 ended January 28, 2023: a claim about 2022 reads it, not fiscal 2022
    ended = {"year_end": dt.date(2023, 1, 28)}
    fy23 = Citation(title="BEST BUY FY2023", kind=DocKind.TEN_K, company="Best Buy", period="FY2023", **ended)
    fy22 = Citation(
        title="BEST BUY FY2022",
        kind=DocKind.TEN_K,
        company="Best Buy",
        period="FY2022",
        year_end=dt.date(2022, 1, 29),
    )
    new = make_passage("Revenue was $46.3 billion.", passage_id="bby23.txt#1", citation=fy23)
    old = make_passage("Revenue was $51.8 billion.", passage_id="bby22.txt#1", citation=fy22)
    claim = make_claim("[Best Buy] Revenue was forty six billion in 2022.")
    claim = claim.model_copy(
        update={"subject": ClaimSubject(name="Best Buy", company="Best Buy"), "period": "2022"}
    )
    kept, notes = _about(claim, old, new)
    assert kept == ["bby23.txt"] and notes == ["BEST BUY FY2022: not the filing for 2022"]
