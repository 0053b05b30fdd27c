"""Render the home page panels that apps register in wsco.core.dashboard."""

from django import template
from django.template.loader import render_to_string

from wsco.core.dashboard import panels_for

register = template.Library()


@register.simple_tag(takes_context=True)
def dashboard_panels(context) -> str:
    """Render every panel the signed-in person may see."""
    request = context["request"]
    return "".join(
        render_to_string(panel.template, panel_context, request=request)
        for panel, panel_context in panels_for(request)
    )
