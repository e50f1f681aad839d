"""Thirty-seventh session: a size said alone with a model in focus that the corpus never prints in it ("Llama
3.3 beats the four oh five") is the one model of that family the corpus prints in that size (Llama 3.1's),
not a Llama 3.3 405B no card knows; and a claim line an editor has already resolved with brackets is checked
as written, not resolved a second time."""

from __future__ import annotations

from spacy.language import Language

from claimcheck.claims import extract_claims
from claimcheck.models import Format
from claimcheck.pipeline import _EDITOR_BRACKETS
from tests.factories import SETTINGS, make_transcript

SIZES = {
    "Llama 3.1": frozenset({"8B", "70B", "405B"}),
    "Llama 3.3": frozenset({"70B"}),
    "Llama 2": frozenset({"7B", "13B", "70B"}),
}


def _texts(nlp: Language, line: str, sizes: dict[str, frozenset[str]]) -> list[str]:
    talk = make_transcript(line, fmt=Format.TIMECODED)
    return [c.text for c in extract_claims(talk, nlp, SETTINGS, corpus_sizes=sizes, include_all=True)]


def test_a_size_the_focus_never_has_is_its_familys_model_that_has_it(nlp: Language) -> None:
    (text,) = _texts(nlp, "Llama 3.3 beats the four oh five on basically everything.", SIZES)
    assert "the four oh five [Llama 3.1 405B]" in text
    # two models of the family printed in that size: none is guessed for it, the focus keeps it as before
    both = {**SIZES, "Llama 3.2": frozenset({"405B"})}
    (kept,) = _texts(nlp, "Llama 3.3 beats the four oh five on basically everything.", both)
    assert "[Llama 3.1 405B]" not in kept and "[Llama 3.2 405B]" not in kept
    # a size the focus has stays the focus's
    (own,) = _texts(nlp, "Llama 3.1 is out, and the four oh five is the big one.", SIZES)
    assert "[Llama 3.1 405B]" in own


def test_an_editors_brackets_are_read_as_words() -> None:
    line = "[Llama 3.3] beats the four oh five [Llama 3.1 405B] on basically everything."
    assert (
        _EDITOR_BRACKETS.sub(r"\1", line)
        == "Llama 3.3 beats the four oh five Llama 3.1 405B on basically everything."
    )


def test_a_size_said_as_the_focus_own_stays_the_focus(nlp: Language) -> None:
    # "Llama 3 came out with 8B, 70B and 405B models" says Llama 3 had a 405B: that is for the check to settle
    (text,) = _texts(
        nlp,
        "Llama 3 came out in April 2024 with 8B, 70B and 405B models.",
        {**SIZES, "Llama 3": frozenset({"8B", "70B"})},
    )
    assert "Llama 3.1 405B" not in text
