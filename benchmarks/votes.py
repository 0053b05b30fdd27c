"""Measure the public vote under load: 10,000 concurrent votes, counted exactly, on each database.

    DEBUG=true .venv/bin/python benchmarks/votes.py [--votes N] [--threads T]

For each database (a temporary SQLite file; a temporary PostgreSQL database on 127.0.0.1:5432
when one answers), in its own process, it migrates, seeds an edition whose vote is open, a
category with five eligible nominations and the voters (verified accounts, in bulk), then sends
N votes (10,000 by default) from a pool of T threads (16), each thread with its own database
connection as a web worker has:

- `baseline`: the same N requests, each a plain one-row INSERT into the votes table (no checks,
  no upsert), into categories of their own: what writing a row costs on this database and
  machine, measured in the same run;
- `votes`: the N requests through `cast_vote` (the clock, the nomination's state, the verified
  account, then the upsert on the (category, voter) constraint). One voter in five votes twice,
  for two different nominations, the two requests sent side by side from different threads:
  so the N votes come from N / 1.25 voters.

Then it counts: `counted` (the votes the category holds, which must equal `voters`),
`double_votes` (voters holding more than one row, which must be 0) and `changed_lost` (voters
whose row holds neither of their choices, 0). It prints each database's figures, and ends with
one line of JSON: per database `voters`, `counted`, `double_votes`, `per_s` (votes a second
through the service), with `votes`, `baseline_per_s`, `share_of_baseline`, `exact`.
"""

import argparse
import json
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.directory import postgres_reachable, throwaway_environment
from benchmarks.runner import RUNTIME_INSTALL, exit_loudly, require, run_child_command

ROOT = Path(__file__).resolve().parent.parent
NOMINEES = 5
# One voter in this many votes twice.
REPEAT_EVERY = 5


def seed(voter_count: int):
    """Create an edition with its vote open, a category, its nominations and the voters."""
    import datetime

    from allauth.account.models import EmailAddress
    from django.utils import timezone

    from wsco.accounts.models import User
    from wsco.awards.models import Category, Edition, Nomination
    from wsco.members.models import Organization
    from wsco.projects.models import Project

    now = timezone.now()
    day = datetime.timedelta(days=1)
    edition = Edition.objects.create(
        year=2030,
        title="Benchmark awards",
        nominations_open_at=now - 5 * day,
        nominations_close_at=now - 3 * day,
        screening_ends_at=now - day,
        jury_ends_at=now + day,
        vote_opens_at=now - day,
        vote_closes_at=now + day,
        announce_at=now + 2 * day,
    )
    categories = [
        Category.objects.create(
            edition=edition,
            slug=slug,
            name=slug,
            description="Benchmark.",
            nominee_kind="project",
        )
        for slug in ("peoples-choice", "baseline-first", "baseline-second")
    ]
    owner = Organization.objects.create(name="Owner", slug="owner", type="ministry", country="RO")
    users = User.objects.bulk_create(
        [User(email=f"voter{n}@example.org", password="!") for n in range(voter_count)],
        batch_size=2000,
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users],
        batch_size=2000,
    )
    nominations = []
    for number in range(NOMINEES):
        project = Project.objects.create(
            slug=f"project-{number}", title=f"Project {number}", summary="-", organization=owner
        )
        nominations.append(
            Nomination.objects.create(
                category=categories[0],
                nominator=users[0],
                project=project,
                statement="-",
                status="eligible",
            )
        )
    return categories, nominations, users


def requests_for(users, nominations) -> list[tuple]:
    """The votes to send: (voter, nomination, round); repeats sit beside the first votes."""
    requests = []
    for index, user in enumerate(users):
        first = nominations[index % NOMINEES]
        requests.append((user, first, 0))
        if index % REPEAT_EVERY == 0:
            requests.append((user, nominations[(index + 1) % NOMINEES], 1))
    return requests


def timed(threads: int, requests: list, send) -> float:
    """Send every request through `send` from a pool of threads; return the seconds taken."""

    def run(request):
        send(*request)

    # Each thread opens its own connection on its first request and keeps it (CONN_MAX_AGE),
    # as a web worker does; they close when the process ends.
    with ThreadPoolExecutor(max_workers=threads) as pool:
        started = time.perf_counter()
        list(pool.map(run, requests))
        return time.perf_counter() - started


def run_one(votes: int, threads: int) -> dict:
    """Seed, measure the baseline and the votes, and count (in the child process)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wsco.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count

    call_command("migrate", verbosity=0)
    from wsco.awards.models import Vote
    from wsco.awards.services.votes import cast_vote

    voter_count = votes * REPEAT_EVERY // (REPEAT_EVERY + 1)
    categories, nominations, users = seed(voter_count)
    requests = requests_for(users, nominations)[:votes]
    voters = len({user.pk for user, _nomination, _round in requests})

    def plain_insert(user, nomination, round_number):
        Vote.objects.create(
            category=categories[1 + round_number], voter=user, nomination=nomination
        )

    baseline_s = timed(threads, requests, plain_insert)

    def vote(user, nomination, _round):
        cast_vote(nomination=nomination, voter=user)

    votes_s = timed(threads, requests, vote)
    chosen: dict[int, set[int]] = {}
    for user, nomination, _round in requests:
        chosen.setdefault(user.pk, set()).add(nomination.pk)
    held = Vote.objects.filter(category=categories[0])
    counted = held.count()
    double_votes = held.values("voter").annotate(rows=Count("pk")).filter(rows__gt=1).count()
    changed_lost = sum(
        1
        for voter_id, nomination_id in held.values_list("voter_id", "nomination_id")
        if nomination_id not in chosen[voter_id]
    )
    per_s = round(len(requests) / votes_s, 1)
    baseline_per_s = round(len(requests) / baseline_s, 1)
    return {
        "vendor": connection.vendor,
        "voters": voters,
        "votes": len(requests),
        "counted": counted,
        "double_votes": double_votes,
        "changed_lost": changed_lost,
        "per_s": per_s,
        "baseline_per_s": baseline_per_s,
        "share_of_baseline": round(per_s / baseline_per_s, 3),
        "threads": threads,
        "exact": counted == voters and double_votes == 0 and changed_lost == 0,
    }


def child(database: str, votes: int, threads: int) -> dict:
    """Run one database's measurement in a fresh process, in a throwaway database."""
    with throwaway_environment(database, "wsco_bench_votes") as env:
        env.pop("REDIS_URL", None)
        output = run_child_command(
            [sys.executable, __file__, "--child", database, "--votes", str(votes),
             "--threads", str(threads)],
            env=env, cwd=ROOT,
        )  # fmt: skip
    return json.loads(output.strip().splitlines()[-1])


def report(figures: dict) -> None:
    print(
        f"\n{figures['vendor']}: {figures['votes']} votes from {figures['voters']} voters on "
        f"{figures['threads']} threads (load average {os.getloadavg()[0]:.2f} on "
        f"{os.cpu_count()} CPUs)"
    )
    print(
        f"  counted {figures['counted']}, double votes {figures['double_votes']}, "
        f"changed votes lost {figures['changed_lost']}: "
        f"{'exact' if figures['exact'] else 'NOT EXACT'}"
    )
    print(
        f"  votes {figures['per_s']:.1f}/s, plain inserts (baseline) "
        f"{figures['baseline_per_s']:.1f}/s: {figures['share_of_baseline']:.0%} of the baseline"
    )


@exit_loudly
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--votes", type=int, default=10_000)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--child", choices=["sqlite", "postgresql"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    require(["django", "psycopg"], install=RUNTIME_INSTALL)
    if args.child:
        print(json.dumps(run_one(args.votes, args.threads)))
        return
    results = {}
    databases = ["sqlite"] + (["postgresql"] if postgres_reachable() else [])
    for database in databases:
        results[database] = child(database, args.votes, args.threads)
        report(results[database])
    if "postgresql" not in results:
        print("\nPostgreSQL on 127.0.0.1:5432 did not answer: measured SQLite only.")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
