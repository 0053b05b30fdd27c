"""Reads of a person's notifications."""

from django.db.models import QuerySet

from wsco.accounts.models import User
from wsco.notifications.models import Notification


def notifications_of(user: User) -> QuerySet[Notification]:
    """Return `user`'s notifications for the centre: unread first, then newest first."""
    return Notification.objects.filter(recipient=user).for_centre()


def unread_count(user: User) -> int:
    """Return how many of `user`'s notifications are unread (one indexed count)."""
    return Notification.objects.unread().filter(recipient=user).count()
