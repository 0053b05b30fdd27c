"""The writes of authoring a course on the platform's pages: its details, cohorts, outline,
lessons, quizzes and questions (the learning side is `services.py`).

The course's instructors and staff author it (`access.get_course_for_author` hands the course
to the views only for them); each save checks the row as the model does (`full_clean`) and
runs in one transaction, so a refused save leaves nothing half-written. Publishing,
withdrawing and archiving go through the course's workflow (`services.change_course_status`).
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wsco.courses.access import may_create_course, teaches
from wsco.courses.models import (
    COURSE_WORKFLOW,
    Choice,
    Cohort,
    Course,
    Lesson,
    Module,
    Question,
    Quiz,
    QuizAttempt,
)

SLUG_LENGTH = 200
# Words of the courses' own URLs (`/courses/new/`, `/courses/mine/`): never a course's slug.
RESERVED_SLUGS = {"new", "mine", "report"}


def _require_author(course: Course, by) -> None:
    if not teaches(by, course):
        raise PermissionDenied(_("Only the course's instructors and staff edit it."))


def unique_slug(title: str) -> str:
    """Return a slug made of `title` that no course has yet ("open-data", "open-data-2")."""
    base = slugify(title)[:SLUG_LENGTH] or "course"
    taken = set(Course.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    taken |= RESERVED_SLUGS
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def _instructors(emails: list[str], by) -> list:
    """Return the accounts of `emails`; the author who is not staff always stays one of them."""
    found = {user.email.lower(): user for user in get_user_model().objects.filter(email__in=emails)}
    unknown = [email for email in emails if email not in found]
    if unknown:
        raise ValidationError(
            {
                "instructor_emails": _("No account has these addresses: %(emails)s.")
                % {"emails": ", ".join(unknown)}
            }
        )
    people = list(found.values())
    if not by.is_staff and by not in people:
        people.append(by)
    return people


@transaction.atomic
def save_course(
    *,
    course: Course | None,
    by,
    themes,
    instructor_emails: list[str],
    standards: list[str],
    prerequisites,
    **fields,
) -> Course:
    """Create a course (a draft, `course` None) or change one's details (never its state)."""
    if course is None:
        if not may_create_course(by):
            raise PermissionDenied(_("Only staff and instructors create courses."))
        course = Course(slug=unique_slug(fields.get("title", "")))
    else:
        _require_author(course, by)
    for name, value in fields.items():
        setattr(course, name, value)
    course.standards = standards
    course.full_clean()
    COURSE_WORKFLOW.save_details(course)
    course.themes.set(themes)
    course.instructors.set(_instructors(instructor_emails, by))
    course.prerequisites.set([other for other in prerequisites if other.pk != course.pk])
    return course


@transaction.atomic
def save_cohort(*, course: Course, cohort: Cohort | None, by, **fields) -> Cohort:
    """Add a cohort to a cohort course, or change one's dates and capacity."""
    _require_author(course, by)
    if not course.is_cohort:
        raise ValidationError(_("Only a course in cohort mode runs cohorts."))
    if cohort is None:
        cohort = Cohort(course=course)
    else:
        # Seats are counted on this row: read them under its lock.
        cohort = Cohort.objects.select_for_update().get(pk=cohort.pk, course=course)
    for name, value in fields.items():
        setattr(cohort, name, value)
    cohort.full_clean()
    cohort.save()
    return cohort


def _next_position(rows: models.QuerySet) -> int:
    return (rows.aggregate(top=models.Max("position"))["top"] or 0) + 1


@transaction.atomic
def save_module(*, course: Course, module: Module | None, by, title: str) -> Module:
    """Add a module at the end of the course, or rename one."""
    _require_author(course, by)
    if module is None:
        module = Module(course=course, position=_next_position(course.modules.all()))
    module.title = title
    module.full_clean()
    module.save()
    return module


@transaction.atomic
def save_lesson(*, course: Course, lesson: Lesson | None, by, **fields) -> Lesson:
    """Add a lesson at the end of its module, or change one (moved to another module: last)."""
    _require_author(course, by)
    module = fields["module"]
    if module.course_id != course.pk:
        raise ValidationError({"module": _("This module is not one of this course's.")})
    moved = lesson is None or lesson.module_id != module.pk
    lesson = lesson or Lesson()
    for name, value in fields.items():
        setattr(lesson, name, value)
    if moved:
        lesson.position = _next_position(module.lessons.all())
    lesson.full_clean()
    lesson.save()
    return lesson


@transaction.atomic
def save_quiz(*, course: Course, module: Module, quiz: Quiz | None, by, **fields) -> Quiz:
    """Add a quiz at the end of a module, or change one's title, pass mark and attempts."""
    _require_author(course, by)
    if module.course_id != course.pk:
        raise ValidationError(_("This module is not one of this course's."))
    if quiz is None:
        quiz = Quiz(module=module, position=_next_position(module.quizzes.all()))
    for name, value in fields.items():
        setattr(quiz, name, value)
    quiz.full_clean()
    quiz.save()
    return quiz


def _check_answers(answers: list[tuple[str, bool]], *, multiple: bool) -> None:
    """Refuse a question with fewer than two answers, none right, or several for one answer."""
    if len(answers) < 2:
        raise ValidationError(_("Give at least two answers."))
    right = sum(1 for _text, is_correct in answers if is_correct)
    if right == 0:
        raise ValidationError(_("Mark the right answer."))
    if right > 1 and not multiple:
        raise ValidationError(
            _("Only one answer can be right unless the question takes several answers.")
        )


@transaction.atomic
def save_question(
    *,
    course: Course,
    quiz: Quiz,
    question: Question | None,
    by,
    text: str,
    multiple: bool,
    answers: list[tuple[str, bool]],
) -> Question:
    """Add a question with its answers to a quiz, or change one's text and answers.

    `answers` are (text, right) in order; an existing question's answers are changed in place,
    in order, so attempts already made keep pointing at them. Once learners attempted the quiz
    an answer can be reworded, marked right or wrong, or added, but not removed: their
    attempts list it.
    """
    _require_author(course, by)
    if quiz.module.course_id != course.pk:
        raise ValidationError(_("This quiz is not one of this course's."))
    _check_answers(answers, multiple=multiple)
    if question is None:
        question = Question(quiz=quiz, position=_next_position(quiz.questions.all()))
    question.text, question.multiple = text, multiple
    question.full_clean()
    question.save()
    existing = list(question.choices.order_by("pk"))
    if len(answers) < len(existing) and QuizAttempt.objects.filter(quiz=quiz).exists():
        raise ValidationError(
            _("Learners have attempted this quiz: its answers can be changed but not removed.")
        )
    for choice, (answer, is_correct) in zip(existing, answers, strict=False):
        choice.text, choice.is_correct = answer, is_correct
        choice.full_clean()
        choice.save()
    for answer, is_correct in answers[len(existing) :]:
        Choice(question=question, text=answer, is_correct=is_correct).full_clean()
        Choice.objects.create(question=question, text=answer, is_correct=is_correct)
    for choice in existing[len(answers) :]:
        choice.delete()
    return question


@transaction.atomic
def move(*, course: Course, item: Module | Lesson, up: bool, by) -> None:
    """Move a module within its course, or a lesson within its module, one place up or down.

    The siblings are numbered 1, 2, 3... again first, so rows that shared a position (as made
    in the admin) move predictably.
    """
    _require_author(course, by)
    siblings = (
        list(course.modules.order_by("position", "pk"))
        if isinstance(item, Module)
        else list(item.module.lessons.order_by("position", "pk"))
    )
    index = next(number for number, row in enumerate(siblings) if row.pk == item.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, row in enumerate(siblings, start=1):
        if row.position != position:
            type(row).objects.filter(pk=row.pk).update(position=position)
