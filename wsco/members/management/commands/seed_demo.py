"""Fill the database with a believable demo (development only)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wsco.members.models import Profile


class Command(BaseCommand):
    help = "Create demo members, organizations and memberships, and one account per role."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing when members already exist."
        )

    def handle(self, *args, if_empty: bool, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo creates demo accounts: it runs only with DEBUG=true.")
        if if_empty and Profile.objects.exists():
            self.stdout.write("The database has members already; no demo data added.")
            return
        self.stdout.write("No demo data yet.")
