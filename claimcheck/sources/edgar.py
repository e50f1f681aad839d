"""SEC EDGAR: a ticker or CIK → the company's filings of one form → each primary document as corpus text.

Three kinds of request, all through `Fetcher` (User-Agent, rate limit, cache):

- `{sec_www_url}/files/company_tickers.json`: ticker → CIK (a listing, refreshed after
  `fetch_listing_max_age_hours`);
- `{sec_data_url}/submissions/CIK##########.json`: the company's name and its recent filings (form,
  accession number, filing date, period of report, primary document) — a listing too;
- `{sec_www_url}/Archives/edgar/data/{cik}/{accession without dashes}/{primary document}`: the filing
  itself, which never changes, so it is downloaded once.

`fetch_filings` returns `FetchedFiling`s (provenance + text) and writes nothing; the caller writes them
into the corpus under its lock. A filing that does not read as its form (no "FORM 10-K" on the cover, too
little text) is a `FetchError` naming its URL, so a malformed filing never enters the corpus.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from claimcheck.corpus.filings import fiscal_quarter, fiscal_year_of
from claimcheck.models import DocKind
from claimcheck.settings import Settings
from claimcheck.sources.filing_html import filing_text
from claimcheck.sources.http import FetchedBody, Fetcher, FetchError
from claimcheck.sources.provenance import Provenance, body_sha256

# The forms `corpus fetch sec --form` takes, and the corpus kind each becomes. An amendment ("10-K/A")
# is fetched with its form and has the same kind.
FORM_KINDS: dict[str, DocKind] = {"10-K": DocKind.TEN_K, "10-Q": DocKind.TEN_Q, "8-K": DocKind.EIGHT_K}
# Fewer characters than this is no filing: the shortest 10-K of the FinanceBench set is some 200,000
# characters, and the shortest 8-K on EDGAR (a cover page and one item) over 2,000; a page that says
# "document not found" or an empty inline-XBRL shell is well under 1,000.
MIN_FILING_CHARS = 1_000
# How a form names itself on its cover page (checked in the first COVER_CHARS of the text).
_COVER = {
    "10-K": re.compile(r"\bFORM\s+10-K", re.IGNORECASE),
    "10-Q": re.compile(r"\bFORM\s+10-Q", re.IGNORECASE),
    "8-K": re.compile(r"\bFORM\s+8-K", re.IGNORECASE),
}
_COVER_CHARS = 20_000


@dataclass(frozen=True)
class Company:
    cik: int
    name: str
    ticker: str | None

    @property
    def cik10(self) -> str:
        return f"{self.cik:010d}"


@dataclass(frozen=True)
class FilingRef:
    """One filing as the company's submissions list it."""

    form: str  # "10-K", "10-K/A"
    accession: str  # "0001326801-24-000012"
    filed: dt.date
    period_of_report: dt.date | None
    primary_document: str  # "meta-20231231.htm"
    fiscal_year_end: str | None = None  # the company's fiscal year end as SEC lists it ("1231", "0126")

    @property
    def fiscal_year(self) -> int | None:
        return fiscal_year_of(self.period_of_report) if self.period_of_report else None

    @property
    def fiscal_quarter(self) -> tuple[int, int] | None:
        """A quarterly report's fiscal year and quarter ((2025, 3)), when the fiscal year end is known."""
        if self.period_of_report is None or not self.fiscal_year_end:
            return None
        return fiscal_quarter(self.period_of_report, self.fiscal_year_end)


@dataclass(frozen=True)
class FetchedFiling:
    """A filing's text and provenance, ready to be written into the corpus."""

    provenance: Provenance
    text: str
    relative_path: str  # where it goes in the corpus: "sec/<ticker>/<form>-FY<year>-<accession>.txt"


def parse_years(text: str | None) -> tuple[int, int] | None:
    """ "2022-2025" → (2022, 2025); "2023" → (2023, 2023); None → None. Raises `FetchError` otherwise."""
    if text is None:
        return None
    match = re.fullmatch(r"\s*((?:19|20)\d{2})\s*(?:[-–:]\s*((?:19|20)\d{2}))?\s*", text)
    if match is None:
        raise FetchError(
            f"--years {text!r} is not a year or a range of years", hint="write 2023 or 2022-2025"
        )
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if last < first:
        raise FetchError(f"--years {text!r} ends before it starts", hint="write the earlier year first")
    return first, last


def _json(fetched: FetchedBody, what: str) -> object:
    try:
        return json.loads(fetched.body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise FetchError(
            f"{what} is not valid JSON ({exc})", path=fetched.url, hint="try again later"
        ) from None


def resolve_company(fetcher: Fetcher, settings: Settings, ticker_or_cik: str) -> Company:
    """The company a ticker ("META") or a CIK ("1326801", "CIK0001326801") names."""
    wanted = ticker_or_cik.strip()
    digits = wanted.upper().removeprefix("CIK")
    if digits.isdigit():
        cik = int(digits)
        name, ticker = _submissions_name(fetcher, settings, cik)
        return Company(cik=cik, name=name, ticker=ticker)
    url = f"{settings.sec_www_url.rstrip('/')}/files/company_tickers.json"
    listing = _json(fetcher.get(url, max_age_hours=settings.fetch_listing_max_age_hours), "SEC's ticker list")
    rows = listing.values() if isinstance(listing, dict) else []
    for row in rows:
        if isinstance(row, dict) and str(row.get("ticker", "")).upper() == wanted.upper():
            try:
                return Company(cik=int(row["cik_str"]), name=str(row["title"]), ticker=wanted.upper())
            except (KeyError, TypeError, ValueError):
                break
    raise FetchError(
        f"no company with the ticker {wanted!r} in SEC's ticker list",
        path=url,
        hint="check the ticker, or give the company's CIK",
    )


def _submissions(fetcher: Fetcher, settings: Settings, cik: int) -> tuple[FetchedBody, dict[str, object]]:
    url = f"{settings.sec_data_url.rstrip('/')}/submissions/CIK{cik:010d}.json"
    fetched = fetcher.get(url, max_age_hours=settings.fetch_listing_max_age_hours)
    data = _json(fetched, "the company's filing list")
    if not isinstance(data, dict):
        raise FetchError("the company's filing list is not a JSON object", path=url)
    return fetched, data


def _submissions_name(fetcher: Fetcher, settings: Settings, cik: int) -> tuple[str, str | None]:
    _, data = _submissions(fetcher, settings, cik)
    tickers = data.get("tickers")
    ticker = str(tickers[0]) if isinstance(tickers, list) and tickers else None
    return str(data.get("name") or f"CIK {cik}"), ticker


_COLUMNS = ("form", "accessionNumber", "filingDate", "reportDate", "primaryDocument")


def _rows(table: object, url: str) -> list[tuple[object, ...]]:
    """The filing rows of one columnar table of SEC's submissions (`filings.recent`, or an older page)."""
    if not isinstance(table, dict):
        raise FetchError("the company's filing list holds no table of filings", path=url)
    lists = [table.get(name) for name in _COLUMNS]
    missing = [name for name, values in zip(_COLUMNS, lists, strict=True) if not isinstance(values, list)]
    if missing:
        raise FetchError("the company's filing list lacks " + ", ".join(missing), path=url)
    return list(zip(*lists, strict=False))


def _ref(row: tuple[object, ...], fiscal_year_end: str | None = None) -> FilingRef | None:
    row_form, accession, filed, report, document = row
    if not document:
        return None
    try:
        return FilingRef(
            form=str(row_form),
            accession=str(accession),
            filed=dt.date.fromisoformat(str(filed)),
            period_of_report=dt.date.fromisoformat(str(report)) if report else None,
            primary_document=str(document),
            fiscal_year_end=fiscal_year_end,
        )
    except ValueError:
        return None  # a row with an impossible date: not one we can cite


def list_filings(
    fetcher: Fetcher, settings: Settings, company: Company, form: str, years: tuple[int, int] | None
) -> list[FilingRef]:
    """The company's filings of `form` (and its amendments, `form`/A) whose fiscal year is within
    `years`, oldest first. SEC's "recent" list holds the last 1,000 filings (a decade of annual reports
    for most companies); the older pages it names (`filings.files`) are read too when `years` reaches
    back before the oldest recent filing."""
    fetched, data = _submissions(fetcher, settings, company.cik)
    year_end = data.get("fiscalYearEnd")
    fiscal_year_end = str(year_end) if isinstance(year_end, str | int) and str(year_end).strip() else None
    filings = data.get("filings")
    filings = filings if isinstance(filings, dict) else {}
    rows = _rows(filings.get("recent"), fetched.url)
    refs = [ref for ref in map(_ref, rows) if ref is not None]
    oldest = min((ref.fiscal_year or ref.filed.year for ref in refs), default=None)
    pages = filings.get("files")
    if years is not None and (oldest is None or years[0] < oldest) and isinstance(pages, list):
        base = settings.sec_data_url.rstrip("/")
        for page in pages:
            name = page.get("name") if isinstance(page, dict) else None
            if isinstance(name, str) and re.fullmatch(r"[\w.-]+\.json", name):
                older = fetcher.get(
                    f"{base}/submissions/{name}", max_age_hours=settings.fetch_listing_max_age_hours
                )
                rows.extend(_rows(_json(older, "an older page of the company's filing list"), older.url))
    found: dict[str, FilingRef] = {}
    for row in rows:
        ref = _ref(row, fiscal_year_end)
        if ref is None or ref.form not in (form, f"{form}/A"):
            continue
        year = ref.fiscal_year if ref.fiscal_year is not None else ref.filed.year
        if years is not None and not years[0] <= year <= years[1]:
            continue
        found.setdefault(ref.accession, ref)
    return sorted(found.values(), key=lambda ref: (ref.filed, ref.accession))


def document_url(settings: Settings, company: Company, ref: FilingRef) -> str:
    accession = ref.accession.replace("-", "")
    base = settings.sec_www_url.rstrip("/")
    return f"{base}/Archives/edgar/data/{company.cik}/{accession}/{ref.primary_document}"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "company"


def filing_path(company: Company, ref: FilingRef) -> str:
    """Where a filing goes in the corpus: `sec/<ticker>/<form>-FY<year>-<accession>.txt`."""
    folder = _slug(company.ticker or company.name)
    form = ref.form.replace("/", "")
    year = f"FY{ref.fiscal_year}" if ref.fiscal_year else f"filed{ref.filed.isoformat()}"
    return f"sec/{folder}/{form}-{year}-{ref.accession}.txt"


def fetch_filing(
    fetcher: Fetcher, settings: Settings, company: Company, ref: FilingRef, base_form: str
) -> FetchedFiling:
    """Download one filing's primary document and turn it into corpus text with its provenance."""
    url = document_url(settings, company, ref)
    fetched = fetcher.get(url, max_age_hours=None)  # a filing by accession number never changes
    text = filing_text(fetched.text())
    if len(text.strip()) < MIN_FILING_CHARS or not _COVER[base_form].search(text[:_COVER_CHARS]):
        fetcher.cache.forget(url)  # nothing is kept of a document that was refused
    if len(text.strip()) < MIN_FILING_CHARS:
        raise FetchError(
            f"malformed filing: its document holds {len(text.strip())} characters of text",
            path=url,
            hint="the filing was not saved; check the document on EDGAR",
        )
    if not _COVER[base_form].search(text[:_COVER_CHARS]):
        raise FetchError(
            f'malformed filing: its cover page does not say "FORM {base_form}"',
            path=url,
            hint="the filing was not saved; check the document on EDGAR",
        )
    year = ref.fiscal_year
    # A 10-K names its fiscal year. A 10-Q names its fiscal quarter, which is not the calendar quarter
    # for a company whose year does not end in December ("FY2025 Q3" for NVIDIA's quarter ended
    # 2024-10-27), worked out from the fiscal year end SEC lists; without one it names no period.
    period = f"FY{year}" if year and base_form == "10-K" else None
    quarter = ref.fiscal_quarter if base_form == "10-Q" else None
    if quarter is not None:
        year, number = quarter
        period = f"FY{year} Q{number}"
    title = f"{company.name} Form {ref.form}"
    if period:
        title += f" {period}"
    if base_form == "10-Q" and ref.period_of_report:
        title += f" for the quarter ended {ref.period_of_report.isoformat()}"
    elif not period:
        title += f" filed {ref.filed.isoformat()}"
    provenance = Provenance(
        title=title,
        kind=FORM_KINDS[base_form],
        company=company.name,
        period=period,
        date=ref.filed,
        url=url,
        source="sec-edgar",
        retrieved=fetched.fetched_at.date(),
        content_sha256=body_sha256(text),
        cik=company.cik10,
        form=ref.form,
        fiscal_year=year,
        period_of_report=ref.period_of_report,
        accession=ref.accession,
        filed=ref.filed,
    )
    return FetchedFiling(provenance=provenance, text=text, relative_path=filing_path(company, ref))


def fetch_filings(
    fetcher: Fetcher, settings: Settings, ticker_or_cik: str, form: str, years: tuple[int, int] | None
) -> list[FetchedFiling]:
    """Every filing of `form` (amendments included) within `years`, fetched and checked; an amendment
    `supersedes` the original filing of the same period fetched with it (or already in the list).
    Raises `FetchError` at the first failure: nothing is returned half-done."""
    if form not in FORM_KINDS:
        raise FetchError(f"unsupported form {form!r}", hint="use one of: " + ", ".join(FORM_KINDS))
    company = resolve_company(fetcher, settings, ticker_or_cik)
    refs = list_filings(fetcher, settings, company, form, years)
    if not refs:
        span = f" for fiscal years {years[0]}-{years[1]}" if years else ""
        raise FetchError(
            f"{company.name} (CIK {company.cik}) has no {form} filings{span} in SEC's recent list",
            hint="check --form and --years",
        )
    fetched = [fetch_filing(fetcher, settings, company, ref, form) for ref in refs]
    # an amendment replaces the original of the same period: a fiscal year, or one quarter of it
    originals: dict[object, str] = {}
    result: list[FetchedFiling] = []
    for filing in fetched:
        prov = filing.provenance
        key = prov.period or prov.period_of_report or prov.fiscal_year
        if key is not None and prov.form == form:
            originals[key] = filing.relative_path
        elif key is not None and key in originals and prov.form == f"{form}/A":
            prov = prov.model_copy(update={"supersedes": originals[key]})
            filing = FetchedFiling(provenance=prov, text=filing.text, relative_path=filing.relative_path)
        result.append(filing)
    return result
