""" "Ask to meet" on a member's profile: offered exactly where the network would take the request,
hidden where it would not, and with the reason when the weekly limit is what stops it."""

import pytest
from django.urls import reverse

from wsco.members.models import Visibility
from wsco.members.tests.factories import ProfileFactory
from wsco.network import services
from wsco.network.models import Block, Introduction, IntroductionStatus
from wsco.network.tests.factories import connect, member

pytestmark = pytest.mark.django_db

LIMIT_REASON = "requests in the last 7 days, the most allowed"


def profile_page(client, viewer, person) -> str:
    if viewer is not None:
        client.force_login(viewer.user)
    response = client.get(reverse("members:profile", args=[person.pk]))
    assert response.status_code == 200
    return response.content.decode()


def offers_request(page: str, person) -> bool:
    return f'action="{reverse("network:request", args=[person.pk])}"' in page


def test_a_member_may_ask_another_from_their_profile_and_the_request_is_made(client):
    ana, bogdan = member(), member(name="Bogdan Ionescu")

    page = profile_page(client, ana, bogdan)
    assert offers_request(page, bogdan)
    assert "A short message to Bogdan Ionescu" in page

    response = client.post(reverse("network:request", args=[bogdan.pk]), {"message": "Trams?"})
    assert response.status_code == 302
    assert Introduction.objects.get(sender=ana, recipient=bogdan).message == "Trams?"


@pytest.mark.parametrize(
    "situation",
    ["own profile", "pending request", "connected", "blocked", "blocked by them", "declined"],
)
def test_the_button_is_hidden_where_the_network_refuses(client, situation):
    ana, bogdan = member(), member()
    person = bogdan
    if situation == "own profile":
        person = ana
    elif situation == "pending request":
        Introduction.objects.create(sender=bogdan, recipient=ana, message="Hi")
    elif situation == "connected":
        connect(ana, bogdan)
    elif situation == "blocked":
        Block.objects.create(blocker=ana, blocked=bogdan)
    elif situation == "blocked by them":
        Block.objects.create(blocker=bogdan, blocked=ana)
    elif situation == "declined":
        Introduction.objects.create(
            sender=ana, recipient=bogdan, message="Hi", status=IntroductionStatus.DECLINED
        )

    page = profile_page(client, ana, person)

    assert not offers_request(page, person)
    assert LIMIT_REASON not in page


@pytest.mark.parametrize("viewer", ["visitor", "not a member"])
def test_nobody_outside_the_network_is_offered_it(client, viewer):
    bogdan = member(visibility=Visibility.PUBLIC)
    who = None if viewer == "visitor" else ProfileFactory()

    assert not offers_request(profile_page(client, who, bogdan), bogdan)


def test_the_weekly_limit_is_said_and_one_request_below_it_is_offered(client, settings):
    settings.NETWORK_WEEKLY_REQUEST_LIMIT = 2
    ana, bogdan = member(), member()
    services.request_introduction(sender=ana, recipient=member(), message="Hi")

    page = profile_page(client, ana, bogdan)
    assert offers_request(page, bogdan)  # one sent, the limit is two

    services.request_introduction(sender=ana, recipient=member(), message="Hi")
    page = profile_page(client, ana, bogdan)
    assert not offers_request(page, bogdan)
    assert f"You have sent 2 {LIMIT_REASON}." in page


def test_the_kept_profile_page_offers_each_viewer_their_own_answer(client):
    ana, bogdan, carmen = member(), member(name="Bogdan Ionescu"), member()
    assert offers_request(profile_page(client, ana, bogdan), bogdan)
    Block.objects.create(blocker=bogdan, blocked=carmen)
    assert not offers_request(profile_page(client, carmen, bogdan), bogdan)
    Block.objects.create(blocker=ana, blocked=bogdan)  # The page itself is unchanged.
    assert not offers_request(profile_page(client, ana, bogdan), bogdan)
