"""The prediction step of `bench_real.py`: run one claimcheck checkout over the sets, write predictions.

    python benchmarks/real_predict.py --code ROOT --corpus DIR --index DIR [--seed DIR] JOB.json

`bench_real.py` starts this in a subprocess, once per checkout (this branch, or the baseline checked out
under .bench/baseline-REV/), with that checkout first on sys.path, so the same script drives both.
It uses only the library calls both sides have (`load_settings`, `load_corpus`, `load_embedder`,
`build_index`, `Engine.load`, `run_batch`, `read_claim_lines`, `verify_claims`): the product's own
`claimcheck index build`, `run` and `verify --claims` paths. It writes, per set, a JSON file of
predictions that the scorer (`benchmarks/real_scoring.py`) reads; nothing is scored here.

JOB.json: {"rev": str, "work": folder for scratch drafts,
           "sets": [{"name", "kind": "transcripts" | "claims", "inputs": [paths], "out": path}]}.
"""

from __future__ import annotations

import argparse
import inspect
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

# Whom the labelled claims (set b) are about when one names no one: they were written about Meta.
CLAIMS_CONTEXT = ("Meta",)


def _log(msg: str) -> None:
    print(f"[predict] {msg}", file=sys.stderr, flush=True)


def _import_claimcheck(code: Path) -> None:
    sys.path.insert(0, str(code))
    import claimcheck

    where = Path(claimcheck.__file__).resolve()
    if code.resolve() not in where.parents:
        raise SystemExit(f"claimcheck imported from {where}, not from {code}: check PYTHONPATH")
    _log(f"claimcheck from {where.parent}")


def _open_index(corpus: Path, index_dir: Path, settings: Any, seeds: list[Path]) -> None:
    """Build the index of `corpus` into `index_dir` unless a complete one is there. The newest sibling
    index (another checkout's), else the first of `seeds` (e.g. the retrieval benchmark's 10-K index),
    is copied in first so `build_index` reuses the vectors of every passage whose embedded text is
    unchanged."""
    from claimcheck.corpus import load_corpus
    from claimcheck.embedding import load_embedder
    from claimcheck.index import build_index

    if (index_dir / "manifest.json").is_file():
        return
    siblings = sorted(
        (
            p
            for p in index_dir.parent.glob("*")
            if (p / "manifest.json").is_file() and p != index_dir and not p.name.startswith(".")
        ),
        key=lambda p: (p / "manifest.json").stat().st_mtime,
        reverse=True,
    )
    siblings += [p for p in seeds if (p / "manifest.json").is_file()]
    docs = load_corpus(corpus)
    embedder = load_embedder(settings)
    t0 = time.perf_counter()
    if siblings:
        _log(f"seeding {index_dir.name} with the vectors of {siblings[0].name}")
        shutil.copytree(siblings[0], index_dir, dirs_exist_ok=True)
        try:
            built, embedded = build_index(docs, embedder, settings, corpus, index_dir)
        except Exception as exc:  # an index from another version this one cannot read: start afresh
            _log(f"could not reuse {siblings[0].name} ({exc}); embedding everything")
            shutil.rmtree(index_dir)
            built, embedded = build_index(docs, embedder, settings, corpus, index_dir)
    else:
        _log(f"building {index_dir.name} from scratch ({len(docs)} documents)")
        built, embedded = build_index(docs, embedder, settings, corpus, index_dir)
    _log(
        f"indexed {len(docs)} documents as {len(built.passages)} passages "
        f"({embedded} embedded) in {time.perf_counter() - t0:.0f} s"
    )


def _evidence_docs(evidence: list[Any]) -> list[str]:
    return list(dict.fromkeys(e.passage.doc_id for e in evidence))


def _transcripts(engine: Any, inputs: list[Path], work: Path) -> dict[str, Any]:
    from claimcheck.drafts import read_draft
    from claimcheck.pipeline import run_batch

    report = run_batch(inputs, engine, work)
    status: dict[str, Any] = {}
    claims: list[dict[str, Any]] = []
    for result in report.results:
        name = Path(result.path).name
        status[name] = {"ok": result.ok, "error": result.error}
        if not result.ok or result.draft_path is None:
            continue
        for verdict in read_draft(Path(result.draft_path)).verdicts:
            claim = verdict.claim.model_dump(mode="json", exclude={"context_before", "context_after"})
            claims.append(
                {
                    "source": name,
                    "claim": claim,
                    "label": verdict.label.value,
                    "confidence": verdict.confidence,
                    "rationale": verdict.rationale,
                    "evidence_docs": _evidence_docs(verdict.evidence),
                }
            )
    return {"transcripts": status, "predictions": claims}


def _claims(engine: Any, inputs: list[Path]) -> dict[str, Any]:
    from claimcheck.inputs import read_claim_lines
    from claimcheck.pipeline import verify_claims

    out: list[dict[str, Any]] = []
    for path in inputs:
        lines = read_claim_lines(path)
        # The set's claims were written about Meta and its Llama models: its context, as a transcript's
        # front matter would give it (`verify --entity Meta`), where the checkout's code takes one.
        takes_entities = "entities" in inspect.signature(verify_claims).parameters
        drafts = (
            verify_claims(lines, engine, CLAIMS_CONTEXT) if takes_entities else verify_claims(lines, engine)
        )
        for line, draft in zip(lines, drafts, strict=True):
            out.append(
                {
                    "source": path.name,
                    "id": line.id,
                    "claim": {"text": line.text, "quote": line.text},
                    "label": draft.label.value,
                    "confidence": draft.confidence,
                    "rationale": draft.rationale,
                    "evidence_docs": _evidence_docs(draft.evidence),
                }
            )
    return {"predictions": out}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--code", type=Path, required=True, help="the checkout whose claimcheck runs")
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument(
        "--seed", type=Path, action="append", default=[], help="an index to take vectors from"
    )
    parser.add_argument("job", type=Path)
    args = parser.parse_args()
    _import_claimcheck(args.code)
    job = json.loads(args.job.read_text(encoding="utf-8"))

    import claimcheck
    from claimcheck.offline import enable_offline
    from claimcheck.pipeline import Engine
    from claimcheck.settings import load_settings

    enable_offline()
    work_root = Path(job["work"])
    work_root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="predict-", dir=work_root) as tmp:
        work = Path(tmp)
        settings = load_settings(out_dir=work)
        _open_index(args.corpus, args.index, settings, args.seed)
        t0 = time.perf_counter()
        engine = Engine.load(settings, index_dir=args.index)
        _log(f"models and index loaded in {time.perf_counter() - t0:.0f} s")
        for spec in job["sets"]:
            t0 = time.perf_counter()
            inputs = [Path(p) for p in spec["inputs"]]
            if spec["kind"] == "transcripts":
                body = _transcripts(engine, inputs, work / spec["name"])
            else:
                body = _claims(engine, inputs)
            seconds = time.perf_counter() - t0
            record = {
                "set": spec["name"],
                "rev": job["rev"],
                "claimcheck": str(Path(claimcheck.__file__).resolve().parent),
                "seconds": round(seconds, 1),
                **body,
            }
            out = Path(spec["out"])
            out.parent.mkdir(parents=True, exist_ok=True)
            tmp_out = out.with_suffix(".tmp")
            tmp_out.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
            tmp_out.replace(out)
            _log(f"{spec['name']}: {len(body['predictions'])} predictions in {seconds:.0f} s -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
