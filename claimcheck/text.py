"""Small wording helpers every layer may use: English month names, one-line excerpts, and the normal form
claims are compared in.

Month names are spelled out here rather than taken from the process locale, so dates read and print the
same on every machine.
"""

from __future__ import annotations

import re

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

ELLIPSIS = "…"


def one_line(text: str, width: int) -> str:
    """`text` on one line (every run of whitespace made one space, stripped), cut to at most `width`
    characters with a trailing "…" when it is longer."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + ELLIPSIS


def normalise_claim_text(text: str) -> str:
    """Lowercase words and numbers only: what two wordings of the same claim share (a claim's id hashes
    it; re-attaching a decision compares it)."""
    return " ".join(re.findall(r"\d+(?:[.,]\d+)*|[^\W_]+", text.lower()))
