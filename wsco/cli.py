"""The `wsco` command: the project's manage command.

`wsco audit ...` goes straight to the audit engine's command line, which needs no Django
(a city's analyst can run it on a laptop without a database); everything else is a Django
management command.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a management command, or the audit engine for `wsco audit`."""
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and argv[1] == "audit":
        from wsco.audits.engine.cli import main as audit_main

        sys.exit(audit_main(argv[2:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wsco.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)
