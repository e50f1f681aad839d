"""The site writer (phase 2b): the one module that writes `OUT/site/`, and `publish_site`, the whole
`publish` command (drafts + the review store → context → files).

The site is built whole in a temporary folder beside it (`OUT/.site.tmp-*`) and swapped in with two
renames (`claimcheck.fsutil.swap_in`), so a publish that dies midway (killed, disk full, a template error)
leaves the previous site exactly as it was: never a new index.html over old pages. A manifest lists what
the last build wrote, so a withdrawn page is dropped while files a newsroom put there by hand are carried
over into the new folder (hard links, else copies).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path

from claimcheck.drafts import draft_files, drafts_dir, read_all_drafts
from claimcheck.errors import ReviewError
from claimcheck.fsutil import TEMP_MARKER, link_or_copy, make_temp_dir, swap_in, write_new_file
from claimcheck.models import Breakdown
from claimcheck.outdir import SITE_FOLDER, out_writer, site_target
from claimcheck.publish.context import SiteContext, build_site_context
from claimcheck.publish.render import render_site
from claimcheck.review import apply_decisions, check_registered, open_store
from claimcheck.settings import Settings

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
        breakdowns = published_breakdowns(settings.out_dir)
        context = build_site_context(
            breakdowns,
            include_drafts=include_drafts,
            site_name=settings.site_name,
            site_url=settings.site_url,
        )
        return write_site(context, settings.out_dir, settings)
