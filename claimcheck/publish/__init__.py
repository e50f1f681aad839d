"""The static site publisher."""

from claimcheck.publish.context import (
    MANIFEST,
    build_site_context,
    format_timecode,
    render_site,
    site_dir,
    write_site,
)

__all__ = [
    "MANIFEST",
    "build_site_context",
    "format_timecode",
    "render_site",
    "site_dir",
    "write_site",
]
