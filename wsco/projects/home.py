"""What the projects app puts on the home page, and what ends its cached figures and pages."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext

from wsco.core.home import Figure, Part
from wsco.core.page_cache import mark_changed
from wsco.projects.models import BudgetLine, FundingSource, Project, Update
from wsco.projects.services.timeline import PROJECTS


def projects_changed(**signal_arguments) -> None:
    """Mark what readers see of the projects changed (a receiver of save and delete)."""
    mark_changed(PROJECTS)


def connect() -> None:
    """End the cached portfolio on every write to a project, its money or its updates."""
    for model in (Project, BudgetLine, FundingSource, Update):
        post_save.connect(projects_changed, sender=model, dispatch_uid=f"projects-{model}")
        post_delete.connect(projects_changed, sender=model, dispatch_uid=f"projects-{model}")
    m2m_changed.connect(
        projects_changed, sender=Project.themes.through, dispatch_uid="projects-themes"
    )


PART = Part(
    name="projects",
    title=_("Smart city projects"),
    text=_("Cities' projects from vision to implementation, gate by gate, with their results."),
    url_name="projects:portfolio",
    icon="file-text",
    figures=(
        Figure(
            lambda: Project.objects.published().count(),
            lambda n: npgettext("home figure", "published project", "published projects", n),
        ),
    ),
    data_set=PROJECTS,
    order=38,
)
