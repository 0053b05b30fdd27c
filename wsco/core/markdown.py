"""Render Markdown written by people into HTML that is safe to show to everyone.

Markdown is converted with python-markdown, then every tag, attribute and URL scheme is checked
against an explicit allow-list by nh3 (the Rust `ammonia` sanitiser). Raw HTML inside Markdown is
allowed through python-markdown only so that nh3 can decide about it: nothing outside the lists
below survives. There are no scripts, no event handlers, no `style` attributes or tags, no
`class` or `id` (which could borrow the site's own styles to cover the page), and links and
images accept only http, https and mailto URLs or relative ones (no `javascript:`, `vbscript:` or
`data:`). Every link gets rel="noopener nofollow".
"""

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "code",
        "dd",
        "del",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "li",
        "ol",
        "p",
        "pre",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Removed with everything inside them, not only the tags.
REMOVED_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "title", "textarea"})
LINK_REL = "noopener nofollow"
MARKDOWN_EXTENSIONS = ["fenced_code", "tables", "sane_lists"]


def sanitize_html(html: str) -> str:
    """Return `html` with only the allowed tags, attributes and URL schemes kept."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(REMOVED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )


def render_markdown(text: str | None) -> SafeString:
    """Return the sanitised HTML for the Markdown `text` (empty text gives an empty string)."""
    if not text:
        return mark_safe("")
    html = markdown_lib.markdown(str(text), extensions=MARKDOWN_EXTENSIONS, output_format="html")
    # The output of nh3 holds only allow-listed markup, so marking it safe is sound.
    return mark_safe(sanitize_html(html))
