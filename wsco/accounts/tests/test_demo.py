import io
from dataclasses import dataclass, field

import pytest
from django.contrib.auth import authenticate

from wsco.accounts.demo import DEMO_ACCOUNTS, seed
from wsco.accounts.models import Role, User

pytestmark = pytest.mark.django_db


@dataclass
class Context:
    """What seed_demo hands each app's seeder: the shared password and the account list."""

    password: str
    stdout: io.StringIO = field(default_factory=io.StringIO)
    accounts: dict[str, str] = field(default_factory=dict)

    def add_account(self, role: str, email: str) -> None:
        self.accounts[role] = email

    def say(self, message: str) -> None:
        self.stdout.write(message)


def test_demo_makes_one_ready_account_per_role():
    context = Context(password="demo password 2026")

    seed(context)

    assert User.objects.count() == len(DEMO_ACCOUNTS) == 6
    assert authenticate(email="juror@wsco.example", password="demo password 2026")
    assert User.objects.get(email="juror@wsco.example").has_role(Role.JUROR)
    assert User.objects.get(email="secretariat@wsco.example").has_role(Role.STAFF)
    assert not User.objects.get(email="secretariat@wsco.example").is_superuser
    assert context.accounts["city official"] == "city.official@wsco.example"
