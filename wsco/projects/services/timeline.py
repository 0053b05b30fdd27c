"""The project's timeline: one row for each thing that happens, written by the service doing it."""

from wsco.core.page_cache import mark_changed
from wsco.projects.models import Project, TimelineEvent

PROJECTS = "projects"  # the page cache's data set of the public portfolio


def named(user) -> str:
    """Return how the timeline names a person: their member name, never their email."""
    profile = getattr(user, "profile", None) if user is not None else None
    return profile.name if profile is not None else ""


def record(project: Project, kind: str, text: str = "", *, by=None) -> TimelineEvent:
    """Write one timeline row, and end the cached portfolio pages that may show the project."""
    mark_changed(PROJECTS)
    return TimelineEvent.objects.create(project=project, kind=kind, text=text[:400], by=by)
