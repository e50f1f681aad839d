"""Thirty-seventh session: a comparison swept over a whole benchmark table ("beats the four oh five on
basically everything", "on every row in this table", "… except code") is read off every row that scores
both models, and the rationale names the rows each way."""

from __future__ import annotations

import pytest

from claimcheck.models import Citation, ClaimType, DocKind, DraftVerdict, Label, Passage
from claimcheck.verify.compare import Sweep, check_sweep, claimed_sweep
from claimcheck.verify.policy import judge
from tests.factories import SETTINGS, make_claim, make_claim_evidence, make_passage

# (rows of the Llama 3.3 model card's instruction-tuned benchmark table, as Meta publishes it)
_THREE_THREE_ROWS = [
    ("General", "MMLU (CoT)", "73.0 | 86.0 | 86.0 | 88.6"),
    ("Steerability", "IFEval", "80.4 | 87.5 | 92.1 | 88.6"),
    ("Reasoning", "GPQA Diamond (CoT)", "31.8 | 48.0 | 50.5 | 49.0"),
    ("Code", "HumanEval", "72.6 | 80.5 | 88.4 | 89.0"),
    ("Math", "MATH (CoT)", "51.9 | 68.0 | 77.0 | 73.8"),
    ("Multilingual", "MGSM", "68.9 | 86.9 | 91.1 | 91.6"),
]
_COLUMNS = (
    "Llama 3.1 8B Instruct",
    "Llama 3.1 70B Instruct",
    "Llama-3.3 70B Instruct",
    "Llama 3.1 405B Instruct",
)
CARD_33 = Citation(title="Llama 3.3 model card", kind=DocKind.MODEL_CARD, company="Meta")


def _row(n: int, category: str, bench: str, scores: str) -> Passage:
    cells = " | ".join(f"{c}: {v.strip()}" for c, v in zip(_COLUMNS, scores.split("|"), strict=True))
    raw = f"| {category} | {bench} | 0 | acc | {scores} |"
    text = f"Llama 3.3 model card > Benchmarks\n{category} | Benchmark: {bench} | {cells}"
    return make_passage(raw, text=text, passage_id=f"llama3_3.md#{n}", citation=CARD_33)


ROWS_33 = [_row(n, *r) for n, r in enumerate(_THREE_THREE_ROWS)]


@pytest.mark.parametrize(
    ("claim", "sweep"),
    [
        (
            "[Llama 3.3] beats four oh five [Llama 3.1 405B] on everything except code.",
            Sweep("Llama 3.3", "Llama 3.1 405B", ("code",)),
        ),
        ("Maverick beats Scout on every single benchmark in the card.", Sweep("Maverick", "Scout", ())),
        (
            "So Scout [Llama 4 Scout] beats it [Llama 3.3 70B] on literally every row.",
            Sweep("Llama 4 Scout", "Llama 3.3 70B", ()),
        ),
        ("The 405B beats the 70B across the board.", Sweep("The 405B", "the 70B", ())),
        ("Scout beats the 405B on MMLU.", None),
        ("It's not true that Maverick beats Scout on every benchmark.", None),
        (
            "Maverick beats Scout on every row in this table except code and DocVQA.",
            Sweep("Maverick", "Scout", ("code", "docvqa")),
        ),
        ("Maverick beats Scout on everything but the vision ones.", Sweep("Maverick", "Scout", ("vision",))),
        ("Maverick beats Scout on everything, but it's bigger.", Sweep("Maverick", "Scout", ())),
        ("It beats everything.", None),
    ],
)
def test_a_sweeping_comparison_is_read(claim: str, sweep: Sweep | None) -> None:
    assert claimed_sweep(claim) == sweep


def test_a_sweep_reads_every_row_that_scores_both_models() -> None:
    check = check_sweep("[Llama 3.3] beats four oh five [Llama 3.1 405B] on basically everything.", ROWS_33)
    assert check is not None
    assert check.wins == ("IFEval", "GPQA Diamond (CoT)", "MATH (CoT)")
    assert check.losses == ("MMLU (CoT)", "HumanEval", "MGSM") and check.ties == ()
    assert check.contradicted and not check.agrees(SETTINGS.sweep_min_rows)
    # rows whose label says what the claim leaves out are not read
    left_out = check_sweep(
        "[Llama 3.3] beats four oh five [Llama 3.1 405B] on everything except code.", ROWS_33
    )
    assert left_out is not None and "HumanEval" not in left_out.losses
    # a model no column names is swept against nothing
    assert check_sweep("Gemma 2 beats [Llama 3.1 405B] on everything.", ROWS_33) is None


def test_a_sweep_is_real_only_over_enough_rows_and_ties_count_against_it() -> None:
    claim = "The 405B [Llama 3.1 405B] beats the 8B [Llama 3.1 8B] on every benchmark."
    won = check_sweep(claim, ROWS_33)
    assert won is not None and won.agrees(3) and len(won.wins) == 6
    two = check_sweep(claim, ROWS_33[:2])
    assert two is not None and not two.agrees(3)  # two rows say too little for "every benchmark"
    tie = _row(9, "General", "MMLU", "73.0 | 86.0 | 86.0 | 88.6")
    level = check_sweep("[Llama 3.3 70B] beats [Llama 3.1 70B] on every row.", [*ROWS_33, tie])
    assert level is not None and "MMLU" in level.ties and not level.agrees(1)


def _judged(claim_text: str, rows: list[Passage]) -> DraftVerdict:
    claim = make_claim(claim_text, claim_type=ClaimType.COMPARATIVE)
    return judge(make_claim_evidence(claim, *[(p, 0.5) for p in rows]), SETTINGS)


def test_a_sweep_settles_the_draft_and_says_where_it_fails() -> None:
    mixed = _judged("[Llama 3.3] beats four oh five [Llama 3.1 405B] on basically everything.", ROWS_33)
    assert mixed.label == Label.PARTIALLY_TRUE
    assert "above Llama 3.1 405B on 3 of 6 benchmarks" in mixed.rationale
    assert "below it on 3 (MMLU (CoT), HumanEval, MGSM)" in mixed.rationale
    # the rows it trails are quoted first
    assert mixed.evidence[0].passage.passage_id == ROWS_33[0].passage_id
    swept = _judged("The 405B [Llama 3.1 405B] beats the 8B [Llama 3.1 8B] on every benchmark.", ROWS_33)
    assert swept.label == Label.REAL
    lost = _judged("The 8B [Llama 3.1 8B] beats the 405B [Llama 3.1 405B] on every benchmark.", ROWS_33)
    assert lost.label == Label.HYPE


def test_a_sweep_cites_only_the_rows_it_read_and_names_a_benchmark_two_tables_score() -> None:
    other = make_passage(
        "| General | MMLU | 5 | acc | 60.0 | 70.0 |",
        text="Llama 3.3 model card > Pretrained models\n"
        "General | Benchmark: MMLU | Llama 3.1 8B: 60.0 | Llama 3.1 70B: 70.0",
        passage_id="llama3_3.md#20",
        citation=CARD_33,
    )
    pre = make_passage(
        "| General | MMLU (CoT) | 0 | acc | 66.0 | 85.0 | 79.0 |",
        text="Llama 3.3 model card > Pretrained models\nGeneral | Benchmark: MMLU (CoT) | "
        "Llama 3.1 8B Instruct: 66.0 | Llama-3.3 70B Instruct: 85.0 | Llama 3.1 405B Instruct: 79.0",
        passage_id="llama3_3.md#21",
        citation=CARD_33,
    )
    check = check_sweep(
        "[Llama 3.3] beats four oh five [Llama 3.1 405B] on basically everything.", [*ROWS_33, other, pre]
    )
    assert check is not None and "llama3_3.md#20" not in check.passages
    assert "MMLU (CoT) (Pretrained models)" in check.wins
    assert "MMLU (CoT) (Benchmarks)" in check.losses
    # the rows it trails or ties come first
    assert check.passages[0] == ROWS_33[0].passage_id
