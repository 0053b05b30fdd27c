"""`wsco events_daily`: expired seat offers passed on, and reminders before events."""

import datetime

from django.core.management.base import BaseCommand

from wsco.events.services import expire_offers, send_reminders


class Command(BaseCommand):
    help = (
        "Cancel the seat offers not confirmed in time, offering each seat to the next person "
        "waiting, and remind attendees 7 days and 1 day before their event. Safe to run more "
        "than once a day (hourly keeps offers moving)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            help="Send the reminders as if today were this date (YYYY-MM-DD).",
        )

    def handle(self, *args, today=None, **options):
        self.stdout.write(f"Seat offers expired and passed on: {expire_offers()}")
        self.stdout.write(f"Event reminders sent: {send_reminders(today=today)}")
