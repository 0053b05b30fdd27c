"""The audits app's forms: officials, new audits, values and imports, the team, queries, answers."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wsco.accounts.models import Role, User
from wsco.audits.models import EDITIONS, City
from wsco.core.forms import CleanTextMixin
from wsco.core.uploads import UploadFormField

# What an import takes: the audit's own template (XLSX) or the same columns as CSV.
IMPORT_EXTENSIONS = ("xlsx", "csv")


STATEMENT = gettext_lazy(
    "I checked each value of this audit against its evidence and source, and every query "
    "raised is settled. I am independent of the city and entered none of its data."
)


class AuditorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        profile = getattr(obj, "profile", None)
        return f"{profile.name} ({obj.email})" if profile else obj.email


class AddAuditorForm(CleanTextMixin, forms.Form):
    """Choose a member holding the auditor role who is not on the audit yet."""

    user = AuditorChoiceField(label=gettext_lazy("Auditor"), queryset=User.objects.none())

    def __init__(self, *args, audit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            User.objects.filter(role_grants__role=Role.AUDITOR, is_active=True)
            .exclude(audit_roles__audit=audit)
            .select_related("profile")
            .order_by("email")
        )


class QuestionForm(CleanTextMixin, forms.Form):
    question = forms.CharField(label=gettext_lazy("Question to the city"), max_length=4000)


class AnswerForm(CleanTextMixin, forms.Form):
    """The city's answer: a text, and a new value (or numerator, denominator) if it changes."""

    answer = forms.CharField(label=gettext_lazy("Answer"), max_length=4000)
    value = forms.CharField(label=gettext_lazy("New value"), max_length=60, required=False)
    numerator = forms.CharField(label=gettext_lazy("New numerator"), max_length=60, required=False)
    denominator = forms.CharField(
        label=gettext_lazy("New denominator"), max_length=60, required=False
    )

    def changes(self, *, reported: bool) -> dict:
        """Return the values given to change, by field (empty: the answer explains)."""
        names = ["numerator", "denominator", "value"] if reported else ["value"]
        return {name: self.cleaned_data[name] for name in names if self.cleaned_data[name]}


class CommentForm(CleanTextMixin, forms.Form):
    comment = forms.CharField(label=gettext_lazy("Comment"), max_length=4000, required=False)


class RequiredCommentForm(CleanTextMixin, forms.Form):
    comment = forms.CharField(label=gettext_lazy("Comment"), max_length=4000)


class ReasonForm(CleanTextMixin, forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=4000)


class SignatureForm(CleanTextMixin, forms.Form):
    statement = forms.CharField(
        label=gettext_lazy("Statement"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )


class OfficialForm(CleanTextMixin, forms.Form):
    """Name a member as an official of a city: by email, or from the municipality's people."""

    email = forms.EmailField(label=gettext_lazy("Member's email"), required=False)
    person = forms.ChoiceField(
        label=gettext_lazy("Or one of the municipality's people"), required=False
    )

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "—")] + [
            (str(user.pk), getattr(getattr(user, "profile", None), "name", "") or user.email)
            for user in people
        ]
        self.people = {str(user.pk): user for user in people}

    def clean(self):
        data = super().clean()
        email, person = data.get("email"), data.get("person")
        if person:
            data["user"] = self.people[person]
        elif email:
            user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
            if user is None or getattr(user, "profile", None) is None:
                raise forms.ValidationError(
                    {"email": _("No member has this email address.")}, code="unknown"
                )
            data["user"] = user
        elif not self.errors:
            raise forms.ValidationError(
                _("Give a member's email address or choose one of the municipality's people.")
            )
        return data


class NewAuditForm(CleanTextMixin, forms.Form):
    """Open an audit: a city, a data year and the editions audited."""

    city = forms.ModelChoiceField(label=gettext_lazy("City"), queryset=City.objects.none())
    year = forms.IntegerField(
        label=gettext_lazy("Data year"),
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
    )
    editions = forms.MultipleChoiceField(
        label=gettext_lazy("Editions audited"),
        choices=list(EDITIONS.items()),
        initial=["ISO37120:2018"],
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, cities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = cities


class BaseValueForm(CleanTextMixin, forms.Form):
    """One base variable: the value as written, its source and a comment."""

    value = forms.CharField(label=gettext_lazy("Value"), max_length=60, required=False)
    source = forms.CharField(label=gettext_lazy("Source"), max_length=300, required=False)
    comment = forms.CharField(
        label=gettext_lazy("Comment"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReportedValueForm(CleanTextMixin, forms.Form):
    """One indicator as the city reports it: numerator, denominator and value."""

    numerator = forms.CharField(label=gettext_lazy("Numerator"), max_length=60, required=False)
    denominator = forms.CharField(label=gettext_lazy("Denominator"), max_length=60, required=False)
    value = forms.CharField(label=gettext_lazy("Value"), max_length=60, required=False)
    source = forms.CharField(label=gettext_lazy("Source"), max_length=300, required=False)
    comment = forms.CharField(
        label=gettext_lazy("Comment"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class EvidenceForm(CleanTextMixin, forms.Form):
    """A document behind a value: PDF, picture, XLSX or CSV, checked by its content."""

    evidence = UploadFormField(label=gettext_lazy("Evidence"), kind="evidence")


class ImportForm(CleanTextMixin, forms.Form):
    """The audit's template, filled in, as XLSX (or the same columns as CSV)."""

    file = UploadFormField(label=gettext_lazy("Filled-in template"), kind="evidence")

    def clean_file(self):
        checked = self.cleaned_data["file"]
        if checked.name.rpartition(".")[2] not in IMPORT_EXTENSIONS:
            raise forms.ValidationError(
                _("Filled-in template: upload the XLSX template (or the same columns as CSV).")
            )
        return checked
