"""`{% nominee nomination as shown %}`: a nominee's name and page as the reader may see them."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def nominee(context, nomination, named: bool = False) -> dict:
    """Return `{"name", "url"}` of `nomination`'s nominee for the request's user (see
    `Nomination.nominee_shown_to`); `named=True` on the pages of those who decide on it."""
    name, url = nomination.nominee_shown_to(context["request"].user, named=named)
    return {"name": name, "url": url}
