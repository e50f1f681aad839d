"""Check-worthiness: a transparent logistic score over `sentence_features`, and the claim's type.

The weights are either the hand-set constants below or, when `claimcheck/data/checkworthiness.json`
exists, the ones fitted on CLEF-2019 by `python -m claimcheck.training.checkworthiness`.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from claimcheck.claims.features import FEATURE_NAMES
from claimcheck.errors import ClaimcheckError
from claimcheck.models import ClaimType

FITTED_MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "checkworthiness.json"


# Hand-set weights on the logit scale: score = sigmoid(HAND_BIAS + sum(weight * feature)). Set by reading
# sentences from the seed interview and CLEF-2019 debates: one hard figure ("$200 million", "2 trillion
# parameters") is enough to make a sentence check-worthy on its own; a named company plus a factual
# verb ("acquired by HP") is too; opinions, questions and chatter pull a sentence under the line.
HAND_BIAS = -1.0  # an ordinary sentence with no signal is not a claim
HAND_WEIGHTS: dict[str, float] = {
    "figure": 2.5,  # money, percentages, parameter counts, large or scaled counts
    "number": 1.0,  # any other count ("from 0 to 8 months")
    "year_or_date": 0.5,  # anchors an event in time
    "org": 0.8,  # a named company or product: something a source can confirm
    "place": 0.3,
    "person": 0.3,
    "comparative": 0.5,  # "faster than", "more"
    "superlative": 0.8,  # "fastest growing", "the biggest"
    "forward_looking": 0.5,  # predictions are checkable later, and often hype
    "factual_verb": 0.7,  # acquired, raised, launched, grew …
    "past_tense": 0.3,  # reports of events
    "length": 0.5,  # longer sentences carry more content
    "opinion_word": -0.7,  # "amazing", "crazy": judgement rather than fact
    "first_person_feeling": -0.8,  # "I think", "I wonder", "I don't know"
    "question": -2.5,  # questions ask, they do not claim
    "short": -3.0,  # under `min_claim_words` words
    "backchannel": -3.0,  # "Yeah. Like.", "Okay, so."
    # The interview-genre features below say what a sentence does (thanks, asks, introduces, tells a story,
    # comments), and the story and remark detectors fire only when no figure, year or company is named, so
    # they weigh nearly as much as `short`: such a sentence is not a claim unless something else is strong.
    "greeting": -3.0,  # "Thanks for having me", "Dana, thank you so much for coming on"
    "imperative": -2.5,  # "Walk me through the lineup", "Let's talk about money": requests, not claims
    "introduction": -3.0,  # "I'm Sam Keller, and my guest today is Dana Whitfield"
    "anecdote": -2.5,  # "My dad uses his to take pictures of his garden": a story nobody can check
    "stance_aside": -1.5,  # "I won't pretend otherwise", "I'll be straight about that"
    "evaluative": -2.0,  # "It was hard", "That's a bold one": a judgement with no fact in it
}


class CheckworthinessModel(BaseModel):
    """A logistic scorer over `sentence_features`.

    `cut` is the probability at which the model's own threshold sits (chosen by cross-validation for a
    fitted model, 0.5 for the hand weights). Scores are shifted so that this cut maps to 0.5, which keeps
    `Settings.checkworthiness_threshold = 0.5` meaning "the model's chosen cut" for either model.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    bias: float
    weights: dict[str, float]
    cut: float = 0.5
    source: str = "hand-set weights in claimcheck/claims/checkworthiness.py"

    def logit(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return z - log_odds(self.cut)

    def score(self, features: dict[str, float]) -> float:
        return sigmoid(self.logit(features))


def log_odds(probability: float) -> float:
    """The logit of a probability: what a score is shifted by so that a model's cut maps to 0.5."""
    return math.log(probability / (1.0 - probability))


def sigmoid(z: float) -> float:
    """1 / (1 + e^-z), without overflow for large |z|."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def hand_model() -> CheckworthinessModel:
    return CheckworthinessModel(bias=HAND_BIAS, weights=dict(HAND_WEIGHTS))


class _FittedFile(BaseModel):
    model_config = ConfigDict(extra="ignore")

    feature_names: list[str]
    coefficients: list[float]
    intercept: float
    threshold: float


def load_checkworthiness_model(path: Path | None = None) -> CheckworthinessModel:
    """The fitted model from `claimcheck/data/checkworthiness.json` (or `path`); hand weights if absent."""
    target = path or FITTED_MODEL_PATH
    if not target.is_file():
        if path is not None:
            raise ClaimcheckError("check-worthiness model not found", path=path)
        return hand_model()
    return _load_fitted(str(target))


@lru_cache(maxsize=4)
def _load_fitted(path: str) -> CheckworthinessModel:
    try:
        data = _FittedFile.model_validate(json.loads(Path(path).read_text(encoding="utf-8")))
    except (json.JSONDecodeError, ValidationError) as exc:
        raise ClaimcheckError(
            f"unreadable check-worthiness model: {exc}",
            path=path,
            hint="retrain with python -m claimcheck.training.checkworthiness",
        ) from None
    unknown = sorted(set(data.feature_names) - set(FEATURE_NAMES))
    if len(data.feature_names) != len(data.coefficients) or unknown or not 0.0 < data.threshold < 1.0:
        raise ClaimcheckError(
            "check-worthiness model does not match this version's features",
            path=path,
            hint="retrain with python -m claimcheck.training.checkworthiness",
        )
    return CheckworthinessModel(
        bias=data.intercept,
        weights=dict(zip(data.feature_names, data.coefficients, strict=True)),
        cut=data.threshold,
        source=f"fitted: {Path(path).name}",
    )


# --------------------------------------------------------------------------------------------------
# typing


def claim_type(features: dict[str, float]) -> ClaimType:
    """Quantitative > predictive > comparative > opinion with a factual core > factual. (A pure opinion, with
    nothing to check, is typed `ClaimType.OPINION` by `claims.kinds.is_pure_opinion` instead.)

    A figure wins over the future tense ("the model will have 2 trillion parameters"): the figure is what an
    editor checks, and it is often checkable already (a model card states it).
    """
    if features["figure"] or features["number"]:
        return ClaimType.QUANTITATIVE
    if features["forward_looking"]:
        return ClaimType.PREDICTIVE
    if features["comparative"] or features["superlative"]:
        return ClaimType.COMPARATIVE
    opinion = features["opinion_word"] or features["first_person_feeling"]
    factual_core = features["org"] or features["place"] or features["person"] or features["year_or_date"]
    if opinion and (factual_core or features["factual_verb"]):
        return ClaimType.OPINION_WITH_FACT
    return ClaimType.FACTUAL
