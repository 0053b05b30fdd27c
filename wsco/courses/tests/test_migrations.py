"""Moving each course's single cohort into its first `Cohort` keeps everything it held."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from wsco.members.tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("courses", "0002_cohorts")]
AFTER = [("courses", "0004_course_cohort_fields_moved")]


def migrate(targets):
    """Migrate to `targets` and return the app registry of that state."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_a_cohort_course_keeps_its_dates_seats_and_learners_in_its_first_cohort():
    old = migrate(BEFORE)
    try:
        Course = old.get_model("courses", "Course")
        Enrolment = old.get_model("courses", "Enrolment")
        common = {"summary": "S", "level": "introductory", "language": "en"}
        cohort_course = Course.objects.create(
            title="Mobility",
            slug="mobility",
            cpd_hours=Decimal("12.0"),
            mode="cohort",
            starts_on=datetime.date(2026, 11, 16),
            ends_on=datetime.date(2027, 1, 11),
            capacity=20,
            seats_taken=2,
            **common,
        )
        self_paced = Course.objects.create(
            title="Open data", slug="open-data", cpd_hours=Decimal("4.0"), **common
        )
        for number in (1, 2):
            # The accounts' tables are as they are now: the user through today's model.
            user = UserFactory(email=f"learner{number}@example.org")
            Enrolment.objects.create(course=cohort_course, user_id=user.pk)
            Enrolment.objects.create(course=self_paced, user_id=user.pk)

        new = migrate(AFTER)
        Cohort = new.get_model("courses", "Cohort")
        Enrolment = new.get_model("courses", "Enrolment")
        cohort = Cohort.objects.get()
        assert cohort.course_id == cohort_course.pk
        assert (cohort.starts_on, cohort.ends_on) == (
            datetime.date(2026, 11, 16),
            datetime.date(2027, 1, 11),
        )
        assert (cohort.capacity, cohort.seats_taken) == (20, 2)
        in_cohort = Enrolment.objects.filter(course_id=cohort_course.pk)
        assert list(in_cohort.values_list("cohort_id", flat=True)) == [cohort.pk] * 2
        # A self-paced course has no cohort, nor its learners.
        assert not Enrolment.objects.filter(course_id=self_paced.pk, cohort__isnull=False).exists()
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
