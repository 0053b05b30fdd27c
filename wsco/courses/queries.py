"""Reads of the courses app that pages, the API and exports share."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, Q

from wsco.courses.models import (
    Choice,
    Cohort,
    Course,
    Enrolment,
    EnrolmentStatus,
    Lesson,
    LessonProgress,
    Question,
    Quiz,
    QuizAttempt,
)


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
    cohort: Cohort | None
    enrolled: int
    learning: int
    completed: int
    awaiting_payment: int
    cancelled: int

    @property
    def completion_percent(self) -> int:
        counted = self.enrolled
        return (100 * self.completed) // counted if counted else 0

    @property
    def label(self) -> str:
        """The course's title, and its cohort's dates when the row is a cohort's."""
        return f"{self.course.title} ({self.cohort})" if self.cohort else self.course.title


def figures_by_course() -> list[CourseFigures]:
    """Return the enrolments by state of each course, and of each cohort of a cohort course.

    Staff report: one row per self-paced course and one per cohort (a cohort course without
    a cohort yet has a row of its own), by title then start date, in two queries. `enrolled`
    counts every enrolment but the cancelled ones.
    """
    counts: dict[tuple[int, int | None], dict[str, int]] = defaultdict(dict)
    for course_id, cohort_id, status, number in (
        Enrolment.objects.values_list("course_id", "cohort_id", "status")
        .annotate(number=Count("pk"))
        .order_by()
    ):
        counts[course_id, cohort_id][status] = number
    courses = Course.objects.prefetch_related(
        Prefetch("cohorts", queryset=Cohort.objects.order_by("starts_on", "pk"))
    ).order_by("title", "pk")
    figures = []
    for course in courses:
        cohorts = list(course.cohorts.all()) if course.is_cohort else []
        for cohort in cohorts or [None]:
            by_status = counts.get((course.pk, cohort.pk if cohort else None), {})
            figures.append(_figures(course, cohort, by_status))
    return figures


def _figures(course: Course, cohort: Cohort | None, by_status: dict[str, int]) -> CourseFigures:
    counted = {status: by_status.get(status, 0) for status in EnrolmentStatus.values}
    return CourseFigures(
        course=course,
        cohort=cohort,
        enrolled=sum(counted.values()) - counted["cancelled"],
        learning=counted["active"],
        completed=counted["completed"],
        awaiting_payment=counted["awaiting_payment"],
        cancelled=counted["cancelled"],
    )


def open_cohorts(course: Course, *, today) -> list[Cohort]:
    """Return the cohorts of `course` a learner may still join (not ended), by start date."""
    return list(course.cohorts.filter(ends_on__gte=today).order_by("starts_on", "pk"))


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


def questions_of(course: Course) -> dict[int, list[Question]]:
    """Return each quiz's questions with their answers, by quiz id (authors' preview)."""
    questions: dict[int, list[Question]] = defaultdict(list)
    for question in (
        Question.objects.filter(quiz__module__course=course)
        .prefetch_related(Prefetch("choices", queryset=Choice.objects.order_by("pk")))
        .order_by("position", "pk")
    ):
        questions[question.quiz_id].append(question)
    return dict(questions)
