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
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# A day of the month said as an ordinal word ("the eighteenth"); the tens said before one ("twenty third").
ORDINAL_DAYS = {
    w: i + 1
    for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
        "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split()
    )
}
ORDINAL_TENS = {"twenty": 20, "thirty": 30}

ELLIPSIS = "…"

# An initialism as a word of its own: "PBM", "HMOs", "EPS".
INITIALISM = re.compile(r"\b[A-Z]{2,5}s?\b")


def one_line(text: str, width: int) -> str:
    """`text` on one line (every run of whitespace made one space, stripped), cut to at most `width`
    characters with a trailing "…" when it is longer."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + ELLIPSIS


def normalise_claim_text(text: str) -> str:
    """Lowercase words and numbers only: what two wordings of the same claim share (a claim's id hashes
    it; re-attaching a decision compares it)."""
    return " ".join(re.findall(r"\d+(?:[.,]\d+)*|[^\W_]+", text.lower()))


_SURROGATE = re.compile("[\ud800-\udfff]")


def lone_surrogate(value: object) -> str | None:
    """What is wrong when a parsed JSON or YAML value's strings (keys included) hold a lone surrogate
    ("holds the escape \\ud800, …"), or None when none does. JSON may escape one ("\\ud800"), but it is
    no character: no file, page or terminal can hold it, so text carrying one is refused where it is
    read."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found = _SURROGATE.search(item)
            if found:
                return f"holds the escape \\u{ord(found.group()):04x}, a lone surrogate that is no character"
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None
