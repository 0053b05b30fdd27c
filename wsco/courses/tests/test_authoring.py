"""Authoring a course on the platform's pages: details, cohorts, outline, lessons, quizzes."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from wsco.core.tests.sample_files import pdf_bytes
from wsco.courses import authoring
from wsco.courses.models import Choice, Cohort, Course, CourseStatus, Lesson, Module, Question
from wsco.courses.tests.factories import complete, course, member_user, quiz_of, staff

pytestmark = pytest.mark.django_db

COURSE_FORM = {
    "title": "Air quality for city officials",
    "summary": "Measure and improve the air a city breathes.",
    "level": "introductory",
    "language": "en",
    "cpd_hours": "4.0",
    "mode": "cohort",
    "price": "0.00",
    "currency": "EUR",
    "themes": [],
}


def instructor_of(made: Course):
    user = member_user()
    made.instructors.add(user)
    return user


def test_an_instructor_creates_a_draft_course_and_teaches_it(client):
    teacher = instructor_of(course(title="An earlier course"))
    client.force_login(teacher)
    response = client.post("/courses/new/", COURSE_FORM | {"standards_text": "ISO 37120:2018\n"})
    made = Course.objects.get(title="Air quality for city officials")
    assert response.url == f"/courses/{made.slug}/edit/"
    assert made.status == CourseStatus.DRAFT
    assert list(made.instructors.all()) == [teacher]
    assert made.standards == ["ISO 37120:2018"]
    # A draft: its instructor sees it, a visitor is told nothing of it.
    assert client.get(made.get_absolute_url()).status_code == 200
    client.logout()
    assert client.get(made.get_absolute_url()).status_code == 404


def test_a_member_who_teaches_nothing_is_refused_a_new_course(client):
    client.force_login(member_user())
    assert client.get("/courses/new/").status_code == 403
    assert client.post("/courses/new/", COURSE_FORM).status_code == 403
    assert not Course.objects.filter(title=COURSE_FORM["title"]).exists()


def test_a_slug_never_takes_a_word_of_the_courses_urls():
    made = authoring.save_course(
        course=None,
        by=staff(),
        themes=[],
        instructor_emails=[],
        standards=[],
        prerequisites=[],
        **(
            {key: value for key, value in COURSE_FORM.items() if key != "themes"}
            | {"title": "New", "cpd_hours": 1}
        ),
    )
    assert made.slug == "new-2"


def test_an_unknown_instructor_address_is_named_and_nothing_is_saved(client):
    client.force_login(staff())
    response = client.post(
        "/courses/new/", COURSE_FORM | {"instructor_emails": "nobody@example.org"}
    )
    assert response.status_code == 200
    assert "nobody@example.org" in response.content.decode()
    assert not Course.objects.filter(title=COURSE_FORM["title"]).exists()


def test_instructor_of_another_course_cannot_edit_this_one(client):
    made = course()
    client.force_login(instructor_of(course(title="Their own course")))
    assert client.get(f"/courses/{made.slug}/edit/").status_code == 403
    with pytest.raises(PermissionDenied, match="Only the course's instructors and staff"):
        authoring.save_module(course=made, module=None, by=member_user(), title="Mine")


def test_an_instructor_adds_a_lesson_with_a_checked_attachment_and_a_video(client):
    made = course()
    module = made.modules.get()
    client.force_login(instructor_of(made))
    response = client.post(
        f"/courses/{made.slug}/edit/modules/{module.pk}/lessons/new/",
        {
            "module": module.pk,
            "title": "Reading the indicators",
            "body": "The **core** indicators <script>alert(1)</script>",
            "video_url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "minutes": "15",
            "required": "on",
            "attachment": SimpleUploadedFile("notes.pdf", pdf_bytes()),
        },
    )
    assert response.status_code == 302
    lesson = Lesson.objects.get(title="Reading the indicators")
    assert lesson.position == 3  # after the factory's two lessons
    assert lesson.attachment.name.endswith(".pdf")
    preview = client.get(f"/courses/{made.slug}/edit/preview/").content.decode()
    assert "<strong>core</strong>" in preview
    assert "<script>alert(1)" not in preview
    assert "youtube-nocookie.com/embed/dQw4w9WgXcQ" in preview


def test_a_lesson_refuses_a_video_host_off_the_list_and_a_file_that_is_not_a_pdf(client):
    made = course()
    module = made.modules.get()
    client.force_login(instructor_of(made))
    url = f"/courses/{made.slug}/edit/modules/{module.pk}/lessons/new/"
    base = {"module": module.pk, "title": "Elsewhere", "minutes": "10"}
    response = client.post(url, base | {"video_url": "https://videos.example.org/42"})
    assert "Only https links to YouTube or Vimeo" in response.content.decode()
    renamed = SimpleUploadedFile("notes.pdf", b"MZ\x90\x00 not a pdf at all")
    response = client.post(url, base | {"attachment": renamed})
    assert response.status_code == 200
    assert "attachment" in response.context["form"].errors
    assert not Lesson.objects.filter(title="Elsewhere").exists()


def test_modules_and_lessons_move_up_and_down(client):
    made = course(lessons=3)
    first = made.modules.get()
    second = authoring.save_module(course=made, module=None, by=staff(), title="Second")
    client.force_login(staff())
    client.post(f"/courses/{made.slug}/edit/modules/{second.pk}/move/", {"direction": "up"})
    assert list(made.modules.order_by("position").values_list("pk", flat=True)) == [
        second.pk,
        first.pk,
    ]
    lessons = list(first.lessons.order_by("position"))
    client.post(f"/courses/{made.slug}/edit/lessons/{lessons[0].pk}/move/", {"direction": "down"})
    assert list(first.lessons.order_by("position").values_list("title", flat=True)) == [
        "Lesson 2",
        "Lesson 1",
        "Lesson 3",
    ]
    # The first cannot go further up: nothing changes.
    client.post(f"/courses/{made.slug}/edit/lessons/{lessons[1].pk}/move/", {"direction": "up"})
    assert first.lessons.order_by("position").first().title == "Lesson 2"


def test_an_instructor_writes_a_quiz_question_with_its_right_answers(client):
    made = course(questions=False)
    module = made.modules.get()
    client.force_login(instructor_of(made))
    response = client.post(
        f"/courses/{made.slug}/edit/modules/{module.pk}/quizzes/new/",
        {"title": "Check", "pass_mark": "80", "max_attempts": "2", "required": "on"},
    )
    quiz = quiz_of(made)
    assert response.url == f"/courses/{made.slug}/edit/quizzes/{quiz.pk}/"
    assert (quiz.pass_mark, quiz.max_attempts) == (80, 2)
    answers = {
        "question-text": "Which are ISO 37120 themes?",
        "question-multiple": "on",
        "answers-TOTAL_FORMS": "3",
        "answers-INITIAL_FORMS": "0",
        "answers-0-text": "Water",
        "answers-0-is_correct": "on",
        "answers-1-text": "Astrology",
        "answers-2-text": "Energy",
        "answers-2-is_correct": "on",
    }
    client.post(f"/courses/{made.slug}/edit/quizzes/{quiz.pk}/questions/new/", answers)
    question = quiz.questions.get()
    assert list(question.choices.values_list("text", "is_correct")) == [
        ("Water", True),
        ("Astrology", False),
        ("Energy", True),
    ]
    # The learner's page never has them; the author's quiz page marks the right ones.
    page = client.get(f"/courses/{made.slug}/edit/quizzes/{quiz.pk}/").content.decode()
    assert page.count("(right)") == 2


@pytest.mark.parametrize(
    ("answers", "multiple", "refusal"),
    [
        ([("Yes", True)], False, "at least two answers"),
        ([("Yes", False), ("No", False)], False, "Mark the right answer"),
        ([("Yes", True), ("Also yes", True)], False, "Only one answer can be right"),
    ],
)
def test_a_question_needs_two_answers_and_its_right_ones(answers, multiple, refusal):
    made = course()
    with pytest.raises(ValidationError, match=refusal):
        authoring.save_question(
            course=made,
            quiz=quiz_of(made),
            question=None,
            by=staff(),
            text="New?",
            multiple=multiple,
            answers=answers,
        )
    assert not Question.objects.filter(text="New?").exists()


def test_an_attempted_quiz_keeps_its_answers_but_may_reword_them():
    made = course()
    complete(made)  # a learner passed the quiz
    question = quiz_of(made).questions.get(multiple=False)
    kept = list(question.choices.order_by("pk").values_list("pk", flat=True))
    authoring.save_question(
        course=made,
        quiz=question.quiz,
        question=question,
        by=staff(),
        text="Is ISO 37120 about city indicators?",
        multiple=False,
        answers=[("Yes, indicators", True), ("No", False), ("Only partly", False)],
    )
    assert list(question.choices.order_by("pk").values_list("pk", flat=True))[:2] == kept
    with pytest.raises(ValidationError, match="not removed"):
        authoring.save_question(
            course=made,
            quiz=question.quiz,
            question=question,
            by=staff(),
            text="Shorter",
            multiple=False,
            answers=[("Yes", True), ("No", False)],
        )
    assert Choice.objects.filter(question=question).count() == 3
    question.refresh_from_db()
    assert question.text == "Is ISO 37120 about city indicators?"  # the refused save left nothing


def test_staff_publish_and_archive_through_the_workflow_and_instructors_may_not(client):
    made = course(status="draft")
    teacher = instructor_of(made)
    client.force_login(teacher)
    client.post(f"/courses/{made.slug}/edit/status/", {"step": "publish"})
    made.refresh_from_db()
    assert made.status == CourseStatus.DRAFT
    client.force_login(staff())
    client.post(f"/courses/{made.slug}/edit/status/", {"step": "publish"})
    made.refresh_from_db()
    assert made.status == CourseStatus.PUBLISHED
    client.post(f"/courses/{made.slug}/edit/status/", {"step": "archive"})
    made.refresh_from_db()
    assert made.status == CourseStatus.ARCHIVED
    # Staff still reach an archived course's editor, to publish it again.
    assert client.get(f"/courses/{made.slug}/edit/").status_code == 200


def test_a_cohort_is_added_and_its_capacity_never_drops_under_its_seats(client):
    made = course(mode="cohort", capacity=3)
    client.force_login(staff())
    client.post(
        f"/courses/{made.slug}/edit/cohorts/new/",
        {"starts_on": "2099-09-01", "ends_on": "2099-10-31", "capacity": "25"},
    )
    assert made.cohorts.count() == 2
    first = made.cohorts.order_by("starts_on").first()
    Cohort.objects.filter(pk=first.pk).update(seats_taken=2)
    response = client.post(
        f"/courses/{made.slug}/edit/cohorts/{first.pk}/",
        {"starts_on": "2026-01-05", "ends_on": "2099-03-01", "capacity": "1"},
    )
    assert "2 seats are already taken" in response.content.decode()
    first.refresh_from_db()
    assert first.capacity == 3


def test_a_self_paced_course_runs_no_cohort():
    made = course()
    with pytest.raises(ValidationError, match="Only a course in cohort mode"):
        authoring.save_cohort(
            course=made,
            cohort=None,
            by=staff(),
            starts_on=datetime.date(2099, 1, 1),
            ends_on=datetime.date(2099, 2, 1),
            capacity=None,
        )


def test_a_lesson_moved_to_another_module_goes_last():
    made = course(lessons=2)
    first = made.modules.get()
    second = Module.objects.create(course=made, title="More", position=2)
    lesson = first.lessons.order_by("position").first()
    authoring.save_lesson(
        course=made,
        lesson=lesson,
        by=staff(),
        module=second,
        title=lesson.title,
        body="",
        video_url="",
        attachment=lesson.attachment,
        minutes=10,
        required=True,
    )
    lesson.refresh_from_db()
    assert (lesson.module, lesson.position) == (second, 1)
