"""The API fuzzed against its own OpenAPI document by schemathesis, as a visitor, a member and
staff: no answer may be a 5xx or break the document (status, content type, headers, body).

Run by `make api-fuzz` (and CI), not by `make test`. The WSGI application is called in-process
against the demo data, seeded once for the module inside a transaction that is rolled back at
its end; each operation's examples run in a savepoint of their own, so what one endpoint
changes (an application approved, a token revoked) is undone before the next. Emails go to
Django's test outbox and tasks run in-process: nothing leaves the machine.
"""

import io
import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.test import override_settings
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from wsco.accounts.models import User
from wsco.accounts.services import create_api_token
from wsco.core.demo import DemoContext, seed_apps
from wsco.wsgi import application

pytestmark = pytest.mark.api_fuzz

# Examples per operation and caller; `make api-fuzz` may raise it (WSCO_API_FUZZ_EXAMPLES).
EXAMPLES = int(os.environ.get("WSCO_API_FUZZ_EXAMPLES", "50"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    # The database is set once per operation, not per example: its examples share a savepoint.
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)

# A request the document allows may still be refused by the rules of the moment (an
# application decided already, a request to someone who has one open): that is a 400 saying
# why, which schemathesis's own list of acceptable refusals lacks.
CONFIG = SchemathesisConfig.from_dict(
    {
        "checks": {
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", "3xx", "400", "401", "403", "404", "409", "429"]
            }
        }
    }
)
# Read from the served document, as a client would.
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application, config=CONFIG)


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """Seed the demo once; return the API keys of its member and its staff member."""
    folder = tmp_path_factory.mktemp("api-fuzz")
    quiet = override_settings(
        MEDIA_ROOT=folder / "media",
        NETWORK_INDEX_PATH=folder / "network" / "index.npz",
    )
    # As Django's test client does: the requests run inside the test's transaction, which
    # closing "old" connections at each request would end.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        with django_db_blocker.unblock(), quiet, transaction.atomic():
            context = DemoContext(seed=2026, password="fuzz-only", stdout=io.StringIO())
            seed_apps(context)
            keys = {
                role: create_api_token(
                    user=User.objects.get(email=context.accounts[role]), name="api fuzz"
                )[1]
                for role in ("member", "staff")
            }
            yield keys
            transaction.set_rollback(True)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def caller_headers_for(keys: dict[str, str], role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {keys[role]}"} if role in keys else {}


@pytest.fixture
def caller_headers(seeded, db):
    return lambda role: caller_headers_for(seeded, role)


@schema.parametrize()
@FUZZ
def test_api_as_a_visitor(case, caller_headers):
    case.call_and_validate(headers=caller_headers("visitor"))


@schema.parametrize()
@FUZZ
def test_api_as_a_member(case, caller_headers):
    case.call_and_validate(headers=caller_headers("member"))


@schema.parametrize()
@FUZZ
def test_api_as_staff(case, caller_headers):
    case.call_and_validate(headers=caller_headers("staff"))


def test_the_fuzzing_callers_are_who_they_say(seeded, db, client):
    """Guard the fuzzing against passing vacuously: the keys work and the data is there."""

    def roles(role: str) -> list[str]:
        response = client.get("/api/v1/accounts/me", headers=caller_headers_for(seeded, role))
        return response.json()["roles"]

    assert "staff" not in roles("member")
    assert "member" in roles("member")
    assert "staff" in roles("staff")
    assert client.get("/api/v1/members").json()["count"] > 20
    assert client.get("/api/v1/publications/articles").json()["count"] > 10
