"""The events' forms: registering, the door, payments, meetings, feedback and the agenda."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from wsco.core.forms import CleanTextMixin, IsoDateInput, IsoDateTimeInput
from wsco.core.models import Theme
from wsco.events.models import SessionType


class RegisterForm(CleanTextMixin, forms.Form):
    ticket_type = forms.ChoiceField(label=_("Ticket"))

    def __init__(self, *args, ticket_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ticket_type"].choices = [(ticket.pk, ticket.label) for ticket in ticket_types]


class CheckInForm(CleanTextMixin, forms.Form):
    code = forms.CharField(
        label=_("Ticket code"),
        max_length=40,
        help_text=_("Type the code printed under the QR code, or scan it."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "autofocus": True}
        ),
    )


class PaymentForm(CleanTextMixin, forms.Form):
    amount = forms.DecimalField(label=_("Amount"), max_digits=10, decimal_places=2, min_value=0)
    reference = forms.CharField(label=_("Payment reference"), max_length=100)
    note = forms.CharField(
        label=_("Note on the invoice"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class MeetingRequestForm(CleanTextMixin, forms.Form):
    invitee = forms.TypedChoiceField(label=_("Whom to meet"), coerce=int)
    slot = forms.ChoiceField(label=_("When"))
    message = forms.CharField(
        label=_("Message"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, people, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["invitee"].choices = people
        self.fields["slot"].choices = slots


class FeedbackForm(CleanTextMixin, forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Rating"),
        coerce=int,
        choices=[(number, str(number)) for number in range(1, 6)],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ThemeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return str(obj.name)


class SessionForm(CleanTextMixin, forms.Form):
    """A session of the agenda. Member speakers are named by their accounts' email addresses,
    one a line (as a course's instructors are): a list of every member would be a select of
    thousands of rows nobody could use with a keyboard or a screen reader."""

    title = forms.CharField(label=_("Title"), max_length=200)
    session_type = forms.ChoiceField(label=_("Type"), choices=SessionType.choices)
    room = forms.CharField(label=_("Room"), max_length=100)
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=IsoDateTimeInput())
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=IsoDateTimeInput())
    speakers = forms.CharField(
        label=_("Member speakers"),
        required=False,
        help_text=_("The email addresses of the members' accounts, one a line."),
        widget=forms.Textarea(attrs={"rows": 2, "autocomplete": "off", "spellcheck": "false"}),
    )
    guest_speakers = forms.CharField(
        label=_("Guest speakers"),
        required=False,
        help_text=_("One guest a line: name, then role."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    themes = ThemeChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.order_by("clause"),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    abstract = forms.CharField(
        label=_("Abstract"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, session=None, **kwargs):
        super().__init__(*args, **kwargs)
        # A speaker the session has already (a pitch's submitter, who may not be a member)
        # stays accepted when the session is changed.
        self.current_speakers = list(session.speakers.all()) if session else []
        if session is not None and not self.is_bound:
            self.initial["speakers"] = "\n".join(
                sorted(speaker.email for speaker in self.current_speakers)
            )
            self.initial["themes"] = list(session.themes.all())

    def clean_speakers(self) -> list:
        """Return the accounts of the addresses typed: current members, or speakers already."""
        text = self.cleaned_data["speakers"].replace(",", "\n")
        emails = list(dict.fromkeys(line.strip().lower() for line in text.splitlines()))
        emails = [email for email in emails if email]
        found = {
            user.email.lower(): user
            for user in get_user_model().objects.filter(email__in=emails, profile__is_member=True)
        }
        for speaker in self.current_speakers:
            found.setdefault(speaker.email.lower(), speaker)
        unknown = [email for email in emails if email not in found]
        if unknown:
            raise forms.ValidationError(
                _("No current member has these addresses: %(emails)s."),
                code="not_member",
                params={"emails": ", ".join(unknown)},
            )
        return [found[email] for email in emails]


class SubmissionForm(CleanTextMixin, forms.Form):
    """A project submitted to a call: one of the person's projects, or a new one."""

    project = forms.ModelChoiceField(
        label=_("Your project"),
        queryset=None,
        required=False,
        empty_label=_("A new project"),
    )
    title = forms.CharField(
        label=_("New project's title"),
        max_length=200,
        required=False,
        help_text=_("Only for a new project."),
    )
    summary = forms.CharField(label=_("New project's summary"), max_length=300, required=False)
    pitch = forms.CharField(label=_("Pitch"), widget=forms.Textarea(attrs={"rows": 5}))
    themes = ThemeChoiceField(label=_("Themes"), queryset=None)

    def __init__(self, *args, projects, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects
        self.fields["themes"].queryset = themes


class AssignReviewerForm(CleanTextMixin, forms.Form):
    reviewer = forms.ModelChoiceField(label=_("Reviewer"), queryset=None)
    due_on = forms.DateField(label=_("Due on"), widget=IsoDateInput())

    def __init__(self, *args, reviewers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = reviewers


class DecisionForm(CleanTextMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept as a pitch")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Message to the submitter"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    room = forms.CharField(label=_("Room of the pitch"), max_length=100, required=False)
    starts_at = forms.DateTimeField(
        label=_("Time of the pitch"), required=False, widget=IsoDateTimeInput()
    )


def score_form(criteria: list[str]):
    """Return a form with a 1-5 score for each of `criteria`, and a comment."""
    fields = {
        f"score_{index}": forms.TypedChoiceField(
            label=criterion,
            coerce=int,
            choices=[(number, str(number)) for number in range(1, 6)],
            widget=forms.RadioSelect,
        )
        for index, criterion in enumerate(criteria)
    }
    fields["comment"] = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    return type("ScoreForm", (CleanTextMixin, forms.Form), fields)
