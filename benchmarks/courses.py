"""Time the courses' catalogue and its API over 2,000 courses, beside a bare Django view.

    DEBUG=true .venv/bin/python benchmarks/courses.py [--courses N] [--requests R]

In a temporary SQLite database (or the database of `--database-url`) it inserts N courses
(2,000 by default; nine in ten published, one in four run in two cohorts), each on one or two
themes, at a level and in a language (in bulk, not through the services), then times
in-process, through Django's test client and the whole middleware stack, with DEBUG off:

- `bare`: a view that returns a tiny JsonResponse (what Django itself costs),
- `catalogue`: `/courses/?theme=...&level=...` for a cycle of filters, as a visitor,
- `courses_api`: `/api/v1/courses?theme=...&level=...` for the same cycle, as a visitor,
- each of them `*_after_change`: every request the first after a course changed (its title
  saved through `wsco.courses.authoring.save_course`, outside the timing), so built rather than
  served from the page cache.

The page cache needs Redis (`REDIS_URL`, or one on 127.0.0.1:6379): without it the pages are
built every time and the figures say so (`page_cache_seconds` 0). Each page's warm median is
given as a share of the bare view's rate (the target: at least 50 %), the first request after
a change in milliseconds. The last line is one JSON object.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.audits import measure, report_pages, resolves
from benchmarks.projects import setup  # the same settings, database and URLs (with the bare view)
from benchmarks.runner import RUNTIME_INSTALL, exit_loudly, require, run_in_fresh_process

FILTERS = [
    ("water", "introductory"),
    ("transportation", "intermediate"),
    ("energy", "advanced"),
    ("environment", "introductory"),
    ("governance", "intermediate"),
    ("health", "advanced"),
]
LEVELS = ["introductory", "intermediate", "advanced"]


def seed(count: int) -> list:
    """Insert `count` courses with their themes, and two cohorts for one course in four."""
    import datetime
    from decimal import Decimal

    from django.db import transaction

    from wsco.core.models import Theme
    from wsco.courses.models import Cohort, Course

    themes = list(Theme.objects.order_by("clause"))
    today = datetime.date.today()
    with transaction.atomic():
        courses = Course.objects.bulk_create(
            (
                Course(
                    slug=f"course-{n}",
                    title=f"Course {n}",
                    summary="A Smart City course.",
                    level=LEVELS[n % len(LEVELS)],
                    language="ro" if n % 3 == 0 else "en",
                    cpd_hours=Decimal("4.0"),
                    mode="cohort" if n % 4 == 0 else "self_paced",
                    status="draft" if n % 10 == 9 else "published",
                )
                for n in range(count)
            ),
            batch_size=2000,
        )
        through = Course.themes.through
        through.objects.bulk_create(
            (
                through(course_id=course.pk, theme_id=theme.pk)
                for n, course in enumerate(courses)
                for theme in {themes[n % len(themes)], themes[(n * 7) % len(themes)]}
            ),
            batch_size=5000,
        )
        Cohort.objects.bulk_create(
            (
                Cohort(
                    course=course,
                    starts_on=today + datetime.timedelta(weeks=weeks),
                    ends_on=today + datetime.timedelta(weeks=weeks + 8),
                    capacity=20,
                )
                for course in courses
                if course.mode == "cohort"
                for weeks in (-2, 10)
            ),
            batch_size=5000,
        )
    return courses


def measure_in_child(args: argparse.Namespace, pipe) -> None:
    """Seed and time in this (fresh) process; send the figures through `pipe`."""
    setup(args.database_url)
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from wsco.accounts.models import User
    from wsco.courses.authoring import save_course
    from wsco.courses.models import Course

    started = time.perf_counter()
    courses = seed(args.courses)
    seeded_s = round(time.perf_counter() - started, 1)
    pages = {
        "catalogue": [f"/courses/?theme={theme}&level={level}" for theme, level in FILTERS],
        "courses_api": [f"/api/v1/courses?theme={theme}&level={level}" for theme, level in FILTERS],
    }
    missing = sorted(name for name, paths in pages.items() if not resolves(paths[0]))
    present = {name: paths for name, paths in pages.items() if name not in missing}
    client = Client()
    figures = {
        "vendor": connection.vendor,
        "courses": len(courses),
        "published": Course.objects.published().count(),
        "seed_s": seeded_s,
        "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
        "page_cache_seconds": settings.PAGE_CACHE_SECONDS,
        "load_average_1m": round(os.getloadavg()[0], 2),
        "missing": missing,
    }
    warm = measure(client, {"bare": ["/bench/bare/"], **present}, args.requests)
    author = User.objects.create_user(email="author@bench.example", password="x", is_staff=True)
    changed = iter(courses)

    def change_one():
        course = next(changed)
        save_course(
            course=course,
            by=author,
            themes=list(course.themes.all()),
            instructor_emails=[],
            standards=[],
            prerequisites=[],
            title=f"{course.title} (changed)",
        )

    after = measure(
        client, {"bare": ["/bench/bare/"], **present}, max(args.requests // 4, 10), change_one
    )
    report_pages(figures, pages, missing, warm, after)
    connection.close()
    pipe.send({"benchmark": "courses", **figures})
    pipe.close()


@exit_loudly
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--courses", type=int, default=2_000)
    parser.add_argument("--requests", type=int, default=200, help="timed requests per page")
    parser.add_argument("--database-url", help="a PostgreSQL database to use (emptied)")
    args = parser.parse_args()
    require(["django"], install=RUNTIME_INSTALL)
    print(json.dumps(run_in_fresh_process(measure_in_child, (args,))))


if __name__ == "__main__":
    main()
