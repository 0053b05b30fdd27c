"""What every form of the platform shares: text cleaned by `wsco.core.text.clean_text`."""

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.forms.boundfield import BoundField

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


class CleanTextMixin:
    """Clean every text field of a form as the API cleans its strings (`clean_text`).

    The submitted text is normalised to NFC before the field sees it; the field strips it, as
    Django's text fields do; a control character is refused on the field, naming it. Use it
    first among a form's bases: `class ArticleForm(CleanTextMixin, forms.Form)`.
    """

    bound_field_class = NormalizedBoundField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
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
