"""The daily email of the standards: each person's news of the day in one email, in their language.

`send_daily_digests` is what `wsco standards_daily` runs. It is safe to run twice: a person's
email of a day is a `Digest` row (one per person and day, a database constraint), written in
the same transaction that queues the email, so a second run finds the row and sends nothing.
Each email covers the notifications since the person's previous one (`Digest.up_to`), so none is
sent twice and none is lost when a day is skipped.
"""

from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from wsco.accounts.models import User
from wsco.core.email import queue_email
from wsco.notifications.models import Notification
from wsco.notifications.services import preferences_of
from wsco.standards.models import Digest
from wsco.standards.notifications import DIGEST_TEMPLATE, KIND_NAMES

# A first email goes back no further than this: older news is on the person's home page.
FIRST_DIGEST_DAYS = 7


def _since(user: User, now: datetime) -> datetime:
    last = Digest.objects.filter(user=user).order_by("-up_to").values_list("up_to", flat=True)
    return last.first() or now - timedelta(days=FIRST_DIGEST_DAYS)


def send_digest(*, user: User, day: date, now: datetime) -> int:
    """Queue `user`'s email of `day` with their news up to `now`; return its items (0: none)."""
    emailed = [name for name, channels in preferences_of(user).items() if channels.email]
    kinds = [name for name in KIND_NAMES if name in emailed]
    if not kinds or not user.is_active:
        return 0
    with transaction.atomic():
        news = list(
            Notification.objects.filter(
                recipient=user,
                kind__in=kinds,
                created_at__gt=_since(user, now),
                created_at__lte=now,
            ).order_by("created_at", "pk")
        )
        if not news:
            return 0
        try:
            with transaction.atomic():
                Digest.objects.create(user=user, day=day, up_to=now, items=len(news))
        except IntegrityError:  # Sent already today.
            return 0
        # The notifications themselves: their titles render in the email's language.
        queue_email(
            to=user.email,
            template=DIGEST_TEMPLATE,
            context={"recipient": user, "items": news, "day": day},
            language=user.language or None,
        )
    return len(news)


def send_daily_digests(*, day: date | None = None) -> tuple[int, int]:
    """Send every person with news their email of `day`; return (emails, items)."""
    now = timezone.now()
    day = day or timezone.localdate()
    people = (
        Notification.objects.filter(kind__in=KIND_NAMES, created_at__lte=now)
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    emails = items = 0
    for user in User.objects.filter(pk__in=people, is_active=True).exclude(
        standards_digests__day=day
    ):
        sent = send_digest(user=user, day=day, now=now)
        emails += 1 if sent else 0
        items += sent
    return emails, items
