"""Shared fixtures. Tests that need ../shared skip cleanly when it is absent."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from claimcheck.embedding import HashingEmbedder
from claimcheck.offline import enable_offline
from claimcheck.settings import Settings
from tests.factories import FIXTURES, SETTINGS, SHARED, Holder
from tests.sources_fixtures import SourceServer

if TYPE_CHECKING:
    from spacy.language import Language

# Before any test loads a model; the imports above load none (spaCy is imported by the `nlp` fixture).
enable_offline()


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def corpus_basic() -> Path:
    """A small corpus: a Meta 10-K excerpt in markdown, model cards in jsonl, plain notes."""
    return FIXTURES / "corpus_basic"


@pytest.fixture
def transcripts_dir() -> Path:
    """One transcript per format, with the encodings and quirks the readers must handle."""
    return FIXTURES / "transcripts"


@pytest.fixture
def settings() -> Settings:
    return SETTINGS


@pytest.fixture
def embedder() -> HashingEmbedder:
    """The deterministic hashing fake, for plumbing tests."""
    return HashingEmbedder()


@pytest.fixture(scope="session")
def nlp() -> Iterator[Language]:
    """The spaCy pipeline, loaded once for the whole run."""
    from claimcheck.claims import load_nlp

    yield load_nlp()


@pytest.fixture
def holder() -> Iterator[Holder]:
    """Start child processes that hold writer locks; they are killed at the end of the test."""
    held = Holder()
    try:
        yield held
    finally:
        held.release_all()


@pytest.fixture
def server() -> Iterator[SourceServer]:
    """A local HTTP server answering like SEC EDGAR and the Hugging Face Hub (tests/sources_fixtures.py)."""
    running = SourceServer()
    try:
        yield running
    finally:
        running.close()
