"""Template filters of the events: a ticket's QR code (segno), inline or as an email image."""

import segno
from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def ticket_qr_svg(code: str) -> str:
    """Return the QR code of ticket `code` as inline SVG (what the door's scanner reads)."""
    svg = segno.make(code, error="m").svg_inline(scale=6, border=2, title=code)
    return mark_safe(svg)  # segno escapes the code; the rest is its own markup


@register.filter
def ticket_qr_png(code: str) -> str:
    """Return the QR code of ticket `code` as a PNG data URI, for the confirmation email."""
    return segno.make(code, error="m").png_data_uri(scale=6, border=2)


@register.filter
def in_zone(moment, zone):
    """Return `moment` in time zone `zone` (an event's), for the date filters."""
    from django.utils import timezone

    return timezone.localtime(moment, zone) if moment else moment
