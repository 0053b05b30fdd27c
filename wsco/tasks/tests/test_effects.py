"""Effects outside the database are done once per task, whatever the number of its attempts."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskContext
from django_tasks_db.models import DBTaskResult

from wsco.core.tasks import send_email
from wsco.tasks import services
from wsco.tasks.models import TaskEffect
from wsco.tasks.tests.factories import failed, queued_email, running

pytestmark = pytest.mark.django_db


def context_of(task: DBTaskResult) -> TaskContext:
    return TaskContext(task_result=task.task_result)


@pytest.mark.usefixtures("database_backend")
def test_an_effect_is_done_once_per_task_and_again_for_another_task():
    first, second = queued_email(), queued_email()
    done = []

    ran = [
        services.run_once(context=context_of(task), key="call", effect=lambda: done.append(1))
        for task in (first, first, second)
    ]

    assert ran == [True, False, True]
    assert len(done) == 2


@pytest.mark.usefixtures("database_backend")
def test_an_effect_that_fails_is_not_recorded_and_is_tried_again():
    task = queued_email()

    def refused():
        raise ConnectionRefusedError("The mail server is down.")

    with pytest.raises(ConnectionRefusedError, match="mail server is down"):
        services.run_once(context=context_of(task), key="email", effect=refused)

    assert not TaskEffect.objects.exists()
    assert services.run_once(context=context_of(task), key="email", effect=lambda: None)


def test_every_attempt_at_an_email_carries_the_same_message_id(mailoutbox, settings):
    settings.SITE_URL = "https://wsco.example"
    result = send_email.enqueue(to=["ana@example.org"], subject="Welcome", text="Hello.")
    TaskEffect.objects.all().delete()  # as if the first attempt died before recording the send

    send_email.call(TaskContext(task_result=result), **result.kwargs)

    ids = {message.extra_headers["Message-ID"] for message in mailoutbox}
    assert ids == {f"<{result.id}.email@wsco.example>"}
    assert len(mailoutbox) == 2


@pytest.mark.usefixtures("database_backend")
def test_pruning_forgets_the_effects_of_old_finished_tasks_only():
    now = timezone.now()
    old, recent = now - timedelta(days=20), now - timedelta(days=2)
    succeeded = running()
    succeeded.set_successful(None)
    for task, done_at in [
        (succeeded, old),
        (failed(), old),  # staff may retry it: a rerun must still skip what it did
        (running(), old),
        (queued_email(), old),
        ("pruned-already", old),
        ("recent", recent),
    ]:
        task_id = task if isinstance(task, str) else str(task.pk)
        TaskEffect.objects.create(task_id=task_id, key="email", done_at=done_at)

    call_command("prune_db_task_results", "--min-age-days", "14", verbosity=0)

    kept = set(TaskEffect.objects.values_list("task_id", flat=True))
    assert len(kept) == 4
    assert "recent" in kept
    assert not {str(succeeded.pk), "pruned-already"} & kept
