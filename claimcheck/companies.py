"""Company names as people say them and as filings print them: "Amazon.com, Inc." is "Amazon", "Facebook" is
"Meta", and "Amex" is American Express. Shared by the claims stage (a short name in a claim gets its full
name beside it) and the verify stage (a passage about the claim's company)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

# Words a company's name may carry or drop ("Meta Platforms, Inc." is "Meta"; "Amazon.com" is "Amazon").
_CORPORATE = frozenset(
    "inc incorporated corp corporation co company companies ltd limited plc llc lp sa ag nv the com "
    "platforms holdings group".split()
)
# A one-word company name with "Co" glued on, in its own capital: "PepsiCo" (not "Costco", "Sysco"); the talk
# calls it by the rest ("Pepsi"), which the claims stage's lexicon adds as its name (`abbreviates` does not).
_GLUED_CO = re.compile(r"(?<![\w-])((?-i:[A-Z])[a-z]{3,}+)Co\b")
# Former and parent names that mean the same company (both sides are normalised through this).
ALIASES = {"facebook": "meta", "google": "alphabet"}


def tokens(text: str) -> list[str]:
    """Lower-cased words, a dot kept only inside a number ("Llama-3.1" → llama, 3.1), aliases applied."""
    text = re.sub(r"(?<!\d)\.|\.(?!\d)", " ", text.lower())
    return [ALIASES.get(w, w) for w in re.findall(r"[a-z0-9.]+", text)]


def company_key(name: str) -> list[str]:
    """A company's name without its corporate words ("Amazon.com, Inc." → ["amazon"])."""
    words = [w for w in tokens(name.replace("&", " and ")) if w not in _CORPORATE]
    return words or tokens(name)


def abbreviates(short: str, name: str) -> bool:
    """Whether `short` is a company's name cut short: the first letters of its first two or more words,
    each kept to two letters or more ("Amex" for "American Express Company"), or their initials written in
    capitals ("J&J", "JNJ" for "Johnson & Johnson"; "At" is a word, not AT&T). A word said in full is no
    short name, nor is the start of a one-word name ("Sales" is not Salesforce)."""
    letters = re.sub(r"[^a-z]", "", short.lower())
    words = company_key(name)
    if len(letters) < 2 or len(words) < 2 or letters in words:
        return False
    initials = {
        "".join(w[0] for w in words),
        "".join(w[0] for w in words if w != "and"),
        "".join("n" if w == "and" else w[0] for w in words),
    }
    if letters in initials:
        return re.sub(r"[^A-Za-z]", "", short).isupper()
    return _prefixes(letters, [w for w in words if w != "and"], used=0)


def without_co(name: str) -> str | None:
    """A one-word company name without the "Co" glued to it ("Pepsi" of "PepsiCo", `_GLUED_CO`), else None."""
    glued = _GLUED_CO.fullmatch(name)
    return glued.group(1) if glued is not None else None


def said_without_co(short: str, name: str) -> bool:
    """`short` is `name` (as a filing prints it: "PepsiCo, Inc.") said without its glued "Co"."""
    return without_co(name.split(",")[0].strip()) == short


def _prefixes(letters: str, words: Sequence[str], used: int) -> bool:
    """`letters` is the starts (two letters or more) of the first two or more of `words`, in order."""
    if not letters:
        return used >= 2
    if not words:
        return False
    word = words[0]
    return any(
        _prefixes(letters[n:], words[1:], used + 1)
        for n in range(min(len(word), len(letters)), 1, -1)
        if word.startswith(letters[:n])
    )


# A name with another in parentheses: "Block (Square)", "Meta (Facebook)" (not "Llama 3.1 (405B)", "Acme
# (NYSE: ACM)": a size or a ticker is no second name).
_ALSO_CALLED = re.compile(r"(?P<name>[^()]*[^\s()])\s*\((?P<other>[A-Z][A-Za-z&'’. -]*[A-Za-z.])\)")


def entity_names(name: str) -> list[str]:
    """The names a front matter's entity gives: "Block (Square)" is Block and Square; any other one name."""
    both = _ALSO_CALLED.fullmatch(name.strip())
    if both is None:
        return [name.strip()]
    return [both.group("name").strip(), both.group("other").strip()]


def corpus_key(name: str) -> str:
    """A company's `company_key` joined by spaces ("best buy" for "BEST BUY CO., INC.")."""
    return " ".join(company_key(name))


def company_keys(names: Iterable[str | None]) -> frozenset[str]:
    """The `corpus_key`s of a corpus's companies: what the claims stage reads a transcript's front-matter
    names against."""
    return frozenset(corpus_key(name) for name in names if name)
