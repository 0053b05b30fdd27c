from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "wsco.members"
    label = "members"
    verbose_name = _("Members")

    def ready(self) -> None:
        from wsco.accounts.personal_data import register_section
        from wsco.core import home as home_page
        from wsco.core.files import register_reader
        from wsco.core.pdf import register_document
        from wsco.core.site_search import register_provider
        from wsco.core.theme_offers import register_offer
        from wsco.members import (
            access,
            directory_changes,
            home,
            invoice_pdf,
            page_parts,
            personal_data,
            site_search,
            theme_offers,
        )
        from wsco.members.models import Organization, Profile
        from wsco.members.notifications import KINDS
        from wsco.notifications.kinds import register_kinds

        directory_changes.connect()
        page_parts.connect()
        register_kinds(KINDS)
        for part in home.PARTS:
            home_page.register_part(part)
        home_page.register_activity(home.ACTIVITY)
        register_document(invoice_pdf.INVOICE_DOCUMENT, sample=invoice_pdf.sample_invoice)
        register_reader(Profile, "photo", access.may_read_profile_photo)
        register_reader(Organization, "logo", access.may_read_organization_logo)
        register_provider(site_search.PEOPLE)
        register_provider(site_search.ORGANIZATIONS)
        register_offer(theme_offers.ORGANIZATIONS)

        register_section(
            name="members",
            exporter=personal_data.export_member_data,
            eraser=personal_data.erase_member_data,
            deletes=personal_data.DELETES,
            keeps=personal_data.KEEPS,
        )
