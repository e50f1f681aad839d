"""Load a corpus folder into `Document`s and cut them into `Passage`s with citations.

Two plain functions, both pure apart from reading the files:

- `load_corpus(root)` reads every `.md`, `.txt` and `.jsonl` file under `root`, and the `.json`
  breakdowns claimcheck published.
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

A file without a `kind` whose start reads like a Form 10-K cover ("FORM 10-K", "annual report pursuant
to section 13" or "for the fiscal year ended") is a 10-K: its company, period ("FY2022") and title come
from the cover (`sniff_10k`) unless front matter says otherwise. A 10-K's passages cite the Item they
fall in (found by `find_items`, never the table of contents), the 0-based page (form feeds) and the page
number printed on it (`printed_page_labels`); a unit statement ("(in millions, except per share data)")
is repeated as "(in millions)" in the embedded text of the figures it governs (`unit_statement`).

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
import html
import json
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from claimcheck.errors import CorpusError
from claimcheck.models import Breakdown, Citation, DocKind, Document, Passage, Verdict, VerdictStatus
from claimcheck.settings import Settings

CORPUS_SUFFIXES = (".md", ".txt", ".jsonl", ".json")
SKIPPED_NAMES = frozenset({"source.txt"})  # compared case-insensitively
SKIPPED_PREFIXES = ("license",)  # LICENSE, LICENSE.md, license.txt ...

# Bump when chunking changes in a way that changes passages: cached indexes built before are rebuilt.
CHUNKER_VERSION = 4

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
    if path.suffix.lower() == ".json":
        breakdown = _load_breakdown(raw, path, rel)
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
    if "kind" not in meta:
        filing = sniff_10k(raw[body_start : body_start + _COVER_CHARS], Path(rel).stem)
        if filing is not None:
            # What the cover page says fills the gaps; front matter keys still win.
            meta = {**filing.citation_fields(), **meta}
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
# breakdowns published by claimcheck

# The header line of a breakdown document's text; each verdict follows on a line of its own.
_BREAKDOWN_HEADER = "Previously checked by claimcheck: "


def _load_breakdown(raw: str, path: Path, rel: str) -> Document | None:
    """A published breakdown (`OUT/site/<slug>.json`) as a document of kind breakdown, or None for a
    JSON file that is not one (no "slug" and "verdicts" keys).

    The document's text is a rendering of the breakdown, one line per verdict ("Claim (speaker,
    timecode): ... | Verdict: Hype | Rationale: ..."), and its spans index that rendering: a breakdown
    is what claimcheck said, never primary evidence, so it is quoted from the rendering, not the JSON.
    """
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise CorpusError(
            f"not valid JSON: {exc.msg} (column {exc.colno})",
            path=path,
            line=exc.lineno,
            hint="a .json file in a corpus must be a breakdown published by claimcheck",
        ) from None
    if not isinstance(data, dict) or "slug" not in data or "verdicts" not in data:
        return None
    try:
        breakdown = Breakdown.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise CorpusError(
            f"not a valid breakdown ({where}: {first['msg']})",
            path=path,
            hint="publish it again with this version of claimcheck",
        ) from None
    title = breakdown.title + (" (draft)" if breakdown.status is VerdictStatus.DRAFT else "")
    lines = [f"{_BREAKDOWN_HEADER}{_squash(title)}"]
    lines.extend(_verdict_line(verdict) for verdict in breakdown.verdicts)
    text = "\n".join(lines) + "\n"
    citation = Citation(
        title=title, kind=DocKind.BREAKDOWN, url=breakdown.url, date=breakdown.date, section=None
    )
    return Document(
        doc_id=rel,
        path=rel,
        citation=citation,
        content_hash=_sha256(raw),
        body_start=0,
        body_end=len(text),
        raw=text,
    )


def _verdict_line(verdict: Verdict) -> str:
    claim = verdict.claim
    where = ", ".join(part for part in (claim.speaker, claim.timecode) if part)
    parts = [f"Claim{f' ({_squash(where)})' if where else ''}: {_squash(claim.text)}"]
    parts.append(f"Verdict: {verdict.label.display}")
    if verdict.rationale.strip():
        parts.append(f"Rationale: {_squash(verdict.rationale)}")
    return " | ".join(parts)


def _breakdown_passages(doc: Document) -> list[Passage]:
    """One passage per verdict line of a breakdown document (see `_load_breakdown`)."""
    passages: list[Passage] = []
    offset = 0
    for line in doc.raw.splitlines(keepends=True):
        start, end = _trimmed(doc.raw, offset, offset + len(line))
        offset += len(line)
        if start >= end or doc.raw.startswith(_BREAKDOWN_HEADER, start):
            continue
        passages.append(
            Passage(
                passage_id=f"{doc.doc_id}#{len(passages)}",
                doc_id=doc.doc_id,
                text=f"{doc.citation.title} > previously checked\n{doc.raw[start:end]}",
                raw_text=doc.raw[start:end],
                start=start,
                end=end,
                citation=doc.citation,
            )
        )
    return passages


# --------------------------------------------------------------------------------------------------
# 10-K filings as plain text (pdftotext output)

# How far into a file the cover page is looked for. The FinanceBench 10-Ks put "FORM 10-K", the fiscal
# year and the registrant's name within the first 6,000 characters; the widest margin seen is 3M's second
# cover page, so 20,000 leaves room without reading whole filings.
_COVER_CHARS = 20_000

_FORM_10K = re.compile(r"\bFORM\s+10-K\b", re.IGNORECASE)
_ANNUAL_REPORT = re.compile(
    r"\bANNUAL\s+REPORT\s+PURSUANT\s+TO\s+SECTION\s+13|\bfiscal\s+year\s+ended\b", re.IGNORECASE
)
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_FISCAL_YEAR_END = re.compile(
    r"fiscal\s+year\s+ended\s*:?\s*([A-Za-z]+)\.?\s+(\d{1,2})\s*,?\s*((?:19|20)\d{2})", re.IGNORECASE
)
_EXACT_NAME = re.compile(
    r"^[ \t]*\(?\s*exact\s+name\s+of\s+(?:the\s+)?registrant", re.IGNORECASE | re.MULTILINE
)
_COMMISSION_FILE = re.compile(
    r"^[ \t]*commission\s+file\s+(?:number|no\.?)\b.*$", re.IGNORECASE | re.MULTILINE
)
# 52/53-week fiscal years that end in the first week of January are named after the year before
# (Johnson & Johnson's fiscal 2022 ended on January 1, 2023); later ends are named after their own
# year (Best Buy's fiscal 2023 ended on January 28, 2023). Checked on the 16 FinanceBench 10-Ks.
_EARLY_JANUARY_LAST_DAY = 7


class FilingFacts(BaseModel):
    """What a 10-K's cover page says about it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    company: str
    period: str | None  # "FY2022"
    fiscal_year_end: dt.date | None

    def citation_fields(self) -> dict[str, object]:
        """Front-matter style keys for `_citation`."""
        fields: dict[str, object] = {"kind": DocKind.TEN_K.value, "company": self.company}
        title = f"{self.company} Form 10-K"
        if self.period:
            fields["period"] = self.period
            title += f" {self.period}"
        fields["title"] = title
        return fields


def sniff_10k(text: str, name: str) -> FilingFacts | None:
    """The cover-page facts when `text` (the start of a file) is a Form 10-K annual report, else None.

    A 10-K says "FORM 10-K" and either "annual report pursuant to section 13" or "for the fiscal year
    ended" on its cover. The company is the line above "(Exact name of registrant as specified in its
    charter)", else the first line after "Commission file number", else the part of the file `name`
    before its year ("JOHNSON_JOHNSON_2022_10K" gives "JOHNSON JOHNSON"). The period is "FY" and the
    fiscal year from "for the fiscal year ended <date>", else the year in `name`.
    """
    cover = text[:_COVER_CHARS]
    if not (_FORM_10K.search(cover) and _ANNUAL_REPORT.search(cover)):
        return None
    year_end = _fiscal_year_end(cover)
    period: str | None = None
    if year_end is not None:
        period = f"FY{fiscal_year_of(year_end)}"
    else:
        year = re.search(r"(?:^|_)((?:19|20)\d{2})(?:_|$)", name)
        period = f"FY{year.group(1)}" if year else None
    company = _registrant(cover) or _company_from_name(name)
    return FilingFacts(company=company, period=period, fiscal_year_end=year_end)


def fiscal_year_of(year_end: dt.date) -> int:
    """The fiscal year a year-end date names (see `_EARLY_JANUARY_LAST_DAY`)."""
    if year_end.month == 1 and year_end.day <= _EARLY_JANUARY_LAST_DAY:
        return year_end.year - 1
    return year_end.year


def _fiscal_year_end(cover: str) -> dt.date | None:
    for match in _FISCAL_YEAR_END.finditer(cover):
        month = _MONTHS.get(match.group(1).lower())
        if month is None:
            continue
        try:
            return dt.date(int(match.group(3)), month, int(match.group(2)))
        except ValueError:
            continue
    return None


def _registrant(cover: str) -> str | None:
    exact = _EXACT_NAME.search(cover)
    if exact is not None:
        before = [line.strip() for line in cover[: exact.start()].splitlines() if line.strip()]
        if before and _plausible_company(before[-1]):
            return _squash(before[-1])
    commission = _COMMISSION_FILE.search(cover)
    if commission is not None:
        for line in cover[commission.end() :].splitlines():
            line = line.strip().strip("_").strip()
            if line:
                return _squash(line) if _plausible_company(line) else None
    return None


def _plausible_company(line: str) -> bool:
    letters = sum(ch.isalpha() for ch in line)
    return 2 <= len(line) <= 100 and letters >= 2 and not line.lower().startswith(("(", "for the", "or"))


def _company_from_name(name: str) -> str:
    parts = re.split(r"[_\s]+", name)
    words: list[str] = []
    for part in parts:
        if re.fullmatch(r"(?:19|20)\d{2}", part):
            break
        words.append(part)
    return " ".join(words) or name


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
    note: str | None = None  # the unit statement that governs it, e.g. "(in millions)"


_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*#*[ \t]*$")
# 10-K headings in plain text (pdftotext output): "PART II", "Item 7. Management's Discussion ...".
_FILING_PART = re.compile(r"\s*(?:PART|Part)\s+[IVX]+\b")
_FILING_ITEM = re.compile(r"\s*(?:Item|ITEM)\s+\d{1,2}[A-C]?\.")
# Longer lines are prose that happens to start with "Item 7." / "Part II". The longest standard item
# title ("Item 5. Market for Registrant's Common Equity, ...") is about 140 characters in the FinanceBench
# 10-Ks; "PART II" lines there are at most ~40 characters.
_FILING_ITEM_MAX_CHARS = 150
# The running head pdftotext leaves at the top of each page of an EDGAR filing (a link back to the contents).
_RUNNING_HEAD = re.compile(r"\s*table of contents\s*", re.IGNORECASE)
# Heading level of a line that is dropped without changing the heading path.
_NO_LEVEL = 99
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
    if doc.citation.kind is DocKind.BREAKDOWN and doc.path.lower().endswith(".json"):
        return _breakdown_passages(doc)
    raw = doc.raw
    title = doc.citation.title
    page_breaks = [match.start() for match in re.finditer("\f", raw)]
    is_filing = doc.citation.kind is DocKind.TEN_K
    items = find_items(raw, doc.body_start, doc.body_end) if is_filing else []
    printed = printed_page_labels(raw) if is_filing and page_breaks else {}
    prefix_tokens: dict[tuple[tuple[str, ...], str | None], int] = {}

    def page_at(offset: int) -> int | None:
        if not page_breaks:
            return doc.citation.page
        return bisect_right(page_breaks, offset)

    def budget_for(section: tuple[str, ...], note: str | None) -> int:
        if (section, note) not in prefix_tokens:
            prefix_tokens[section, note] = count_tokens(_prefix(title, section, note))
        # A long heading path must not starve the content: keep at least half the budget for it.
        return max(max_tokens - prefix_tokens[section, note], max_tokens // 2, 1)

    units: list[_Unit] = []
    note: str | None = None  # the unit statement in force ("(in millions)")
    note_scope: tuple[tuple[str, ...], int | None] | None = None  # where it was stated: section, page
    blocks = _blocks(raw, doc.body_start, doc.body_end, items={item.start: item.title for item in items})
    for block in blocks:
        section = _visible_headings(block.headings, title)
        page = page_at(block.start)
        if note_scope != (section, page):
            note = None  # a statement governs the rest of its page, within its section
        block_text = raw[block.start : block.end]
        stated = unit_statement(block_text)
        if block.kind == "table":
            table_note = stated or note
            units.extend(_pipe_table_units(raw, block, section, page, table_note, count_tokens))
        elif block.kind == "html_table":
            table_note = stated or note
            units.extend(_html_table_units(raw, block, section, page, table_note, count_tokens))
        else:
            # Statement and prose are judged span by span: a pdftotext page is often one block that
            # mixes a table with the paragraphs around it.
            budget = budget_for(section, stated or note)
            for start, end in _split_span(raw, block.start, block.end, budget, count_tokens):
                span = raw[start:end]
                span_stated = unit_statement(span)
                prose = _is_prose(span)
                if span_stated is not None:
                    note, note_scope = span_stated, (section, page)
                elif prose:
                    note = None
                text = _squash(span)
                unit_note = note if span_stated is not None or not prose else None
                units.append(_Unit(start, end, section, page, text, count_tokens(text), True, unit_note))

    return _passages_of(doc, _merge_units(units, budget_for), printed)


def _passages_of(doc: Document, units: Sequence[_Unit], printed: Mapping[int, str]) -> list[Passage]:
    base_section = (doc.citation.section,) if doc.citation.section else ()
    passages: list[Passage] = []
    for unit in units:
        section = unit.section
        label = printed.get(unit.page) if unit.page is not None else None
        if label is not None and label.startswith("F-") and _after_item_8(section):
            # Filings that put the financial statements on "F-" pages after Item 15 include them in
            # Item 8 by reference; cite them there, not under "Exhibits".
            section = (_ITEM_8_TITLE,)
        full_section = base_section + section
        citation = doc.citation.model_copy(
            update={
                "section": " > ".join(full_section) if full_section else None,
                "page": unit.page,
                "printed_page": label,
            }
        )
        passages.append(
            Passage(
                passage_id=f"{doc.doc_id}#{len(passages)}",
                doc_id=doc.doc_id,
                text=f"{_prefix(doc.citation.title, section, unit.note)}\n{unit.text}",
                raw_text=doc.raw[unit.start : unit.end],
                start=unit.start,
                end=unit.end,
                citation=citation,
            )
        )
    return passages


def _prefix(title: str, section: tuple[str, ...], note: str | None = None) -> str:
    """The first line of a passage's `text`: title and heading path, then the unit statement in force
    (so that `claimcheck.quantities.unit_scale(passage.text)` scales its figures)."""
    path = " > ".join((title, *section))
    return f"{path}\n{note}" if note else path


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


# ---- 10-K structure: items, printed page numbers, unit statements

# "Item 7." / "ITEM 7A" / "Item 1A. - Risk Factors" at the start of a line (or of a page). A lower-case
# word, a comma or "(a)" after the number means a cross-reference ("Item 8 of this report"), not a heading.
_ITEM_LINE = re.compile(
    r"(?:^|(?<=\f))[ \t]*(?:ITEM|Item)[ \t]+(\d{1,2})([A-Ca-c])?"
    r"(?=[ \t]*(?:[.:\-\u2013\u2014]|\r?$)|[ \t]+[A-Z\[])[^\n\f]*",
    re.MULTILINE,
)
# A heading follows a blank line, a short line or a finished sentence. A line before it that is long and
# ends mid-sentence means the "Item" line continues that sentence ("... see the\nItem 1A. Risk
# Factors section"): 60 characters separates the FinanceBench 10-Ks' prose lines (~150) from their
# running heads and titles ("Table of Contents", "PART I", a company name).
_CONTINUED_LINE_MIN_CHARS = 60
_SENTENCE_END = re.compile(r"[.:;!?\"'”’)\]]\s*$")
# Table-of-contents entries sit a title and a page number apart, in increasing order; real item headings
# have the item's text between them. In the FinanceBench 10-Ks, a run of candidates (each within 250
# characters of the one before, item numbers going up) with at least 5 entries whose median distance is
# at most 100 characters is always a contents list (its entries are 7-60 characters apart, median); the
# tightest run of real headings (Adobe's Items 11-15, "incorporated by reference" sentences) has a
# median of ~200.
_TOC_GAP_CHARS = 250
_TOC_MIN_ENTRIES = 5
_TOC_MEDIAN_GAP_CHARS = 100

ITEM_TITLES: dict[str, str] = {
    "1": "Business",
    "1A": "Risk Factors",
    "1B": "Unresolved Staff Comments",
    "1C": "Cybersecurity",
    "2": "Properties",
    "3": "Legal Proceedings",
    "4": "Mine Safety Disclosures",
    "5": "Market for Registrant's Common Equity, Related Stockholder Matters and Issuer Purchases of"
    " Equity Securities",
    "6": "Selected Financial Data",
    "7": "Management's Discussion and Analysis of Financial Condition and Results of Operations",
    "7A": "Quantitative and Qualitative Disclosures About Market Risk",
    "8": "Financial Statements and Supplementary Data",
    "9": "Changes in and Disagreements with Accountants on Accounting and Financial Disclosure",
    "9A": "Controls and Procedures",
    "9B": "Other Information",
    "9C": "Disclosure Regarding Foreign Jurisdictions that Prevent Inspections",
    "10": "Directors, Executive Officers and Corporate Governance",
    "11": "Executive Compensation",
    "12": "Security Ownership of Certain Beneficial Owners and Management and Related Stockholder Matters",
    "13": "Certain Relationships and Related Transactions, and Director Independence",
    "14": "Principal Accountant Fees and Services",
    "15": "Exhibits and Financial Statement Schedules",
    "16": "Form 10-K Summary",
}


_ITEM_8_TITLE = f"Item 8. {ITEM_TITLES['8']}"


def _after_item_8(section: tuple[str, ...]) -> bool:
    match = re.match(r"Item (\d{1,2}[A-C]?)\.", section[0]) if section else None
    return match is not None and _item_order(match.group(1)) > _item_order("8")


@dataclass(frozen=True)
class FilingItem:
    """One Item heading of a 10-K: where its line starts and ends, and its standard name."""

    key: str  # "7A"
    start: int  # offset of the heading line
    end: int  # offset after the heading line
    title: str  # "Item 7A. Quantitative and Qualitative Disclosures About Market Risk"

    @property
    def order(self) -> tuple[int, str]:
        return _item_order(self.key)


def _item_order(key: str) -> tuple[int, str]:
    digits = key.rstrip("ABCabc")
    return int(digits), key[len(digits) :].upper()


def find_items(raw: str, start: int = 0, end: int | None = None) -> list[FilingItem]:
    """The Item headings of a 10-K's text, in order, without the table of contents or cross-references.

    Candidates are "Item N." lines (see `_ITEM_LINE`) that do not continue the previous line's sentence.
    Runs of at least `_TOC_MIN_ENTRIES` candidates within `_TOC_GAP_CHARS` of each other are a table of
    contents and dropped. Of the rest, the longest sequence whose item numbers strictly increase is kept,
    taking the latest candidate wherever several fit (so a stray early line loses to the real heading).
    """
    stop = len(raw) if end is None else end
    candidates = [item for item in _item_candidates(raw, start, stop)]
    candidates = _drop_contents(candidates)
    return _increasing_items(candidates)


def _item_candidates(raw: str, start: int, end: int) -> Iterator[FilingItem]:
    for match in _ITEM_LINE.finditer(raw, start, end):
        line = match.group(0).rstrip("\r")
        if len(line.strip()) > _FILING_ITEM_MAX_CHARS or _continues_sentence(raw, match.start()):
            continue
        key = match.group(1) + (match.group(2) or "").upper()
        if key.startswith("0"):
            continue
        name = ITEM_TITLES.get(key)
        title = f"Item {key}. {name}" if name else _squash(line)
        yield FilingItem(key=key, start=match.start(), end=match.start() + len(line), title=title)


def _continues_sentence(raw: str, line_start: int) -> bool:
    if line_start == 0 or raw[line_start - 1] == "\f":
        return False
    previous_start = max(raw.rfind("\n", 0, line_start - 1), raw.rfind("\f", 0, line_start - 1)) + 1
    previous = raw[previous_start : line_start - 1].strip()
    return len(previous) > _CONTINUED_LINE_MIN_CHARS and not _SENTENCE_END.search(previous)


def _drop_contents(candidates: Sequence[FilingItem]) -> list[FilingItem]:
    kept: list[FilingItem] = []
    run: list[FilingItem] = []
    for item in [*candidates, None]:
        # A contents list counts up; the heading after its last entry ("Item 1." after "Item 16.") is
        # where the filing itself starts, however close.
        if item is None or (
            run and (item.start - run[-1].start > _TOC_GAP_CHARS or item.order <= run[-1].order)
        ):
            if not _is_contents(run):
                kept.extend(run)
            run = []
        if item is not None:
            run.append(item)
    return kept


def _is_contents(run: Sequence[FilingItem]) -> bool:
    if len(run) < _TOC_MIN_ENTRIES:
        return False
    gaps = sorted(b.start - a.start for a, b in pairwise(run))
    return gaps[len(gaps) // 2] <= _TOC_MEDIAN_GAP_CHARS


def _increasing_items(candidates: Sequence[FilingItem]) -> list[FilingItem]:
    if not candidates:
        return []
    longest = [1] * len(candidates)  # longest increasing chain ending at each candidate
    for i, item in enumerate(candidates):
        for j in range(i):
            if candidates[j].order < item.order and longest[j] + 1 > longest[i]:
                longest[i] = longest[j] + 1
    length = max(longest)
    chain: list[FilingItem] = []
    i = max(index for index, value in enumerate(longest) if value == length)
    chain.append(candidates[i])
    while longest[i] > 1:
        i = max(
            j for j in range(i) if longest[j] == longest[i] - 1 and candidates[j].order < candidates[i].order
        )
        chain.append(candidates[i])
    return chain[::-1]


# A page number printed alone on a line: "38", "F-35", "A-1", "- 16 -", "-30-", "Page 3".
_PAGE_LABEL = re.compile(r"(?:page\s+)?[-\u2013\u2014]?\s*((?:[A-Z]{1,2}-)?\d{1,3})\s*[-\u2013\u2014]?", re.I)
# Page numbers sit in the last lines of a page (before a running footer such as "Verizon 2022 Annual
# Report on Form 10-K") or, more rarely, in the first ones.
_PAGE_FOOT_LINES = 3
_PAGE_HEAD_LINES = 2
# A label counts when a page at most this many pages away carries the label that continues the sequence,
# which rules out table figures and contents-page numbers that happen to end a page ("568", "27,709").
_PAGE_NEIGHBOURS = 2


def printed_page_labels(raw: str) -> dict[int, str]:
    """Page index -> page number printed on that page ("38", "F-12"), for the pages where one is found.

    Pages are the form-feed-separated parts of `raw`. A candidate is a short line in a page's last
    `_PAGE_FOOT_LINES` or first `_PAGE_HEAD_LINES` non-blank lines that is only a page label; it is kept
    when a page within `_PAGE_NEIGHBOURS` pages carries the label the sequence predicts there.
    """
    pages = raw.split("\f")
    candidates: list[list[tuple[str, int]]] = [_page_label_candidates(page) for page in pages]
    labels: dict[int, str] = {}
    for index, options in enumerate(candidates):
        for prefix, number in options:
            if _label_continues(candidates, index, prefix, number):
                labels[index] = f"{prefix}{number}"
                break
    return labels


def _page_label_candidates(page: str) -> list[tuple[str, int]]:
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    ordered = lines[::-1][:_PAGE_FOOT_LINES] + lines[:_PAGE_HEAD_LINES]
    found: list[tuple[str, int]] = []
    for line in ordered:
        match = _PAGE_LABEL.fullmatch(line)
        if match is None:
            continue
        label = match.group(1).upper()
        prefix, _, digits = label.rpartition("-")
        option = (f"{prefix}-" if prefix else "", int(digits))
        if option not in found:
            found.append(option)
    return found


def _label_continues(
    candidates: Sequence[Sequence[tuple[str, int]]], index: int, prefix: str, number: int
) -> bool:
    for distance in range(1, _PAGE_NEIGHBOURS + 1):
        for other in (index - distance, index + distance):
            if 0 <= other < len(candidates) and (prefix, number + other - index) in candidates[other]:
                return True
    return False


# "(in millions)", "(Dollars in Millions)", "($ in millions, except per share data)", "(Millions)",
# "(Amounts in thousands)"; or a short line that starts "In millions" / "Dollars in millions".
# "(Shares in thousands)" scales share counts, not amounts, and is left alone.
_UNIT_IN_PARENS = re.compile(
    r"\(\s*(?:(?:dollars|amounts|\$|us\$|usd)\s+)?(?:in\s+)?(thousands|millions|billions)\b", re.IGNORECASE
)
_UNIT_LINE = re.compile(
    r"^[ \t]*(?:(?:dollars|amounts|\$)\s+)?in\s+(thousands|millions|billions)\b", re.IGNORECASE | re.MULTILINE
)
_UNIT_LINE_MAX_CHARS = 60
# Text of at least this many words that ends a sentence and in which fewer than 10% of the tokens are
# bare figures (years and percentages aside) is prose: it ends the reach of a unit statement, and its own
# figures are never scaled (a "67,317 employees" sentence after a table in millions is not 67 billion
# employees). Table text in the 10-Ks is a quarter to a half bare figures; MD&A prose has almost none
# outside years and percentages. "See accompanying notes to consolidated financial statements." is 7 words.
_PROSE_MIN_WORDS = 15
_PROSE_MAX_FIGURE_SHARE = 0.1
_PROSE_END = re.compile(r"[.!?][\"'”’)\]]*\s*$")
_BARE_FIGURE = re.compile(r"[($]*-?\d[\d,]*(?:\.\d+)?\)?[,;:]?")
_YEAR_TOKEN = re.compile(r"(?:19|20)\d\d[,;:.]?")


def unit_statement(text: str) -> str | None:
    """The scale a unit statement in `text` declares, as "(in millions)" (thousands, billions), or None."""
    match = _UNIT_IN_PARENS.search(text)
    if match is None:
        for line_match in _UNIT_LINE.finditer(text):
            line_end = text.find("\n", line_match.start())
            line = text[line_match.start() : line_end if line_end >= 0 else len(text)]
            if len(line.strip()) <= _UNIT_LINE_MAX_CHARS:
                match = line_match
                break
    if match is None:
        return None
    return f"(in {match.group(1).lower()})"


def _is_prose(text: str) -> bool:
    lines = text.rstrip().rsplit("\n", 1)
    if len(lines) == 2 and _PAGE_LABEL.fullmatch(lines[1].strip()):
        text = lines[0]  # the page number printed under the last paragraph
    tokens = text.split()
    words = sum(1 for token in tokens if token[0].isalpha())
    if words < _PROSE_MIN_WORDS or _PROSE_END.search(text) is None:
        return False
    figures = sum(1 for t in tokens if _BARE_FIGURE.fullmatch(t) and not _YEAR_TOKEN.fullmatch(t))
    return figures < _PROSE_MAX_FIGURE_SHARE * len(tokens)


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


def _blocks(raw: str, start: int, end: int, *, items: Mapping[int, str] | None = None) -> Iterator[_Block]:
    """Split the body into blocks, tracking the heading path in force for each.

    `items` (for 10-Ks) maps the start offset of each Item heading line to its name: those lines open a
    top-level section, and other "PART II" / "Item 7." lines are not headings (they are the table of
    contents or cross-references). Without it, such lines are headings wherever they look like one.
    """
    lines = _lines(raw, start, end)
    stack: list[tuple[int, str]] = []

    def heading_of(line: _Line) -> tuple[int, str] | None:
        if items is None:
            return _heading(line.text(raw))
        if line.start in items:
            return 0, items[line.start]
        text = line.text(raw)
        if (
            len(text) <= _FILING_PART_MAX_CHARS and _FILING_PART.fullmatch(text.strip())
        ) or _RUNNING_HEAD.fullmatch(text):
            # "PART II" is implied by the items, "Table of Contents" is a link on every page: both are
            # skipped like headings without a name.
            return _NO_LEVEL, ""
        return _heading(text, filing_lines=False)

    i = 0
    while i < len(lines):
        line = lines[i]
        text = line.text(raw)
        if not text.strip():
            i += 1
            continue
        heading = heading_of(line)
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
                or heading_of(lines[j + 1]) is not None
                or _FENCE.match(following)
                or _HTML_TABLE_OPEN.match(following)
                or _is_table_start(raw, lines, j + 1)
            ):
                break
            j += 1
        yield _Block("paragraph", line.start, lines[j].end, headings, tuple(lines[i : j + 1]))
        i = j + 1


def _heading(text: str, *, filing_lines: bool = True) -> tuple[int, str] | None:
    atx = _ATX.match(text)
    if atx is not None:
        return len(atx.group(1)), _strip_inline(atx.group(2) or "")
    if not filing_lines:
        return None
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
    raw: str,
    block: _Block,
    section: tuple[str, ...],
    page: int | None,
    note: str | None,
    count_tokens: CountTokens,
) -> list[_Unit]:
    header_line, rows = block.lines[0], block.lines[2:]
    headers = _pipe_cells(header_line.text(raw))
    units: list[_Unit] = []
    for row in rows or (header_line,):
        start, end = _trimmed(raw, row.start, row.end)
        cells = _pipe_cells(raw[start:end])
        text = _describe_row(headers, cells) if rows else " | ".join(c for c in headers if c)
        if text:
            units.append(_Unit(start, end, section, page, text, count_tokens(text), False, note))
    return units


def _html_table_units(
    raw: str,
    block: _Block,
    section: tuple[str, ...],
    page: int | None,
    note: str | None,
    count_tokens: CountTokens,
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
        return [_Unit(start, end, section, page, text, count_tokens(text), False, note)] if text else []
    headers = rows[0][2]
    body = rows[1:] or rows[:1]
    units: list[_Unit] = []
    for start, end, cells in body:
        text = _describe_row(headers, cells) if len(rows) > 1 else " | ".join(c for c in cells if c)
        if text:
            units.append(_Unit(start, end, section, page, text, count_tokens(text), False, note))
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


def _merge_units(
    units: Sequence[_Unit], budget_for: Callable[[tuple[str, ...], str | None], int]
) -> list[_Unit]:
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
            and last.note == unit.note
            and last.tokens + unit.tokens <= budget_for(unit.section, unit.note)
        ):
            merged[-1] = _Unit(
                last.start,
                unit.end,
                last.section,
                last.page,
                f"{last.text} {unit.text}",
                last.tokens + unit.tokens,
                True,
                unit.note,
            )
        else:
            merged.append(unit)
    return merged
