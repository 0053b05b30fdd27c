"""Every write of the courses app: enrolling, paying, learning, quizzes, completing, certificates.

Each decision is one transaction; seats are counted on the locked cohort row, and the
database's `cohort_not_overbooked` constraint refuses what a lock would miss.
"""

import calendar
import datetime
import random
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from wsco.certificates.services import issue_certificate, reissue_certificate
from wsco.core.page_cache import mark_changed
from wsco.courses import notifications
from wsco.courses.changes import COURSES, learner_changed
from wsco.courses.models import (
    ATTEMPT_WORKFLOW,
    COURSE_WORKFLOW,
    ENROLMENT_WORKFLOW,
    Cohort,
    Course,
    CourseReminder,
    Enrolment,
    EnrolmentStatus,
    Lesson,
    LessonProgress,
    Quiz,
    QuizAttempt,
    ReminderKind,
)

SEAT_HOLDING = (EnrolmentStatus.AWAITING_PAYMENT, EnrolmentStatus.ACTIVE, EnrolmentStatus.COMPLETED)
CERTIFICATE_KIND = "course"


def change_course_status(*, course: Course, step: str, by) -> Course:
    """Publish, withdraw (back to a draft) or archive `course` (staff)."""
    if not by.is_staff:
        raise PermissionDenied(_("Only staff publish, withdraw or archive a course."))
    with transaction.atomic():
        return COURSE_WORKFLOW.take(course, step, by=by)


def _today() -> datetime.date:
    return timezone.localdate()


def _require_open(course: Course) -> None:
    if not course.is_published:
        raise ValidationError(_("This course is not open for enrolment."))


def _require_prerequisites(course: Course, user) -> None:
    missing = course.prerequisites.exclude(
        enrolments__user=user, enrolments__status=EnrolmentStatus.COMPLETED
    )
    titles = [prerequisite.title for prerequisite in missing]
    if titles:
        raise ValidationError(
            _("Complete these courses first: %(titles)s.") % {"titles": ", ".join(titles)}
        )


def _locked_cohort(course: Course, cohort: Cohort | None, *, today: datetime.date):
    """Return `cohort` locked for counting its seats, once checked it can take a learner."""
    if not course.is_cohort:
        return None
    if cohort is None:
        raise ValidationError({"cohort": _("Choose a cohort.")})
    if cohort.course_id != course.pk:
        raise ValidationError({"cohort": _("This cohort is not one of this course's.")})
    # The lock serialises enrolments on one cohort: the seat count read below is exact.
    locked = Cohort.objects.select_for_update().get(pk=cohort.pk)
    if locked.ends_on < today:
        raise ValidationError({"cohort": _("This cohort has ended.")})
    if locked.capacity is not None and locked.seats_taken >= locked.capacity:
        raise ValidationError({"cohort": _("This cohort is full.")})
    return locked


def _take_seat(cohort: Cohort) -> None:
    try:
        with transaction.atomic():
            Cohort.objects.filter(pk=cohort.pk).update(seats_taken=F("seats_taken") + 1)
    except IntegrityError:
        raise ValidationError({"cohort": _("This cohort is full.")}) from None


def enrol(*, course: Course, user, cohort: Cohort | None = None) -> Enrolment:
    """Enrol `user` on `course` (in `cohort`, for a cohort course): active at once if it is free,
    else awaiting payment.

    Refused for a course not published, a cohort missing, of another course, ended or full,
    missing prerequisites, or a learner already enrolled. A cancelled enrolment is taken up
    again (in the cohort chosen now).
    """
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in to enrol."))
    with transaction.atomic():
        # The course's lock serialises one learner's enrolments; the cohort's counts its seats.
        locked = Course.objects.select_for_update().get(pk=course.pk)
        _require_open(locked)
        _require_prerequisites(locked, user)
        enrolment = Enrolment.objects.filter(course=locked, user=user).first()
        if enrolment is not None and enrolment.status != EnrolmentStatus.CANCELLED:
            raise ValidationError(_("You are already enrolled on this course."))
        seat = _locked_cohort(locked, cohort, today=_today())
        if seat is not None:
            _take_seat(seat)
        if enrolment is None:
            status = EnrolmentStatus.ACTIVE if locked.is_free else EnrolmentStatus.AWAITING_PAYMENT
            enrolment = Enrolment.objects.create(
                course=locked, user=user, cohort=seat, status=status, enrolled_at=timezone.now()
            )
        else:
            step_name = "rejoin" if locked.is_free else "rejoin_unpaid"
            enrolment = ENROLMENT_WORKFLOW.take(
                enrolment, step_name, cohort=seat, enrolled_at=timezone.now()
            )
        if enrolment.status == EnrolmentStatus.ACTIVE:
            notifications.enrolment_confirmed(enrolment)
        mark_changed(COURSES)  # the catalogue shows the seats left
    return enrolment


def record_payment(*, enrolment: Enrolment, amount: Decimal, reference: str, by) -> Enrolment:
    """Record that `enrolment` was paid (staff): the exact price, with its reference."""
    if not by.is_staff:
        raise PermissionDenied(_("Only staff record payments."))
    reference = (reference or "").strip()
    if not reference:
        raise ValidationError({"reference": _("Give the payment's reference.")})
    with transaction.atomic():
        locked = ENROLMENT_WORKFLOW.lock(enrolment, "pay", by=by)
        price = locked.course.price
        if amount != price:
            raise ValidationError(
                {
                    "amount": _("The course costs %(price)s %(currency)s; %(amount)s was given.")
                    % {"price": price, "currency": locked.course.currency, "amount": amount}
                }
            )
        ENROLMENT_WORKFLOW.advance(locked, "pay", amount_paid=amount, payment_reference=reference)
        notifications.payment_recorded(locked)
    return locked


def cancel_enrolment(*, enrolment: Enrolment, by) -> Enrolment:
    """Cancel `enrolment` (its learner or staff) and free its seat; a completed one stays."""
    if not (by.is_staff or by.pk == enrolment.user_id):
        raise PermissionDenied(_("Only the learner or staff cancel an enrolment."))
    with transaction.atomic():
        if enrolment.cohort_id is not None:
            Cohort.objects.select_for_update().get(pk=enrolment.cohort_id)
        locked = ENROLMENT_WORKFLOW.take(enrolment, "cancel", by=by)
        if locked.cohort_id is not None:
            Cohort.objects.filter(pk=locked.cohort_id).update(seats_taken=F("seats_taken") - 1)
        mark_changed(COURSES)
    return locked


def _require_learning(enrolment: Enrolment) -> None:
    if enrolment.status == EnrolmentStatus.AWAITING_PAYMENT:
        raise ValidationError(_("The course opens once your payment is recorded."))
    if enrolment.status == EnrolmentStatus.CANCELLED:
        raise ValidationError(_("This enrolment was cancelled."))


def _require_in_course(enrolment: Enrolment, course_id: int, what) -> None:
    if course_id != enrolment.course_id:
        raise ValidationError(_("“%(what)s” is not part of this course.") % {"what": what})


def open_lesson(*, enrolment: Enrolment, lesson: Lesson) -> None:
    """Remember `lesson` as where the learner is, to resume there."""
    _require_in_course(enrolment, lesson.module.course_id, lesson)
    if enrolment.last_lesson_id != lesson.pk:
        Enrolment.objects.filter(pk=enrolment.pk).update(last_lesson=lesson)
        enrolment.last_lesson = lesson


def mark_lesson_done(*, enrolment: Enrolment, lesson: Lesson) -> LessonProgress:
    """Mark `lesson` done for `enrolment` (once), and complete the course if that was the last."""
    _require_learning(enrolment)
    _require_in_course(enrolment, lesson.module.course_id, lesson)
    with transaction.atomic():
        progress, _created = LessonProgress.objects.get_or_create(
            enrolment=enrolment, lesson=lesson
        )
        complete_if_done(enrolment=enrolment)
    return progress


def _layout(quiz: Quiz, rng: random.Random) -> list:
    questions = list(quiz.questions.prefetch_related("choices"))
    rng.shuffle(questions)
    layout = []
    for question in questions:
        choices = [choice.pk for choice in question.choices.all()]
        rng.shuffle(choices)
        layout.append([question.pk, choices])
    return layout


def start_attempt(*, enrolment: Enrolment, quiz: Quiz, rng: random.Random | None = None):
    """Start an attempt at `quiz`, its questions and answers in a new order; or return the open one.

    Refused once the quiz is passed or its attempts are used up.
    """
    _require_learning(enrolment)
    _require_in_course(enrolment, quiz.module.course_id, quiz)
    with transaction.atomic():
        # Locking the enrolment numbers attempts one at a time.
        Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        attempts = list(QuizAttempt.objects.filter(enrolment=enrolment, quiz=quiz))
        open_attempt = next((a for a in attempts if not a.is_submitted), None)
        if open_attempt is not None:
            return open_attempt
        if any(attempt.passed for attempt in attempts):
            raise ValidationError(_("You have already passed this quiz."))
        if quiz.max_attempts is not None and len(attempts) >= quiz.max_attempts:
            raise ValidationError(
                _("You have used all %(number)s attempts at this quiz.")
                % {"number": quiz.max_attempts}
            )
        return QuizAttempt.objects.create(
            enrolment=enrolment,
            quiz=quiz,
            number=len(attempts) + 1,
            layout=_layout(quiz, rng or random.SystemRandom()),
        )


def score_answers(layout: list, right: dict[int, set[int]], answers: dict[int, set[int]]):
    """Return the score in percent, to one decimal: the share of questions answered exactly.

    A question counts when the chosen answers are exactly its right ones (several-answer
    questions are all or nothing).
    """
    if not layout:
        return Decimal("0.0")
    exact = sum(
        1 for question_id, _choices in layout if answers.get(question_id) == right[question_id]
    )
    score = Decimal(100 * exact) / Decimal(len(layout))
    return score.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _read_answers(attempt: QuizAttempt, answers: dict) -> dict[int, set[int]]:
    """Check `answers` ({question id: [choice ids]}) against the attempt's questions."""
    shown = {question_id: set(choices) for question_id, choices in attempt.layout}
    read: dict[int, set[int]] = {}
    for position, (question_id, _shown) in enumerate(attempt.layout, start=1):
        chosen = {int(choice) for choice in answers.get(question_id, ())}
        if not chosen:
            raise ValidationError(
                {f"question_{question_id}": _("Answer question %(n)s.") % {"n": position}}
            )
        if not chosen <= shown[question_id]:
            raise ValidationError(
                {
                    f"question_{question_id}": _("Question %(n)s has no such answer.")
                    % {"n": position}
                }
            )
        read[question_id] = chosen
    return read


def submit_attempt(*, attempt: QuizAttempt, answers: dict[int, list[int]]) -> QuizAttempt:
    """Score `attempt` with `answers` ({question id: [choice ids]}), once; complete if done."""
    with transaction.atomic():
        locked = ATTEMPT_WORKFLOW.lock(attempt, "submit")
        _require_learning(locked.enrolment)
        single = dict(locked.quiz.questions.values_list("pk", "multiple"))
        chosen = _read_answers(locked, answers)
        for position, (question_id, _choices) in enumerate(locked.layout, start=1):
            if not single[question_id] and len(chosen[question_id]) > 1:
                raise ValidationError(
                    {
                        f"question_{question_id}": _("Question %(n)s takes one answer.")
                        % {"n": position}
                    }
                )
        right: dict[int, set[int]] = {question_id: set() for question_id, _c in locked.layout}
        for question_id, choice_id in locked.quiz.questions.filter(
            choices__is_correct=True
        ).values_list("pk", "choices__pk"):
            right[question_id].add(choice_id)
        score = score_answers(locked.layout, right, chosen)
        ATTEMPT_WORKFLOW.advance(
            locked,
            "submit",
            answers={str(key): sorted(value) for key, value in chosen.items()},
            score=score,
            passed=score >= locked.quiz.pass_mark,
            submitted_at=timezone.now(),
        )
        if locked.passed:
            complete_if_done(enrolment=locked.enrolment)
    return locked


def remaining_work(enrolment: Enrolment) -> tuple[int, int]:
    """Return how many required lessons are not done and required quizzes not passed."""
    course_id = enrolment.course_id
    lessons = (
        Lesson.objects.filter(module__course_id=course_id, required=True)
        .exclude(pk__in=LessonProgress.objects.filter(enrolment=enrolment).values("lesson_id"))
        .count()
    )
    quizzes = (
        Quiz.objects.filter(module__course_id=course_id, required=True)
        .exclude(
            pk__in=QuizAttempt.objects.filter(enrolment=enrolment, passed=True).values("quiz_id")
        )
        .count()
    )
    return lessons, quizzes


def holder_name(user) -> str:
    profile = getattr(user, "profile", None)
    return profile.name if profile is not None else user.email


def months_after(day: datetime.date, months: int) -> datetime.date:
    """Return the same date `months` later, or that month's last day (31 January + 1: 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _valid_until(course: Course, day: datetime.date) -> datetime.date | None:
    if course.certificate_valid_months is None:
        return None
    # Valid for N months: the last valid day is the day before the same date N months on.
    return months_after(day, course.certificate_valid_months) - datetime.timedelta(days=1)


def _certificate_details(course: Course, day: datetime.date) -> list[tuple[str, str]]:
    return [
        ("CPD hours", str(course.cpd_hours)),
        ("Level", course.get_level_display()),
        ("Language", course.get_language_display()),
        ("Completed", day.isoformat()),
    ]


def complete_if_done(*, enrolment: Enrolment) -> bool:
    """Complete `enrolment` and issue its certificate if nothing required is left; say if it did.

    Completion rule: every required lesson done and every required quiz passed.
    """
    with transaction.atomic():
        locked = (
            Enrolment.objects.select_for_update()
            .select_related("course", "user")
            .get(pk=enrolment.pk)
        )
        if locked.status != EnrolmentStatus.ACTIVE or remaining_work(locked) != (0, 0):
            return False
        now = timezone.now()
        day = timezone.localdate(now)
        course = locked.course
        certificate = issue_certificate(
            kind=CERTIFICATE_KIND,
            title=course.title,
            holder_name=holder_name(locked.user),
            holder_user=locked.user,
            subject=course,
            details=_certificate_details(course, day),
            valid_until=_valid_until(course, day),
            by=None,
        )
        ENROLMENT_WORKFLOW.lock(locked)  # Locked already: the workflow checks its step on it.
        ENROLMENT_WORKFLOW.advance(locked, "complete", certificate=certificate, completed_at=now)
        notifications.course_completed(locked)
    enrolment.refresh_from_db()
    return True


def cpd_hours_since(user, day: datetime.date, *, excluding: Course) -> Decimal:
    """Return the CPD hours `user` earned in courses completed on or after `day`, but one."""
    total = (
        Enrolment.objects.filter(
            user=user,
            status=EnrolmentStatus.COMPLETED,
            completed_at__date__gte=day,
        )
        .exclude(course=excluding)
        .aggregate(hours=Sum("course__cpd_hours"))["hours"]
    )
    return total or Decimal("0")


def renew_certificate(*, enrolment: Enrolment, by):
    """Renew a course certificate that expires, with CPD hours earned since it was issued.

    The learner (or staff) renews it once the hours the course asks for were earned in other
    courses completed since the certificate was issued; the new certificate runs for the
    course's validity again from today.
    """
    if not (by.is_staff or by.pk == enrolment.user_id):
        raise PermissionDenied(_("Only the learner or staff renew a certificate."))
    course = enrolment.course
    certificate = enrolment.certificate
    if certificate is None or certificate.valid_until is None or course.renewal_cpd_hours is None:
        raise ValidationError(_("This certificate is not renewable."))
    issued_on = timezone.localdate(certificate.issued_at)
    earned = cpd_hours_since(enrolment.user, issued_on, excluding=course)
    if earned < course.renewal_cpd_hours:
        raise ValidationError(
            _("Renewing asks for %(needed)s CPD hours since %(day)s; you have %(earned)s.")
            % {"needed": course.renewal_cpd_hours, "day": issued_on, "earned": earned}
        )
    today = _today()
    with transaction.atomic():
        new = reissue_certificate(
            certificate=certificate,
            by=by,
            details=[*_certificate_details(course, today)[:3], ("Renewed", today.isoformat())],
            valid_until=_valid_until(course, today),
        )
        Enrolment.objects.filter(pk=enrolment.pk).update(certificate=new)
        learner_changed(enrolment.user_id)
    enrolment.certificate = new
    return new


def show_on_profile(*, enrolment: Enrolment, shown: bool, by) -> Enrolment:
    """Show or hide the certificate of `enrolment` on its learner's public profile."""
    if by.pk != enrolment.user_id:
        raise PermissionDenied(_("Only the learner decides what their profile shows."))
    Enrolment.objects.filter(pk=enrolment.pk).update(show_on_profile=shown)
    learner_changed(enrolment.user_id)
    enrolment.show_on_profile = shown
    return enrolment


# How many days ahead the daily job tells learners (docs/courses.md, "Notifications").
CERTIFICATE_REMINDER_DAYS = 30
COHORT_REMINDER_DAYS = 7


def _remind(enrolment: Enrolment, kind: str, due_on: datetime.date, send) -> bool:
    """Send one reminder unless it was sent already; say whether it was sent now."""
    try:
        # The row and the notification commit together, or neither does.
        with transaction.atomic():
            CourseReminder.objects.create(enrolment=enrolment, kind=kind, due_on=due_on)
            send()
    except IntegrityError:
        return False  # sent before, by this job or another run of it
    return True


def send_course_reminders(*, today: datetime.date | None = None) -> dict[str, int]:
    """Remind learners of certificates about to expire and cohorts starting soon; count them.

    Safe to run twice: each reminder is a row, unique per enrolment, kind and date.
    """
    today = today or _today()
    sent = {ReminderKind.CERTIFICATE_EXPIRING: 0, ReminderKind.COHORT_STARTING: 0}
    expiring = Enrolment.objects.filter(
        status=EnrolmentStatus.COMPLETED,
        certificate__revoked_at__isnull=True,
        certificate__valid_until__gte=today,
        certificate__valid_until__lte=today + datetime.timedelta(days=CERTIFICATE_REMINDER_DAYS),
    ).select_related("course", "user", "certificate")
    for enrolment in expiring:
        sent[ReminderKind.CERTIFICATE_EXPIRING] += _remind(
            enrolment,
            ReminderKind.CERTIFICATE_EXPIRING,
            enrolment.certificate.valid_until,
            lambda enrolment=enrolment: notifications.certificate_expiring(enrolment, today=today),
        )
    starting = Enrolment.objects.filter(
        status__in=[EnrolmentStatus.ACTIVE, EnrolmentStatus.AWAITING_PAYMENT],
        cohort__starts_on__gte=today,
        cohort__starts_on__lte=today + datetime.timedelta(days=COHORT_REMINDER_DAYS),
    ).select_related("course", "user", "cohort")
    for enrolment in starting:
        sent[ReminderKind.COHORT_STARTING] += _remind(
            enrolment,
            ReminderKind.COHORT_STARTING,
            enrolment.cohort.starts_on,
            lambda enrolment=enrolment: notifications.cohort_starting(enrolment, today=today),
        )
    return {str(kind): count for kind, count in sent.items()}
