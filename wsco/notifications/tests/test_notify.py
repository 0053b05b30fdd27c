"""`notify` writes the notification and sends its email only on the channels switched on."""

import pytest
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.utils import translation

from wsco.members.tests.factories import UserFactory
from wsco.notifications import services
from wsco.notifications.models import Notification, NotificationPreference
from wsco.notifications.services import Channels
from wsco.notifications.tests.conftest import KIND

pytestmark = pytest.mark.django_db


@pytest.fixture
def notify_now(django_capture_on_commit_callbacks):
    """Return `notify`, whose emails are sent as its change commits."""

    def run(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return services.notify(**kwargs)

    return run


def test_notify_writes_the_row_and_queues_the_email_by_default(
    notify_now, greeting_kind, mailoutbox
):
    person = UserFactory()

    notification = notify_now(
        recipient=person, kind=KIND, about="members.profile:7", id=7, name="Ana Pop"
    )

    assert Notification.objects.get() == notification
    assert (notification.recipient, notification.params) == (person, {"id": 7, "name": "Ana Pop"})
    assert (notification.url, notification.about, notification.read_at) == (
        "/members/7/",
        "members.profile:7",
        None,
    )
    assert [message.to for message in mailoutbox] == [[person.email]]
    assert "Ana Pop would like to meet you" in mailoutbox[0].subject
    assert "/members/7/" in mailoutbox[0].body


def test_email_switched_off_writes_the_row_and_sends_nothing(notify_now, greeting_kind, mailoutbox):
    person = UserFactory()
    services.set_preferences(user=person, choices={KIND: Channels(in_app=True, email=False)})

    notify_now(recipient=person, kind=KIND, id=1, name="Ana")

    assert Notification.objects.filter(recipient=person).count() == 1
    assert mailoutbox == []


def test_centre_switched_off_writes_no_row_but_still_emails(notify_now, greeting_kind, mailoutbox):
    person = UserFactory()
    services.set_preferences(user=person, choices={KIND: Channels(in_app=False, email=True)})

    assert notify_now(recipient=person, kind=KIND, id=1, name="Ana") is None

    assert not Notification.objects.exists()
    assert len(mailoutbox) == 1


def test_a_kind_whose_email_is_off_by_default_sends_none_until_switched_on(
    notify_now, greeting_kind, mailoutbox
):
    from dataclasses import replace

    from wsco.notifications import kinds

    kinds.register_kind(replace(greeting_kind, email_default=False))
    person = UserFactory()
    notify_now(recipient=person, kind=KIND, id=1, name="Ana")
    assert mailoutbox == []

    services.set_preferences(user=person, choices={KIND: Channels(in_app=True, email=True)})
    notify_now(recipient=person, kind=KIND, id=1, name="Ana")
    assert len(mailoutbox) == 1


def test_preferences_default_to_the_centre_on_and_the_kinds_email_default(
    notify_now, greeting_kind
):
    person = UserFactory()

    assert services.preferences_of(person)[KIND] == Channels(in_app=True, email=True)
    assert not NotificationPreference.objects.exists()


def test_the_email_is_in_the_recipients_language(notify_now, greeting_kind, mailoutbox):
    person = UserFactory(language="ro")

    notify_now(recipient=person, kind=KIND, id=1, name="Ana")

    assert "Ana dorește să vă cunoască" in mailoutbox[0].subject


def test_the_title_is_rendered_in_the_readers_language_from_the_stored_names(
    notify_now, greeting_kind
):
    notification = notify_now(recipient=UserFactory(), kind=KIND, id=1, name="Ana")

    with translation.override("ro"):
        assert notification.title == "Ana dorește să vă cunoască"
    with translation.override("en"):
        assert notification.title == "Ana would like to meet you"


def test_an_unknown_kind_is_refused_and_an_inactive_person_is_not_told(
    notify_now, greeting_kind, mailoutbox
):
    with pytest.raises(ImproperlyConfigured, match=r"No notification kind 'nobody\.knows'"):
        notify_now(recipient=UserFactory(), kind="nobody.knows")

    assert notify_now(recipient=UserFactory(is_active=False), kind=KIND, id=1, name="A") is None
    assert not Notification.objects.exists()
    assert mailoutbox == []


def test_a_notification_of_a_kind_no_longer_registered_still_reads(notify_now, greeting_kind):
    notification = Notification.objects.create(recipient=UserFactory(), kind="gone.away")

    assert notification.title == "You have a notification."


def test_only_the_recipient_marks_a_notification_read(notify_now, greeting_kind):
    person, other = UserFactory(), UserFactory()
    notification = notify_now(recipient=person, kind=KIND, id=1, name="Ana")

    with pytest.raises(PermissionDenied, match="Only the recipient"):
        services.mark_read(notification=notification, by=other)
    notification.refresh_from_db()
    assert notification.read_at is None

    services.mark_read(notification=notification, by=person)
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_mark_all_read_marks_only_the_persons_own(notify_now, greeting_kind):
    person, other = UserFactory(), UserFactory()
    for recipient in (person, person, other):
        notify_now(recipient=recipient, kind=KIND, id=1, name="Ana")

    assert services.mark_all_read(user=person) == 2

    assert Notification.objects.unread().get().recipient == other


def test_unknown_kinds_in_the_settings_are_ignored(notify_now, greeting_kind):
    person = UserFactory()

    services.set_preferences(
        user=person,
        choices={KIND: Channels(in_app=False, email=False), "x.y": Channels(False, False)},
    )

    assert list(NotificationPreference.objects.values_list("kind", "in_app", "email")) == [
        (KIND, False, False)
    ]


def test_the_data_export_holds_the_notifications_as_read_and_erasing_removes_them(
    notify_now, greeting_kind
):
    from wsco.notifications.personal_data import erase_notifications, export_notifications

    person = UserFactory()
    notify_now(recipient=person, kind=KIND, id=3, name="Ana")
    services.set_preferences(user=person, choices={KIND: Channels(in_app=True, email=False)})

    data = export_notifications(person)
    assert [item["title"] for item in data["notifications"]] == ["Ana would like to meet you"]
    assert data["settings"] == [{"kind": KIND, "in_app": True, "email": False}]

    erase_notifications(person)
    assert not Notification.objects.exists()
    assert not NotificationPreference.objects.exists()
