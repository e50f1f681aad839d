"""A contracted "is" that spaCy reads as a possessive (thirty-third session): "And Consumer's like a quarter
of the company." parsed with no verb ("Consumer" the root, "'s" a possessive), so it was taken for a fragment
(a filler), and the name put in front of it ("[3M]") was dropped with it. A word no possessive stands before
("like", "a", "the", "still") says the "'s" is "is"."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimcheck.models import NonClaim
from tests.speech_helpers import non_claim_of


@pytest.mark.parametrize(
    "text",
    [
        "And Consumer's like a quarter of the company.",
        "Pharma's the big one.",
        "Stelara's still the biggest product.",
    ],
)
def test_a_contracted_is_makes_no_fragment(nlp: Language, text: str) -> None:
    assert non_claim_of(nlp, text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Meta's new glasses.",
        "Millions of specialized AIs serving diverse needs.",
        # a possessive before a name, a compound or a noun "like" (cases from a review)
        "Meta's like button.",
        "Facebook's Like button.",
        "Zuck's still-unreleased glasses.",
        "Nvidia's just-announced chip.",
        "Amazon's Just Walk Out stores.",
    ],
)
def test_a_possessive_phrase_is_still_a_fragment(nlp: Language, text: str) -> None:
    assert non_claim_of(nlp, text) == NonClaim.FILLER


_ONE_REPORT = "Ana and Ben go through Pfizer's 2021 annual report: buybacks and the dividend."


def _report_talk(
    nlp: Language, *lines: str, entities: list[str], summary: str, said: str = "authorization"
) -> list[str]:
    """The checkable texts saying `said` in a talk titled "Pfizer's 2021" (no corpus)."""
    from tests.speech_helpers import make_talk, texts_saying

    talk = make_talk(*lines, title="Pfizer's 2021", entities=entities, summary=summary)
    return texts_saying(nlp, talk, {"pfizer"}, None, said)


_PFIZER_LINES = (
    "So Pfizer bought back no stock at all last year.",
    "Right, they paid the dividend and that was it.",
    "There's still about five point three billion left on the authorization.",
)


def test_a_figure_said_of_no_one_in_a_talk_reading_one_report_is_that_company_s(nlp: Language) -> None:
    texts = _report_talk(
        nlp,
        *_PFIZER_LINES,
        entities=["Pfizer", "Moderna"],
        summary=_ONE_REPORT,
    )
    assert texts == ["[Pfizer] There's still about five point three billion left on the authorization."], (
        texts
    )


def test_a_talk_reading_two_reports_guesses_no_one(nlp: Language) -> None:
    texts = _report_talk(
        nlp,
        *_PFIZER_LINES,
        entities=["Pfizer", "Johnson & Johnson"],
        summary="Ana and Ben go through Pfizer's 2021 and Johnson & Johnson's 2022 annual reports.",
    )
    assert texts and not any(t.startswith("[") for t in texts), texts


def test_a_measure_s_shorthand_is_no_one_else(nlp: Language) -> None:
    # spaCy may read "the MBR" as an organisation: a shorthand nobody introduced, not someone else's figure
    from tests.speech_helpers import make_talk, texts_saying

    talk = make_talk(
        "So CVS grew revenue about ten percent last year.",
        "And the MBR got worse, eighty four percent.",
        "And the US spends four trillion a year on healthcare.",
        title="CVS Health's 2022",
        entities=["CVS Health", "Walgreens"],
        summary="Ana and Ben go through CVS Health's 2022 annual report: Aetna and the pharmacy.",
    )
    assert texts_saying(nlp, talk, {"cvs health"}, None, "MBR") == [
        "[CVS Health] The MBR got worse, eighty four percent."
    ]
    # (a country's figure is no one's report)
    us = texts_saying(nlp, talk, {"cvs health"}, None, "four trillion")
    assert us and not any(t.startswith("[CVS Health]") for t in us), us


@pytest.mark.parametrize(
    "said",
    [
        "GM sold about six million cars last year.",
        "The FTC fined Facebook five billion dollars.",
        "My salary went up three percent last year.",
        "We have fifty thousand listeners now.",
    ],
)
def test_someone_else_s_or_the_speakers_figure_is_not_the_report_s(nlp: Language, said: str) -> None:
    # (cases from a review: an organisation of a few capitals that acts, the speakers' own figures)
    texts = _report_talk(
        nlp,
        "So Pfizer grew revenue a lot last year.",
        said,
        entities=["Pfizer", "Moderna"],
        summary=_ONE_REPORT,
        said=said.split()[1],
    )
    assert not any(t.startswith("[Pfizer]") for t in texts), texts
