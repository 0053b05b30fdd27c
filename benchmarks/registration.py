"""Time registrations to one event while 200 people register at once for 50 seats.

    DEBUG=true .venv/bin/python benchmarks/registration.py [--attempts 200] [--seats 50]
        [--at-once 40] [--postgres-url postgres://postgres@127.0.0.1:5432/postgres]

For each database, in a fresh process and a new database (a temporary SQLite file; on
PostgreSQL a database `wsco_bench_registration` made and dropped on the server of
`--postgres-url`, skipped when the server does not answer), it migrates, makes an event with
`--seats` seats and `--attempts` people, then releases `--attempts` threads together, at most
`--at-once` of them holding a connection at a time (PostgreSQL allows 100 here), and times:

- `baseline`: each thread adds one to a counter on one locked row in a transaction of its own,
  the least any registration costs (the same contention, no registration logic),
- `register`: each thread registers through `services.register`, which locks the event and
  ticket type, confirms while seats are left and puts the rest on the waitlist.

It checks that exactly `--seats` are confirmed and the rest wait. The last line is one JSON
object: per database `attempts`, `seats`, `confirmed`, `waitlisted`, `per_s` (registrations a
second) and `baseline_per_s`.
"""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.runner import RUNTIME_INSTALL, exit_loudly, require, run_in_fresh_process

BENCH_DATABASE = "wsco_bench_registration"


def setup(database_url: str) -> None:
    folder = Path(tempfile.mkdtemp(prefix="wsco-registration-bench-"))
    os.environ["DATABASE_URL"] = database_url
    os.environ["MEDIA_ROOT"] = str(folder / "media")
    os.environ["WSCO_VAR_DIR"] = str(folder)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wsco.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Waiting SQLite writers queue behind the one writing rather than fail as "locked".
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        settings.DATABASES["default"]["OPTIONS"]["timeout"] = 120
    call_command("migrate", verbosity=0)


def seed(attempts: int, seats: int):
    import datetime

    from wsco.accounts.models import User
    from wsco.events.models import Event, TicketType

    starts = datetime.datetime(2099, 3, 10, 7, tzinfo=datetime.UTC)

    def event(slug: str, capacity: int) -> Event:
        return Event.objects.create(
            title=slug,
            slug=slug,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=9),
            capacity=capacity,
            status="registration_open",
        )

    measured = event("urban-projects-bench", seats)
    ticket = TicketType.objects.create(event=measured, kind="non_member", capacity=attempts)
    counter = event("counter", attempts)
    users = User.objects.bulk_create(
        [User(email=f"person{index}@bench.example") for index in range(attempts)]
    )
    return measured, ticket, counter, users


def measure_in_child(database_url: str, args: argparse.Namespace, pipe) -> None:
    """Migrate, seed and time in this (fresh) process; send the figures through `pipe`."""
    setup(database_url)
    from django.db import connection, transaction
    from django.db.models import F

    from wsco.core.tests.race import run_at_once
    from wsco.events import services
    from wsco.events.models import Event, Registration

    vendor = connection.vendor
    event, ticket, counter, users = seed(args.attempts, args.seats)
    connection.close()

    def add_one() -> None:
        with transaction.atomic():
            Event.objects.select_for_update().get(pk=counter.pk)
            Event.objects.filter(pk=counter.pk).update(seats_taken=F("seats_taken") + 1)

    def timed(actions) -> tuple[float, list]:
        started = time.perf_counter()
        outcomes = run_at_once(actions, at_once=args.at_once)
        return time.perf_counter() - started, outcomes

    baseline_s, _outcomes = timed([add_one] * args.attempts)
    register_s, outcomes = timed(
        [
            lambda user=user: services.register(event=event, ticket_type=ticket, user=user)
            for user in users
        ]
    )
    errors = [repr(outcome) for outcome in outcomes if isinstance(outcome, Exception)]
    rows = Registration.objects.filter(event=event)
    figures = {
        "attempts": args.attempts,
        "seats": args.seats,
        "confirmed": rows.filter(status="confirmed").count(),
        "waitlisted": rows.filter(status="waitlisted").count(),
        "seats_taken": Event.objects.get(pk=event.pk).seats_taken,
        "errors": len(errors),
        "per_s": round(args.attempts / register_s, 1),
        "baseline_per_s": round(args.attempts / baseline_s, 1),
    }
    figures["no_overbooking"] = (
        figures["confirmed"] == args.seats == figures["seats_taken"]
        and figures["waitlisted"] == args.attempts - args.seats
    )
    print(
        f"{vendor:10} {figures['confirmed']} confirmed, {figures['waitlisted']} waitlisted of "
        f"{args.attempts} for {args.seats} seats; {figures['per_s']}/s "
        f"(baseline {figures['baseline_per_s']}/s); errors: {errors[:3]}"
    )
    connection.close()
    pipe.send(figures)
    pipe.close()


def postgres_database(server_url: str, *, create: bool) -> str | None:
    """Make (or drop) the benchmark's database; return its URL, None if the server is down."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    try:
        with psycopg.connect(server_url, autocommit=True, connect_timeout=3) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")
            if create:
                admin.execute(f"CREATE DATABASE {BENCH_DATABASE}")
    except psycopg.OperationalError:
        return None
    parts = urlsplit(server_url)
    return urlunsplit(parts._replace(path=f"/{BENCH_DATABASE}"))


@exit_loudly
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=200)
    parser.add_argument("--seats", type=int, default=50)
    parser.add_argument("--at-once", type=int, default=40, help="connections held at once")
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
        help="a PostgreSQL server's maintenance database (the benchmark's own is made there)",
    )
    args = parser.parse_args()
    require(["django"], install=RUNTIME_INSTALL)
    results = {}
    folder = Path(tempfile.mkdtemp(prefix="wsco-registration-bench-"))
    results["sqlite"] = run_in_fresh_process(
        measure_in_child, (f"sqlite:///{folder / 'db.sqlite3'}", args)
    )
    url = postgres_database(args.postgres_url, create=True)
    if url is None:
        print("postgresql skipped: no server answers at --postgres-url")
        results["postgresql"] = "skipped"
    else:
        try:
            results["postgresql"] = run_in_fresh_process(measure_in_child, (url, args))
        finally:
            postgres_database(args.postgres_url, create=False)
    print(json.dumps({"benchmark": "registration", **results}))


if __name__ == "__main__":
    main()
