"""Template helpers shared by every app."""

from django import template
from django.http import QueryDict

from wsco import formats
from wsco.core import links

register = template.Library()


@register.filter
def web_url(url: str) -> str:
    """Return `url` if it is an http(s) address, else an empty string (no script URLs in links)."""
    return links.web_url(url)


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """Return the current query string with `changes` applied (a value of None removes a key)."""
    query: QueryDict = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    return query.urlencode()


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
