"""The static site publisher, built in two phases as in pelican: gather typed contexts (pure), then render
and write `OUT/site/`.

- `context`: `SiteContext` / `PageContext` / `CardContext` and `build_site_context`, badges and formats;
- `claimreview`: schema.org ClaimReview JSON-LD for an approved verdict;
- `urls`: only http(s) links reach a page;
- `render`: the autoescaped jinja2 environment (override folder first) and every file, in memory;
- `site`: the one writer of `OUT/site/` (with its manifest) and `publish_site`, the `publish` command.
"""

from claimcheck.outdir import SITE_FOLDER
from claimcheck.publish.claimreview import claim_review_jsonld
from claimcheck.publish.context import (
    DEFAULT_SITE_NAME,
    Badge,
    CardContext,
    CitationContext,
    EvidenceContext,
    LabelCount,
    PageContext,
    SiteContext,
    TakeawayItem,
    Takeaways,
    badge,
    build_site_context,
    format_date,
    format_timecode,
)
from claimcheck.publish.render import STYLESHEET, SiteFile, make_environment, render_site
from claimcheck.publish.site import (
    MANIFEST,
    publish_site,
    published_breakdowns,
    site_dir,
    write_site,
)

__all__ = [
    "DEFAULT_SITE_NAME",
    "MANIFEST",
    "SITE_FOLDER",
    "STYLESHEET",
    "Badge",
    "CardContext",
    "CitationContext",
    "EvidenceContext",
    "LabelCount",
    "PageContext",
    "SiteContext",
    "SiteFile",
    "TakeawayItem",
    "Takeaways",
    "badge",
    "build_site_context",
    "claim_review_jsonld",
    "format_date",
    "format_timecode",
    "make_environment",
    "publish_site",
    "published_breakdowns",
    "render_site",
    "site_dir",
    "write_site",
]
