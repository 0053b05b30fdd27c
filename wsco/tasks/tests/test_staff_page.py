"""The staff page of background tasks: what it lists and hides, its retry, its empty states."""

import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from wsco.core.dashboard import panels_for
from wsco.members.tests.factories import MemberProfileFactory, UserFactory
from wsco.tasks import services
from wsco.tasks.models import TaskLease
from wsco.tasks.tests.factories import failed, queued_email, running, status_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("database_backend")]

URL = "/staff/tasks/"


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True))
    return client


def lost_email(**kwargs) -> DBTaskResult:
    """Return an email task whose worker died two leases ago."""
    return running(queued_email(**kwargs), at=timezone.now() - timedelta(minutes=2))


def retry_url(task) -> str:
    return reverse("tasks:retry", args=[task.pk])


def test_the_page_lists_lost_failed_and_recent_tasks(staff_client):
    lost = lost_email(to="lost@example.org")
    broken = failed(queued_email(to="failed@example.org"))
    queued_email(to="waiting@example.org")

    page = staff_client.get(URL).content.decode()

    lost_section, rest = page.split('id="failed-heading"')
    failed_section, recent_section = rest.split('id="recent-heading"')
    assert "lost@example.org" in lost_section
    assert "failed@example.org" not in lost_section
    assert "failed@example.org" in failed_section
    assert "lost@example.org" not in failed_section
    assert "ValueError: The mail server refused the recipient." in failed_section
    for address in ("lost@example.org", "failed@example.org", "waiting@example.org"):
        assert address in recent_section
    assert retry_url(lost) in page
    assert retry_url(broken) in page
    assert page.count('action="/staff/tasks/') == 4  # lost and failed, in their list and the latest


def test_email_bodies_are_summarised_never_shown(staff_client):
    queued_email(subject="Sign in", text="Your link: https://wsco.example/login/SECRETKEY")

    page = staff_client.get(URL).content.decode()

    assert "SECRETKEY" not in page
    assert "subject: Sign in" in page
    # "Your link: " 11 + "https://" 8 + "wsco.example" 12 + "/login/" 7 + "SECRETKEY" 9 = 47.
    assert "text: 47 characters" in page


def test_the_page_says_when_nothing_is_wrong(staff_client):
    page = staff_client.get(URL).content.decode()

    assert "No task is running past its lease." in page
    assert "No task has failed." in page
    assert "No task has been queued yet." in page


def test_the_page_speaks_romanian(staff_client):
    failed()
    staff_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ro"
    try:
        page = staff_client.get(URL).content.decode()
    finally:
        translation.activate(settings.LANGUAGE_CODE)

    assert "Sarcini în fundal" in page
    assert "Nicio sarcină nu rulează după expirarea rezervării." in page
    assert "Reîncearcă" in page


def queries_for(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL).status_code == 200
    return len(captured)


def test_the_page_makes_as_many_queries_for_many_tasks_as_for_one(staff_client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # every request builds the whole page
    lost_email()
    failed()
    one = queries_for(staff_client)
    for _ in range(4):
        lost_email()
        failed()
        queued_email()
    assert queries_for(staff_client) == one


def test_staff_retry_a_failed_task_with_its_attempts_anew(staff_client):
    task = failed()
    TaskLease.objects.filter(task=task).update(attempts=3)

    response = staff_client.post(retry_url(task), follow=True)

    lease = TaskLease.objects.get(task=task)
    assert status_of(task) == "READY"
    assert (lease.attempts, lease.retried_by.is_staff) == (0, True)
    assert task.traceback == ""
    assert task.exception_class_path == ""
    assert "The task is queued again." in response.content.decode()


def test_a_second_click_on_retry_changes_nothing(staff_client):
    task = failed()
    staff_client.post(retry_url(task))
    retried_at = TaskLease.objects.get(task=task).retried_at

    response = staff_client.post(retry_url(task), follow=True)

    assert "This task is already waiting to run." in response.content.decode()
    assert status_of(task) == "READY"
    assert TaskLease.objects.get(task=task).retried_at == retried_at


def test_staff_retry_a_task_running_past_its_lease_at_once(staff_client):
    task = lost_email()

    staff_client.post(retry_url(task))

    assert status_of(task) == "READY"


@pytest.mark.parametrize(
    ("state", "message"),
    [
        ("running", "This task is running: it can be retried once its worker stops renewing"),
        ("succeeded", "This task has succeeded: there is nothing to retry."),
    ],
)
def test_a_task_running_under_its_lease_or_done_is_not_retried(staff_client, state, message):
    task = running()
    if state == "succeeded":
        task.set_successful(None)

    response = staff_client.post(retry_url(task), follow=True)

    assert message in response.content.decode()
    assert status_of(task) == ("RUNNING" if state == "running" else "SUCCESSFUL")


def test_only_staff_retry_and_only_by_post(client):
    task = failed()
    client.force_login(MemberProfileFactory().user)
    assert client.post(retry_url(task)).status_code == 403
    client.force_login(UserFactory(is_staff=True))
    assert client.get(retry_url(task)).status_code == 405
    assert status_of(task) == "FAILED"


def test_retrying_an_unknown_task_is_not_found(staff_client):
    url = reverse("tasks:retry", args=["00000000-0000-4000-8000-000000000000"])
    assert staff_client.post(url).status_code == 404


def test_staff_home_points_to_tasks_that_need_them_and_nobody_else():
    failed()
    lost_email()
    staff, member = UserFactory(is_staff=True), MemberProfileFactory().user

    def panel(user):
        request = type("Request", (), {"user": user})()
        return {panel.name: context for panel, context in panels_for(request)}.get("tasks")

    assert panel(staff) == {"lost": 1, "failed": 1, "pending": 2}
    assert panel(member) is None


def test_staff_home_has_no_tasks_panel_when_all_is_well():
    queued_email()
    request = type("Request", (), {"user": UserFactory(is_staff=True)})()
    assert "tasks" not in [panel.name for panel, _context in panels_for(request)]


@pytest.mark.django_db(transaction=True)
def test_two_retries_at_the_same_moment_queue_the_task_once():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one writer in at a time: the clicks cannot overlap there.")
    task, staff = failed(), UserFactory(is_staff=True)
    together = threading.Barrier(2)
    outcomes = []

    def click():
        try:
            together.wait()
            services.retry_task(task=task, by=staff)
            outcomes.append("queued")
        except ValidationError as refusal:
            outcomes.append(refusal.messages[0])
        finally:
            connection.close()

    clicks = [threading.Thread(target=click) for _ in range(2)]
    for thread in clicks:
        thread.start()
    for thread in clicks:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["This task is already waiting to run.", "queued"]
    assert status_of(task) == "READY"
