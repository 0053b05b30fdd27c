from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "wsco.members"
    label = "members"
    verbose_name = _("Members")

    def ready(self) -> None:
        from wsco.accounts.personal_data import register_section
        from wsco.members import directory_changes, personal_data

        directory_changes.connect()

        register_section(
            name="members",
            exporter=personal_data.export_member_data,
            eraser=personal_data.erase_member_data,
            deletes=personal_data.DELETES,
            keeps=personal_data.KEEPS,
        )
