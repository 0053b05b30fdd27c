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
        from wsco.audits import access, home, officials, site_search
        from wsco.audits.models import AuditReport, BaseValue, ReportedValue
        from wsco.audits.notifications import KINDS
        from wsco.audits.services import report
        from wsco.certificates.kinds import register_kind
        from wsco.core import home as home_page
        from wsco.core.files import register_reader
        from wsco.core.pdf import register_document
        from wsco.core.site_search import register_provider
        from wsco.notifications.kinds import register_kinds

        register_reader(BaseValue, "evidence", access.may_read_evidence)
        register_reader(ReportedValue, "evidence", access.may_read_evidence)
        register_reader(AuditReport, "file", access.may_read_report)
        register_document(report.REPORT_DOCUMENT, sample=report.sample_report)
        register_kinds(KINDS)
        register_kind(
            "audit_level",
            _("Smart City Audit level"),
            description=_("The level a city reached in a verified, published audit."),
            subject_url=lambda audit: audit.get_absolute_url() if audit.is_published else None,
        )
        home.connect()
        officials.connect()
        home_page.register_part(home.PART)
        register_provider(site_search.CITIES)
