"""What learners are told: enrolment, payment, completion, certificates expiring, cohorts."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command

from wsco.certificates.models import Certificate
from wsco.courses import services
from wsco.courses.models import CourseReminder
from wsco.courses.tests.factories import complete, course, first_cohort, member_user, staff
from wsco.notifications.models import Notification

pytestmark = pytest.mark.django_db


def kinds_told(user) -> list[str]:
    return list(
        Notification.objects.filter(recipient=user).order_by("pk").values_list("kind", flat=True)
    )


def test_a_free_enrolment_is_confirmed_and_completion_links_the_certificate(
    django_capture_on_commit_callbacks,
):
    made = course(certificate_valid_months=12)
    user = member_user()
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = complete(made, user)
    assert kinds_told(user) == ["courses.enrolment_confirmed", "courses.completed"]
    done = Notification.objects.get(recipient=user, kind="courses.completed")
    assert done.url == f"/verify/{enrolment.certificate.code}/"
    assert made.title in done.title
    assert any(user.email in message.to for message in mail.outbox)


def test_a_paid_enrolment_is_told_once_the_payment_is_recorded():
    made = course(price=Decimal("120.00"))
    user = member_user()
    enrolment = services.enrol(course=made, user=user)
    assert kinds_told(user) == []  # awaiting payment: not confirmed yet
    services.record_payment(
        enrolment=enrolment, amount=Decimal("120.00"), reference="Bank 7", by=staff()
    )
    assert kinds_told(user) == ["courses.payment_recorded"]
    told = Notification.objects.get(recipient=user)
    assert "120.00 EUR" in told.title


def test_the_daily_job_reminds_of_expiring_certificates_and_starting_cohorts_once():
    # A certificate valid 12 months from the day it was issued ends the day before the same
    # date a year on; 30 days before that end it is reminded of, and not earlier.
    made = course(certificate_valid_months=12)
    enrolment = complete(made)
    enrolment.certificate.refresh_from_db()
    valid_until = enrolment.certificate.valid_until
    cohort_course = course(title="Cohort course", mode="cohort", capacity=5, questions=False)
    cohort = first_cohort(cohort_course)
    learner = member_user()
    services.enrol(course=cohort_course, user=learner, cohort=cohort)
    cohort.starts_on = valid_until - datetime.timedelta(days=5)
    cohort.save()

    too_early = valid_until - datetime.timedelta(days=31)
    assert services.send_course_reminders(today=too_early) == {
        "certificate_expiring": 0,
        "cohort_starting": 0,
    }
    day = valid_until - datetime.timedelta(days=12)  # the cohort starts in 7 days
    assert services.send_course_reminders(today=day) == {
        "certificate_expiring": 1,
        "cohort_starting": 1,
    }
    output = io.StringIO()
    call_command("courses_daily", f"--today={day.isoformat()}", stdout=output)
    assert "Certificates about to expire: 0" in output.getvalue()
    assert CourseReminder.objects.count() == 2  # a second run sends nothing again
    assert kinds_told(enrolment.user)[-1] == "courses.certificate_expiring"
    expiring = Notification.objects.get(kind="courses.certificate_expiring")
    assert "12 days" in expiring.title
    starting = Notification.objects.get(recipient=learner, kind="courses.cohort_starting")
    assert "7 days" in starting.title
    assert starting.url == cohort_course.get_absolute_url()


def test_a_revoked_certificate_is_not_reminded_of():
    enrolment = complete(course(certificate_valid_months=1))
    Certificate.objects.filter(pk=enrolment.certificate_id).update(
        revoked_at=enrolment.certificate.issued_at, revocation_reason="Issued in error."
    )
    enrolment.certificate.refresh_from_db()
    day = enrolment.certificate.valid_until - datetime.timedelta(days=3)
    assert services.send_course_reminders(today=day)["certificate_expiring"] == 0
