"""Fill the database with a believable demo (development only).

Each app that has demo data keeps it in its own `demo.py` with a `seed(context)` function; this
command calls them in the order of INSTALLED_APPS, so that an app's demo can use the people and
organizations the apps below it created.
"""

import secrets

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from wsco.core.demo import DemoContext, seed_apps


class Command(BaseCommand):
    help = "Create demo members, organizations and memberships, and one account per role."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database has demo data already.",
        )
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (default 2026).")

    def handle(self, *args, if_empty: bool, seed: int, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo creates demo accounts: it runs only with DEBUG=true.")
        accounts_file = settings.VAR_DIR / "demo-accounts.txt"
        user_model = apps.get_model(settings.AUTH_USER_MODEL)
        if if_empty and user_model.objects.exists():
            self.stdout.write("The database has data already; no demo data added.")
            self.print_accounts(accounts_file)
            return
        context = DemoContext(seed=seed, password=secrets.token_urlsafe(9), stdout=self.stdout)
        with transaction.atomic():
            seed_apps(context)
        accounts_file.write_text(context.accounts_text())
        self.print_accounts(accounts_file)

    def print_accounts(self, accounts_file):
        """Print the demo accounts and their password, kept from the run that made them."""
        if accounts_file.exists():
            self.stdout.write(accounts_file.read_text())
