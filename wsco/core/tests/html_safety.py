"""Check that rendered HTML holds nothing executable: the assertion the XSS tests share."""

import re
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser

FORBIDDEN_TAGS = {
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "form",
    "base",
    "template",
    "frame",
    "frameset",
    "applet",
    "audio",
    "video",
    "source",
    "marquee",
    "input",
    "button",
    "textarea",
}
# What a chart of wsco.core.charts may hold: shapes, text, and no link, image or foreign object.
CHART_TAGS = {"title", "desc", "g", "line", "rect", "polyline", "path", "circle", "text", "tspan"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "poster"}
# A URL's scheme as browsers read it (WHATWG URL): without one, a URL is relative and harmless.
SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
C0_AND_SPACE = "".join(map(chr, range(0x21)))


def unsafe_url(value: str) -> bool:
    """Say whether a browser would follow `value` to a scheme other than web, mail or phone."""
    # Browsers drop surrounding spaces and controls, and tabs and newlines inside.
    url = re.sub(r"[\t\n\r]", "", value.strip(C0_AND_SPACE)).lower()
    scheme = SCHEME.match(url)
    return bool(scheme) and scheme.group(1) not in SAFE_SCHEMES


class _Collector(HTMLParser):
    def __init__(
        self, *, allowed_script_sources, allowed_script_prefixes, allowed_tags, icon_sprite
    ):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.allowed_script_sources = allowed_script_sources
        self.allowed_script_prefixes = allowed_script_prefixes
        self.allowed_tags = allowed_tags
        self.icon_sprite = icon_sprite
        self.in_icon = False

    def _icon(self, tag: str, attributes: dict) -> bool:
        """Say whether `tag` is part of one of the platform's icons ({% icon %}) or charts.

        An icon is an `<svg class="icon ...">` holding only a `<title>` and one `<use>` of the
        sprite: anything else inside it (an `<animate>`, a script, another SVG) is a problem, and
        its attributes are still checked for handlers, styles and script URLs. A chart is an
        `<svg class="chart-svg">` holding only the shapes and text of `CHART_TAGS`.
        """
        if self.icon_sprite is None:
            return False
        if tag == "svg" and not self.in_icon:
            classes = (attributes.get("class") or "").split()
            self.in_icon = "icon" in classes and "icon"
            self.in_icon = self.in_icon or ("chart-svg" in classes and "chart")
            return bool(self.in_icon)
        if not self.in_icon:
            return False
        if self.in_icon == "chart":
            # A chart (wsco.core.charts) draws shapes and text, and links to nothing.
            if tag not in CHART_TAGS:
                self.problems.append(f"<{tag}> in a chart")
            return True
        if tag == "title":
            return True
        href = attributes.get("href") or ""
        if tag == "use" and href.startswith(self.icon_sprite + "#"):
            return True
        self.problems.append(f"<{tag}> in an icon")
        return True

    def handle_endtag(self, tag):
        if tag == "svg":
            self.in_icon = False

    def _allowed_script(self, source: str | None) -> bool:
        return source is not None and (
            source in self.allowed_script_sources or source.startswith(self.allowed_script_prefixes)
        )

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and self._allowed_script(attributes.get("src")):
            return
        if self._icon(tag, attributes):
            pass
        elif tag in FORBIDDEN_TAGS and tag not in self.allowed_tags:
            self.problems.append(f"<{tag}>")
        if tag == "meta" and attributes.get("http-equiv"):
            self.problems.append("<meta http-equiv>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}>")
            if name == "style":
                self.problems.append(f"<{tag} style>")
            if name in URL_ATTRIBUTES and value is not None and unsafe_url(value):
                self.problems.append(f"<{tag} {name}={value!r}>")


class _MarkerCollector(HTMLParser):
    """Find where a payload carrying `marker` became a handler, a link or a script."""

    def __init__(self, marker: str):
        super().__init__(convert_charrefs=True)
        self.marker = marker
        self.problems: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.in_script = dict(attrs).get("type") not in {"application/json", "text/template"}
        for name, value in attrs:
            if value is None or self.marker not in value:
                continue
            if name.startswith("on") or name == "srcdoc":
                self.problems.append(f"<{tag} {name}>")
            elif name in URL_ATTRIBUTES and unsafe_url(value):
                self.problems.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False

    def handle_data(self, data):
        if self.in_script and self.marker in data:
            self.problems.append("<script>")


def injected_markup(html: str, *, marker: str = "__xss") -> list[str]:
    """Return where a payload carrying `marker` would run in `html` (empty when nowhere).

    For pages with scripts and inline SVG of their own (the admin), where what matters is
    whether the payload, and not the page, runs: a handler, a script URL or a script of it.
    """
    collector = _MarkerCollector(marker)
    collector.feed(html)
    collector.close()
    return collector.problems


def executable_markup(
    html: str,
    *,
    allowed_script_sources=(),
    allowed_script_prefixes=(),
    allowed_tags=(),
    icon_sprite: str | None = None,
) -> list[str]:
    """Return what in `html` could run script or restyle the page (empty when it is safe).

    Scripts are allowed by their exact `src` or by a prefix (the site's static files). Pages
    pass `icon_sprite`, the URL of the icon sprite, to allow the platform's icons and nothing
    else in SVG; what people wrote is checked without it, so any SVG in it is a problem.
    """
    collector = _Collector(
        allowed_script_sources=set(allowed_script_sources),
        allowed_script_prefixes=tuple(allowed_script_prefixes),
        allowed_tags=set(allowed_tags),
        icon_sprite=icon_sprite,
    )
    collector.feed(html)
    collector.close()
    return collector.problems


def executable_feed_markup(document: bytes | str) -> list[str]:
    """Return what in an Atom, RSS or sitemap `document` could run (empty when safe).

    The XML is parsed, so what is checked is what a reader decodes: the HTML of every element
    sent as HTML (Atom `type="html"`, RSS `description`), and every link, `uri` and sitemap
    `loc`. Atom text constructs (no type, or `type="text"`) are shown as text and cannot run.
    """
    problems = []
    for element in ElementTree.fromstring(document).iter():
        name = element.tag.rpartition("}")[2]
        kind = element.get("type", "text")
        if kind == "xhtml":
            problems.append(f"<{name} type=xhtml>")
        elif kind == "html" or name == "description":
            problems += [f"<{name}>: {found}" for found in executable_markup(element.text or "")]
        href = element.get("href")
        if href is not None and unsafe_url(href):
            problems.append(f"<{name} href={href!r}>")
        if name in ("uri", "loc") and unsafe_url(element.text or ""):
            problems.append(f"<{name}>{element.text!r}")
    return problems
