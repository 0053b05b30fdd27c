"""Requests that race for one step of the membership workflows: exactly one takes it.

The others are refused with the state they found, and one set of emails goes out. See
wsco/core/tests/concurrency.py for how the contenders run on PostgreSQL and on SQLite.
"""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from wsco.core.tests.concurrency import contend, refusals, successes
from wsco.members.models import (
    Application,
    ApplicationEvent,
    Invoice,
    InvoiceSequence,
    Membership,
    MembershipStatus,
    Payment,
    Reminder,
    Seat,
    SeatInvitation,
)
from wsco.members.services import affiliations as affiliation_services
from wsco.members.services import memberships as services
from wsco.members.services import seats as seat_services
from wsco.members.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
    ProfileFactory,
    UserFactory,
)
from wsco.members.tests.membership_helpers import corporate, individual, mail_to

pytestmark = pytest.mark.django_db(transaction=True)
CONTENDERS = 8


def copies(instance, count: int = CONTENDERS) -> list:
    """Return `count` copies of the row, each read now, as each request would read it."""
    return [type(instance).objects.get(pk=instance.pk) for _ in range(count)]


def test_eight_decisions_on_one_application_make_one():
    applicant = ProfileFactory()
    application = Application.objects.create(
        profile=applicant, membership_type=individual(), motivation="x"
    )
    staff = [UserFactory(is_staff=True) for _ in range(CONTENDERS)]
    actions = []
    for index, copy in enumerate(copies(application)):
        if index % 2:
            actions.append(
                lambda copy=copy, by=staff[index]: services.reject_application(
                    application=copy, reason="No.", by=by
                )
            )
        else:
            actions.append(
                lambda copy=copy, by=staff[index]: services.approve_application(
                    application=copy, by=by
                )
            )
    outcomes = contend(actions)
    assert len(successes(outcomes)) == 1
    messages = refusals(outcomes)
    assert len(messages) == CONTENDERS - 1
    assert all(message.startswith("This application is already") for message in messages)
    application.refresh_from_db()
    decided = ApplicationEvent.objects.filter(application=application).exclude(action="submitted")
    assert [event.action for event in decided] == [application.status]
    assert Membership.objects.count() == (1 if application.status == "approved" else 0)
    assert len(mail_to(mail.outbox, applicant.user.email)) == 1


def test_eight_payments_recorded_at_once_activate_the_membership_once():
    membership = MembershipFactory(
        status=MembershipStatus.AWAITING_PAYMENT, starts_on=None, ends_on=None
    )
    staff = [UserFactory(is_staff=True) for _ in range(CONTENDERS)]
    outcomes = contend(
        [
            lambda copy=copy, by=by: services.record_payment(
                membership=copy,
                amount=copy.fee_amount,
                currency="EUR",
                paid_on=timezone.localdate(),
                method="bank_transfer",
                by=by,
            )
            for copy, by in zip(copies(membership), staff, strict=True)
        ]
    )
    assert len(successes(outcomes)) == 1
    assert set(refusals(outcomes)) == {"This membership is not awaiting payment."}
    assert Payment.objects.count() == 1
    assert len(mail_to(mail.outbox, membership.profile.user.email)) == 1


def test_a_renewal_asked_twice_at_once_is_made_once():
    membership = MembershipFactory(
        starts_on=timezone.localdate() - datetime.timedelta(days=350),
        ends_on=timezone.localdate() + datetime.timedelta(days=14),
    )
    holder = membership.profile.user
    outcomes = contend(
        [
            lambda copy=copy: services.renew_membership(
                membership=copy, motivation="Again.", by=holder
            )
            for copy in copies(membership, 4)
        ]
    )
    assert len(successes(outcomes)) == 1
    assert len(refusals(outcomes)) == 3
    assert Application.objects.count() == 1
    assert Membership.objects.filter(status=MembershipStatus.AWAITING_PAYMENT).count() == 1
    assert len(mail_to(mail.outbox, holder.email)) == 1


def test_an_invitation_accepted_four_times_at_once_makes_one_seat():
    membership = MembershipFactory(membership_type=corporate(), organization=OrganizationFactory())
    person = ProfileFactory()  # listed with no organization yet
    invitation = seat_services.invite_to_seat(
        membership=membership, email=person.user.email, by=membership.profile.user
    )
    outcomes = contend(
        [
            lambda copy=copy: seat_services.accept_seat_invitation(
                invitation=copy, user=person.user
            )
            for copy in copies(invitation, 4)
        ]
    )
    assert len(successes(outcomes)) == 1
    assert set(refusals(outcomes)) == {"This invitation is accepted."}
    assert Seat.objects.filter(profile=person).count() == 1
    # One email to the administrator says the invitation was accepted.
    assert len(mail_to(mail.outbox, membership.profile.user.email)) == 1


def test_the_last_seat_goes_to_one_of_the_people_accepting_at_once():
    # A limit of 3 with the administrator's seat kept: 2 seats for the 4 invitees, and two
    # of them are seated before the race, worked out by hand: 3 - 1 - 1 = 1 seat left.
    kind = corporate()
    kind.seat_limit = 3
    kind.save()
    membership = MembershipFactory(membership_type=kind, organization=OrganizationFactory())
    first = ProfileFactory()
    seat_services.accept_seat_invitation(
        invitation=seat_services.invite_to_seat(
            membership=membership, email=first.user.email, by=None
        ),
        user=first.user,
    )
    people = [ProfileFactory() for _ in range(4)]
    invitations = [
        seat_services.invite_to_seat(membership=membership, email=person.user.email, by=None)
        for person in people
    ]
    mail.outbox.clear()
    outcomes = contend(
        [
            lambda invitation=invitation, person=person: seat_services.accept_seat_invitation(
                invitation=SeatInvitation.objects.get(pk=invitation.pk), user=person.user
            )
            for invitation, person in zip(invitations, people, strict=True)
        ]
    )
    assert len(successes(outcomes)) == 1
    assert set(refusals(outcomes)) == {"All 3 seats of this membership are taken."}
    assert membership.seats.count() == 2
    assert SeatInvitation.objects.filter(status="accepted").count() == 2
    assert len(mail_to(mail.outbox, membership.profile.user.email)) == 1


def test_a_join_request_decided_four_times_at_once_is_decided_once():
    organization = OrganizationFactory()
    person = ProfileFactory()
    join_request = affiliation_services.request_to_join(profile=person, organization=organization)
    staff = [UserFactory(is_staff=True) for _ in range(4)]
    mail.outbox.clear()
    outcomes = contend(
        [
            lambda copy=copy, by=by, index=index: (
                affiliation_services.approve_join_request
                if index % 2
                else affiliation_services.reject_join_request
            )(join_request=copy, by=by)
            for index, (copy, by) in enumerate(zip(copies(join_request, 4), staff, strict=True))
        ]
    )
    assert len(successes(outcomes)) == 1
    assert all(message.startswith("This request is already") for message in refusals(outcomes))
    join_request.refresh_from_db()
    person.refresh_from_db()
    approved = join_request.status == "approved"
    assert person.organization_id == (organization.pk if approved else None)
    assert len(mail_to(mail.outbox, person.user.email)) == 1


def test_the_daily_job_run_twice_at_once_reminds_and_lapses_once():
    today = timezone.localdate()
    due = MembershipFactory(
        starts_on=today - datetime.timedelta(days=334), ends_on=today + datetime.timedelta(30)
    )
    expired = MembershipFactory(
        starts_on=today - datetime.timedelta(days=400), ends_on=today - datetime.timedelta(31)
    )
    reports = contend([lambda: services.run_daily_membership_jobs(today=today)] * 3)
    assert len(successes(reports)) == 3
    assert sum(report.lapsed for report in reports) == 1
    assert sum(report.reminders[30] for report in reports) == 1
    expired.refresh_from_db()
    assert expired.status == MembershipStatus.LAPSED
    assert Reminder.objects.filter(membership=due).count() == 1
    assert len(mail_to(mail.outbox, due.profile.user.email)) == 1


def test_eight_payments_of_different_memberships_at_once_get_eight_numbers_without_a_gap():
    memberships = [
        MembershipFactory(status=MembershipStatus.AWAITING_PAYMENT, starts_on=None, ends_on=None)
        for _ in range(CONTENDERS)
    ]
    staff = UserFactory(is_staff=True)
    outcomes = contend(
        [
            lambda membership=membership: services.record_payment(
                membership=membership,
                amount=membership.fee_amount,
                currency="EUR",
                paid_on=timezone.localdate(),
                method="bank_transfer",
                by=staff,
            )
            for membership in memberships
        ]
    )
    assert len(successes(outcomes)) == CONTENDERS
    year = timezone.localdate().year
    sequences = sorted(Invoice.objects.values_list("sequence", flat=True))
    assert sequences == list(range(1, CONTENDERS + 1))
    assert InvoiceSequence.objects.get(year=year).last_number == CONTENDERS
    assert Invoice.objects.values("number").distinct().count() == CONTENDERS
