"""Figures said around asides and small spoken numbers (issue 11): "It went down, to one point five." after
"Net income was actually up, to one point eight billion" is net income, in billions; "nineteen and a quarter"
is 19.25; an aside set off by commas ("that's where the Prime fees go", "the Candy Crush people") or a word
of praise ("the bright spot") says nothing about which figure a filing prints; and a sum said to enough
digits agrees with a broken table's cell even when "north of" it."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimcheck.models import Citation, DocKind, Passage
from claimcheck.quantities import figures
from claimcheck.verify.numbers import Outcome, check_passage
from tests.factories import SETTINGS, make_passage
from tests.speech_helpers import claims_by_quote, make_talk

_FILING = Citation(
    title="ACME CORP. Form 10-K FY2022", kind=DocKind.TEN_K, company="ACME CORP.", period="FY2022"
)


def _filed(text: str) -> Passage:
    return make_passage(text, passage_id="acme.txt#7", citation=_FILING)


def _outcomes(claim: str, passage: Passage) -> list[Outcome]:
    return [c.outcome for c in check_passage(claim, passage, SETTINGS)]


def test_a_small_spoken_decimal_leans_on_the_measure_and_scale_before(nlp: Language) -> None:
    talk = make_talk(
        "Net income was actually up, to one point eight billion.",
        "Wait, up?",
        "Sorry, sorry. It went down, to one point five.",
        entities=["Acme"],
    )
    text = claims_by_quote(nlp, talk)["It went down, to one point five."].text
    assert "net income" in text
    assert "one point five [billion]" in text


def test_net_bookings_is_a_measure_a_later_clause_leans_on(nlp: Language) -> None:
    talk = make_talk(
        "Net bookings were sixty three hundred and eighty eight million.",
        "That's down like eleven percent.",
        entities=["Acme"],
    )
    assert "net bookings" in claims_by_quote(nlp, talk)["That's down like eleven percent."].text.lower()


@pytest.mark.parametrize(
    ("said", "values"),
    [
        ("Free cash flow fell from nineteen and a quarter to about fourteen.", [19.25, 14.0]),
        ("one and a quarter million subscribers", [1.25e6]),
        ("two and three quarters percent", [2.75]),
        # (a half is read as before)
        ("nineteen and a half", [19.5]),
    ],
)
def test_a_quarter_after_and_is_part_of_the_number(said: str, values: list[float]) -> None:
    assert [q.value for q in figures(said)] == values


def test_an_aside_names_no_one_the_figure_is_of() -> None:
    row = _filed("(in millions)\nSubscription services | 2020: 4,467 | 2021: 6,394 | 2022: 9,721")
    said = "[Acme] Subscription services, that's where the Prime fees go, was nine point seven billion."
    assert _outcomes(said, row) == [Outcome.MATCH]
    # the aside is left out, not the rest: another figure is still refuted by the row
    assert _outcomes(
        "[Acme] Subscription services, that's where the Prime fees go, was twelve point one billion.", row
    ) == [Outcome.MISMATCH]


def test_praise_is_no_measure() -> None:
    prose = _filed(
        "The OTC franchise sales of $6.0 billion increased 7.2% as compared to the prior year. "
        "The Oral Care franchise sales of $1.5 billion declined 8.5% as compared to the prior year."
    )
    said = "[Acme] Inside Consumer, OTC was the bright spot, Tylenol and all, six billion, up seven percent."
    assert _outcomes(said, prose) == [Outcome.MATCH, Outcome.MATCH]
    # another part's figure is still not OTC's
    assert _outcomes("[Acme] Inside Consumer, OTC was the bright spot, one point five billion.", prose) != [
        Outcome.MATCH
    ]


# Block's FY2020 10-K (Item 6, Selected Financial Data), as pdftotext printed it: the labels, then the cells
_BROKEN = make_passage(
    "2020\nGross Payment Volume (GPV) (in millions)\nAdjusted EBITDA\nAdjusted Net Income Per Share:\nBasic\n"
    "Diluted\n\n$\n$\n\n112,295\n474,071\n\n$\n$\n\n0.95\n0.84",
    passage_id="square.txt#1",
    citation=Citation(
        title="SQUARE, INC. Form 10-K FY2020", kind=DocKind.TEN_K, company="SQUARE, INC.", period="FY2020"
    ),
)


def test_a_bound_said_to_three_digits_agrees_with_a_broken_tables_cell() -> None:
    said = "[Square] Total GPV in twenty twenty was north of a hundred and twelve billion."
    assert _outcomes(said, _BROKEN) == [Outcome.MATCH]
    # the bound holds as said, and rounds to the digits said: "north of" 113 is not 112.3
    assert _outcomes(said.replace("twelve", "thirteen"), _BROKEN) == [Outcome.NO_FIGURE]


def test_a_name_the_passage_never_prints_still_bars_a_wordless_match() -> None:
    said = "[Square] Cash App GPV was north of a hundred and twelve billion."
    assert _outcomes(said, _BROKEN) == [Outcome.NO_FIGURE]
