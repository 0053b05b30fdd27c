"""Tell a person something happened: the one way any app sends a notification, and its email.

Every app calls `notify`; it writes the notification the person finds in their centre and,
when their switch for that kind's email is on, queues the email in their language. An app that
used to email a person about an event sends it through here instead, so the person can turn it
off, and it is never sent twice.
"""

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.functional import lazy

from wsco.accounts.models import User
from wsco.core.email import queue_email
from wsco.notifications.changes import notifications_changed
from wsco.notifications.kinds import Kind, all_kinds, get_kind
from wsco.notifications.models import Notification, NotificationPreference


@dataclass(frozen=True)
class Channels:
    """Whether a person hears of one kind in their centre, and by email."""

    in_app: bool
    email: bool


def channels_for(user: User, kind: Kind) -> Channels:
    """Return `user`'s switches for `kind`: their choice, or the kind's defaults."""
    choice = NotificationPreference.objects.filter(user=user, kind=kind.name).first()
    if choice is None:
        return Channels(in_app=True, email=kind.email_default)
    return Channels(in_app=choice.in_app, email=choice.email)


def preferences_of(user: User) -> dict[str, Channels]:
    """Return `user`'s switches for every registered kind, in one query."""
    chosen = {
        choice.kind: Channels(in_app=choice.in_app, email=choice.email)
        for choice in NotificationPreference.objects.filter(user=user)
    }
    return {
        kind.name: chosen.get(kind.name, Channels(in_app=True, email=kind.email_default))
        for kind in all_kinds()
    }


def notify(
    *,
    recipient: User,
    kind: str,
    about: str = "",
    email_context: dict | None = None,
    **params,
) -> Notification | None:
    """Tell `recipient` of an event of `kind`; return the notification (None when switched off).

    `params` are stored (JSON: names, titles, numbers) and render the title in the reader's
    language; `about` names the object ("network.introduction:12"). `email_context` adds objects
    to the email's template only (never stored). The email waits for the transaction to commit.
    """
    registered = get_kind(kind)
    if registered is None:
        raise ImproperlyConfigured(f"No notification kind {kind!r} is registered.")
    if not recipient.is_active:
        return None
    channels = channels_for(recipient, registered)
    url = registered.link(params)
    notification = None
    if channels.in_app:
        notification = Notification.objects.create(
            recipient=recipient,
            kind=kind,
            params=params,
            url=url,
            about=about,
        )
    if channels.email and registered.email_template and not registered.digest:
        queue_email(
            to=recipient.email,
            template=registered.email_template,
            context={
                "recipient": recipient,
                **params,
                **(email_context or {}),
                # Rendered with the email, in the recipient's language.
                "notification_title": lazy(registered.title, str)(params),
                "notification_link": url,
            },
            language=recipient.language or None,
        )
    return notification


def mark_read(*, notification: Notification, by: User) -> Notification:
    """Mark one of `by`'s notifications read (reading it again changes nothing)."""
    if notification.recipient_id != by.pk:
        raise PermissionDenied("Only the recipient marks a notification read.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
        notifications_changed(by.pk)
    return notification


def mark_all_read(*, user: User) -> int:
    """Mark every unread notification of `user` read; return how many were."""
    marked = Notification.objects.unread().filter(recipient=user).update(read_at=timezone.now())
    if marked:
        notifications_changed(user.pk)
    return marked


@transaction.atomic
def set_preferences(*, user: User, choices: dict[str, Channels]) -> None:
    """Save `user`'s switches for the kinds in `choices` (unknown kinds are ignored)."""
    known = {kind.name for kind in all_kinds()}
    for kind, channels in choices.items():
        if kind not in known:
            continue
        NotificationPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"in_app": channels.in_app, "email": channels.email}
        )
