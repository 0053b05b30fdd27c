"""Working groups for tests: a group with its chair, members, and problems at any step."""

import datetime

from django.utils import timezone

from wsco.groups.models import GroupVisibility
from wsco.groups.services import groups, meetings, problems
from wsco.members.tests.factories import UserFactory, current_member


def staff():
    return UserFactory(is_staff=True)


def member_user():
    """Return the user of a current WSCO member."""
    return current_member().user


def group(
    *, visibility=GroupVisibility.PUBLIC, name="Mobility experts", themes=("transportation",)
):
    """Return a group chaired by a current member (`group.chair`)."""
    chair = member_user()
    made = groups.create_group(
        name=name,
        type="experts",
        mandate="Find what blocks smart mobility.",
        chair=chair,
        themes=list(themes),
        visibility=visibility,
        by=staff(),
    )
    made.chair = chair
    return made


def join(group, user=None):
    """Return a user who asked to join `group` and was approved by its chair."""
    user = user or member_user()
    membership = groups.request_to_join(group=group, user=user)
    groups.decide_request(membership=membership, approve=True, by=group.chair)
    return user


def problem(group, *, by=None, title="Tickets do not work across operators"):
    return problems.signal_problem(
        group=group,
        title=title,
        description="Each operator sells its own ticket.",
        affected="Commuters",
        severity="high",
        themes=["transportation"],
        by=by or group.chair,
    )


def accepted(group, problem_row):
    """Return `problem_row` with a solution the group accepted (status: solution proposed)."""
    solution = problems.propose_solution(
        problem=problem_row, title="One ticket", body="A shared fare system.", by=group.chair
    )
    problems.accept_solution(solution=solution, by=staff())
    problem_row.refresh_from_db()
    return solution


def meeting(group, *, problems_on_agenda=(), days=7):
    local = (timezone.now() + datetime.timedelta(days=days)).replace(tzinfo=None, microsecond=0)
    return meetings.schedule_meeting(
        group=group,
        title="Meeting with the ministry",
        local_start=local,
        time_zone="Europe/Bucharest",
        place="Ministry of Development, Bucharest",
        problems=problems_on_agenda,
        by=group.chair,
    )
