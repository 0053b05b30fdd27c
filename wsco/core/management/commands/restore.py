"""Restore a backup into an empty database and media folder: `wsco restore FILE`."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from wsco.core.backup import BackupError, restore_backup, summary


class Command(BaseCommand):
    help = (
        "Restore FILE (made by `wsco backup`) into the empty database and media folder the "
        "settings name, and check every table's rows and checksum against the backup."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The archive to restore.")

    def handle(self, *args, file: Path, **options):
        # The restore writes through its own connection; this process's would see stale state.
        connections["default"].close()
        try:
            manifest = restore_backup(
                archive=file,
                database=settings.DATABASES["default"],
                media_root=Path(settings.MEDIA_ROOT),
            )
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Restored {summary(manifest)} from {file} (made {manifest['created']}); "
            "every table's rows and checksum match the backup."
        )
