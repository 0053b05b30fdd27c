"""What the every-field XSS sweep needs from the tasks app (see wsco/core/tests/xss_sweep.py).

The staff page lists a failed email task; its lease and the record of its email are in the admin.
"""

from django.test.utils import override_settings

from wsco.tasks.models import TaskEffect, TaskLease
from wsco.tasks.tests.factories import failed, queued_email


def _failed_email_lease(world) -> TaskLease:
    # The tests run tasks at once; a task row exists only with the database backend.
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        task = failed(queued_email(to=world.person("member").email))
    return TaskLease.objects.get(task=task)


BUILDERS = {
    TaskLease: _failed_email_lease,
    TaskEffect: lambda world: TaskEffect.objects.create(
        task_id=str(world[TaskLease].task_id), key="email"
    ),
}
NOT_WRITTEN_BY_PEOPLE = {
    "tasks.TaskLease.worker_id": "the id a worker gives itself",
    "tasks.TaskEffect.task_id": "the id the task backend gave a task",
    "tasks.TaskEffect.key": "the name the code gives an effect",
}
NOT_PAGES = {
    "tasks:retry": "an action that answers POST only",
}
