"""`manage.py courses_daily`: remind learners of certificates expiring and cohorts starting."""

import datetime

from django.core.management.base import BaseCommand

from wsco.courses.services import send_course_reminders


class Command(BaseCommand):
    help = (
        "Remind learners whose course certificate expires within 30 days and those whose "
        "cohort starts within 7 days. Safe to run more than once a day."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            help="Run as if today were this date (YYYY-MM-DD), to catch up a missed run.",
        )

    def handle(self, *args, today=None, **options):
        sent = send_course_reminders(today=today)
        self.stdout.write(f"Certificates about to expire: {sent['certificate_expiring']}")
        self.stdout.write(f"Cohorts starting soon: {sent['cohort_starting']}")
