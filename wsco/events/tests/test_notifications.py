"""What attendees, submitters and reviewers are told, in their notifications and by email:
each event through `notify`, once, with the ticket's QR code in the confirmation's email."""

import datetime

import pytest
from django.core import mail

from wsco.events import calls, services
from wsco.events.tests import factories
from wsco.events.tests.factories import STARTS
from wsco.events.tests.test_calls import _call, _submitted
from wsco.members.tests.factories import UserFactory
from wsco.notifications.models import Notification, NotificationPreference

pytestmark = pytest.mark.django_db


def told(user) -> list[tuple[str, str]]:
    """The kinds and titles `user` was told, oldest first."""
    return [
        (notification.kind, notification.title)
        for notification in Notification.objects.filter(recipient=user).order_by("pk")
    ]


def emails_to(user) -> list:
    return [message for message in mail.outbox if user.email in message.to]


def test_a_confirmed_registration_is_told_once_with_the_ticket_and_its_qr_code(
    django_capture_on_commit_callbacks,
):
    event = factories.event()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        registration = factories.registered(event)
    user = registration.user
    assert told(user) == [
        ("events.registration_confirmed", "Your registration to Urban Projects 2099 is confirmed")
    ]
    assert Notification.objects.get(recipient=user).url == "/events/urban-projects-2099/ticket/"
    # One email, the event's own: the ticket's code and its QR code in block characters.
    (email,) = emails_to(user)
    assert email.subject == "[WSCO] Your ticket to Urban Projects 2099"
    assert registration.ticket_code in email.body
    assert "█" in email.body or "▀" in email.body
    assert "/events/urban-projects-2099/ticket/" in email.body


def test_a_person_who_turned_the_email_off_finds_the_notification_and_gets_no_email(
    django_capture_on_commit_callbacks,
):
    event = factories.event()
    user = UserFactory()
    NotificationPreference.objects.create(
        user=user, kind="events.registration_confirmed", in_app=True, email=False
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        factories.registered(event, user)
    assert [kind for kind, _title in told(user)] == ["events.registration_confirmed"]
    assert emails_to(user) == []


def test_the_waitlist_its_offer_with_the_deadline_and_the_offer_expired():
    event = factories.event(capacity=1)
    first, second, third = (factories.registered(event) for _index in range(3))
    # 2098-07-01 10:00 UTC plus the 48 hours of an offer: 2098-07-03 10:00 UTC, which is 13:00
    # in Bucharest (UTC+3 in summer).
    cancelled_at = datetime.datetime(2098, 7, 1, 10, 0, tzinfo=datetime.UTC)
    services.cancel_registration(registration=first, by=first.user, now=cancelled_at)
    assert told(first.user)[-1] == (
        "events.registration_cancelled",
        "Your registration to Urban Projects 2099 is cancelled",
    )
    assert told(second.user) == [
        ("events.registration_waitlisted", "You are on the waitlist of Urban Projects 2099"),
        (
            "events.seat_offered",
            "A seat at Urban Projects 2099 is offered to you until 2098-07-03 13:00"
            " (Europe/Bucharest)",
        ),
    ]
    services.expire_offers(now=cancelled_at + datetime.timedelta(hours=48))
    assert told(second.user)[-1] == (
        "events.offer_expired",
        "The seat offered to you at Urban Projects 2099 went to the next person waiting",
    )
    assert [kind for kind, _title in told(third.user)] == [
        "events.registration_waitlisted",
        "events.seat_offered",
    ]


def test_the_reminders_come_a_week_and_a_day_before_and_once(django_capture_on_commit_callbacks):
    registration = factories.registered(factories.event())
    user = registration.user
    mail.outbox.clear()
    # The event starts on 2099-03-10: 7 days before is 2099-03-03, 1 day before 2099-03-09.
    with django_capture_on_commit_callbacks(execute=True):
        for day in (datetime.date(2099, 3, 3), datetime.date(2099, 3, 9)):
            assert services.send_reminders(today=day) == 1
            assert services.send_reminders(today=day) == 0
    assert told(user)[1:] == [
        ("events.reminder", "Urban Projects 2099 starts in 7 days"),
        ("events.reminder", "Urban Projects 2099 starts tomorrow"),
    ]
    assert Notification.objects.filter(recipient=user, kind="events.reminder")[0].url == (
        "/events/urban-projects-2099/my/"
    )
    assert [message.subject for message in emails_to(user)] == [
        "[WSCO] Urban Projects 2099 starts in 7 days",
        "[WSCO] Urban Projects 2099 starts tomorrow",
    ]


def test_the_person_asked_for_a_meeting_is_told_who_asks():
    event = factories.event()
    ana = factories.registered(event, UserFactory(email="ana@example.org")).user
    ben = factories.registered(event).user
    services.request_meeting(event=event, requester=ana, invitee=ben, starts_at=STARTS)
    assert told(ben)[-1] == (
        "events.meeting_requested",
        f"{ana} would like to meet you at Urban Projects 2099",
    )


def test_the_reviewer_and_the_submitter_are_told(django_capture_on_commit_callbacks):
    event, staff = factories.event(), factories.staff()
    submission = _submitted(_call(event))
    reviewer = factories.member_user()
    due = datetime.date(2098, 12, 31)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        calls.assign_reviewer(submission=submission, reviewer=reviewer, due_on=due, by=staff)
        calls.decide_submission(
            submission=submission,
            by=staff,
            accept=True,
            message="See you in March.",
            room="Pitch stage",
            starts_at=STARTS,
        )
    assert told(reviewer) == [
        (
            "events.review_assigned",
            "Please score “Smart street lighting” for Urban Projects 2099 by 31 December 2098",
        )
    ]
    review_link = f"/events/urban-projects-2099/call/submissions/{submission.pk}/"
    assert Notification.objects.get(recipient=reviewer).url == review_link
    assert told(submission.submitted_by)[-1] == (
        "events.submission_decided",
        "“Smart street lighting” is accepted: you pitch it at Urban Projects 2099",
    )
    (decided,) = emails_to(submission.submitted_by)
    assert "See you in March." in decided.body
    assert len(emails_to(reviewer)) == 1


def test_a_declined_submission_says_so():
    event = factories.event()
    submission = _submitted(_call(event))
    calls.decide_submission(submission=submission, by=factories.staff(), accept=False)
    assert told(submission.submitted_by)[-1] == (
        "events.submission_decided",
        "“Smart street lighting” is not accepted at Urban Projects 2099 this time",
    )


def test_every_event_kind_is_on_the_settings_page(client):
    user = UserFactory()
    client.force_login(user)
    page = client.get("/notifications/settings/").content.decode()
    for label in (
        "Your registration to an event is confirmed (with your ticket)",
        "A seat at an event is offered to you from the waitlist",
        "A project submitted to a call waits for your review",
    ):
        assert label in page
