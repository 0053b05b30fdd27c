"""The projects app's configuration."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    """The programme: a city's smart-city projects from vision to implementation."""

    name = "wsco.projects"
    label = "projects"
    verbose_name = _("Projects")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from wsco.core import home as home_page
        from wsco.core.files import register_reader
        from wsco.core.site_search import register_provider
        from wsco.core.theme_offers import register_offer
        from wsco.notifications.kinds import register_kinds
        from wsco.projects import access, home, site_search, theme_offers
        from wsco.projects.models import Document
        from wsco.projects.notifications import KINDS

        register_reader(Document, "file", access.may_read_document)
        register_kinds(KINDS)
        register_offer(theme_offers.PROJECTS)
        register_provider(site_search.PROJECTS)
        home.connect()
        home_page.register_part(home.PART)
