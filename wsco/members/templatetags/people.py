"""The template tags that show a person: every template shows someone through them.

```django
{% load people %}
{% person profile %}                          {# photo, name, title and organization, place #}
{% person other named=True %}                 {# the other side of a request: named, even hidden #}
{% shown_person byline.author as author %}    {# a Person, for a layout of one's own #}
{% avatar author "small" %}                   {# the photo, or the generated placeholder #}
{% person_bio author %}                       {# the bio: Markdown for an author, else plain text #}
```

Each asks `wsco.members.people.shown` what the viewer (the request's user) may see; a template
never reads a profile's photo or bio itself (`test_people_guard.py` checks it).
"""

from django import template
from django.contrib.auth.models import AnonymousUser

from wsco.members import people

register = template.Library()


def _viewer(context):
    request = context.get("request")
    if request is not None and hasattr(request, "user"):
        return request.user
    return AnonymousUser()  # rendered without a request (a PDF, an email): as a visitor


@register.simple_tag(takes_context=True)
def shown_person(context, who, named: bool = False) -> people.Person:
    """Return what of `who` (a Profile, an author, a Person) the viewer may see."""
    return people.shown(who, _viewer(context), named=named)


@register.inclusion_tag("members/_person.html", takes_context=True)
def person(context, who, named: bool = False, size: str = "") -> dict:
    """Render `who` as the viewer may see them: photo, name, title and organization, place."""
    return {"person": people.shown(who, _viewer(context), named=named), "size": size}


@register.inclusion_tag("members/_avatar.html")
def avatar(person: people.Person, size: str = "") -> dict:
    """Render the person's photo, or the placeholder with their initial when none is shown."""
    return {"person": person, "size": size}


@register.inclusion_tag("members/_person_bio.html")
def person_bio(person: people.Person, css_class: str = "prose") -> dict:
    """Render the person's bio, if it is shown."""
    return {"person": person, "css_class": css_class}
