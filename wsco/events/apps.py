"""The events app's configuration."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Events: the annual Urban Projects event and WSCO's other events, their agenda,
    registration, check-in, meetings and attendance certificates."""

    name = "wsco.events"
    label = "events"
    verbose_name = _("Events")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from wsco.certificates.kinds import register_kind
        from wsco.core.theme_offers import register_offer
        from wsco.events import changes, theme_offers
        from wsco.events.notifications import KINDS
        from wsco.events.services import CERTIFICATE_KIND
        from wsco.notifications.kinds import register_kinds

        register_kind(
            CERTIFICATE_KIND,
            _("Event attendance"),
            description=_("Attendance at an event of the World's Smart Cities Organization."),
            subject_url=lambda event: event.get_absolute_url() if event.is_public else None,
        )
        register_kinds(KINDS)
        register_offer(theme_offers.EVENTS_OFFER)
        changes.connect()
