"""Write the database and the media files to one archive: `wsco backup FILE`."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from wsco.core.backup import BackupError, create_backup, summary


class Command(BaseCommand):
    help = "Back up the database and the media files to FILE (a .tar.gz), with checksums."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The archive to write.")

    def handle(self, *args, file: Path, **options):
        try:
            manifest = create_backup(
                archive=file,
                database=settings.DATABASES["default"],
                django_connection=connections["default"],
                media_root=Path(settings.MEDIA_ROOT),
            )
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Backed up {summary(manifest)} to {file}.")
