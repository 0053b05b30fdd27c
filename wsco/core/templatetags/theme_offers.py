"""What the platform has on some themes, in a template: `{% load theme_offers %}`.

```django
{% offers_for audit.weakest_themes limit=3 as sections %}
{% include "core/components/theme_offers.html" with sections=sections level=3 id_prefix="gaps" %}
```

The themes are slugs, `Theme` rows, or lists of either (`{% offers_for "transportation" "water"
as sections %}`); the viewer is the request's user, a visitor without a request (a PDF).
"""

from django import template
from django.contrib.auth.models import AnonymousUser

from wsco.core import theme_offers

register = template.Library()


def _flatten(themes) -> list:
    found = []
    for theme in themes:
        if isinstance(theme, str) or hasattr(theme, "slug"):
            found.append(theme)
        else:
            found.extend(theme)
    return found


@register.simple_tag(takes_context=True, name="offers_for")
def offers_for_tag(context, *themes, limit: int = theme_offers.LIMIT):
    """Return the sections of every offer on `themes` for the request's user."""
    request = context.get("request")
    user = getattr(request, "user", None) or AnonymousUser()
    return theme_offers.offers_for(_flatten(themes), user=user, limit=limit)
