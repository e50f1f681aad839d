"""The site's typed contexts (phase 1, pure, no I/O): what each page shows, gathered from the reviewed
breakdowns, plus the badge and the date and timecode formats the templates use.

Two phases, as in pelican: `build_site_context` gathers one typed `SiteContext`, then `write_site` renders it
with jinja2 and writes the folder. `breakdown.html` renders a `PageContext` (its claim cards are
`CardContext`s); `index.html` renders the `SiteContext`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from claimcheck.corpus.kinds import kind_display
from claimcheck.errors import ClaimcheckError
from claimcheck.models import Breakdown, Citation, DocKind, Label, Passage, Stance, Verdict, VerdictStatus
from claimcheck.publish.claimreview import claim_review_jsonld
from claimcheck.publish.evidence import ShownQuote, note_evidence, shown_quotes, table_row
from claimcheck.publish.extras import (
    SECTION_HEADINGS,
    build_takeaways,
    content_terms,
    dedupe_cards,
    further_reading,
    is_segment,
    methodology_rows,
    missed_suggestions,
    policy_rules,
    tools_mentioned,
    with_connections,
)
from claimcheck.publish.markdown import plain_text, render_markdown
from claimcheck.publish.types import (
    Badge,
    CardContext,
    CitationContext,
    Correction,
    CorrectionContext,
    EntityPage,
    EvidenceContext,
    LabelCount,
    Moment,
    PageContext,
    PageEditorial,
    PersonContext,
    QuotePart,
    SectionContext,
    SiteContext,
    TableCell,
    TableContext,
)
from claimcheck.publish.urls import anchor_url, join_url, safe_url
from claimcheck.quantities import figures as figures_of
from claimcheck.settings import Settings
from claimcheck.text import MONTH_NAMES
from claimcheck.verify.rationale import reader_rationale
from claimcheck.verify.stance import Verifier

DEFAULT_SITE_NAME = "claimcheck"

# Slugs become file names; keep them to a safe, portable alphabet and away from the site's own files
# (index.html, style.css): `run` refuses these slugs, so that `publish` never meets one.
_SLUG_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
RESERVED_SLUGS = frozenset({"index", "style", "feed", "sitemap", "methodology", "corrections"})
RESERVED_PREFIXES = ("person-", "company-")

# The badge beside every verdict: the label text always, an icon and a colour only as extras.
_ICONS: dict[Label, str] = {
    Label.REAL: "🟢",
    Label.PARTIALLY_TRUE: "🟡",
    Label.HYPE: "🔴",
    Label.UNVERIFIED: "⚪",
}
_STANCE_DISPLAY: dict[Stance, str] = {
    Stance.SUPPORTS: "Supports the claim",
    Stance.CONTRADICTS: "Contradicts the claim",
    Stance.NEUTRAL: "Context",
}


def build_site_context(
    breakdowns: list[Breakdown],
    include_drafts: bool,
    *,
    site_name: str = DEFAULT_SITE_NAME,
    site_url: str | None = None,
    settings: Settings | None = None,
    editorial: Mapping[str, PageEditorial] | None = None,
    passages: Sequence[Passage] = (),
    verifier: Verifier | None = None,
) -> SiteContext:
    """Gather what the site shows. Only approved verdicts, unless `include_drafts` also adds unreviewed
    drafts (the page is then marked draft). Rejected verdicts never appear, and an unverified verdict
    appears only once an editor approved it. `editorial` holds each page's sections and corrections from
    the review store; `passages` is the corpus, for Tools Mentioned, What They Missed and the evidence an
    editor's explanation points to; `verifier` (optional) lets the stance connect claims across pages."""
    _check_slugs(breakdowns)
    settings = settings or Settings()
    editorial = editorial or {}
    pages: list[PageContext] = []
    skipped: list[str] = []
    for breakdown in breakdowns:
        shown = [v for v in breakdown.verdicts if _publishable(v, include_drafts)]
        if not shown:
            skipped.append(breakdown.slug)
            continue
        pages.append(
            _page(
                breakdown,
                shown,
                site_name=site_name,
                site_url=site_url,
                settings=settings,
                editorial=editorial.get(breakdown.slug, PageEditorial()),
                passages=passages,
            )
        )
    # Newest interview first, undated last, ties by slug (two stable sorts).
    pages.sort(key=lambda page: page.slug)
    pages.sort(key=lambda page: page.date_iso or "", reverse=True)
    pages = with_connections(pages, settings, verifier)
    corrections = [(p.slug, c) for p in pages for c in p.corrections]
    corrections.sort(key=lambda pair: (pair[1].date_iso, pair[0]), reverse=True)
    return SiteContext(
        site_name=site_name,
        site_url=safe_url(site_url),
        include_drafts=include_drafts,
        pages=pages,
        skipped=sorted(skipped),
        people=_entity_pages(pages, "person"),
        companies=_entity_pages(pages, "company"),
        labels=[badge(label) for label in Label if label is not Label.UNVERIFIED],
        policy=policy_rules(),
        settings_rows=methodology_rows(settings),
        corrections=corrections,
        updated_iso=max((p.published_iso or p.date_iso or "" for p in pages), default=None) or None,
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
        if not _SLUG_RE.match(slug) or slug in RESERVED_SLUGS or slug.startswith(RESERVED_PREFIXES):
            raise ClaimcheckError(
                f"slug {slug!r} cannot be a page name",
                path=breakdown.source_path,
                hint="use letters, digits, '.', '_' and '-' (not 'index', 'style', 'feed', 'methodology', "
                "'corrections' or a name starting 'person-' or 'company-') in the `slug`",
            )
        if slug in seen:
            raise ClaimcheckError(
                f"two breakdowns share the slug {slug!r}",
                path=breakdown.source_path,
                hint="give each transcript its own `slug` in its front matter",
            )
        seen.add(slug)


def _page(
    breakdown: Breakdown,
    shown: list[Verdict],
    *,
    site_name: str,
    site_url: str | None,
    settings: Settings,
    editorial: PageEditorial,
    passages: Sequence[Passage],
) -> PageContext:
    is_draft = any(v.status is not VerdictStatus.APPROVED for v in shown)
    filename = f"{breakdown.slug}.html"
    page_url = join_url(site_url, filename)
    published_iso = editorial.first_published.date().isoformat() if editorial.first_published else None
    cards = dedupe_cards(
        [
            _card(
                v,
                breakdown,
                site_name=site_name,
                page_url=page_url,
                filename=filename,
                settings=settings,
                passages=passages,
                published_iso=published_iso,
            )
            for v in shown
        ]
    )
    kept = {c.claim_id for c in cards}
    published = breakdown.model_copy(
        update={
            "verdicts": [v for v in shown if v.claim.id in kept],
            "status": VerdictStatus.DRAFT if is_draft else VerdictStatus.APPROVED,
            # for the newsroom, not the readers: what the reader worked around, the source file's hash
            "warnings": [],
            "source_sha256": None,
        }
    )
    sections = {
        name: SectionContext(name=name, heading=SECTION_HEADINGS[name], html=str(render_markdown(text)))
        for name, text in editorial.sections.items()
        if name in SECTION_HEADINGS and text.strip()
    }
    dek_source = editorial.sections.get("dek") or _first_sentence(breakdown.summary or "")
    dek = plain_text(dek_source) if dek_source else None
    people = [
        PersonContext(name=name, role=breakdown.roles.get(name), filename=entity_filename("person", name))
        for name in breakdown.speakers
    ]
    guests = [p for p in people if (p.role or "").strip().lower() != "host"] or people
    companies = sorted({c for v in shown for c in _companies(v) if not is_segment(c, passages)})
    byline = sorted({v.editor for v in shown if v.editor and v.status is VerdictStatus.APPROVED})
    takeaways = build_takeaways(cards)
    if "whats_real" in sections:
        takeaways = takeaways.model_copy(update={"real_html": sections.pop("whats_real").html})
    if "whats_hype" in sections:
        takeaways = takeaways.model_copy(update={"hype_html": sections.pop("whats_hype").html})
    anchors = {c.claim_id: c.anchor for c in cards}
    texts = {v.claim.id: v.claim.text for v in breakdown.verdicts}
    return PageContext(
        slug=breakdown.slug,
        filename=filename,
        url=page_url,
        title=breakdown.title,
        kicker=_kicker(breakdown.url),
        dek=dek,
        description=_description(dek, breakdown, cards),
        show=breakdown.show,
        episode=breakdown.episode,
        show_line=show_line(breakdown.show, breakdown.episode),
        date_iso=breakdown.date.isoformat() if breakdown.date else None,
        date_text=format_date(breakdown.date) if breakdown.date else None,
        published_iso=published_iso,
        published_text=format_date(editorial.first_published.date()) if editorial.first_published else None,
        duration_text=format_duration(breakdown.duration) if breakdown.duration else None,
        speakers=list(breakdown.speakers),
        guests=guests,
        people=people,
        companies=companies,
        byline=byline,
        original_url=safe_url(breakdown.url),
        summary=breakdown.summary,
        is_draft=is_draft,
        cards=cards,
        counts=[
            LabelCount(badge=badge(label), count=sum(c.badge.label is label for c in cards))
            for label in Label
        ],
        takeaways=takeaways,
        sections=sections,
        # a suggestion the editor accepted into What They Missed (the review app) is shown there, once
        missed=[
            s
            for s in missed_suggestions(breakdown, passages, settings)
            if s.quote not in editorial.sections.get("what_they_missed", "")
        ],
        tools=tools_mentioned(breakdown, passages),
        connections=[],
        further_reading=further_reading(cards),
        corrections=[
            _correction(c, anchors.get(c.claim_id), texts.get(c.claim_id)) for c in editorial.corrections
        ],
        published=published,
    )


def _card(
    verdict: Verdict,
    breakdown: Breakdown,
    *,
    site_name: str,
    page_url: str | None,
    filename: str,
    settings: Settings,
    passages: Sequence[Passage],
    published_iso: str | None,
) -> CardContext:
    claim = verdict.claim
    anchor = "claim-" + re.sub(r"[^A-Za-z0-9_-]", "-", claim.id)
    approved = verdict.status is VerdictStatus.APPROVED
    quotes = shown_quotes(verdict, settings)
    draft_label = verdict.draft.label if verdict.draft else None
    if verdict.editor and verdict.label is not draft_label and not any(q.decisive for q in quotes):
        # an editor's verdict: the evidence is what the editor's explanation points to, not the draft's
        quotes = note_evidence(verdict, passages) or [q for q in quotes if q.stance is None]
    evidence = [_evidence(q) for q in quotes]
    decisive = [q for q in quotes if q.decisive]
    figures = [part.text for e in evidence if e.decisive for part in e.parts if part.mark]
    timecode = format_timecode(claim.start) if claim.start is not None else claim.timecode
    said_at = Moment(timecode=timecode, url=timecode_url(breakdown.url, claim.start)) if timecode else None
    permalink = anchor_url(page_url, anchor) or f"{filename}#{anchor}"
    # the card's one-line explanation: the editor's own (the review app's field), else their note
    said = [t.strip() for t in (verdict.explanation, verdict.note) if t and t.strip()]
    explanation = said[0] if said else None
    return CardContext(
        anchor=anchor,
        permalink=permalink,
        claim_id=claim.id,
        badge=badge(verdict.label),
        status=verdict.status,
        unreviewed=not approved,
        text=claim.text,
        explanation=explanation,
        quote=claim.quote,
        speaker=claim.speaker,
        said_at=said_at,
        rationale=reader_rationale(verdict.rationale),
        evidence=evidence,
        editor=verdict.editor,
        added_by_editor=claim.added_by_editor,
        claim_review_json=(
            claim_review_jsonld(
                verdict,
                breakdown,
                site_name=site_name,
                url=anchor_url(page_url, anchor),
                appearance_url=said_at.url if said_at else None,
                date_published=published_iso,
            )
            if approved and verdict.label is not Label.UNVERIFIED
            else None
        ),
        figures=figures,
        source=short_source(decisive[0].evidence.passage.citation) if decisive else None,
        subject_terms=sorted(content_terms(claim.text)),
        claim_figures=sorted({f"{q.unit.value}:{q.value:g}" for q in figures_of(claim.text)}),
        source_docs=sorted({q.evidence.passage.doc_id for q in decisive}),
    )


# A quote made of list items, one to a line ("- Context: …", "* Tokenizer: …", "1. …").
_LIST_LINE = re.compile(r"(?:[-*•]|\d{1,2}[.)])\s")


def _listed(text: str) -> bool:
    lines = [line.strip() + " " for line in text.strip().splitlines() if line.strip()]
    return len(lines) > 1 and all(_LIST_LINE.match(line) for line in lines)


def _evidence(quote: ShownQuote) -> EvidenceContext:
    row = table_row(quote)
    return EvidenceContext(
        quote=quote.text,
        listed=_listed(quote.text),
        parts=[QuotePart(text=text, mark=mark) for text, mark in quote.parts()],
        table=(
            TableContext(
                unit=row.unit,
                label=row.label,
                cells=[TableCell(header=h, value=v, mark=m) for h, v, m in row.cells],
            )
            if row
            else None
        ),
        stance=_STANCE_DISPLAY[quote.stance] if quote.stance else None,
        decisive=quote.decisive,
        citation=citation_context(quote.evidence.passage.citation),
    )


def citation_context(citation: Citation) -> CitationContext:
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
        compiled_from=citation.compiled_from,
    )


def short_source(citation: Citation) -> str:
    """How prose names a source: "FY2023 10-K", "Llama 3.1 model card", else its title; a fact sheet says
    so ("FY2023 10-K fact sheet")."""
    sheet = " fact sheet" if citation.kind is DocKind.FACT_SHEET else ""
    if citation.source_kind is DocKind.TEN_K and citation.period:
        return f"{citation.period} 10-K{sheet}"
    if citation.source_kind is DocKind.MODEL_CARD:
        return citation.title.split(":")[0].replace(" fact sheet", "").strip() + sheet
    return citation.title


def _companies(verdict: Verdict) -> list[str]:
    subject = verdict.claim.subject
    names = [subject.company] if subject and subject.company else []
    return [n for n in names if n]


def _correction(c: Correction, anchor: str | None, claim: str | None) -> CorrectionContext:
    if c.field == "label":
        change = f"verdict {_label_name(c.old)} → {_label_name(c.new)}"
    elif c.field == "status":
        change = "withdrawn" if c.new == VerdictStatus.REJECTED.value else f"status {c.old} → {c.new}"
    elif c.field == "text":
        change = "claim reworded"
    else:
        change = f"{c.field} changed"
    day = c.at.date()
    return CorrectionContext(
        date_iso=day.isoformat(),
        date_text=format_date(day),
        anchor=anchor,
        claim=claim or c.claim_id,
        change=change,
        reason=c.note,
        editor=c.editor,
    )


def _label_name(value: str | None) -> str:
    try:
        return Label(value).display if value else "none"
    except ValueError:
        return value or "none"


def _kicker(url: str | None) -> str:
    host = (url or "").lower()
    if any(v in host for v in ("youtube.com", "youtu.be", "vimeo.com")):
        return "Video Breakdown"
    return "Interview Breakdown"


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    match = re.search(r"(?<=[.!?])\s+(?=[A-Z])", text)
    return text[: match.start()] if match else text


def _description(dek: str | None, breakdown: Breakdown, cards: list[CardContext]) -> str:
    counts = ", ".join(
        f"{n} {label.display}" for label in Label if (n := sum(c.badge.label is label for c in cards))
    )
    lead = dek or breakdown.title
    return f"{lead} Fact-check: {counts}." if counts else lead


def show_line(show: str | None, episode: str | None) -> str | None:
    """ "Signal Check · Episode 7": a bare episode number reads "Episode 7"; "S2E4" stays as written."""
    if not show and not episode:
        return None
    ep = (episode or "").strip()
    if ep and re.fullmatch(r"\d+", ep):
        ep = f"Episode {ep}"
    return " · ".join(p for p in ((show or "").strip(), ep) if p) or None


def timecode_url(url: str | None, seconds: float | None) -> str | None:
    """The original at that second: YouTube `?t=`, Vimeo `#t=`; None for any other (or no) url."""
    safe = safe_url(url)
    if safe is None or seconds is None:
        return None
    t = max(0, int(seconds))
    host = urlsplit(safe).netloc.lower()
    if host.endswith(("youtube.com", "youtu.be")):
        parts = urlsplit(safe)
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "t"]
        query.append(("t", f"{t}s"))
        return urlunsplit(parts._replace(query=urlencode(query), fragment=""))
    if host.endswith("vimeo.com"):
        return urlunsplit(urlsplit(safe)._replace(fragment=f"t={t}s"))
    return None


def format_duration(seconds: float) -> str:
    """ "1h 20m", "9m"."""
    minutes = max(1, round(seconds / 60))
    hours, rest = divmod(minutes, 60)
    return f"{hours}h {rest}m" if hours else f"{rest}m"


def entity_filename(kind: str, name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "unnamed"
    return f"{kind}-{slug}.html"


def _entity_pages(pages: list[PageContext], kind: str) -> list[EntityPage]:
    found: dict[str, tuple[str, str | None, list[str]]] = {}
    for page in pages:
        if kind == "person":
            entries = [(p.name, p.role) for p in page.people]
        else:
            entries = [(c, None) for c in page.companies]
        for name, role in entries:
            filename = entity_filename(kind, name)
            prior = found.get(filename)
            if prior is None:
                found[filename] = (name, role, [page.slug])
            elif page.slug not in prior[2]:
                prior[2].append(page.slug)
    return [
        EntityPage(kind=kind, name=name, role=role, filename=filename, pages=slugs)
        for filename, (name, role, slugs) in sorted(found.items())
    ]


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
