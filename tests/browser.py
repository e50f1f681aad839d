"""Headless Chromium for layout checks: the page's width and height measured inside an iframe of a given
width (headless Chromium will not make a window narrower than 500 px, an iframe can be), and screenshots.

Chromium is found on PATH (`chromium`, `chromium-browser`, `google-chrome`); nothing is downloaded. Every run
gets a fresh profile and no network: the page must work offline.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

_NAMES = ("chromium", "chromium-browser", "google-chrome")
# Seconds one Chromium run may take before the check fails rather than hangs.
TIMEOUT = 60


def chromium() -> str | None:
    return next((path for name in _NAMES if (path := shutil.which(name))), None)


def _flags(*extra: str) -> list[str]:
    return [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        "--allow-file-access-from-files",
        *extra,
    ]


def evaluate(site: Path, page: str, width: int, expression: str, *, dark: bool = False) -> str:
    """The value of a JavaScript `expression` (over `doc`, the page's document) once `site/page` has loaded
    in an iframe `width` px wide; with `dark`, the reader prefers a dark colour scheme."""
    binary = chromium()
    assert binary is not None
    wrapper = site / f"__evaluate_{width}.html"
    wrapper.write_text(
        '<!DOCTYPE html><html><body style="margin:0">'
        f'<iframe id="f" src="{page}" style="border:0;width:{width}px;height:900px"></iframe><script>'
        'document.getElementById("f").addEventListener("load", function () {'
        " var doc = this.contentDocument;"
        f' document.body.setAttribute("data-value", String({expression}));'
        "});</script></body></html>",
        encoding="utf-8",
    )
    scheme = f"--blink-settings=preferredColorScheme={0 if dark else 1}"
    command = [binary, *_flags(scheme), "--window-size=1400,900", "--virtual-time-budget=5000", "--dump-dom"]
    try:
        with tempfile.TemporaryDirectory() as profile:
            dom = subprocess.run(
                [*command, f"--user-data-dir={profile}", wrapper.as_uri()],
                capture_output=True,
                text=True,
                timeout=TIMEOUT,
                check=False,
            ).stdout
    finally:
        wrapper.unlink()
    found = re.search(r'data-value="([^"]*)"', dom)
    assert found, f"Chromium evaluated nothing: {dom[:300]!r}"
    return found.group(1)


def measure(site: Path, page: str, width: int) -> tuple[int, int, int]:
    """(scrollWidth, scrollHeight, viewport width) of `site/page` shown `width` px wide."""
    value = evaluate(
        site,
        page,
        width,
        "[doc.documentElement.scrollWidth, doc.documentElement.scrollHeight,"
        " doc.documentElement.clientWidth].join('x')",
    )
    scroll_width, height, viewport = (int(g) for g in value.split("x"))
    return scroll_width, height, viewport


def screenshot(site: Path, page: str, width: int, height: int, out: Path) -> Path:
    """A PNG of `site/page`, `width` px wide (at least Chromium's 500 px window) and `height` px tall."""
    binary = chromium()
    assert binary is not None
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                binary,
                *_flags(f"--user-data-dir={profile}"),
                f"--window-size={max(width, 500)},{height}",
                f"--screenshot={out}",
                (site / page).as_uri(),
            ],
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
        )
    return out
