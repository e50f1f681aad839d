"""The typed contexts the templates render (pure data): one model per page part, documented field by field.

`breakdown.html` renders a `PageContext` (its claim cards are `CardContext`s); `index.html`, the person,
company, methodology and corrections pages and the feeds render the `SiteContext`.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict

from claimcheck.models import Breakdown, Label, VerdictStatus


class _Ctx(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Badge(_Ctx):
    label: Label
    text: str  # Label.display: "Real", "Partially True", "Hype", "Unverified"
    icon: str  # 🟢 🟡 🔴 ⚪: the seed's markers; the text is always beside it
    css_class: str  # "real", "partially-true", …


class CitationContext(_Ctx):
    title: str
    kind: str | None = None  # "Form 10-K", "Model card"; None for other documents
    company: str | None = None
    period: str | None = None
    section: str | None = None
    page: str | None = None  # "p. 42": the printed page number when known, else the 1-based index
    url: str | None = None  # http(s) only
    date: str | None = None
    # "fact sheet compiled from Meta Platforms' FY2023 Form 10-K" when the document is not the source itself
    compiled_from: str | None = None


class QuotePart(_Ctx):
    text: str
    mark: bool  # the figure that decided the verdict


class TableCell(_Ctx):
    header: str
    value: str
    mark: bool


class TableContext(_Ctx):
    """A quoted table row shown with its row label and its column headers."""

    unit: str | None = None  # "(in millions)"
    label: str
    cells: list[TableCell]


class EvidenceContext(_Ctx):
    quote: str  # exact words of the cited document (a slice of it)
    parts: list[QuotePart]  # the quote, the decisive figure marked
    table: TableContext | None = None
    stance: str | None = None  # only where the verifier's stance decided, and never against the label
    decisive: bool = False  # an exact check (figure, date, list) read this quote
    # the quote is a list of lines ("- Context: …\n- Tokenizer: …"), shown one item to a line
    listed: bool = False
    citation: CitationContext


class Moment(_Ctx):
    timecode: str  # "1:04"
    url: str | None = None  # the original at that second (YouTube ?t=, Vimeo #t=), else None


class CardContext(_Ctx):
    """One claim card."""

    anchor: str  # the card's HTML id
    permalink: str  # the card's own link: absolute with --base-url, else "page.html#anchor"
    claim_id: str
    badge: Badge
    status: VerdictStatus
    unreviewed: bool  # a draft no editor has approved (only on draft builds)
    text: str  # the claim as checked (editor's wording when edited)
    explanation: str | None = None  # the editor's one-line explanation (the note)
    quote: str  # what was said, verbatim
    speaker: str | None = None
    said_at: Moment | None = None
    also_said: list[Moment] = []  # the same claim said again later in the talk
    rationale: str
    evidence: list[EvidenceContext]
    editor: str | None = None
    added_by_editor: bool = False
    claim_review_json: str | None = None  # ClaimReview JSON-LD, HTML-safe; approved verdicts only
    figures: list[str] = []  # the decisive figures, as the source writes them ("$16.12 billion")
    source: str | None = None  # short name of the decisive source ("FY2023 10-K")
    subject_terms: list[str] = []  # lower-case content words of the claim, for connections
    claim_figures: list[str] = []  # the claim's own figures, normalised ("usd:134900000000")
    source_docs: list[str] = []  # the documents of the decisive quotes


class LabelCount(_Ctx):
    badge: Badge
    count: int


class TakeawayItem(_Ctx):
    """One sentence of What's Real / What's Hype: the claim's finding, with its figures and source."""

    anchor: str
    speaker: str | None = None  # given only when the page's cards have more than one speaker
    claim: str  # the claim as checked
    finding: str  # "the FY2023 10-K gives $134.90 billion"
    badge: Badge

    @property
    def text(self) -> str:
        who = f"{self.speaker}: " if self.speaker else ""
        return f"{who}“{self.claim}” — {self.finding}."


class Takeaways(_Ctx):
    """The "What's Real" / "What's Hype" prose: the editor's markdown when given, else sentences built
    from the approved cards."""

    real: list[TakeawayItem]
    partly: list[TakeawayItem]
    hype: list[TakeawayItem]
    real_html: str | None = None  # the editor's text, rendered from sanitised markdown
    hype_html: str | None = None


class SectionContext(_Ctx):
    name: str  # one of claimcheck.review.sections.SECTION_NAMES
    heading: str
    html: str  # rendered from sanitised markdown


class ToolContext(_Ctx):
    name: str
    description: str | None = None  # an exact sentence of the cited document
    figures: list[str] = []  # key figures from its model card or filing
    citation: CitationContext | None = None


class SuggestionContext(_Ctx):
    """A corpus passage on the talk's topics that no claim touched."""

    topic: str
    quote: str
    citation: CitationContext


class ConnectionContext(_Ctx):
    relation: str  # "agrees" | "contradicts" | "repeated"
    claim: str  # this page's claim
    anchor: str
    other_claim: str
    other_title: str
    other_url: str  # "other.html#claim-…"
    other_speaker: str | None = None
    other_badge: Badge


class SourceContext(_Ctx):
    """A primary source cited on the page (Further Reading): the filing or model card itself, once, with
    the sections cited and the site's fact sheets compiled from it."""

    title: str  # "Meta Platforms' FY2023 Form 10-K", else the document's title
    url: str | None = None
    date: str | None = None
    sections: list[str]  # "Item 7. Management's Discussion and Analysis", …
    fact_sheets: list[str]  # titles of the corpus documents compiled from it (empty: cited directly)
    cited: int  # cards citing it


class PersonContext(_Ctx):
    name: str
    role: str | None = None
    filename: str  # person-<slug>.html


class CorrectionContext(_Ctx):
    date_iso: str
    date_text: str
    anchor: str | None = None
    claim: str
    change: str  # "verdict Real → Hype"
    reason: str | None = None
    editor: str


class PageContext(_Ctx):
    """One breakdown page (`<slug>.html`) and its published data (`<slug>.json`)."""

    slug: str
    filename: str
    url: str | None = None  # this page's canonical url (with --base-url)
    title: str
    kicker: str  # "Video Breakdown", "Podcast Breakdown", "Breakdown"
    dek: str | None = None  # the editor's one-line thesis, else the summary's first sentence
    description: str  # meta description / OpenGraph
    show: str | None = None
    episode: str | None = None
    show_line: str | None = None  # "Signal Check · Episode 7"
    date_iso: str | None = None
    date_text: str | None = None  # "12 April 2026"
    published_iso: str | None = None  # when the page first went out (ClaimReview datePublished)
    published_text: str | None = None
    duration_text: str | None = None  # "1h 20m"
    speakers: list[str]
    guests: list[PersonContext]  # speakers other than the host, with role
    people: list[PersonContext]  # every speaker, with role
    companies: list[str]
    byline: list[str]  # the approving editors
    original_url: str | None = None  # the original interview, http(s) only
    summary: str | None = None
    is_draft: bool  # carries unreviewed verdicts: DRAFT banner + noindex
    cards: list[CardContext]
    counts: list[LabelCount]  # one per label, in Label order, zeros included
    takeaways: Takeaways
    sections: dict[str, SectionContext]  # the editor's sections that have text, by name
    missed: list[SuggestionContext]
    tools: list[ToolContext]
    connections: list[ConnectionContext]
    further_reading: list[SourceContext]
    corrections: list[CorrectionContext]
    published: Breakdown  # only the verdicts shown; status approved unless is_draft


class EntityPage(_Ctx):
    """A page per person or company: the breakdowns they appear in."""

    kind: str  # "person" | "company"
    name: str
    role: str | None = None
    filename: str
    pages: list[str]  # slugs, newest first


class MethodologyRow(_Ctx):
    name: str
    value: str
    comment: str


class SiteContext(_Ctx):
    site_name: str
    site_url: str | None = None
    include_drafts: bool
    pages: list[PageContext]  # newest interview first, then by slug
    skipped: list[str]  # slugs with nothing to publish (no approved verdict)
    people: list[EntityPage] = []
    companies: list[EntityPage] = []
    labels: list[Badge] = []
    policy: list[str] = []  # the verdict policy, one rule a line (from claimcheck.verify.policy)
    settings_rows: list[MethodologyRow] = []
    corrections: list[tuple[str, CorrectionContext]] = []  # (page slug, correction), newest first
    updated_iso: str | None = None  # newest page date, for the Atom feed

    @property
    def is_draft(self) -> bool:
        return any(page.is_draft for page in self.pages)

    def page(self, slug: str) -> PageContext:
        return next(p for p in self.pages if p.slug == slug)


class Correction(BaseModel):
    """A change to a published verdict after its page first went out (from the review store's audit)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    at: dt.datetime
    claim_id: str
    field: str  # "label", "status", "text", "rationale"
    old: str | None = None
    new: str | None = None
    note: str | None = None
    editor: str


class PageEditorial(BaseModel):
    """What the review store holds for a page beyond the verdicts: sections, first publication, changes."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    sections: dict[str, str] = {}
    first_published: dt.datetime | None = None
    corrections: list[Correction] = []
    newly_published: bool = False  # goes out with this build (first_published is then this build's time)
