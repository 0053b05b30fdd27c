"""`manage.py audit ...`: the audit engine's command line, unchanged."""

import sys

from django.core.management.base import BaseCommand

from wsco.audits.engine.cli import main


class Command(BaseCommand):
    """Forward every argument to the audit engine's command line."""

    help = (
        "Compute, validate, level and score ISO 37120/37122/37123 indicators (see `audit --help`)."
    )

    def run_from_argv(self, argv: list[str]) -> None:
        """Skip Django's option parsing: the engine's own parser reads every argument."""
        exit_code = main(argv[2:])
        if exit_code:
            sys.exit(exit_code)
