"""Send the day's email of the standards to everyone who follows one (safe to run twice)."""

from django.core.management.base import BaseCommand

from wsco.standards.digest import send_daily_digests


class Command(BaseCommand):
    help = "Email each follower of a standard or a country the day's news, once a day."

    def handle(self, *args, **options):
        emails, items = send_daily_digests()
        self.stdout.write(f"Standards: {emails} daily emails, {items} items.")
