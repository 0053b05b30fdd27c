"""Requests that race for one step of the editorial workflow: exactly one takes it.

The others are refused with the state they found; one email goes to the authors, one PDF task is
queued. See wsco/core/tests/concurrency.py for how the contenders run on PostgreSQL and SQLite.
"""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from wsco.core.tests.concurrency import contend, refusals, successes, tasks_enqueued
from wsco.members.tests.factories import MemberProfileFactory
from wsco.publications import services
from wsco.publications.models import Article, ArticleEvent, ArticleStatus, Issue, Review
from wsco.publications.tests.factories import (
    IssueFactory,
    ReviewFactory,
    SubmittedArticleFactory,
    make_editor,
)

pytestmark = pytest.mark.django_db(transaction=True)
CONTENDERS = 8
Action = ArticleEvent.Action


def copies(instance, count: int = CONTENDERS) -> list:
    """Return `count` copies of the row, each read now, as each request would read it."""
    return [type(instance).objects.get(pk=instance.pk) for _ in range(count)]


def test_eight_decisions_on_one_submission_make_one_and_send_one_email():
    author = MemberProfileFactory()
    article = services.submit_article(by=author.user, title="T", abstract="A", body="B")
    mail.outbox.clear()
    editors = [make_editor() for _ in range(CONTENDERS)]
    decisions = ["accept", "reject"] * (CONTENDERS // 2)
    outcomes = contend(
        [
            lambda copy=copy, decision=decision, by=by: services.decide_article(
                article=copy, decision=decision, message="", by=by
            )
            for copy, decision, by in zip(copies(article), decisions, editors, strict=True)
        ]
    )
    assert len(successes(outcomes)) == 1
    assert set(refusals(outcomes)) == {"This article is not waiting for a decision."}
    article.refresh_from_db()
    decided = article.events.exclude(action=Action.SUBMITTED)
    assert list(decided.values_list("action", flat=True)) == [article.status]
    assert [message.to for message in mail.outbox] == [[author.user.email]]


def test_an_issue_published_four_times_at_once_is_published_once_with_one_pdf_task(settings):
    # The PDF is not rendered here: the dummy backend only keeps what was queued.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    issue = IssueFactory(published_at=None)
    article = SubmittedArticleFactory(status=ArticleStatus.SCHEDULED, issue=issue)
    editor = make_editor()
    with tasks_enqueued() as queued:
        outcomes = contend(
            [
                lambda copy=copy: services.publish_issue(issue=copy, by=editor)
                for copy in copies(issue, 4)
            ]
        )
    assert len(successes(outcomes)) == 1
    assert set(refusals(outcomes)) == {"This issue is published already."}
    assert queued.count("generate_issue_pdf_task") == 1
    assert Issue.objects.get().published_at is not None
    assert article.events.filter(action=Action.PUBLISHED).count() == 1


def test_the_pdf_asked_for_four_times_at_once_is_queued_once(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    issue = IssueFactory()
    with tasks_enqueued() as queued:
        outcomes = contend(
            [lambda copy=copy: services.request_issue_pdf(issue=copy) for copy in copies(issue, 4)]
        )
    assert sorted(outcome for outcome in outcomes) == [False, False, False, True]
    assert queued.count("generate_issue_pdf_task") == 1


def test_a_review_declined_and_withdrawn_at_once_ends_one_way():
    review = ReviewFactory()
    decline, withdraw = copies(review, 2)
    editor = make_editor()
    outcomes = contend(
        [
            lambda: services.decline_review(review=decline, by=review.reviewer),
            lambda: services.withdraw_reviewer(review=withdraw, by=editor),
        ]
    )
    assert len(successes(outcomes)) == 1
    assert refusals(outcomes)[0].endswith("already.")
    review.refresh_from_db()
    assert (review.declined_at is None) != (review.withdrawn_at is None)
    # Nobody reviews it any more: it went back among the new submissions, once.
    assert Article.objects.get().status == ArticleStatus.SUBMITTED


def test_one_reviewer_assigned_twice_at_once_owes_one_review():
    article = SubmittedArticleFactory()
    reviewer = MemberProfileFactory().user
    due_on = timezone.localdate() + datetime.timedelta(days=21)
    editors = [make_editor() for _ in range(4)]
    outcomes = contend(
        [
            lambda copy=copy, by=by: services.assign_reviewer(
                article=copy, reviewer=reviewer, due_on=due_on, by=by
            )
            for copy, by in zip(copies(article, 4), editors, strict=True)
        ]
    )
    assert len(successes(outcomes)) == 1
    assert set(refusals(outcomes)) == {"This person already reviews this article."}
    assert Review.objects.filter(reviewer=reviewer).count() == 1


def test_two_reminder_runs_at_once_remind_a_reviewer_once():
    review = ReviewFactory(due_on=timezone.localdate() + datetime.timedelta(days=1))
    mail.outbox.clear()
    outcomes = contend([services.send_review_reminders] * 4)
    assert sorted(outcomes) == [0, 0, 0, 1]
    assert [message.to for message in mail.outbox] == [[review.reviewer.email]]
