"""The themes' pages: `/themes/` and `/themes/<slug>/` (`wsco.core.theme_offers`)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from wsco.core import theme_offers
from wsco.core.models import Theme


@require_safe
def themes(request: HttpRequest) -> HttpResponse:
    """List the 19 themes, each with what the platform has on it that the visitor may see."""
    counts = theme_offers.counts_by_theme(user=request.user)
    rows = [
        (
            theme,
            [
                (number, offer.count_label(number) if offer.count_label else offer.title)
                for offer, number in counts[theme.slug]
            ],
        )
        for theme in Theme.objects.all()
    ]
    return render(request, "core/themes.html", {"rows": rows})


@require_safe
def theme(request: HttpRequest, slug: str) -> HttpResponse:
    """Show everything the platform has on one theme that the visitor may see."""
    found = theme_offers.get_theme(slug)
    sections = theme_offers.offers_for([found.slug], user=request.user)
    return render(request, "core/theme.html", {"theme": found, "sections": sections})
