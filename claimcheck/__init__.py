"""claimcheck: fact-check tech interviews against a corpus of primary sources.

The public API, in the order of the chain (each stage can also be called alone)::

    import claimcheck

    settings = claimcheck.load_settings()                        # claimcheck.toml + overrides
    transcript = claimcheck.read_transcript(path, settings)      # any supported format -> Transcript
    claims = claimcheck.extract_claims(transcript, claimcheck.load_nlp(), settings)
    embedder = claimcheck.load_embedder(settings)
    index = claimcheck.open_index(settings, embedder, corpus_dir=settings.corpus_dir, index_dir=None,
                                  cache_dir=settings.out_dir / ".index")
    items = claimcheck.retrieve(claims, index, settings)         # -> list[ClaimEvidence]
    drafts = claimcheck.judge_all(items, settings, claimcheck.load_verifier())

or, with the heavy objects built once: `engine = claimcheck.Engine.load(settings)`, then
`process_transcript(transcript, engine)` (one `Breakdown`), `run_batch(paths, engine, out_dir)` (drafts
and the review store) or `verify_claims(lines, engine)` (bare claims). Editors' decisions live in the
review store (`open_store`, `ReviewStore`, `apply_decisions`); `publish_site` writes `OUT/site/`
(`build_site_context` gathers what it shows). Every pydantic type that crosses a stage, the settings and
the library's errors (all `ClaimcheckError`s) are here too.

Importing `claimcheck` loads no model and no heavy library: each name is imported from its module on
first use (PEP 562 `__getattr__`), so `import claimcheck.cli` and every submodule stay cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from claimcheck.batch import BatchReport, RunResult
    from claimcheck.claims import extract_claims, load_nlp
    from claimcheck.corpus import load_corpus
    from claimcheck.embedding import Embedder, load_embedder
    from claimcheck.errors import (
        ClaimcheckError,
        CorpusError,
        IndexError_,
        InputError,
        ReviewError,
        TranscriptError,
    )
    from claimcheck.index import EvidenceIndex, PassageFilter, SearchMode, build_index, open_index
    from claimcheck.inputs import ClaimLine, read_claim_lines
    from claimcheck.models import (
        Breakdown,
        Citation,
        Claim,
        ClaimEvidence,
        ClaimSubject,
        ClaimType,
        DecisionAction,
        DocKind,
        Document,
        DraftVerdict,
        EditorDecision,
        Evidence,
        Format,
        Label,
        NonClaim,
        Occurrence,
        Passage,
        SearchHit,
        Signal,
        Stance,
        Transcript,
        TranscriptMeta,
        Utterance,
        Verdict,
        VerdictStatus,
    )
    from claimcheck.pipeline import (
        Engine,
        judge_all,
        process_transcript,
        retrieve,
        run_batch,
        verify_claims,
    )
    from claimcheck.publish import SiteContext, build_site_context, publish_site, published_breakdowns
    from claimcheck.review import ReviewStore, apply_decisions, open_store
    from claimcheck.settings import Settings, load_settings
    from claimcheck.transcripts import read_transcript
    from claimcheck.verify.policy import judge
    from claimcheck.verify.stance import Verifier, load_verifier

# Each public name and the module it is imported from on first use. tests/test_api.py checks that this
# table, `__all__` and the TYPE_CHECKING imports above list the same names from the same modules.
_EXPORTS: dict[str, str] = {
    # read a transcript
    "read_transcript": "claimcheck.transcripts",
    # extract claims
    "load_nlp": "claimcheck.claims",
    "extract_claims": "claimcheck.claims",
    # open or build an index
    "load_corpus": "claimcheck.corpus",
    "Embedder": "claimcheck.embedding",
    "load_embedder": "claimcheck.embedding",
    "EvidenceIndex": "claimcheck.index",
    "PassageFilter": "claimcheck.index",
    "SearchMode": "claimcheck.index",
    "build_index": "claimcheck.index",
    "open_index": "claimcheck.index",
    # judge
    "Verifier": "claimcheck.verify.stance",
    "load_verifier": "claimcheck.verify.stance",
    "judge": "claimcheck.verify.policy",
    "Engine": "claimcheck.pipeline",
    "retrieve": "claimcheck.pipeline",
    "judge_all": "claimcheck.pipeline",
    "process_transcript": "claimcheck.pipeline",
    "run_batch": "claimcheck.pipeline",
    "BatchReport": "claimcheck.batch",
    "RunResult": "claimcheck.batch",
    "verify_claims": "claimcheck.pipeline",
    "ClaimLine": "claimcheck.inputs",
    "read_claim_lines": "claimcheck.inputs",
    # the review store
    "open_store": "claimcheck.review",
    "ReviewStore": "claimcheck.review",
    "apply_decisions": "claimcheck.review",
    # publish
    "published_breakdowns": "claimcheck.publish",
    "build_site_context": "claimcheck.publish",
    "SiteContext": "claimcheck.publish",
    "publish_site": "claimcheck.publish",
    # settings
    "Settings": "claimcheck.settings",
    "load_settings": "claimcheck.settings",
    # the types that cross stages
    **dict.fromkeys(
        (
            "Breakdown",
            "Citation",
            "Claim",
            "ClaimEvidence",
            "ClaimSubject",
            "ClaimType",
            "DecisionAction",
            "DocKind",
            "Document",
            "DraftVerdict",
            "EditorDecision",
            "Evidence",
            "Format",
            "Label",
            "NonClaim",
            "Occurrence",
            "Passage",
            "SearchHit",
            "Signal",
            "Stance",
            "Transcript",
            "TranscriptMeta",
            "Utterance",
            "Verdict",
            "VerdictStatus",
        ),
        "claimcheck.models",
    ),
    # errors
    **dict.fromkeys(
        (
            "ClaimcheckError",
            "CorpusError",
            "IndexError_",
            "InputError",
            "ReviewError",
            "TranscriptError",
        ),
        "claimcheck.errors",
    ),
}

__all__ = [
    "BatchReport",
    "Breakdown",
    "Citation",
    "Claim",
    "ClaimEvidence",
    "ClaimLine",
    "ClaimSubject",
    "ClaimType",
    "ClaimcheckError",
    "CorpusError",
    "DecisionAction",
    "DocKind",
    "Document",
    "DraftVerdict",
    "EditorDecision",
    "Embedder",
    "Engine",
    "Evidence",
    "EvidenceIndex",
    "Format",
    "IndexError_",
    "InputError",
    "Label",
    "NonClaim",
    "Occurrence",
    "Passage",
    "PassageFilter",
    "ReviewError",
    "ReviewStore",
    "RunResult",
    "SearchHit",
    "SearchMode",
    "Settings",
    "Signal",
    "SiteContext",
    "Stance",
    "Transcript",
    "TranscriptError",
    "TranscriptMeta",
    "Utterance",
    "Verdict",
    "VerdictStatus",
    "Verifier",
    "apply_decisions",
    "build_index",
    "build_site_context",
    "extract_claims",
    "judge",
    "judge_all",
    "load_corpus",
    "load_embedder",
    "load_nlp",
    "load_settings",
    "load_verifier",
    "open_index",
    "open_store",
    "process_transcript",
    "publish_site",
    "published_breakdowns",
    "read_claim_lines",
    "read_transcript",
    "retrieve",
    "run_batch",
    "verify_claims",
]


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use, and keep it (PEP 562)."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
