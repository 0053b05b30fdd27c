"""The "Notifications" panel of a member's home page: what is unread, and how many."""

from django.http import HttpRequest

from wsco.core.dashboard import Panel
from wsco.notifications import queries
from wsco.notifications.changes import person_data_set

PANEL_ROWS = 5


def panel_context(request: HttpRequest) -> dict | None:
    """Return the latest unread notifications, or None (no panel) when all are read."""
    user = request.user
    if not user.is_authenticated:
        return None
    unread = list(queries.notifications_of(user).unread()[:PANEL_ROWS])
    if not unread:
        return None
    count = len(unread) if len(unread) < PANEL_ROWS else queries.unread_count(user)
    # Unread notifications are waiting for the person: the page says so instead of "Nothing to do".
    return {"notifications": unread, "unread": count, "pending": count}


def data_sets(request: HttpRequest) -> list[str] | None:
    """The panel is kept per person until their notifications change."""
    return [person_data_set(request.user.pk)] if request.user.is_authenticated else None


PANEL = Panel(
    name="notifications",
    template="notifications/_dashboard_panel.html",
    context=panel_context,
    order=10,
    data_sets=data_sets,
)
