"""Review assignments that end without a review: declined by the reviewer, withdrawn by an editor.

An ended assignment stays as history, owes nothing (no reminder, no "to write" list), opens the
manuscript to nobody, and leaves the editor free to ask someone else, or the same person again.
"""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wsco.accounts.models import User
from wsco.core.tests.constraints import violates
from wsco.members.tests.factories import MemberProfileFactory
from wsco.publications import queries, services
from wsco.publications.dashboard import panel_context
from wsco.publications.models import ArticleEvent, ArticleStatus, Review
from wsco.publications.tests.factories import (
    ReviewFactory,
    SubmittedArticleFactory,
    make_editor,
)

pytestmark = pytest.mark.django_db
Action = ArticleEvent.Action
ONE_PENDING_REVIEW = violates(
    "publications_one_pending_review_per_reviewer",
    "publications_review.article_id",
    "publications_review.reviewer_id",
)
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
    with pytest.raises(IntegrityError, match=ONE_PENDING_REVIEW), transaction.atomic():
        Review.objects.create(article=review.article, reviewer=review.reviewer, due_on=TODAY)


def test_a_review_ends_one_way_only():
    review = ReviewFactory(submitted_at=timezone.now())
    review.declined_at = timezone.now()
    with (
        pytest.raises(IntegrityError, match="publications_review_ends_one_way"),
        transaction.atomic(),
    ):
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


# Declining and withdrawing through the services.


def assigned(*, article=None, language="en") -> Review:
    """Return a review an editor just assigned to a new member (a submitted article by default)."""
    reviewer = MemberProfileFactory(user__language=language).user
    review = services.assign_reviewer(
        article=article or SubmittedArticleFactory(),
        reviewer=reviewer,
        due_on=IN_THREE_WEEKS,
        by=make_editor(),
    )
    mail.outbox.clear()
    return review


def last_event(article) -> ArticleEvent:
    return article.events.order_by("at", "pk").last()


def test_reviewer_declines_with_a_reason_and_only_the_editors_are_told(
    django_capture_on_commit_callbacks,
):
    review = assigned()
    editor = Review.objects.get(pk=review.pk).assigned_by
    with django_capture_on_commit_callbacks(execute=True):
        declined = services.decline_review(
            review=review, reason="  On leave until May. ", by=review.reviewer
        )
    review.refresh_from_db()
    assert review.declined_at is not None
    assert review.decline_reason == "On leave until May."
    assert (review.withdrawn_at, review.submitted_at) == (None, None)
    assert declined == review
    event = last_event(review.article)
    assert (event.action, event.by, event.message) == (
        Action.REVIEWER_DECLINED,
        review.reviewer,
        "",
    )
    assert not event.visible_to_author
    assert [m.to for m in mail.outbox] == [[editor.email]]  # no email to the authors
    assert "On leave until May." in mail.outbox[0].body
    assert review.reviewer.email in mail.outbox[0].body


def test_a_decline_without_a_reason_says_none(django_capture_on_commit_callbacks):
    review = assigned()
    with django_capture_on_commit_callbacks(execute=True):
        services.decline_review(review=review, by=review.reviewer)
    assert "reason" not in mail.outbox[0].body


def test_editor_withdraws_a_reviewer_who_is_emailed_they_are_released(
    django_capture_on_commit_callbacks,
):
    review = assigned()
    editor = make_editor()
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_reviewer(review=review, by=editor)
    review.refresh_from_db()
    assert review.withdrawn_at is not None
    assert review.declined_at is None
    event = last_event(review.article)
    assert (event.action, event.by, event.visible_to_author) == (
        Action.REVIEWER_WITHDRAWN,
        editor,
        False,
    )
    assert [m.to for m in mail.outbox] == [[review.reviewer.email]]
    assert "You no longer need to review" in mail.outbox[0].subject


def test_each_person_is_emailed_in_their_own_language(django_capture_on_commit_callbacks):
    # The Romanian texts are the catalogue's, in locale/ro/LC_MESSAGES/django.po.
    romanian_editor = make_editor(language="ro")
    review = assigned(language="ro")  # assigned by an editor who reads English
    title = review.article.title
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_reviewer(review=review, by=romanian_editor)
    assert [m.to for m in mail.outbox] == [[review.reviewer.email]]
    assert mail.outbox[0].subject.endswith(f"Nu mai este nevoie să evaluați „{title}”")
    assert "Nu mai aveți de trimis nicio evaluare." in mail.outbox[0].body
    mail.outbox.clear()
    review = assigned(article=review.article)
    with django_capture_on_commit_callbacks(execute=True):
        services.decline_review(review=review, by=review.reviewer)
    subjects = {
        User.objects.get(email=address).language: message.subject
        for message in mail.outbox
        for address in message.to
    }
    assert subjects["ro"].endswith(f"Evaluare refuzată: „{title}”")
    assert subjects["en"].endswith(f'Review declined: "{title}"')
    assert len(mail.outbox) == 2  # one email per language


@pytest.mark.parametrize("end", ["decline", "withdraw"])
def test_the_article_goes_back_to_submitted_when_nobody_reviews_it_any_more(end):
    review = assigned()
    end_review(review, end)
    review.article.refresh_from_db()
    assert review.article.status == ArticleStatus.SUBMITTED
    again = services.assign_reviewer(
        article=review.article, reviewer=review.reviewer, due_on=IN_THREE_WEEKS, by=make_editor()
    )
    review.article.refresh_from_db()
    assert review.article.status == ArticleStatus.IN_REVIEW
    assert list(review.article.reviews.active()) == [again]


@pytest.mark.parametrize("end", ["decline", "withdraw"])
def test_the_article_stays_in_review_while_another_review_counts(end):
    first = assigned()
    second = assigned(article=first.article)
    end_review(first, end)
    first.article.refresh_from_db()
    assert first.article.status == ArticleStatus.IN_REVIEW
    services.submit_review(
        review=second, recommendation="accept", comments_for_author="Good.", by=second.reviewer
    )
    third = assigned(article=first.article)
    end_review(third, end)
    first.article.refresh_from_db()
    assert first.article.status == ArticleStatus.IN_REVIEW  # a recommendation waits for a decision


@pytest.mark.parametrize("end", ["decline", "withdraw"])
def test_a_decided_article_keeps_its_status(end):
    review = assigned()
    services.decide_article(article=review.article, decision="accept", message="", by=make_editor())
    end_review(review, end)
    review.article.refresh_from_db()
    assert review.article.status == ArticleStatus.ACCEPTED


@pytest.mark.parametrize("end", ["decline", "withdraw"])
def test_an_ended_review_is_not_reminded_nor_can_be_submitted(
    end, django_capture_on_commit_callbacks
):
    other = ReviewFactory(due_on=TODAY)
    review = assigned(article=other.article)
    Review.objects.filter(pk=review.pk).update(due_on=TODAY)
    end_review(review, end)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_review_reminders(today=TODAY) == 1
    assert [m.to for m in mail.outbox] == [[other.reviewer.email]]
    with pytest.raises(ValidationError, match="already"):
        services.submit_review(
            review=review, recommendation="accept", comments_for_author="", by=review.reviewer
        )


def test_only_the_assigned_reviewer_declines(django_capture_on_commit_callbacks):
    review = assigned()
    for someone in [make_editor(), review.article.submitted_by, MemberProfileFactory().user]:
        with (
            pytest.raises(ValidationError, match="Only the assigned reviewer"),
            django_capture_on_commit_callbacks(execute=True),
        ):
            services.decline_review(review=review, by=someone)
    review.refresh_from_db()
    assert review.is_pending
    assert mail.outbox == []


def test_only_editors_withdraw_a_reviewer(django_capture_on_commit_callbacks):
    review = assigned()
    staff = MemberProfileFactory(user__is_staff=True).user
    for someone in [review.reviewer, review.article.submitted_by, staff]:
        with (
            pytest.raises(ValidationError, match="Only the editors"),
            django_capture_on_commit_callbacks(execute=True),
        ):
            services.withdraw_reviewer(review=review, by=someone)
    review.refresh_from_db()
    assert review.is_pending
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("first", "then", "refusal"),
    [
        ("decline", "decline", "declined already"),
        ("decline", "withdraw", "declined already"),
        ("withdraw", "decline", "withdrawn already"),
        ("withdraw", "withdraw", "withdrawn already"),
        ("submit", "decline", "submitted already"),
        ("submit", "withdraw", "submitted already"),
    ],
)
def test_a_review_that_ended_cannot_end_again(
    first, then, refusal, django_capture_on_commit_callbacks
):
    review = assigned(article=ReviewFactory().article)  # another reviewer keeps it in review
    end_review(review, first)
    review.refresh_from_db()
    before = (review.declined_at, review.withdrawn_at, review.submitted_at)
    events = review.article.events.count()
    mail.outbox.clear()
    with (
        pytest.raises(ValidationError, match=refusal),
        django_capture_on_commit_callbacks(execute=True),
    ):
        end_review(review, then)
    review.refresh_from_db()
    assert (review.declined_at, review.withdrawn_at, review.submitted_at) == before
    assert review.article.events.count() == events
    assert mail.outbox == []


def end_review(review: Review, how: str) -> None:
    """Decline, withdraw or submit `review`, as the person who may."""
    if how == "decline":
        services.decline_review(review=review, reason="", by=review.reviewer)
    elif how == "withdraw":
        services.withdraw_reviewer(review=review, by=make_editor())
    else:
        services.submit_review(
            review=review, recommendation="accept", comments_for_author="Fine.", by=review.reviewer
        )


# The pages: the reviewer's page, the article's desk page.


def test_reviewer_declines_from_their_review_page(client):
    review = assigned()
    client.force_login(review.reviewer)
    page = client.get(review.get_absolute_url()).content.decode()
    assert '<label for="id_decline-reason">' in page
    response = client.post(
        reverse("publications:decline_review", kwargs={"pk": review.pk}),
        {"decline-reason": "Too close to the authors."},
        follow=True,
    )
    assert response.redirect_chain == [(reverse("publications:submissions"), 302)]
    assert "You declined the review" in response.content.decode()
    review.refresh_from_db()
    assert (review.declined_at is not None, review.decline_reason) == (
        True,
        "Too close to the authors.",
    )
    assert response.context["reviews"] == []  # gone from "Reviews asked of me"
    page = client.get(review.get_absolute_url()).content.decode()
    assert "You declined this review" in page
    assert review.article.abstract not in page  # the manuscript is no longer shown
    assert "Decline the review" not in page


def test_a_reason_that_is_too_long_is_shown_beside_the_field(client):
    review = assigned()
    client.force_login(review.reviewer)
    response = client.post(
        reverse("publications:decline_review", kwargs={"pk": review.pk}),
        {"decline-reason": "x" * 1001},
    )
    assert response.status_code == 200
    assert list(response.context["decline_form"].errors) == ["reason"]
    assert 'id="decline" open' in response.content.decode()
    review.refresh_from_db()
    assert review.is_pending


def test_declining_twice_is_refused_with_a_message(client):
    review = assigned()
    client.force_login(review.reviewer)
    url = reverse("publications:decline_review", kwargs={"pk": review.pk})
    client.post(url, {})
    mail.outbox.clear()
    response = client.post(url, {}, follow=True)
    assert response.redirect_chain == [(review.get_absolute_url(), 302)]
    assert "This review has been declined already." in response.content.decode()
    assert mail.outbox == []
    assert review.article.events.filter(action=Action.REVIEWER_DECLINED).count() == 1


def test_nobody_but_the_reviewer_can_decline(client):
    review = assigned()
    url = reverse("publications:decline_review", kwargs={"pk": review.pk})
    for someone in [make_editor(), review.article.submitted_by, MemberProfileFactory().user]:
        client.force_login(someone)
        assert client.post(url, {}).status_code == 404  # as the review page: it does not leak
    review.refresh_from_db()
    assert review.is_pending


def test_editor_withdraws_a_reviewer_from_the_articles_page(
    client, django_capture_on_commit_callbacks
):
    review = assigned()
    client.force_login(make_editor())
    page = client.get(review.article.get_submission_url()).content.decode()
    assert f'aria-describedby="reviewer-{review.pk}"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("publications:withdraw_reviewer", kwargs={"pk": review.pk}), follow=True
        )
    assert response.redirect_chain == [(review.article.get_submission_url(), 302)]
    review.refresh_from_db()
    assert review.withdrawn_at is not None
    assert [m.to for m in mail.outbox] == [[review.reviewer.email]]
    context = response.context
    assert (context["reviews"], context["ended_reviews"]) == ([], [review])
    assert context["article"].status == ArticleStatus.SUBMITTED
    page = response.content.decode()
    assert "withdrawn on" in page
    assert "Every reviewer asked so far declined or was withdrawn." in page


def test_only_editors_can_withdraw_a_reviewer(client):
    review = assigned()
    url = reverse("publications:withdraw_reviewer", kwargs={"pk": review.pk})
    staff = MemberProfileFactory(user__is_staff=True).user
    for someone in [review.reviewer, review.article.submitted_by, staff]:
        client.force_login(someone)
        assert client.post(url).status_code == 403
    review.refresh_from_db()
    assert review.is_pending
    assert mail.outbox == []


def test_withdrawing_a_submitted_review_is_refused_with_a_message(client):
    review = assigned()
    end_review(review, "submit")
    client.force_login(make_editor())
    response = client.post(
        reverse("publications:withdraw_reviewer", kwargs={"pk": review.pk}), follow=True
    )
    assert "This review has been submitted already." in response.content.decode()
    review.refresh_from_db()
    assert review.withdrawn_at is None


def test_the_editors_read_the_reason_and_the_authors_learn_nothing(client):
    reviewer = MemberProfileFactory(name="Secret Reviewer").user
    author = MemberProfileFactory().user
    article = services.submit_article(by=author, title="T", abstract="A", body="B")
    review = services.assign_reviewer(
        article=article, reviewer=reviewer, due_on=IN_THREE_WEEKS, by=make_editor()
    )
    mail.outbox.clear()
    services.decline_review(review=review, reason="Conflict of interest.", by=reviewer)
    assert author.email not in {address for m in mail.outbox for address in m.to}
    client.force_login(author)
    page = client.get(article.get_submission_url()).content.decode()
    for hidden in ["Reviewer declined", "Conflict of interest.", "Secret Reviewer", reviewer.email]:
        assert hidden not in page
    client.force_login(make_editor())
    page = client.get(article.get_submission_url()).content.decode()
    for shown in ["Reviewer declined", "Conflict of interest.", "Secret Reviewer"]:
        assert shown in page
    assert reviewer.email not in page  # the editors too see the reviewer by name


def test_articles_page_query_count_does_not_grow_with_reviews(client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # every request builds the whole page
    article = assigned().article
    client.force_login(make_editor())

    def queries_for_page() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(article.get_submission_url()).status_code == 200
        return len(captured)

    end_review(assigned(article=article), "decline")
    with_two = queries_for_page()
    for how in ["decline", "withdraw", "submit"]:
        end_review(assigned(article=article), how)
    assert queries_for_page() == with_two


def test_authors_and_reviewers_are_emailed_in_their_own_language(
    django_capture_on_commit_callbacks,
):
    # The Romanian texts are the catalogue's, in locale/ro/LC_MESSAGES/django.po.
    article = SubmittedArticleFactory(submitted_by=MemberProfileFactory(user__language="ro").user)
    reviewer = MemberProfileFactory(user__language="ro").user
    title = article.title
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.assign_reviewer(
            article=article, reviewer=reviewer, due_on=IN_THREE_WEEKS, by=make_editor()
        )
    by_recipient = {message.to[0]: message.subject for message in mail.outbox}
    assert by_recipient[article.submitted_by.email].endswith(f"„{title}”: Evaluator desemnat")
    assert by_recipient[reviewer.email].endswith(f"Vă rugăm să evaluați „{title}”")
    mail.outbox.clear()
    Review.objects.filter(article=article).update(due_on=timezone.localdate())
    with django_capture_on_commit_callbacks(execute=True):
        services.send_review_reminders(today=timezone.localdate() + datetime.timedelta(days=1))
    assert [message.to for message in mail.outbox] == [[reviewer.email]]
    assert mail.outbox[0].subject.endswith(f"Evaluare întârziată: „{title}”")


def test_a_reviewer_owes_one_review_at_a_time_but_may_review_the_revised_version():
    review = assigned()
    article, reviewer, editor = review.article, review.reviewer, make_editor()
    with pytest.raises(ValidationError, match="already reviews"):
        services.assign_reviewer(
            article=article, reviewer=reviewer, due_on=IN_THREE_WEEKS, by=editor
        )
    services.submit_review(
        review=review, recommendation="revise", comments_for_author="More data.", by=reviewer
    )
    services.decide_article(article=article, decision="revise", message="More data.", by=editor)
    services.revise_article(
        article=article, by=article.submitted_by, title="New", abstract="A2", body="B2"
    )
    second = services.assign_reviewer(
        article=article, reviewer=reviewer, due_on=IN_THREE_WEEKS, by=editor
    )
    assert list(article.reviews.active()) == [review, second]
    assert list(article.reviews.pending()) == [second]
    with pytest.raises(IntegrityError, match=ONE_PENDING_REVIEW), transaction.atomic():
        Review.objects.create(article=article, reviewer=reviewer, due_on=IN_THREE_WEEKS)
    # The submission page points the reviewer at the review they owe, not the one given.
    client = Client()
    client.force_login(reviewer)
    page = client.get(article.get_submission_url()).content.decode()
    assert f'href="{second.get_absolute_url()}"' in page
