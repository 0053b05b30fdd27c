"""The working groups' forms: problems, evidence, comments, solutions, meetings and minutes."""

import zoneinfo

from django import forms
from django.utils.translation import gettext_lazy as _

from wsco.accounts.models import User
from wsco.core.forms import CleanTextMixin, IsoDateInput, IsoDateTimeInput
from wsco.core.models import Theme
from wsco.core.uploads import UploadFormField
from wsco.groups.models import ProblemStatus, Severity, WorkingGroup


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        profile = getattr(obj, "profile", None)
        return profile.name if profile else obj.email


def _group_members(group):
    return User.objects.filter(
        group_memberships__group=group, group_memberships__status="active"
    ).select_related("profile")


class ProblemForm(CleanTextMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea, help_text=_("Markdown.")
    )
    affected = forms.CharField(label=_("Who is affected"), max_length=300)
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices)
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Without a choice, the group's themes."),
    )


class EvidenceForm(CleanTextMixin, forms.Form):
    title = forms.CharField(label=_("What it shows"), max_length=200)
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")
    file = UploadFormField(
        label=_("File (PDF, picture, XLSX or CSV)"), kind="evidence", required=False
    )

    def clean(self):
        data = super().clean()
        if not data.get("url") and not data.get("file"):
            self.add_error("url", _("Give a link or a file."))
        return data


class CommentForm(CleanTextMixin, forms.Form):
    body = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))
    solution = forms.IntegerField(required=False, widget=forms.HiddenInput)


class StepForm(CleanTextMixin, forms.Form):
    step = forms.ChoiceField(
        label=_("Step"),
        choices=[
            ("analyse", _("Mark as analysed")),
            ("resolve", _("Mark as resolved")),
            ("dismiss", _("Dismiss")),
            ("reopen", _("Reopen")),
        ],
    )
    reason = forms.CharField(
        label=_("Reason or note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class MergeForm(CleanTextMixin, forms.Form):
    into = forms.ModelChoiceField(label=_("Merge into"), queryset=None)

    def __init__(self, *args, problem, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = problem.group.problems.exclude(pk=problem.pk).exclude(
            status__in=[ProblemStatus.MERGED, ProblemStatus.DISMISSED]
        )


class SolutionForm(CleanTextMixin, forms.Form):
    title = forms.CharField(label=_("Solution"), max_length=200)
    body = forms.CharField(label=_("Proposal"), widget=forms.Textarea, help_text=_("Markdown."))


class AcceptForm(CleanTextMixin, forms.Form):
    votes_for = forms.IntegerField(label=_("Votes for"), min_value=0, required=False)
    votes_against = forms.IntegerField(label=_("Votes against"), min_value=0, required=False)
    abstentions = forms.IntegerField(label=_("Abstentions"), min_value=0, required=False)
    note = forms.CharField(label=_("Decision"), required=False, max_length=2000)


class MeetingForm(CleanTextMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    local_start = forms.DateTimeField(
        label=_("Starts at (the place's local time)"), widget=IsoDateTimeInput
    )
    time_zone = forms.ChoiceField(label=_("Time zone"), initial="Europe/Bucharest")
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=5, initial=90)
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    link = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    problems = forms.ModelMultipleChoiceField(
        label=_("Agenda: problems to present"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, group: WorkingGroup, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = [
            (zone, zone) for zone in sorted(zoneinfo.available_timezones()) if "/" in zone
        ]
        self.fields["problems"].queryset = group.problems.filter(
            status__in=[
                ProblemStatus.SOLUTION_PROPOSED,
                ProblemStatus.PRESENTED,
                ProblemStatus.ANSWERED,
            ]
        )

    def clean(self):
        data = super().clean()
        if not data.get("place") and not data.get("link"):
            self.add_error("place", _("Give a place, an online link, or both."))
        return data


class AttendeeForm(CleanTextMixin, forms.Form):
    user = MemberChoiceField(label=_("A member of the group"), queryset=None, required=False)
    name = forms.CharField(label=_("Or a decision maker's name"), max_length=200, required=False)
    office = forms.CharField(label=_("Office"), max_length=200, required=False)
    institution = forms.CharField(label=_("Institution"), max_length=200, required=False)
    email = forms.EmailField(label=_("Email (seen by the group only)"), required=False)
    phone = forms.CharField(
        label=_("Phone (seen by the group only)"), max_length=40, required=False
    )
    is_decision_maker = forms.BooleanField(label=_("Decision maker"), required=False)

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = _group_members(group)

    def clean(self):
        data = super().clean()
        if not data.get("user") and not data.get("name"):
            self.add_error("name", _("Choose a member or give the decision maker's name."))
        return data


class MinutesForm(CleanTextMixin, forms.Form):
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea, help_text=_("Markdown."))
    publish = forms.BooleanField(label=_("Publish the minutes"), required=False)


class DecisionForm(CleanTextMixin, forms.Form):
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 2}))
    problem = forms.ModelChoiceField(label=_("About"), queryset=None, required=False)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["problem"].queryset = meeting.problems.all()


class ActionItemForm(CleanTextMixin, forms.Form):
    title = forms.CharField(label=_("Action"), max_length=300)
    owner = MemberChoiceField(label=_("Owner"), queryset=None)
    due_on = forms.DateField(label=_("Due on"), widget=IsoDateInput)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _group_members(meeting.group)


class AnswerForm(CleanTextMixin, forms.Form):
    problem = forms.ModelChoiceField(label=_("Problem"), queryset=None)
    decision_maker = forms.ModelChoiceField(
        label=_("Decision maker"), queryset=None, required=False
    )
    given_by = forms.CharField(
        label=_("Or who answered"),
        max_length=300,
        required=False,
        help_text=_("Name, office and institution."),
    )
    text = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 3}))
    commitment = forms.CharField(
        label=_("Commitment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    follow_up_on = forms.DateField(label=_("Follow up on"), required=False, widget=IsoDateInput)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["problem"].queryset = meeting.problems.all()
        self.fields["decision_maker"].queryset = meeting.attendees.filter(is_decision_maker=True)


class ProblemFilterForm(CleanTextMixin, forms.Form):
    theme = forms.ModelChoiceField(
        label=_("Theme"), queryset=Theme.objects.all(), to_field_name="slug", required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any status")), *ProblemStatus.choices], required=False
    )
    group = forms.ModelChoiceField(
        label=_("Group"), queryset=None, to_field_name="slug", required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = WorkingGroup.objects.visible_to(user)
