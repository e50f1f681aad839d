"""The static site publisher, built in two phases as in pelican: gather typed contexts (pure), then render
and write `OUT/site/`.

- `types`: the typed contexts the templates render (`SiteContext`, `PageContext`, `CardContext`, …);
- `context`: `build_site_context`, badges, formats, timecode links;
- `evidence`: the quote that settled a card, its decisive figure marked, table rows with their headers;
- `extras`: What's Real / Hype prose, Tools Mentioned, What They Missed, connections, Further Reading;
- `markdown`: editors' sections as sanitised HTML;
- `feeds`: the Atom feed and sitemap.xml;
- `claimreview`: schema.org ClaimReview JSON-LD for an approved verdict;
- `urls`: only http(s) links reach a page;
- `render`: the autoescaped jinja2 environment (override folder first) and every file, in memory;
- `site`: the one writer of `OUT/site/` (with its manifest) and `publish_site`, the `publish` command.
"""

from claimcheck.outdir import SITE_FOLDER
from claimcheck.publish.claimreview import claim_review_jsonld
from claimcheck.publish.context import (
    DEFAULT_SITE_NAME,
    badge,
    build_site_context,
    format_date,
    format_timecode,
    show_line,
    timecode_url,
)
from claimcheck.publish.extras import missed_suggestions
from claimcheck.publish.render import STYLESHEET, SiteFile, make_environment, render_site
from claimcheck.publish.site import (
    MANIFEST,
    corpus_passages,
    publish_site,
    published_breakdowns,
    site_dir,
    write_site,
)
from claimcheck.publish.types import (
    Badge,
    CardContext,
    CitationContext,
    Correction,
    EvidenceContext,
    LabelCount,
    PageContext,
    PageEditorial,
    SiteContext,
    TakeawayItem,
    Takeaways,
)

__all__ = [
    "DEFAULT_SITE_NAME",
    "MANIFEST",
    "SITE_FOLDER",
    "STYLESHEET",
    "Badge",
    "CardContext",
    "CitationContext",
    "Correction",
    "EvidenceContext",
    "LabelCount",
    "PageContext",
    "PageEditorial",
    "SiteContext",
    "SiteFile",
    "TakeawayItem",
    "Takeaways",
    "badge",
    "build_site_context",
    "claim_review_jsonld",
    "corpus_passages",
    "format_date",
    "format_timecode",
    "make_environment",
    "missed_suggestions",
    "publish_site",
    "published_breakdowns",
    "render_site",
    "show_line",
    "site_dir",
    "timecode_url",
    "write_site",
]
