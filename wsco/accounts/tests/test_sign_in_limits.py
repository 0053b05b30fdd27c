"""Failed sign-ins: counted across processes, and never a lock-out the owner cannot lift.

The limit is allauth's `login_failed`, "5/5m/key" in `ACCOUNT_RATE_LIMITS`: five failed
attempts for one email address in five minutes, then every attempt is refused, the right
password too, until the count ends or the owner resets the password.
"""

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from wsco.accounts.adapter import AccountAdapter
from wsco.members.tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[3]
PASSWORD = "correct horse battery staple"  # UserFactory's
NEW_PASSWORD = "a new and unusual passphrase 42"
LOCKED_OUT = str(AccountAdapter.error_messages["too_many_login_attempts"])


def sign_in(client: Client, email: str, password: str):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def _database_url(tmp_path: Path) -> str:
    """Return a URL to a database other processes can open, holding what this test wrote."""
    if connection.vendor == "sqlite":
        # The test database lives in this process's memory: copy it to a file.
        path = tmp_path / "shared.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(path) as target:
            connection.connection.backup(target)
        return f"sqlite:///{path}"
    database = connection.settings_dict
    credentials = database["USER"] + (f":{database['PASSWORD']}" if database["PASSWORD"] else "")
    return (
        f"postgres://{credentials}@{database['HOST'] or 'localhost'}:{database['PORT'] or 5432}"
        f"/{database['NAME']}"
    )


class Worker:
    """A process with its own memory that serves sign-in attempts, as a gunicorn worker does."""

    def __init__(self, database_url: str, var_dir: Path):
        environment = {
            key: value for key, value in os.environ.items() if key not in {"REDIS_URL"}
        } | {"DEBUG": "true", "DATABASE_URL": database_url, "WSCO_VAR_DIR": str(var_dir)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "wsco.accounts.tests.sign_in_worker"],
            cwd=ROOT,
            env=environment,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def sign_in(self, email: str, password: str) -> str:
        self.process.stdin.write(json.dumps({"email": email, "password": password}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        assert line, f"the worker died with status {self.process.wait()}"
        return json.loads(line)["outcome"]

    def stop(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


@pytest.mark.django_db(transaction=True)
def test_failed_sign_ins_count_together_whichever_process_serves_them(tmp_path):
    owner = UserFactory(email="owner@example.org")
    database_url = _database_url(tmp_path)
    workers = [Worker(database_url, tmp_path / "var") for _ in range(2)]
    try:
        # Either process lets the owner in with the right password (a success counts nothing).
        assert workers[0].sign_in(owner.email, PASSWORD) == "signed_in"
        assert workers[1].sign_in(owner.email, PASSWORD) == "signed_in"
        # Five wrong passwords, served in turn by two processes: each is judged (the fifth
        # too, just inside the limit), because both count in the one shared cache.
        outcomes = [workers[number % 2].sign_in(owner.email, "guess") for number in range(5)]
        assert outcomes == ["wrong_password"] * 5
        # The sixth attempt is refused in either process, even with the right password: with a
        # cache in each process's memory, each would have counted only two or three.
        assert workers[1].sign_in(owner.email, PASSWORD) == "locked_out"
        assert workers[0].sign_in(owner.email, PASSWORD) == "locked_out"
        # Another address is not locked out by these guesses.
        other = "someone.else@example.org"
        assert workers[1].sign_in(other, "guess") == "wrong_password"
    finally:
        for worker in workers:
            worker.stop()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM wsco_cache")


@pytest.mark.django_db
def test_the_fifth_wrong_password_is_judged_and_the_sixth_attempt_refused():
    owner = UserFactory(email="owner@example.org")
    attacker = Client()

    answers = [sign_in(attacker, owner.email, "guess").content.decode() for _ in range(5)]
    assert all(LOCKED_OUT not in answer for answer in answers)
    assert "not correct" in answers[-1]

    refused = sign_in(Client(), owner.email, PASSWORD)
    assert refused.status_code == 200
    assert LOCKED_OUT in refused.content.decode()
    assert "_auth_user_id" not in refused.wsgi_request.session


@pytest.mark.django_db
def test_the_owner_locked_out_by_guesses_gets_in_at_once_by_resetting_the_password():
    owner = UserFactory(email="owner@example.org")
    attacker, person = Client(), Client()
    for _attempt in range(5):
        sign_in(attacker, owner.email, "guess")
    locked = sign_in(person, owner.email, PASSWORD).content.decode()
    # The lock-out page says how the owner gets in, and links to the reset page.
    assert "Forgot your password?" in LOCKED_OUT
    assert LOCKED_OUT in locked
    assert reverse("account_reset_password") in locked

    person.post(reverse("account_reset_password"), {"email": owner.email})
    [message] = mail.outbox
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+/)", message.body)
    form = person.get(link.group(1), follow=True)
    assert form.status_code == 200
    done = person.post(
        form.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert done.status_code == 302

    signed_in = sign_in(person, owner.email, NEW_PASSWORD)
    assert signed_in.status_code == 302
    assert signed_in.wsgi_request.session["_auth_user_id"] == str(owner.pk)
    # The guesser's old password is still refused, and counts again from zero.
    assert "not correct" in sign_in(attacker, owner.email, PASSWORD).content.decode()


def test_the_production_rate_limits_are_the_ones_these_tests_count_against():
    assert django_settings.ACCOUNT_RATE_LIMITS["login_failed"] == "10/m/ip,5/5m/key"
