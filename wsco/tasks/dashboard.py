"""The staff's panel on the home page: tasks that need someone to look at them."""

from django.http import HttpRequest

from wsco.core.dashboard import Panel
from wsco.tasks import queries


def panel_context(request: HttpRequest) -> dict | None:
    """Return how many tasks are lost or failed, for staff; None (no panel) when none is."""
    if not (request.user.is_authenticated and request.user.is_staff):
        return None
    counts = queries.task_counts()
    if not counts["lost"] and not counts["failed"]:
        return None
    waiting = counts["lost"] + counts["failed"]
    return {"lost": counts["lost"], "failed": counts["failed"], "pending": waiting}


PANEL = Panel(name="tasks", template="tasks/_dashboard_panel.html", context=panel_context, order=5)
