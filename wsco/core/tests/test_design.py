"""The design tokens: every text and background pair is readable in both colour schemes, and the
stylesheet uses only tokens that exist."""

import re
from pathlib import Path

import pytest

from wsco.core import design

STATIC = Path(design.TOKENS_CSS).parent


def test_contrast_ratio_matches_worked_figures():
    # Black on white: (1 + 0.05) / (0 + 0.05) = 21, the maximum.
    assert design.contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert design.contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1)
    # #777777: channel 0x77/255 = 0.4667, linear ((0.4667 + 0.055) / 1.055) ** 2.4 = 0.1845,
    # so (1.05) / (0.1845 + 0.05) = 4.48: the well-known grey that just fails AA on white.
    assert design.contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    # Order does not matter.
    assert design.contrast_ratio("#ffffff", "#777777") == design.contrast_ratio(
        "#777777", "#ffffff"
    )


def test_contrast_ratio_refuses_a_colour_it_cannot_read():
    with pytest.raises(ValueError, match="Not a #rrggbb colour: 'red'"):
        design.contrast_ratio("red", "#ffffff")


def test_parse_tokens_lays_the_dark_block_over_the_light_one():
    css = (
        ":root { --paper: #ffffff; --ink: #000000; }\n"
        "@media (prefers-color-scheme: dark) { :root { --paper: #111111; } }"
    )
    parsed = design.parse_tokens(css)
    assert parsed["light"] == {"paper": "#ffffff", "ink": "#000000"}
    assert parsed["dark"] == {"paper": "#111111", "ink": "#000000"}


def test_both_schemes_define_the_same_colour_tokens():
    assert set(design.colour_tokens("light")) == set(design.colour_tokens("dark"))


def test_every_pair_is_readable_in_both_schemes():
    failures = [
        f"{c.scheme}: --{c.pair.foreground} {c.foreground} on --{c.pair.background} "
        f"{c.background} is {c.ratio:.2f}, needs {c.pair.minimum}"
        for c in design.checked_pairs()
        if not c.passes
    ]
    assert not failures, "\n".join(failures)
    # Two schemes, each pair once in each.
    assert len(design.checked_pairs()) == 2 * len(design.PAIRS)


def test_every_theme_has_a_colour_token_in_both_schemes():
    from wsco.core.themes import THEMES

    for scheme in ("light", "dark"):
        colours = design.colour_tokens(scheme)
        missing = [t.slug for t in THEMES if f"theme-{t.slug}" not in colours]
        assert not missing, f"{scheme}: no colour for the themes {missing}"


@pytest.mark.parametrize("stylesheet", ["wsco.css", "charts.css", "styleguide.css"])
def test_stylesheets_use_only_defined_tokens(stylesheet):
    css = (STATIC / stylesheet).read_text()
    defined = set(design.tokens()["light"]) | set(re.findall(r"--([a-z0-9-]+):", css))
    used = set(re.findall(r"var\(--([a-z0-9-]+)", css))
    assert used, f"{stylesheet} uses no token at all"
    assert not used - defined, f"{stylesheet} uses undefined tokens: {sorted(used - defined)}"


@pytest.mark.parametrize("stylesheet", ["wsco.css", "charts.css"])
def test_stylesheet_has_no_colour_outside_the_tokens(stylesheet):
    css = (STATIC / stylesheet).read_text()
    assert not re.findall(r"#[0-9a-fA-F]{3,8}\b|rgb\(", css)


ROMANIAN = "ăâîșțĂÂÎȘȚ"


def test_the_served_font_has_every_romanian_letter():
    from fontTools.ttLib import TTFont

    css = design.TOKENS_CSS.read_text()
    files = re.findall(r'url\("(fonts/[^"]+\.woff2)"\)', css)
    assert sorted(set(files)) == [
        "fonts/inter-latin-ext-wght-normal.woff2",
        "fonts/inter-latin-wght-normal.woff2",
    ]
    covered = set()
    for name in set(files):
        font = TTFont(STATIC / name)
        covered |= set(font.getBestCmap())
        assert "fvar" in font, f"{name} is not a variable font"
    missing = [letter for letter in ROMANIAN if ord(letter) not in covered]
    assert not missing, f"The font lacks {missing}"
    assert "font-display: swap" in css
    assert (STATIC / "fonts" / "OFL-Inter.txt").read_text().count("SIL Open Font License") >= 1
