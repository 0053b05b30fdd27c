"""Time the public audit pages over 1,000 published city-years, beside a bare Django view.

    DEBUG=true .venv/bin/python benchmarks/audits.py [--cities C] [--years Y] [--requests R]

In a temporary SQLite database (or the database of `--database-url`) it inserts C cities with
Y published audits each (200 x 5 = 1,000 city-years by default) and their 128 ISO 37120:2018
indicator results each (128,000 `IndicatorResult` rows, in bulk: the values of the demo's
generator, not an engine run per audit), then times in-process, through Django's test client
and the whole middleware stack, with DEBUG off:

- `bare`: a view that returns a tiny JsonResponse (what Django itself costs),
- `city_page`: `/cities/<slug>/` for a cycle of cities, as a visitor,
- `rankings`: `/rankings/`,
- `results_api`: `/api/v1/audits/{id}/results` for a cycle of audits,
- each of them `*_after_publication`: every request the first after a publication (a verified
  audit published through `take_step`, outside the timing), so built rather than served from
  whatever cache the page keeps;
- `report_pdf`: the report of one full audit, made as its task makes it (median of 3).

A page whose URL does not resolve on this branch is reported as missing, not timed. Each
page's warm rate is given as a share of the bare view's rate (the target: at least 50 %), the
first request after a publication in milliseconds (the target: under 50 ms). The last line is
one JSON object.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.runner import RUNTIME_INSTALL, exit_loudly, require, run_in_fresh_process

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"
WARM_TARGET = 0.5
AFTER_PUBLICATION_TARGET_MS = 50


def bare(request):
    from django.http import JsonResponse

    return JsonResponse({"ok": True})


urlpatterns: list = []


def setup(database_url: str | None) -> None:
    folder = Path(tempfile.mkdtemp(prefix="wsco-audits-bench-"))
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
    # Publication queues the report's task: kept in memory here, never run.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    # The URLs by the module's own name: run through multiprocessing, this file's code runs as
    # `__mp_main__`, which Django's resolver would import as a module of its own.
    from benchmarks import audits as this_module

    this_module.urlpatterns = [path("bench/bare/", this_module.bare), *site]
    settings.ROOT_URLCONF = "benchmarks.audits"
    call_command("migrate", verbosity=0)
    cache.clear()


def redis_reachable() -> bool:
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except Exception:
        return False
    return True


def seed(cities: int, years: int) -> dict:
    """Insert `cities` x `years` published audits with 128 results each, in bulk."""
    from django.db import transaction

    from wsco.audits import demo
    from wsco.audits.engine.catalogue import DEFAULT_STANDARD, load_catalogue
    from wsco.audits.models import Audit, AuditStatus, City, IndicatorResult
    from wsco.audits.services.results import theme_slug

    indicators = load_catalogue().for_standard(DEFAULT_STANDARD)
    levels = ["Bronze", "Silver", "Gold", "Platinum"]
    first_year = 2025 - years + 1
    with transaction.atomic():
        made = City.objects.bulk_create(
            City(
                name=f"City {number}",
                slug=f"city-{number}",
                country="RO",
                region=f"Region {number % 8}",
                population=100_000 + 7_919 * number,
            )
            for number in range(cities)
        )
        audits = Audit.objects.bulk_create(
            Audit(
                city=city,
                year=year,
                status=AuditStatus.PUBLISHED,
                level=levels[(number + year) % len(levels)],
                levels={DEFAULT_STANDARD: levels[(number + year) % len(levels)]},
            )
            for number, city in enumerate(made)
            for year in range(first_year, 2026)
        )
        rows = []
        for audit in audits:
            # The demo's trends, one city of the demo standing in for each benchmark city.
            facts = demo.CITIES[audit.city_id % len(demo.CITIES)]
            values = demo.indicator_values(facts, audit.year)
            rows += [
                IndicatorResult(
                    audit=audit,
                    indicator=indicator.key,
                    theme=theme_slug(indicator.theme),
                    value=values[indicator.key],
                    computed_value=values[indicator.key],
                    outcome="ok",
                )
                for indicator in indicators
            ]
        IndicatorResult.objects.bulk_create(rows, batch_size=5000)
    return {"cities": made, "audits": audits, "results": len(rows)}


def verified_audits(cities, count: int) -> list:
    """Return `count` verified audits (of a later year), each waiting to be published."""
    from wsco.accounts.models import Role, RoleGrant, User
    from wsco.audits.models import Audit, AuditStatus

    staff = User.objects.create_user(email="staff@bench.example", password="x", is_staff=True)
    RoleGrant.objects.create(user=staff, role=Role.AUDITOR)
    audits = Audit.objects.bulk_create(
        Audit(
            city=cities[number % len(cities)],
            year=2026 + number // len(cities),
            status=AuditStatus.VERIFIED,
            level="Gold",
        )
        for number in range(count)
    )
    return [staff, audits]


def resolves(path: str) -> bool:
    from django.urls import Resolver404, resolve

    try:
        resolve(path.split("?", 1)[0])
    except Resolver404:
        return False
    return True


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def measure(client, contenders: dict[str, list[str]], requests: int, before_each=None) -> dict:
    """Return each contender's p50/p99 (ms) and rate (requests/s) over `requests` GETs.

    The contenders take turns, one request each, so that the noise of a shared machine falls
    on all of them alike (as in benchmarks/directory.py).
    """
    for paths in contenders.values():
        for path in paths:
            response = client.get(path)
            if response.status_code != 200:
                raise RuntimeError(f"{path} answered {response.status_code}")
    samples = {name: [] for name in contenders}
    for number in range(requests):
        for name, paths in contenders.items():
            path = paths[number % len(paths)]
            if before_each and name != "bare":
                before_each()
            started = time.perf_counter()
            response = client.get(path)
            if response.streaming:
                b"".join(response.streaming_content)
            samples[name].append(time.perf_counter() - started)
            if response.status_code != 200:
                raise RuntimeError(f"{path} answered {response.status_code}")
    figures = {
        name: {
            "p50_ms": round(percentile(times, 0.5) * 1000, 3),
            "p99_ms": round(percentile(times, 0.99) * 1000, 3),
            "rate_per_s": round(len(times) / sum(times), 1),
        }
        for name, times in samples.items()
    }
    for row in figures.values():
        row["share_of_bare_rate"] = round(row["rate_per_s"] / figures["bare"]["rate_per_s"], 3)
    return figures


def report_pages(figures: dict, pages: dict, missing: set, warm: dict, after: dict) -> None:
    """Print each page's warm and after-a-change figures beside the bare view's, put them in
    `figures`, and say whether every page measured reached `WARM_TARGET` of the bare rate."""
    figures["bare"] = warm["bare"]
    width = max(len(name) for name in [*pages, "bare"]) + 1
    for name in pages:
        if name in missing:
            figures[f"{name}_warm_ratio"] = "missing"
            print(f"{name:{width}} missing: {pages[name][0]} does not resolve on this branch")
            continue
        figures[name] = warm[name]
        figures[f"{name}_after_change"] = after[name]
        figures[f"{name}_warm_ratio"] = warm[name]["share_of_bare_rate"]
        figures[f"{name}_after_change_ms"] = after[name]["p50_ms"]
        print(
            f"{name:{width}} warm p50 {warm[name]['p50_ms']:7.2f} ms, "
            f"{warm[name]['share_of_bare_rate']:.0%} of the bare view's rate; "
            f"first after a change p50 {after[name]['p50_ms']:7.2f} ms"
        )
    print(f"{'bare':{width}} p50 {warm['bare']['p50_ms']:7.2f} ms, {warm['bare']['rate_per_s']}/s")
    measured = [name for name in pages if name not in missing]
    figures["target_met"] = all(figures[f"{name}_warm_ratio"] >= WARM_TARGET for name in measured)
    print(
        "\nTarget (each page at least half the bare view's rate warm; measured: "
        f"{', '.join(measured) or 'none'}): {'met' if figures['target_met'] else 'not met'}"
    )


def report_seconds(audit_pk: int, runs: int = 3) -> float:
    """Return the median time the report's task takes for a full audit (from a stale report)."""
    from wsco.audits.models import Audit, AuditReport
    from wsco.audits.services import report

    audit = Audit.objects.select_related("city").get(pk=audit_pk)  # its 128 results stored
    report.make_report(audit=audit)  # warm-up: imports, fonts
    times = []
    for _ in range(runs):
        AuditReport.objects.filter(audit=audit).update(key="")
        started = time.perf_counter()
        report.make_report(audit=audit)
        times.append(time.perf_counter() - started)
    return round(statistics.median(times), 3)


def measure_in_child(args: argparse.Namespace, pipe) -> None:
    """Seed and time in this (fresh) process; send the figures through `pipe`."""
    setup(args.database_url)
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from wsco.audits.services.audits import take_step

    started = time.perf_counter()
    world = seed(args.cities, args.years)
    seeded_s = round(time.perf_counter() - started, 1)
    cities, audits = world["cities"], world["audits"]
    pages = {
        "city_page": [f"/cities/{city.slug}/" for city in cities[:50]],
        "rankings": ["/rankings/"],
        "results_api": [f"/api/v1/audits/{audit.pk}/results" for audit in audits[:50]],
    }
    missing = sorted(name for name, paths in pages.items() if not resolves(paths[0]))
    present = {name: paths for name, paths in pages.items() if name not in missing}
    client = Client()
    figures = {
        "vendor": connection.vendor,
        "city_years": len(audits),
        "indicator_results": world["results"],
        "seed_s": seeded_s,
        "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
        "load_average_1m": round(os.getloadavg()[0], 2),
        "missing": missing,
    }
    warm = measure(client, {"bare": ["/bench/bare/"], **present}, args.requests)
    staff, waiting = verified_audits(cities, args.requests * max(len(present), 1) + 10)
    queue = iter(waiting)

    def publish_one():
        take_step(audit=next(queue), step="publish", by=staff)

    after = measure(
        client,
        {"bare": ["/bench/bare/"], **present},
        max(args.requests // 4, 10),
        publish_one,
    )
    figures["bare"] = warm["bare"]
    for name in pages:
        if name in missing:
            figures[f"{name}_warm_ratio"] = "missing"
            figures[f"{name}_after_publication_ms"] = "missing"
            print(f"{name:12} missing: {pages[name][0]} does not resolve on this branch")
            continue
        figures[name] = warm[name]
        figures[f"{name}_after_publication"] = after[name]
        figures[f"{name}_warm_ratio"] = warm[name]["share_of_bare_rate"]
        figures[f"{name}_after_publication_ms"] = after[name]["p50_ms"]
        print(
            f"{name:12} warm p50 {warm[name]['p50_ms']:7.2f} ms, "
            f"{warm[name]['share_of_bare_rate']:.0%} of the bare view's rate; "
            f"first after a publication p50 {after[name]['p50_ms']:7.2f} ms"
        )
    print(f"{'bare':12} p50 {warm['bare']['p50_ms']:7.2f} ms, {warm['bare']['rate_per_s']}/s")
    figures["report_pdf_s"] = report_seconds(audits[0].pk)
    print(f"{'report_pdf':12} {figures['report_pdf_s']:.3f} s (median of 3)")
    measured = [name for name in pages if name not in missing]
    figures["target_met"] = all(
        figures[f"{name}_warm_ratio"] >= WARM_TARGET
        and figures[f"{name}_after_publication_ms"] < AFTER_PUBLICATION_TARGET_MS
        for name in measured
    )
    print(
        "\nTarget (each page at least half the bare view's rate warm, and under "
        f"{AFTER_PUBLICATION_TARGET_MS} ms first after a publication; measured: "
        f"{', '.join(measured) or 'none'}): {'met' if figures['target_met'] else 'not met'}"
    )
    connection.close()
    pipe.send({"benchmark": "audits", **figures})
    pipe.close()


@exit_loudly
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cities", type=int, default=200)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--requests", type=int, default=200, help="timed requests per page")
    parser.add_argument("--database-url", help="a PostgreSQL database to use (emptied)")
    args = parser.parse_args()
    require(["django", "weasyprint"], install=RUNTIME_INSTALL)
    print(json.dumps(run_in_fresh_process(measure_in_child, (args,))))


if __name__ == "__main__":
    main()
