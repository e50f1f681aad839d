"""The stylesheet's colours meet WCAG AA contrast (4.5:1 for text) in the light and the dark scheme, and the
page has a print stylesheet and no external assets."""

from __future__ import annotations

import re

import pytest

from tests.factories import SETTINGS

CSS = (SETTINGS.templates_dir / "style.css").read_text(encoding="utf-8")

# (text colour, background colour) pairs the pages draw text with.
PAIRS = [
    ("ink", "paper"),
    ("muted", "paper"),
    ("link", "paper"),
    ("ink", "soft"),
    ("muted", "soft"),
    ("mark-ink", "mark"),
    ("real-ink", "real-bg"),
    ("partly-ink", "partly-bg"),
    ("hype-ink", "hype-bg"),
    ("unver-ink", "unver-bg"),
    ("hype-rule", "paper"),  # the kicker
]


def variables(block: str) -> dict[str, str]:
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", block))


def light() -> dict[str, str]:
    return variables(CSS[CSS.index(":root {") : CSS.index("}", CSS.index(":root {"))])


def dark() -> dict[str, str]:
    start = CSS.index("@media (prefers-color-scheme: dark)")
    block = CSS[start : CSS.index("}\n}", start)]
    return {**light(), **variables(block)}


def luminance(colour: str) -> float:
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("scheme", [light, dark], ids=["light", "dark"])
@pytest.mark.parametrize(("fg", "bg"), PAIRS)
def test_text_contrast_meets_wcag_aa(scheme: object, fg: str, bg: str) -> None:
    colours = scheme()  # type: ignore[operator]
    ratio = contrast(colours[fg], colours[bg])
    assert ratio >= 4.5, f"{fg} on {bg}: {ratio:.2f}"


def test_contrast_formula() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # famously just under AA


def test_print_stylesheet_and_focus_styles() -> None:
    printing = CSS[CSS.index("@media print") :]
    assert ".site-nav" in printing and "display: none" in printing
    assert ":focus-visible" in CSS
    assert "@import" not in CSS and "url(" not in CSS  # no fonts or images fetched from anywhere
