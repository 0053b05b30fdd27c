"""Enrolling, learning, quizzes, completion and certificates, with hand-worked figures."""

import datetime
import random
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from wsco.certificates.queries import certificates_for
from wsco.core.tests.constraints import violates
from wsco.courses import queries, services
from wsco.courses.models import Cohort, EnrolmentStatus, Lesson, QuizAttempt
from wsco.courses.tests.factories import (
    complete,
    course,
    first_cohort,
    member_user,
    pass_quiz,
    quiz_of,
    right_answers,
    staff,
    wrong_answers,
)
from wsco.courses.videos import embed_url

pytestmark = pytest.mark.django_db


def test_free_course_enrols_at_once():
    made = course()
    enrolment = services.enrol(course=made, user=member_user())
    assert enrolment.status == EnrolmentStatus.ACTIVE
    assert enrolment.cohort is None  # a self-paced course has no cohorts and no seats


def test_draft_course_refuses_enrolment():
    with pytest.raises(ValidationError, match="not open for enrolment"):
        services.enrol(course=course(status="draft"), user=member_user())


def test_enrolling_twice_is_refused():
    made = course()
    user = member_user()
    services.enrol(course=made, user=user)
    with pytest.raises(ValidationError, match="already enrolled"):
        services.enrol(course=made, user=user)


def test_cohort_takes_its_last_seat_and_refuses_the_next():
    made = course(mode="cohort", capacity=2)
    cohort = first_cohort(made)
    services.enrol(course=made, user=member_user(), cohort=cohort)
    services.enrol(course=made, user=member_user(), cohort=cohort)  # the 2nd of 2 seats
    with pytest.raises(ValidationError, match="cohort is full"):
        services.enrol(course=made, user=member_user(), cohort=cohort)
    cohort.refresh_from_db()
    assert cohort.seats_taken == 2
    assert cohort.enrolments.count() == 2


def test_each_cohort_counts_its_own_seats():
    made = course(mode="cohort", capacity=1)
    first = first_cohort(made)
    second = Cohort.objects.create(
        course=made,
        starts_on=datetime.date(2099, 4, 1),
        ends_on=datetime.date(2099, 6, 1),
        capacity=1,
    )
    services.enrol(course=made, user=member_user(), cohort=first)
    with pytest.raises(ValidationError, match="cohort is full"):
        services.enrol(course=made, user=member_user(), cohort=first)
    joined = services.enrol(course=made, user=member_user(), cohort=second)
    assert joined.cohort == second
    assert list(made.cohorts.order_by("starts_on").values_list("seats_taken", flat=True)) == [1, 1]


def test_cohort_course_needs_one_of_its_own_cohorts():
    made = course(mode="cohort", capacity=5)
    other = course(title="Another cohort course", mode="cohort", capacity=5)
    with pytest.raises(ValidationError, match="Choose a cohort"):
        services.enrol(course=made, user=member_user())
    with pytest.raises(ValidationError, match="not one of this course's"):
        services.enrol(course=made, user=member_user(), cohort=first_cohort(other))
    assert not made.enrolments.exists()


def test_database_refuses_overbooking_whatever_python_reads():
    cohort = first_cohort(course(mode="cohort", capacity=1, seats_taken=1))
    with pytest.raises(IntegrityError, match=violates("cohort_not_overbooked")):
        Cohort.objects.filter(pk=cohort.pk).update(seats_taken=2)


def test_cancelling_frees_the_seat_for_the_next_learner():
    made = course(mode="cohort", capacity=1)
    cohort = first_cohort(made)
    first = services.enrol(course=made, user=member_user(), cohort=cohort)
    services.cancel_enrolment(enrolment=first, by=first.user)
    services.enrol(course=made, user=member_user(), cohort=cohort)
    cohort.refresh_from_db()
    assert cohort.seats_taken == 1


def test_ended_cohort_refuses_enrolment():
    ended = course(
        mode="cohort", starts_on=datetime.date(2020, 1, 1), ends_on=datetime.date(2020, 2, 1)
    )
    with pytest.raises(ValidationError, match="cohort has ended"):
        services.enrol(course=ended, user=member_user(), cohort=first_cohort(ended))


def test_prerequisite_must_be_completed_first():
    basics = course(title="Basics", questions=False, lessons=1)
    advanced = course(title="Advanced")
    advanced.prerequisites.add(basics)
    user = member_user()
    with pytest.raises(ValidationError, match="Complete these courses first: Basics"):
        services.enrol(course=advanced, user=user)
    complete(basics, user)
    assert services.enrol(course=advanced, user=user).status == EnrolmentStatus.ACTIVE


@pytest.mark.parametrize(
    ("amount", "accepted"),
    [("119.99", False), ("120.00", True), ("120.01", False)],
)
def test_paid_course_opens_only_for_the_exact_price(amount, accepted):
    paid = course(price=Decimal("120.00"))
    enrolment = services.enrol(course=paid, user=member_user())
    assert enrolment.status == EnrolmentStatus.AWAITING_PAYMENT
    with pytest.raises(ValidationError, match="opens once your payment"):
        services.mark_lesson_done(
            enrolment=enrolment, lesson=Lesson.objects.filter(module__course=paid).first()
        )
    if accepted:
        services.record_payment(
            enrolment=enrolment, amount=Decimal(amount), reference="BT-42", by=staff()
        )
        enrolment.refresh_from_db()
        assert enrolment.status == EnrolmentStatus.ACTIVE
        assert enrolment.amount_paid == Decimal("120.00")
    else:
        with pytest.raises(ValidationError, match=r"costs 120\.00 EUR"):
            services.record_payment(
                enrolment=enrolment, amount=Decimal(amount), reference="BT-42", by=staff()
            )
        enrolment.refresh_from_db()
        assert enrolment.status == EnrolmentStatus.AWAITING_PAYMENT


def test_only_staff_record_payments():
    enrolment = services.enrol(course=course(price=Decimal("10.00")), user=member_user())
    with pytest.raises(PermissionDenied, match="Only staff"):
        services.record_payment(
            enrolment=enrolment, amount=Decimal("10.00"), reference="x", by=enrolment.user
        )


def test_score_is_the_share_of_questions_answered_exactly():
    # Three questions; the first and third right, the second half right (all or nothing):
    # 2 of 3 = 66.666... %, rounded half up to one decimal: 66.7.
    layout = [[1, [10, 11]], [2, [20, 21, 22]], [3, [30, 31]]]
    right = {1: {10}, 2: {20, 22}, 3: {31}}
    answers = {1: {10}, 2: {20}, 3: {31}}
    assert services.score_answers(layout, right, answers) == Decimal("66.7")


def test_attempt_shuffles_questions_and_answers_and_stores_the_order():
    made = course()
    quiz = quiz_of(made)
    enrolment = services.enrol(course=made, user=member_user())
    attempt = services.start_attempt(enrolment=enrolment, quiz=quiz, rng=random.Random(3))
    shown_questions = [question_id for question_id, _choices in attempt.layout]
    assert sorted(shown_questions) == sorted(quiz.questions.values_list("pk", flat=True))
    # The open attempt is the one handed back until it is submitted.
    assert services.start_attempt(enrolment=enrolment, quiz=quiz).pk == attempt.pk


def test_failing_then_passing_a_quiz_keeps_each_score():
    made = course(pass_mark=100)
    quiz = quiz_of(made)
    enrolment = services.enrol(course=made, user=member_user())
    first = services.start_attempt(enrolment=enrolment, quiz=quiz)
    # Question 1 right, question 2 wrong: 1 of 2 = 50.0 %, under the pass mark of 100.
    half = right_answers(quiz) | {
        key: value for key, value in wrong_answers(quiz).items() if key != min(right_answers(quiz))
    }
    first = services.submit_attempt(attempt=first, answers=half)
    assert (first.score, first.passed) == (Decimal("50.0"), False)
    second = pass_quiz(enrolment, quiz)
    assert (second.number, second.score, second.passed) == (2, Decimal("100.0"), True)
    with pytest.raises(ValidationError, match="already passed"):
        services.start_attempt(enrolment=enrolment, quiz=quiz)


def test_attempts_run_out_at_the_limit():
    made = course(max_attempts=2)
    quiz = quiz_of(made)
    enrolment = services.enrol(course=made, user=member_user())
    for _number in range(2):
        attempt = services.start_attempt(enrolment=enrolment, quiz=quiz)
        services.submit_attempt(attempt=attempt, answers=wrong_answers(quiz))
    with pytest.raises(ValidationError, match="used all 2 attempts"):
        services.start_attempt(enrolment=enrolment, quiz=quiz)
    assert QuizAttempt.objects.filter(enrolment=enrolment).count() == 2


def test_attempt_is_scored_once_and_refuses_foreign_or_missing_answers():
    made = course()
    quiz = quiz_of(made)
    enrolment = services.enrol(course=made, user=member_user())
    attempt = services.start_attempt(enrolment=enrolment, quiz=quiz)
    answers = right_answers(quiz)
    first_question = next(iter(answers))
    with pytest.raises(ValidationError, match="has no such answer"):
        services.submit_attempt(attempt=attempt, answers=answers | {first_question: [999999]})
    with pytest.raises(ValidationError, match="Answer question"):
        services.submit_attempt(attempt=attempt, answers={first_question: answers[first_question]})
    services.submit_attempt(attempt=attempt, answers=answers)
    with pytest.raises(ValidationError, match="already submitted"):
        services.submit_attempt(attempt=attempt, answers=answers)


def test_single_answer_question_takes_one_answer():
    made = course()
    quiz = quiz_of(made)
    enrolment = services.enrol(course=made, user=member_user())
    attempt = services.start_attempt(enrolment=enrolment, quiz=quiz)
    single = quiz.questions.get(multiple=False)
    both = [choice.pk for choice in single.choices.all()]
    with pytest.raises(ValidationError, match="takes one answer"):
        services.submit_attempt(attempt=attempt, answers=right_answers(quiz) | {single.pk: both})


def test_course_completes_only_with_every_lesson_and_the_quiz_and_issues_a_certificate():
    made = course(certificate_valid_months=24)
    enrolment = services.enrol(course=made, user=member_user())
    lessons = list(Lesson.objects.filter(module__course=made))
    pass_quiz(enrolment, quiz_of(made))
    services.mark_lesson_done(enrolment=enrolment, lesson=lessons[0])
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ACTIVE  # one lesson left
    services.mark_lesson_done(enrolment=enrolment, lesson=lessons[1])
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED
    (certificate,) = certificates_for(made)
    assert enrolment.certificate == certificate
    assert certificate.holder_user == enrolment.user
    # Issued on day D, valid 24 months: last valid day is D + 24 months - 1 day.
    issued = enrolment.completed_at.astimezone(datetime.UTC).date()
    assert certificate.valid_until.year == issued.year + 2


def test_optional_lesson_is_not_needed_to_complete():
    made = course(questions=False, lessons=2)
    optional = Lesson.objects.filter(module__course=made).last()
    optional.required = False
    optional.save()
    enrolment = services.enrol(course=made, user=member_user())
    services.mark_lesson_done(
        enrolment=enrolment, lesson=Lesson.objects.filter(module__course=made).first()
    )
    enrolment.refresh_from_db()
    assert enrolment.is_completed


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2026, 1, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2028, 1, 31), 1, datetime.date(2028, 2, 29)),
        (datetime.date(2026, 12, 6), 24, datetime.date(2028, 12, 6)),
        (datetime.date(2026, 11, 30), 3, datetime.date(2027, 2, 28)),
    ],
)
def test_months_after_keeps_the_day_or_the_months_last(day, months, expected):
    assert services.months_after(day, months) == expected


def test_renewal_needs_the_cpd_hours_earned_since():
    expiring = course(
        title="Expiring", certificate_valid_months=12, renewal_cpd_hours=Decimal("6.0")
    )
    user = member_user()
    enrolment = complete(expiring, user)
    old = enrolment.certificate
    with pytest.raises(ValidationError, match=r"asks for 6\.0 CPD hours"):
        services.renew_certificate(enrolment=enrolment, by=user)
    complete(course(title="Another", lessons=1, questions=False), user)  # worth 6.0 hours
    new = services.renew_certificate(enrolment=enrolment, by=user)
    old.refresh_from_db()
    assert old.replaced_by == new
    enrolment.refresh_from_db()
    assert enrolment.certificate == new


def test_cpd_hours_by_year_add_up_completed_courses():
    user = member_user()
    complete(course(title="One", lessons=1, questions=False), user)
    complete(course(title="Two", lessons=1, questions=False), user)
    services.enrol(course=course(title="Three"), user=user)  # not completed: not counted
    ((_year, hours),) = queries.cpd_hours_by_year(user)
    assert hours == Decimal("12.0")  # 6.0 + 6.0


def test_progress_counts_required_lessons_and_quizzes_and_resumes():
    made = course(lessons=3)
    enrolment = services.enrol(course=made, user=member_user())
    lessons = list(Lesson.objects.filter(module__course=made))
    services.mark_lesson_done(enrolment=enrolment, lesson=lessons[0])
    progress = queries.progress_of(enrolment)
    # 1 of 3 lessons and 0 of 1 quiz: 1 of 4 = 25 %.
    assert (progress.lessons_done, progress.lessons, progress.quizzes) == (1, 3, 1)
    assert progress.percent == 25
    assert progress.next_lesson == lessons[1]


def test_lesson_of_another_course_is_refused():
    enrolment = services.enrol(course=course(), user=member_user())
    other = Lesson.objects.filter(module__course=course(title="Other")).first()
    with pytest.raises(ValidationError, match="is not part of this course"):
        services.mark_lesson_done(enrolment=enrolment, lesson=other)


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871"),
        ("http://youtu.be/dQw4w9WgXcQ", None),
        ("https://evil.example/embed/dQw4w9WgXcQ", None),
        ("https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ", None),
        ("https://youtu.be/short", None),
        ("javascript:alert(1)", None),
    ],
)
def test_only_allowed_video_hosts_are_embedded(address, expected):
    assert embed_url(address) == expected
