"""Forms of the audits' pages: the team, the auditors' queries and the city's answers."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wsco.accounts.models import Role, User
from wsco.core.forms import CleanTextMixin

STATEMENT = _(
    "I checked each value of this audit against its evidence and source, and every query "
    "raised is settled. I am independent of the city and entered none of its data."
)


class AuditorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        profile = getattr(obj, "profile", None)
        return f"{profile.name} ({obj.email})" if profile else obj.email


class AddAuditorForm(CleanTextMixin, forms.Form):
    """Choose a member holding the auditor role who is not on the audit yet."""

    user = AuditorChoiceField(label=_("Auditor"), queryset=User.objects.none())

    def __init__(self, *args, audit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            User.objects.filter(role_grants__role=Role.AUDITOR, is_active=True)
            .exclude(audit_roles__audit=audit)
            .select_related("profile")
            .order_by("email")
        )


class QuestionForm(CleanTextMixin, forms.Form):
    question = forms.CharField(label=_("Question to the city"), max_length=4000)


class AnswerForm(CleanTextMixin, forms.Form):
    """The city's answer: a text, and a new value (or numerator, denominator) if it changes."""

    answer = forms.CharField(label=_("Answer"), max_length=4000)
    value = forms.CharField(label=_("New value"), max_length=60, required=False)
    numerator = forms.CharField(label=_("New numerator"), max_length=60, required=False)
    denominator = forms.CharField(label=_("New denominator"), max_length=60, required=False)

    def changes(self, *, reported: bool) -> dict:
        """Return the values given to change, by field (empty: the answer explains)."""
        names = ["numerator", "denominator", "value"] if reported else ["value"]
        return {name: self.cleaned_data[name] for name in names if self.cleaned_data[name]}


class CommentForm(CleanTextMixin, forms.Form):
    comment = forms.CharField(label=_("Comment"), max_length=4000, required=False)


class RequiredCommentForm(CleanTextMixin, forms.Form):
    comment = forms.CharField(label=_("Comment"), max_length=4000)


class ReasonForm(CleanTextMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=4000)


class SignatureForm(CleanTextMixin, forms.Form):
    statement = forms.CharField(
        label=_("Statement"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
