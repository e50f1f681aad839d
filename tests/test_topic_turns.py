"""A clause that turns a two-company talk to one name ("Okay, Pepsi.", "Now PepsiCo.", "What about Pepsi?")
makes that name the subject of the bare figures that follow, as a sentence naming it would; in a talk
about PepsiCo, "Pepsi" is PepsiCo, its name without the glued "Co" (issue 11: a probe talk about Boeing
and Pepsi drafted every PepsiCo figure as Boeing's)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimcheck.claims.extract import announces_topic
from claimcheck.claims.lexicon import Lexicon
from tests.speech_helpers import claims_by_quote, make_talk

_BOEING = (
    "Boeing revenue was about sixty six and a half billion last year.",
    "They delivered four hundred and eighty airplanes.",
)


@pytest.mark.parametrize(
    "turn",
    ["Okay, Pepsi. Give me the headline.", "Okay, now PepsiCo.", "Let's do Pepsi now.", "What about Pepsi?"],
)
def test_a_name_announced_is_the_subject_of_what_follows(nlp: Language, turn: str) -> None:
    talk = make_talk(
        *_BOEING,
        turn,
        "Eighty six billion in revenue, up almost nine percent.",
        entities=["Boeing", "PepsiCo"],
        title="Boeing and Pepsi, the boring giants",
    )
    text = claims_by_quote(nlp, talk)["Eighty six billion in revenue, up almost nine percent."].text
    assert text.startswith("[PepsiCo]"), text


def test_without_a_turn_the_thread_stays(nlp: Language) -> None:
    talk = make_talk(
        *_BOEING,
        "Eighty six billion in backlog, up almost nine percent.",
        entities=["Boeing", "PepsiCo"],
        title="Boeing and Pepsi, the boring giants",
    )
    text = claims_by_quote(nlp, talk)["Eighty six billion in backlog, up almost nine percent."].text
    assert "PepsiCo" not in text


def test_a_pronoun_after_a_turn_is_still_read_by_the_talk(nlp: Language) -> None:
    """A turn is about what the next bare measures are of, not what "they" stands for: Adobe pays for Figma,
    and after a clause about Adobe the turn is over (a fresh-eyes review's case)."""
    talk = make_talk(
        "Adobe is buying Figma.",
        "Okay, Figma.",
        "So they're paying twenty billion for it, all cash.",
        "Anyway, Digital Media revenue was twelve point eight billion.",
        entities=["Adobe", "Figma"],
    )
    said = claims_by_quote(nlp, talk)
    assert "Figma]" not in said["So they're paying twenty billion for it, all cash."].text
    assert "Figma" not in said["Anyway, Digital Media revenue was twelve point eight billion."].text


@pytest.mark.parametrize(
    ("aside", "said"),
    [
        ("Wait, one more on Boeing.", "Two point three billion in free cash flow, burned."),
        # (a second review's cases: a step back that names no company ends the turn too)
        ("Before that, one more thing on the planes.", "Four hundred and eighty deliveries last year."),
        ("Sure, but first the planes.", "Backlog is over five hundred billion."),
        ("Hold on, the jet maker's backlog first.", "Five hundred billion in backlog."),
    ],
)
def test_a_step_back_ends_the_turn(nlp: Language, aside: str, said: str) -> None:
    talk = make_talk(
        "Boeing revenue was sixty six billion.", "Okay, Pepsi.", aside, said, entities=["Boeing", "PepsiCo"]
    )
    assert "PepsiCo" not in claims_by_quote(nlp, talk)[said].text


@pytest.mark.parametrize(
    ("said", "turns"),
    [
        ("Okay, Pepsi.", True),
        ("Now PepsiCo.", True),
        ("What about Pepsi?", True),
        # a list of names, a figure or a noun says more than where the talk goes
        ("Okay, Pepsi and Boeing.", False),
        ("Pepsi did eighty six billion.", False),
        ("Okay, Pepsi's revenue?", False),
        # a name said back is no turn
        ("Right, Pepsi.", False),
        ("Wow, PepsiCo.", False),
    ],
)
def test_what_announces_a_topic(nlp: Language, said: str, turns: bool) -> None:
    assert announces_topic(nlp(said)[:]) is turns


def test_a_name_with_its_co_glued_on_is_said_without_it() -> None:
    lexicon = Lexicon.from_meta(make_talk("x", entities=["PepsiCo", "Costco"]).meta)
    assert lexicon.names["pepsi"].name == "PepsiCo"
    assert "cost" not in lexicon.names  # (only a capital "Co" is glued on: "Costco" is one word)


def test_pepsi_is_written_out(nlp: Language) -> None:
    talk = make_talk("Pepsi had a good year.", entities=["PepsiCo", "Boeing"])
    assert claims_by_quote(nlp, talk)["Pepsi had a good year."].text == "Pepsi [PepsiCo] had a good year."
