"""The courses' data set of the page cache: the catalogue (`/courses/`, `/api/v1/courses`) and
the pages that list published courses (a theme's page, a standard's page) are built again after
any change to a course or its cohorts. Services that write with `update()` (the seats of a
cohort) call `mark_changed(COURSES)` themselves.

The certificates a learner shows on their profile page (`profile.CERTIFICATES`) are a data set
of each learner's (`learner_data_set`), ended by a write to one of their enrolments; the
services that write an enrolment with `update()` (a certificate renewed, shown or hidden) call
`learner_changed` themselves. A course's title shows there too: `COURSES` ends them as well."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from wsco.core.page_cache import mark_changed
from wsco.courses.models import Cohort, Course, Enrolment

COURSES = "courses"


def learner_data_set(user_id: int) -> str:
    """Return the name of the data set of the enrolments of the learner `user_id`."""
    return f"courses:learner:{user_id}"


def learner_changed(user_id: int) -> None:
    """Mark changed what the learner `user_id`'s profile page shows of their courses."""
    mark_changed(learner_data_set(user_id))


def _enrolment_changed(sender, instance, **_signal_arguments) -> None:
    learner_changed(instance.user_id)


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
    post_save.connect(_enrolment_changed, sender=Enrolment, dispatch_uid="enrolment-saved")
    post_delete.connect(_enrolment_changed, sender=Enrolment, dispatch_uid="enrolment-deleted")
