"""Figures read out in groups of digits, as a speaker reads a table aloud: "forty two oh three" (4203),
"four oh five" (405), "thirty three sixty six" (3366); a score's tenths read without "point" ("sixty nine
four for Scout" is 69.4). Ranges said side by side ("twenty five thirty percent"), years ("twenty twenty
three"), "twenty four seven" and a model named by its size ("the four oh five [Llama 3.1 405B]") are not
read so."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.claims.corrections import last_figure
from claimcheck.models import Citation, DocKind
from claimcheck.quantities import Unit, figures, spoken_to_digits, words
from claimcheck.verify.numbers import Outcome, check_passage
from tests.factories import SETTINGS, make_passage
from tests.speech_helpers import filed, outcomes
from tests.test_quantities_spoken import Style, _below_hundred

_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


def _values(text: str) -> list[float]:
    return [q.value for q in figures(text) if q.unit is not Unit.YEAR]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("In-game net bookings were forty two oh three.", 4203),
        ("The MAUs were four oh nine.", 409),
        ("The big one was four oh five billion parameters.", 405e9),
        ("In-game net bookings were thirty three sixty six.", 3366),
        ("Twenty two ninety tons CO2 equivalent for the whole pretraining.", 2290),
        ("EPS was four oh five a share.", 4.05),
    ],
)
def test_digit_groups_are_one_figure(text: str, value: float) -> None:
    assert _values(text) == [pytest.approx(value)]


@given(
    lead=st.integers(21, 99).filter(lambda n: n % 10),
    rest=st.integers(10, 99),
    hyphen=st.booleans(),
)
def test_pairs_of_tens_parse_back(lead: int, rest: int, hyphen: bool) -> None:
    style = Style(british_and=False, hyphen=hyphen, article=False)
    said = f"{_below_hundred(lead, style)} {_below_hundred(rest, style)}"
    values = _values(f"Net bookings were {said}, it says.")
    if rest - lead <= 15 or lead + rest == 100:
        # a range said without "to", a score, a vote or a split
        assert lead * 100 + rest not in values
    else:
        assert values == [lead * 100 + rest]


@given(lead=st.integers(1, 99), digit=st.integers(1, 9), hyphen=st.booleans())
def test_oh_groups_parse_back(lead: int, digit: int, hyphen: bool) -> None:
    style = Style(british_and=False, hyphen=hyphen, article=False)
    said = f"{_below_hundred(lead, style)} oh {_UNITS[digit - 1]}"
    values = _values(f"The count was {said}, it says.")
    if 10 <= lead <= 20:
        assert (
            values == []
        )  # "twenty oh five" is a year, "eighteen oh five" or "ten oh five" a year or a time
    else:
        assert values == [lead * 100 + digit]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Sixty nine four for Scout, seventy three four is Maverick.", [69.4, 73.4]),
        ("Nope, ninety two three to ninety one six.", [92.3, 91.6]),
        ("It went down, fifteen nine.", [15.9]),
        ("It was fifty two three percent.", [52.3]),
    ],
)
def test_tenths_read_without_point(text: str, values: list[float]) -> None:
    assert _values(text) == [pytest.approx(v) for v in values]


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("They are open twenty four seven.", "They are open 24 seven."),
        ("They signed twenty one two year deals.", "They signed 21 two year deals."),
        ("Churn was like twenty five thirty percent.", "Churn was like 25 30 percent."),
        ("It was basically fifty fifty the year before.", "It was basically 50 50 the year before."),
        ("That's twenty two twenty four, the plan.", "That's 22 24, the plan."),
        ("It came with Aearo, back in twenty oh eight.", "It came with Aearo, back in 2008."),
        ("They shipped Llama four oh five later.", "They shipped Llama four oh five later."),
        ("Sales were ten two.", "Sales were 10 two."),
        # scores, records, votes, ages and splits (a fresh-eyes review's cases)
        ("They won it twenty one seventeen in overtime.", "They won it 21 17 in overtime."),
        ("The vote was fifty one forty nine.", "The vote was 51 49."),
        ("It was a seventy five twenty five split.", "It was a 75 25 split."),
        ("They won twenty one seven.", "They won 21 seven."),
        ("They're twenty two four on the season.", "They're 22 four on the season."),
        ("The panel voted fourteen two in favor.", "The panel voted 14 two in favor."),
        ("My kids are fifteen nine.", "My kids are 15 nine."),
        ("They went seventy three nine.", "They went 73 nine."),
        ("I maxed out my four oh one k.", "I maxed out my four oh one k."),
        ("We run Ubuntu twenty two oh four.", "We run Ubuntu 22 oh four."),
        ("In eighteen oh five Napoleon won.", "In 18 oh five Napoleon won."),
        ("Rates went up twenty five fifty basis points.", "Rates went up 25 50 basis points."),
    ],
)
def test_not_read_as_digit_groups(text: str, digits: str) -> None:
    assert spoken_to_digits(text) == digits


def test_a_model_named_by_its_size_is_no_figure() -> None:
    text = "The four oh five [Llama 3.1 405B] was north of fifteen trillion."
    last = last_figure(text)
    assert last is not None and last.value == 15e12
    assert last_figure("At least the four oh five [Llama 3.1 405B] still wins MGSM.") is None
    assert last_figure("At least the 405 [Llama 3.1 405B] still wins MGSM.") is None
    # a figure that only equals some other size is still a figure
    assert last_figure("The four oh five [Llama 3.1 70B] was the count.") is not None


def test_a_model_named_by_its_size_is_not_checked_as_a_figure() -> None:
    passage = make_passage(
        "Llama 3.1 405B was pretrained on 15T tokens; the count of models is 405.",
        citation=Citation(title="Llama 3.1 model card", kind=DocKind.MODEL_CARD, company="Meta"),
    )
    checks = check_passage(
        "The four oh five [Llama 3.1 405B] was north of fifteen trillion.", passage, SETTINGS
    )
    assert [c.claim.value for c in checks] == [15e12]
    checks = check_passage("The 405 [Llama 3.1 405B] was north of 15 trillion.", passage, SETTINGS)
    assert [c.claim.value for c in checks] == [15e12]


# A filing's table in millions as pdftotext prints it (the layout of Activision Blizzard's FY2019 10-K; the
# figures are made up).
_BOOKINGS = "\n".join(
    [
        "Net bookings and in-game net bookings were as follows (amounts in millions):",
        "For the Years Ended December 31,",
        "2019",
        "",
        "2018",
        "",
        "In-game net bookings",
        "",
        "$",
        "",
        "2,466",
        "",
        "$",
        "",
        "3,103",
        "",
        "Subscribers added in the period",
        "",
        "318",
        "",
        "412",
    ]
)


def test_a_sum_said_as_the_table_prints_it_agrees_in_millions() -> None:
    passage = filed(_BOOKINGS, "Activision Blizzard", 2019)
    said = (
        "[Activision Blizzard] In-game net bookings were twenty four sixty six, down from thirty one oh three"
    )
    assert outcomes(said, passage) == [Outcome.MATCH, Outcome.MATCH]
    # read in millions, it only agrees: a bare sum that disagrees settles nothing
    wrong = "[Activision Blizzard] In-game net bookings were twenty nine sixty six."
    assert outcomes(wrong, passage) == [Outcome.NO_FIGURE]
    # not a count that names no sum of money ("net adds"), nor a sum said with its scale
    assert outcomes("[Activision Blizzard] Net adds were three eighteen.", passage) == [Outcome.NO_FIGURE]
    assert outcomes("[Activision Blizzard] In-game net bookings were 2,466 thousand.", passage) != [
        Outcome.MATCH
    ]
    # nor in a document that states its amounts in another scale
    thousands = filed(_BOOKINGS.replace("in millions", "in thousands"), "Activision Blizzard", 2019)
    assert outcomes(said, thousands) == [Outcome.NO_FIGURE, Outcome.NO_FIGURE]


def test_a_multiple_is_compared_with_a_multiple_only() -> None:
    card = Citation(title="Llama 3.2 model card", kind=DocKind.MODEL_CARD, company="Meta")
    scores = make_passage("The window of Llama 3.2 3B is 32.3 on MGSM.", citation=card)
    claim = "[Llama 3.2 3B] That's thirty two times the window of Llama 2."
    assert outcomes(claim, scores) == [Outcome.NO_FIGURE]
    multiple = make_passage("Llama 3.2 3B context window is 32x that of Llama 2.", citation=card)
    assert outcomes(claim, multiple) == [Outcome.MATCH]


def test_a_long_run_of_number_words_is_read_a_phrase_at_a_time() -> None:
    """Each number said in words is read from a bounded run of words, so a list of them thousands of words
    long reads in time linear in its length (it was read from the whole rest of the run at every number)."""
    text = "one two three four five six seven eight nine " * 50
    first = words._START_RE.search(text)
    assert first is not None
    assert len(words._words_from(text, first)) == words._PHRASE_MAX_WORDS
    said = "nine hundred and ninety nine billion nine hundred and ninety nine million dollars"
    assert [q.value for q in figures(said)] == [999_999_000_000]
