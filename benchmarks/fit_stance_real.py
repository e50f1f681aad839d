"""Choose the verifier's stance thresholds on the dev halves of the real-document sets (issue #11).

    python benchmarks/fit_stance_real.py          # prints the grid and the chosen point; changes nothing

`stance_support_threshold` and `stance_contradict_threshold` say how sure the verifier must be before its
stance settles a claim with no figure to check. This script drafts the dev half of (a) the unscripted-speech
transcripts and of (b) the labelled claims against the corpus of record, as `bench_real.py` does (same
corpus, same index, same code paths: `extract_claims` or `claims_from_lines`, `retrieve`, `judge`), scores
each claim's stances once, then re-judges every draft at each grid point and scores it with
`real_scoring.py`. The point chosen has the best mean of (a)'s verdict accuracy and (b)'s verdict macro-F1
(the two figures issue #11 sets targets for), ties to the higher thresholds. Test halves are never read.
Run `bench_real.py` once first: it places the corpus and builds the index this script opens.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import real_predict  # noqa: E402

from benchmarks.bench_real import INDEX_CODE, INDEXES, assemble_corpus, code_fingerprint  # noqa: E402
from benchmarks.real_scoring import (  # noqa: E402
    SetScore,
    load_claim_labels,
    load_predictions,
    load_sentence_labels,
    score,
)

SUPPORT_GRID = (0.5, 0.6, 0.7, 0.74, 0.8, 0.9)
CONTRADICT_GRID = (0.6, 0.7, 0.8, 0.86, 0.95)
CLAIMS_FILE = REPO / "benchmarks" / "data" / "verdict_claims.jsonl"
SPEECH = REPO / "benchmarks" / "data" / "speech"


@dataclass
class Scored:
    """One set's dev items with their stances, scored once."""

    sources: list[str]
    ids: list[str | None]
    items: list[Any]
    stances: list[Any]


def _dev_transcripts() -> list[Path]:
    labels = [json.loads(line) for line in (SPEECH / "labels.jsonl").read_text().splitlines() if line.strip()]
    return [SPEECH / name for name in sorted({row["transcript"] for row in labels if row["split"] == "dev"})]


def _stances(engine: Any, items: list[Any]) -> list[Any]:
    """The verifier's stances of the pairs `judge` may read, as `pipeline.judge_all` scores them."""
    from claimcheck.verify.assess import FigureChecks
    from claimcheck.verify.policy import stance_wanted
    from claimcheck.verify.stance import score_stances

    checks = FigureChecks()
    wanted = [stance_wanted(item, engine.settings, checks) for item in items]
    return score_stances(items, engine.verifier, engine.settings, wanted=wanted)


def _score_once(engine: Any) -> tuple[Scored, Scored]:
    from claimcheck.claims import extract_claims
    from claimcheck.inputs import read_claim_lines
    from claimcheck.pipeline import claims_from_lines, retrieve
    from claimcheck.transcripts.read import read_transcript

    settings = engine.settings
    speech = Scored([], [], [], [])
    for path in _dev_transcripts():
        transcript = read_transcript(path, settings)
        claims = extract_claims(
            transcript,
            engine.nlp,
            settings,
            corpus_companies=engine.corpus_companies,
            corpus_sizes=engine.model_aliases.sizes,
            corpus_owner=engine.corpus_owners.owner,
            embedder=engine.embedder,
        )
        items = retrieve(claims, engine.index, settings, fields=engine.fields)
        speech.items += items
        speech.stances += _stances(engine, items)
        speech.sources += [path.name] * len(items)
        speech.ids += [None] * len(items)
        print(f"  {path.name}: {len(items)} claims", file=sys.stderr)
    lines = read_claim_lines(CLAIMS_FILE)
    claims = claims_from_lines(lines, engine, real_predict.CLAIMS_CONTEXT)
    items = retrieve(claims, engine.index, settings, fields=engine.fields)
    bare = Scored(
        [CLAIMS_FILE.name] * len(items), [line.id for line in lines], items, _stances(engine, items)
    )
    return speech, bare


def _judged(scored: Scored, settings: Any, checks: Any) -> list[Any]:
    from claimcheck.verify.policy import judge

    records = []
    for source, line_id, item, stances in zip(
        scored.sources, scored.ids, scored.items, scored.stances, strict=True
    ):
        draft = judge(item, settings, stances, checks=checks)
        claim = (
            item.claim.model_dump(mode="json", exclude={"context_before", "context_after"})
            if line_id is None
            else {"text": item.claim.text, "quote": item.claim.text}
        )
        record: dict[str, Any] = {
            "source": source,
            "claim": claim,
            "label": draft.label.value,
            "rationale": draft.rationale,
            "evidence_docs": list(dict.fromkeys(e.passage.doc_id for e in draft.evidence)),
        }
        if line_id is not None:
            record["id"] = line_id
        records.append(record)
    return load_predictions({"predictions": records})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.parse_args(argv)
    from claimcheck.offline import enable_offline
    from claimcheck.pipeline import Engine
    from claimcheck.settings import load_settings
    from claimcheck.verify.assess import FigureChecks

    enable_offline()
    corpus = assemble_corpus()
    index = INDEXES / f"{code_fingerprint(REPO, INDEX_CODE)[:12]}-{corpus[:12]}"
    if not index.is_dir():
        raise SystemExit(f"no index at {index}: run benchmarks/bench_real.py first")
    speech_gold = load_sentence_labels(SPEECH / "labels.jsonl")
    claims_gold = load_claim_labels(CLAIMS_FILE)
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)  # (a folder without claimcheck.toml: the defaults are what is tried against)
        base = load_settings(out_dir=Path(tmp))
        engine = Engine.load(base, index_dir=index)
        speech, bare = _score_once(engine)
        # figure checks do not depend on the stance thresholds: each is made once, for every grid point
        speech_checks, bare_checks = FigureChecks(), FigureChecks()
        rows: list[tuple[float, float, SetScore, SetScore]] = []
        for support, contradict in itertools.product(SUPPORT_GRID, CONTRADICT_GRID):
            trial = base.model_copy(
                update={"stance_support_threshold": support, "stance_contradict_threshold": contradict}
            )
            a = score(_judged(speech, trial, speech_checks), speech_gold, "dev")
            b = score(_judged(bare, trial, bare_checks), claims_gold, "dev", bare_claims=True)
            rows.append((support, contradict, a, b))
    print(
        "| support | contradict | (a) dev accuracy | (a) dev macro-F1 | (b) dev accuracy | (b) dev macro-F1 |"
    )
    print("|---|---|---|---|---|---|")
    for support, contradict, a, b in rows:
        print(
            f"| {support:g} | {contradict:g} | {a.accuracy or 0:.4f} | {a.macro_f1 or 0:.4f} | "
            f"{b.accuracy or 0:.4f} | {b.macro_f1 or 0:.4f} |"
        )
    best = max(rows, key=lambda r: ((r[2].accuracy or 0) + (r[3].macro_f1 or 0), r[0], r[1]))
    print(
        f"\nchosen: stance_support_threshold = {best[0]:g}, stance_contradict_threshold = {best[1]:g} "
        f"((a) dev accuracy {best[2].accuracy:.4f}, (b) dev macro-F1 {best[3].macro_f1:.4f})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
