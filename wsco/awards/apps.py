"""The awards app's configuration."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    """The annual Smart City Industry Awards: editions, nominations, jury, public vote, results."""

    name = "wsco.awards"
    label = "awards"
    verbose_name = _("Awards")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from wsco.accounts.personal_data import register_section
        from wsco.awards import (
            changes,
            notifications,
            personal_data,
            profile,
            site_search,
            theme_offers,
        )
        from wsco.awards.access import may_read_material
        from wsco.awards.models import Nomination
        from wsco.awards.services.results import FINALIST_KIND, WINNER_KIND
        from wsco.certificates.kinds import register_kind
        from wsco.core.files import register_reader
        from wsco.core.site_search import register_provider
        from wsco.core.theme_offers import register_offer
        from wsco.members.profile_actions import register_profile_action
        from wsco.notifications.kinds import register_kinds

        register_kind(
            WINNER_KIND,
            _("Smart City Industry Awards winner"),
            description=_("The winner of a category of the Smart City Industry Awards."),
            subject_url=lambda nomination: nomination.category.get_absolute_url(),
        )
        register_kind(
            FINALIST_KIND,
            _("Smart City Industry Awards finalist"),
            description=_("A finalist of a category of the Smart City Industry Awards."),
            subject_url=lambda nomination: nomination.category.get_absolute_url(),
        )
        register_reader(Nomination, "material", may_read_material)
        register_kinds(notifications.KINDS)
        register_profile_action(profile.AWARDS)
        register_offer(theme_offers.AWARD_CATEGORIES)
        changes.connect()
        register_provider(site_search.AWARDS)
        register_provider(site_search.WINNERS)
        register_section(
            name="awards",
            exporter=personal_data.export_awards_data,
            eraser=personal_data.erase_awards_data,
            deletes=personal_data.DELETES,
        )
