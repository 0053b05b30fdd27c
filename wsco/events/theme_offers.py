"""What the events have on a theme (`wsco.core.theme_offers`): the public events still to come
or under way, on the theme through the event's own themes or any of its sessions' themes,
soonest first.

Public events are the same for every viewer (drafts are never offered, not even to staff), so
every viewer gets the same answer. Two queries at most: the events, then the themes they are on
(both relations at once).
"""

from collections import Counter, defaultdict

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext

from wsco.core.theme_offers import Offer, OfferItem, everyone
from wsco.events.changes import EVENTS
from wsco.events.models import Event, EventStatus, Session
from wsco.formats import day_text

# Held and archived events are over; a draft is nobody's to see here.
OFFERED_STATES = [EventStatus.PUBLISHED, EventStatus.REGISTRATION_OPEN, EventStatus.CLOSED]


def offered_events():
    """Return the public events that have not ended yet."""
    return Event.objects.filter(status__in=OFFERED_STATES, ends_at__gt=timezone.now())


def _theme_pairs(events, themes: list[str] | None = None):
    """Return the distinct (event id, theme slug) pairs of `events`: their own themes and their
    sessions' themes, in one query."""
    own = Event.themes.through.objects.filter(event__in=events)
    of_sessions = Session.themes.through.objects.filter(session__event__in=events)
    if themes is not None:
        own = own.filter(theme__slug__in=themes)
        of_sessions = of_sessions.filter(theme__slug__in=themes)
    return own.values_list("event_id", "theme__slug").union(
        of_sessions.values_list("session__event_id", "theme__slug")
    )


def find_events(themes: list[str], *, user, limit: int) -> list[OfferItem]:
    """Return the upcoming and open events on any of `themes`, soonest first."""
    on_themes = Q(themes__slug__in=themes) | Q(
        pk__in=Session.objects.filter(themes__slug__in=themes).values("event_id")
    )
    events = list(
        offered_events()
        .filter(pk__in=Event.objects.filter(on_themes).values("pk"))
        .order_by("starts_at", "pk")[:limit]
    )
    if not events:
        return []
    held = defaultdict(set)
    for event_id, slug in _theme_pairs([event.pk for event in events], themes):
        held[event_id].add(slug)
    items = []
    for event in events:
        first_day = timezone.localtime(event.starts_at, event.zone).date()
        parts = [day_text(first_day), event.venue_name]
        if event.registration_is_open:
            parts.append(str(event.get_status_display()))
        items.append(
            OfferItem(
                title=event.title,
                url=event.get_absolute_url(),
                text=" · ".join(part for part in parts if part),
                themes=tuple(slug for slug in themes if slug in held[event.pk]),
                date=event.starts_at,
            )
        )
    return items


def count_events(user) -> dict[str, int]:
    """Return, for every theme, how many upcoming and open events are on it (one query)."""
    pairs = _theme_pairs(offered_events().values("pk"))
    return dict(Counter(slug for _event_id, slug in pairs))


EVENTS_OFFER = Offer(
    name="events",
    title=_("Events"),
    find=find_events,
    count=count_events,
    count_label=lambda n: npgettext("theme figure", "event", "events", n),
    icon="calendar",
    empty=_("No upcoming event on %(themes)s yet."),
    action_label=_("See every event"),
    action_url=lambda themes: reverse("events:list"),
    audience=everyone,
    data_set=EVENTS,
    # Before the awards (80), after the courses (70).
    order=75,
)
