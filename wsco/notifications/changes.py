"""Keep what a person's pages show of their notifications until those notifications change.

Each person's notifications are a data set of the page cache (`person_data_set`,
`wsco.core.page_cache`): the header's unread count and the home page's panels that list them
are kept under it. A notification written or deleted marks its recipient's data set (signals,
also for the deletes of an erased account); the services that mark notifications read write
with `update()` and call `notifications_changed` themselves.
"""

from functools import partial

from django.db.models.signals import post_delete, post_save

from wsco.core.page_cache import cached_fragments, mark_changed
from wsco.notifications.queries import unread_count


def person_data_set(user_id: int) -> str:
    """Return the name of the data set of `user_id`'s notifications."""
    return f"notifications:{user_id}"


def notifications_changed(*user_ids: int) -> None:
    """Mark changed the notifications of each person of `user_ids`."""
    mark_changed(*(person_data_set(user_id) for user_id in sorted(set(user_ids))))


def _notification_written(sender, instance, **_signal_arguments) -> None:
    notifications_changed(instance.recipient_id)


def kept_unread_count(user) -> int:
    """Return how many of `user`'s notifications are unread, kept until they change."""
    key = f"notifications:unread:{user.pk}"
    parts = {key: partial(unread_count, user)}
    return cached_fragments(data_set=person_data_set(user.pk), parts=parts)[key]


def connect() -> None:
    """Mark a recipient's notifications changed on every save and delete of one of them."""
    from wsco.notifications.models import Notification

    post_save.connect(_notification_written, sender=Notification, dispatch_uid="notifications")
    post_delete.connect(_notification_written, sender=Notification, dispatch_uid="notifications")
