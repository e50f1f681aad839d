"""A front-matter entity whose name ends in a word only a company's legal name ends in ("Ball
Corporation") is a company, so its short name ("Ball") is its own subject, never the talk's company."""

from __future__ import annotations

from spacy.language import Language

from tests.factories import SETTINGS, make_transcript


def test_a_legal_name_among_the_entities_is_a_company_said_by_its_short_name(nlp: Language) -> None:
    from claimcheck.claims import extract_claims
    from claimcheck.models import Format, TranscriptMeta

    talk = make_transcript(
        "Amcor did about fourteen point seven billion in sales.",
        "Ball does like fourteen billion a year, almost all of it cans.",
        fmt=Format.TIMECODED,
    )
    meta = TranscriptMeta(
        date=talk.meta.date,
        title="Amcor's fiscal 2023",
        summary="Amcor's 2023 annual report, with an aside on Ball Corporation.",
        extra={"entities": ["Amcor", "Ball Corporation"]},
    )
    claims = extract_claims(talk.model_copy(update={"meta": meta}), nlp, SETTINGS)
    ball = next(c for c in claims if "cans" in c.text)
    assert ball.subject.company == "Ball Corporation"
    assert "[Amcor]" not in ball.text
