"""Forms of the publications app: submission, review, decisions, issues and posts."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wsco.core.forms import CleanTextMixin, search_field
from wsco.core.models import Theme
from wsco.core.translated import fields_in_every_language
from wsco.core.uploads import UploadFormField
from wsco.members.models import Profile
from wsco.publications.models import Issue, Post, Recommendation
from wsco.publications.reviewers import reviewer_pool


def require_cover_description(form) -> str:
    """Ask for a description of the cover whenever there is a cover (for screen readers)."""
    description = form.cleaned_data.get("cover_alt", "")
    has_cover = form.files.get("cover") or (
        form.instance.cover and not form.data.get("cover-clear")
    )
    if has_cover and not description:
        raise forms.ValidationError(_("Describe the cover for people who cannot see it."))
    return description


class ThemesField(forms.ModelMultipleChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            queryset=Theme.objects.all(),
            widget=forms.CheckboxSelectMultiple,
            required=False,
            label=_("Themes"),
            **kwargs,
        )


class ArticleForm(CleanTextMixin, forms.Form):
    """What an author writes: used to submit, to revise and, by editors, to copy-edit."""

    title = forms.CharField(label=_("Title"), max_length=250)
    title_ro = forms.CharField(
        label=_("Title in Romanian"),
        max_length=250,
        required=False,
        help_text=_("Readers of the Romanian pages see it; without it, they see the title above."),
    )
    abstract = forms.CharField(
        label=_("Abstract"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A few sentences that say what the article brings; plain text."),
    )
    abstract_ro = forms.CharField(
        label=_("Abstract in Romanian"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    body = forms.CharField(
        label=_("Article"),
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_("Markdown: ## headings, **bold**, *italic*, lists, [links](https://…)."),
    )
    themes = ThemesField()


class RevisionForm(ArticleForm):
    message = forms.CharField(
        label=_("What you changed"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CopyEditForm(ArticleForm):
    done = forms.BooleanField(
        label=_("The copy-edit is finished: the article is ready for an issue"), required=False
    )


class GuestAuthorForm(CleanTextMixin, forms.Form):
    """An editor submits for someone who is not a member."""

    guest_name = forms.CharField(label=_("Guest author's name"), max_length=150, required=False)
    guest_bio = forms.CharField(
        label=_("Guest author's bio"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Markdown."),
    )
    guest_photo = UploadFormField(label=_("Guest author's photo"), kind="photo", required=False)


class ArticleImageForm(CleanTextMixin, forms.Form):
    image = UploadFormField(
        label=_("Image"), kind="figure", help_text=_("JPEG, PNG, WebP or GIF, at most 2 MB.")
    )
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)
    alt_text = forms.CharField(
        label=_("Description for screen readers"),
        max_length=300,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    is_lead = forms.BooleanField(
        label=_("The lead picture: show it above the article and on its card"), required=False
    )


class ReviewerSearchForm(CleanTextMixin, forms.Form):
    """The editors' search for a reviewer (a GET form beside the assignment)."""

    reviewer_q = search_field(
        label=_("Find a reviewer"), help_text=_("By name, organization or theme.")
    )

    def text(self) -> str:
        """Return the words searched for, or "" when there are none (or they are refused)."""
        return self.cleaned_data["reviewer_q"] if self.is_valid() else ""


class AssignReviewerForm(CleanTextMixin, forms.Form):
    # Chosen among the suggested and found members (`wsco.publications.reviewers`), which the
    # submission page lists as radio buttons: never one long list of every member.
    reviewer = forms.ModelChoiceField(
        label=_("Reviewer"),
        queryset=Profile.objects.none(),
        help_text=_("A current member."),
        error_messages={"required": _("Choose a reviewer among the suggested or found members.")},
    )
    due_on = forms.DateField(label=_("Review due on"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = reviewer_pool().select_related("user")
        if not self.is_bound:
            self.initial.setdefault("due_on", timezone.localdate() + timezone.timedelta(days=21))

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on < timezone.localdate():
            raise forms.ValidationError(_("The deadline cannot be in the past."))
        return due_on


class ReviewForm(CleanTextMixin, forms.Form):
    recommendation = forms.ChoiceField(
        label=_("Recommendation"), choices=Recommendation.choices, widget=forms.RadioSelect
    )
    comments_for_author = forms.CharField(
        label=_("Comments for the author"), widget=forms.Textarea(attrs={"rows": 8})
    )
    comments_for_editor = forms.CharField(
        label=_("Confidential comments for the editor"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class DeclineReviewForm(CleanTextMixin, forms.Form):
    """Why a reviewer turns an assignment down: optional, read by the editors only."""

    prefix = "decline"

    reason = forms.CharField(
        label=_("Why you cannot review it (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only the editors read it."),
    )


class DecisionForm(CleanTextMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("accept", _("Accept")),
            ("revise", _("Ask for a revision")),
            ("reject", _("Reject")),
        ],
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Message to the authors"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") in {"revise", "reject"} and not cleaned.get("message"):
            self.add_error("message", _("Tell the authors why, or what to change."))
        return cleaned


class PlaceInIssueForm(CleanTextMixin, forms.Form):
    issue = forms.ModelChoiceField(
        label=_("Issue"),
        queryset=Issue.objects.none(),
        help_text=_("In a published issue, the article is published at once."),
    )
    position = forms.IntegerField(
        label=_("Position in the table of contents"),
        min_value=1,
        required=False,
        help_text=_("Empty: after the articles already in the issue."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issue"].queryset = Issue.objects.order_by("-date")


class IssueForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Issue
        fields = [
            "volume",
            "number",
            "year",
            "quarter",
            "date",
            "title",
            "cover",
            "cover_alt",
            "editorial",
            "pdf",
        ]
        widgets = {
            "editorial": forms.Textarea(attrs={"rows": 10}),
        }

    def clean_cover_alt(self):
        return require_cover_description(self)

    def clean(self):
        cleaned = super().clean()
        date, year = cleaned.get("date"), cleaned.get("year")
        if date and year and date.year != year:
            self.add_error("date", _("The date is not in the issue's year."))
        if date and cleaned.get("quarter") and (date.month - 1) // 3 + 1 != cleaned["quarter"]:
            self.add_error("quarter", _("The date is not in this quarter."))
        return cleaned


class PostForm(CleanTextMixin, forms.ModelForm):
    themes = ThemesField()
    publish = forms.BooleanField(label=_("Publish now"), required=False)

    class Meta:
        model = Post
        fields = [
            *fields_in_every_language("title"),
            "author",
            *fields_in_every_language("summary", "body"),
            "cover",
            "cover_alt",
        ]
        widgets = {"body": forms.Textarea(attrs={"rows": 16})}

    def clean_cover_alt(self):
        return require_cover_description(self)


class SearchForm(CleanTextMixin, forms.Form):
    q = forms.CharField(label=_("Search the magazine and the news"), max_length=200, required=False)
