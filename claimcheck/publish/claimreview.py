"""schema.org ClaimReview JSON-LD for one approved verdict, safe to embed in a page's <script> element."""

from __future__ import annotations

import json

from claimcheck.models import Breakdown, Label, Verdict
from claimcheck.publish.urls import safe_url

# ClaimReview numeric scale (worst 1 … best 3). Unverified is not on the scale: it gets only its name.
_RATING: dict[Label, int] = {Label.HYPE: 1, Label.PARTIALLY_TRUE: 2, Label.REAL: 3}


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
    original = safe_url(breakdown.url)
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
