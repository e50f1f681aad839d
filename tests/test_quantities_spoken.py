"""Spoken and written numbers (issue 11, part 1): render a number in words or in figures, parse it back,
get the same value; names with digits never give a figure; the unscripted-speech failures as regressions.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.corpus import chunk_documents, load_corpus
from claimcheck.models import Passage
from claimcheck.quantities import (
    NAME_UNITS,
    Bound,
    Quantity,
    Unit,
    extract_quantities,
    figures,
    format_value,
    parse_number,
    version_key,
    years,
)
from claimcheck.settings import Settings
from claimcheck.verify.numbers import Outcome, check_passage, within_tolerance

# ------------------------------------------------------------------------------------- the renderer

_ONES = "zero one two three four five six seven eight nine".split()
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = {"million": 1e6, "billion": 1e9, "trillion": 1e12}


class Style:
    """How a speaker (or a transcriber) says a number: "a hundred and five" or "one hundred five",
    "forty-two" or "forty two"."""

    def __init__(self, *, british_and: bool, hyphen: bool, article: bool) -> None:
        self.british_and = british_and
        self.hyphen = hyphen
        self.article = article


def _below_hundred(n: int, style: Style) -> str:
    if n < 10:
        return _ONES[n]
    if n < 20:
        return _TEENS[n - 10]
    tens, ones = divmod(n, 10)
    if not ones:
        return _TENS[tens]
    return _TENS[tens] + ("-" if style.hyphen else " ") + _ONES[ones]


def _below_thousand(n: int, style: Style, *, leading: bool) -> str:
    hundreds, rest = divmod(n, 100)
    if not hundreds:
        return _below_hundred(rest, style)
    head = "a" if hundreds == 1 and style.article and leading else _ONES[hundreds]
    text = f"{head} hundred"
    if rest:
        text += (" and " if style.british_and else " ") + _below_hundred(rest, style)
    return text


def in_words(n: int, style: Style) -> str:
    """0 to 999,999,999 in English words."""
    if n == 0:
        return "zero"
    parts: list[str] = []
    for size, word in ((1_000_000, "million"), (1_000, "thousand")):
        group, n = divmod(n, size)
        if group:
            head = "a" if group == 1 and style.article and not parts else None
            parts.append(f"{head or _below_thousand(group, style, leading=not parts)} {word}")
    if n:
        last = _below_thousand(n, style, leading=not parts)
        if parts and n < 100 and style.british_and:
            last = "and " + last  # "two thousand and five"
        parts.append(last)
    return " ".join(parts)


def decimal_in_words(whole: int, digits: str, style: Style) -> str:
    """ "three point three", "sixteen point one", "zero point two five"."""
    return f"{in_words(whole, style)} point " + " ".join(_ONES[int(d)] for d in digits)


styles = st.builds(Style, british_and=st.booleans(), hyphen=st.booleans(), article=st.booleans())


def test_renderer_says_numbers_as_people_do() -> None:
    plain = Style(british_and=True, hyphen=True, article=True)
    assert in_words(105, plain) == "a hundred and five"
    assert in_words(2023, plain) == "two thousand and twenty-three"
    assert in_words(342_000_001, plain) == "three hundred and forty-two million and one"
    assert decimal_in_words(3, "3", plain) == "three point three"


# ---------------------------------------------------------------------------------- round trips


@settings(max_examples=300, deadline=None)
@given(n=st.integers(0, 999_999_999), style=styles)
def test_integer_in_words_parses_back(n: int, style: Style) -> None:
    words = in_words(n, style)
    assert parse_number(words) == n, words
    (q,) = figures(f"it went up {words} percent")
    assert (q.unit, q.value) == (Unit.PERCENT, n), words


@settings(max_examples=200, deadline=None)
@given(n=st.integers(1, 999), scale=st.sampled_from(sorted(_SCALES)), style=styles)
def test_words_with_a_scale_word_parse_back(n: int, scale: str, style: Style) -> None:
    words = f"{in_words(n, style)} {scale}"
    (q,) = figures(f"they have {words} users")
    assert q.unit == Unit.COUNT and q.value == pytest.approx(n * _SCALES[scale]), words
    (usd,) = figures(f"it made {words} dollars")
    assert usd.unit == Unit.USD and usd.value == pytest.approx(n * _SCALES[scale]), words


@settings(max_examples=200, deadline=None)
@given(
    whole=st.integers(0, 999),
    digits=st.text(alphabet="0123456789", min_size=1, max_size=2),
    scale=st.sampled_from([None, *sorted(_SCALES)]),
    style=styles,
)
def test_decimals_in_words_parse_back(whole: int, digits: str, scale: str | None, style: Style) -> None:
    words = decimal_in_words(whole, digits, style)
    value = float(f"{whole}.{digits}")
    assert parse_number(words) == pytest.approx(value), words
    if scale is None:
        (q,) = figures(f"margins went up {words} percent")
        assert q.unit == Unit.PERCENT and q.value == pytest.approx(value), words
    else:
        (q,) = figures(f"{words} {scale} people use its apps")
        assert q.unit == Unit.COUNT and q.value == pytest.approx(value * _SCALES[scale]), words


_WRITTEN_FORMS = {
    "{n} percent": Unit.PERCENT,
    "{n}%": Unit.PERCENT,
    "${n}": Unit.USD,
    "{n} dollars": Unit.USD,
    "{n} parameters": Unit.PARAMETERS,
}


@settings(max_examples=200, deadline=None)
@given(n=st.integers(0, 999_999_999), commas=st.booleans(), form=st.sampled_from(sorted(_WRITTEN_FORMS)))
def test_integer_in_figures_parses_back(n: int, commas: bool, form: str) -> None:
    written = form.format(n=f"{n:,}" if commas else str(n))
    (q,) = figures(f"it was {written} last quarter")
    assert q.unit == _WRITTEN_FORMS[form] and q.value == n, written


@settings(max_examples=200, deadline=None)
@given(
    whole=st.integers(1, 999),
    digits=st.text(alphabet="0123456789", min_size=0, max_size=2),
    scale=st.sampled_from(
        [
            ("billion", 1e9),
            ("bn", 1e9),
            ("B", 1e9),
            ("million", 1e6),
            ("M", 1e6),
            ("T", 1e12),
            ("trillion", 1e12),
        ]
    ),
    dollars=st.booleans(),
)
def test_decimals_in_figures_parse_back(
    whole: int, digits: str, scale: tuple[str, float], dollars: bool
) -> None:
    number = f"{whole}.{digits}" if digits else str(whole)
    word, size = scale
    gap = "" if len(word) <= 2 else " "
    written = f"{'$' if dollars else ''}{number}{gap}{word}"
    (q,) = figures(f"they reported {written} in sales")
    assert q.unit == (Unit.USD if dollars else Unit.COUNT), written
    assert q.value == pytest.approx(float(number) * size), written


# --------------------------------------------------------------------------- names with digits

_NAMES = st.one_of(
    st.integers(10, 999).map(lambda n: f"H{n}"),
    st.integers(10, 999).map(lambda n: f"A{n}s"),
    st.integers(1, 9).map(lambda n: f"M{n}"),
    st.integers(1000, 9999).map(lambda n: f"RTX {n}"),
    st.integers(3, 20).map(lambda n: f"iPhone {n}"),
    st.integers(2, 9).map(lambda n: f"{n}G"),
    st.integers(1, 4).map(lambda n: f"Q{n}"),
    st.integers(10, 99).map(lambda n: f"FY{n}"),
    st.sampled_from(["10-K", "10-Q", "8-K", "Series B", "GPT-4o", "GPT-4", "COVID-19", "H100-80GB"]),
    st.tuples(st.integers(1, 4), st.integers(0, 9)).map(lambda v: f"Llama {v[0]}.{v[1]}"),
    st.tuples(st.integers(1, 4), st.integers(0, 9)).map(lambda v: f"Claude {v[0]}.{v[1]}"),
    st.tuples(st.sampled_from(_ONES[1:]), st.sampled_from(_ONES[1:])).map(
        lambda v: f"Llama {v[0]} point {v[1]}"
    ),
    st.tuples(st.sampled_from(_ONES[1:]), st.sampled_from(_ONES[1:])).map(
        lambda v: f"the {v[0]} point {v[1]} model"
    ),
)
_CONTEXTS = st.sampled_from(
    [
        "they trained that one on {name}, honestly",
        "{name} is what everyone talks about",
        "we moved everything to {name} last spring",
        "the {name} launch was a big deal for them",
    ]
)


@settings(max_examples=300, deadline=None)
@given(name=_NAMES, context=_CONTEXTS)
def test_names_with_digits_never_give_a_figure(name: str, context: str) -> None:
    text = context.format(name=name)
    assert [q for q in figures(text) if q.unit not in NAME_UNITS] == [], text


# ----------------------------------------------------------------------- the hand examples

_EXAMPLES: list[tuple[str, list[tuple[Unit, float, Bound]]]] = [
    # "twenty two percent" was read as two percent
    ("total revenue went up about twenty two percent", [(Unit.PERCENT, 22, Bound.APPROX)]),
    # "three point three billion" was read as three billion
    ("three point three billion people use its apps every day", [(Unit.COUNT, 3.3e9, Bound.EXACT)]),
    # "three point one" names the model: no 3.1 figure
    (
        "the three point one model, the big one, it's 405 billion parameters",
        [(Unit.PARAMETERS, 405e9, Bound.EXACT)],
    ),
    # "H100s" gave a figure 100
    (
        "they trained that one on H100s, something like 39 million GPU hours",
        [(Unit.COUNT, 39e6, Bound.APPROX)],
    ),
    ("It did something like 160 billion dollars last year", [(Unit.USD, 160e9, Bound.APPROX)]),
    ("they cut about a fifth of the company's headcount in 2023", [(Unit.PERCENT, 20, Bound.APPROX)]),
    ("a hundred and five people", [(Unit.COUNT, 105, Bound.EXACT)]),
    ("twelve hundred employees", [(Unit.COUNT, 1200, Bound.EXACT)]),
    ("one and a half billion dollars", [(Unit.USD, 1.5e9, Bound.EXACT)]),
    ("half a million downloads", [(Unit.COUNT, 5e5, Bound.EXACT)]),
    ("Reality Labs was a third of Meta's costs", [(Unit.PERCENT, 100 / 3, Bound.EXACT)]),
    ("3.3bn daily users", [(Unit.COUNT, 3.3e9, Bound.EXACT)]),
    ("trained on 1.5T tokens", [(Unit.TOKENS, 1.5e12, Bound.EXACT)]),
    ("forty-two percent of users", [(Unit.PERCENT, 42, Bound.EXACT)]),
    ("sixteen point one billion dollars", [(Unit.USD, 16.1e9, Bound.EXACT)]),
    # "bucks" are dollars; "the buck stops here" has no figure
    ("Diluted EPS was like five bucks", [(Unit.USD, 5, Bound.APPROX)]),
    ("a hundred bucks a month", [(Unit.USD, 100, Bound.EXACT)]),
    ("the buck stops here", []),
    # a spoken hedge
    ("Free cash flow basically halved", [(Unit.PERCENT, 50, Bound.APPROX)]),
    ("north of $40 billion", [(Unit.USD, 40e9, Bound.AT_LEAST)]),
    ("just shy of 40 percent", [(Unit.PERCENT, 40, Bound.APPROX)]),
    ("roughly 3 billion", [(Unit.COUNT, 3e9, Bound.APPROX)]),
    ("nearly 3 billion", [(Unit.COUNT, 3e9, Bound.APPROX)]),
    ("almost 3 billion", [(Unit.COUNT, 3e9, Bound.APPROX)]),
    ("around 3 billion", [(Unit.COUNT, 3e9, Bound.APPROX)]),
    ("over 3 billion", [(Unit.COUNT, 3e9, Bound.AT_LEAST)]),
    ("more than 3 billion", [(Unit.COUNT, 3e9, Bound.AT_LEAST)]),
    ("at least 3 billion", [(Unit.COUNT, 3e9, Bound.AT_LEAST)]),
    ("under 3 billion", [(Unit.COUNT, 3e9, Bound.AT_MOST)]),
    ("less than 3 billion", [(Unit.COUNT, 3e9, Bound.AT_MOST)]),
    ("at most 3 billion", [(Unit.COUNT, 3e9, Bound.AT_MOST)]),
    ("40 billion users, give or take", [(Unit.COUNT, 40e9, Bound.APPROX)]),
    ("ten percent or so", [(Unit.PERCENT, 10, Bound.APPROX)]),
    (
        "the 8B model has 15T+ tokens",
        [(Unit.PARAMETERS, 8e9, Bound.EXACT), (Unit.COUNT, 15e12, Bound.AT_LEAST)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), _EXAMPLES)
def test_hand_examples(text: str, expected: list[tuple[Unit, float, Bound]]) -> None:
    found = [(q.unit, q.value, q.bound) for q in figures(text) if q.unit not in NAME_UNITS]
    assert len(found) == len(expected), found
    for (unit, value, bound), (exp_unit, exp_value, exp_bound) in zip(found, expected, strict=True):
        assert unit == exp_unit and value == pytest.approx(exp_value) and bound == exp_bound, text


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("between 10 and 12 billion dollars", 10e9, 12e9, Unit.USD),
        ("between ten and twelve billion", 10e9, 12e9, Unit.COUNT),
        ("10 to 12 percent", 10, 12, Unit.PERCENT),
        ("10-12%", 10, 12, Unit.PERCENT),
        ("$10-12 billion", 10e9, 12e9, Unit.USD),
        ("between 10% and 12%", 10, 12, Unit.PERCENT),
        ("revenue grew in the mid-teens", 14, 16, Unit.PERCENT),
        ("margins in the low twenties", 20, 23, Unit.PERCENT),
        ("growth in the high single digits", 7, 9, Unit.PERCENT),
    ],
)
def test_ranges_and_bands(text: str, low: float, high: float, unit: Unit) -> None:
    (q,) = figures(text)
    assert q.bound == Bound.RANGE and q.unit == unit
    assert (q.low, q.high) == (pytest.approx(low), pytest.approx(high))
    assert q.value == pytest.approx((low + high) / 2)


def test_from_to_is_two_levels_and_years_are_no_range() -> None:
    assert all(q.bound != Bound.RANGE for q in figures("revenue grew from 10 to 12 billion"))
    assert figures("between 2022 and 2023") == []
    assert years("between 2022 and 2023") == [2022, 2023]


def test_range_tolerance_covers_the_range() -> None:
    (q,) = figures("between 10 and 12 billion dollars")
    s = Settings()
    assert within_tolerance(q, 11.5e9, s) and within_tolerance(q, 10e9, s)
    assert not within_tolerance(q, 13e9, s) and not within_tolerance(q, 9e9, s)
    assert format_value(q) == "$10 billion to $12 billion"


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("in two thousand and twenty three we grew", 2023),
        ("back in twenty twenty three", 2023),
        ("in nineteen ninety nine", 1999),
        ("our FY24 results", 2024),
        ("the FY2023 10-K", 2023),
    ],
)
def test_years_said_or_written_are_years_not_figures(text: str, year: int) -> None:
    assert years(text) == [year]
    assert figures(text) == []


def test_the_company_3m_is_a_name_and_3m_users_a_count() -> None:
    (q,) = figures("3M did thirty two point eight billion in sales")
    assert round(q.value) == 32_800_000_000
    assert figures("The 3M COMPANY FY2018 10-K") == [] and figures("3M's sales") == []
    assert [(q.unit, q.value) for q in figures("3M users signed up")] == [(Unit.COUNT, 3_000_000)]
    assert [(q.unit, q.value) for q in figures("it cost $3M")] == [(Unit.USD, 3_000_000)]


def test_two_thousand_people_is_a_count() -> None:
    (q,) = figures("two thousand people")
    assert (q.unit, q.value) == (Unit.COUNT, 2000)


def test_model_versions_said_in_words_are_versions() -> None:
    (q,) = extract_quantities("Llama three point one is the big one")
    assert q.unit == Unit.VERSION and version_key(q) == "3.1"
    (written,) = extract_quantities("Llama 3.1 is the big one")
    assert version_key(written) == "3.1"
    assert [q.text for q in extract_quantities("GPT-4o beat GPT-4") if q.unit == Unit.VERSION] == ["4o", "4"]


def test_model_size_is_a_parameter_count_never_money() -> None:
    assert [q.unit for q in figures("the 405B model")] == [Unit.PARAMETERS]
    assert [q.unit for q in extract_quantities("Llama 3.1 405B")] == [Unit.VERSION, Unit.SIZE_LABEL]
    assert [q.unit for q in extract_quantities("Mistral 7B")] == [Unit.SIZE_LABEL]
    assert [q.unit for q in figures("a $5B model deal")] == [Unit.USD]


def test_lone_small_words_are_not_figures() -> None:
    assert figures("one of the best teams, the big one") == []
    assert figures("ten of them showed up, then three more") == []
    assert figures("in the second half of 2023") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Maverick gets eighty five point five on MMLU Pro.", 85.5),  # a decimal part
        ("On HumanEval it's eighty nine.", 89.0),  # tens and units
        ("GSM8K, like ninety-seven.", 97.0),
        ("On GPQA Diamond it's like seventy.", 70.0),  # hedged
        ("twenty two of them showed up", 22.0),  # as "22 of them" is
    ],
)
def test_small_spoken_numbers_that_read_like_scores_are_figures(text: str, value: float) -> None:
    assert [(q.value, q.unit) for q in figures(text)] == [(value, Unit.COUNT)]
    digits = text.replace(figures(text)[0].text, f"{value:g}")
    assert [q.value for q in figures(digits)] == [value]  # the same reading as the figure in digits


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Appliances was five point seven.", 5.7, Unit.COUNT),  # after a verb, the unit left unsaid
        ("Four point four.", 4.4, Unit.COUNT),  # an answer, alone
        ("No, four point one, and it actually dipped.", 4.1, Unit.COUNT),
        ("Five point three last year, down ten percent.", 5.3, Unit.COUNT),
        ("It went down, to one point five.", 1.5, Unit.COUNT),
        ("And comps were down nine point nine.", 9.9, Unit.PERCENT),  # a move said before it
        ("Net income dropped to one point three billion from one point nine.", 1.9e9, Unit.COUNT),
    ],
)
def test_small_spoken_decimals_are_figures_where_said_as_one(text: str, value: float, unit: Unit) -> None:
    assert (value, unit) in [(q.value, q.unit) for q in figures(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Three point one comes in three sizes.",  # opening a clause it does not end: a version
        "Three point one was a hundred and twenty eight K across the board.",
        "Okay, and then three point three, which came out two weeks ago.",
        "And on GPQA, three point two 3B ties it.",  # a size after it
        "No, the three point three card says the exact same thing.",
        "It's three point two Vision that reads images.",
        "So Scout beats three point three on every row.",
        "It was three point one 8B.",  # a size after it
        "It was three point one eight B.",  # a size said, read into the decimal (3.18)
        "Meta dropped three point two last week.",  # "dropped": a release
        "It's like three point two but smaller.",
        "We moved from Llama three point one to three point three.",  # a family named in the clause
    ],
)
def test_small_spoken_decimals_naming_a_version_are_not_figures(text: str) -> None:
    assert not [q for q in figures(text) if q.value < 10 and q.unit not in NAME_UNITS]


# ------------------------------------------------------------------------- through the number check


@pytest.fixture(scope="module")
def card_passages() -> list[Passage]:
    """The shipped Llama model cards, cut into passages as the index cuts them."""
    docs = load_corpus(Path(__file__).resolve().parents[1] / "corpora" / "llama-model-cards")
    return chunk_documents(docs, Settings())


def _passage_with(passages: list[Passage], text: str) -> Passage:
    return next(p for p in passages if text in p.raw_text)


def test_h100_is_not_compared_only_the_gpu_hours_are(card_passages: list[Passage]) -> None:
    card = _passage_with(card_passages, "Training used 39.3M GPU hours in total on H100-80GB hardware")
    claim = "they trained that one on H100s, something like 39 million GPU hours"
    checks = check_passage(claim, card, Settings())
    assert [(c.claim.value, c.outcome) for c in checks] == [(39e6, Outcome.MATCH)]
    assert checks[0].evidence is not None and checks[0].evidence.text == "39.3M"


def test_spoken_version_is_the_written_one(card_passages: list[Passage]) -> None:
    card = _passage_with(card_passages, "Llama 3.1 was released on July 23, 2024")
    claim = "the three point one model, the big one, it's 405 billion parameters"
    checks = check_passage(claim, card, Settings())
    assert [(c.claim.unit, c.outcome) for c in checks] == [(Unit.PARAMETERS, Outcome.MATCH)]
    # against the Llama 3 card's "70B parameters" the claim is about another version: it settles nothing
    other = _passage_with(card_passages, "Llama 3 was released")
    (check,) = check_passage(claim, other, Settings())
    assert check.outcome == Outcome.OTHER_CONTEXT and check.context_mismatch == "version 3 vs 3.1"


def test_a_model_size_is_never_compared_with_money(card_passages: list[Passage]) -> None:
    card = _passage_with(card_passages, "Llama 3.1 was released on July 23, 2024")
    checks = check_passage("It did 405 billion dollars in sales", card, Settings())
    assert [c.outcome for c in checks] == [Outcome.NO_FIGURE]


def test_quantity_round_trips_through_json() -> None:
    (q,) = figures("between 10 and 12 billion dollars")
    assert Quantity.model_validate_json(q.model_dump_json()) == q
