"""The site writer (phase 2b): the one module that writes `OUT/site/`, and `publish_site`, the whole
`publish` command (drafts + the review store → context → files).

The site is built whole in a temporary folder beside it (`OUT/.site.tmp-*`) and swapped in with two
renames (`claimcheck.fsutil.swap_in`), so a publish that dies midway (killed, disk full, a template error)
leaves the previous site exactly as it was: never a new index.html over old pages. A manifest lists what
the last build wrote, so a withdrawn page is dropped while files a newsroom put there by hand are carried
over into the new folder (hard links, else copies).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import warnings
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from claimcheck.drafts import draft_files, drafts_dir, read_all_drafts
from claimcheck.errors import ClaimcheckError, ClaimcheckWarning, ReviewError
from claimcheck.fsutil import TEMP_MARKER, link_or_copy, make_temp_dir, swap_in, write_new_file
from claimcheck.models import Breakdown, Passage, VerdictStatus
from claimcheck.outdir import SITE_FOLDER, out_writer, site_target
from claimcheck.publish.context import build_site_context
from claimcheck.publish.render import render_site
from claimcheck.publish.types import Correction, PageEditorial, SiteContext
from claimcheck.review import (
    SYNC_EDITOR,
    ReviewStore,
    apply_decisions,
    check_registered,
    get_sections,
    open_store,
)
from claimcheck.settings import Settings
from claimcheck.verify.stance import Verifier

# Lists the files the last build wrote, so a page withdrawn since (all its verdicts rejected) is removed,
# while files a newsroom put there by hand are left alone.
MANIFEST = ".claimcheck-site"


def site_dir(out_dir: Path) -> Path:
    """`OUT/site`: where `write_site` puts the pages."""
    return out_dir / SITE_FOLDER


def write_site(context: SiteContext, out_dir: Path, settings: Settings) -> list[Path]:
    """Render the site, build it in a temporary folder and swap it in whole for `OUT/site/` (under the
    output folder's writer lock). Files an earlier build wrote that this one does not (a withdrawn page)
    are gone; files a newsroom added are kept. Returns the paths of the files rendered."""
    files = render_site(context, settings)  # before touching the disk: a template error writes nothing
    names = [site_file.name for site_file in files]
    with out_writer(out_dir, settings):
        target = site_target(out_dir)
        temp = make_temp_dir(target.parent, f".{target.name}{TEMP_MARKER}")
        try:
            if target.is_dir():
                shutil.copymode(target, temp)
            for site_file in files:
                write_new_file(temp / site_file.name, site_file.text)
            _carry_foreign_files(target, temp, names)
            write_new_file(temp / MANIFEST, "".join(f"{name}\n" for name in names))
            swap_in(temp, target)
        except BaseException:
            shutil.rmtree(temp, ignore_errors=True)
            raise
    folder = site_dir(out_dir)
    return [folder / name for name in names]


def _carry_foreign_files(old: Path, new: Path, rendered: Sequence[str]) -> None:
    """Copy into `new` what a newsroom put into the old site folder by hand: every entry the last build
    did not write and this one does not either."""
    if not old.is_dir():
        return
    ours = {MANIFEST, *rendered, *_previous_names(old)}
    for entry in sorted(old.iterdir()):
        if entry.name in ours:
            continue
        dest = new / entry.name
        if entry.is_symlink():
            os.symlink(os.readlink(entry), dest)
        elif entry.is_dir():
            shutil.copytree(entry, dest, symlinks=True, copy_function=link_or_copy)
        else:
            link_or_copy(entry, dest)


def _previous_names(folder: Path) -> Iterable[str]:
    manifest = folder / MANIFEST
    if not manifest.is_file():
        return []
    names = manifest.read_text(encoding="utf-8", errors="replace").splitlines()
    # Only plain names this writer could have produced: never a path out of the folder.
    return [n for n in names if n and "/" not in n and "\\" not in n and not n.startswith(".")]


def published_breakdowns(out_dir: Path) -> list[Breakdown]:
    """Every draft breakdown in `OUT/drafts/` with the editors' decisions applied."""
    drafts = read_all_drafts(out_dir)
    with open_store(out_dir) as store:
        check_registered(drafts, store)
        return [apply_decisions(b, store) for b in drafts]


# Audit fields whose change to a published verdict is a correction readers are told about.
_CORRECTED_FIELDS = frozenset({"label", "status", "text", "rationale"})


def page_editorial(
    store: ReviewStore, breakdown: Breakdown, *, publish: bool, now: dt.datetime | None = None
) -> PageEditorial:
    """A page's sections, first publication and corrections from the review store. With `publish`, a
    page with an approved verdict that never went out goes out `now` (`newly_published`: the caller
    records it once the site is written)."""
    slug = breakdown.slug
    first = store.first_published(slug)
    newly = publish and first is None and any(v.status is VerdictStatus.APPROVED for v in breakdown.verdicts)
    if newly:
        first = now or dt.datetime.now(dt.UTC)
    corrections: list[Correction] = []
    if first is not None:
        for entry in store.audit_log(transcript_id=slug):
            if entry.at <= first or entry.field not in _CORRECTED_FIELDS or entry.editor == SYNC_EDITOR:
                continue
            # approving a claim publishes it; only taking an approved verdict back corrects the page
            if entry.field == "status" and entry.old != VerdictStatus.APPROVED.value:
                continue
            corrections.append(
                Correction(
                    at=entry.at,
                    claim_id=entry.claim_id,
                    field=entry.field or "",
                    old=entry.old,
                    new=entry.new,
                    note=entry.note,
                    editor=entry.editor,
                )
            )
    return PageEditorial(
        sections=get_sections(store, slug),
        first_published=first,
        corrections=corrections,
        newly_published=newly,
    )


def _connections_verifier(
    breakdowns: list[Breakdown], settings: Settings, load: Callable[[], Verifier | None] | None = None
) -> Verifier | None:
    """The verifier, for Context & Connections, when two or more breakdowns have approved claims (with one
    there is nothing to connect, and nothing is loaded); from `load` when the caller keeps one."""
    pages = sum(any(v.status is VerdictStatus.APPROVED for v in b.verdicts) for b in breakdowns)
    if pages < 2:
        return None
    if load is not None:
        return load()
    from claimcheck.verify.stance import load_verifier

    return load_verifier(settings.nli_model)


def corpus_passages(settings: Settings) -> list[Passage]:
    """The default corpus as passages (for Tools Mentioned, What They Missed and editors' evidence); none
    when the corpus folder is missing or unreadable, with a warning: the page is still published."""
    from claimcheck.corpus.chunk import chunk_documents
    from claimcheck.corpus.load import load_corpus

    try:
        return chunk_documents(load_corpus(settings.corpus_dir, settings.max_document_bytes), settings)
    except ClaimcheckError as exc:
        warnings.warn(
            ClaimcheckWarning(f"corpus not read for the page's extra sections: {exc.message()}"), stacklevel=2
        )
        return []


def site_context(
    drafts: list[Breakdown],
    store: ReviewStore,
    settings: Settings,
    *,
    include_drafts: bool,
    passages: list[Passage] | None = None,
    load_verifier: Callable[[], Verifier | None] | None = None,
) -> tuple[SiteContext, dict[str, PageEditorial]]:
    """The site as `publish` builds it from these drafts and the store's decisions and sections, and each
    page's editorial record (nothing is written: the review app's preview is this, rendered). A caller that
    keeps the corpus passages and the verifier (the review app) passes them; else they are read here."""
    breakdowns = [apply_decisions(b, store) for b in drafts]
    editorial = {b.slug: page_editorial(store, b, publish=not include_drafts) for b in breakdowns}
    context = build_site_context(
        breakdowns,
        include_drafts=include_drafts,
        site_name=settings.site_name,
        site_url=settings.site_url,
        settings=settings,
        editorial=editorial,
        passages=corpus_passages(settings) if passages is None else passages,
        verifier=_connections_verifier(breakdowns, settings, load_verifier),
    )
    return context, editorial


def publish_site(settings: Settings, *, include_drafts: bool) -> list[Path]:
    """Build `OUT/site/` from the drafts and the review store; returns the files written. Holds the output
    folder's writer lock throughout, so no `run` changes the drafts halfway.

    A draft that cannot be read (not UTF-8, not JSON, another schema) stops the publish before anything
    is written, naming the file: publishing the others would withdraw that transcript's live page.
    """
    if not draft_files(settings.out_dir):  # checked before the lock: a mistyped --out creates nothing
        raise ReviewError(
            f"no drafts in {drafts_dir(settings.out_dir)}", hint="run `claimcheck run TRANSCRIPT` first"
        )
    with out_writer(settings.out_dir, settings):
        drafts = read_all_drafts(settings.out_dir)
        with open_store(settings.out_dir) as store:
            check_registered(drafts, store)
            context, editorial = site_context(drafts, store, settings, include_drafts=include_drafts)
        written = write_site(context, settings.out_dir, settings)
        published = {page.slug for page in context.pages}
        # recorded only once the pages are out: a build that failed published nothing
        with open_store(settings.out_dir) as store:
            for slug, page in editorial.items():
                if page.newly_published and page.first_published and slug in published:
                    store.mark_published(slug, page.first_published)
        return written
