from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "wsco.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from wsco.accounts.personal_data import register_section
        from wsco.core.dashboard import register_panel
        from wsco.notifications import personal_data
        from wsco.notifications.dashboard import PANEL
        from wsco.notifications.models import Notification
        from wsco.notifications.queries import notification_changed

        register_panel(PANEL)
        # The bell's count is kept per person (`queries.unread_count`): made, changed or gone.
        for signal in (post_save, post_delete):
            signal.connect(notification_changed, sender=Notification, dispatch_uid=f"bell-{signal}")
        register_section(
            name="notifications",
            exporter=personal_data.export_notifications,
            eraser=personal_data.erase_notifications,
            deletes=personal_data.DELETES,
        )
