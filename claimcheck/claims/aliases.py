"""Which model a corpus means by a size or a variant said alone: "The 405B model alone used about 31 million
GPU hours", "Scout handles ten million tokens".

A transcript's front matter names its models, and the subject tracker reads "the 405B" against them. A bare
claim (`verify --claims`) has no front matter: only the corpus can say that its "405B" is Llama 3.1's. The
`ModelAliases` table is built once from the corpus's documents: every versioned model name a document prints
with a size or a variant ("Llama 3.1 405B", "Llama 4 Scout"), counted once per document. A size or variant is
an alias when one family and version holds at least `Settings.alias_share` of the documents that print it with
a family (and at least `Settings.alias_min_documents` of them): "405B" is Llama 3.1's, "8B" (Llama 3, 3.1 and
others) no one's. Documents, not mentions, vote: later cards compare with "Llama 3.1 8B" again and again.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from claimcheck.claims.entities import MODEL_RE, SIZE_RE, VARIANTS, model_entity
from claimcheck.companies import corpus_key

_VARIANT_RE = re.compile(rf"\b({'|'.join(VARIANTS)})\b")
# A size said alone: "405B", "the 405B model" (not "Llama 3.1 405B", which names its model already).
_ALONE = re.compile(rf"(?<![\w.-])(?:{SIZE_RE.pattern}|{_VARIANT_RE.pattern})", re.IGNORECASE)


@dataclass(frozen=True)
class ModelAliases:
    """Size or variant (upper-cased "405B", title-cased "Scout") -> the model it names ("Llama 3.1 405B")."""

    names: dict[str, str] = field(default_factory=dict)
    # family and version -> the sizes the corpus prints it with ("Llama 3.2": 1B, 3B, 11B, 90B; "Llama 4",
    # named by its variants only: none)
    sizes: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def from_texts(
        cls, texts: Iterable[tuple[str, str]], *, share: float, min_documents: int
    ) -> ModelAliases:
        """From (document id, text) pairs: a document's passages may come one by one."""
        seen: set[tuple[str, str, str]] = set()  # (document, size or variant, model)
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for doc, text in texts:
            for match in MODEL_RE.finditer(text):
                model = model_entity(match)
                if model.version is None or model.family is None:
                    continue
                base = f"{model.family}{'-' if model.family == 'GPT' else ' '}{model.version}"
                keys = {model.size} if model.size and model.size.endswith("B") else set()
                keys |= set(_VARIANT_RE.findall(match.group("tail")))
                for key in keys:
                    if key and (doc, key, base) not in seen:
                        seen.add((doc, key, base))
                        counts[key][base] += 1
        names: dict[str, str] = {}
        sizes: dict[str, set[str]] = defaultdict(set)
        for key, by_model in counts.items():
            (top, documents) = by_model.most_common(1)[0]
            if documents >= min_documents and documents / sum(by_model.values()) >= share:
                names[key] = f"{top} {key}"
            for base in by_model:
                if key.endswith("B"):
                    sizes[base].add(key)
                else:
                    # a model the corpus names by its variants ("Llama 4 Scout") is printed with the sizes it
                    # is printed with, if any: "the seventy B" said of it is another model's
                    sizes.setdefault(base, set())
        return cls(dict(sorted(names.items())), {b: frozenset(v) for b, v in sorted(sizes.items())})

    def named_in(self, text: str) -> list[str]:
        """The models `text` names by a size or variant alone, when it names no versioned model itself."""
        if any(match.group("version") for match in MODEL_RE.finditer(text)):
            return []
        found: list[str] = []
        for match in _ALONE.finditer(text):
            word = match.group(0)
            key = word.upper() if word[:1].isdigit() else word.title()
            model = self.names.get(key)
            if model is not None and model not in found:
                found.append(model)
        return found


# A company's name in a filing's list of companies, with its corporate suffix ("Competitors include
# AptarGroup, Inc., Ball Corporation, Berry Global Group, Inc, CCL"): a competitor or peer the filing names,
# which does not make the name the filer's product (an acquired "Bemis Company, Inc." is printed otherwise).
_LISTED_COMPANY_AFTER = (
    r"(?!(?:\s+group)?,?\s+(?:inc|incorporated|corp|corporation|company|co|ltd|limited|plc|llc|n\.v|s\.a|ag)\b(?!-)"
    r"\.?,)"
)


@dataclass
class CorpusOwners:
    """Whose documents print a product's or segment's name: "Darzalex" and "Stelara" only Johnson & Johnson's
    10-K, "Prevnar" only Pfizer's. A talk that names two companies and then "Darzalex grew like a third" is
    about the one whose filing prints it. A name one filing mentions only in passing (a competitor's app) is
    no one's: its owner's documents print it at least `min_mentions` times."""

    # (company key, lowercased text) of every document or passage with a company
    texts: list[tuple[str, str]]
    min_mentions: int
    _counts: dict[str, Counter[str]] = field(default_factory=dict)

    @classmethod
    def from_texts(cls, texts: Iterable[tuple[str | None, str]], *, min_mentions: int) -> CorpusOwners:
        """From (company, text) pairs, the company as its citation names it (None: no company's): a document
        whole, or its passages one by one (a passage's overlap with the next may count a mention twice)."""
        return cls([(corpus_key(company), text.lower()) for company, text in texts if company], min_mentions)

    def owner(
        self, name: str, among: frozenset[str] | None = None, *, at_least: int | None = None
    ) -> str | None:
        """The company key of the one company whose documents print `name`, `min_mentions` times or more
        (`at_least`, when given); None when another company's print it too, or none do. With `among` (company
        keys: the companies a talk names), only those companies' documents count: "Life Sciences" is
        Corning's in a talk about Corning and 3M even though other filings print it too."""
        counts = self._printed(name)
        printers = [key for key, n in counts.items() if n and (among is None or key in among)]
        only = printers[0] if len(printers) == 1 else None
        least = self.min_mentions if at_least is None else at_least
        return only if only is not None and counts[only] >= least else None

    def _printed(self, name: str) -> Counter[str]:
        """How many times each company's documents print `name`."""
        if name not in self._counts:
            low = name.lower()
            # (a space or a hyphen between its words: "Frito Lay" is "Frito-Lay"; not where the name is an
            # item of a list of companies: "Competitors include … Ball Corporation, Berry Global Group, Inc,")
            split = re.split(r"[\s-]+", low)
            words = r"[\s-]".join(re.escape(w) for w in split)
            pattern = re.compile(
                rf"(?<![\w&])(?<!, ){words}(?![\w&])|(?<=, ){words}(?![\w&]){_LISTED_COMPANY_AFTER}"
            )
            first = split[0]
            counts: Counter[str] = Counter()
            for key, text in self.texts:
                if first in text:
                    counts[key] += len(pattern.findall(text))
            self._counts[name] = counts
        return self._counts[name]
