"""The publications panel on a member's home page: reviews to write, submissions to follow."""

from django.http import HttpRequest

from wsco.core.dashboard import Panel
from wsco.publications import access
from wsco.publications.models import OPEN_ARTICLE_STATUSES, Article, ArticleStatus, Review

PANEL_ROWS = 5


def panel_context(request: HttpRequest) -> dict | None:
    """Return what the panel shows, or None (no panel) when there is nothing to show."""
    user = request.user
    if not user.is_authenticated:
        return None
    reviews = list(
        # Only an article in review takes a review: once decided, an unwritten one is moot.
        Review.objects.pending()
        .filter(reviewer=user, article__status=ArticleStatus.IN_REVIEW)
        .select_related("article")
        .order_by("due_on")[:PANEL_ROWS]
    )
    submissions = list(
        access.submissions_of_author(user)
        .filter(status__in=OPEN_ARTICLE_STATUSES)
        .order_by("-submitted_at")[:PANEL_ROWS]
    )
    desk_count = (
        Article.objects.filter(status__in=OPEN_ARTICLE_STATUSES).count()
        if access.is_editor(user)
        else None
    )
    if not reviews and not submissions and not desk_count:
        return None
    return {
        "reviews": reviews,
        "submissions": submissions,
        "desk_count": desk_count,
        # Submissions wait for the editors, not for their authors.
        "pending": len(reviews) + (desk_count or 0),
    }


PANEL = Panel(
    name="publications",
    template="publications/_dashboard_panel.html",
    context=panel_context,
    order=60,
)
