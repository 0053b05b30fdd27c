"""An audit's own page: its state, team, history and the engine's results."""

from django.shortcuts import render

from wsco.audits.access import get_audit_for_user


def audit(request, pk: int):
    """The audit: status, editions, team, history; results by theme."""
    found = get_audit_for_user(request.user, pk)
    context = {
        "audit": found,
        "team": found.team.select_related("user__profile"),
        "events": found.events.select_related("by__profile"),
        "results": found.results.order_by("indicator"),
    }
    return render(request, "audits/audit.html", context)
