"""The courses' demo: six courses in both languages, and learners at every stage."""

import pytest
from django.utils import timezone

from wsco.certificates.models import Certificate
from wsco.courses import demo
from wsco.courses.models import Course, Enrolment, EnrolmentStatus, Mode, QuizAttempt
from wsco.members.tests.factories import demo_context


@pytest.fixture
def seeded(db):
    """Run the courses demo over the staff account and 30 current members."""
    context = demo_context()
    demo.seed(context)
    return context


def test_the_demo_has_six_courses_with_learners_at_every_stage(seeded):
    courses = Course.objects.published()
    assert courses.count() == 6
    assert {"en", "ro"} <= set(courses.values_list("language", flat=True))
    assert courses.filter(mode=Mode.COHORT).count() == 1
    assert courses.filter(standards__icontains="ISO 37120").exists()
    assert courses.filter(title__icontains="project gates").exists()
    for course in courses:
        assert course.modules.count() == 2
        assert course.modules.filter(quizzes__isnull=False).count() == 1
        assert course.instructors.exists()
    statuses = set(Enrolment.objects.values_list("status", flat=True))
    assert statuses == {
        EnrolmentStatus.AWAITING_PAYMENT,
        EnrolmentStatus.ACTIVE,
        EnrolmentStatus.COMPLETED,
    }
    # Enrolled and nothing done yet; part way; failed the quiz and not passed it since.
    active = Enrolment.objects.filter(status=EnrolmentStatus.ACTIVE)
    assert active.filter(progress__isnull=True).exists()
    assert active.filter(progress__isnull=False).exists()
    failed = QuizAttempt.objects.filter(passed=False, enrolment__status=EnrolmentStatus.ACTIVE)
    assert failed.exists()
    # Every completed enrolment has its certificate, valid and verifiable by its code.
    completed = Enrolment.objects.filter(status=EnrolmentStatus.COMPLETED)
    assert completed.exists()
    assert not completed.filter(certificate__isnull=True).exists()
    assert Certificate.objects.filter(kind="course").count() == completed.count()
    # The demo member completed one course and is part way through the cohort.
    mine = dict(
        Enrolment.objects.filter(user__email="member@demo.wsco.example").values_list(
            "course__mode", "status"
        )
    )
    assert mine == {Mode.SELF_PACED: "completed", Mode.COHORT: "active"}
    assert "completed a course" in seeded.abilities["member"]
    # The cohort course runs two cohorts, one under way and one to come; each is under its
    # capacity and its seats count its learners (the two who have not started are in the
    # next one, the other eight and the demo member in the running one).
    course = courses.get(mode=Mode.COHORT)
    running, upcoming = course.cohorts.order_by("starts_on")
    assert running.starts_on < timezone.localdate() < upcoming.starts_on
    for cohort in (running, upcoming):
        assert cohort.seats_taken == cohort.enrolments.count() <= cohort.capacity
    assert (running.seats_taken, upcoming.seats_taken) == (9, 2)
    assert not course.enrolments.filter(cohort__isnull=True).exists()
