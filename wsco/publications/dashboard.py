"""The publications panel on a member's home page: reviews to write, submissions to follow.

The panel is kept per person (`wsco.core.dashboard`) until one of the data sets it shows
changes: the person's granted roles (an editor also sees the editors' desk), the reviews, and
the articles with their authors and bylines (`home.PUBLICATIONS`). The reviews are one data
set for everyone: they are written by editorial acts, few and far between, and a reviewer
changed in the admin must end the panels of both people. Neither what is pending nor what is
open depends on the day: the panel changes only when a row does.
"""

from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest

from wsco.accounts.changes import roles_data_set
from wsco.core.dashboard import Panel
from wsco.core.page_cache import mark_changed
from wsco.publications import access
from wsco.publications.home import PUBLICATIONS
from wsco.publications.models import OPEN_ARTICLE_STATUSES, Article, ArticleStatus, Review

PANEL_ROWS = 5
# The page cache's data set of the reviews asked and given (`wsco.core.page_cache`).
REVIEWS = "publications-reviews"


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


def data_sets(request: HttpRequest) -> list[str] | None:
    """The panel is kept per person until their roles, the reviews or the articles change."""
    user = request.user
    if not user.is_authenticated:
        return None
    return [roles_data_set(user.pk), REVIEWS, PUBLICATIONS]


PANEL = Panel(
    name="publications",
    template="publications/_dashboard_panel.html",
    context=panel_context,
    order=60,
    data_sets=data_sets,
)


def reviews_changed(**signal_arguments) -> None:
    """Mark the reviews changed (a receiver of save and delete)."""
    mark_changed(REVIEWS)


def connect() -> None:
    """End the kept panels on every save and delete of a review.

    Only the reminders write reviews with `update()`, and what they write (when a reviewer was
    reminded) the panel does not show.
    """
    post_save.connect(reviews_changed, sender=Review, dispatch_uid="dashboard-reviews")
    post_delete.connect(reviews_changed, sender=Review, dispatch_uid="dashboard-reviews")
