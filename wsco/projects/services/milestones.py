"""Milestones: planning them, recording progress, reminding their owners before they fall due."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wsco.notifications.services import notify
from wsco.projects.models import (
    EventKind,
    Milestone,
    MilestoneReminder,
    Project,
    ProjectStatus,
    Stage,
)
from wsco.projects.services.timeline import record

# Reminders before a milestone's planned date, in days: a week before, and the day before.
REMINDER_DAYS = (7, 1)


def _checked(milestone: Milestone) -> Milestone:
    if milestone.stage not in Stage.values:
        raise ValidationError({"stage": _("Choose a stage.")})
    if not 0 <= milestone.progress <= 100:
        raise ValidationError({"progress": _("Progress is between 0 and 100 %.")})
    if milestone.done_on is not None:
        milestone.progress = 100
    elif milestone.progress == 100:
        raise ValidationError({"done_on": _("Give the date a milestone at 100 % was done.")})
    return milestone


@transaction.atomic
def add_milestone(
    *, project: Project, stage: str, title: str, planned_on: datetime.date, by, owner=None
) -> Milestone:
    """Plan a milestone of one stage, with its owner."""
    milestone = _checked(
        Milestone(project=project, stage=stage, title=title, planned_on=planned_on, owner=owner)
    )
    milestone.save()
    record(project, EventKind.MILESTONE, f"{title} ({planned_on.isoformat()})", by=by)
    return milestone


@transaction.atomic
def update_milestone(*, milestone: Milestone, by, **changes) -> Milestone:
    """Change a milestone's plan or progress; `done_on` marks it done (100 %)."""
    allowed = {"title", "planned_on", "owner", "progress", "done_on", "stage"}
    if set(changes) - allowed:
        raise ValueError(f"Not a milestone field: {sorted(set(changes) - allowed)}")
    was_done = milestone.done_on is not None
    for name, value in changes.items():
        setattr(milestone, name, value)
    _checked(milestone).save()
    if milestone.done_on is not None and not was_done:
        record(milestone.project, EventKind.MILESTONE, f"✓ {milestone.title}", by=by)
    return milestone


def reminder_due(days_left: int, sent: set[int]) -> int | None:
    """Return the reminder (days before) to send with `days_left` to go, if any is due.

    The closest offset not yet passed is due (7 days before, then 1); one already sent at that
    offset or a closer one means nothing is due. A day past the planned date gets none.
    """
    if days_left < 0:
        return None
    reached = [offset for offset in REMINDER_DAYS if days_left <= offset]
    if not reached:
        return None
    offset = min(reached)
    if any(sent_offset <= offset for sent_offset in sent):
        return None
    return offset


def send_milestone_reminders(*, today: datetime.date | None = None) -> int:
    """Remind each owner of a milestone that falls due soon; return how many were sent.

    Safe to run twice: each reminder is a row, unique per milestone, planned date and offset.
    """
    today = today or timezone.localdate()
    window = today + datetime.timedelta(days=max(REMINDER_DAYS))
    milestones = (
        Milestone.objects.filter(
            done_on__isnull=True,
            owner__isnull=False,
            planned_on__gte=today,
            planned_on__lte=window,
            project__status=ProjectStatus.ACTIVE,
        )
        .select_related("project", "owner")
        .prefetch_related("reminders")
    )
    sent_count = 0
    for milestone in milestones:
        sent = {
            row.days_before
            for row in milestone.reminders.all()
            if row.planned_on == milestone.planned_on
        }
        offset = reminder_due((milestone.planned_on - today).days, sent)
        if offset is None:
            continue
        try:
            # The row and the notification commit together, or neither does.
            with transaction.atomic():
                MilestoneReminder.objects.create(
                    milestone=milestone, planned_on=milestone.planned_on, days_before=offset
                )
                notify(
                    recipient=milestone.owner,
                    kind="projects.milestone_due",
                    about=f"projects.milestone:{milestone.pk}",
                    milestone=milestone.title,
                    project=milestone.project.title,
                    slug=milestone.project.slug,
                    days=(milestone.planned_on - today).days,
                )
        except IntegrityError:
            continue  # another run sent it a moment ago
        sent_count += 1
    return sent_count
