"""Reads of the courses app that pages, the API and exports share."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, Q

from wsco.courses.models import (
    Course,
    Enrolment,
    EnrolmentStatus,
    Lesson,
    LessonProgress,
    Quiz,
    QuizAttempt,
)
from wsco.formats import day_text


def teaches_standard(cited: str, references: set[str]) -> bool:
    """Say whether a course's citation ("ISO 37120:2018") names one of `references`.

    A citation names a standard by its reference or by one of its editions, cited alone
    ("ISO/TS 37106:2018") or as the reference and a year ("ISO 37120" in "ISO 37120:2018").
    """
    return cited in references or cited.rsplit(":", 1)[0] in references


def courses_teaching(*references: str) -> list[Course]:
    """Return the published courses teaching a standard cited by any of `references`, by title.

    `references` are a standard's reference and its editions' citations ("ISO 37120",
    "ISO 37120:2018"); the standards library lists a standard's courses through this. One
    query: the database narrows the courses to those whose citations contain a reference, and
    each citation is then checked whole (so "ISO 3712" does not match "ISO 37120:2018").
    """
    wanted = {reference for reference in references if reference}
    if not wanted:
        return []
    mentions = Q()
    for reference in wanted:
        mentions |= Q(standards__icontains=reference)
    candidates = (
        Course.objects.published()
        .filter(mentions)
        .only("slug", "title", "title_ro", "level", "language", "cpd_hours", "standards")
        .order_by("title")
    )
    return [
        course
        for course in candidates
        if any(teaches_standard(cited, wanted) for cited in course.standards)
    ]


@dataclass
class Progress:
    """How far a learner is in a course: lessons and quizzes done of those required."""

    lessons_done: int
    lessons: int
    quizzes_passed: int
    quizzes: int
    next_lesson: Lesson | None

    @property
    def percent(self) -> int:
        total = self.lessons + self.quizzes
        if total == 0:
            return 100
        return (100 * (self.lessons_done + self.quizzes_passed)) // total


def outline(course: Course) -> list:
    """Return the course's modules with their lessons and quizzes, in order, in three queries."""
    return list(
        course.modules.prefetch_related(
            Prefetch("lessons", queryset=Lesson.objects.order_by("position", "pk")),
            Prefetch("quizzes", queryset=Quiz.objects.order_by("position", "pk")),
        )
    )


def progress_of(enrolment: Enrolment, modules: list | None = None) -> Progress:
    """Return `enrolment`'s progress, and the first lesson not done: where to resume."""
    modules = outline(enrolment.course) if modules is None else modules
    done = set(
        LessonProgress.objects.filter(enrolment=enrolment).values_list("lesson_id", flat=True)
    )
    passed = set(
        QuizAttempt.objects.filter(enrolment=enrolment, passed=True).values_list(
            "quiz_id", flat=True
        )
    )
    lessons = [lesson for module in modules for lesson in module.lessons.all()]
    quizzes = [quiz for module in modules for quiz in module.quizzes.all() if quiz.required]
    required = [lesson for lesson in lessons if lesson.required]
    after_last = [lesson for lesson in lessons if lesson.pk not in done]
    return Progress(
        lessons_done=sum(1 for lesson in required if lesson.pk in done),
        lessons=len(required),
        quizzes_passed=sum(1 for quiz in quizzes if quiz.pk in passed),
        quizzes=len(quizzes),
        next_lesson=after_last[0] if after_last else None,
    )


def cpd_hours_by_year(user) -> list[tuple[int, Decimal]]:
    """Return the CPD hours `user` earned each year (by completion date), latest year first."""
    hours: dict[int, Decimal] = defaultdict(Decimal)
    for completed_at, cpd in Enrolment.objects.filter(
        user=user, status=EnrolmentStatus.COMPLETED
    ).values_list("completed_at", "course__cpd_hours"):
        hours[completed_at.year] += cpd
    return sorted(hours.items(), reverse=True)


@dataclass
class CourseFigures:
    course: Course
    cohort: str
    enrolled: int
    learning: int
    completed: int
    awaiting_payment: int
    cancelled: int

    @property
    def completion_percent(self) -> int:
        counted = self.enrolled
        return (100 * self.completed) // counted if counted else 0


def figures_by_course() -> list[CourseFigures]:
    """Return each course's enrolments by state (staff report), in one query.

    A cohort course is its own cohort (its dates); `enrolled` counts every enrolment but the
    cancelled ones.
    """
    counted = {
        status: Count("enrolments", filter=Q(enrolments__status=status))
        for status in EnrolmentStatus.values
    }
    rows = Course.objects.annotate(**counted).order_by("title")
    figures = []
    for course in rows:
        cohort = (
            f"{day_text(course.starts_on)} – {day_text(course.ends_on)}"
            if course.starts_on and course.ends_on
            else ""
        )
        by_status = {status: getattr(course, status) for status in EnrolmentStatus.values}
        figures.append(
            CourseFigures(
                course=course,
                cohort=cohort,
                enrolled=sum(by_status.values()) - by_status["cancelled"],
                learning=by_status["active"],
                completed=by_status["completed"],
                awaiting_payment=by_status["awaiting_payment"],
                cancelled=by_status["cancelled"],
            )
        )
    return figures


def learners_of(course: Course) -> list[dict]:
    """Return the course's learners with their progress and quiz attempts (instructors' view)."""
    modules = outline(course)
    enrolments = (
        Enrolment.objects.filter(course=course)
        .exclude(status=EnrolmentStatus.CANCELLED)
        .select_related("user__profile")
        .prefetch_related(
            Prefetch(
                "attempts",
                queryset=QuizAttempt.objects.filter(submitted_at__isnull=False).select_related(
                    "quiz"
                ),
            ),
            "progress",
        )
        .order_by("enrolled_at")
    )
    lessons = [lesson for module in modules for lesson in module.lessons.all() if lesson.required]
    quizzes = [quiz for module in modules for quiz in module.quizzes.all() if quiz.required]
    rows = []
    for enrolment in enrolments:
        done = {progress.lesson_id for progress in enrolment.progress.all()}
        attempts = list(enrolment.attempts.all())
        passed = {attempt.quiz_id for attempt in attempts if attempt.passed}
        total = len(lessons) + len(quizzes)
        finished = sum(1 for lesson in lessons if lesson.pk in done) + sum(
            1 for quiz in quizzes if quiz.pk in passed
        )
        rows.append(
            {
                "enrolment": enrolment,
                "percent": (100 * finished) // total if total else 100,
                "attempts": attempts,
            }
        )
    return rows
