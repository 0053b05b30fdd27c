"""Render the home page panels that apps register in wsco.core.dashboard."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from wsco.core.dashboard import panels_for

register = template.Library()


@register.simple_tag(takes_context=True)
def dashboard_panels(context, shown=None) -> str:
    """Render every panel the signed-in person may see (`shown`, when the view has them)."""
    request = context["request"]
    if shown is None:
        shown = panels_for(request)
    # Each panel is a rendered (and so escaped) template; joining them keeps them safe.
    return mark_safe(
        "".join(
            render_to_string(panel.template, panel_context, request=request)
            for panel, panel_context in shown
        )
    )
