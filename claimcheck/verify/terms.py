"""Words a filing or a model card uses for what a speaker abbreviates: searched beside the claim's own.

"We spent about 28 billion on capex" is searched also as "capital expenditures", the words the 10-K (and a
fact sheet compiled from it) uses; the figure check reads "capex" as a spend already (`numbers._CANONICAL`).
Only the search text grows: the claim's checkable wording is unchanged.
"""

from __future__ import annotations

import re

# A spoken or shorthand term → the words documents use for it. Matched as whole words, case-insensitively
# except where the abbreviation is only an abbreviation in capitals (EPS, ARR, MAU).
_LOWER: dict[str, str] = {
    "capex": "capital expenditures",
    "opex": "operating expenses",
    "headcount": "employees employed people",
    # "has a hundred thousand employees": a filing says "we employed approximately 77,300 people"
    "employees": "employed people",
    # and a filing's "we had approximately 9,200 full-time employees" for "they employed about 12,000 people"
    "employed": "employees",
    "employs": "employees",
    "r&d": "research and development",
    "buyback": "share repurchases",
    "buybacks": "share repurchases",
    "bought back": "share repurchases",
    "buy back": "share repurchases",
    "buying back": "share repurchases",
    "top line": "total revenue",
    "bottom line": "net income",
    "pharma": "pharmaceutical",
}
_UPPER: dict[str, str] = {
    "EPS": "earnings per share",
    "ARR": "annualized recurring revenue",
    "FCF": "free cash flow",
    "DAU": "daily active users",
    "DAUs": "daily active users",
    "MAU": "monthly active users",
    "MAUs": "monthly active users",
    "DAP": "daily active people",
    "MAP": "monthly active people",
    "YoY": "year over year",
}
# A price paid for a named business is what a filing calls an acquisition: "paid thirteen point seven billion
# for Whole Foods", "bought Figma for twenty billion" ("we acquired Whole Foods Market … for approximately
# $13.2 billion"). A sum paid for anything else ("paid eight billion in dividends") is not.
_NAME = r"[A-Z][a-z][\w&'’-]*+(?:\s++[A-Z][\w&'’-]*+)*+"
_SUM = (
    r"(?:\$|\d|(?:a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b)"
)
_HEDGE = r"(?:(?i:about|like|roughly|around|almost|nearly)\s++)?+"
# A verb of paying, and a character of the clause (a point only inside a number: "$13.7B").
_PAID = r"\b(?i:paid|paying|pays|spent|spending|spends)\s++"
_IN_CLAUSE = r"(?:[^.;:!?]|\.(?=\d))"
_DEAL = re.compile(
    # "paid thirteen point seven billion for Whole Foods", the name ending its clause
    rf"{_PAID}{_HEDGE}{_SUM}{_IN_CLAUSE}{{0,50}}?\bfor\s++(?:the\s++)?+"
    rf"{_NAME}\s*+(?:[.,;:!?]|$|\b(?:and|in|back|last|this)\b)"
    # "spent $13.7B to buy Whole Foods Market", "paid twenty billion to acquire Figma"
    rf"|{_PAID}{_HEDGE}{_SUM}{_IN_CLAUSE}{{0,50}}?\bto\s++"
    rf"(?i:buy|acquire|purchase)\s++(?:the\s++)?+{_NAME}"
    # "bought Figma for twenty billion", "acquired Souq for about $580 million", "bought Souq in the spring
    # too, the Middle East one, for a billion"
    rf"|\b(?i:bought|buying|buys|buy|acquired|acquiring|acquires|acquire|purchased|purchasing|purchases)"
    rf"\s++(?:the\s++)?+{_NAME}\s++for\s++{_HEDGE}{_SUM}"
    # (said after an aside, the price names its scale: "for a billion", not "for about a year")
    rf"|\b(?i:bought|buying|buys|buy)\s++(?:the\s++)?+{_NAME}{_IN_CLAUSE}{{0,60}}?\sfor\s++{_HEDGE}{_SUM}"
    r"[\w.,]*+\s*+(?i:billion|million|bn)\b(?=\s*+(?i:dollars|bucks|cash|in|and|back|last|this|[.,;:!?]|$))"
)
# What a company "earned a share" is its earnings per share ("Pfizer earned something like five dollars a
# share, diluted").
# (a sum between them: "Services made up a share of revenue" says none)
_EARNED_A_SHARE = re.compile(
    rf"\b(?i:earned|earns|earning|made|makes)\b{_IN_CLAUSE}{{0,40}}?"
    rf"(?:\$|\d|\b(?i:dollars?|cents?|bucks?)\b){_IN_CLAUSE}{{0,20}}?\b(?i:a|per)\s++share\b"
)
_EPS_WORDS = "earnings per share"
# The shorthand written in capitals, as `measure_terms` gives it ("eps", "arr"): a measure, never a name.
SHORTHAND_MEASURES = frozenset(k.lower() for k in _UPPER)
_DEAL_WORDS = "acquired acquisition"
_LOWER_RE = re.compile(r"(?<![\w&])(" + "|".join(re.escape(k) for k in _LOWER) + r")(?![\w&])", re.IGNORECASE)
_UPPER_RE = re.compile(r"\b(" + "|".join(re.escape(k) for k in _UPPER) + r")\b")


def without_shorthand(text: str) -> str:
    """`text` with each shorthand term `expansion_words` expands left out ("EPS went down" → " went down"):
    its expansion then stands for it alone."""
    return _UPPER_RE.sub(" ", _LOWER_RE.sub(" ", text))


def expansion_words(text: str) -> str:
    """The documents' words for the shorthand terms `text` uses, each once, in order ("" when none)."""
    found = [_LOWER[m.group(1).lower()] for m in _LOWER_RE.finditer(text)]
    found += [_UPPER[m.group(1)] for m in _UPPER_RE.finditer(text)]
    if _DEAL.search(text):
        found.append(_DEAL_WORDS)
    if _EARNED_A_SHARE.search(text):
        found.append(_EPS_WORDS)
    return " ".join(dict.fromkeys(found))
