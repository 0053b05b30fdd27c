"""The network's limits, each tested just inside and just outside."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from wsco.network import services
from wsco.network.forms import REQUEST_MESSAGE_MAX_LENGTH
from wsco.network.models import Introduction, Message
from wsco.network.services.introductions import MESSAGE_MAX_LENGTH, REQUEST_WINDOW
from wsco.network.tests.factories import connect, member

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("age", "counted"),
    [
        (REQUEST_WINDOW - datetime.timedelta(minutes=1), True),
        (REQUEST_WINDOW + datetime.timedelta(minutes=1), False),
    ],
    ids=["a minute inside the 7 days", "a minute past them"],
)
def test_the_weekly_limit_counts_requests_of_the_last_7_days(settings, age, counted):
    settings.NETWORK_WEEKLY_REQUEST_LIMIT = 1
    ana, bogdan, carmen = member(), member(), member()
    earlier = services.request_introduction(sender=ana, recipient=bogdan, message="Hello")
    Introduction.objects.filter(pk=earlier.pk).update(created_at=timezone.now() - age)
    if counted:
        with pytest.raises(ValidationError, match="1 requests in the last 7 days"):
            services.request_introduction(sender=ana, recipient=carmen, message="Hello")
    else:
        services.request_introduction(sender=ana, recipient=carmen, message="Hello")
    assert Introduction.objects.filter(recipient=carmen).exists() is not counted


@pytest.mark.parametrize("limit", [1, 10])
def test_the_weekly_limit_lets_the_last_request_through_and_stops_the_next(settings, limit):
    settings.NETWORK_WEEKLY_REQUEST_LIMIT = limit
    ana = member()
    for _ in range(limit):
        services.request_introduction(sender=ana, recipient=member(), message="Hello")
    with pytest.raises(ValidationError, match=f"{limit} requests in the last 7 days"):
        services.request_introduction(sender=ana, recipient=member(), message="Hello")
    assert Introduction.objects.filter(sender=ana).count() == limit


@pytest.mark.parametrize(("length", "accepted"), [(2000, True), (2001, False)])
def test_a_message_holds_at_most_2000_characters(length, accepted):
    assert MESSAGE_MAX_LENGTH == 2000
    ana, bogdan = member(), member()
    connection = connect(ana, bogdan)
    body = "a" * length
    if accepted:
        services.send_message(connection=connection, sender=ana, body=body)
    else:
        with pytest.raises(ValidationError, match="at most 2000 characters"):
            services.send_message(connection=connection, sender=ana, body=body)
    assert Message.objects.count() == (1 if accepted else 0)


@pytest.mark.parametrize(("length", "status"), [(500, 302), (501, 400)])
def test_a_request_message_holds_at_most_500_characters(client, length, status):
    assert REQUEST_MESSAGE_MAX_LENGTH == 500
    ana, bogdan = member(), member()
    client.force_login(ana.user)
    url = reverse("network:request", kwargs={"profile_id": bogdan.pk})
    response = client.post(url, {"message": "a" * length})
    assert response.status_code == status
    assert Introduction.objects.exists() is (status == 302)


@pytest.mark.parametrize(
    ("name", "per_page", "make"),
    [
        ("network:connections", 30, lambda me: connect(me, member())),
        (
            "network:requests",
            20,
            lambda me: services.request_introduction(sender=me, recipient=member(), message="Hi"),
        ),
    ],
)
def test_a_list_page_holds_its_page_size_and_the_next_one_goes_on(
    client, settings, name, per_page, make
):
    settings.NETWORK_WEEKLY_REQUEST_LIMIT = per_page + 1
    me = member()
    client.force_login(me.user)
    for _ in range(per_page):
        make(me)
    first = client.get(reverse(name))
    assert first.status_code == 200
    assert "page=2" not in first.content.decode()
    make(me)
    assert "page=2" in client.get(reverse(name)).content.decode()
    assert client.get(reverse(name), {"page": 2}).status_code == 200
