"""The header's unread count and the home page's panel, kept per person until their
notifications change: a new one, one or all read, all erased."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wsco.members.tests.factories import UserFactory
from wsco.notifications import services
from wsco.notifications.models import Notification
from wsco.notifications.personal_data import erase_notifications
from wsco.notifications.tests.test_pages import tell

pytestmark = pytest.mark.django_db

SETTINGS_PAGE = reverse("notifications:preferences")
MY_WSCO = reverse("members:home")


def badge(count: int) -> str:
    return f'<span class="badge notification-count" aria-hidden="true">{count}</span>'


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def notification_queries(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        page(client, url)
    return [
        query["sql"]
        for query in captured.captured_queries
        if '"notifications_notification"' in query["sql"]
    ]


def test_the_unread_count_is_counted_once_then_kept(client, greeting_kind):
    person = UserFactory()
    tell(person, times=2)
    client.force_login(person)
    assert len(notification_queries(client, SETTINGS_PAGE)) == 1
    assert notification_queries(client, SETTINGS_PAGE) == []
    assert badge(2) in page(client, SETTINGS_PAGE)


def test_the_home_panel_is_read_once_then_kept(client, greeting_kind):
    person = UserFactory()
    tell(person, times=2)
    client.force_login(person)
    assert notification_queries(client, MY_WSCO) != []
    assert notification_queries(client, MY_WSCO) == []
    assert "2 unread notifications." in page(client, MY_WSCO)


def _read_first(person, told):
    services.mark_read(notification=told[0], by=person)


def _read_all(person, _told):
    services.mark_all_read(user=person)


def _erase(person, _told):
    erase_notifications(person)


def _delete_first(_person, told):
    told[0].delete()


# Each change, and how many are unread after it (of two told, then one more).
CHANGES = {
    "told once more": (lambda person, _told: tell(person), 3),
    "one read": (_read_first, 1),
    "all read": (_read_all, 0),
    "one deleted": (_delete_first, 1),
    "all erased": (_erase, 0),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_to_the_persons_notifications_shows_at_once(client, greeting_kind, change):
    person, other = UserFactory(), UserFactory()
    told = tell(person, times=2)
    tell(other)
    client.force_login(person)
    assert badge(2) in page(client, SETTINGS_PAGE)
    assert "2 unread notifications." in page(client, MY_WSCO)

    do, unread = CHANGES[change]
    do(person, told)

    assert Notification.objects.unread().filter(recipient=person).count() == unread
    settings_page, home = page(client, SETTINGS_PAGE), page(client, MY_WSCO)
    if unread:
        assert badge(unread) in settings_page
        assert f"{unread} unread notification" in home
    else:
        assert "notification-count" not in settings_page
        assert "unread notification" not in home


def test_one_persons_change_leaves_anothers_kept_count(client, greeting_kind):
    person, other = UserFactory(), UserFactory()
    tell(person)
    tell(other)
    client.force_login(person)
    page(client, SETTINGS_PAGE)
    services.mark_all_read(user=other)
    tell(UserFactory())
    assert notification_queries(client, SETTINGS_PAGE) == []
