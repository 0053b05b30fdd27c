"""Reads about background tasks: lost and failed tasks, the queue's age, rows for the staff page."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Case, Count, Min, Q, QuerySet, When
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from wsco.tasks.models import LOST_ERROR_PATH, TaskLease

# Email bodies carry sign-in and password-reset links: such arguments show only their length.
HIDDEN_ARGUMENTS = {"text", "html", "body", "password", "token", "secret"}
SHOWN_LENGTH = 80
ERROR_LENGTH = 300
STATUS_LABELS = {
    TaskResultStatus.READY: gettext_lazy("Waiting"),
    TaskResultStatus.RUNNING: gettext_lazy("Running"),
    TaskResultStatus.SUCCESSFUL: gettext_lazy("Succeeded"),
    TaskResultStatus.FAILED: gettext_lazy("Failed"),
}
STATUS_CLASSES = {
    TaskResultStatus.RUNNING: "status-pending",
    TaskResultStatus.SUCCESSFUL: "status-active",
    TaskResultStatus.FAILED: "status-rejected",
}


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

    A task waits from when it was queued, or from its `run_after` if that came later, or from
    when it last went back to the queue (its worker lost, or a retry).
    """
    now = now or timezone.now()
    since = DBTaskResult.objects.ready().aggregate(
        since=Min(
            Case(
                When(lease__requeued_at__isnull=False, then="lease__requeued_at"),
                When(run_after=get_date_max(), then="enqueued_at"),
                default=Greatest("enqueued_at", "run_after"),
            )
        )
    )["since"]
    return max(now - since, timedelta(0)) if since else None


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


def failed_tasks() -> QuerySet[DBTaskResult]:
    """Return the failed tasks, the latest first."""
    return DBTaskResult.objects.failed().order_by("-finished_at")


def recent_tasks() -> QuerySet[DBTaskResult]:
    """Return every task, the latest queued first."""
    return DBTaskResult.objects.order_by("-enqueued_at")


@dataclass(frozen=True)
class TaskRow:
    """A task as the staff page shows it."""

    id: str
    name: str
    app: str
    arguments: list[tuple[str, str]]
    status: str
    status_label: str
    lost: bool
    attempts: int
    error: str
    enqueued_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    lease_ends: datetime | None

    @property
    def status_class(self) -> str:
        """Return the stylesheet's class for the status (a lost task is shown as failing)."""
        return "status-rejected" if self.lost else STATUS_CLASSES.get(self.status, "")

    @property
    def retryable(self) -> bool:
        """Say whether staff may queue the task again (failed, or lost while running)."""
        return self.lost or self.status == TaskResultStatus.FAILED


def task_rows(tasks: QuerySet[DBTaskResult], *, now: datetime | None = None) -> list[TaskRow]:
    """Return `tasks` (already sliced) as rows for the staff page, in one query."""
    now = now or timezone.now()
    rows = []
    for task in tasks.select_related("lease"):
        lease = getattr(task, "lease", None)
        module, _dot, name = task.task_path.rpartition(".")
        rows.append(
            TaskRow(
                id=str(task.pk),
                name=name,
                app=module.removeprefix("wsco.").split(".")[0],
                arguments=describe_arguments(task.args_kwargs),
                status=task.status,
                status_label=str(STATUS_LABELS.get(task.status, task.status)),
                lost=is_lost(task, lease, now),
                attempts=lease.attempts if lease else len(task.worker_ids),
                error=describe_error(task, lease),
                enqueued_at=task.enqueued_at,
                started_at=task.started_at,
                finished_at=task.finished_at,
                lease_ends=lease.expires_at if lease else None,
            )
        )
    return rows


def describe_arguments(args_kwargs: dict) -> list[tuple[str, str]]:
    """Return a task's arguments as (name, text) pairs, secrets shown by their length only."""
    pairs = [(str(number), value) for number, value in enumerate(args_kwargs.get("args", []), 1)]
    pairs += list(args_kwargs.get("kwargs", {}).items())
    described = []
    for name, value in pairs:
        text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
        if name in HIDDEN_ARGUMENTS:
            text = ngettext("%(count)s character", "%(count)s characters", len(text)) % {
                "count": len(text)
            }
        elif len(text) > SHOWN_LENGTH:
            text = text[: SHOWN_LENGTH - 1] + "…"
        described.append((name, text))
    return described


def describe_error(task: DBTaskResult, lease: TaskLease | None) -> str:
    """Return the error a failed task ended with: its last traceback line, or the lost worker."""
    if task.status != TaskResultStatus.FAILED:
        return ""
    if task.exception_class_path == LOST_ERROR_PATH:
        attempts = lease.attempts if lease else 1
        return ngettext(
            "Its worker stopped during the only attempt.",
            "Its worker stopped during each of %(attempts)s attempts.",
            attempts,
        ) % {"attempts": attempts}
    lines = [line for line in task.traceback.splitlines() if line.strip()]
    last = lines[-1] if lines else task.exception_class_path or _("Unknown error")
    return last if len(last) <= ERROR_LENGTH else last[: ERROR_LENGTH - 1] + "…"
