"""The staff page of background tasks: lost, failed and recent ones, with a retry."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wsco.accounts.access import staff_required
from wsco.tasks import queries, services
from wsco.tasks.access import get_task_for_staff

ROWS_SHOWN = 50


@staff_required
def staff_tasks(request: HttpRequest) -> HttpResponse:
    """List the tasks that need staff (lost, failed) and the latest ones, with the queue's state."""
    now = timezone.now()
    oldest_waiting = queries.oldest_ready_task_age(now=now)
    return render(
        request,
        "tasks/staff_tasks.html",
        {
            "counts": queries.task_counts(now=now),
            "oldest_waiting_since": now - oldest_waiting if oldest_waiting is not None else None,
            "lost": queries.task_rows(queries.lost_tasks(now=now)[:ROWS_SHOWN], now=now),
            "failed": queries.task_rows(queries.failed_tasks()[:ROWS_SHOWN], now=now),
            "recent": queries.task_rows(queries.recent_tasks()[:ROWS_SHOWN], now=now),
            "rows_shown": ROWS_SHOWN,
        },
    )


@staff_required
@require_POST
def retry_task(request: HttpRequest, task_id) -> HttpResponse:
    """Queue a failed or lost task again."""
    task = get_task_for_staff(request.user, task_id)
    try:
        services.retry_task(task=task, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The task is queued again."))
    return redirect("tasks:staff_tasks")
