"""`wsco groups_daily`: remind owners of their actions and chairs of follow-ups, once a day."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from wsco.groups.services.meetings import send_reminders


class Command(BaseCommand):
    help = (
        "Remind the owners of action items due within three days or overdue, and the chairs of "
        "decision makers' commitments due for follow-up. Each reminder is sent once: safe to "
        "run more than once a day."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            help="Run as if today were this date (YYYY-MM-DD), to catch up a missed run.",
        )

    def handle(self, *args, today=None, **options):
        sent = send_reminders(today=today or timezone.localdate())
        self.stdout.write(f"Working group reminders sent: {sent}")
