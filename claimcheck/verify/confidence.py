"""The draft's raw (uncalibrated) confidence, from the strength of what settled it.

Figures checked exactly are the strongest finding; a confident stance less so; "nothing found" is a
guess. Every number is a setting (claimcheck/settings.py, the verdict section); calibration
(claimcheck/verify/calibration.py) maps the raw score onto observed accuracy.
"""

from __future__ import annotations

from collections.abc import Sequence

from claimcheck.models import Evidence, Label
from claimcheck.settings import Settings
from claimcheck.verify.findings import Finding, FindingSource, PartVerdict
from claimcheck.verify.stance import StanceProbs


def source_confidence(source: FindingSource, settings: Settings) -> float:
    """The raw score of a finding settled by `source`, before relevance and penalties."""
    return {
        FindingSource.FIGURES: settings.raw_confidence_figures,
        FindingSource.NEGATION: settings.raw_confidence_negation,
        FindingSource.STANCE: settings.raw_confidence_stance,
        FindingSource.NONE: settings.raw_confidence_none,
    }[source]


def relevance_weight(top_score: float, settings: Settings) -> float:
    """What raw scores are multiplied by, from the best passage's relevance."""
    return settings.relevance_weight_base + settings.relevance_weight_scale * top_score


def raw_confidence(
    finding: Finding,
    label: Label,
    top_score: float,
    stances: dict[str, StanceProbs],
    cited: list[Evidence],
    settings: Settings,
) -> float:
    """An uncalibrated score for one checked text, from the strength of what settled it."""
    base = source_confidence(finding.source, settings)
    if finding.source == FindingSource.STANCE and cited:
        best = max(max(stances.get(e.passage.passage_id, (0.0, 0.0, 0.0))[0::2]) for e in cited)
        base = settings.stance_confidence_base + settings.stance_confidence_scale * best
    if label == Label.PARTIALLY_TRUE:
        base -= settings.partial_penalty
    return max(0.0, min(1.0, base * relevance_weight(top_score, settings)))


def claim_raw_confidence(
    parts: Sequence[PartVerdict], label: Label, top_score: float, settings: Settings
) -> float:
    """The whole claim's raw score: its weakest part's, less the partial penalty when the claim is
    Partially True only once its parts were combined (or it generalised)."""
    raw = min(p.raw for p in parts)
    if label == Label.PARTIALLY_TRUE and all(p.label != Label.PARTIALLY_TRUE for p in parts):
        raw = max(0.0, raw - settings.partial_penalty * relevance_weight(top_score, settings))
    return raw
