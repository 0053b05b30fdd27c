"""The working groups' services: membership, the problem register, solutions, meetings."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wsco.groups.calendar import meeting_ics
from wsco.groups.models import (
    Comment,
    GroupMembership,
    MemberStatus,
    ProblemEndorsement,
    ProblemStatus,
    Reminder,
    SolutionStatus,
)
from wsco.groups.papers import publish_paper
from wsco.groups.services import groups, meetings, problems
from wsco.groups.tests import factories
from wsco.members.tests.factories import profile_only
from wsco.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_request_to_join_is_approved_by_the_chair_who_is_told():
    group = factories.group()
    user = factories.member_user()
    membership = groups.request_to_join(group=group, user=user, message="I run a bus company.")
    assert Notification.objects.filter(recipient=group.chair, kind="groups.join_requested").exists()
    groups.decide_request(membership=membership, approve=True, by=group.chair)
    membership.refresh_from_db()
    assert membership.status == MemberStatus.ACTIVE
    assert membership.decided_by == group.chair


def test_someone_who_is_not_a_wsco_member_cannot_ask_to_join():
    with pytest.raises(PermissionDenied, match="open to current WSCO members"):
        groups.request_to_join(group=factories.group(), user=profile_only().user)


def test_a_plain_member_cannot_approve_a_request():
    group = factories.group()
    other = factories.join(group)
    membership = groups.request_to_join(group=group, user=factories.member_user())
    with pytest.raises(PermissionDenied, match="chair, co-chairs or staff"):
        groups.decide_request(membership=membership, approve=True, by=other)


def test_an_invitation_is_answered_by_the_person_invited_only():
    group = factories.group()
    user = factories.member_user()
    membership = groups.invite_member(group=group, user=user, by=group.chair)
    with pytest.raises(PermissionDenied, match="Only the person invited"):
        groups.answer_invitation(membership=membership, accept=True, by=group.chair)
    groups.answer_invitation(membership=membership, accept=True, by=user)
    assert GroupMembership.objects.get(pk=membership.pk).status == MemberStatus.ACTIVE


def test_a_problem_is_signalled_by_members_only_and_its_history_starts():
    group = factories.group()
    with pytest.raises(PermissionDenied, match="Only the group's members"):
        factories.problem(group, by=factories.member_user())
    problem = factories.problem(group)
    assert [(e.from_status, e.to_status) for e in problem.events.all()] == [("", "signalled")]
    assert [theme.slug for theme in problem.themes.all()] == ["transportation"]


def test_a_member_endorses_a_problem_once():
    group = factories.group()
    problem = factories.problem(group)
    member = factories.join(group)
    problems.endorse_problem(problem=problem, by=member)
    with pytest.raises(ValidationError, match="already endorsed"):
        problems.endorse_problem(problem=problem, by=member)
    problems.endorse_problem(problem=problem, by=group.chair)
    assert problem.endorsements.count() == 2


def test_the_whole_loop_keeps_every_change_in_the_history():
    group = factories.group()
    problem = factories.problem(group)
    problems.change_problem_state(problem=problem, step="analyse", by=group.chair)
    factories.accepted(group, problem)
    meeting = factories.meeting(group, problems_on_agenda=[problem])
    meetings.hold_meeting(meeting=meeting, by=group.chair)
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.PRESENTED
    meetings.record_answer(
        problem=problem,
        given_by="Ana Pop, State Secretary, Ministry of Transport",
        text="A shared fare law goes to Parliament in the autumn.",
        commitment="Draft law by 1 October.",
        follow_up_on=datetime.date(2026, 10, 1),
        meeting=meeting,
        by=group.chair,
    )
    problems.change_problem_state(problem=problem, step="resolve", by=group.chair)
    # Signal, then five steps: analyse, propose, present, answer, resolve.
    assert [(e.from_status, e.to_status) for e in problem.events.all()] == [
        ("", "signalled"),
        ("signalled", "analysed"),
        ("analysed", "solution_proposed"),
        ("solution_proposed", "presented"),
        ("presented", "answered"),
        ("answered", "resolved"),
    ]


def test_a_problem_is_not_answered_before_it_is_presented():
    group = factories.group()
    problem = factories.problem(group)
    with pytest.raises(ValidationError, match="This problem is signalled"):
        meetings.record_answer(problem=problem, given_by="A minister", text="No.", by=group.chair)
    assert problem.answers.count() == 0


def test_dismissing_needs_a_reason_and_keeps_it():
    group = factories.group()
    problem = factories.problem(group)
    with pytest.raises(ValidationError, match="Say why"):
        problems.change_problem_state(problem=problem, step="dismiss", by=group.chair)
    problems.change_problem_state(
        problem=problem, step="dismiss", reason="Out of the group's mandate.", by=group.chair
    )
    problem.refresh_from_db()
    assert (problem.status, problem.dismissal_reason) == (
        "dismissed",
        "Out of the group's mandate.",
    )
    assert problem.events.last().comment == "Out of the group's mandate."


def test_steps_that_follow_from_the_work_are_not_taken_by_hand():
    group = factories.group()
    problem = factories.problem(group)
    with pytest.raises(ValidationError, match="not taken by hand"):
        problems.change_problem_state(problem=problem, step="present", by=group.chair)


def test_merging_moves_endorsements_without_doubling_them_and_comments_follow():
    group = factories.group()
    a, b, c = (factories.join(group) for _each in range(3))
    duplicate = factories.problem(group, title="No common ticket")
    target = factories.problem(group)
    for person in (a, b):
        problems.endorse_problem(problem=duplicate, by=person)
    for person in (b, c):
        problems.endorse_problem(problem=target, by=person)
    problems.add_comment(problem=duplicate, body="Same in Cluj.", by=a)
    problems.merge_problems(duplicate=duplicate, into=target, by=group.chair)
    # a, b from the duplicate and b, c on the target: b counts once, so three.
    assert set(target.endorsements.values_list("user_id", flat=True)) == {a.pk, b.pk, c.pk}
    assert ProblemEndorsement.objects.filter(problem=duplicate).count() == 0
    assert Comment.objects.get(body="Same in Cluj.").problem == target
    duplicate.refresh_from_db()
    assert (duplicate.status, duplicate.merged_into) == (ProblemStatus.MERGED, target)
    with pytest.raises(ValidationError, match="merged into"):
        problems.endorse_problem(problem=duplicate, by=group.chair)


def test_a_solution_needs_more_votes_for_than_against():
    group = factories.group()
    problem = factories.problem(group)
    solution = problems.propose_solution(
        problem=problem, title="One ticket", body="Shared fares.", by=group.chair
    )
    with pytest.raises(ValidationError, match="7 for, 7 against"):
        problems.accept_solution(solution=solution, votes_for=7, votes_against=7, by=group.chair)
    problems.accept_solution(solution=solution, votes_for=8, votes_against=7, by=group.chair)
    solution.refresh_from_db()
    assert (solution.status, solution.votes_for, solution.votes_against) == ("accepted", 8, 7)
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.SOLUTION_PROPOSED


def test_one_solution_is_accepted_per_problem():
    group = factories.group()
    problem = factories.problem(group)
    factories.accepted(group, problem)
    problem.refresh_from_db()
    other = problems.propose_solution(
        problem=problem, title="Another", body="Something else.", by=group.chair
    )
    with pytest.raises(ValidationError, match="already accepted a solution"):
        problems.accept_solution(solution=other, by=group.chair)
    assert other.__class__.objects.get(pk=other.pk).status == SolutionStatus.PROPOSED


def test_a_meeting_time_is_kept_in_utc_from_the_places_time_zone():
    group = factories.group()

    def at(local):
        return meetings.schedule_meeting(
            group=group,
            title="Meeting",
            local_start=local,
            time_zone="Europe/Bucharest",
            link="https://meet.example/wg",
            by=group.chair,
        ).starts_at

    # Bucharest is UTC+2 in winter (EET) and UTC+3 in summer (EEST, from 29 March 2026).
    assert at(datetime.datetime(2026, 3, 10, 10, 0)) == datetime.datetime(
        2026, 3, 10, 8, 0, tzinfo=datetime.UTC
    )
    assert at(datetime.datetime(2026, 7, 10, 10, 0)) == datetime.datetime(
        2026, 7, 10, 7, 0, tzinfo=datetime.UTC
    )
    with pytest.raises(ValidationError, match="not a time zone we know"):
        meetings.local_to_utc(datetime.datetime(2026, 3, 10, 10, 0), "Europe/Atlantis")


def test_the_invitation_is_an_ics_file_in_utc():
    group = factories.group()
    meeting = meetings.schedule_meeting(
        group=group,
        title="Fares",
        local_start=datetime.datetime(2026, 3, 10, 10, 0),
        time_zone="Europe/Bucharest",
        duration_minutes=90,
        place="Bucharest",
        by=group.chair,
    )
    text = meeting_ics(meeting).decode()
    # 10:00 in Bucharest in March is 08:00 UTC; 90 minutes later is 09:30.
    assert "DTSTART:20260310T080000Z" in text
    assert "DTEND:20260310T093000Z" in text
    assert "SUMMARY:Mobility experts: Fares" in text


def test_minutes_are_a_draft_until_published():
    group = factories.group()
    meeting = factories.meeting(group)
    with pytest.raises(ValidationError, match="This meeting is scheduled"):
        meetings.save_minutes(meeting=meeting, minutes="Notes", publish=False, by=group.chair)
    meetings.hold_meeting(meeting=meeting, by=group.chair)
    meetings.save_minutes(meeting=meeting, minutes="Notes", publish=False, by=group.chair)
    assert meeting.minutes_published_at is None
    meetings.save_minutes(meeting=meeting, minutes="Notes", publish=True, by=group.chair)
    assert meeting.minutes_published_at is not None


def test_an_external_decision_maker_attends_without_an_account():
    group = factories.group()
    meeting = factories.meeting(group)
    attendee = meetings.add_attendee(
        meeting=meeting,
        name="Ana Pop",
        office="State Secretary",
        institution="Ministry of Transport",
        email="ana.pop@example.gov",
        is_decision_maker=True,
        by=group.chair,
    )
    assert attendee.public_label == "Ana Pop, State Secretary, Ministry of Transport"
    with pytest.raises(ValidationError, match="decision maker's name"):
        meetings.add_attendee(meeting=meeting, office="Minister", by=group.chair)


def test_reminders_are_sent_once_however_often_the_job_runs():
    group = factories.group()
    meeting = factories.meeting(group)
    owner = factories.join(group)
    today = datetime.date(2026, 5, 10)
    meetings.add_action_item(
        meeting=meeting,
        title="Send the draft",
        owner=owner,
        due_on=datetime.date(2026, 5, 13),
        by=group.chair,
    )
    meetings.add_action_item(
        meeting=meeting,
        title="Far off",
        owner=owner,
        due_on=datetime.date(2026, 5, 14),
        by=group.chair,
    )
    # Due in 3 days: one reminder; due in 4 days: none yet.
    assert meetings.send_reminders(today=today) == 1
    assert meetings.send_reminders(today=today) == 0
    # On 13 May: the first is due (its second reminder), the second is 1 day away (its first).
    assert meetings.send_reminders(today=datetime.date(2026, 5, 13)) == 2
    assert Notification.objects.filter(recipient=owner, kind="groups.action_due").count() == 3
    assert Reminder.objects.count() == 3


def test_a_follow_up_reminds_the_chair_once_on_its_date():
    group = factories.group()
    problem = factories.problem(group)
    factories.accepted(group, problem)
    meeting = factories.meeting(group, problems_on_agenda=[problem])
    meetings.hold_meeting(meeting=meeting, by=group.chair)
    meetings.record_answer(
        problem=problem,
        given_by="The minister",
        text="Yes.",
        by=group.chair,
        follow_up_on=datetime.date(2026, 6, 1),
    )
    assert meetings.send_reminders(today=datetime.date(2026, 5, 31)) == 0
    assert meetings.send_reminders(today=datetime.date(2026, 6, 1)) == 1
    assert meetings.send_reminders(today=datetime.date(2026, 6, 2)) == 0


def test_an_accepted_solution_is_published_as_a_pdf():
    group = factories.group()
    problem = factories.problem(group)
    solution = factories.accepted(group, problem)
    publish_paper(solution=solution, by=group.chair)
    solution.refresh_from_db()
    with solution.paper.open("rb") as paper:
        assert paper.read(5) == b"%PDF-"
    assert solution.paper_published_at is not None


def test_the_daily_command_sends_each_reminder_once(capsys):
    from django.core.management import call_command

    group = factories.group()
    meeting = factories.meeting(group)
    meetings.add_action_item(
        meeting=meeting,
        title="Draft",
        owner=group.chair,
        due_on=datetime.date(2026, 5, 10),
        by=group.chair,
    )
    call_command("groups_daily", "--today", "2026-05-10")
    call_command("groups_daily", "--today", "2026-05-10")
    # Due on the day: one reminder on the first run, none on the second.
    assert capsys.readouterr().out.splitlines() == [
        "Working group reminders sent: 1",
        "Working group reminders sent: 0",
    ]
