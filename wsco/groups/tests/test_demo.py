"""The working groups' demo: three groups, problems in every state, meetings past and to come."""

import pytest
from django.utils import timezone

from wsco.groups import demo
from wsco.groups.models import (
    GroupType,
    Meeting,
    MeetingStatus,
    Problem,
    ProblemEvent,
    ProblemStatus,
    Solution,
    SolutionStatus,
    WorkingGroup,
)
from wsco.members.tests.factories import demo_context


@pytest.fixture
def seeded(db):
    """Run the groups demo over the staff account and 30 current members."""
    context = demo_context()
    demo.seed(context)
    return context


def check_there_is_a_ministerial_an_experts_and_a_regional_group(seeded):
    types = set(WorkingGroup.objects.values_list("type", flat=True))
    assert types == {GroupType.MINISTERIAL, GroupType.EXPERTS, GroupType.REGIONAL}
    experts = WorkingGroup.objects.get(type=GroupType.EXPERTS)
    assert experts.memberships.get(role="chair").user.email == "member@demo.wsco.example"
    assert "chairs the Experts' Group" in seeded.abilities["member"]
    for group in WorkingGroup.objects.all():
        assert group.themes.exists()
        # The chair, a co-chair and at least five members; one asked to join, one is invited.
        assert group.memberships.filter(status="active").count() >= 7
        assert group.memberships.filter(status="requested").count() == 1
        assert group.memberships.filter(status="invited").count() == 1


def check_every_state_of_a_problem_is_there(seeded):
    assert set(Problem.objects.values_list("status", flat=True)) == set(ProblemStatus.values)
    merged = Problem.objects.get(status=ProblemStatus.MERGED)
    assert merged.merged_into.status == ProblemStatus.SIGNALLED
    assert Problem.objects.get(status=ProblemStatus.DISMISSED).dismissal_reason


def check_a_problem_s_history_is_in_the_past_and_in_order(seeded):
    resolved = Problem.objects.get(status=ProblemStatus.RESOLVED)
    steps = list(resolved.events.values_list("to_status", "at"))
    assert [status for status, _at in steps] == [
        "signalled",
        "analysed",
        "solution_proposed",
        "presented",
        "answered",
        "resolved",
    ]
    moments = [at for _status, at in steps]
    assert moments == sorted(moments)
    now = timezone.now()
    assert all(at < now for at in ProblemEvent.objects.values_list("at", flat=True))


def check_one_accepted_solution_is_a_position_paper(seeded):
    (paper,) = Solution.objects.exclude(paper_published_at=None)
    assert paper.status == SolutionStatus.ACCEPTED
    assert paper.paper.read().startswith(b"%PDF")
    assert paper.accepted_at < paper.paper_published_at
    # Every problem taken to decision makers has the one solution the group accepted.
    for problem in Problem.objects.filter(status__in=["presented", "answered", "resolved"]):
        assert problem.solutions.filter(status=SolutionStatus.ACCEPTED).count() == 1


def check_meetings_are_past_with_minutes_and_answers_and_one_is_to_come(seeded):
    now = timezone.now()
    held = Meeting.objects.filter(status=MeetingStatus.HELD)
    assert held.count() == 3
    assert all(meeting.starts_at < now for meeting in held)
    assert held.exclude(minutes_published_at=None).count() == 2  # one draft, seen by its leads
    assert held.filter(answers__isnull=False).distinct().count() == 2
    assert held.filter(attendees__is_decision_maker=True).distinct().count() == 3
    (upcoming,) = Meeting.objects.filter(status=MeetingStatus.SCHEDULED)
    assert upcoming.starts_at > now
    assert upcoming.problems.get().status == ProblemStatus.SOLUTION_PROPOSED


def test_the_demo_builds_the_groups_loop_from_signal_to_answer(seeded):
    """One run of the demo (it renders a PDF), checked from every side."""
    check_there_is_a_ministerial_an_experts_and_a_regional_group(seeded)
    check_every_state_of_a_problem_is_there(seeded)
    check_a_problem_s_history_is_in_the_past_and_in_order(seeded)
    check_one_accepted_solution_is_a_position_paper(seeded)
    check_meetings_are_past_with_minutes_and_answers_and_one_is_to_come(seeded)
