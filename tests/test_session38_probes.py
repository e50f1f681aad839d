"""Thirty-eighth session: the same claim said in other words gets the same draft. Found by rewording dev
claims that were drafted right ("3M's total debt decreased to $15.9 billion" for "[3M's debt] went down,
fifteen nine"): a company name spaCy splits ("3M") or reads as a noun ("PepsiCo") or a person ("Pfizer's
Prevnar"), a year that ends a sentence ("in 2021."), "topped", "spent … to buy", "earned … a share", a
segment said in full where the filing prints its initials ("Amazon Web Services" and "AWS"), and which of
several figures settles the claim: the speaker's own figure in a row of the claim's measure, never another
measure that splits the claim's two words ("Net interest income" for "net income"), a count of shares for a
sum of money, or the whole company's figure for a part the claim names."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimcheck.claims.entities import EntityKind
from claimcheck.claims.lexicon import Lexicon
from claimcheck.claims.mentions import mentions
from claimcheck.claims.subjects import claim_period
from claimcheck.models import Citation, DocKind
from claimcheck.quantities import Bound, figures
from claimcheck.verify.assess import settle_figures
from claimcheck.verify.numbers import Outcome, check_passage, initialisms
from claimcheck.verify.terms import expansion_words
from tests.factories import SETTINGS, make_evidence, make_passage

CORPUS = Lexicon(
    corpus_companies=frozenset(
        {"3m", "pepsico", "pfizer", "american express", "amazon", "verizon communications"}
    )
)


def _filing(company: str, year: int) -> Citation:
    return Citation(
        title=f"{company.upper()} Form 10-K FY{year}", kind=DocKind.TEN_K, company=company, period=f"FY{year}"
    )


@pytest.mark.parametrize(
    ("text", "company"),
    [
        ("3M's total debt decreased to $15.9 billion.", "3M"),
        ("3M's Industrial segment is its largest, with $12.3 billion in sales.", "3M"),
        ("PepsiCo gets about 14 percent of its net revenue from Walmart.", "PepsiCo"),
        ("Pfizer's Prevnar family revenues fell about 11 percent in 2021.", "Pfizer"),
    ],
)
def test_a_known_company_is_found_by_its_name(nlp: Language, text: str, company: str) -> None:
    found = mentions(nlp(text)[:], CORPUS)
    assert (found[0].entity.name, found[0].entity.kind, found[0].subject) == (
        company,
        EntityKind.COMPANY,
        True,
    )


def test_a_company_s_name_and_more_words_spacy_calls_a_person_is_its_product(nlp: Language) -> None:
    found = mentions(nlp("Pfizer Prevnar was down eleven percent.")[:], CORPUS)
    assert all(m.entity.kind != EntityKind.PERSON for m in found)
    assert any(m.entity.company == "Pfizer" for m in found)


@pytest.mark.parametrize(
    "text",
    [
        "Block by block, they built it.",
        "Square one, they said.",
        # a count said with M is no 3M, nor a word in capitals a company
        "It took 39.3M GPU hours to train.",
        "They sold 1.3M cars.",
        "They got about 3M new subscribers.",
        "SNAP benefits rose.",
    ],
)
def test_an_ordinary_word_or_a_count_is_no_company(nlp: Language, text: str) -> None:
    assert [m for m in mentions(nlp(text)[:], CORPUS) if m.entity.kind == EntityKind.COMPANY] == []


def test_a_person_after_a_company_s_name_is_still_a_person(nlp: Language) -> None:
    found = mentions(nlp("Tesla Elon Musk said deliveries rose 40 percent.")[:], CORPUS)
    assert [m.entity.kind for m in found] == [EntityKind.PERSON]


def test_a_year_that_ends_the_sentence_is_the_claim_s_period() -> None:
    assert claim_period("Pfizer's research and development expenses were $13.8 billion in 2021.") == "2021"
    assert claim_period("The build was version 2021.5 of the tool") is None


@pytest.mark.parametrize("word", ["topped", "surpassed", "crossed"])
def test_a_figure_topped_is_a_lower_bound(word: str) -> None:
    (q,) = figures(f"Adobe's subscription revenue alone {word} $3.8 billion.")
    assert q.bound is Bound.AT_LEAST


def test_a_figure_compared_with_is_no_bound() -> None:
    # ("better than" and "exceeded" compare two figures: the second is a figure of its own)
    for said in (
        "Margins were 45 percent, better than 40 percent a year ago.",
        "Growth of 5 percent exceeded 3 percent.",
    ):
        assert [q.bound for q in figures(said)] == [Bound.EXACT, Bound.EXACT], said


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Amazon spent $13.7B to buy Whole Foods Market.", "acquired acquisition"),
        ("Amazon paid $13.7 billion for Whole Foods.", "acquired acquisition"),
        ("Adobe acquired Figma for 20 billion dollars.", "acquired acquisition"),
        ("Pfizer earned something like five dollars a share, diluted.", "earnings per share"),
        ("Activision Blizzard employed about 12,000 people.", "employees"),
        ("Pfizer paid 8.5 billion in dividends.", ""),
        ("Services made up a share of revenue.", ""),
        ("Nvidia earns a share of every sale.", ""),
    ],
)
def test_what_a_speaker_says_is_searched_as_a_filing_words_it(text: str, words: str) -> None:
    assert expansion_words(text) == words


def test_a_name_in_several_capitalised_words_has_its_initials() -> None:
    assert initialisms("Amazon Web Services revenue grew 43%.") == {"aws"}
    assert initialisms("Global Merchant and Network Services") == {"gmns"}
    assert initialisms("Frito-Lay North America grew") == {"flna"}
    assert initialisms("The Company said so") == set()


AWS = make_passage(
    "AWS sales increased 55 % and 43 % in 2016 and 2017 , compared to the comparable prior year periods.",
    passage_id="filing.txt#1",
    citation=_filing("Amazon", 2017),
)


@pytest.mark.parametrize(
    "claim", ["Amazon Web Services sales were up 43%.", "Amazon Web Services revenue grew 43%."]
)
def test_a_segment_said_in_full_is_the_filing_s_initials(claim: str) -> None:
    assert [c.outcome for c in check_passage(claim, AWS, SETTINGS)] == [Outcome.MATCH]


# (Pfizer's FY2021 10-K, Item 8: a table cell as the index keeps it, its row and column in the text embedded)
PFIZER_RD_ROW = make_passage(
    "13,829",
    passage_id="filing.txt#2",
    text="Costs and expenses:\nResearch and development expenses | 2021: 13,829",
    citation=_filing("Pfizer", 2021),
)
PFIZER_ADS = make_passage(
    "Advertising expenses totaled approximately $2.0 billion in 2021, $1.8 billion in 2020.",
    passage_id="filing.txt#3",
    citation=_filing("Pfizer", 2021),
)
RD_CLAIM = "Pfizer's research and development expenses were $13.8 billion in 2021."


def test_an_unscaled_row_that_agrees_is_aligned_by_the_words_it_shares() -> None:
    (check,) = check_passage(RD_CLAIM, PFIZER_RD_ROW, SETTINGS)
    assert check.outcome is Outcome.MATCH
    assert check.alignment >= 3  # research, development, expenses


def test_the_row_of_the_claim_s_measure_outweighs_another_sharing_a_word() -> None:
    related = [
        make_evidence(PFIZER_ADS.raw_text, passage=PFIZER_ADS),
        make_evidence(PFIZER_RD_ROW.raw_text, passage=PFIZER_RD_ROW),
    ]
    settled, _ = settle_figures(RD_CLAIM, related, SETTINGS)
    (check, ev) = settled[0]
    assert (check.outcome, ev.passage) == (Outcome.MATCH, PFIZER_RD_ROW)


SAFETY = _filing("3M", 2018)
SAFETY_UP = make_passage(
    "Year 2018 results:\nSales in Safety and Graphics totaled $6.8 billion, up 9.5 percent in U.S. dollars.",
    passage_id="filing.txt#4",
    citation=SAFETY,
)
SAFETY_ORGANIC = make_passage(
    "In Safety and Graphics, total sales increased 0.3 percent, or 3.3 percent on an organic local currency "
    "basis.",
    passage_id="filing.txt#5",
    citation=SAFETY,
)


def test_the_speaker_s_figure_wins_over_one_aligned_a_word_better() -> None:
    claim = "Sales in 3M's Safety and Graphics segment increased roughly 9.5 percent in 2018."
    related = [make_evidence(p.raw_text, passage=p) for p in (SAFETY_ORGANIC, SAFETY_UP)]
    checks = {ev.passage.passage_id: c for ev in related for c in check_passage(claim, ev.passage, SETTINGS)}
    assert checks  # (both passages settle something)
    assert max(c.alignment for c in checks.values()) > min(c.alignment for c in checks.values())
    settled, _ = settle_figures(claim, related, SETTINGS)
    (check, _ev) = settled[0]
    assert check.outcome is Outcome.MATCH
    # with no slack, the figure aligned a word better settles it
    strict, _ = settle_figures(claim, related, SETTINGS.model_copy(update={"figure_match_slack": 0}))
    assert strict[0][0].outcome is Outcome.MISMATCH


PFIZER_OPEX = make_passage(
    "Total operating expenses were $3.1 billion in 2021.",
    passage_id="filing.txt#6",
    citation=_filing("Pfizer", 2021),
)


def test_one_generic_word_shared_is_too_little_to_prefer_agreement() -> None:
    claim = "Pfizer's operating expenses were $2.0 billion in 2021."
    related = [make_evidence(p.raw_text, passage=p) for p in (PFIZER_ADS, PFIZER_OPEX)]
    settled, _ = settle_figures(claim, related, SETTINGS)
    (check, ev) = settled[0]
    assert (check.outcome, ev.passage) == (Outcome.MISMATCH, PFIZER_OPEX)


AMEX = _filing("American Express", 2022)
# (American Express's FY2022 10-K, Item 8, as the index keeps the row: the cells, and their row and columns)
AMEX_NII = make_passage(
    "Net interest income\n\n9,895\n\n7,750\n\n7,985",
    passage_id="filing.txt#7",
    text="American Express Company Form 10-K FY2022 > Item 8. Financial Statements and Supplementary Data\n"
    "(in millions)\nNet interest income | 2022: 9,895 | 2021: 7,750 | 2020: 7,985",
    citation=AMEX,
)


def test_a_measure_said_longer_is_still_the_measure() -> None:
    # ("Net operating revenues" is Coca-Cola's revenue line, "gross profit margin" the gross margin)
    revenues = make_passage(
        "Net operating revenues were $43.0 billion in 2022.", citation=_filing("Coca-Cola", 2022)
    )
    assert [
        c.outcome
        for c in check_passage("Coca-Cola's net revenue was $43 billion in 2022.", revenues, SETTINGS)
    ] == [Outcome.MATCH]


def test_a_measure_that_splits_the_claim_s_two_words_is_another_measure() -> None:
    claim = "American Express's net income rose to about $9.5 billion in 2022."
    assert Outcome.MATCH not in [c.outcome for c in check_passage(claim, AMEX_NII, SETTINGS)]
    # the measure itself still agrees
    nii = "American Express's net interest income was about $9.9 billion in 2022."
    assert [c.outcome for c in check_passage(nii, AMEX_NII, SETTINGS)] == [Outcome.MATCH]


PFIZER_SHARES = make_passage(
    "Common stock, $0.05 par value; 12,000 shares authorized; issued: 2021—9,471; 2020—9,407",
    passage_id="filing.txt#8",
    citation=_filing("Pfizer", 2021),
)


def test_a_count_of_shares_is_no_sum_of_money() -> None:
    claim = "Pfizer repurchased about $10 billion of its shares in 2021."
    assert Outcome.MATCH not in [c.outcome for c in check_passage(claim, PFIZER_SHARES, SETTINGS)]


# (Pfizer's FY2021 10-K balance sheet: the row's label counts shares, its cell is dollars in millions)
TREASURY = make_passage(
    "114,487",
    passage_id="filing.txt#9",
    text="(in millions)\nTreasury stock, shares at cost; 2021—3,851; 2020—3,840 | 2021: 114,487 | "
    "2020: 110,988",
    citation=_filing("Pfizer", 2021),
)


def test_a_dollar_cell_in_a_row_that_counts_shares_is_still_money() -> None:
    outcomes = [
        c.outcome
        for c in check_passage(
            "Pfizer's treasury stock was about $114.5 billion in 2021.", TREASURY, SETTINGS
        )
    ]
    assert outcomes == [Outcome.MATCH]


PFIZER_REVENUES = make_passage(
    "Our 2021 Performance\nRevenues\nRevenues increased $39.6 billion, or 95%, to $81.3 billion in 2021 from "
    "$41.7 billion in 2020, reflecting an operational increase of $38.4 billion, or 92%. Excluding Comirnaty "
    "and Paxlovid, revenues increased 6% operationally, partially offset by declines in the Prevnar family.",
    passage_id="filing.txt#10",
    citation=_filing("Pfizer", 2021),
)


def test_the_whole_company_s_figure_refutes_nothing_said_of_a_part() -> None:
    claim = "Pfizer's Prevnar family revenues fell about 11 percent in 2021."
    outcomes = [c.outcome for c in check_passage(claim, PFIZER_REVENUES, SETTINGS)]
    assert Outcome.MISMATCH not in outcomes
    # said of the company, the same figure still refutes it, whoever else the claim names after it
    for whole in (
        "Pfizer's revenues fell about 11 percent in 2021.",
        "Pfizer's revenues fell about 11 percent in 2021, Bourla said.",
        "Pfizer's revenues fell about 11 percent in 2021 despite COVID.",
        "CEO Albert Bourla said Pfizer's revenues fell about 11 percent in 2021.",
        "In the SEC filing, Pfizer's revenues fell about 11 percent in 2021.",
    ):
        assert Outcome.MISMATCH in [c.outcome for c in check_passage(whole, PFIZER_REVENUES, SETTINGS)], whole


# (Amazon's FY2017 10-K, Item 7, and its income statement's row as the index keeps it)
SHIPPING = make_passage(
    "Shipping costs, which include sortation and delivery center and transportation costs, were $11.5 "
    "billion, $16.2 billion, and $21.7 billion in 2015, 2016, and 2017.",
    passage_id="filing.txt#20",
    citation=_filing("Amazon", 2017),
)
COST_OF_SALES = make_passage(
    "111,934",
    passage_id="filing.txt#21",
    text="(in millions)\nCost of sales | 2015: 71,651 | 2016: 88,265 | 2017: 111,934",
    citation=_filing("Amazon", 2017),
)


def test_agreement_on_a_word_the_other_row_does_not_say_wins() -> None:
    claim = "[Amazon's sales] Shipping costs were like twenty one point seven billion in 2017."
    related = [make_evidence(p.raw_text, passage=p) for p in (COST_OF_SALES, SHIPPING)]
    checks = [c for ev in related for c in check_passage(claim, ev.passage, SETTINGS)]
    assert sorted(c.outcome for c in checks) == sorted([Outcome.MATCH, Outcome.MISMATCH])
    settled, _ = settle_figures(claim, related, SETTINGS)
    (check, ev) = settled[0]
    assert (check.outcome, ev.passage) == (Outcome.MATCH, SHIPPING)


# (Boeing's FY2022 10-K, Item 1, as the filing words it: the years open the sentence, the figures follow)
BOEING_PEOPLE = make_passage(
    "Human Capital As of December 31, 2022 and 2021, Boeing’s total workforce was approximately 156,000 and "
    "142,000 with 13% and 12% located outside of the U.S.",
    passage_id="filing.txt#22",
    citation=_filing("Boeing", 2022),
)


@pytest.mark.parametrize(
    ("claim", "outcomes"),
    [
        ("Boeing had 156,000 employees in 2022.", [Outcome.MATCH]),
        ("Boeing had 142,000 employees in 2022.", [Outcome.MISMATCH]),
        ("Boeing's headcount grew from 142,000 to 156,000.", [Outcome.MATCH, Outcome.MATCH]),
    ],
)
def test_figures_take_the_years_their_sentence_opens_with(claim: str, outcomes: list[Outcome]) -> None:
    assert [c.outcome for c in check_passage(claim, BOEING_PEOPLE, SETTINGS)] == outcomes
