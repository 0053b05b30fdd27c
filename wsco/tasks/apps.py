from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TasksConfig(AppConfig):
    name = "wsco.tasks"
    label = "tasks"
    verbose_name = _("Background tasks")

    def ready(self) -> None:
        from wsco.core.dashboard import register_panel
        from wsco.tasks.dashboard import PANEL

        register_panel(PANEL)
