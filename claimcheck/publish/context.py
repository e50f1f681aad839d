"""The static site publisher: the one module that writes `OUT/site/`.

Two phases, as in pelican: `build_site_context` gathers one typed `SiteContext` from the reviewed
breakdowns (pure, no I/O), then `write_site` renders it with jinja2 and writes the folder. Each page
template renders exactly one documented context object:

- `breakdown.html` gets `site: SiteContext`, `page: PageContext`, `is_draft: bool`;
- `index.html` gets `site: SiteContext`, `is_draft: bool`;
- partials (`_card.html`, `_badge.html`, `_citation.html`, …) are included from those and see the same names
  plus their loop variable (`card`, `badge`, `evidence`).

Templates are looked up first in `Settings.templates_override` (a newsroom's restyle), then in the built-in
folder, so overriding one partial is enough. Output is deterministic: same input, same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from pathlib import Path

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
)
from pydantic import BaseModel, ConfigDict

from claimcheck.errors import ClaimcheckError
from claimcheck.fsutil import atomic_write_text
from claimcheck.models import Breakdown, Citation, DocKind, Evidence, Label, Stance, Verdict, VerdictStatus
from claimcheck.settings import Settings

SITE_FOLDER = "site"
STYLESHEET = "style.css"
# Lists the files the last build wrote, so a page withdrawn since (all its verdicts rejected) is removed,
# while files a newsroom put there by hand are left alone.
MANIFEST = ".claimcheck-site"
DEFAULT_SITE_NAME = "claimcheck"

# Slugs become file names; keep them to a safe, portable alphabet and away from the site's own files.
_SLUG_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_RESERVED_SLUGS = frozenset({"index", "style"})
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

# The badge beside every verdict: the label text always, an icon and a colour only as extras.
_ICONS: dict[Label, str] = {
    Label.REAL: "✓",
    Label.PARTIALLY_TRUE: "◐",
    Label.HYPE: "✗",
    Label.UNVERIFIED: "?",
}
# ClaimReview numeric scale (worst 1 … best 3). Unverified is not on the scale: it gets only its name.
_RATING: dict[Label, int] = {Label.HYPE: 1, Label.PARTIALLY_TRUE: 2, Label.REAL: 3}
_KIND_DISPLAY: dict[DocKind, str] = {
    DocKind.TEN_K: "Form 10-K",
    DocKind.MODEL_CARD: "Model card",
    DocKind.BREAKDOWN: "Breakdown",
}
_STANCE_DISPLAY: dict[Stance, str] = {
    Stance.SUPPORTS: "Supports the claim",
    Stance.CONTRADICTS: "Contradicts the claim",
    Stance.NEUTRAL: "Context",
}


# --------------------------------------------------------------------------------------------------
# the context (phase 1)


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
        site_url=_safe_url(site_url),
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
        if not _SLUG_RE.match(slug) or slug in _RESERVED_SLUGS:
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
    page_url = _join_url(site_url, filename)
    cards = [_card(v, breakdown, site_name=site_name, page_url=page_url) for v in shown]
    published = breakdown.model_copy(
        update={"verdicts": shown, "status": VerdictStatus.DRAFT if is_draft else VerdictStatus.APPROVED}
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
        url=_safe_url(breakdown.url),
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
    evidence = verdict.evidence or (verdict.draft.evidence if verdict.draft else [])
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
            claim_review_jsonld(verdict, breakdown, site_name=site_name, url=_anchor_url(page_url, anchor))
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
        kind=_KIND_DISPLAY.get(citation.kind),
        company=citation.company,
        period=citation.period,
        section=citation.section,
        page=page,
        url=_safe_url(citation.url),
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
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def format_timecode(seconds: float) -> str:
    """ "1:02:03" past the hour, else "2:03"."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _safe_url(url: str | None) -> str | None:
    """Only http(s) links reach a page: a `javascript:` URL in a transcript's front matter must not."""
    if url and re.match(r"^https?://", url.strip(), flags=re.IGNORECASE):
        return url.strip()
    return None


def _join_url(base: str | None, name: str) -> str | None:
    safe = _safe_url(base)
    return None if safe is None else safe.rstrip("/") + "/" + name


def _anchor_url(page_url: str | None, anchor: str) -> str | None:
    return None if page_url is None else f"{page_url}#{anchor}"


# --------------------------------------------------------------------------------------------------
# ClaimReview JSON-LD


def claim_review_jsonld(verdict: Verdict, breakdown: Breakdown, *, site_name: str, url: str | None) -> str:
    """schema.org ClaimReview for one verdict, as JSON safe to place inside a <script> element."""
    label = verdict.label
    rating: dict[str, object] = {"@type": "Rating", "alternateName": label.display}
    if label in _RATING:
        rating.update({"ratingValue": _RATING[label], "bestRating": max(_RATING.values()), "worstRating": 1})
    item: dict[str, object] = {"@type": "Claim"}
    if verdict.claim.speaker:
        item["author"] = {"@type": "Person", "name": verdict.claim.speaker}
    if breakdown.date:
        item["datePublished"] = breakdown.date.isoformat()
    appearance: dict[str, object] = {"@type": "CreativeWork", "name": breakdown.title}
    original = _safe_url(breakdown.url)
    if original:
        appearance["url"] = original
    item["appearance"] = appearance
    review: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": verdict.claim.text,
        "reviewBody": verdict.rationale,
        "author": {"@type": "Organization", "name": site_name},
        "reviewRating": rating,
        "itemReviewed": item,
    }
    if url:
        review["url"] = url
    text = json.dumps(review, ensure_ascii=False, indent=None, separators=(", ", ": "))
    # "</script>" or "<!--" inside a claim must not end the element: escape the HTML-significant characters.
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


# --------------------------------------------------------------------------------------------------
# rendering and writing (phase 2)


class SiteFile(_Ctx):
    name: str  # file name inside the site folder
    text: str


def site_dir(out_dir: Path) -> Path:
    """`OUT/site`: where `write_site` puts the pages."""
    return out_dir / SITE_FOLDER


def make_environment(settings: Settings) -> Environment:
    """Autoescaped jinja2, searching the override folder (if any) before the built-in templates."""
    folders: list[Path] = []
    if settings.templates_override is not None:
        folders.append(settings.templates_override)
    folders.append(settings.templates_dir)
    for folder in folders:
        if not folder.is_dir():
            raise ClaimcheckError(
                "template folder not found", path=folder, hint="--templates must name an existing folder"
            )
    loaders: list[BaseLoader] = [FileSystemLoader(str(folder)) for folder in folders]
    return Environment(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        undefined=StrictUndefined,  # a typo in an override template fails the build, not the page
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_site(context: SiteContext, settings: Settings) -> list[SiteFile]:
    """Every file of the site, rendered in memory, sorted by name."""
    env = make_environment(settings)
    files = [SiteFile(name=STYLESHEET, text=_source(env, STYLESHEET))]
    files.append(
        SiteFile(name="index.html", text=_render(env, "index.html", site=context, is_draft=context.is_draft))
    )
    for page in context.pages:
        html = _render(env, "breakdown.html", site=context, page=page, is_draft=page.is_draft)
        files.append(SiteFile(name=page.filename, text=html))
        files.append(SiteFile(name=f"{page.slug}.json", text=page.published.model_dump_json(indent=2) + "\n"))
    return sorted(files, key=lambda f: f.name)


def write_site(context: SiteContext, out_dir: Path, settings: Settings) -> list[Path]:
    """Write the site into `OUT/site/`; each file goes to a temporary name first, then is renamed.
    Files an earlier build wrote that this one does not (a withdrawn page) are removed."""
    files = render_site(context, settings)
    folder = site_dir(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for site_file in files:
        path = folder / site_file.name
        atomic_write_text(path, site_file.text)
        written.append(path)
    names = [f.name for f in files]
    for stale in sorted(set(_previous_names(folder)) - set(names)):
        (folder / stale).unlink(missing_ok=True)
    atomic_write_text(folder / MANIFEST, "".join(f"{name}\n" for name in names))
    return written


def _previous_names(folder: Path) -> Iterable[str]:
    manifest = folder / MANIFEST
    if not manifest.is_file():
        return []
    names = manifest.read_text(encoding="utf-8").splitlines()
    # Only plain names this writer could have produced: never a path out of the folder.
    return [n for n in names if n and "/" not in n and "\\" not in n and not n.startswith(".")]


def _render(env: Environment, name: str, **values: object) -> str:
    try:
        # Templates drop their final newline when rendered; put one back so every file ends cleanly.
        return env.get_template(name).render(**values) + "\n"
    except TemplateNotFound as exc:
        raise ClaimcheckError(f"template {exc.name!r} not found", hint=_search_hint(env)) from None
    except TemplateSyntaxError as exc:
        raise ClaimcheckError(f"template syntax: {exc.message}", path=exc.filename, line=exc.lineno) from None
    except TemplateError as exc:
        raise ClaimcheckError(f"template {name!r} failed: {exc}", hint=_search_hint(env)) from None


def _source(env: Environment, name: str) -> str:
    if env.loader is None:
        raise ClaimcheckError("the template environment has no loader", hint="build it with make_environment")
    try:
        source, _filename, _uptodate = env.loader.get_source(env, name)
    except TemplateNotFound:
        raise ClaimcheckError(f"{name!r} not found in the template folders", hint=_search_hint(env)) from None
    return source


def _search_hint(env: Environment) -> str:
    folders: list[str] = []
    if isinstance(env.loader, ChoiceLoader):
        for loader in env.loader.loaders:
            if isinstance(loader, FileSystemLoader):
                folders.extend(str(p) for p in loader.searchpath)
    return "searched " + ", ".join(folders)
