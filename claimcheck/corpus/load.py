"""Read a corpus folder into `Document`s, each with its citation and content hash.

`load_corpus(root)` reads every `.md`, `.txt` and `.jsonl` file under `root`, and the `.json` breakdowns
claimcheck published; `corpus_hash` fingerprints the result for an index manifest.

Files and what they hold
------------------------
The walk is recursive and sorted by relative path, so the order is the same on every machine. Hidden
files and folders (a name starting with ".") are skipped, and so are provenance and licence files:
any file named `SOURCE.txt` or whose name starts with `LICENSE` (any case). Everything else with a
known suffix is a document, README files included.

`.md` / `.txt`: one document per file; `doc_id` is the path relative to the corpus root (posix
separators). Optional YAML front matter between two `---` lines sets the citation::

    ---
    title: Meta Platforms 10-K FY2023 (excerpts)
    kind: 10-K            # 10-K | 10-Q | 8-K | model-card | fact-sheet | breakdown | other
    company: Meta Platforms, Inc.
    period: FY2023
    date: 2024-02-02
    url: https://www.sec.gov/...
    section: Item 7       # optional; headings inside the body are appended to it
    page: 12              # optional 0-based page index
    compiled_from: "Meta Platforms' FY2023 Form 10-K"   # a fact sheet: the source it restates
    compiled_kind: 10-K   # a fact sheet: that source's kind (10-K | 10-Q | 8-K | model-card)
    ---

Without front matter the title is the first `# heading`, else the file stem. Other keys are ignored,
so a corpus may carry its own bookkeeping. `Document.raw` is the whole file decoded as UTF-8 with line
endings untouched, so passage offsets are offsets into the file's text.

A file without a `kind` whose start reads like a Form 10-K cover ("FORM 10-K", "annual report pursuant
to section 13" or "for the fiscal year ended") is a 10-K: its company, period ("FY2022") and title come
from the cover (`sniff_10k`) unless front matter says otherwise. So is a fact sheet whose first heading
names a company and its Form 10-K ("Meta Platforms, Inc. — figures reported in its annual reports on Form
10-K", `sniff_10k_summary`). A file without a `kind` that is named or reads like a model card (Meta's
`MODEL_CARD.md`, `eval_details.md`) is a model card titled after its family ("Llama 3.1 model card"),
with the developer as company and the release date and month (`claimcheck.corpus.cards`).

A 10-K's passages cite the Item they fall in (found by `find_items`, never the table of contents), the
0-based page (form feeds) and the page number printed on it (`printed_page_labels`); a unit statement
("(in millions, except per share data)") is repeated as "(in millions)" in the embedded text of the
figures it governs (`unit_statement`), and its year-column tables become one passage per row
(`claimcheck.corpus.columns`).

`.jsonl`: one document per non-blank line, an object with `id`, `text` and optionally `title` plus the
keys above. `doc_id` is the `id`, `Document.line` the line number, and spans index into `text`.

`.json`: a breakdown published by claimcheck (`OUT/site/<slug>.json`, a `Breakdown`) becomes one
document of kind breakdown with one passage per verdict (claim, label, rationale); other JSON files are
skipped. Breakdowns are searchable ("previously checked") but never primary evidence.

`Document.content_hash` changes whenever anything the file says about a document changes: for .md/.txt
it is the sha256 of the whole file text (front matter included); for a jsonl record, of the record in
canonical JSON (sorted keys), so a metadata-only edit also counts as new content.

Every problem with the input raises `CorpusError` naming the file, the line and what to do.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from claimcheck.corpus.breakdowns import load_breakdown
from claimcheck.corpus.cards import fill_from_cards, sniff_model_card
from claimcheck.corpus.filings import COVER_CHARS, sniff_10k, sniff_10k_summary
from claimcheck.corpus.text import parse_json, sha256_text, strip_inline
from claimcheck.errors import ClaimcheckWarning, CorpusError
from claimcheck.frontmatter import (
    FenceStyle,
    FrontMatterError,
    FrontMatterFault,
    iso_date,
    read_front_matter,
)
from claimcheck.models import Citation, DocKind, Document
from claimcheck.settings import Settings

CORPUS_SUFFIXES = (".md", ".txt", ".jsonl", ".json")
SKIPPED_NAMES = frozenset({"source.txt"})  # compared case-insensitively
SKIPPED_PREFIXES = ("license",)  # LICENSE, LICENSE.md, license.txt ...

_KIND_HINT = "use one of: " + ", ".join(kind.value for kind in DocKind)
_TEXT_FIELDS = ("title", "company", "period", "section", "url", "compiled_from")
# The kinds a fact sheet's `compiled_kind` may name: primary sources.
PRIMARY_KINDS = (DocKind.TEN_K, DocKind.TEN_Q, DocKind.EIGHT_K, DocKind.MODEL_CARD)


# --------------------------------------------------------------------------------------------------
# files


# The `max_document_bytes` setting's default, for the loads that take no settings.
MAX_DOCUMENT_BYTES: int = Settings.model_fields["max_document_bytes"].default


def load_corpus(root: Path, max_bytes: int = MAX_DOCUMENT_BYTES) -> list[Document]:
    """Read every corpus file under `root` (see the module docstring) into documents, in path order.

    Raises `CorpusError` for a missing folder, a folder without corpus files, unreadable or non-UTF-8
    files, bad front matter, bad jsonl lines, unknown `kind` values and duplicate document ids.
    """
    if not root.exists():
        raise CorpusError(
            "corpus folder not found", path=root, hint="pass a folder of .md, .txt or .jsonl files"
        )
    if not root.is_dir():
        raise CorpusError("corpus path is not a folder", path=root, hint="pass the folder that holds it")
    files = corpus_files(root)
    if not files:
        raise CorpusError(
            "no .md, .txt or .jsonl files in the corpus folder",
            path=root,
            hint="add documents, or point at another folder",
        )
    docs: list[Document] = []
    first_seen: dict[str, str] = {}
    for path in files:
        for doc in load_file(path, root, max_bytes):
            where = f"{doc.path}:{doc.line}" if doc.line is not None else doc.path
            if doc.doc_id in first_seen:
                raise CorpusError(
                    f"duplicate document id {doc.doc_id!r} (first defined at {first_seen[doc.doc_id]})",
                    path=path,
                    line=doc.line,
                    hint="document ids must be unique across the corpus",
                )
            first_seen[doc.doc_id] = where
            docs.append(doc)
    return fill_from_cards(docs)


def corpus_files(root: Path) -> list[Path]:
    """The document files under `root`, sorted by relative posix path, skips applied.

    A symbolic link is followed only when it ends inside `root`: one that leads out of the corpus (to a
    file or a folder) or to nothing is skipped with a `ClaimcheckWarning`, so that no file from outside
    the corpus is indexed, cited or published. Linked folders are never walked (a link inside the corpus
    points at files the walk already reaches).
    """
    found: list[tuple[str, Path]] = []
    real_root = root.resolve()
    for path in root.rglob("*"):
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts):
            continue
        name = path.name.lower()
        if name in SKIPPED_NAMES or name.startswith(SKIPPED_PREFIXES):
            continue
        if path.is_symlink() and not _link_stays_inside(path, rel, real_root):
            continue
        if path.suffix.lower() not in CORPUS_SUFFIXES or not path.is_file():
            continue
        found.append((rel.as_posix(), path))
    return [path for _, path in sorted(found)]


def _link_stays_inside(path: Path, rel: Path, real_root: Path) -> bool:
    """True when the link at `path` resolves to something inside the corpus; else warn and say False."""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):  # missing target, or a loop of links
        _skip_warning(rel, "is a dangling symbolic link")
        return False
    if not target.is_relative_to(real_root):
        _skip_warning(rel, f"is a symbolic link to {target}, outside the corpus folder")
        return False
    return True


def _skip_warning(rel: Path, reason: str) -> None:
    warnings.warn(
        f"{rel.as_posix()} {reason}; skipped (copy the file into the corpus to index it)",
        ClaimcheckWarning,
        stacklevel=4,
    )


def load_file(path: Path, root: Path, max_bytes: int = MAX_DOCUMENT_BYTES) -> list[Document]:
    """The documents in one corpus file (one for .md/.txt, one per line for .jsonl); a file over
    `max_bytes` is refused unread."""
    rel = path.relative_to(root).as_posix()
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # unreadable: reading it says why
    if size > max_bytes:
        raise CorpusError(
            f"file is {size:,} bytes, over the limit of {max_bytes:,} (`max_document_bytes`)",
            path=path,
            hint="split the document, or raise max_document_bytes in the config file",
        )
    raw = _read_utf8(path)
    if path.suffix.lower() == ".jsonl":
        return _load_jsonl(raw, path, rel)
    if path.suffix.lower() == ".json":
        breakdown = load_breakdown(raw, path, rel)
        return [breakdown] if breakdown is not None else []
    return [_load_text_document(raw, path, rel)]


def _read_utf8(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CorpusError(
            f"cannot read file: {exc.strerror or exc}", path=path, hint="check the file's permissions"
        ) from None
    try:
        # Decoding bytes keeps "\r\n" as is (no newline translation), so offsets match the file.
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CorpusError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            path=path,
            line=line,
            hint="save the file as UTF-8",
        ) from None


_H1 = re.compile(r"^ {0,3}#[ \t]+(.+?)[ \t]*#*[ \t]*\r?$", re.MULTILINE)


def _load_text_document(raw: str, path: Path, rel: str) -> Document:
    front = _read_front_matter(raw, path)
    meta = front.meta
    body_start = front.body_start
    heading = _H1.search(raw, body_start)
    default_title = strip_inline(heading.group(1)) if heading else Path(rel).stem
    if "kind" not in meta:
        # What the content says fills the gaps (a 10-K's cover page, a fact sheet's heading, a model
        # card's developer and release date); front matter keys still win.
        opening = raw[body_start : body_start + COVER_CHARS]
        filing = sniff_10k(opening, Path(rel).stem) or sniff_10k_summary(default_title if heading else "")
        card = None if filing is not None else sniff_model_card(opening, rel)
        if filing is not None:
            meta = {**filing.citation_fields(), **meta}
        elif card is not None:
            meta = {**card.citation_fields(), **meta}
    citation = _citation(meta, default_title, path, lambda key: front.key_lines.get(key, 1))
    return Document(
        doc_id=rel,
        path=rel,
        citation=citation,
        content_hash=sha256_text(raw),
        body_start=body_start,
        body_end=len(raw),
        raw=raw,
    )


# --------------------------------------------------------------------------------------------------
# front matter: the YAML between two '---' lines at the top of a .md/.txt file


@dataclass(frozen=True)
class _FrontMatter:
    """What the front matter of a .md/.txt file says, and where the body after it starts."""

    meta: dict[str, object]  # the keys as YAML parsed them; empty without front matter
    key_lines: dict[str, int]  # the file line of each key, for errors
    body_start: int  # offset after the closing '---' line (after a byte order mark without front matter)


def _read_front_matter(raw: str, path: Path) -> _FrontMatter:
    start = 1 if raw.startswith("\ufeff") else 0
    lines = raw[start:].split("\n")
    try:
        front = read_front_matter(lines, FenceStyle.EXACT)
    except FrontMatterError as exc:
        raise _corpus_error(exc, path) from None
    if front is None:
        return _FrontMatter(meta={}, key_lines={}, body_start=start)
    body_start = min(len(raw), start + sum(len(line) + 1 for line in lines[: front.close_line + 1]))
    return _FrontMatter(meta=front.data, key_lines=front.key_lines(), body_start=body_start)


def _corpus_error(exc: FrontMatterError, path: Path) -> CorpusError:
    if exc.fault is FrontMatterFault.TOO_LONG:
        return CorpusError(
            f"front matter opened with '---' runs past {exc.problem} characters without a closing '---'",
            path=path,
            line=exc.line,
            hint="end the front matter with a line holding only '---', or shorten it",
        )
    if exc.fault is FrontMatterFault.UNCLOSED:
        return CorpusError(
            "front matter opened with '---' is never closed",
            path=path,
            line=exc.line,
            hint="end the front matter with a line holding only '---'",
        )
    if exc.fault is FrontMatterFault.INVALID_YAML:
        return CorpusError(
            f"invalid YAML front matter: {exc.problem or exc.yaml_message}",
            path=path,
            line=exc.line,
            hint="front matter is 'key: value' lines between two '---' lines",
        )
    return CorpusError(
        "front matter is not a set of 'key: value' pairs",
        path=path,
        line=exc.line,
        hint="write e.g. 'title: ...' and 'kind: 10-K' on their own lines",
    )


# --------------------------------------------------------------------------------------------------
# jsonl records and citations


def _load_jsonl(raw: str, path: Path, rel: str) -> list[Document]:
    docs: list[Document] = []
    seen: set[str] = set()
    for number, line in enumerate(raw.split("\n"), start=1):
        if not line.strip():
            continue
        record = parse_json(line, path, "each line must be one JSON object with 'id' and 'text'", line=number)
        if not isinstance(record, dict):
            raise CorpusError(
                "line is not a JSON object", path=path, line=number, hint='write {"id": ..., "text": ...}'
            )
        doc_id = record.get("id")
        if isinstance(doc_id, bool) or not isinstance(doc_id, str | int) or str(doc_id).strip() == "":
            raise CorpusError(
                "missing or empty 'id'", path=path, line=number, hint="give each line a unique string 'id'"
            )
        doc_id = str(doc_id)
        text = record.get("text")
        if not isinstance(text, str):
            raise CorpusError(
                "missing 'text' (or it is not a string)",
                path=path,
                line=number,
                hint="give each line the document's text as a string 'text'",
            )
        if doc_id in seen:
            raise CorpusError(
                f"duplicate id {doc_id!r} in this file",
                path=path,
                line=number,
                hint="ids must be unique across the corpus",
            )
        seen.add(doc_id)
        meta = {str(key): value for key, value in record.items() if key not in ("id", "text")}
        docs.append(
            Document(
                doc_id=doc_id,
                path=rel,
                citation=_citation(meta, doc_id, path, _same_line(number)),
                content_hash=sha256_text(json.dumps(record, sort_keys=True, ensure_ascii=False)),
                body_start=0,
                body_end=len(text),
                line=number,
                raw=text,
            )
        )
    return docs


def _same_line(number: int) -> Callable[[str], int]:
    """Every key of a jsonl record is on the record's line."""

    def line_of(_key: str) -> int:
        return number

    return line_of


def _citation(
    meta: Mapping[str, object], default_title: str, path: Path, line_of: Callable[[str], int]
) -> Citation:
    """Build the document citation from front matter / jsonl keys, with precise errors."""

    def fail(key: str, reason: str, hint: str) -> CorpusError:
        return CorpusError(reason, path=path, line=line_of(key), hint=hint)

    values: dict[str, object] = {}
    for key in _TEXT_FIELDS:
        value = meta.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, str | int | float | dt.date):
            raise fail(key, f"'{key}' must be text, not {type(value).__name__}", f"write '{key}: some text'")
        if str(value).strip():
            values[key] = str(value).strip()
    values.setdefault("title", default_title)

    kind = meta.get("kind")
    if kind is not None:
        values["kind"] = _parse_kind(kind, fail)
    compiled_kind = meta.get("compiled_kind")
    if compiled_kind is not None:
        parsed = _parse_kind(compiled_kind, fail, key="compiled_kind")
        if values.get("kind") is not DocKind.FACT_SHEET:
            raise fail(
                "compiled_kind",
                "'compiled_kind' is only for a fact sheet",
                "write 'kind: fact-sheet', or drop 'compiled_kind'",
            )
        if parsed not in PRIMARY_KINDS:
            raise fail(
                "compiled_kind",
                f"a fact sheet restates a primary source, not a {parsed.value!r}",
                "use one of: " + ", ".join(k.value for k in PRIMARY_KINDS),
            )
        values["compiled_kind"] = parsed

    date = meta.get("date")
    if date is not None:
        values["date"] = _parse_date(date, fail)
    year_end = meta.get("year_end")
    if year_end is not None:
        values["year_end"] = _parse_date(year_end, fail, key="year_end")

    page = meta.get("page")
    if page is not None:
        if isinstance(page, bool) or not isinstance(page, int) or page < 0:
            raise fail("page", f"'page' must be a 0-based page number, not {page!r}", "write 'page: 12'")
        values["page"] = page

    try:
        return Citation.model_validate(values)
    except ValidationError as exc:  # defensive: every field was checked above
        first = exc.errors()[0]
        key = str(first["loc"][0]) if first["loc"] else "title"
        raise fail(
            key, f"bad '{key}': {first['msg']}", "see claimcheck/corpus/load.py for the keys"
        ) from None


def _parse_kind(value: object, fail: Callable[[str, str, str], CorpusError], *, key: str = "kind") -> DocKind:
    text = str(value).strip().lower()
    for kind in DocKind:
        if kind.value.lower() == text:
            return kind
    raise fail(key, f"unknown kind {value!r}", _KIND_HINT)


def _parse_date(value: object, fail: Callable[[str, str, str], CorpusError], key: str = "date") -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        # YAML leaves dates as strings (claimcheck.frontmatter); an impossible one says why.
        try:
            date = iso_date(value)
        except ValueError as exc:
            reason = f"'{key}' is not a date: {value!r} ({exc})"
            raise fail(key, reason, f"write '{key}: 2024-02-02'") from None
        if date is not None:
            return date
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise fail(key, f"'{key}' is not a date: {value!r}", f"write '{key}: 2024-02-02'")


# --------------------------------------------------------------------------------------------------
# hashes


def corpus_hash(docs: Sequence[Document]) -> str:
    """A fingerprint of the corpus: sha256 over the sorted (doc_id, content_hash) pairs."""
    return hash_doc_hashes({doc.doc_id: doc.content_hash for doc in docs})


def hash_doc_hashes(doc_hashes: Mapping[str, str]) -> str:
    """`corpus_hash` from a {doc_id: content_hash} map (what an index manifest stores)."""
    digest = hashlib.sha256()
    for doc_id, content in sorted(doc_hashes.items()):
        digest.update(f"{doc_id}\x00{content}\n".encode())
    return digest.hexdigest()
