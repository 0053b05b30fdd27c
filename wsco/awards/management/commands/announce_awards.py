"""Settle the results of every awards edition whose announcement time has come."""

from django.core.management.base import BaseCommand

from wsco.awards.services.results import announce_due_editions


class Command(BaseCommand):
    help = "Settle and publish the results of awards editions due for announcement."

    def handle(self, *args, verbosity: int, **options):
        years = announce_due_editions()
        if not verbosity:
            return
        for year in years:
            self.stdout.write(f"Announced the {year} awards.")
        if not years:
            self.stdout.write("No awards edition is due for announcement.")
