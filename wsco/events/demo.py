"""The events' demo: Smart City Urban Projects 2026 (held, with attendance and feedback) and
2027 (March, registration open, agenda published), and two smaller events."""

import datetime
import zoneinfo
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from wsco.accounts.models import User
from wsco.core.access import is_party
from wsco.core.models import Theme
from wsco.events import calls, services
from wsco.events.models import EVENT_WORKFLOW, Event, EventSeries, ProjectCall, TicketType
from wsco.members.demo import verify_emails
from wsco.members.models import Profile, Visibility

BUCHAREST = zoneinfo.ZoneInfo("Europe/Bucharest")
TICKETS = [
    ("member", Decimal("120.00")),
    ("non_member", Decimal("250.00")),
    ("speaker", Decimal("0.00")),
    ("press", Decimal("0.00")),
    ("city_official", Decimal("0.00")),
]
TALKS = [
    ("Opening: from vision to implementation", "talk", "Main hall", 9, 1),
    ("Panel: financing city projects", "panel", "Main hall", 10, 1),
    ("Workshop: ISO 37120 indicators in practice", "workshop", "Room 2", 10, 2),
    ("Panel: mobility that cities can afford", "panel", "Main hall", 14, 1),
    ("Workshop: open data for city halls", "workshop", "Room 2", 14, 2),
]


def _local(year, month, day, hour, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=BUCHAREST)


def _attendees(context) -> list[User]:
    profiles = Profile.objects.filter(is_member=True).exclude(visibility=Visibility.HIDDEN)
    return [profile.user for profile in profiles.select_related("user").order_by("pk")
            if not profile.user.is_staff]  # fmt: skip


def _event(series, *, title, slug, starts, ends, capacity, themes, **fields) -> Event:
    event = Event.objects.create(
        title=title,
        slug=slug,
        series=series,
        starts_at=starts,
        ends_at=ends,
        capacity=capacity,
        status="registration_open",
        time_zone="Europe/Bucharest",
        **fields,
    )
    event.themes.set(Theme.objects.filter(slug__in=themes))
    for kind, price in TICKETS:
        TicketType.objects.create(event=event, kind=kind, price=price, capacity=capacity)
    return event


def _agenda(event: Event, staff: User, day: datetime.date, speakers: list[User], pitches) -> None:
    for index, (title, kind, room, hour, hours) in enumerate(TALKS):
        starts = _local(day.year, day.month, day.day, hour)
        services.save_session(
            event=event,
            by=staff,
            title=title,
            session_type=kind,
            room=room,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=hours),
            speakers=[speakers[index]],
            guest_speakers="Ioana Marin, city architect" if kind == "panel" else "",
        )
    second = day + datetime.timedelta(days=1)
    for index, title in enumerate(pitches):
        starts = _local(second.year, second.month, second.day, 9) + datetime.timedelta(
            minutes=20 * index
        )
        services.save_session(
            event=event,
            by=staff,
            title=f"Project pitch: {title}",
            session_type="pitch",
            room="Main hall",
            starts_at=starts,
            ends_at=starts + datetime.timedelta(minutes=20),
        )


def _step(event: Event, step_name: str) -> None:
    with transaction.atomic():
        EVENT_WORKFLOW.take(event, step_name)


def _register(event, users, kind="member"):
    ticket = event.ticket_types.get(kind=kind)
    return [services.register(event=event, ticket_type=ticket, user=user) for user in users]


def seed(context) -> None:
    """Create the Urban Projects series with its 2026 and 2027 editions, and two smaller events."""
    staff = User.objects.filter(is_staff=True).order_by("pk").first()
    people = _attendees(context)
    if staff is None or len(people) < 20:
        context.say("Events demo: too few members, no event created.")
        return
    rng = context.random
    demo_member = User.objects.filter(email=context.accounts.get("member", "")).first()
    others = [user for user in people if user != demo_member]
    pitches = list(_project_titles())[:6] or ["Smart street lighting", "Water loss reduction"]
    series = EventSeries.objects.create(
        name="Smart City Urban Projects",
        slug="urban-projects",
        month=3,
        description="Every March, cities show their projects and meet companies and experts.",
    )
    held = _event(
        series,
        title="Smart City Urban Projects 2026",
        slug="urban-projects-2026",
        starts=_local(2026, 3, 18, 9),
        ends=_local(2026, 3, 19, 18),
        capacity=300,
        themes=["urban-planning", "transportation", "energy"],
        summary="Cities show their projects and meet companies and experts.",
        venue_name="Palace of the Parliament",
        venue_address="Strada Izvor 2-4, Bucharest",
        sponsors="Bucharest City Hall\nEnergia Smart SRL",
    )
    _agenda(held, staff, datetime.date(2026, 3, 18), others[:5], pitches)
    attendees = _register(held, rng.sample(others, min(40, len(others))))
    checked_in = attendees[: len(attendees) * 4 // 5]
    for registration in checked_in:
        first_in = _local(2026, 3, 18, 8, 30) + datetime.timedelta(minutes=rng.randint(0, 50))
        services.check_in(event=held, code=registration.ticket_code, by=staff, now=first_in)
    _step(held, "mark_held")
    for session in held.sessions.all()[:4]:
        for registration in rng.sample(checked_in, 8):
            services.leave_feedback(
                session=session, user=registration.user, rating=rng.randint(3, 5), comment=""
            )
    certificates = services.issue_attendance_certificates(event=held, by=staff)

    coming = _event(
        series,
        title="Smart City Urban Projects 2027",
        slug="urban-projects-2027",
        starts=_local(2027, 3, 17, 9),
        ends=_local(2027, 3, 18, 18),
        capacity=350,
        themes=["urban-planning", "water", "governance"],
        summary="The programme's projects on stage, and the people who can build them.",
        venue_name="Palace of the Parliament",
        venue_address="Strada Izvor 2-4, Bucharest",
        cancellation_deadline=_local(2027, 3, 10, 23, 59),
        sponsors="Bucharest City Hall",
    )
    _agenda(coming, staff, datetime.date(2027, 3, 17), others[5:10], [])
    accepted = _call_for_projects(coming, staff, others, rng, context.password)
    context.add_account("events_staff", "events@demo.wsco.example", "decides the call for projects")
    registered = _register(coming, rng.sample(others, min(20, len(others))))
    if demo_member is not None:
        mine = services.register(
            event=coming, ticket_type=coming.ticket_types.get(kind="member"), user=demo_member
        )
        services.record_payment(
            registration=mine, amount=Decimal("120.00"), reference="DEMO-2027-1", by=staff
        )
        slot = services.meeting_slots(coming)[4]
        meeting = services.request_meeting(
            event=coming, requester=registered[0].user, invitee=demo_member, starts_at=slot
        )
        services.answer_meeting(meeting=meeting, by=demo_member, accept=True)
        if "member" in context.abilities:
            context.abilities["member"] += "; registered to Urban Projects 2027, one meeting"

    forum = _event(
        None,
        title="Mobility Forum: data for buses",
        slug="mobility-forum-2027",
        starts=_local(2027, 2, 11, 10),
        ends=_local(2027, 2, 11, 13),
        capacity=40,
        themes=["transportation"],
        summary="An online morning on open transit data.",
        online_url="https://meet.example.org/wsco-mobility",
    )
    _register(forum, rng.sample(others, 10), kind="member")
    workshop = _event(
        None,
        title="ISO 37120 workshop for city halls",
        slug="iso-37120-workshop-2026",
        starts=_local(2026, 10, 8, 9),
        ends=_local(2026, 10, 8, 16),
        capacity=25,
        themes=["governance"],
        summary="A day on the indicators, with the people who report them.",
        venue_name="WSCO office",
        venue_address="Bucharest",
    )
    for registration in _register(workshop, rng.sample(others, 12)):
        services.check_in(
            event=workshop, code=registration.ticket_code, by=staff, now=_local(2026, 10, 8, 8, 50)
        )
    _step(workshop, "mark_held")
    context.say(
        f"Events: 4 events, {len(attendees)} at Urban Projects 2026 "
        f"({certificates} attendance certificates), {len(registered)} registered for 2027, "
        f"{accepted} projects accepted from its call."
    )


def _call_for_projects(event: Event, staff: User, reviewers: list[User], rng, password) -> int:
    """A call for projects that closed on 30 November 2026: the programme's projects
    submitted by their leads, each scored by two reviewers, the better half accepted as
    pitches on the second day."""
    from wsco.projects.models import Project

    call = ProjectCall.objects.create(
        event=event,
        opens_at=_local(2026, 9, 1, 9),
        closes_at=_local(2026, 11, 30, 23, 59),
        criteria="Impact on the city\nReadiness to implement\nFit with the event's themes",
        description="Cities and companies pitch a programme project to those who can build it.",
    )
    projects = Project.objects.filter(team__role="lead").distinct().order_by("pk")[:6]
    today = timezone.localdate()
    submissions = []
    for project in projects:
        lead = project.team.filter(role="lead").select_related("user").first().user
        submission = calls.submit_project(
            call=call,
            by=lead,
            project=project,
            pitch=f"{project.summary} We look for partners and financing.",
            themes=list(project.themes.all()),
            now=_local(2026, 10, 15, 12),
        )
        for reviewer in [user for user in reviewers if user.pk != lead.pk][:2]:
            if is_party(reviewer, submission):
                continue
            review = calls.assign_reviewer(
                submission=submission, reviewer=reviewer, due_on=today, by=staff
            )
            scores = {criterion: rng.randint(2, 5) for criterion in call.criteria_list()}
            calls.score_submission(review=review, by=reviewer, scores=scores, today=today)
        submissions.append(submission)
    accepted = 0
    # The programme's staff lead its projects, so the call's committee has a staff member of
    # its own, party to none of them.
    committee, _created = User.objects.get_or_create(
        email="events@demo.wsco.example", defaults={"is_staff": True}
    )
    if _created:
        committee.set_password(password)
        committee.save()
        verify_emails([committee])
    deciders = [committee, *User.objects.filter(is_staff=True).order_by("pk")]
    for index, submission in enumerate(submissions):
        # Nobody on the project's team decides it (docs/workflows.md).
        decider = next((user for user in deciders if not is_party(user, submission)), None)
        if decider is None:
            continue
        accept = index % 2 == 0
        calls.decide_submission(
            submission=submission,
            by=decider,
            accept=accept,
            message="See you in March." if accept else "Not this year; apply again.",
            room="Pitch stage",
            starts_at=_local(2027, 3, 18, 9) + datetime.timedelta(minutes=20 * accepted),
        )
        accepted += accept
    return accepted


def _project_titles():
    from wsco.projects.models import Project

    return Project.objects.order_by("pk").values_list("title", flat=True)
