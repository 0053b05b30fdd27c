"""The "Standards you follow" panel of a member's home page: the latest news of what they follow."""

from django.http import HttpRequest

from wsco.core.dashboard import Panel
from wsco.notifications.queries import notifications_of
from wsco.standards.models import Follow
from wsco.standards.notifications import KIND_NAMES

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
