"""What `corpus add FILE|URL…` turns each argument into: a `NewDocument` with its provenance.

- A `.md`, `.txt` or `.jsonl` file is taken as it is when it has front matter (or is jsonl: a newsroom's
  own citation stands); without front matter it gains one with its provenance (`source: file`, the
  original name, the day it was added and the body's sha256) and, when given, `--kind` and `--title`.
- An `.htm`/`.html` file (a filing saved from EDGAR) becomes text the way fetched filings do
  (`claimcheck.sources.filing_html`).
- A URL is fetched (User-Agent, rate limit, cache) and saved under `web/<host>/<name>` with `source: url`
  and its address, HTML turned into text.

Anything else (a PDF, a folder, a missing file) is a `CorpusError` naming it; nothing is written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

from claimcheck.embedding import Embedder
from claimcheck.errors import CorpusError
from claimcheck.models import DocKind
from claimcheck.settings import Settings
from claimcheck.sources.filing_html import filing_text
from claimcheck.sources.http import Fetcher
from claimcheck.sources.manage import CorpusChange, NewDocument, write_documents
from claimcheck.sources.provenance import Provenance, body_sha256, document_text

TEXT_SUFFIXES = (".md", ".txt")
HTML_SUFFIXES = (".htm", ".html")


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.") or "document"


def _dest(folder: str | None, name: str) -> str:
    return f"{folder.strip('/')}/{name}" if folder else name


def document_from_file(
    path: Path, *, folder: str | None, kind: DocKind | None, title: str | None, today: dt.date
) -> NewDocument:
    """The corpus document for a local file (module docstring)."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise CorpusError("no such file", path=path, hint="give a file, or a URL starting with https://")
    if suffix not in (*TEXT_SUFFIXES, ".jsonl", *HTML_SUFFIXES):
        raise CorpusError(
            f"cannot add a {suffix or 'suffix-less'} file",
            path=path,
            hint="add .md, .txt, .jsonl or .html files (convert a PDF to text first, e.g. with pdftotext)",
        )
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(
            f"not valid UTF-8 (offset {exc.start})", path=path, hint="save it as UTF-8"
        ) from None
    except OSError as exc:
        raise CorpusError(f"cannot read file: {exc.strerror or exc}", path=path) from None
    name = _slug(path.name)
    if suffix == ".jsonl" or (suffix in TEXT_SUFFIXES and text.lstrip("\ufeff").startswith("---")):
        return NewDocument(_dest(folder, name), text)
    if suffix in HTML_SUFFIXES:
        text = filing_text(text)
        name = _slug(path.stem) + ".txt"
    provenance = Provenance(
        title=title,
        kind=kind,
        source="file",
        retrieved=today,
        content_sha256=body_sha256(text),
        original_name=path.name,
    )
    return NewDocument(_dest(folder, name), document_text(provenance, text))


def document_from_url(
    fetcher: Fetcher, url: str, *, folder: str | None, kind: DocKind | None, title: str | None
) -> NewDocument:
    """The corpus document for a URL: fetched, HTML turned to text, cited by its address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise CorpusError("not an http(s) URL", path=url, hint="give https://… or a file path")
    fetched = fetcher.get(url, max_age_hours=None)
    raw = fetched.text()
    last = parts.path.rstrip("/").rsplit("/", 1)[-1] or "index"
    is_html = "html" in fetched.content_type.lower() or last.lower().endswith(HTML_SUFFIXES)
    stem = _slug(last.rsplit(".", 1)[0] if "." in last else last)
    if is_html:
        text, name = filing_text(raw), f"{stem}.txt"
    else:
        text = raw
        name = f"{stem}.md" if last.lower().endswith(".md") else f"{stem}.txt"
        if text.lstrip("\ufeff").startswith("---"):
            from claimcheck.sources.cards import strip_card_front_matter

            text = strip_card_front_matter(text)  # the file's front matter is claimcheck's
    if not text.strip():
        raise CorpusError("the page holds no text", path=url, hint="nothing was saved")
    provenance = Provenance(
        title=title,
        kind=kind,
        url=url,
        source="url",
        retrieved=fetched.fetched_at.date(),
        content_sha256=body_sha256(text),
    )
    dest_folder = folder if folder is not None else f"web/{_slug(parts.netloc)}"
    return NewDocument(_dest(dest_folder, name), document_text(provenance, text))


def add_sources(
    corpus_dir: Path,
    sources: Sequence[str],
    settings: Settings,
    *,
    folder: str | None = None,
    kind: DocKind | None = None,
    title: str | None = None,
    replace: bool = False,
    index_dir: Path | None = None,
    embedder: Embedder | None = None,
) -> CorpusChange:
    """Turn every source (a file path or an http(s) URL) into a document, then write them all and update
    the index (`write_documents`). Any failure before the write leaves the corpus as it was."""
    from claimcheck.sources.fetch import open_fetcher

    today = dt.datetime.now(dt.UTC).date()
    documents: list[NewDocument] = []
    fetcher: Fetcher | None = None
    try:
        for source in sources:
            if re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", source):
                if fetcher is None:
                    fetcher = open_fetcher(
                        settings, corpus_dir, what="corpus add URL", contact_required=False
                    )
                documents.append(document_from_url(fetcher, source, folder=folder, kind=kind, title=title))
            else:
                documents.append(
                    document_from_file(Path(source), folder=folder, kind=kind, title=title, today=today)
                )
    finally:
        if fetcher is not None:
            fetcher.close()
    seen: dict[str, str] = {}
    for source, document in zip(sources, documents, strict=True):
        if document.relative_path in seen:
            raise CorpusError(
                f"{seen[document.relative_path]!r} and {source!r} would both be {document.relative_path}",
                hint="add them with different names or --to folders",
            )
        seen[document.relative_path] = source
    return write_documents(
        corpus_dir, documents, settings, index_dir=index_dir, embedder=embedder, replace=replace
    )
