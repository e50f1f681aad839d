"""Thirty-fifth session: "both of them" and "they both" when one model line leads the talk. A line that comes
in exactly two sizes ("So Llama 3 is two sizes, 8B and 70B") or two named variants is "both of them" even
after the sizes were said several turns before; two siblings in the lead are the pair although a model of
another line was named close behind ("Maverick … basically the size of the four oh five. And they both
have …")."""

from __future__ import annotations

from spacy.language import Language

from tests.speech_helpers import model_talk_claim as _claim


def test_both_of_them_are_the_two_sizes_of_the_line_in_the_lead(nlp: Language) -> None:
    text, needs = _claim(
        nlp,
        "for both of them",
        "So Llama 3 is two sizes, 8B and 70B, each one as a pretrained base and an instruct version.",
        "Which is like, what, seven times Llama 2 on the tokens?",
        "Seven and a half, roughly. Llama 3's fine-tuning data is separate, it's over ten million examples.",
        "Honestly, I believe them on that one.",
        "Oh, and the knowledge cutoff is December twenty three, for both of them.",
        entities=["Meta", "Llama 3"],
    )
    assert not needs
    assert "[Llama 3 8B and Llama 3 70B]" in text, text


def test_they_both_are_two_siblings_ahead_of_a_model_of_another_line(nlp: Language) -> None:
    text, needs = _claim(
        nlp,
        "they both have",
        "The top row is Scout, seventeen B by sixteen E, and Maverick underneath.",
        "So Scout is seventeen billion active, and Maverick is the same seventeen active but four hundred "
        "billion total, like, basically the size of Llama 3.1 405B.",
        "Mm-hmm, yeah. And they both have the ten million token window, which is wild.",
        entities=["Meta", "Llama 4 Scout", "Llama 4 Maverick"],
    )
    assert not needs
    pair = text[1 : text.index("]")]
    assert set(pair.split(" and ")) == {"Llama 4 Scout", "Llama 4 Maverick"}, text
    assert text.endswith("] have the ten million token window, which is wild."), text


def test_both_of_them_stays_open_when_the_line_in_the_lead_comes_in_more_than_two(nlp: Language) -> None:
    _text, needs = _claim(
        nlp,
        "both of them",
        "Llama 3.2 comes as 1B, 3B, 11B and 90B.",
        "The card has a lot in it.",
        "Honestly, I believe them on that one.",
        "And both of them do a hundred and twenty eight K context.",
        entities=["Meta", "Llama 3.2"],
    )
    assert needs


def test_both_of_them_after_two_things_joined_with_and_is_not_the_lines_two_sizes(nlp: Language) -> None:
    lead = "So Llama 3 is two sizes, 8B and 70B, each one as a pretrained base and an instruct version."
    filler = "Honestly, I believe them on that one."
    for quote_part, texts in (
        (
            "Both of them said",
            ("Meta and Microsoft announced the partnership together.", "Both of them said it runs on Azure."),
        ),
        (
            "both of them were",
            ("The tokenizer and the data mix changed a lot.", "And both of them were reworked for Llama 3."),
        ),
        ("they both came", ("Grouped query attention and RoPE, they both came from earlier work.",)),
    ):
        text, _needs = _claim(nlp, quote_part, lead, filler, *texts, entities=["Meta", "Llama 3"])
        assert "Llama 3 8B and Llama 3 70B" not in text, text
