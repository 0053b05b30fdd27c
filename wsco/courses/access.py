"""Who may see and do what on a course; the only way views reach its objects.

A published course, its outline and its lessons' titles are public; a lesson's text, video and
attachment and the quizzes are for its learners, its instructors and staff. A learner's
progress and quiz results are for the learner, the course's instructors and staff
(docs/courses.md, "Who sees what").
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from wsco.courses.models import (
    Cohort,
    Course,
    Enrolment,
    EnrolmentStatus,
    Lesson,
    Module,
    Question,
    Quiz,
)

LEARNING = (EnrolmentStatus.ACTIVE, EnrolmentStatus.COMPLETED)


def teaches(user, course: Course) -> bool:
    """Say whether `user` is one of `course`'s instructors, or staff."""
    if not user.is_authenticated:
        return False
    return user.is_staff or course.instructors.filter(pk=user.pk).exists()


def get_course_for_user(user, slug: str) -> Course:
    """Return the course `slug` if `user` may see it; 404 otherwise (a draft is unknown)."""
    return get_object_or_404(Course.objects.open_to(user), slug=slug)


def get_course_for_instructor(user, slug: str) -> Course:
    course = get_course_for_user(user, slug)
    if not teaches(user, course):
        raise PermissionDenied(_("Only the course's instructors and staff see its learners."))
    return course


def enrolment_of(user, course: Course) -> Enrolment | None:
    """Return `user`'s enrolment on `course`, if they have one."""
    if not user.is_authenticated:
        return None
    return Enrolment.objects.filter(course=course, user=user).first()


def get_learning_enrolment(user, course: Course) -> Enrolment:
    """Return `user`'s enrolment on `course` if they are learning it; refuse otherwise."""
    enrolment = enrolment_of(user, course)
    if enrolment is None or enrolment.status not in LEARNING:
        raise PermissionDenied(_("Enrol on the course to open its lessons and quizzes."))
    return enrolment


def get_lesson_for_user(user, course: Course, lesson_id: int) -> Lesson:
    return get_object_or_404(
        Lesson.objects.select_related("module__course"), pk=lesson_id, module__course=course
    )


def get_quiz_for_user(user, course: Course, quiz_id: int) -> Quiz:
    return get_object_or_404(
        Quiz.objects.select_related("module__course"), pk=quiz_id, module__course=course
    )


def may_read_attachment(user, lesson: Lesson) -> bool:
    """A lesson's attachment is read by the course's learners, instructors and staff."""
    course = lesson.module.course
    if teaches(user, course):
        return True
    enrolment = enrolment_of(user, course)
    return enrolment is not None and enrolment.status in LEARNING


def may_create_course(user) -> bool:
    """Staff and the instructors of a course create courses."""
    if not user.is_authenticated:
        return False
    return user.is_staff or user.courses_taught.exists()


def get_course_for_author(user, slug: str) -> Course:
    """Return course `slug` (whatever its state) to edit: its instructors and staff.

    Anyone else is refused (403) a course they may read, and told nothing of one they may not.
    """
    course = get_object_or_404(Course, slug=slug)
    if teaches(user, course):
        return course
    if course.is_published:
        raise PermissionDenied(_("Only the course's instructors and staff edit it."))
    raise Http404


def get_module_for_author(course: Course, module_id: int) -> Module:
    return get_object_or_404(Module, pk=module_id, course=course)


def get_lesson_for_author(course: Course, lesson_id: int) -> Lesson:
    return get_object_or_404(
        Lesson.objects.select_related("module"), pk=lesson_id, module__course=course
    )


def get_quiz_for_author(course: Course, quiz_id: int) -> Quiz:
    return get_object_or_404(
        Quiz.objects.select_related("module"), pk=quiz_id, module__course=course
    )


def get_question_for_author(course: Course, question_id: int) -> Question:
    return get_object_or_404(
        Question.objects.select_related("quiz__module"),
        pk=question_id,
        quiz__module__course=course,
    )


def get_cohort_for_author(course: Course, cohort_id: int) -> Cohort:
    return get_object_or_404(Cohort, pk=cohort_id, course=course)
