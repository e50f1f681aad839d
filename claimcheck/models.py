"""Every type that crosses a stage. Files on disk carry `schema_version`."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=False)


# --------------------------------------------------------------------------------------------------
# enums


class Label(StrEnum):
    """A verdict label; serialised as its value, displayed with `.display`."""

    REAL = "real"
    PARTIALLY_TRUE = "partially_true"
    HYPE = "hype"
    UNVERIFIED = "unverified"

    @property
    def display(self) -> str:
        return _LABEL_DISPLAY[self]


_LABEL_DISPLAY = {
    Label.REAL: "Real",
    Label.PARTIALLY_TRUE: "Partially True",
    Label.HYPE: "Hype",
    Label.UNVERIFIED: "Unverified",
}


class ClaimType(StrEnum):
    QUANTITATIVE = "quantitative"
    FACTUAL = "factual"
    COMPARATIVE = "comparative"
    PREDICTIVE = "predictive"
    # A judgement with a checkable fact inside ("I think Google's search is amazing and it launched in
    # Norway"): the fact is checked.
    OPINION_WITH_FACT = "opinion_with_factual_core"
    # A pure opinion ("I think Zuck is the best CEO in tech"): shown to the editor, never checked.
    OPINION = "opinion"


class NonClaim(StrEnum):
    """Why a sentence is not a claim, when a rule or the learnt claim filter (not the check-worthiness score)
    says so."""

    QUESTION = "question"  # a real or rhetorical question
    HYPOTHETICAL = "hypothetical"  # "If they'd shipped it with a million tokens, …"
    SCREEN = "screen"  # describes what is on screen: "This is the instruct table"
    ANECDOTE = "anecdote"  # the speaker's own story: "I ran the 8B on my RTX 4090"
    META = "meta"  # about the show or the text: "We'll put the link in the description"
    FILLER = "filler"  # fillers, stutters, false starts, backchannels
    HEADING = "heading"  # an article title or section heading
    BYLINE = "byline"  # "By Jane Doe", "Posted on March 3"
    CAPTION = "caption"  # "Photo: …", "Image credit: …"
    DEFINITION = "definition"  # what a term means: "Churn is just the share of customers who leave"
    VAGUE = "vague"  # what a crowd felt or said: "Everybody was talking about it last year"
    HEARSAY = "hearsay"  # what someone told the speaker, not asserted: "Some guy on a forum told me …"
    # read as talk by the learnt claim filter (claims/claim_filter.py), in a shape no rule above names:
    # "Buying Figma was a panic move"
    TALK = "talk"


class DocKind(StrEnum):
    TEN_K = "10-K"
    MODEL_CARD = "model-card"
    BREAKDOWN = "breakdown"
    OTHER = "other"
    TEN_Q = "10-Q"
    EIGHT_K = "8-K"
    # A secondary compilation (a newsroom's notes on a filing): it names the primary source it came from.
    FACT_SHEET = "fact-sheet"


class Stance(StrEnum):
    SUPPORTS = "supports"
    NEUTRAL = "neutral"
    CONTRADICTS = "contradicts"


class VerdictStatus(StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"
    REJECTED = "rejected"


class DecisionAction(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    SET_VERDICT = "set_verdict"
    EDIT_TEXT = "edit_text"
    EDIT_RATIONALE = "edit_rationale"
    ADD_CLAIM = "add_claim"
    REOPEN = "reopen"  # a rejected (or approved) claim back to review: never a side effect of approve
    EDIT = "edit"  # a save of several fields at once (wording, explanation, evidence, rationale, label)
    MERGE = "merge"  # a duplicate folded into another claim of the same transcript (and rejected)


# --------------------------------------------------------------------------------------------------
# transcripts


class Utterance(_Model):
    """One speaker turn (or cue) as read from the file."""

    index: int
    speaker: str | None = None
    text: str
    start: float | None = None  # seconds
    end: float | None = None  # seconds
    timecode: str | None = None  # the original span text, e.g. "00:51:18:17 - 00:51:34:15"
    line: int | None = None  # 1-based line of the turn's first text line in the source file


class TranscriptMeta(_Model):
    title: str | None = None
    slug: str | None = None
    show: str | None = None  # series / podcast / channel
    episode: str | None = None
    date: dt.date | None = None
    speakers: list[str] = Field(default_factory=list)
    url: str | None = None
    summary: str | None = None
    # Everything else from the front matter (entities, topics, tags…), kept as read.
    extra: dict[str, Any] = Field(default_factory=dict)


class Format(StrEnum):
    """The reader that produced a transcript; each has one row in `claimcheck.transcripts.formats`."""

    TIMECODED = "timecoded"
    SRT = "srt"
    VTT = "vtt"
    SPEAKER_LINES = "speaker_lines"
    PROSE = "prose"


class Transcript(_Model):
    schema_version: int = SCHEMA_VERSION
    id: str  # the slug: front matter `slug`, else the file stem
    source_path: str
    format: Format  # the reader that produced it
    meta: TranscriptMeta = Field(default_factory=TranscriptMeta)
    utterances: list[Utterance]
    warnings: list[str] = Field(default_factory=list)


# --------------------------------------------------------------------------------------------------
# claims


class Occurrence(_Model):
    start: float | None = None
    end: float | None = None
    timecode: str | None = None
    utterance_index: int
    line: int | None = None
    quote: str


class ClaimSubject(_Model):
    """Who or what a claim is about, as typed fields; `name` is how the checkable text names it."""

    name: str  # "Llama 3.1 405B", "Amazon", "Verizon Consumer Group"
    company: str | None = None  # "Meta", "Amazon"
    segment: str | None = None  # "Consumer Group", "AWS"
    product: str | None = None  # "Cash App", "Whole Foods Market"
    model: str | None = None  # "Llama 3.1 405B"
    version: str | None = None  # "3.1"
    person: str | None = None  # "Mark Zuckerberg"


class Claim(_Model):
    id: str  # stable: hash of transcript id + normalised text
    transcript_id: str
    text: str  # the checkable, decontextualised claim; added words in [brackets]
    quote: str  # the verbatim words said
    speaker: str | None = None
    start: float | None = None
    end: float | None = None
    timecode: str | None = None
    occurrences: list[Occurrence] = Field(default_factory=list)
    type: ClaimType = ClaimType.FACTUAL
    checkworthiness: float = 0.0
    is_claim: bool = True
    sentence: str = ""  # the source sentence the claim came from
    context_before: list[str] = Field(default_factory=list)
    context_after: list[str] = Field(default_factory=list)
    date: dt.date | None = None  # the date that anchors "last year" (the transcript's date)
    # The years the talk's front matter says it is about ("Activision's 2019 and Amcor's Fiscal 2023"): a
    # claim that names no period may speak of them, not only of what was true on `date`.
    talk_years: list[int] = Field(default_factory=list)
    # The companies the talk names (front matter and turns; a model's, product's or segment's owner too). A
    # claim that names no subject is settled only by the documents of one of them: nothing links it to any
    # other company's. Empty for a claim checked on its own: then any document may settle it.
    talk_companies: list[str] = Field(default_factory=list)
    added_by_editor: bool = False
    # A compound claim's separately checked assertions ("X grew 28% while Y went up"); empty when one.
    parts: list[str] = Field(default_factory=list)
    # Who or what the claim is about: named in it, or resolved from the turns before and the front matter
    # (then named in the text in [brackets]). None when nothing names it.
    subject: ClaimSubject | None = None
    # The period the claim is about, when it says one: "2023", "FY2017", "Q4 2024" (anchors included).
    period: str | None = None
    # The claim leans on a word ("it", "they", "that one", "net income" with no company) whose referent
    # could not be resolved with confidence; `unresolved` is that word. Nothing was guessed.
    needs_context: bool = False
    unresolved: str | None = None
    # Set when a rule says the sentence is not a claim (is_claim is then False).
    non_claim: NonClaim | None = None
    # Its sentence ran past `max_claim_words` words: a transcript's is cut into windows of at most that
    # many (each a claim; `sentence` is the window with its neighbours); a bare claim (`verify`) is kept
    # whole and the verifier may read only its beginning. Either way an editor should read around it.
    overlong: bool = False


# --------------------------------------------------------------------------------------------------
# corpus


# A fiscal year that ends in this month or before, of the year it is named after, covers mostly the year
# before.
_LATE_YEAR_END_MONTH = 2


class Citation(_Model):
    title: str
    kind: DocKind = DocKind.OTHER
    company: str | None = None
    period: str | None = None  # e.g. "FY2023"
    # The last day of a filing's fiscal year, when known (its cover page's "For the fiscal year ended …"): a
    # year that ends in January or February is mostly the calendar year before (`calendar_years`).
    year_end: dt.date | None = None
    section: str | None = None  # item / heading path
    page: int | None = None  # 0-based page index in the source
    printed_page: str | None = None  # page number printed on the page, when found
    url: str | None = None
    date: dt.date | None = None
    # The document is not the source itself but a fact sheet written from it ("Meta Platforms' FY2023
    # Form 10-K"): pages then say "fact sheet compiled from …" and never call its words the source's own.
    compiled_from: str | None = None
    # A `fact-sheet` document: the kind of the primary source it restates (a 10-K, a model card), so the
    # stages that read filings or cards read it the same way while pages still call it a fact sheet.
    compiled_kind: DocKind | None = None

    @property
    def fiscal_year(self) -> int | None:
        """The fiscal year a filing's period names ("FY2018" → 2018), None for any other period."""
        match = re.fullmatch(r"FY((?:19|20)\d\d)", self.period or "")
        return int(match.group(1)) if match else None

    def calendar_years(self) -> set[int]:
        """The calendar years the period mostly covers: its fiscal year's, or the year before for a fiscal
        year that ends in January or February (Best Buy's fiscal 2023, ended January 28, 2023, is 2022)."""
        year = self.fiscal_year
        if year is None:
            return set()
        if (
            self.year_end is not None
            and self.year_end.month <= _LATE_YEAR_END_MONTH
            and self.year_end.year == year
        ):
            return {year - 1}
        return {year}

    @property
    def source_kind(self) -> DocKind:
        """The kind of document the text comes from: a fact sheet's primary source kind, else its kind."""
        if self.kind is DocKind.FACT_SHEET and self.compiled_kind is not None:
            return self.compiled_kind
        return self.kind


class Document(_Model):
    doc_id: str  # the jsonl `id`, or the file's path relative to the corpus root
    path: str  # source file relative to the corpus root
    citation: Citation
    content_hash: str  # sha256 of the document's raw text
    body_start: int = 0  # offset of the body in the raw text (after front matter)
    body_end: int = 0
    line: int | None = None  # for jsonl documents: the 1-based line; spans index its `text` field
    raw: str = Field(default="", exclude=True, repr=False)  # the raw text spans index into


class Passage(_Model):
    passage_id: str  # "<doc_id>#<n>"
    doc_id: str
    text: str  # what is embedded (may carry headings / table headers)
    raw_text: str  # exactly raw[start:end] of the source document
    start: int  # character span into the document's raw text
    end: int
    citation: Citation
    # A row described from cells printed apart, with other rows' figures between them (a label-column
    # table's row across its columns: "Net income | 2022: 4,756 | 2021: 4,822"): each cell's span in
    # `raw_text`, in the order the description gives them; empty for every other passage.
    cells: tuple[tuple[int, int], ...] = ()

    def owns(self, offset: int) -> bool:
        """Whether a figure at `offset` in `raw_text` is the passage's own: for a row printed apart, one in
        its cells (the figures between them are other rows'); for any other passage, every figure."""
        return not self.cells or any(a <= offset < b for a, b in self.cells)


class SearchHit(_Model):
    passage: Passage
    score: float  # the ranking score of the search mode: cosine, BM25, or reciprocal-rank fusion
    dense_score: float | None = None  # cosine similarity to the query (dense and hybrid modes)
    bm25_score: float | None = None  # BM25 score (bm25 and hybrid modes)
    # Hybrid mode: the passage holds a figure within `number_match_tolerance` of a figure in the query.
    figure_match: bool | None = None


class Evidence(_Model):
    passage: Passage
    quote: str  # an exact substring of the raw source text
    quote_start: int
    quote_end: int
    score: float  # retrieval score
    stance: Stance | None = None

    @property
    def shown(self) -> str:
        """The quote as a reader is shown it: a row read from cells printed apart (`Passage.cells`) as its
        passage describes it ("Net income | 2022: 4,756 | 2021: 4,822"), never as the run of other rows'
        figures between its cells; any other quote as it is."""
        if self.passage.cells:
            return self.passage.text.rsplit("\n", 1)[-1]
        return self.quote


class ClaimEvidence(_Model):
    claim: Claim
    evidence: list[Evidence]
    sources_searched: list[str] = Field(default_factory=list)


# --------------------------------------------------------------------------------------------------
# verdicts


class Signal(_Model):
    """One piece of reasoning behind a verdict: a number check, a stance, a marker."""

    name: str  # e.g. "number_match", "number_mismatch", "no_relevant_evidence", "forward_looking"
    value: float | str | bool | None = None
    detail: str = ""
    passage_id: str | None = None


class DraftVerdict(_Model):
    claim_id: str
    label: Label
    confidence: float
    needs_review: bool
    review_reasons: list[str] = Field(default_factory=list)
    rationale: str
    evidence: list[Evidence] = Field(default_factory=list)
    signals: list[Signal] = Field(default_factory=list)
    sources_searched: list[str] = Field(default_factory=list)


class EditorDecision(_Model):
    transcript_id: str
    claim_id: str
    action: DecisionAction
    editor: str
    label: Label | None = None
    text: str | None = None  # new claim wording (edit_text / add_claim)
    rationale: str | None = None
    note: str | None = None
    quote: str | None = None  # verbatim quote at decision time, used to re-attach
    at: dt.datetime | None = None
    explanation: str | None = None  # the card's one-line explanation
    # The evidence the card shows, in order (kept, reordered, attached); None keeps the current list.
    evidence: list[Evidence] | None = None
    merge_into: str | None = None  # merge: the claim id (same transcript) this one duplicates
    # add_claim: where in the transcript the added claim's words were said
    speaker: str | None = None
    start: float | None = None
    timecode: str | None = None
    # The claim's decision version the editor saw; a save against another version is a conflict.
    # None: no check (the CLI, which reads and writes in one call).
    version: int | None = None


class Verdict(_Model):
    """A claim with its draft and, once reviewed, the editor's final word."""

    claim: Claim
    draft: DraftVerdict | None = None
    label: Label
    rationale: str
    confidence: float
    status: VerdictStatus = VerdictStatus.DRAFT
    editor: str | None = None
    note: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)
    explanation: str | None = None  # the editor's one-line explanation for the card


class Breakdown(_Model):
    """The whole page for one transcript. Drafts and published pages share this shape."""

    schema_version: int = SCHEMA_VERSION
    slug: str
    title: str
    show: str | None = None
    episode: str | None = None
    date: dt.date | None = None
    speakers: list[str] = Field(default_factory=list)
    url: str | None = None
    summary: str | None = None
    source_path: str
    # sha256 of the transcript file's bytes: with `source_path`, what tells a re-run of the same transcript
    # from another one claiming its slug. None in drafts written before it was recorded.
    source_sha256: str | None = None
    status: VerdictStatus = VerdictStatus.DRAFT
    verdicts: list[Verdict]
    index_manifest: dict[str, Any] = Field(default_factory=dict)
    # What the transcript reader noticed and worked around (overlapping cues, a Windows-1252 fallback…).
    warnings: list[str] = Field(default_factory=list)
    # From the transcript's front matter, for the published page: what the talk is about and names, each
    # speaker's role ("Host", "Vice president, Meta"), and how long it runs (seconds, from its timecodes).
    topics: list[str] = Field(default_factory=list)
    entities: list[str] = Field(default_factory=list)
    roles: dict[str, str] = Field(default_factory=dict)
    duration: float | None = None
