"""A learner's course in Chromium, through the real pages: a member enrols, reads the two
lessons, fails the quiz, passes it on the second attempt and so completes the course, downloads
the certificate, and a visitor checks its code at /verify/. Then the course pages in Romanian,
and a learner's own pages on a phone and through axe."""

import pytest
from playwright.sync_api import expect

from tests.browser.axe import violations
from tests.browser.test_audits_journey import (
    check_certificate,
    download_pdf,
    sign_in,
    told,
    visit,
)
from tests.browser.test_every_page import WIDE_ELEMENTS
from tests.browser.test_groups_journey import submit
from wsco.courses import services
from wsco.courses.models import Enrolment, EnrolmentStatus, QuizAttempt
from wsco.courses.tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def start_quiz(page, button: str):
    """Start a new attempt at the quiz on the page."""
    submit(page, page.locator("main"), button)


def answer(page, choices: list[str], button: str = "Submit my answers"):
    """Tick `choices` (by their text, in whatever order the attempt shows them) and submit."""
    form = page.locator("main form")
    for choice in choices:
        form.get_by_label(choice, exact=True).check()
    submit(page, form, button)


def test_a_member_enrols_learns_passes_the_quiz_and_shows_the_certificate(page):
    course = factories.course(title="ISO 37120 audits in practice", lessons=2)
    quiz = factories.quiz_of(course)
    member = factories.member_user()

    # The member enrols from the course's page and resumes at the first lesson.
    sign_in(page, member)
    visit(page, course.get_absolute_url())
    submit(page, page.locator("main"), "Enrol")
    enrolment = Enrolment.objects.get(course=course, user=member)
    assert enrolment.status == EnrolmentStatus.ACTIVE
    with page.expect_navigation():
        page.get_by_role("link", name="Continue where you left off").click()
    expect(page.locator("h1")).to_have_text("Lesson 1")

    # Reads both lessons; marking the first done leads to the second, the second to the course.
    submit(page, page.locator("main"), "Mark as done")
    told(page, "Lesson marked as done.")
    expect(page.locator("h1")).to_have_text("Lesson 2")
    submit(page, page.locator("main"), "Mark as done")
    expect(page.locator("h1")).to_have_text(course.title)
    assert enrolment.progress.count() == 2

    # Fails the quiz: "No" to question 1, only the wrong answer B to question 2: 0 of 2, 0.0 %.
    with page.expect_navigation():
        page.get_by_role("link", name="Check your understanding").click()
    page.wait_for_load_state("networkidle")
    start_quiz(page, "Start the quiz")
    answer(page, ["No", "B: Astrology"])
    told(page, "Not passed: 0.0 %, the pass mark is 50 %.")
    expect(page.locator("main")).to_contain_text("2 attempts left.")
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ACTIVE

    # Passes on the second attempt: "Yes", and A and C: 2 of 2, 100.0 %; the course completes.
    start_quiz(page, "Try again")
    answer(page, ["Yes", "A: Water", "C: Energy"])
    told(page, "Passed, with 100.0 %.")
    scores = list(QuizAttempt.objects.filter(quiz=quiz).values_list("number", "passed"))
    assert scores == [(1, False), (2, True)]
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED
    certificate = enrolment.certificate
    assert certificate is not None

    # Downloads the certificate from the course's page.
    visit(page, course.get_absolute_url())
    expect(page.locator("main")).to_contain_text("Your progress")
    download_pdf(page, page.get_by_role("link", name="Download the certificate (PDF)"))

    # A visitor checks the certificate's code.
    sign_in(page, None)
    check_certificate(page, certificate.code, course.title)


def test_the_course_pages_speak_romanian(page):
    course = factories.course(
        title="ISO 37120 audits in practice",
        title_ro="Audituri ISO 37120 în practică",
        language="ro",
    )
    member = factories.member_user()

    # A visitor whose browser speaks Romanian: the catalogue and a course.
    sign_in(page, None, language="ro")
    visit(page, "/courses/")
    assert page.locator("html").get_attribute("lang") == "ro"
    expect(page.locator("h1")).to_contain_text("Cursuri")
    expect(page.locator("main")).to_contain_text("Audituri ISO 37120 în practică")
    visit(page, course.get_absolute_url())
    main = page.locator("main")
    expect(page.locator("h1")).to_have_text("Audituri ISO 37120 în practică")
    expect(main).to_contain_text("Structura cursului")
    expect(main).to_contain_text("Autentifică-te pentru a te înscrie.")

    # A member enrols in Romanian, opens a lesson, the quiz and their learning page.
    sign_in(page, member, language="ro")
    visit(page, course.get_absolute_url())
    submit(page, page.locator("main"), "Înscrie-te")
    expect(page.locator("main")).to_contain_text("Progresul tău")
    with page.expect_navigation():
        page.get_by_role("link", name="Continuă de unde ai rămas").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("main")).to_contain_text("Marchează ca terminată")
    visit(page, factories.quiz_of(course).get_absolute_url())
    start_quiz(page, "Începe testul")
    expect(page.locator("main")).to_contain_text("Trimite răspunsurile")
    visit(page, "/courses/mine/")
    expect(page.locator("h1")).to_contain_text("Învățarea mea")
    expect(page.locator("main")).to_contain_text("Audituri ISO 37120 în practică")


def test_a_learner_s_pages_hold_on_a_phone_and_pass_axe(page):
    """The pages only a learner opens (the matrix's roles are no course's learners, so the
    sweep of every page does not reach them): a quiz with a failed attempt and one under way,
    a lesson, a course in progress, and the learner's page with a certificate."""
    learning = factories.course(title="ISO 37120 audits in practice")
    done = factories.course(title="Project gates: from idea to delivery")
    member = factories.member_user()
    factories.complete(done, member)
    enrolment = services.enrol(course=learning, user=member)
    quiz = factories.quiz_of(learning)
    attempt = services.start_attempt(enrolment=enrolment, quiz=quiz)
    services.submit_attempt(attempt=attempt, answers=factories.wrong_answers(quiz))
    services.start_attempt(enrolment=enrolment, quiz=quiz)
    lesson = learning.modules.get().lessons.first()

    sign_in(page, member)
    page.set_viewport_size({"width": 390, "height": 844})
    for path in (
        quiz.get_absolute_url(),
        lesson.get_absolute_url(),
        learning.get_absolute_url(),
        done.get_absolute_url(),
        "/courses/mine/",
    ):
        visit(page, path)
        width = page.evaluate("document.documentElement.scrollWidth")
        wide = page.evaluate(WIDE_ELEMENTS)
        assert width <= 390, f"{path} scrolls sideways on a phone ({width}px wide): {wide}"
        assert violations(page) == [], path
    # Each course on the learner's page is a column: its progress bar spans the card.
    card, bar = page.locator("main section.card").first, page.locator("main progress").first
    assert bar.bounding_box()["width"] > 0.8 * card.bounding_box()["width"]


def test_an_instructor_writes_a_lesson_and_a_quiz_question_on_the_pages(page):
    course = factories.course(title="Open data for cities", status="draft", questions=False)
    module = course.modules.get()
    instructor = factories.member_user()
    course.instructors.add(instructor)

    # The instructor opens the draft's editor and adds a lesson in Markdown with a video.
    sign_in(page, instructor)
    visit(page, f"/courses/{course.slug}/edit/")
    expect(page.locator("h1")).to_contain_text("Editing Open data for cities")
    with page.expect_navigation():
        page.get_by_role("link", name=f"Add a lesson {module.title}").click()
    form = page.locator("main form")
    form.get_by_label("Title").fill("Publishing a data set")
    form.get_by_label("Text").fill("A data set needs a **licence** and a contact.")
    form.get_by_label("Video").fill("https://vimeo.com/76979871")
    submit(page, form, "Save")
    told(page, "The lesson is saved.")
    lesson = module.lessons.get(title="Publishing a data set")
    assert lesson.position == 3  # after the two lessons the course had
    expect(page.locator("main")).to_contain_text("Publishing a data set")

    # Moves it up one place, before "Lesson 2".
    submit(page, page.locator("main"), "Move up Publishing a data set")
    titles = list(module.lessons.order_by("position").values_list("title", flat=True))
    assert titles == ["Lesson 1", "Publishing a data set", "Lesson 2"]

    # Adds a quiz, then a question with two right answers of three.
    with page.expect_navigation():
        page.get_by_role("link", name=f"Add a quiz {module.title}").click()
    form = page.locator("main form")
    form.get_by_label("Title").fill("Check your data")
    form.get_by_label("Pass mark (%)").fill("60")
    submit(page, form, "Save")
    told(page, "The quiz is saved: now add its questions.")
    with page.expect_navigation():
        page.get_by_role("link", name="Add a question").click()
    form = page.locator("main form")
    form.get_by_label("Question").fill("What does an open data set need?")
    form.get_by_label("Several answers").check()
    form.get_by_label("Answer 1", exact=True).fill("A licence")
    form.get_by_label("Answer 1 is right").check()
    form.get_by_label("Answer 2", exact=True).fill("A password")
    form.get_by_label("Answer 3", exact=True).fill("A contact")
    form.get_by_label("Answer 3 is right").check()
    submit(page, form, "Save")
    told(page, "The question is saved.")
    question = factories.quiz_of(course).questions.get()
    assert list(question.choices.values_list("text", "is_correct")) == [
        ("A licence", True),
        ("A password", False),
        ("A contact", True),
    ]

    # The preview renders the Markdown, embeds the video and marks the right answers (the
    # player answers with an empty page: there is no network here).
    page.route(
        "https://player.vimeo.com/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body=""),
    )
    visit(page, f"/courses/{course.slug}/edit/preview/")
    main = page.locator("main")
    expect(main.locator("strong", has_text="licence")).to_be_visible()
    assert main.locator('iframe[src^="https://player.vimeo.com/video/76979871"]').count() == 1
    expect(main).to_contain_text("What does an open data set need?")
    assert violations(page) == []
