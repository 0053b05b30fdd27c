"""Template helpers shared by every app."""

from pathlib import Path

from django import template
from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from wsco import formats
from wsco.core import icons, links, memo, paging, translated

register = template.Library()


@register.filter
def web_url(url: str) -> str:
    """Return `url` if it is an http(s) address, else an empty string (no script URLs in links)."""
    return links.web_url(url)


class MemoNode(template.Node):
    def __init__(self, nodelist, name: str, values: list):
        self.nodelist, self.name, self.values = nodelist, name, values

    def render(self, context) -> str:
        if settings.DEBUG:
            return self.nodelist.render(context)
        key = (
            self.origin.name,
            self.name,
            translation.get_language(),
            *(value.resolve(context) for value in self.values),
        )
        return mark_safe(memo.remembered(key, lambda: self.nodelist.render(context)))


@register.tag(name="memo")
def memo_tag(parser, token):
    """Render a piece that only a deploy changes once per process (`wsco.core.memo`).

    `{% memo "menu" user.is_staff %}...{% endmemo %}`: kept per language and per value named;
    never put a CSRF token, a count or anything else of the request or the data inside.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError('{% memo %} needs a name: {% memo "menu" ... %}')
    nodelist = parser.parse(("endmemo",))
    parser.delete_first_token()
    values = [parser.compile_filter(bit) for bit in bits[2:]]
    return MemoNode(nodelist, bits[1].strip("\"'"), values)


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """Return the current query string with `changes` applied (a value of None removes a key)."""
    return paging.query_with(context["request"].GET, **changes)


@register.simple_tag(takes_context=True)
def page_links(context, page) -> dict:
    """Return the links of a pagination from `page`, for the current query (`paging`)."""
    return paging.page_links(page, context["request"].GET)


@register.inclusion_tag("core/components/sort_header.html", takes_context=True)
def sort_header(context, sort, key: str, label: str) -> dict:
    """Draw a table's column header that sorts by `key` (`wsco.core.sorting`).

    `{% sort_header sort "name" _("Name") %}`: a `<th>` with `aria-sort`, and a link to the same
    list sorted by the column (the other way if it is on), back on its first page.
    """
    return {
        "label": label,
        "aria_sort": sort.aria_sort(key),
        "query": paging.query_with(context["request"].GET, sort=sort.toggled(key), page=None),
        "target": context.get("target"),
    }


@register.filter(name="money")
def money_filter(amount) -> str:
    """Show an amount of money in the reader's language: `{{ fee|money }}` ("1.234,50" in ro)."""
    if amount in (None, ""):
        return ""
    return formats.money(amount)


@register.filter(name="number")
def number_filter(count) -> str:
    """Show a count in the reader's language, thousands grouped: `{{ total|number }}`."""
    if count in (None, ""):
        return ""
    return formats.number(count)


@register.simple_tag
def icon(name: str, label: str = "", css_class: str = "") -> str:
    """Draw the icon `name` from the sprite; hidden from screen readers unless given a `label`.

    `{% icon "search" %}` beside a word that says the same; `{% icon "x" label=_("Close") %}`
    when the icon stands alone. An unknown name is an error: add it to `wsco/core/icons.py`.
    """
    if name not in icons.ICONS:
        raise template.TemplateSyntaxError(
            f"No icon {name!r} in the sprite: add it to ICONS in wsco/core/icons.py and rebuild "
            "the sprite (docs/design.md)."
        )
    classes = f"icon {css_class}".strip()
    href = f"{static(icons.SPRITE_STATIC_PATH)}#{name}"
    if label:
        return format_html(
            '<svg class="{}" role="img" aria-label="{}" focusable="false"><title>{}</title>'
            '<use href="{}"></use></svg>',
            classes,
            label,
            label,
            href,
        )
    return format_html(
        '<svg class="{}" aria-hidden="true" focusable="false"><use href="{}"></use></svg>',
        classes,
        href,
    )


@register.filter(name="localized")
def localized_filter(obj, name: str) -> str:
    """Write `obj`'s `name` in the reader's language, or another (`wsco.core.translated`)."""
    return translated.localized(obj, name).text


@register.filter
def lang_of(obj, name: str) -> str:
    """Write ` lang="…"` when `obj|localized:name` is not in the page's language, else nothing."""
    language = translated.localized(obj, name).language
    # The code comes from settings.LANGUAGES, never from the text: safe in an attribute.
    return format_html(' lang="{}"', language) if language else ""


# What a PDF needs of the stylesheets to draw wsco.core.charts: the tokens, then the charts' rules.
CHART_STYLESHEETS = ("core/tokens.css", "core/charts.css")


@register.simple_tag
def chart_stylesheets() -> str:
    """Link the charts' stylesheets as files, for a PDF template's `<head>` only.

    WeasyPrint reads them through `wsco.core.pdf.RootsOnlyReader` (they are static files), and
    the fonts `tokens.css` names resolve beside it. A web page links them in `base.html`.
    """
    uris = [(Path(finders.find(name)).as_uri(),) for name in CHART_STYLESHEETS]
    return format_html_join("", '<link rel="stylesheet" href="{}">', uris)
