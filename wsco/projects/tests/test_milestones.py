"""Milestones: progress rolled up to stages and the project, lateness, and the daily reminders."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from wsco.notifications.models import Notification
from wsco.projects.models import Decision, Milestone, MilestoneReminder
from wsco.projects.queries import progress_of
from wsco.projects.services.milestones import (
    add_milestone,
    reminder_due,
    send_milestone_reminders,
    update_milestone,
)
from wsco.projects.tests.factories import project

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 10)


def plan(made, stage, title, progress=0, days=30, owner=None) -> Milestone:
    milestone = add_milestone(
        project=made,
        stage=stage,
        title=title,
        planned_on=TODAY + datetime.timedelta(days=days),
        owner=owner,
        by=made.lead,
    )
    if progress:
        done = TODAY if progress == 100 else None
        update_milestone(milestone=milestone, progress=progress, done_on=done, by=made.lead)
    return milestone


def test_progress_rolls_up_from_milestones_to_stages_to_the_project():
    made = project()
    made.gates.filter(stage__in=["vision", "concept"]).update(decision=Decision.GO)
    plan(made, "feasibility", "Study", progress=50)
    plan(made, "feasibility", "Business case", progress=100)
    plan(made, "design", "Tender", progress=20)
    stages, whole = progress_of(made)
    # By hand: vision and concept passed (100, 100); feasibility (50 + 100) / 2 = 75;
    # design 20 / 1 = 20; the other two 0. The project: (100 + 100 + 75 + 20) / 6 = 49.17 -> 49.
    assert [row.percent for row in stages] == [100, 100, 75, 20, 0, 0]
    assert whole == 49


def test_a_passed_gate_counts_whole_whatever_its_milestones():
    made = project()
    plan(made, "vision", "Workshop", progress=10)
    made.gates.filter(stage="vision").update(decision=Decision.GO)
    stages, whole = progress_of(made)
    # By hand: 100 for vision, nothing else: 100 / 6 = 16.67 -> 17.
    assert stages[0].percent == 100
    assert whole == 17


def test_late_is_past_the_planned_date_and_not_done_or_done_after_it():
    milestone = Milestone(planned_on=TODAY, progress=0)
    assert not milestone.is_late(TODAY)
    assert milestone.is_late(TODAY + datetime.timedelta(days=1))
    milestone.done_on, milestone.progress = TODAY + datetime.timedelta(days=1), 100
    assert milestone.is_late(TODAY)
    assert milestone.state(TODAY) == "done"
    milestone.done_on = TODAY
    assert not milestone.is_late(TODAY + datetime.timedelta(days=9))


def test_done_means_one_hundred_percent():
    made = project()
    milestone = plan(made, "vision", "Workshop")
    with pytest.raises(ValidationError, match="Give the date"):
        update_milestone(milestone=milestone, progress=100, by=made.lead)
    update_milestone(milestone=milestone, progress=40, done_on=TODAY, by=made.lead)
    milestone.refresh_from_db()
    assert (milestone.progress, milestone.done_on) == (100, TODAY)


@pytest.mark.parametrize(
    ("days_left", "sent", "due"),
    [
        (8, set(), None),  # more than a week ahead: nothing yet
        (7, set(), 7),
        (5, {7}, None),
        (1, {7}, 1),
        (1, {1}, None),
        (0, set(), 1),  # on the day, the last reminder if it was missed
        (-1, set(), None),  # past the date: it is late, not due
    ],
)
def test_the_reminder_due(days_left, sent, due):
    assert reminder_due(days_left, sent) == due


def test_the_daily_command_reminds_once_however_often_it_runs():
    made = project()
    owner = made.lead
    plan(made, "vision", "Workshop", days=7, owner=owner)
    plan(made, "vision", "Survey", days=8, owner=owner)  # outside the window
    plan(made, "vision", "Unowned", days=1)  # no owner: nobody to remind
    assert send_milestone_reminders(today=TODAY) == 1
    assert send_milestone_reminders(today=TODAY) == 0
    call_command("projects_daily", "--today", TODAY.isoformat(), stdout=io.StringIO())
    assert MilestoneReminder.objects.count() == 1
    assert Notification.objects.filter(recipient=owner, kind="projects.milestone_due").count() == 1
    # Six days later the Workshop is due tomorrow: its second reminder; the Survey its first.
    assert send_milestone_reminders(today=TODAY + datetime.timedelta(days=6)) == 2


def test_a_moved_milestone_is_reminded_again_for_its_new_date():
    made = project()
    milestone = plan(made, "vision", "Workshop", days=7, owner=made.lead)
    send_milestone_reminders(today=TODAY)
    update_milestone(
        milestone=milestone, planned_on=TODAY + datetime.timedelta(days=5), by=made.lead
    )
    assert send_milestone_reminders(today=TODAY) == 1
