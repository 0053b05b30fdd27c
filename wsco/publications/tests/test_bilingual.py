"""Posts and articles in English and Romanian: forms take both, readers get theirs."""

import pytest
from django.test import Client
from django.urls import reverse

from wsco.members.tests.factories import MemberProfileFactory
from wsco.publications import queries, services
from wsco.publications.forms import ArticleForm, PostForm
from wsco.publications.models import Article
from wsco.publications.tests.factories import ArticleFactory, PostFactory

pytestmark = pytest.mark.django_db


def test_a_romanian_reader_gets_the_romanian_post_and_an_english_reader_the_english_one(client):
    post = PostFactory(
        title="Awards open", title_ro="Premiile se deschid", summary="Nominate now.", summary_ro=""
    )
    english = client.get(post.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<h1>Awards open</h1>" in english
    romanian = client.get(post.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ro").content.decode()
    assert "<h1>Premiile se deschid</h1>" in romanian
    # No Romanian summary: the English one, marked as English.
    assert '<p class="lead" lang="en">Nominate now.</p>' in romanian
    news = client.get(reverse("publications:news"), HTTP_ACCEPT_LANGUAGE="ro").content.decode()
    assert "Premiile se deschid</a></h3>" in news


def test_an_article_without_a_romanian_abstract_shows_the_english_one_marked(client):
    article = ArticleFactory(title="Sponge city", title_ro="Orașul burete", abstract="Rain.")
    page = client.get(article.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ro").content.decode()
    assert "<h1>Orașul burete</h1>" in page
    assert '<div lang="en"><p>Rain.</p></div>' in page


def test_search_finds_a_post_and_an_article_by_their_romanian_words():
    post = PostFactory(title="Awards open", title_ro="Premiile se deschid")
    services.index_post(post=post)
    article = ArticleFactory(title="Sponge city", abstract_ro="Apa de ploaie rămâne în oraș.")
    services.index_article(article=article)
    articles, posts = queries.search("premiile")
    assert (articles, posts) == ([], [post])
    articles, posts = queries.search("ploaie")
    assert (articles, posts) == ([article], [])


def test_the_forms_show_both_versions_and_the_romanian_ones_may_stay_empty(client):
    assert {"title_ro", "summary_ro", "body_ro"} <= set(PostForm().fields)
    assert {"title_ro", "abstract_ro"} <= set(ArticleForm().fields)
    profile = MemberProfileFactory()
    client.force_login(profile.user)
    client.post(
        reverse("publications:submit"),
        {
            "title": "Bus lanes",
            "title_ro": "Benzi pentru autobuze",
            "abstract": "Before and after.",
            "abstract_ro": "",
            "body": "Text.",
        },
    )
    article = Article.objects.get(title="Bus lanes")
    assert (article.title_ro, article.abstract_ro) == ("Benzi pentru autobuze", "")


def test_a_revision_that_gives_no_romanian_version_keeps_the_one_there_is():
    article = ArticleFactory(status="revision_requested", title_ro="Orașul burete")
    services.revise_article(
        article=article, by=article.submitted_by, title="Sponge city", abstract="A.", body="B."
    )
    article.refresh_from_db()
    assert article.title_ro == "Orașul burete"


def test_the_feed_speaks_the_default_language():
    post = PostFactory(title="Awards open", title_ro="Premiile se deschid")
    feed = Client().get(reverse("publications:feed"), HTTP_ACCEPT_LANGUAGE="ro").content.decode()
    assert "Awards open" in feed
    assert "Premiile se deschid" not in feed
    assert post.title in feed


def test_the_api_gives_both_versions(client):
    PostFactory(title="Awards open", title_ro="Premiile se deschid", body_ro="**Acum**")
    ArticleFactory(title="Sponge city", abstract_ro="Apa de ploaie.")
    [post] = client.get("/api/v1/publications/posts").json()["items"]
    assert (post["title"], post["title_ro"], post["summary_ro"]) == (
        "Awards open",
        "Premiile se deschid",
        "",
    )
    assert "<strong>Acum</strong>" in post["body_ro_html"]
    [article] = client.get("/api/v1/publications/articles").json()["items"]
    assert (article["title_ro"], article["abstract_ro"]) == ("", "Apa de ploaie.")
