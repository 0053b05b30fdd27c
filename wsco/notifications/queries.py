"""Reads of a person's notifications."""

from django.db.models import QuerySet

from wsco.accounts.models import User
from wsco.core.page_cache import cached_fragments, mark_changed
from wsco.notifications.models import Notification


def unread_data_set(user_id: int) -> str:
    """Name the data set of one person's unread notifications (`wsco.core.page_cache`)."""
    return f"notifications:unread:{user_id}"


def notifications_of(user: User) -> QuerySet[Notification]:
    """Return `user`'s notifications for the centre: unread first, then newest first."""
    return Notification.objects.filter(recipient=user).for_centre()


def notification_changed(sender, instance: Notification, **_arguments) -> None:
    """End the count of the notification's recipient (a signal receiver: saved or deleted)."""
    mark_changed(unread_data_set(instance.recipient_id))


def unread_count(user: User) -> int:
    """Return how many of `user`'s notifications are unread.

    Every signed-in page's bell shows it: it is counted once (one indexed count) and kept
    until one of their notifications is made, read or deleted (`signals`).
    """
    key = f"notifications:unread-count:{user.pk}"
    counts = cached_fragments(
        data_set=unread_data_set(user.pk),
        parts={key: lambda: Notification.objects.unread().filter(recipient=user).count()},
    )
    return counts[key]
