"""Visitors' copies of the magazine, the news, the feeds and the home page come from the page
cache and change at the first request after a change; signed-in readers get their own."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wsco.members.tests.factories import UserFactory
from wsco.publications.tests.factories import (
    ArticleFactory,
    AuthorFactory,
    IssueFactory,
    PostFactory,
    make_editor,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60


def text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


READER_PAGES = ["/", "/magazine/", "/news/", "/news/feed/"]


@pytest.mark.parametrize("url", READER_PAGES)
def test_a_visitors_second_request_asks_the_database_nothing(client, url):
    PostFactory(title="Heat islands")
    queries_for(client, url)
    assert queries_for(client, url) == 0


def test_an_edited_post_shows_at_the_next_request_on_every_cached_page(client):
    post = PostFactory(title="Heat islands", slug="heat-islands")
    for url in ["/", "/news/", "/news/feed/", "/news/heat-islands/"]:
        assert "Heat islands" in text(client, url)
    post.title = "Cool roofs"
    post.save()
    for url in ["/", "/news/", "/news/feed/", "/news/heat-islands/"]:
        assert "Cool roofs" in text(client, url), url


def test_a_renamed_author_shows_on_the_cached_article_at_once(client):
    author = AuthorFactory(name="Ana Popa")
    article = ArticleFactory(authors=[author])
    assert "Ana Popa" in text(client, article.get_absolute_url())
    author.name = "Ana Popa-Ionescu"
    author.save()
    assert "Ana Popa-Ionescu" in text(client, article.get_absolute_url())


def test_a_scheduled_post_shows_once_its_hour_passes_without_any_write(client, monkeypatch):
    PostFactory(title="Heat islands")
    later = timezone.now() + datetime.timedelta(minutes=2)
    PostFactory(title="Cool roofs", published_at=later)
    assert "Cool roofs" not in text(client, "/news/")
    # Past its hour, and past the 300 s a visitor's copy lives at most.
    clock = timezone.now() + datetime.timedelta(minutes=6)
    monkeypatch.setattr(timezone, "now", lambda: clock)
    monkeypatch.setattr("time.time", lambda: clock.timestamp())
    assert "Cool roofs" in text(client, "/news/")


def test_an_editor_sees_the_issue_in_preparation_a_visitor_was_refused(client):
    IssueFactory(volume=9, number=2, published_at=None)
    assert client.get("/magazine/9/2/").status_code == 404
    client.force_login(make_editor())
    assert client.get("/magazine/9/2/").status_code == 200


def test_a_signed_in_reader_is_not_served_the_visitors_copy(client):
    PostFactory(title="Heat islands")
    text(client, "/news/")
    text(client, "/")
    client.force_login(UserFactory())
    assert queries_for(client, "/news/") > 0
    assert queries_for(client, "/") > 0
