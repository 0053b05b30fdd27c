"""The working groups app's configuration."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    """Working groups: the problems they signal, their solutions, meetings with decision makers."""

    name = "wsco.groups"
    label = "groups"
    verbose_name = _("Working groups")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from wsco.core.files import register_reader
        from wsco.core.pdf import register_document
        from wsco.core.theme_offers import register_offer
        from wsco.groups import access, papers, theme_offers
        from wsco.groups.models import Evidence, Solution
        from wsco.groups.notifications import KINDS
        from wsco.notifications.kinds import register_kinds

        register_reader(Evidence, "file", access.may_read_evidence)
        register_reader(Solution, "paper", access.may_read_paper)
        register_document(papers.PAPER_DOCUMENT, sample=papers.sample_paper)
        register_kinds(KINDS)
        register_offer(theme_offers.GROUPS)
        register_offer(theme_offers.PROBLEMS)
