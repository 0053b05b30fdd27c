"""The centre, marking read, the settings page, the header's bell and the API."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wsco.members.tests.factories import UserFactory
from wsco.notifications import services
from wsco.notifications.models import Notification, NotificationPreference
from wsco.notifications.tests.conftest import KIND

pytestmark = pytest.mark.django_db


def tell(person, *, name="Ana Pop", times=1) -> list[Notification]:
    return [
        services.notify(recipient=person, kind=KIND, id=number, name=name)
        for number in range(1, times + 1)
    ]


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("url", [reverse("notifications:centre"), "/api/v1/notifications"])
def test_the_centre_does_not_grow_with_its_rows(client, greeting_kind, url):
    counts = []
    for rows in (1, 6):
        person = UserFactory()
        tell(person, times=rows)
        client.force_login(person)
        counts.append(count_queries(client, url))
    assert counts[0] == counts[1]


def test_the_centre_lists_unread_first_with_links(client, greeting_kind):
    person = UserFactory()
    _first, second = tell(person, times=2)
    services.mark_read(notification=second, by=person)
    client.force_login(person)

    response = client.get(reverse("notifications:centre"))

    body = response.content.decode()
    assert body.index('href="/members/1/"') < body.index('href="/members/2/"')
    assert "1 unread notification." in body


def test_the_header_shows_the_unread_count(client, greeting_kind):
    person = UserFactory()
    tell(person, times=3)
    client.force_login(person)

    body = client.get(reverse("notifications:preferences")).content.decode()

    assert '<span class="badge notification-count" aria-hidden="true">3</span>' in body
    assert ": 3 unread" in body


def test_the_header_has_no_badge_when_all_is_read_and_no_bell_for_visitors(client, greeting_kind):
    person = UserFactory()
    client.force_login(person)
    assert "notification-count" not in client.get(reverse("notifications:centre")).content.decode()
    client.logout()
    assert "notification-bell" not in client.get(reverse("core:home")).content.decode()


def test_marking_read_one_and_all(client, greeting_kind):
    person = UserFactory()
    first, second, third = tell(person, times=3)
    client.force_login(person)

    client.post(reverse("notifications:mark_read", args=[first.pk]))
    assert set(Notification.objects.unread().values_list("pk", flat=True)) == {
        second.pk,
        third.pk,
    }
    client.post(reverse("notifications:mark_all_read"))
    assert not Notification.objects.unread().exists()


def test_nobody_marks_anothers_notification_read(client, greeting_kind):
    [theirs] = tell(UserFactory())
    client.force_login(UserFactory())

    response = client.post(reverse("notifications:mark_read", args=[theirs.pk]))
    api = client.post(f"/api/v1/notifications/{theirs.pk}/read")
    client.post(reverse("notifications:mark_all_read"))

    assert (response.status_code, api.status_code) == (404, 404)
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_settings_page_lists_every_kind_with_two_labelled_switches(client, greeting_kind):
    person = UserFactory()
    client.force_login(person)

    body = client.get(reverse("notifications:preferences")).content.decode()

    assert "A greeting" in body
    assert f'id="id_{KIND}__in_app" checked' in body
    assert f'id="id_{KIND}__email" checked' in body
    assert f'<label for="id_{KIND}__email"' in body


def test_saving_the_settings_turns_the_email_off(client, greeting_kind, mailoutbox):
    person = UserFactory()
    client.force_login(person)

    response = client.post(reverse("notifications:preferences"), {f"{KIND}__in_app": "on"})

    assert response.status_code == 302
    choice = NotificationPreference.objects.get(user=person, kind=KIND)
    assert (choice.kind, choice.in_app, choice.email) == (KIND, True, False)


def test_the_api_lists_marks_one_and_marks_all(client, greeting_kind):
    person = UserFactory()
    first, _second = tell(person, name="Ana", times=2)
    client.force_login(person)

    listing = client.get("/api/v1/notifications").json()
    assert (listing["count"], listing["unread"]) == (2, 2)
    assert listing["items"][0]["title"] == "Ana would like to meet you"
    assert listing["items"][0]["url"].endswith("/members/2/")

    marked = client.post(f"/api/v1/notifications/{first.pk}/read").json()
    assert marked["read_at"] is not None
    assert client.post("/api/v1/notifications/read").json() == {"marked": 1}
    assert not Notification.objects.unread().exists()
