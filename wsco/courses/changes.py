"""The courses' data set of the page cache: the catalogue (`/courses/`, `/api/v1/courses`) and
the pages that list published courses (a theme's page, a standard's page) are built again after
any change to a course or its cohorts. Services that write with `update()` (the seats of a
cohort) call `mark_changed(COURSES)` themselves."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from wsco.core.page_cache import mark_changed
from wsco.courses.models import Cohort, Course

COURSES = "courses"


def courses_changed(**signal_arguments) -> None:
    """Mark the published courses changed (a receiver of save, delete and theme changes)."""
    mark_changed(COURSES)


def connect() -> None:
    for model in (Course, Cohort):
        name = model._meta.model_name
        post_save.connect(courses_changed, sender=model, dispatch_uid=f"{name}-changed-save")
        post_delete.connect(courses_changed, sender=model, dispatch_uid=f"{name}-changed-delete")
    m2m_changed.connect(
        courses_changed, sender=Course.themes.through, dispatch_uid="courses-changed-themes"
    )
