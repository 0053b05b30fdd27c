"""Every event of the network reaches the person's notifications, and its email when wanted."""

import pytest
from django.core import mail

from wsco.members.tests.factories import UserFactory
from wsco.network import services
from wsco.network.tests.factories import connect, member
from wsco.notifications.models import Notification
from wsco.notifications.services import Channels, set_preferences

pytestmark = pytest.mark.django_db


def told(profile, kind: str) -> Notification:
    return Notification.objects.get(recipient=profile.user, kind=kind)


def test_a_request_tells_the_recipient_once_in_both_channels(django_capture_on_commit_callbacks):
    ana, bogdan = member(name="Ana Pop"), member()
    with django_capture_on_commit_callbacks(execute=True):
        introduction = services.request_introduction(sender=ana, recipient=bogdan, message="Hi")

    notification = told(bogdan, "network.request_received")
    assert notification.title == "Ana Pop would like to meet you"
    assert notification.url == "/network/requests/"
    assert notification.about == f"network.introduction:{introduction.pk}"
    assert [email.to for email in mail.outbox] == [[bogdan.user.email]]
    assert "Hi" in mail.outbox[0].body  # the request's own email, as before


def test_a_request_to_someone_who_turned_its_email_off_sends_none(
    django_capture_on_commit_callbacks,
):
    ana, bogdan = member(), member()
    set_preferences(
        user=bogdan.user,
        choices={"network.request_received": Channels(in_app=True, email=False)},
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.request_introduction(sender=ana, recipient=bogdan, message="Hi")

    assert told(bogdan, "network.request_received")
    assert mail.outbox == []


def test_an_acceptance_tells_both_and_links_to_their_thread(django_capture_on_commit_callbacks):
    ana, bogdan = member(name="Ana Pop"), member(name="Bogdan Ionescu")
    introduction = services.request_introduction(sender=ana, recipient=bogdan, message="Hi")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        connection = services.accept_introduction(introduction=introduction, by=bogdan)

    assert told(ana, "network.request_accepted").title == "You and Bogdan Ionescu are now connected"
    assert told(bogdan, "network.request_accepted").url == connection.get_absolute_url()
    assert sorted(email.to[0] for email in mail.outbox) == sorted(
        [ana.user.email, bogdan.user.email]
    )


def test_a_decline_tells_the_asker_in_the_centre_only_by_default(
    django_capture_on_commit_callbacks,
):
    ana, bogdan = member(), member(name="Bogdan Ionescu")
    introduction = services.request_introduction(sender=ana, recipient=bogdan, message="Hi")
    with django_capture_on_commit_callbacks(execute=True):
        services.decline_introduction(introduction=introduction, by=bogdan)

    assert told(ana, "network.request_declined").title == (
        "Bogdan Ionescu declined your request to meet"
    )
    assert mail.outbox == []


def test_a_staff_introduction_tells_both(django_capture_on_commit_callbacks):
    ana, bogdan = member(name="Ana Pop"), member(name="Bogdan Ionescu")
    with django_capture_on_commit_callbacks(execute=True):
        services.introduce_members(
            first=ana, second=bogdan, note="Trams.", by=UserFactory(is_staff=True)
        )

    assert "Bogdan Ionescu" in told(ana, "network.staff_introduction").title
    assert "Ana Pop" in told(bogdan, "network.staff_introduction").title
    assert len(mail.outbox) == 2


def test_a_message_tells_the_other_person_only(django_capture_on_commit_callbacks):
    ana, bogdan = member(name="Ana Pop"), member()
    connection = connect(ana, bogdan)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_message(connection=connection, sender=ana, body="Hello")

    notification = told(bogdan, "network.message_received")
    assert (notification.title, notification.url) == (
        "Ana Pop sent you a message",
        connection.get_absolute_url(),
    )
    assert not Notification.objects.filter(recipient=ana.user).exists()
    assert [email.to for email in mail.outbox] == [[bogdan.user.email]]
    assert connection.get_absolute_url() in mail.outbox[0].body
