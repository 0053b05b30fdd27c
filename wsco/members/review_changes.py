"""Keep the staff's review queue cached until an application, or what its rows show, changes.

The queue's part of the page (its counts, filters and rows, for each query and page) is the
same for every member of staff: it is kept by `page_cache.cached_part` under `REVIEW_QUEUE`,
which a save or delete of an application or a membership type ends, and a change to an account
(the applicant's email is shown). The directory's data set (`DIRECTORY`: profiles,
organizations, memberships, which give the names and the count awaiting payment) ends it too.
"""

import hashlib

from django.db.models.signals import post_delete, post_save

from wsco.core.page_cache import cached_part, mark_changed
from wsco.members.directory_changes import DIRECTORY

REVIEW_QUEUE = "members:review-queue"


def review_queue_changed(**_signal_arguments) -> None:
    """Mark the review queue changed (also a signal receiver)."""
    mark_changed(REVIEW_QUEUE)


def _account_changed(update_fields=None, **_signal_arguments) -> None:
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # Signing in changes nothing the queue shows.
    mark_changed(REVIEW_QUEUE)


def review_queue_part(request, render) -> str:
    """Return the queue's part of the page as `render(extra_context)` builds it, from the cache."""
    query = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return cached_part(
        request,
        data_set=REVIEW_QUEUE,
        key=f"members:review-queue:{query}",
        render=render,
        facets=[DIRECTORY],
    )


def connect() -> None:
    """Connect the receivers to the signals of every model the queue shows."""
    from django.contrib.auth import get_user_model

    from wsco.members.models import Application, MembershipType

    for model in (Application, MembershipType):
        for signal in (post_save, post_delete):
            signal.connect(review_queue_changed, sender=model, dispatch_uid=f"review-{model}")
    post_save.connect(_account_changed, sender=get_user_model(), dispatch_uid="review-account")
