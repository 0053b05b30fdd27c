"""The audits app's configuration."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditsConfig(AppConfig):
    """Smart City Audits: indicator data, validation, levels and scores."""

    name = "wsco.audits"
    label = "audits"
    verbose_name = _("Smart City Audits")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wsco.audits import access
        from wsco.audits.models import Audit
        from wsco.audits.services import report
        from wsco.core.files import register_reader
        from wsco.core.pdf import register_document

        register_document(report.REPORT_DOCUMENT, sample=report.sample_report)
        register_reader(Audit, "report", access.may_read_report)
