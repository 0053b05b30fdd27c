"""What the queue tells staff and the health check: ages, counts, arguments without secrets."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from wsco.tasks import services
from wsco.tasks.queries import describe_arguments, oldest_ready_task_age, task_counts
from wsco.tasks.tests.factories import failed, queued_email, running

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("database_backend")]

MINUTE = timedelta(minutes=1)


def queued_at(moment, **fields) -> DBTaskResult:
    task = queued_email()
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=moment, **fields)
    return task


def test_an_empty_queue_has_no_age():
    running()
    assert oldest_ready_task_age() is None


def test_a_task_deferred_to_a_moment_before_it_was_queued_waits_from_when_it_was_queued():
    now = timezone.now()
    queued_at(now - 5 * MINUTE, run_after=now - 50 * MINUTE)

    assert oldest_ready_task_age(now=now) == 5 * MINUTE


def test_the_queue_age_is_that_of_the_task_waiting_longest():
    now = timezone.now()
    queued_at(now - 5 * MINUTE)  # waiting 5 minutes
    queued_at(now - 30 * MINUTE, run_after=now - 3 * MINUTE)  # deferred: due 3 minutes ago
    queued_at(now - 60 * MINUTE, run_after=now + MINUTE)  # deferred: not due yet
    busy = queued_at(now - 90 * MINUTE)
    busy.claim("worker-a")  # running: not waiting
    # Queued 2 hours ago, lost, back in the queue 8 minutes ago: it has waited 8 minutes.
    lost = running(queued_at(now - 120 * MINUTE), at=now - 20 * MINUTE)
    services.recover_lost_tasks(now=now - 8 * MINUTE)

    assert DBTaskResult.objects.get(pk=lost.pk).status == "READY"
    assert oldest_ready_task_age(now=now) == 8 * MINUTE


def test_counts_tell_waiting_running_lost_and_failed_tasks():
    now = timezone.now()
    queued_email()
    running()
    running(at=now - 2 * MINUTE)  # its lease of a minute ran out
    failed()
    failed()

    assert task_counts(now=now) == {"waiting": 1, "running": 2, "lost": 1, "failed": 2}


def test_arguments_show_ids_and_short_texts_but_only_the_length_of_bodies():
    arguments = {
        "args": [42],
        "kwargs": {
            "to": ["ana@example.org", "dan@example.org"],
            "title": "y" * 80,
            "subject": "x" * 81,
            "text": "https://wsco.example/reset/KEY",
            "html": "",
        },
    }

    assert describe_arguments(arguments) == [
        ("1", "42"),
        ("to", "ana@example.org, dan@example.org"),
        ("title", "y" * 80),  # 80 characters are shown whole...
        ("subject", "x" * 79 + "…"),  # ... 81 are cut to 80
        ("text", "30 characters"),  # len("https://wsco.example/reset/KEY") = 8 + 12 + 7 + 3
        ("html", "0 characters"),
    ]


def test_the_health_report_counts_a_lost_task_from_when_it_went_back(client, settings):
    settings.HEALTH_TASK_QUEUE_MAX_AGE_SECONDS = 300
    now = timezone.now()
    # Queued 2 hours ago, its worker lost, back in the queue a minute ago: 60 s of waiting.
    running(queued_at(now - 120 * MINUTE), at=now - 10 * MINUTE)
    services.recover_lost_tasks(now=now - MINUTE)

    response = client.get("/health/")

    assert response.status_code == 200
    assert 60 <= response.json()["checks"]["task_queue"]["oldest_ready_seconds"] <= 90
