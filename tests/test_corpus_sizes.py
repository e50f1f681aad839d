"""Whose "the 1B" is, in a talk about two model families: the corpus prints Llama 2 in 7B, 13B and 70B only,
so with Llama 2 in focus "the 1B" is still Llama 3.2's (`ModelAliases.sizes`, `Lexicon.corpus_sizes`)."""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language

from claimcheck.claims.aliases import ModelAliases
from claimcheck.models import Claim
from tests.factories import SETTINGS, make_transcript

_CARDS = [
    ("llama2", "Llama 2 7B, Llama 2 13B and Llama 2 70B were pretrained on 2 trillion tokens."),
    ("llama3_2", "Llama 3.2 1B and Llama 3.2 3B read text; Llama 3.2 11B and Llama 3.2 90B see images."),
]


def test_the_corpus_sizes_of_each_model() -> None:
    aliases = ModelAliases.from_texts(_CARDS, share=0.6, min_documents=1)
    assert aliases.sizes["Llama 2"] == frozenset({"7B", "13B", "70B"})
    assert aliases.sizes["Llama 3.2"] == frozenset({"1B", "3B", "11B", "90B"})


def _models(
    nlp: Language,
    lines: tuple[str, ...],
    *,
    title: str,
    entities: list[str],
    sizes: dict[str, frozenset[str]],
    keep: Callable[[Claim], bool],
) -> list[str | None]:
    """The subject model of each claim `keep` picks, of a timecoded talk of `lines` read with the corpus's
    `sizes`."""
    from claimcheck.claims import extract_claims
    from claimcheck.models import Format, TranscriptMeta

    talk = make_transcript(*lines, fmt=Format.TIMECODED)
    meta = TranscriptMeta(date=talk.meta.date, title=title, extra={"entities": entities})
    claims = extract_claims(talk.model_copy(update={"meta": meta}), nlp, SETTINGS, corpus_sizes=sizes)
    return [c.subject.model if c.subject else None for c in claims if keep(c)]


def _subjects(nlp: Language, sizes: dict[str, frozenset[str]]) -> list[str | None]:
    lines = (
        "Llama 3.2 against Llama 2 today.",
        "Llama 2 was stuck at a four thousand token context window, every size of it.",
        "The 1B was trained on nine trillion tokens, which is a lot for a model that small.",
    )
    return _models(
        nlp,
        lines,
        title="Small Llamas and Big Llamas, Llama 3.2 Against Llama 2",
        entities=["Meta", "Llama 2", "Llama 3.2"],
        sizes=sizes,
        keep=lambda c: "1B" in c.text,
    )


def test_a_size_the_focus_never_comes_in_is_the_other_familys(nlp: Language) -> None:
    sizes = ModelAliases.from_texts(_CARDS, share=0.6, min_documents=1).sizes
    assert _subjects(nlp, sizes) == ["Llama 3.2 1B"]
    # without the corpus's sizes, the model in focus takes it
    assert _subjects(nlp, {}) == ["Llama 2 1B"]


_VARIANT_CARDS = [
    ("llama3_1", "Llama 3.1 8B, Llama 3.1 70B and Llama 3.1 405B were pretrained on 15 trillion tokens."),
    (
        "llama4",
        "Llama 4 Scout and Llama 4 Maverick are mixture-of-experts models with 17B active parameters.",
    ),
]


def test_a_model_named_by_its_variants_is_printed_with_no_size() -> None:
    aliases = ModelAliases.from_texts(_VARIANT_CARDS, share=0.6, min_documents=1)
    assert aliases.sizes["Llama 4"] == frozenset()
    assert aliases.sizes["Llama 3.1"] == frozenset({"8B", "70B", "405B"})


def _seventy_b(nlp: Language, sizes: dict[str, frozenset[str]]) -> list[str | None]:
    lines = (
        "Llama 4 against Llama 3.1 today, Scout and Maverick against the four oh five.",
        "Scout gets seventy nine on MMLU, a hair below the seventy B, which gets eighty three.",
        "And the seventy B was trained on fifteen trillion tokens.",
    )
    return _models(
        nlp,
        lines,
        title="Llama 4 Scout and Maverick Against Llama 3.1",
        entities=["Meta", "Llama 4 Scout", "Llama 4 Maverick", "Llama 3.1 405B"],
        sizes=sizes,
        keep=lambda c: "fifteen trillion" in c.text,
    )


def test_a_size_said_in_a_talk_about_a_variant_named_model_is_the_other_familys(nlp: Language) -> None:
    """Llama 4 comes as Scout and Maverick, never in 70B: "the seventy B" is Llama 3.1's, the talk's other
    model the corpus prints in 70B (it was read as a "Llama 4 70B" that does not exist)."""
    sizes = ModelAliases.from_texts(_VARIANT_CARDS, share=0.6, min_documents=1).sizes
    assert _seventy_b(nlp, sizes) == ["Llama 3.1 70B"]


def _said_sizes(nlp: Language, entities: list[str], said: str) -> list[str | None]:
    lines = (
        "Right, so Scout – the small one – is seventeen billion active, a hundred and nine billion total.",
        "And Maverick has a hundred and twenty eight experts.",
        "And the small one runs on a single H100, no quantization.",
        "And the big one gets fifty four on MTOB full book.",
    )
    return _models(
        nlp,
        lines,
        title="Llama 4 Scout and Maverick",
        entities=["Meta", *entities],
        sizes=ModelAliases.from_texts(_VARIANT_CARDS, share=0.6, min_documents=1).sizes,
        keep=lambda c: said in c.quote,
    )


def test_the_small_one_is_what_the_talk_said_it_is(nlp: Language) -> None:
    """A family named by its variants has no sizes to rank: "the small one" is what the talk said it is
    ("Scout – the small one –"), and "the big one" the other of its two variants."""
    models = ["Llama 4 Scout", "Llama 4 Maverick"]
    assert _said_sizes(nlp, models, "single H100") == ["Llama 4 Scout"]
    assert _said_sizes(nlp, models, "MTOB") == ["Llama 4 Maverick"]


def test_the_big_one_of_three_variants_is_not_guessed(nlp: Language) -> None:
    # (Behemoth too: which of the two others is "the big one" the talk never said)
    assert _said_sizes(nlp, ["Llama 4 Scout", "Llama 4 Maverick", "Llama 4 Behemoth"], "MTOB") == [None]
