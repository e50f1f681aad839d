"""Where a fetched document came from, written as the front matter of its corpus file.

A fetched document is a `.txt` or `.md` file whose front matter carries both the citation keys the
corpus loader reads (`title`, `kind`, `company`, `period`, `date`, `url`) and the provenance keys it
ignores but `corpus show` prints: where the exact document was fetched from, when, and the sha256 of the
body as fetched, plus what the source says about itself (CIK, form, fiscal year, accession number,
filing date; repository, revision and commit for a model card). `supersedes` names the document an
amendment or a newer revision replaces (its doc_id), which is how stale verdicts are found.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import yaml
from pydantic import BaseModel, ConfigDict

from claimcheck.models import DocKind


class Provenance(BaseModel):
    """A fetched document's citation and provenance: its front matter, typed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # the citation (claimcheck.corpus.load reads these)
    # None leaves the key out, and the loader reads it from the content (a 10-K's cover, a card's title)
    title: str | None = None
    kind: DocKind | None = None
    company: str | None = None
    period: str | None = None  # "FY2023"
    date: dt.date | None = None  # the filing date, or a card's commit date
    url: str | None = None  # the exact document: a filing's primary document, a card at its commit
    # provenance
    source: str  # "sec-edgar", "huggingface", "github", "url", "file"
    retrieved: dt.date  # when it was fetched (UTC)
    content_sha256: str  # sha256 of the body as written below the front matter
    original_name: str | None = None  # the file name a document added from a file had
    cik: str | None = None  # ten digits
    form: str | None = None  # "10-K", "10-K/A"
    fiscal_year: int | None = None
    period_of_report: dt.date | None = None
    accession: str | None = None  # "0001326801-24-000012"
    filed: dt.date | None = None
    repo_id: str | None = None  # "meta-llama/Llama-3.1-8B"
    revision: str | None = None  # what was asked for ("main")
    commit: str | None = None  # what that resolved to
    supersedes: str | None = None  # the doc_id this document replaces (an amendment, a newer revision)

    def front_matter(self) -> str:
        """The YAML block, fences included, keys in declaration order, None values left out."""
        data = self.model_dump(mode="json", exclude_none=True)
        body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
        return f"---\n{body}---\n\n"


def body_sha256(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def document_text(provenance: Provenance, body: str) -> str:
    """The corpus file: the front matter, then the body as fetched (its own front matter removed)."""
    return provenance.front_matter() + body


PROVENANCE_KEYS = tuple(
    key for key in Provenance.model_fields if key not in ("title", "kind", "company", "period", "date", "url")
)
