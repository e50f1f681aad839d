"""The CLI contract: help for every command, bad inputs as one clear line, the JSON shapes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.cli import cli
from claimcheck.cli.docs import walk_commands
from claimcheck.drafts import write_draft
from claimcheck.models import VerdictStatus
from claimcheck.settings import load_settings
from tests.factories import (
    hashing_config,
    make_breakdown,
    make_verdict,
    write_corpus,
    write_drafts,
    write_file,
)

COMMANDS = walk_commands(cli)


@pytest.mark.parametrize("path", COMMANDS, ids=[" ".join(p) for p in COMMANDS])
def test_every_command_has_help_with_an_example(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output
    assert "claimcheck " + path[0] in result.output


def test_schema_prints_the_breakdown_json_schema() -> None:
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["title"] == "Breakdown"
    assert "verdicts" in schema["properties"]
    labels = json.dumps(schema)
    for value in ("real", "partially_true", "hype", "unverified"):
        assert f'"{value}"' in labels


def test_missing_transcript_is_one_clear_line(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    result = CliRunner().invoke(cli, ["claims", str(missing)])
    assert result.exit_code != 0
    assert "nope.txt" in result.output
    assert "Traceback" not in result.output


def test_bad_claims_file_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "claims.jsonl"
    bad.write_text('{"id": "1", "text": "fine"}\n{"id": "2"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["verify", "--corpus", str(tmp_path), "--claims", str(bad)])
    assert result.exit_code != 0
    assert "claims.jsonl:2" in result.output
    assert "Traceback" not in result.output


def test_search_needs_exactly_one_query_source(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["search", "--index", str(tmp_path)])
    assert result.exit_code == 2
    assert "exactly one of --query" in result.output


def test_missing_index_gives_the_fix(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["search", "--index", str(tmp_path / "none"), "--query", "x"])
    assert result.exit_code != 0
    assert "claimcheck index build" in result.output


def test_review_without_editor_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLAIMCHECK_EDITOR", raising=False)
    result = CliRunner().invoke(cli, ["review", "approve", "abc", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "--editor" in result.output


def test_review_unknown_claim_id(tmp_path: Path) -> None:
    write_draft(tmp_path, make_breakdown([make_verdict()]))
    result = CliRunner().invoke(cli, ["review", "approve", "abc", "--out", str(tmp_path), "--editor", "E"])
    assert result.exit_code == 1
    assert "no claim with id 'abc'" in result.output


def test_publish_with_nothing_drafted(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["publish", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "claimcheck run" in result.output


def test_bad_config_file_is_reported(tmp_path: Path) -> None:
    config = tmp_path / "claimcheck.toml"
    config.write_text("top_k = 'many'\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--config", str(config), "publish", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "top_k" in result.output


def test_a_config_file_that_is_not_utf8_is_reported(tmp_path: Path) -> None:
    # found by the fuzz suite (tests/test_fuzz.py): a UnicodeDecodeError traceback
    config = tmp_path / "claimcheck.toml"
    config.write_bytes('top_k = 3\nsite_name = "caf\xe9"\n'.encode("cp1252"))
    result = CliRunner().invoke(cli, ["--config", str(config), "publish", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"Error: {config}: not valid UTF-8 (byte 0xe9 at offset 26)" in result.output


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        # found by the fuzz suite: FAISS's RuntimeError and OverflowError tracebacks at the first search
        ("ivf_nprobe = 0", "bad setting 'ivf_nprobe': Input should be greater than or equal to 1"),
        ("ivf_nprobe = -1", "bad setting 'ivf_nprobe': Input should be greater than or equal to 1"),
        # a frame rate of 0 blamed the transcript's timecodes; NaN gave every claim a NaN time
        ("frame_rate = 0.0", "bad setting 'frame_rate': Input should be greater than 0"),
        ("frame_rate = nan", "bad setting 'frame_rate': Input should be a finite number"),
    ],
)
def test_settings_out_of_range_are_refused_by_name(tmp_path: Path, line: str, reason: str) -> None:
    config = write_file(tmp_path, "claimcheck.toml", f"ann_threshold = 1\n{line}\n")
    result = CliRunner().invoke(cli, ["--config", str(config), "publish", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert f"Error: {config}: {reason}" in result.output


def test_a_config_file_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    # found by the fuzz suite: "not valid TOML: Invalid statement (at line 1, column 1)"
    config = write_file(tmp_path, "claimcheck.toml", "\ufeffsite_name = 'The Desk'\n")
    assert load_settings(config).site_name == "The Desk"


def test_stance_scores_pairs_in_input_order(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(
        '{"id": "b", "premise": "Revenue was $134.9 billion.", "hypothesis": "Revenue was $134.9B."}\n'
        '{"id": "a", "premise": "The sky is blue.", "hypothesis": "Revenue fell."}\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["stance", "--pairs", str(pairs), "--json"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.output.splitlines()]
    assert [x["id"] for x in lines] == ["b", "a"]
    for line in lines:
        assert set(line["probs"]) == {"supports", "neutral", "contradicts"}
        assert abs(sum(line["probs"].values()) - 1) < 1e-3
        assert line["label"] == max(line["probs"], key=line["probs"].get)


def test_stance_with_a_missing_model_folder(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text('{"id": "a", "premise": "x", "hypothesis": "y"}\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["stance", "--pairs", str(pairs), "--nli-model", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert "nope" in result.output and "Traceback" not in result.output


def test_claims_json_lines_keep_their_keys(tmp_path: Path) -> None:
    transcript = tmp_path / "talk.txt"
    transcript.write_text(
        "Ann: Meta's revenue was $134.9 billion in 2023, up 16% from the year before.\nBob: Wow.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["claims", str(transcript), "--all", "--json"])
    assert result.exit_code == 0, result.output
    first = json.loads(result.output.splitlines()[0])
    assert list(first) == [
        "id",
        "text",
        "quote",
        "speaker",
        "start",
        "end",
        "occurrences",
        "type",
        "checkworthiness",
        "is_claim",
        "non_claim",
    ]
    assert first["speaker"] == "Ann" and first["type"] == "quantitative"


def test_a_corpus_link_out_of_the_folder_is_skipped_with_a_warning(tmp_path: Path) -> None:
    secret = write_file(tmp_path / "private", "secret.md", "# Secret\n\nThe password is swordfish.\n")
    corpus = write_corpus(tmp_path / "corpus", {"a.md": "# A\n\nRevenue was $10 billion in 2023.\n"})
    (corpus / "leak.md").symlink_to(secret)
    config = hashing_config(tmp_path)
    index = tmp_path / "index"
    result = CliRunner().invoke(
        cli, ["--config", str(config), "index", "build", str(corpus), "--index", str(index)]
    )
    assert result.exit_code == 0, result.output
    assert "Warning: leak.md is a symbolic link to" in result.stderr
    assert "swordfish" not in (index / "passages.jsonl").read_text(encoding="utf-8")
    assert "Indexed 1 documents" in result.stdout


def test_index_verify_reads_every_file_against_the_manifest(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", {"a.md": "# A\n\nRevenue was $10 billion in 2023.\n"})
    config = hashing_config(tmp_path)
    index = tmp_path / "index"
    runner = CliRunner()
    runner.invoke(cli, ["--config", str(config), "index", "build", str(corpus), "--index", str(index)])
    result = runner.invoke(cli, ["--config", str(config), "index", "verify", "--index", str(index)])
    assert result.exit_code == 0, result.output
    assert "passages.jsonl" in result.output and "vectors.npy" in result.output
    assert result.output.splitlines()[-1].startswith(f"{index}: 3 files match the manifest")
    vectors = index / "vectors.npy"
    data = bytearray(vectors.read_bytes())
    data[-3] ^= 0x01
    vectors.write_bytes(bytes(data))
    result = runner.invoke(cli, ["--config", str(config), "index", "verify", "--index", str(index)])
    assert result.exit_code == 1
    assert f"Error: {vectors}: damaged index file" in result.output
    assert f"claimcheck index build CORPUS --index {index}" in result.output


def test_review_on_an_output_folder_without_a_run_is_an_error(tmp_path: Path) -> None:
    typo = tmp_path / "ouptut"
    for command in (
        ["review", "list"],
        ["review", "show", "abc"],
        ["review", "approve", "abc", "--editor", "E"],
    ):
        result = CliRunner().invoke(cli, [*command, "--out", str(typo)])
        assert result.exit_code == 1, result.output
        assert f"Error: {typo}: no drafts and no review store here" in result.output
        assert "claimcheck run" in result.output
    assert not typo.exists()  # nothing created
    result = CliRunner().invoke(cli, ["publish", "--out", str(typo)])
    assert result.exit_code == 1 and not typo.exists()


def test_a_draft_that_is_not_utf8_is_named_and_nothing_is_published(tmp_path: Path) -> None:
    out = tmp_path / "out"
    good = make_breakdown([make_verdict(status=VerdictStatus.APPROVED)], slug="good")
    write_drafts(out, good)
    assert CliRunner().invoke(cli, ["publish", "--out", str(out)]).exit_code == 0
    before = {p.name: p.read_bytes() for p in (out / "site").iterdir()}
    bad = write_file(out / "drafts", "bad.json", b'{"slug": "caf\xe9"}')
    for command in (["review", "list"], ["publish"]):
        result = CliRunner().invoke(cli, [*command, "--out", str(out)])
        assert result.exit_code == 1, result.output
        assert f"Error: {bad}: not valid UTF-8" in result.output
        assert "Traceback" not in result.output
    assert {p.name: p.read_bytes() for p in (out / "site").iterdir()} == before


def test_claims_reads_the_corpus_companies_as_run_does(tmp_path: Path) -> None:
    """`claims` words a claim as `run` would: a front-matter name of a company the corpus files for is that
    company, even where spaCy reads it as a person's name."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "atvi.md").write_text(
        "---\ntitle: Activision Blizzard 10-K\nkind: 10-K\ncompany: ACTIVISION BLIZZARD, INC.\n"
        "period: FY2019\n---\n\nNet revenues were $6,489 million in 2019.\n",
        encoding="utf-8",
    )
    transcript = tmp_path / "talk.txt"
    transcript.write_text(
        "---\ntitle: Activision Blizzard's 2019\ndate: 2020-03-12\n"
        "summary: Two hosts read Activision Blizzard's 2019 annual report.\n"
        "entities:\n  - Activision Blizzard\n  - Activision\n  - Blizzard\n---\n"
        "Ann: So on screen is the 10-K, the financial highlights.\n"
        "Bob: Net revenues were six point four nine billion, down thirteen percent.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["claims", str(transcript), "--corpus", str(corpus), "--json"])
    assert result.exit_code == 0, result.output
    texts = [json.loads(line)["text"] for line in result.output.splitlines()]
    assert (
        "[Activision Blizzard] Net revenues were six point four nine billion, down thirteen percent." in texts
    )
    both = CliRunner().invoke(
        cli, ["claims", str(transcript), "--corpus", str(corpus), "--index", str(corpus)]
    )
    assert both.exit_code != 0 and "not both" in both.output


def test_claims_with_a_bad_index_names_the_file_and_line(tmp_path: Path) -> None:
    transcript = tmp_path / "talk.txt"
    transcript.write_text("Ann: Meta's revenue was $134.9 billion in 2023.\n", encoding="utf-8")
    index = tmp_path / "index"
    index.mkdir()
    (index / "passages.jsonl").write_text('{"oops": 1}\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["claims", str(transcript), "--index", str(index)])
    assert result.exit_code != 0
    assert f"{index / 'passages.jsonl'}:1: corrupt passage record" in result.output
    assert "Traceback" not in result.output
