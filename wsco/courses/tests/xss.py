"""What the every-field XSS sweep needs from the courses app (see wsco/core/tests/xss_sweep.py).

A published paid course of one module (two lessons, then a quiz of two questions with their
answers), on the core's theme and teaching the standards' standard, so that those pages list it.
"member" paid for it and completed it (the lessons done, the quiz passed, the certificate issued
and shown on their profile), so the learner's page and the Open Badge open for them; "other"
paid and has not started, so the quiz page shows them the questions and their answers. Staff see
the learners and the report.
"""

import datetime
from decimal import Decimal

from wsco.courses import services
from wsco.courses.models import (
    Choice,
    Cohort,
    Course,
    CourseReminder,
    Enrolment,
    Lesson,
    LessonProgress,
    Module,
    Question,
    Quiz,
    QuizAttempt,
    ReminderKind,
)
from wsco.courses.tests.factories import course, pass_quiz
from wsco.standards.models import Standard


def _paid_enrolment(world, name: str) -> Enrolment:
    enrolment = services.enrol(course=world[Course], user=world.person(name))
    return services.record_payment(
        enrolment=enrolment,
        amount=world[Course].price,
        reference="Bank transfer 42",
        by=world.person("staff"),
    )


def _completed_enrolment(world) -> Enrolment:
    _paid_enrolment(world, "other")
    enrolment = _paid_enrolment(world, "member")
    for lesson in Lesson.objects.filter(module__course=world[Course]):
        services.mark_lesson_done(enrolment=enrolment, lesson=lesson)
    pass_quiz(enrolment, world[Quiz])
    enrolment.refresh_from_db()
    return services.show_on_profile(enrolment=enrolment, shown=True, by=world.person("member"))


def _cohort(world) -> int:
    """Return the id of a cohort of the course (made the first time it is asked for)."""
    cohort, _created = Cohort.objects.get_or_create(
        course=world[Course],
        defaults={"starts_on": datetime.date(2099, 1, 5), "ends_on": datetime.date(2099, 3, 1)},
    )
    return cohort.pk


BUILDERS = {
    Course: lambda world: course(
        title="ISO 37120 audits in practice",
        title_ro="Audituri ISO 37120",
        price=Decimal("50"),
        themes=("governance", "water"),
        standards=[world[Standard].reference],
    ),
    Module: lambda world: world[Course].modules.first(),
    Lesson: lambda world: Lesson.objects.filter(module=world[Module]).first(),
    Quiz: lambda world: Quiz.objects.get(module=world[Module]),
    Question: lambda world: world[Quiz].questions.first(),
    Choice: lambda world: world[Question].choices.first(),
    Enrolment: _completed_enrolment,
    LessonProgress: lambda world: world[Enrolment].progress.first(),
    QuizAttempt: lambda world: world[Enrolment].attempts.first(),
    Cohort: lambda world: Cohort.objects.get(pk=_cohort(world)),
    CourseReminder: lambda world: CourseReminder.objects.create(
        enrolment=world[Enrolment],
        kind=ReminderKind.CERTIFICATE_EXPIRING,
        due_on=datetime.date(2099, 1, 31),
    ),
}
URL_KWARGS = {
    "courses:course": lambda world: {"slug": world[Course].slug},
    "courses:learners": lambda world: {"slug": world[Course].slug},
    "courses:lesson": lambda world: {"slug": world[Course].slug, "lesson_id": world[Lesson].pk},
    "courses:quiz": lambda world: {"slug": world[Course].slug, "quiz_id": world[Quiz].pk},
    "courses:badge": lambda world: {"slug": world[Course].slug},
    # The authoring pages (staff): the texts in their forms and the preview.
    "courses:edit": lambda world: {"slug": world[Course].slug},
    "courses:preview": lambda world: {"slug": world[Course].slug},
    "courses:new_cohort": lambda world: {"slug": world[Course].slug},
    "courses:edit_cohort": lambda world: {"slug": world[Course].slug, "cohort_id": _cohort(world)},
    "courses:new_module": lambda world: {"slug": world[Course].slug},
    "courses:edit_module": lambda world: {
        "slug": world[Course].slug,
        "module_id": world[Module].pk,
    },
    "courses:new_lesson": lambda world: {"slug": world[Course].slug, "module_id": world[Module].pk},
    "courses:edit_lesson": lambda world: {
        "slug": world[Course].slug,
        "lesson_id": world[Lesson].pk,
    },
    "courses:new_quiz": lambda world: {"slug": world[Course].slug, "module_id": world[Module].pk},
    "courses:edit_quiz": lambda world: {"slug": world[Course].slug, "quiz_id": world[Quiz].pk},
    "courses:new_question": lambda world: {"slug": world[Course].slug, "quiz_id": world[Quiz].pk},
    "courses:edit_question": lambda world: {
        "slug": world[Course].slug,
        "question_id": world[Question].pk,
    },
}
NOT_PAGES = {
    "courses:report_csv": "a CSV file, its text neutralised by wsco.core.spreadsheets",
}
