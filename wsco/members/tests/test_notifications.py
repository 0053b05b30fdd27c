"""Decisions on applications and requests to join, renewal reminders and seats reach the people
concerned as notifications, with the email they always had as the second channel."""

import datetime

import pytest
from django.core import mail

from wsco.members.models import Application, MembershipKind
from wsco.members.services import affiliations, seats
from wsco.members.services import memberships as services
from wsco.members.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
    ProfileFactory,
    applicant,
    current_member,
    membership_type,
)
from wsco.members.tests.membership_helpers import staff_user
from wsco.notifications.models import Notification
from wsco.notifications.services import Channels, set_preferences

pytestmark = pytest.mark.django_db


def told(profile, kind: str) -> Notification:
    return Notification.objects.get(recipient=profile.user, kind=kind)


def emailed(profile) -> list:
    return [email for email in mail.outbox if profile.user.email in email.to]


@pytest.mark.parametrize(
    ("decide", "kind", "title"),
    [
        (
            lambda application, staff: services.approve_application(
                application=application, by=staff
            ),
            "members.application_approved",
            "Welcome to WSCO: your application is approved",
        ),
        (
            lambda application, staff: services.reject_application(
                application=application, reason="Not a city professional.", by=staff
            ),
            "members.application_rejected",
            "Your membership application was not approved",
        ),
        (
            lambda application, staff: services.request_information(
                application=application, message="Which cities?", by=staff
            ),
            "members.application_info_requested",
            "A question about your membership application",
        ),
    ],
)
def test_a_decision_on_an_application_tells_the_applicant_once(
    django_capture_on_commit_callbacks, decide, kind, title
):
    person = applicant()
    application = Application.objects.get(profile=person)
    with django_capture_on_commit_callbacks(execute=True):
        decide(application, staff_user())

    notification = told(person, kind)
    assert (notification.title, notification.url) == (title, application.get_absolute_url())
    assert len(emailed(person)) == 1


def test_a_renewal_reminder_tells_the_member_and_obeys_the_email_switch(
    django_capture_on_commit_callbacks,
):
    quiet, loud = current_member(), current_member()
    set_preferences(
        user=quiet.user, choices={"members.renewal_reminder": Channels(in_app=True, email=False)}
    )
    ends_on = quiet.memberships.get().ends_on
    with django_capture_on_commit_callbacks(execute=True):
        services.send_due_reminders(today=ends_on - datetime.timedelta(days=30))

    for person in (quiet, loud):
        assert told(person, "members.renewal_reminder").title == (
            "Your WSCO membership ends in 30 days"
        )
    assert (len(emailed(quiet)), len(emailed(loud))) == (0, 1)


@pytest.mark.parametrize(
    ("approve", "title"),
    [(True, "You are listed with Tramco"), (False, "Your request to join Tramco was not approved")],
)
def test_the_answer_to_a_request_to_join_tells_the_person(
    django_capture_on_commit_callbacks, approve, title
):
    person = ProfileFactory()
    join_request = affiliations.request_to_join(
        profile=person, organization=OrganizationFactory(name="Tramco")
    )
    decide = affiliations.approve_join_request if approve else affiliations.reject_join_request
    with django_capture_on_commit_callbacks(execute=True):
        decide(join_request=join_request, by=staff_user())

    assert told(person, "members.join_request_decided").title == title
    assert len(emailed(person)) == 1


def test_a_request_to_join_tells_the_organizations_administrator(
    django_capture_on_commit_callbacks,
):
    organization = OrganizationFactory(name="Tramco")
    administrator = current_member()
    MembershipFactory(
        profile=administrator,
        organization=organization,
        membership_type=membership_type(MembershipKind.CORPORATE),
    )
    with django_capture_on_commit_callbacks(execute=True):
        affiliations.request_to_join(profile=ProfileFactory(), organization=organization)

    notification = told(administrator, "members.join_requested")
    assert notification.title == "A request to join Tramco"
    assert len(emailed(administrator)) == 1


def test_an_answered_invitation_tells_the_administrator(django_capture_on_commit_callbacks):
    administrator = current_member()
    membership = MembershipFactory(
        profile=administrator,
        organization=OrganizationFactory(),
        membership_type=membership_type(MembershipKind.CORPORATE),
    )
    invitation = seats.invite_to_seat(membership=membership, email="new@example.org", by=None)
    with django_capture_on_commit_callbacks(execute=True):
        seats.decline_seat_invitation(invitation=invitation)

    notification = told(administrator, "members.seat_invitation_answered")
    assert notification.title == "An invitation to your membership was declined"
    assert notification.url == f"/members/me/memberships/{membership.pk}/invitations/"
    assert len(emailed(administrator)) == 1
