"""What the every-field XSS sweep needs from the groups app (see wsco/core/tests/xss_sweep.py).

A public working group on the core's theme (so the theme's page lists it), chaired by "member",
with a request to join from "other"; a problem signalled in it with its history, evidence, an
endorsement, a comment and a solution the group accepted; a meeting with the problem on its
agenda, held, with published minutes, a decision maker among its attendees, a decision, an
action item and the decision maker's answer. As the group's chair, "member" sees the leads'
forms and the attendees' contact details.
"""

import datetime

from django.utils import timezone

from wsco.groups.models import (
    ActionItem,
    AgendaItem,
    Answer,
    Attendee,
    Comment,
    Decision,
    Evidence,
    GroupMembership,
    Meeting,
    Problem,
    ProblemEndorsement,
    ProblemEvent,
    Reminder,
    Solution,
    SolutionEndorsement,
    WorkingGroup,
)
from wsco.groups.services import groups, meetings, problems


def _group(world) -> WorkingGroup:
    return groups.create_group(
        name="Mobility experts",
        type="experts",
        mandate="Find what blocks smart mobility.",
        chair=world.person("member"),
        themes=["transportation", "water"],
        by=world.person("staff"),
    )


def _problem(world) -> Problem:
    return problems.signal_problem(
        group=world[WorkingGroup],
        title="Tickets do not work across operators",
        description="Each operator sells its own ticket.",
        affected="Commuters",
        severity="high",
        themes=["transportation"],
        by=world.person("member"),
    )


def _solution(world) -> Solution:
    solution = problems.propose_solution(
        problem=world[Problem],
        title="One ticket",
        body="A shared fare system.",
        by=world.person("member"),
    )
    return problems.accept_solution(
        solution=solution, by=world.person("member"), votes_for=5, note="Agreed by the group."
    )


def _meeting(world) -> Meeting:
    """A meeting held a week from now with the problem and its accepted solution on its agenda."""
    world[Solution]
    local = (timezone.now() + datetime.timedelta(days=7)).replace(tzinfo=None, microsecond=0)
    meeting = meetings.schedule_meeting(
        group=world[WorkingGroup],
        title="Meeting with the ministry",
        local_start=local,
        time_zone="Europe/Bucharest",
        place="Ministry of Development, Bucharest",
        link="https://meet.example.org/ministry",
        problems=[world[Problem]],
        by=world.person("member"),
    )
    meeting = meetings.hold_meeting(meeting=meeting, by=world.person("member"))
    return meetings.save_minutes(
        meeting=meeting, minutes="The ministry listened.", publish=True, by=world.person("member")
    )


def _attendee(world) -> Attendee:
    return meetings.add_attendee(
        meeting=world[Meeting],
        by=world.person("member"),
        name="Ana Decident",
        office="Secretary of State",
        institution="Ministry of Development",
        email="ana.decident@example.org",
        phone="+40 21 000 0000",
        is_decision_maker=True,
    )


def _answer(world) -> Answer:
    return meetings.record_answer(
        problem=world[Problem],
        given_by="",
        text="The ministry will draft a shared fare rule.",
        commitment="A draft by the autumn.",
        follow_up_on=timezone.localdate() + datetime.timedelta(days=90),
        decision_maker=world[Attendee],
        by=world.person("member"),
    )


BUILDERS = {
    WorkingGroup: _group,
    GroupMembership: lambda world: groups.request_to_join(
        group=world[WorkingGroup], user=world.person("other"), message="I study ticketing."
    ),
    Problem: _problem,
    ProblemEvent: lambda world: world[Problem].events.first(),
    Evidence: lambda world: problems.add_evidence(
        problem=world[Problem],
        title="Operators' fares",
        url="https://example.org/fares",
        by=world.person("member"),
    ),
    ProblemEndorsement: lambda world: problems.endorse_problem(
        problem=world[Problem], by=world.person("member")
    ),
    Solution: _solution,
    SolutionEndorsement: lambda world: problems.endorse_solution(
        solution=world[Solution], by=world.person("member")
    ),
    Comment: lambda world: problems.add_comment(
        problem=world[Problem],
        solution=world[Solution],
        body="Fares differ by zone.",
        by=world.person("member"),
    ),
    Meeting: _meeting,
    AgendaItem: lambda world: world[Meeting].agenda.first(),
    Attendee: _attendee,
    Decision: lambda world: meetings.record_decision(
        meeting=world[Meeting],
        problem=world[Problem],
        text="Ask the operators for their fares.",
        by=world.person("member"),
    ),
    ActionItem: lambda world: meetings.add_action_item(
        meeting=world[Meeting],
        title="Collect the fares",
        owner=world.person("member"),
        due_on=timezone.localdate() + datetime.timedelta(days=14),
        by=world.person("member"),
    ),
    Answer: _answer,
    Reminder: lambda world: Reminder.objects.create(key=f"action:{world[ActionItem].pk}:due-3"),
}
NOT_WRITTEN_BY_PEOPLE = {
    "groups.Meeting.time_zone": "a time zone chosen from the form's list",
    "groups.Reminder.key": "what the daily job reminded of, which it names itself",
}
URL_KWARGS = {
    "groups:group": lambda world: {"slug": world[WorkingGroup].slug},
    "groups:feed": lambda world: {"slug": world[WorkingGroup].slug},
    "groups:signal": lambda world: {"slug": world[WorkingGroup].slug},
    "groups:schedule": lambda world: {"slug": world[WorkingGroup].slug},
    "groups:problem": lambda world: {"pk": world[Problem].pk},
    "groups:meeting": lambda world: {"pk": world[Meeting].pk},
    "api-1.0.0:get_group": lambda world: {"slug": world[WorkingGroup].slug},
    "api-1.0.0:get_problem": lambda world: {"problem_id": world[Problem].pk},
}
NOT_PAGES = {
    "groups:invitation": "the meeting's calendar file (.ics), its text escaped by icalendar",
}
