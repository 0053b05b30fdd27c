from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "wsco.network"
    label = "network"
    verbose_name = _("Network")

    def ready(self) -> None:
        from wsco.core.dashboard import Panel, register_panel
        from wsco.network.views import people_to_meet_panel

        register_panel(
            Panel(
                name="network-people-to-meet",
                template="network/panel.html",
                context=people_to_meet_panel,
                order=50,
            )
        )
