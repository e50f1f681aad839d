"""The learnt claim filter: its model file, what it may take away, its trainer, the shipped model."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from spacy.language import Language

from claimcheck.claims import extract_claims
from claimcheck.claims.claim_filter import (
    CLAIM_FILTER_PATH,
    ClaimFilter,
    filter_talk,
    load_claim_filter,
    states_a_measure,
)
from claimcheck.cli import cli
from claimcheck.embedding import MINILM_NAME, MiniLMEmbedder, Vectors, normalise_rows
from claimcheck.errors import ClaimcheckError
from claimcheck.models import Claim, ClaimType, Format, NonClaim
from claimcheck.settings import Settings
from claimcheck.training import claim_filter as trainer
from claimcheck.training.checkworthiness import TECHTALK_PATH, read_techtalk
from claimcheck.transcripts.source import repair_line
from tests.factories import make_transcript

# --------------------------------------------------------------------------------------------------
# a fake embedder whose vectors say which claims are talk: [1, 0] for a claim, [0, 1] for talk


class _TwoWay:
    def __init__(self, name: str = MINILM_NAME) -> None:
        self._name = name
        self.seen: list[str] = []

    @property
    def name(self) -> str:
        return self._name

    @property
    def dim(self) -> int:
        return 2

    def embed(self, texts: Sequence[str]) -> Vectors:
        self.seen.extend(texts)
        return normalise_rows(np.asarray([[0.0, 1.0] if "TALK" in t else [1.0, 0.0] for t in texts]))

    def count_tokens(self, text: str) -> int:
        return len(text.split())


# P(claim) = sigmoid(4 * x0 - 4 * x1): 0.98 for a claim's vector, 0.02 for talk; the cut 0.3 sits between
MODEL = ClaimFilter(embedder=MINILM_NAME, intercept=0.0, coefficients=(4.0, -4.0), cut=0.3)


def _claim(cid: str, quote: str, **update: object) -> Claim:
    return Claim(id=cid, transcript_id="t", text=quote, quote=quote).model_copy(update=update)


def test_filter_marks_talk_and_leaves_claims() -> None:
    claims = [_claim("a", "Revenue was 66.6 billion."), _claim("b", "TALK that was a panic move")]
    taken = filter_talk(claims, _TwoWay(), Settings(), model=MODEL)
    assert taken == 1
    assert claims[0].is_claim and claims[0].non_claim is None
    assert not claims[1].is_claim and claims[1].non_claim == NonClaim.TALK


def test_filter_reads_only_claims_it_may_take() -> None:
    """Opinions, non-claims and the ids the caller keeps are not read, so never changed."""
    embedder = _TwoWay()
    claims = [
        _claim("a", "TALK opinion", type=ClaimType.OPINION),
        _claim("b", "TALK not a claim", is_claim=False),
        _claim("c", "TALK an answer that corrects a figure"),
        _claim("d", "TALK read"),
    ]
    assert filter_talk(claims, embedder, Settings(), keep=frozenset({"c"}), model=MODEL) == 1
    assert embedder.seen == ["TALK read"]
    assert claims[0].is_claim and claims[0].type == ClaimType.OPINION and claims[0].non_claim is None
    assert claims[1].non_claim is None
    assert claims[2].is_claim
    assert claims[3].non_claim == NonClaim.TALK


def test_filter_never_takes_a_measured_figure() -> None:
    """A clause stating money, a percentage, parameters, tokens or a count of a thousand or more stays a
    claim whatever the filter reads; small counts and years do not protect a clause."""
    claims = [
        _claim("a", "TALK imagine going from 0 to 8 months, 80 million in revenue"),
        _claim("b", "TALK twenty billion, that's like three thousand lifetimes of my salary"),
        _claim("c", "TALK they trained it on fifteen trillion tokens"),
        _claim("d", "TALK I have three of them at home"),
        _claim("e", "TALK he's been writing these letters since 1997"),
    ]
    assert filter_talk(claims, _TwoWay(), Settings(), model=MODEL) == 2
    assert [c.is_claim for c in claims] == [True, True, True, False, False]


@pytest.mark.parametrize(
    ("text", "measured"),
    [
        ("Revenue was 66.6 billion dollars.", True),
        ("Margins fell two points, to 38%.", True),
        ("It's a seventy billion parameter model.", True),
        ("They have ninety thousand employees.", True),
        ("I've got three of them.", False),
        ("The Llama 3.1 card came out in 2024.", False),
        ("It runs on an H100.", False),
    ],
)
def test_states_a_measure(text: str, measured: bool) -> None:
    assert states_a_measure(text) is measured


@pytest.mark.parametrize(
    ("embedder", "settings"),
    [
        (None, Settings()),  # no embedder: the rules alone decide
        (_TwoWay(), Settings(claim_filter_threshold=0.0)),  # turned off
        (_TwoWay(name="hashing-64"), Settings()),  # not the embedder the model was fitted on
    ],
)
def test_filter_does_nothing_when_it_cannot_read(embedder: _TwoWay | None, settings: Settings) -> None:
    claims = [_claim("b", "TALK that was a panic move")]
    assert filter_talk(claims, embedder, settings, model=MODEL) == 0
    assert claims[0].is_claim and claims[0].non_claim is None


def test_threshold_setting_moves_the_cut() -> None:
    """Scores are shifted so the model's cut is 0.5: a vector scored exactly at the cut reads 0.5."""
    at_cut = ClaimFilter(
        embedder=MINILM_NAME, intercept=math.log(0.3 / 0.7), coefficients=(0.0, 0.0), cut=0.3
    )
    (score,) = at_cut.scores(np.asarray([[1.0, 0.0]], dtype=np.float32))
    assert score == pytest.approx(0.5)
    claims = [_claim("a", "TALK x")]  # raw 0.02, shifted sigmoid(logit(0.02) - logit(0.3)) ~ 0.046
    assert filter_talk(claims, _TwoWay(), Settings(claim_filter_threshold=0.04), model=MODEL) == 0
    assert filter_talk(claims, _TwoWay(), Settings(claim_filter_threshold=0.05), model=MODEL) == 1


# --------------------------------------------------------------------------------------------------
# the model file


def test_shipped_model_loads_and_is_fitted_for_minilm() -> None:
    model = load_claim_filter()
    assert model is not None
    data = json.loads(CLAIM_FILTER_PATH.read_text(encoding="utf-8"))
    assert model.embedder == MINILM_NAME and len(model.coefficients) == data["dim"] == 384
    assert 0.0 < model.cut < 1.0
    # it was fitted without the held-out probes and the speech set's test half
    assert data["training_data"]["held_out_probes"] == sorted(trainer.HELD_OUT)
    assert data["training_data"]["splits_read"] == "dev"
    paths = [f["path"] for f in data["training_data"]["files"]]
    assert not any(f"/{probe}/" in p for p in paths for probe in trainer.HELD_OUT)


def test_shipped_model_matches_its_training_data() -> None:
    """The files the model was fitted on are the files in the repository (else: retrain)."""
    data = json.loads(CLAIM_FILTER_PATH.read_text(encoding="utf-8"))
    for entry in data["training_data"]["files"]:
        assert trainer.sha256_of(trainer.REPO_DIR / entry["path"]) == entry["sha256"], entry["path"]
    # and every file the trainer would read now is one it read (a new probe means a retrain)
    read_now = {str(p.relative_to(trainer.REPO_DIR)) for p in trainer.probe_files()}
    read_now |= {str(p.relative_to(trainer.REPO_DIR)) for p in (trainer.SPEECH_LABELS, TECHTALK_PATH)}
    assert read_now == {entry["path"] for entry in data["training_data"]["files"]}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "unreadable claim filter model"),
        (
            json.dumps(
                {"embedder": MINILM_NAME, "dim": 3, "coefficients": [1.0], "intercept": 0.0, "threshold": 0.2}
            ),
            "inconsistent",
        ),
        (
            json.dumps(
                {"embedder": MINILM_NAME, "dim": 1, "coefficients": [1.0], "intercept": 0.0, "threshold": 1.5}
            ),
            "inconsistent",
        ),
    ],
)
def test_bad_model_file_is_a_clear_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "filter.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ClaimcheckError, match=message) as info:
        load_claim_filter(path)
    assert str(path) in str(info.value)


def test_missing_named_model_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ClaimcheckError, match="not found"):
        load_claim_filter(tmp_path / "absent.json")


# --------------------------------------------------------------------------------------------------
# the trainer


def test_budget_cut_gives_up_at_most_the_budget_of_claims() -> None:
    scores = np.asarray([0.01, 0.05, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9, 0.95, 0.02, 0.1, 0.25, 0.5])
    labels = np.asarray([1.0] * 10 + [0.0] * 4)
    cut = trainer.budget_cut(scores, labels, budget=0.2)
    assert cut.threshold == pytest.approx(0.2)  # two claims of ten under it
    assert cut.claims_lost == pytest.approx(0.2)
    assert cut.non_claims_kept == pytest.approx(0.5)  # 0.25 and 0.5 stay over it
    assert trainer.budget_cut(scores, labels, budget=0.0).threshold == pytest.approx(0.01)


def test_probe_labels_bad_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "p99" / "labels.tsv"
    path.parent.mkdir()
    path.write_text("a.txt\t1\tclaim\tRevenue was up.\na.txt\tyes\tclaim\tOops.\n", encoding="utf-8")
    with pytest.raises(ClaimcheckError, match="line 2") as info:
        trainer.read_probe(path)
    assert str(path) in str(info.value)


def test_training_set_leaves_out_test_halves_and_held_out_probes() -> None:
    rows, sources = trainer.training_set()
    groups = {r.group for r in rows}
    assert not any(g.split("/")[0] in trainer.HELD_OUT for g in groups)
    speech = [
        json.loads(line) for line in trainer.SPEECH_LABELS.read_text(encoding="utf-8").splitlines() if line
    ]
    test_transcripts = {r["transcript"] for r in speech if r["split"] == "test"}
    dev_transcripts = {r["transcript"] for r in speech if r["split"] == "dev"}
    assert test_transcripts - dev_transcripts, "the speech set has test-only transcripts"
    assert not (groups & (test_transcripts - dev_transcripts))
    assert sum(s.sentences for s in sources) == len(rows)
    # the tech-talk set's conversations hold both halves: only its dev sentences are read
    talk = [r for r in rows if r.group.startswith("techtalk/")]
    dev_talk = [s for s in read_techtalk(TECHTALK_PATH) if s.split == "dev"]
    assert len(talk) == len(dev_talk) and {r.text for r in talk} == {s.text for s in dev_talk}


def test_readable_leaves_out_what_the_filter_never_meets(nlp: Language) -> None:
    """Sentences under `min_claim_words` words (punctuation not counted) are neither fitted nor budgeted."""
    rows = [
        trainer.Labelled("g", "AWS.", 1),
        trainer.Labelled("g", "Only the instruct.", 1),
        trainer.Labelled("g", "Yeah, yeah, totally, man.", 0),
        trainer.Labelled("g", "Revenue was up eleven percent.", 1),
        trainer.Labelled("g", "My dad worked there for years.", 0),
    ]
    kept = trainer.readable(rows, nlp.make_doc, 5)
    assert [r.text for r in kept] == ["Revenue was up eleven percent.", "My dad worked there for years."]


def test_probe_labels_quote_their_transcripts() -> None:
    """Every labelled sentence of every probe is in its transcript (wrapped lines joined), in order."""
    for labels in sorted(trainer.PROBES_DIR.glob("*/labels.tsv")):
        rows = trainer.read_probe(labels)
        assert rows, labels
        texts: dict[str, str] = {}
        position: dict[str, int] = {}
        for line in labels.read_text(encoding="utf-8").splitlines():
            name, _, _, sentence = line.split("\t")
            if name not in texts:
                raw = (labels.parent / name).read_text(encoding="utf-8")
                texts[name] = re.sub(r"\s+", " ", raw)
                position[name] = 0
            found = texts[name].find(sentence, position[name])
            assert found >= 0, f"{labels.parent.name}/{name}: {sentence!r}"
            position[name] = found + len(sentence)


def test_repair_line_fixes_mojibake() -> None:
    assert repair_line("Itâ€™s  up") == "It's up"  # ftfy also straightens the quote


# --------------------------------------------------------------------------------------------------
# the shipped model with the real embedder


@pytest.fixture(scope="module")
def minilm() -> MiniLMEmbedder:
    return MiniLMEmbedder()


@pytest.mark.slow
def test_shipped_probe_scores_reproduce(minilm: MiniLMEmbedder) -> None:
    """The stored probe sentences score as they did when the model was written: the embedder is the same."""
    data = json.loads(CLAIM_FILTER_PATH.read_text(encoding="utf-8"))
    stored = data["probe_scores"]
    vectors = np.asarray(minilm.embed(list(stored)), dtype=np.float64)
    raw = 1.0 / (1.0 + np.exp(-(vectors @ np.asarray(data["coefficients"]) + data["intercept"])))
    assert raw == pytest.approx(list(stored.values()), abs=1e-3)


@pytest.mark.slow
def test_filter_takes_talk_off_a_transcript(nlp: Language, minilm: MiniLMEmbedder) -> None:
    """Talk in a shape no rule names is a claim without the filter and talk with it; the claims stay. (The
    talk is a sentence of the p32 probe, which the filter was fitted on: this checks the wiring of the shipped
    model; what it does on speech it never saw is bench_claims.py's (d).)"""
    said = [
        "Figma's a bargain, honestly, you're buying the next generation of designers.",
        # claims with no measured figure, so the model itself must keep them (`states_a_measure` is False)
        "Meta released the Llama 3.1 models in July.",
        "Boeing resumed 787 deliveries in August.",
    ]
    assert not any(states_a_measure(s) for s in said)
    transcript = make_transcript(*said, fmt=Format.SPEAKER_LINES)
    settings = Settings()
    without = {c.quote: c for c in extract_claims(transcript, nlp, settings, include_all=True)}
    with_filter = {
        c.quote: c for c in extract_claims(transcript, nlp, settings, include_all=True, embedder=minilm)
    }
    for talk in said[:1]:
        assert without[talk].is_claim, talk
        assert not with_filter[talk].is_claim and with_filter[talk].non_claim == NonClaim.TALK, talk
    for claim in said[1:]:
        assert with_filter[claim].is_claim, claim
    # an article (prose) is left to the rules: the filter was fitted on speech in turns
    article = make_transcript(*said, fmt=Format.PROSE)
    written = {c.quote: c for c in extract_claims(article, nlp, settings, include_all=True, embedder=minilm)}
    assert written[said[0]].is_claim


@pytest.mark.slow
def test_claims_command_reads_with_the_filter(tmp_path: Path) -> None:
    """`claims --all --json` runs the filter as `run` does and says why a sentence is not a claim."""
    transcript = tmp_path / "talk.txt"
    transcript.write_text(
        "Ann: Figma's a bargain, honestly, you're buying the next generation of designers.\n"
        "Bob: Meta released the Llama 3.1 models in July.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["claims", str(transcript), "--all", "--json"])
    assert result.exit_code == 0, result.output
    lines = {json.loads(line)["quote"]: json.loads(line) for line in result.output.splitlines()}
    talk = lines["Figma's a bargain, honestly, you're buying the next generation of designers."]
    assert not talk["is_claim"] and talk["non_claim"] == "talk"
    claim = lines["Meta released the Llama 3.1 models in July."]
    assert claim["is_claim"] and claim["non_claim"] is None
    plain = CliRunner().invoke(cli, ["claims", str(transcript), "--all"])
    assert "(not a claim: talk)" in plain.output
