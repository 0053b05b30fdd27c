"""Review reminders: three days before the deadline and once overdue, each sent once."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from wsco.publications.models import ArticleStatus
from wsco.publications.services import send_review_reminders
from wsco.publications.tests.factories import ReviewFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def days(n):
    return TODAY + datetime.timedelta(days=n)


def test_due_soon_and_overdue_reviews_are_reminded_once(django_capture_on_commit_callbacks):
    due_soon = ReviewFactory(due_on=days(3))
    overdue = ReviewFactory(due_on=days(-1))
    ReviewFactory(due_on=days(4))  # not yet
    ReviewFactory(due_on=days(-5), submitted_at=timezone.now())  # done
    ReviewFactory(due_on=days(-5), article__status=ArticleStatus.REJECTED)  # decided
    with django_capture_on_commit_callbacks(execute=True):
        assert send_review_reminders(today=TODAY) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [due_soon.reviewer.email, overdue.reviewer.email]
    )
    assert "Overdue" in next(m.subject for m in mail.outbox if m.to == [overdue.reviewer.email])
    with django_capture_on_commit_callbacks(execute=True):
        assert send_review_reminders(today=TODAY) == 0  # safe to run twice
    assert len(mail.outbox) == 2


def test_a_due_soon_review_is_reminded_again_once_overdue(django_capture_on_commit_callbacks):
    review = ReviewFactory(due_on=days(1))
    with django_capture_on_commit_callbacks(execute=True):
        assert send_review_reminders(today=TODAY) == 1
        assert send_review_reminders(today=days(2)) == 1
    assert len(mail.outbox) == 2
    review.refresh_from_db()
    assert review.reminded_due_soon_at is not None
    assert review.reminded_overdue_at is not None


def test_daily_command_says_how_many_it_sent(capsys):
    ReviewFactory(due_on=days(0))
    call_command("publications_daily")
    assert "1 review reminder(s) sent." in capsys.readouterr().out


@pytest.mark.parametrize(
    ("due_in", "reminder"),
    [
        (4, None),  # four days ahead: not yet
        (3, "due soon"),  # three days ahead: the first reminder
        (0, "due soon"),  # due today: not overdue yet
        (-1, "overdue"),  # the day after the deadline
    ],
)
def test_each_reminder_comes_on_its_first_day(due_in, reminder):
    review = ReviewFactory(due_on=days(due_in))
    assert send_review_reminders(today=TODAY) == (0 if reminder is None else 1)
    review.refresh_from_db()
    assert (review.reminded_due_soon_at is not None) is (reminder == "due soon")
    assert (review.reminded_overdue_at is not None) is (reminder == "overdue")
