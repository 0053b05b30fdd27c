"""Learners racing for a cohort's last seats: exactly as many enrol as there are seats.

See wsco/core/tests/concurrency.py for how the contenders run on PostgreSQL (threads, each with
its connection, released together) and on SQLite (one after another, each with a copy of the
cohort read before any of them ran).
"""

import pytest

from wsco.core.tests.concurrency import contend, refusals, successes
from wsco.courses import services
from wsco.courses.models import Cohort, Enrolment
from wsco.courses.tests.factories import course, first_cohort, member_user

pytestmark = pytest.mark.django_db(transaction=True)
CONTENDERS = 6


def test_six_learners_for_two_seats_make_two_enrolments():
    made = course(mode="cohort", capacity=3, questions=False)
    cohort = first_cohort(made)
    services.enrol(course=made, user=member_user(), cohort=cohort)  # 1 of 3 seats taken
    learners = [member_user() for _ in range(CONTENDERS)]
    copies = [Cohort.objects.get(pk=cohort.pk) for _ in learners]  # each read before the race
    outcomes = contend(
        [
            lambda user=user, copy=copy: services.enrol(course=made, user=user, cohort=copy)
            for user, copy in zip(learners, copies, strict=True)
        ]
    )
    # 3 seats, 1 taken before: 2 of the 6 get in, the 4 others are told it is full.
    assert len(successes(outcomes)) == 2
    assert refusals(outcomes) == ["This cohort is full."] * 4
    cohort.refresh_from_db()
    assert cohort.seats_taken == 3 == Enrolment.objects.filter(cohort=cohort).count()
