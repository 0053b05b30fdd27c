"""The events on a theme's page: public events still to come or under way, on the theme by
their own themes or their sessions' themes, soonest first."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wsco.audits.tests.records import person
from wsco.core.models import Theme
from wsco.events import services
from wsco.events.tests import factories
from wsco.events.theme_offers import count_events, find_events

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
PAST_START = datetime.datetime(2020, 3, 10, 7, tzinfo=datetime.UTC)


def _session_on(event, *slugs):
    session = services.save_session(
        event=event,
        by=factories.staff(),
        title=f"On {', '.join(slugs)}",
        room="Hall A",
        starts_at=event.starts_at,
        ends_at=event.starts_at + datetime.timedelta(hours=1),
    )
    session.themes.set(Theme.objects.filter(slug__in=slugs))
    return session


def test_upcoming_public_events_on_the_theme_come_soonest_first_and_others_do_not():
    factories.event(title="Water 2099", themes=("water",))
    sooner = factories.event(
        title="Transport 2098",
        starts_at=factories.STARTS - 365 * DAY,
        ends_at=factories.ENDS - 365 * DAY,
        status="published",
        themes=("transportation",),
    )
    _session_on(sooner, "water")  # on water through one of its sessions only
    factories.event(title="Draft 2099", status="draft", themes=("water",))
    factories.event(
        title="Held 2020",
        status="held",
        starts_at=PAST_START,
        ends_at=PAST_START + DAY,
        themes=("water",),
    )
    factories.event(title="Energy 2099", themes=("energy",))
    for viewer in (AnonymousUser(), person(), person(staff=True)):
        items = find_events(["water"], user=viewer, limit=6)
        assert [item.title for item in items] == ["Transport 2098", "Water 2099"]
    # The registry asks in taxonomy order (transportation is clause 19, water clause 23); an
    # item names the asked themes it is on in that order.
    first, second = find_events(["transportation", "water"], user=AnonymousUser(), limit=6)
    assert first.themes == ("transportation", "water")
    assert first.url == sooner.get_absolute_url()
    # 2098-03-10 07:00 UTC is 09:00 in Bucharest; the published event is not open yet.
    assert first.text == "10 March 2098 · Palace of the Parliament"
    assert second.text == "10 March 2099 · Palace of the Parliament · Registration open"
    assert second.themes == ("water",)


def test_the_figures_count_each_upcoming_event_once_per_theme():
    both = factories.event(title="Water 2099", themes=("water",))
    _session_on(both, "water", "energy")  # water twice (event and session): counted once
    factories.event(title="Energy 2099", themes=("energy",))
    factories.event(title="Draft 2099", status="draft", themes=("water",))
    # Water: the first event; energy: both.
    assert count_events(AnonymousUser()) == {"water": 1, "energy": 2}


def test_finding_takes_two_queries_whatever_the_number_of_events():
    def queries_with(events: int) -> int:
        for number in range(events):
            made = factories.event(title=f"Water {events} {number}", themes=("water",))
            _session_on(made, "water", "energy")
        with CaptureQueriesContext(connection) as queries:
            assert len(find_events(["water", "energy"], user=AnonymousUser(), limit=6)) >= events
        return len(queries)

    # The events (1), then the themes of the events and of their sessions in one query (1).
    assert queries_with(1) == 2
    assert queries_with(4) == 2


def test_the_theme_page_shows_the_events_section(client):
    shown = factories.event(title="Water 2099", themes=("water",))
    page = client.get("/themes/water/").content.decode()
    assert shown.get_absolute_url() in page
    empty = client.get("/themes/energy/").content.decode()
    assert "No upcoming event on Energy yet." in empty
