"""Reads of the publications app that pages, feeds and the API share."""

from itertools import groupby

from django.db.models import Count, F, Prefetch, Q

from wsco.core.models import Theme
from wsco.core.search import Query, parse_query
from wsco.core.search import search as search_index
from wsco.members.models import Profile
from wsco.publications.models import (
    OPEN_ARTICLE_STATUSES,
    Article,
    ArticleStatus,
    Author,
    Byline,
    Issue,
    Post,
    Review,
)

MAX_SEARCH_RESULTS = 50


def published_articles():
    """Return the published articles with what a list shows, newest first."""
    return Article.objects.published().with_listing().order_by("-published_at", "position")


def published_posts():
    """Return the published posts with what a list shows, newest first."""
    return Post.objects.published().with_listing().order_by("-published_at")


def published_authors():
    """Return the authors with at least one published article or post, by name."""
    return (
        Author.objects.filter(
            Q(articles__in=Article.objects.published().values("pk"))
            | Q(posts__in=Post.objects.published().values("pk"))
        )
        .select_related("profile__organization")
        .distinct()
        .order_by("name")
    )


def issues_with_article_counts():
    """Return the published issues, newest first, each with its number of published articles."""
    # An aggregate drops Meta.ordering, hence the explicit order.
    return (
        Issue.objects.published()
        .annotate(
            article_count=Count("articles", filter=Q(articles__status=ArticleStatus.PUBLISHED))
        )
        .order_by("-date", "-number")
    )


def lead_stories() -> Prefetch:
    """Fetch each issue's published articles in order, with their themes, for its cover."""
    return Prefetch(
        "articles",
        queryset=Article.objects.filter(status=ArticleStatus.PUBLISHED)
        .order_by("position", "pk")
        .prefetch_related("themes"),
        to_attr="published_in_order",
    )


def archive(*, year: int | None = None) -> list[tuple[int, list[Issue]]]:
    """Return the published issues grouped by year (newest first), with their article counts."""
    issues = issues_with_article_counts().prefetch_related(lead_stories())
    if year:
        issues = issues.filter(year=year)
    return [(year, list(group)) for year, group in groupby(issues, key=lambda issue: issue.year)]


def archive_years() -> list[int]:
    """Return the years that have a published issue."""
    return list(
        Issue.objects.published().order_by("-year").values_list("year", flat=True).distinct()
    )


def issue_contents(issue: Issue, *, include_unpublished: bool = False) -> list[Article]:
    """Return the table of contents of `issue`, in order."""
    articles = (
        issue.articles.all()
        if include_unpublished
        else issue.articles.filter(status=ArticleStatus.PUBLISHED)
    )
    return list(
        articles.exclude(status=ArticleStatus.WITHDRAWN)
        .prefetch_related(
            Prefetch(
                "bylines", queryset=Byline.objects.select_related("author__profile__organization")
            ),
            "themes",
        )
        .order_by("position", "pk")
    )


def recent_posts(limit: int = 3) -> list[Post]:
    """Return the latest published posts."""
    return list(published_posts()[:limit])


def members_with_theme(user, theme: Theme, limit: int = 12) -> list[Profile]:
    """Return members `user` may see who declared `theme` as an interest or expertise."""
    return list(
        Profile.objects.visible_to(user)
        .filter(Q(themes_of_interest=theme) | Q(themes_of_expertise=theme))
        .select_related("organization")
        .distinct()
        .order_by("name")[:limit]
    )


def search(query: str | Query) -> tuple[list[Article], list[Post]]:
    """Return the published articles and posts whose search documents hold every query word.

    The words are matched as folded substrings (`wsco.core.search`): "netw" finds "networks",
    "brasov" finds "Brașov". Words under three letters are left out (`parse_query` says which).
    """
    query = query if isinstance(query, Query) else parse_query(query)
    if not query:
        return [], []
    articles = list(search_index(published_articles(), query)[:MAX_SEARCH_RESULTS])
    posts = list(search_index(published_posts(), query)[:MAX_SEARCH_RESULTS])
    return articles, posts


def editorial_desk(order_by: tuple = ("submitted_at", "pk")) -> list[Article]:
    """Return the open submissions an editor works on, with their active reviews, in `order_by`
    (oldest first by default; the desk's columns pass an order from `DESK_SORTS`)."""
    return list(
        Article.objects.filter(status__in=OPEN_ARTICLE_STATUSES)
        .select_related("issue", "submitted_by")
        .prefetch_related(
            Prefetch("bylines", queryset=Byline.objects.select_related("author")),
            Prefetch("reviews", queryset=Review.objects.active().select_related("reviewer")),
        )
        .order_by(*order_by)
    )


def reviews_of(user) -> list[Review]:
    """Return the reviews `user` was asked for and still holds, open ones first."""
    return list(
        Review.objects.active()
        .filter(reviewer=user)
        .select_related("article")
        .order_by(F("submitted_at").asc(nulls_first=True), "due_on")
    )
