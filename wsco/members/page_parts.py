"""Keep the staff's review queue and each person's My WSCO cached until what they show changes.

Both are kept by `page_cache.cached_part`, and ended as well by the directory's data set
(`DIRECTORY`: profiles, organizations, memberships and seats, which give the names, the
memberships and the count awaiting payment):

- The review queue's part (its counts, filters and rows, for each query and page) is the same
  for every member of staff: kept under `REVIEW_QUEUE`, which a save or delete of an
  application or a membership type ends, and a change to an account (the applicant's email).
- My WSCO's own part (next step, memberships, invoices, seats, applications, join requests)
  is kept per person under `HOME`, which a save or delete of an application, a seat
  invitation, a join request, a payment, an invoice or a membership type ends, and a change to
  an account (a seat holder's email). What changes with time rather than with a write is in
  its key: the day, and the count of invitations not yet lapsed. The counts that make that key
  (requests to join to decide, invitations waiting with when each lapses) are kept the same
  way (`home_counts`).
"""

import hashlib

from django.db.models.signals import post_delete, post_save

from wsco.core.page_cache import cached_part, cached_value, mark_changed
from wsco.members.directory_changes import DIRECTORY

REVIEW_QUEUE = "members:review-queue"
HOME = "members:home"


def review_queue_changed(**_signal_arguments) -> None:
    """Mark the review queue changed (also a signal receiver)."""
    mark_changed(REVIEW_QUEUE)


def home_changed(**_signal_arguments) -> None:
    """Mark every person's My WSCO changed (also a signal receiver)."""
    mark_changed(HOME)


def _account_changed(update_fields=None, **_signal_arguments) -> None:
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # Signing in changes nothing the parts show.
    mark_changed(REVIEW_QUEUE, HOME)


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


def home_part(request, *, profile, variant: str, render) -> str:
    """Return `profile`'s own part of My WSCO as `render(extra_context)` builds it, from the cache.

    `variant` says what else it depends on that no write announces (counts of the panels).
    """
    user = request.user
    return cached_part(
        request,
        data_set=HOME,
        key=f"members:home:{profile.pk}:{user.pk}:{user.is_staff}:{variant}",
        render=render,
        facets=[DIRECTORY],
    )


def home_counts(request, *, profile, count):
    """Return `count()` for `profile`'s My WSCO (what decides its own part's key), from the cache.

    Kept under `HOME` and `DIRECTORY`, as the part is: the requests to join the person decides
    and their seat invitations waiting for an answer.
    """
    user = request.user
    return cached_value(
        data_set=HOME,
        key=f"members:home-counts:{profile.pk}:{user.pk}:{user.is_staff}",
        compute=count,
        facets=[DIRECTORY],
    )


def connect() -> None:
    """Connect the receivers to the signals of every model the parts show."""
    from django.contrib.auth import get_user_model

    from wsco.members.models import (
        Application,
        Invoice,
        JoinRequest,
        MembershipType,
        Payment,
        SeatInvitation,
    )

    receivers = {
        Application: [review_queue_changed, home_changed],
        MembershipType: [review_queue_changed, home_changed],
        SeatInvitation: [home_changed],
        JoinRequest: [home_changed],
        Payment: [home_changed],
        Invoice: [home_changed],
    }
    for model, model_receivers in receivers.items():
        for receiver in model_receivers:
            for signal in (post_save, post_delete):
                signal.connect(receiver, sender=model, dispatch_uid=f"{receiver.__name__}-{model}")
    post_save.connect(_account_changed, sender=get_user_model(), dispatch_uid="parts-account")
