"""Form 10-K filings as plain text (pdftotext output): the cover page, the Item headings, printed pages.

- `sniff_10k` tells a 10-K from its cover page and reads its company and fiscal period (`FilingFacts`).
- `find_items` finds the Item headings that open each section, skipping the table of contents and
  cross-references; `ITEM_TITLES` names them.
- `printed_page_labels` reads the page number printed on each page ("38", "F-12").
- The `FILING_*` patterns tell a "PART II" / "Item 7." heading line from prose (used when cutting blocks).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise

from pydantic import BaseModel, ConfigDict

from claimcheck.corpus.text import squash
from claimcheck.models import DocKind
from claimcheck.text import MONTH_NAMES

# --------------------------------------------------------------------------------------------------
# the cover page

# How far into a file the cover page is looked for. The FinanceBench 10-Ks put "FORM 10-K", the fiscal
# year and the registrant's name within the first 6,000 characters; the widest margin seen is 3M's second
# cover page, so 20,000 leaves room without reading whole filings.
COVER_CHARS = 20_000

_FORM_10K = re.compile(r"\bFORM\s+10-K\b", re.IGNORECASE)
_ANNUAL_REPORT = re.compile(
    r"\bANNUAL\s+REPORT\s+PURSUANT\s+TO\s+SECTION\s+13|\bfiscal\s+year\s+ended\b", re.IGNORECASE
)
# Month names as a cover page spells them: in full, in three letters, and "Sept".
_MONTHS = {
    name: number
    for number, month in enumerate(MONTH_NAMES, start=1)
    for name in (month.lower(), month[:3].lower(), *(("sept",) if number == 9 else ()))
}


def first_date(pattern: re.Pattern[str], text: str, start: int = 0, end: int | None = None) -> dt.date | None:
    """The first valid date `pattern` finds in text[start:end]; its groups are month name, day and year."""
    for match in pattern.finditer(text, start, len(text) if end is None else end):
        month = _MONTHS.get(match.group(1).lower())
        if month is None:
            continue
        try:
            return dt.date(int(match.group(3)), month, int(match.group(2)))
        except ValueError:
            continue
    return None


_FISCAL_YEAR_END = re.compile(
    r"fiscal\s+year\s+ended\s*:?\s*([A-Za-z]+)\.?\s+(\d{1,2})\s*,?\s*((?:19|20)\d{2})", re.IGNORECASE
)
_EXACT_NAME = re.compile(
    r"^[ \t]*+\(?\s*+exact\s++name\s++of\s++(?:the\s++)?registrant", re.IGNORECASE | re.MULTILINE
)
_COMMISSION_FILE = re.compile(
    r"^[ \t]*commission\s+file\s+(?:number|no\.?)\b.*$", re.IGNORECASE | re.MULTILINE
)
# 52/53-week fiscal years that end in the first week of January are named after the year before
# (Johnson & Johnson's fiscal 2022 ended on January 1, 2023); later ends are named after their own
# year (Best Buy's fiscal 2023 ended on January 28, 2023). Checked on the 16 FinanceBench 10-Ks.
_EARLY_JANUARY_LAST_DAY = 7


class FilingFacts(BaseModel):
    """What a 10-K's cover page says about it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    company: str
    period: str | None  # "FY2022"
    fiscal_year_end: dt.date | None
    title: str | None = None  # the document's own title, when it has one (a fact sheet's heading)
    fact_sheet: bool = False  # a compilation of figures from the filings, not a filing

    def citation_fields(self) -> dict[str, object]:
        """Front-matter style keys for the citation (`claimcheck.corpus.load`)."""
        fields: dict[str, object] = {"kind": DocKind.TEN_K.value, "company": self.company}
        if self.fact_sheet:
            fields.update(kind=DocKind.FACT_SHEET.value, compiled_kind=DocKind.TEN_K.value)
            fields["compiled_from"] = f"{self.company}'s annual reports on Form 10-K"
        title = f"{self.company} Form 10-K"
        if self.fiscal_year_end is not None:
            fields["year_end"] = self.fiscal_year_end
        if self.period:
            fields["period"] = self.period
            title += f" {self.period}"
        fields["title"] = self.title or title
        return fields


def sniff_10k(text: str, name: str) -> FilingFacts | None:
    """The cover-page facts when `text` (the start of a file) is a Form 10-K annual report, else None.

    A 10-K says "FORM 10-K" and either "annual report pursuant to section 13" or "for the fiscal year
    ended" on its cover. The company is the line above "(Exact name of registrant as specified in its
    charter)", else the first line after "Commission file number", else the part of the file `name`
    before its year ("JOHNSON_JOHNSON_2022_10K" gives "JOHNSON JOHNSON"). The period is "FY" and the
    fiscal year from "for the fiscal year ended <date>", else the year in `name`.
    """
    cover = text[:COVER_CHARS]
    if not (_FORM_10K.search(cover) and _ANNUAL_REPORT.search(cover)):
        return None
    year_end = _fiscal_year_end(cover)
    period: str | None = None
    if year_end is not None:
        period = f"FY{fiscal_year_of(year_end)}"
    else:
        year = re.search(r"(?:^|_)((?:19|20)\d{2})(?:_|$)", name)
        period = f"FY{year.group(1)}" if year else None
    company = _registrant(cover) or _company_from_name(name)
    return FilingFacts(company=company, period=period, fiscal_year_end=year_end)


# "Meta Platforms, Inc. — figures reported in its annual reports on Form 10-K": a company, a dash, and
# words that name the form.
_SUMMARY_TITLE = re.compile(r"\A(?P<company>[^\n—–]{2,80}?)\s+[—–-]{1,2}\s+.*\bForm\s+10-K\b", re.IGNORECASE)


def sniff_10k_summary(title: str) -> FilingFacts | None:
    """A fact sheet of figures from a company's 10-K filings, told by its first heading (the company,
    a dash, "... Form 10-K"); it covers several fiscal years, so it names no period."""
    match = _SUMMARY_TITLE.fullmatch(title.strip())
    if match is None or not _plausible_company(match.group("company")):
        return None
    company = squash(match.group("company"))
    return FilingFacts(company=company, period=None, fiscal_year_end=None, title=title, fact_sheet=True)


def fiscal_quarter(period_end: dt.date, fiscal_year_end: str) -> tuple[int, int] | None:
    """The fiscal year and quarter a quarterly report's period end names, given the company's fiscal
    year end as SEC lists it ("MMDD": "1231", NVIDIA's "0126"): (2025, 3) for a quarter ended
    2024-10-27 at NVIDIA. A 52/53-week quarter that ends in the first week of a month is counted as the
    month before. None when the end is no quarter end of that year (or `fiscal_year_end` is not MMDD)."""
    if not re.fullmatch(r"(0[1-9]|1[0-2])[0-3]\d", fiscal_year_end):
        return None

    def month_of(year: int, month: int, day: int) -> tuple[int, int]:
        if day <= _EARLY_JANUARY_LAST_DAY:
            return (year - 1, 12) if month == 1 else (year, month - 1)
        return year, month

    _, end_month = month_of(2001, int(fiscal_year_end[:2]), int(fiscal_year_end[2:]))
    year, month = month_of(period_end.year, period_end.month, period_end.day)
    after = (month - end_month) % 12  # months since the fiscal year's start ... its quarter's end
    if after not in (3, 6, 9):
        return None
    fiscal_year = year if month <= end_month else year + 1
    return fiscal_year, after // 3


def fiscal_year_of(year_end: dt.date) -> int:
    """The fiscal year a year-end date names (see `_EARLY_JANUARY_LAST_DAY`)."""
    if year_end.month == 1 and year_end.day <= _EARLY_JANUARY_LAST_DAY:
        return year_end.year - 1
    return year_end.year


def _fiscal_year_end(cover: str) -> dt.date | None:
    return first_date(_FISCAL_YEAR_END, cover)


def _registrant(cover: str) -> str | None:
    exact = _EXACT_NAME.search(cover)
    if exact is not None:
        before = [line.strip() for line in cover[: exact.start()].splitlines() if line.strip()]
        if before and _plausible_company(before[-1]):
            return squash(before[-1])
    commission = _COMMISSION_FILE.search(cover)
    if commission is not None:
        for line in cover[commission.end() :].splitlines():
            line = line.strip().strip("_").strip()
            if line:
                return squash(line) if _plausible_company(line) else None
    return None


def _plausible_company(line: str) -> bool:
    letters = sum(ch.isalpha() for ch in line)
    return 2 <= len(line) <= 100 and letters >= 2 and not line.lower().startswith(("(", "for the", "or"))


def _company_from_name(name: str) -> str:
    parts = re.split(r"[_\s]+", name)
    words: list[str] = []
    for part in parts:
        if re.fullmatch(r"(?:19|20)\d{2}", part):
            break
        words.append(part)
    return " ".join(words) or name


# --------------------------------------------------------------------------------------------------
# heading lines

# 10-K headings in plain text (pdftotext output): "PART II", "Item 7. Management's Discussion ...".
FILING_PART = re.compile(r"\A\s*+(?:PART|Part)\s++[IVX]++\b")
FILING_ITEM = re.compile(r"\A\s*+(?:Item|ITEM)\s++\d{1,2}[A-C]?\.")
# Longer lines are prose that happens to start with "Item 7." / "Part II". The longest standard item
# title ("Item 5. Market for Registrant's Common Equity, ...") is about 140 characters in the FinanceBench
# 10-Ks; "PART II" lines there are at most ~40 characters.
FILING_ITEM_MAX_CHARS = 150
# The running head pdftotext leaves at the top of each page of an EDGAR filing (a link back to the contents).
RUNNING_HEAD = re.compile(r"\A\s*+table of contents\s*+", re.IGNORECASE)
FILING_PART_MAX_CHARS = 60


# --------------------------------------------------------------------------------------------------
# Item headings

# "Item 7." / "ITEM 7A" / "Item 1A. - Risk Factors" at the start of a line (or of a page). A lower-case
# word, a comma or "(a)" after the number means a cross-reference ("Item 8 of this report"), not a heading.
_ITEM_LINE = re.compile(
    r"(?:^|(?<=\f))[ \t]*(?:ITEM|Item)[ \t]+(\d{1,2})([A-Ca-c])?"
    r"(?=[ \t]*(?:[.:\-\u2013\u2014]|\r?$)|[ \t]+[A-Z\[])[^\n\f]*",
    re.MULTILINE,
)
# A heading follows a blank line, a short line or a finished sentence. A line before it that is long and
# ends mid-sentence means the "Item" line continues that sentence ("... see the\nItem 1A. Risk
# Factors section"): 60 characters separates the FinanceBench 10-Ks' prose lines (~150) from their
# running heads and titles ("Table of Contents", "PART I", a company name).
_CONTINUED_LINE_MIN_CHARS = 60
_SENTENCE_END = re.compile(r"[.:;!?\"'”’)\]]\s*$")
# Table-of-contents entries sit a title and a page number apart, in increasing order; real item headings
# have the item's text between them. In the FinanceBench 10-Ks, a run of candidates (each within 250
# characters of the one before, item numbers going up) with at least 5 entries whose median distance is
# at most 100 characters is always a contents list (its entries are 7-60 characters apart, median); the
# tightest run of real headings (Adobe's Items 11-15, "incorporated by reference" sentences) has a
# median of ~200.
_TOC_GAP_CHARS = 250
_TOC_MIN_ENTRIES = 5
_TOC_MEDIAN_GAP_CHARS = 100

ITEM_TITLES: dict[str, str] = {
    "1": "Business",
    "1A": "Risk Factors",
    "1B": "Unresolved Staff Comments",
    "1C": "Cybersecurity",
    "2": "Properties",
    "3": "Legal Proceedings",
    "4": "Mine Safety Disclosures",
    "5": "Market for Registrant's Common Equity, Related Stockholder Matters and Issuer Purchases of"
    " Equity Securities",
    "6": "Selected Financial Data",
    "7": "Management's Discussion and Analysis of Financial Condition and Results of Operations",
    "7A": "Quantitative and Qualitative Disclosures About Market Risk",
    "8": "Financial Statements and Supplementary Data",
    "9": "Changes in and Disagreements with Accountants on Accounting and Financial Disclosure",
    "9A": "Controls and Procedures",
    "9B": "Other Information",
    "9C": "Disclosure Regarding Foreign Jurisdictions that Prevent Inspections",
    "10": "Directors, Executive Officers and Corporate Governance",
    "11": "Executive Compensation",
    "12": "Security Ownership of Certain Beneficial Owners and Management and Related Stockholder Matters",
    "13": "Certain Relationships and Related Transactions, and Director Independence",
    "14": "Principal Accountant Fees and Services",
    "15": "Exhibits and Financial Statement Schedules",
    "16": "Form 10-K Summary",
}


ITEM_8_TITLE = f"Item 8. {ITEM_TITLES['8']}"


def after_item_8(section: tuple[str, ...]) -> bool:
    match = re.match(r"Item (\d{1,2}[A-C]?)\.", section[0]) if section else None
    return match is not None and _item_order(match.group(1)) > _item_order("8")


@dataclass(frozen=True)
class FilingItem:
    """One Item heading of a 10-K: where its line starts and ends, and its standard name."""

    key: str  # "7A"
    start: int  # offset of the heading line
    end: int  # offset after the heading line
    title: str  # "Item 7A. Quantitative and Qualitative Disclosures About Market Risk"

    @property
    def order(self) -> tuple[int, str]:
        return _item_order(self.key)


def _item_order(key: str) -> tuple[int, str]:
    digits = key.rstrip("ABCabc")
    return int(digits), key[len(digits) :].upper()


def find_items(raw: str, start: int = 0, end: int | None = None) -> list[FilingItem]:
    """The Item headings of a 10-K's text, in order, without the table of contents or cross-references.

    Candidates are "Item N." lines (see `_ITEM_LINE`) that do not continue the previous line's sentence.
    Runs of at least `_TOC_MIN_ENTRIES` candidates within `_TOC_GAP_CHARS` of each other are a table of
    contents and dropped. Of the rest, the longest sequence whose item numbers strictly increase is kept,
    taking the latest candidate wherever several fit (so a stray early line loses to the real heading).
    """
    stop = len(raw) if end is None else end
    candidates = [item for item in _item_candidates(raw, start, stop)]
    candidates = _drop_contents(candidates)
    return _increasing_items(candidates)


def _item_candidates(raw: str, start: int, end: int) -> Iterator[FilingItem]:
    for match in _ITEM_LINE.finditer(raw, start, end):
        line = match.group(0).rstrip("\r")
        if len(line.strip()) > FILING_ITEM_MAX_CHARS or _continues_sentence(raw, match.start()):
            continue
        key = match.group(1) + (match.group(2) or "").upper()
        if key.startswith("0"):
            continue
        name = ITEM_TITLES.get(key)
        title = f"Item {key}. {name}" if name else squash(line)
        yield FilingItem(key=key, start=match.start(), end=match.start() + len(line), title=title)


def _continues_sentence(raw: str, line_start: int) -> bool:
    if line_start == 0 or raw[line_start - 1] == "\f":
        return False
    previous_start = max(raw.rfind("\n", 0, line_start - 1), raw.rfind("\f", 0, line_start - 1)) + 1
    previous = raw[previous_start : line_start - 1].strip()
    return len(previous) > _CONTINUED_LINE_MIN_CHARS and not _SENTENCE_END.search(previous)


def _drop_contents(candidates: Sequence[FilingItem]) -> list[FilingItem]:
    kept: list[FilingItem] = []
    run: list[FilingItem] = []
    for item in [*candidates, None]:
        # A contents list counts up; the heading after its last entry ("Item 1." after "Item 16.") is
        # where the filing itself starts, however close.
        if item is None or (
            run and (item.start - run[-1].start > _TOC_GAP_CHARS or item.order <= run[-1].order)
        ):
            if not _is_contents(run):
                kept.extend(run)
            run = []
        if item is not None:
            run.append(item)
    return kept


def _is_contents(run: Sequence[FilingItem]) -> bool:
    if len(run) < _TOC_MIN_ENTRIES:
        return False
    gaps = sorted(b.start - a.start for a, b in pairwise(run))
    return gaps[len(gaps) // 2] <= _TOC_MEDIAN_GAP_CHARS


def _increasing_items(candidates: Sequence[FilingItem]) -> list[FilingItem]:
    if not candidates:
        return []
    longest = [1] * len(candidates)  # longest increasing chain ending at each candidate
    for i, item in enumerate(candidates):
        for j in range(i):
            if candidates[j].order < item.order and longest[j] + 1 > longest[i]:
                longest[i] = longest[j] + 1
    length = max(longest)
    chain: list[FilingItem] = []
    i = max(index for index, value in enumerate(longest) if value == length)
    chain.append(candidates[i])
    while longest[i] > 1:
        i = max(
            j for j in range(i) if longest[j] == longest[i] - 1 and candidates[j].order < candidates[i].order
        )
        chain.append(candidates[i])
    return chain[::-1]


# --------------------------------------------------------------------------------------------------
# printed page numbers

# A page number printed alone on a line: "38", "F-35", "A-1", "- 16 -", "-30-", "Page 3".
PAGE_LABEL = re.compile(
    r"\A(?:page\s++)?[-\u2013\u2014]?\s*+((?:[A-Z]{1,2}-)?\d{1,3})\s*+[-\u2013\u2014]?", re.I
)
# Page numbers sit in the last lines of a page (before a running footer such as "Verizon 2022 Annual
# Report on Form 10-K") or, more rarely, in the first ones.
_PAGE_FOOT_LINES = 3
_PAGE_HEAD_LINES = 2
# A label counts when a page at most this many pages away carries the label that continues the sequence,
# which rules out table figures and contents-page numbers that happen to end a page ("568", "27,709").
_PAGE_NEIGHBOURS = 2


def printed_page_labels(raw: str) -> dict[int, str]:
    """Page index -> page number printed on that page ("38", "F-12"), for the pages where one is found.

    Pages are the form-feed-separated parts of `raw`. A candidate is a short line in a page's last
    `_PAGE_FOOT_LINES` or first `_PAGE_HEAD_LINES` non-blank lines that is only a page label; it is kept
    when a page within `_PAGE_NEIGHBOURS` pages carries the label the sequence predicts there.
    """
    pages = raw.split("\f")
    candidates: list[list[tuple[str, int]]] = [_page_label_candidates(page) for page in pages]
    labels: dict[int, str] = {}
    for index, options in enumerate(candidates):
        for prefix, number in options:
            if _label_continues(candidates, index, prefix, number):
                labels[index] = f"{prefix}{number}"
                break
    return labels


def _page_label_candidates(page: str) -> list[tuple[str, int]]:
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    ordered = lines[::-1][:_PAGE_FOOT_LINES] + lines[:_PAGE_HEAD_LINES]
    found: list[tuple[str, int]] = []
    for line in ordered:
        match = PAGE_LABEL.fullmatch(line)
        if match is None:
            continue
        label = match.group(1).upper()
        prefix, _, digits = label.rpartition("-")
        option = (f"{prefix}-" if prefix else "", int(digits))
        if option not in found:
            found.append(option)
    return found


def _label_continues(
    candidates: Sequence[Sequence[tuple[str, int]]], index: int, prefix: str, number: int
) -> bool:
    for distance in range(1, _PAGE_NEIGHBOURS + 1):
        for other in (index - distance, index + distance):
            if 0 <= other < len(candidates) and (prefix, number + other - index) in candidates[other]:
                return True
    return False
