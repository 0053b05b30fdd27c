"""The publications' offers on a theme: what readers may read, published articles and posts."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from wsco.core.models import Theme
from wsco.members.tests.factories import UserFactory, current_member
from wsco.publications.models import ArticleStatus
from wsco.publications.tests.factories import (
    ArticleFactory,
    IssueFactory,
    PostFactory,
    SubmittedArticleFactory,
    make_editor,
)
from wsco.publications.theme_offers import count_articles, count_posts, find_articles, find_posts

pytestmark = pytest.mark.django_db

LATER = timezone.now() + datetime.timedelta(days=2)


def _on_water(row):
    row.themes.add(Theme.objects.get(slug="water"))
    return row


@pytest.fixture
def publications():
    """Water articles and posts in every state: only the published ones may be offered."""
    return {
        "article": _on_water(ArticleFactory(title="Leak detection in Cluj")),
        "submitted": _on_water(SubmittedArticleFactory(title="Submitted")),
        "accepted": _on_water(ArticleFactory(title="Accepted", status=ArticleStatus.ACCEPTED)),
        "issue_in_preparation": _on_water(
            ArticleFactory(title="In preparation", issue=IssueFactory(published_at=None))
        ),
        "issue_scheduled": _on_water(
            ArticleFactory(title="Scheduled issue", issue=IssueFactory(published_at=LATER))
        ),
        "other_theme": ArticleFactory(title="Energy only"),
        "post": _on_water(PostFactory(title="Water week", summary="A week on water.")),
        "draft": _on_water(PostFactory(title="Draft", published_at=None)),
        "scheduled_post": _on_water(PostFactory(title="Scheduled post", published_at=LATER)),
    }


VIEWERS = {
    "visitor": AnonymousUser,
    "member": lambda: current_member().user,
    "staff": lambda: UserFactory(is_staff=True),
    "editor": make_editor,
}


@pytest.mark.parametrize("viewer", list(VIEWERS))
def test_only_published_articles_and_posts_are_offered_to_anyone(publications, viewer):
    user = VIEWERS[viewer]()
    # Even the author of a submission and the editors find it on their own pages, not here.
    if user.is_authenticated:
        publications["submitted"].submitted_by = user
        publications["submitted"].save(update_fields=["submitted_by"])
    assert [item.title for item in find_articles(["water"], user=user, limit=10)] == [
        "Leak detection in Cluj"
    ]
    assert [item.title for item in find_posts(["water"], user=user, limit=10)] == ["Water week"]
    assert count_articles(user)["water"] == 1
    assert count_posts(user)["water"] == 1


def test_an_article_is_a_card_with_its_abstract_date_and_themes(publications):
    (item,) = find_articles(["water"], user=AnonymousUser(), limit=5)
    article = publications["article"]
    assert item.url == article.get_absolute_url()
    assert item.text == "What the article brings."
    assert item.date == article.published_at
    assert item.themes == ("water",)


def test_a_post_is_a_card_with_its_summary_and_date(publications):
    (item,) = find_posts(["water"], user=AnonymousUser(), limit=5)
    assert item.text == "A week on water."
    assert item.date == publications["post"].published_at


def test_the_romanian_reader_gets_the_romanian_title():
    from django.utils import translation

    _on_water(ArticleFactory(title="Water", title_ro="Apă și orașe"))
    with translation.override("ro"):
        (item,) = find_articles(["water"], user=AnonymousUser(), limit=5)
    assert item.title == "Apă și orașe"
    assert item.language == ""


def test_newest_first_and_the_limit_holds():
    old = _on_water(ArticleFactory(published_at=timezone.now() - datetime.timedelta(days=9)))
    new = _on_water(ArticleFactory())
    items = find_articles(["water"], user=AnonymousUser(), limit=1)
    assert [item.url for item in items] == [new.get_absolute_url()]
    assert old.get_absolute_url() != new.get_absolute_url()
