"""Forms of the network's pages: requests, messages, reports and the staff's introductions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wsco.core.forms import CleanTextMixin
from wsco.members.models import Profile, Visibility
from wsco.network.models import ReportReason
from wsco.network.services.introductions import MESSAGE_MAX_LENGTH

REQUEST_MESSAGE_MAX_LENGTH = 500


class IntroductionRequestForm(CleanTextMixin, forms.Form):
    message = forms.CharField(
        label=_("A short message"),
        max_length=REQUEST_MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Say who you are and why you would like to meet (at most 500 characters)."),
    )


class MessageForm(CleanTextMixin, forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReportForm(CleanTextMixin, forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=ReportReason.choices)
    details = forms.CharField(
        label=_("What happened"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only the secretariat reads this."),
    )
    block = forms.BooleanField(
        label=_("Also block this person"),
        required=False,
        initial=True,
        help_text=_("They will no longer be suggested to you, nor able to ask to meet you."),
    )


class ResolveReportForm(CleanTextMixin, forms.Form):
    resolution = forms.CharField(
        label=_("What the secretariat did"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MemberEmailField(forms.EmailField):
    """An email address that must belong to a current, listed member; cleans to the profile."""

    def clean(self, value):
        email = super().clean(value)
        profile = (
            Profile.objects.filter(user__email__iexact=email, is_member=True)
            .exclude(visibility=Visibility.HIDDEN)
            .select_related("user")
            .first()
        )
        if profile is None:
            raise forms.ValidationError(
                _("No current member has this email address."), code="not_member"
            )
        return profile


class StaffIntroductionForm(CleanTextMixin, forms.Form):
    first = MemberEmailField(label=_("First member's email address"))
    second = MemberEmailField(label=_("Second member's email address"))
    note = forms.CharField(
        label=_("Why they should meet"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Both members see this note from the secretariat."),
    )

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("first"), cleaned.get("second")
        if first and second and first.pk == second.pk:
            self.add_error("second", _("Choose two different members."))
        return cleaned
