"""Task rows as the database backend stores them, in each state a worker leaves them."""

from datetime import datetime

from django_tasks_db.models import DBTaskResult

from wsco.core.tasks import send_email
from wsco.tasks import services
from wsco.tasks.models import TaskLease
from wsco.tasks.worker import LeasedWorker, LeaseKeeper


def queued_email(to: str = "ana@example.org", **kwargs) -> DBTaskResult:
    """Queue an email carrying a sign-in link, and return its row."""
    fields = {"subject": "Sign in", "text": "Your link: https://wsco.example/login/SECRETKEY"}
    result = send_email.enqueue(to=[to], **(fields | kwargs))
    return DBTaskResult.objects.get(pk=result.id)


def running(
    task: DBTaskResult | None = None,
    *,
    worker_id: str = "worker-a",
    at: datetime | None = None,
    leased: bool = True,
) -> DBTaskResult:
    """Claim a task as a worker does (at `at`), with its lease taken unless `leased` is False."""
    task = task or queued_email()
    task.claim(worker_id)
    if at is not None:
        DBTaskResult.objects.filter(pk=task.pk).update(started_at=at)
        task.started_at = at
    if leased:
        services.start_lease(task=task, worker_id=worker_id, now=at)
    return task


def failed(task: DBTaskResult | None = None, error: Exception | None = None) -> DBTaskResult:
    """Run a task to a failure as the library records it."""
    task = running(task)
    task.set_failed(error or ValueError("The mail server refused the recipient."))
    TaskLease.objects.filter(task=task).update(expires_at=None)
    return task


def status_of(task: DBTaskResult) -> str:
    task.refresh_from_db()
    return task.status


def leased_worker() -> LeasedWorker:
    """Return a worker whose keeper is not started: the test plays its rounds."""
    leased = LeasedWorker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="worker-a",
        excluded_queue_names=[],
    )
    leased.keeper = LeaseKeeper(worker_id="worker-a")
    return leased
