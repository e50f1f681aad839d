"""A local HTTP server that answers like SEC EDGAR and the Hugging Face Hub, and the documents it serves.

Everything here is written by the project (no recorded traffic): `SourceServer` serves a table of
routes (path → `Route`) on 127.0.0.1 at a free port and records each request's path and User-Agent;
`ten_k_html` writes a small but complete Form 10-K in EDGAR's inline-XBRL style (a hidden `ix:header`,
page breaks, Item headings, a financial table with separate "$" cells).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from claimcheck.settings import Settings

CONTACT = "Test Newsroom research@example.org"


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    # Announce this many bytes but send only `body`, then close: a download cut short.
    claimed_length: int | None = None


class SourceServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route | Callable[[], Route]] = {}
        self.requests: list[tuple[str, str]] = []  # (path, user agent)
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append((self.path, self.headers.get("User-Agent", "")))
                found = server.routes.get(self.path)
                route = found() if callable(found) else found
                if route is None:
                    route = Route(b"not found", status=404, content_type="text/plain")
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                length = route.claimed_length if route.claimed_length is not None else len(route.body)
                self.send_header("Content-Length", str(length))
                for name, value in route.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(route.body)
                if route.claimed_length is not None:
                    self.wfile.flush()
                    self.close_connection = True

            def log_message(self, format: str, *args: object) -> None:
                return

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)

    def settings(self, **overrides: object) -> Settings:
        values: dict[str, object] = {
            "sec_www_url": self.url,
            "sec_data_url": self.url,
            "hf_endpoint": self.url,
            "github_raw_url": self.url,
            "fetch_user_agent": CONTACT,
            "fetch_max_requests_per_second": 10.0,
            "fetch_timeout": 5.0,
            "embedding_model": "hashing-64",
            "lock_timeout": 5.0,
        }
        values.update(overrides)
        return Settings(**values)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------------
# EDGAR-shaped documents

CIK = 1326801
COMPANY = "Meta Platforms, Inc."


def ten_k_html(year: int, revenue: str, *, amended: bool = False, net_income: str = "39,098") -> str:
    """A Form 10-K for fiscal `year` whose revenue table says `revenue` (in millions)."""
    form = "FORM 10-K/A" if amended else "FORM 10-K"
    page = '<hr style="page-break-after:always"/>'
    filler = " ".join(
        f"<p>We build technology that helps people connect ({n}). Our products include Facebook, "
        "Instagram, Messenger, WhatsApp and Threads, and we invest in Reality Labs for augmented and "
        "virtual reality.</p>"
        for n in range(6)
    )
    return f"""<html><head><title>{COMPANY} 10-K</title><style>.x{{color:red}}</style></head><body>
<div style="display:none"><ix:header><ix:hidden>dei:EntityRegistrantName {COMPANY}</ix:hidden>
</ix:header></div>
<p style="text-align:center">UNITED STATES</p><p>SECURITIES AND EXCHANGE COMMISSION</p>
<p><b>{form}</b></p>
<p>ANNUAL REPORT PURSUANT TO SECTION 13 OR 15(d) OF THE SECURITIES EXCHANGE ACT OF 1934</p>
<p>For the fiscal year ended December 31, {year}</p>
<p>Commission File Number: 001-35551</p>
<p>{COMPANY}</p><p>(Exact name of registrant as specified in its charter)</p>
<p style="text-align:center">1</p>{page}
<p>PART I</p><p>Item 1. Business</p>{filler}
<p style="text-align:center">2</p>{page}
<p>PART II</p>
<p>Item 7. Management&#8217;s Discussion and Analysis of Financial Condition and Results of Operations</p>
<p>Revenue was ${revenue} million in {year}. Net income was ${net_income} million.</p>
<table>
<tr><td></td><td colspan="4">Year Ended December 31,</td></tr>
<tr><td></td><td colspan="2">{year}</td><td colspan="2">{year - 1}</td></tr>
<tr><td>Revenue</td><td>$</td><td>{revenue}</td><td>$</td><td>116,609</td></tr>
<tr><td>Net income</td><td>$</td><td>{net_income}</td><td>$</td><td>23,200</td></tr>
</table>
<p style="text-align:center">3</p>{page}
<p>Item 8. Financial Statements and Supplementary Data</p>{filler}
<p style="text-align:center">4</p>
</body></html>"""


def filing_table(filings: list[dict[str, str]]) -> dict[str, list[str]]:
    """Filing rows as SEC's columnar table, newest first as SEC lists them."""
    ordered = sorted(filings, key=lambda f: f["filingDate"], reverse=True)
    return {
        key: [f[key] for f in ordered]
        for key in ("form", "accessionNumber", "filingDate", "reportDate", "primaryDocument")
    }


def submissions_json(
    filings: list[dict[str, str]],
    *,
    name: str = COMPANY,
    older_pages: list[str] = (),
    fiscal_year_end: str | None = None,
) -> bytes:
    """A submissions file listing `filings` (form, accessionNumber, filingDate, reportDate,
    primaryDocument) as recent, and naming `older_pages`; with `fiscal_year_end` ("1231"), SEC's
    `fiscalYearEnd` key."""
    files = [{"name": page, "filingCount": 1} for page in older_pages]
    data: dict[str, object] = {"fiscalYearEnd": fiscal_year_end} if fiscal_year_end else {}
    data |= {
        "cik": str(CIK),
        "name": name,
        "tickers": ["META"],
        "filings": {"recent": filing_table(filings), "files": files},
    }
    return json.dumps(data).encode()


TICKERS = json.dumps(
    {
        "0": {"cik_str": 320193, "ticker": "AAPL", "title": "Apple Inc."},
        "1": {"cik_str": CIK, "ticker": "META", "title": COMPANY},
    }
).encode()


def filing(form: str, accession: str, filed: str, report: str, document: str) -> dict[str, str]:
    return {
        "form": form,
        "accessionNumber": accession,
        "filingDate": filed,
        "reportDate": report,
        "primaryDocument": document,
    }


def archive_path(accession: str, document: str) -> str:
    return f"/Archives/edgar/data/{CIK}/{accession.replace('-', '')}/{document}"


def serve_meta(
    server: SourceServer, filings: list[tuple[dict[str, str], str]], fiscal_year_end: str | None = None
) -> None:
    """Routes for META: the ticker list, its submissions, and each (filing row, html) document."""
    server.routes["/files/company_tickers.json"] = Route(TICKERS, content_type="application/json")
    server.routes[f"/submissions/CIK{CIK:010d}.json"] = Route(
        submissions_json([row for row, _ in filings], fiscal_year_end=fiscal_year_end),
        content_type="application/json",
    )
    for row, html in filings:
        server.routes[archive_path(row["accessionNumber"], row["primaryDocument"])] = Route(html.encode())


FY2022 = filing("10-K", "0001326801-23-000013", "2023-02-02", "2022-12-31", "meta-20221231.htm")
FY2023 = filing("10-K", "0001326801-24-000012", "2024-02-02", "2023-12-31", "meta-20231231.htm")
FY2023_A = filing("10-K/A", "0001326801-24-000030", "2024-04-01", "2023-12-31", "meta-20231231a.htm")
Q3 = filing("10-Q", "0001326801-23-000103", "2023-10-26", "2023-09-30", "meta-20230930.htm")


# --------------------------------------------------------------------------------------------------
# Hub-shaped documents

COMMIT = "a" * 40
NEW_COMMIT = "b" * 40


def card_markdown(context: str) -> str:
    return f"""---
license: llama3.1
tags: [facebook, meta, llama]
---

# Llama 3.1

## Model Information

The Meta Llama 3.1 collection of multilingual large language models is a collection of pretrained and
instruction tuned generative models in 8B, 70B and 405B sizes. All three sizes have a context length of
{context} tokens and use Grouped-Query Attention (GQA) for improved inference scalability.

**Model Release Date:** July 23, 2024.
"""


def serve_card(server: SourceServer, repo: str, commit: str, context: str) -> None:
    info = {"id": repo, "sha": commit, "lastModified": "2024-09-25T14:34:23.000Z"}
    server.routes[f"/api/models/{repo}/revision/main"] = Route(
        json.dumps(info).encode(), content_type="application/json"
    )
    server.routes[f"/{repo}/resolve/{commit}/README.md"] = Route(
        card_markdown(context).encode(), content_type="text/plain; charset=utf-8"
    )
