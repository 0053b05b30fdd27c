"""The working groups in the API: groups and the problem register (read-only).

The same rules as the pages: a members-only group and its problems reach its members and staff
only; draft minutes and decision makers' contact details are never in the API.
"""

from datetime import datetime

from django.conf import settings
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from wsco.accounts.auth import optional_auth
from wsco.core.ids import Id
from wsco.core.paging import Page, PageQuery, page_of
from wsco.core.text import CleanText
from wsco.groups import queries
from wsco.groups.access import get_group_for_user, get_problem_for_user
from wsco.groups.models import OPEN_STATUSES, Problem, ProblemStatus, WorkingGroup

router = Router(tags=["working groups"])


class WorkingGroupOut(Schema):
    slug: str
    name: str
    type: str
    mandate: str
    visibility: str
    state: str = Field(alias="status")
    themes: list[str]
    url: str

    @staticmethod
    def resolve_themes(group: WorkingGroup) -> list[str]:
        return [theme.slug for theme in group.themes.all()]

    @staticmethod
    def resolve_url(group: WorkingGroup) -> str:
        return settings.SITE_URL + group.get_absolute_url()


class GroupAnswerOut(Schema):
    given_by: str
    text: str
    commitment: str
    follow_up_on: str | None = None
    at: datetime

    @staticmethod
    def resolve_follow_up_on(answer) -> str | None:
        return answer.follow_up_on.isoformat() if answer.follow_up_on else None


class ProblemOut(Schema):
    id: int
    title: str
    group: str
    status: str
    severity: str
    affected: str
    themes: list[str]
    endorsements: int
    created_at: datetime
    url: str

    @staticmethod
    def resolve_group(problem: Problem) -> str:
        return problem.group.slug

    @staticmethod
    def resolve_themes(problem: Problem) -> list[str]:
        return [theme.slug for theme in problem.themes.all()]

    @staticmethod
    def resolve_endorsements(problem: Problem) -> int:
        # Lists annotate the count; an unendorsed problem's 0 is an answer, not a miss.
        if hasattr(problem, "endorsement_count"):
            return problem.endorsement_count
        return problem.endorsements.count()

    @staticmethod
    def resolve_url(problem: Problem) -> str:
        return settings.SITE_URL + problem.get_absolute_url()


class ProblemDetailOut(ProblemOut):
    description: str
    dismissal_reason: str
    merged_into: int | None = Field(None, alias="merged_into_id")
    answers: list[GroupAnswerOut]

    @staticmethod
    def resolve_answers(problem: Problem) -> list:
        return list(problem.answers.all())


class WorkingGroupPage(Page):
    items: list[WorkingGroupOut]


class ProblemPage(Page):
    items: list[ProblemOut]


class ProblemFilters(PageQuery):
    group: CleanText = Field("", max_length=220, description="A group's slug.")
    theme: CleanText = Field("", max_length=60, description="A theme's slug.")
    status: ProblemStatus | None = Field(None, description="A problem's status.")
    open: bool = Field(False, description="Only problems still being worked on.")


@router.get("/groups", response=WorkingGroupPage, auth=optional_auth)
def list_groups(request: HttpRequest, pages: Query[PageQuery]):
    """List the working groups the caller may see, by name."""
    rows = WorkingGroup.objects.visible_to(request.user).prefetch_related("themes").order_by("name")
    return page_of(rows, pages)


@router.get("/groups/{slug}", response=WorkingGroupOut, auth=optional_auth)
def get_group(request: HttpRequest, slug: CleanText):
    """Return a working group the caller may see (a members-only one is a 404 to others)."""
    return get_group_for_user(request.user, slug)


@router.get("/problems", response=ProblemPage, auth=optional_auth)
def list_problems(request: HttpRequest, filters: Query[ProblemFilters]):
    """List the problems the caller may see, newest first, filtered by group, theme, status."""
    rows = Problem.objects.visible_to(request.user)
    if filters.group:
        rows = rows.filter(group__slug=filters.group)
    if filters.theme:
        rows = rows.filter(themes__slug=filters.theme)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.open:
        rows = rows.filter(status__in=OPEN_STATUSES)
    rows = queries.with_counts(rows).prefetch_related("themes").order_by("-created_at", "-pk")
    return page_of(rows, filters)


@router.get("/problems/{problem_id}", response=ProblemDetailOut, auth=optional_auth)
def get_problem(request: HttpRequest, problem_id: Id):
    """Return a problem with the decision makers' answers to it."""
    return get_problem_for_user(request.user, problem_id)
