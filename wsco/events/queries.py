"""Reads of the events: the list, the agenda by day and room, a person's agenda, the people to
meet at an event, and the calendar files."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

import icalendar
import numpy as np
from django.conf import settings
from django.db.models import Prefetch, Q
from django.utils import timezone

from wsco.core.links import web_url
from wsco.core.models import Theme
from wsco.events.models import Event, Meeting, Registration, RegistrationStatus, Session
from wsco.network.matching.profiles import normalize_rows, theme_matrix, theme_vectors


def upcoming_and_past(user, *, now=None) -> tuple[list[Event], list[Event]]:
    """Return the events `user` may see that have not ended (soonest first) and the past ones."""
    now = now or timezone.now()
    events = Event.objects.open_to(user).select_related("series").prefetch_related("themes")
    upcoming = list(events.filter(ends_at__gte=now).order_by("starts_at", "pk"))
    past = list(events.filter(ends_at__lt=now).order_by("-starts_at", "pk"))
    return upcoming, past


def sessions_of(event: Event):
    return (
        Session.objects.filter(event=event)
        .prefetch_related("themes", "speakers__profile")
        .order_by("starts_at", "room", "pk")
    )


@dataclass
class AgendaDay:
    day: datetime.date
    rooms: list[tuple[str, list[Session]]]


def agenda_by_day(event: Event, sessions=None) -> list[AgendaDay]:
    """Group the sessions by day (in the event's time zone), then by room, in time order."""
    days: dict[datetime.date, dict[str, list[Session]]] = defaultdict(lambda: defaultdict(list))
    for session in sessions if sessions is not None else sessions_of(event):
        day = timezone.localtime(session.starts_at, event.zone).date()
        days[day][session.room].append(session)
    return [AgendaDay(day=day, rooms=sorted(rooms.items())) for day, rooms in sorted(days.items())]


def meetings_of(event: Event, user):
    """Return `user`'s meetings at `event` (asked and received), soonest first."""
    return (
        Meeting.objects.filter(event=event)
        .filter(Q(requester=user) | Q(invitee=user))
        .select_related("requester__profile", "invitee__profile")
        .order_by("starts_at", "pk")
    )


def personal_items(event: Event, user) -> list[dict]:
    """Return `user`'s agenda: the sessions they speak at or the whole agenda's sessions, and
    their agreed meetings, in time order."""
    items = [
        {"starts_at": session.starts_at, "ends_at": session.ends_at, "session": session}
        for session in sessions_of(event)
    ]
    for meeting in meetings_of(event, user).filter(status=Meeting.Status.ACCEPTED):
        items.append(
            {
                "starts_at": meeting.starts_at,
                "ends_at": meeting.starts_at + datetime.timedelta(minutes=30),
                "meeting": meeting,
                "other": meeting.invitee if meeting.requester_id == user.pk else meeting.requester,
            }
        )
    return sorted(items, key=lambda item: item["starts_at"])


def people_to_meet(event: Event, user, *, limit: int = 20) -> list[tuple[Registration, float]]:
    """Rank the event's other confirmed attendees for `user` by the network's theme vectors
    (interests and expertise, `wsco.network.matching.profiles`), restricted to this event."""
    attendees = list(
        Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
        .select_related("user__profile__organization")
        .prefetch_related(
            Prefetch("user__profile__themes_of_interest", queryset=Theme.objects.only("slug")),
            Prefetch("user__profile__themes_of_expertise", queryset=Theme.objects.only("slug")),
        )
        .order_by("pk")
    )
    with_profile = [row for row in attendees if getattr(row.user, "profile", None) is not None]
    mine = next((row for row in with_profile if row.user_id == user.pk), None)
    others = [row for row in with_profile if row.user_id != user.pk and row.user.is_active]
    if mine is None or not others:
        return [(row, 0.0) for row in others[:limit]]
    slugs = list(Theme.objects.order_by("slug").values_list("slug", flat=True))
    rows = [mine, *others]

    def themes(row, field):
        return frozenset(theme.slug for theme in getattr(row.user.profile, field).all())

    vectors = theme_vectors(
        theme_matrix([themes(row, "themes_of_interest") for row in rows], slugs),
        theme_matrix([themes(row, "themes_of_expertise") for row in rows], slugs),
    )
    vectors = normalize_rows(vectors)
    scores = vectors[1:] @ vectors[0]
    # Best match first; equal scores keep the order people registered in.
    order = np.argsort(-scores, kind="stable")[:limit]
    return [(others[index], float(scores[index])) for index in order]


# -- Calendars ------------------------------------------------------------------------------


def _calendar(name: str) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//WSCO//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    return calendar


def _vevent(
    uid: str, summary: str, starts_at, ends_at, zone, *, location="", description="", url=""
):
    entry = icalendar.Event()
    entry.add("uid", f"{uid}@{settings.SITE_URL.split('//')[-1]}")
    entry.add("summary", summary)
    # Times in the event's own zone, with TZID; the calendar carries the VTIMEZONE.
    entry.add("dtstart", timezone.localtime(starts_at, zone))
    entry.add("dtend", timezone.localtime(ends_at, zone))
    entry.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    if location:
        entry.add("location", location)
    if description:
        entry.add("description", description)
    if url:
        entry.add("url", url)
    return entry


def _location(event: Event, room: str = "") -> str:
    place = ", ".join(
        filter(None, [room, event.venue_name, event.venue_address.replace("\n", ", ")])
    )
    return place or web_url(event.online_url)


def _finish(calendar: icalendar.Calendar) -> bytes:
    calendar.add_missing_timezones()
    return calendar.to_ical()


def event_calendar(event: Event) -> bytes:
    """The event itself, as one VEVENT."""
    calendar = _calendar(event.title)
    calendar.add_component(
        _vevent(
            f"event-{event.pk}",
            event.title,
            event.starts_at,
            event.ends_at,
            event.zone,
            location=_location(event),
            description=event.summary,
            url=settings.SITE_URL + event.get_absolute_url(),
        )
    )
    return _finish(calendar)


def _session_vevent(event: Event, session: Session) -> icalendar.Event:
    return _vevent(
        f"session-{session.pk}",
        session.title,
        session.starts_at,
        session.ends_at,
        event.zone,
        location=_location(event, session.room),
        description=session.abstract,
        url=settings.SITE_URL + event.get_absolute_url() + f"#session-{session.pk}",
    )


def agenda_calendar(event: Event) -> bytes:
    """The public agenda: one VEVENT a session."""
    calendar = _calendar(event.title)
    for session in sessions_of(event):
        calendar.add_component(_session_vevent(event, session))
    return _finish(calendar)


def personal_calendar(registration: Registration) -> bytes:
    """A person's agenda: the sessions and their agreed meetings."""
    event = registration.event
    calendar = _calendar(event.title)
    for item in personal_items(event, registration.user):
        if "session" in item:
            calendar.add_component(_session_vevent(event, item["session"]))
        else:
            meeting = item["meeting"]
            other = getattr(item["other"], "profile", None) or item["other"]
            calendar.add_component(
                _vevent(
                    f"meeting-{meeting.pk}",
                    f"{event.title}: {other}",
                    item["starts_at"],
                    item["ends_at"],
                    event.zone,
                    location=_location(event),
                    description=meeting.message,
                )
            )
    return _finish(calendar)
