"""The header's bell: the link to the notification centre and the unread count."""

from functools import cached_property

from django.urls import reverse

from wsco.notifications.changes import kept_unread_count


class Bell:
    """What the header shows; the count is asked for only if a page shows it, and kept until
    the person's notifications change."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def unread(self) -> int:
        return kept_unread_count(self.user)

    @cached_property
    def url(self) -> str:
        return reverse("notifications:centre")


def notification_bell(request) -> dict:
    """Give signed-in pages `notification_bell`; visitors get nothing, and no bell."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notification_bell": Bell(user)}
