from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationsConfig(AppConfig):
    name = "wsco.publications"
    label = "publications"
    verbose_name = _("Publications")

    def ready(self):
        from wsco.core.dashboard import register_panel
        from wsco.core.pdf import register_document
        from wsco.publications import pdf
        from wsco.publications.dashboard import PANEL

        register_panel(PANEL)
        register_document(pdf.ISSUE_DOCUMENT, sample=pdf.sample_issue)
