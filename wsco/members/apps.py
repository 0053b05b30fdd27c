from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "wsco.members"
    label = "members"
    verbose_name = _("Members")

    def ready(self) -> None:
        from wsco.accounts.personal_data import register_section
        from wsco.core.files import register_reader
        from wsco.core.pdf import register_document
        from wsco.members import access, directory_changes, invoice_pdf, personal_data
        from wsco.members.models import Organization, Profile

        directory_changes.connect()
        register_document(invoice_pdf.INVOICE_DOCUMENT, sample=invoice_pdf.sample_invoice)
        register_reader(Profile, "photo", access.may_read_profile_photo)
        register_reader(Organization, "logo", access.may_read_organization_logo)

        register_section(
            name="members",
            exporter=personal_data.export_member_data,
            eraser=personal_data.erase_member_data,
            deletes=personal_data.DELETES,
            keeps=personal_data.KEEPS,
        )
