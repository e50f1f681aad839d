"""What a fresh-eyes review of the fifteenth session's change found; each test failed before its fix."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimcheck.claims.measures import _LEANING_MOVE
from claimcheck.models import Citation, DocKind
from claimcheck.quantities import Unit, figures
from claimcheck.verify.numbers import Outcome, check_passage
from tests.factories import SETTINGS, make_passage
from tests.test_two_company_talk import one_company_claims

_FILING = Citation(
    title="ACME CORP. Form 10-K FY2022", kind=DocKind.TEN_K, company="ACME CORP.", period="FY2022"
)


def test_a_rivals_pill_in_the_summary_adds_no_reported_company() -> None:
    from claimcheck.claims.subjects import Lexicon
    from claimcheck.models import TranscriptMeta

    meta = TranscriptMeta(
        title="Pfizer's vaccine year",
        summary="The hosts read Pfizer's 2021 annual report, with asides on Merck's pill and Moderna's "
        "forecast.",
        extra={"entities": ["Pfizer", "Merck", "Moderna"]},
    )
    lexicon = Lexicon.from_meta(meta, None, frozenset({"pfizer", "merck", "moderna"}))
    assert [r.name for r in lexicon.reporters] == ["Pfizer"]


@pytest.mark.parametrize(
    ("said", "leans"),
    [
        ("Up front, they paid about two billion for the spectrum.", False),
        ("Down the road they want about thirty billion.", False),
        ("Down, actually, like nine percent.", True),
        ("Up eight point six percent.", True),
    ],
)
def test_only_a_move_with_a_figure_leans_on_the_measure(said: str, leans: bool) -> None:
    assert bool(_LEANING_MOVE.match(said)) is leans


@pytest.mark.parametrize(
    "said",
    [
        "He is one twenty-year veteran of the company.",
        "They ran one thirty-second ad.",
        "The call started by nine thirty.",
        "The War of eighteen twelve was long ago.",
    ],
)
def test_no_hundreds_said_short_in_ordinary_speech(said: str) -> None:
    assert not [q for q in figures(said) if q.unit is not Unit.YEAR and q.value >= 100]


def test_a_range_said_short_is_no_hundreds() -> None:
    assert [q.value for q in figures("It was like five ten percent of sales.")] == [10.0]


@pytest.mark.parametrize(
    ("said", "value", "unit"),
    [
        ("EPS was flat but they opened two fifty stores.", 250.0, Unit.COUNT),
        ("Diluted EPS came in at six forty two a share.", 6.42, Unit.USD),
        ("EPS was six forty two and revenue grew nine percent.", 6.42, Unit.USD),
    ],
)
def test_per_share_only_where_the_number_is_a_price(said: str, value: float, unit: Unit) -> None:
    first = figures(said)[0]
    assert (first.value, first.unit) == (pytest.approx(value), unit)


_SALES = make_passage("Net sales were $14.2 billion in 2022.", citation=_FILING)


def test_a_pronoun_or_a_day_that_owns_is_no_name() -> None:
    said = "[Acme] Today's number: net sales were fourteen point two billion."
    assert [c.outcome for c in check_passage(said, _SALES, SETTINGS)] == [Outcome.MATCH]


def test_todays_price_drops_only_the_price() -> None:
    said = "Acme's stock is stuck around thirty bucks, on net sales of fourteen point two billion."
    assert [c.outcome for c in check_passage(said, _SALES, SETTINGS)] == [Outcome.MATCH]
    prime = "They keep it in stock and Prime is a hundred and nineteen dollars a year."
    assert check_passage(prime, make_passage("Prime costs $119 a year.", citation=_FILING), SETTINGS)


def test_a_reason_with_a_figure_is_a_claim(nlp: Language) -> None:
    from claimcheck.claims.kinds import is_anecdote

    doc = nlp("I bought the stock because Nvidia did sixty billion in data center revenue.")
    assert not is_anecdote(doc[:])


def test_a_first_word_the_talk_never_capitalised_names_no_part(nlp: Language) -> None:
    claims = one_company_claims(
        nlp,
        "Verizon",
        "Management did about three billion in buybacks last year.",
        "Up twenty percent from the year before.",
    )
    up = next(c for c in claims if "Up twenty percent" in c[0])
    assert "Management" not in up[0]


def test_an_initialism_is_the_company_the_front_matter_lists_it_after() -> None:
    # (the first-letter rule it replaces gave CVS Health's "PCW" to Pfizer)
    from claimcheck.claims.subjects import Lexicon
    from claimcheck.models import TranscriptMeta

    def owners(entities: list[str], title: str, summary: str) -> dict[str, str | None]:
        meta = TranscriptMeta(title=title, summary=summary, extra={"entities": entities})
        lexicon = Lexicon.from_meta(meta, None, frozenset({"amazon", "best buy", "cvs health", "pfizer"}))
        return {e.lower(): lexicon.names[e.lower()].company for e in entities if e.isupper()}

    assert owners(
        ["Amazon", "AWS", "Best Buy", "GPV"],
        "Amazon 2017 vs Best Buy Fiscal 2023",
        "Amazon's 2017 annual report next to Best Buy's fiscal 2023 one.",
    ) == {"aws": "Amazon", "gpv": "Best Buy"}
    assert owners(
        ["CVS Health", "PCW", "Pfizer"],
        "CVS Health vs Pfizer",
        "CVS Health's 2022 annual report and Pfizer's 2021 annual report.",
    ) == {"pcw": "CVS Health"}
