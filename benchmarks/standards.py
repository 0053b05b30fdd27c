"""Time the standards library and the register of adoptions, beside a bare Django view.

The database, the settings and the bare view are those of `benchmarks/audits.py` (`setup`).

    DEBUG=true .venv/bin/python benchmarks/standards.py [--acts A] [--requests R]

In a temporary SQLite database (or the database of `--database-url`) it loads the demo's ten
standards and A acts (600 by default) over 40 countries, in bulk, then times in-process,
through Django's test client and the whole middleware stack, with DEBUG off, as a visitor:

- `bare`: a view that returns a tiny JsonResponse (what Django itself costs),
- `standards`: `/standards/`,
- `legislation`: `/legislation/` (the first page of acts and every country's counts),
- `standard_page`: `/standards/iso-37120/` (its 128 indicators from the catalogue),
- each of them `*_after_change`: every request the first after an act changes status (through
  the service, outside the timing), so built rather than served from the page cache.

With Redis reachable (`REDIS_URL`, else redis://127.0.0.1:6379/15) the page cache is on, as in
production. Each page's warm rate is given as a share of the bare view's rate (the target: at
least 50 %). The last line is one JSON object.
"""

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.audits import measure, setup
from benchmarks.runner import RUNTIME_INSTALL, exit_loudly, require, run_in_fresh_process

WARM_TARGET = 0.5
COUNTRIES = [
    "RO", "MD", "BG", "PT", "ES", "IT", "FR", "DE", "AT", "HU", "PL", "CZ", "SK", "SI", "HR",
    "RS", "GR", "CY", "MT", "IE", "GB", "NL", "BE", "LU", "DK", "SE", "FI", "EE", "LV", "LT",
    "NO", "IS", "CH", "UA", "GE", "AM", "TR", "BR", "CA", "AU",
]  # fmt: skip


def seed(acts: int) -> list:
    """Load the demo's standards, then `acts` proposed acts over the countries, in bulk."""
    from datetime import date

    from django.db import transaction

    from wsco.accounts.models import User
    from wsco.standards import demo
    from wsco.standards.models import Adoption, AppliesTo, Standard

    staff = User.objects.create_user(email="staff@bench.example", password="x", is_staff=True)
    with transaction.atomic():
        demo._library(staff)
        standards = list(Standard.objects.prefetch_related("editions"))
        rules = [AppliesTo.ALL_MUNICIPALITIES, AppliesTo.MUNICIPALITIES_ABOVE]
        return Adoption.objects.bulk_create(
            Adoption(
                country=COUNTRIES[number % len(COUNTRIES)],
                title=f"Act {number} on city standards",
                act_number=f"{number}/{2010 + number % 15}",
                act_date=date(2010 + number % 15, 1 + number % 12, 1 + number % 28),
                standard=standards[number % len(standards)],
                applies_to=rules[number % 2],
                min_population=50_000 if number % 2 else None,
                proposed_on=date(2009 + number % 15, 1, 1),
            )
            for number in range(acts)
        )


def measure_in_child(args: argparse.Namespace, pipe) -> None:
    """Seed and time in this (fresh) process; send the figures through `pipe`."""
    setup(args.database_url)
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from wsco.standards.services import change_adoption_status

    acts = seed(args.acts)
    pages = {
        "standards": ["/standards/"],
        "legislation": ["/legislation/"],
        "standard_page": ["/standards/iso-37120/"],
    }
    client = Client()
    figures = {
        "vendor": connection.vendor,
        "acts": len(acts),
        "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
        "page_cache_seconds": settings.PAGE_CACHE_SECONDS,
        "load_average_1m": round(os.getloadavg()[0], 2),
    }
    warm = measure(client, {"bare": ["/bench/bare/"], **pages}, args.requests)
    queue = iter(acts)

    def change_one():
        change_adoption_status(adoption=next(queue), step="adopt", by=None)

    after = measure(
        client, {"bare": ["/bench/bare/"], **pages}, max(args.requests // 4, 10), change_one
    )
    figures["bare"] = warm["bare"]
    for name in pages:
        figures[name] = warm[name]
        figures[f"{name}_after_change"] = after[name]
        figures[f"{name}_warm_ratio"] = warm[name]["share_of_bare_rate"]
        print(
            f"{name:14} warm p50 {warm[name]['p50_ms']:7.2f} ms, "
            f"{warm[name]['share_of_bare_rate']:.0%} of the bare view's rate; "
            f"first after a change p50 {after[name]['p50_ms']:7.2f} ms"
        )
    print(f"{'bare':14} p50 {warm['bare']['p50_ms']:7.2f} ms, {warm['bare']['rate_per_s']}/s")
    figures["target_met"] = all(figures[f"{name}_warm_ratio"] >= WARM_TARGET for name in pages)
    print(
        "\nTarget (each page at least half the bare view's rate warm): "
        f"{'met' if figures['target_met'] else 'not met'}"
    )
    connection.close()
    pipe.send({"benchmark": "standards", **figures})
    pipe.close()


@exit_loudly
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--acts", type=int, default=600)
    parser.add_argument("--requests", type=int, default=200, help="timed requests per page")
    parser.add_argument("--database-url", help="a PostgreSQL database to use (emptied)")
    args = parser.parse_args()
    require(["django"], install=RUNTIME_INSTALL)
    print(json.dumps(run_in_fresh_process(measure_in_child, (args,))))


if __name__ == "__main__":
    main()
