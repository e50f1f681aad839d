"""One test per verdict trap (other year, other version, negation, rounding words, growth vs level,
compound, prediction, generalisation), each on hand-built evidence so that only the policy is tested.

The verifier model is replaced by a fixed stance table where a trap needs one: these tests pin what the
policy does with a stance, not what the model predicts.
"""

from __future__ import annotations

import spacy

from claimcheck.claims import compound_parts
from claimcheck.models import Citation, ClaimType, DocKind, DraftVerdict, Label, Passage
from claimcheck.verify.policy import StanceProbs, judge, negation_conflict, stance_key
from tests.factories import SETTINGS, make_claim, make_claim_evidence, make_passage

META = (
    "Reality Labs recorded a loss from operations of $16.12 billion in 2023, compared with "
    "$13.72 billion in 2022 and $10.19 billion in 2021.\n\n"
    "Meta reported total revenue of $134.90 billion in 2023, up from $116.61 billion in 2022.\n\n"
    "Headcount was 67,317 as of December 31, 2023, a decrease of 22% year-over-year.\n\n"
    "Reality Labs revenue was $1.90 billion in 2023, down from $2.16 billion in 2022.\n"
)
LLAMA = (
    "Llama 3.1 models support a context length of 128K tokens. Llama 3 models support a context length "
    "of 8K tokens. Llama 3.1 supports eight languages: English, German, French, Italian, Portuguese, "
    "Hindi, Spanish and Thai. The Llama 3.1 models were released on July 23, 2024.\n\n"
    "The models do not include any Meta user data in their pretraining mix.\n"
)


META_10K = Citation(
    title="Meta 10-K FY2023", kind=DocKind.TEN_K, company="Meta Platforms, Inc.", period="FY2023"
)
LLAMA_CARD = Citation(title="Llama 3.1 model card", kind=DocKind.MODEL_CARD, company="Meta Platforms, Inc.")
TEN_K = make_passage(META, passage_id="meta.md#0", citation=META_10K)
CARD = make_passage(LLAMA, passage_id="llama31.md#0", citation=LLAMA_CARD)


def draft(
    text: str,
    *,
    source: Passage = TEN_K,
    ctype: ClaimType = ClaimType.QUANTITATIVE,
    parts: list[str] | None = None,
    stances: dict[str, StanceProbs] | None = None,
    score: float = 0.7,
) -> DraftVerdict:
    claim = make_claim(text, claim_id="c", claim_type=ctype, parts=parts or [])
    return judge(make_claim_evidence(claim, (source, score)), SETTINGS, stances)


def card_fact(
    text: str, *, parts: list[str] | None = None, stances: dict[str, StanceProbs] | None = None
) -> DraftVerdict:
    """A factual (not numeric) claim checked against the Llama 3.1 model card."""
    return draft(text, source=CARD, ctype=ClaimType.FACTUAL, parts=parts, stances=stances)


# ---- other year -----------------------------------------------------------------------------------


def test_other_year_figure_is_not_support() -> None:
    # $10.19 billion is 2021's loss; claimed for 2023 it is contradicted by 2023's $16.12 billion
    d = draft("Reality Labs lost about $10.2 billion in 2023")
    assert d.label == Label.HYPE
    assert "$16.12 billion" in d.rationale
    assert draft("Reality Labs lost about $10.2 billion in 2021").label == Label.REAL


# ---- other version --------------------------------------------------------------------------------


def test_other_model_version_is_not_support() -> None:
    assert draft("Llama 3.1 supports a 128K token context", source=CARD).label == Label.REAL
    # 128K is Llama 3.1's context; Llama 3 has 8K
    assert draft("Llama 3 supports a 128K token context", source=CARD).label != Label.REAL


# ---- negation -------------------------------------------------------------------------------------


def test_negation_flipped_against_the_evidence_is_hype() -> None:
    d = card_fact("The models include Meta user data in their pretraining mix")
    assert d.label == Label.HYPE
    assert any(s.name == "negation_conflict" for s in d.signals)
    same = card_fact("The models do not include Meta user data in their pretraining mix")
    assert same.label != Label.HYPE


def test_a_negation_about_something_else_in_the_sentence_is_no_conflict() -> None:
    """ "… a veteran filed a lawsuit … over Combat Arms earplugs – Version 2, a product no longer sold":
    the "no" is the product's, not the lawsuit's."""
    text = (
        "In December 2018, a military veteran filed an individual lawsuit against 3M in the San Bernardino "
        "Superior Court in California alleging injuries caused by 3M’s Dual-Ended Combat Arms earplugs – "
        "Version 2, a product no longer sold by the Company."
    )
    claim = "[3M] One veteran sued in December, out in California, over the Combat Arms earplugs."
    assert not negation_conflict(claim, text, SETTINGS)
    assert negation_conflict(
        claim, "No veteran sued 3M in California in December over the Combat Arms earplugs.", SETTINGS
    )


# ---- rounding words -------------------------------------------------------------------------------


def test_rounding_words_set_the_tolerance() -> None:
    assert draft("Reality Labs lost roughly $16 billion in 2023").label == Label.REAL
    assert draft("Reality Labs lost more than $15 billion in 2023").label == Label.REAL
    assert draft("Reality Labs lost more than $17 billion in 2023").label == Label.HYPE
    assert draft("Reality Labs lost nearly $16.5 billion in 2023").label == Label.REAL
    assert draft("Reality Labs lost exactly $15 billion in 2023").label == Label.HYPE


# ---- growth vs level ------------------------------------------------------------------------------


def test_growth_is_checked_against_the_change_not_the_level() -> None:
    # +15.7% from $116.61B to $134.90B
    d = draft("Meta revenue grew 16% from 2022 to 2023")
    assert d.label == Label.REAL and "+15.7%" in d.rationale
    # 134.9 is the level, not a growth figure: "grew 134.9%" is wrong
    assert draft("Meta revenue grew 134.9% from 2022 to 2023").label == Label.HYPE
    assert draft("Meta revenue doubled from 2022 to 2023").label == Label.HYPE


# ---- compound -------------------------------------------------------------------------------------


def test_compound_figures_one_right_one_wrong_is_partially_true() -> None:
    text = "Reality Labs lost $16.1 billion in 2023 while Meta revenue reached $150 billion in 2023"
    d = draft(text)
    assert d.label == Label.PARTIALLY_TRUE


def test_compound_parts_come_from_the_parse(nlp: spacy.language.Language) -> None:
    (sent,) = nlp("Last year Reality Labs grew its revenue and cut its losses.").sents
    assert compound_parts(sent) == [
        "Last year Reality Labs grew its revenue",
        "Last year [Reality Labs] cut its losses",
    ]
    (one,) = nlp("Llama 3 came out in April 2024 with an 8B and a 70B model.").sents
    assert compound_parts(one) == []
    (two,) = nlp("In 2023 our revenue fell and our headcount grew.").sents
    assert compound_parts(two) == ["In 2023 our revenue fell", "In 2023 our headcount grew"]
    (though,) = nlp("Ad impressions grew 28% in 2023, even though the average price per ad fell 9%.").sents
    assert compound_parts(though) == [
        "Ad impressions grew 28% in 2023",
        "the average price per ad fell 9% [in 2023]",
    ]
    # a subject that was itself named in brackets is borrowed once, by the name put in for it
    (named,) = nlp(
        "Scout [Llama 4 Scout] fits on one H100 and was trained on about 22 trillion tokens."
    ).sents
    assert compound_parts(named)[1] == "[Llama 4 Scout] was trained on about 22 trillion tokens"
    (put,) = nlp("[Pfizer] made more than three billion doses and shipped two point two billion.").sents
    assert compound_parts(put)[1] == "[Pfizer] shipped two point two billion"
    # a bare verb in a list of verbs is not a checkable statement of its own
    (verbs,) = nlp(
        "The gravity is moving toward things people can download, inspect and run themselves."
    ).sents
    assert compound_parts(verbs) == []


def test_compound_without_figures_is_judged_part_by_part() -> None:
    parts = ["Llama 3.1 supports eight languages", "[Llama 3.1] was released in 2023"]
    pid = CARD.passage_id
    stances = {
        stance_key(0, pid): (0.95, 0.04, 0.01),  # the languages part: supported
        stance_key(1, pid): (0.02, 0.08, 0.90),  # the release part: contradicted
    }
    text = "Llama 3.1 supports eight languages and was released in 2023"
    d = card_fact(text, parts=parts, stances=stances)
    assert d.label == Label.PARTIALLY_TRUE
    assert "(1) “Llama 3.1 supports eight languages” — Real" in d.rationale
    assert "(2) “[Llama 3.1] was released in 2023” — Hype" in d.rationale
    assert [s.detail for s in d.signals if s.name == "compound_part"] == ["real", "hype"]
    both = {stance_key(0, pid): (0.95, 0.04, 0.01), stance_key(1, pid): (0.9, 0.05, 0.05)}
    assert card_fact(text, parts=parts, stances=both).label == Label.REAL


def test_compound_with_an_unsettled_part_is_partially_true_and_flagged() -> None:
    parts = ["Llama 3.1 supports eight languages", "[Llama 3.1] runs on a phone"]
    pid = CARD.passage_id
    stances = {stance_key(0, pid): (0.95, 0.04, 0.01), stance_key(1, pid): (0.2, 0.7, 0.1)}
    text = "Llama 3.1 supports eight languages and runs on a phone"
    d = card_fact(text, parts=parts, stances=stances)
    assert d.label == Label.PARTIALLY_TRUE
    assert d.needs_review and any("1 of 2 parts" in r for r in d.review_reasons)


# ---- prediction -----------------------------------------------------------------------------------


def test_predictions_are_never_real() -> None:
    supported = draft(
        "Reality Labs will keep losing more than $15 billion a year", ctype=ClaimType.PREDICTIVE
    )
    assert supported.label != Label.REAL
    bare = make_claim(
        "AR glasses will replace phones by 2030", claim_id="p", quote="x", claim_type=ClaimType.PREDICTIVE
    )
    assert judge(make_claim_evidence(bare), SETTINGS).label == Label.HYPE


# ---- generalisation and promotion ----------------------------------------------------------------


def test_claim_broader_than_its_evidence_is_partially_true() -> None:
    stances = {CARD.passage_id: (0.95, 0.04, 0.01)}
    narrow = card_fact("Llama 3.1 supports eight languages", stances=stances)
    assert narrow.label == Label.REAL
    broad = card_fact("Llama 3.1 supports all the world's major languages", stances=stances)
    assert broad.label == Label.PARTIALLY_TRUE
    assert "goes further than the evidence" in broad.rationale


def test_unsupported_superlative_is_left_to_the_editor() -> None:
    """Nothing cited says "the best open model in the world" is wrong, so by default it is no Hype draft:
    Unverified, marked promotional for the editor; `promotional_is_hype` drafts it Hype."""
    neutral = {CARD.passage_id: (0.1, 0.85, 0.05)}
    claim = make_claim(
        "Llama 3.1 is the best open model in the world", claim_id="c", claim_type=ClaimType.FACTUAL
    )
    item = make_claim_evidence(claim, (CARD, 0.7))
    d = judge(item, SETTINGS, neutral)
    assert d.label == Label.UNVERIFIED
    assert any(s.name == "promotional_unsupported" for s in d.signals)
    assert "the editor's call" in d.rationale
    hype = judge(item, SETTINGS.model_copy(update={"promotional_is_hype": True}), neutral)
    assert hype.label == Label.HYPE
    assert "the editor's call" not in hype.rationale
    plain = card_fact("Llama 3.1 runs on many laptops", stances=neutral)
    assert plain.label == Label.UNVERIFIED
    assert not any(s.name == "promotional_unsupported" for s in plain.signals)


def test_a_figure_widened_to_all_it_counts_is_partially_true() -> None:
    """ "… 115 million connections, all postpaid": the figure holds, but no figure checked the "all"."""
    passage = make_passage(
        "Consumer had 115 million wireless retail connections at year end.",
        passage_id="verizon.md#0",
        citation=Citation(title="Verizon Communications Inc. Form 10-K FY2022", company="Verizon"),
    )
    plain = draft("[Verizon] Consumer has 115 million wireless retail connections.", source=passage)
    assert plain.label == Label.REAL
    widened = draft(
        "[Verizon] Consumer has 115 million wireless retail connections, all postpaid.", source=passage
    )
    assert widened.label == Label.PARTIALLY_TRUE
    assert "“all”" in widened.rationale
    # "every day" beside a figure is not a generalisation
    daily = draft("[Verizon] Consumer has 115 million wireless retail connections every day.", source=passage)
    assert daily.label == Label.REAL


def test_a_figure_no_passage_settles_is_not_settled_by_the_verifier() -> None:
    """ "Scotch is like a billion dollar brand" beside a passage that lists Scotch products: the verifier
    may find it supportive, but only a figure settles a figure."""
    passage = make_passage(
        "Consumer products include Scotch-Brite Scrub Sponges, Scotch Magic Tape and Scotchgard protectors.",
        passage_id="3m.md#0",
        citation=Citation(title="3M COMPANY Form 10-K FY2018", company="3M COMPANY"),
    )
    stances = {passage.passage_id: (0.97, 0.02, 0.01)}
    d = draft("[3M] Scotch is like a billion dollar brand on its own.", source=passage, stances=stances)
    assert d.label == Label.UNVERIFIED
    plain = draft(
        "[3M] Scotch is one of its consumer brands.", source=passage, ctype=ClaimType.FACTUAL, stances=stances
    )
    assert plain.label == Label.REAL


def test_an_answering_no_or_a_contrast_is_no_negation_of_the_claim() -> None:
    """ "No, that's GSM-8K, …" answers the other speaker; "…, not Russia" says which one. Neither negates
    what the claim asserts, and a table row's markup negates nothing."""
    sentence = (
        "About twelve million dollars of the reduction in annualized recurring revenue was from Ukraine."
    )
    assert not negation_conflict(
        "[Adobe] Twelve million of the reduction in recurring revenue was Ukraine, not Russia.",
        sentence,
        SETTINGS,
    )
    assert not negation_conflict(
        "No, twelve million of the reduction in recurring revenue was from Ukraine.", sentence, SETTINGS
    )
    # a negation the claim does assert still conflicts
    assert negation_conflict(
        "None of the reduction in recurring revenue was from Ukraine.", sentence, SETTINGS
    )
    row = "<tr> <td>Math</td> <td>GSM-8K (CoT)</td> <td>80.6</td> <td>93.0</td> </tr>"
    assert not negation_conflict("No model scored under fifty on the GSM-8K math benchmark.", row, SETTINGS)
