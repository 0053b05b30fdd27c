"""Load the whole site through gunicorn with a mix of visitors, members and staff (locust).

    .venv/bin/python benchmarks/load.py [--members N] [--seconds S] [--step-seconds S]

On loopback only, against gunicorn started as `make run` starts it (`bin/serve`: the config
`wsco.gunicorn_conf`, `WEB_CONCURRENCY` or 3 workers, the task worker beside it), in production
mode (DEBUG off, collected static files, Redis as the cache when one answers on 127.0.0.1:6379),
on a SQLite database holding the demo (`seed_demo`) and N members (default 100,000, seeded by
`benchmarks.directory.seed`):

1. **The rate.** Users that each ask the bare view (`/bench/bare/`, a tiny JsonResponse through
   the same server and middleware) a fixed number of times a second, more of them each step,
   until the bare view's p99 passes 20 ms: the last rate under it is the rate of the run.
2. **At that rate**, the bare view and then the mix (`benchmarks/load_users.py`: visitors on the
   home page, the directory with filters, profiles, the magazine, the news and the feeds;
   members on people to meet, My WSCO and their messages; staff on the review queue), each for
   `--seconds`: p50, p99, rate and errors per page kind.
3. **Throughput**, the same number of users asking as fast as they are answered: the bare
   view's rate and the mix's.

Targets (2 cores, client and server together): no errors; every page kind's p99 under 100 ms at
the rate of step 2; the mix's throughput at least a third of the bare view's. The last line is
JSON.

Seeding takes minutes, and collecting the static files one: both are kept under
`var/benchmarks/`, named by a digest of what made them (migrations, demo and seeding code;
static sources), and copied into a temporary folder for each run, so that a run starts from the
same data. Locust runs in its own process (it patches the standard library on import).
"""

import argparse
import hashlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.runner import (
    DEV_INSTALL,
    ChildDiedError,
    describe_exit,
    exit_loudly,
    require,
    run_child_command,
)

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CACHE_DIR = ROOT / "var" / "benchmarks"
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/14"
BARE_P99_LIMIT_MS = 20
PAGE_P99_LIMIT_MS = 100
# Each user asks this many pages a second: the rate is stepped by the number of users.
PER_USER_RATE = 2.0
RATES = [20, 30, 45, 60, 80, 100, 130, 160, 200, 250, 300, 400, 500, 650, 800, 1000]
# Named in the seeded data's digest: change it when `seed` changes what it makes.
SEEDING = "demo, members, tasks run"
# Members signed in at once, each a different person (`plan`).
MEMBER_ACCOUNTS = 20
KINDS = ["home", "directory", "profile", "magazine", "news", "feeds", "network", "my_wsco",
         "messages", "review_queue"]  # fmt: skip


# --- What the run starts from: the seeded data and the collected static files ---------------


def _digest(paths: list[Path], *, salt: str = "") -> str:
    digest = hashlib.sha256(salt.encode())
    for path in sorted(paths):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def data_folder(members: int) -> Path:
    """Return the folder of the seeded data, seeding it first if no run made it yet."""
    made_by = [
        *ROOT.glob("wsco/*/migrations/*.py"),
        *ROOT.glob("wsco/*/demo.py"),
        ROOT / "wsco/core/demo.py",
        ROOT / "benchmarks/directory.py",
    ]
    folder = CACHE_DIR / f"load-data-{members}-{_digest(made_by, salt=SEEDING)}"
    if not folder.exists():
        print(f"Seeding the demo and {members:,} members into {folder} (once) ...", flush=True)
        building = folder.with_suffix(".building")
        shutil.rmtree(building, ignore_errors=True)
        env = os.environ | {"DEBUG": "true", "WSCO_VAR_DIR": str(building)}
        env.pop("DATABASE_URL", None)
        env.pop("REDIS_URL", None)
        run_child_command([sys.executable, __file__, "--seed", str(members)], env=env, cwd=ROOT)
        building.rename(folder)
    return folder


def static_folder() -> Path:
    """Return the folder of the collected (hashed, compressed) static files, collecting once."""
    sources = [path for path in ROOT.glob("wsco/**/static/**/*") if path.is_file()]
    folder = CACHE_DIR / f"load-static-{_digest(sources)}"
    if not folder.exists():
        print(f"Collecting the static files into {folder} (once) ...", flush=True)
        building = folder.with_suffix(".building")
        shutil.rmtree(building, ignore_errors=True)
        with tempfile.TemporaryDirectory(prefix="wsco-load-static-") as var_dir:
            env = production_env(var_dir=Path(var_dir))
            run_child_command(
                [sys.executable, __file__, "--collect-static", str(building)], env=env, cwd=ROOT
            )
        building.rename(folder)
    return folder


def seed(members: int) -> None:
    """Migrate, seed the demo, then add `members` members (in this process's WSCO_VAR_DIR)."""
    import django

    os.environ["DJANGO_SETTINGS_MODULE"] = "wsco.settings"
    django.setup()
    from django.core.management import call_command

    from benchmarks.directory import seed as seed_members

    call_command("migrate", verbosity=0)
    call_command("seed_demo")
    seed_members(members)
    # The demo queues reports and recomputations: done now, not by the worker under load.
    call_command("db_worker", "--queue-name", "*", "--batch", "--no-reload", "--no-startup-delay")


def collect_static(folder: str) -> None:
    import django

    os.environ["DJANGO_SETTINGS_MODULE"] = "wsco.settings"
    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.STATIC_ROOT = folder
    call_command("collectstatic", interactive=False, verbosity=0)


# --- The server -------------------------------------------------------------------------------


def empty_redis() -> bool:
    """Empty the run's Redis database (REDIS_URL, else 14); say False when no Redis answers."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).flushdb()
    except redis.RedisError:
        return False
    return True


def production_env(*, var_dir: Path, redis: bool = False) -> dict:
    """Return the environment of a production server on loopback, its data in `var_dir`."""
    env = os.environ | {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1",
        "WSCO_VAR_DIR": str(var_dir),
        "DJANGO_SETTINGS_MODULE": "benchmarks.load_site",
        "PYTHONPATH": str(ROOT),
        "LOG_LEVEL": "WARNING",  # One line a request would be most of the output.
    }
    for name in ("DATABASE_URL", "REDIS_URL", "MEDIA_ROOT", "NETWORK_INDEX_PATH"):
        env.pop(name, None)
    if redis:
        env["REDIS_URL"] = REDIS_URL
    return env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, server: subprocess.Popen, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.stderr.write(log.read_text())
            raise ChildDiedError(
                f"gunicorn {describe_exit(server.returncode)}; its output is above ({log.name})."
            )
        try:
            probe = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
            with urllib.request.urlopen(probe, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    sys.stderr.write(log.read_text())
    raise ChildDiedError(f"gunicorn did not answer {url} within {timeout:.0f} s; see above.")


@contextmanager
def serving(env: dict, workers: int, folder: Path):
    """Run gunicorn and the task worker as `bin/serve` does; yield the site's address."""
    port = free_port()
    log = folder / "server.log"
    with open(log, "w") as output:
        worker = subprocess.Popen(
            [BIN / "wsco", "db_worker", "--queue-name", "default", "--no-reload"],
            env=env | {"DJANGO_SETTINGS_MODULE": "wsco.settings"},
            cwd=ROOT, stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
        server = subprocess.Popen(
            [BIN / "gunicorn", "--config", "python:wsco.gunicorn_conf", "wsco.wsgi:application",
             "--bind", f"127.0.0.1:{port}", "--workers", str(workers)],
            env=env, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            wait_until_up(f"http://127.0.0.1:{port}/bench/bare/", server, log)
            yield f"http://127.0.0.1:{port}"
        finally:
            for process in (server, worker):
                process.terminate()
            for process in (server, worker):
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()


# --- What the users ask for -------------------------------------------------------------------


def plan(accounts: int) -> dict:
    """Return the paths each page kind picks from, and signed-in sessions for members and staff.

    Members sign in as `accounts` different people (the demo member and people the network
    has suggestions for), so that what is kept per person is asked for as often as on a site
    where each member comes now and then; each session lists its own connections' threads.
    Staff sign in as the demo's staff account, `accounts` sessions.
    """
    import django

    django.setup()
    from urllib.parse import urlencode

    from django.test import Client

    from benchmarks.directory import QUERIES
    from wsco.members.models import Profile
    from wsco.network.models import Connection
    from wsco.network.queries import is_recommendable
    from wsco.publications.models import Article, Author, Issue, Post

    member = Profile.objects.select_related("user").get(user__email="member@demo.wsco.example")
    staff = Profile.objects.select_related("user").get(user__email="staff@demo.wsco.example")
    public = Profile.objects.filter(visibility="public", is_member=True).order_by("?")
    suggested_to = (
        Profile.objects.filter(is_member=True, suggestions__isnull=False, user__is_active=True)
        .exclude(pk=member.pk)
        .select_related("user")
        .distinct()
        .order_by("pk")
    )
    members = [member, *(p for p in suggested_to[: accounts * 3] if is_recommendable(p))]

    def signed_in(profile) -> str:
        client = Client()
        client.force_login(profile.user)
        return client.cookies["sessionid"].value

    sessions = {
        "member": [
            {
                "cookie": signed_in(profile),
                "messages": [
                    "/network/connections/",
                    *(
                        f"/network/connections/{pk}/"
                        for pk in Connection.objects.of(profile)
                        .order_by("pk")
                        .values_list("pk", flat=True)
                    ),
                ],
            }
            for profile in members[:accounts]
        ],
        "staff": [{"cookie": signed_in(staff), "messages": []} for _ in range(accounts)],
    }
    authors = list(Author.objects.order_by("pk")[:5])
    return {
        "sessions": sessions,
        "paths": {
            "directory": [f"/members/?{urlencode(query)}" for query in QUERIES],
            "profile": [f"/members/{pk}/" for pk in public.values_list("pk", flat=True)[:300]],
            "magazine": [
                "/magazine/",
                *(issue.get_absolute_url() for issue in Issue.objects.published()[:3]),
                *(article.get_absolute_url() for article in Article.objects.published()[:10]),
            ],
            "news": [
                "/news/",
                *(post.get_absolute_url() for post in Post.objects.published()[:10]),
            ],
            "feeds": [
                "/news/feed/",
                *(f"/news/feed/authors/{author.slug}/" for author in authors),
            ],
        },
    }


def drive(host: str, the_plan: dict, **options) -> dict:
    """Run locust in its own process (see `load_users.drive`) and return its figures."""
    request = json.dumps({"host": host, "plan": the_plan, **options})
    output = run_child_command([sys.executable, __file__, "--drive"], input=request, cwd=ROOT)
    return json.loads(output.strip().splitlines()[-1])


# --- The run ----------------------------------------------------------------------------------


def find_rate(host: str, the_plan: dict, *, seconds: float, rates: list[int]) -> tuple[int, list]:
    """Step the bare view's rate until its p99 passes the limit; return the last rate under it.

    When even the first rate passes it (a machine busy with other work), the run goes on at
    the first rate, and its steps say so.
    """
    chosen, steps = rates[0], []
    for rate in rates:
        figures = drive(host, the_plan, mix=False, users=users_for(rate),
                        per_user_rate=PER_USER_RATE, seconds=seconds, warmup=1.5)  # fmt: skip
        bare = figures["bare"]
        steps.append({"rate": rate, "rps": bare["rps"], "p99_ms": bare["p99_ms"]})
        print(f"  bare at {rate:4} req/s offered: {bare['rps']:7.1f} req/s, "
              f"p99 {bare['p99_ms']:6.1f} ms", flush=True)  # fmt: skip
        kept_up = bare["rps"] >= 0.9 * rate
        if bare["p99_ms"] >= BARE_P99_LIMIT_MS or not kept_up or bare["errors"]:
            break
        chosen = rate
    return chosen, steps


def users_for(rate: float) -> int:
    return max(round(rate / PER_USER_RATE), 1)


def measure(host: str, the_plan: dict, *, members: int, seconds: float, step_seconds: float,
            rates: list[int], warmup_seconds: float = 8) -> dict:  # fmt: skip
    # Every worker's templates, connections and copies of cached pages, as on a live site.
    print("Warming up: every page kind, then the bare view ...", flush=True)
    drive(host, the_plan, mix=True, users=20, per_user_rate=1, seconds=0, warmup=warmup_seconds)
    drive(host, the_plan, mix=False, users=20, per_user_rate=5, seconds=0, warmup=2)
    print("Finding the rate at which the bare view's p99 stays under "
          f"{BARE_P99_LIMIT_MS} ms ...", flush=True)  # fmt: skip
    rate, steps = find_rate(host, the_plan, seconds=step_seconds, rates=rates)
    users = users_for(rate)
    paced = {"users": users, "per_user_rate": PER_USER_RATE, "seconds": seconds, "warmup": 3}
    print(f"At {rate} req/s ({users} users), {seconds:.0f} s each ...", flush=True)
    bare = drive(host, the_plan, mix=False, **paced)
    mix = drive(host, the_plan, mix=True, **paced)
    print(f"Throughput, {users} users asking as fast as answered ...", flush=True)
    flat_out = {"users": users, "per_user_rate": None, "seconds": seconds / 2, "warmup": 2}
    bare_flat_out = drive(host, the_plan, mix=False, **flat_out)
    mix_flat_out = drive(host, the_plan, mix=True, **flat_out)
    figures = {
        kind: {key: mix[kind][key] for key in ("p50_ms", "p99_ms", "rps", "errors")}
        for kind in KINDS
        if kind in mix
    }
    errors = sum(run["all"]["errors"] for run in (bare, mix, bare_flat_out, mix_flat_out))
    return {
        "benchmark": "load",
        **figures,
        "mix_rps": mix_flat_out["all"]["rps"],
        "bare_rps": bare_flat_out["all"]["rps"],
        "mix_vs_bare": round(mix_flat_out["all"]["rps"] / bare_flat_out["all"]["rps"], 3),
        "bare_p99_ms": bare["bare"]["p99_ms"],
        "bare_p50_ms": bare["bare"]["p50_ms"],
        "rate": rate,
        "bare_p99_under_limit_at_rate": (
            rate != rates[0] or steps[0]["p99_ms"] < BARE_P99_LIMIT_MS
        ),
        "mix_paced_rps": mix["all"]["rps"],
        "mix_p99_ms": mix["all"]["p99_ms"],
        "errors": errors,
        "failures": [*bare["failures"], *mix["failures"], *mix_flat_out["failures"]][:10],
        "users": users,
        "seconds": seconds,
        "members": members,
        "steps": steps,
    }


def report(figures: dict) -> dict:
    """Print the figures as a table; return the targets and whether each is met."""
    print(f"\nAt {figures['rate']} req/s offered ({figures['users']} users), "
          f"{figures['seconds']:.0f} s each, {figures['members']:,} members, "
          f"load average {figures['load_average']} on {os.cpu_count()} CPUs, "
          f"cache {figures['cache']}")  # fmt: skip
    if not figures["bare_p99_under_limit_at_rate"]:
        print(f"  (the bare view's p99 passed {BARE_P99_LIMIT_MS} ms even at the lowest rate: "
              "the machine is busy with other work)")  # fmt: skip
    print(f"  {'':14} {'p50 ms':>8} {'p99 ms':>8} {'req/s':>8} {'errors':>7}")
    print(f"  {'bare':14} {figures['bare_p50_ms']:8.1f} {figures['bare_p99_ms']:8.1f}")
    for kind in KINDS:
        if kind in figures:
            row = figures[kind]
            print(f"  {kind:14} {row['p50_ms']:8.1f} {row['p99_ms']:8.1f} {row['rps']:8.1f} "
                  f"{row['errors']:7}")  # fmt: skip
    print(f"Throughput: mix {figures['mix_rps']} req/s, bare {figures['bare_rps']} req/s "
          f"({figures['mix_vs_bare']:.0%})")  # fmt: skip
    for failure in figures["failures"]:
        print(f"  error: {failure}")
    slow = [kind for kind in KINDS if figures.get(kind, {}).get("p99_ms", 0) >= PAGE_P99_LIMIT_MS]
    targets = {
        "no_errors": figures["errors"] == 0,
        "p99_under_100_ms": not slow,
        "mix_at_least_a_third_of_bare": figures["mix_vs_bare"] >= 1 / 3,
    }
    print(
        f"Targets: {', '.join(f'{name} {met}' for name, met in targets.items())}"
        + (f" (p99 over {PAGE_P99_LIMIT_MS} ms: {', '.join(slow)})" if slow else "")
    )
    return targets


@exit_loudly
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=20, help="each measured run at the rate")
    parser.add_argument("--step-seconds", type=float, default=5, help="each step of the rate")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 3)))
    parser.add_argument("--rates", default=",".join(map(str, RATES)),
                        help="the bare view's rates to step through (req/s)")  # fmt: skip
    parser.add_argument("--seed", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--collect-static", help=argparse.SUPPRESS)
    parser.add_argument("--plan", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--drive", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed is not None:
        return seed(args.seed)
    if args.collect_static:
        return collect_static(args.collect_static)
    if args.plan is not None:
        return print(json.dumps(plan(args.plan)))
    if args.drive:
        from benchmarks.load_users import drive as run_locust

        return print(json.dumps(run_locust(**json.load(sys.stdin))))
    require(["django", "gunicorn", "locust"], install=DEV_INSTALL)
    run(args)


def run(args) -> dict:
    data, static = data_folder(args.members), static_folder()
    redis = empty_redis()
    with tempfile.TemporaryDirectory(prefix="wsco-load-") as folder:
        var_dir = Path(folder)
        shutil.copytree(data, var_dir, dirs_exist_ok=True)
        (var_dir / "static").rmdir() if (var_dir / "static").is_dir() else None
        (var_dir / "static").symlink_to(static)
        env = production_env(var_dir=var_dir, redis=redis)
        command = [sys.executable, __file__, "--plan", str(MEMBER_ACCOUNTS)]
        output = run_child_command(command, env=env, cwd=ROOT)
        the_plan = json.loads(output.strip().splitlines()[-1])
        with serving(env, args.workers, var_dir) as host:
            figures = measure(host, the_plan, members=args.members, seconds=args.seconds,
                              step_seconds=args.step_seconds,
                              rates=[int(rate) for rate in args.rates.split(",")])  # fmt: skip
    figures["load_average"] = round(os.getloadavg()[0], 2)
    figures["cache"] = "redis" if redis else "database"
    figures["targets"] = report(figures)
    print(json.dumps(figures))
    return figures


if __name__ == "__main__":
    main()
