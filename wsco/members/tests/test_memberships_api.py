"""The memberships API: my memberships, and the staff's review of applications."""

import pytest
from django.core import mail
from django.test import Client

from wsco.members.models import Application, ApplicationStatus, Membership, MembershipStatus
from wsco.members.tests.factories import MembershipFactory, ProfileFactory, UserFactory
from wsco.members.tests.membership_helpers import (
    count_queries,
    individual,
    mail_to,
    signed_in,
    staff_user,
)

pytestmark = pytest.mark.django_db


def application(**fields) -> Application:
    return Application.objects.create(
        profile=fields.pop("profile", None) or ProfileFactory(),
        membership_type=individual(),
        motivation="x",
        **fields,
    )


@pytest.fixture
def staff_client(client):
    return signed_in(client, staff_user())


def test_my_memberships_lists_what_i_hold_and_asked_for(client):
    profile = ProfileFactory(is_member=True)
    membership = MembershipFactory(profile=profile)
    application(profile=profile, status=ApplicationStatus.APPROVED)
    signed_in(client, profile.user)
    body = client.get("/api/v1/memberships/me").json()
    assert body["is_member"] is True
    [held] = body["memberships"]
    assert (held["id"], held["status"], held["fee_amount"]) == (membership.pk, "active", "120.00")
    assert held["grace_ends_on"] == membership.grace_ends_on().isoformat()
    assert [a["status"] for a in body["applications"]] == ["approved"]


def test_my_memberships_for_an_account_without_profile_is_empty(client):
    signed_in(client, UserFactory())
    assert client.get("/api/v1/memberships/me").json() == {
        "is_member": False,
        "memberships": [],
        "covered_by": [],
        "applications": [],
    }


def test_my_memberships_needs_a_signed_in_caller(client):
    assert client.get("/api/v1/memberships/me").status_code == 401


def test_applications_are_for_staff_only(client):
    application()
    signed_in(client, ProfileFactory(is_member=True).user)
    assert client.get("/api/v1/applications").status_code == 403
    response = client.post(f"/api/v1/applications/{Application.objects.get().pk}/approve")
    assert response.status_code == 403
    assert not Membership.objects.exists()


def test_staff_list_applications_filtered_and_paginated(staff_client):
    application()
    application(status=ApplicationStatus.INFO_REQUESTED)
    application(status=ApplicationStatus.REJECTED)
    body = staff_client.get("/api/v1/applications").json()
    assert body["count"] == 3
    filtered = staff_client.get("/api/v1/applications", {"status": "info_requested"}).json()
    assert filtered["count"] == 1
    assert filtered["items"][0]["status"] == "info_requested"
    page = staff_client.get("/api/v1/applications", {"page_size": 2, "page": 2}).json()
    assert (page["count"], len(page["items"])) == (3, 1)


def test_applications_list_query_count_does_not_grow(staff_client):
    application()
    one = count_queries(lambda: staff_client.get("/api/v1/applications"))
    for _index in range(4):
        application()
    assert count_queries(lambda: staff_client.get("/api/v1/applications")) == one


def test_my_memberships_query_count_does_not_grow():
    profile = ProfileFactory(is_member=True)
    MembershipFactory(profile=profile)
    application(profile=profile, status=ApplicationStatus.APPROVED)
    client = signed_in(Client(), profile.user)
    one = count_queries(lambda: client.get("/api/v1/memberships/me"))
    for _index in range(3):
        MembershipFactory(profile=profile, status=MembershipStatus.LAPSED)
        application(profile=profile, status=ApplicationStatus.REJECTED)
    assert count_queries(lambda: client.get("/api/v1/memberships/me")) == one


def test_staff_approve_through_the_api(staff_client):
    pending = application()
    response = staff_client.post(f"/api/v1/applications/{pending.pk}/approve")
    assert response.status_code == 200
    body = response.json()
    assert body["application"]["status"] == "approved"
    assert body["membership"]["status"] == "awaiting_payment"
    assert Membership.objects.get().application == pending
    again = staff_client.post(f"/api/v1/applications/{pending.pk}/approve")
    assert again.status_code == 400
    assert "already approved" in again.json()["detail"]


def test_staff_reject_and_ask_through_the_api(staff_client, django_capture_on_commit_callbacks):
    first, second = application(), application()
    response = staff_client.post(
        f"/api/v1/applications/{first.pk}/reject",
        {"reason": "Outside our scope."},
        content_type="application/json",
    )
    assert response.json()["status"] == "rejected"
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            f"/api/v1/applications/{second.pk}/request-information",
            {"message": "Which city?"},
            content_type="application/json",
        )
    assert response.json()["staff_message"] == "Which city?"
    assert "Which city?" in mail_to(mail.outbox, second.profile.user.email)[0].body
    blank = staff_client.post(
        f"/api/v1/applications/{second.pk}/reject",
        {"reason": " "},
        content_type="application/json",
    )
    assert blank.status_code == 400
    second.refresh_from_db()
    assert second.status == ApplicationStatus.INFO_REQUESTED


def test_unknown_application_is_404(staff_client):
    assert staff_client.post("/api/v1/applications/999/approve").status_code == 404
