"""`wsco memberships_daily`: reminders, lapses, member status and old invitations, once a day."""

import datetime

from django.core.management.base import BaseCommand

from wsco.members.services.memberships import run_daily_membership_jobs
from wsco.members.services.seats import expire_seat_invitations


class Command(BaseCommand):
    help = (
        "Send the renewal reminders due today, lapse memberships past their grace period, "
        "update who is a member and mark expired the seat invitations nobody answered. Safe to "
        "run more than once a day."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            help="Run as if today were this date (YYYY-MM-DD), to catch up a missed run.",
        )

    def handle(self, *args, today=None, **options):
        report = run_daily_membership_jobs(today=today)
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(f"Seat invitations expired: {expire_seat_invitations()}")
