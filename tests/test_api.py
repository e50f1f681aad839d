"""The public API in `claimcheck/__init__.py`: every name resolves, importing it stays cheap, and the chain
runs end to end through it alone."""

from __future__ import annotations

import ast
import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

import claimcheck

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "samples" / "zuck-open-source-ep.txt"
HEAVY = ("spacy", "torch", "sentence_transformers", "faiss", "onnxruntime")


def test_every_public_name_resolves_to_its_module_object() -> None:
    assert claimcheck.__all__ == sorted(set(claimcheck.__all__))
    exports: dict[str, str] = claimcheck._EXPORTS
    assert set(exports) == set(claimcheck.__all__)
    for name in claimcheck.__all__:
        value = getattr(claimcheck, name)
        assert value is getattr(importlib.import_module(exports[name]), name), name
        assert name in dir(claimcheck)


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'no_such_name'"):
        _ = claimcheck.no_such_name


def test_type_checking_imports_match_the_lazy_table() -> None:
    """mypy reads the TYPE_CHECKING imports, the runtime reads `_EXPORTS`: they must name the same things."""
    tree = ast.parse((REPO / "claimcheck" / "__init__.py").read_text(encoding="utf-8"))
    guarded = next(
        node
        for node in tree.body
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"
    )
    imported = {
        alias.name: node.module
        for node in guarded.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert imported == claimcheck._EXPORTS


def test_import_loads_no_model_or_heavy_library() -> None:
    code = (
        "import sys, claimcheck, claimcheck.errors\n"
        "claimcheck.Settings, claimcheck.ClaimcheckError, claimcheck.Label\n"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == ""


CORPUS_DOC = """---
title: Meta Platforms 10-K FY2023 (excerpts)
kind: 10-K
company: Meta Platforms, Inc.
period: FY2023
---
# Item 7. Management's Discussion and Analysis

Revenue was $134.90 billion in 2023, an increase of 16% compared with 2022.

Ad impressions delivered across our Family of Apps increased by 28% year-over-year in 2023, and the
average price per ad decreased by 9% year-over-year.
"""


def test_end_to_end_through_the_public_api(tmp_path: Path) -> None:
    settings = claimcheck.Settings(embedding_model="hashing-64", out_dir=tmp_path / "out")
    transcript = claimcheck.read_transcript(SAMPLE, settings)
    assert isinstance(transcript, claimcheck.Transcript)
    assert transcript.id == "sample-meta-open-source"
    # Two of Dana Whitfield's answers are enough for the real spaCy model to find figures to check.
    short = transcript.model_copy(update={"utterances": transcript.utterances[3:6]})
    nlp = claimcheck.load_nlp()
    claims = claimcheck.extract_claims(short, nlp, settings)
    assert claims and all(isinstance(c, claimcheck.Claim) for c in claims)
    assert any("134.9" in c.text for c in claims)

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "meta-10k.md").write_text(CORPUS_DOC, encoding="utf-8")
    embedder = claimcheck.load_embedder(settings)
    built, embedded = claimcheck.build_index(
        claimcheck.load_corpus(corpus), embedder, settings, corpus, tmp_path / "index"
    )
    assert embedded == len(built.passages) > 0
    index = claimcheck.open_index(
        settings, embedder, corpus_dir=None, index_dir=tmp_path / "index", cache_dir=tmp_path / "cache"
    )
    assert isinstance(index, claimcheck.EvidenceIndex)

    items = claimcheck.retrieve(claims, index, settings)
    assert [item.claim for item in items] == claims
    drafts = claimcheck.judge_all(items, settings, verifier=None)
    assert [d.claim_id for d in drafts] == [c.id for c in claims]
    assert all(isinstance(d.label, claimcheck.Label) for d in drafts)

    engine = claimcheck.Engine(settings=settings, nlp=nlp, embedder=embedder, index=index)
    breakdown = claimcheck.process_transcript(short, engine)
    assert isinstance(breakdown, claimcheck.Breakdown)
    assert [v.draft.label for v in breakdown.verdicts if v.draft] == [d.label for d in drafts]
    with claimcheck.open_store(settings.out_dir) as store:
        assert isinstance(store, claimcheck.ReviewStore)
        merged = claimcheck.apply_decisions(breakdown, store)
    assert [v.label for v in merged.verdicts] == [v.label for v in breakdown.verdicts]
