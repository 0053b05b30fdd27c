"""The helper that fetches a task for the person asking; views reach tasks only here."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django_tasks_db.models import DBTaskResult


def get_task_for_staff(user, task_id) -> DBTaskResult:
    """Return the task `task_id` to a member of staff; 403 for anyone else, 404 if unknown."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        raise PermissionDenied
    task = DBTaskResult.objects.filter(pk=task_id).first()
    if task is None:
        raise Http404
    return task
