"""Meetings with decision makers: scheduling, agenda, attendees, minutes, decisions, actions,
the decision makers' answers, and the daily reminders."""

import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wsco.core.text import clean_text
from wsco.groups.access import require_lead
from wsco.groups.models import (
    MEETING_WORKFLOW,
    PROBLEM_WORKFLOW,
    ActionItem,
    AgendaItem,
    Answer,
    Attendee,
    Decision,
    GroupMembership,
    Meeting,
    MemberStatus,
    Problem,
    ProblemStatus,
    Reminder,
    WorkingGroup,
)
from wsco.groups.services.groups import leaders_of, require_active
from wsco.groups.services.problems import take_problem_step
from wsco.notifications.services import notify

# An action item's owner hears of it three days before it is due, and on the day (or at the
# first run after, if the job did not run that day).
DUE_SOON_DAYS = 3


def local_to_utc(local: datetime.datetime, time_zone: str) -> datetime.datetime:
    """Return the naive local time `local` in `time_zone` as an aware UTC time."""
    try:
        zone = zoneinfo.ZoneInfo(time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise ValidationError(
            {"time_zone": _("“%(zone)s” is not a time zone we know.") % {"zone": time_zone}}
        ) from error
    return local.replace(tzinfo=zone).astimezone(datetime.UTC)


def _members(group: WorkingGroup):
    return [
        membership.user
        for membership in GroupMembership.objects.filter(
            group=group, status=MemberStatus.ACTIVE
        ).select_related("user")
    ]


@transaction.atomic
def schedule_meeting(
    *,
    group: WorkingGroup,
    title: str,
    local_start: datetime.datetime,
    time_zone: str,
    by,
    duration_minutes: int = 90,
    place: str = "",
    link: str = "",
    problems=(),
) -> Meeting:
    """Schedule a meeting of `group` at `local_start` in `time_zone`; its members are told."""
    require_lead(by, group)
    require_active(group)
    if not place and not link:
        raise ValidationError({"place": _("Give a place, an online link, or both.")})
    meeting = Meeting(
        group=group,
        title=title,
        starts_at=local_to_utc(local_start, time_zone),
        time_zone=time_zone,
        duration_minutes=duration_minutes,
        place=place,
        link=link,
        created_by=by,
    )
    meeting.full_clean()
    meeting.save()
    for problem in problems:
        add_to_agenda(meeting=meeting, problem=problem, by=by)
    for member in _members(group):
        notify(
            recipient=member,
            kind="groups.meeting_scheduled",
            about=f"groups.meeting:{meeting.pk}",
            title=meeting.title,
            group=group.name,
            meeting=meeting.pk,
        )
    return meeting


def add_to_agenda(*, meeting: Meeting, problem: Problem, by) -> AgendaItem:
    """Put a problem of the meeting's group on its agenda, with its accepted solution."""
    require_lead(by, meeting.group)
    if problem.group_id != meeting.group_id:
        raise ValidationError({"problem": _("The problem belongs to another group.")})
    if not problem.is_open and problem.status != ProblemStatus.ANSWERED:
        raise ValidationError(
            {"problem": _("This problem is %(state)s.") % {"state": problem.get_status_display()}}
        )
    accepted = problem.solutions.filter(status="accepted").first()
    item, _created = AgendaItem.objects.get_or_create(
        meeting=meeting,
        problem=problem,
        defaults={"solution": accepted, "position": meeting.agenda.count() + 1},
    )
    return item


def add_attendee(
    *,
    meeting: Meeting,
    by,
    user=None,
    name: str = "",
    office: str = "",
    institution: str = "",
    email: str = "",
    phone: str = "",
    is_decision_maker: bool = False,
) -> Attendee:
    """Add a group member, or an external decision maker (no account needed), to a meeting."""
    require_lead(by, meeting.group)
    if (
        user is not None
        and not GroupMembership.objects.filter(
            group=meeting.group, user=user, status=MemberStatus.ACTIVE
        ).exists()
    ):
        raise ValidationError({"user": _("Only the group's members attend with their account.")})
    attendee = Attendee(
        meeting=meeting,
        user=user,
        name=name or (user.profile.name if user is not None and hasattr(user, "profile") else ""),
        office=office,
        institution=institution,
        email=email,
        phone=phone,
        is_decision_maker=is_decision_maker,
    )
    if user is None and not name:
        raise ValidationError({"name": _("Give the decision maker's name.")})
    attendee.full_clean()
    try:
        with transaction.atomic():
            attendee.save()
    except IntegrityError as error:
        raise ValidationError({"user": _("This member already attends.")}) from error
    return attendee


@transaction.atomic
def hold_meeting(*, meeting: Meeting, by) -> Meeting:
    """Record that the meeting took place; the solutions on its agenda were presented."""
    require_lead(by, meeting.group)
    meeting = MEETING_WORKFLOW.take(meeting, "hold", by=by)
    for item in meeting.agenda.select_related("problem"):
        if PROBLEM_WORKFLOW.allows(item.problem, "present"):
            take_problem_step(
                problem=item.problem,
                step="present",
                by=by,
                comment=_("Presented at “%(meeting)s”.") % {"meeting": meeting.title},
            )
    return meeting


@transaction.atomic
def cancel_meeting(*, meeting: Meeting, by) -> Meeting:
    require_lead(by, meeting.group)
    return MEETING_WORKFLOW.take(meeting, "cancel", by=by, sequence=meeting.sequence + 1)


@transaction.atomic
def save_minutes(*, meeting: Meeting, minutes: str, publish: bool, by) -> Meeting:
    """Save a held meeting's minutes (Markdown) as a draft, or publish them."""
    require_lead(by, meeting.group)
    meeting = MEETING_WORKFLOW.lock(meeting, "edit_minutes", by=by)
    minutes = clean_text(minutes)
    if publish and not minutes:
        raise ValidationError({"minutes": _("Write the minutes before publishing them.")})
    published_at = meeting.minutes_published_at
    if publish and published_at is None:
        published_at = timezone.now()
    elif not publish:
        published_at = None
    return MEETING_WORKFLOW.advance(
        meeting, "edit_minutes", minutes=minutes, minutes_published_at=published_at
    )


def record_decision(*, meeting: Meeting, text: str, by, problem: Problem | None = None):
    """Record a decision taken at a meeting, about one of its problems or in general."""
    require_lead(by, meeting.group)
    text = clean_text(text)
    if not text:
        raise ValidationError({"text": _("Write the decision.")})
    if problem is not None and problem.group_id != meeting.group_id:
        raise ValidationError({"problem": _("The problem belongs to another group.")})
    return Decision.objects.create(meeting=meeting, text=text, problem=problem)


def add_action_item(*, meeting: Meeting, title: str, owner, due_on: datetime.date, by):
    """Give a group member an action with a due date; they are told, and reminded."""
    require_lead(by, meeting.group)
    if not GroupMembership.objects.filter(
        group=meeting.group, user=owner, status=MemberStatus.ACTIVE
    ).exists():
        raise ValidationError({"owner": _("An action's owner is a member of the group.")})
    item = ActionItem(meeting=meeting, title=clean_text(title), owner=owner, due_on=due_on)
    item.full_clean()
    item.save()
    notify(
        recipient=owner,
        kind="groups.action_assigned",
        title=item.title,
        due=due_on.isoformat(),
        meeting=meeting.pk,
    )
    return item


def complete_action_item(*, item: ActionItem, by) -> ActionItem:
    """Mark an action done: its owner or the group's leads."""
    if by.pk != item.owner_id:
        require_lead(by, item.meeting.group)
    if item.done_at is None:
        item.done_at = timezone.now()
        item.save(update_fields=["done_at"])
    return item


@transaction.atomic
def record_answer(
    *,
    problem: Problem,
    given_by: str,
    text: str,
    by,
    meeting: Meeting | None = None,
    decision_maker: Attendee | None = None,
    commitment: str = "",
    follow_up_on: datetime.date | None = None,
) -> Answer:
    """Record a decision maker's answer about a presented problem, with any commitment.

    The problem moves to "answered" (a second answer keeps it there, in its history too).
    """
    require_lead(by, problem.group)
    text = clean_text(text)
    if not text:
        raise ValidationError({"text": _("Write the answer.")})
    if decision_maker is not None:
        given_by = given_by or decision_maker.public_label
        meeting = meeting or decision_maker.meeting
    if not given_by:
        raise ValidationError({"given_by": _("Say who answered.")})
    if meeting is not None and meeting.group_id != problem.group_id:
        raise ValidationError({"meeting": _("The meeting belongs to another group.")})
    take_problem_step(
        problem=problem,
        step="answer",
        by=by,
        comment=_("%(who)s answered.") % {"who": given_by},
    )
    return Answer.objects.create(
        problem=problem,
        meeting=meeting,
        decision_maker=decision_maker,
        given_by=given_by,
        text=text,
        commitment=clean_text(commitment),
        follow_up_on=follow_up_on,
        recorded_by=by,
    )


def _once(key: str) -> bool:
    """Claim the reminder `key`; False when it was sent already (by this run or another)."""
    try:
        with transaction.atomic():
            Reminder.objects.create(key=key)
    except IntegrityError:
        return False
    return True


def send_reminders(*, today: datetime.date) -> int:
    """Remind owners of actions due soon or due, and leads of answers to follow up; each once.

    Safe to run twice on a day, or on several days that missed: a reminder is claimed by its
    row in `Reminder` before it is sent. Returns how many were sent.
    """
    sent = 0
    actions = ActionItem.objects.filter(
        done_at=None, owner__isnull=False, due_on__lte=today + datetime.timedelta(DUE_SOON_DAYS)
    ).select_related("owner", "meeting")
    for item in actions:
        which = "due" if item.due_on <= today else "soon"
        with transaction.atomic():
            if not _once(f"action:{item.pk}:{which}"):
                continue
            notify(
                recipient=item.owner,
                kind="groups.action_due",
                title=item.title,
                due=item.due_on.isoformat(),
                meeting=item.meeting_id,
            )
            sent += 1
    answers = Answer.objects.filter(follow_up_on__lte=today).select_related("problem__group")
    for answer in answers:
        with transaction.atomic():
            if not _once(f"follow-up:{answer.pk}"):
                continue
            for lead in leaders_of(answer.problem.group):
                notify(
                    recipient=lead,
                    kind="groups.follow_up_due",
                    title=answer.problem.title,
                    given_by=answer.given_by,
                    problem=answer.problem_id,
                )
                sent += 1
    return sent
