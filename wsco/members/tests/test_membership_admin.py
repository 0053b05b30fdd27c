"""The admin of memberships: its pages open, and an edit there keeps member status true."""

import pytest

from wsco.members.models import Application, MembershipStatus, Payment, Reminder
from wsco.members.tests.factories import MembershipFactory, ProfileFactory, UserFactory
from wsco.members.tests.membership_helpers import (
    individual,
    signed_in,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    return signed_in(client, UserFactory(is_staff=True, is_superuser=True))


def test_membership_admin_pages_open(admin_client):
    membership = MembershipFactory()
    application = Application.objects.create(
        profile=membership.profile, membership_type=individual(), motivation="x"
    )
    Payment.objects.create(
        membership=membership, amount=120, currency="EUR", paid_on="2026-01-01", method="cash"
    )
    Reminder.objects.create(membership=membership, days_before_end=30)
    for url in (
        "/admin/members/membershiptype/",
        "/admin/members/application/",
        f"/admin/members/application/{application.pk}/change/",
        "/admin/members/membership/",
        f"/admin/members/membership/{membership.pk}/change/",
        "/admin/members/payment/",
        "/admin/members/reminder/",
    ):
        assert admin_client.get(url).status_code == 200, url


def test_cancelling_in_the_admin_updates_member_status(admin_client):
    profile = ProfileFactory(is_member=True)
    membership = MembershipFactory(profile=profile)
    response = admin_client.post(
        "/admin/members/membership/",
        {"action": "cancel", "_selected_action": [membership.pk]},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    profile.refresh_from_db()
    assert membership.status == MembershipStatus.CANCELLED
    assert not profile.is_member


def test_the_change_form_leaves_the_status_to_the_workflow(admin_client):
    membership = MembershipFactory()
    page = admin_client.get(f"/admin/members/membership/{membership.pk}/change/")
    assert "status" not in page.context["adminform"].form.fields
    data = {
        key: value
        for key, value in page.context["adminform"].form.initial.items()
        if value is not None
    }
    data |= {
        "status": MembershipStatus.CANCELLED,
        "starts_on": membership.starts_on.isoformat(),
        "ends_on": membership.ends_on.isoformat(),
        "created_at_0": membership.created_at.date().isoformat(),
        "created_at_1": "00:00:00",
        "seats-TOTAL_FORMS": 0,
        "seats-INITIAL_FORMS": 0,
        "payments-TOTAL_FORMS": 0,
        "payments-INITIAL_FORMS": 0,
    }
    response = admin_client.post(f"/admin/members/membership/{membership.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACTIVE


def test_a_lapsed_membership_cannot_be_cancelled(admin_client):
    membership = MembershipFactory(status=MembershipStatus.LAPSED)
    response = admin_client.post(
        "/admin/members/membership/",
        {"action": "cancel", "_selected_action": [membership.pk]},
        follow=True,
    )
    assert "This membership is lapsed." in response.content.decode()
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.LAPSED
