"""The events' pages: the list, the event and its agenda, registering, the ticket's QR code,
the door twice, the personal agenda with a meeting, the calendar files in the event's time
zone, the staff's payment and invoice, and the API; with query counts for the lists."""

import datetime
import re
from decimal import Decimal

import icalendar
import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wsco.events import services
from wsco.events.models import Event, Feedback, Registration
from wsco.events.tests import factories
from wsco.events.tests.factories import STARTS
from wsco.members.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def _with_agenda(event, staff):
    services.save_session(
        event=event,
        by=staff,
        title="Mobility pitches",
        room="Hall A",
        starts_at=STARTS,
        ends_at=STARTS + HOUR,
    )
    services.save_session(
        event=event,
        by=staff,
        title="Water panel",
        room="Hall B",
        starts_at=STARTS + 25 * HOUR,
        ends_at=STARTS + 26 * HOUR,
    )


def test_the_list_shows_upcoming_and_past_events(client):
    factories.event(title="Urban Projects 2099")
    factories.event(
        title="Urban Projects 2020",
        status="held",
        starts_at=datetime.datetime(2020, 3, 10, 7, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2020, 3, 11, 16, tzinfo=datetime.UTC),
    )
    factories.event(title="Draft 2099", status="draft")
    page = client.get(reverse("events:list")).content.decode()
    upcoming, past = page.split("Past events")
    assert "Urban Projects 2099" in upcoming
    assert "Urban Projects 2020" in past
    assert "Draft 2099" not in page


def test_the_event_page_shows_the_agenda_by_day_and_room_in_its_time_zone(client):
    event = factories.event()
    _with_agenda(event, factories.staff())
    page = client.get(event.get_absolute_url()).content.decode()
    # 07:00 UTC is 09:00 in Bucharest (UTC+2 in March); the second day's session is at 10:00.
    assert "09:00–10:00" in page
    assert "10:00–11:00" in page
    assert page.index("Hall A") < page.index("Hall B")
    assert "Sign in to register" in page


def test_a_person_registers_gets_a_qr_ticket_and_the_email_carries_it(
    client, django_capture_on_commit_callbacks
):
    event = factories.event()
    user = UserFactory()
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events:register", kwargs={"slug": event.slug}),
            {"ticket_type": factories.ticket(event).pk},
        )
    assert response.url == reverse("events:ticket", kwargs={"slug": event.slug})
    registration = Registration.objects.get(user=user)
    assert registration.status == "confirmed"
    ticket = client.get(response.url).content.decode()
    assert reverse("events:ticket_qr", kwargs={"slug": event.slug}) in ticket
    assert registration.ticket_code in ticket
    png = client.get(reverse("events:ticket_qr", kwargs={"slug": event.slug}))
    assert png["Content-Type"] == "image/png"
    assert png.content.startswith(b"\x89PNG")
    message = mail.outbox[-1]
    assert registration.ticket_code in message.body
    # The QR code drawn in block characters, in the plain-text email.
    assert services.ticket_qr_text(registration.ticket_code) in message.body
    assert "█" in message.body


def test_the_door_lets_a_ticket_in_once_and_says_when_it_was_first_used(client):
    event, staff = factories.event(), factories.staff()
    registration = factories.registered(event)
    client.force_login(staff)
    url = reverse("events:check_in", kwargs={"slug": event.slug})
    first = client.post(url, {"code": registration.ticket_code})
    assert first.status_code == 200
    assert "Welcome!" in first.content.decode()
    second = client.post(url, {"code": registration.ticket_code})
    assert second.status_code == 200
    assert "Welcome!" not in second.content.decode()
    assert re.search(r"was already used, at \d\d:\d\d on \d{4}-\d\d-\d\d", second.content.decode())


def test_the_door_speaks_romanian(client):
    event, staff = factories.event(), factories.staff()
    registration = factories.registered(event)
    client.force_login(staff)
    url = reverse("events:check_in", kwargs={"slug": event.slug})
    client.post(url, {"code": registration.ticket_code}, HTTP_ACCEPT_LANGUAGE="ro")
    page = client.post(url, {"code": registration.ticket_code}, HTTP_ACCEPT_LANGUAGE="ro")
    assert "a fost deja folosit" in page.content.decode()


def test_a_meeting_accepted_is_in_both_agendas_and_the_personal_calendar(client):
    event = factories.event()
    ana, ben = factories.member_user(), factories.member_user()
    factories.registered(event, ana)
    registration = factories.registered(event, ben)
    slot = services.meeting_slots(event)[4]
    meeting = services.request_meeting(event=event, requester=ana, invitee=ben, starts_at=slot)
    client.force_login(ben)
    client.post(
        reverse("events:answer_meeting", kwargs={"slug": event.slug, "meeting_id": meeting.pk}),
        {"answer": "accept"},
    )
    for user in (ana, ben):
        client.force_login(user)
        page = client.get(reverse("events:my", kwargs={"slug": event.slug})).content.decode()
        assert "Meeting with" in page
    feed = client.get(
        reverse(
            "events:personal_ics",
            kwargs={"slug": event.slug, "token": registration.calendar_token},
        )
    )
    calendar = icalendar.Calendar.from_ical(feed.content)
    meetings = [
        entry for entry in calendar.walk("VEVENT") if str(entry["uid"]).startswith("meeting-")
    ]
    assert len(meetings) == 1
    # Slot 4 is 2 hours after 07:00 UTC: 11:00 in Bucharest, with its TZID and VTIMEZONE.
    start = meetings[0]["dtstart"].dt
    assert (start.hour, str(start.tzinfo)) == (11, "Europe/Bucharest")
    assert calendar.walk("VTIMEZONE")[0]["tzid"] == "Europe/Bucharest"


def test_the_agenda_calendar_has_each_session_at_its_local_time(client):
    event = factories.event()
    _with_agenda(event, factories.staff())
    response = client.get(reverse("events:agenda_ics", kwargs={"slug": event.slug}))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    starts = sorted(entry["dtstart"].dt for entry in calendar.walk("VEVENT"))
    assert [start.astimezone(datetime.UTC) for start in starts] == [STARTS, STARTS + 25 * HOUR]
    assert [start.hour for start in starts] == [9, 10]


def test_staff_record_a_payment_and_the_attendee_opens_the_invoice(client):
    event, staff = factories.event(), factories.staff()
    registration = factories.registered(event, factories.member_user(), kind="member")
    client.force_login(staff)
    url = reverse(
        "events:record_payment", kwargs={"slug": event.slug, "registration_id": registration.pk}
    )
    refused = client.post(url, {"amount": "100.00", "reference": "BANK-7"})
    assert "costs 120.00 EUR" in refused.content.decode()
    client.post(url, {"amount": "120.00", "reference": "BANK-7"})
    registration.refresh_from_db()
    assert registration.amount_paid == Decimal("120.00")
    client.force_login(registration.user)
    pdf = client.get(
        reverse("events:invoice", kwargs={"slug": event.slug, "registration_id": registration.pk})
    )
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_the_agenda_builder_refuses_a_room_taken_with_the_reason(client):
    event, staff = factories.event(), factories.staff()
    _with_agenda(event, staff)
    client.force_login(staff)
    response = client.post(
        reverse("events:add_session", kwargs={"slug": event.slug}),
        {
            "title": "Clash",
            "session_type": "talk",
            "room": "Hall A",
            "starts_at": "2099-03-10T09:30",
            "ends_at": "2099-03-10T10:30",
        },
    )
    assert "is already in “Mobility pitches”" in response.content.decode()
    assert event.sessions.count() == 2


def test_the_list_and_the_api_take_as_many_queries_for_four_events_as_for_one(client):
    staff = factories.staff()

    def queries_with(events: int) -> tuple[int, int]:
        for index in range(Event.objects.count(), events):
            _with_agenda(factories.event(title=f"Event {index}"), staff)
        with CaptureQueriesContext(connection) as page_queries:
            client.get(reverse("events:list"))
        with CaptureQueriesContext(connection) as api_queries:
            answer = client.get("/api/v1/events").json()
        assert answer["count"] == events
        assert len(answer["items"][0]["sessions"]) == 2
        return len(page_queries), len(api_queries)

    # The events, their sessions and themes are read in lists: four cost what one costs.
    one = queries_with(1)
    assert queries_with(4) == one


def test_staff_open_and_close_registration_and_issue_certificates_once_held(client):
    event, staff = factories.event(status="published"), factories.staff()
    client.force_login(staff)
    url = reverse("events:change_state", kwargs={"slug": event.slug})
    client.post(url, {"step": "open_registration"})
    event.refresh_from_db()
    assert event.status == "registration_open"
    registration = factories.registered(event)
    services.check_in(event=event, code=registration.ticket_code, by=staff)
    certificates = reverse("events:certificates", kwargs={"slug": event.slug})
    refused = client.post(certificates, follow=True)
    assert "issued once the event is held" in refused.content.decode()
    client.post(url, {"step": "mark_held"})
    page = client.post(certificates, follow=True).content.decode()
    assert "1 attendance certificate issued." in page
    again = client.post(certificates, follow=True).content.decode()
    assert "0 attendance certificates issued." in again


def test_the_registrations_list_takes_as_many_queries_for_four_people_as_for_one(client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # every request builds the whole page
    event, staff = factories.event(), factories.staff()
    client.force_login(staff)

    def queries_with(people: int) -> int:
        for _index in range(event.registrations.count(), people):
            factories.registered(event, factories.member_user(), kind="member")
        with CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("events:registrations", kwargs={"slug": event.slug}))
        assert page.content.decode().count("Record payment") == people
        return len(queries)

    # The rows come with their people and tickets in one query: four cost what one costs.
    one = queries_with(1)
    assert queries_with(4) == one


def test_staff_change_a_session_in_the_events_local_time_and_the_clash_rule_holds(client):
    event, staff = factories.event(), factories.staff()
    _with_agenda(event, staff)
    # Not a member: a speaker the session has already stays accepted when it is changed.
    speaker = UserFactory(email="speaker@example.org")
    pitches = event.sessions.get(title="Mobility pitches")
    pitches.speakers.set([speaker])
    url = reverse("events:edit_session", kwargs={"slug": event.slug, "session_id": pitches.pk})
    client.force_login(staff)
    form = client.get(url).content.decode()
    # 07:00 UTC is 09:00 in Bucharest (UTC+2 in March, before summer time starts on the 29th).
    assert 'value="2099-03-10T09:00"' in form
    assert "speaker@example.org</textarea>" in form
    body = {
        "title": "Mobility pitches",
        "session_type": "pitch",
        "abstract": "",
        "speakers": "speaker@example.org",
    }
    # The water panel holds Hall B on the 11th from 08:00 to 09:00 UTC, 10:00 to 11:00 local.
    clash_times = {"starts_at": "2099-03-11T10:30", "ends_at": "2099-03-11T11:30"}
    clash = client.post(url, body | {"room": "Hall B"} | clash_times)
    assert "is already in “Water panel”" in clash.content.decode()
    new_times = {"starts_at": "2099-03-10T13:00", "ends_at": "2099-03-10T14:00"}
    moved = client.post(url, body | {"room": "Hall C"} | new_times)
    assert moved.status_code == 302
    pitches.refresh_from_db()
    assert (pitches.room, pitches.starts_at) == (
        "Hall C",
        datetime.datetime(2099, 3, 10, 11, 0, tzinfo=datetime.UTC),
    )
    assert list(pitches.speakers.all()) == [speaker]


def test_a_session_with_feedback_stays_on_the_agenda(client):
    event, staff = factories.event(), factories.staff()
    _with_agenda(event, staff)
    pitches, panel = event.sessions.order_by("starts_at")
    Feedback.objects.create(session=pitches, user=UserFactory(), rating=4)
    client.force_login(staff)

    def remove(session):
        kwargs = {"slug": event.slug, "session_id": session.pk}
        return client.post(reverse("events:remove_session", kwargs=kwargs), follow=True)

    assert "People left feedback on “Mobility pitches”" in remove(pitches).content.decode()
    assert remove(panel).status_code == 200
    assert list(event.sessions.values_list("title", flat=True)) == ["Mobility pitches"]


def _session_form(**fields) -> dict:
    return {
        "title": "Open data",
        "session_type": "talk",
        "room": "Hall C",
        "starts_at": "2099-03-10T09:00",
        "ends_at": "2099-03-10T10:00",
    } | fields


def test_staff_name_member_speakers_by_email_and_tag_the_session_with_themes(client):
    event, staff = factories.event(), factories.staff()
    speaker = factories.member_user()
    client.force_login(staff)
    url = reverse("events:add_session", kwargs={"slug": event.slug})
    form = client.get(url).content.decode()
    assert '<label for="id_speakers">Member speakers' in form
    # The themes are 19 labelled checkboxes, never a select of every member.
    assert form.count('name="themes"') == 19
    assert "<select" not in form.split('name="speakers"')[1].split("</textarea>")[0]
    answer = client.post(
        url, _session_form(speakers=f" {speaker.email.upper()}\n", themes=["water", "energy"])
    )
    assert answer.status_code == 302
    session = event.sessions.get(title="Open data")
    assert list(session.speakers.all()) == [speaker]
    assert sorted(session.themes.values_list("slug", flat=True)) == ["energy", "water"]


def test_a_speaker_who_is_not_a_member_is_refused_naming_the_address(client):
    event, staff = factories.event(), factories.staff()
    UserFactory(email="visitor@example.org")
    member = factories.member_user()
    client.force_login(staff)
    url = reverse("events:add_session", kwargs={"slug": event.slug})
    answer = client.post(
        url, _session_form(speakers=f"{member.email}\nvisitor@example.org\nnobody@example.org")
    )
    assert (
        "No current member has these addresses: visitor@example.org, nobody@example.org."
        in answer.content.decode()
    )
    assert not event.sessions.exists()


def test_a_member_speaker_in_two_rooms_at_once_is_refused_on_the_form(client):
    event, staff = factories.event(), factories.staff()
    speaker = factories.member_user()
    client.force_login(staff)
    url = reverse("events:add_session", kwargs={"slug": event.slug})
    assert client.post(url, _session_form(speakers=speaker.email)).status_code == 302
    # Half an hour into the first, in another room: the same speaker cannot be in both.
    clash = client.post(
        url,
        _session_form(
            title="Energy",
            room="Hall D",
            starts_at="2099-03-10T09:30",
            ends_at="2099-03-10T10:30",
            speakers=speaker.email,
        ),
    )
    assert f"{speaker} is already in “Open data” (Hall C, 2099-03-10 09:00)" in (
        clash.content.decode()
    )
    assert event.sessions.count() == 1
