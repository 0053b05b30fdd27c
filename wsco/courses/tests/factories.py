"""Courses for tests: a course with a module of lessons and a quiz, and learners at any stage."""

import datetime
import random
from decimal import Decimal

from django.utils.text import slugify

from wsco.core.models import Theme
from wsco.courses import services
from wsco.courses.models import Choice, Cohort, Course, Lesson, Module, Question, Quiz
from wsco.members.tests.factories import UserFactory, current_member


def staff():
    return UserFactory(is_staff=True)


def member_user():
    """Return the user of a current WSCO member (with a profile, so a name)."""
    return current_member().user


def course(
    *,
    title="ISO 37120 audits in practice",
    status="published",
    mode="self_paced",
    capacity=None,
    price=Decimal("0.00"),
    language="en",
    lessons=2,
    questions=True,
    pass_mark=50,
    max_attempts=3,
    themes=("governance",),
    **fields,
) -> Course:
    """Return a course with one module: `lessons` lessons, then a quiz of two questions.

    A cohort course gets one cohort (`starts_on`, `ends_on`, `capacity`, `seats_taken`):
    `first_cohort(course)` returns it.

    The quiz: question 1 (one answer) right answer "Yes"; question 2 (several answers) right
    answers "A" and "C". Answering one of two right scores 50.0 %.
    """
    cohort_fields = {
        "starts_on": fields.pop("starts_on", datetime.date(2026, 1, 5)),
        "ends_on": fields.pop("ends_on", datetime.date(2099, 3, 1)),
        "capacity": capacity,
        "seats_taken": fields.pop("seats_taken", 0),
    }
    made = Course.objects.create(
        title=title,
        slug=slugify(title),
        summary="Learn to audit a city against ISO 37120.",
        level="introductory",
        language=language,
        cpd_hours=Decimal("6.0"),
        mode=mode,
        price=price,
        status=status,
        **fields,
    )
    made.themes.set(Theme.objects.filter(slug__in=themes))
    if mode == "cohort":
        Cohort.objects.create(course=made, **cohort_fields)
    module = Module.objects.create(course=made, title="Foundations", position=1)
    for number in range(1, lessons + 1):
        Lesson.objects.create(
            module=module, title=f"Lesson {number}", body=f"Text **{number}**", position=number
        )
    if questions:
        quiz = Quiz.objects.create(
            module=module,
            title="Check your understanding",
            pass_mark=pass_mark,
            max_attempts=max_attempts,
            position=1,
        )
        first = Question.objects.create(quiz=quiz, text="Is ISO 37120 about indicators?")
        Choice.objects.create(question=first, text="Yes", is_correct=True)
        Choice.objects.create(question=first, text="No")
        second = Question.objects.create(
            quiz=quiz, text="Which are ISO 37120 themes?", multiple=True, position=2
        )
        Choice.objects.create(question=second, text="A: Water", is_correct=True)
        Choice.objects.create(question=second, text="B: Astrology")
        Choice.objects.create(question=second, text="C: Energy", is_correct=True)
    return made


def first_cohort(course: Course) -> Cohort | None:
    return course.cohorts.order_by("starts_on", "pk").first()


def enrol(course: Course, user=None):
    """Enrol `user` (a new member) on `course`, in its first cohort if it runs cohorts."""
    return services.enrol(course=course, user=user or member_user(), cohort=first_cohort(course))


def quiz_of(course: Course) -> Quiz:
    return Quiz.objects.get(module__course=course)


def right_answers(quiz: Quiz) -> dict[int, list[int]]:
    return {
        question.pk: [choice.pk for choice in question.choices.all() if choice.is_correct]
        for question in quiz.questions.all()
    }


def wrong_answers(quiz: Quiz) -> dict[int, list[int]]:
    return {
        question.pk: [next(c.pk for c in question.choices.all() if not c.is_correct)]
        for question in quiz.questions.all()
    }


def pass_quiz(enrolment, quiz):
    attempt = services.start_attempt(enrolment=enrolment, quiz=quiz, rng=random.Random(1))
    return services.submit_attempt(attempt=attempt, answers=right_answers(quiz))


def complete(course: Course, user=None):
    """Return an enrolment of `user` (a new member) that completed `course`."""
    user = user or member_user()
    enrolment = enrol(course, user)
    for lesson in Lesson.objects.filter(module__course=course):
        services.mark_lesson_done(enrolment=enrolment, lesson=lesson)
    for quiz in Quiz.objects.filter(module__course=course):
        pass_quiz(enrolment, quiz)
    enrolment.refresh_from_db()
    return enrolment
