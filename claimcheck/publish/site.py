"""The site writer (phase 2b): the one module that writes `OUT/site/`, and `publish_site`, the whole
`publish` command (drafts + the review store → context → files).

Each file goes to a temporary name first, then is renamed; a manifest lists what the last build wrote, so a
withdrawn page is removed while files a newsroom put there by hand are left alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from claimcheck.drafts import read_all_drafts
from claimcheck.errors import ReviewError
from claimcheck.fsutil import atomic_write_text
from claimcheck.models import Breakdown
from claimcheck.publish.context import SiteContext, build_site_context
from claimcheck.publish.render import render_site
from claimcheck.review import apply_decisions, open_store
from claimcheck.settings import Settings

SITE_FOLDER = "site"
# Lists the files the last build wrote, so a page withdrawn since (all its verdicts rejected) is removed,
# while files a newsroom put there by hand are left alone.
MANIFEST = ".claimcheck-site"


def site_dir(out_dir: Path) -> Path:
    """`OUT/site`: where `write_site` puts the pages."""
    return out_dir / SITE_FOLDER


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


def published_breakdowns(out_dir: Path) -> list[Breakdown]:
    """Every draft breakdown in `OUT/drafts/` with the editors' decisions applied."""
    drafts = read_all_drafts(out_dir)
    with open_store(out_dir) as store:
        return [apply_decisions(b, store) for b in drafts]


def publish_site(settings: Settings, *, include_drafts: bool) -> list[Path]:
    """Build `OUT/site/` from the drafts and the review store; returns the files written."""
    breakdowns = published_breakdowns(settings.out_dir)
    if not breakdowns:
        raise ReviewError(
            f"no drafts in {settings.out_dir / 'drafts'}", hint="run `claimcheck run TRANSCRIPT` first"
        )
    context = build_site_context(
        breakdowns, include_drafts=include_drafts, site_name=settings.site_name, site_url=settings.site_url
    )
    return write_site(context, settings.out_dir, settings)
