"""What the every-field XSS sweep needs from the notifications (see wsco/core/tests/xss_sweep.py).

A notification's title is rendered from the names it stores: "member" is told that "other" asks
to meet them and that "other" wrote to them. Once the sweep has written its payload into every
field, the stored names are taken again from the profile, as `notify` would take them.
"""

from wsco.notifications.models import Notification, NotificationPreference
from wsco.notifications.services import notify

KINDS_WITH_NAMES = ("network.request_received", "network.message_received")


def _notification(world) -> Notification:
    member, other = world.person("member"), world.person("other")
    for kind in KINDS_WITH_NAMES:
        notification = notify(recipient=member, kind=kind, name=other.profile.name, connection=1)
    return notification


def _names_from_profiles(world) -> None:
    name = world.person("other").profile.name
    for notification in Notification.objects.filter(kind__in=KINDS_WITH_NAMES):
        notification.params = {**notification.params, "name": name}
        notification.save(update_fields=["params"])


BUILDERS = {
    Notification: _notification,
    NotificationPreference: lambda world: NotificationPreference.objects.create(
        user=world.person("member"), kind="network.message_received", email=False
    ),
}
AFTER_FILL = [_names_from_profiles]
NOT_WRITTEN_BY_PEOPLE = {
    "notifications.Notification.kind": "the name of a registered kind",
    "notifications.Notification.url": "a path of the platform, made by the kind",
    "notifications.Notification.about": "an object's label and id",
    "notifications.NotificationPreference.kind": "the name of a registered kind",
}
URL_KWARGS = {
    "notifications:mark_read": lambda world: {"pk": world[Notification].pk},
}
