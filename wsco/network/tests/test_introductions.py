"""Introductions: asking, answering, the weekly limit, duplicates, blocks, reports and staff."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from wsco.members.tests.factories import UserFactory
from wsco.network import services
from wsco.network.models import (
    Block,
    Connection,
    Introduction,
    IntroductionStatus,
    Message,
    Report,
)
from wsco.network.tests.factories import connect, member

pytestmark = pytest.mark.django_db


def ask(sender, recipient, message="Hello, shall we talk?"):
    return services.request_introduction(sender=sender, recipient=recipient, message=message)


def test_request_is_pending_and_emails_the_recipient_only(django_capture_on_commit_callbacks):
    ana, bogdan = member(), member()
    with django_capture_on_commit_callbacks(execute=True):
        introduction = ask(ana, bogdan, "We build traffic sensors.")
    assert introduction.status == IntroductionStatus.PENDING
    assert introduction.sender_accepted
    assert not introduction.recipient_accepted
    assert [message.to for message in mail.outbox] == [[bogdan.user.email]]
    body = mail.outbox[0].body
    assert "We build traffic sensors." in body
    assert ana.user.email not in body
    assert ana.phone not in body
    assert Connection.objects.count() == 0


def test_accepting_connects_both_and_emails_each_the_others_contact_details(
    django_capture_on_commit_callbacks,
):
    ana, bogdan = member(), member()
    introduction = ask(ana, bogdan)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        connection = services.accept_introduction(introduction=introduction, by=bogdan)
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.ACCEPTED
    assert introduction.answered_at is not None
    assert {connection.first_id, connection.second_id} == {ana.pk, bogdan.pk}
    by_recipient = {message.to[0]: message.body for message in mail.outbox}
    assert set(by_recipient) == {ana.user.email, bogdan.user.email}
    assert bogdan.user.email in by_recipient[ana.user.email]
    assert bogdan.phone in by_recipient[ana.user.email]
    assert ana.user.email in by_recipient[bogdan.user.email]


def test_the_sender_cannot_accept_or_decline_their_own_request():
    ana, bogdan = member(), member()
    introduction = ask(ana, bogdan)
    with pytest.raises(ValidationError, match="Withdraw your own request instead"):
        services.decline_introduction(introduction=introduction, by=ana)
    services.accept_introduction(introduction=introduction, by=ana)  # already accepted: waits
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.PENDING
    assert Connection.objects.count() == 0


def test_decline_and_withdraw_close_the_request_without_a_connection():
    ana, bogdan, carmen = member(), member(), member()
    declined = services.decline_introduction(introduction=ask(ana, bogdan), by=bogdan)
    withdrawn = services.withdraw_introduction(introduction=ask(ana, carmen), by=ana)
    assert declined.status == IntroductionStatus.DECLINED
    assert withdrawn.status == IntroductionStatus.WITHDRAWN
    assert Connection.objects.count() == 0
    with pytest.raises(ValidationError, match="declined an earlier request"):
        ask(ana, bogdan)
    ask(ana, carmen)  # a withdrawn request may be made again


def test_only_one_open_request_between_two_people_whoever_asks():
    ana, bogdan = member(), member()
    ask(ana, bogdan)
    with pytest.raises(ValidationError, match="already an open request"):
        ask(ana, bogdan)
    with pytest.raises(ValidationError, match="already an open request"):
        ask(bogdan, ana)
    assert Introduction.objects.count() == 1


def test_no_request_to_oneself_a_non_member_a_hidden_profile_or_a_connection():
    ana, bogdan = member(), member()
    former = member()
    former.is_member = False
    former.save()
    hidden = member(visibility="hidden")
    connect(ana, bogdan)
    refusals = {
        ana: "You cannot ask to meet yourself",
        former: "is not a current member of the network",
        hidden: "is not a current member of the network",
        bogdan: "You are already connected",
    }
    for recipient, refusal in refusals.items():
        with pytest.raises(ValidationError, match=refusal):
            ask(ana, recipient)
    assert Introduction.objects.count() == 0


def test_weekly_limit_counts_the_last_7_days_except_accepted_requests(settings):
    settings.NETWORK_WEEKLY_REQUEST_LIMIT = 3
    ana = member()
    others = [member() for _ in range(6)]
    accepted = ask(ana, others[0])
    services.accept_introduction(introduction=accepted, by=others[0])
    services.withdraw_introduction(introduction=ask(ana, others[1]), by=ana)
    old = ask(ana, others[2])
    Introduction.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=7, minutes=1)
    )
    ask(ana, others[3])
    # Counted: the withdrawn one and others[3] (2 of 3); not the accepted one nor the 8-day-old one.
    ask(ana, others[4])
    with pytest.raises(ValidationError, match="3 requests in the last 7 days"):
        ask(ana, others[5])
    assert Introduction.objects.filter(sender=ana).count() == 5


def test_blocking_refuses_requests_both_ways_and_closes_what_was_open():
    ana, bogdan, carmen = member(), member(), member()
    pending = ask(bogdan, ana)
    connection = connect(ana, carmen)
    services.block_member(blocker=ana, blocked=bogdan)
    services.block_member(blocker=ana, blocked=carmen)
    pending.refresh_from_db()
    connection.refresh_from_db()
    assert pending.status == IntroductionStatus.DECLINED
    assert connection.ended_at is not None
    for sender, recipient in ((bogdan, ana), (ana, bogdan), (carmen, ana)):
        with pytest.raises(ValidationError, match="not possible"):
            ask(sender, recipient)
    with pytest.raises(ValidationError, match="You can only write to your connections"):
        services.send_message(connection=connection, sender=carmen, body="Still there?")
    services.unblock_member(blocker=ana, blocked=bogdan)
    assert not Block.objects.filter(blocker=ana, blocked=bogdan).exists()
    ask(ana, bogdan)  # bogdan's request was closed by the block, as if declined


def test_a_report_can_block_and_staff_resolve_it():
    ana, bogdan = member(), member()
    staff = UserFactory(is_staff=True)
    report = services.report_member(
        reporter=ana, reported=bogdan, reason="spam", details="Sales pitch", block=True
    )
    assert Block.objects.filter(blocker=ana, blocked=bogdan).exists()
    assert list(Report.objects.open()) == [report]
    services.resolve_report(report=report, by=staff, resolution="Warned the member.")
    report.refresh_from_db()
    assert report.resolved_by == staff
    assert not report.is_open
    assert Report.objects.open().count() == 0


def test_staff_introduction_connects_only_once_both_accept_and_emails_both(
    django_capture_on_commit_callbacks,
):
    ana, bogdan = member(), member()
    staff = UserFactory(is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        introduction = services.introduce_members(
            first=ana, second=bogdan, note="You both work on parking.", by=staff
        )
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [ana.user.email, bogdan.user.email]
    )
    assert all("You both work on parking." in message.body for message in mail.outbox)
    assert services.accept_introduction(introduction=introduction, by=bogdan) is None
    assert Connection.objects.count() == 0
    connection = services.accept_introduction(introduction=introduction, by=ana)
    assert connection is not None
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.ACCEPTED


def test_either_person_may_decline_a_staff_introduction():
    ana, bogdan = member(), member()
    introduction = services.introduce_members(
        first=ana, second=bogdan, note="", by=UserFactory(is_staff=True)
    )
    services.decline_introduction(introduction=introduction, by=ana)
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.DECLINED
    with pytest.raises(ValidationError, match="already been answered"):
        services.withdraw_introduction(introduction=introduction, by=ana)


def test_messages_go_to_the_thread_of_connected_members_only():
    ana, bogdan, carmen = member(), member(), member()
    connection = connect(ana, bogdan)
    services.send_message(connection=connection, sender=ana, body="  Hello Bogdan  ")
    connection.refresh_from_db()
    assert list(Message.objects.values_list("body", flat=True)) == ["Hello Bogdan"]
    assert connection.last_message_at is not None
    refusals = [
        (carmen, "Hi", "You can only write to your connections"),
        (ana, "   ", "Write a message first"),
    ]
    for sender, body, refusal in refusals:
        with pytest.raises(ValidationError, match=refusal):
            services.send_message(connection=connection, sender=sender, body=body)
