"""The payment instructions carry the organization's bank details and the payment reference."""

from decimal import Decimal

import pytest
from django.urls import reverse

from wsco.members.models import Application
from wsco.members.services.memberships import approve_application, payment_reference
from wsco.members.tests.factories import MembershipFactory, ProfileFactory
from wsco.members.tests.membership_helpers import individual, mail_to, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def bank(settings):
    settings.WSCO_LEGAL_NAME = "WSCO Association"
    settings.WSCO_IBAN = "RO49AAAA1B31007593840000"
    settings.WSCO_BIC = "AAAAROBU"
    settings.WSCO_BANK_NAME = "Banca Demo"
    return settings


def test_my_wsco_shows_the_bank_details_and_reference_of_the_fee_to_pay(client, bank):
    membership = MembershipFactory(awaiting_payment=True, fee_amount=Decimal("1500.00"))
    client.force_login(membership.profile.user)

    page = client.get(reverse("members:home")).content.decode()

    assert "RO49AAAA1B31007593840000" in page
    assert "AAAAROBU" in page
    assert "Banca Demo" in page
    assert "WSCO Association" in page
    assert "1,500.00 EUR" in page
    assert payment_reference(membership) in page


def test_without_an_iban_the_page_says_how_to_get_the_bank_details(client, bank):
    bank.WSCO_IBAN = ""
    membership = MembershipFactory(awaiting_payment=True)
    client.force_login(membership.profile.user)

    page = client.get(reverse("members:home")).content.decode()

    assert "AAAAROBU" not in page
    assert "sends you its bank details" in page
    assert payment_reference(membership) in page


def test_a_paid_member_is_shown_no_bank_details(client, bank):
    membership = MembershipFactory()
    client.force_login(membership.profile.user)

    page = client.get(reverse("members:home")).content.decode()

    assert "RO49AAAA1B31007593840000" not in page


def test_the_approval_email_carries_the_bank_details_and_the_reference(
    bank, mailoutbox, django_capture_on_commit_callbacks
):
    applicant = ProfileFactory()
    application = Application.objects.create(
        profile=applicant, membership_type=individual(), motivation="Cities."
    )
    with django_capture_on_commit_callbacks(execute=True):
        membership = approve_application(application=application, by=staff_user())

    (email,) = mail_to(mailoutbox, applicant.user.email)
    assert "IBAN: RO49AAAA1B31007593840000" in email.body
    assert "BIC: AAAAROBU" in email.body
    assert "Beneficiary: WSCO Association" in email.body
    assert f"Reference: {payment_reference(membership)}" in email.body


def test_the_approval_email_without_an_iban_names_no_account(
    bank, mailoutbox, django_capture_on_commit_callbacks
):
    bank.WSCO_IBAN = ""
    applicant = ProfileFactory()
    application = Application.objects.create(
        profile=applicant, membership_type=individual(), motivation="Cities."
    )
    with django_capture_on_commit_callbacks(execute=True):
        approve_application(application=application, by=staff_user())

    (email,) = mail_to(mailoutbox, applicant.user.email)
    assert "IBAN" not in email.body
    assert "reference WSCO-" in email.body
