"""The courses' kinds of notification, and the functions the services call to send them.

Learners are told when their enrolment is confirmed, when their payment is recorded, when
they complete a course (with the link to the certificate), when their certificate is about to
expire and when their cohort starts soon. `CoursesConfig.ready()` registers the kinds.
"""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from wsco.formats import day_text
from wsco.notifications.kinds import Kind
from wsco.notifications.services import notify

EMAIL = "notifications/email/notification"


def _course(params: dict) -> str:
    return reverse("courses:course", kwargs={"slug": params["slug"]})


def _certificate(params: dict) -> str:
    return reverse("certificates:verify", kwargs={"code": params["code"]})


def _expiring(params: dict) -> str:
    return (
        ngettext(
            "Your certificate for %(course)s expires in %(days)s day",
            "Your certificate for %(course)s expires in %(days)s days",
            params["days"],
        )
        % params
    )


def _starting(params: dict) -> str:
    return (
        ngettext(
            "Your cohort of %(course)s starts in %(days)s day",
            "Your cohort of %(course)s starts in %(days)s days",
            params["days"],
        )
        % params
    )


KINDS = [
    Kind(
        name="courses.enrolment_confirmed",
        label=gettext_lazy("Your enrolment on a course is confirmed"),
        title=lambda params: _("You are enrolled on %(course)s") % params,
        link=_course,
        email_template=EMAIL,
        order=1,
    ),
    Kind(
        name="courses.payment_recorded",
        label=gettext_lazy("Your payment for a course is recorded"),
        title=lambda params: (
            _("Your payment of %(amount)s %(currency)s for %(course)s is recorded") % params
        ),
        link=_course,
        email_template=EMAIL,
        order=2,
    ),
    Kind(
        name="courses.completed",
        label=gettext_lazy("You complete a course"),
        title=lambda params: _("You completed %(course)s: your certificate is ready") % params,
        link=_certificate,
        email_template=EMAIL,
        order=3,
    ),
    Kind(
        name="courses.certificate_expiring",
        label=gettext_lazy("A course certificate of yours is about to expire"),
        title=_expiring,
        link=lambda params: reverse("courses:mine"),
        email_template=EMAIL,
        order=4,
    ),
    Kind(
        name="courses.cohort_starting",
        label=gettext_lazy("Your cohort of a course starts soon"),
        title=_starting,
        link=_course,
        email_template=EMAIL,
        order=5,
    ),
]


def _tell(enrolment, kind: str, **params) -> None:
    """Tell the learner of `enrolment` of an event of `kind` about its course."""
    notify(
        recipient=enrolment.user,
        kind=kind,
        about=f"courses.enrolment:{enrolment.pk}",
        course=enrolment.course.title,
        slug=enrolment.course.slug,
        **params,
    )


def enrolment_confirmed(enrolment) -> None:
    """Tell the learner their enrolment is confirmed (the course is open to them)."""
    _tell(enrolment, "courses.enrolment_confirmed")


def payment_recorded(enrolment) -> None:
    """Tell the learner their payment is recorded and the course is open."""
    _tell(
        enrolment,
        "courses.payment_recorded",
        amount=str(enrolment.amount_paid),
        currency=enrolment.course.currency,
    )


def course_completed(enrolment) -> None:
    """Tell the learner they completed the course, with the link to their certificate."""
    _tell(enrolment, "courses.completed", code=enrolment.certificate.code)


def certificate_expiring(enrolment, *, today: datetime.date) -> None:
    """Remind the learner that their certificate's last valid day is near."""
    valid_until = enrolment.certificate.valid_until
    _tell(
        enrolment,
        "courses.certificate_expiring",
        days=(valid_until - today).days,
        day=day_text(valid_until),
    )


def cohort_starting(enrolment, *, today: datetime.date) -> None:
    """Remind the learner that their cohort starts soon."""
    starts_on = enrolment.cohort.starts_on
    _tell(
        enrolment,
        "courses.cohort_starting",
        days=(starts_on - today).days,
        day=day_text(starts_on),
    )
