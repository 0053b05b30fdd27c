"""What the projects have on a theme (`wsco.core.theme_offers`): the published projects on it.

A private project is never offered, whoever asks (its team finds it on "My projects"), so the
answer is the same for every viewer and cached once.
"""

from django.db.models import Count, Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext

from wsco.core.models import Theme
from wsco.core.theme_offers import Offer, OfferItem, everyone
from wsco.projects.models import Project, Stage
from wsco.projects.services.timeline import PROJECTS as DATA_SET


def find_projects(themes: list[str], *, user, limit: int) -> list[OfferItem]:
    """Return the published projects on any of `themes`, latest changed first."""
    ids = Project.objects.published().filter(themes__slug__in=themes).values("pk")
    projects = (
        Project.objects.filter(pk__in=ids)
        .select_related("city", "organization")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.only("slug")))
        .order_by("-updated_at", "pk")[:limit]
    )
    items = []
    for project in projects:
        on = {theme.slug for theme in project.themes.all()}
        items.append(
            OfferItem(
                title=project.title,
                url=project.get_absolute_url(),
                text=" · ".join((project.owner_name, str(Stage(project.stage).label))),
                themes=tuple(slug for slug in themes if slug in on),
                date=project.updated_at,
            )
        )
    return items


def count_projects(user) -> dict[str, int]:
    """Return, per theme, how many published projects are on it."""
    rows = (
        Project.themes.through.objects.filter(project__visibility="published")
        .values("theme__slug")
        .annotate(number=Count("project_id"))
        .order_by()
    )
    return {row["theme__slug"]: row["number"] for row in rows}


def _portfolio_of(themes: list[str]) -> str:
    return reverse("projects:portfolio") + f"?theme={themes[0]}"


PROJECTS = Offer(
    name="projects",
    title=_("Projects"),
    find=find_projects,
    count=count_projects,
    count_label=lambda n: npgettext("theme figure", "project", "projects", n),
    icon="file-text",
    empty=_("No published project on %(themes)s yet."),
    action_label=_("Start a project"),
    action_url=lambda themes: reverse("projects:new") + f"?theme={themes[0]}",
    see_all=_portfolio_of,
    audience=everyone,
    data_set=DATA_SET,
    order=25,
)
