"""The courses' data set of the page cache: pages that list published courses (a theme's
page, a standard's page) are built again after any change to a course."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from wsco.core.page_cache import mark_changed
from wsco.courses.models import Course

COURSES = "courses"


def courses_changed(**signal_arguments) -> None:
    """Mark the published courses changed (a receiver of save, delete and theme changes)."""
    mark_changed(COURSES)


def connect() -> None:
    post_save.connect(courses_changed, sender=Course, dispatch_uid="courses-changed-save")
    post_delete.connect(courses_changed, sender=Course, dispatch_uid="courses-changed-delete")
    m2m_changed.connect(
        courses_changed, sender=Course.themes.through, dispatch_uid="courses-changed-themes"
    )
