"""Atom feeds (all, per theme, per author) and the sitemap."""

import xml.etree.ElementTree as ElementTree

import pytest
from django.urls import reverse

from wsco.core.models import Theme
from wsco.core.tests.html_safety import executable_feed_markup
from wsco.core.tests.xss_payloads import XSS_PAYLOADS
from wsco.publications.tests.factories import (
    ArticleFactory,
    AuthorFactory,
    PostFactory,
    SubmittedArticleFactory,
)

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def entry_titles(response):
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)
    return [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]


def test_feed_links_start_with_the_site_url(client, settings):
    settings.SITE_URL = "https://wsco.example"
    post = PostFactory()
    content = client.get(reverse("publications:feed")).content.decode()
    assert f'href="https://wsco.example{post.get_absolute_url()}"' in content
    assert 'href="https://wsco.example/news/feed/" rel="self"' in content
    assert "example.com" not in content


def test_feed_holds_published_articles_and_posts_newest_first(client):
    ArticleFactory(title="Old article", published_at="2020-01-01T10:00Z")
    PostFactory(title="New post")
    SubmittedArticleFactory(title="Not yet")
    PostFactory(title="Draft", published_at=None)
    titles = entry_titles(client.get(reverse("publications:feed")))
    assert titles == ["New post", "Old article"]


def test_theme_feed_holds_only_that_theme(client):
    water = Theme.objects.get(slug="water")
    ArticleFactory(title="Leaks").themes.add(water)
    PostFactory(title="Energy news")
    response = client.get(reverse("publications:theme_feed", kwargs={"slug": "water"}))
    assert entry_titles(response) == ["Leaks"]


def test_author_feed_holds_only_that_author(client):
    author = AuthorFactory()
    ArticleFactory(title="Mine", authors=[author])
    PostFactory(title="My post", author=author)
    ArticleFactory(title="Someone else's")
    response = client.get(reverse("publications:author_feed", kwargs={"slug": author.slug}))
    assert sorted(entry_titles(response)) == ["Mine", "My post"]


def test_unknown_theme_feed_is_not_found(client):
    assert client.get("/news/feed/themes/nope/").status_code == 404


def test_sitemap_lists_published_pages_only(client, settings):
    settings.SITE_URL = "https://wsco.example"
    article = ArticleFactory()
    post = PostFactory()
    hidden = SubmittedArticleFactory()
    content = client.get("/sitemap.xml").content.decode()
    assert f"<loc>https://wsco.example{article.get_absolute_url()}</loc>" in content
    assert post.get_absolute_url() in content
    assert article.issue.get_absolute_url() in content
    assert hidden.get_absolute_url() not in content


def _summaries(response) -> list[str]:
    root = ElementTree.fromstring(response.content)
    return [entry.find(f"{ATOM}summary").text for entry in root.iter(f"{ATOM}entry")]


def test_an_abstract_is_sent_as_the_text_it_is(client):
    ArticleFactory(abstract="Water & <b>power</b>\n\nLess <loss>.")
    # The reader decodes the XML and renders the HTML: it shows the text, tags and all.
    assert _summaries(client.get(reverse("publications:feed"))) == [
        "<p>Water &amp; &lt;b&gt;power&lt;/b&gt;</p>\n\n<p>Less &lt;loss&gt;.</p>"
    ]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_no_feed_carries_live_markup(client, payload):
    water = Theme.objects.get(slug="water")
    author = AuthorFactory(name=payload[:150], bio=payload)
    article = ArticleFactory(title=payload, abstract=payload, body=payload, authors=[author])
    post = PostFactory(title=payload, summary=payload[:300], body=payload, author=author)
    article.themes.add(water)
    post.themes.add(water)
    for url in (
        reverse("publications:feed"),
        reverse("publications:theme_feed", kwargs={"slug": "water"}),
        reverse("publications:author_feed", kwargs={"slug": author.slug}),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert len(_summaries(response)) == 2, url
        assert executable_feed_markup(response.content) == [], url


def test_a_control_character_in_a_title_does_not_break_the_feed(client):
    PostFactory(title="Smart\x01 city")
    response = client.get(reverse("publications:feed"))
    assert response.status_code == 200
    assert entry_titles(response) == ["Smart city"]
