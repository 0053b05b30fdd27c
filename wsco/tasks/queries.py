"""Reads about background tasks: lost tasks, the queue's age and counts."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from wsco.tasks.models import TaskLease


def lease_length() -> timedelta:
    """Return how long a worker's lease on a task lasts unless renewed."""
    return timedelta(seconds=settings.TASKS_LEASE_SECONDS)


def lost_tasks(*, now: datetime | None = None) -> QuerySet[DBTaskResult]:
    """Return the running tasks whose lease ran out: no worker is renewing it any more.

    A task claimed but not yet leased (the worker died in between, or a worker without leases
    ran it) counts from its start.
    """
    now = now or timezone.now()
    return DBTaskResult.objects.running().filter(
        Q(lease__expires_at__lt=now)
        | Q(lease__expires_at__isnull=True, started_at__lt=now - lease_length())
    )


def is_lost(task: DBTaskResult, lease: TaskLease | None, now: datetime) -> bool:
    """Say whether `task` is running with its lease run out (as `lost_tasks` selects)."""
    if task.status != TaskResultStatus.RUNNING:
        return False
    if lease is not None and lease.expires_at is not None:
        return lease.expires_at < now
    return task.started_at is not None and task.started_at < now - lease_length()


def oldest_ready_task_age(*, now: datetime | None = None) -> timedelta | None:
    """Return how long the task that has waited longest to run has waited; None for no task.

    A task waits from when it was queued, from its `run_after` when deferred, or from when it
    went back to the queue after its worker was lost.
    """
    now = now or timezone.now()
    never = get_date_max()
    first_time = Q(lease__requeued_at__isnull=True)
    figures = DBTaskResult.objects.ready().aggregate(
        queued=Min("enqueued_at", filter=first_time & Q(run_after=never)),
        deferred=Min("run_after", filter=first_time & ~Q(run_after=never)),
        requeued=Min("lease__requeued_at"),
    )
    waiting_since = [moment for moment in figures.values() if moment is not None]
    return now - min(waiting_since) if waiting_since else None


def task_counts(*, now: datetime | None = None) -> dict[str, int]:
    """Return how many tasks wait, run, are lost (running past their lease) and have failed."""
    statuses = TaskResultStatus
    counts = DBTaskResult.objects.aggregate(
        waiting=Count("pk", filter=Q(status=statuses.READY)),
        running=Count("pk", filter=Q(status=statuses.RUNNING)),
        failed=Count("pk", filter=Q(status=statuses.FAILED)),
    )
    counts["lost"] = lost_tasks(now=now).count()
    return counts
