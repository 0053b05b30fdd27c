"""The standards app's configuration."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StandardsConfig(AppConfig):
    """The ISO standards library and the register of their adoption into legislation."""

    name = "wsco.standards"
    label = "standards"
    verbose_name = _("Standards and legislation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from wsco.core import home as home_page
        from wsco.core.dashboard import register_panel
        from wsco.core.theme_offers import register_offer
        from wsco.notifications.kinds import register_kinds
        from wsco.standards import dashboard, home, theme_offers
        from wsco.standards.notifications import KINDS

        register_kinds(KINDS)
        register_offer(theme_offers.STANDARDS_OFFER)
        register_panel(dashboard.PANEL)
        register_panel(dashboard.OBLIGATIONS_PANEL)
        dashboard.connect()
        home.connect()
        home_page.register_part(home.PART)
