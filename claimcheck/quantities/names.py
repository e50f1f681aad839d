"""Names with digits in them are names, never figures: H100, A100s, M2, RTX 4090, 5G, Q3, 10-K, COVID-19.

A model family's number is a version, kept for identity checks ("Llama 3.1" is not "Llama 3"): that is
`version_before`. Everything else here only says where the digits of a name are, so that no figure is
read from them.
"""

from __future__ import annotations

import re

from claimcheck.quantities.model import Quantity, Unit

# Families whose following number is a version: "Llama 3.1", "GPT-4o", "Claude 3.5", "Quest 3", "v2".
VERSION_FAMILIES: tuple[str, ...] = (
    "llama",
    "gpt",
    "quest",
    "gemini",
    "gemma",
    "claude",
    "version",
    "mistral",
    "mixtral",
    "qwen",
    "phi",
    "deepseek",
    "grok",
    "falcon",
    "iphone",
    "oneplus",
    "ios",
    "android",
    "windows",
    "python",
)
_FAMILY_RE = "|".join(VERSION_FAMILIES)
_VERSION_BEFORE = re.compile(rf"(?:\b(?:{_FAMILY_RE})[\s-]?|\bv)$", re.IGNORECASE)
# Spoken or written decimals right before these words name a version: "the three point one model".
_VERSION_AFTER = re.compile(
    r"^[\s-]+(?:models?|versions?|release|series|family|checkpoints?)\b", re.IGNORECASE
)
# A model size right before these words says how big the model is: "the 405B model", "70 billion model".
_SIZE_AFTER = re.compile(
    r"^[\s-]+(?:(?:parameters?|params?)[\s-]+)?(?:models?|variants?|checkpoints?)\b", re.I
)

_NAME_PATTERNS = (
    # letters glued to digits: H100, A100s, M2, B200, Q3, CO2eq, int4, x86, i7, A100-80GB
    r"(?<![A-Za-z0-9$€£.,])[A-Za-z]+\d[A-Za-z0-9.]*(?<!\.)(?:-\d+[A-Za-z][A-Za-z0-9]*)?",
    # an acronym, a hyphen, digits: COVID-19, GSM-8K, SARS-CoV-2 ("mid-2023" is a date, not a name)
    # (the first run is lowercase, so the second capital is the first one after the initial: linear)
    r"\b[A-Z][a-z]*[A-Z][A-Za-z]*-\d[A-Za-z0-9.]*(?<!\.)",
    # filings: 10-K, 10-Q, 8-K, 20-F, S-1
    r"\b(?:10-K|10-Q|8-K|6-K|20-F|40-F|S-1|S-4|F-1)\b",
    # product lines whose number is part of the name: RTX 4090, Pixel 8, Galaxy S24, Model 3
    r"\b(?:RTX|GTX|Radeon|Pixel|Galaxy|Xbox|PlayStation|Snapdragon|Ryzen|Model|Series)\s+[A-Z]?\d+[A-Za-z]*\b",
    # the company 3M ("3M did 32.8 billion", "3M's", "3M Company"), not a count of three million: no currency
    # sign before it, no plural noun, "of", "in", "per" or "dollars" after it ("3M users", "$3M")
    r"(?<![\w$€£.,])3M(?![\w-])(?!\s+(?:[a-z]+s|of|in|per|dollars?)\b)",
    # digits glued to letters that are no scale or unit: 5G, 3D, 80GB, 2nd, 4o, 10am
    r"(?<![\w.,])\d+(?:\.\d+)?(?!(?i:k|m|b|t|bn|mn|tn|mm|pp|s|x|bps)\b)[A-Za-z][A-Za-z0-9]*",
)
_NAME_RE = re.compile("|".join(f"(?:{p})" for p in _NAME_PATTERNS))
# Fiscal years written short ("FY24") are periods, read as years; the long form ("FY2024") too.
FISCAL_SHORT_RE = re.compile(r"\bFY\s?'?(\d{2})\b")
# A text that says its years are fiscal ones ("fiscal 2022", "FY2022", "the 2022 fiscal year").
FISCAL_SAID = re.compile(r"\bfiscal\b|\bFY(?![a-z])", re.IGNORECASE)


def version_before(text: str, start: int) -> bool:
    """A model family (or "v") right before `start`: the number there is a version."""
    return bool(_VERSION_BEFORE.search(text[max(0, start - 12) : start]))


# A model family's name right after a size: "the 8B Llama 3 model" names the model, not its size's claim.
_FAMILY_AFTER = re.compile(rf"^[ \t]+(?i:{_FAMILY_RE})\b")


def family_after(text: str, end: int) -> bool:
    """A model family's name, capitalised, right after `end` ("8B Llama 3"): the size before it is a name."""
    match = _FAMILY_AFTER.match(text[end : end + 20])
    return match is not None and match.group(0).lstrip()[:1].isupper()


def names_version_after(text: str, end: int) -> bool:
    """ "model", "version", "release"… right after `end`: the decimal before it names a version."""
    return bool(_VERSION_AFTER.match(text[end : end + 20]))


def size_after(text: str, end: int) -> bool:
    """ "model" (or "parameter model") right after `end`: the figure before it is a model's size."""
    return bool(_SIZE_AFTER.match(text[end : end + 30]))


def name_spans(text: str) -> list[tuple[int, int]]:
    """Where the names with digits are, other than a family's version ("GPT-4o" is a version)."""
    spans: list[tuple[int, int]] = []
    for m in _NAME_RE.finditer(text):
        word = m.group(0)
        if FISCAL_SHORT_RE.fullmatch(word) or re.fullmatch(r"FY\d{4}", word):
            continue  # a fiscal year, read by the year rules
        letters = re.match(r"[A-Za-z]+", word)
        if letters is not None and letters.group(0).lower() in (*VERSION_FAMILIES, "v", "usd"):
            continue  # a family's version ("GPT-4", "Llama3", "v2"), or money ("USD5")
        if version_before(text, m.start()):
            continue  # "GPT-4o": the "4o" is a version
        spans.append((m.start(), m.end()))
    return spans


def in_name(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


# The model a talk names by its size, written out after it by the claim stage: "the four oh five [Llama 3.1
# 405B]".
_MODEL_WRITTEN_AFTER = re.compile(r"(?<![ \t])[ \t]*+\[[^\]\n]{0,60}?(?<![\d.])(\d+(?:\.\d+)?)B\]")


def names_model(text: str, q: Quantity) -> bool:
    """A bare number resolved to the model of that size ("the 405 [Llama 3.1 405B]", "the four oh five
    [Llama 3.1 405B]"): a name, not a figure."""
    written = _MODEL_WRITTEN_AFTER.match(text, q.end)
    return written is not None and q.unit == Unit.COUNT and abs(q.value - float(written.group(1))) < 1e-9
