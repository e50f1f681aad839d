"""Editors' markdown → safe HTML for a page section.

CommonMark via markdown-it-py with raw HTML turned off: a `<script>` an editor types is shown as text,
never run. Links keep only http(s), mailto and in-page (`#…`) targets; everything else loses its link.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markupsafe import Markup

_SAFE_LINK = re.compile(r"^(?:https?://|mailto:|#)", re.IGNORECASE)


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.validateLink = lambda url: bool(_SAFE_LINK.match(url.strip()))  # type: ignore[method-assign]
    return md


_MD = _parser()


def render_markdown(text: str) -> Markup:
    """The HTML of an editor's markdown, safe to place in a page unescaped."""
    if not text.strip():
        return Markup("")
    return Markup(_MD.render(text))


def plain_text(text: str) -> str:
    """The words of a short markdown text without its markup (for meta descriptions and the dek)."""
    tokens = _MD.parseInline(text.strip())
    out: list[str] = []
    for token in tokens:
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                out.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                out.append(" ")
    return " ".join("".join(out).split())
