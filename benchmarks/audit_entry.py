"""Time one autosave of an audit's value, with the engine's findings in the answer.

    DEBUG=true .venv/bin/python benchmarks/audit_entry.py [--requests R]

In a temporary SQLite database it opens an ISO 37120:2018 audit with all 155 of its base
variables entered, then times R autosave requests (a POST with htmx, as the theme page sends
them: one value changed, saved, the engine run on the whole audit, its findings, the theme's
completeness and the level it would reach now rendered), in-process through Django's test
client and the whole middleware stack, with DEBUG off; and, beside it, the theme page (GET),
whose engine run is cached until the next change.

It prints p50/p99 in milliseconds, then one line of JSON.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30)
    requests = parser.parse_args().requests
    folder = Path(tempfile.mkdtemp(prefix="wsco-entry-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'db.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(folder / "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wsco.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.SECURE_SSL_REDIRECT = False

    from wsco.audits.services.entry import audit_variables
    from wsco.audits.tests.records import AuditFactory, enter, official_of

    audit = AuditFactory()
    official = official_of(audit.city)
    enter(audit, by=official, **dict.fromkeys(audit_variables(audit), "1000"))
    client = Client()
    client.force_login(official)
    url = reverse("audits:entry_theme", kwargs={"pk": audit.pk, "theme": "economy"})
    timings = {"autosave": [], "theme_page": []}
    for number in range(requests):
        data = {"kind": "base", "key": "labour_force", "labour_force-value": str(150000 + number)}
        start = time.perf_counter()
        response = client.post(url, data, headers={"HX-Request": "true"})
        timings["autosave"].append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
        start = time.perf_counter()
        assert client.get(url).status_code == 200
        timings["theme_page"].append((time.perf_counter() - start) * 1000)
    figures = {}
    for name, values in timings.items():
        values.sort()
        figures[name] = {
            "p50_ms": round(statistics.median(values), 1),
            "p99_ms": round(values[min(len(values) - 1, int(len(values) * 0.99))], 1),
        }
        median, worst = figures[name]["p50_ms"], figures[name]["p99_ms"]
        print(f"{name:12} p50 {median:7.1f} ms  p99 {worst:7.1f} ms")
    print(json.dumps({"requests": requests, **figures}))


if __name__ == "__main__":
    main()
