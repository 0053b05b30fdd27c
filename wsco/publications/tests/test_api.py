"""The read-only publications API: published issues, articles and posts, paginated."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wsco.core.models import Theme
from wsco.publications.tests.factories import (
    ArticleFactory,
    AuthorFactory,
    IssueFactory,
    PostFactory,
    SubmittedArticleFactory,
)

pytestmark = pytest.mark.django_db

ENDPOINTS = ["issues", "articles", "posts"]


def make(count):
    issue = IssueFactory()
    for _ in range(count):
        article = ArticleFactory(issue=issue, authors=[AuthorFactory(), AuthorFactory()])
        article.themes.add(Theme.objects.get(slug="water"))
        PostFactory().themes.add(Theme.objects.get(slug="energy"))
        IssueFactory()


def count_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_list_query_count_does_not_grow_with_rows(client, endpoint):
    url = f"/api/v1/publications/{endpoint}"
    make(1)
    with_one = count_queries(client, url)
    make(5)
    assert count_queries(client, url) == with_one


def test_articles_lists_only_published_ones_with_count_and_authors(client):
    article = ArticleFactory(title="Bus lanes", authors=[AuthorFactory(name="Ana Pop")])
    SubmittedArticleFactory()
    ArticleFactory(issue=IssueFactory(published_at=None))
    body = client.get("/api/v1/publications/articles").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert (item["title"], item["url"]) == ("Bus lanes", article.get_absolute_url())
    assert [author["name"] for author in item["authors"]] == ["Ana Pop"]


def test_posts_filter_by_theme_and_paginate(client):
    for _ in range(3):
        PostFactory().themes.add(Theme.objects.get(slug="water"))
    PostFactory()
    body = client.get("/api/v1/publications/posts?theme=water&page_size=2").json()
    assert (body["count"], len(body["items"]), body["has_next"]) == (3, 2, True)
    last = client.get("/api/v1/publications/posts?theme=water&page_size=2&page=2").json()
    assert (len(last["items"]), last["has_next"]) == (1, False)


def test_issues_count_their_published_articles(client):
    issue = IssueFactory()
    ArticleFactory.create_batch(2, issue=issue)
    SubmittedArticleFactory(issue=issue)
    IssueFactory(published_at=None)
    body = client.get("/api/v1/publications/issues").json()
    assert body["count"] == 1
    assert body["items"][0]["article_count"] == 2


def test_a_bad_token_is_refused(client):
    response = client.get("/api/v1/publications/posts", headers={"Authorization": "Bearer nope"})
    assert response.status_code == 401
