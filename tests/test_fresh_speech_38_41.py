"""What the four transcripts written in the thirteenth session (benchmarks/data/speech/39-41, dev half)
showed going wrong before any tuning on them: a closing quote's mojibake read as a dagger that ate the next
space, a judgement whose phrase holds a clause ("the best antiviral anybody's made") checked as a claim, and
a summary that mentions a rival's pill taken to read the rival's report, so that the talk's products had no
owner; a price said in dollars and cents ("a dollar fifty seven a share") read as fifty seven, and a year
said by its last two digits ("back in twenty one") read as a figure."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from claimcheck.claims import is_pure_opinion
from claimcheck.claims.lexicon import Lexicon
from claimcheck.models import Citation, DocKind
from claimcheck.quantities import Unit, figures, years
from claimcheck.transcripts import read_transcript
from claimcheck.verify.numbers import Outcome, _window
from tests.factories import SETTINGS, make_passage
from tests.speech_helpers import make_talk, outcomes

_FRONT = "---\ntitle: A talk\ndate: 2024-08-20\nspeakers:\n  - Wren\n---\n\n00:00:01:00 - 00:00:05:00\nWren\n"


@pytest.mark.parametrize(
    ("said", "read"),
    [
        # the closing quote lost its last byte: before a space or at the line's end it is the quote
        ("Calling it â€œopen sourceâ€ is a stretch.", 'Calling it "open source" is a stretch.'),
        ("They called it â€œthe Adobe killerâ€", 'They called it "the Adobe killer"'),
        # whole mojibake is repaired as before (ftfy straightens quotes)
        ("Itâ€™s twenty twenty â€“ twenty one.", "It's twenty twenty – twenty one."),
    ],
)
def test_a_closing_quote_that_lost_a_byte_is_a_quote(tmp_path: Path, said: str, read: str) -> None:
    path = tmp_path / "talk.txt"
    path.write_bytes((_FRONT + said + "\n").encode("utf-8"))
    (turn,) = read_transcript(path, SETTINGS).utterances
    assert turn.text == read


@pytest.mark.parametrize(
    ("text", "opinion"),
    [
        ("I think it's the best COVID antiviral anybody's made, period.", True),
        ("It's the worst deal they've ever done.", True),
        # a figure in the judged phrase, or a second clause beside it, is still something to check
        ("It's the best drug they launched in 2021.", False),
        ("It's the best antiviral and it made seventy six million.", False),
    ],
)
def test_a_clause_inside_the_judged_phrase_is_the_judgement(nlp: Language, text: str, opinion: bool) -> None:
    assert is_pure_opinion(nlp(text)[:]) is opinion


def test_a_rivals_pill_in_the_summary_is_not_its_report(nlp: Language) -> None:
    meta = make_talk(
        "x",
        title="Pfizer After the Spike",
        summary=(
            "They go through Pfizer's 2021 annual report product by product, with side trips into Merck's "
            "pill, Moderna's forecast and the share price."
        ),
        entities=["Pfizer", "Eliquis", "Merck", "Moderna"],
    ).meta
    lexicon = Lexicon.from_meta(meta, nlp)
    assert [r.name for r in lexicon.reporters] == ["Pfizer"]
    # the rival is still a company, only not the one whose report is read
    assert lexicon.names["merck"].kind.value == "company"


def test_a_second_report_read_in_passing_still_counts(nlp: Language) -> None:
    meta = make_talk(
        "x",
        title="CVS and Rivian in 2023",
        summary="They go through Rivian's 2023 10-K and CVS Health's.",
        entities=["CVS Health", "Rivian"],
    ).meta
    assert sorted(r.name for r in Lexicon.from_meta(meta, nlp).reporters) == ["CVS Health", "Rivian"]


@pytest.mark.parametrize(
    ("said", "value", "text"),
    [
        ("like eight point seven billion paid, a dollar fifty seven a share.", 1.57, "a dollar fifty seven"),
        ("two dollars and eight cents a share", 2.08, "two dollars and eight cents"),
        ("a buck fifty a share", 1.5, "a buck fifty"),
        ("it was 3 dollars 20 a share", 3.2, "3 dollars 20"),
    ],
)
def test_a_price_said_in_dollars_and_cents_is_one_figure(said: str, value: float, text: str) -> None:
    (price,) = [q for q in figures(said) if q.unit is Unit.USD]
    assert (price.value, price.text) == (value, text)
    # and the cents are no figure of their own
    assert not [q for q in figures(said) if q.unit is Unit.COUNT and q.value < 100]


def test_dollars_alone_stay_dollars() -> None:
    assert [(q.value, q.text) for q in figures("I paid ten dollars for it")] == [(10.0, "ten dollars")]


@pytest.mark.parametrize(
    ("said", "year"),
    [
        ("Frame.io was like 1.2bn back in twenty one, for comparison.", 2021),
        ("revenue for fiscal twenty two was 17.6 billion", 2022),
        ("in fiscal year twenty three", 2023),
    ],
)
def test_a_year_said_by_its_last_two_digits_after_back_in_or_fiscal(said: str, year: int) -> None:
    assert years(said) == [year]
    assert all(q.value != year - 2000 for q in figures(said))


def test_two_digits_elsewhere_stay_a_figure() -> None:
    said = "it was up twenty one percent back in twenty one"
    (growth,) = figures(said)
    assert growth.value == 21.0 and growth.unit is Unit.PERCENT
    assert years(said) == [2021]


@pytest.mark.parametrize(
    ("said", "figure", "own", "not_own"),
    [
        (
            "[Adobe] Creative was up ten, Document Cloud was low twenties.",
            "low twenties",
            "Document",
            "Creative",
        ),
        ("No, that's GSM-8K, MATH was like fifty.", "fifty", "MATH", "GSM"),
    ],
)
def test_a_name_and_its_verb_after_a_comma_start_the_figures_own_clause(
    said: str, figure: str, own: str, not_own: str
) -> None:
    (q,) = [q for q in figures(said) if q.text == figure]
    window = _window(said, q)
    assert own in window and not_own not in window


def test_a_list_of_names_after_a_comma_is_no_clause_of_its_own() -> None:
    said = "Digital Media, Creative Cloud and Document Cloud grew fifteen percent."
    (q,) = figures(said)
    assert "Digital Media" in _window(said, q)


@pytest.mark.parametrize(
    ("said", "wrong"),
    [
        ("three dollars 20 years ago", 3.2),
        ("ten bucks and two weeks later", 10.02),
        ("two dollars fifty million", 2.5),
        ("1,003 dollars and 50 cents", 3.5),
        ("two dollars 5.5 percent", 2.05),
    ],
)
def test_what_follows_dollars_is_not_always_cents(said: str, wrong: float) -> None:
    assert wrong not in [q.value for q in figures(said)]


@pytest.mark.parametrize(
    "said",
    [
        "the cancer came back in twenty percent of patients",
        "we will be back in twenty minutes",
        "it came back in twenty four hours",
    ],
)
def test_back_in_a_number_of_something_is_no_year(said: str) -> None:
    assert years(said) == []


@pytest.mark.parametrize(
    "summary",
    [
        "They go through Rivian's 2023 10-K and CVS Health's too.",
        "They go through Rivian's 2023 10-K and the annual report of CVS Health, with CVS Health's stock.",
    ],
)
def test_a_report_read_without_the_usual_words_still_counts(nlp: Language, summary: str) -> None:
    meta = make_talk("x", title="CVS and Rivian", summary=summary, entities=["CVS Health", "Rivian"]).meta
    assert sorted(r.name for r in Lexicon.from_meta(meta, nlp).reporters) == ["CVS Health", "Rivian"]


def test_a_fact_hung_on_the_judged_phrase_is_still_checked(nlp: Language) -> None:
    assert not is_pure_opinion(nlp("It's the worst acquisition Meta made after it bought Oculus.")[:])


def test_a_dagger_with_a_no_break_space_stays_a_dagger(tmp_path: Path) -> None:
    path = tmp_path / "talk.txt"
    path.write_bytes((_FRONT + "Footnote â€\u00a0marks it.\n").encode("utf-8"))
    (turn,) = read_transcript(path, SETTINGS).utterances
    assert "\u201d" not in turn.text and '"' not in turn.text


# Pfizer Inc. Form 10-K for fiscal 2021, Item 8, the statement of equity as pdftotext printed it (an excerpt).
PFIZER_EQUITY = "\n".join(
    [
        "(in millions)",
        "Balance, December 31, 2021",
        "",
        "Shares",
        "478",
        "",
        "$",
        "",
        "Common Stock",
        "",
        "Stated",
        "Value",
        "19",
        "",
        "Add’l",
        "Paid-In",
        "Capital",
        "86,253",
        "",
        "Shares",
        "(3,615)",
    ]
)


def test_a_verb_the_sum_was_said_with_names_no_line_of_a_table() -> None:
    """ "eight point seven billion paid" (in dividends) is not the "Paid-In Capital" line."""
    passage = make_passage(
        PFIZER_EQUITY,
        citation=Citation(
            title="PFIZER INC. Form 10-K FY2021", company="PFIZER INC.", period="FY2021", kind=DocKind.TEN_K
        ),
    )
    claim = "[Pfizer] The dividend's where the money went, like eight point seven billion paid."
    assert Outcome.MISMATCH not in outcomes(claim, passage)
