"""Template filters of the events: times in an event's zone."""

from django import template

register = template.Library()


@register.filter
def in_zone(moment, zone):
    """Return `moment` in time zone `zone` (an event's), for the date filters."""
    from django.utils import timezone

    return timezone.localtime(moment, zone) if moment else moment
