"""The fixture page in headless Chromium at 1280 and 390 px: nothing overflows horizontally, and a
screenshot is taken. Skipped when no Chromium is installed (`.ci/run` installs Debian's)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.publish import build_site_context, write_site
from tests.browser import chromium, evaluate, measure, screenshot
from tests.factories import SETTINGS
from tests.page_fixture import corpus, editorial, episode7

pytestmark = pytest.mark.skipif(chromium() is None, reason="no Chromium on PATH")

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    context = build_site_context(
        [episode7()], False, settings=SETTINGS, editorial={"ep7": editorial()}, passages=corpus()
    )
    write_site(context, out, SETTINGS)
    return out / "site"


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("page", ["ep7.html", "index.html", "methodology.html"])
def test_nothing_overflows_horizontally(site: Path, page: str, width: int) -> None:
    scroll_width, height, viewport = measure(site, page, width)
    assert viewport <= width
    assert scroll_width <= viewport, f"{page} at {width} px is {scroll_width} px wide"
    assert height > 600  # the page rendered (with its stylesheet), not an error


@pytest.mark.parametrize("width", [1280, 390])
def test_screenshot(site: Path, tmp_path: Path, width: int) -> None:
    shot = screenshot(site, "ep7.html", width, 1600, tmp_path / f"ep7-{width}.png")
    data = shot.read_bytes()
    assert data.startswith(PNG_MAGIC) and len(data) > 20_000


def test_the_overflow_check_sees_a_page_wider_than_the_screen(site: Path) -> None:
    (site / "wide.html").write_text(
        '<!DOCTYPE html><div style="width:900px;height:700px">x</div>', encoding="utf-8"
    )
    scroll_width, _height, viewport = measure(site, "wide.html", 390)
    assert scroll_width > viewport


def _luminance(rgb: str) -> float:
    red, green, blue = (int(v) for v in rgb.removeprefix("rgb(").removesuffix(")").split(",")[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def test_the_page_follows_the_readers_dark_scheme(site: Path) -> None:
    expression = "getComputedStyle(doc.body).backgroundColor + '/' + getComputedStyle(doc.body).color"
    light = evaluate(site, "ep7.html", 1280, expression).split("/")
    dark = evaluate(site, "ep7.html", 1280, expression, dark=True).split("/")
    assert _luminance(light[0]) > 200 > 60 > _luminance(dark[0])  # paper light, then dark
    assert _luminance(dark[1]) > 200  # light ink on the dark paper


def test_the_decisive_figure_is_marked_visibly(site: Path) -> None:
    expression = "getComputedStyle(doc.querySelector('mark')).backgroundColor"
    assert evaluate(site, "ep7.html", 1280, expression) not in ("rgba(0, 0, 0, 0)", "transparent")
