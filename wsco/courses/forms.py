"""The courses' authoring forms: a course, its cohorts, modules, lessons, quizzes and questions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wsco.core.forms import CleanTextMixin
from wsco.core.models import Theme
from wsco.courses.models import Cohort, Course, Lesson, Module, Question, Quiz

# A question shows this many answer rows; empty rows are left out.
ANSWER_ROWS = 6


class ThemeField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return str(obj.name)


class CourseForm(CleanTextMixin, forms.ModelForm):
    """A course's description and rules; its instructors are named by their email addresses."""

    themes = ThemeField(
        label=_("Themes"),
        queryset=Theme.objects.order_by("clause"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    standards_text = forms.CharField(
        label=_("Standards taught"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One reference a line, such as ISO 37120:2018."),
    )
    instructor_emails = forms.CharField(
        label=_("Instructors"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The email addresses of the instructors' accounts, one a line."),
    )

    class Meta:
        model = Course
        fields = [
            "title",
            "title_ro",
            "summary",
            "summary_ro",
            "level",
            "language",
            "cpd_hours",
            "mode",
            "price",
            "currency",
            "certificate_valid_months",
            "renewal_cpd_hours",
            "prerequisites",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "summary_ro": forms.Textarea(attrs={"rows": 3}),
            "prerequisites": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        others = Course.objects.published().order_by("title")
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
            self.fields["themes"].initial = list(self.instance.themes.all())
            self.fields["standards_text"].initial = "\n".join(self.instance.standards)
            self.fields["instructor_emails"].initial = "\n".join(
                self.instance.instructors.order_by("email").values_list("email", flat=True)
            )
        self.fields["prerequisites"].queryset = others

    def clean_standards_text(self) -> list[str]:
        lines = self.cleaned_data["standards_text"].splitlines()
        return [line.strip() for line in lines if line.strip()]

    def clean_instructor_emails(self) -> list[str]:
        lines = self.cleaned_data["instructor_emails"].replace(",", "\n").splitlines()
        return [line.strip().lower() for line in lines if line.strip()]


class CohortForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Cohort
        fields = ["starts_on", "ends_on", "capacity"]


class ModuleForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Module
        fields = ["title"]


class LessonForm(CleanTextMixin, forms.ModelForm):
    """A lesson: its module (to move it to another), text in Markdown, video and attachment."""

    video_url = forms.URLField(
        label=_("Video"),
        required=False,
        assume_scheme="https",
        help_text=_("A YouTube or Vimeo address."),
    )

    class Meta:
        model = Lesson
        fields = ["module", "title", "body", "video_url", "attachment", "minutes", "required"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}

    def __init__(self, *args, course: Course, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = course.modules.order_by("position", "pk")
        self.fields["module"].empty_label = None


class QuizForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Quiz
        fields = ["title", "pass_mark", "max_attempts", "required"]


class QuestionForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Question
        fields = ["text", "multiple"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class AnswerForm(CleanTextMixin, forms.Form):
    text = forms.CharField(label=_("Answer"), max_length=500, required=False)
    is_correct = forms.BooleanField(label=_("Right"), required=False)


AnswerFormSet = forms.formset_factory(AnswerForm, extra=0, max_num=ANSWER_ROWS, absolute_max=20)


def answer_rows(question: Question | None) -> list[dict]:
    """Return the initial answer rows of `question`'s form: its answers, then empty rows."""
    rows = []
    if question is not None:
        rows = [
            {"text": choice.text, "is_correct": choice.is_correct}
            for choice in question.choices.order_by("pk")
        ]
    return rows + [{}] * max(ANSWER_ROWS - len(rows), 0)
