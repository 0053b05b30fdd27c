"""Reads of the publications app that pages, feeds and the API share."""

from itertools import groupby

from django.db.models import Count, F, Prefetch, Q

from wsco.core.models import Theme
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
    SearchTerm,
)
from wsco.publications.services import search_words

MAX_SEARCH_WORDS = 6


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


def search(query: str) -> tuple[list[Article], list[Post]]:
    """Return the published articles and posts whose indexed words start with every query word."""
    words = search_words(query)[:MAX_SEARCH_WORDS]
    if not words:
        return [], []
    article_ids: set[int] | None = None
    post_ids: set[int] | None = None
    for word in words:
        # A range on the indexed column is a prefix match both databases answer from the index.
        terms = SearchTerm.objects.filter(term__gte=word, term__lt=word + "\uffff")
        found_articles = set(
            terms.filter(article__isnull=False).values_list("article_id", flat=True)
        )
        found_posts = set(terms.filter(post__isnull=False).values_list("post_id", flat=True))
        article_ids = found_articles if article_ids is None else article_ids & found_articles
        post_ids = found_posts if post_ids is None else post_ids & found_posts
    articles = list(published_articles().filter(pk__in=article_ids or [])[:50])
    posts = list(published_posts().filter(pk__in=post_ids or [])[:50])
    return articles, posts


def editorial_desk() -> list[Article]:
    """Return the open submissions an editor works on, oldest first, with their active reviews."""
    return list(
        Article.objects.filter(status__in=OPEN_ARTICLE_STATUSES)
        .select_related("issue", "submitted_by")
        .prefetch_related(
            Prefetch("bylines", queryset=Byline.objects.select_related("author")),
            Prefetch("reviews", queryset=Review.objects.active().select_related("reviewer")),
        )
        .order_by("submitted_at")
    )


def reviews_of(user) -> list[Review]:
    """Return the reviews `user` was asked for and still holds, open ones first."""
    return list(
        Review.objects.active()
        .filter(reviewer=user)
        .select_related("article")
        .order_by(F("submitted_at").asc(nulls_first=True), "due_on")
    )
