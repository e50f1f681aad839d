"""From a transcript to check-worthy claims: segmentation, scoring, typing, rewording, de-duplication.

The chain for one transcript (`extract_claims`):

1. `segment` (segment.py): consecutive turns of one speaker are joined where a sentence runs across the
   turn boundary (a caption cue that ends mid-sentence), spaCy splits the joined text into sentences, and
   each sentence keeps the speaker, time span, timecode, utterance index and line of the turns it came from.
2. `split_run_on` (segment.py): a spoken run-on sentence is cut where a coordinating word or a semicolon
   starts a new clause with its own subject, when both sides are long enough to be claims; each clause
   quotes its own words and keeps the sentence's speaker and span.
3. `sentence_features` (features.py) -> `CheckworthinessModel.score` (checkworthiness.py): a transparent
   logistic score in [0, 1] built from named features. The weights are either the hand-set constants or,
   when `claimcheck/data/checkworthiness.json` exists, the ones fitted on CLEF-2019 by
   `python -m claimcheck.training.checkworthiness`.
4. `non_claim_kind` and `is_pure_opinion` (kinds.py): questions, hypotheticals, what is on screen, the
   speaker's own stories, talk about the show, fillers, and an article's headings, bylines and captions are
   not claims whatever their score; a pure opinion is typed `ClaimType.OPINION` (shown, never checked).
5. `SubjectTracker` (subjects.py): who or what each clause is about, from its names (`mentions`,
   mentions.py), the turns before and the front matter (`Lexicon.from_meta`, lexicon.py); "it", "they",
   "that one", "the big one" or a bare measure (`find_trigger`, triggers.py) is resolved only when one name
   is clearly in focus, else the claim is marked `needs_context`. entities.py holds the `Entity` types and
   model names ("Llama 3.1 405B") with their spoken forms.
6. `claim_type` (checkworthiness.py), `decontextualise` (rewrite.py): the claim's type and a first-pass
   checkable wording (fillers out, the subject named in [brackets], "last year" anchored on the
   transcript's date as "last year [2024]"), and the claim's `period` (`claim_period`).
7. Claims with the same normalised wording are merged into one with every occurrence (extract.py).
8. `filter_talk` (claim_filter.py), when an embedder is passed and the transcript is in turns (not prose): a
   claim whose embedding a learnt model reads as talk, in a shape no rule of step 4 names, is not a claim
   (`NonClaim.TALK`); never a pure opinion, a corrected figure or a clause that states a measured figure.
9. Each claim's separately checkable parts are listed (`claim_parts`, compound.py).

nlp.py loads the spaCy pipeline; syntax.py holds the parse helpers the modules share.
"""

from claimcheck.claims.checkworthiness import (
    FITTED_MODEL_PATH,
    HAND_BIAS,
    HAND_WEIGHTS,
    CheckworthinessModel,
    claim_type,
    hand_model,
    load_checkworthiness_model,
)
from claimcheck.claims.compound import claim_parts, compound_parts
from claimcheck.claims.extract import (
    claim_id,
    claim_units,
    extract_claims,
    score_sentences,
)
from claimcheck.claims.features import FEATURE_NAMES, is_forward_looking, sentence_features
from claimcheck.claims.kinds import is_pure_opinion, non_claim_kind
from claimcheck.claims.nlp import SPACY_MODEL, load_nlp
from claimcheck.claims.rewrite import decontextualise, period_label
from claimcheck.claims.segment import Sentence, segment, split_run_on
from claimcheck.claims.subjects import Lexicon, SubjectTracker, claim_period
from claimcheck.text import normalise_claim_text

__all__ = [
    "FEATURE_NAMES",
    "FITTED_MODEL_PATH",
    "HAND_BIAS",
    "HAND_WEIGHTS",
    "SPACY_MODEL",
    "CheckworthinessModel",
    "Lexicon",
    "Sentence",
    "SubjectTracker",
    "claim_id",
    "claim_parts",
    "claim_period",
    "claim_type",
    "claim_units",
    "compound_parts",
    "decontextualise",
    "extract_claims",
    "hand_model",
    "is_forward_looking",
    "is_pure_opinion",
    "load_checkworthiness_model",
    "load_nlp",
    "non_claim_kind",
    "normalise_claim_text",
    "period_label",
    "score_sentences",
    "segment",
    "sentence_features",
    "split_run_on",
]
