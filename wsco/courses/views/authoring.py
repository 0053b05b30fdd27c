"""The authoring pages: a course's details, cohorts, outline (in order), lessons, quizzes and
questions, a preview, and its publication; for the course's instructors and staff.

Every page reaches the course through `access.get_course_for_author`, and every write goes
through `wsco/courses/authoring.py` (or the course's workflow for its state).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from wsco.core.markdown import render_markdown
from wsco.courses import authoring, forms, queries, services
from wsco.courses.access import (
    get_cohort_for_author,
    get_course_for_author,
    get_lesson_for_author,
    get_module_for_author,
    get_question_for_author,
    get_quiz_for_author,
    may_create_course,
)
from wsco.courses.models import COURSE_WORKFLOW, Course

# Each step of the course's workflow: its button, and what the author is told once taken.
STEPS = {
    "publish": (gettext_lazy("Publish"), gettext_lazy("The course is published.")),
    "withdraw": (gettext_lazy("Back to a draft"), gettext_lazy("The course is a draft again.")),
    "archive": (gettext_lazy("Archive"), gettext_lazy("The course is archived.")),
}


def _edit_url(course: Course) -> str:
    return reverse("courses:edit", kwargs={"slug": course.slug})


def _saved(form, save) -> object | None:
    """Run `save()` for a valid form; put a refusal on the form. Return what was saved."""
    if not form.is_valid():
        return None
    try:
        return save()
    except ValidationError as error:
        form.add_error(None, error)
    return None


def _form_page(request, course: Course | None, form, *, title: str, back: str, extra=None):
    context = {"course": course, "form": form, "title": title, "back": back}
    return render(request, "courses/author/form.html", context | (extra or {}))


def _course_fields(form) -> dict:
    data = form.cleaned_data
    return {
        "themes": data["themes"],
        "instructor_emails": data["instructor_emails"],
        "standards": data["standards_text"],
        "prerequisites": data["prerequisites"],
        **{
            name: data[name]
            for name in forms.CourseForm.Meta.fields
            if name not in {"prerequisites"}
        },
    }


@login_required
def new_course(request):
    """Start a course: a draft its author then fills with modules, lessons and quizzes."""
    if not may_create_course(request.user):
        raise PermissionDenied(_("Only staff and instructors create courses."))
    form = forms.CourseForm(request.POST or None)
    if request.method == "POST":
        course = _saved(
            form,
            lambda: authoring.save_course(course=None, by=request.user, **_course_fields(form)),
        )
        if course is not None:
            messages.success(request, _("The course is created as a draft."))
            return redirect(_edit_url(course))
    return _form_page(request, None, form, title=_("New course"), back=reverse("courses:list"))


@login_required
def edit_course(request, slug: str):
    """A course's details, its cohorts, its outline in order, and its state."""
    course = get_course_for_author(request.user, slug)
    form = forms.CourseForm(request.POST or None, instance=course)
    if request.method == "POST":
        saved = _saved(
            form,
            lambda: authoring.save_course(course=course, by=request.user, **_course_fields(form)),
        )
        if saved is not None:
            messages.success(request, _("The course is saved."))
            return redirect(_edit_url(saved))
        course.refresh_from_db()
    return render(
        request,
        "courses/author/edit.html",
        {
            "course": course,
            "form": form,
            "modules": queries.outline(course),
            "cohorts": course.cohorts.order_by("starts_on", "pk"),
            "steps": [
                (name, button)
                for name, (button, _done) in STEPS.items()
                if request.user.is_staff and COURSE_WORKFLOW.allows(course, name)
            ],
        },
    )


@require_POST
@login_required
def change_status(request, slug: str):
    """Publish, withdraw or archive the course (staff), through its workflow."""
    course = get_course_for_author(request.user, slug)
    step = request.POST.get("step", "")
    if step not in STEPS:
        raise Http404
    try:
        services.change_course_status(course=course, step=step, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, STEPS[step][1])
    return redirect(_edit_url(course))


@login_required
def preview(request, slug: str):
    """The course as its learners will read it: every lesson's text and video, every quiz."""
    course = get_course_for_author(request.user, slug)
    modules = queries.outline(course)
    questions = queries.questions_of(course)
    for module in modules:
        for quiz in module.quizzes.all():
            quiz.preview_questions = questions.get(quiz.pk, [])
    return render(request, "courses/author/preview.html", {"course": course, "modules": modules})


@login_required
def cohort(request, slug: str, cohort_id: int | None = None):
    course = get_course_for_author(request.user, slug)
    found = get_cohort_for_author(course, cohort_id) if cohort_id else None
    form = forms.CohortForm(request.POST or None, instance=found)
    if request.method == "POST":
        fields = lambda: {name: form.cleaned_data[name] for name in form.Meta.fields}  # noqa: E731
        saved = _saved(
            form,
            lambda: authoring.save_cohort(course=course, cohort=found, by=request.user, **fields()),
        )
        if saved is not None:
            messages.success(request, _("The cohort is saved."))
            return redirect(_edit_url(course))
    title = _("Change the cohort") if found else _("New cohort")
    return _form_page(request, course, form, title=title, back=_edit_url(course))


@login_required
def module(request, slug: str, module_id: int | None = None):
    course = get_course_for_author(request.user, slug)
    found = get_module_for_author(course, module_id) if module_id else None
    form = forms.ModuleForm(request.POST or None, instance=found)
    if request.method == "POST":
        saved = _saved(
            form,
            lambda: authoring.save_module(
                course=course, module=found, by=request.user, title=form.cleaned_data["title"]
            ),
        )
        if saved is not None:
            messages.success(request, _("The module is saved."))
            return redirect(_edit_url(course))
    title = _("Change the module") if found else _("New module")
    return _form_page(request, course, form, title=title, back=_edit_url(course))


def _move(request, course: Course, item) -> object:
    authoring.move(
        course=course, item=item, up=request.POST.get("direction") == "up", by=request.user
    )
    return redirect(_edit_url(course) + f"#module-{getattr(item, 'module_id', item.pk)}")


@require_POST
@login_required
def move_module(request, slug: str, module_id: int):
    course = get_course_for_author(request.user, slug)
    return _move(request, course, get_module_for_author(course, module_id))


@require_POST
@login_required
def move_lesson(request, slug: str, lesson_id: int):
    course = get_course_for_author(request.user, slug)
    return _move(request, course, get_lesson_for_author(course, lesson_id))


def _lesson_page(request, course: Course, found, initial_module=None):
    form = forms.LessonForm(
        request.POST or None,
        request.FILES or None,
        instance=found,
        course=course,
        initial={"module": initial_module} if initial_module else None,
    )
    if request.method == "POST":
        fields = lambda: {name: form.cleaned_data[name] for name in form.Meta.fields}  # noqa: E731
        saved = _saved(
            form,
            lambda: authoring.save_lesson(course=course, lesson=found, by=request.user, **fields()),
        )
        if saved is not None:
            messages.success(request, _("The lesson is saved."))
            return redirect(_edit_url(course) + f"#module-{saved.module_id}")
    body = render_markdown(found.body) if found is not None else ""
    title = _("Change the lesson") if found else _("New lesson")
    return _form_page(
        request,
        course,
        form,
        title=title,
        back=_edit_url(course),
        extra={"lesson": found, "body": body, "multipart": True},
    )


@login_required
def new_lesson(request, slug: str, module_id: int):
    course = get_course_for_author(request.user, slug)
    return _lesson_page(request, course, None, get_module_for_author(course, module_id))


@login_required
def edit_lesson(request, slug: str, lesson_id: int):
    course = get_course_for_author(request.user, slug)
    return _lesson_page(request, course, get_lesson_for_author(course, lesson_id))


def _quiz_fields(form) -> dict:
    return {name: form.cleaned_data[name] for name in forms.QuizForm.Meta.fields}


@login_required
def new_quiz(request, slug: str, module_id: int):
    course = get_course_for_author(request.user, slug)
    found_module = get_module_for_author(course, module_id)
    form = forms.QuizForm(request.POST or None)
    if request.method == "POST":
        saved = _saved(
            form,
            lambda: authoring.save_quiz(
                course=course, module=found_module, quiz=None, by=request.user, **_quiz_fields(form)
            ),
        )
        if saved is not None:
            messages.success(request, _("The quiz is saved: now add its questions."))
            return redirect("courses:edit_quiz", slug=course.slug, quiz_id=saved.pk)
    return _form_page(request, course, form, title=_("New quiz"), back=_edit_url(course))


@login_required
def edit_quiz(request, slug: str, quiz_id: int):
    """A quiz's title, pass mark and attempts, and its questions with their answers."""
    course = get_course_for_author(request.user, slug)
    found = get_quiz_for_author(course, quiz_id)
    form = forms.QuizForm(request.POST or None, instance=found)
    if request.method == "POST":
        saved = _saved(
            form,
            lambda: authoring.save_quiz(
                course=course,
                module=found.module,
                quiz=found,
                by=request.user,
                **_quiz_fields(form),
            ),
        )
        if saved is not None:
            messages.success(request, _("The quiz is saved."))
            return redirect("courses:edit_quiz", slug=course.slug, quiz_id=found.pk)
    return render(
        request,
        "courses/author/quiz.html",
        {
            "course": course,
            "quiz": found,
            "form": form,
            "questions": found.questions.prefetch_related("choices"),
        },
    )


def _question_page(request, course: Course, quiz, found):
    form = forms.QuestionForm(request.POST or None, instance=found, prefix="question")
    # Rows the same as their initial value would count as left empty: a posted form has none.
    initial = None if request.method == "POST" else forms.answer_rows(found)
    answers = forms.AnswerFormSet(request.POST or None, initial=initial, prefix="answers")
    if request.method == "POST" and answers.is_valid():
        rows = [(row["text"], row["is_correct"]) for row in answers.cleaned_data if row.get("text")]
        saved = _saved(
            form,
            lambda: authoring.save_question(
                course=course,
                quiz=quiz,
                question=found,
                by=request.user,
                text=form.cleaned_data["text"],
                multiple=form.cleaned_data["multiple"],
                answers=rows,
            ),
        )
        if saved is not None:
            messages.success(request, _("The question is saved."))
            return redirect("courses:edit_quiz", slug=course.slug, quiz_id=quiz.pk)
    title = _("Change the question") if found else _("New question")
    back = reverse("courses:edit_quiz", kwargs={"slug": course.slug, "quiz_id": quiz.pk})
    return _form_page(request, course, form, title=title, back=back, extra={"answers": answers})


@login_required
def new_question(request, slug: str, quiz_id: int):
    course = get_course_for_author(request.user, slug)
    return _question_page(request, course, get_quiz_for_author(course, quiz_id), None)


@login_required
def edit_question(request, slug: str, question_id: int):
    course = get_course_for_author(request.user, slug)
    found = get_question_for_author(course, question_id)
    return _question_page(request, course, found.quiz, found)
