"""Time the projects' portfolio and API list over 10,000 projects, beside a bare Django view.

    DEBUG=true .venv/bin/python benchmarks/projects.py [--projects N] [--requests R]

In a temporary SQLite database (or the database of `--database-url`) it inserts 200 cities and
N projects (10,000 by default; nine in ten published), each on one or two themes, at a stage,
with two budget lines and a funding source (in bulk, not through the services), then times
in-process, through Django's test client and the whole middleware stack, with DEBUG off:

- `bare`: a view that returns a tiny JsonResponse (what Django itself costs),
- `portfolio`: `/projects/?theme=...&stage=...` for a cycle of filters, as a visitor,
- `projects_api`: `/api/v1/projects?theme=...&stage=...` for the same cycle, as a visitor,
- each of them `*_after_change`: every request the first after a project changed (an update
  published through its service, outside the timing), so built rather than served from the
  page cache.

Each page's warm rate is given as a share of the bare view's rate (the target: at least 50 %),
the first request after a change in milliseconds. The last line is one JSON object.
"""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.audits import measure, redis_reachable, report_pages, resolves
from benchmarks.runner import RUNTIME_INSTALL, exit_loudly, require, run_in_fresh_process

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"
CITIES = 200
FILTERS = [
    ("water", "vision"),
    ("transportation", "feasibility"),
    ("energy", "implementation"),
    ("environment", "design"),
    ("governance", "concept"),
    ("health", "operation"),
]


def bare(request):
    from django.http import JsonResponse

    return JsonResponse({"ok": True})


urlpatterns: list = []


def setup(database_url: str | None) -> None:
    folder = Path(tempfile.mkdtemp(prefix="wsco-projects-bench-"))
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{folder / 'db.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(folder / "media")
    os.environ["WSCO_VAR_DIR"] = str(folder)
    os.environ["CONN_MAX_AGE"] = "600"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wsco.settings")
    if redis_reachable():
        os.environ["REDIS_URL"] = REDIS_URL
    import django

    django.setup()
    import logging

    logging.getLogger("wsco.request").setLevel(logging.WARNING)  # one line a request otherwise
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.urls import path

    from wsco.urls import urlpatterns as site

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.SECURE_SSL_REDIRECT = False
    settings.DATABASES["default"]["CONN_MAX_AGE"] = 600
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    # The URLs by the module's own name (see benchmarks/audits.py).
    from benchmarks import projects as this_module

    this_module.urlpatterns = [path("bench/bare/", this_module.bare), *site]
    settings.ROOT_URLCONF = "benchmarks.projects"
    call_command("migrate", verbosity=0)
    cache.clear()


def seed(count: int) -> dict:
    """Insert 200 cities and `count` projects with their themes, budget lines and funding."""
    from decimal import Decimal

    from django.db import transaction

    from wsco.audits.models import City
    from wsco.core.models import Theme
    from wsco.projects.models import STAGES, BudgetLine, FundingKind, FundingSource, Project

    themes = list(Theme.objects.order_by("clause"))
    kinds = list(FundingKind.values)
    with transaction.atomic():
        cities = City.objects.bulk_create(
            City(name=f"City {n}", slug=f"city-{n}", country=["RO", "BG", "MD", "PT"][n % 4])
            for n in range(CITIES)
        )
        projects = Project.objects.bulk_create(
            (
                Project(
                    slug=f"project-{n}",
                    title=f"Project {n}",
                    summary="A smart-city project.",
                    city=cities[n % CITIES],
                    stage=STAGES[n % len(STAGES)],
                    visibility="private" if n % 10 == 9 else "published",
                )
                for n in range(count)
            ),
            batch_size=2000,
        )
        through = Project.themes.through
        through.objects.bulk_create(
            (
                through(project_id=project.pk, theme_id=theme.pk)
                for n, project in enumerate(projects)
                for theme in {themes[n % len(themes)], themes[(n * 7) % len(themes)]}
            ),
            batch_size=5000,
        )
        BudgetLine.objects.bulk_create(
            (
                BudgetLine(
                    project=project,
                    label=label,
                    year=2026,
                    amount=Decimal(1000 + n % 977) * 100,
                    currency="EUR" if n % 3 else "RON",
                )
                for n, project in enumerate(projects)
                for label in ("Studies", "Works")
            ),
            batch_size=5000,
        )
        FundingSource.objects.bulk_create(
            (
                FundingSource(
                    project=project,
                    kind=kinds[n % len(kinds)],
                    name="Fund",
                    amount=Decimal(5000),
                    currency="EUR",
                )
                for n, project in enumerate(projects)
            ),
            batch_size=5000,
        )
    return {"projects": projects}


def measure_in_child(args: argparse.Namespace, pipe) -> None:
    """Seed and time in this (fresh) process; send the figures through `pipe`."""
    setup(args.database_url)
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from wsco.accounts.models import User
    from wsco.projects.models import Project
    from wsco.projects.services.projects import publish_update, write_update

    started = time.perf_counter()
    world = seed(args.projects)
    seeded_s = round(time.perf_counter() - started, 1)
    pages = {
        "portfolio": [f"/projects/?theme={theme}&stage={stage}" for theme, stage in FILTERS],
        "projects_api": [
            f"/api/v1/projects?theme={theme}&stage={stage}" for theme, stage in FILTERS
        ],
    }
    missing = sorted(name for name, paths in pages.items() if not resolves(paths[0]))
    present = {name: paths for name, paths in pages.items() if name not in missing}
    client = Client()
    figures = {
        "vendor": connection.vendor,
        "projects": len(world["projects"]),
        "published": Project.objects.published().count(),
        "seed_s": seeded_s,
        "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
        "page_cache_seconds": settings.PAGE_CACHE_SECONDS,
        "load_average_1m": round(os.getloadavg()[0], 2),
        "missing": missing,
    }
    warm = measure(client, {"bare": ["/bench/bare/"], **present}, args.requests)
    author = User.objects.create_user(email="lead@bench.example", password="x")
    changed = iter(world["projects"])

    def change_one():
        project = next(changed)
        update = write_update(project=project, title="News", body="News.", by=author)
        publish_update(update=update, by=author)

    after = measure(
        client, {"bare": ["/bench/bare/"], **present}, max(args.requests // 4, 10), change_one
    )
    report_pages(figures, pages, missing, warm, after)
    connection.close()
    pipe.send({"benchmark": "projects", **figures})
    pipe.close()


@exit_loudly
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200, help="timed requests per page")
    parser.add_argument("--database-url", help="a PostgreSQL database to use (emptied)")
    args = parser.parse_args()
    require(["django"], install=RUNTIME_INSTALL)
    print(json.dumps(run_in_fresh_process(measure_in_child, (args,))))


if __name__ == "__main__":
    main()
