"""Figures in a filing's prose that the dev transcripts of the twenty-sixth session missed: a list of sums
said of a list of years with no "respectively", a measure named before what it includes, and a headcount a
filing states as people employed. The sentences are written for these tests in the filings' style; the
figures are made up."""

from __future__ import annotations

from claimcheck.models import Citation, DocKind
from claimcheck.quantities import figures
from claimcheck.verify.numbers import Outcome, check_passage, local_year
from claimcheck.verify.terms import expansion_words
from tests.factories import SETTINGS, make_passage
from tests.speech_helpers import outcomes

_FILING = Citation(
    title="ACME CORP. Form 10-K FY2017", kind=DocKind.TEN_K, company="ACME CORP.", period="FY2017"
)


def _years(text: str) -> list[tuple[str, int | None]]:
    return [(q.text, local_year(text, q)) for q in figures(text)]


def test_a_list_of_sums_takes_the_list_of_years_said_after_it_one_for_one() -> None:
    # (pdftotext's spaces before the commas included)
    text = "Freight costs were $10.5 billion , $14.2 billion , and $19.7 billion in 2015 , 2016 , and 2017\n."
    assert _years(text) == [("$10.5 billion", 2015), ("$14.2 billion", 2016), ("$19.7 billion", 2017)]
    assert _years("Revenue was $5.1 billion and $4.2 billion in 2023 and 2022.") == [
        ("$5.1 billion", 2023),
        ("$4.2 billion", 2022),
    ]


def test_years_that_do_not_come_one_for_one_pair_nothing_by_the_list() -> None:
    # two sums, three years: no pairing by order; the nearest year stands for both, as before
    text = "Freight costs were $14.2 billion and $19.7 billion in 2015, 2016 and 2017."
    assert [year for _t, year in _years(text)] == [2015, 2015]
    # sums parted by other words are no list
    assert _years("We had 3 plants and 40 stores in 2023 and 2022.") == [("3", 2023), ("40", 2023)]
    # sums said of the years together
    together = "Net sales were $5.1 billion and $4.2 billion in 2023 and 2022 combined."
    assert [year for _t, year in _years(together)] == [2023, 2023]


def test_sums_said_of_a_list_of_names_are_the_names_not_the_years() -> None:
    # "Walmart and Target were 15% and 12%": a sum per name; which year is not said one for one
    for text in (
        "Sales to Walmart and Target were 15% and 12% in 2022 and 2021.",
        "Revenues in the Americas and EMEA were $6.0 billion and $3.0 billion in 2022 and 2021.",
    ):
        assert [year for _t, year in _years(text)] == [2022, 2022]


_SHIPPING = make_passage(
    "Freight costs, which include sortation and delivery center and transportation costs, were $10.5 "
    "billion , $14.2 billion , and $19.7 billion in 2015 , 2016 , and 2017\n. We expect our cost of "
    "freight to continue to increase.",
    passage_id="acme.txt#193",
    citation=_FILING,
)


def test_a_measure_named_before_what_it_includes_is_the_sentences() -> None:
    assert outcomes("Freight alone cost Acme like twenty five billion in 2017.", _SHIPPING) == [
        Outcome.MISMATCH
    ]
    assert outcomes("Freight cost Acme nineteen point seven billion in 2017.", _SHIPPING) == [Outcome.MATCH]
    # a part the sentence names neither first nor in the claim stays a part
    assert outcomes("Packaging cost Acme twenty five billion in 2017.", _SHIPPING) == [Outcome.NO_FIGURE]


def test_a_part_named_after_the_claims_measure_is_still_a_part() -> None:
    # the claim's words earlier in the sentence do not make a later part's figure the claim's
    two = make_passage(
        "Product revenue grew 6% in 2017 and services revenue was $4.1 billion.",
        passage_id="acme.txt#20",
        citation=_FILING,
    )
    assert outcomes("[Acme] Product revenue was five billion in 2017.", two) == [Outcome.NO_FIGURE]
    # a figure inside the clause of what the measure includes is the part's
    inside = make_passage(
        "Advertising revenue, which includes video revenue of $8.0 billion, was $26.9 billion in 2017.",
        passage_id="acme.txt#21",
        citation=_FILING,
    )
    (check,) = check_passage("[Acme] Advertising revenue was eight billion in 2017.", inside, SETTINGS)
    assert check.outcome != Outcome.MATCH


def test_a_headcount_is_searched_as_people_employed() -> None:
    assert "employed people" in expansion_words("Amex has like a hundred thousand employees now.")
    assert "employed people" in expansion_words("Their headcount is flat.")


def test_a_sum_that_another_is_net_of_is_no_measure_named_before_it() -> None:
    passage = make_passage(
        "Net income increased primarily as a result of decreased restructuring, impairment, and other "
        "related activities, net of $123 million, and a decrease in income tax expense.",
        passage_id="acme.txt#155",
        citation=_FILING,
    )
    (check,) = check_passage("[Acme] Net income was a little over a billion.", passage, SETTINGS)
    assert check.evidence is None or check.evidence.text != "$123 million"
    said = make_passage("Net income was $1,048 million in 2017.", passage_id="acme.txt#250", citation=_FILING)
    assert outcomes("[Acme] Net income was a little over a billion.", said) == [Outcome.MATCH]


def _column_cell(header: str, value: str) -> object:
    return make_passage(
        f"Biopharma\n\n{value}",
        passage_id="acme.txt#1161",
        text=f"ACME CORP. Form 10-K FY2017 > Item 7\n(in millions)\nBiopharma | {header}: {value}",
        citation=_FILING,
    )


def test_a_column_the_claim_never_names_refutes_nothing() -> None:
    # a region's column is not the whole segment's: "Biopharma | U.S. 2017: 29,221"
    us = _column_cell("U.S. 2017", "29,221")
    assert outcomes("[Acme] Biopharma was seventy nine and a half billion.", us) == [Outcome.NO_FIGURE]
    # it still agrees, and it refutes a claim that names its column
    assert outcomes("[Acme] Biopharma was twenty nine point two billion.", us) == [Outcome.MATCH]
    assert outcomes("[Acme] Biopharma in the US was forty billion.", us) == [Outcome.MISMATCH]
    # a column named by its period alone, or by how it is reported, is the claim's year's
    for header in ("Year Ended December 31, 2017", "GAAP Reported 2017", "Value"):
        year = _column_cell(header, "79,557")
        assert outcomes("[Acme] Biopharma was seventy billion.", year) == [Outcome.MISMATCH]


def test_one_models_row_does_not_refute_what_several_took_together() -> None:
    card = Citation(title="Llama 4 model card", kind=DocKind.MODEL_CARD)
    row = make_passage(
        "| Llama 4 Maverick | 2.38M | 700 | 645 | 0 |",
        passage_id="llama4.md#9",
        text="Llama 4 model card > Training Energy Use\nLlama 4 Maverick | Training Time (GPU hours): 2.38M",
        citation=card,
    )
    both = "[Llama 4 Maverick] Pre-training for both was about seven point four million GPU hours."
    (check,) = check_passage(both, row, SETTINGS)
    assert check.outcome == Outcome.OTHER_CONTEXT
    # the model's own figure is still refuted by its row
    own_claim = "[Llama 4 Maverick] Pre-training took about seven million GPU hours."
    (own,) = check_passage(own_claim, row, SETTINGS)
    assert own.outcome == Outcome.MISMATCH
