"""The courses in the API: the published catalogue (read-only, open to anyone).

Quizzes' answers and learners' progress are never in the API.
"""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from wsco.accounts.auth import optional_auth
from wsco.core.paging import Page, PageQuery, page_of
from wsco.core.text import CleanText
from wsco.courses.models import Course, Level

router = Router(tags=["courses"])


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
    starts_on: date | None = None
    ends_on: date | None = None
    capacity: int | None = None
    seats_left: int | None = None
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
    def resolve_url(course: Course) -> str:
        return settings.SITE_URL + course.get_absolute_url()


class CoursePage(Page):
    items: list[CourseOut]


class CourseFilters(PageQuery):
    theme: CleanText = Field("", max_length=60, description="A theme's slug.")
    level: Level | None = Field(None, description="A course's level.")
    language: CleanText = Field("", max_length=10, description="The language it is taught in.")


@router.get("/courses", response=CoursePage, auth=optional_auth)
def list_courses(request: HttpRequest, filters: Query[CourseFilters]):
    """List the published courses, by title, filtered by theme, level and language."""
    rows = Course.objects.published().prefetch_related("themes").order_by("title")
    if filters.theme:
        rows = rows.filter(themes__slug=filters.theme)
    if filters.level:
        rows = rows.filter(level=filters.level)
    if filters.language:
        rows = rows.filter(language=filters.language)
    return page_of(rows, filters)
