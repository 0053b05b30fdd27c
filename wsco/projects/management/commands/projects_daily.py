"""`wsco projects_daily`: milestone reminders and KPI actuals from newly published audits."""

import datetime

from django.core.management.base import BaseCommand

from wsco.projects.services.kpis import fill_all_actuals
from wsco.projects.services.milestones import send_milestone_reminders


class Command(BaseCommand):
    help = (
        "Remind the owners of milestones that fall due within a week (7 days and 1 day before) "
        "and fill in KPI actuals from audits published since. Safe to run more than once a day."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            help="Run as if today were this date (YYYY-MM-DD), to catch up a missed run.",
        )

    def handle(self, *args, today=None, **options):
        self.stdout.write(f"Milestone reminders sent: {send_milestone_reminders(today=today)}")
        self.stdout.write(f"KPI actuals filled in from audits: {fill_all_actuals()}")
