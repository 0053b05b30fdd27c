"""How views and the API reach a notification: only its recipient does; others get a 404."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from wsco.accounts.models import User
from wsco.notifications.models import Notification


def get_notification_for_user(user: User, notification_id: int) -> Notification:
    """Return one of `user`'s own notifications."""
    if not user.is_authenticated:
        raise PermissionDenied
    notification = Notification.objects.filter(pk=notification_id, recipient=user).first()
    if notification is None:
        raise Http404
    return notification
