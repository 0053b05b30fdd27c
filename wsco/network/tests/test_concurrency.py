"""Requests that race for one step of the network's workflows: exactly one takes it.

See wsco/core/tests/concurrency.py for how the contenders run on PostgreSQL and on SQLite.
"""

import pytest
from django.core import mail

from wsco.core.tests.concurrency import contend, refusals, successes, tasks_enqueued
from wsco.members.tests.factories import UserFactory
from wsco.network import services
from wsco.network.models import Block, Connection, IntroductionStatus, Report
from wsco.network.tests.factories import member

pytestmark = pytest.mark.django_db(transaction=True)


def copies(instance, count: int) -> list:
    """Return `count` copies of the row, each read now, as each request would read it."""
    return [type(instance).objects.get(pk=instance.pk) for _ in range(count)]


def test_a_request_accepted_declined_and_withdrawn_at_once_gets_one_answer():
    ana, bogdan = member(), member()
    introduction = services.request_introduction(sender=ana, recipient=bogdan, message="Hi")
    mail.outbox.clear()
    first, second, third, fourth = copies(introduction, 4)
    outcomes = contend(
        [
            lambda: services.accept_introduction(introduction=first, by=bogdan),
            lambda: services.decline_introduction(introduction=second, by=bogdan),
            lambda: services.withdraw_introduction(introduction=third, by=ana),
            lambda: services.accept_introduction(introduction=fourth, by=bogdan),
        ]
    )
    assert len(successes(outcomes)) == 1
    assert set(refusals(outcomes)) == {"This request has already been answered."}
    introduction.refresh_from_db()
    accepted = introduction.status == IntroductionStatus.ACCEPTED
    assert Connection.objects.count() == (1 if accepted else 0)
    assert len(mail.outbox) == (2 if accepted else 0)  # each learns the other's details


def test_both_sides_of_a_staff_introduction_accepting_at_once_connect_once():
    ana, bogdan = member(), member()
    introduction = services.introduce_members(
        first=ana, second=bogdan, note="Parking.", by=UserFactory(is_staff=True)
    )
    mail.outbox.clear()
    for_ana, for_bogdan = copies(introduction, 2)
    outcomes = contend(
        [
            lambda: services.accept_introduction(introduction=for_ana, by=ana),
            lambda: services.accept_introduction(introduction=for_bogdan, by=bogdan),
        ]
    )
    # The first to accept waits for the other (None); the second completes it.
    assert sorted(outcome is None for outcome in successes(outcomes)) == [False, True]
    introduction.refresh_from_db()
    assert (introduction.status, Connection.objects.count()) == (IntroductionStatus.ACCEPTED, 1)
    assert len(mail.outbox) == 2


def test_a_report_resolved_by_four_at_once_is_resolved_once():
    report = services.report_member(
        reporter=member(), reported=member(), reason="spam", details="Sales pitch"
    )
    staff = [UserFactory(is_staff=True) for _ in range(4)]
    outcomes = contend(
        [
            lambda copy=copy, by=by: services.resolve_report(
                report=copy, by=by, resolution=f"Done by {by.email}."
            )
            for copy, by in zip(copies(report, 4), staff, strict=True)
        ]
    )
    assert len(successes(outcomes)) == 1
    assert set(refusals(outcomes)) == {"This report is resolved already."}
    report = Report.objects.get()
    assert report.resolution == f"Done by {report.resolved_by.email}."


def test_a_block_asked_twice_at_once_is_made_once_and_refills_once():
    ana, bogdan = member(), member()
    services.request_introduction(sender=bogdan, recipient=ana, message="Buy now")
    with tasks_enqueued() as queued:
        outcomes = contend([lambda: services.block_member(blocker=ana, blocked=bogdan)] * 3)
    assert len(successes(outcomes)) == 3  # blocking twice is no error
    assert Block.objects.count() == 1
    assert queued.count("refresh_member_suggestions") == 1
    assert list(ana.introductions_received.values_list("status", flat=True)) == [
        IntroductionStatus.DECLINED
    ]
