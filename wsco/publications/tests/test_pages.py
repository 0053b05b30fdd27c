"""Reader pages: what they show, their empty states, and query counts that do not grow."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wsco.core.models import Theme
from wsco.members.tests.factories import MemberProfileFactory
from wsco.publications.models import Article
from wsco.publications.services import index_article, index_post
from wsco.publications.tests.factories import (
    ArticleFactory,
    AuthorFactory,
    IssueFactory,
    MemberAuthorFactory,
    PostFactory,
    ReviewFactory,
    SubmittedArticleFactory,
    make_editor,
)

pytestmark = pytest.mark.django_db


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def make_rows(count, *, author, theme, issue):
    """Create `count` published articles and posts, all by `author`, on `theme`, in `issue`."""
    for _ in range(count):
        # A member signs too: what the pages show of them comes from their profile.
        member = MemberAuthorFactory(profile=MemberProfileFactory(with_organization=True))
        article = ArticleFactory(issue=issue, authors=[author, AuthorFactory(), member])
        article.themes.add(theme)
        index_article(article=article)
        post = PostFactory(author=author)
        post.themes.add(theme, Theme.objects.get(slug="energy"))
        index_post(post=post)
        MemberProfileFactory().themes_of_interest.add(theme)


# The home page, whose figures are cached until the publications change, has its own
# query-count test in tests/test_home_page.py.
LIST_PAGES = [
    lambda ctx: reverse("publications:magazine"),
    lambda ctx: ctx["issue"].get_absolute_url(),
    lambda ctx: reverse("publications:news"),
    lambda ctx: reverse("publications:news") + "?theme=water",
    lambda ctx: reverse("publications:authors"),
    lambda ctx: ctx["author"].get_absolute_url(),
    lambda ctx: reverse("publications:theme", kwargs={"slug": "water"}),
    lambda ctx: reverse("publications:search") + "?q=article",
    lambda ctx: reverse("publications:feed"),
    lambda ctx: reverse("publications:author_feed", kwargs={"slug": ctx["author"].slug}),
    lambda ctx: reverse("sitemap"),
]


@pytest.mark.parametrize("page", range(len(LIST_PAGES)))
def test_reader_list_page_query_count_does_not_grow_with_rows(client, settings, page):
    # The pages as built: a visitor's second request is served from the page cache, with no
    # query at all (test_reader_cache.py).
    settings.PAGE_CACHE_SECONDS = 0
    ctx = {"author": AuthorFactory(), "issue": IssueFactory()}
    theme = Theme.objects.get(slug="water")
    make_rows(1, author=ctx["author"], theme=theme, issue=ctx["issue"])
    url = LIST_PAGES[page](ctx)
    client.get(url)  # the first request caches the current site
    with_one = queries_for(client, url)
    make_rows(4, author=ctx["author"], theme=theme, issue=ctx["issue"])
    assert queries_for(client, url) == with_one


EDITOR_PAGES = [
    reverse("publications:desk"),
    reverse("publications:submissions"),
]


@pytest.mark.parametrize("url", EDITOR_PAGES)
def test_editor_list_page_query_count_does_not_grow_with_rows(client, url, settings):
    settings.PAGE_CACHE_SECONDS = 0  # every request builds the whole page
    editor = make_editor()
    client.force_login(editor)

    def add():
        article = SubmittedArticleFactory(submitted_by=editor)
        ReviewFactory(article=article)
        ReviewFactory(reviewer=editor)

    add()
    with_one = queries_for(client, url)
    for _ in range(3):
        add()
    assert queries_for(client, url) == with_one


def test_editors_desk_sorts_open_submissions_by_title_or_date(client):
    client.force_login(make_editor())
    now = timezone.now()
    for title, days_ago in (("Bus lanes", 1), ("Air quality", 3), ("Cycle paths", 2)):
        article = SubmittedArticleFactory(title=title)
        Article.objects.filter(pk=article.pk).update(
            submitted_at=now - datetime.timedelta(days=days_ago)
        )

    def titles(sort):
        response = client.get(reverse("publications:desk"), {"sort": sort})
        return [article.title for article in response.context["articles"]]

    assert titles("title") == ["Air quality", "Bus lanes", "Cycle paths"]
    assert titles("-title") == ["Cycle paths", "Bus lanes", "Air quality"]
    assert titles("-submitted") == ["Bus lanes", "Cycle paths", "Air quality"]
    oldest = ["Air quality", "Cycle paths", "Bus lanes"]
    assert titles("submitted") == oldest
    for fallback in ("status", "submitted_by__password", "title,pk", ""):
        assert titles(fallback) == oldest


@pytest.mark.parametrize(
    ("url", "empty_text"),
    [
        ("/magazine/", "No issue has been published yet."),
        ("/news/", "No news yet."),
        ("/news/authors/", "Nobody has published yet."),
        ("/magazine/themes/water/", "No articles on this theme yet."),
        ("/magazine/search/?q=nothing", "Nothing matches these words."),
    ],
)
def test_pages_say_when_there_is_nothing_yet(client, url, empty_text):
    assert empty_text in client.get(url).content.decode()


def test_home_page_works_without_posts_and_lists_recent_ones(client):
    assert 'id="latest-heading"' not in client.get("/").content.decode()
    PostFactory(title="Awards open")
    content = client.get("/").content.decode()
    assert 'id="latest-heading"' in content
    assert "Awards open" in content


def test_archive_groups_issues_by_year_and_filters_a_year(client):
    IssueFactory(year=2016, quarter=4, date="2016-12-01")
    IssueFactory(year=2017, quarter=1, date="2017-03-01")
    IssueFactory(year=2017, quarter=2, date="2017-06-01")
    response = client.get("/magazine/")
    assert [year for year, _issues in response.context["years"]] == [2017, 2016]
    filtered = client.get("/magazine/?year=2016")
    assert [len(issues) for _year, issues in filtered.context["years"]] == [1]


def test_issue_in_preparation_is_not_listed(client):
    IssueFactory(published_at=None)
    assert client.get("/magazine/").context["years"] == []


def test_search_matches_folded_words_in_titles_and_authors(client):
    article = ArticleFactory(title="Leak detection in Brașov water networks")
    index_article(article=article)
    post = PostFactory(title="Awards: nominations open", author=AuthorFactory(name="Ana Pop"))
    index_post(post=post)
    found = client.get("/magazine/search/?q=Léak netw").context
    assert (found["articles"], found["posts"]) == ([article], [])
    found = client.get("/magazine/search/?q=BRASOV").context
    assert (found["articles"], found["posts"]) == ([article], [])
    found = client.get("/magazine/search/?q=ana").context
    assert (found["articles"], found["posts"]) == ([], [post])
    # Every word must match: one that matches nothing empties the result.
    found = client.get("/magazine/search/?q=leak nominations").context
    assert (found["articles"], found["posts"]) == ([], [])


def test_search_finds_only_published_articles_and_posts(client):
    published = ArticleFactory(title="Leak detection, published")
    submitted = SubmittedArticleFactory(title="Leak detection, submitted")
    post = PostFactory(title="Leak news")
    draft = PostFactory(title="Leak draft", published_at=None)
    for article in (published, submitted):
        index_article(article=article)
    for item in (post, draft):
        index_post(post=item)
    found = client.get("/magazine/search/?q=leak").context
    assert (found["articles"], found["posts"]) == ([published], [post])


def test_search_says_which_short_words_it_left_out(client):
    article = ArticleFactory(title="Leak detection in water networks")
    index_article(article=article)
    response = client.get("/magazine/search/?q=leak in")
    assert response.context["articles"] == [article]
    assert "left out of the search: in." in response.content.decode()
    response = client.get("/magazine/search/?q=in")
    assert response.context["articles"] == []
    assert "Nothing matches these words." in response.content.decode()


def test_theme_page_links_members_with_the_same_theme(client):
    water = Theme.objects.get(slug="water")
    expert = MemberProfileFactory(name="Water Expert")
    expert.themes_of_expertise.add(water)
    MemberProfileFactory(name="Energy Person").themes_of_interest.add(
        Theme.objects.get(slug="energy")
    )
    members = client.get("/magazine/themes/water/").context["members"]
    assert [profile.name for profile in members] == ["Water Expert"]


def test_article_page_has_title_description_and_open_graph(client):
    article = ArticleFactory(title="Bus lanes", abstract="Before and after.")
    content = client.get(article.get_absolute_url()).content.decode()
    assert "<title>Bus lanes · WSCO</title>" in content
    assert '<meta name="description" content="Before and after.">' in content
    assert '<meta property="og:title" content="Bus lanes">' in content
    assert '<meta property="og:type" content="article">' in content


def test_author_page_lists_articles_and_posts(client):
    author = AuthorFactory(name="Sofia Marino", bio="Economist.")
    article = ArticleFactory(authors=[author])
    post = PostFactory(author=author)
    response = client.get(author.get_absolute_url())
    assert response.context["articles"] == [article]
    assert response.context["posts"] == [post]
    assert "Economist." in response.content.decode()


def test_author_without_publications_has_no_page(client):
    assert client.get(AuthorFactory().get_absolute_url()).status_code == 404
