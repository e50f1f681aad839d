"""A figure said with few words ("Tools, that's drills and saws, three point four billion") against the one
figure a filing prints to the digits said, in a sentence, row or label that shares a word with the claim.
pdftotext prints some tables column by column, so a row's label may stand after its first cell ("Global
Revenues $12,345 Widgetron(a)") or alone on the line before a bare cell. Only agreement is read this way,
never a refutation: which figure a disagreeing claim meant is not said."""

from __future__ import annotations

import pytest

from claimcheck.models import Citation, DocKind, Passage
from claimcheck.verify.numbers import Outcome, check_passage
from tests.factories import SETTINGS, make_passage

_FILING = Citation(
    title="ACME CORP. Form 10-K FY2022", kind=DocKind.TEN_K, company="ACME CORP.", period="FY2022"
)


def _filed(text: str) -> Passage:
    """A passage of Acme's FY2022 10-K."""
    return make_passage(text, passage_id="acme.txt#1", citation=_FILING)


# a product table printed column by column: each label after its figure, and no unit on the page
_PRODUCTS = _filed(
    "Selected Product Discussion\nProduct\n\nGlobal\nRevenues\n$12,345\n\nWidgetron(a)\n\n$2,017\n\nGizmax"
)
# a cost line printed as its label, then its three years' bare figures
_COSTS = _filed(
    "(in millions)\nRestructuring and related costs\n\n211\n\n4\n\n17\n\nInterest expense\n\n21\n\n19"
)
_SEGMENT = _filed(
    "Year 2022 results: Sales in Tools totaled $3.4 billion, an increase of 2.2 percent in U.S. dollars."
)


def _outcomes(claim: str, passage: Passage) -> list[Outcome]:
    return [c.outcome for c in check_passage(claim, passage, SETTINGS)]


def test_a_label_printed_after_its_figure_names_it() -> None:
    assert _outcomes("[Acme] The top line is Widgetron, twelve point three billion.", _PRODUCTS) == [
        Outcome.MATCH
    ]
    # another figure than any printed is neither confirmed nor refuted
    assert _outcomes("[Acme] The top line is Widgetron, fifteen billion.", _PRODUCTS) == [Outcome.NO_FIGURE]


def test_a_bare_figure_after_its_label_is_read_in_millions_when_said_to_three_digits() -> None:
    said = "Acme's restructuring charge was two hundred and eleven million for the year."
    assert _outcomes(said, _COSTS) == [Outcome.MATCH]
    # two digits are too few to tell a bare "21" of interest from any other small number
    assert _outcomes("Acme's interest bill was twenty one million.", _COSTS) == [Outcome.NO_FIGURE]


def test_a_part_named_in_passing_agrees_with_its_sentence() -> None:
    assert _outcomes("[Acme] Tools, that's drills and saws, three point four billion.", _SEGMENT) == [
        Outcome.MATCH
    ]


def test_no_shared_word_or_another_money_settles_nothing() -> None:
    assert _outcomes("[Acme] Toys, that's dolls and kites, three point four billion.", _SEGMENT) == [
        Outcome.NO_FIGURE
    ]
    # the claim says which money; the sentence prints sales
    assert _outcomes("[Acme] Tools' operating income was three point four billion.", _SEGMENT) == [
        Outcome.NO_FIGURE
    ]


def test_a_wide_range_is_not_read_as_agreement() -> None:
    said = "Organic sales in Tools increased 14 percent, led by drills."
    growth = _filed(said)
    assert Outcome.MATCH not in _outcomes("[Acme] Drills grew double digits.", growth)


def test_the_documents_own_subject_is_no_shared_word() -> None:
    # every row of a Llama card is printed near "Llama": a download count is not its parameter count
    card = make_passage(
        "Llama 3.2 (text only) | Params: 1B (1.23B) | Context length: 128k",
        passage_id="llama32.md#1",
        citation=Citation(title="Llama 3.2 model card", kind=DocKind.MODEL_CARD),
    )
    said = "Meta says Llama's past a billion downloads, 1.2bn or something."
    assert Outcome.MATCH not in _outcomes(said, card)


_BY_REGION = _filed("Sales by U.S. companies were $48.6 billion in 2022 and $47.2 billion in 2021.")


def test_a_sum_said_to_three_digits_needs_no_word_in_common() -> None:
    assert _outcomes("US was forty eight point six billion, so over half.", _BY_REGION) == [Outcome.MATCH]
    # a value only within tolerance is not one said to its digits; two digits match too much of a page
    assert _outcomes("US was forty eight point three billion.", _BY_REGION) == [Outcome.NO_FIGURE]
    assert _outcomes("US was forty nine billion.", _BY_REGION) == [Outcome.NO_FIGURE]


def test_a_bare_count_may_be_a_name() -> None:
    fleet = _filed("We delivered 777 airplanes in total.")
    assert Outcome.MATCH not in _outcomes("[Acme] The 777X slipped again.", fleet)


# What a fresh-eyes review found the first version let through: a figure of another segment, measure,
# company or year, equal to the one said, matched on a word that names nothing in common.
_OTHER = Citation(title="OTHERCO Form 10-K FY2022", kind=DocKind.TEN_K, company="OTHERCO", period="FY2022")


@pytest.mark.parametrize(
    ("claim", "printed"),
    [
        # another segment, shared "sales" or "revenue" and "segment" only
        ("[Otherco] Consumer sales grew nine point two percent.", "Sales in Safety were up 9.2 percent."),
        (
            "[Otherco] The Business segment did a hundred and three point five billion in revenue.",
            "The Consumer segment's revenues were $103.5 billion.",
        ),
        # another measure than the one said
        ("[Otherco] Tools backlog is three point four billion.", "Sales in Tools totaled $3.4 billion."),
        # another company's figure
        (
            "Kimberly-Clark's consumer tissue business did about five point three billion.",
            "Sales in Consumer totaled $5.3 billion.",
        ),
        # the figure compared with, not the year's
        (
            "[Otherco] Tools, drills and saws, three point four billion.",
            "Sales in Tools were $3.6 billion, compared with $3.4 billion in the prior year.",
        ),
        # a share said to one digit is that whole percentage
        ("[Otherco] Quaker Foods is about sixty percent.", "Convenient Foods\n\n55%\n\nBeverages\n\n45%"),
    ],
)
def test_a_shared_word_that_names_nothing_settles_nothing(claim: str, printed: str) -> None:
    passage = make_passage(printed, passage_id="other.txt#1", citation=_OTHER)
    assert Outcome.MATCH not in _outcomes(claim, passage)


# ------------------------------------------------------------- a percentage said with its percent left off

_COMPS = (
    "Appliances: The 5.7% comparable sales decline was driven primarily by large appliances. "
    "Computing and Mobile Phones: The 11.7% comparable sales decline was driven primarily by computing. "
    "Gross profit was $9.9 billion."
)


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("[Acme] Appliances was five point seven.", [Outcome.MATCH]),  # its row's percentage, to the digits
        ("[Acme] No, that's computing, eleven point seven.", [Outcome.MATCH]),
        ("[Acme] Appliances was six point one.", [Outcome.NO_FIGURE]),  # disagreeing: never refuted
        ("[Acme] Appliances was eleven point seven.", [Outcome.NO_FIGURE]),  # another row's percentage
        ("[Acme] Entertainment was five point seven.", [Outcome.NO_FIGURE]),  # a row the claim does not name
    ],
)
def test_a_bare_number_agrees_with_its_rows_percentage(claim: str, expected: list[Outcome]) -> None:
    assert [c.outcome for c in check_passage(claim, _filed(_COMPS), SETTINGS)] == expected


def test_a_small_number_said_bare_refutes_nothing() -> None:
    # the billions were said a turn before; the "(5)" is a footnote's marker, not Acme's debt
    passage = _filed("Selected Financial Data\nLong-term debt, gross 2,700 2,700 4,440 4,940 Net debt (5)")
    claim = "[Acme] Five point eight in cash, and only two point seven of debt."
    assert [c.outcome for c in check_passage(claim, passage, SETTINGS)] == [Outcome.NO_FIGURE] * 2


_PROSE = (
    "Revenue grew 12% to $5.1 billion. Comparable sales increased 15% and gross margin was 23.4%. "
    "Diluted earnings per share were $3.85."
)


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("[Acme] Revenue was 12.", [Outcome.NO_FIGURE]),  # written, not said: read as written
        ("[Acme] Revenue was twenty three point four.", [Outcome.NO_FIGURE]),  # the margin's, not revenue's
        ("[Acme] Diluted earnings per share were 4.10.", [Outcome.MISMATCH]),  # written: refutes
    ],
)
def test_a_generic_measure_word_ties_no_bare_number(claim: str, expected: list[Outcome]) -> None:
    assert [c.outcome for c in check_passage(claim, _filed(_PROSE), SETTINGS)] == expected
