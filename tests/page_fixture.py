"""A breakdown page fixture: one episode whose verdicts are drafted by the real verdict stage (`judge`) over
small fact-sheet passages, so that the cards show what the library really decides.

- claim 1: a figure the prose passage settles, while the passage's cited quote is another sentence and the
  verifier (wrongly) says "contradicts": the card must show the revenue sentence with the figure marked,
  and no stance label;
- claim 2: "doubled", settled by a table row: shown as a table with its row and column headers;
- claim 3: a prediction with no related evidence: Unverified, approved (shown, never a ClaimReview);
- claim 4: no figure, settled by the verifier's confident stance: its stance label is shown;
- claim 5: an editor's verdict over an unverified draft, with the explanation pointing at two table rows;
- claim 6: claim 1 said again later in other words: folded into claim 1's card.
"""

from __future__ import annotations

import datetime as dt

from claimcheck.models import (
    Breakdown,
    Citation,
    ClaimEvidence,
    DocKind,
    Evidence,
    Label,
    Passage,
    Stance,
    Verdict,
    VerdictStatus,
)
from claimcheck.publish import PageEditorial
from claimcheck.verify.policy import judge, stance_key
from tests.factories import SETTINGS, make_claim, make_evidence, make_passage

TEN_K = Citation(
    title="Meta Platforms FY2023 10-K fact sheet: revenue and segments",
    kind=DocKind.FACT_SHEET,
    compiled_kind=DocKind.TEN_K,
    company="Meta Platforms, Inc.",
    period="FY2023",
    section="Item 7. Management's Discussion and Analysis > Results",
    url="https://www.sec.gov/Archives/edgar/data/1326801/000132680124000012/meta-20231231.htm",
    date=dt.date(2024, 2, 2),
    compiled_from="Meta Platforms' FY2023 Form 10-K",
)
CARD = Citation(
    title="Llama 3.1 model card: fact sheet",
    kind=DocKind.FACT_SHEET,
    compiled_kind=DocKind.MODEL_CARD,
    company="Meta",
    period="2024-07",
    section="Benchmark scores",
    url="https://github.com/meta-llama/llama-models/blob/main/models/llama3_1/MODEL_CARD.md",
    date=dt.date(2024, 7, 23),
    compiled_from="the Llama 3.1 model card (models/llama3_1/MODEL_CARD.md)",
)

REVENUE = "Meta Platforms, Inc. reported total revenue of $134.90 billion for fiscal year 2023."
LOSS = "Reality Labs recorded a loss from operations of $16.12 billion in 2023."
GLASSES = "The Reality Labs segment sells Ray-Ban Meta smart glasses made with a partner."
PROSE = f"{REVENUE} {LOSS}\n\n{GLASSES}"
ROW = "| Total revenue | 134,902 | 116,609 |"


def prose_passage() -> Passage:
    return make_passage(PROSE, passage_id="meta/fy2023.md#0", start=120, citation=TEN_K)


def table_passage() -> Passage:
    text = f"{TEN_K.title} > Revenue\n(in millions)\nTotal revenue | 2023: 134,902 | 2022: 116,609"
    return make_passage(ROW, passage_id="meta/fy2023.md#1", text=text, start=400, citation=TEN_K)


def benchmark_passages() -> list[Passage]:
    rows = ["| MMLU (5-shot) | 69.4 | 83.6 | 87.3 |", "| MMLU (0-shot, CoT) | 73.0 | 86.0 | 88.6 |"]
    names = ["MMLU (5-shot)", "MMLU (0-shot, CoT)"]
    out = []
    for n, (row, name) in enumerate(zip(rows, names, strict=True)):
        values = row.strip("| ").split(" | ")[1:]
        text = f"{CARD.title} > Benchmarks\n{name} | 8B: {values[0]} | 70B: {values[1]} | 405B: {values[2]}"
        out.append(make_passage(row, passage_id=f"llama/3-1.md#{n}", text=text, start=50 * n, citation=CARD))
    return out


def model_card_passages() -> list[Passage]:
    """The Llama 3.1 card's opening sentence and its context-length rows."""
    opening = "Llama 3.1 was released on July 23, 2024, in three sizes: 8B, 70B and 405B."
    out = [make_passage(opening, passage_id="llama/3-1.md#5", start=0, citation=CARD)]
    for n, size in enumerate(("8B", "70B", "405B")):
        row = f"| Llama 3.1 {size} | 128K tokens |"
        text = f"{CARD.title} > Model details\nLlama 3.1 {size} | Context length: 128K tokens"
        out.append(
            make_passage(
                row, passage_id=f"llama/3-1.md#{6 + n}", text=text, start=200 + 40 * n, citation=CARD
            )
        )
    return out


def later_and_untouched_passages() -> list[Passage]:
    """On the talk's topic "Reality Labs losses and smart glasses", from documents no claim was checked
    against: one dated before the talk (a suggestion for What They Missed), one after (never one)."""
    before = Citation(title="Meta FY2024 10-K: segments", kind=DocKind.TEN_K, date=dt.date(2025, 1, 30))
    after = Citation(title="Meta FY2025 10-K: segments", kind=DocKind.TEN_K, date=dt.date(2026, 1, 29))
    text_before = "Reality Labs losses widened in 2024 while smart glasses sales tripled."
    text_after = "Reality Labs losses widened again in 2025 as smart glasses shipments grew."
    return [
        make_passage(text_before, passage_id="meta/fy2024.md#0", citation=before),
        make_passage(text_after, passage_id="meta/fy2025.md#0", citation=after),
    ]


def corpus() -> list[Passage]:
    return [
        prose_passage(),
        table_passage(),
        *benchmark_passages(),
        *model_card_passages(),
        *later_and_untouched_passages(),
    ]


def _drafted(
    n: int,
    text: str,
    evidence: list[Evidence],
    *,
    start: float,
    stances: dict[str, tuple[float, float, float]] | None = None,
    quote: str | None = None,
) -> Verdict:
    claim = make_claim(
        text,
        claim_id=f"c{n}",
        transcript_id="ep7",
        quote=quote or text,
        speaker="Dana Whitfield",
        start=start,
    )
    draft = judge(ClaimEvidence(claim=claim, evidence=evidence), SETTINGS, stances)
    return Verdict(
        claim=claim,
        draft=draft,
        label=draft.label,
        rationale=draft.rationale,
        confidence=draft.confidence,
        evidence=draft.evidence,
        status=VerdictStatus.APPROVED,
        editor="Ana Editor",
    )


def verdicts() -> list[Verdict]:
    prose, table = prose_passage(), table_passage()
    # the quote retrieval chose is the loss sentence, and the verifier's stance is wrong on purpose
    loss_quote = make_evidence(LOSS, passage=prose, stance=Stance.CONTRADICTS)
    v1 = _drafted(1, "Meta's revenue was $134.9 billion in 2023.", [loss_quote], start=64.5)
    v2 = _drafted(
        2, "Meta's revenue doubled from 2022 to 2023.", [make_evidence(ROW, passage=table)], start=70
    )
    v3 = _drafted(3, "AR glasses will replace phones by 2030.", [], start=321)
    glasses = make_evidence(GLASSES, passage=prose)
    v4 = _drafted(
        4,
        "Meta sells Ray-Ban Meta smart glasses through Reality Labs.",
        [glasses],
        start=330,
        stances={stance_key(0, prose.passage_id): (0.95, 0.03, 0.02)},
    )
    v5 = _drafted(5, "Llama 3.1 405B scores 88.6 on MMLU five-shot.", [], start=423)
    note = "88.6 is MMLU 0-shot CoT; MMLU 5-shot is 87.3."
    v5 = v5.model_copy(update={"label": Label.PARTIALLY_TRUE, "rationale": note, "note": note})
    v6 = _drafted(6, "Revenue was $134.9 billion in 2023, as I said.", [loss_quote], start=488)
    return [v1, v2, v3, v4, v5, v6]


def episode7(**update: object) -> Breakdown:
    breakdown = Breakdown(
        slug="ep7",
        title="Meta's Open Models and the Road to 2030",
        show="Signal Check",
        episode="7",
        date=dt.date(2025, 3, 15),
        speakers=["Sam Keller", "Dana Whitfield"],
        roles={"Sam Keller": "Host", "Dana Whitfield": "Vice president, Meta"},
        url="https://www.youtube.com/watch?v=abc123",
        summary="A Meta executive on revenue, Reality Labs and Llama. Second sentence.",
        source_path="samples/ep7.txt",
        status=VerdictStatus.APPROVED,
        verdicts=verdicts(),
        topics=["Reality Labs losses and smart glasses"],
        entities=["Meta", "Reality Labs", "Llama 3.1", "Ray-Ban Meta"],
        duration=4830.0,
    )
    return breakdown.model_copy(update=update)


SECTIONS = {
    "dek": "Right on revenue, wrong on *growth*.",
    "the_one_thing": "Filed figures hold up; remembered ones do not.",
    "so_what": "- Check the **year**.\n- Check the setting of a benchmark.",
    "action_items": "1. Read the filing's table.\n2. Note the shots.",
    "workflow_idea": "Keep a fact sheet per company.",
    "what_they_missed": "Nobody asked about capital spending.",
}


def editorial(**update: object) -> PageEditorial:
    base = PageEditorial(sections=dict(SECTIONS), first_published=dt.datetime(2025, 3, 20, tzinfo=dt.UTC))
    return base.model_copy(update=update)
