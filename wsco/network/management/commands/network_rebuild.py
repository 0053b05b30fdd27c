"""Rebuild the matching index from every consenting member, and everybody's suggestions."""

import time

from django.core.management.base import BaseCommand

from wsco.network.services import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the network's matching index and every member's suggestions."

    def handle(self, *args, **options):
        started = time.perf_counter()
        count = rebuild_index()
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"Indexed {count} members and stored their suggestions in {elapsed:.1f} s."
        )
