"""The learnt claim filter: reads, from a sentence's embedding, whether it is said as a claim or as talk.

The rules of kinds.py name the shapes of talk they know ("I think …", "I've got the table up", "my dad …");
talk in shapes no rule names ("Buying Figma was a panic move", "That box is the most depressing thing in
the whole filing") still scores as check-worthy, because the check-worthiness score reads only a
sentence's surface (a name, a figure, its length). This filter is a logistic regression over the
sentence's MiniLM embedding (the embedder the index already loads), fitted on labelled unscripted speech by
`python -m claimcheck.training.claim_filter`, which writes `claimcheck/data/claim_filter.json`.

It only ever takes a claim away: a clause the rules and the score kept as a claim, and not a pure opinion,
is marked `NonClaim.TALK` when its probability of being a claim is under the filter's cut. Its cut was
chosen by leave-one-transcript-out cross-validation to give up at most a set share of the labelled claims
(`claim_loss_budget` in the JSON). `Settings.claim_filter_threshold` moves it: scores are shifted so the
chosen cut maps to 0.5, as the check-worthiness score's are; 0 turns the filter off.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict, ValidationError

from claimcheck.claims.checkworthiness import log_odds, sigmoid
from claimcheck.embedding import Embedder, Vectors
from claimcheck.errors import ClaimcheckError
from claimcheck.models import Claim, ClaimType, NonClaim
from claimcheck.quantities import Unit, extract_quantities
from claimcheck.settings import Settings

CLAIM_FILTER_PATH = Path(__file__).resolve().parents[1] / "data" / "claim_filter.json"
RETRAIN_HINT = "retrain with python -m claimcheck.training.claim_filter"


class ClaimFilter(BaseModel):
    """A logistic model over an embedder's unit vectors; `cut` is its cross-validated probability cut."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    embedder: str  # the embedding model its coefficients were fitted on
    intercept: float
    coefficients: tuple[float, ...]
    cut: float

    def scores(self, vectors: Vectors) -> list[float]:
        """Each row's probability of being a claim, shifted so that `cut` maps to 0.5."""
        if vectors.shape[0] == 0:
            return []
        weights = np.asarray(self.coefficients, dtype=np.float64)
        logits = vectors.astype(np.float64) @ weights + self.intercept - log_odds(self.cut)
        return [sigmoid(float(z)) for z in logits]


class _FilterFile(BaseModel):
    model_config = ConfigDict(extra="ignore")

    embedder: str
    dim: int
    coefficients: list[float]
    intercept: float
    threshold: float


def load_claim_filter(path: Path | None = None) -> ClaimFilter | None:
    """The shipped filter (`claimcheck/data/claim_filter.json`, or `path`); None when the shipped file is
    absent (a named `path` that is absent is an error)."""
    target = path or CLAIM_FILTER_PATH
    if not target.is_file():
        if path is not None:
            raise ClaimcheckError("claim filter model not found", path=path, hint=RETRAIN_HINT)
        return None
    return _load(str(target))


@lru_cache(maxsize=4)
def _load(path: str) -> ClaimFilter:
    try:
        data = _FilterFile.model_validate(json.loads(Path(path).read_text(encoding="utf-8")))
    except (json.JSONDecodeError, ValidationError) as exc:
        raise ClaimcheckError(f"unreadable claim filter model: {exc}", path=path, hint=RETRAIN_HINT) from None
    if len(data.coefficients) != data.dim or not 0.0 < data.threshold < 1.0:
        raise ClaimcheckError(
            "claim filter model is inconsistent (coefficients or threshold)", path=path, hint=RETRAIN_HINT
        )
    return ClaimFilter(
        embedder=data.embedder,
        intercept=data.intercept,
        coefficients=tuple(data.coefficients),
        cut=data.threshold,
    )


# What a clause measures that keeps it from the filter: money, a percentage, parameters, tokens, or a count of
# at least `MEASURED_COUNT_MIN` ("80 million in revenue", "ninety thousand employees"; not "three of them").
_MEASURED_UNITS = frozenset(
    {Unit.USD, Unit.PERCENT, Unit.PERCENT_POINTS, Unit.PARAMETERS, Unit.TOKENS, Unit.COUNT}
)
MEASURED_COUNT_MIN = 1000.0


def states_a_measure(text: str) -> bool:
    """`text` states a figure an editor checks first. The filter never takes such a clause: a figure is
    what a fact-check is for, and a missed one is never reviewed, while a joke with a figure in it ("Twenty
    billion, that's like three thousand lifetimes of my salary") costs the editor one click. (The trainer
    records how many of the non-claims it would take state one: `cross_validation.measured_share`.)"""
    return any(
        q.unit in _MEASURED_UNITS and (q.unit != Unit.COUNT or q.value >= MEASURED_COUNT_MIN)
        for q in extract_quantities(text)
    )


def filter_talk(
    claims: Sequence[Claim],
    embedder: Embedder | None,
    settings: Settings,
    *,
    keep: frozenset[str] = frozenset(),
    model: ClaimFilter | None = None,
) -> int:
    """Mark as `NonClaim.TALK` each claim the filter reads as talk; returns how many. Read: every claim
    still a claim, not a pure opinion, not in `keep` (ids the caller knows are claims: an answer that
    corrects a figure) and stating no measured figure in its quote or its checkable text
    (`states_a_measure`), by its verbatim quote. Nothing happens without an embedder, with the filter off
    (`claim_filter_threshold` 0), without a shipped model, or when the embedder is not the one the model was
    fitted on (the hashing embedder of plumbing tests)."""
    if embedder is None or settings.claim_filter_threshold <= 0.0:
        return 0
    fitted = model or load_claim_filter()
    if fitted is None or fitted.embedder != embedder.name:
        return 0
    read = [
        c
        for c in claims
        if c.is_claim
        and c.type != ClaimType.OPINION
        and c.id not in keep
        # ("Gaming was about ten point four of that" is checked as "… ten point four [billion] of that")
        and not (states_a_measure(c.quote) or states_a_measure(c.text))
    ]
    if not read:
        return 0
    scores = fitted.scores(embedder.embed([c.quote for c in read]))
    taken = 0
    for claim, score in zip(read, scores, strict=True):
        if score < settings.claim_filter_threshold:
            claim.is_claim = False
            claim.non_claim = NonClaim.TALK
            taken += 1
    return taken
