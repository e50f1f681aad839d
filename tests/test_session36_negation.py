"""Thirty-sixth session: a passage's negated sentence settles a claim even when another sentence of the
passage is the one its words match best ("Llama 2 was trained on Meta user data" against a card paragraph
whose first sentence names Llama 2 and whose last says no Meta user data was used)."""

from __future__ import annotations

import pytest

from claimcheck.models import Citation, ClaimType, DocKind, Label, Passage, Stance
from claimcheck.verify.policy import judge
from tests.factories import SETTINGS, make_claim, make_claim_evidence, make_passage

OVERVIEW = (
    "**Overview** Llama 2 was pretrained on 2 trillion tokens of data from publicly available sources. "
    "The fine-tuning data includes publicly available instruction datasets, as well as over one million new "
    "human-annotated examples. Neither the pretraining nor the fine-tuning datasets include Meta user data."
)
CARD = make_passage(
    OVERVIEW,
    passage_id="llama2.md#3",
    start=1000,
    citation=Citation(title="Llama 2 model card", kind=DocKind.MODEL_CARD, company="Meta Platforms, Inc."),
)
NEUTRAL = {CARD.passage_id: (0.1, 0.85, 0.05)}


def _draft(text: str):  # type: ignore[no-untyped-def]
    claim = make_claim(text, claim_id="c", claim_type=ClaimType.FACTUAL)
    return judge(make_claim_evidence(claim, (CARD, 0.7)), SETTINGS, NEUTRAL)


def test_the_negating_sentence_settles_the_claim_and_is_quoted() -> None:
    d = _draft("Llama 2 was trained on Meta user data.")
    assert d.label == Label.HYPE
    assert any(s.name == "negation_conflict" for s in d.signals)
    quote = d.evidence[0]
    assert quote.quote.startswith("Neither the pretraining"), quote.quote
    start = quote.quote_start - CARD.start
    assert OVERVIEW[start : start + len(quote.quote)] == quote.quote


def test_a_claim_about_other_words_of_the_passage_is_not_contradicted() -> None:
    assert _draft("Llama 2 was pretrained on publicly available data.").label != Label.HYPE


def test_the_negating_quote_is_shown_as_contradicting() -> None:
    supports = {CARD.passage_id: (0.8, 0.15, 0.05)}
    claim = make_claim("Llama 2 was trained on Meta user data.", claim_id="c", claim_type=ClaimType.FACTUAL)
    d = judge(make_claim_evidence(claim, (CARD, 0.7)), SETTINGS, supports)
    assert d.label == Label.HYPE
    assert [e.stance for e in d.evidence] == [Stance.CONTRADICTS]


def _card(text: str) -> Passage:
    return make_passage(
        text,
        passage_id="llama2.md#4",
        citation=Citation(
            title="Llama 2 model card", kind=DocKind.MODEL_CARD, company="Meta Platforms, Inc."
        ),
    )


_FIRST = (
    "**Overview** Llama 2 was pretrained on 2 trillion tokens of data from publicly available sources, as "
    "its authors describe at length in the paper. "
)


@pytest.mark.parametrize(
    "negated",
    [
        "Llama 1 was not trained on Meta user data.",  # another model
        "It is unclear whether the datasets include Meta user data.",  # a doubt
        "Do the datasets not include Meta user data?",  # a question
        "If the datasets do not include Meta user data, say so.",  # a condition
        "The datasets include not only public data but also Meta user data.",  # an addition
    ],
)
def test_a_negation_that_states_nothing_of_the_claim_is_no_contradiction(negated: str) -> None:
    card = _card(_FIRST + negated)
    claim = make_claim("Llama 2 was trained on Meta user data.", claim_id="c", claim_type=ClaimType.FACTUAL)
    d = judge(make_claim_evidence(claim, (card, 0.7)), SETTINGS, {card.passage_id: (0.8, 0.15, 0.05)})
    assert not any(s.name == "negation_conflict" for s in d.signals), d.rationale


def test_a_negated_claim_is_still_contradicted_when_the_other_negation_is_another_models() -> None:
    card = _card(
        "Llama 2 was fine-tuned on Meta user data and public instruction datasets, with annotators' help. "
        "Llama 1 was not fine-tuned on Meta user data."
    )
    claim = make_claim(
        "Llama 2 was not fine-tuned on Meta user data.", claim_id="c", claim_type=ClaimType.FACTUAL
    )
    d = judge(make_claim_evidence(claim, (card, 0.7)), SETTINGS, {card.passage_id: (0.1, 0.85, 0.05)})
    assert d.label == Label.HYPE


def test_a_claim_with_a_figure_is_not_contradicted_by_another_sentences_negation() -> None:
    passage = make_passage(
        "Free cash flow, a non-GAAP measure defined as operating cash flow less purchases of property, was "
        "$5.9 billion in 2022. It should not be inferred that the entire free cash flow amount is available "
        "for discretionary expenditures.",
        passage_id="mmm.md#9",
        citation=Citation(title="3M 10-K", kind=DocKind.TEN_K, company="3M Company", period="FY2022"),
    )
    claim = make_claim(
        "3M's free cash flow basically halved.", claim_id="c", claim_type=ClaimType.QUANTITATIVE
    )
    d = judge(make_claim_evidence(claim, (passage, 0.7)), SETTINGS, {passage.passage_id: (0.1, 0.85, 0.05)})
    assert not any(s.name == "negation_conflict" for s in d.signals), d.rationale


def test_a_claim_that_negates_itself_is_not_read_against_the_other_sentences() -> None:
    assert _draft("Llama 2 was not trained on Meta user data.").label != Label.HYPE


# ---- a decision-maker is no part of the company ------------------------------------------------------


def test_a_board_of_directors_is_no_segment_the_claim_leaves_unsaid() -> None:
    from claimcheck.verify.numbers import Outcome, check_passage

    raised = make_passage(
        "During the third quarter of 2022, our Board of Directors increased our quarterly dividend payment "
        "by 2.0% to $0.6525 from $0.6400 per share from the previous quarter."
    )
    outcomes = [c.outcome for c in check_passage("Verizon raised the dividend 2 percent.", raised, SETTINGS)]
    assert outcomes == [Outcome.MATCH]
    outcomes = [c.outcome for c in check_passage("Verizon raised the dividend 5 percent.", raised, SETTINGS)]
    assert outcomes == [Outcome.MISMATCH]
