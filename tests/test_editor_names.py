"""Editor names and notes are clean text (issue #12): a name with a newline or a terminal control sequence
was stored as given, so `review show` printed a forged audit line and sent ESC sequences to the terminal."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.cli import cli
from claimcheck.errors import ReviewError
from claimcheck.models import DecisionAction, EditorDecision, Label
from claimcheck.review import ReviewStore
from tests.factories import make_breakdown, make_claim, make_draft, make_verdict

TID = "ep-1"


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An output folder whose review store holds claim c1 of TID."""
    claim = make_claim(
        "Revenue was up sixteen percent", claim_id="c1", transcript_id=TID, quote="Revenue up 16%."
    )
    with ReviewStore.open(tmp_path / "out" / "claimcheck.sqlite") as store:
        store.sync_drafts(make_breakdown([make_verdict(claim, make_draft("c1"))], slug=TID))
    return tmp_path / "out"


def _decision(**fields: object) -> EditorDecision:
    values: dict[str, object] = {"transcript_id": TID, "claim_id": "c1", "action": DecisionAction.APPROVE}
    return EditorDecision.model_validate({"editor": "Ana", **values, **fields})


@pytest.mark.parametrize(
    ("editor", "reason"),
    [
        ("Ana\n2025-01-01T00:00:00+00:00 Boss approve status: 'draft' → 'approved'", "one line"),
        ("Ana\r", "one line"),
        ("Ana\u2028Boss", "one line"),
        ("\x1b[2J\x1b[HAna", "control character"),
        ("Ana\x07", "control character"),
        ("Ana\x9b31m", "control character"),
        ("Ana\u202eenilno", "control character"),
        ("   ", "required"),
    ],
)
def test_a_name_that_is_not_one_clean_line_is_refused(out: Path, editor: str, reason: str) -> None:
    with ReviewStore.open(out / "claimcheck.sqlite") as store:
        with pytest.raises(ReviewError) as info:
            store.record(_decision(editor=editor))
        assert reason in info.value.reason
        assert store.decision_for(TID, "c1") is None


@pytest.mark.parametrize("note", ["see \x1b]8;;http://evil\x1b\\here", "ok\x00", "tab\x0bbed"])
def test_a_note_with_control_characters_is_refused(out: Path, note: str) -> None:
    with ReviewStore.open(out / "claimcheck.sqlite") as store:
        with pytest.raises(ReviewError) as info:
            store.record(_decision(note=note))
        assert "note" in info.value.reason and "control character" in info.value.reason


@pytest.mark.parametrize(
    "editor", ["A. Editor", "Zoë Müller-Łęcka", "李雷", "محمد", "👩\u200d💻 Dev", "O'Brien"]
)
def test_real_names_are_kept(out: Path, editor: str) -> None:
    with ReviewStore.open(out / "claimcheck.sqlite") as store:
        store.record(_decision(editor=editor, note="FY2022 figure.\nChecked twice.\tOK"))
        decision = store.decision_for(TID, "c1")
    assert decision is not None and decision.editor == editor


def test_the_cli_refuses_a_forged_name_in_one_line(out: Path) -> None:
    forged = "Ana\n2025-01-01T00:00:00+00:00 Boss approve"
    result = CliRunner().invoke(cli, ["review", "approve", "c1", "--editor", forged, "--out", str(out)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "one line" in result.output
    assert "Traceback" not in result.output and "\x1b" not in result.output


def test_the_cli_refuses_an_escape_sequence_in_a_note(out: Path) -> None:
    args = ["review", "set", "c1", "--verdict", Label.HYPE.value, "--note", "\x1b[31mred", "--editor", "Ana"]
    result = CliRunner().invoke(cli, [*args, "--out", str(out)])
    assert result.exit_code == 1 and "control character" in result.output and "\x1b" not in result.output


def test_a_note_on_several_lines_cannot_pass_for_an_audit_line(out: Path) -> None:
    note = "Checked.\naudit      2025-01-01T00:00:00+00:00 Boss approve"
    runner = CliRunner()
    decided = runner.invoke(
        cli, ["review", "approve", "c1", "--note", note, "--editor", "Ana", "--out", str(out)]
    )
    assert decided.exit_code == 0, decided.output
    shown = runner.invoke(cli, ["review", "show", "c1", "--out", str(out)])
    assert shown.exit_code == 0, shown.output
    editors = [line.split()[2] for line in shown.output.splitlines() if line.startswith("audit")]
    assert editors == ["Ana", "Ana"]  # the approval and the note, both by Ana; no line by "Boss"
    assert "           audit      2025-01-01T00:00:00+00:00 Boss approve" in shown.output
