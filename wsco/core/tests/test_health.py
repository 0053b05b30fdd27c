"""The health report: each part's failure turns the answer into a 503 that tells no secret."""

from datetime import timedelta

import pytest
from django.db import OperationalError, connection
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from wsco.core.tasks import send_email

pytestmark = pytest.mark.django_db

# The check's threshold in these tests; the margins below are far wider than a test's run.
MAX_AGE = 300


@pytest.fixture
def queue(settings):
    """Queue tasks in the database, as production does, with the threshold above."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.HEALTH_TASK_QUEUE_MAX_AGE_SECONDS = MAX_AGE

    def ready_task(*, waited: int, run_after_ago: int | None = None) -> DBTaskResult:
        result = send_email.enqueue(to=["a@example.org"], subject="Hello", text="Hello")
        now = timezone.now()
        task = DBTaskResult.objects.filter(pk=result.id)
        task.update(enqueued_at=now - timedelta(seconds=waited))
        if run_after_ago is not None:
            task.update(run_after=now - timedelta(seconds=run_after_ago))
        return task.get()

    return ready_task


def test_a_healthy_platform_answers_200_with_every_part_ok(client):
    response = client.get("/health/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    report = response.json()
    assert report["status"] == "ok"
    assert set(report["checks"]) == {"database", "cache", "task_queue"}
    assert {part["status"] for part in report["checks"].values()} == {"ok"}
    assert report["checks"]["task_queue"]["oldest_ready_seconds"] == 0


def test_the_report_tells_no_host_name_version_or_error_text(client, monkeypatch):
    def refuse():
        raise OperationalError('connection to server at "db.internal" (10.0.0.5) failed')

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/health/")

    assert response.status_code == 503
    text = response.content.decode()
    for secret in ("db.internal", "10.0.0.5", "connection to server", "PostgreSQL", "SQLite"):
        assert secret not in text
    assert response.json()["checks"]["database"] == {
        "status": "fail",
        "code": "database_error",
        "ms": response.json()["checks"]["database"]["ms"],
    }


def test_a_database_that_does_not_answer_fails_the_report(client, monkeypatch, caplog):
    def refuse():
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json()["status"] == "fail"
    assert response.json()["checks"]["database"]["code"] == "database_error"
    # What went wrong is in the log, for the people who run the platform.
    assert "server closed the connection unexpectedly" in caplog.text


@pytest.mark.parametrize(
    "backend",
    [
        # Redis that cannot be reached (nothing listens on port 1) answers as an empty cache.
        {
            "BACKEND": "wsco.core.redis_cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        },
        {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    ],
    ids=["unreachable-redis", "a-cache-that-keeps-nothing"],
)
def test_a_cache_that_loses_what_it_is_given_fails_the_report(client, backend):
    with override_settings(CACHES={"default": backend}):
        response = client.get("/health/")

    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["cache"]["status"] == "fail"
    assert checks["cache"]["code"] == "lost_write"
    assert checks["database"]["status"] == "ok"


def test_the_database_cache_passes_the_round_trip(client):
    with override_settings(
        CACHES={
            "default": {
                "BACKEND": "django.core.cache.backends.db.DatabaseCache",
                "LOCATION": "wsco_cache",
            }
        }
    ):
        response = client.get("/health/")

    assert response.status_code == 200
    assert response.json()["checks"]["cache"]["status"] == "ok"


def test_a_task_waiting_just_inside_the_limit_is_healthy_and_just_past_it_is_not(client, queue):
    queue(waited=MAX_AGE - 30)
    inside = client.get("/health/")
    assert inside.status_code == 200
    assert MAX_AGE - 31 <= inside.json()["checks"]["task_queue"]["oldest_ready_seconds"] <= MAX_AGE

    queue(waited=MAX_AGE + 30)
    past = client.get("/health/")
    assert past.status_code == 503
    task_queue = past.json()["checks"]["task_queue"]
    assert task_queue["code"] == "backlog"
    assert MAX_AGE + 30 <= task_queue["oldest_ready_seconds"] <= MAX_AGE + 60


def test_a_delayed_task_waits_from_its_run_after_not_from_when_it_was_queued(client, queue):
    # Queued an hour ago to run 60 s ago: it has waited 60 s.
    queue(waited=3600, run_after_ago=60)
    assert client.get("/health/").status_code == 200

    queue(waited=3600, run_after_ago=MAX_AGE + 30)
    assert client.get("/health/").status_code == 503


def test_tasks_not_ready_do_not_count(client, queue):
    queue(waited=3600, run_after_ago=-600)  # Due in ten minutes.
    running = queue(waited=3600)
    DBTaskResult.objects.filter(pk=running.pk).update(status="RUNNING")
    finished = queue(waited=3600)
    DBTaskResult.objects.filter(pk=finished.pk).update(status="SUCCESSFUL")

    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["checks"]["task_queue"]["oldest_ready_seconds"] == 0


@override_settings(SECURE_SSL_REDIRECT=True)
def test_load_balancers_probe_over_plain_http_while_pages_redirect_to_https(client):
    assert client.get("/health/").status_code == 200
    assert client.get("/").status_code == 301
