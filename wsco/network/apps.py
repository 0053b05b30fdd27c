from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "wsco.network"
    label = "network"
    verbose_name = _("Network")

    def ready(self) -> None:
        from wsco.accounts.personal_data import register_section
        from wsco.core.dashboard import Panel, register_panel
        from wsco.core.theme_offers import register_offer
        from wsco.members.profile_actions import ProfileAction, register_profile_action
        from wsco.members.services.profiles import listen_to_profile_changes
        from wsco.network import page_parts, personal_data
        from wsco.network.notifications import KINDS
        from wsco.network.profile_action import ask_to_meet
        from wsco.network.tasks import queue_vector_refresh
        from wsco.network.theme_offers import PEOPLE
        from wsco.network.views import people_to_meet_panel, people_to_meet_panel_data_sets
        from wsco.notifications.kinds import register_kinds

        register_panel(
            Panel(
                name="network-people-to-meet",
                template="network/panel.html",
                context=people_to_meet_panel,
                order=50,
                data_sets=people_to_meet_panel_data_sets,
            )
        )
        listen_to_profile_changes(queue_vector_refresh)
        page_parts.connect()
        register_offer(PEOPLE)
        register_kinds(KINDS)
        register_profile_action(
            ProfileAction(
                name="network-ask-to-meet",
                template="network/_ask_to_meet.html",
                context=ask_to_meet,
            )
        )
        register_section(
            name="network",
            exporter=personal_data.export_network_data,
            eraser=personal_data.erase_network_data,
            deletes=personal_data.DELETES,
        )
