"""The measure a figure is said of, right before its verb (eighteenth session): "Consumer postpaid phone churn
was point eight one percent" is not refuted by "80% are postpaid connections", nor "broadband net adds were
nine hundred and four thousand" by "8 million total broadband connections": neither row names churn or adds.
A row that names the measure still refutes a figure that disagrees."""

from __future__ import annotations

import pytest

from claimcheck.models import Passage
from claimcheck.verify.numbers import Outcome
from tests.speech_helpers import filed, outcomes


def _verizon(text: str) -> Passage:
    return filed(text, "Verizon Communications Inc.")


def _meta(text: str) -> Passage:
    return filed(text, "Meta Platforms, Inc.", 2023)


_CONNECTIONS = _verizon(
    "At December 31, 2022, Consumer had approximately 115 million wireless retail connections, of which "
    "80% are postpaid connections. In addition, Consumer had approximately 8 million total broadband "
    "connections."
)
_CHURN = _verizon("Consumer postpaid phone churn was 0.81% in 2022, compared with 0.71% in 2021.")


@pytest.mark.parametrize(
    "claim",
    [
        "[Verizon] Consumer postpaid phone churn was point eight one percent.",
        "[Verizon] Consumer postpaid phone churn was about one percent.",
        "[Verizon] Consumer broadband net adds were nine hundred and four thousand.",
    ],
)
def test_a_row_that_never_names_the_measure_refutes_nothing(claim: str) -> None:
    assert Outcome.MISMATCH not in outcomes(claim, _CONNECTIONS)


def test_a_money_measure_is_not_refuted_by_another_money_row() -> None:
    revenue = _meta("Reality Labs revenue was $1,896 million in 2023.")
    assert Outcome.MISMATCH not in outcomes(
        "[Meta] Reality Labs' operating loss was sixteen point one billion in 2023.", revenue
    )
    loss = _meta("Reality Labs operating loss was $16.12 billion in 2023.")
    assert outcomes("[Meta] Reality Labs' operating loss was twenty billion in 2023.", loss) == [
        Outcome.MISMATCH
    ]


def test_a_row_that_names_the_measure_still_refutes() -> None:
    assert outcomes("[Verizon] Consumer postpaid phone churn was one point five percent.", _CHURN) == [
        Outcome.MISMATCH
    ]
    assert outcomes("[Verizon] Consumer postpaid phone churn was point eight one percent.", _CHURN) == [
        Outcome.MATCH
    ]


@pytest.mark.parametrize(
    ("claim", "text"),
    [
        (
            "[Meta] Daily actives were five billion.",
            "Daily active people (DAP) was 3.19 billion in December 2023.",
        ),
        (
            "[Meta] Their total employee count was ninety thousand.",
            "As of December 31, 2023, we had 67,317 employees.",
        ),
        (
            "[Meta] Opex was one hundred billion in 2023.",
            "Total costs and expenses were $88.15 billion in 2023.",
        ),
        (
            "[Meta] Fourth quarter revenue in dollar terms was sixty billion.",
            "Fourth quarter revenue was $40.11 billion.",
        ),
        (
            "[Meta] The workforce reduction was forty thousand people.",
            "We reduced our workforce by about 21,000 employees.",
        ),
        (
            "[Meta] Reality Labs' burn was thirty billion in 2023.",
            "Reality Labs operating loss was $16.12 billion in 2023.",
        ),
        # a sum's head says no counted measure: money is the alignment's to read
        (
            "[Meta] The cost of the restructuring was two billion.",
            "Restructuring charges were $1.2 billion in 2022, reducing net income.",
        ),
        (
            "[Meta] The restructuring cost was two billion.",
            "Restructuring charges were $1.2 billion in 2022, reducing net income.",
        ),
    ],
)
def test_a_head_that_is_no_reported_measure_leaves_the_refutation_to_the_alignment(
    claim: str, text: str
) -> None:
    # (a synonym, a plural, or a word that is no measure: "actives", "count", "opex", "terms", "burn")
    assert outcomes(claim, _meta(text)) == [Outcome.MISMATCH]
