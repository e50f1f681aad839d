"""Inputs a fresh-eyes review of the fourteenth session's changes found wrong, each kept right."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from claimcheck.claims import is_pure_opinion
from claimcheck.claims.lexicon import Lexicon
from claimcheck.claims.triggers import find_trigger
from claimcheck.corpus import chunk_documents, load_corpus
from claimcheck.corpus.columns import label_columns
from claimcheck.models import TranscriptMeta
from claimcheck.quantities import extract_quantities
from claimcheck.verify.numbers import Outcome, check_passage
from claimcheck.verify.policy import negation_conflict
from claimcheck.verify.stance import reads_as_premise
from tests.factories import SETTINGS, make_passage, write_file
from tests.test_benchmark_rows import CARD
from tests.test_column_series import REGIONS


def test_a_claims_own_no_is_still_a_negation() -> None:
    evidence = "Gaming segment revenue grew 12% in fiscal 2022 on higher console sales."
    assert negation_conflict("No growth in Gaming segment revenue in fiscal 2022.", evidence, SETTINGS)
    # the answering "No," (with its comma) is not
    assert not negation_conflict("No, Gaming segment revenue grew in fiscal 2022.", evidence, SETTINGS)


def test_a_function_word_after_both_figures_is_no_shared_label() -> None:
    passage = make_passage(
        "MedTech operational growth was 3.4 percent and the segment's sales rose.", passage_id="jnj.md#4"
    )
    checks = check_passage("[Johnson & Johnson] MedTech was 27.4 percent and growing.", passage, SETTINGS)
    assert all(c.outcome is not Outcome.MISMATCH for c in checks)


@pytest.fixture(scope="module")
def card_rows(tmp_path_factory: pytest.TempPathFactory) -> list:
    folder: Path = tmp_path_factory.mktemp("card")
    write_file(folder, "llama31.md", CARD)
    return chunk_documents(load_corpus(folder), SETTINGS)


def _outcomes(claim: str, passages: list) -> dict[str, Outcome]:
    return {
        c.evidence.text: c.outcome
        for p in passages
        for c in check_passage(claim, p, SETTINGS)
        if c.evidence is not None
    }


def test_a_model_or_method_name_is_no_benchmark(card_rows: list) -> None:
    said = "Llama 3 70B Instruct was ninety one on grade school math, beating GPT-4."
    assert _outcomes(said, card_rows).get("91.0") == Outcome.MATCH
    # "CoT" is a method, not a benchmark: the GSM-8K row is still not MATH's
    assert "91.0" not in _outcomes("Llama 3 70B Instruct was ninety one on MATH with CoT.", card_rows)


def test_a_column_that_fails_after_a_series_leaves_the_series_read() -> None:
    extended = REGIONS + "\nLong-lived assets\n$ 700\n100\n50\n$ 850\n"
    assert (
        len([c for c in label_columns(extended, 0, len(extended)) if c.header.startswith(("U.S.", "Int"))])
        == 24
    )


def test_a_known_short_name_names_only_the_company_it_is_short_for(nlp: Language) -> None:
    meta = TranscriptMeta(
        title="Bottlers", extra={"entities": ["Coca-Cola Consolidated, Inc.", "American Express"]}
    )
    lexicon = Lexicon.from_meta(meta, nlp)
    assert "coca-cola" not in lexicon.names
    assert lexicon.names["amex"].name == "American Express"


@pytest.mark.parametrize(
    "text",
    [
        "Consumer is the least profitable segment.",
        "Texas is the busiest market for Verizon.",
        "Cloud is the greatest share of revenue.",
        "I think the average lease term is seven years.",
        "I think Costco holds about thirty days of inventory.",
    ],
)
def test_measurable_superlatives_and_durations_stay_claims(nlp: Language, text: str) -> None:
    assert not is_pure_opinion(nlp(text)[:])


def test_an_opening_phrase_is_no_apposition(nlp: Language) -> None:
    found = find_trigger(nlp("After that one, Meta cut the price by half.")[:], [])
    assert found is not None and found.words == "that one"


def test_a_three_word_sentence_is_a_premise() -> None:
    assert reads_as_premise("Net sales increased 8%.", SETTINGS)
    assert not reads_as_premise("September 30, 2018 Activision", SETTINGS)


def test_a_month_then_a_count_is_a_count() -> None:
    assert [q.text for q in extract_quantities("In May 25 people left the board.")] == ["25"]


def test_the_day_of_a_filings_date_refutes_nothing() -> None:
    """The sentence of American Express's FY2022 10-K whose "31" refuted a card-fee claim before."""
    passage = make_passage(
        "For the year ended December 31, 2022, worldwide billed business (spending on American Express cards "
        "issued by us) was $1,338 billion and at December 31,\n2022, we had 76.7 million proprietary "
        "cards-in-force worldwide.",
        passage_id="amex.md#19",
    )
    claim = "[American Express] The average fee per card went to eighty two bucks from seventy four."
    assert all(c.outcome is not Outcome.MISMATCH for c in check_passage(claim, passage, SETTINGS))
