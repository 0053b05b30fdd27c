"""The events' demo: the Urban Projects series with a held 2026 and an open 2027, and two
smaller events."""

import pytest

from wsco.certificates.models import Certificate
from wsco.events import demo
from wsco.events.models import Event, EventStatus, Feedback, Registration
from wsco.members.tests.factories import demo_context


@pytest.fixture
def seeded(db):
    context = demo_context()
    demo.seed(context)
    return context


def test_the_demo_has_urban_projects_2026_held_and_2027_open_in_march(seeded):
    held = Event.objects.get(slug="urban-projects-2026")
    coming = Event.objects.get(slug="urban-projects-2027")
    assert held.status == EventStatus.HELD
    assert coming.status == EventStatus.REGISTRATION_OPEN
    assert {held.series, coming.series} == {held.series}
    assert [event.starts_at.astimezone(event.zone).month for event in (held, coming)] == [3, 3]
    assert Registration.objects.filter(event=held, checked_in_at__isnull=False).exists()
    assert Feedback.objects.filter(session__event=held).exists()
    assert Certificate.objects.filter(kind="event_attendance").exists()
    assert held.sessions.filter(session_type="pitch").exists()
    assert coming.sessions.exists()
    assert Event.objects.count() == 4
    assert not coming.call.is_open()
