from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "wsco.certificates"
    label = "certificates"
    verbose_name = _("Certificates")

    def ready(self) -> None:
        from wsco.accounts.personal_data import register_section
        from wsco.certificates import access, pdf, personal_data
        from wsco.certificates.models import Certificate
        from wsco.core.access import register_parties
        from wsco.core.pdf import register_document

        register_parties(Certificate, access.certificate_parties)
        register_document(pdf.CERTIFICATE_DOCUMENT, sample=pdf.sample_certificate)
        register_section(
            name="certificates",
            exporter=personal_data.export_certificates,
            eraser=personal_data.erase_certificates,
            keeps=personal_data.KEEPS,
        )
