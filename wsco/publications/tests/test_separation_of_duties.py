"""Nobody decides on their own article: an editor on the byline takes none of the editors'
steps on it, and nobody on the byline reviews it. Another editor does."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from wsco.core.access import PartyToCase
from wsco.members.tests.factories import MemberProfileFactory
from wsco.publications import services
from wsco.publications.models import ArticleStatus, Author, Byline, Review
from wsco.publications.tests.factories import (
    IssueFactory,
    ReviewFactory,
    SubmittedArticleFactory,
    make_editor,
)

pytestmark = pytest.mark.django_db
IN_THREE_WEEKS = timezone.localdate() + datetime.timedelta(days=21)


def sign(article, user) -> None:
    """Put `user` on the article's byline, after the authors already there."""
    author = services.ensure_author_for_profile(profile=user.profile)
    Byline.objects.create(article=article, author=author, position=article.bylines.count())


def editor_on_the_byline(article):
    editor = make_editor()
    MemberProfileFactory(user=editor)
    sign(article, editor)
    return editor


STEPS = {
    "accept": lambda article, by: services.decide_article(
        article=article, decision="accept", message="", by=by
    ),
    "reject": lambda article, by: services.decide_article(
        article=article, decision="reject", message="", by=by
    ),
    "ask for a revision": lambda article, by: services.decide_article(
        article=article, decision="revise", message="More data.", by=by
    ),
    "assign a reviewer": lambda article, by: services.assign_reviewer(
        article=article, reviewer=MemberProfileFactory().user, due_on=IN_THREE_WEEKS, by=by
    ),
}


@pytest.mark.parametrize("take", STEPS.values(), ids=STEPS.keys())
def test_an_editor_on_the_byline_takes_no_editors_step_on_it(take):
    article = SubmittedArticleFactory()
    editor = editor_on_the_byline(article)
    with pytest.raises(PartyToCase, match="you are one of its authors"):
        take(article, editor)
    article.refresh_from_db()
    assert article.status == ArticleStatus.SUBMITTED
    assert not article.events.exists()
    assert not Review.objects.exists()


@pytest.mark.parametrize("take", STEPS.values(), ids=STEPS.keys())
def test_another_editor_takes_it(take):
    article = SubmittedArticleFactory()
    editor_on_the_byline(article)
    take(article, make_editor())
    article.refresh_from_db()
    assert article.status != ArticleStatus.SUBMITTED


def test_an_editor_on_the_byline_neither_copy_edits_nor_places_it():
    article = SubmittedArticleFactory(status=ArticleStatus.ACCEPTED)
    editor = editor_on_the_byline(article)
    with pytest.raises(PartyToCase, match="you are one of its authors"):
        services.copy_edit_article(
            article=article, by=editor, title="Mine", abstract="A", body="B", done=True
        )
    article.refresh_from_db()
    assert (article.status, article.title) != (ArticleStatus.COPY_EDITED, "Mine")
    services.copy_edit_article(
        article=article, by=make_editor(), title="T", abstract="A", body="B", done=True
    )
    with pytest.raises(PartyToCase, match="you are one of its authors"):
        services.place_article_in_issue(article=article, issue=IssueFactory(), by=editor)
    article.refresh_from_db()
    assert (article.status, article.issue) == (ArticleStatus.COPY_EDITED, None)


def test_an_editor_on_the_byline_does_not_withdraw_its_reviewer():
    review = ReviewFactory()
    editor = editor_on_the_byline(review.article)
    with pytest.raises(PartyToCase, match="you are one of its authors"):
        services.withdraw_reviewer(review=review, by=editor)
    review.refresh_from_db()
    assert review.withdrawn_at is None
    services.withdraw_reviewer(review=review, by=make_editor())
    review.refresh_from_db()
    assert review.withdrawn_at is not None


def test_a_co_author_is_never_its_reviewer_and_anyone_else_may_be():
    first = MemberProfileFactory()
    article = services.submit_article(by=first.user, title="T", abstract="A", body="B")
    co_author = MemberProfileFactory().user
    sign(article, co_author)
    editor = make_editor()
    with pytest.raises(ValidationError, match="An author cannot review their own article"):
        services.assign_reviewer(
            article=article, reviewer=co_author, due_on=IN_THREE_WEEKS, by=editor
        )
    assert not Review.objects.exists()
    outsider = MemberProfileFactory().user
    services.assign_reviewer(article=article, reviewer=outsider, due_on=IN_THREE_WEEKS, by=editor)
    assert list(Review.objects.values_list("reviewer", flat=True)) == [outsider.pk]


def test_the_editor_who_submitted_a_guests_article_may_decide_on_it():
    # The guest's work, not the editor's: submitting it for them makes nobody a party.
    editor = make_editor()
    guest = services.create_guest_author(name="Jonas Lindqvist")
    article = services.submit_article(
        by=editor, title="Heat", abstract="A.", body="B.", authors=[guest]
    )
    services.decide_article(article=article, decision="accept", message="", by=editor)
    assert article.status == ArticleStatus.ACCEPTED
    assert Author.objects.get(pk=guest.pk).is_guest


def test_the_page_says_why_and_offers_no_editors_action(client):
    article = SubmittedArticleFactory()
    editor = editor_on_the_byline(article)
    client.force_login(editor)
    page = client.get(article.get_submission_url()).content.decode()
    assert "You are one of this article's authors: another editor decides on it." in page
    assert f"/{article.pk}/decide/" not in page
    response = client.post(
        f"/magazine/submissions/{article.pk}/decide/", {"decision": "accept", "message": ""}
    )
    assert response.status_code == 403
    assert "you are one of its authors" in response.content.decode()
    article.refresh_from_db()
    assert article.status == ArticleStatus.SUBMITTED
    client.force_login(make_editor())
    assert f"/{article.pk}/decide/" in client.get(article.get_submission_url()).content.decode()
