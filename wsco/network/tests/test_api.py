"""The network API: the same rules and services as the pages."""

import pytest
from django.core import mail

from wsco.accounts.models import ApiToken, hash_token
from wsco.members.models import OrganizationType
from wsco.members.tests.factories import ProfileFactory
from wsco.network import services
from wsco.network.models import Connection, DismissedSuggestion, Introduction
from wsco.network.tests.factories import connect, member

pytestmark = pytest.mark.django_db

BASE = "/api/v1/network"


@pytest.fixture
def pair():
    ana = member(
        organization_type=OrganizationType.CITY_HALL,
        interests=["water"],
        looks_for="leak detection",
    )
    bogdan = member(interests=["water"], offers="leak detection")
    return ana, bogdan


def as_member(client, profile):
    client.force_login(profile.user)
    return client


def test_the_api_needs_a_signed_in_member(client):
    assert client.get(f"{BASE}/suggestions").status_code == 401
    client.force_login(ProfileFactory().user)
    response = client.get(f"{BASE}/suggestions")
    assert response.status_code == 403
    assert response.json() == {"detail": "The network is for current members."}


def test_a_personal_token_works_too(client, pair):
    ana, _bogdan = pair
    ApiToken.objects.create(user=ana.user, name="script", prefix="abc", digest=hash_token("k3y"))
    response = client.get(f"{BASE}/connections", headers={"authorization": "Bearer k3y"})
    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_suggestions_carry_reasons_in_words_and_as_codes(client, pair):
    ana, bogdan = pair
    services.rebuild_index()
    (suggestion,) = as_member(client, ana).get(f"{BASE}/suggestions").json()
    assert suggestion["rank"] == 1
    assert suggestion["person"]["id"] == bogdan.pk
    assert suggestion["reasons"][0] == "You both work on Water."
    assert suggestion["reason_codes"][0] == {"code": "shared_themes", "themes": ["water"]}


def test_a_member_without_consent_gets_no_suggestions(client, pair):
    ana, _bogdan = pair
    services.rebuild_index()
    ana.recommend_consent = False
    ana.save()
    assert as_member(client, ana).get(f"{BASE}/suggestions").json() == []


def test_dismissing_a_suggestion(client, pair):
    ana, bogdan = pair
    services.rebuild_index()
    response = as_member(client, ana).post(f"{BASE}/suggestions/{bogdan.pk}/dismiss")
    assert response.status_code == 204
    assert DismissedSuggestion.objects.filter(profile=ana, dismissed=bogdan).exists()
    assert client.get(f"{BASE}/suggestions").json() == []


def test_request_then_accept_through_the_api(client, pair, django_capture_on_commit_callbacks):
    ana, bogdan = pair
    with django_capture_on_commit_callbacks(execute=True):
        response = as_member(client, ana).post(
            f"{BASE}/requests",
            {"profile_id": bogdan.pk, "message": "Let us talk"},
            content_type="application/json",
        )
    assert response.status_code == 201
    created = response.json()
    assert (created["direction"], created["status"], created["person"]["id"]) == (
        "sent",
        "pending",
        bogdan.pk,
    )
    assert [message.to for message in mail.outbox] == [[bogdan.user.email]]

    as_member(client, bogdan)
    (received,) = client.get(f"{BASE}/requests/received").json()["items"]
    assert received["id"] == created["id"]
    assert received["message"] == "Let us talk"
    answered = client.post(f"{BASE}/requests/{created['id']}/accept").json()
    assert answered["introduction"]["status"] == "accepted"
    assert answered["connection"]["contact"]["email"] == ana.user.email
    assert Connection.objects.count() == 1


def test_refusals_are_400_with_the_reason(client, pair):
    ana, bogdan = pair
    services.request_introduction(sender=bogdan, recipient=ana, message="Hi")
    response = as_member(client, ana).post(
        f"{BASE}/requests",
        {"profile_id": bogdan.pk, "message": "Hi"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "already an open request" in response.json()["detail"]


def test_an_empty_message_is_a_422_naming_the_field(client, pair):
    ana, bogdan = pair
    response = as_member(client, ana).post(
        f"{BASE}/requests",
        {"profile_id": bogdan.pk, "message": ""},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "message"
    assert Introduction.objects.count() == 0


def test_decline_and_withdraw(client, pair):
    ana, bogdan = pair
    carmen = member()
    to_decline = services.request_introduction(sender=ana, recipient=bogdan, message="Hi")
    to_withdraw = services.request_introduction(sender=ana, recipient=carmen, message="Hi")
    declined = as_member(client, bogdan).post(f"{BASE}/requests/{to_decline.pk}/decline")
    assert declined.json()["status"] == "declined"
    withdrawn = as_member(client, ana).post(f"{BASE}/requests/{to_withdraw.pk}/withdraw")
    assert withdrawn.json()["status"] == "withdrawn"
    assert client.post(f"{BASE}/requests/{to_decline.pk}/withdraw").status_code == 400


def test_others_cannot_see_or_answer_a_request(client, pair):
    ana, bogdan = pair
    introduction = services.request_introduction(sender=ana, recipient=bogdan, message="Hi")
    as_member(client, member())
    assert client.post(f"{BASE}/requests/{introduction.pk}/accept").status_code == 404
    assert client.get(f"{BASE}/requests/received").json()["items"] == []
    assert client.get(f"{BASE}/requests/sent").json()["count"] == 0


def test_connections_list_contact_details(client, pair):
    ana, bogdan = pair
    connect(ana, bogdan)
    body = as_member(client, ana).get(f"{BASE}/connections").json()
    assert body["count"] == 1
    assert body["items"][0]["contact"] == {
        "email": bogdan.user.email,
        "phone": bogdan.phone,
        "website": bogdan.website,
    }
