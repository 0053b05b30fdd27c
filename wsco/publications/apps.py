from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationsConfig(AppConfig):
    name = "wsco.publications"
    label = "publications"
    verbose_name = _("Publications")

    def ready(self):
        from wsco.core.dashboard import register_panel
        from wsco.publications.dashboard import PANEL

        register_panel(PANEL)
