"""Leases on running tasks: renewed while a worker lives, and lost tasks given back or failed.

The backend's lease here is 60 s and a task gets 3 attempts (the `database_backend` fixture).
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from wsco.tasks import services
from wsco.tasks.models import LOST_ERROR_PATH, TaskLease
from wsco.tasks.queries import lost_tasks
from wsco.tasks.tests.factories import leased_worker, queued_email, running, status_of
from wsco.tasks.worker import LeaseKeeper

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("database_backend")]

LEASE = timedelta(seconds=60)
SECOND = timedelta(seconds=1)


def test_a_task_is_not_lost_until_its_lease_has_run_out():
    start = timezone.now()
    task = running(at=start)  # leased until start + 60 s

    assert services.recover_lost_tasks(now=start + LEASE - SECOND).requeued == []
    assert status_of(task) == TaskResultStatus.RUNNING
    assert services.recover_lost_tasks(now=start + LEASE + SECOND).requeued == [str(task.pk)]
    assert status_of(task) == TaskResultStatus.READY


def test_a_lost_task_goes_back_to_the_queue_as_it_was_queued():
    start = timezone.now()
    task = running(at=start)

    services.recover_lost_tasks(now=start + 2 * LEASE)

    task.refresh_from_db()
    lease = TaskLease.objects.get(task=task)
    assert (task.status, task.started_at, task.finished_at) == ("READY", None, None)
    assert (lease.attempts, lease.expires_at, lease.worker_id) == (1, None, "")
    assert lease.requeued_at == start + 2 * LEASE
    assert DBTaskResult.objects.ready().filter(pk=task.pk).exists()  # a worker would claim it


def test_a_renewed_lease_keeps_a_slow_task_with_its_worker():
    start = timezone.now()
    task = running(at=start)
    # Renewed at 50 s, the lease runs to 110 s: at 100 s the task is still its worker's.
    assert services.renew_lease(
        task_id=task.pk, worker_id="worker-a", attempt=1, now=start + 50 * SECOND
    )

    assert services.recover_lost_tasks(now=start + 100 * SECOND).requeued == []
    assert services.recover_lost_tasks(now=start + 111 * SECOND).requeued == [str(task.pk)]


def test_a_task_claimed_before_its_lease_was_taken_counts_from_its_start():
    start = timezone.now()
    task = running(at=start, leased=False)  # the worker died between the claim and the lease

    assert not lost_tasks(now=start + LEASE - SECOND).exists()
    recovery = services.recover_lost_tasks(now=start + LEASE + SECOND)

    assert recovery.requeued == [str(task.pk)]
    assert TaskLease.objects.get(task=task).attempts == 1


@pytest.mark.parametrize(("attempts", "outcome"), [(2, "READY"), (3, "FAILED")])
def test_a_lost_task_is_failed_on_its_last_attempt_only(attempts, outcome):
    start = timezone.now()
    task = running(at=start)
    TaskLease.objects.filter(task=task).update(attempts=attempts)

    services.recover_lost_tasks(now=start + 2 * LEASE)

    task.refresh_from_db()
    assert task.status == outcome
    if outcome == "FAILED":
        assert task.exception_class_path == LOST_ERROR_PATH
        assert "stopped renewing its lease during each of 3 attempt(s)" in task.traceback
        assert task.finished_at == start + 2 * LEASE


def test_attempts_count_each_start_of_a_task():
    start = timezone.now()
    task = running(at=start)
    services.recover_lost_tasks(now=start + 2 * LEASE)
    running(task, worker_id="worker-b", at=start + 2 * LEASE)

    lease = TaskLease.objects.get(task=task)
    assert (lease.attempts, lease.worker_id) == (2, "worker-b")


def test_a_worker_cannot_renew_a_lease_once_the_task_was_given_back():
    start = timezone.now()
    task = running(at=start)
    services.recover_lost_tasks(now=start + 2 * LEASE)
    running(task, worker_id="worker-b", at=start + 2 * LEASE)

    # The first worker wakes up (it was frozen, not dead): its lease is gone.
    assert not services.renew_lease(task_id=task.pk, worker_id="worker-a", attempt=1)
    assert services.renew_lease(task_id=task.pk, worker_id="worker-b", attempt=2)


def test_tasks_waiting_or_done_are_never_taken_for_lost():
    start = timezone.now()
    waiting = queued_email()
    done = running(at=start)
    done.set_successful(None)

    recovery = services.recover_lost_tasks(now=start + 10 * LEASE)

    assert (recovery.requeued, recovery.failed) == ([], [])
    assert (status_of(waiting), status_of(done)) == ("READY", "SUCCESSFUL")


def test_the_worker_holds_the_lease_while_it_runs_a_task_and_lets_go_after(mailoutbox):
    task = queued_email()
    task.claim("worker-a")

    leased_worker().run_task(task)

    lease = TaskLease.objects.get(task=task)
    assert status_of(task) == TaskResultStatus.SUCCESSFUL
    assert (lease.attempts, lease.worker_id, lease.expires_at) == (1, "worker-a", None)
    assert len(mailoutbox) == 1


@pytest.mark.parametrize(
    ("error", "attempts", "outcome"),
    [
        (SystemExit(1), 1, "READY"),  # a second Ctrl-C or SIGTERM mid-task: queued again
        (SystemExit(1), 3, "FAILED"),  # ... unless that was its last attempt
        (ValueError("bad address"), 1, "FAILED"),  # an error of the task's own stays failed
    ],
)
def test_a_task_interrupted_by_stopping_its_worker_goes_back_to_the_queue(error, attempts, outcome):
    task = running()
    TaskLease.objects.filter(task=task).update(attempts=attempts)
    task.set_failed(error)

    services.give_back_interrupted_task(task=task)

    assert status_of(task) == outcome


def test_a_keeper_round_renews_the_held_lease_and_recovers_lost_tasks():
    start = timezone.now() - 2 * LEASE
    lost = running(at=start, worker_id="worker-b")
    held = running(at=timezone.now() - SECOND)
    keeper = LeaseKeeper(worker_id="worker-a")
    keeper.hold(task_id=str(held.pk), attempt=1)
    before = TaskLease.objects.get(task=held).expires_at

    keeper.keep()

    assert TaskLease.objects.get(task=held).expires_at > before
    assert (status_of(lost), status_of(held)) == ("READY", "RUNNING")
