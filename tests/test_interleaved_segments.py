"""A segment table pdftotext interleaved: no row or column can be read, so a figure on a line of its own
only agrees, and only with a claim about the filing's own year (verify/numbers.py `_wordless_match`), and
the words said around the claimed figure decide which measure it is."""

from __future__ import annotations

import pytest

from claimcheck.models import Citation, DocKind
from claimcheck.verify.numbers import Outcome, check_passage, measure_terms
from tests.factories import SETTINGS, make_passage

# Amazon.com, Inc. Form 10-K for fiscal 2017, Item 8, segment information, exactly as pdftotext printed it:
# the three segments' net sales, operating expenses and operating income for 2015-2017, their cells
# interleaved across rows.
SEGMENTS = "\n".join(
    [
        "Information on reportable segments and reconciliation to consolidated net income (loss) is as"
        " follows (in millions):",
        "Year Ended December 31,",
        "2015",
        "",
        "2016",
        "",
        "2017",
        "",
        "North America",
        "Net sales",
        "",
        "$",
        "",
        "63,708",
        "",
        "Operating expenses",
        "",
        "$",
        "",
        "79,785",
        "",
        "62,283",
        "",
        "Operating income",
        "",
        "$",
        "",
        "77,424",
        "",
        "106,110",
        "103,273",
        "",
        "$",
        "",
        "1,425",
        "",
        "$",
        "",
        "2,361",
        "",
        "$",
        "",
        "2,837",
        "",
        "$",
        "",
        "35,418",
        "",
        "$",
        "",
        "43,983",
        "",
        "$",
        "",
        "54,297",
        "",
        "International",
        "Net sales",
        "Operating expenses",
        "",
        "36,117",
        "",
        "Operating income (loss)",
        "",
        "45,266",
        "",
        "57,359",
        "",
        "$",
        "",
        "(699)",
        "",
        "$",
        "",
        "(1,283)",
        "",
        "$",
        "",
        "(3,062)",
        "",
        "$",
        "",
        "7,880",
        "",
        "$",
        "",
        "12,219",
        "",
        "$",
        "",
        "17,459",
        "",
        "AWS",
        "Net sales",
        "Operating expenses",
        "",
        "6,373",
        "",
        "Operating income",
        "",
        "9,111",
        "",
        "13,128",
        "",
        "$",
        "",
        "1,507",
        "",
        "$",
        "",
        "3,108",
        "",
        "$",
        "",
        "4,331",
        "",
        "$",
        "",
        "107,006",
    ]
)
AMAZON = Citation(
    title="AMAZON.COM, INC. Form 10-K FY2017", company="AMAZON.COM, INC.", period="FY2017", kind=DocKind.TEN_K
)
PASSAGE = make_passage(SEGMENTS, citation=AMAZON)


def _check(claim: str, passage=PASSAGE):  # type: ignore[no-untyped-def]
    (check,) = check_passage(claim, passage, SETTINGS)
    return check


def test_a_figure_on_a_line_of_its_own_agrees() -> None:
    check = _check("[Amazon] North America is the big one, a hundred and six billion.")
    assert check.outcome == Outcome.MATCH
    assert check.evidence is not None and check.evidence.text == "106,110"


@pytest.mark.parametrize(
    "claim",
    [
        # no figure rounds to it: the table cannot say which cell a wrong figure meant, so nothing refutes
        "[Amazon] North America is the big one, a hundred and thirty billion.",
        # another year than the filing's own: which column a cell is in cannot be read
        "[Amazon] North America did a hundred and six billion in 2016.",
        # a measure the passage never prints
        "[Amazon] North America's capex was a hundred and six billion.",
    ],
)
def test_what_the_interleaved_table_cannot_say_stays_unsettled(claim: str) -> None:
    assert _check(claim).outcome == Outcome.NO_FIGURE


def test_a_model_card_is_not_read_this_way() -> None:
    card = make_passage(SEGMENTS, citation=Citation(title="Model card", kind=DocKind.MODEL_CARD))
    assert _check("[Amazon] North America is the big one, a hundred and six billion.", card).outcome == (
        Outcome.NO_FIGURE
    )


def test_a_word_cut_by_the_window_is_no_measure_said() -> None:
    """ "which" cut to "whi" at the window's end was a measure word no page prints."""
    check = _check(
        "[Amazon] AWS made four point three billion in operating income, which is more than the whole "
        "company made."
    )
    assert check.outcome == Outcome.MATCH
    assert check.evidence is not None and check.evidence.text == "4,331"


def test_how_big_a_thing_is_names_no_measure() -> None:
    assert measure_terms("the big one, the biggest segment", lowercase_only=True) == {"segment"}
