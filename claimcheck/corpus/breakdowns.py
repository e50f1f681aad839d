"""Breakdowns published by claimcheck (`OUT/site/<slug>.json`) as corpus documents and passages.

A breakdown is what claimcheck said, never primary evidence: it is searchable ("previously checked") and
quoted from a rendering of its verdicts, one line each, not from the JSON.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from claimcheck.corpus.text import parse_json, sha256_text, squash, trimmed
from claimcheck.errors import CorpusError
from claimcheck.models import Breakdown, Citation, DocKind, Document, Passage, Verdict, VerdictStatus

# The header line of a breakdown document's text; each verdict follows on a line of its own.
_BREAKDOWN_HEADER = "Previously checked by claimcheck: "


def load_breakdown(raw: str, path: Path, rel: str) -> Document | None:
    """A published breakdown (`OUT/site/<slug>.json`) as a document of kind breakdown, or None for a
    JSON file that is not one (no "slug" and "verdicts" keys).

    The document's text is a rendering of the breakdown, one line per verdict ("Claim (speaker,
    timecode): ... | Verdict: Hype | Rationale: ..."), and its spans index that rendering: a breakdown
    is what claimcheck said, never primary evidence, so it is quoted from the rendering, not the JSON.
    """
    data = parse_json(raw, path, "a .json file in a corpus must be a breakdown published by claimcheck")
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
    lines = [f"{_BREAKDOWN_HEADER}{squash(title)}"]
    lines.extend(_verdict_line(verdict) for verdict in breakdown.verdicts)
    text = "\n".join(lines) + "\n"
    citation = Citation(
        title=title, kind=DocKind.BREAKDOWN, url=breakdown.url, date=breakdown.date, section=None
    )
    return Document(
        doc_id=rel,
        path=rel,
        citation=citation,
        content_hash=sha256_text(raw),
        body_start=0,
        body_end=len(text),
        raw=text,
    )


def _verdict_line(verdict: Verdict) -> str:
    claim = verdict.claim
    where = ", ".join(part for part in (claim.speaker, claim.timecode) if part)
    parts = [f"Claim{f' ({squash(where)})' if where else ''}: {squash(claim.text)}"]
    parts.append(f"Verdict: {verdict.label.display}")
    if verdict.rationale.strip():
        parts.append(f"Rationale: {squash(verdict.rationale)}")
    return " | ".join(parts)


def breakdown_passages(doc: Document) -> list[Passage]:
    """One passage per verdict line of a breakdown document (see `load_breakdown`)."""
    passages: list[Passage] = []
    offset = 0
    for line in doc.raw.splitlines(keepends=True):
        start, end = trimmed(doc.raw, offset, offset + len(line))
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
