"""The task services called directly: what each returns, and the lease each leaves.

The backend's lease here is 60 s and a task gets 3 attempts (the `database_backend` fixture),
unless a test says otherwise.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from wsco.members.tests.factories import UserFactory
from wsco.tasks import services
from wsco.tasks.access import get_task_for_staff
from wsco.tasks.models import TaskEffect, TaskLease
from wsco.tasks.tests.factories import failed, queued_email, running, status_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("database_backend")]

LEASE = timedelta(seconds=60)


# Lost tasks ---------------------------------------------------------------------------------


def test_a_lost_task_failed_on_its_last_attempt_is_reported_failed_and_its_lease_ended():
    start = timezone.now()
    task = running(at=start)
    TaskLease.objects.filter(task=task).update(attempts=3)

    recovery = services.recover_lost_tasks(now=start + 2 * LEASE)

    assert (recovery.requeued, recovery.failed) == ([], [str(task.pk)])
    lease = TaskLease.objects.get(task=task)
    assert (lease.attempts, lease.expires_at) == (3, None)


def test_a_lost_task_never_leased_on_its_last_attempt_says_when_it_was_lost(settings):
    settings.TASKS_MAX_ATTEMPTS = 1
    start = timezone.now()
    task = running(at=start, leased=False)  # the worker died between the claim and the lease

    recovery = services.recover_lost_tasks(now=start + 2 * LEASE)

    assert recovery.failed == [str(task.pk)]
    task.refresh_from_db()
    assert task.status == TaskResultStatus.FAILED
    # Never leased: it counts as lost from its start plus one lease, by an unknown worker.
    expected = (start + LEASE).isoformat()
    assert f"each of 1 attempt(s), the last by worker ? until {expected}; given up." in (
        task.traceback
    )
    lease = TaskLease.objects.get(task=task)
    assert (lease.attempts, lease.expires_at) == (1, None)


def test_a_task_retried_then_lost_before_its_lease_counts_one_attempt(settings):
    # A retry starts the attempts again from 0; the worker that claims it dies before its lease.
    settings.TASKS_MAX_ATTEMPTS = 2
    start = timezone.now()
    task = failed()
    services.retry_task(task=task, by=UserFactory(is_staff=True), now=start)
    assert TaskLease.objects.get(task=task).attempts == 0
    task.refresh_from_db()
    running(task, at=start, leased=False)

    recovery = services.recover_lost_tasks(now=start + 2 * LEASE)

    # One attempt of two: it goes back to the queue (counted as 2, it would have failed).
    assert recovery.requeued == [str(task.pk)]
    assert TaskLease.objects.get(task=task).attempts == 1


# Interrupted tasks --------------------------------------------------------------------------


def test_an_interrupted_task_goes_back_even_when_passed_as_read_before_it_failed():
    task = running()
    stale = DBTaskResult.objects.get(pk=task.pk)  # read while it ran
    task.set_failed(SystemExit(1))

    assert services.give_back_interrupted_task(task=stale) is True

    assert status_of(task) == TaskResultStatus.READY
    requeued_at = TaskLease.objects.get(task=task).requeued_at
    assert requeued_at is not None
    assert abs(requeued_at - timezone.now()) < timedelta(minutes=1)


@pytest.mark.parametrize(
    ("error", "attempts"),
    [(ValueError("bad address"), 1), (SystemExit(1), 3)],
    ids=["an error of its own", "its last attempt"],
)
def test_an_interrupted_task_that_stays_failed_is_said_not_given_back(error, attempts):
    task = running()
    TaskLease.objects.filter(task=task).update(attempts=attempts)
    task.set_failed(error)

    assert services.give_back_interrupted_task(task=task) is False
    assert status_of(task) == TaskResultStatus.FAILED


def test_a_task_still_running_is_not_given_back():
    task = running()
    assert services.give_back_interrupted_task(task=task) is False
    assert status_of(task) == TaskResultStatus.RUNNING


def test_an_interrupted_task_never_leased_has_used_one_attempt(settings):
    # With 2 attempts, a first one interrupted leaves one more: the task goes back.
    settings.TASKS_MAX_ATTEMPTS = 2
    task = running(leased=False)
    task.set_failed(SystemExit(1))

    assert services.give_back_interrupted_task(task=task) is True
    assert status_of(task) == TaskResultStatus.READY


# Retries and effects ------------------------------------------------------------------------


def test_retrying_a_task_that_no_longer_exists_says_so():
    task = failed()
    DBTaskResult.objects.filter(pk=task.pk).delete()

    with pytest.raises(ValidationError, match="This task no longer exists"):
        services.retry_task(task=task, by=UserFactory(is_staff=True))
    assert not TaskLease.objects.filter(task_id=task.pk).exists()


def test_pruning_says_how_many_records_it_deleted():
    now = timezone.now()
    done = running()
    done.set_successful(None)
    for key in ("email", "invoice"):
        TaskEffect.objects.create(task_id=str(done.pk), key=key, done_at=now - timedelta(days=20))
    TaskEffect.objects.create(task_id="recent", key="email", done_at=now)

    assert services.prune_task_effects(done_before=now - timedelta(days=14)) == 2
    assert list(TaskEffect.objects.values_list("task_id", flat=True)) == ["recent"]


# Who may open a task ------------------------------------------------------------------------


def test_only_active_staff_open_a_task():
    task = queued_email()
    staff = UserFactory(is_staff=True)

    assert get_task_for_staff(staff, task.pk) == task
    for person in (
        AnonymousUser(),
        UserFactory(),
        UserFactory(is_staff=True, is_active=False),
    ):
        with pytest.raises(PermissionDenied, match=r"^$"):
            get_task_for_staff(person, task.pk)
    with pytest.raises(Http404, match=r"^$"):
        get_task_for_staff(staff, "00000000-0000-0000-0000-000000000000")
