"""The one gate for links on the site: only http(s) URLs reach a page, joined and anchored here."""

from __future__ import annotations

import re


def safe_url(url: str | None) -> str | None:
    """Only http(s) links reach a page: a `javascript:` URL in a transcript's front matter must not."""
    if url and re.match(r"^https?://", url.strip(), flags=re.IGNORECASE):
        return url.strip()
    return None


def join_url(base: str | None, name: str) -> str | None:
    safe = safe_url(base)
    return None if safe is None else safe.rstrip("/") + "/" + name


def anchor_url(page_url: str | None, anchor: str) -> str | None:
    return None if page_url is None else f"{page_url}#{anchor}"
