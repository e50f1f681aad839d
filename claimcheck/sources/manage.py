"""Changing a corpus folder and keeping its index in step: write fetched or added documents, list them,
show one, remove some.

Every change holds the corpus's writer lock (`.NAME.lock` beside the corpus folder, `claimcheck.fsutil`)
from the first check to the index update, and is all or nothing:

1. every new document is read back by the corpus loader from a scratch copy first, so a document the
   loader would refuse (bad front matter, not UTF-8, too large) never enters the corpus;
2. the files are written atomically (a temporary file, then a rename);
3. the index (`index_dir`, when given) takes the new and changed documents (`add_to_index`, which
   replaces a changed document's passages) or drops the removed ones (`remove_from_index`); an index
   folder that does not exist yet is built from the whole corpus.

If step 3 fails, the files of step 2 are put back as they were, so the corpus and the index never
disagree. Without `index_dir` there is nothing to keep in step: `run` and `verify` index the corpus into
their cache (`OUT/.index`) by its content hash, so they see the change on their next run.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from claimcheck.corpus import load_corpus, load_file
from claimcheck.embedding import Embedder
from claimcheck.errors import CorpusError
from claimcheck.frontmatter import FenceStyle, FrontMatterError, read_front_matter
from claimcheck.fsutil import atomic_write_bytes, writer_lock
from claimcheck.index.manifest import MANIFEST_FILE
from claimcheck.models import Document
from claimcheck.settings import Settings
from claimcheck.sources.provenance import body_sha256


@dataclass(frozen=True)
class NewDocument:
    """A document about to be written: its path relative to the corpus folder and its whole text."""

    relative_path: str
    text: str


class CorpusChange(BaseModel):
    """What one corpus command changed (doc ids), and the index after it."""

    corpus_dir: str
    added: list[str] = []
    replaced: list[str] = []
    unchanged: list[str] = []
    removed: list[str] = []
    index_dir: str | None = None
    index_passages: int | None = None  # passages in the index after the change
    embedded: int = 0  # passages embedded for it

    @property
    def changed(self) -> list[str]:
        return [*self.added, *self.replaced]

    def summary(self) -> str:
        parts = [
            f"{len(self.added)} added",
            f"{len(self.replaced)} replaced",
            f"{len(self.unchanged)} unchanged",
        ]
        if self.removed:
            parts.append(f"{len(self.removed)} removed")
        text = f"{self.corpus_dir}: " + ", ".join(parts)
        if self.index_dir is not None:
            text += f"; the index {self.index_dir} holds {self.index_passages} passages"
            text += f" ({self.embedded} embedded now)"
        return text


def corpus_lock(corpus_dir: Path, settings: Settings) -> AbstractContextManager[None]:
    """The corpus folder's writer lock: `.NAME.lock` beside it."""
    return writer_lock(
        corpus_dir.parent / f".{corpus_dir.name}.lock",
        timeout=settings.lock_timeout,
        what=f"the corpus {corpus_dir}",
    )


def _safe_relative(corpus_dir: Path, relative_path: str) -> Path:
    rel = Path(relative_path)
    if rel.is_absolute() or ".." in rel.parts or not rel.parts or any(p.startswith(".") for p in rel.parts):
        raise CorpusError(
            f"{relative_path!r} is not a path inside the corpus",
            path=corpus_dir,
            hint="name a file below the corpus folder, without '..' or hidden parts",
        )
    return corpus_dir / rel


def check_documents(documents: Sequence[NewDocument], settings: Settings) -> None:
    """Read each document with the corpus loader from a scratch folder; the first it refuses is a
    `CorpusError` (naming the document's corpus path)."""
    with tempfile.TemporaryDirectory(prefix="claimcheck-check-") as scratch:
        root = Path(scratch)
        for document in documents:
            path = _safe_relative(root, document.relative_path)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(document.text, encoding="utf-8", newline="")
            try:
                load_file(path, root, settings.max_document_bytes)
            except CorpusError as exc:
                raise CorpusError(
                    exc.reason, path=document.relative_path, line=exc.line, hint=exc.hint
                ) from None


@contextmanager
def _restorable(paths: Sequence[Path]) -> Iterator[None]:
    """Put the files at `paths` back as they were (or delete the new ones) if the block fails."""
    before: dict[Path, bytes | None] = {p: (p.read_bytes() if p.is_file() else None) for p in paths}
    try:
        yield
    except BaseException:
        for path, content in before.items():
            if content is None:
                path.unlink(missing_ok=True)
            else:
                atomic_write_bytes(path, content)
        raise


def write_documents(
    corpus_dir: Path,
    documents: Sequence[NewDocument],
    settings: Settings,
    *,
    index_dir: Path | None = None,
    embedder: Embedder | None = None,
    replace: bool = True,
) -> CorpusChange:
    """Write `documents` into the corpus and update the index (module docstring). A document whose path
    holds different text is replaced when `replace`, else refused with a `CorpusError` and nothing is
    written."""
    check_documents(documents, settings)
    corpus_dir.mkdir(parents=True, exist_ok=True)
    change = CorpusChange(corpus_dir=str(corpus_dir))
    with corpus_lock(corpus_dir, settings):
        targets: list[tuple[Path, NewDocument]] = []
        for document in documents:
            path = _safe_relative(corpus_dir, document.relative_path)
            old = path.read_text(encoding="utf-8", errors="replace") if path.is_file() else None
            if old is None:
                change.added.append(document.relative_path)
            elif old == document.text:
                change.unchanged.append(document.relative_path)
                continue
            elif not replace:
                raise CorpusError(
                    "a different document is already at this path",
                    path=path,
                    hint="pass --replace to replace it (verdicts citing it then show in `review stale`)",
                )
            else:
                change.replaced.append(document.relative_path)
            targets.append((path, document))
        with _restorable([path for path, _ in targets]):
            for path, document in targets:
                atomic_write_bytes(path, document.text.encode("utf-8"))
            _sync_index(corpus_dir, change, settings, index_dir, embedder)
    return change


def remove_documents(
    corpus_dir: Path,
    doc_ids: Sequence[str],
    settings: Settings,
    *,
    index_dir: Path | None = None,
    embedder: Embedder | None = None,
) -> CorpusChange:
    """Delete the files of `doc_ids` and drop them from the index. An unknown id, or one that is a line
    of a .jsonl file (remove the line instead), is a `CorpusError` and nothing changes."""
    change = CorpusChange(corpus_dir=str(corpus_dir))
    with corpus_lock(corpus_dir, settings):
        docs = {doc.doc_id: doc for doc in load_corpus(corpus_dir, settings.max_document_bytes)}
        paths: list[Path] = []
        for doc_id in doc_ids:
            doc = docs.get(doc_id)
            if doc is None:
                raise CorpusError(
                    f"no document {doc_id!r} in the corpus",
                    path=corpus_dir,
                    hint="see `claimcheck corpus list`",
                )
            if doc.line is not None:
                raise CorpusError(
                    f"{doc_id!r} is line {doc.line} of {doc.path}, not a file of its own",
                    path=corpus_dir / doc.path,
                    hint="delete the line from that file, then run `claimcheck corpus add` on it",
                )
            paths.append(corpus_dir / doc.path)
            change.removed.append(doc_id)
        with _restorable(paths):
            for path in paths:
                path.unlink()
            _sync_index(corpus_dir, change, settings, index_dir, embedder)
    return change


def _sync_index(
    corpus_dir: Path,
    change: CorpusChange,
    settings: Settings,
    index_dir: Path | None,
    embedder: Embedder | None,
) -> None:
    """Bring the index in `index_dir` in step with the change (built whole when it does not exist)."""
    if index_dir is None:
        return
    from claimcheck.index import add_to_index, build_index, remove_from_index

    if embedder is None:
        from claimcheck.embedding import load_embedder

        embedder = load_embedder(settings)
    change.index_dir = str(index_dir)
    if not (index_dir / MANIFEST_FILE).is_file():
        docs = load_corpus(corpus_dir, settings.max_document_bytes)
        built, embedded = build_index(docs, embedder, settings, corpus_dir, index_dir)
        change.index_passages, change.embedded = len(built.passages), embedded
        return
    index = None
    if change.removed:
        from claimcheck.index import EvidenceIndex

        held = set(EvidenceIndex.load(index_dir, embedder, settings).manifest.doc_hashes)
        gone = [doc_id for doc_id in change.removed if doc_id in held]
        if gone:
            index, _ = remove_from_index(gone, embedder, settings, index_dir)
    if change.changed:
        fresh: list[Document] = []
        for rel in change.changed:
            fresh.extend(load_file(corpus_dir / rel, corpus_dir, settings.max_document_bytes))
        index, change.embedded = add_to_index(fresh, embedder, settings, index_dir)
    if index is None:
        from claimcheck.index import EvidenceIndex

        index = EvidenceIndex.load(index_dir, embedder, settings)
    change.index_passages = len(index.passages)


# --------------------------------------------------------------------------------------------------
# reading: list and show


class DocumentRow(BaseModel):
    """One document as `corpus list` shows it."""

    doc_id: str
    kind: str
    title: str
    company: str | None
    period: str | None
    date: str | None
    source: str | None  # provenance: sec-edgar, huggingface, github, url, file; None when not recorded
    retrieved: str | None
    url: str | None
    content_hash: str
    indexed: str | None = None  # with --index: "yes", "changed since" or "no"
    compiled_from: str | None = None  # a fact sheet: the source it was compiled from


def document_front_matter(corpus_dir: Path, doc: Document) -> dict[str, object]:
    """The front matter of a document's file (empty for jsonl records and files without one)."""
    if doc.line is not None:
        return {}
    try:
        front = read_front_matter(doc.raw.split("\n"), FenceStyle.EXACT)
    except FrontMatterError:
        return {}
    return dict(front.data) if front is not None else {}


def list_documents(
    corpus_dir: Path, settings: Settings, *, index_hashes: dict[str, str] | None = None
) -> list[DocumentRow]:
    """Every document of the corpus with its citation and provenance, in path order."""
    rows: list[DocumentRow] = []
    for doc in load_corpus(corpus_dir, settings.max_document_bytes):
        meta = document_front_matter(corpus_dir, doc)
        cite = doc.citation
        indexed = None
        if index_hashes is not None:
            held = index_hashes.get(doc.doc_id)
            indexed = "no" if held is None else ("yes" if held == doc.content_hash else "changed since")
        rows.append(
            DocumentRow(
                doc_id=doc.doc_id,
                kind=cite.kind.value,
                title=cite.title,
                company=cite.company,
                period=cite.period,
                date=cite.date.isoformat() if cite.date else None,
                source=str(meta["source"]) if "source" in meta else None,
                retrieved=str(meta["retrieved"]) if "retrieved" in meta else None,
                url=cite.url,
                content_hash=doc.content_hash,
                indexed=indexed,
                compiled_from=cite.compiled_from,
            )
        )
    return rows


def find_document(corpus_dir: Path, doc_id: str, settings: Settings) -> Document:
    for doc in load_corpus(corpus_dir, settings.max_document_bytes):
        if doc.doc_id == doc_id:
            return doc
    raise CorpusError(
        f"no document {doc_id!r} in the corpus", path=corpus_dir, hint="see `claimcheck corpus list`"
    )


def show_document(corpus_dir: Path, doc_id: str, settings: Settings) -> str:
    """A document's citation, provenance and size, one `key: value` line each, then its first lines."""
    doc = find_document(corpus_dir, doc_id, settings)
    cite = doc.citation
    lines = [f"doc_id: {doc.doc_id}", f"file: {corpus_dir / doc.path}"]
    if doc.line is not None:
        lines.append(f"line: {doc.line}")
    for key, value in cite.model_dump(mode="json", exclude_none=True).items():
        lines.append(f"{key}: {value}")
    meta = document_front_matter(corpus_dir, doc)
    shown = {"title", "kind", "company", "period", "date", "url", "section", "page"}
    body = doc.raw[doc.body_start : doc.body_end]
    for key, value in meta.items():
        if key in shown:
            continue
        if key == "content_sha256":
            # the fetched text follows the front matter after one blank line (`provenance.document_text`)
            same = body_sha256(body.removeprefix("\n")) == str(value)
            verdict = (
                "matches the text" if same else "does not match: the text was edited after it was fetched"
            )
            value = f"{value} ({verdict})"
        lines.append(f"{key}: {value}")
    lines.append(f"content_hash: {doc.content_hash}")
    lines.append(f"size: {len(body):,} characters, {body.count(chr(12)) + 1 if body else 0} pages")
    preview = [line for line in body.splitlines() if line.strip()][:5]
    if preview:
        lines.append("")
        lines.extend(line[:160] for line in preview)
    return "\n".join(lines)
