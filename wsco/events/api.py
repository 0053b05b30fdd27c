"""The events in the API: published events with their sessions (read-only, open to anyone).

Attendees, registrations and meetings are never in the API.
"""

from datetime import datetime

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from wsco.accounts.auth import optional_auth
from wsco.core.links import web_url
from wsco.core.paging import Page, PageQuery, page_of
from wsco.core.text import CleanText
from wsco.events.models import Event, Session

router = Router(tags=["events"])


class SessionOut(Schema):
    title: str
    abstract: str
    type: str = Field(..., alias="session_type")
    room: str
    starts_at: datetime
    ends_at: datetime
    speakers: list[str]
    themes: list[str]

    @staticmethod
    def resolve_speakers(session: Session) -> list[str]:
        members = [str(getattr(user, "profile", None) or user) for user in session.speakers.all()]
        return members + session.guest_list()

    @staticmethod
    def resolve_themes(session: Session) -> list[str]:
        return [theme.slug for theme in session.themes.all()]


class EventOut(Schema):
    slug: str
    title: str
    series: str | None = None
    summary: str
    description: str
    status: str
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    venue_name: str
    venue_address: str
    online_url: str
    capacity: int
    seats_left: int
    sponsors: list[str]
    themes: list[str]
    sessions: list[SessionOut]
    url: str
    calendar_url: str

    @staticmethod
    def resolve_online_url(event: Event) -> str:
        return web_url(event.online_url)

    @staticmethod
    def resolve_series(event: Event) -> str | None:
        return event.series.slug if event.series_id else None

    @staticmethod
    def resolve_sponsors(event: Event) -> list[str]:
        return event.sponsor_list()

    @staticmethod
    def resolve_themes(event: Event) -> list[str]:
        return [theme.slug for theme in event.themes.all()]

    @staticmethod
    def resolve_sessions(event: Event) -> list[Session]:
        return list(event.sessions.all())

    @staticmethod
    def resolve_url(event: Event) -> str:
        return settings.SITE_URL + event.get_absolute_url()

    @staticmethod
    def resolve_calendar_url(event: Event) -> str:
        return settings.SITE_URL + event.get_absolute_url() + "agenda.ics"


class EventPage(Page):
    items: list[EventOut]


class EventFilters(PageQuery):
    theme: CleanText = Field("", max_length=60, description="A theme's slug.")
    series: CleanText = Field("", max_length=120, description="A series' slug.")


@router.get("/events", response=EventPage, auth=optional_auth)
def list_events(request: HttpRequest, filters: Query[EventFilters]):
    """List the published events, the latest first, each with its agenda's sessions."""
    rows = (
        Event.objects.published()
        .select_related("series")
        .prefetch_related(
            "themes",
            Prefetch(
                "sessions",
                queryset=Session.objects.prefetch_related("themes", "speakers__profile"),
            ),
        )
        .order_by("-starts_at", "pk")
    )
    if filters.theme:
        rows = rows.filter(themes__slug=filters.theme)
    if filters.series:
        rows = rows.filter(series__slug=filters.series)
    return page_of(rows, filters)
