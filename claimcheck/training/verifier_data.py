"""Training and evaluation pairs for claimcheck's verifier model.

Two kinds of pairs, both as (premise = evidence, hypothesis = claim, stance):

* public NLI / claim-verification sets under ../shared/data (mapped entailment → supports,
  contradiction → contradicts), each assigned to train, dev or test by a fixed rule below;
* synthetic contrast pairs made from real sentences and table rows of 10-K filings and model cards:
  a restated sentence (supports), the same restatement with one figure, year, scale word, model version,
  direction word or negation changed (contradicts), and a restated sentence from elsewhere in the same
  document, on the same topic, that the premise does not address (neutral).

Everything is deterministic: one seed, sorted inputs, a per-document random generator. Synthetic splits are
fixed by document, so no sentence of a test document is ever trained on.
"""

from __future__ import annotations

import hashlib
import html
import json
import random
import re
from collections.abc import Iterable, Sequence
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from claimcheck.errors import ClaimcheckError
from claimcheck.models import Stance
from claimcheck.quantities import Quantity, Unit, extract_quantities, format_value, relative_difference

DEFAULT_SEED = 13


class Split(StrEnum):
    TRAIN = "train"
    DEV = "dev"
    TEST = "test"


class Pair(BaseModel):
    """One labelled (evidence, claim) pair."""

    model_config = ConfigDict(frozen=True)

    premise: str
    hypothesis: str
    label: Stance
    source: str  # dataset name, or "synthetic-10k" / "synthetic-card"
    split: Split
    doc: str = ""  # the document a synthetic pair came from
    kind: str = ""  # how it was made: "restate", "figure", "year", "same_doc", … ("nli" for public sets)
    numerical: bool = False  # ANLI's "Numerical" reasoning tag

    def key(self) -> str:
        """A stable hash of the pair's text and label (used for de-duplication and the manifest)."""
        raw = f"{self.premise}\x1f{self.hypothesis}\x1f{self.label.value}"
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


# ------------------------------------------------------------------------------------------------
# fixed document splits for the synthetic pairs (chosen before any training; never changed after)

TEN_K_SPLITS: dict[str, Split] = {
    "ADOBE_2022_10K": Split.TEST,
    "BESTBUY_2023_10K": Split.TEST,
    "VERIZON_2022_10K": Split.TEST,
    "AMAZON_2017_10K": Split.DEV,
    "CORNING_2022_10K": Split.DEV,
}  # every other 10-K file is TRAIN
CARD_SPLITS: dict[str, Split] = {
    "llama2": Split.TEST,
    "llama3_3": Split.TEST,
    "llama4": Split.DEV,
}  # every other model card is TRAIN

COMPANY_NAMES: dict[str, str] = {
    "3M": "3M",
    "ACTIVISIONBLIZZARD": "Activision Blizzard",
    "ADOBE": "Adobe",
    "AMAZON": "Amazon",
    "AMCOR": "Amcor",
    "AMERICANEXPRESS": "American Express",
    "BESTBUY": "Best Buy",
    "BLOCK": "Block",
    "BOEING": "Boeing",
    "CORNING": "Corning",
    "CVSHEALTH": "CVS Health",
    "JOHNSON_JOHNSON": "Johnson & Johnson",
    "PEPSICO": "PepsiCo",
    "PFIZER": "Pfizer",
    "VERIZON": "Verizon",
}

# Synthetic pairs drawn per document and split (each sentence gives one pair; labels rotate).
SYNTH_PER_10K = {Split.TRAIN: 640, Split.DEV: 220, Split.TEST: 260}
SYNTH_PER_CARD = {Split.TRAIN: 420, Split.DEV: 260, Split.TEST: 220}
# Public general-domain pairs drawn into training (SNLI dev is large and unlike our domain).
SNLI_TRAIN_PAIRS = 3000
# Premise length cap (words) so premise + claim fit the model's 128 word pieces.
MAX_PREMISE_WORDS = 85

_LABELS_FROM_NLI = {
    "entailment": Stance.SUPPORTS,
    "neutral": Stance.NEUTRAL,
    "contradiction": Stance.CONTRADICTS,
}
_LABELS_FROM_COVID = {
    "SUPPORT": Stance.SUPPORTS,
    "NOTENOUGHINFO": Stance.NEUTRAL,
    "REFUTE": Stance.CONTRADICTS,
}


# ------------------------------------------------------------------------------------------------
# public sets


def load_nli_file(path: Path, source: str, split_of: dict[str, Split | None]) -> list[Pair]:
    """Pairs from a normalised `pairs.jsonl`; `split_of` maps the file's split name to ours (None: skip)."""
    pairs: list[Pair] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ClaimcheckError(f"cannot read NLI pairs: {exc.strerror}", path=path) from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            split = split_of.get(str(row["split"]), split_of.get("*"))
            label = _LABELS_FROM_NLI[str(row["label"])]
            premise, hypothesis = _clean(str(row["premise"])), _clean(str(row["hypothesis"]))
        except (json.JSONDecodeError, KeyError) as exc:
            raise ClaimcheckError(
                f"not a pairs.jsonl row: {exc}", path=path, line=number, hint="see data/nli/INDEX.txt"
            ) from None
        if split is None or not premise or not hypothesis:
            continue
        tags = row.get("tags") or []
        pairs.append(
            Pair(
                premise=premise,
                hypothesis=hypothesis,
                label=label,
                source=source,
                split=split,
                kind="nli",
                numerical=bool(row.get("numerical", False)) or any(str(t).startswith("Numer") for t in tags),
            )
        )
    return pairs


def load_check_covid(root: Path) -> list[Pair]:
    """Check-COVID claims against their gold evidence sentences, in the dataset's own splits."""
    corpus: dict[str, list[str]] = {}
    corpus_path = root / "corpus.json"
    for line in _read_lines(corpus_path):
        row = json.loads(line)
        corpus[str(row["cord_id"])] = [str(s) for s in row["abstract"]]
    files = {
        Split.TRAIN: ["train/covidCheck_train_composed+extracted.json"],
        Split.DEV: ["dev/covidCheck_dev_composed+extracted.json"],
        Split.TEST: ["test/covidCheck_test_composed.json", "test/covidCheck_test_extracted.json"],
    }
    pairs: list[Pair] = []
    for split, names in files.items():
        for name in names:
            for line in _read_lines(root / name):
                row = json.loads(line)
                sentences = corpus.get(str(row["cord_id"]), [])
                idx = sorted({int(e["sent_index"]) for e in row.get("evidence_set", [])})
                evidence = " ".join(sentences[i] for i in idx if 0 <= i < len(sentences))
                if not evidence:
                    continue
                pairs.append(
                    Pair(
                        premise=_clean(evidence),
                        hypothesis=_clean(str(row["claim"])),
                        label=_LABELS_FROM_COVID[str(row["label"])],
                        source="check-covid",
                        split=split,
                        kind="nli",
                    )
                )
    return pairs


def _read_lines(path: Path) -> list[str]:
    try:
        return [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    except OSError as exc:
        raise ClaimcheckError(f"cannot read: {exc.strerror}", path=path) from None


def _clean(text: str) -> str:
    """Undo FEVER/SNLI tokenisation artefacts and squeeze whitespace."""
    t = text.replace("-LRB-", "(").replace("-RRB-", ")").replace("-LSB-", "[").replace("-RSB-", "]")
    t = re.sub(r"\s+([.,;:!?)\]'])", r"\1", t)
    t = re.sub(r"([(\[])\s+", r"\1", t)
    return re.sub(r"\s+", " ", t).strip()


# ------------------------------------------------------------------------------------------------
# sentences and table rows from documents


class SourceSentence(BaseModel):
    """A sentence (or rendered table row) of a document, with its neighbours for context."""

    model_config = ConfigDict(frozen=True)

    text: str
    before: str = ""
    after: str = ""
    table: bool = False
    row_label: str = ""  # table rows: the row's label; the claim templates use it
    cells: tuple[tuple[str, str], ...] = ()  # table rows: (column header, value) for figure cells


_SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"“])")
_BOILER = re.compile(
    r"check mark|Securities Exchange Act|forward-looking|incorporated by reference|Exhibit|"
    r"Table of Contents|pursuant to|undersigned|hereby",
    re.IGNORECASE,
)


def prose_sentences(text: str) -> list[SourceSentence]:
    """Sentences of running prose (pdftotext or Markdown), each with the sentences beside it."""
    out: list[SourceSentence] = []
    for block in re.split(r"\n\s*\n|\f", text):
        lines = [ln.strip() for ln in block.splitlines() if ln.strip()]
        lines = [ln for ln in lines if not ln.startswith(("|", "<", "#", "```"))]
        if not lines:
            continue
        joined = re.sub(r"\s+", " ", " ".join(lines))
        joined = re.sub(r"\*\*|__|`", "", joined)
        joined = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", joined)
        sentences = [s.strip() for s in _SENT_SPLIT.split(joined) if s.strip()]
        for i, s in enumerate(sentences):
            if not _good_sentence(s):
                continue
            out.append(
                SourceSentence(
                    text=s,
                    before=sentences[i - 1] if i > 0 else "",
                    after=sentences[i + 1] if i + 1 < len(sentences) else "",
                )
            )
    return out


def _good_sentence(s: str) -> bool:
    words = s.split()
    if not 8 <= len(words) <= 55 or not s.endswith((".", "!")):
        return False
    if not s[0].isupper() or _BOILER.search(s):
        return False
    alpha = sum(1 for w in words if w.isalpha())
    return alpha / len(words) >= 0.6


def table_rows(text: str) -> list[SourceSentence]:
    """Rows of Markdown pipe tables and HTML tables that carry at least one figure."""
    rows: list[SourceSentence] = []
    for headers, body in _pipe_tables(text) + _html_tables(text):
        for cells in body:
            row = _render_row(headers, cells)
            if row is not None:
                rows.append(row)
    return rows


def _pipe_tables(text: str) -> list[tuple[list[str], list[list[str]]]]:
    tables: list[tuple[list[str], list[list[str]]]] = []
    block: list[list[str]] = []
    for line in [*text.splitlines(), ""]:
        s = line.strip()
        if s.startswith("|"):
            block.append([_strip_markup(c) for c in s.strip("|").split("|")])
            continue
        if len(block) >= 3 and all(re.fullmatch(r":?-+:?", c.strip()) for c in block[1] if c.strip()):
            tables.append((block[0], block[2:]))
        block = []
    return tables


def _html_tables(text: str) -> list[tuple[list[str], list[list[str]]]]:
    tables: list[tuple[list[str], list[list[str]]]] = []
    for table in re.findall(r"<table>(.*?)</table>", text, flags=re.DOTALL | re.IGNORECASE):
        grid: list[list[str]] = []
        pending: dict[int, tuple[int, str]] = {}  # column -> (rows still spanned, text)
        for tr in re.findall(r"<tr>(.*?)(?=<tr>|$)", table, flags=re.DOTALL | re.IGNORECASE):
            raw_cells = re.findall(r"<t[dh]([^>]*)>(.*?)(?=<t[dh]|$)", tr, flags=re.DOTALL | re.IGNORECASE)
            row: list[str] = []
            col = 0
            cells = list(raw_cells)
            while cells or col in pending:
                if col in pending:
                    left, value = pending[col]
                    row.append(value)
                    if left <= 1:
                        del pending[col]
                    else:
                        pending[col] = (left - 1, value)
                    col += 1
                    continue
                attrs, content = cells.pop(0)
                value = _strip_markup(re.sub(r"<[^>]+>", " ", content))
                span = re.search(r'rowspan="?(\d+)', attrs)
                if span and int(span.group(1)) > 1:
                    pending[col] = (int(span.group(1)) - 1, value)
                row.append(value)
                col += 1
            if any(row):
                grid.append(row)
        if len(grid) >= 2:
            tables.append((grid[0], grid[1:]))
    return tables


def _strip_markup(cell: str) -> str:
    t = html.unescape(cell).replace("\\_", "_").replace("\\#", "#").replace("\\*", "*")
    t = re.sub(r"\*\*|__|`|<[^>]+>", "", t)
    return re.sub(r"\s+", " ", t).strip()


_FIGURE_CELL = re.compile(r"^[~<>]?\s*\$?\d[\d,.]*\s*(?:%|[KMBT]\+?|k)?\+?$")


def _render_row(headers: list[str], cells: list[str]) -> SourceSentence | None:
    if len(cells) < 2:
        return None
    label_parts: list[str] = []
    figure_cells: list[tuple[str, str]] = []
    rendered: list[str] = []
    for i, cell in enumerate(cells):
        header = headers[i] if i < len(headers) else ""
        if not cell:
            continue
        rendered.append(f"{header}: {cell}" if header else cell)
        if _FIGURE_CELL.match(cell) and header:
            figure_cells.append((header, cell))
        elif not figure_cells and len(cell) <= 60:
            label_parts.append(cell)
    short = [p for p in label_parts if len(p) <= 40]
    if not figure_cells or not short:
        return None
    label = short[-1]
    if short[0] != label and "llama" in short[0].lower():
        label = f"{short[0]} {label}"
    return SourceSentence(
        text="; ".join(rendered),
        table=True,
        row_label=label,
        cells=tuple(figure_cells),
    )


# ------------------------------------------------------------------------------------------------
# restatements (supports) and contrasts (contradicts)

_SYNONYMS: list[tuple[str, str]] = [
    ("approximately", "about"),
    ("increased", "rose"),
    ("decreased", "declined"),
    ("primarily", "mainly"),
    ("due to", "because of"),
    ("compared to", "versus"),
    ("compared with", "against"),
    ("in addition", "also"),
    ("utilize", "use"),
    ("purchase", "buy"),
    ("additionally", "also"),
]
_DIRECTION: list[tuple[str, str]] = [
    ("increased", "decreased"),
    ("increase", "decrease"),
    ("increases", "decreases"),
    ("rose", "fell"),
    ("higher", "lower"),
    ("grew", "shrank"),
    ("growth", "decline"),
    ("gain", "loss"),
    ("gains", "losses"),
    ("more", "less"),
    ("above", "below"),
    ("improved", "worsened"),
    ("outperforms", "underperforms"),
    ("better", "worse"),
    ("larger", "smaller"),
    ("favorable", "unfavorable"),
]
_NEGATABLE = re.compile(r"\b(is|was|are|were|has been|have been|will|can|does|did)\b(?! not\b)")
_NEGATED = re.compile(r"\b(is|was|are|were|has|have|will|can|does|did|do) not\b|\b(?:isn't|wasn't|don't)\b")
_VERSION = re.compile(r"\b(Llama[\s-]?)(\d(?:\.\d)?)\b")
_VERSIONS = ["2", "3", "3.1", "3.2", "3.3", "4"]
_SCALE_SWAP = {"thousand": "million", "million": "billion", "billion": "million", "trillion": "billion"}


def company_of(doc: str) -> str:
    """'JOHNSON_JOHNSON_2022_10K' → 'Johnson & Johnson'."""
    key = re.sub(r"_\d{4}_10K$", "", doc)
    return COMPANY_NAMES.get(key, key.replace("_", " ").title())


def restate(text: str, rng: random.Random, company: str = "") -> str:
    """A restatement that keeps every fact: first person → company name, synonyms, figures re-expressed."""
    out = text
    if rng.random() < 0.6:
        out = _drop_tail(out)
    if company:
        for verb, third in (("have", "has"), ("are", "is"), ("were", "was"), ("do", "does")):
            out = re.sub(rf"\b[Ww]e {verb}\b", f"{company} {third}", out)
        out = re.sub(r"^We\b", company, out)
        out = re.sub(r"^Our\b", f"{company}'s", out)
        out = re.sub(r"\bwe\b", company, out)
        out = re.sub(r"\bour\b", f"{company}'s", out)
    for a, b in _SYNONYMS:
        if rng.random() < 0.6:
            out = _swap_word(out, a, b)
    if rng.random() < 0.5:
        out = _reexpress_figure(out, rng)
    return out.rstrip(". ") + "."


_TAIL = re.compile(
    r",\s+(?:primarily|mainly|partially|partly|which|compared|as compared|driven|reflecting|due)\b"
)


def _drop_tail(text: str) -> str:
    """Cut a trailing explanatory clause (', primarily due to …'): what is left is still stated."""
    m = _TAIL.search(text)
    if m is None or len(text[: m.start()].split()) < 6:
        return text
    return text[: m.start()]


def _swap_word(text: str, a: str, b: str) -> str:
    def repl(m: re.Match[str]) -> str:
        word = m.group(0)
        return b.capitalize() if word[0].isupper() else b

    return re.sub(rf"\b{re.escape(a)}\b", repl, text, flags=re.IGNORECASE)


def _reexpress_figure(text: str, rng: random.Random) -> str:
    """'$16,120 million' → '$16.12 billion', '23.5%' → '23.5 percent' (same value, other words)."""
    qs = [
        q
        for q in extract_quantities(text)
        if q.unit == Unit.PERCENT or (q.unit == Unit.USD and (" " in q.text or "," in q.text))
    ]
    if not qs:
        return text
    q = rng.choice(qs)
    if q.unit == Unit.PERCENT and q.text.endswith("%"):
        new = q.text[:-1].rstrip() + " percent"
    elif abs(q.value) >= 1e6:
        new = format_value(q)
        if new == q.text:
            return text
    else:
        return text
    return text[: q.start] + new + text[q.end :]


def _changeable(qs: Iterable[Quantity]) -> list[Quantity]:
    return [q for q in qs if q.unit not in (Unit.YEAR, Unit.VERSION) and re.search(r"\d", q.text)]


def change_figure(text: str, rng: random.Random) -> str | None:
    """Change one figure's number by 10 % to 3x, keeping its format; None if there is none."""
    qs = _changeable(extract_quantities(text))
    if not qs:
        return None
    q = rng.choice(qs)
    m = re.search(r"\d[\d,]*(?:\.\d+)?", q.text)
    if m is None:
        return None
    digits = m.group(0)
    old = float(digits.replace(",", ""))
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    for _ in range(8):
        factor = rng.choice([0.5, 0.6, 0.75, 0.8, 0.85, 1.15, 1.2, 1.3, 1.5, 2.0, 3.0])
        new_value = old * factor if old else float(rng.randint(1, 9))
        new = f"{new_value:,.{decimals}f}" if "," in digits else f"{new_value:.{decimals}f}"
        if new != digits and float(new.replace(",", "")) != old:
            start = q.start + m.start()
            return text[:start] + new + text[start + len(digits) :]
    return None


# Two figures closer than this (relative) read as the same figure ("$16.12 billion" and "16,120 million").
_SAME_FIGURE = 0.01


def _figures_all_in(claim: str, premise: str) -> bool:
    """Whether each figure of `claim` is also a figure of `premise`, each matched once."""
    left = [q.value for q in extract_quantities(premise)]
    for q in extract_quantities(claim):
        match = next((v for v in left if relative_difference(v, q.value) <= _SAME_FIGURE), None)
        if match is None:
            return False
        left.remove(match)
    return True


def change_year(text: str, rng: random.Random) -> str | None:
    years = [q for q in extract_quantities(text) if q.unit == Unit.YEAR]
    if not years:
        return None
    q = rng.choice(years)
    new = str(int(q.value) + rng.choice([-3, -2, -1, 1, 2]))
    return text[: q.start] + new + text[q.end :]


def change_scale(text: str, rng: random.Random) -> str | None:
    words = list(re.finditer(r"\b(thousand|million|billion|trillion)\b", text))
    if not words:
        return None
    m = rng.choice(words)
    return text[: m.start()] + _SCALE_SWAP[m.group(1)] + text[m.end() :]


def flip_direction(text: str, rng: random.Random) -> str | None:
    options: list[tuple[str, str]] = []
    for a, b in _DIRECTION:
        if re.search(rf"\b{a}\b", text, re.IGNORECASE):
            options.append((a, b))
        if re.search(rf"\b{b}\b", text, re.IGNORECASE):
            options.append((b, a))
    if not options:
        return None
    a, b = rng.choice(options)
    return _swap_word(text, a, b)


def negate(text: str, rng: random.Random) -> str | None:
    """Insert a 'not' after the first auxiliary, or take an existing one out."""
    neg = _NEGATED.search(text)
    if neg is not None and rng.random() < 0.5:
        if neg.group(0) in ("isn't", "wasn't", "don't"):
            return None
        return text[: neg.start()] + (neg.group(1) or "") + text[neg.end() :]
    m = _NEGATABLE.search(text)
    if m is None:
        return None
    return text[: m.end()] + " not" + text[m.end() :]


def change_version(text: str, rng: random.Random) -> str | None:
    found = list(_VERSION.finditer(text))
    if not found:
        return None
    m = rng.choice(found)
    new = rng.choice([v for v in _VERSIONS if v != m.group(2)])
    return text[: m.start(2)] + new + text[m.end(2) :]


CONTRASTS = {
    "figure": change_figure,
    "year": change_year,
    "scale": change_scale,
    "direction": flip_direction,
    "negation": negate,
    "version": change_version,
}
# How often each contrast is tried first (figures matter most to claimcheck).
CONTRAST_WEIGHTS = {"figure": 5, "year": 2, "scale": 1, "direction": 2, "negation": 2, "version": 2}


# ------------------------------------------------------------------------------------------------
# synthetic pair generation


def _premise(s: SourceSentence, rng: random.Random) -> str:
    parts = [s.text]
    if s.before and rng.random() < 0.4:
        parts.insert(0, s.before)
    if s.after and rng.random() < 0.4:
        parts.append(s.after)
    premise = " ".join(parts)
    if len(premise.split()) > MAX_PREMISE_WORDS:
        premise = s.text
    return premise


def _row_claim(s: SourceSentence, rng: random.Random, cell: tuple[str, str] | None = None) -> str:
    header, value = cell if cell is not None else rng.choice(s.cells)
    templates = [
        "{h} for {r} is {v}.",
        "{r}: {h} is {v}.",
        "The {h} of {r} is {v}.",
        "{r} has a {h} of {v}.",
    ]
    return rng.choice(templates).format(h=header, r=s.row_label, v=value)


def _contrast_claim(s: SourceSentence, rng: random.Random, company: str) -> tuple[str, str] | None:
    if s.table:
        header, value = rng.choice(s.cells)
        others = [c for c in s.cells if c[1] != value]
        if others and rng.random() < 0.35:  # another column's figure attributed to this one
            return _row_claim(s, rng, (header, rng.choice(others)[1])), "swap_column"
        changed = change_figure(value, rng)
        if changed is None:
            return None
        return _row_claim(s, rng, (header, changed)), "figure"
    base = restate(s.text, rng, company)
    kinds = sorted(CONTRASTS)
    weights = [CONTRAST_WEIGHTS[k] for k in kinds]
    tried: set[str] = set()
    while len(tried) < len(kinds):
        kind = rng.choices(kinds, weights=weights)[0]
        if kind in tried:
            continue
        tried.add(kind)
        changed = CONTRASTS[kind](base, rng)
        if changed is not None and changed != base:
            return changed, kind
    return None


def _neutral_claim(
    s: SourceSentence,
    premise: str,
    pool: Sequence[SourceSentence],
    index: int,
    rng: random.Random,
    company: str,
) -> str | None:
    """A claim from the same document, on the same topic, that the premise does not address."""
    near = [pool[j] for j in range(max(0, index - 4), min(len(pool), index + 5)) if j != index]
    sample = [pool[rng.randrange(len(pool))] for _ in range(min(40, len(pool)))]
    words = _content_words(s.text)
    scored = sorted(
        ((len(words & _content_words(o.text)), k, o) for k, o in enumerate(near + sample)),
        key=lambda t: (-t[0], t[1]),
    )
    premise_figures = {q.text for q in extract_quantities(premise)}
    for _, _, other in scored[:12]:
        if other.text in premise or other.text == s.text:
            continue
        if other.table:
            claim = _row_claim(other, rng)
            if other.row_label == s.row_label and s.table:
                continue
        else:
            claim = restate(other.text, rng, company)
        claim_figures = {q.text for q in extract_quantities(claim)}
        if not claim_figures or claim_figures & premise_figures:
            continue  # a figure the premise states might settle the claim
        return claim
    return None


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in _STOP}


_STOP = frozenset(
    {
        "that",
        "this",
        "with",
        "from",
        "have",
        "were",
        "which",
        "their",
        "they",
        "been",
        "also",
        "such",
        "these",
        "other",
    }
)


def synthesize(
    doc: str, sentences: Sequence[SourceSentence], count: int, split: Split, source: str, seed: int
) -> list[Pair]:
    """Up to `count` pairs from one document's sentences, labels rotating supports → contradicts → neutral."""
    rng = random.Random(f"{seed}:{doc}")
    company = company_of(doc) if source == "synthetic-10k" else ""
    with_figures = [i for i, s in enumerate(sentences) if s.table or extract_quantities(s.text)]
    order: list[int] = []
    for _ in range(4):  # small documents (model cards) are passed over again with fresh choices
        shuffled = with_figures[:]
        rng.shuffle(shuffled)
        order += shuffled
        if len(order) >= 2 * count:
            break
    cycle = [Stance.SUPPORTS, Stance.CONTRADICTS, Stance.NEUTRAL]
    pairs: list[Pair] = []
    for n, i in enumerate(order):
        if len(pairs) >= count:
            break
        s = sentences[i]
        label = cycle[n % 3]
        premise = _premise(s, rng)
        claim: str | None
        if label == Stance.SUPPORTS:
            claim = _row_claim(s, rng) if s.table else restate(s.text, rng, company)
            kind = "restate"
        elif label == Stance.CONTRADICTS:
            made = _contrast_claim(s, rng, company)
            claim, kind = made if made is not None else (None, "")
            if kind == "figure" and claim is not None and _figures_all_in(claim, premise):
                claim = None  # the changed figure happens to be another one the premise states
        else:
            claim = _neutral_claim(s, premise, sentences, i, rng, company)
            kind = "same_doc"
        if claim is None:
            continue
        pairs.append(
            Pair(
                premise=premise, hypothesis=claim, label=label, source=source, split=split, doc=doc, kind=kind
            )
        )
    return pairs


# ------------------------------------------------------------------------------------------------
# assembly


class InputFile(BaseModel):
    path: str  # relative to the shared data folder
    sha256: str


class VerifierDataset(BaseModel):
    """Every pair, split; plus what went in (for the manifest)."""

    seed: int
    pairs: list[Pair]
    inputs: list[InputFile]
    ten_k_splits: dict[str, Split]
    card_splits: dict[str, Split]

    def split(self, split: Split, *, source: str | None = None) -> list[Pair]:
        return [p for p in self.pairs if p.split == split and (source is None or p.source == source)]


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def ten_k_split(doc: str) -> Split:
    return TEN_K_SPLITS.get(doc, Split.TRAIN)


def card_split(card: str) -> Split:
    return CARD_SPLITS.get(card, Split.TRAIN)


def build_dataset(data_dir: Path, seed: int = DEFAULT_SEED) -> VerifierDataset:
    """Assemble all pairs from `data_dir` (the shared `data/` folder). Deterministic for a given seed."""
    if not data_dir.is_dir():
        raise ClaimcheckError("data folder not found", path=data_dir, hint="expected ../shared/data")
    used: list[Path] = []
    pairs: list[Pair] = []
    nli = data_dir / "nli"

    def nli_file(name: str, source: str, split_of: dict[str, Split | None]) -> list[Pair]:
        path = nli / name / "pairs.jsonl"
        used.append(path)
        return load_nli_file(path, source, split_of)

    snli = nli_file("snli_dev_test_esnli", "snli", {"dev": Split.TRAIN, "test": None})
    rng = random.Random(seed)
    rng.shuffle(snli)
    pairs += snli[:SNLI_TRAIN_PAIRS]
    pairs += nli_file("healthver", "healthver", {"dev": Split.TRAIN, "test": Split.TEST})
    pairs += nli_file("fever_symmetric", "fever_symmetric", {"*": Split.TRAIN})
    pairs += nli_file("awpnli", "awpnli", {"*": Split.TRAIN})
    anli = nli_file("anli_dev_annotated", "anli", {"*": Split.TEST})
    pairs += [p for p in anli if p.numerical]  # evaluation only (CC BY-NC): never in TRAIN
    covid = data_dir / "check-covid" / "Check-COVID"
    used += [*sorted(covid.glob("*/covidCheck_*.json")), covid / "corpus.json"]
    pairs += load_check_covid(covid)

    synthetic: list[Pair] = []
    for path in sorted((data_dir / "financebench-10k" / "derived_10k_text").glob("*.txt")):
        used.append(path)
        split = ten_k_split(path.stem)
        sentences = prose_sentences(path.read_text(encoding="utf-8"))
        synthetic += synthesize(path.stem, sentences, SYNTH_PER_10K[split], split, "synthetic-10k", seed)
    for path in sorted((data_dir / "llama-model-cards" / "models").glob("*/MODEL_CARD.md")):
        used.append(path)
        card = path.parent.name
        split = card_split(card)
        text = path.read_text(encoding="utf-8")
        sentences = table_rows(text) + prose_sentences(text)
        synthetic += synthesize(card, sentences, SYNTH_PER_CARD[split], split, "synthetic-card", seed)
    pairs += _disjoint(synthetic)

    pairs = _dedupe(pairs)
    inputs = [InputFile(path=str(p.relative_to(data_dir)), sha256=sha256_file(p)) for p in sorted(set(used))]
    return VerifierDataset(
        seed=seed,
        pairs=pairs,
        inputs=inputs,
        ten_k_splits={**{k: v for k, v in TEN_K_SPLITS.items()}},
        card_splits={**{k: v for k, v in CARD_SPLITS.items()}},
    )


def _disjoint(pairs: list[Pair]) -> list[Pair]:
    """Drop dev/test synthetic pairs whose text also occurs in a training pair (10-Ks repeat boilerplate)."""
    seen = {p.premise for p in pairs if p.split == Split.TRAIN} | {
        p.hypothesis for p in pairs if p.split == Split.TRAIN
    }
    return [
        p for p in pairs if p.split == Split.TRAIN or (p.premise not in seen and p.hypothesis not in seen)
    ]


def _dedupe(pairs: list[Pair]) -> list[Pair]:
    seen: set[str] = set()
    out: list[Pair] = []
    for p in pairs:
        k = p.key()
        if k not in seen:
            seen.add(k)
            out.append(p)
    return out


def pairs_hash(pairs: Iterable[Pair]) -> str:
    """One sha256 over the pairs' keys, in order: two runs that made the same pairs give the same hash."""
    digest = hashlib.sha256()
    for p in pairs:
        digest.update(p.key().encode("ascii"))
    return digest.hexdigest()
