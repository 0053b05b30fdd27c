"""The platform's icons: one set (Lucide, ISC licence), served as one SVG sprite of the icons used.

`core/icons/sprite.svg` holds exactly the icons named here. To add one, name it in `ICONS` (its
file name in lucide-static's `icons/` folder, without `.svg`) and rebuild the sprite:

    npm pack lucide-static && tar -xzf lucide-static-*.tgz
    wsco build_icon_sprite package

Templates draw an icon with `{% icon "name" %}` (`wsco.core.templatetags.wsco`).
"""

import re
from pathlib import Path

from wsco.core.themes import THEMES

SPRITE = Path(__file__).parent / "static" / "core" / "icons" / "sprite.svg"
SPRITE_STATIC_PATH = "core/icons/sprite.svg"
LICENCE = SPRITE.parent / "LICENSE-lucide.txt"

# Each of the 19 themes (`wsco.core.themes`) and its icon.
THEME_ICONS: dict[str, str] = {
    "economy": "trending-up",
    "education": "graduation-cap",
    "energy": "zap",
    "environment": "leaf",
    "finance": "banknote",
    "governance": "landmark",
    "health": "heart-pulse",
    "housing": "house",
    "population": "users",
    "recreation": "trees",
    "safety": "shield",
    "solid-waste": "trash-2",
    "sport-culture": "trophy",
    "telecommunication": "radio-tower",
    "transportation": "bus",
    "agriculture": "wheat",
    "urban-planning": "building-2",
    "wastewater": "droplets",
    "water": "droplet",
}

# The icons of the interface, by what they say.
INTERFACE_ICONS: tuple[str, ...] = (
    "arrow-down",
    "arrow-up",
    "arrow-up-down",
    "bell",
    "building",
    "calendar",
    "check",
    "chevron-down",
    "chevron-left",
    "chevron-right",
    "circle-alert",
    "circle-check",
    "download",
    "external-link",
    "file-text",
    "globe",
    "inbox",
    "info",
    "log-out",
    "pencil",
    "plus",
    "search",
    "triangle-alert",
    "undo-2",
    "user",
    "x",
)

ICONS: frozenset[str] = frozenset(INTERFACE_ICONS) | frozenset(THEME_ICONS.values())

_ICON_NAME = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def theme_icon(slug: str) -> str:
    """Return the icon of the theme `slug`."""
    return THEME_ICONS[slug]


def check_theme_icons() -> None:
    """Raise ValueError unless every theme has exactly one icon."""
    slugs = {theme.slug for theme in THEMES}
    if set(THEME_ICONS) != slugs:
        raise ValueError(
            f"THEME_ICONS must name each theme once: missing {sorted(slugs - set(THEME_ICONS))}, "
            f"unknown {sorted(set(THEME_ICONS) - slugs)}."
        )


_ROOT = re.compile(r"<svg\b[^>]*>(?P<body>.*)</svg>", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_SYMBOL_ATTRIBUTES = (
    'viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" '
    'stroke-linecap="round" stroke-linejoin="round"'
)


def symbol(name: str, svg: str) -> str:
    """Return the `<symbol>` for the icon `name` from its lucide-static file's text `svg`."""
    match = _ROOT.search(_COMMENT.sub("", svg))
    if match is None:
        raise ValueError(f"The icon {name!r} is not an SVG document.")
    body = "".join(line.strip() for line in match["body"].strip().splitlines())
    return f'<symbol id="{name}" {_SYMBOL_ATTRIBUTES}>{body}</symbol>'


def build_sprite(source: Path, names=ICONS) -> str:
    """Return the sprite of the icons `names`, read from lucide-static's package folder `source`."""
    icons = source / "icons"
    if not icons.is_dir():
        raise ValueError(f"{source} has no icons/ folder: give the unpacked lucide-static package.")
    symbols = []
    for name in sorted(names):
        if not _ICON_NAME.fullmatch(name):
            raise ValueError(f"Not an icon name: {name!r}.")
        path = icons / f"{name}.svg"
        if not path.is_file():
            raise ValueError(f"lucide-static has no icon {name!r} (looked for {path}).")
        symbols.append(symbol(name, path.read_text(encoding="utf-8")))
    version = _package_version(source)
    return (
        f"<!-- Lucide icons (lucide-static {version}, ISC licence: LICENSE-lucide.txt), "
        "built by `wsco build_icon_sprite`. -->\n"
        '<svg xmlns="http://www.w3.org/2000/svg">\n' + "\n".join(symbols) + "\n</svg>\n"
    )


def _package_version(source: Path) -> str:
    import json

    try:
        return json.loads((source / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        return "unknown version"


def sprite_names(sprite: str) -> set[str]:
    """Return the ids of the symbols in the sprite text `sprite`."""
    return set(re.findall(r'<symbol id="([^"]+)"', sprite))
