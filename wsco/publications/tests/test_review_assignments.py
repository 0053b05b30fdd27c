"""Review assignments that end without a review: declined by the reviewer, withdrawn by an editor.

An ended assignment stays as history, owes nothing (no reminder, no "to write" list), opens the
manuscript to nobody, and leaves the editor free to ask someone else, or the same person again.
"""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from wsco.members.tests.factories import MemberProfileFactory
from wsco.publications import queries, services
from wsco.publications.dashboard import panel_context
from wsco.publications.models import ArticleStatus, Review
from wsco.publications.tests.factories import ReviewFactory, make_editor

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
IN_THREE_WEEKS = TODAY + datetime.timedelta(days=21)
ENDED = [
    pytest.param({"declined_at": timezone.now()}, id="declined"),
    pytest.param({"withdrawn_at": timezone.now()}, id="withdrawn"),
]


def reviews_to_write_on_home_page(user) -> list:
    request = RequestFactory().get("/members/me/")
    request.user = user
    return (panel_context(request) or {}).get("reviews", [])


@pytest.mark.parametrize("ended", ENDED)
def test_ended_review_is_not_active_nor_pending(ended):
    review = ReviewFactory(**ended)
    ReviewFactory(submitted_at=timezone.now())
    assert not review.is_active
    assert not review.is_pending
    assert review not in Review.objects.active()
    assert list(Review.objects.pending()) == []


@pytest.mark.parametrize("ended", ENDED)
def test_ended_review_is_never_reminded(ended):
    ReviewFactory(due_on=TODAY + datetime.timedelta(days=1), **ended)
    ReviewFactory(due_on=TODAY - datetime.timedelta(days=1), **ended)
    assert services.send_review_reminders(today=TODAY) == 0


@pytest.mark.parametrize("ended", ENDED)
def test_the_same_person_can_be_asked_again_once_their_review_ended(ended):
    first = ReviewFactory(reviewer=MemberProfileFactory().user, **ended)
    again = services.assign_reviewer(
        article=first.article, reviewer=first.reviewer, due_on=IN_THREE_WEEKS, by=make_editor()
    )
    assert again.pk != first.pk
    assert list(first.article.reviews.active()) == [again]
    assert first.article.reviews.count() == 2  # the ended one stays as history


def test_a_person_cannot_hold_two_active_reviews_of_one_article():
    review = ReviewFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.create(article=review.article, reviewer=review.reviewer, due_on=TODAY)


def test_a_review_ends_one_way_only():
    review = ReviewFactory(submitted_at=timezone.now())
    review.declined_at = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        review.save()


@pytest.mark.parametrize("ended", ENDED)
def test_ended_review_leaves_the_reviewers_lists_and_the_desk(ended):
    profile = MemberProfileFactory()
    review = ReviewFactory(reviewer=profile.user, **ended)
    assert queries.reviews_of(profile.user) == []
    assert reviews_to_write_on_home_page(profile.user) == []
    desk = queries.editorial_desk()
    assert desk == [review.article]
    assert list(desk[0].reviews.all()) == []


@pytest.mark.parametrize("ended", ENDED)
def test_a_reviewer_whose_review_ended_no_longer_sees_the_manuscript(client, ended):
    review = ReviewFactory(reviewer=MemberProfileFactory().user, **ended)
    client.force_login(review.reviewer)
    submission = reverse("publications:submission", kwargs={"pk": review.article.pk})
    assert client.get(submission).status_code == 404
    assert client.get(review.article.get_absolute_url()).status_code == 404


def test_authors_see_only_the_reviews_that_count(client):
    article = ReviewFactory(declined_at=timezone.now()).article
    ReviewFactory(article=article, submitted_at=timezone.now(), recommendation="accept")
    article.status = ArticleStatus.ACCEPTED
    article.save()
    client.force_login(article.submitted_by)
    response = client.get(article.get_submission_url())
    assert [review.recommendation for review in response.context["reviews"]] == ["accept"]
    assert "Reviewer 2" not in response.content.decode()
