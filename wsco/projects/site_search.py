"""What the site-wide search (`wsco.core.site_search`) finds in the projects.

Published projects for everyone; a private one only for its team and staff, through the same
rule as the pages (`Project.objects.visible_to`).
"""

from django.utils.translation import gettext_lazy as _

from wsco.core.search import Query, search
from wsco.core.site_search import Provider, Result, excerpt, list_url
from wsco.projects.models import Project, Stage


def find_projects(user, query: Query, limit: int) -> tuple[list[Result], int]:
    """Return the projects `user` may see whose title, summary or owner holds every word."""
    projects = search(
        Project.objects.visible_to(user).select_related("city", "organization"), query
    )
    total = projects.count()
    results = [
        Result(
            title=project.title,
            url=project.get_absolute_url(),
            meta=" · ".join((project.owner_name, str(Stage(project.stage).label))),
            snippet=excerpt(project.summary, query),
            date=project.updated_at,
        )
        for project in projects.order_by("-updated_at", "pk")[:limit]
    ]
    return results, total


PROJECTS = Provider(
    kind="projects",
    label=_("Projects"),
    icon="file-text",
    find=find_projects,
    see_all=list_url("projects:portfolio"),
    order=55,
)
