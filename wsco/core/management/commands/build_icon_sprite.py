"""Build the icon sprite from lucide-static: `wsco build_icon_sprite PACKAGE_FOLDER`."""

import shutil
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wsco.core import icons


class Command(BaseCommand):
    help = (
        "Write core/icons/sprite.svg with the icons named in wsco/core/icons.py, read from the "
        "unpacked lucide-static package (npm pack lucide-static), and copy its licence beside it."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path, help="The unpacked package folder (package/).")

    def handle(self, *args, source: Path, **options):
        try:
            icons.check_theme_icons()
            sprite = icons.build_sprite(source)
        except ValueError as error:
            raise CommandError(str(error)) from None
        icons.SPRITE.parent.mkdir(parents=True, exist_ok=True)
        icons.SPRITE.write_text(sprite, encoding="utf-8")
        shutil.copyfile(source / "LICENSE", icons.LICENCE)
        self.stdout.write(f"Wrote {len(icons.ICONS)} icons to {icons.SPRITE}.")
