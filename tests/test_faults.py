"""kill -9 at random points of the commands that write, and writers running at once (tests/faults.py).

Each check kills a few times, at points drawn from a fixed seed (the same on every run), and returns the
problems it found; `benchmarks/bench_fuzz.py --kills N` kills many more times with random seeds.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests import faults

pytestmark = pytest.mark.slow

SEED = 12


@pytest.mark.parametrize("command", sorted(faults.KILLS))
def test_a_kill_at_random_points_leaves_everything_whole_and_a_rerun_completes(
    command: str, tmp_path: Path
) -> None:
    assert faults.KILLS[command](tmp_path / "work", random.Random(SEED)) == []


def test_two_concurrent_index_adds_lose_no_document(tmp_path: Path) -> None:
    assert faults.concurrent_index_adds(tmp_path / "work", random.Random(SEED)) == []


def test_two_editors_deciding_200_times_each_lose_nothing_and_leave_no_audit_gap(tmp_path: Path) -> None:
    assert faults.concurrent_editors(tmp_path / "work", random.Random(SEED), decisions=200) == []
