"""The site's typed contexts (phase 1, pure, no I/O): what each page shows, gathered from the reviewed
breakdowns, plus the badge and the date and timecode formats the templates use.

Two phases, as in pelican: `build_site_context` gathers one typed `SiteContext`, then `write_site` renders it
with jinja2 and writes the folder. `breakdown.html` renders a `PageContext` (its claim cards are
`CardContext`s); `index.html` renders the `SiteContext`.
"""

from __future__ import annotations

import datetime as dt
import re

from pydantic import BaseModel, ConfigDict

from claimcheck.corpus.kinds import kind_display
from claimcheck.errors import ClaimcheckError
from claimcheck.models import Breakdown, Citation, Evidence, Label, Stance, Verdict, VerdictStatus
from claimcheck.publish.claimreview import claim_review_jsonld
from claimcheck.publish.urls import anchor_url, join_url, safe_url
from claimcheck.text import MONTH_NAMES

DEFAULT_SITE_NAME = "claimcheck"

# Slugs become file names; keep them to a safe, portable alphabet and away from the site's own files
# (index.html, style.css): `run` refuses these slugs, so that `publish` never meets one.
_SLUG_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
RESERVED_SLUGS = frozenset({"index", "style"})

# The badge beside every verdict: the label text always, an icon and a colour only as extras.
_ICONS: dict[Label, str] = {
    Label.REAL: "✓",
    Label.PARTIALLY_TRUE: "◐",
    Label.HYPE: "✗",
    Label.UNVERIFIED: "?",
}
_STANCE_DISPLAY: dict[Stance, str] = {
    Stance.SUPPORTS: "Supports the claim",
    Stance.CONTRADICTS: "Contradicts the claim",
    Stance.NEUTRAL: "Context",
}


class _Ctx(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Badge(_Ctx):
    label: Label
    text: str  # Label.display: "Real", "Partially True", "Hype", "Unverified"
    icon: str
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


class EvidenceContext(_Ctx):
    quote: str  # exact words of the source
    stance: str | None = None
    citation: CitationContext


class CardContext(_Ctx):
    """One claim card."""

    anchor: str  # the card's HTML id
    claim_id: str
    badge: Badge
    status: VerdictStatus
    unreviewed: bool  # a draft no editor has approved (only on draft builds)
    text: str  # the claim as checked (editor's wording when edited)
    quote: str  # what was said, verbatim
    speaker: str | None = None
    timecode: str | None = None
    rationale: str
    evidence: list[EvidenceContext]
    note: str | None = None
    editor: str | None = None
    added_by_editor: bool = False
    claim_review_json: str | None = None  # ClaimReview JSON-LD, HTML-safe; approved verdicts only


class LabelCount(_Ctx):
    badge: Badge
    count: int


class TakeawayItem(_Ctx):
    anchor: str
    text: str


class Takeaways(_Ctx):
    """The "What's Real" / "What's Hype" lists, derived from the verdict labels."""

    real: list[TakeawayItem]
    partly: list[TakeawayItem]
    hype: list[TakeawayItem]


class PageContext(_Ctx):
    """One breakdown page (`<slug>.html`) and its published data (`<slug>.json`)."""

    slug: str
    filename: str
    title: str
    show: str | None = None
    episode: str | None = None
    date_iso: str | None = None
    date_text: str | None = None  # "12 April 2026"
    speakers: list[str]
    url: str | None = None  # the original interview, http(s) only
    summary: str | None = None
    is_draft: bool  # carries unreviewed verdicts: DRAFT banner + noindex
    cards: list[CardContext]
    counts: list[LabelCount]  # one per label, in Label order, zeros included
    takeaways: Takeaways
    published: Breakdown  # only the verdicts shown; status approved unless is_draft


class SiteContext(_Ctx):
    site_name: str
    site_url: str | None = None
    include_drafts: bool
    pages: list[PageContext]  # newest interview first, then by slug
    skipped: list[str]  # slugs with nothing to publish (no approved verdict)

    @property
    def is_draft(self) -> bool:
        return any(page.is_draft for page in self.pages)


def build_site_context(
    breakdowns: list[Breakdown],
    include_drafts: bool,
    *,
    site_name: str = DEFAULT_SITE_NAME,
    site_url: str | None = None,
) -> SiteContext:
    """Gather what the site shows. Only approved verdicts, unless `include_drafts` also adds unreviewed
    drafts (the page is then marked draft). Rejected verdicts never appear, and an unverified verdict
    appears only once an editor approved it."""
    _check_slugs(breakdowns)
    pages: list[PageContext] = []
    skipped: list[str] = []
    for breakdown in breakdowns:
        shown = [v for v in breakdown.verdicts if _publishable(v, include_drafts)]
        if not shown:
            skipped.append(breakdown.slug)
            continue
        pages.append(_page(breakdown, shown, site_name=site_name, site_url=site_url))
    # Newest interview first, undated last, ties by slug (two stable sorts).
    pages.sort(key=lambda page: page.slug)
    pages.sort(key=lambda page: page.date_iso or "", reverse=True)
    return SiteContext(
        site_name=site_name,
        site_url=safe_url(site_url),
        include_drafts=include_drafts,
        pages=pages,
        skipped=sorted(skipped),
    )


def _publishable(verdict: Verdict, include_drafts: bool) -> bool:
    if verdict.status is VerdictStatus.APPROVED:
        return True
    if verdict.status is VerdictStatus.REJECTED or not include_drafts:
        return False
    return verdict.label is not Label.UNVERIFIED


def _check_slugs(breakdowns: list[Breakdown]) -> None:
    seen: set[str] = set()
    for breakdown in breakdowns:
        slug = breakdown.slug
        if not _SLUG_RE.match(slug) or slug in RESERVED_SLUGS:
            raise ClaimcheckError(
                f"slug {slug!r} cannot be a page name",
                path=breakdown.source_path,
                hint="use letters, digits, '.', '_' and '-' (and not 'index' or 'style') in the `slug`",
            )
        if slug in seen:
            raise ClaimcheckError(
                f"two breakdowns share the slug {slug!r}",
                path=breakdown.source_path,
                hint="give each transcript its own `slug` in its front matter",
            )
        seen.add(slug)


def _page(breakdown: Breakdown, shown: list[Verdict], *, site_name: str, site_url: str | None) -> PageContext:
    is_draft = any(v.status is not VerdictStatus.APPROVED for v in shown)
    filename = f"{breakdown.slug}.html"
    page_url = join_url(site_url, filename)
    cards = [_card(v, breakdown, site_name=site_name, page_url=page_url) for v in shown]
    published = breakdown.model_copy(
        update={
            "verdicts": shown,
            "status": VerdictStatus.DRAFT if is_draft else VerdictStatus.APPROVED,
            # for the newsroom, not the readers: what the reader worked around, the source file's hash
            "warnings": [],
            "source_sha256": None,
        }
    )
    return PageContext(
        slug=breakdown.slug,
        filename=filename,
        title=breakdown.title,
        show=breakdown.show,
        episode=breakdown.episode,
        date_iso=breakdown.date.isoformat() if breakdown.date else None,
        date_text=format_date(breakdown.date) if breakdown.date else None,
        speakers=list(breakdown.speakers),
        url=safe_url(breakdown.url),
        summary=breakdown.summary,
        is_draft=is_draft,
        cards=cards,
        counts=[
            LabelCount(badge=badge(label), count=sum(c.badge.label is label for c in cards))
            for label in Label
        ],
        takeaways=_takeaways(cards),
        published=published,
    )


def _card(verdict: Verdict, breakdown: Breakdown, *, site_name: str, page_url: str | None) -> CardContext:
    claim = verdict.claim
    anchor = "claim-" + re.sub(r"[^A-Za-z0-9_-]", "-", claim.id)
    # an editor's list stands even when empty (every quote dropped); else the draft's
    evidence = (
        verdict.evidence
        if verdict.editor
        else verdict.evidence or (verdict.draft.evidence if verdict.draft else [])
    )
    approved = verdict.status is VerdictStatus.APPROVED
    return CardContext(
        anchor=anchor,
        claim_id=claim.id,
        badge=badge(verdict.label),
        status=verdict.status,
        unreviewed=not approved,
        text=claim.text,
        quote=claim.quote,
        speaker=claim.speaker,
        timecode=format_timecode(claim.start) if claim.start is not None else claim.timecode,
        rationale=verdict.rationale,
        evidence=[_evidence(e) for e in evidence],
        note=verdict.note,
        editor=verdict.editor,
        added_by_editor=claim.added_by_editor,
        claim_review_json=(
            claim_review_jsonld(verdict, breakdown, site_name=site_name, url=anchor_url(page_url, anchor))
            if approved
            else None
        ),
    )


def _evidence(evidence: Evidence) -> EvidenceContext:
    return EvidenceContext(
        quote=evidence.quote,
        stance=_STANCE_DISPLAY[evidence.stance] if evidence.stance else None,
        citation=_citation(evidence.passage.citation),
    )


def _citation(citation: Citation) -> CitationContext:
    page: str | None = None
    if citation.printed_page:
        page = f"p. {citation.printed_page}"
    elif citation.page is not None:
        page = f"p. {citation.page + 1}"
    return CitationContext(
        title=citation.title,
        kind=kind_display(citation.kind),
        company=citation.company,
        period=citation.period,
        section=citation.section,
        page=page,
        url=safe_url(citation.url),
        date=format_date(citation.date) if citation.date else None,
    )


def _takeaways(cards: list[CardContext]) -> Takeaways:
    def items(label: Label) -> list[TakeawayItem]:
        return [TakeawayItem(anchor=c.anchor, text=c.text) for c in cards if c.badge.label is label]

    return Takeaways(real=items(Label.REAL), partly=items(Label.PARTIALLY_TRUE), hype=items(Label.HYPE))


def badge(label: Label) -> Badge:
    return Badge(label=label, text=label.display, icon=_ICONS[label], css_class=label.value.replace("_", "-"))


def format_date(day: dt.date) -> str:
    """ "12 April 2026", independent of the process locale."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def format_timecode(seconds: float) -> str:
    """ "1:02:03" past the hour, else "2:03"."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
