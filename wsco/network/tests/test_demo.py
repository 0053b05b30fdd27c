"""The network's demo: every state of an introduction, threads, a block, a report, suggestions."""

import io
import random
from dataclasses import dataclass, field

import pytest

from wsco.members.tests.factories import UserFactory
from wsco.network import demo
from wsco.network.models import Block, Connection, Introduction, Message, Report, Suggestion
from wsco.network.tests.factories import member

pytestmark = pytest.mark.django_db

THEMES = ["water", "energy", "transportation", "governance"]


@dataclass
class DemoContext:
    """What `seed_demo` hands each app's seeder (the fields of `wsco.core.demo.DemoContext`)."""

    seed: int
    password: str
    stdout: io.StringIO
    accounts: dict = field(default_factory=dict)
    shared: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.random = random.Random(self.seed)

    def add_account(self, role: str, email: str) -> None:
        self.accounts[role] = email

    def say(self, message: str) -> None:
        self.stdout.write(message)


def test_demo_puts_the_member_account_in_every_state():
    profiles = [
        member(interests=[THEMES[n % 4], THEMES[(n + 1) % 4]], offers="sensors", looks_for="data")
        for n in range(24)
    ]
    staff = UserFactory(is_staff=True)
    context = DemoContext(seed=1, password="x", stdout=io.StringIO())
    context.shared["profiles"] = profiles
    context.add_account("member", profiles[5].user.email)
    context.add_account("staff", staff.email)

    demo.seed(context)

    hub = profiles[5]
    mine = Introduction.objects.involving(hub)
    assert set(mine.values_list("status", flat=True)) == {
        "pending",
        "accepted",
        "declined",
        "withdrawn",
    }
    assert mine.filter(status="pending", recipient=hub).count() == 2
    assert mine.filter(introduced_by=staff).count() == 1
    assert Connection.objects.count() == 5
    assert Message.objects.count() == 5 * 3
    assert Block.objects.filter(blocker=hub).count() == 1
    assert Report.objects.count() == 1
    assert Suggestion.objects.filter(profile=hub).exists()


def test_demo_does_nothing_without_enough_members():
    context = DemoContext(seed=1, password="x", stdout=io.StringIO())
    context.shared["profiles"] = [member() for _ in range(3)]
    demo.seed(context)
    assert Introduction.objects.count() == 0
