"""The standards' forms: the register's filters, and the staff's forms for standards and acts.

The staff's forms check their fields; the services check the whole (dates in order, an act
number once per country, a city of the act's country) and their errors are put back on the
form's fields by `add_service_errors`.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wsco.audits.models import City
from wsco.core.forms import CleanTextMixin
from wsco.core.models import Theme
from wsco.core.themes import THEMES_BY_SLUG
from wsco.standards.models import Adoption, AdoptionStatus, Edition, Standard
from wsco.standards.services import ADOPTION_FIELDS, STANDARD_FIELDS


class ThemeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return str(THEMES_BY_SLUG[obj.slug].name)


class AdoptionFilterForm(CleanTextMixin, forms.Form):
    """The register's filters (a GET form; every field is optional)."""

    standard = forms.ModelChoiceField(
        label=_("Standard"), queryset=Standard.objects.all(), required=False, to_field_name="slug"
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    year = forms.TypedChoiceField(label=_("Year of the act"), required=False, coerce=int)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["standard"].empty_label = _("Any standard")
        self.fields["status"].choices = [("", _("Any status")), *AdoptionStatus.choices]
        self.fields["year"].choices = [("", _("Any year")), *((y, str(y)) for y in years)]

    def filters(self) -> dict:
        """Return the valid filters as keyword arguments; invalid ones are left out."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's refusal on the form: on the fields it names, or on the whole form."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class StandardForm(CleanTextMixin, forms.ModelForm):
    themes = ThemeChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Standard
        fields = STANDARD_FIELDS

    def validate_unique(self) -> None:
        """Left to the service, which names the field that clashes."""


class EditionForm(CleanTextMixin, forms.ModelForm):
    replaces = forms.ModelChoiceField(
        label=_("Replaces"),
        queryset=Edition.objects.none(),
        required=False,
        help_text=_("The edition this one replaces, marked replaced by it."),
    )

    class Meta:
        model = Edition
        fields = ["year", "label", "published_on", "catalogue_key"]

    def __init__(self, *args, standard: Standard, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["replaces"].queryset = standard.editions.exclude(status="replaced")
        self.instance.standard = standard

    def validate_unique(self) -> None:
        """Left to the service."""


class AdoptionForm(CleanTextMixin, forms.ModelForm):
    official_url = forms.URLField(
        label=_("official link"), required=False, max_length=500, assume_scheme="https"
    )
    comment = forms.CharField(
        label=_("Note for the history"), required=False, max_length=1000, widget=forms.Textarea
    )

    class Meta:
        model = Adoption
        fields = ADOPTION_FIELDS
        widgets = {
            "obligations": forms.Textarea(attrs={"rows": 3}),
            "wsco_part": forms.Textarea(attrs={"rows": 2}),
            "sources": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = City.objects.order_by("name")
        self.fields["edition"].queryset = Edition.objects.select_related("standard")

    def _post_clean(self) -> None:
        """Left to the service: the form checks each field, the service the act as a whole."""

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in ADOPTION_FIELDS}


class StatusForm(CleanTextMixin, forms.Form):
    step = forms.ChoiceField(
        label=_("Change"),
        choices=[
            ("adopt", _("Adopted")),
            ("bring_into_force", _("In force")),
            ("amend", _("Amended")),
            ("repeal", _("Repealed")),
        ],
    )
    on = forms.DateField(label=_("On"), required=False, help_text=_("Empty: today."))
    comment = forms.CharField(label=_("Note for the history"), required=False, max_length=1000)
