"""The spine's verdict stage alone: quotes, number checks and the policy, on hand-built evidence."""

from __future__ import annotations

from claimcheck.models import Citation, Claim, ClaimEvidence, ClaimType, DocKind, Label, Passage
from claimcheck.verify.findings import Finding, FindingSource, SignalName, combine, number_signal
from claimcheck.verify.numbers import Outcome, check_passage
from claimcheck.verify.policy import FigureChecks, judge
from claimcheck.verify.quotes import best_quote
from claimcheck.verify.rules import RULES, Stage
from tests.factories import SETTINGS, make_claim, make_claim_evidence, make_passage

RAW = (
    "---\ntitle: Meta FY2023 segments\n---\n"
    "Reality Labs recorded a loss from operations of $16.12 billion in 2023, compared with "
    "$13.72 billion in 2022. Family of Apps income from operations was $62.87 billion in 2023.\n"
)


def passage(raw: str = RAW, kind: DocKind = DocKind.TEN_K, pid: str = "meta.md#0") -> Passage:
    """The passage from "Reality" on (after the front matter), cited as Meta's FY2023 10-K."""
    start = raw.index("Reality") if "Reality" in raw else 0
    citation = Citation(title="Meta 10-K FY2023", kind=kind, company="Meta Platforms, Inc.", period="FY2023")
    return make_passage(raw[start:], passage_id=pid, start=start, citation=citation)


def claim(text: str, ctype: ClaimType = ClaimType.QUANTITATIVE) -> Claim:
    return make_claim(text, claim_type=ctype)


def item_for(text: str, p: Passage, score: float, ctype: ClaimType = ClaimType.QUANTITATIVE) -> ClaimEvidence:
    """The claim `text` with the evidence the quote finder takes from `p` at retrieval score `score`."""
    return make_claim_evidence(claim(text, ctype), (p, score))


def verdict_for(text: str, score: float = 0.7, ctype: ClaimType = ClaimType.QUANTITATIVE) -> Label:
    return judge(item_for(text, passage(), score, ctype), SETTINGS).label


def test_quote_is_exact_substring_with_absolute_span() -> None:
    p = passage()
    quote, start, end = best_quote(p, "Family of Apps made $62.9 billion operating income")
    assert RAW[start:end] == quote
    assert "Family of Apps" in quote


def test_number_check_matches_and_mismatches() -> None:
    p = passage()
    (ok,) = check_passage("Reality Labs lost $16.1 billion in 2023", p, SETTINGS)
    assert ok.outcome == Outcome.MATCH
    (bad,) = check_passage("Reality Labs lost $10 billion in 2023", p, SETTINGS)
    assert bad.outcome == Outcome.MISMATCH


def test_figure_from_another_year_in_the_same_passage_is_not_support() -> None:
    # $13.72 billion is in the passage, but it is 2022's figure.
    (check,) = check_passage("Reality Labs lost $13.7 billion in 2023", passage(), SETTINGS)
    assert check.outcome == Outcome.MISMATCH
    assert check.evidence is not None and abs(check.evidence.value - 16.12e9) < 1e6


def test_hedge_widens_tolerance() -> None:
    assert verdict_for("Reality Labs lost roughly $15 billion in 2023") == Label.REAL
    assert verdict_for("Reality Labs lost exactly $15 billion in 2023") == Label.HYPE


def test_policy_labels_follow_the_evidence() -> None:
    assert verdict_for("Reality Labs lost $16.1 billion in 2023") == Label.REAL
    assert verdict_for("Reality Labs lost about $10 billion in 2023") == Label.HYPE
    mixed = "Reality Labs lost $16.1 billion in 2023 while Family of Apps earned $90 billion"
    assert verdict_for(mixed) == Label.PARTIALLY_TRUE


def test_no_relevant_evidence_is_unverified_and_flagged() -> None:
    p = passage()
    item = make_claim_evidence(
        claim("Our team has 40 engineers"),
        (p, 0.05),
        sources_searched=["10-K: Meta 10-K (FY2023)", "model-card: Llama 3", "model-card: Llama 4"],
    )
    draft = judge(item, SETTINGS)
    assert draft.label == Label.UNVERIFIED
    assert draft.needs_review
    assert "Searched 3 documents (1 10-K, 2 model-card)" in draft.rationale
    assert draft.sources_searched == item.sources_searched
    assert draft.evidence == []


def test_unsupported_prediction_is_hype() -> None:
    item = make_claim_evidence(claim("AR glasses will replace phones by 2030", ClaimType.PREDICTIVE))
    assert judge(item, SETTINGS).label == Label.HYPE


def test_breakdowns_never_count_as_evidence() -> None:
    p = passage(kind=DocKind.BREAKDOWN)
    text = "Reality Labs lost $16.1 billion in 2023"
    draft = judge(item_for(text, p, 0.9), SETTINGS)
    assert draft.label == Label.UNVERIFIED


def test_rationale_puts_figures_side_by_side() -> None:
    p = passage()
    text = "Reality Labs lost about $10 billion in 2023"
    draft = judge(item_for(text, p, 0.8), SETTINGS)
    assert "$16.12 billion" in draft.rationale and "$10 billion" in draft.rationale
    assert draft.evidence and draft.evidence[0].quote in RAW


def test_figure_of_another_magnitude_measures_something_else() -> None:
    (check,) = check_passage("Our Reality Labs team is about 500 people", passage(), SETTINGS)
    assert check.outcome == Outcome.NO_FIGURE


def test_figure_only_from_another_year_settles_nothing() -> None:
    raw = "Reality Labs recorded a loss from operations of $13.72 billion in 2022.\n"
    (check,) = check_passage("Reality Labs lost $13.7 billion in 2023", passage(raw), SETTINGS)
    assert check.outcome == Outcome.OTHER_CONTEXT


REVENUE = (
    "Meta reported total revenue of $134.90 billion in 2023, up from $116.61 billion in 2022.\n\n"
    "In 2023 ad impressions rose 28%, while the average price per ad fell 9%.\n"
)


def revenue_verdict(text: str) -> tuple[Label, str]:
    p = passage(REVENUE, pid="rev.md#0")
    draft = judge(item_for(text, p, 0.8), SETTINGS)
    return draft.label, draft.rationale


def test_growth_claim_is_checked_against_the_change_between_two_periods() -> None:
    label, why = revenue_verdict("Meta revenue grew 16% from 2022 to 2023")
    assert label == Label.REAL
    assert "+15.7%" in why


def test_doubled_for_sixteen_percent_is_hype_and_for_near_misses_partial() -> None:
    assert revenue_verdict("Meta revenue basically doubled from 2022 to 2023")[0] == Label.HYPE
    # +15.7% claimed as "grew 25%": right direction, outside tolerance, within a factor of two
    assert revenue_verdict("Meta revenue grew 25% from 2022 to 2023")[0] == Label.PARTIALLY_TRUE


def test_direction_is_checked() -> None:
    assert revenue_verdict("In 2023 ad impressions rose 28%")[0] == Label.REAL
    label, why = revenue_verdict("In 2023 ad impressions fell 28%")
    assert label == Label.HYPE
    assert "other way" in why
    assert revenue_verdict("Meta revenue fell 16% from 2022 to 2023")[0] == Label.HYPE


# ---- the policy's parts ---------------------------------------------------------------------------


def test_rules_run_in_their_table_order() -> None:
    assert [(r.name, r.stage) for r in RULES] == [
        ("prediction", Stage.LABEL),
        ("mixed", Stage.LABEL),
        ("supported", Stage.LABEL),
        ("contradicted", Stage.LABEL),
        ("generalisation", Stage.ADJUST),
        ("promotional", Stage.ADJUST),
        ("opinion", Stage.ADJUST),
        ("unresolved_subject", Stage.ADJUST),
        ("no_relevant_evidence", Stage.ADJUST),
    ]


def test_a_pure_opinion_is_never_checked() -> None:
    """Issue 11: an opinion reaches the editor as Unverified, "opinion, not checked" — never Hype, even when
    it is promotional, and never Real, even when a passage says something alike."""
    hype_settings = SETTINGS.model_copy(update={"promotional_is_hype": True})
    for text in ("Reality Labs is the best business Meta has ever built", "Reality Labs lost $16.1 billion"):
        draft = judge(item_for(text, passage(), 0.7, ClaimType.OPINION), hype_settings)
        assert draft.label == Label.UNVERIFIED, text
        assert judge(item_for(text, passage(), 0.7, ClaimType.OPINION), SETTINGS).label == Label.UNVERIFIED
        assert any(
            s.name == "opinion_not_checked" and s.detail == "opinion, not checked" for s in draft.signals
        )
        assert "opinion, not checked" in draft.rationale
    promotional = item_for(
        "Reality Labs is the best business Meta has ever built", passage(), 0.7, ClaimType.FACTUAL
    )
    assert judge(promotional, hype_settings).label == Label.HYPE


def test_every_signal_is_named_by_the_enum() -> None:
    p = passage()
    texts = [
        "Reality Labs lost $16.1 billion in 2023",
        "Reality Labs lost about $13.7 billion in 2021",
        "Reality Labs lost $16.1 billion in 2023 while Family of Apps earned $90 billion",
        "Our team has 40 engineers",
    ]
    names = set()
    for text in texts:
        for ctype in (ClaimType.QUANTITATIVE, ClaimType.PREDICTIVE):
            item = item_for(text, p, 0.7, ctype)
            names |= {s.name for s in judge(item, SETTINGS).signals}
    assert names <= set(SignalName)
    expected = {SignalName.NUMBER_MATCH, SignalName.OTHER_CONTEXT, SignalName.FORWARD_LOOKING_TREND_UNDERWAY}
    assert expected <= names


def test_number_signals_are_marked_on_the_enum() -> None:
    assert number_signal(Outcome.MATCH) == "number_match"
    assert number_signal(Outcome.DIRECTION_ONLY) == "number_direction_only"
    assert {s for s in SignalName if s.is_number_check} == {
        SignalName.NUMBER_MATCH,
        SignalName.NUMBER_MISMATCH,
        SignalName.NUMBER_DIRECTION_ONLY,
    }


def test_combined_finding_is_as_strong_as_its_weakest_settled_part() -> None:
    figures = Finding(supported=1, source=FindingSource.FIGURES)
    stance = Finding(contradicted=1, source=FindingSource.STANCE)
    unsettled = Finding(unsettled=1)
    combined = combine([figures, stance, unsettled])
    assert combined.source == FindingSource.STANCE
    assert (combined.supported, combined.contradicted, combined.unsettled) == (1, 1, 1)
    assert combine([unsettled]).source == FindingSource.NONE


def test_shared_figure_checks_change_no_draft() -> None:
    p = passage()
    checks = FigureChecks()
    stricter = SETTINGS.model_copy(update={"stance_support_threshold": 0.99})
    for text in ("Reality Labs lost $16.1 billion in 2023", "Reality Labs lost about $10 billion in 2023"):
        item = item_for(text, p, 0.7)
        for settings in (SETTINGS, stricter, SETTINGS):
            assert judge(item, settings, checks=checks) == judge(item, settings)
