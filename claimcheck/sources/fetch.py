"""The fetch commands as library calls: download, check, write into the corpus, update the index.

`fetch_sec` and `fetch_model_card` fetch everything first (through one `Fetcher`), so a failure on the
third filing leaves the corpus as it was; then `write_documents` writes them and updates the index under
the corpus's lock. Each returns a `FetchReport`: what was fetched (with provenance) and what changed.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from claimcheck.embedding import Embedder
from claimcheck.settings import Settings
from claimcheck.sources.cards import fetch_card
from claimcheck.sources.edgar import fetch_filings, parse_years
from claimcheck.sources.http import Fetcher, cache_dir_for, require_contact
from claimcheck.sources.manage import CorpusChange, NewDocument, write_documents
from claimcheck.sources.provenance import Provenance, document_text


class FetchReport(BaseModel):
    fetched: list[tuple[str, Provenance]]  # (doc_id, provenance), in the order fetched
    change: CorpusChange
    requests: int  # requests that went to the network (the rest came from the cache)


def open_fetcher(settings: Settings, corpus_dir: Path, *, what: str, contact_required: bool) -> Fetcher:
    """A `Fetcher` with the configured User-Agent (which must name a contact when `contact_required`)
    and the corpus's HTTP cache."""
    if contact_required:
        agent = require_contact(settings.fetch_user_agent, what=what)
    else:
        agent = (settings.fetch_user_agent or "").strip() or "claimcheck (corpus fetch)"
    return Fetcher(settings, cache_dir_for(settings, corpus_dir), user_agent=agent)


def fetch_sec(
    corpus_dir: Path,
    ticker_or_cik: str,
    form: str,
    years: str | None,
    settings: Settings,
    *,
    index_dir: Path | None = None,
    embedder: Embedder | None = None,
) -> FetchReport:
    """Fetch a company's filings of `form` within `years` ("2022-2025") into `corpus_dir`."""
    span = parse_years(years)
    with open_fetcher(settings, corpus_dir, what="corpus fetch sec", contact_required=True) as fetcher:
        filings = fetch_filings(fetcher, settings, ticker_or_cik, form, span)
        requests = fetcher.requests_sent
    documents = [NewDocument(f.relative_path, document_text(f.provenance, f.text)) for f in filings]
    change = write_documents(corpus_dir, documents, settings, index_dir=index_dir, embedder=embedder)
    fetched = [(f.relative_path, f.provenance) for f in filings]
    return FetchReport(fetched=fetched, change=change, requests=requests)


def fetch_model_card(
    corpus_dir: Path,
    repo_or_link: str,
    revision: str,
    settings: Settings,
    *,
    index_dir: Path | None = None,
    embedder: Embedder | None = None,
) -> FetchReport:
    """Fetch a Hugging Face card (or a GitHub card file) into `corpus_dir`; a newer revision of a card
    already there replaces it (and the verdicts citing the old one show in `review stale`)."""
    with open_fetcher(
        settings, corpus_dir, what="corpus fetch model-card", contact_required=False
    ) as fetcher:
        card = fetch_card(fetcher, settings, repo_or_link, revision)
        requests = fetcher.requests_sent
    document = NewDocument(card.relative_path, document_text(card.provenance, card.text))
    change = write_documents(corpus_dir, [document], settings, index_dir=index_dir, embedder=embedder)
    return FetchReport(fetched=[(card.relative_path, card.provenance)], change=change, requests=requests)
