"""The default cache is one every process shares, and `check --deploy` refuses any other."""

import pytest
from django.core.checks import Error, Warning, run_checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import connection
from django.test import override_settings

from wsco import settings as project_settings
from wsco.core.checks import check_shared_cache


def default_cache(backend: str, location: str = ""):
    """Make `backend` the default cache inside the block (and gone before the suite clears it)."""
    return override_settings(CACHES={"default": {"BACKEND": backend, "LOCATION": location}})


def test_without_redis_the_default_cache_is_the_database():
    # The project's own settings (the suite's fixture puts local memory in their place).
    assert project_settings.CACHES["default"]["BACKEND"] == (
        "django.core.cache.backends.db.DatabaseCache"
    )
    assert project_settings.CACHES["default"]["LOCATION"] == "wsco_cache"


@pytest.mark.django_db
def test_migrations_make_the_cache_table():
    assert "wsco_cache" in connection.introspection.table_names()


@pytest.mark.parametrize(
    "backend",
    [
        "django.core.cache.backends.db.DatabaseCache",
        "wsco.core.redis_cache.ResilientRedisCache",
        "django.core.cache.backends.redis.RedisCache",
    ],
)
def test_a_shared_cache_passes_the_deploy_check(backend):
    with default_cache(backend, "redis://127.0.0.1:6379/0"):
        assert check_shared_cache(None) == []


@pytest.mark.parametrize(
    ("backend", "reason"),
    [
        ("django.core.cache.backends.locmem.LocMemCache", "one process's memory"),
        ("django.core.cache.backends.dummy.DummyCache", "no rate limit ever counts"),
    ],
)
def test_a_cache_in_one_process_fails_the_deploy_check(backend, reason):
    with default_cache(backend):
        [problem] = check_shared_cache(None)
    assert isinstance(problem, Error)
    assert problem.id == "wsco.E001"
    assert reason in problem.msg


def test_a_cache_on_one_machine_s_disk_is_warned_of(tmp_path):
    with default_cache("django.core.cache.backends.filebased.FileBasedCache", str(tmp_path)):
        [problem] = check_shared_cache(None)
    assert isinstance(problem, Warning)
    assert problem.id == "wsco.W001"


def test_the_check_runs_only_with_deploy():
    with default_cache("django.core.cache.backends.locmem.LocMemCache"):
        assert "wsco.E001" not in {problem.id for problem in run_checks()}
        deploy = run_checks(include_deployment_checks=True)
    assert "wsco.E001" in {problem.id for problem in deploy}


def test_check_deploy_stops_on_a_process_local_cache_and_passes_the_database_cache():
    with default_cache("django.core.cache.backends.db.DatabaseCache", "wsco_cache"):
        call_command("check", "--deploy", "--tag", "caches", "--fail-level", "WARNING")
    with (
        default_cache("django.core.cache.backends.locmem.LocMemCache"),
        pytest.raises(SystemCheckError, match=r"wsco\.E001"),
    ):
        call_command("check", "--deploy", "--tag", "caches")
