"""What the platform keeps beside the task backend's rows: leases, attempts and effects done.

`django_tasks_db` stores each task as a `DBTaskResult` (READY, RUNNING, SUCCESSFUL, FAILED). A
worker that dies mid-task leaves its row RUNNING for ever; the lease says how long the row may
stay so without a worker renewing it (docs/tasks.md).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult


class WorkerLost(Exception):  # noqa: N818 (it names what happened, as the error shown)
    """The error of a task given up after its worker stopped during every attempt."""


LOST_ERROR_PATH = f"{WorkerLost.__module__}.{WorkerLost.__qualname__}"


class TaskLease(models.Model):
    """A worker's hold on a running task, and how many times the task has been started."""

    task = models.OneToOneField(
        DBTaskResult,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="lease",
        verbose_name=_("task"),
    )
    attempts = models.PositiveIntegerField(
        _("attempts"),
        default=0,
        help_text=_("Runs started since the task was queued or last retried by staff."),
    )
    worker_id = models.CharField(_("worker"), max_length=64, blank=True)
    # Empty while no worker holds the task (waiting, finished, or given back).
    expires_at = models.DateTimeField(_("lease ends"), null=True, blank=True)
    renewed_at = models.DateTimeField(_("lease renewed"), null=True, blank=True)
    # When the task last went back to the queue (its worker lost, or a retry): it has waited
    # since then, not since it was first queued.
    requeued_at = models.DateTimeField(_("queued again"), null=True, blank=True)
    retried_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("retried by"),
    )
    retried_at = models.DateTimeField(_("retried"), null=True, blank=True)

    class Meta:
        verbose_name = _("task lease")
        verbose_name_plural = _("task leases")

    def __str__(self) -> str:
        return f"{self.task_id} ({self.attempts})"


class TaskEffect(models.Model):
    """An effect outside the database (an email sent) that a task has done, by the task's id.

    A task run again after its worker died looks here first and skips what is done.
    """

    # Not a foreign key: the immediate backend (tests, development) has no task rows.
    task_id = models.CharField(_("task"), max_length=64)
    key = models.CharField(_("effect"), max_length=100)
    done_at = models.DateTimeField(_("done"), default=timezone.now)

    class Meta:
        verbose_name = _("task effect")
        verbose_name_plural = _("task effects")
        constraints = [
            models.UniqueConstraint(fields=["task_id", "key"], name="task_effect_once"),
        ]
        indexes = [models.Index(fields=["done_at"], name="task_effect_done_at")]

    def __str__(self) -> str:
        return f"{self.task_id}: {self.key}"
