"""My WSCO's cached own part: every change to what it shows ends it at once.

A write made behind the services' back (a queryset `update()`, which sends no signal and
marks nothing) shows whether the part was served from the cache.
"""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from wsco.core.page_cache import CSRF_PLACEHOLDER
from wsco.members.models import Application, ApplicationStatus, SeatInvitation
from wsco.members.services.affiliations import approve_join_request, request_to_join
from wsco.members.services.memberships import approve_application
from wsco.members.tests.factories import (
    MemberProfileFactory,
    MembershipFactory,
    OrganizationFactory,
    ProfileFactory,
    UserFactory,
    applicant,
)
from wsco.members.tests.membership_helpers import corporate

pytestmark = pytest.mark.django_db

HOME = "/members/me/"


def my_wsco(profile) -> str:
    client = Client()
    client.force_login(profile.user)
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def test_my_wsco_is_served_from_the_cache_until_an_application_changes():
    person = applicant()
    application = Application.objects.get(profile=person)
    assert "status-submitted" in my_wsco(person)
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.WITHDRAWN)
    assert "status-submitted" in my_wsco(person)  # Unannounced: served from the cache.
    application.refresh_from_db()
    application.save()  # A save of an application ends the part.
    assert "status-withdrawn" in my_wsco(person)


def test_an_approval_shows_the_payment_asked_for_at_once():
    person = applicant()
    application = Application.objects.get(profile=person)
    assert "WSCO-" not in my_wsco(person)
    membership = approve_application(application=application, by=UserFactory(is_staff=True))
    assert f"WSCO-{membership.pk:06d}" in my_wsco(person)


def test_a_membership_s_new_dates_show_at_once():
    person = ProfileFactory(is_member=True)
    today = timezone.localdate()
    membership = MembershipFactory(
        profile=person, starts_on=today, ends_on=today + datetime.timedelta(days=90)
    )
    assert ">90<" in my_wsco(person)
    membership.ends_on = today + datetime.timedelta(days=30)
    membership.save()  # A membership's change marks the directory, which ends the part.
    assert ">30<" in my_wsco(person)


def test_a_lapsing_invitation_ends_the_count_without_a_write(monkeypatch):
    organization = OrganizationFactory()
    person = ProfileFactory(organization=organization, is_member=True)
    membership = MembershipFactory(
        profile=person, membership_type=corporate(), organization=organization
    )
    now = timezone.now()
    SeatInvitation.objects.create(
        membership=membership,
        email="colleague@example.org",
        invited_by=person.user,
        token_digest="a" * 64,
        expires_at=now + datetime.timedelta(hours=1),
    )
    assert "1 invitation awaits an answer." in my_wsco(person)
    # Two hours pass: the invitation lapses, and nothing is written.
    monkeypatch.setattr(timezone, "now", lambda: now + datetime.timedelta(hours=2))
    assert "invitation awaits an answer" not in my_wsco(person)


def test_a_request_to_join_and_its_decision_show_in_the_administrator_s_count_at_once():
    organization = OrganizationFactory()
    administrator = MemberProfileFactory(organization=organization)
    MembershipFactory(profile=administrator, membership_type=corporate(), organization=organization)
    asking = MemberProfileFactory()
    assert "await your decision" not in my_wsco(administrator)
    asking = request_to_join(profile=asking, organization=organization)
    assert "1 request to join awaits your decision." in my_wsco(administrator)
    approve_join_request(join_request=asking, by=administrator.user)
    assert "awaits your decision" not in my_wsco(administrator)


def test_each_person_gets_their_own_part_and_never_the_placeholder():
    payer, other = applicant(), applicant()
    membership = approve_application(
        application=Application.objects.get(profile=payer), by=UserFactory(is_staff=True)
    )
    assert f"WSCO-{membership.pk:06d}" in my_wsco(payer)
    assert "WSCO-" not in my_wsco(other)
    assert CSRF_PLACEHOLDER not in my_wsco(payer)  # A second session, from the cache.
