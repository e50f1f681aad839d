"""schema.org ClaimReview JSON-LD for one approved verdict, safe to embed in a page's <script> element.

The fields Google documents for a ClaimReview: `claimReviewed`, `reviewRating` (a number on the site's
scale with `bestRating`, `worstRating` and the label as `alternateName`), `itemReviewed` (a `Claim` with its
`author` and its `appearance`), `url`, `datePublished` and `author`. Unverified is not on the scale, so an
unverified verdict is never published as a ClaimReview.
"""

from __future__ import annotations

import json

from claimcheck.models import Breakdown, Label, Verdict
from claimcheck.publish.urls import safe_url
from claimcheck.verify.rationale import reader_rationale

# ClaimReview numeric scale (worst 1 … best 3).
RATING: dict[Label, int] = {Label.HYPE: 1, Label.PARTIALLY_TRUE: 2, Label.REAL: 3}


def claim_review(
    verdict: Verdict,
    breakdown: Breakdown,
    *,
    site_name: str,
    url: str | None,
    appearance_url: str | None = None,
    date_published: str | None = None,
) -> dict[str, object] | None:
    """schema.org ClaimReview for one verdict as a dict; None for an unverified verdict."""
    label = verdict.label
    if label not in RATING:
        return None
    rating: dict[str, object] = {
        "@type": "Rating",
        "ratingValue": RATING[label],
        "bestRating": max(RATING.values()),
        "worstRating": min(RATING.values()),
        "alternateName": label.display,
    }
    item: dict[str, object] = {"@type": "Claim"}
    if verdict.claim.speaker:
        item["author"] = {"@type": "Person", "name": verdict.claim.speaker}
    if breakdown.date:
        item["datePublished"] = breakdown.date.isoformat()
    name = " · ".join(p for p in (breakdown.show, breakdown.title) if p)
    appearance: dict[str, object] = {"@type": "CreativeWork", "name": name}
    original = safe_url(appearance_url) or safe_url(breakdown.url)
    if original:
        appearance["url"] = original
    item["appearance"] = appearance
    review: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": verdict.claim.text,
        "reviewBody": reader_rationale(verdict.rationale),
        "author": {"@type": "Organization", "name": site_name},
        "reviewRating": rating,
        "itemReviewed": item,
    }
    if url:
        review["url"] = url
    published = date_published or (breakdown.date.isoformat() if breakdown.date else None)
    if published:
        review["datePublished"] = published
    return review


def claim_review_jsonld(
    verdict: Verdict,
    breakdown: Breakdown,
    *,
    site_name: str,
    url: str | None,
    appearance_url: str | None = None,
    date_published: str | None = None,
) -> str | None:
    """The ClaimReview as JSON safe to place inside a <script> element; None for an unverified verdict."""
    review = claim_review(
        verdict,
        breakdown,
        site_name=site_name,
        url=url,
        appearance_url=appearance_url,
        date_published=date_published,
    )
    if review is None:
        return None
    text = json.dumps(review, ensure_ascii=False, indent=None, separators=(", ", ": "))
    # "</script>" or "<!--" inside a claim must not end the element: escape the HTML-significant characters.
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
