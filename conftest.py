"""Settings every test shares: tasks run at once, uploads go to a temporary folder; and the
global state a test may change (the active language and time zone, the cache) is put back, so
that tests pass alone, in any order and split across workers."""

import contextlib

import pytest
from django.core.cache import cache
from django.utils import timezone, translation

from wsco.core.tests.migrated_database import migrated_once
from wsco.core.tests.module_world import sandbox_settings


def pytest_ignore_collect(collection_path, config):
    """Leave the API fuzzing uncollected unless it is asked for (`make api-fuzz`): building its
    tests from the OpenAPI document costs each worker seconds, for tests `-m 'not api_fuzz'`
    deselects anyway."""
    if collection_path.name == "api_fuzz" and "api_fuzz" in (config.option.markexpr or ""):
        return "not api_fuzz" in config.option.markexpr or None
    return None


@pytest.fixture(scope="session")
def _migrated_once():
    """Apply the migrations to an in-memory SQLite test database only when no copy of their
    result exists (`wsco/core/tests/migrated_database.py`); stopped once the databases are set."""
    stack = contextlib.ExitStack()
    stack.enter_context(migrated_once())
    yield stack
    stack.close()


@pytest.fixture(scope="session")
def django_db_setup(_migrated_once, django_db_setup):
    """pytest-django's setup of the test databases, with the migrations' copy."""
    _migrated_once.close()
    return django_db_setup


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    # Tasks at once, a fast password hasher, files under tmp_path, the cache in memory.
    for name, value in sandbox_settings(tmp_path).items():
        setattr(settings, name, value)
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _language_and_time_zone():
    """Start each test in the site's default language and time zone, and end it there too.

    A request activates its language in the thread that serves it, which in tests is the test's
    own thread: without this, a test that asks for a Romanian page leaves the next test in the
    same process speaking Romanian.
    """
    translation.deactivate()
    timezone.deactivate()
    yield
    translation.deactivate()
    timezone.deactivate()


@pytest.fixture(autouse=True)
def _reference_rows(request):
    """Bring back the rows migrations made (themes, membership types): browser tests are
    transactional and flush them, and xdist may run other tests after them in the same worker."""
    uses_database = request.node.get_closest_marker("django_db") or {
        "db",
        "transactional_db",
    } & set(request.fixturenames)
    if not uses_database:
        return
    request.getfixturevalue("db")
    from importlib import import_module

    from wsco.core.models import Theme
    from wsco.core.themes import THEMES
    from wsco.members.models import MembershipType

    if Theme.objects.count() < len(THEMES):
        Theme.objects.bulk_create(
            [Theme(slug=info.slug, clause=info.clause) for info in THEMES], ignore_conflicts=True
        )
    if not MembershipType.objects.exists():
        types = import_module("wsco.members.migrations.0002_membership_types").TYPES
        MembershipType.objects.bulk_create(
            [
                MembershipType(kind=kind, name=name, period_months=months, fee_amount=fee)
                for kind, name, months, fee in types
            ]
        )
