"""Confidence that means something: a monotone map from the policy's raw score to observed accuracy.

Fitted by isotonic regression (pool-adjacent-violators) on the dev half of the labelled verdict set
(`python benchmarks/bench_verdicts.py --fit`), written to `claimcheck/data/calibration.json` with the
data's hash, and read once at run time. Without that file the raw score is used as is.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, ValidationError

from claimcheck.errors import ClaimcheckError

CALIBRATION_FILE = Path(__file__).resolve().parent.parent / "data" / "calibration.json"


class Calibration(BaseModel):
    """Piecewise-constant, non-decreasing: raw scores up to `thresholds[i]` map to `values[i]`."""

    thresholds: list[float] = []
    values: list[float] = []
    fitted_on: str = "identity"
    n: int = 0
    data_sha256: str | None = None
    ece_before: float | None = None
    ece_after: float | None = None
    bins: int = 10

    def apply(self, raw: float) -> float:
        if not self.thresholds:
            return raw
        for edge, value in zip(self.thresholds, self.values, strict=True):
            if raw <= edge:
                return value
        return self.values[-1]


def fit_isotonic(scores: Sequence[float], correct: Sequence[bool], *, fitted_on: str) -> Calibration:
    """Pool adjacent violators over (score, correct) sorted by score."""
    pairs = sorted(zip(scores, correct, strict=True))
    blocks: list[list[float]] = []  # [sum_correct, count, max_score]
    for score, ok in pairs:
        blocks.append([float(ok), 1.0, score])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            right = blocks.pop()
            blocks[-1][0] += right[0]
            blocks[-1][1] += right[1]
            blocks[-1][2] = right[2]
    # shrink each block's rate towards 0.5 a little so a block of 2 never claims certainty
    values = [(b[0] + 1.0) / (b[1] + 2.0) for b in blocks]
    return Calibration(
        thresholds=[b[2] for b in blocks],
        values=values,
        fitted_on=fitted_on,
        n=len(pairs),
    )


def expected_calibration_error(confidence: Sequence[float], correct: Sequence[bool], bins: int = 10) -> float:
    """ECE with `bins` equal-width bins over [0, 1]: sum over bins of |accuracy - mean confidence| × share."""
    if not confidence:
        return 0.0
    total = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        idx = [i for i, c in enumerate(confidence) if (lo < c <= hi) or (b == 0 and c == 0.0)]
        if not idx:
            continue
        acc = sum(1.0 for i in idx if correct[i]) / len(idx)
        conf = sum(confidence[i] for i in idx) / len(idx)
        total += abs(acc - conf) * len(idx) / len(confidence)
    return total


@functools.cache
def _load(path: Path) -> Calibration:
    if not path.is_file():
        return Calibration()
    try:
        return Calibration.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (json.JSONDecodeError, ValidationError) as exc:
        raise ClaimcheckError(
            f"calibration file is damaged: {exc}",
            path=path,
            hint="refit with benchmarks/bench_verdicts.py --fit",
        ) from None


def load_calibration(path: Path = CALIBRATION_FILE) -> Calibration:
    """The shipped calibration, read once per process."""
    return _load(path)
