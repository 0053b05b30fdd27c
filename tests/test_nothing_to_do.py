"""My WSCO says "Nothing to do" only when nothing waits for the person in any panel: no request
to answer, no review to write, no unread notification."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from wsco.members.tests.factories import current_member
from wsco.network.models import Introduction
from wsco.network.tests.factories import member
from wsco.notifications.models import Notification
from wsco.notifications.services import mark_all_read
from wsco.publications.models import Review
from wsco.publications.tests.factories import SubmittedArticleFactory, make_editor

pytestmark = pytest.mark.django_db

NOTHING = "Nothing to do."


def home(client, profile) -> str:
    client.force_login(profile.user)
    return client.get(reverse("members:home")).content.decode()


@pytest.fixture
def settled():
    """A member in good standing with a complete profile: the page's own steps are all done."""
    return current_member(bio="I plan tram lines.")


def test_nothing_to_do_when_nothing_waits(client, settled):
    assert NOTHING in home(client, settled)


def test_an_unread_notification_is_something_to_do_until_read(client, settled):
    Notification.objects.create(
        recipient=settled.user, kind="network.request_received", params={"name": "Ana Pop"}
    )

    page = home(client, settled)
    assert NOTHING not in page
    assert "One thing waits for you below." in page
    assert "Ana Pop would like to meet you" in page

    mark_all_read(user=settled.user)
    assert NOTHING in home(client, settled)


def test_a_request_to_answer_is_something_to_do(client, settled):
    Introduction.objects.create(sender=member(), recipient=settled, message="Hello")

    page = home(client, settled)

    assert NOTHING not in page
    assert "One person is waiting for your answer." in page


def test_a_review_to_write_is_something_to_do(client, settled):
    article = SubmittedArticleFactory(status="in_review")
    Review.objects.create(
        article=article,
        reviewer=settled.user,
        due_on=timezone.localdate() + datetime.timedelta(days=5),
        assigned_by=make_editor(),
    )

    assert NOTHING not in home(client, settled)
