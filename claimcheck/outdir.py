"""The output folder (`--out`, default ./output): what lives in it, and its one writer at a time.

    OUT/drafts/<slug>.json   the drafts `run` writes (`claimcheck.drafts`)
    OUT/claimcheck.sqlite    the review store (`claimcheck.review.store`)
    OUT/site/                the published site (`claimcheck.publish.site`)
    OUT/.index/              the corpus index cache (`claimcheck.index.cache`)
    OUT/.claimcheck.lock     the writer lock

`run` and `publish` hold `out_writer` while they write: a second one on the same folder waits
`Settings.lock_timeout` seconds, then fails naming the first (editors' decisions go through SQLite's own
locking and need no more). On entry it clears what a killed writer left: temporary files in drafts/ and
site/, a half-built site folder, and a site that a publish killed between its two renames took away.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from claimcheck.fsutil import (
    TEMP_MARKER,
    recover_swap,
    remove_swap_leftovers,
    remove_temp_files,
    writer_lock,
)
from claimcheck.settings import Settings

DRAFTS_FOLDER = "drafts"
SITE_FOLDER = "site"
LOCK_FILE = ".claimcheck.lock"


def site_target(out_dir: Path) -> Path:
    """The folder a publish replaces: `OUT/site`, or where it leads when it is a symbolic link (a site
    served from elsewhere stays a link to there)."""
    folder = out_dir / SITE_FOLDER
    return folder.resolve() if folder.is_symlink() else folder


@contextmanager
def out_writer(out_dir: Path, settings: Settings) -> Iterator[None]:
    """Hold the output folder's writer lock, after clearing what a killed writer left in it."""
    with writer_lock(out_dir / LOCK_FILE, timeout=settings.lock_timeout, what=f"the output folder {out_dir}"):
        clear_leftovers(out_dir)
        yield


def clear_leftovers(out_dir: Path) -> None:
    """Remove a killed writer's temporary files and half-built site; put back a site a publish killed
    between its renames. Only under the writer lock: a live writer's files would go too."""
    site = site_target(out_dir)
    recover_swap(site)
    remove_swap_leftovers(site, TEMP_MARKER)
    remove_temp_files(out_dir / DRAFTS_FOLDER)
    remove_temp_files(site)
