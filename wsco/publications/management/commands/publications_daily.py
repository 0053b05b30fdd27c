"""Daily work of the publications app: remind reviewers of due and overdue reviews."""

from django.core.management.base import BaseCommand

from wsco.publications.services import send_review_reminders


class Command(BaseCommand):
    help = "Remind reviewers whose review is due within three days or overdue (safe to run twice)."

    def handle(self, *args, **options):
        sent = send_review_reminders()
        self.stdout.write(f"{sent} review reminder(s) sent.")
