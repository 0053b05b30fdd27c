"""The design tokens read from `core/tokens.css`, and the WCAG contrast of the pairs they form.

The styleguide shows the figures and `wsco/core/tests/test_design.py` holds every pair to the
WCAG 2.1 AA minimum in both colour schemes: 4.5 for text, 3 for large text and for the lines
around controls. docs/design.md says how to add a token and a pair.
"""

import re
from functools import cache
from pathlib import Path
from typing import NamedTuple

from wsco.core.avatars import TONES
from wsco.core.themes import THEMES

TOKENS_CSS = Path(__file__).parent / "static" / "core" / "tokens.css"
TEXT = 4.5
LARGE_TEXT = 3.0

_DECLARATION = re.compile(r"--([a-z0-9-]+):\s*([^;]+);")
_HEX = re.compile(r"#[0-9a-fA-F]{6}")
_DARK = "@media (prefers-color-scheme: dark)"


class Pair(NamedTuple):
    foreground: str
    background: str
    minimum: float


# Each text token on each surface it is drawn on.
PAIRS: tuple[Pair, ...] = (
    Pair("ink", "paper", TEXT),
    Pair("ink", "wash", TEXT),
    Pair("muted", "paper", TEXT),
    Pair("muted", "wash", TEXT),
    Pair("link", "paper", TEXT),
    Pair("link", "wash", TEXT),
    Pair("link-hover", "paper", TEXT),
    Pair("on-brand", "brand", TEXT),
    Pair("on-brand", "brand-dark", TEXT),
    Pair("brand", "on-brand", TEXT),  # the header's button: brand text on white
    Pair("on-brand", "danger-strong", TEXT),
    Pair("danger", "paper", TEXT),
    Pair("danger", "danger-wash", TEXT),
    Pair("ink", "danger-wash", TEXT),
    Pair("warning", "paper", TEXT),
    Pair("ink", "warning-wash", TEXT),
    Pair("success", "paper", TEXT),
    Pair("ink", "success-wash", TEXT),
    Pair("ink", "success-panel", TEXT),
    Pair("tag-ink", "tag-bg", TEXT),
    Pair("tag-bg", "tag-ink", TEXT),  # a removable tag's button, hovered
    Pair("tag-expertise-ink", "tag-expertise-bg", TEXT),
    Pair("tag-staff-ink", "tag-staff-bg", TEXT),
    Pair("line-strong", "paper", LARGE_TEXT),  # the border of inputs (WCAG 1.4.11)
    Pair("focus-colour", "brand", LARGE_TEXT),  # the focus ring in the header
    *(Pair("on-theme", f"theme-{theme.slug}", TEXT) for theme in THEMES),
    *(Pair("on-avatar", f"avatar-{tone}", TEXT) for tone in range(1, TONES + 1)),
)


def parse_tokens(css: str) -> dict[str, dict[str, str]]:
    """Return the custom properties of `css` as {"light": {...}, "dark": {...}}.

    The dark scheme is the light one with the dark block's declarations over it.
    """
    start = css.find(_DARK)
    light_css, dark_css = (css, "") if start == -1 else (css[:start], css[start:])
    light = {name: value.strip() for name, value in _DECLARATION.findall(light_css)}
    dark = light | {name: value.strip() for name, value in _DECLARATION.findall(dark_css)}
    return {"light": light, "dark": dark}


@cache
def tokens() -> dict[str, dict[str, str]]:
    """Return the tokens of `core/tokens.css` for each colour scheme."""
    return parse_tokens(TOKENS_CSS.read_text(encoding="utf-8"))


def colour_tokens(scheme: str = "light") -> dict[str, str]:
    """Return the tokens of `scheme` whose value is a hex colour."""
    return {name: value for name, value in tokens()[scheme].items() if _HEX.fullmatch(value)}


def relative_luminance(colour: str) -> float:
    """Return the WCAG 2.1 relative luminance of a `#rrggbb` colour."""
    if not _HEX.fullmatch(colour):
        raise ValueError(f"Not a #rrggbb colour: {colour!r}.")
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """Return the WCAG 2.1 contrast ratio of two `#rrggbb` colours (1 to 21)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


class CheckedPair(NamedTuple):
    pair: Pair
    scheme: str
    foreground: str
    background: str
    ratio: float

    @property
    def passes(self) -> bool:
        return self.ratio >= self.pair.minimum


def checked_pairs() -> list[CheckedPair]:
    """Return every pair of `PAIRS` in both schemes with its colours and contrast ratio."""
    checked = []
    for scheme in ("light", "dark"):
        colours = colour_tokens(scheme)
        for pair in PAIRS:
            foreground, background = colours[pair.foreground], colours[pair.background]
            checked.append(
                CheckedPair(
                    pair, scheme, foreground, background, contrast_ratio(foreground, background)
                )
            )
    return checked
