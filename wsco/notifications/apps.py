from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "wsco.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from wsco.accounts.personal_data import register_section
        from wsco.core.dashboard import register_panel
        from wsco.notifications import changes, personal_data
        from wsco.notifications.dashboard import PANEL

        register_panel(PANEL)
        changes.connect()
        register_section(
            name="notifications",
            exporter=personal_data.export_notifications,
            eraser=personal_data.erase_notifications,
            deletes=personal_data.DELETES,
        )
