"""Thirty-ninth session: a figure said with decimals is said to its last digit ("82.0 on MMLU" is not
83.6, though within 2%); a row that alone says a word of the claim ("quantized") settles it over the plain
rows' agreeing figure; and a segment said after its company's name is still cut to its own initials
("American Express International Card Services" is "ICS")."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimcheck.models import Citation, DocKind, Evidence, Passage
from claimcheck.quantities import Bound, Quantity, Unit, figures, stated_step, years
from claimcheck.verify.assess import _set_beside_agreement, settle_figures
from claimcheck.verify.numbers import NumberCheck, Outcome, check_passage, initialisms, within_tolerance
from tests.factories import SETTINGS, make_evidence, make_passage
from tests.speech_helpers import claims_by_quote, filed, make_talk


@pytest.mark.parametrize(
    ("text", "step"),
    [
        ("It scored 82.0 on MMLU.", 0.1),
        ("Revenue was $16.12 billion.", 0.01e9),
        ("Churn was point eight one percent.", 0.01),
        ("It scored eighty eight point four.", 0.1),
        ("It made 3.3bn.", 0.1e9),
        ("Revenue grew 14.5%.", 0.1),
    ],
)
def test_a_figure_said_with_decimals_is_said_to_its_last_digit(text: str, step: float) -> None:
    (q,) = figures(text)
    found = stated_step(q)
    assert found is not None
    assert found == pytest.approx(step)


@pytest.mark.parametrize(
    "text",
    [
        "It scored 86 percent.",
        "Card Members spent twenty three and a half thousand dollars.",
        "It made $5 billion.",
    ],
)
def test_a_whole_figure_or_a_fraction_in_words_has_no_stated_step(text: str) -> None:
    (q,) = figures(text)
    assert stated_step(q) is None


def _q(text: str) -> Quantity:
    (q,) = figures(text)
    return q


def test_a_decimal_figure_agrees_only_to_its_last_digit_give_or_take_one() -> None:
    assert not within_tolerance(_q("It scored 82.0 on MMLU."), 83.6, SETTINGS)  # (1.9%, within 2%)
    assert within_tolerance(_q("It scored 83.5 on MMLU."), 83.6, SETTINGS)
    assert within_tolerance(_q("Revenue was $3.2 billion."), 3_257e6, SETTINGS)  # (said short, not rounded)
    assert not within_tolerance(_q("Revenue was $3.20 billion."), 3_257e6, SETTINGS)
    # a whole figure keeps the relative tolerance; a hedged one its own
    assert within_tolerance(_q("It scored 82 on MMLU."), 83.6, SETTINGS)
    assert within_tolerance(_q("It scored about 82.0 on MMLU."), 83.6, SETTINGS)
    hedged = Quantity(value=82.0, unit=Unit.COUNT, text="82.0", start=0, end=4, bound=Bound.APPROX)
    assert within_tolerance(hedged, 85.0, SETTINGS)


LLAMA31_CARD = Citation(title="Llama 3.1 model card", kind=DocKind.MODEL_CARD)
MMLU_ROW = make_passage(
    "| Benchmark | Llama 3.1 8B Instruct | Llama 3.1 70B Instruct | Llama 3.1 405B Instruct |\n"
    "|---|---|---|---|\n"
    "| MMLU (5-shot) | 69.4 | 83.6 | 87.3 |",
    passage_id="llama-3-1.md#11",
    citation=LLAMA31_CARD,
)


def test_a_benchmark_score_said_to_a_decimal_is_refuted_by_a_score_two_percent_off() -> None:
    assert [
        c.outcome for c in check_passage("Llama 3.1 70B scored 82.0 on five-shot MMLU.", MMLU_ROW, SETTINGS)
    ] == [Outcome.MISMATCH]
    assert [
        c.outcome for c in check_passage("Llama 3.1 70B scored 83.6 on five-shot MMLU.", MMLU_ROW, SETTINGS)
    ] == [Outcome.MATCH]


LLAMA32_SHEET = Citation(
    title="Llama 3.2 (1B and 3B text models) model card: fact sheet", kind=DocKind.FACT_SHEET, company="Meta"
)
_HEADING = "Llama 3.2 (1B and 3B text models) model card: fact sheet > Model details\n"


def _row(name: str, params: str, context: str, passage_id: str) -> Passage:
    return make_passage(
        f"| {name} | {params} | {context} | up to 9T | December 2023 |",
        text=f"{_HEADING}{name} | Parameters: {params} | Context length: {context} | Pretraining tokens: "
        "up to 9T | Knowledge cutoff: December 2023",
        passage_id=passage_id,
        citation=LLAMA32_SHEET,
    )


PLAIN_ROW = _row("Llama 3.2 3B", "3.21B", "128K tokens", "llama-3-2.md#2")
QUANTIZED_ROW = _row("Llama 3.2 1B and 3B, quantized", "1.23B / 3.21B", "8K tokens", "llama-3-2.md#3")


def test_a_row_that_alone_says_a_word_of_the_claim_settles_it() -> None:
    claim = "The quantized Llama 3.2 models keep the 128K context."
    related = [make_evidence(p.raw_text, passage=p) for p in (PLAIN_ROW, QUANTIZED_ROW)]
    checks = {ev.passage.passage_id: check_passage(claim, ev.passage, SETTINGS)[0] for ev in related}
    assert (checks["llama-3-2.md#2"].outcome, checks["llama-3-2.md#3"].outcome) == (
        Outcome.MATCH,
        Outcome.MISMATCH,
    )
    settled, _ = settle_figures(claim, related, SETTINGS)
    (check, ev) = settled[0]
    assert (check.outcome, ev.passage) == (Outcome.MISMATCH, QUANTIZED_ROW)
    # the plain model's claim is the plain row's
    plain, _ = settle_figures("Llama 3.2 3B has a 128K context window.", related, SETTINGS)
    assert plain[0][0].outcome is Outcome.MATCH


ICS = filed(
    "ICS issues a wide range of proprietary consumer, small business and corporate cards outside the United "
    "States.\nFor 2022, ICS reported pretax income of $578 million, compared with $929 million a year ago.",
    "American Express",
)


def test_a_segment_said_after_its_company_s_name_is_its_initials() -> None:
    amex = frozenset({"american", "expres"})  # (as `measure_terms` reads "American Express")
    assert initialisms("American Express International Card Services pretax income", amex) == {"aeics", "ics"}
    assert initialisms("American Express International Card Services pretax income") == {"aeics"}
    assert initialisms("Global Merchant and Network Services", amex) == {"gmns"}
    claim = "American Express International Card Services pretax income was $578 million in 2022."
    assert [c.outcome for c in check_passage(claim, ICS, SETTINGS)] == [Outcome.MATCH]


DEBT = filed(
    "At December 31, 2022, our total debt decreased to $150.6 billion compared to $150.9 billion at "
    "December 31, 2021. Our effective interest rate was 4.0%.",
    "Verizon",
)


@pytest.mark.parametrize(
    ("claim", "outcomes"),
    [
        ("[Verizon] Total debt was 150.6 billion dollars versus 150.9.", [Outcome.MATCH, Outcome.MATCH]),
        ("[Verizon] Total debt was 150.6 billion dollars versus 152.9.", [Outcome.MATCH, Outcome.MISMATCH]),
        (
            "[Verizon] Total debt was a hundred and fifty point six billion compared to a hundred and fifty "
            "point nine.",
            [Outcome.MATCH, Outcome.MATCH],
        ),
    ],
)
def test_a_figure_set_beside_the_first_is_the_year_before_s(claim: str, outcomes: list[Outcome]) -> None:
    checks = check_passage(claim, DEBT, SETTINGS)
    assert [c.outcome for c in checks] == outcomes
    assert checks[1].evidence is not None
    assert checks[1].evidence.text == "$150.9 billion"


def test_a_printed_figure_that_agrees_with_one_claimed_figure_refutes_no_other() -> None:
    # "91.1 to 90.6": the card's 91.1 is Llama 3.3's; the 90.6 is the other model's, not 91.1 said wrong
    card = make_passage(
        "| Multilingual | MGSM | 0 | em | 68.9 | 86.9 | 91.1 | 91.6 |",
        text="Llama 3.3 model card > Benchmarks - English Text > Instruction tuned models\nMultilingual | "
        "Benchmark: MGSM | # Shots: 0 | Metric: em | Llama 3.1 8B Instruct: 68.9 | Llama 3.1 70B Instruct: "
        "86.9 | Llama-3.3 70B Instruct: 91.1 | Llama 3.1 405B Instruct: 91.6",
        passage_id="llama3_3/MODEL_CARD.md#20",
        citation=Citation(title="Llama 3.3 model card", kind=DocKind.MODEL_CARD),
    )
    claim = (
        "Three point three [Llama 3.3 70B] edges it on MGSM too, ninety one point one to ninety point six."
    )
    checks = check_passage(claim, card, SETTINGS)
    assert [c.outcome for c in checks] == [Outcome.MATCH, Outcome.MISMATCH]
    settled, _ = settle_figures(claim, [make_evidence(card.raw_text, passage=card)], SETTINGS)
    assert list(settled) == [0]
    assert settled[0][0].outcome is Outcome.MATCH


def _checks_of(claim: str, first: str, second: str, printed: str) -> list[tuple[int, NumberCheck, Evidence]]:
    """Two claimed figures of `claim` checked against one printed figure: the first agrees, the second not."""
    found = {q.text: q for q in figures(claim)}
    shown = figures(printed)[0]
    ev = make_evidence(printed)
    return [
        (
            i,
            NumberCheck(
                claim=found[said],
                evidence=shown,
                outcome=outcome,
                alignment=101,
                passage_id=ev.passage.passage_id,
            ),
            ev,
        )
        for i, (said, outcome) in enumerate(((first, Outcome.MATCH), (second, Outcome.MISMATCH)))
    ]


def test_only_a_figure_set_beside_another_is_freed_of_the_other_s_printed_figure() -> None:
    paired = "Total debt was 150.6 billion versus 150.9 billion."
    checks = _checks_of(paired, "150.6 billion", "150.9 billion", "Total debt was 150.6 billion.")
    assert _set_beside_agreement(paired, checks) == {1}
    # a list says each of its figures of the same thing: the printed figure still refutes the other
    listed = "It shipped models of 8 billion, 70 billion and 405 billion."
    checks = _checks_of(listed, "70 billion", "405 billion", "It has 70 billion parameters.")
    assert _set_beside_agreement(listed, checks) == set()


def test_a_freed_figure_is_still_refuted_by_another_passage() -> None:
    # only the printed figure that agreed with the first is set aside: another passage's refutation stands
    claim = "[Verizon] Total debt was 150.6 billion dollars versus 158.9."
    first_only = filed(
        "At December 31, 2022, our total debt decreased to $150.6 billion.", "Verizon"
    ).model_copy(update={"passage_id": "verizon.txt#270"})
    related = [make_evidence(p.raw_text, passage=p) for p in (first_only, DEBT)]
    settled, _ = settle_figures(claim, related, SETTINGS)
    assert [settled[i][0].outcome for i in sorted(settled)] == [Outcome.MATCH, Outcome.MISMATCH]


def _texts(nlp: Language, *turns: str, entities: list[str]) -> dict[str, str]:
    talk = make_talk(*turns, title="Talk", entities=entities)
    corpus = frozenset(e.lower() for e in entities)
    return {q: c.text for q, c in claims_by_quote(nlp, talk, corpus).items()}


def test_an_answer_to_a_question_takes_the_measure_it_asks_about(nlp: Language) -> None:
    texts = _texts(
        nlp,
        "Do they say what capex is this year?",
        "Eighteen and a quarter to nineteen and a quarter billion for twenty three.",
        entities=["Verizon"],
    )
    assert (
        "capex] Eighteen and a quarter"
        in texts["Eighteen and a quarter to nineteen and a quarter billion for twenty three."]
    )


def test_a_figure_said_again_is_of_the_measure_it_was_said_with(nlp: Language) -> None:
    texts = _texts(
        nlp,
        "Operating cash flow was thirty nine and a half billion. And free cash flow fell from nineteen and a "
        "quarter to about fourteen.",
        "Thirty nine and a half is the twenty one number. It was thirty seven point one last year.",
        entities=["Verizon"],
    )
    assert (
        "operating cash flow] Thirty nine and a half [billion]"
        in texts["Thirty nine and a half is the twenty one number."]
    )
    assert (
        "operating cash flow] It was thirty seven point one [billion]"
        in texts["It was thirty seven point one last year."]
    )


def test_a_figure_said_again_that_was_said_with_no_measure_takes_none(nlp: Language) -> None:
    texts = _texts(
        nlp,
        "Amazon did just under a hundred and seventy eight billion in net sales. And AWS grew fifty five "
        "percent.",
        "Forty three. Fifty five was the year before.",
        entities=["Amazon"],
    )
    assert "net sales" not in texts["Fifty five was the year before."]


def test_a_clause_opening_on_how_a_figure_compares_leans_on_the_measure(nlp: Language) -> None:
    texts = _texts(
        nlp,
        "Discount revenue was 30.7bn, up twenty five percent. And net card fees grew even faster than that.",
        "Slower, seventeen percent, about six billion.",
        entities=["American Express"],
    )
    assert "card fees] Slower, seventeen percent" in texts["Slower, seventeen percent, about six billion."]
    # "More than" opens no such clause
    texts = _texts(
        nlp,
        "Square's revenue was nine and a half billion.",
        "More than thirty six million monthly transacting actives, as of December.",
        entities=["Square"],
    )
    assert "revenue" not in texts["More than thirty six million monthly transacting actives, as of December."]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Eighteen and a quarter to nineteen and a quarter billion for twenty three.", [2023]),
        ("Thirty nine and a half is the twenty one number.", [2021]),
        ("Guidance for twenty four, they said, is flat.", [2024]),
        # a price, a rate, a count: no year
        ("They bought it for twenty three dollars.", []),
        ("It was like forty for twenty.", []),
        ("The twenty one experts agreed.", []),
        ("We waited for twenty minutes.", []),
    ],
)
def test_a_year_said_by_its_last_two_digits_after_for_or_naming_a_figure(text: str, said: list[int]) -> None:
    assert years(text) == said


def test_a_small_number_said_of_that_is_a_part_of_the_figure_before(nlp: Language) -> None:
    texts = _texts(
        nlp,
        "Capex was twenty three billion, and about six of that was C-Band.",
        "The 70B alone is like twenty two hundred of that.",
        entities=["Verizon"],
    )
    assert texts["about six of that was C-Band."] == "[capex] About six [billion] of that was C-Band."
    assert "[billion]" not in texts["The 70B alone is like twenty two hundred of that."]
    # a fraction of it, or a number of a thousand or more, takes no scale
    texts = _texts(
        nlp, "Capex was twenty three billion, and a third of that was C-Band.", entities=["Verizon"]
    )
    assert "[billion]" not in texts["a third of that was C-Band."]


def test_a_decimal_figure_is_held_to_the_coarser_of_its_digits_and_the_printed_ones() -> None:
    acme = _filing_passage("Net sales were $3.3 billion in 2023, compared with $3.1 billion in 2022.")
    assert [
        c.outcome for c in check_passage("Acme's net sales were $3.25 billion in 2023.", acme, SETTINGS)
    ] == [Outcome.MATCH]
    # a change worked out from two rounded levels holds no digits of its own (45.3 / 40.2: +12.7%)
    levels = _filing_passage("Net sales were $45.3 billion in 2023 and $40.2 billion in 2022.")
    growth = check_passage("Acme's net sales grew 12.5 percent in 2023.", levels, SETTINGS)
    assert [c.outcome for c in growth] == [Outcome.MATCH]
    # a whole percent said with a decimal is no whole percent
    assert not within_tolerance(_q("Margin was 82.0%."), 82.45, SETTINGS)


def _filing_passage(text: str) -> Passage:
    return filed(text, "Acme", 2023)


def test_a_figure_set_beside_another_that_says_whose_it_is_is_not_the_year_before_s() -> None:
    passage = _filing_passage(
        "Net sales were $45.3 billion in 2023, compared with $40.2 billion in 2022. Services net sales were "
        "$12.1 billion."
    )
    claim = "Acme's net sales were 45.3 billion versus 12.1 billion for services."
    assert [c.outcome for c in check_passage(claim, passage, SETTINGS)] == [Outcome.MATCH, Outcome.MATCH]


def test_a_word_said_after_the_figure_names_no_row_that_outweighs_agreement() -> None:
    total = _filing_passage("Operating income was $1.2 billion in 2023.")
    cloud = _filing_passage("Cloud operating income was $0.5 billion in 2023.").model_copy(
        update={"passage_id": "acme.txt#2"}
    )
    related = [make_evidence(p.raw_text, passage=p) for p in (total, cloud)]
    settled, _ = settle_figures(
        "Acme operating income was $1.2 billion in 2023, helped by cloud.", related, SETTINGS
    )
    assert settled[0][0].outcome is Outcome.MATCH


@pytest.mark.parametrize(
    ("turns", "said"),
    [
        # a change said is no level said again
        (
            (
                "Acme's operating margin was twenty percent. Revenue was twelve billion.",
                "That's up twenty percent.",
            ),
            "revenue",
        ),
        # the question's measure, not the one a number said again was said with
        (
            (
                "Acme's free cash flow was fifteen billion last year.",
                "What was EBITDA, roughly?",
                "Also about fifteen billion, for twenty three.",
            ),
            "EBITDA",
        ),
        # fifteen people are no fifteen percent
        (
            (
                "Acme's revenue was twelve billion. About fifteen people left the board.",
                "That's up fifteen percent.",
            ),
            "revenue",
        ),
    ],
)
def test_a_number_said_again_is_the_same_figure_only_when_said_the_same_way(
    nlp: Language, turns: tuple[str, ...], said: str
) -> None:
    texts = _texts(nlp, *turns, entities=["Acme"])
    last = [t for q, t in texts.items() if q in turns[-1]][-1]
    assert f"{said}]" in last


@pytest.mark.parametrize(
    "text",
    [
        "They sold it for twenty three.",
        "I've been at the company for twenty.",
        "It was like ten bucks for twenty.",
        "The twenty one numbers they gave are wrong.",
    ],
)
def test_a_price_a_while_or_a_count_is_no_year_said_short(text: str) -> None:
    assert years(text) == []


def test_more_like_is_a_hedge_not_a_move(nlp: Language) -> None:
    texts = _texts(
        nlp,
        "Acme's revenue was twelve billion.",
        "More like twenty percent of the buyers use it.",
        entities=["Acme"],
    )
    assert "revenue" not in texts["More like twenty percent of the buyers use it."]


def test_a_claim_about_a_year_after_the_filing_s_is_read_against_what_the_filing_expects() -> None:
    plan = filed(
        "We anticipate cash requirements for our 2023 capital program to be between $18.25 billion and "
        "$19.25 billion.",
        "Verizon",
    )
    said = "[Verizon's capex] Eighteen and a quarter to nineteen and a quarter billion for twenty three."
    assert [c.outcome for c in check_passage(said, plan, SETTINGS)] == [Outcome.MATCH]
    wrong = "[Verizon's capex] Sixteen to seventeen billion for twenty three."
    assert [c.outcome for c in check_passage(wrong, plan, SETTINGS)] == [Outcome.MISMATCH]
    # what happened in that year is no plan's
    done = "[Verizon] Capex was eighteen point eight billion in 2023."
    assert [c.outcome for c in check_passage(done, plan, SETTINGS)] == [Outcome.NO_FIGURE]
