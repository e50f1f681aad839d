"""A clause that opens on a name set off by a comma ("Back to Corning for a sec, their net income …") gives
its pronoun that name, though another company was talked about last (twentieth session, from a fresh probe
transcript; before, a name said in the clause itself was never a pronoun's antecedent, so "their" went to
3M). A name set aside ("Unlike Corning, they …") or the object of a verb is no antecedent."""

from __future__ import annotations

from spacy.language import Language

from tests.test_two_company_talk import _claims

_FRONT = dict(
    title="Corning and 3M in twenty twenty two",
    summary="The hosts read Corning's and 3M's 2022 annual reports.",
    entities=("Corning", "3M"),
)


def test_a_fronted_name_is_the_pronoun_s(nlp: Language) -> None:
    claims = _claims(
        nlp,
        "So, Corning first. They did about fourteen point two billion in net sales last year.",
        "Okay, 3M. They're way bigger, thirty four point two billion in sales.",
        "Back to Corning for a sec, their net income was one point three billion.",
        **_FRONT,
    )
    assert claims[-1] == (
        "Back to Corning for a sec, [Corning's] net income was one point three billion.",
        "Corning",
    )


def test_a_name_set_aside_is_not_the_pronoun_s(nlp: Language) -> None:
    claims = _claims(
        nlp,
        "Okay, 3M. They did thirty four point two billion in sales.",
        "Unlike Corning, they cut their dividend by ten percent.",
        **_FRONT,
    )
    assert claims[-1][1] == "3M"


def test_a_name_after_a_verb_is_not_the_pronoun_s(nlp: Language) -> None:
    claims = _claims(
        nlp,
        "Okay, 3M. They did thirty four point two billion in sales.",
        "They sold a plant to Corning, and their margin went up two points.",
        **_FRONT,
    )
    assert all(company == "3M" for _, company in claims)


def test_the_subject_before_a_comma_is_the_pronoun_s(nlp: Language) -> None:
    turns = (
        "Pharma did fifty two point six billion.",
        "And Remicade keeps bleeding, it lost like forty percent.",
    )
    front = dict(
        title="Johnson & Johnson in 2022",
        summary="The hosts read Johnson & Johnson's 2022 annual report.",
        entities=("Johnson & Johnson", "Remicade"),
    )
    assert _claims(nlp, *turns, **front)[-1][0].endswith(", [Remicade] lost like forty percent.")
    # a product said with its company before is written with it
    owned = ("Johnson & Johnson's Remicade did three billion.", *turns)
    assert _claims(nlp, *owned, **front)[-1][0].endswith(
        ", [Johnson & Johnson Remicade] lost like forty percent."
    )


def test_it_after_a_part_said_as_the_subject_is_that_part(nlp: Language) -> None:
    claims = _claims(
        nlp,
        "Optical Communications is the biggest segment, about five billion.",
        "And it grew like eight percent.",
        title="Corning in 2022",
        summary="The hosts read Corning's 2022 annual report.",
        entities=("Corning", "Optical Communications"),
    )
    assert claims[1][0] == "[Corning Optical Communications] grew like eight percent.", claims


def test_the_other_one_is_the_one_not_just_talked_about(nlp: Language) -> None:
    claims = _claims(
        nlp,
        "Scout does a ten million token context, Maverick does one million.",
        "The small one, Scout, was trained on about forty trillion tokens.",
        "And the other one got twenty two trillion.",
        title="Llama 4 Scout and Maverick",
        summary="The hosts read the Llama 4 model card.",
        entities=("Meta", "Llama 4 Scout", "Llama 4 Maverick"),
    )
    assert claims[-1][0] == "[Llama 4 Maverick] got twenty two trillion.", claims


def test_the_other_one_with_nothing_before_stays_unresolved(nlp: Language) -> None:
    claims = _claims(
        nlp,
        "And the other one got twenty two trillion tokens.",
        title="Llama 4 Scout and Maverick",
        summary="The hosts read the Llama 4 model card.",
        entities=("Meta", "Llama 4 Scout", "Llama 4 Maverick"),
    )
    assert not any("[Llama 4" in text for text, _ in claims), claims


def test_a_pronoun_or_a_hedge_before_the_comma_gives_no_antecedent(nlp: Language) -> None:
    # (fresh-eyes review) "them" before the comma is whom "they" stands for; "Corning or not" names no one
    for turn in (
        "Corning sued them, they paid six billion.",
        "Corning or not, they still made thirty four billion.",
    ):
        claims = _claims(nlp, "Okay, 3M. They did thirty four point two billion in sales.", turn, **_FRONT)
        assert claims[-1][1] == "3M", claims
