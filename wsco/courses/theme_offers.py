"""What the courses have on a theme (`wsco.core.theme_offers`): the published courses.

Published courses are public, so every viewer gets the same answer.
"""

from urllib.parse import urlencode

from django.db.models import Count, F, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext

from wsco.core.theme_offers import Offer, OfferItem, everyone
from wsco.core.translated import localized
from wsco.courses.changes import COURSES as COURSES_DATA
from wsco.courses.models import Course


def find_courses(themes: list[str], *, user, limit: int) -> list[OfferItem]:
    """Return the published courses on any of `themes`: cohorts by start date, then the rest."""
    courses = (
        Course.objects.published()
        .filter(themes__slug__in=themes)
        .distinct()
        .annotate(
            next_start=Min(
                "cohorts__starts_on", filter=Q(cohorts__ends_on__gte=timezone.localdate())
            )
        )
        .prefetch_related("themes")
        .order_by(F("next_start").asc(nulls_last=True), "title")[:limit]
    )
    items = []
    for course in courses:
        title = localized(course, "title")
        held = set(course.theme_slugs)
        items.append(
            OfferItem(
                title=title.text,
                url=course.get_absolute_url(),
                text=f"{course.get_level_display()} · {course.get_mode_display()}",
                themes=tuple(slug for slug in themes if slug in held),
                date=course.next_start,
                language=title.language,
            )
        )
    return items


def count_courses(user) -> dict[str, int]:
    rows = (
        Course.themes.through.objects.filter(course__in=Course.objects.published().values("pk"))
        .values("theme__slug")
        .annotate(number=Count("course_id"))
        .order_by()
    )
    return {row["theme__slug"]: row["number"] for row in rows}


def _courses_on(themes: list[str]) -> str:
    return f"{reverse('courses:list')}?{urlencode({'theme': themes[0]})}"


COURSES = Offer(
    name="courses",
    title=_("Courses"),
    find=find_courses,
    count=count_courses,
    count_label=lambda n: npgettext("theme figure", "course", "courses", n),
    icon="graduation-cap",
    empty=_("No course on %(themes)s yet."),
    action_label=_("See every course"),
    action_url=lambda themes: reverse("courses:list"),
    see_all=_courses_on,
    audience=everyone,
    data_set=COURSES_DATA,
    order=70,
)
