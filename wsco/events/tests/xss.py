"""What the every-field XSS sweep needs from the events app (see wsco/core/tests/xss_sweep.py).

A held-over event of the Urban Projects series, still open to registration, whose first
session has ended: "member" and "other" are confirmed attendees, "member" paid a member ticket
(with its invoice), was checked in, gave feedback on the session and agreed a meeting with
"other"; so their tickets, agendas, people to meet and the feedback form open for them, and
staff see the registrations, the door, the payment page and the agenda builder.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from wsco.events import calls, services
from wsco.events.models import (
    Event,
    EventSeries,
    Feedback,
    Meeting,
    ProjectCall,
    Registration,
    Reminder,
    Session,
    SlotBooking,
    Submission,
    SubmissionReview,
    TicketType,
)
from wsco.events.tests import factories
from wsco.members.tests.factories import UserFactory
from wsco.projects.models import Project

# Two days in the past: the session has ended, so feedback opens.
STARTS = datetime.datetime(2026, 3, 18, 7, tzinfo=datetime.UTC)


def _event(world) -> Event:
    return factories.event(
        title="Urban Projects 2026",
        series=world[EventSeries],
        starts_at=STARTS,
        ends_at=STARTS + datetime.timedelta(hours=33),
        sponsors="City Hall",
        online_url="https://meet.example.org/up",
        description="The programme on stage.",
    )


def _session(world) -> Session:
    return services.save_session(
        event=world[Event],
        by=world.person("staff"),
        title="Mobility pitches",
        room="Hall A",
        starts_at=STARTS,
        ends_at=STARTS + datetime.timedelta(hours=1),
        abstract="Cities pitch.",
        guest_speakers="Ana Pop, mayor",
        speakers=[world.person("other")],
    )


def _registration(world) -> Registration:
    world[Session]
    member = world.person("member")
    registration = services.register(
        event=world[Event], ticket_type=world[Event].ticket_types.get(kind="member"), user=member
    )
    services.register(
        event=world[Event],
        ticket_type=world[Event].ticket_types.get(kind="non_member"),
        user=world.person("other"),
    )
    services.record_payment(
        registration=registration,
        amount=Decimal("120.00"),
        reference="Bank transfer 7",
        note="Thank you.",
        by=world.person("staff"),
    )
    services.check_in(event=world[Event], code=registration.ticket_code, by=world.person("staff"))
    registration.refresh_from_db()
    return registration


def _meeting(world) -> Meeting:
    world[Registration]
    meeting = services.request_meeting(
        event=world[Event],
        requester=world.person("member"),
        invitee=world.person("other"),
        starts_at=services.meeting_slots(world[Event])[3],
        message="Coffee?",
    )
    return services.answer_meeting(meeting=meeting, by=world.person("other"), accept=True)


def _feedback(world) -> Feedback:
    world[Registration]
    return services.leave_feedback(
        session=world[Session], user=world.person("member"), rating=4, comment="Useful."
    )


def _call(world) -> ProjectCall:
    now = timezone.now()
    return ProjectCall.objects.create(
        event=world[Event],
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=1),
        criteria="Impact\nReadiness",
        description="Pitch your project.",
    )


def _submission(world) -> Submission:
    submission = Submission.objects.create(
        call=world[ProjectCall],
        project=world[Project],
        submitted_by=world.person("other"),
        pitch="We light the streets.",
    )
    submission.themes.set(world[Project].themes.all())
    return submission


def _review(world) -> SubmissionReview:
    # Someone on no project's team: the world's people are on the programme's projects.
    reviewer = UserFactory(email="reviewer@example.org")
    review = calls.assign_reviewer(
        submission=world[Submission],
        reviewer=reviewer,
        due_on=timezone.localdate() + datetime.timedelta(days=7),
        by=world.person("staff"),
    )
    return calls.score_submission(
        review=review,
        by=reviewer,
        scores={"Impact": 4, "Readiness": 3},
        comment="Promising.",
    )


BUILDERS = {
    ProjectCall: _call,
    Submission: _submission,
    SubmissionReview: _review,
    EventSeries: lambda world: factories.series(),
    Event: _event,
    TicketType: lambda world: world[Event].ticket_types.get(kind="member"),
    Session: _session,
    Registration: _registration,
    Meeting: _meeting,
    SlotBooking: lambda world: SlotBooking.objects.filter(meeting=world[Meeting]).first(),
    Feedback: _feedback,
    Reminder: lambda world: Reminder.objects.create(
        registration=world[Registration], days_before=1
    ),
}


def _slug(world) -> dict:
    return {"slug": world[Event].slug}


URL_KWARGS = {
    "events:event": _slug,
    "events:my": _slug,
    "events:ticket_qr": _slug,
    "events:ticket": _slug,
    "events:people": _slug,
    "events:check_in": _slug,
    "events:registrations": _slug,
    "events:add_session": _slug,
    "events:edit_session": lambda world: {
        "slug": world[Event].slug,
        "session_id": world[Session].pk,
    },
    "events:call": _slug,
    "events:submissions": _slug,
    "events:submission": lambda world: {
        "slug": world[Event].slug,
        "submission_id": world[Submission].pk,
    },
    "events:feedback": lambda world: {
        "slug": world[Event].slug,
        "session_id": world[Session].pk,
    },
    "events:record_payment": lambda world: {
        "slug": world[Event].slug,
        "registration_id": world[Registration].pk,
    },
}
NOT_PAGES = {
    "events:event_ics": "the event's calendar file (.ics), its text escaped by icalendar",
    "events:agenda_ics": "the agenda's calendar file (.ics), its text escaped by icalendar",
    "events:personal_ics": "a person's calendar file (.ics), its text escaped by icalendar",
    # Its text is escaped by the members' invoice template, which test_pdf_renderer.py renders
    # with hostile text.
    "events:invoice": "a PDF file, not a page",
    "events:remove_session": "a POST that takes a session off the agenda, then redirects",
}
