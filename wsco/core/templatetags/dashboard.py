"""Render the home page panels that apps register in wsco.core.dashboard."""

from django import template
from django.utils.safestring import mark_safe

from wsco.core.dashboard import shown_panels

register = template.Library()


@register.simple_tag(takes_context=True)
def dashboard_panels(context, shown=None) -> str:
    """Render every panel the signed-in person may see (`shown`, when the view has them)."""
    if shown is None:
        shown = shown_panels(context["request"])
    # Each panel is a rendered (and so escaped) template; joining them keeps them safe.
    return mark_safe("".join(panel.html for panel in shown))
