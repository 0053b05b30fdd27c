from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "wsco.network"
    label = "network"
    verbose_name = _("Network")

    def ready(self) -> None:
        from wsco.core.dashboard import Panel, register_panel
        from wsco.members.services.profiles import listen_to_profile_changes
        from wsco.network.tasks import queue_vector_refresh
        from wsco.network.views import people_to_meet_panel

        register_panel(
            Panel(
                name="network-people-to-meet",
                template="network/panel.html",
                context=people_to_meet_panel,
                order=50,
            )
        )
        listen_to_profile_changes(queue_vector_refresh)
