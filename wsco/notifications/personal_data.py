"""The notifications' share of a person's data, for the data export and account deletion."""

from django.utils.translation import gettext_lazy as _

from wsco.accounts.models import User
from wsco.notifications.models import Notification, NotificationPreference

DELETES = _("your notifications and how you chose to receive them")


def export_notifications(user: User) -> dict:
    """Return the person's notifications (as they read them) and their settings."""
    return {
        "notifications": [
            {
                "title": notification.title,
                "link": notification.url,
                "created_at": notification.created_at,
                "read_at": notification.read_at,
            }
            for notification in Notification.objects.filter(recipient=user)
        ],
        "settings": [
            {"kind": choice.kind, "in_app": choice.in_app, "email": choice.email}
            for choice in NotificationPreference.objects.filter(user=user).order_by("kind")
        ],
    }


def erase_notifications(user: User) -> None:
    """Delete the person's notifications and settings."""
    Notification.objects.filter(recipient=user).delete()
    NotificationPreference.objects.filter(user=user).delete()
