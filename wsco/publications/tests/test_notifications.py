"""Review requests, reminders and withdrawals, and every step of an article (the editors'
decisions among them), reach the people concerned as notifications and emails."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from wsco.members.tests.factories import MemberProfileFactory
from wsco.notifications.models import Notification
from wsco.publications import services
from wsco.publications.tests.factories import SubmittedArticleFactory, make_editor

pytestmark = pytest.mark.django_db


def told(user, kind: str) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user, kind=kind))


def assigned(run):
    article = SubmittedArticleFactory(title="Trams for Cluj")
    reviewer = MemberProfileFactory().user
    with run(execute=True):
        review = services.assign_reviewer(
            article=article,
            reviewer=reviewer,
            due_on=timezone.localdate() + datetime.timedelta(days=10),
            by=make_editor(),
        )
    return article, review


def test_a_review_assignment_tells_the_reviewer(django_capture_on_commit_callbacks):
    _article, review = assigned(django_capture_on_commit_callbacks)

    [notification] = told(review.reviewer, "publications.review_requested")
    assert notification.title == 'Please review "Trams for Cluj"'
    assert notification.url == review.get_absolute_url()
    assert [review.reviewer.email] in [email.to for email in mail.outbox]


@pytest.mark.parametrize(
    ("decision", "step"),
    [("accept", "Accepted"), ("revise", "Revision requested"), ("reject", "Rejected")],
)
def test_an_editorial_decision_tells_the_author(django_capture_on_commit_callbacks, decision, step):
    article, _review = assigned(django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_article(
            article=article, decision=decision, message="Thank you.", by=make_editor()
        )

    latest = told(article.submitted_by, "publications.article_update")[0]
    assert latest.title == f'"Trams for Cluj": {step}'
    assert latest.url == article.get_submission_url()
    [email] = mail.outbox
    assert email.to == [article.submitted_by.email]
    assert "Thank you." in email.body


def test_a_reminder_and_a_withdrawal_tell_the_reviewer(django_capture_on_commit_callbacks):
    _article, review = assigned(django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_review_reminders(today=review.due_on - datetime.timedelta(days=1))
        services.withdraw_reviewer(review=review, by=make_editor())

    [reminder] = told(review.reviewer, "publications.review_reminder")
    assert reminder.title == 'Review due soon: "Trams for Cluj"'
    assert told(review.reviewer, "publications.review_withdrawn")
