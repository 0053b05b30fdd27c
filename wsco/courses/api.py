"""The courses in the API: the published catalogue (read-only, open to anyone).

Quizzes' answers and learners' progress are never in the API.
"""

from datetime import date
from decimal import Decimal
from functools import wraps

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.decorators import decorate_view

from wsco.accounts.auth import optional_auth
from wsco.core.page_cache import cached_response, stored_response
from wsco.core.paging import Page, PageQuery, page_of
from wsco.core.text import CleanText
from wsco.courses.changes import COURSES
from wsco.courses.models import Cohort, Course, Level

router = Router(tags=["courses"])


class CohortOut(Schema):
    starts_on: date
    ends_on: date
    capacity: int | None = None
    seats_left: int | None = None


class CourseOut(Schema):
    slug: str
    title: str
    title_ro: str
    summary: str
    summary_ro: str
    level: str
    language: str
    cpd_hours: Decimal
    mode: str
    cohorts: list[CohortOut] = Field(description="The cohorts open to enrol in, by start date.")
    price: Decimal
    currency: str
    certificate_valid_months: int | None = None
    standards: list[str]
    themes: list[str]
    url: str

    @staticmethod
    def resolve_themes(course: Course) -> list[str]:
        return [theme.slug for theme in course.themes.all()]

    @staticmethod
    def resolve_cohorts(course: Course) -> list[Cohort]:
        return course.open_cohorts

    @staticmethod
    def resolve_url(course: Course) -> str:
        return settings.SITE_URL + course.get_absolute_url()


class CoursePage(Page):
    items: list[CourseOut]


class CourseFilters(PageQuery):
    theme: CleanText = Field("", max_length=60, description="A theme's slug.")
    level: Level | None = Field(None, description="A course's level.")
    language: CleanText = Field("", max_length=10, description="The language it is taught in.")


def _public(request: HttpRequest) -> bool:
    return not request.user.is_authenticated and "HTTP_AUTHORIZATION" not in request.META


def _stored_first(run):
    """Serve the public's stored catalogue before django-ninja authenticates and parses the query.

    A stored page was built for the same path and query for the same audience (the public);
    a caller with a session or a token goes the whole way (as `wsco/projects/api.py` does).
    """

    @wraps(run)
    def first_from_cache(request: HttpRequest, *args, **kwargs):
        if _public(request):
            stored = stored_response(request, data_set=COURSES, variant="api")
            if stored is not None:
                return stored
        return run(request, *args, **kwargs)

    return first_from_cache


@router.get("/courses", response=CoursePage, auth=optional_auth)
@decorate_view(_stored_first)
def list_courses(request: HttpRequest, filters: Query[CourseFilters]):
    """List the published courses, by title, filtered by theme, level and language."""

    def build() -> dict:
        rows = (
            Course.objects.published()
            .prefetch_related(
                "themes",
                Prefetch(
                    "cohorts",
                    queryset=Cohort.objects.filter(ends_on__gte=timezone.localdate()),
                    to_attr="open_cohorts",
                ),
            )
            .order_by("title")
        )
        if filters.theme:
            rows = rows.filter(themes__slug=filters.theme)
        if filters.level:
            rows = rows.filter(level=filters.level)
        if filters.language:
            rows = rows.filter(language=filters.language)
        return page_of(rows, filters)

    def render(_extra_context: dict) -> HttpResponse:
        from wsco.api import api  # It imports this module's router.

        data = CoursePage.model_validate(build()).model_dump(mode="json")
        return api.create_response(request, data, status=200)

    if not _public(request):
        return build()
    return cached_response(request, data_set=COURSES, variant="api", render=render)
