"""Reads of the working groups that pages, feeds and the API share."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Prefetch, QuerySet
from django.utils.translation import gettext as _

from wsco.core.ids import InvalidNumberError, parse_id
from wsco.groups.models import (
    IMPACT_STATUSES,
    OPEN_STATUSES,
    PROBLEM_STATUS_ORDER,
    Answer,
    GroupMembership,
    MeetingStatus,
    MemberStatus,
    Problem,
    ProblemEvent,
    ProblemStatus,
    Solution,
    WorkingGroup,
)

SUGGESTIONS = 6
FEED_ITEMS = 30


def posted_id(request, name: str) -> int | None:
    """Return the id posted as `name`, or None when it is missing or not an id."""
    try:
        return parse_id(request.POST.get(name), field=name)
    except InvalidNumberError:
        return None


def with_counts(problems: QuerySet) -> QuerySet:
    """Annotate problems with their endorsements and solutions, for lists."""
    return problems.select_related("group").annotate(
        endorsement_count=Count("endorsements", distinct=True),
        solution_count=Count("solutions", distinct=True),
    )


def open_problems(group: WorkingGroup) -> QuerySet:
    return with_counts(group.problems.filter(status__in=OPEN_STATUSES)).order_by(
        "-endorsement_count", "-created_at"
    )


def meetings_of(group: WorkingGroup) -> QuerySet:
    return group.meetings.annotate(agenda_count=Count("agenda")).order_by("-starts_at")


def filter_problems(problems: QuerySet, *, theme=None, status: str = "", group=None) -> QuerySet:
    if theme is not None:
        problems = problems.filter(themes=theme)
    if status:
        problems = problems.filter(status=status)
    if group is not None:
        problems = problems.filter(group=group)
    return problems


def status_counts(problems: QuerySet) -> list[tuple[str, str, int]]:
    """Return (status, label, count) for every status in the register's order, zeros included."""
    counted = dict(problems.order_by().values_list("status").annotate(number=Count("pk")))
    return [
        (status, str(ProblemStatus(status).label), counted.get(status, 0))
        for status in PROBLEM_STATUS_ORDER
    ]


def impact_problems(user) -> QuerySet:
    """Return the problems that reached a decision maker's answer or a resolution, with it."""
    return (
        Problem.objects.visible_to(user)
        .filter(status__in=IMPACT_STATUSES)
        .select_related("group")
        .prefetch_related(
            Prefetch("answers", queryset=Answer.objects.order_by("at")),
            Prefetch("solutions", queryset=Solution.objects.filter(status="accepted")),
        )
        .order_by("-updated_at")
    )


def members_of(group: WorkingGroup) -> set[int]:
    return set(
        GroupMembership.objects.filter(group=group)
        .exclude(status__in=[MemberStatus.DECLINED, MemberStatus.LEFT])
        .values_list("user_id", flat=True)
    )


def suggested_invitees(group: WorkingGroup) -> list:
    """Return members the network suggests inviting, by the group's themes and mandate."""
    from wsco.network.services import suggest_people_for

    taken = members_of(group)
    matches = suggest_people_for(
        themes=list(group.themes.all()), text=group.mandate, limit=SUGGESTIONS + len(taken)
    )
    return [match for match in matches if match.profile.user_id not in taken][:SUGGESTIONS]


@dataclass(frozen=True)
class HistoryEntry:
    """One line of a problem's history: a change of state, a solution, an answer, a meeting."""

    at: datetime
    kind: str
    title: str
    text: str = ""
    by: object = None
    url: str = ""


def problem_history(problem: Problem, *, user) -> list[HistoryEntry]:
    """Return the problem's whole story, from its signal to the decision makers' answers."""
    entries = [
        HistoryEntry(
            at=event.at,
            kind="state",
            title=str(ProblemStatus(event.to_status).label),
            text=event.comment,
            by=event.by,
        )
        for event in problem.events.select_related("by__profile")
    ]
    for solution in problem.solutions.select_related("proposed_by__profile"):
        entries.append(
            HistoryEntry(
                at=solution.created_at,
                kind="solution",
                title=_("Solution proposed: %(title)s") % {"title": solution.title},
                by=solution.proposed_by,
                url=f"#solution-{solution.pk}",
            )
        )
    for item in problem.agenda_items.select_related("meeting").exclude(
        meeting__status=MeetingStatus.CANCELLED
    ):
        entries.append(
            HistoryEntry(
                at=item.meeting.starts_at,
                kind="meeting",
                title=_("On the agenda of “%(meeting)s”") % {"meeting": item.meeting.title},
                url=item.meeting.get_absolute_url(),
            )
        )
    for answer in problem.answers.all():
        entries.append(
            HistoryEntry(
                at=answer.at,
                kind="answer",
                title=_("Answer from %(who)s") % {"who": answer.given_by},
                text=answer.text,
            )
        )
    return sorted(entries, key=lambda entry: entry.at)


@dataclass(frozen=True)
class Activity:
    """One entry of a group's feed."""

    title: str
    text: str
    url: str
    at: datetime
    guid: str


def activity(group: WorkingGroup) -> list[Activity]:
    """Return a public group's latest activity: its problems' steps and published minutes."""
    events = (
        ProblemEvent.objects.filter(problem__group=group)
        .select_related("problem")
        .order_by("-at")[:FEED_ITEMS]
    )
    items = [
        Activity(
            title=f"{event.problem.title}: {ProblemStatus(event.to_status).label}",
            text=event.comment or event.problem.description,
            url=event.problem.get_absolute_url(),
            at=event.at,
            guid=f"groups-problem-event-{event.pk}",
        )
        for event in events
    ]
    minutes = group.meetings.filter(minutes_published_at__isnull=False).order_by(
        "-minutes_published_at"
    )[:FEED_ITEMS]
    items += [
        Activity(
            title=_("Minutes: %(meeting)s") % {"meeting": meeting.title},
            text=meeting.minutes,
            url=meeting.get_absolute_url(),
            at=meeting.minutes_published_at,
            guid=f"groups-minutes-{meeting.pk}",
        )
        for meeting in minutes
    ]
    return sorted(items, key=lambda item: item.at, reverse=True)[:FEED_ITEMS]
