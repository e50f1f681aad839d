"""A bare number takes the unit its sentence or its talk gives it (sixteenth session): a percentage after a
rate or a move ("operating margin was nineteen point one", "International was up thirty six"), the unit and
scale of the figure before it in a list or comparison ("fifty eight percent full-time, thirty two
part-time"), and the scale another part of the company was just said in ("MedTech was twenty seven point
four" after "Pharma's the big one, fifty two point six billion"). Label-column tables whose ratio row holds
are read ("Adjusted EBIT as a percentage of net sales")."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimcheck.corpus.columns import label_columns
from claimcheck.models import Citation, DocKind
from claimcheck.quantities import Unit, figures
from claimcheck.verify.numbers import Outcome
from tests.factories import make_passage
from tests.speech_helpers import outcomes
from tests.test_two_company_talk import one_company_claims


def _read(text: str) -> list[tuple[Unit, float, bool]]:
    return [(q.unit, round(q.value, 4), q.change) for q in figures(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a rate said just before: both levels of the margin are percentages
        (
            "GAAP operating margin was nineteen point one, down from twenty point eight.",
            [(Unit.PERCENT, 19.1, False), (Unit.PERCENT, 20.8, False)],
        ),
        ("The tax rate was like twenty one.", [(Unit.PERCENT, 21.0, False)]),
        # where a move went to is a level; so is a level compared with the one before
        ("The margin went up to thirteen point six percent.", [(Unit.PERCENT, 13.6, False)]),
        ("Margin was 19.1%, down from 20.8%.", [(Unit.PERCENT, 19.1, False), (Unit.PERCENT, 20.8, False)]),
        # (the rate a growth rate is compared with is a growth rate)
        ("Revenue grew 12%, up from 8% last year.", [(Unit.PERCENT, 12.0, True), (Unit.PERCENT, 8.0, True)]),
        # a move with nothing after it
        ("International was up thirty six.", [(Unit.PERCENT, 36.0, True)]),
        # the figure before it in a comparison or a list gives unit and scale
        (
            "Total debt was a hundred and fifty point six billion versus a hundred and fifty point nine.",
            [(Unit.COUNT, 150.6e9, False), (Unit.COUNT, 150.9e9, False)],
        ),
        (
            "They're fifty eight percent full-time, thirty two part-time, and the rest seasonal.",
            [(Unit.PERCENT, 58.0, False), (Unit.PERCENT, 32.0, False)],
        ),
        (
            "Thirty million in the first half, ninety in the second.",
            [(Unit.COUNT, 30e6, False), (Unit.COUNT, 90e6, False)],
        ),
        ("Thirty seven thousand out of ninety two.", [(Unit.COUNT, 37e3, False), (Unit.COUNT, 92e3, False)]),
        (
            "The quarterly dividend goes from fifty two cents to sixty.",
            [(Unit.USD, 0.52, False), (Unit.USD, 0.6, False)],
        ),
    ],
)
def test_a_bare_number_takes_the_unit_said_around_it(
    text: str, expected: list[tuple[Unit, float, bool]]
) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # where a move went is a level, not a second move
        ("Revenue grew 8 percent to 32.", [(Unit.PERCENT, 8.0, True), (Unit.COUNT, 32.0, False)]),
        # a count of other things, or a size far from the figure before
        ("ten percent of revenue and twenty stores", [(Unit.PERCENT, 10.0, False)]),
        (
            "up twenty percent, and three hundred employees",
            [(Unit.PERCENT, 20.0, True), (Unit.COUNT, 300.0, False)],
        ),
        # points of a score after a move, and table cells, keep no unit
        ("Llama 3 8B is up 12 on MMLU", [(Unit.VERSION, 3.0, False), (Unit.COUNT, 12.0, False)]),
        ("Operating margin | 24.8", [(Unit.COUNT, 24.8, False)]),
        # (a fresh-eyes review's cases) a model's size is no unit for a score; counts after sums and shares
        ("The 8B model scores 66 on MMLU.", [(Unit.PARAMETERS, 8e9, False), (Unit.COUNT, 66.0, False)]),
        (
            "Llama 3 8B scored 66.6 and 70B scored 79.5.",
            [
                (Unit.VERSION, 3.0, False),
                (Unit.COUNT, 66.6, False),
                (Unit.COUNT, 70e9, False),
                (Unit.COUNT, 79.5, False),
            ],
        ),
        (
            "A notional $2 billion, 3 of which mature in 2025.",
            [(Unit.USD, 2e9, False), (Unit.COUNT, 3.0, False)],
        ),
        ("About 80 percent of the Fortune 500.", [(Unit.PERCENT, 80.0, False), (Unit.COUNT, 500.0, False)]),
        # a move in a count's own unit, and rates that are no percentages
        ("Headcount was 67,317, down 22.", [(Unit.COUNT, 67317.0, False), (Unit.COUNT, 22.0, False)]),
        ("The dropout rate was 0.1.", [(Unit.COUNT, 0.1, False)]),
        # "to" with no move before it, "up to" as a hedge, and a growth rate where it went, stay changes
        ("Sales increased due to 12% growth in volume.", [(Unit.PERCENT, 12.0, True)]),
        ("Cloud growth accelerated to 28%.", [(Unit.PERCENT, 28.0, True)]),
        ("Net sales\n2023\n11,154\n12.8 %", [(Unit.COUNT, 11154.0, False), (Unit.PERCENT, 12.8, False)]),
    ],
)
def test_a_bare_number_keeps_no_unit_it_was_not_given(
    text: str, expected: list[tuple[Unit, float, bool]]
) -> None:
    assert _read(text) == expected


_JNJ = Citation(
    title="JOHNSON & JOHNSON Form 10-K FY2022",
    kind=DocKind.TEN_K,
    company="JOHNSON & JOHNSON",
    period="FY2022",
)


def test_a_quarterly_move_is_quarterly_at_both_ends() -> None:
    # the year's dividends ($2.08) settle neither end of "the quarterly dividend goes from … to …"
    passage = make_passage(
        "Cash dividends declared per common share were $2.08 in 2022.",
        citation=Citation(title="AMERICAN EXPRESS CO Form 10-K FY2022", kind=DocKind.TEN_K, period="FY2022"),
    )
    assert Outcome.MISMATCH not in outcomes(
        "[American Express] The quarterly dividend goes from fifty two cents to sixty.", passage
    )


def test_another_part_said_bare_takes_the_scale_the_part_before_was_said_in(nlp: Language) -> None:
    claims = one_company_claims(
        nlp,
        "Johnson & Johnson",
        "Pharma's the big one, fifty two point six billion.",
        "MedTech was twenty seven point four.",
        "Consumer was fifteen, and it actually shrank a little.",
    )
    texts = [t for t, _ in claims]
    again = one_company_claims(
        nlp, "Meta", "Reality Labs lost thirteen point seven billion.", "Reality Labs has about seventeen."
    )
    assert not any("[billion]" in t for t, _ in again)  # the same part again: no other part's scale
    assert any("MedTech was twenty seven point four [billion]" in t for t in texts)
    assert any("Consumer was fifteen [billion]" in t for t in texts)
    passage = make_passage("MedTech | 2022: $27.4 billion", citation=_JNJ)
    assert outcomes("MedTech was twenty seven point four [billion].", passage) == [Outcome.MATCH]


def test_a_bare_count_of_things_takes_no_carried_scale(nlp: Language) -> None:
    claims = one_company_claims(
        nlp,
        "Meta",
        "Scout has seventeen billion active parameters.",
        "Maverick has a hundred and twenty eight experts.",
    )
    maverick = next(t for t, _ in claims if "Maverick" in t)
    assert "[billion]" not in maverick


def test_pharmas_the_big_one_is_said_of_pharma(nlp: Language) -> None:
    from claimcheck.claims.triggers import _one_phrase

    assert _one_phrase(nlp("Pharma's the big one, fifty two point six billion.")[:]) is None
    trigger = _one_phrase(nlp("And the big one did fifty two point six billion.")[:])
    assert trigger is not None and trigger.words == "the big one"


AMCOR = """Segment Results of Operations
Flexibles Segment
($ in millions)
Net sales
Adjusted EBIT
Adjusted EBIT as a percentage of net sales

$

2023
11,154
$
1,429
12.8 %

2022
11,151
1,517
13.6 %
"""


def test_a_label_column_whose_ratio_row_holds_is_read_under_its_heading() -> None:
    cells = label_columns(AMCOR, 0, len(AMCOR))
    assert [c.describe().splitlines()[-1] for c in cells] == [
        "Net sales | 2023: 11,154",
        "Adjusted EBIT | 2023: 1,429",
        "Adjusted EBIT as a percentage of net sales | 2023: 12.8 %",
        "Net sales | 2022: 11,151",
        "Adjusted EBIT | 2022: 1,517",
        "Adjusted EBIT as a percentage of net sales | 2022: 13.6 %",
    ]
    assert {c.note for c in cells} == {"(in millions)"}
    assert cells[0].context == "Segment Results of Operations Flexibles Segment"
    # figures printed after other text are no column of these labels by the ratio alone
    assert label_columns(AMCOR.replace("\n\n2022\n", "\nRigid Packaging Segment\n2022\n"), 0, 999)[3:] == []
    # a ratio that does not hold proves nothing: an off-by-one pairing, or another table's figures
    assert label_columns(AMCOR.replace("12.8 %", "14.8 %").replace("13.6 %", "11.6 %"), 0, 999) == []
