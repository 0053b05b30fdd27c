"""The audits app's configuration."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditsConfig(AppConfig):
    """Smart City Audits: indicator data, validation, levels and scores."""

    name = "wsco.audits"
    label = "audits"
    verbose_name = _("Smart City Audits")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from wsco.audits.notifications import KINDS
        from wsco.notifications.kinds import register_kinds

        register_kinds(KINDS)
