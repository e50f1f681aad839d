"""A talk that reads two companies' reports: the name everyone cuts a company to ("Amex") is that company,
and a bare measure with neither clearly ahead ("Discount revenue was 30.7bn") is the company named last.
A date's day ("December 31, 2022") is never a figure."""

from __future__ import annotations

from spacy.language import Language

from claimcheck.claims.lexicon import Lexicon
from claimcheck.models import TranscriptMeta
from claimcheck.quantities import extract_quantities
from claimcheck.verify.numbers import Outcome, check_passage
from tests.factories import SETTINGS, make_passage, make_transcript


def _claims(
    nlp: Language,
    *turns: str,
    title: str = "Amex and PepsiCo as a read on the consumer",
    summary: str = "The hosts read American Express's and PepsiCo's 2022 annual reports.",
    entities: tuple[str, ...] = ("American Express", "PepsiCo"),
    corpus: frozenset[str] = frozenset(),
) -> list[tuple[str, str | None]]:
    """(text, subject company) of each claim the turns make under the given front matter (`corpus`: the
    corpus's companies, by `company_key`)."""
    from claimcheck.claims import extract_claims
    from claimcheck.models import Format, TranscriptMeta

    talk = make_transcript(*turns, fmt=Format.TIMECODED)
    meta = TranscriptMeta(
        date=talk.meta.date, title=title, summary=summary, extra={"entities": list(entities)}
    )
    claims = extract_claims(talk.model_copy(update={"meta": meta}), nlp, SETTINGS, corpus_companies=corpus)
    return [(c.text, c.subject.company if c.subject else None) for c in claims]


def one_company_claims(nlp: Language, company: str, *turns: str) -> list[tuple[str, str | None]]:
    """(text, subject company) of each claim the turns make in a talk that reads `company`'s 2022 report."""
    return _claims(
        nlp,
        *turns,
        title=f"{company} in 2022",
        summary=f"The hosts read {company}'s 2022 annual report.",
        entities=(company,),
    )


def test_a_bare_measure_is_the_company_named_last(nlp: Language) -> None:
    claims = _claims(
        nlp,
        "I've got the Amex 10-K up here, so let's start with Amex.",
        "Discount revenue was thirty point seven billion, up twenty five percent.",
        "Okay, PepsiCo now. PepsiCo did eighty six point four billion in net revenue.",
        "Net income was eight point nine billion, up seventeen percent.",
    )
    by_text = dict(claims)
    discount = next(t for t in by_text if "Discount revenue" in t)
    assert by_text[discount] == "American Express"
    assert discount.startswith("[American Express]")
    income = next(t for t in by_text if "Net income" in t)
    assert by_text[income] == "PepsiCo"


def test_with_neither_company_named_a_bare_measure_stays_unresolved(nlp: Language) -> None:
    claims = _claims(nlp, "Net income was eight point nine billion, up seventeen percent.")
    assert claims and claims[0][1] is None


def test_a_dates_day_is_no_figure() -> None:
    said = (
        "For the year ended December 31, 2022, billed business was $1,338 billion and at September 30,\n2022"
    )
    assert [q.text for q in extract_quantities(said) if q.unit.value != "year"] == ["$1,338 billion"]
    # (a filing sentence whose "31" refuted a claim: tests/test_review_fixes_14.py)


def test_a_figure_aligned_on_a_name_alone_only_agrees() -> None:
    """ "MedTech was twenty seven point four" names no measure: MedTech's index of 3.4 disagrees with it
    but is not what it speaks of, so it refutes nothing; the same index said right agrees."""
    passage = make_passage("The MedTech index stood at 3.4 at year end.", passage_id="jnj.md#3")
    wrong = check_passage("[Johnson & Johnson] MedTech was 27.4.", passage, SETTINGS)
    assert all(c.outcome is not Outcome.MISMATCH for c in wrong)
    right = check_passage("[Johnson & Johnson] MedTech was 3.4.", passage, SETTINGS)
    assert [c.outcome for c in right] == [Outcome.MATCH]


def test_a_legal_name_among_the_entities_is_a_company_said_by_its_short_name(nlp: Language) -> None:
    """ "Ball Corporation" ends in a word only a company's legal name ends in: a company, so "Ball" is its
    own subject, never the talk's company."""
    claims = _claims(
        nlp,
        "Amcor did about fourteen point seven billion in sales.",
        "Ball does like fourteen billion a year, almost all of it cans.",
        title="Amcor's fiscal 2023",
        summary="Amcor's 2023 annual report, with an aside on Ball Corporation.",
        entities=("Amcor", "Ball Corporation"),
    )
    text, company = next((t, c) for t, c in claims if "cans" in t)
    assert company == "Ball Corporation"
    assert "[Amcor]" not in text


def test_a_summary_that_reads_3ms_report_reports_on_3m(nlp: Language) -> None:
    # "3M's" starts with a digit: it was missed, and every bare measure went to Corning
    claims = _claims(
        nlp,
        "So 3M did thirty four point two billion in sales last year.",
        "But organically it was up one point two percent.",
        title="Tape and Glass: 3M and Corning in 2022",
        summary="The hosts go through 3M's and Corning's 2022 annual reports.",
        entities=("3M", "Corning"),
    )
    organic = next(c for c in claims if "organically" in c[0].lower())
    assert organic[1] == "3M"


def test_a_company_the_title_sets_beside_the_reported_one_is_reported_on_too(nlp: Language) -> None:
    # the summary reads "Amazon's 2017 annual report" but "Best Buy's fiscal 2023 one": both are in the
    # corpus and in the title, so a bare measure after Best Buy is named is Best Buy's, not Amazon's
    claims = _claims(
        nlp,
        "Amazon did a hundred and seventy eight billion in net sales in twenty seventeen.",
        "Okay, Best Buy now. Best Buy did forty six point three billion in revenue.",
        "Operating income was one point eight billion.",
        title="Time Machine Retail: Amazon 2017 vs Best Buy Fiscal 2023",
        summary="The hosts put Amazon's 2017 annual report next to Best Buy's fiscal 2023 one.",
        entities=("Amazon", "AWS", "Best Buy"),
        corpus=frozenset({"amazon", "best buy"}),
    )
    operating = next(c for c in claims if c[0].endswith("Operating income was one point eight billion."))
    assert operating[1] == "Best Buy"


def test_a_move_said_alone_takes_the_measure_just_named(nlp: Language) -> None:
    claims = one_company_claims(
        nlp,
        "3M",
        "So 3M did thirty four point two billion in sales last year.",
        "Down about three point two percent from the year before.",
    )
    down = next(c for c in claims if "Down about three point two percent" in c[0])
    assert down[0].startswith("[3M's sales]")


def test_a_move_said_after_a_segments_sales_is_that_segments(nlp: Language) -> None:
    # "Consumer did …" names no measure: a verb of sales said of a sum is revenue, and the part carries
    claims = one_company_claims(
        nlp,
        "Verizon",
        "I've got the segment table up, so let's start with Consumer.",
        "Consumer did about a hundred and three and a half billion last year.",
        "Yeah. Up eight point six percent.",
    )
    up = next(c for c in claims if "Up eight point six percent" in c[0])
    assert up[0].startswith("[Verizon Consumer's revenue]")


def test_a_company_said_short_is_no_part_of_itself(nlp: Language) -> None:
    claims = _claims(
        nlp,
        "J&J did ninety four point nine billion in sales.",
        "Pharma was fifty two point six of that.",
        title="J&J in 2022",
        summary="The hosts read Johnson & Johnson's 2022 annual report.",
        entities=("Johnson & Johnson",),
    )
    pharma = next(c for c in claims if "Pharma" in c[0])
    assert "J&J's sales" not in pharma[0] and "Johnson & Johnson J&J" not in pharma[0]


def test_a_years_one_after_a_report_is_that_companys_report() -> None:
    """ "Pfizer's 2021 annual report next to Johnson & Johnson's 2022 one": J&J's report is read too, though
    the title names neither company; "Pfizer's one big bet" reads no report."""
    meta = TranscriptMeta(
        title="Two Pharma Giants, Two Different Years",
        summary="The hosts put Pfizer's 2021 annual report next to Johnson & Johnson's 2022 one.",
        extra={"entities": ["Pfizer", "Johnson & Johnson"]},
    )
    assert [e.name for e in Lexicon.from_meta(meta).reporters] == ["Pfizer", "Johnson & Johnson"]
    meta = meta.model_copy(
        update={"summary": "The hosts read Pfizer's 2021 annual report and Johnson & Johnson's one big bet."}
    )
    assert [e.name for e in Lexicon.from_meta(meta).reporters] == ["Pfizer"]
