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
    Membership,
    MembershipStatus,
    Payment,
    Reminder,
    Seat,
)
from wsco.members.services import memberships as services
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


def test_a_person_added_twice_at_once_gets_one_seat():
    membership = MembershipFactory(membership_type=corporate(), organization=OrganizationFactory())
    person = ProfileFactory()  # listed with no organization yet
    outcomes = contend(
        [
            lambda copy=copy: services.add_seat(
                membership=copy, email=person.user.email, by=membership.profile.user
            )
            for copy in copies(membership, 4)
        ]
    )
    assert len(successes(outcomes)) == 1
    assert all("already covered" in message for message in refusals(outcomes))
    assert Seat.objects.filter(profile=person).count() == 1


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
