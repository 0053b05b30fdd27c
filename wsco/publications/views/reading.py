"""What readers see: the magazine archive, issues, articles, news posts, authors, themes, search.

The magazine's pages, the news and the feeds are built once per language and query for visitors
and served from the page cache until an issue, article, post, author, byline or image changes
(`wsco.core.page_cache`, data set "publications"); signed-in readers get theirs built for them
(an editor sees issues in preparation, a member the members-only parts of the header).
"""

import time
from collections.abc import Callable

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from wsco.core import files
from wsco.core.ids import parse_number
from wsco.core.models import Theme
from wsco.core.page_cache import cached_response
from wsco.core.paging import page_for_request
from wsco.core.search import parse_query
from wsco.publications import access, queries
from wsco.publications.forms import SearchForm
from wsco.publications.home import PUBLICATIONS
from wsco.publications.models import Author, Issue

PAGE_SIZE = 12
# Scheduled issues and posts become public at their hour without any write, and an author's
# organization is named from the directory: a visitor's copy is rebuilt at least this often.
READER_CACHE_SECONDS = 300


def for_readers(request: HttpRequest, render_page: Callable[[dict], HttpResponse]) -> HttpResponse:
    """Serve a visitor's copy of a page from the page cache; build a signed-in reader's afresh."""
    if request.user.is_authenticated:
        return render_page({})
    window = int(time.time() // READER_CACHE_SECONDS)
    return cached_response(
        request, data_set=PUBLICATIONS, variant=f"visitor:{window}", render=render_page
    )


def magazine(request: HttpRequest) -> HttpResponse:
    """List the published issues by year."""
    year = request.GET.get("year")
    year = parse_number(year, field="year", low=1, high=9999) if year else None

    def render_page(extra_context: dict) -> HttpResponse:
        context = {
            "years": queries.archive(year=year),
            "all_years": queries.archive_years(),
            "selected_year": year,
            "latest_articles": queries.published_articles()[:4],
        }
        return render(request, "publications/magazine.html", context | extra_context)

    return for_readers(request, render_page)


def issue(request: HttpRequest, volume: int, number: int) -> HttpResponse:
    """Show an issue: cover, editorial, table of contents and its PDF."""

    def render_page(extra_context: dict) -> HttpResponse:
        found = access.get_issue_for_reader(request.user, volume, number)
        context = {
            "issue": found,
            "articles": queries.issue_contents(
                found, include_unpublished=access.is_editor(request.user)
            ),
        }
        return render(request, "publications/issue.html", context | extra_context)

    return for_readers(request, render_page)


def issue_pdf(request: HttpRequest, volume: int, number: int) -> HttpResponse:
    """Send the issue's PDF."""
    found = access.get_issue_for_reader(request.user, volume, number)
    if not found.pdf:
        raise Http404
    return files.file_response(
        request,
        field=Issue._meta.get_field("pdf"),
        instance=found,
        filename=f"wsco-smart-city-magazine-{found.volume}-{found.number}.pdf",
    )


def article(request: HttpRequest, slug: str) -> HttpResponse:
    """Show an article; its authors, editors and reviewers also see it before publication."""

    def render_page(extra_context: dict) -> HttpResponse:
        found = access.get_article_for_reader(request.user, slug)
        bylines = list(found.bylines.select_related("author__profile__organization"))
        images = list(found.images.all())
        context = {
            "article": found,
            "bylines": bylines,
            "themes": list(found.themes.all()),
            "lead_image": next((image for image in images if image.is_lead), None),
            "images": [image for image in images if not image.is_lead],
        }
        return render(request, "publications/article.html", context | extra_context)

    return for_readers(request, render_page)


def news(request: HttpRequest) -> HttpResponse:
    """List the published news posts, optionally on one theme."""

    def render_page(extra_context: dict) -> HttpResponse:
        posts = queries.published_posts()
        theme = None
        if request.GET.get("theme"):
            theme = Theme.objects.filter(slug=request.GET["theme"]).first()
            posts = posts.filter(themes=theme) if theme else posts.none()
        page = page_for_request(request, Paginator(posts, PAGE_SIZE))
        context = {
            "page": page,
            "posts": page.object_list,
            "theme": theme,
            "themes": Theme.objects.all(),
        }
        return render(request, "publications/news.html", context | extra_context)

    return for_readers(request, render_page)


def post(request: HttpRequest, slug: str) -> HttpResponse:
    """Show a news post."""

    def render_page(extra_context: dict) -> HttpResponse:
        found = access.get_post_for_reader(request.user, slug)
        context = {"post": found, "themes": list(found.themes.all())}
        return render(request, "publications/post.html", context | extra_context)

    return for_readers(request, render_page)


def author(request: HttpRequest, slug: str) -> HttpResponse:
    """Show an author: photo, bio, posts and articles."""
    found = get_object_or_404(Author.objects.select_related("profile__organization"), slug=slug)
    articles = list(queries.published_articles().filter(bylines__author=found))
    posts = list(queries.published_posts().filter(author=found))
    if not articles and not posts and not access.is_editor(request.user):
        raise Http404  # an author page exists once something of theirs is published
    return render(
        request,
        "publications/author.html",
        {"author": found, "articles": articles, "posts": posts},
    )


def authors(request: HttpRequest) -> HttpResponse:
    """List the authors who have published something."""
    published = queries.published_authors()
    page = page_for_request(request, Paginator(published, 48))
    return render(request, "publications/authors.html", {"page": page, "authors": page})


def theme(request: HttpRequest, slug: str) -> HttpResponse:
    """Show what the magazine and the news say on a theme, and the members who work on it."""
    found = get_object_or_404(Theme, slug=slug)
    return render(
        request,
        "publications/theme.html",
        {
            "theme": found,
            "articles": list(queries.published_articles().filter(themes=found)[:20]),
            "posts": list(queries.published_posts().filter(themes=found)[:10]),
            "members": queries.members_with_theme(request.user, found),
        },
    )


def search(request: HttpRequest) -> HttpResponse:
    """Search the published articles and posts by the words of their titles, abstracts, authors."""
    form = SearchForm(request.GET or None)
    articles, posts = [], []
    query = parse_query(form.cleaned_data["q"] if form.is_valid() else "")
    if query:
        articles, posts = queries.search(query)
    return render(
        request,
        "publications/search.html",
        {
            "form": form,
            "articles": articles,
            "posts": posts,
            "ignored_words": query.ignored,
            "searched": bool(request.GET.get("q")),
        },
    )
