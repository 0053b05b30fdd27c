"""Events for tests: an event open to registration with its ticket types, and attendees."""

import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from wsco.core.models import Theme
from wsco.events import services
from wsco.events.models import Event, EventSeries, TicketType
from wsco.members.tests.factories import UserFactory, current_member

# 2099-03-10 09:00 to 2099-03-11 18:00 in Bucharest (UTC+2 in March): 07:00 and 16:00 UTC.
STARTS = datetime.datetime(2099, 3, 10, 7, 0, tzinfo=datetime.UTC)
ENDS = datetime.datetime(2099, 3, 11, 16, 0, tzinfo=datetime.UTC)


def staff():
    return UserFactory(is_staff=True)


def member_user():
    return current_member().user


def series() -> EventSeries:
    made, _created = EventSeries.objects.get_or_create(
        slug="urban-projects", defaults={"name": "Smart City Urban Projects", "month": 3}
    )
    return made


def event(
    *,
    title="Urban Projects 2099",
    status="registration_open",
    capacity=50,
    tickets=(("non_member", Decimal("0.00"), None), ("member", Decimal("120.00"), None)),
    starts_at=STARTS,
    ends_at=ENDS,
    themes=("transportation",),
    **fields,
) -> Event:
    """Return an event with `tickets` (kind, price, capacity; None: the event's capacity)."""
    made = Event.objects.create(
        title=title,
        slug=slugify(title),
        summary="Cities show their projects.",
        starts_at=starts_at,
        ends_at=ends_at,
        venue_name="Palace of the Parliament",
        venue_address="Str. Izvor 2-4, Bucharest",
        capacity=capacity,
        status=status,
        **fields,
    )
    made.themes.set(Theme.objects.filter(slug__in=themes))
    for kind, price, ticket_capacity in tickets:
        TicketType.objects.create(
            event=made, kind=kind, price=price, capacity=ticket_capacity or capacity
        )
    return made


def ticket(event: Event, kind: str = "non_member") -> TicketType:
    return event.ticket_types.get(kind=kind)


def registered(event: Event, user=None, kind: str = "non_member"):
    """Register `user` (a new one) to `event` with a `kind` ticket, through the service."""
    user = user or UserFactory()
    return services.register(event=event, ticket_type=ticket(event, kind), user=user)


def hours_later(hours: float) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(hours=hours)
