"""Nobody decides their own membership: staff who apply, or whose membership awaits payment,
see it decided by someone else, through the pages, the API and the services alike."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone, translation

from wsco.core.access import PartyToCase
from wsco.members.models import (
    Application,
    ApplicationStatus,
    Membership,
    MembershipStatus,
    Seat,
)
from wsco.members.services import memberships as services
from wsco.members.tests.factories import (
    MembershipFactory,
    ProfileFactory,
    UserFactory,
    membership_type,
)
from wsco.members.tests.membership_helpers import corporate, signed_in

pytestmark = pytest.mark.django_db

DECISIONS = {
    "approve": lambda application, by: services.approve_application(application=application, by=by),
    "reject": lambda application, by: services.reject_application(
        application=application, reason="Not yet.", by=by
    ),
    "request information": lambda application, by: services.request_information(
        application=application, message="Which city?", by=by
    ),
}


def staff_applicant(**user_fields) -> Application:
    """Return the open application of a member of the secretariat."""
    profile = ProfileFactory(user=UserFactory(is_staff=True, **user_fields))
    return Application.objects.create(
        profile=profile, membership_type=membership_type(), motivation="I work here."
    )


@pytest.mark.parametrize("decide", DECISIONS.values(), ids=DECISIONS.keys())
def test_staff_never_decide_their_own_application(decide, django_capture_on_commit_callbacks):
    application = staff_applicant(is_superuser=True)  # a superuser is no exception
    with (
        pytest.raises(PartyToCase, match="you are the applicant"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        decide(application, application.profile.user)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert not application.events.exists()
    assert not Membership.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize("decide", DECISIONS.values(), ids=DECISIONS.keys())
def test_another_member_of_staff_decides_it(decide, django_capture_on_commit_callbacks):
    application = staff_applicant()
    with django_capture_on_commit_callbacks(execute=True):
        decide(application, UserFactory(is_staff=True))
    application.refresh_from_db()
    assert application.status != ApplicationStatus.SUBMITTED
    assert [message.to for message in mail.outbox] == [[application.profile.user.email]]


def test_the_refusal_page_says_why_and_the_application_page_offers_no_decision(client):
    application = staff_applicant()
    signed_in(client, application.profile.user)
    response = client.post(f"/members/applications/{application.pk}/approve/")
    assert response.status_code == 403
    assert "you are the applicant" in response.content.decode()
    page = client.get(application.get_absolute_url()).content.decode()
    assert "another member of the secretariat decides it" in page
    assert f"/members/applications/{application.pk}/approve/" not in page
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_the_refusal_is_in_romanian_for_a_romanian_reader(client):
    # The Romanian text is the catalogue's, in locale/ro/LC_MESSAGES/django.po.
    application = staff_applicant(language="ro")
    signed_in(client, application.profile.user)
    with translation.override("en"):  # the page switches to Romanian; the test's language stays
        response = client.post(
            f"/members/applications/{application.pk}/approve/", HTTP_ACCEPT_LANGUAGE="ro"
        )
    assert response.status_code == 403
    assert "sunteți solicitantul" in response.content.decode()


def test_another_member_of_staff_sees_the_decisions(client):
    application = staff_applicant()
    signed_in(client, UserFactory(is_staff=True))
    page = client.get(application.get_absolute_url()).content.decode()
    assert f"/members/applications/{application.pk}/approve/" in page


def test_the_api_refuses_with_the_reason_as_json(client):
    application = staff_applicant()
    signed_in(client, application.profile.user)
    response = client.post(f"/api/v1/applications/{application.pk}/approve")
    assert response.status_code == 403
    assert "you are the applicant" in response.json()["detail"]
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    signed_in(client, UserFactory(is_staff=True))
    response = client.post(f"/api/v1/applications/{application.pk}/approve")
    assert response.status_code == 200
    assert response.json()["application"]["status"] == ApplicationStatus.APPROVED


# Payments --------------------------------------------------------------------------------


def awaiting_payment(**fields) -> Membership:
    return MembershipFactory(
        status=MembershipStatus.AWAITING_PAYMENT, starts_on=None, ends_on=None, **fields
    )


def pay(membership: Membership, *, by):
    return services.record_payment(
        membership=membership,
        amount=membership.fee_amount,
        currency=membership.fee_currency,
        paid_on=timezone.localdate(),
        method="bank_transfer",
        by=by,
    )


def test_staff_never_record_the_payment_of_their_own_membership():
    membership = awaiting_payment(profile=ProfileFactory(user=UserFactory(is_staff=True)))
    with pytest.raises(PartyToCase, match="you are its holder"):
        pay(membership, by=membership.profile.user)
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.AWAITING_PAYMENT
    assert not membership.payments.exists()
    pay(membership, by=UserFactory(is_staff=True))
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACTIVE


def test_nor_of_an_organization_membership_that_covers_them():
    membership = awaiting_payment(membership_type=corporate())
    covered = ProfileFactory(user=UserFactory(is_staff=True))
    Seat.objects.create(membership=membership, profile=covered)
    with pytest.raises(PartyToCase, match="you are covered by it"):
        pay(membership, by=covered.user)
    assert not membership.payments.exists()


def test_the_payment_page_refuses_the_holder_with_the_reason(client):
    membership = awaiting_payment(profile=ProfileFactory(user=UserFactory(is_staff=True)))
    signed_in(client, membership.profile.user)
    response = client.post(
        f"/members/review/payments/{membership.pk}/",
        {
            "amount": str(membership.fee_amount),
            "currency": "EUR",
            "paid_on": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
            "method": "bank_transfer",
        },
    )
    assert response.status_code == 403
    assert "you are its holder" in response.content.decode()
    assert membership.payments.count() == 0
