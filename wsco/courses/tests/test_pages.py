"""The courses' pages: a learner's journey, what the quiz page never shows, filters, API, CSV."""

import datetime
import json
import re

import pytest

from wsco.courses.models import Choice, EnrolmentStatus, Lesson, QuizAttempt
from wsco.courses.tests.factories import complete, course, member_user, quiz_of, staff

pytestmark = pytest.mark.django_db


def _answer_form(attempt, answers):
    return {f"question_{question_id}": answers[question_id] for question_id, _c in attempt.layout}


def test_learner_enrols_reads_fails_passes_and_gets_a_certificate(client):
    made = course(pass_mark=100)
    quiz = quiz_of(made)
    user = member_user()
    client.force_login(user)
    client.post(f"/courses/{made.slug}/enrol/")
    enrolment = made.enrolments.get(user=user)
    for lesson in Lesson.objects.filter(module__course=made):
        assert client.get(lesson.get_absolute_url()).status_code == 200
        client.post(f"{lesson.get_absolute_url()}done/")
    client.post(f"{quiz.get_absolute_url()}start/")
    page = client.get(quiz.get_absolute_url()).content.decode()
    # No answer is marked right in the page: the word and the field never reach the browser.
    assert "is_correct" not in page
    assert "correct" not in page.lower()
    attempt = QuizAttempt.objects.get(enrolment=enrolment)
    wrong = {
        q.pk: [c.pk for c in q.choices.all() if not c.is_correct][:1] for q in quiz.questions.all()
    }
    client.post(quiz.get_absolute_url(), _answer_form(attempt, wrong))
    attempt.refresh_from_db()
    assert (attempt.score, attempt.passed) == (0, False)
    client.post(f"{quiz.get_absolute_url()}start/")
    second = QuizAttempt.objects.get(enrolment=enrolment, number=2)
    right = {q.pk: [c.pk for c in q.choices.all() if c.is_correct] for q in quiz.questions.all()}
    client.post(quiz.get_absolute_url(), _answer_form(second, right))
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED
    code = enrolment.certificate.code
    client.logout()
    assert made.title in client.get(f"/verify/{code}/").content.decode()


def test_quiz_page_shows_the_attempts_order_without_the_right_answers(client):
    made = course()
    user = member_user()
    client.force_login(user)
    client.post(f"/courses/{made.slug}/enrol/")
    client.post(f"{quiz_of(made).get_absolute_url()}start/")
    html = client.get(quiz_of(made).get_absolute_url()).content.decode()
    attempt = QuizAttempt.objects.get()
    shown = [int(pk) for pk in re.findall(r'id="choice-(\d+)"', html)]
    assert shown == [choice for _q, choices in attempt.layout for choice in choices]
    assert set(shown) == set(Choice.objects.values_list("pk", flat=True))


def test_only_a_post_starts_an_attempt(client):
    made = course()
    quiz = quiz_of(made)
    client.force_login(member_user())
    client.post(f"/courses/{made.slug}/enrol/")
    # Opening the quiz, or its start address with GET, starts nothing.
    html = client.get(quiz.get_absolute_url()).content.decode()
    assert "Start the quiz" in html
    assert 'id="choice-' not in html
    assert client.get(f"{quiz.get_absolute_url()}start/").status_code == 405
    assert client.get(f"{quiz.get_absolute_url()}?start=1").status_code == 200
    assert not QuizAttempt.objects.exists()
    # The form's POST starts one; a second POST while it is open starts no other.
    response = client.post(f"{quiz.get_absolute_url()}start/")
    assert response.status_code == 302
    assert response["Location"] == quiz.get_absolute_url()
    client.post(f"{quiz.get_absolute_url()}start/")
    assert QuizAttempt.objects.count() == 1
    assert 'id="choice-' in client.get(quiz.get_absolute_url()).content.decode()


def test_catalogue_filters_by_language_and_hides_drafts(client):
    course(title="Audits in English", language="en")
    course(title="Audituri în română", language="ro")
    course(title="Unfinished", status="draft")
    html = client.get("/courses/?language=ro").content.decode()
    assert "Audituri în română" in html
    assert "Audits in English" not in html
    assert "Unfinished" not in client.get("/courses/").content.decode()


def test_api_lists_the_published_catalogue(client):
    course(title="Published one")
    course(title="Draft one", status="draft")
    body = client.get("/api/v1/courses").json()
    assert [item["title"] for item in body["items"]] == ["Published one"]


def test_open_badge_is_the_learners_credential(client):
    made = course(certificate_valid_months=12)
    enrolment = complete(made)
    client.force_login(enrolment.user)
    body = json.loads(client.get(f"/courses/{made.slug}/badge.json").content)
    assert body["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert body["id"].endswith(f"/verify/{enrolment.certificate.code}/")
    assert body["credentialSubject"]["achievement"]["name"] == made.title
    assert body["validUntil"].startswith(enrolment.certificate.valid_until.isoformat())


def test_staff_csv_counts_enrolments_and_completions(client):
    made = course(title="Counted")
    complete(made)
    from wsco.courses import services

    services.enrol(course=made, user=member_user())
    client.force_login(staff())
    csv = b"".join(client.get("/courses/report.csv").streaming_content).decode()
    # 2 enrolled, 1 learning, 1 completed, 0 awaiting, 0 cancelled: 1 of 2 = 50 %.
    assert '"Counted","",2,1,1,0,0,50' in csv


def test_staff_report_counts_each_cohort_apart(client):
    from wsco.courses import services
    from wsco.courses.models import Cohort
    from wsco.courses.tests.factories import first_cohort

    made = course(title="Mobility", mode="cohort", capacity=10)
    spring = first_cohort(made)
    autumn = Cohort.objects.create(
        course=made, starts_on=datetime.date(2099, 9, 1), ends_on=datetime.date(2099, 10, 31)
    )
    complete(made)  # in the first cohort
    services.enrol(course=made, user=member_user(), cohort=spring)
    services.enrol(course=made, user=member_user(), cohort=autumn)
    client.force_login(staff())
    page = client.get("/courses/report/").content.decode()
    assert f"Mobility ({autumn})" in page  # the chart's category for the second cohort
    csv = b"".join(client.get("/courses/report.csv").streaming_content).decode()
    # Spring: 2 enrolled, 1 learning, 1 completed: 50 %. Autumn: 1 enrolled, learning: 0 %.
    assert f'"Mobility","{spring}",2,1,1,0,0,50' in csv
    assert f'"Mobility","{autumn}",1,1,0,0,0,0' in csv


def test_a_cohort_course_enrols_in_the_cohort_chosen(client):
    from wsco.courses.tests.factories import first_cohort

    made = course(title="Mobility", mode="cohort", capacity=10)
    user = member_user()
    client.force_login(user)
    page = client.get(made.get_absolute_url()).content.decode()
    assert 'name="cohort"' in page
    client.post(f"/courses/{made.slug}/enrol/", {"cohort": "not a number"})
    assert not made.enrolments.exists()
    client.post(f"/courses/{made.slug}/enrol/", {"cohort": first_cohort(made).pk})
    assert made.enrolments.get().cohort == first_cohort(made)
