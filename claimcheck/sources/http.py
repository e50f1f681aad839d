"""The one place claimcheck touches the network: polite GETs with a declared User-Agent, a rate limit per
host, and an on-disk cache so that nothing is downloaded twice.

`Fetcher.get(url, max_age_hours=...)` returns the body of a 200 response. A URL that names an exact,
unchanging thing (a filing by accession number, a card at a commit) is fetched with `max_age_hours=None`
and read from the cache for ever after; a listing (a company's filings) is asked for again once its copy
is older than `max_age_hours`.

Every failure is a `FetchError`, one line saying which URL and why: no network, a timeout, HTTP 403 (SEC
refuses undeclared or too-fast clients), HTTP 429 (rate limited), another HTTP status, a response over
`fetch_max_bytes`, and a download cut short (fewer bytes than the server announced). The cache is written
atomically, so an interrupted download leaves no partial entry.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from claimcheck.errors import ClaimcheckError
from claimcheck.fsutil import atomic_write_bytes, atomic_write_text
from claimcheck.settings import Settings

# A User-Agent counts as declaring a contact when it holds an e-mail address (SEC's rule).
_EMAIL_AT = "@"


class FetchError(ClaimcheckError):
    """A source that could not be fetched (network, HTTP status, size, a cut-short download)."""


@dataclass(frozen=True)
class FetchedBody:
    """One response body, from the network or the cache."""

    url: str
    body: bytes
    content_type: str
    fetched_at: dt.datetime  # when it came off the network (UTC), also for a cached copy
    from_cache: bool

    def text(self) -> str:
        """The body decoded as UTF-8 (SEC and the hubs serve UTF-8; a stray byte becomes U+FFFD)."""
        return self.body.decode("utf-8", errors="replace")


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


class HttpCache:
    """Response bodies on disk, keyed by URL: `<key>.body` and `<key>.json` (url, type, fetched_at)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        base = self.folder / key[:2] / key
        return base.with_suffix(".body"), base.with_suffix(".json")

    def get(self, url: str, max_age_hours: float | None, now: dt.datetime) -> FetchedBody | None:
        body_path, meta_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            body = body_path.read_bytes()
            fetched_at = dt.datetime.fromisoformat(meta["fetched_at"])
            if meta.get("url") != url or meta.get("size") != len(body):
                return None  # a damaged entry is fetched again
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if max_age_hours is not None and now - fetched_at >= dt.timedelta(hours=max_age_hours):
            return None
        return FetchedBody(url, body, str(meta.get("content_type", "")), fetched_at, from_cache=True)

    def forget(self, url: str) -> None:
        """Drop the entry of `url` (a response that turned out unusable)."""
        for path in self._paths(url):
            path.unlink(missing_ok=True)

    def put(self, fetched: FetchedBody) -> None:
        body_path, meta_path = self._paths(fetched.url)
        meta = {
            "url": fetched.url,
            "content_type": fetched.content_type,
            "fetched_at": fetched.fetched_at.isoformat(),
            "size": len(fetched.body),
        }
        # The body first: an entry whose metadata is missing or disagrees is no entry.
        atomic_write_bytes(body_path, fetched.body)
        atomic_write_text(meta_path, json.dumps(meta))


class Fetcher:
    """GET with a User-Agent, at most `fetch_max_requests_per_second` per host, through the cache."""

    def __init__(
        self,
        settings: Settings,
        cache_dir: Path,
        *,
        user_agent: str,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self.cache = HttpCache(cache_dir)
        self.user_agent = user_agent
        self._interval = 1.0 / settings.fetch_max_requests_per_second
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()
        self._sleep = sleep
        self._clock = clock
        self.requests_sent = 0  # network requests, for reports and tests
        self._client = httpx.Client(
            headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(settings.fetch_timeout),
            follow_redirects=True,
            transport=transport,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str, *, max_age_hours: float | None = None) -> FetchedBody:
        """The body of `url`: the cached copy when there is one young enough, else downloaded (and cached).
        Raises `FetchError` with the URL and the reason."""
        cached = self.cache.get(url, max_age_hours, utc_now())
        if cached is not None:
            return cached
        fetched = self._download(url)
        self.cache.put(fetched)
        return fetched

    def _wait_turn(self, host: str) -> None:
        with self._lock:
            now = self._clock()
            ready = self._last.get(host, -self._interval) + self._interval
            if ready > now:
                self._sleep(ready - now)
                now = ready
            self._last[host] = now

    def _download(self, url: str) -> FetchedBody:
        try:
            host = urlsplit(url).netloc or url
        except ValueError as exc:  # "http://[::1": an address no request can be made to
            raise FetchError(f"not a valid URL ({exc})", path=url, hint="check the address") from None
        self._wait_turn(host)
        self.requests_sent += 1
        limit = self.settings.fetch_max_bytes
        try:
            with self._client.stream("GET", url) as response:
                _check_status(response, url)
                announced = response.headers.get("content-length")
                if announced is not None and announced.isdigit() and int(announced) > limit:
                    raise _too_big(url, limit)
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        raise _too_big(url, limit)
                    chunks.append(chunk)
                content_type = response.headers.get("content-type", "")
        except httpx.TimeoutException:
            raise FetchError(
                f"no answer within {self.settings.fetch_timeout:g} s",
                path=url,
                hint="the server is slow or unreachable; try again later, or raise fetch_timeout",
            ) from None
        except httpx.ConnectError as exc:
            raise FetchError(
                f"cannot connect to {host} ({_short(exc)})",
                path=url,
                hint="check the network connection; the corpus was left as it was",
            ) from None
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.DecodingError) as exc:
            raise FetchError(
                f"the download was cut short ({_short(exc)})",
                path=url,
                hint="nothing was written; run the command again",
            ) from None
        except httpx.HTTPError as exc:
            raise FetchError(f"request failed ({_short(exc)})", path=url) from None
        except httpx.InvalidURL as exc:
            raise FetchError(f"not a valid URL ({_short(exc)})", path=url, hint="check the address") from None
        return FetchedBody(url, b"".join(chunks), content_type, utc_now(), from_cache=False)


def _check_status(response: httpx.Response, url: str) -> None:
    status = response.status_code
    if status == 200:
        return
    if status == 403:
        raise FetchError(
            "HTTP 403 Forbidden: the server refused the request",
            path=url,
            hint="SEC refuses clients without a contact User-Agent or above 10 requests/s: check "
            "fetch_user_agent and fetch_max_requests_per_second, then try again later",
        )
    if status == 429:
        wait = response.headers.get("retry-after")
        raise FetchError(
            "HTTP 429 Too Many Requests: rate limited" + (f" (retry after {wait} s)" if wait else ""),
            path=url,
            hint="wait, then run the command again (cached downloads are not repeated); or lower "
            "fetch_max_requests_per_second",
        )
    if status == 404:
        raise FetchError("HTTP 404 Not Found", path=url, hint="check the ticker, CIK, repository or revision")
    raise FetchError(f"HTTP {status} {response.reason_phrase}".rstrip(), path=url, hint="try again later")


def _too_big(url: str, limit: int) -> FetchError:
    return FetchError(
        f"the response is over {limit:,} bytes (fetch_max_bytes)",
        path=url,
        hint="raise fetch_max_bytes in the config file if this document is really that large",
    )


def _short(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]


def require_contact(user_agent: str | None, *, what: str) -> str:
    """The configured User-Agent, which must carry an e-mail address; else a `FetchError` saying how to
    set one (SEC's fair-access policy)."""
    if user_agent is None or _EMAIL_AT not in user_agent or not user_agent.strip():
        raise FetchError(
            f"{what} needs a User-Agent with a contact e-mail address (SEC's fair-access rules)",
            hint='set fetch_user_agent = "Newsroom Name research@example.org" in claimcheck.toml',
        )
    return user_agent.strip()


def cache_dir_for(settings: Settings, corpus_dir: Path) -> Path:
    """Where the HTTP cache lives: `fetch_cache_dir`, else `.cache/http` inside the corpus (hidden files
    are never indexed)."""
    return settings.fetch_cache_dir or corpus_dir / ".cache" / "http"
