"""Two panels of a member's home page: the latest news of what they follow, and, for a city's
officials, how much of what the law asks of their cities its audits cover."""

from django.http import HttpRequest

from wsco.audits.access import readable_audits
from wsco.audits.models import City
from wsco.core.dashboard import Panel
from wsco.notifications.queries import notifications_of
from wsco.standards.models import Follow
from wsco.standards.notifications import KIND_NAMES
from wsco.standards.queries import obligations_for

PANEL_ROWS = 5


def panel_context(request: HttpRequest) -> dict | None:
    """Return what the person follows and its latest news, or None when they follow nothing."""
    user = request.user
    if not user.is_authenticated:
        return None
    follows = list(Follow.objects.filter(user=user).select_related("standard"))
    if not follows:
        return None
    news = notifications_of(user).filter(kind__in=KIND_NAMES).order_by("-created_at", "-pk")
    return {"follows": follows, "news": list(news[:PANEL_ROWS])}


PANEL = Panel(
    name="standards",
    template="standards/_dashboard_panel.html",
    context=panel_context,
    order=40,
)


def obligations_context(request: HttpRequest) -> dict | None:
    """Return, for a city official, each of their cities' obligations covered and in all."""
    user = request.user
    if not user.is_authenticated:
        return None
    cities = list(City.objects.filter(official_rows__user=user).order_by("name"))
    rows = []
    for city in cities:
        found = obligations_for(city, list(readable_audits(user).filter(city=city)))
        if found:
            rows.append(
                {"city": city, "done": sum(1 for row in found if row.done), "all": len(found)}
            )
    return {"cities": rows} if rows else None


OBLIGATIONS_PANEL = Panel(
    name="obligations",
    template="standards/_obligations_panel.html",
    context=obligations_context,
    order=41,
)
