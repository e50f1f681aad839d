"""Load a corpus folder into `Document`s and cut them into `Passage`s with citations.

Two plain functions, both pure apart from reading the files:

- `load_corpus(root)` reads every `.md`, `.txt` and `.jsonl` file under `root`.
- `chunk_documents(docs, settings)` cuts each document into passages that respect its structure
  (headings, paragraphs, page breaks, table rows) and carry the document's citation with the section.

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
    kind: 10-K            # 10-K | model-card | breakdown | other
    company: Meta Platforms, Inc.
    period: FY2023
    date: 2024-02-02
    url: https://www.sec.gov/...
    section: Item 7       # optional; headings inside the body are appended to it
    page: 12              # optional 0-based page index
    ---

Without front matter the title is the first `# heading`, else the file stem. Other keys are ignored,
so a corpus may carry its own bookkeeping. `Document.raw` is the whole file decoded as UTF-8 with line
endings untouched, so passage offsets are offsets into the file's text.

`.jsonl`: one document per non-blank line, an object with `id`, `text` and optionally `title` plus the
keys above. `doc_id` is the `id`, `Document.line` the line number, and spans index into `text`.

`Document.content_hash` changes whenever anything the file says about a document changes: for .md/.txt
it is the sha256 of the whole file text (front matter included); for a jsonl record, of the record in
canonical JSON (sorted keys), so a metadata-only edit also counts as new content.

Every problem with the input raises `CorpusError` naming the file, the line and what to do.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from claimcheck.errors import CorpusError
from claimcheck.models import Citation, DocKind, Document, Passage
from claimcheck.settings import Settings

CORPUS_SUFFIXES = (".md", ".txt", ".jsonl")
SKIPPED_NAMES = frozenset({"source.txt"})  # compared case-insensitively
SKIPPED_PREFIXES = ("license",)  # LICENSE, LICENSE.md, license.txt ...

# Bump when chunking changes in a way that changes passages: cached indexes built before are rebuilt.
CHUNKER_VERSION = 2

_KIND_HINT = "use one of: " + ", ".join(kind.value for kind in DocKind)
_TEXT_FIELDS = ("title", "company", "period", "section", "url")

CountTokens = Callable[[str], int]


# --------------------------------------------------------------------------------------------------
# loading


def load_corpus(root: Path) -> list[Document]:
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
        for doc in load_file(path, root):
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
    return docs


def corpus_files(root: Path) -> list[Path]:
    """The document files under `root`, sorted by relative posix path, skips applied."""
    found: list[tuple[str, Path]] = []
    for path in root.rglob("*"):
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts):
            continue
        name = path.name.lower()
        if name in SKIPPED_NAMES or name.startswith(SKIPPED_PREFIXES):
            continue
        if path.suffix.lower() not in CORPUS_SUFFIXES or not path.is_file():
            continue
        found.append((rel.as_posix(), path))
    return [path for _, path in sorted(found)]


def load_file(path: Path, root: Path) -> list[Document]:
    """The documents in one corpus file (one for .md/.txt, one per line for .jsonl)."""
    rel = path.relative_to(root).as_posix()
    raw = _read_utf8(path)
    if path.suffix.lower() == ".jsonl":
        return _load_jsonl(raw, path, rel)
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


_FRONT_OPEN = re.compile(r"---[ \t]*\r?\n")
_FRONT_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.MULTILINE)
_H1 = re.compile(r"^ {0,3}#[ \t]+(.+?)[ \t]*#*[ \t]*\r?$", re.MULTILINE)


def _load_text_document(raw: str, path: Path, rel: str) -> Document:
    start = 1 if raw.startswith("\ufeff") else 0
    meta: dict[str, object] = {}
    body_start = start
    key_lines: dict[str, int] = {}
    opening = _FRONT_OPEN.match(raw, start)
    if opening is not None:
        closing = _FRONT_CLOSE.search(raw, opening.end())
        if closing is None:
            raise CorpusError(
                "front matter opened with '---' is never closed",
                path=path,
                line=1,
                hint="end the front matter with a line holding only '---'",
            )
        front = raw[opening.end() : closing.start()]
        meta = _parse_front_matter(front, path)
        key_lines = _front_matter_key_lines(front)
        body_start = closing.end()
    heading = _H1.search(raw, body_start)
    default_title = _strip_inline(heading.group(1)) if heading else Path(rel).stem
    citation = _citation(meta, default_title, path, lambda key: key_lines.get(key, 1))
    return Document(
        doc_id=rel,
        path=rel,
        citation=citation,
        content_hash=_sha256(raw),
        body_start=body_start,
        body_end=len(raw),
        raw=raw,
    )


def _parse_front_matter(front: str, path: Path) -> dict[str, object]:
    try:
        data = yaml.safe_load(front)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        if mark is not None and mark.line >= len(front.splitlines()):
            # "expected ']' but got end of stream": the construct that is left open is the better pointer.
            mark = getattr(exc, "context_mark", None) or mark
        problem = getattr(exc, "problem", None) or str(exc)
        # Line 1 is the opening '---'; YAML marks are 0-based within the front matter.
        line = mark.line + 2 if mark is not None else 1
        raise CorpusError(
            f"invalid YAML front matter: {problem}",
            path=path,
            line=line,
            hint="front matter is 'key: value' lines between two '---' lines",
        ) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise CorpusError(
            "front matter is not a set of 'key: value' pairs",
            path=path,
            line=2,
            hint="write e.g. 'title: ...' and 'kind: 10-K' on their own lines",
        )
    return {str(key): value for key, value in data.items()}


def _front_matter_key_lines(front: str) -> dict[str, int]:
    lines: dict[str, int] = {}
    for number, text in enumerate(front.splitlines(), start=2):
        match = re.match(r"([A-Za-z_][\w-]*)\s*:", text)
        if match and match.group(1) not in lines:
            lines[match.group(1)] = number
    return lines


def _load_jsonl(raw: str, path: Path, rel: str) -> list[Document]:
    docs: list[Document] = []
    seen: set[str] = set()
    for number, line in enumerate(raw.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CorpusError(
                f"not valid JSON: {exc.msg} (column {exc.colno})",
                path=path,
                line=number,
                hint="each line must be one JSON object with 'id' and 'text'",
            ) from None
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
                content_hash=_sha256(json.dumps(record, sort_keys=True, ensure_ascii=False)),
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

    date = meta.get("date")
    if date is not None:
        values["date"] = _parse_date(date, fail)

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
        raise fail(key, f"bad '{key}': {first['msg']}", "see claimcheck/corpus.py for the keys") from None


def _parse_kind(value: object, fail: Callable[[str, str, str], CorpusError]) -> DocKind:
    text = str(value).strip().lower()
    for kind in DocKind:
        if kind.value.lower() == text:
            return kind
    raise fail("kind", f"unknown kind {value!r}", _KIND_HINT)


def _parse_date(value: object, fail: Callable[[str, str, str], CorpusError]) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise fail("date", f"'date' is not a date: {value!r}", "write 'date: 2024-02-02'")


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def corpus_hash(docs: Sequence[Document]) -> str:
    """A fingerprint of the corpus: sha256 over the sorted (doc_id, content_hash) pairs."""
    return hash_doc_hashes({doc.doc_id: doc.content_hash for doc in docs})


def hash_doc_hashes(doc_hashes: Mapping[str, str]) -> str:
    """`corpus_hash` from a {doc_id: content_hash} map (what an index manifest stores)."""
    digest = hashlib.sha256()
    for doc_id, content in sorted(doc_hashes.items()):
        digest.update(f"{doc_id}\x00{content}\n".encode())
    return digest.hexdigest()


# --------------------------------------------------------------------------------------------------
# chunking

_WORDISH = re.compile(r"\w+|[^\w\s]")


def estimate_tokens(text: str) -> int:
    """A cheap stand-in for a word-piece count: words and punctuation marks.

    On 10-K text this lands within ~10% of MiniLM's word-piece count (numbers and rare words split into
    more pieces, which the punctuation inside numbers roughly makes up for).
    """
    return len(_WORDISH.findall(text))


@dataclass(frozen=True)
class _Line:
    start: int  # offset of the first character
    end: int  # offset after the last character, line ending excluded
    page_break: bool  # the line was ended by a form feed (pdftotext's page separator)

    def text(self, raw: str) -> str:
        return raw[self.start : self.end]


@dataclass(frozen=True)
class _Unit:
    """A piece of a document on its way to becoming a passage."""

    start: int
    end: int
    section: tuple[str, ...]
    page: int | None
    text: str  # content for embedding, without the title/section prefix
    tokens: int
    mergeable: bool  # paragraphs merge with neighbours; table rows never do


_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*#*[ \t]*$")
# 10-K headings in plain text (pdftotext output): "PART II", "Item 7. Management's Discussion ...".
_FILING_PART = re.compile(r"\s*(?:PART|Part)\s+[IVX]+\b")
_FILING_ITEM = re.compile(r"\s*(?:Item|ITEM)\s+\d{1,2}[A-C]?\.")
# Longer lines are prose that happens to start with "Item 7." / "Part II". The longest standard item
# title ("Item 5. Market for Registrant's Common Equity, ...") is about 140 characters in the FinanceBench
# 10-Ks; "PART II" lines there are at most ~40 characters.
_FILING_ITEM_MAX_CHARS = 150
_FILING_PART_MAX_CHARS = 60
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_TABLE_DELIM = re.compile(r"\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_HTML_TABLE_OPEN = re.compile(r"\s*<table\b", re.IGNORECASE)
_HTML_TABLE_CLOSE = re.compile(r"</table\s*>", re.IGNORECASE)
_HTML_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr\s*>", re.IGNORECASE | re.DOTALL)
_HTML_CELL = re.compile(r"<(t[dh])\b([^>]*)>(.*?)</t[dh]\s*>", re.IGNORECASE | re.DOTALL)
_HTML_ROWSPAN = re.compile(r"rowspan\s*=\s*[\"']?(\d+)", re.IGNORECASE)
_HTML_TAG = re.compile(r"<[^>]+>")
_SENTENCE_GAP = re.compile(r"(?<=[.!?])[\"'”’)\]]*(\s+)")
_LINE_GAP = re.compile(r"[ \t]*\r?\n\s*")
_WORD = re.compile(r"\S+")


def chunk_documents(
    docs: Sequence[Document], settings: Settings, count_tokens: CountTokens | None = None
) -> list[Passage]:
    """Cut documents into passages, in document order, numbered `<doc_id>#<n>` from 0.

    Blocks end at blank lines, headings, page breaks (form feeds) and around tables. Paragraphs under
    the same heading on the same page merge up to `settings.chunk_max_tokens`; longer ones split at
    sentence boundaries (then line breaks, then spaces). Each table row (markdown pipe table or HTML
    `<tr>`) is its own passage whose `text` repeats the column headers next to the values.

    `Passage.text` (what is embedded) starts with the title and heading path; `Passage.raw_text` is
    always exactly `doc.raw[start:end]`. `Passage.citation.section` is the front-matter `section`
    (when given) followed by the heading path; pages come from form feeds (or the front-matter `page`).
    `count_tokens` defaults to `estimate_tokens`; pass the
    embedder's `count_tokens` for exact word-piece budgets.
    """
    count = count_tokens or estimate_tokens
    passages: list[Passage] = []
    for doc in docs:
        passages.extend(chunk_document(doc, settings.chunk_max_tokens, count))
    return passages


def chunk_document(doc: Document, max_tokens: int, count_tokens: CountTokens) -> list[Passage]:
    """The passages of one document (see `chunk_documents`)."""
    raw = doc.raw
    title = doc.citation.title
    base_section = (doc.citation.section,) if doc.citation.section else ()
    page_breaks = [match.start() for match in re.finditer("\f", raw)]
    prefix_tokens: dict[tuple[str, ...], int] = {}

    def page_at(offset: int) -> int | None:
        if not page_breaks:
            return doc.citation.page
        return bisect_right(page_breaks, offset)

    def budget_for(section: tuple[str, ...]) -> int:
        if section not in prefix_tokens:
            prefix_tokens[section] = count_tokens(_prefix(title, section))
        # A long heading path must not starve the content: keep at least half the budget for it.
        return max(max_tokens - prefix_tokens[section], max_tokens // 2, 1)

    units: list[_Unit] = []
    for block in _blocks(raw, doc.body_start, doc.body_end):
        section = _visible_headings(block.headings, title)
        page = page_at(block.start)
        if block.kind == "table":
            units.extend(_pipe_table_units(raw, block, section, page, count_tokens))
        elif block.kind == "html_table":
            units.extend(_html_table_units(raw, block, section, page, count_tokens))
        else:
            budget = budget_for(section)
            for start, end in _split_span(raw, block.start, block.end, budget, count_tokens):
                text = _squash(raw[start:end])
                units.append(_Unit(start, end, section, page, text, count_tokens(text), True))

    merged = _merge_units(units, budget_for)
    passages: list[Passage] = []
    for unit in merged:
        full_section = base_section + unit.section
        section_text = " > ".join(full_section) if full_section else None
        passages.append(
            Passage(
                passage_id=f"{doc.doc_id}#{len(passages)}",
                doc_id=doc.doc_id,
                text=f"{_prefix(title, unit.section)}\n{unit.text}",
                raw_text=raw[unit.start : unit.end],
                start=unit.start,
                end=unit.end,
                citation=doc.citation.model_copy(update={"section": section_text, "page": unit.page}),
            )
        )
    return passages


def _prefix(title: str, section: tuple[str, ...]) -> str:
    return " > ".join((title, *section))


def _visible_headings(headings: tuple[str, ...], title: str) -> tuple[str, ...]:
    """The heading path, without a top heading the title already says ("Llama 2" under the title
    "Llama 2 model card: fact sheet")."""
    if headings and headings[0].casefold() in title.casefold():
        return headings[1:]
    return headings


def _squash(text: str) -> str:
    return " ".join(text.split())


def _strip_inline(text: str) -> str:
    """Heading/cell text without markdown emphasis, code ticks and HTML tags."""
    text = _HTML_TAG.sub("", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # [label](url) -> label
    text = re.sub(r"(\*\*|__|`)", "", text)
    return _squash(html.unescape(text))


# ---- blocks


@dataclass(frozen=True)
class _Block:
    kind: str  # paragraph | code | table | html_table
    start: int
    end: int
    headings: tuple[str, ...]
    lines: tuple[_Line, ...]


_LINE_END = re.compile(r"[\n\f]")


def _lines(raw: str, start: int, end: int) -> list[_Line]:
    """Lines of raw[start:end]; a form feed ends a line like a newline does, and marks a page break."""
    lines: list[_Line] = []
    pos = start
    for match in _LINE_END.finditer(raw, start, end):
        cut = match.start()
        content_end = cut - 1 if cut > pos and raw[cut - 1] == "\r" else cut
        lines.append(_Line(pos, content_end, match.group() == "\f"))
        pos = cut + 1
    if pos < end:
        lines.append(_Line(pos, end, False))
    return lines


def _blocks(raw: str, start: int, end: int) -> Iterator[_Block]:
    """Split the body into blocks, tracking the heading path in force for each."""
    lines = _lines(raw, start, end)
    stack: list[tuple[int, str]] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        text = line.text(raw)
        if not text.strip():
            i += 1
            continue
        heading = _heading(text)
        if heading is not None:
            level, name = heading
            while stack and stack[-1][0] >= level:
                stack.pop()
            if name:
                stack.append((level, name))
            i += 1
            continue
        headings = tuple(name for _, name in stack)
        fence = _FENCE.match(text)
        if fence is not None:
            j = i + 1
            while j < len(lines) and not lines[j].text(raw).lstrip().startswith(fence.group(1)):
                j += 1
            j = min(j, len(lines) - 1)
            yield _Block("code", line.start, lines[j].end, headings, tuple(lines[i : j + 1]))
            i = j + 1
            continue
        if _HTML_TABLE_OPEN.match(text):
            j = i
            while j < len(lines) - 1 and not _HTML_TABLE_CLOSE.search(lines[j].text(raw)):
                j += 1
            yield _Block("html_table", line.start, lines[j].end, headings, tuple(lines[i : j + 1]))
            i = j + 1
            continue
        if _is_table_start(raw, lines, i):
            j = i + 2
            while j < len(lines) and not lines[j - 1].page_break and "|" in lines[j].text(raw):
                j += 1
            yield _Block("table", line.start, lines[j - 1].end, headings, tuple(lines[i:j]))
            i = j
            continue
        j = i
        while True:
            if lines[j].page_break or j + 1 >= len(lines):
                break
            following = lines[j + 1].text(raw)
            if (
                not following.strip()
                or _heading(following) is not None
                or _FENCE.match(following)
                or _HTML_TABLE_OPEN.match(following)
                or _is_table_start(raw, lines, j + 1)
            ):
                break
            j += 1
        yield _Block("paragraph", line.start, lines[j].end, headings, tuple(lines[i : j + 1]))
        i = j + 1


def _heading(text: str) -> tuple[int, str] | None:
    atx = _ATX.match(text)
    if atx is not None:
        return len(atx.group(1)), _strip_inline(atx.group(2) or "")
    if len(text) <= _FILING_PART_MAX_CHARS and _FILING_PART.match(text):
        return 1, _squash(text)
    if len(text) <= _FILING_ITEM_MAX_CHARS and _FILING_ITEM.match(text):
        return 2, _squash(text)
    return None


def _is_table_start(raw: str, lines: Sequence[_Line], i: int) -> bool:
    if i + 1 >= len(lines) or lines[i].page_break:
        return False
    header, delimiter = lines[i].text(raw), lines[i + 1].text(raw)
    return "|" in header and "|" in delimiter and "-" in delimiter and bool(_TABLE_DELIM.match(delimiter))


# ---- tables


def _pipe_cells(text: str) -> list[str]:
    body = text.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return [_strip_inline(cell.replace("\\|", "|")) for cell in re.split(r"(?<!\\)\|", body)]


def _describe_row(headers: Sequence[str], cells: Sequence[str]) -> str:
    """'405B | Context length: 128k | GQA: Yes': the first cell names the row, the rest carry headers."""
    parts: list[str] = []
    for column, cell in enumerate(cells):
        if not cell:
            continue
        header = headers[column] if column < len(headers) else ""
        parts.append(f"{header}: {cell}" if header and column > 0 else cell)
    return " | ".join(parts)


def _trimmed(raw: str, start: int, end: int) -> tuple[int, int]:
    while start < end and raw[start].isspace():
        start += 1
    while end > start and raw[end - 1].isspace():
        end -= 1
    return start, end


def _pipe_table_units(
    raw: str, block: _Block, section: tuple[str, ...], page: int | None, count_tokens: CountTokens
) -> list[_Unit]:
    header_line, rows = block.lines[0], block.lines[2:]
    headers = _pipe_cells(header_line.text(raw))
    units: list[_Unit] = []
    for row in rows or (header_line,):
        start, end = _trimmed(raw, row.start, row.end)
        cells = _pipe_cells(raw[start:end])
        text = _describe_row(headers, cells) if rows else " | ".join(c for c in headers if c)
        if text:
            units.append(_Unit(start, end, section, page, text, count_tokens(text), False))
    return units


def _html_table_units(
    raw: str, block: _Block, section: tuple[str, ...], page: int | None, count_tokens: CountTokens
) -> list[_Unit]:
    """One unit per `<tr>` after the first (the header row); rowspan cells repeat in the rows below."""
    rows: list[tuple[int, int, list[str]]] = []
    carried: dict[int, tuple[str, int]] = {}  # column -> (text, rows still to fill)
    for match in _HTML_ROW.finditer(raw, block.start, block.end):
        cells: list[str] = []
        column = 0
        for cell in _HTML_CELL.finditer(match.group(1)):
            while column in carried:
                cells.append(_take_carried(carried, column))
                column += 1
            text = _strip_inline(cell.group(3))
            span = _HTML_ROWSPAN.search(cell.group(2))
            if span is not None and int(span.group(1)) > 1:
                carried[column] = (text, int(span.group(1)) - 1)
            cells.append(text)
            column += 1
        while column in carried:
            cells.append(_take_carried(carried, column))
            column += 1
        rows.append((match.start(), match.end(), cells))
    if not rows:
        start, end = _trimmed(raw, block.start, block.end)
        text = _strip_inline(raw[start:end])
        return [_Unit(start, end, section, page, text, count_tokens(text), False)] if text else []
    headers = rows[0][2]
    body = rows[1:] or rows[:1]
    units: list[_Unit] = []
    for start, end, cells in body:
        text = _describe_row(headers, cells) if len(rows) > 1 else " | ".join(c for c in cells if c)
        if text:
            units.append(_Unit(start, end, section, page, text, count_tokens(text), False))
    return units


def _take_carried(carried: dict[int, tuple[str, int]], column: int) -> str:
    text, remaining = carried[column]
    if remaining <= 1:
        del carried[column]
    else:
        carried[column] = (text, remaining - 1)
    return text


# ---- splitting and merging


def _split_span(
    raw: str, start: int, end: int, budget: int, count_tokens: CountTokens
) -> list[tuple[int, int]]:
    """Trimmed sub-spans of [start, end) of at most `budget` tokens each (a lone long word may exceed)."""
    start, end = _trimmed(raw, start, end)
    if start >= end:
        return []
    if count_tokens(raw[start:end]) <= budget:
        return [(start, end)]
    pieces: list[tuple[int, int, int]] = []  # start, end, tokens
    for gap in (_SENTENCE_GAP, _LINE_GAP, _WORD):
        pieces = _pieces(raw, start, end, gap, count_tokens)
        if len(pieces) > 1:
            break
    if len(pieces) <= 1:
        return [(start, end)]
    spans: list[tuple[int, int]] = []
    for piece_start, piece_end, tokens in pieces:
        if tokens > budget and (piece_start, piece_end) != (start, end):
            spans.extend(_split_span(raw, piece_start, piece_end, budget, count_tokens))
        else:
            spans.append((piece_start, piece_end))
    return _pack(spans, budget, lambda span: count_tokens(raw[span[0] : span[1]]))


def _pieces(
    raw: str, start: int, end: int, gap: re.Pattern[str], count_tokens: CountTokens
) -> list[tuple[int, int, int]]:
    spans: list[tuple[int, int]] = []
    if gap is _WORD:
        spans = [(m.start(), m.end()) for m in gap.finditer(raw, start, end)]
    else:
        cursor = start
        for match in gap.finditer(raw, start, end):
            cut = match.start(1) if match.re.groups else match.start()
            if cut > cursor:
                spans.append((cursor, cut))
            cursor = match.end()
        if cursor < end:
            spans.append((cursor, end))
    result: list[tuple[int, int, int]] = []
    for s, e in spans:
        s, e = _trimmed(raw, s, e)
        if s < e:
            result.append((s, e, count_tokens(raw[s:e])))
    return result


def _pack(
    spans: Sequence[tuple[int, int]], budget: int, tokens_of: Callable[[tuple[int, int]], int]
) -> list[tuple[int, int]]:
    """Greedily join neighbouring spans while the summed token count stays within budget."""
    packed: list[tuple[int, int]] = []
    total = 0
    for span in spans:
        tokens = tokens_of(span)
        if packed and total + tokens <= budget:
            packed[-1] = (packed[-1][0], span[1])
            total += tokens
        else:
            packed.append(span)
            total = tokens
    return packed


def _merge_units(units: Sequence[_Unit], budget_for: Callable[[tuple[str, ...]], int]) -> list[_Unit]:
    """Merge neighbouring paragraphs of one section and page while they fit the section's budget."""
    merged: list[_Unit] = []
    for unit in units:
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.mergeable
            and unit.mergeable
            and last.section == unit.section
            and last.page == unit.page
            and last.tokens + unit.tokens <= budget_for(unit.section)
        ):
            merged[-1] = _Unit(
                last.start,
                unit.end,
                last.section,
                last.page,
                f"{last.text} {unit.text}",
                last.tokens + unit.tokens,
                True,
            )
        else:
            merged.append(unit)
    return merged
