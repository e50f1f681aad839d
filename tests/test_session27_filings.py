"""Wrong refutations the dev transcripts of the twenty-seventh session showed: a "respectively" that closes a
sentence longer than the window a figure's year is read in, and a figure of prose said with no word of the
claim's measure (revenue or income). The sentences are written for these tests in the filings' style; the
figures are made up."""

from __future__ import annotations

from claimcheck.models import Citation, DocKind
from claimcheck.quantities import figures
from claimcheck.verify.numbers import Outcome, check_passage, local_year
from tests.factories import SETTINGS, make_passage
from tests.speech_helpers import filed, outcomes

_FILING = Citation(
    title="ACME CORP. Form 10-K FY2022", kind=DocKind.TEN_K, company="ACME CORP.", period="FY2022"
)


def _outcomes(claim: str, text: str) -> list[Outcome]:
    return outcomes(claim, filed(text, "ACME CORP."))


_RUSSIA = (
    "We continue to offer our other products in Russia. Our operations in Russia accounted for 6% and 3% of "
    "our consolidated net revenue for the year ended December 31, 2022 and December 25, 2021, respectively."
)


def test_respectively_pairs_figures_however_long_the_sentence() -> None:
    assert [(q.text, local_year(_RUSSIA, q)) for q in figures(_RUSSIA) if q.text.endswith("%")] == [
        ("6%", 2022),
        ("3%", 2021),
    ]
    # so the claim's year's figure settles it, not the one nearest the measure's name
    six = "[Acme] Russia's like six percent of Acme's revenue in 2022."
    assert _outcomes(six, _RUSSIA) == [Outcome.MATCH]


def test_figures_before_the_window_are_not_counted_into_the_list() -> None:
    # "3M" before the window is no figure of the list "$42 million and $111 million … respectively"
    text = (
        "Currency Effects: 3M estimates that year-on-year currency effects, including hedging impacts, "
        "decreased pre-tax income by $42 million and $111 million in 2018 and 2017, respectively."
    )
    years = {q.text: local_year(text, q) for q in figures(text)}
    assert years["$42 million"] == 2018 and years["$111 million"] == 2017


def test_a_figure_of_prose_said_with_no_word_of_the_claims_measure_refutes_nothing() -> None:
    gross_profit = "[Acme] The gross profit on bitcoin was like ninety seven million in 2022."
    assert _outcomes(gross_profit, "We purchased $170 million of bitcoin in 2022.") == [Outcome.NO_FIGURE]
    remeasured = "A net foreign currency remeasurement gain of $130 million was recorded in 2022."
    assert _outcomes("Currency took like six hundred million off [Acme's] sales.", remeasured) == [
        Outcome.NO_FIGURE
    ]
    # said with the measure's words, it still refutes, and it agrees as before
    assert _outcomes(gross_profit, "Gross profit on bitcoin was $170 million in 2022.") == [Outcome.MISMATCH]
    said = "Net sales were $130 million in 2022, and we purchased $170 million of bitcoin."
    assert _outcomes("[Acme's] sales were like six hundred million in 2022.", said) == [Outcome.MISMATCH]
    agrees = "[Acme's] sales were like a hundred and thirty million in 2022."
    assert _outcomes(agrees, said) == [Outcome.MATCH]
    # a table's cell is left to the alignment: its measure may be said in the table's caption
    cell = make_passage(
        "International\n\n(3,062)",
        passage_id="acme.txt#300",
        text="ACME CORP. Form 10-K FY2022 > Item 7\n(in millions)\nInternational | 2022: (3,062)",
        citation=_FILING,
    )
    lost = "[Acme] International lost money again, like one point three billion."
    checks = check_passage(lost, cell, SETTINGS)
    assert [c.outcome for c in checks] == [Outcome.MISMATCH]


def test_a_year_well_after_respectively_is_another_clauses() -> None:
    # the pairing holds, and the second list's years do not undo it
    text = (
        "The fair value of long-term debt was $6.1 billion and $8.3 billion as of December 31, 2022 and "
        "2021, respectively, compared to recorded book values of $7.0 billion and $7.1 billion as of "
        "December 31, 2022 and 2021."
    )
    years = {q.text: local_year(text, q) for q in figures(text)}
    assert years["$6.1 billion"] == 2022 and years["$8.3 billion"] == 2021
    # a year right after "respectively" still says the figures pair with something else
    other = "Revenues of 17% and 13%, respectively, for 2019 and 2018 came from these two customers."
    assert _respective_year_of(other, "13%") is None


def _respective_year_of(text: str, figure: str) -> int | None:
    from claimcheck.verify.numbers import _respective_year

    q = next(q for q in figures(text) if q.text == figure)
    return _respective_year(text, q, 0, len(text))


def test_a_loss_said_as_a_charge_still_refutes() -> None:
    # a loss is not a measure the rule reads: a filing says it as a charge or an impairment
    charge = "We recorded an impairment charge of approximately $0.8 billion related to bermekimab in 2022."
    claim = "[Acme] took like a one point five billion impairment loss on bermekimab in 2022."
    assert _outcomes(claim, charge) == [Outcome.MISMATCH]


def test_a_companys_stock_said_to_move_alone_is_the_markets() -> None:
    text = (
        "The number of shares outstanding rose 20% during 2023, and treasury stock rose 128% to $16 million."
    )
    assert _outcomes("And Acme stock's down like twenty percent this year.", text) == []
    # a filing's own line of stock, or a second figure said beside the move, is still checked
    assert _outcomes("Treasury stock was up like a hundred percent in 2023.", text) != []
    both = "[Acme] Acme stock fell like twenty percent, and treasury stock still rose to sixteen million."
    assert _outcomes(both, text) != []
