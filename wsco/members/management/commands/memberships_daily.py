"""`wsco memberships_daily`: renewal reminders, lapses and member status, once a day."""

import datetime

from django.core.management.base import BaseCommand

from wsco.members.services.memberships import run_daily_membership_jobs


class Command(BaseCommand):
    help = (
        "Send the renewal reminders due today, lapse memberships past their grace period and "
        "update who is a member. Safe to run more than once a day."
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
