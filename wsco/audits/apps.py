"""The audits app's configuration."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditsConfig(AppConfig):
    """Smart City Audits: indicator data, validation, levels and scores."""

    name = "wsco.audits"
    label = "audits"
    verbose_name = _("Smart City Audits")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wsco.audits import home, site_search
        from wsco.core import home as home_page
        from wsco.core.site_search import register_provider

        home.connect()
        home_page.register_part(home.PART)
        register_provider(site_search.CITIES)
