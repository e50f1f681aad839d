"""Model cards: a Hugging Face repository's README.md, or a card file in a GitHub repository.

Hugging Face: `{hf_endpoint}/api/models/{repo_id}/revision/{revision}` says which commit the revision
(a branch, a tag or a commit) is now, and when it was made; the card is then read at that commit,
`{hf_endpoint}/{repo_id}/resolve/{commit}/README.md`, which never changes (cached for good), and cited
as `{hf_endpoint}/{repo_id}/blob/{commit}/README.md`, the page a reader can open. The requests are the
Hub's public HTTP API, made with the same `Fetcher` as SEC's (one User-Agent, one rate limit, one cache)
rather than `huggingface_hub`: claimcheck sets `HF_HUB_OFFLINE=1` for its models
(`claimcheck.offline`), which `huggingface_hub` obeys for downloads too.

GitHub: a `https://github.com/OWNER/REPO/blob/REF/PATH` link (or the raw file's) is fetched from
`{github_raw_url}/OWNER/REPO/REF/PATH` and cited as the blob link at that ref.

A card's own YAML front matter (licence, tags) is dropped: the file's front matter is claimcheck's, with
the provenance.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from claimcheck.models import DocKind
from claimcheck.settings import Settings
from claimcheck.sources.http import Fetcher, FetchError
from claimcheck.sources.provenance import Provenance, body_sha256

_REPO_ID = re.compile(r"[A-Za-z0-9][\w.-]*/[\w.-]+")
_GITHUB_BLOB = re.compile(r"/(?P<owner>[^/]+)/(?P<repo>[^/]+)/(?:blob|raw)/(?P<ref>[^/]+)/(?P<path>.+)")
_GITHUB_RAW = re.compile(r"/(?P<owner>[^/]+)/(?P<repo>[^/]+)/(?P<ref>[^/]+)/(?P<path>.+)")
# A card shorter than this holds no model details (an empty README or an error page).
MIN_CARD_CHARS = 200


@dataclass(frozen=True)
class FetchedCard:
    provenance: Provenance
    text: str
    relative_path: str  # "cards/<owner>/<name>.md"


def strip_card_front_matter(text: str) -> str:
    """The card without its own `---` YAML block at the top."""
    body = text.lstrip("\ufeff")
    if body.startswith("---"):
        lines = body.split("\n")
        for i in range(1, len(lines)):
            if lines[i].strip() == "---":
                return "\n".join(lines[i + 1 :]).lstrip("\n")
    return body


def _check_card(text: str, url: str) -> None:
    if len(text.strip()) < MIN_CARD_CHARS:
        raise FetchError(
            f"not a model card: {len(text.strip())} characters of text",
            path=url,
            hint="check the repository id and revision; nothing was saved",
        )
    if "\x00" in text or text.lstrip().lower().startswith(("<!doctype html", "<html")):
        raise FetchError(
            "not a model card: the server sent a web page or binary data",
            path=url,
            hint="give the card's own address (a blob or raw file link); nothing was saved",
        )


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-") or "card"


def fetch_hf_card(fetcher: Fetcher, settings: Settings, repo_id: str, revision: str) -> FetchedCard:
    """The README.md of a Hugging Face repository at `revision`, with provenance."""
    if not _REPO_ID.fullmatch(repo_id):
        raise FetchError(
            f"{repo_id!r} is not a Hugging Face repository id",
            hint="write OWNER/NAME, e.g. meta-llama/Llama-3.1-8B",
        )
    endpoint = settings.hf_endpoint.rstrip("/")
    api = f"{endpoint}/api/models/{repo_id}/revision/{quote(revision, safe='')}"
    # A commit id never moves; a branch or tag is asked again after the listing age.
    pinned = re.fullmatch(r"[0-9a-f]{40}", revision) is not None
    info_body = fetcher.get(api, max_age_hours=None if pinned else settings.fetch_listing_max_age_hours)
    try:
        info = json.loads(info_body.body)
        commit = str(info["sha"])
    except (ValueError, KeyError, TypeError):
        raise FetchError("the Hub's answer names no commit", path=api, hint="try again later") from None
    if not re.fullmatch(r"[0-9a-f]{40}", commit):
        raise FetchError(f"the Hub named an odd commit {commit!r}", path=api)
    modified = _date(info.get("lastModified") if isinstance(info, dict) else None)
    raw_url = f"{endpoint}/{repo_id}/resolve/{commit}/README.md"
    card = fetcher.get(raw_url, max_age_hours=None)
    text = strip_card_front_matter(card.text())
    _check_card(text, raw_url)
    owner, name = repo_id.split("/", 1)
    provenance = Provenance(
        title=f"{name} model card",
        kind=DocKind.MODEL_CARD,
        company=owner,
        date=modified,
        url=f"{endpoint}/{repo_id}/blob/{commit}/README.md",
        source="huggingface",
        retrieved=card.fetched_at.date(),
        content_sha256=body_sha256(text),
        repo_id=repo_id,
        revision=revision,
        commit=commit,
    )
    return FetchedCard(provenance, text, f"cards/{_slug(owner)}/{_slug(name)}.md")


def fetch_github_card(fetcher: Fetcher, settings: Settings, link: str) -> FetchedCard:
    """A card file from a GitHub repository, given as its github.com blob link or its raw link."""
    parts = urlsplit(link)
    raw_base = settings.github_raw_url.rstrip("/")
    match = _GITHUB_BLOB.fullmatch(parts.path)
    if match is None and link.startswith(raw_base):
        match = _GITHUB_RAW.fullmatch(link[len(raw_base) :])
    if match is None:
        raise FetchError(
            "not a GitHub file link",
            path=link,
            hint="give https://github.com/OWNER/REPO/blob/REF/PATH/TO/MODEL_CARD.md",
        )
    owner, repo, ref, path = match.group("owner", "repo", "ref", "path")
    raw_url = f"{raw_base}/{owner}/{repo}/{ref}/{path}"
    pinned = re.fullmatch(r"[0-9a-f]{40}", ref) is not None
    card = fetcher.get(raw_url, max_age_hours=None if pinned else settings.fetch_listing_max_age_hours)
    text = strip_card_front_matter(card.text())
    _check_card(text, raw_url)
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    folder = path.rsplit("/", 2)[-2] if "/" in path else repo
    provenance = Provenance(
        title=f"{folder} model card" if stem.lower() in ("model_card", "readme", "modelcard") else stem,
        kind=DocKind.MODEL_CARD,
        company=owner,
        url=f"https://github.com/{owner}/{repo}/blob/{ref}/{path}",
        source="github",
        retrieved=card.fetched_at.date(),
        content_sha256=body_sha256(text),
        repo_id=f"{owner}/{repo}",
        revision=ref,
        commit=ref if pinned else None,
    )
    return FetchedCard(
        provenance, text, f"cards/{_slug(owner)}/{_slug(repo)}-{_slug(folder)}-{_slug(stem)}.md"
    )


def fetch_card(fetcher: Fetcher, settings: Settings, repo_or_link: str, revision: str) -> FetchedCard:
    """A Hugging Face repository id, or a GitHub file link."""
    if "://" in repo_or_link:
        return fetch_github_card(fetcher, settings, repo_or_link)
    return fetch_hf_card(fetcher, settings, repo_or_link, revision)


def _date(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None
