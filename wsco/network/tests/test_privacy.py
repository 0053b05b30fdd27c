"""No contact detail of the other person leaves the server before both accept; after, it does."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from wsco.core.dashboard import panels_for
from wsco.members.models import OrganizationType
from wsco.members.tests.factories import UserFactory
from wsco.network import services
from wsco.network.tests.factories import member

pytestmark = pytest.mark.django_db

BASE = "/api/v1/network"


@pytest.fixture
def pair():
    """Two members who match each other, with an email address and a phone each."""
    ana = member(
        organization_type=OrganizationType.CITY_HALL,
        interests=["energy"],
        looks_for="smart meters",
        phone="+40 711 111 111",
        website="https://ana.example.org",
    )
    bogdan = member(
        interests=["energy"],
        offers="smart meters",
        phone="+40 722 222 222",
        website="https://bogdan.example.org",
    )
    services.rebuild_index()
    return ana, bogdan


def contact_details(profile) -> list[str]:
    return [profile.user.email, profile.phone]


def everything_seen_by(client, viewer, other) -> dict[str, str]:
    """Return every network page and API answer `viewer` can reach, by name."""
    client.force_login(viewer.user)
    seen = {}
    for name, args in [
        ("network:people_to_meet", []),
        ("network:requests", []),
        ("network:connections", []),
        ("network:blocked", []),
        ("network:request", [other.pk]),
        ("network:block", [other.pk]),
        ("network:report", [other.pk]),
    ]:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 200, name
        seen[name] = response.content.decode()
    for path in ["suggestions", "requests/received", "requests/sent", "connections"]:
        response = client.get(f"{BASE}/{path}")
        assert response.status_code == 200, path
        seen[path] = response.content.decode()
    request = RequestFactory().get("/")
    request.user = viewer.user
    seen["home panel"] = "".join(
        render_to_string(panel.template, context, request=request)
        for panel, context in panels_for(request)
    )
    return seen


def leaks(seen: dict[str, str], other) -> list[tuple[str, str]]:
    return [
        (where, detail)
        for where, content in seen.items()
        for detail in contact_details(other)
        if detail in content
    ]


def test_suggested_people_show_no_contact_details(client, pair):
    ana, bogdan = pair
    seen = everything_seen_by(client, ana, bogdan)
    assert f'id="suggestion-{bogdan.pk}"' in seen["network:people_to_meet"]  # shown, but
    assert leaks(seen, bogdan) == []
    assert leaks(everything_seen_by(client, bogdan, ana), ana) == []


def test_a_pending_request_shows_no_contact_details_to_either_side(client, pair):
    ana, bogdan = pair
    introduction = services.request_introduction(sender=ana, recipient=bogdan, message="Hi")
    response = client.post(f"{BASE}/requests/{introduction.pk}/withdraw")  # not signed in: nothing
    assert response.status_code == 401
    assert leaks(everything_seen_by(client, ana, bogdan), bogdan) == []
    seen_by_bogdan = everything_seen_by(client, bogdan, ana)
    assert "Hi" in seen_by_bogdan["network:requests"]
    assert leaks(seen_by_bogdan, ana) == []


def test_a_declined_request_never_shows_contact_details(client, pair):
    ana, bogdan = pair
    introduction = services.request_introduction(sender=ana, recipient=bogdan, message="Hi")
    services.decline_introduction(introduction=introduction, by=bogdan)
    assert leaks(everything_seen_by(client, ana, bogdan), bogdan) == []
    assert leaks(everything_seen_by(client, bogdan, ana), ana) == []


def test_a_staff_introduction_accepted_by_one_shows_nothing_yet(client, pair):
    ana, bogdan = pair
    introduction = services.introduce_members(
        first=ana, second=bogdan, note="Meet", by=UserFactory(is_staff=True)
    )
    services.accept_introduction(introduction=introduction, by=ana)
    assert leaks(everything_seen_by(client, ana, bogdan), bogdan) == []
    assert leaks(everything_seen_by(client, bogdan, ana), ana) == []


def test_after_acceptance_both_see_each_others_contact_details(client, pair):
    ana, bogdan = pair
    introduction = services.request_introduction(sender=ana, recipient=bogdan, message="Hi")
    connection = services.accept_introduction(introduction=introduction, by=bogdan)
    for viewer, other in ((ana, bogdan), (bogdan, ana)):
        seen = everything_seen_by(client, viewer, other)
        for where in ("network:connections", "connections"):
            for detail in contact_details(other):
                assert detail in seen[where], (where, detail)
        thread = client.get(reverse("network:thread", args=[connection.pk])).content.decode()
        assert other.user.email in thread
        assert other.phone in thread
        # Nowhere else: suggestions and requests still carry no contact details.
        assert {where for where, _ in leaks(seen, other)} == {"network:connections", "connections"}


def test_a_block_closes_the_contact_details_again(client, pair):
    ana, bogdan = pair
    introduction = services.request_introduction(sender=ana, recipient=bogdan, message="Hi")
    connection = services.accept_introduction(introduction=introduction, by=bogdan)
    services.block_member(blocker=bogdan, blocked=ana)
    client.force_login(ana.user)
    assert client.get(reverse("network:thread", args=[connection.pk])).status_code == 404
    assert bogdan.user.email not in client.get(reverse("network:connections")).content.decode()
    assert bogdan.user.email not in client.get(f"{BASE}/connections").content.decode()
