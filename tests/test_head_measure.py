"""The measure a figure is said of, right before its verb (eighteenth session): "Consumer postpaid phone churn
was point eight one percent" is not refuted by "80% are postpaid connections", nor "broadband net adds were
nine hundred and four thousand" by "8 million total broadband connections": neither row names churn or adds.
A row that names the measure still refutes a figure that disagrees."""

from __future__ import annotations

import pytest

from claimcheck.models import Citation, DocKind, Passage
from claimcheck.verify.numbers import Outcome
from tests.factories import make_passage
from tests.speech_helpers import outcomes


def _filed(text: str) -> Passage:
    citation = Citation(
        title="Verizon Communications Inc. Form 10-K FY2022",
        kind=DocKind.TEN_K,
        company="Verizon Communications Inc.",
        period="FY2022",
    )
    return make_passage(text, citation=citation)


_CONNECTIONS = _filed(
    "At December 31, 2022, Consumer had approximately 115 million wireless retail connections, of which "
    "80% are postpaid connections. In addition, Consumer had approximately 8 million total broadband "
    "connections."
)
_CHURN = _filed("Consumer postpaid phone churn was 0.81% in 2022, compared with 0.71% in 2021.")


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


def test_a_row_that_names_the_measure_still_refutes() -> None:
    assert outcomes("[Verizon] Consumer postpaid phone churn was one point five percent.", _CHURN) == [
        Outcome.MISMATCH
    ]
    assert outcomes("[Verizon] Consumer postpaid phone churn was point eight one percent.", _CHURN) == [
        Outcome.MATCH
    ]
