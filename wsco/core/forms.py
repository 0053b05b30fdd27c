"""What every form of the platform shares: text cleaned by `wsco.core.text.clean_text`, and
date fields that keep their value in every language."""

from django import forms
from django.contrib.admin.widgets import AdminDateWidget
from django.core.validators import ProhibitNullCharactersValidator
from django.forms.boundfield import BoundField
from django.utils.translation import gettext_lazy as _

from wsco.core.text import normalize_text, refuse_control_characters


def cleans_text(field: forms.Field) -> bool:
    """Return whether `field` takes text to clean (passwords, `strip=False`, are taken as typed)."""
    return isinstance(field, forms.CharField) and field.strip


class NormalizedBoundField(BoundField):
    """A field's submitted text in NFC, before the field cleans and checks it."""

    @property
    def data(self):
        value = super().data
        if isinstance(value, str) and cleans_text(self.field):
            return normalize_text(value)
        return value


class IsoDateInput(forms.DateInput):
    """A browser's date picker: its value is ISO `Y-m-d` in every language.

    A `type="date"` input shows the reader's format but takes and sends ISO; given Django's
    localized value ("06.12.2026" in Romanian) it shows nothing and the date is lost.
    """

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class IsoDateTimeInput(forms.DateTimeInput):
    """A browser's date-and-time picker, valued as ISO `Y-m-dTH:M` in every language."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


def use_iso_date_inputs(field: forms.Field) -> None:
    """Give a date or date-time field the ISO picker, keeping the attributes its form set.

    The fields still accept the language's own formats (`wsco/formats/`), and ISO in any language,
    so a value typed by hand or sent by a script is read as well. The admin's own calendar widget
    is left to the admin: it writes and reads the language's first input format, consistently.
    """
    if isinstance(field.widget, AdminDateWidget):
        return
    if isinstance(field, forms.DateTimeField):
        widget_class = IsoDateTimeInput
    elif isinstance(field, forms.DateField):
        widget_class = IsoDateInput
    else:
        return
    if type(field.widget) is widget_class:
        return
    attrs = {key: value for key, value in field.widget.attrs.items() if key != "type"}
    field.widget = widget_class(attrs=attrs)
    field.widget.is_required = field.required


class CleanTextMixin:
    """Clean every text field of a form as the API cleans its strings (`clean_text`).

    The submitted text is normalised to NFC before the field sees it; the field strips it, as
    Django's text fields do; a control character is refused on the field, naming it. Every date
    and date-time field gets the ISO picker (`use_iso_date_inputs`). Use it first among a form's
    bases: `class ArticleForm(CleanTextMixin, forms.Form)`.
    """

    bound_field_class = NormalizedBoundField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            use_iso_date_inputs(field)
            if cleans_text(field):
                # One message for NUL and its kin, not Django's and ours side by side.
                field.validators = [
                    validator
                    for validator in field.validators
                    if not isinstance(validator, ProhibitNullCharactersValidator)
                ]
                field.validators.append(refuse_control_characters)


class CleanModelForm(CleanTextMixin, forms.ModelForm):
    """The model form the admin builds, with its text cleaned as everywhere else."""


class CleanTextAdmin:
    """Give an admin class (or inline) forms that clean their text: put it first among its bases."""

    form = CleanModelForm


def with_clean_text(admin_class: type) -> type:
    """Return a subclass of another library's admin class whose form also cleans its text."""
    form = type(admin_class.form.__name__, (CleanTextMixin, admin_class.form), {})
    return type(admin_class.__name__, (admin_class,), {"form": form})


class StyleguideForm(CleanTextMixin, forms.Form):
    """A form shown bound with wrong answers on the styleguide, for its help and its errors."""

    name = forms.CharField(
        label=_("Organization name"), help_text=_("As it appears on your statutes.")
    )
    email = forms.EmailField(
        label=_("Contact email"), help_text=_("We write to this address about your membership.")
    )
    newsletter = forms.BooleanField(label=_("Send me the newsletter"), required=False)


def search_field(*, label, help_text="") -> forms.CharField:
    """Return a search box: optional, at most 200 characters, without the browser's memory."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        help_text=help_text,
    )


class SiteSearchForm(CleanTextMixin, forms.Form):
    """The site-wide search box (a GET form)."""

    q = search_field(
        label=_("Search WSCO"),
        help_text=_("People, organizations, articles, news: words of three letters or more."),
    )
