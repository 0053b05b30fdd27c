"""The template tags that show a person: every template shows someone through them.

```django
{% load people %}
{% person profile %}                          {# photo, name, title and organization, place #}
{% person other named=True %}                 {# the other side of a request: named, even hidden #}
{% shown_person byline.author as author %}    {# a Person, for a layout of one's own #}
{% avatar author "small" %}                   {# the photo, or the generated placeholder #}
{% logo organization "large" %}               {# the logo, or the generated placeholder #}
{% person_bio author %}                       {# the bio: Markdown for an author, else plain text #}
```

Each asks `wsco.members.people.shown` what the viewer (the request's user) may see; a template
never reads a profile's photo or bio itself (`test_people_guard.py` checks it).
"""

from django import template
from django.contrib.auth.models import AnonymousUser

from wsco.core import avatars
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


# The width and height written on a picture, so the page does not move while it loads.
PIXELS = {"small": 32, "large": 128, "": 56}


@register.inclusion_tag("members/_avatar.html", takes_context=True)
def avatar(context, who, size: str = "") -> dict:
    """Render the photo of `who` (a Person, a Profile, an author) as the viewer may see it, or
    the generated placeholder: their initials on a colour of their own."""
    return {"person": people.shown(who, _viewer(context)), "size": size, "pixels": PIXELS[size]}


@register.inclusion_tag("members/_logo.html")
def logo(organization, size: str = "") -> dict:
    """Render an organization's logo, or the generated placeholder: its initials in a square."""
    return {
        "organization": organization,
        "size": size,
        "pixels": PIXELS[size],
        "initials": avatars.initials(organization.name),
        "tone": avatars.tone(f"organization:{organization.pk}"),
    }


@register.inclusion_tag("members/_person_bio.html")
def person_bio(person: people.Person, css_class: str = "prose") -> dict:
    """Render the person's bio, if it is shown."""
    return {"person": person, "css_class": css_class}
