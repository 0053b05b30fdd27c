"""Every write about background tasks: leases, giving lost tasks back, retries, effects done once.

The worker (`wsco/tasks/worker.py`) takes a lease on each task it starts and renews it while the
task runs; any worker gives back the tasks whose lease ran out. Status changes are conditional
updates (`WHERE status = ...`), so two workers, or a worker and a member of staff, never both
move one task.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import TaskContext, TaskResultStatus
from django_tasks_db.models import DBTaskResult

from wsco.accounts.models import User
from wsco.tasks.models import LOST_ERROR_PATH, TaskEffect, TaskLease
from wsco.tasks.queries import is_lost, lease_length, lost_tasks

logger = logging.getLogger(__name__)

# What a worker stopped by a second Ctrl-C or SIGTERM raises inside the task it is running.
INTERRUPTIONS = {"builtins.SystemExit", "builtins.KeyboardInterrupt"}
RETRY_REFUSALS = {
    TaskResultStatus.READY: gettext_lazy("This task is already waiting to run."),
    TaskResultStatus.RUNNING: gettext_lazy(
        "This task is running: it can be retried once its worker stops renewing its lease."
    ),
    TaskResultStatus.SUCCESSFUL: gettext_lazy(
        "This task has succeeded: there is nothing to retry."
    ),
}


@dataclass
class Recovery:
    """The lost tasks a pass gave back: queued again, or failed after their last attempt."""

    requeued: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def start_lease(*, task: DBTaskResult, worker_id: str, now: datetime | None = None) -> int:
    """Take the lease on `task`, just claimed by `worker_id`; return the attempt this starts."""
    now = now or timezone.now()
    with transaction.atomic():
        lease, _created = TaskLease.objects.select_for_update().get_or_create(task=task)
        lease.attempts += 1
        lease.worker_id = worker_id
        lease.expires_at = now + lease_length()
        lease.renewed_at = now
        lease.save()
    return lease.attempts


def renew_lease(*, task_id: str, worker_id: str, attempt: int, now: datetime | None = None) -> bool:
    """Extend the lease `worker_id` holds for its `attempt` at the task; False once it is lost."""
    now = now or timezone.now()
    renewed = TaskLease.objects.filter(
        task_id=task_id, worker_id=worker_id, attempts=attempt, expires_at__isnull=False
    ).update(expires_at=now + lease_length(), renewed_at=now)
    return renewed == 1


def end_lease(*, task_id: str, worker_id: str, attempt: int) -> None:
    """Let go of the lease once the task has finished (successfully or not)."""
    TaskLease.objects.filter(task_id=task_id, worker_id=worker_id, attempts=attempt).update(
        expires_at=None
    )


def recover_lost_tasks(*, now: datetime | None = None) -> Recovery:
    """Give back every task whose lease ran out: to the queue, or failed after its last attempt."""
    now = now or timezone.now()
    recovery = Recovery()
    with transaction.atomic():
        # SKIP LOCKED: a task another worker is giving back or claiming right now is theirs.
        # pragma: no mutate: SQLite, which the mutation runner uses, locks no row.
        lost = (
            lost_tasks(now=now)
            .select_related("lease")
            .select_for_update(skip_locked=True, of=("self",))
        )
        for task in lost:
            lease = getattr(task, "lease", None)
            # A task claimed but never leased (since it was queued or retried) was started
            # once all the same.
            attempts = max(lease.attempts, 1) if lease else 1
            if attempts >= settings.TASKS_MAX_ATTEMPTS:
                if _fail_lost_task(task, lease=lease, attempts=attempts, now=now):
                    recovery.failed.append(str(task.pk))
            elif _requeue(
                task.pk, from_status=TaskResultStatus.RUNNING, now=now, attempts=attempts
            ):
                recovery.requeued.append(str(task.pk))
    for task_id in recovery.requeued:
        logger.warning(
            "Task %s outlived its lease with no worker renewing it: queued again.", task_id
        )
    for task_id in recovery.failed:
        logger.error("Task %s lost its worker on its last attempt: marked failed.", task_id)
    return recovery


def give_back_interrupted_task(*, task: DBTaskResult, now: datetime | None = None) -> bool:
    """Queue again a task its worker was stopped in the middle of; True if it was queued.

    The library records such a task as failed with the interruption as its error; it did
    nothing wrong, so it goes back to the queue unless it has used its last attempt.
    """
    task.refresh_from_db(fields=["status", "exception_class_path"])
    if task.status != TaskResultStatus.FAILED or task.exception_class_path not in INTERRUPTIONS:
        return False
    lease = TaskLease.objects.filter(task=task).first()
    attempts = lease.attempts if lease else 1
    if attempts >= settings.TASKS_MAX_ATTEMPTS:
        return False
    return _requeue(task.pk, from_status=TaskResultStatus.FAILED, now=now or timezone.now())


def retry_task(*, task: DBTaskResult, by: User, now: datetime | None = None) -> None:
    """Queue again a failed task, or a running one whose lease ran out, with fresh attempts.

    Refused with a ValidationError for a task waiting, running under a live lease, or done:
    a second click on "Retry" finds the task waiting already.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = DBTaskResult.objects.select_for_update().filter(pk=task.pk).first()
        if locked is None:
            raise ValidationError(_("This task no longer exists."), code="gone")
        lease = TaskLease.objects.filter(task=locked).first()
        if locked.status == TaskResultStatus.FAILED or is_lost(locked, lease, now):
            from_status = locked.status
        else:
            raise ValidationError(RETRY_REFUSALS[locked.status], code="not_retryable")
        if not _requeue(
            locked.pk, from_status=from_status, now=now, attempts=0, retried_by=by, retried_at=now
        ):
            # pragma: no mutate: unreachable while the row is locked; kept should that change.
            raise ValidationError(_("This task is already waiting to run."), code="not_retryable")
    logger.info("Task %s queued again by %s.", locked.pk, by.email)


def run_once(*, context: TaskContext, key: str, effect: Callable[[], object]) -> bool:
    """Do `effect` unless an earlier attempt of this task did it; return whether it ran now.

    For effects outside the database (an email, a call to another service) that a task run
    again must not repeat. The record is written once the effect is done: a worker killed in
    the milliseconds between the two lets the next attempt repeat it, so an email also carries
    a Message-ID by which mail systems drop the copy.
    """
    task_id = str(context.task_result.id)
    if TaskEffect.objects.filter(task_id=task_id, key=key).exists():
        logger.info("Task %s did %r in an earlier attempt: skipped.", task_id, key)
        return False
    effect()
    TaskEffect.objects.get_or_create(task_id=task_id, key=key)
    return True


def prune_task_effects(*, done_before: datetime) -> int:
    """Delete the records of effects done before `done_before` by tasks that will not run again.

    Kept: those of tasks waiting, running or failed (which staff may retry).
    """
    unfinished = DBTaskResult.objects.exclude(status=TaskResultStatus.SUCCESSFUL)
    keep = [str(task_id) for task_id in unfinished.values_list("pk", flat=True)]
    deleted, _by_model = (
        TaskEffect.objects.filter(done_at__lt=done_before).exclude(task_id__in=keep).delete()
    )
    return deleted


def _requeue(task_id, *, from_status: str, now: datetime, **lease_changes) -> bool:
    """Put the task back in the queue if it is still in `from_status`; True if it moved."""
    moved = DBTaskResult.objects.filter(pk=task_id, status=from_status).update(
        status=TaskResultStatus.READY,
        started_at=None,
        finished_at=None,
        return_value=None,
        exception_class_path="",
        traceback="",
    )
    if moved:
        TaskLease.objects.update_or_create(
            task_id=task_id,
            defaults={"expires_at": None, "worker_id": "", "requeued_at": now, **lease_changes},
        )
    return moved == 1


def _fail_lost_task(
    task: DBTaskResult, *, lease: TaskLease | None, attempts: int, now: datetime
) -> bool:
    """Mark a lost task failed, saying why; True if it was still running."""
    expired = lease.expires_at if lease and lease.expires_at else task.started_at + lease_length()
    reason = (
        f"{LOST_ERROR_PATH}: the worker running this task stopped renewing its lease during "
        f"each of {attempts} attempt(s), the last by worker {lease.worker_id if lease else '?'} "
        f"until {expired.isoformat()}; given up."
    )
    failed = DBTaskResult.objects.filter(pk=task.pk, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.FAILED,
        finished_at=now,
        return_value=None,
        exception_class_path=LOST_ERROR_PATH,
        traceback=reason,
    )
    if failed:
        TaskLease.objects.update_or_create(
            task_id=task.pk, defaults={"expires_at": None, "attempts": attempts}
        )
    return failed == 1
