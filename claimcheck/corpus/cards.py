"""Model cards without front matter: what kind of document, which model family, whose, and when.

Meta publishes the Llama model cards as plain markdown (`models/llama3_1/MODEL_CARD.md`,
`eval_details.md`, `MODEL_CARD_VISION.md`) with no front matter. `sniff_model_card` tells a card from its
name or its content and reads the citation from both:

- the family and version ("Llama 3.1") from the path (`llama3_1`, `llama-3.1`), made more precise by the
  first mention in the text when that extends it ("Llama 3.2-Vision"); else from the text alone;
- the company from "Model developer: Meta";
- the date from "Model Release Date: July 23, 2024" (the first date after it), and the period "2024-07";
- a title that names the family ("Llama 3.1 model card", "Llama 3.1 model card: evaluation details"),
  never the file's stem.

A card's companion files (`eval_details.md`) state no developer or date of their own; `load_corpus` gives
them those of the card in the same folder (`fill_from_cards`).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import PurePosixPath

from pydantic import BaseModel, ConfigDict

from claimcheck.corpus.filings import first_date
from claimcheck.models import Citation, DocKind, Document

# How far into a file the card's facts are looked for: Meta's cards state the developer and the release
# date within their first 5,000 characters.
CARD_CHARS = 8_000

_CARD_NAME = re.compile(r"model[_\- ]?card|eval[_\- ]?details", re.IGNORECASE)
# Section labels of a model card (the "Model Cards for Model Reporting" headings Meta's cards use); two of
# them in the opening text make a card whatever the file is called.
_MARKER_PHRASES = (
    "model developer", "model developers", "model release date", "model architecture", "intended use",
    "model information", "model details", "knowledge cutoff",
)  # fmt: skip
_CARD_MARKERS = re.compile("|".join(r"\b" + p.replace(" ", r"\s+") + r"\b" for p in _MARKER_PHRASES), re.I)
_MIN_MARKERS = 2
_FAMILY_IN_PATH = re.compile(r"(?i)\b(llama)[-_ ]?(\d+)(?:[._-](\d+))?(?![\d])")
_FAMILY_IN_TEXT = re.compile(r"\b(Llama)[ -]?(\d+(?:\.\d+)?)(-Vision|\s+Vision)?\b")
_DEVELOPER = re.compile(
    r"model\s+developers?\W{0,6}\s*(?:is\s+)?([A-Z][\w&.-]*(?:\s+(?:Platforms|AI|Inc\.?))?)", re.IGNORECASE
)
_RELEASE = re.compile(r"model\s+release\s+date", re.IGNORECASE)
_RELEASE_WINDOW = 200
_DATE = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+((?:19|20)\d\d)\b")
_STEM_TITLES = {"eval_details": "evaluation details", "evaluation_details": "evaluation details"}


class CardFacts(BaseModel):
    """What a model card says about itself."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    family: str | None  # "Llama 3.1"
    company: str | None  # "Meta"
    date: dt.date | None  # the release date
    title: str

    @property
    def period(self) -> str | None:
        return f"{self.date.year}-{self.date.month:02d}" if self.date else None

    def citation_fields(self) -> dict[str, object]:
        """Front-matter style keys for the citation (`claimcheck.corpus.load`)."""
        fields: dict[str, object] = {"kind": DocKind.MODEL_CARD.value, "title": self.title}
        if self.company:
            fields["company"] = self.company
        if self.date:
            fields["date"] = self.date
            fields["period"] = self.period
        return fields


def sniff_model_card(text: str, rel_path: str) -> CardFacts | None:
    """The card's facts when the file (its start `text`, its path in the corpus) is a model card."""
    opening = text[:CARD_CHARS]
    name = PurePosixPath(rel_path).stem
    if not (_CARD_NAME.search(name) or len(set(_markers(opening))) >= _MIN_MARKERS):
        return None
    family = _family(opening, rel_path)
    detail = _STEM_TITLES.get(name.lower())
    parent = PurePosixPath(rel_path).parent.name.replace("_", " ")
    title = f"{family or parent or 'Untitled'} model card"
    if detail:
        title += f": {detail}"
    developer = _DEVELOPER.search(opening)
    return CardFacts(
        family=family,
        company=developer.group(1).rstrip(".") if developer else None,
        date=_release_date(opening),
        title=title,
    )


def _markers(text: str) -> list[str]:
    return [" ".join(m.group().lower().split()) for m in _CARD_MARKERS.finditer(text)]


def _family(text: str, rel_path: str) -> str | None:
    from_path: str | None = None
    for part in reversed(PurePosixPath(rel_path).parts):
        match = _FAMILY_IN_PATH.search(part)
        if match:
            version = match.group(2) + (f".{match.group(3)}" if match.group(3) else "")
            from_path = f"Llama {version}"
            break
    for match in _FAMILY_IN_TEXT.finditer(text):
        found = f"Llama {match.group(2)}" + ("-Vision" if match.group(3) else "")
        if from_path is None or found.startswith(f"{from_path}-"):
            return found  # the text names it, or names it more precisely ("Llama 3.2-Vision")
        if found == from_path:
            break  # the first mention of the path's family is plain: keep it
    return from_path


def _release_date(text: str) -> dt.date | None:
    marker = _RELEASE.search(text)
    if marker is None:
        return None
    return first_date(_DATE, text, marker.end(), marker.end() + _RELEASE_WINDOW)


def _family_of(title: str) -> str:
    return title.split(" model card")[0]


def fill_from_cards(docs: list[Document]) -> list[Document]:
    """The documents, each model card without front matter that lacks a company or date given those of
    the card of the same family in the same folder (a card's `eval_details.md` and its `MODEL_CARD.md`)."""
    cards: dict[tuple[str, str], Citation] = {}
    for doc in docs:
        cite = doc.citation
        if cite.kind is DocKind.MODEL_CARD and cite.date is not None:
            cards.setdefault((str(PurePosixPath(doc.path).parent), _family_of(cite.title)), cite)
    filled: list[Document] = []
    for doc in docs:
        cite = doc.citation
        card = cards.get((str(PurePosixPath(doc.path).parent), _family_of(cite.title)))
        sniffed = doc.line is None and doc.body_start <= 1  # no front matter
        if cite.kind is DocKind.MODEL_CARD and sniffed and card is not None and card is not cite:
            update = {
                key: getattr(card, key)
                for key in ("company", "date", "period")
                if getattr(cite, key) is None and getattr(card, key) is not None
            }
            if update:
                doc = doc.model_copy(update={"citation": cite.model_copy(update=update)})
        filled.append(doc)
    return filled
