"""Template tags of the standards: a city's obligations, for the city's page."""

from django import template

from wsco.standards.queries import obligations_for

register = template.Library()


@register.simple_tag
def city_obligations(city, audits) -> list:
    """Return what the acts in force oblige `city` to apply, covered or not by `audits`."""
    return obligations_for(city, list(audits))


@register.simple_tag
def keeps_checklist(city, user) -> bool:
    """Say whether `user` keeps `city`'s checklist of obligations: its officials and staff."""
    if not user.is_authenticated:
        return False
    return user.is_staff or city.official_rows.filter(user=user).exists()
