"""The courses' learning pages: catalogue, course, lessons, quizzes, the learner's and
instructors' pages, and the staff report with its CSV export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wsco.accounts.access import staff_required
from wsco.core.charts import Series, bar_chart
from wsco.core.ids import InvalidNumberError, parse_id
from wsco.core.markdown import render_markdown
from wsco.core.models import Theme
from wsco.core.page_cache import cached_response
from wsco.core.spreadsheets import stream_csv
from wsco.courses import badges, queries, services
from wsco.courses.access import (
    enrolment_of,
    get_course_for_instructor,
    get_course_for_user,
    get_learning_enrolment,
    get_lesson_for_user,
    get_quiz_for_user,
    may_create_course,
    teaches,
)
from wsco.courses.changes import COURSES
from wsco.courses.models import (
    Choice,
    Cohort,
    Course,
    Enrolment,
    EnrolmentStatus,
    Level,
    Question,
    QuizAttempt,
)


def refused(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def act(request, run, success: str, back):
    """Run `run()` (a service call) and go back to `back`, with its success or its refusal."""
    try:
        run()
    except ValidationError as error:
        refused(request, error)
    else:
        messages.success(request, success)
    return redirect(back)


def course_list(request):
    """The catalogue of published courses, filtered by theme, level and language.

    The visitors' copy comes from the page cache until a course changes (data set `courses`).
    """

    def render_list(extra_context: dict):
        courses = (
            Course.objects.published()
            .prefetch_related(
                "themes",
                Prefetch(
                    "cohorts",
                    queryset=Cohort.objects.filter(ends_on__gte=timezone.localdate()),
                    to_attr="open_cohorts",
                ),
            )
            .order_by("title")
        )
        chosen = {key: request.GET.get(key, "") for key in ("theme", "level", "language")}
        if chosen["theme"]:
            courses = courses.filter(themes__slug=chosen["theme"])
        if chosen["level"] in Level.values:
            courses = courses.filter(level=chosen["level"])
        if chosen["language"]:
            courses = courses.filter(language=chosen["language"])
        context = {
            "courses": courses,
            "chosen": chosen,
            "themes": Theme.objects.order_by("slug"),
            "levels": Level.choices,
            "languages": Course._meta.get_field("language").choices,
            "may_create": may_create_course(request.user),
        }
        return render(request, "courses/list.html", context | extra_context)

    if request.user.is_authenticated:
        return render_list({})
    return cached_response(request, data_set=COURSES, variant="visitor", render=render_list)


def course_detail(request, slug: str):
    course = get_course_for_user(request.user, slug)
    modules = queries.outline(course)
    enrolment = enrolment_of(request.user, course)
    progress = None
    if enrolment is not None and enrolment.status != EnrolmentStatus.CANCELLED:
        progress = queries.progress_of(enrolment, modules)
    cohorts = queries.open_cohorts(course, today=timezone.localdate()) if course.is_cohort else []
    return render(
        request,
        "courses/course.html",
        {
            "course": course,
            "modules": modules,
            "enrolment": enrolment,
            "progress": progress,
            "cohorts": cohorts,
            "prerequisites": course.prerequisites.all(),
            "instructors": course.instructors.select_related("profile"),
            "teaches": teaches(request.user, course),
        },
    )


def _chosen_cohort(request, course: Course) -> Cohort | None:
    """Return the cohort the enrolment form chose, if the course runs cohorts."""
    if not course.is_cohort:
        return None
    try:
        cohort_id = parse_id(request.POST.get("cohort"), field="cohort")
    except InvalidNumberError:
        raise ValidationError(_("Choose a cohort.")) from None
    return get_object_or_404(Cohort, pk=cohort_id, course=course)


@require_POST
@login_required
def enrol(request, slug: str):
    course = get_course_for_user(request.user, slug)
    return act(
        request,
        lambda: services.enrol(
            course=course, user=request.user, cohort=_chosen_cohort(request, course)
        ),
        _("You are enrolled."),
        course.get_absolute_url(),
    )


@login_required
def lesson(request, slug: str, lesson_id: int):
    course = get_course_for_user(request.user, slug)
    lesson = get_lesson_for_user(request.user, course, lesson_id)
    enrolment = None
    if not teaches(request.user, course):
        enrolment = get_learning_enrolment(request.user, course)
        services.open_lesson(enrolment=enrolment, lesson=lesson)
    done = enrolment is not None and enrolment.progress.filter(lesson=lesson).exists()
    return render(
        request,
        "courses/lesson.html",
        {
            "course": course,
            "lesson": lesson,
            "body": render_markdown(lesson.body),
            "enrolment": enrolment,
            "done": done,
        },
    )


@require_POST
@login_required
def lesson_done(request, slug: str, lesson_id: int):
    course = get_course_for_user(request.user, slug)
    lesson = get_lesson_for_user(request.user, course, lesson_id)
    enrolment = get_learning_enrolment(request.user, course)
    act(
        request,
        lambda: services.mark_lesson_done(enrolment=enrolment, lesson=lesson),
        _("Lesson marked as done."),
        course.get_absolute_url(),
    )
    progress = queries.progress_of(enrolment)
    following = progress.next_lesson
    return redirect(following.get_absolute_url() if following else course.get_absolute_url())


def _answers_from(request, attempt: QuizAttempt) -> dict[int, list[int]]:
    answers = {}
    for question_id, _choices in attempt.layout:
        values = request.POST.getlist(f"question_{question_id}")
        try:
            answers[question_id] = [parse_id(value, field="answer") for value in values]
        except InvalidNumberError:
            raise ValidationError(_("An answer was not recognised.")) from None
    return answers


def _shown_questions(attempt: QuizAttempt) -> list[dict]:
    """The attempt's questions and answers in its order, without saying which are right."""
    questions = Question.objects.in_bulk([question_id for question_id, _c in attempt.layout])
    choice_ids = [choice_id for _q, choices in attempt.layout for choice_id in choices]
    choices = Choice.objects.only("pk", "text").in_bulk(choice_ids)
    return [
        {
            "question": questions[question_id],
            "choices": [choices[choice_id] for choice_id in order],
            "chosen": attempt.answers.get(str(question_id), []),
        }
        for question_id, order in attempt.layout
    ]


@login_required
def quiz(request, slug: str, quiz_id: int):
    """A quiz: the attempt under way and its submission, past scores, a button to start one.

    The page never says which answers are right: not before submission, and not after, so a
    next attempt still asks something.
    """
    course = get_course_for_user(request.user, slug)
    quiz = get_quiz_for_user(request.user, course, quiz_id)
    enrolment = get_learning_enrolment(request.user, course)
    past = list(enrolment.attempts.filter(quiz=quiz, submitted_at__isnull=False))
    attempt = enrolment.attempts.filter(quiz=quiz, submitted_at__isnull=True).first()
    if request.method == "POST":
        if attempt is None:
            raise Http404
        try:
            result = services.submit_attempt(
                attempt=attempt, answers=_answers_from(request, attempt)
            )
        except ValidationError as error:
            refused(request, error)
        else:
            if result.passed:
                messages.success(request, _("Passed, with %(score)s %%.") % {"score": result.score})
            else:
                messages.error(
                    request,
                    _("Not passed: %(score)s %%, the pass mark is %(mark)s %%.")
                    % {"score": result.score, "mark": quiz.pass_mark},
                )
            return redirect(quiz.get_absolute_url())
    return render(
        request,
        "courses/quiz.html",
        {
            "course": course,
            "quiz": quiz,
            "attempt": attempt,
            "questions": _shown_questions(attempt) if attempt else [],
            "past": past,
            "passed": any(a.passed for a in past),
            "attempts_left": None if quiz.max_attempts is None else quiz.max_attempts - len(past),
        },
    )


@login_required
@require_POST
def quiz_start(request, slug: str, quiz_id: int):
    """Start an attempt at a quiz (its questions and answers in a new order), then show it."""
    course = get_course_for_user(request.user, slug)
    quiz = get_quiz_for_user(request.user, course, quiz_id)
    enrolment = get_learning_enrolment(request.user, course)
    try:
        services.start_attempt(enrolment=enrolment, quiz=quiz)
    except ValidationError as error:
        refused(request, error)
    return redirect(quiz.get_absolute_url())


@login_required
def my_learning(request):
    """The learner's page: courses with progress, next lesson, certificates, CPD hours by year."""
    enrolments = list(
        Enrolment.objects.filter(user=request.user)
        .exclude(status=EnrolmentStatus.CANCELLED)
        .select_related("course", "certificate")
    )
    rows = [
        {"enrolment": enrolment, "progress": queries.progress_of(enrolment)}
        for enrolment in enrolments
    ]
    return render(
        request,
        "courses/mine.html",
        {"rows": rows, "hours_by_year": queries.cpd_hours_by_year(request.user)},
    )


@login_required
def learners(request, slug: str):
    """Instructors' view: each learner's progress and quiz scores."""
    course = get_course_for_instructor(request.user, slug)
    return render(
        request, "courses/learners.html", {"course": course, "rows": queries.learners_of(course)}
    )


def _report_chart(figures):
    return bar_chart(
        title=_("Enrolments and completions by course and cohort"),
        description=_(
            "For each course, and each cohort of a course run in cohorts, the learners "
            "enrolled and those who completed it."
        ),
        category_name=_("Course"),
        categories=[row.label for row in figures],
        series=[
            Series(_("Enrolled"), [row.enrolled for row in figures]),
            Series(_("Completed"), [row.completed for row in figures]),
        ],
    )


@staff_required
def staff_report(request):
    figures = queries.figures_by_course()
    chart = _report_chart(figures) if figures else ""
    return render(request, "courses/report.html", {"figures": figures, "chart": chart})


@staff_required
def staff_report_csv(request):
    header = [
        _("Course"),
        _("Cohort"),
        _("Enrolled"),
        _("Learning"),
        _("Completed"),
        _("Awaiting payment"),
        _("Cancelled"),
        _("Completion (%)"),
    ]
    rows = (
        [
            row.course.title,
            str(row.cohort) if row.cohort else "",
            row.enrolled,
            row.learning,
            row.completed,
            row.awaiting_payment,
            row.cancelled,
            row.completion_percent,
        ]
        for row in queries.figures_by_course()
    )
    response = StreamingHttpResponse(stream_csv([header, *rows]), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="course-enrolments.csv"'
    return response


def _completed_enrolment(request, slug: str) -> Enrolment:
    course = get_course_for_user(request.user, slug)
    enrolment = enrolment_of(request.user, course)
    if enrolment is None or enrolment.certificate is None:
        raise PermissionDenied(_("Only a learner who completed the course has its certificate."))
    return enrolment


@login_required
def open_badge(request, slug: str):
    """The learner's certificate as an Open Badges 3.0 credential, to download."""
    enrolment = _completed_enrolment(request, slug)
    response = JsonResponse(badges.credential(enrolment), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = (
        f'attachment; filename="{enrolment.course.slug}-{enrolment.certificate.code}.json"'
    )
    return response


@require_POST
@login_required
def profile_display(request, slug: str):
    enrolment = _completed_enrolment(request, slug)
    shown = request.POST.get("shown") == "1"
    services.show_on_profile(enrolment=enrolment, shown=shown, by=request.user)
    messages.success(
        request,
        _("The certificate shows on your public profile.")
        if shown
        else _("The certificate no longer shows on your profile."),
    )
    return redirect("courses:mine")


@require_POST
@login_required
def renew(request, slug: str):
    enrolment = _completed_enrolment(request, slug)
    return act(
        request,
        lambda: services.renew_certificate(enrolment=enrolment, by=request.user),
        _("Your certificate was renewed."),
        "courses:mine",
    )
