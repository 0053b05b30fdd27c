"""Time the signed-in pages of the load benchmark one request at a time, beside the bare view.

    .venv/bin/python benchmarks/signed_in.py [--members N] [--repeat R] [--profile KIND]

On the load benchmark's seeded data (`benchmarks/load.py`: the demo and N members, copied into
a temporary folder) and in its production settings (DEBUG off, Redis as the cache when one
answers), through Django's test client in one process: people to meet (`network`), My WSCO
(`my_wsco`), the connections and a message thread (`messages`), and the membership review
queue (`review_queue`), signed in as the load benchmark's member and staff, each asked `R`
times after one warm-up request. Prints each page's median and minimum in milliseconds, its
median CPU time (steadier than the clock on a busy machine), its queries and the time in SQL,
beside the bare view's median; the last line is JSON.

`profile_visitor` and `profile_member` are first visits of a member's profile page (a visitor,
and the load benchmark's member): `R` different public profiles, each asked once, so that the
page cache never holds the page asked and each is built (`wsco.members.profile_page`), as the
load benchmark's visits to 300 profiles mostly are. Their queries are the median of the `R`.

`--profile KIND` prints the cProfile of that page kind's requests instead (the 45 costliest
functions by cumulative time), to see where a page's time goes.
"""

import argparse
import cProfile
import json
import os
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.runner import exit_loudly, run_child_command

ROOT = Path(__file__).resolve().parent.parent
# The functions a profile lists: the platform's, and Django's templates, SQL and CSRF.
PROFILED = "wsco/|shortcuts.py|compiler.py:.*as_sql|execute_sql|loader_tags|csrf|i18n.py"
PAGES = {
    "network": ("member", ["/network/"]),
    "my_wsco": ("member", ["/members/me/"]),
    "messages": ("member", ["/network/connections/", "thread"]),
    "review_queue": ("staff", ["/members/review/"]),
}
# First visits of profile pages: the role asking (None for a visitor).
FIRST_VISITS = {"profile_visitor": None, "profile_member": "member"}


def measure(repeat: int, profile_kind: str | None) -> dict:
    import django

    django.setup()
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from wsco.members.models import Profile
    from wsco.network.models import Connection

    clients = {}
    for role in ("member", "staff"):
        profile = Profile.objects.select_related("user").get(
            user__email=f"{role}@demo.wsco.example"
        )
        clients[role] = Client(headers={"X-Forwarded-Proto": "https"})
        clients[role].force_login(profile.user)
        if role == "member":
            thread = Connection.objects.of(profile).order_by("pk").values_list("pk", flat=True)
            thread_path = f"/network/connections/{thread.first()}/"

    cpu = []

    def ask(client, path: str) -> float:
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(path)
        elapsed = (time.perf_counter() - started) * 1000
        cpu.append((time.process_time() - started_cpu) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
        return elapsed

    bare = Client(headers={"X-Forwarded-Proto": "https"})
    ask(bare, "/bench/bare/")
    figures = {"bare": {"p50_ms": round(statistics.median(
        ask(bare, "/bench/bare/") for _ in range(repeat)), 2)}}  # fmt: skip
    for kind, (role, paths) in PAGES.items():
        client = clients[role]
        paths = [thread_path if path == "thread" else path for path in paths]
        for path in paths:
            ask(client, path)  # Templates loaded, connections open, caches filled.
        if profile_kind == kind:
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(repeat):
                for path in paths:
                    client.get(path)
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(PROFILED, 45)
            continue
        for path in paths:
            cpu.clear()
            times = [ask(client, path) for _ in range(repeat)]
            with CaptureQueriesContext(connection) as queries:
                connection.force_debug_cursor = True
                reset_queries()
                client.get(path)
            sql_ms = sum(float(query["time"]) for query in queries.captured_queries) * 1000
            name = (
                kind
                if len(paths) == 1
                else f"{kind} ({'thread' if path == thread_path else 'list'})"
            )
            figures[name] = {
                "p50_ms": round(statistics.median(times), 1),
                "min_ms": round(min(times), 1),
                "cpu_ms": round(statistics.median(cpu), 1),
                "queries": len(queries.captured_queries),
                "sql_ms": round(sql_ms, 1),
            }
    figures |= first_visits(clients, repeat, profile_kind)
    return figures


def first_visits(clients: dict, repeat: int, profile_kind: str | None) -> dict:
    """Time profile pages asked once each, built afresh: each kind its own public profiles."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from wsco.members.models import Profile

    public = Profile.objects.filter(visibility="public", is_member=True).exclude(
        user__email__endswith="@demo.wsco.example"
    )
    # Spread over the seeded members; one warm-up page per kind, then `repeat` measured.
    pks = list(public.order_by("pk").values_list("pk", flat=True)[: 400 * (repeat + 1) : 200])
    figures = {}
    for index, (kind, role) in enumerate(FIRST_VISITS.items()):
        client = clients[role] if role else Client(headers={"X-Forwarded-Proto": "https"})
        paths = [f"/members/{pk}/" for pk in pks[index :: len(FIRST_VISITS)]]
        client.get(paths[0])  # Templates loaded, connections open.
        paths = paths[1 : repeat + 1]
        if profile_kind == kind:
            profiler = cProfile.Profile()
            profiler.enable()
            for path in paths:
                client.get(path)
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(PROFILED, 45)
            continue
        times, cpu, queries, sql = [], [], [], []
        for path in paths:
            with CaptureQueriesContext(connection) as captured:
                started, started_cpu = time.perf_counter(), time.process_time()
                response = client.get(path)
                cpu.append((time.process_time() - started_cpu) * 1000)
                times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise RuntimeError(f"{path} answered {response.status_code}")
            queries.append(len(captured.captured_queries))
            sql.append(sum(float(query["time"]) for query in captured.captured_queries) * 1000)
        figures[kind] = {
            "p50_ms": round(statistics.median(times), 1),
            "min_ms": round(min(times), 1),
            "cpu_ms": round(statistics.median(cpu), 1),
            "queries": round(statistics.median(queries)),
            "sql_ms": round(statistics.median(sql), 1),
        }
    return figures


def run(args) -> dict:
    from benchmarks.load import data_folder, empty_redis, production_env, static_folder

    data, static = data_folder(args.members), static_folder()
    redis = empty_redis()
    with tempfile.TemporaryDirectory(prefix="wsco-signed-in-") as folder:
        shutil.copytree(data, folder, dirs_exist_ok=True)
        (Path(folder) / "static").rmdir() if (Path(folder) / "static").is_dir() else None
        (Path(folder) / "static").symlink_to(static)
        env = production_env(var_dir=Path(folder), redis=redis)
        env["ALLOWED_HOSTS"] = "testserver"
        command = [sys.executable, __file__, "--measure", "--repeat", str(args.repeat)]
        if args.profile:
            command += ["--profile", args.profile]
        output = run_child_command(command, env=env, cwd=ROOT)
    if args.profile:
        print(output)
        return {}
    figures = json.loads(output.strip().splitlines()[-1])
    cache = "redis" if redis else "database"
    print(f"One request at a time, median of {args.repeat}, {args.members:,} members, "
          f"load average {os.getloadavg()[0]:.2f}, cache {cache}")  # fmt: skip
    print(f"  {'':30} {'p50 ms':>8} {'min ms':>8} {'CPU ms':>8} {'queries':>8} {'SQL ms':>8}")
    for name, row in figures.items():
        print(f"  {name:30} {row['p50_ms']:8.1f} {row.get('min_ms', 0):8.1f} "
              f"{row.get('cpu_ms', 0):8.1f} "
              f"{row.get('queries', 0):8} {row.get('sql_ms', 0):8.1f}")  # fmt: skip
    figures = {"benchmark": "signed_in", **figures, "load_average": round(os.getloadavg()[0], 2)}
    print(json.dumps(figures))
    return figures


@exit_loudly
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument(
        "--profile", choices=[*PAGES, *FIRST_VISITS], help="print this page kind's cProfile"
    )
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        figures = measure(args.repeat, args.profile)
        if not args.profile:
            print(json.dumps(figures))
        return
    run(args)


if __name__ == "__main__":
    main()
