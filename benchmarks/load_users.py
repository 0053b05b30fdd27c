"""The people `benchmarks/load.py` sends at the site, and the locust run that sends them.

Imported only in the driving process: locust patches the standard library (gevent) on import.

- `BareUser` asks for the bare view only.
- `Visitor` (signed out): the home page, the directory with filters, profiles, the magazine,
  the news and the feeds.
- `Member` (signed in): people to meet, My WSCO, and messages (connections and a thread).
- `Staff` (signed in): the membership review queue.

Every request is named by its page kind, so that locust's figures come per kind. A response
other than 200 (a redirect too: a signed-in page that sends to the sign-in form) is an error.
"""

import random
import time

import gevent
from locust import FastHttpUser, constant, constant_throughput, task
from locust.env import Environment

# Set by `drive` before any user starts: the URLs and sessions to use (from `load.plan`).
PLAN: dict = {}
# Behind the TLS proxy of production: the platform redirects plain HTTP to HTTPS otherwise.
HEADERS = {"X-Forwarded-Proto": "https"}


class SiteUser(FastHttpUser):
    abstract = True
    role = ""

    def on_start(self) -> None:
        self.headers = dict(HEADERS)
        self.session = random.choice(PLAN["sessions"].get(self.role) or [None])
        if self.session:
            self.headers["Cookie"] = f"sessionid={self.session['cookie']}"

    def visit(self, kind: str, path: str) -> None:
        with self.client.get(
            path, name=kind, headers=self.headers, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"{path} answered {response.status_code}")

    def pick(self, key: str) -> str:
        return random.choice(PLAN["paths"][key])


class BareUser(SiteUser):
    @task
    def bare(self):
        self.visit("bare", "/bench/bare/")


class Visitor(SiteUser):
    weight = 6

    @task(3)
    def home(self):
        self.visit("home", "/")

    @task(4)
    def directory(self):
        self.visit("directory", self.pick("directory"))

    @task(3)
    def profile(self):
        self.visit("profile", self.pick("profile"))

    @task(2)
    def magazine(self):
        self.visit("magazine", self.pick("magazine"))

    @task(2)
    def news(self):
        self.visit("news", self.pick("news"))

    @task(1)
    def feeds(self):
        self.visit("feeds", self.pick("feeds"))


class Member(SiteUser):
    weight = 3
    role = "member"

    @task(2)
    def network(self):
        self.visit("network", "/network/")

    @task(2)
    def my_wsco(self):
        self.visit("my_wsco", "/members/me/")

    @task(2)
    def messages(self):
        self.visit("messages", random.choice(self.session["messages"]))


class Staff(SiteUser):
    weight = 1
    role = "staff"

    @task
    def review_queue(self):
        self.visit("review_queue", "/members/review/")


def drive(*, host: str, plan: dict, mix: bool, users: int, per_user_rate: float | None,
          seconds: float, warmup: float) -> dict:  # fmt: skip
    """Run `users` users for `warmup` + `seconds`; return each page kind's figures over `seconds`.

    Each user asks `per_user_rate` pages a second (locust's constant throughput), or as fast
    as the server answers when it is None.
    """
    PLAN.clear()
    PLAN.update(plan)
    classes = [Visitor, Member, Staff] if mix else [BareUser]
    wait = constant_throughput(per_user_rate) if per_user_rate else constant(0)
    for user_class in classes:
        user_class.wait_time = wait
    environment = Environment(user_classes=classes, host=host)
    runner = environment.create_local_runner()
    runner.start(users, spawn_rate=max(users * 4, 1))
    gevent.sleep(warmup)
    environment.stats.reset_all()
    started = time.perf_counter()
    gevent.sleep(seconds)
    elapsed = max(time.perf_counter() - started, 0.001)
    figures = {}
    for (name, _method), entry in environment.stats.entries.items():
        figures[name] = {
            "requests": entry.num_requests,
            "errors": entry.num_failures,
            "p50_ms": entry.get_response_time_percentile(0.50) or 0,
            "p99_ms": entry.get_response_time_percentile(0.99) or 0,
            "rps": round(entry.num_requests / elapsed, 1),
        }
    total = environment.stats.total
    figures["all"] = {
        "requests": total.num_requests,
        "errors": total.num_failures,
        "p50_ms": total.get_response_time_percentile(0.50) or 0,
        "p99_ms": total.get_response_time_percentile(0.99) or 0,
        "rps": round(total.num_requests / elapsed, 1),
    }
    figures["failures"] = [
        f"{failure.name}: {failure.error} ({failure.occurrences})"
        for failure in list(environment.stats.errors.values())[:10]
    ]
    runner.quit()
    return figures
