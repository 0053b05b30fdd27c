from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "wsco.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from wsco.accounts import changes

        changes.connect()
