"""A superlative of nothing measurable judges ("the saddest chart", "the cleverest thing"); one of a size,
speed or amount ("the biggest segment", "the fastest growing") is a claim to check. Ordinals and spans of
time in a judgement ("since the first Llama", "in ten years") are no figure to check it by."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimcheck.claims import is_pure_opinion


@pytest.mark.parametrize(
    ("text", "opinion"),
    [
        ("Remicade is the saddest chart in the whole filing.", True),
        ("I think that's the cleverest thing Meta's done since the first Llama.", True),
        ("I think FWA is the best thing they've done in ten years, honestly.", True),
        ("DeepSeek V3 is still the one to beat.", True),
        # measurable superlatives and real figures stay claims
        ("Flexibles is the biggest segment by far.", False),
        ("Consumer is the fastest growing segment they have.", False),
        ("It's the best drug they launched in 2021.", False),
        ("I think it's the best quarter they've had, ten billion in sales.", False),
    ],
)
def test_judging_superlatives(nlp: Language, text: str, opinion: bool) -> None:
    assert is_pure_opinion(nlp(text)[:]) is opinion
